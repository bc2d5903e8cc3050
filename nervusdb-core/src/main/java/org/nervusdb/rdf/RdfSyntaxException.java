package org.nervusdb.rdf;

import org.nervusdb.NervusDBException;

/**
 * RDF text (N-Triples, N-Quads, Turtle) that does not parse. Names the line and column (both from
 * 1; columns count Unicode code points, so a character outside the BMP counts once) of the
 * offending character.
 */
public class RdfSyntaxException extends NervusDBException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;
    private final String detail;

    public RdfSyntaxException(String message, int line, int column) {
        super("RDF_SYNTAX", "line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
        this.detail = message;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the position. */
    public String detail() {
        return detail;
    }
}
