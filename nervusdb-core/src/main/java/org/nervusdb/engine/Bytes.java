package org.nervusdb.engine;

/**
 * Byte-level helpers shared by every on-disk format: unsigned comparison, LEB128 varints,
 * little-endian fixed-width integers, and the order-preserving id encoding used inside keys.
 */
public final class Bytes {
    public static final byte[] EMPTY = new byte[0];

    private Bytes() {
    }

    /** Unsigned lexicographic comparison of two byte ranges. */
    public static int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        int n = Math.min(aLen, bLen);
        for (int i = 0; i < n; i++) {
            int x = a[aOff + i] & 0xff;
            int y = b[bOff + i] & 0xff;
            if (x != y) {
                return x - y;
            }
        }
        return aLen - bLen;
    }

    public static int compare(byte[] a, byte[] b) {
        return compare(a, 0, a.length, b, 0, b.length);
    }

    /**
     * The first eight bytes of a range, big-endian and zero-padded, as an unsigned number: a
     * smaller head means a smaller key; equal heads need the full comparison.
     */
    static long head(byte[] b, int off, int len) {
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = h << 8 | (i < len ? b[off + i] & 0xff : 0);
        }
        return h;
    }

    public static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, or {@code null}
     * when no such key exists (the prefix is all 0xff bytes).
     */
    public static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] r = new byte[i + 1];
                System.arraycopy(prefix, 0, r, 0, i + 1);
                r[i]++;
                return r;
            }
        }
        return null;
    }

    public static int getIntLE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    public static long getLongLE(byte[] b, int off) {
        return (getIntLE(b, off) & 0xffffffffL) | ((long) getIntLE(b, off + 4)) << 32;
    }

    public static void putIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static void putLongLE(byte[] b, int off, long v) {
        putIntLE(b, off, (int) v);
        putIntLE(b, off + 4, (int) (v >>> 32));
    }

    /** Number of bytes of the order-preserving encoding of a non-negative id. */
    public static int idLength(long id) {
        int n = 1;
        while (n < 8 && (id >>> (8 * n)) != 0) {
            n++;
        }
        return 1 + n;
    }

    /**
     * Writes {@code id} (non-negative) as a length byte {@code n} (1..8) followed by {@code n}
     * big-endian bytes. Unsigned byte order of encodings equals numeric order of ids.
     */
    public static int putId(byte[] b, int off, long id) {
        int len = idLength(id) - 1;
        b[off] = (byte) len;
        for (int i = 0; i < len; i++) {
            b[off + 1 + i] = (byte) (id >>> (8 * (len - 1 - i)));
        }
        return off + 1 + len;
    }

    /**
     * Reads an id written by {@link #putId}; returns -1 when the bytes are not a valid id,
     * including a longer-than-needed encoding (each id has exactly one) and a negative value.
     */
    public static long getId(byte[] b, int off, int limit) {
        if (off >= limit) {
            return -1;
        }
        int len = b[off];
        if (len < 1 || len > 8 || off + 1 + len > limit || (len > 1 && b[off + 1] == 0)
                || (len == 8 && b[off + 1] < 0)) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[off + 1 + i] & 0xff);
        }
        return v;
    }

    /** Reads the varint at {@code pos[0]}, advancing it; throws IllegalStateException if malformed. */
    public static long readVarLong(byte[] b, int[] pos, int limit) {
        int p = pos[0];
        // One byte (values below 128) is by far the most common length in blocks and indexes.
        if (p < limit && b[p] >= 0) {
            pos[0] = p + 1;
            return b[p];
        }
        long result = 0;
        int shift = 0;
        while (true) {
            if (p >= limit || shift > 63) {
                throw new IllegalStateException("malformed varint");
            }
            int x = b[p++];
            result |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                // Only the shortest form is valid: no trailing zero group, no bits beyond 64.
                if ((x == 0 && shift > 0) || (shift == 63 && x > 1)) {
                    throw new IllegalStateException("malformed varint");
                }
                break;
            }
            shift += 7;
        }
        pos[0] = p;
        return result;
    }

    public static int readVarInt(byte[] b, int[] pos, int limit) {
        long v = readVarLong(b, pos, limit);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalStateException("varint out of range");
        }
        return (int) v;
    }

    public static String hex(byte[] b, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length && i < max; i++) {
            int v = b[i] & 0xff;
            sb.append("0123456789abcdef".charAt(v >>> 4)).append("0123456789abcdef".charAt(v & 15));
        }
        if (b.length > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
