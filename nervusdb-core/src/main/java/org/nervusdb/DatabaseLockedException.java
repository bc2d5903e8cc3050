package org.nervusdb;

/** Another process, or another open handle in this process, holds the database. */
public class DatabaseLockedException extends NervusDBException {
    private static final long serialVersionUID = 1L;

    public DatabaseLockedException(String message) {
        super("LOCKED", message);
    }
}
