package org.nervusdb;


/** A query text that does not parse; names the line and column (both from 1). */
public class QuerySyntaxException extends NervusDBException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public QuerySyntaxException(String message, int line, int column) {
        super("QUERY_SYNTAX", "line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
