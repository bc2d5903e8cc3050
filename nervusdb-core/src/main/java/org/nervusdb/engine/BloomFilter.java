package org.nervusdb.engine;

/**
 * A Bloom filter over 64-bit key hashes (see docs/format/sstable.md, filter block): a bit array
 * followed by one byte giving the layout and the probe count.
 *
 * <p>Tables are written with the <em>blocked</em> layout (flag {@link #BLOCKED} in the last
 * byte): the bits form 512-bit lines, the high half of a hash picks one line and all probes of
 * that hash fall in it, so a lookup touches one cache line. Readers also accept the classic
 * layout, where probe i sets bit (h1 + i*h2) mod the bit count over the whole array.
 */
final class BloomFilter {
    static final int BITS_PER_KEY = 10;
    /** Flag in the last byte: blocked layout. The low six bits are the probe count. */
    static final int BLOCKED = 0x40;
    /** Bytes per line of the blocked layout (one cache line). */
    static final int LINE_BYTES = 64;
    /**
     * Lines per page of a paged filter (table format 3): the blocked layout's bits cut into
     * separately checksummed 4 KiB pages, so that a lookup reads one page, not the whole filter.
     */
    static final int PAGE_LINES = 64;

    private BloomFilter() {
    }

    private static int probes() {
        return Math.max(1, Math.min(30, (int) Math.round(BITS_PER_KEY * 0.69)));
    }

    static byte[] build(long[] hashes, int n) {
        return build(hashes, n, Integer.MAX_VALUE - 16);
    }

    /**
     * A blocked filter with at most {@code maxBitBytes} bytes of bits (at least one line). May
     * reorder {@code hashes[0..n)}: a filter larger than the caches is filled in line order, so
     * that its lines are written one after the other rather than at random.
     */
    static byte[] build(long[] hashes, int n, int maxBitBytes) {
        int k = probes();
        long lines = ((long) n * BITS_PER_KEY + 511) / 512;
        lines = Math.max(1, Math.min(lines, maxBitBytes / LINE_BYTES));
        int bytes = (int) (lines * LINE_BYTES);
        if (bytes > 1 << 20) {
            // groups of lines small enough (about 128 KiB) to stay in the cache while they fill
            int bits = Math.min(12, 64 - Long.numberOfLeadingZeros((bytes >>> 17) - 1));
            groupByTopBits(hashes, n, bits);
        }
        byte[] f = new byte[bytes + 1];
        for (int i = 0; i < n; i++) {
            long h = hashes[i];
            int base = line(h, lines) * LINE_BYTES;
            int a = (int) h;
            int step = Integer.rotateRight(a, 17) | 1;
            for (int j = 0; j < k; j++) {
                int bit = (a + j * step) & 511;
                f[base + (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        f[bytes] = (byte) (BLOCKED | k);
        return f;
    }

    /**
     * Reorders the hashes in place by their top {@code bits} bits (1 to 16; one pass of an
     * in-place radix sort), which groups them by line: {@link #line} grows with the high bits.
     */
    static void groupByTopBits(long[] h, int n, int bits) {
        int shift = 64 - bits;
        int groups = 1 << bits;
        int[] next = new int[groups + 1];
        for (int i = 0; i < n; i++) {
            next[(int) (h[i] >>> shift) + 1]++;
        }
        for (int d = 1; d <= groups; d++) {
            next[d] += next[d - 1];
        }
        int[] end = new int[groups];
        System.arraycopy(next, 1, end, 0, groups);
        for (int d = 0; d < groups; d++) {
            int i = next[d];
            int stop = end[d];
            while (i < stop) {
                long v = h[i];
                int to = (int) (v >>> shift);
                while (to != d) {
                    // put v where its group fills next, and carry on with what was there
                    int j = next[to]++;
                    long w = h[j];
                    h[j] = v;
                    v = w;
                    to = (int) (v >>> shift);
                }
                h[i++] = v;
            }
            next[d] = i;
        }
    }

    /** The line a hash falls in: its high 32 bits scaled to the line count. */
    static int line(long h, long lines) {
        return (int) (((h >>> 32) * lines) >>> 32);
    }

    /** A filter in the classic layout (read for compatibility; tables are written blocked). */
    static byte[] buildClassic(long[] hashes, int n) {
        int k = probes();
        long bits = Math.max(64, (long) n * BITS_PER_KEY);
        int bytes = (int) Math.max(8, Math.min((bits + 7) / 8, Integer.MAX_VALUE - 16));
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

    /** False only if no hash equal to {@code h} was added. Unknown layouts answer true. */
    static boolean mayContain(byte[] f, long h) {
        int bytes = f.length - 1;
        if (bytes <= 0) {
            return true;
        }
        int last = f[bytes] & 0xff;
        if ((last & ~(BLOCKED | 0x3f)) != 0) {
            return true;
        }
        int k = last & 0x3f;
        if (k < 1 || k > 30) {
            return true;
        }
        if ((last & BLOCKED) != 0) {
            if (bytes % LINE_BYTES != 0) {
                return true;
            }
            return lineMayContain(f, line(h, bytes / LINE_BYTES) * LINE_BYTES, h, k);
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

    /**
     * The probe count of a blocked filter whose layout byte is {@code layout}, or 0 when the byte
     * names another layout (such a filter rules nothing out).
     */
    static int blockedProbes(int layout) {
        int k = layout & 0x3f;
        return (layout & ~0x3f) == BLOCKED && k >= 1 && k <= 30 ? k : 0;
    }

    /** False only if {@code h} was not added to the blocked-layout line at {@code bits[base..base + 64)}. */
    static boolean lineMayContain(byte[] bits, int base, long h, int k) {
        int a = (int) h;
        int step = Integer.rotateRight(a, 17) | 1;
        for (int j = 0; j < k; j++) {
            int bit = (a + j * step) & 511;
            if ((bits[base + (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
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
