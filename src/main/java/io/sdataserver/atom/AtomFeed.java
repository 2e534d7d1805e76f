package io.sdataserver.atom;

import io.sdataserver.diagnosis.Diagnosis;
import java.time.Instant;
import java.util.List;

/**
 * The header of a feed to write; paging figures are null for feeds without OpenSearch elements. {@code listSorts}
 * are the Simple List Extensions sort options (§3.6), empty when the feed is not a list of resources;
 * {@code diagnoses} are written in the feed (§3.10), warnings about what of the request was not applied.
 */
public record AtomFeed(String id, String title, Instant updated, String author, List<Link> links, String categoryTerm,
                       String categoryLabel, Long totalResults, Long startIndex, Integer itemsPerPage,
                       List<ListSort> listSorts, List<Diagnosis> diagnoses) {

    /** One sle:sort: a property of the entries' payload ({@code element} is its path, e.g. salesOrder/orderDate). */
    public record ListSort(String namespace, String element, String label, String dataType) { }

    public AtomFeed(String id, String title, Instant updated, String author, List<Link> links, String categoryTerm,
                    String categoryLabel, Long totalResults, Long startIndex, Integer itemsPerPage) {
        this(id, title, updated, author, links, categoryTerm, categoryLabel, totalResults, startIndex, itemsPerPage, List.of(),
                List.of());
    }
}
