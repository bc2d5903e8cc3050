package org.nervusdb;

/** A term is null where one is required, holds a lone UTF-16 surrogate, or exceeds the size limit. */
public class InvalidTermException extends NervusDBException {
    private static final long serialVersionUID = 1L;

    public InvalidTermException(String message) {
        super("INVALID_TERM", message);
    }
}
