package io.sdataserver.query;

/** One lexical unit of the query language; {@code text} is the decoded value for strings and dates. */
record Token(Kind kind, String text, int pos) {
    enum Kind { WORD, VARIABLE, NUMBER, STRING, DATE, SYMBOL, END }

    boolean is(String word) {
        return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
    }
}
