package io.sdataserver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Candidate keys for new resources, taken from each type's sequence a block at a time: on PostgreSQL a key per
 * create was a round trip of its own (a batch of creates spent half its time on them). A candidate is not checked
 * here; the INSERT that uses it checks that it is neither a row nor a tombstone (a key some client chose), and the
 * writer takes the next candidate when it was (see {@link TreeWriter#insertRow}).
 *
 * <p>Blocks grow from one key up to {@link #MAX_BLOCK} as a sequence is used, so a server that creates little leaves
 * small gaps when it stops (keys already have gaps: a rolled-back create spends its key too).
 */
final class KeyBlocks {
    static final int MAX_BLOCK = 64;

    private final Dialect dialect;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    KeyBlocks(Dialect dialect) { this.dialect = dialect; }

    private static final class Block {
        final ArrayDeque<String> keys = new ArrayDeque<>();
        int size = 1;
    }

    /** The next candidate key of the layout's type, in the order the sequence gave them. */
    String next(Connection c, TableLayout l) throws SQLException {
        Block b = blocks.computeIfAbsent(l.sequence(), s -> new Block());
        synchronized (b) {
            if (b.keys.isEmpty()) fill(c, l.sequence(), b);
            return b.keys.poll();
        }
    }

    private void fill(Connection c, String sequence, Block b) throws SQLException {
        // a sequence's values are not transactional: the caller's transaction may roll back, the block stays good
        // nor ordered: a batch entry running in a wave may take them whatever the other entries are doing
        String sql = "SELECT CAST(" + dialect.nextValueExpression(sequence) + " AS VARCHAR(200)) FROM " + dialect.series(b.size);
        try (PreparedStatement ps = Wave.unordered(c).prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) b.keys.add(rs.getString(1));
        }
        if (b.keys.isEmpty()) throw new IllegalStateException("sequence " + sequence + " gave no value");
        b.size = Math.min(MAX_BLOCK, b.size * 2);
    }
}
