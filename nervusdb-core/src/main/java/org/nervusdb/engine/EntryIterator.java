package org.nervusdb.engine;

/**
 * A sorted cursor over key/value entries, including tombstones. Keys ascend in unsigned byte
 * order. Not thread-safe; one reader at a time.
 */
public interface EntryIterator {

    /** Positions at the first entry whose key is {@code >= target}. */
    void seek(byte[] target);

    void seekToFirst();

    boolean valid();

    void next();

    byte[] key();

    /** The value, or {@code null} for a tombstone. */
    byte[] value();

    boolean isTombstone();
}
