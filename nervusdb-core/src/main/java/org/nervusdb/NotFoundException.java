package org.nervusdb;

/** A write needs something the store does not hold, such as edge properties for an absent triple. */
public class NotFoundException extends NervusDBException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super("NOT_FOUND", message);
    }
}
