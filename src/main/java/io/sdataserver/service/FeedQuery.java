package io.sdataserver.service;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.diagnosis.Severity;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.store.CollectionQueries;
import io.sdataserver.store.Selection;
import io.sdataserver.store.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/** One feed request's rows, validated and ready to run: total, page, cursor of the next page, and its ETag. */
public final class FeedQuery {
    private final CollectionQueries queries;
    private final String ds;
    private final Selection selection;

    FeedQuery(CollectionQueries queries, String ds, Selection selection) {
        this.queries = queries;
        this.ds = ds;
        this.selection = selection;
    }

    public long total(UnitOfWork uow) { return queries.count(uow, ds, selection); }

    /** Warnings for the feed: what of the request could not be applied (a 200 carries no worse, ERR-9). */
    public List<Diagnosis> warnings() {
        List<Diagnosis> w = new ArrayList<>();
        for (String m : selection.sortWarnings()) w.add(new Diagnosis(Severity.warning, SDataCode.BadQueryParameter, null, m, null));
        return w;
    }

    /** The cursor behind the page's last row, for the next link; null when there is no full page. */
    public String cursorAfter(UnitOfWork uow, long startIndex, String after, int count) {
        return queries.cursorOfLast(uow, ds, selection, startIndex - 1, after, count);
    }

    public void page(UnitOfWork uow, long startIndex, String after, int count, Consumer<ResourceState> sink) {
        if (count > 0) queries.page(uow, ds, selection, startIndex - 1, after, count, sink);
    }

    /** A cursor from a next link must belong to this feed's order; anything else is a bad parameter. */
    public void checkCursor(String after) {
        if (after != null && !queries.isCursor(selection, after)) {
            throw SDataException.badParameter("_cursor is not a cursor of this feed; follow the next link as given");
        }
    }

    /**
     * A strong validator for the representation at {@code requestUri}: it changes whenever anything the feed can
     * show or select changes (the stamps of the tables it reads). It differs in form from entry ETags (base64 of 16
     * bytes, ending in ==), so a feed ETag never matches an entry (QRY-18).
     */
    public String etag(UnitOfWork uow, String requestUri) {
        String validator = queries.validator(uow, ds, selection);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((validator + "\u0000" + requestUri).getBytes(StandardCharsets.UTF_8));
            return "F" + Base64.getUrlEncoder().withoutPadding().encodeToString(md.digest()).substring(0, 26);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
