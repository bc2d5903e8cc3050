package org.nervusdb.engine;

/** A growable byte array for encoding records. Not thread-safe. */
public final class ByteBuilder {
    private byte[] buf;
    private int len;

    public ByteBuilder() {
        this(256);
    }

    public ByteBuilder(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int length() {
        return len;
    }

    public byte[] array() {
        return buf;
    }

    public void clear() {
        len = 0;
    }

    public void setLength(int n) {
        len = n;
    }

    public void ensure(int extra) {
        long need = (long) len + extra;
        if (need > buf.length) {
            if (need > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("buffer over 2 GiB");
            }
            long cap = Math.max(need, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 16));
            byte[] n = new byte[(int) cap];
            System.arraycopy(buf, 0, n, 0, len);
            buf = n;
        }
    }

    public ByteBuilder put(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    public ByteBuilder put(byte[] src) {
        return put(src, 0, src.length);
    }

    public ByteBuilder put(byte[] src, int off, int n) {
        ensure(n);
        System.arraycopy(src, off, buf, len, n);
        len += n;
        return this;
    }

    public ByteBuilder putVar(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            buf[len++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
        return this;
    }

    public ByteBuilder putIntLE(int v) {
        ensure(4);
        Bytes.putIntLE(buf, len, v);
        len += 4;
        return this;
    }

    public ByteBuilder putLongLE(long v) {
        ensure(8);
        Bytes.putLongLE(buf, len, v);
        len += 8;
        return this;
    }

    public ByteBuilder putId(long id) {
        ensure(9);
        len = Bytes.putId(buf, len, id);
        return this;
    }

    public byte[] toArray() {
        byte[] r = new byte[len];
        System.arraycopy(buf, 0, r, 0, len);
        return r;
    }
}
