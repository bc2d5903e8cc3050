package org.nervusdb;

/**
 * A property name or value NervusDB cannot store: a value that is not JSON-like (null, boolean,
 * number, string, list, map with string keys), a number that is not finite, a string with a lone
 * UTF-16 surrogate, a cycle, nesting deeper than the limit, or a value larger than the limit.
 */
public class InvalidPropertyException extends NervusDBException {
    private static final long serialVersionUID = 1L;

    public InvalidPropertyException(String message) {
        super("INVALID_PROPERTY", message);
    }
}
