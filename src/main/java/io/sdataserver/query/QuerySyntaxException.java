package io.sdataserver.query;

/**
 * A where-expression, selector or orderBy list that cannot be parsed or applied; carries the 1-based position.
 * An unsupported one is well-formed but asks for something this server cannot do (sorting through a collection):
 * a sort key of that kind is left out with a warning instead of failing the query (§6.3).
 */
public final class QuerySyntaxException extends RuntimeException {
    private final int position;
    private final boolean unsupported;

    public QuerySyntaxException(String message, int position) { this(message, position, false); }

    private QuerySyntaxException(String message, int position, boolean unsupported) {
        super(message + " (at position " + position + ")");
        this.position = position;
        this.unsupported = unsupported;
    }

    public static QuerySyntaxException unsupported(String message, int position) {
        return new QuerySyntaxException(message, position, true);
    }

    public int position() { return position; }
    public boolean isUnsupported() { return unsupported; }
}
