package org.nervusdb;

/** A file's content fails a checksum, magic or structural check. Names the file and byte offset. */
public class CorruptionException extends NervusDBException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long offset;

    public CorruptionException(String file, long offset, String detail) {
        super("CORRUPTION", "corrupt database file " + file + " at offset " + offset + ": " + detail);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file's name, relative to the database directory. */
    public String file() {
        return file;
    }

    /** Byte offset within {@link #file()} where the damage was found. */
    public long offset() {
        return offset;
    }
}
