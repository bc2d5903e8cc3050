package org.nervusdb;

/**
 * A write was refused because an earlier write or fsync failed. After such a failure the
 * on-disk state is no longer known to match memory, so the database accepts reads only until it
 * is closed and reopened (which recovers from the write-ahead log).
 */
public class ReadOnlyException extends NervusDBException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyException(String message, Throwable cause) {
        super("READ_ONLY", message, cause);
    }
}
