package org.nervusdb;

/** An operating-system or device level I/O failure (read, write, fsync, rename, delete). */
public class StorageException extends NervusDBException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super("IO", message);
    }

    public StorageException(String message, Throwable cause) {
        super("IO", message, cause);
    }
}
