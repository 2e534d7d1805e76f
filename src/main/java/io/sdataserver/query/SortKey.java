package io.sdataserver.query;

/** One entry of an orderBy list. */
public record SortKey(Expr.Path path, boolean descending) { }
