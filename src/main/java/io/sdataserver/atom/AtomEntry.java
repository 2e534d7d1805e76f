package io.sdataserver.atom;

import io.sdataserver.payload.PayloadSink;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * An entry to write. The payload is a callback that streams the resource into the writer's payload sink, so no
 * intermediate document is built.
 */
public record AtomEntry(String id, String title, Instant updated, List<Link> links, String categoryTerm,
                        String categoryLabel, String content, Consumer<PayloadSink> payload, String etag, Instant published,
                        String author) {

    public AtomEntry(String id, String title, Instant updated, List<Link> links, String categoryTerm, String categoryLabel,
                     String content, Consumer<PayloadSink> payload, String etag) {
        this(id, title, updated, links, categoryTerm, categoryLabel, content, payload, etag, null, null);
    }
}
