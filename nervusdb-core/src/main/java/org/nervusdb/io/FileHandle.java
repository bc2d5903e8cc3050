package org.nervusdb.io;

/**
 * An open file with positional reads and writes. Closing is idempotent. Reads past the end of
 * the file throw {@link org.nervusdb.StorageException}; callers check {@link #size()} first.
 */
public interface FileHandle extends AutoCloseable {

    String name();

    long size();

    /** Reads exactly {@code len} bytes starting at {@code position}. */
    void read(long position, byte[] dst, int off, int len);

    /** Writes all {@code len} bytes at {@code position}, extending the file if needed. */
    void write(long position, byte[] src, int off, int len);

    /** Forces written data (and the file length) to stable storage. */
    void sync();

    /** Cuts the file to {@code size} bytes. */
    void truncate(long size);

    @Override
    void close();
}
