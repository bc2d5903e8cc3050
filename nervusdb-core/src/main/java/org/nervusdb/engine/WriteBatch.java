package org.nervusdb.engine;

/**
 * An ordered list of puts and deletes committed atomically: one write-ahead log record, one
 * memtable run. Later operations on the same key win.
 *
 * <p>Encoding of an operation (also the WAL payload body, see docs/format/wal.md):
 * {@code kind u8 | varint keyLength | key | varint valueLength | value} with kind 1 = put and
 * 0 = delete (a delete has valueLength 0). Not thread-safe.
 */
public final class WriteBatch {
    public static final int DELETE = 0;
    public static final int PUT = 1;

    /** Bytes before the first operation, where {@link #seal} writes the sequence and count. */
    static final int HEADER = 12;

    private final ByteBuilder ops;
    private int count;
    // Decoded positions, filled by index().
    int[] keyOff;
    int[] keyLen;
    int[] valOff;
    int[] valLen;

    public WriteBatch() {
        this(1024);
    }

    /** A batch with room for about {@code capacity} bytes of operations before it grows. */
    public WriteBatch(int capacity) {
        ops = new ByteBuilder(HEADER + Math.max(16, capacity));
        ops.setLength(HEADER);
    }

    public void put(byte[] key, byte[] value) {
        add(PUT, key, value);
    }

    /** Puts the key {@code tag | body}. */
    void putTagged(byte tag, byte[] body, byte[] value) {
        ops.put(PUT).putVar(body.length + 1L).put(tag).put(body).putVar(value.length).put(value);
        count++;
        keyOff = null;
    }

    /** Puts the key {@code tag | id(a) | id(b) | id(c)} with an empty value. */
    void putIds(byte tag, long a, long b, long c) {
        int len = 1 + Bytes.idLength(a) + Bytes.idLength(b) + Bytes.idLength(c);
        ops.put(PUT).putVar(len).put(tag).putId(a).putId(b).putId(c).put(0);
        count++;
        keyOff = null;
    }

    public void delete(byte[] key) {
        add(DELETE, key, Bytes.EMPTY);
    }

    private void add(int kind, byte[] key, byte[] value) {
        ops.put(kind).putVar(key.length).put(key).putVar(value.length).put(value);
        count++;
        keyOff = null;
    }

    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Approximate encoded size. */
    public int byteSize() {
        return ops.length() - HEADER;
    }

    byte[] data() {
        return ops.array();
    }

    /**
     * Writes the payload header in place and returns the payload's length: the WAL payload
     * {@code sequence u64 | count u32 | operations} is then the first that many bytes of
     * {@link #data()}. No copy is made.
     */
    int seal(long sequence) {
        byte[] d = ops.array();
        Bytes.putLongLE(d, 0, sequence);
        Bytes.putIntLE(d, 8, count);
        return ops.length();
    }

    /** Parses a WAL payload made by {@link #seal}; throws IllegalStateException if malformed. */
    static WriteBatch decode(byte[] payload) {
        if (payload.length < 12) {
            throw new IllegalStateException("batch shorter than its header");
        }
        int n = Bytes.getIntLE(payload, 8);
        if (n < 0) {
            throw new IllegalStateException("negative operation count");
        }
        WriteBatch b = new WriteBatch(payload.length);
        b.ops.put(payload, HEADER, payload.length - HEADER);
        b.count = n;
        b.index();
        return b;
    }

    static long sequenceOf(byte[] payload) {
        return Bytes.getLongLE(payload, 0);
    }

    /** Locates every operation's key and value; validates the encoding. */
    void index() {
        if (keyOff != null) {
            return;
        }
        int[] ko = new int[count];
        int[] kl = new int[count];
        int[] vo = new int[count];
        int[] vl = new int[count];
        byte[] d = ops.array();
        int limit = ops.length();
        int[] pos = {HEADER};
        for (int i = 0; i < count; i++) {
            if (pos[0] >= limit) {
                throw new IllegalStateException("batch ends after " + i + " of " + count + " operations");
            }
            int kind = d[pos[0]++];
            if (kind != PUT && kind != DELETE) {
                throw new IllegalStateException("unknown operation kind " + kind);
            }
            int k = Bytes.readVarInt(d, pos, limit);
            if (k > limit - pos[0]) {
                throw new IllegalStateException("key runs past the batch");
            }
            ko[i] = pos[0];
            kl[i] = k;
            pos[0] += k;
            int v = Bytes.readVarInt(d, pos, limit);
            if (v > limit - pos[0]) {
                throw new IllegalStateException("value runs past the batch");
            }
            if (kind == DELETE && v != 0) {
                throw new IllegalStateException("delete operation with a value");
            }
            vo[i] = pos[0];
            vl[i] = kind == PUT ? v : -1;
            pos[0] += v;
        }
        if (pos[0] != limit) {
            throw new IllegalStateException("trailing bytes after the last operation");
        }
        keyOff = ko;
        keyLen = kl;
        valOff = vo;
        valLen = vl;
    }
}
