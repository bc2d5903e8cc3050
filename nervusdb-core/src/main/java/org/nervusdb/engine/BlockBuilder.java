package org.nervusdb.engine;

/**
 * Builds one block of sorted entries with prefix compression (see docs/format/sstable.md):
 *
 * <pre>
 * block   := entry* restart u32* restartCount u32
 * entry   := varint shared | varint unshared | varint (valueLength &lt;&lt; 1 | isPut)
 *            | key suffix[unshared] | value[valueLength]
 * </pre>
 *
 * Every {@link #RESTART_INTERVAL}th entry stores its whole key (shared = 0) and its offset is
 * listed as a restart point for binary search. Not thread-safe.
 */
final class BlockBuilder {
    static final int RESTART_INTERVAL = 16;

    private final ByteBuilder buf = new ByteBuilder(8192);
    private final ByteBuilder restarts = new ByteBuilder(256);
    private byte[] lastKey = Bytes.EMPTY;
    private int sinceRestart;
    private int entries;

    void reset() {
        buf.clear();
        restarts.clear();
        lastKey = Bytes.EMPTY;
        sinceRestart = 0;
        entries = 0;
    }

    boolean isEmpty() {
        return entries == 0;
    }

    int estimatedSize() {
        return buf.length() + restarts.length() + 8;
    }

    /** Adds an entry; {@code value == null} writes a tombstone. Keys must ascend strictly. */
    void add(byte[] key, byte[] value) {
        int shared = 0;
        if (sinceRestart < RESTART_INTERVAL && entries > 0) {
            int max = Math.min(lastKey.length, key.length);
            while (shared < max && lastKey[shared] == key[shared]) {
                shared++;
            }
        } else {
            restarts.putIntLE(buf.length());
            sinceRestart = 0;
        }
        int vlen = value == null ? 0 : value.length;
        buf.putVar(shared).putVar(key.length - shared).putVar(((long) vlen << 1) | (value == null ? 0 : 1));
        buf.put(key, shared, key.length - shared);
        if (vlen > 0) {
            buf.put(value);
        }
        lastKey = key;
        sinceRestart++;
        entries++;
    }

    byte[] finish() {
        int restartCount = restarts.length() / 4;
        buf.put(restarts.array(), 0, restarts.length());
        buf.putIntLE(restartCount);
        return buf.toArray();
    }
}
