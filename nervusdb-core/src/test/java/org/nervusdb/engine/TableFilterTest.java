package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.MemFileSystem;

/** The Bloom filter of a table: what goes in, its cap, and that it never hides a present key. */
class TableFilterTest {

    /** The classic layout as the format defines it: probe j sets bit (h1 + j*h2) mod bits. */
    private static byte[] classic(long[] hashes, int n, int bytes) {
        int k = 7;
        long bits = (long) bytes * 8;
        byte[] f = new byte[bytes + 1];
        for (int i = 0; i < n; i++) {
            long h1 = hashes[i] & 0xffffffffL;
            long h2 = (hashes[i] >>> 32) | 1;
            for (int j = 0; j < k; j++) {
                long bit = (h1 + j * h2) % bits;
                f[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        f[bytes] = (byte) k;
        return f;
    }

    /**
     * The blocked layout as the format defines it: line = (high 32 bits of h) * lines >>> 32;
     * a = low 32 bits, step = rotr(a, 17) | 1; probe j sets bit (a + j*step) mod 512 of the line.
     */
    private static byte[] blocked(long[] hashes, int n, int bytes) {
        long lines = bytes / 64;
        byte[] f = new byte[bytes + 1];
        for (int i = 0; i < n; i++) {
            long h = hashes[i];
            long line = ((h >>> 32) * lines) >>> 32;
            int a = (int) h;
            int step = Integer.rotateRight(a, 17) | 1;
            for (int j = 0; j < 7; j++) {
                int bit = (a + j * step) & 511;
                f[(int) (line * 64 + bit / 8)] |= (byte) (1 << (bit % 8));
            }
        }
        f[bytes] = (byte) (0x40 | 7);
        return f;
    }

    @Test
    void filterBitsFollowTheFormulasOfTheFormat() {
        Random rnd = new Random(7);
        for (int n : new int[] {0, 1, 5, 100, 10_000}) {
            long[] h = new long[n];
            for (int i = 0; i < n; i++) {
                h[i] = rnd.nextLong();
            }
            byte[] f = BloomFilter.build(h, n);
            assertThat((f.length - 1) % 64).isZero();
            assertThat(f.length - 1).isEqualTo(Math.max(64, (n * 10 + 511) / 512 * 64));
            assertThat(f).isEqualTo(blocked(h, n, f.length - 1));
            byte[] capped = BloomFilter.build(h, n, 128);
            assertThat(capped.length).isLessThanOrEqualTo(129);
            assertThat(capped).isEqualTo(blocked(h, n, capped.length - 1));
            byte[] old = BloomFilter.buildClassic(h, n);
            assertThat(old).isEqualTo(classic(h, n, old.length - 1));
            for (int i = 0; i < n; i++) {
                assertThat(BloomFilter.mayContain(f, h[i])).isTrue();
                assertThat(BloomFilter.mayContain(capped, h[i])).isTrue();
                assertThat(BloomFilter.mayContain(old, h[i])).as("classic layout still read").isTrue();
            }
        }
    }

    @Test
    void unknownLayoutsFilterNothing() {
        byte[] f = new byte[65];
        f[64] = (byte) 0x87; // high bit set: not a layout this build knows
        assertThat(BloomFilter.mayContain(f, 12345L)).isTrue();
        f[64] = (byte) 0x40; // blocked with zero probes
        assertThat(BloomFilter.mayContain(f, 12345L)).isTrue();
        byte[] g = new byte[61];
        g[60] = (byte) 0x47; // blocked, but not whole lines
        assertThat(BloomFilter.mayContain(g, 12345L)).isTrue();
        f[64] = (byte) 0x47; // a valid empty blocked filter rules keys out
        assertThat(BloomFilter.mayContain(f, 12345L)).isFalse();
    }

    @Test
    void falsePositiveRateIsAboutOnePercent() {
        Random rnd = new Random(11);
        int n = 50_000;
        long[] h = new long[n];
        for (int i = 0; i < n; i++) {
            h[i] = rnd.nextLong();
        }
        byte[] f = BloomFilter.build(h, n);
        byte[] old = BloomFilter.buildClassic(h, n);
        int fp = 0;
        int fpOld = 0;
        for (int i = 0; i < 100_000; i++) {
            long x = rnd.nextLong();
            fp += BloomFilter.mayContain(f, x) ? 1 : 0;
            fpOld += BloomFilter.mayContain(old, x) ? 1 : 0;
        }
        System.out.println("Bloom false positives per 100,000: blocked " + fp + ", classic " + fpOld);
        assertThat(fp).isBetween(300, 2_500);
        assertThat(fpOld).isBetween(300, 2_000);
    }

    /** Writes keys 0x10 id id id (SPO) and 0x11 ... (POS) into a table with a capped filter. */
    private static Table table(MemFileSystem fs, int triples, int maxFilterBytes) {
        FileHandle h = fs.create(FileNames.table(5));
        TableBuilder b = new TableBuilder(h, 4096, Keys.SHAPE, maxFilterBytes);
        for (int i = 1; i <= triples; i++) {
            b.add(Keys.index(Keys.SPO, i, 1, i + 1), Bytes.EMPTY);
        }
        for (int i = 1; i <= triples; i++) {
            b.add(Keys.index(Keys.POS, 1, i + 1, i), Bytes.EMPTY);
        }
        TableMeta meta = b.finish(5);
        h.close();
        return Table.open(fs, meta, new BlockCache(1 << 20));
    }

    @Test
    void aCappedFilterStillFindsEveryKeyAndPrefix() {
        MemFileSystem fs = new MemFileSystem();
        Table t = table(fs, 20_000, 1025);
        try {
            for (int i = 1; i <= 20_000; i += 97) {
                assertThat(t.get(Keys.index(Keys.SPO, i, 1, i + 1))).as("SPO key %d", i).isNotNull();
                assertThat(t.mayContain(Keys.index(Keys.SPO, i, -1, -1))).isTrue();
                assertThat(t.mayContain(Keys.index(Keys.POS, 1, i + 1, -1))).isTrue();
            }
        } finally {
            t.close();
        }
    }

    @Test
    void wholePosAndOspKeysStayOutOfTheFilter() {
        byte[] spo = Keys.index(Keys.SPO, 1, 2, 3);
        byte[] pos = Keys.index(Keys.POS, 2, 3, 1);
        byte[] osp = Keys.index(Keys.OSP, 3, 1, 2);
        assertThat(Keys.SHAPE.filterWholeKey(spo)).isTrue();
        assertThat(Keys.SHAPE.filterWholeKey(pos)).isFalse();
        assertThat(Keys.SHAPE.filterWholeKey(osp)).isFalse();
        assertThat(Keys.SHAPE.filterWholeKey(Keys.term(new byte[] {'a'}))).isTrue();
        assertThat(Keys.SHAPE.filterWholeKey(Keys.id(9))).isTrue();
        // With one POS key in a table and a generous filter, its whole key is (almost surely) absent.
        MemFileSystem fs = new MemFileSystem();
        FileHandle h = fs.create(FileNames.table(5));
        TableBuilder b = new TableBuilder(h, 4096, Keys.SHAPE);
        b.add(pos, Bytes.EMPTY);
        TableMeta meta = b.finish(5);
        h.close();
        Table t = Table.open(fs, meta, new BlockCache(1 << 20));
        try {
            assertThat(t.mayContain(Keys.index(Keys.POS, 2, -1, -1))).isTrue();
            assertThat(t.mayContain(Keys.index(Keys.POS, 2, 3, -1))).isTrue();
            assertThat(t.mayContain(pos)).isFalse();
        } finally {
            t.close();
        }
    }

    @Test
    void aLargeFilterIsFilledInLineOrderWithTheSameBits() {
        Random rnd = new Random(13);
        int n = 1_500_000; // more than a megabyte of filter: the hashes are grouped first
        long[] h = new long[n];
        for (int i = 0; i < n; i++) {
            h[i] = rnd.nextLong();
        }
        long[] original = h.clone();
        byte[] grouped = BloomFilter.build(h, n);
        // The hashes were only reordered, by their top bits.
        long[] a = h.clone();
        long[] b = original.clone();
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        assertThat(a).isEqualTo(b);
        for (int i = 1; i < n; i++) {
            assertThat(Long.compareUnsigned(h[i - 1] >>> 62, h[i] >>> 62)).isLessThanOrEqualTo(0);
        }
        // The same bits as filling the filter in the original order (the classic check, one probe each).
        for (long x : original) {
            assertThat(BloomFilter.mayContain(grouped, x)).isTrue();
        }
        long[] copy = original.clone();
        BloomFilter.groupByTopBits(copy, n, 1); // a different grouping gives the same filter
        assertThat(BloomFilter.build(copy, n)).isEqualTo(grouped);
    }
}
