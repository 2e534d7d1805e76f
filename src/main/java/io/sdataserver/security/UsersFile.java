package io.sdataserver.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The users of {@code --users FILE}: one a line, {@code name:bcrypt-hash:grant,grant,...} ({@code #} starts a
 * comment). The file is read again when it changes, without a restart; a change that does not parse keeps the
 * users as they were (and says so in the log). Verified credentials are remembered until the file changes, so
 * bcrypt runs once per user and password, not once per request.
 */
public final class UsersFile {
    private static final Logger LOG = Logger.getLogger(UsersFile.class.getName());

    private record User(String name, String hash, List<Grant> grants) { }

    private final Path path;
    private volatile Map<String, User> users;
    private volatile FileTime stamp;
    private volatile long checkedAt;
    /** SHA-256 of name, NUL, password, of credentials bcrypt accepted for the current file. */
    private final Map<String, Caller> verified = new ConcurrentHashMap<>();

    public UsersFile(Path path) {
        this.path = path;
        try {
            this.stamp = Files.getLastModifiedTime(path);
            this.users = parse(Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("--users " + path + " cannot be read: " + e.getMessage());
        }
    }

    /** The caller these credentials prove, or null. */
    public Caller verify(String name, String password) {
        reloadIfChanged();
        String key = digest(name, password);
        Caller known = verified.get(key);
        if (known != null) return known;
        User u = users.get(name);
        if (u == null) {
            // as slow as a real check, so that a response time does not tell which names exist
            BCrypt.verifyer().verify(password.toCharArray(), DUMMY);
            return null;
        }
        if (!BCrypt.verifyer().verify(password.toCharArray(), u.hash().toCharArray()).verified) return null;
        Caller c = Caller.of(u.name(), u.grants());
        verified.put(key, c);
        return c;
    }

    private static final char[] DUMMY = BCrypt.withDefaults().hashToChar(10, "dummy password".toCharArray());

    private void reloadIfChanged() {
        long now = System.nanoTime();
        if (now - checkedAt < 1_000_000_000L) return; // at most one stat a second
        checkedAt = now;
        try {
            FileTime t = Files.getLastModifiedTime(path);
            if (t.equals(stamp)) return;
            Map<String, User> fresh = parse(Files.readAllLines(path, StandardCharsets.UTF_8));
            synchronized (this) {
                users = fresh;
                stamp = t;
                verified.clear();
            }
            LOG.info("users file " + path + " reloaded: " + fresh.size() + " users");
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "users file " + path + " not reloaded, the previous users stay: " + e.getMessage());
        }
    }

    static Map<String, User> parse(List<String> lines) {
        Map<String, User> out = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split(":", 3);
            if (parts.length < 2 || parts[0].isBlank()) throw new IllegalArgumentException("line " + (i + 1) + " is not name:hash:grants");
            String hash = parts[1].trim();
            if (!hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": the hash of " + parts[0] + " is not a bcrypt hash (hash-password makes one)");
            }
            List<Grant> grants = new ArrayList<>();
            if (parts.length == 3 && !parts[2].isBlank()) {
                for (String g : parts[2].split(",")) {
                    try {
                        grants.add(Grant.parse(g));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
                    }
                }
            }
            if (out.put(parts[0].trim(), new User(parts[0].trim(), hash, grants)) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": user " + parts[0] + " appears twice");
            }
        }
        return out;
    }

    /** One digest per thread: looking the algorithm up for each request cost more than hashing the credentials. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static String digest(String name, String password) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(password.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    /** A bcrypt hash of a password, for the users file ({@code hash-password}). */
    public static String hash(char[] password) { return BCrypt.withDefaults().hashToString(12, password); }
}
