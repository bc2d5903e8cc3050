package org.nervusdb;

/** The database, snapshot or cursor was used after it was closed. */
public class DatabaseClosedException extends NervusDBException {
    private static final long serialVersionUID = 1L;

    public DatabaseClosedException(String what) {
        super("CLOSED", what + " is closed");
    }
}
