package io.sdataserver.query;

/** A where-expression, selector or orderBy list that cannot be parsed or applied; carries the 1-based position. */
public final class QuerySyntaxException extends RuntimeException {
    private final int position;

    public QuerySyntaxException(String message, int position) {
        super(message + " (at position " + position + ")");
        this.position = position;
    }

    public int position() { return position; }
}
