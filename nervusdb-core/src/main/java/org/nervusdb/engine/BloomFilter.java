package org.nervusdb.engine;

/**
 * A Bloom filter over 64-bit key hashes (see docs/format/sstable.md, filter block): a bit array
 * followed by one byte giving the probe count. Probes use double hashing, bit_i = h1 + i*h2
 * modulo the bit count.
 */
final class BloomFilter {
    static final int BITS_PER_KEY = 10;

    private BloomFilter() {
    }

    static byte[] build(long[] hashes, int n) {
        return build(hashes, n, Integer.MAX_VALUE - 16);
    }

    /** As {@link #build(long[], int)} with at most {@code maxBitBytes} bytes of bits. */
    static byte[] build(long[] hashes, int n, int maxBitBytes) {
        int k = Math.max(1, Math.min(30, (int) Math.round(BITS_PER_KEY * 0.69)));
        long bits = Math.max(64, (long) n * BITS_PER_KEY);
        int bytes = (int) Math.max(8, Math.min((bits + 7) / 8, maxBitBytes));
        bits = (long) bytes * 8;
        byte[] f = new byte[bytes + 1];
        for (int i = 0; i < n; i++) {
            long h = hashes[i];
            // bit_j = (h1 + j*h2) mod bits, stepped without a division per probe.
            long bit = (h & 0xffffffffL) % bits;
            long step = ((h >>> 32) | 1) % bits;
            for (int j = 0; j < k; j++) {
                f[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                bit += step;
                if (bit >= bits) {
                    bit -= bits;
                }
            }
        }
        f[bytes] = (byte) k;
        return f;
    }

    static boolean mayContain(byte[] f, long h) {
        int bytes = f.length - 1;
        if (bytes <= 0) {
            return true;
        }
        int k = f[bytes];
        if (k < 1 || k > 30) {
            return true;
        }
        long bits = (long) bytes * 8;
        long bit = (h & 0xffffffffL) % bits;
        long step = ((h >>> 32) | 1) % bits;
        for (int j = 0; j < k; j++) {
            if ((f[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
            bit += step;
            if (bit >= bits) {
                bit -= bits;
            }
        }
        return true;
    }

    /** A 64-bit hash of a byte range (multiply-rotate mixing, then a 64-bit finalizer). */
    static long hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ (len * 0xC2B2AE3D27D4EB4FL);
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            long k = Bytes.getLongLE(b, i);
            k *= 0x87C37B91114253D5L;
            k = Long.rotateLeft(k, 31);
            k *= 0x4CF5AD432745937FL;
            h ^= k;
            h = Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
            i += 8;
        }
        long k = 0;
        int shift = 0;
        while (i < end) {
            k |= (long) (b[i++] & 0xff) << shift;
            shift += 8;
        }
        h ^= Long.rotateLeft(k * 0x87C37B91114253D5L, 31) * 0x4CF5AD432745937FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
