package io.sdataserver.atom;

import java.time.Instant;
import java.util.List;

/** The header of a feed to write; paging figures are null for feeds without OpenSearch elements. */
public record AtomFeed(String id, String title, Instant updated, String author, List<Link> links, String categoryTerm,
                       String categoryLabel, Long totalResults, Long startIndex, Integer itemsPerPage) { }
