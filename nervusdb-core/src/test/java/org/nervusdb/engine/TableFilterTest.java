package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nervusdb.CorruptionException;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.testing.FaultInjectingFileSystem;

/**
 * The Bloom filter of a table: what goes in, its cap, that it never hides a present key, and
 * that its pages are read one at a time, checked, and laid out as the format says.
 */
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
    private static Table table(FileSystem fs, int triples, int maxFilterBytes) {
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

    /** The file's bytes. */
    private static byte[] bytes(FileSystem fs, String name) {
        FileHandle h = fs.open(name);
        try {
            byte[] b = new byte[(int) h.size()];
            h.read(0, b, 0, b.length);
            return b;
        } finally {
            h.close();
        }
    }

    private static TableFooter footer(byte[] file) {
        byte[] tail = java.util.Arrays.copyOfRange(file, file.length - TableFooter.ENCODED_LENGTH, file.length);
        return TableFooter.decode(tail, "t", file.length);
    }

    @Test
    void filterPagesAreReadWhenALookupFirstNeedsThemAndAnswerAsTheWholeFilter() {
        // A file system other than MemFileSystem: a device's, whose pages are read and checked.
        FileSystem fs = new FaultInjectingFileSystem();
        int triples = 30_000;
        Table t = table(fs, triples, TableBuilder.MAX_FILTER_BYTES);
        try {
            byte[] file = bytes(fs, FileNames.table(5));
            TableFooter f = footer(file);
            assertThat(f.version).isEqualTo(3);
            assertThat(f.filterSize).isEqualTo(Table.FILTER_HEAD);
            int at = (int) f.filterOffset;
            int lines = Bytes.getIntLE(file, at + 1);
            int perPage = Bytes.getIntLE(file, at + 5);
            long first = Bytes.getLongLE(file, at + 9);
            assertThat(file[at] & 0xff).isEqualTo(0x47);
            assertThat(perPage).isEqualTo(BloomFilter.PAGE_LINES);
            int pageCount = (lines + perPage - 1) / perPage;
            assertThat(pageCount).as("a filter of several pages").isGreaterThan(10);
            assertThat(first + 64L * lines + 5L * pageCount).isEqualTo(f.filterOffset);
            // The whole filter, put together from the pages as the format lays them out.
            byte[] whole = new byte[64 * lines + 1];
            for (int p = 0; p < pageCount; p++) {
                int size = Math.min(perPage, lines - p * perPage) * 64;
                int off = (int) (first + (long) p * (perPage * 64 + 5));
                assertThat(file[off + size]).as("page %d compression byte", p).isZero();
                assertThat(Bytes.getIntLE(file, off + size + 1)).isEqualTo(Crc32c.compute(file, off, size + 1));
                System.arraycopy(file, off, whole, p * perPage * 64, size);
            }
            whole[64 * lines] = file[at];

            assertThat(t.filterPagesRead()).as("opening reads no page").isZero();
            byte[] one = Keys.index(Keys.SPO, 7, -1, -1);
            assertThat(t.mayContain(one)).isTrue();
            assertThat(t.filterPagesRead()).isEqualTo(1);
            assertThat(t.mayContain(one)).isTrue();
            assertThat(t.filterPagesRead()).as("a page is kept").isEqualTo(1);

            for (int i = 1; i <= triples; i++) {
                assertThat(t.mayContain(Keys.index(Keys.SPO, i, 1, i + 1))).isTrue();
                assertThat(t.mayContain(Keys.index(Keys.POS, 1, i + 1, -1))).isTrue();
            }
            Random rnd = new Random(3);
            int positives = 0;
            for (int i = 0; i < 100_000; i++) {
                byte[] k = Keys.index(Keys.SPO, triples + 1 + rnd.nextInt(1 << 30), 1, 2);
                boolean paged = t.mayContain(k);
                assertThat(paged).isEqualTo(BloomFilter.mayContain(whole, BloomFilter.hash(k, 0, k.length)));
                positives += paged ? 1 : 0;
            }
            assertThat(positives).as("false positives of 100,000 absent keys").isBetween(200, 3_000);
            assertThat(t.filterPagesRead()).isEqualTo(pageCount);
        } finally {
            t.close();
        }
    }

    @Test
    void inMemoryTheFilterIsReadWhereItLiesAndVerifyStillChecksEveryPage() {
        MemFileSystem fs = new MemFileSystem();
        int triples = 30_000;
        Table t = table(fs, triples, TableBuilder.MAX_FILTER_BYTES);
        byte[] file = bytes(fs, FileNames.table(5));
        TableFooter f = footer(file);
        TableMeta meta = t.meta;
        int at = (int) f.filterOffset;
        int lines = Bytes.getIntLE(file, at + 1);
        int perPage = Bytes.getIntLE(file, at + 5);
        long first = Bytes.getLongLE(file, at + 9);
        int pageCount = (lines + perPage - 1) / perPage;
        byte[] whole = new byte[64 * lines + 1];
        for (int p = 0; p < pageCount; p++) {
            int size = Math.min(perPage, lines - p * perPage) * 64;
            System.arraycopy(file, (int) (first + (long) p * (perPage * 64 + 5)), whole, p * perPage * 64, size);
        }
        whole[64 * lines] = file[at];
        try {
            for (int i = 1; i <= triples; i += 7) {
                assertThat(t.mayContain(Keys.index(Keys.SPO, i, 1, i + 1))).isTrue();
            }
            Random rnd = new Random(5);
            for (int i = 0; i < 20_000; i++) {
                byte[] k = Keys.index(Keys.SPO, triples + 1 + rnd.nextInt(1 << 30), 1, 2);
                assertThat(t.mayContain(k)).isEqualTo(BloomFilter.mayContain(whole, BloomFilter.hash(k, 0, k.length)));
            }
            assertThat(t.filterPagesRead()).as("no page copied out of the file").isZero();
        } finally {
            t.close();
        }

        long third = damageThirdFilterPage(fs, file);
        Table d = Table.open(fs, meta, new BlockCache(1 << 20));
        try {
            assertThatThrownBy(d::verifyFilter).isInstanceOfSatisfying(CorruptionException.class,
                    e -> assertThat(e.offset()).isEqualTo(third));
        } finally {
            d.close();
        }
    }

    /** Flips a bit inside the third filter page of table 5 (whose bytes were {@code file}); returns the page's offset. */
    private static long damageThirdFilterPage(FileSystem fs, byte[] file) {
        int at = (int) footer(file).filterOffset;
        long first = Bytes.getLongLE(file, at + 9);
        int perPage = Bytes.getIntLE(file, at + 5);
        long third = first + 2L * (perPage * 64 + 5);
        FileHandle h = fs.open(FileNames.table(5));
        h.write(third + 100, new byte[] {(byte) (file[(int) third + 100] ^ 0x10)}, 0, 1);
        h.close();
        return third;
    }

    @Test
    void aDamagedFilterPageIsReportedByTheLookupThatReadsItAndByVerify() {
        FileSystem fs = new FaultInjectingFileSystem();
        Table t = table(fs, 30_000, TableBuilder.MAX_FILTER_BYTES);
        byte[] file = bytes(fs, FileNames.table(5));
        TableMeta meta = t.meta;
        t.close();
        long third = damageThirdFilterPage(fs, file);

        Table d = Table.open(fs, meta, new BlockCache(1 << 20));
        try {
            assertThatThrownBy(d::verifyFilter).isInstanceOfSatisfying(CorruptionException.class,
                    e -> assertThat(e.offset()).isEqualTo(third));
            // Lookups touching other pages answer; the first one touching the third page fails.
            int failed = 0;
            for (int i = 1; i <= 30_000; i++) {
                byte[] k = Keys.index(Keys.SPO, i, 1, i + 1);
                try {
                    assertThat(d.mayContain(k)).isTrue();
                } catch (CorruptionException e) {
                    assertThat(e.offset()).isEqualTo(third);
                    assertThat(e.getMessage()).contains("checksum");
                    failed++;
                }
            }
            assertThat(failed).as("lookups landing in the damaged page").isPositive();
            assertThat(d.filterPagesRead()).isEqualTo(pageCountOf(file) - 1);
        } finally {
            d.close();
        }
    }

    private static int pageCountOf(byte[] file) {
        int at = (int) footer(file).filterOffset;
        int lines = Bytes.getIntLE(file, at + 1);
        int perPage = Bytes.getIntLE(file, at + 5);
        return (lines + perPage - 1) / perPage;
    }

    /** Rewrites the filter head's bytes {@code [off, off + value.length)} with a valid checksum. */
    private static Table openWithHead(MemFileSystem fs, TableMeta meta, byte[] file, int off, byte[] value) {
        int at = (int) footer(file).filterOffset;
        byte[] head = java.util.Arrays.copyOfRange(file, at, at + Table.FILTER_HEAD + 1);
        System.arraycopy(value, 0, head, off, value.length);
        byte[] crc = new byte[4];
        Bytes.putIntLE(crc, 0, Crc32c.compute(head, 0, head.length));
        FileHandle h = fs.open(FileNames.table(5));
        h.write(at, head, 0, head.length);
        h.write(at + head.length, crc, 0, 4);
        h.close();
        return Table.open(fs, meta, new BlockCache(1 << 20));
    }

    @Test
    void aFilterHeadIsCheckedAtOpen() {
        MemFileSystem fs = new MemFileSystem();
        Table t = table(fs, 5_000, TableBuilder.MAX_FILTER_BYTES);
        TableMeta meta = t.meta;
        t.close();
        byte[] file = bytes(fs, FileNames.table(5));
        int at = (int) footer(file).filterOffset;

        // A flipped bit: the head's checksum.
        FileHandle h = fs.open(FileNames.table(5));
        h.write(at + 3, new byte[] {(byte) (file[at + 3] ^ 1)}, 0, 1);
        h.close();
        assertThatThrownBy(() -> Table.open(fs, meta, new BlockCache(1 << 20))).isInstanceOfSatisfying(CorruptionException.class,
                e -> assertThat(e.offset()).isEqualTo(at));

        // Checksummed but describing pages that do not end at the head.
        byte[] moved = new byte[8];
        Bytes.putLongLE(moved, 0, Bytes.getLongLE(file, at + 9) + 64);
        assertThatThrownBy(() -> openWithHead(fs, meta, file, 9, moved)).isInstanceOfSatisfying(CorruptionException.class,
                e -> assertThat(e.getMessage()).contains("filter head"));
        byte[] zeroLines = new byte[4];
        assertThatThrownBy(() -> openWithHead(fs, meta, file, 1, zeroLines)).isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> openWithHead(fs, meta, file, 5, zeroLines)).isInstanceOf(CorruptionException.class);

        // An unknown layout byte rules nothing out and reads no page.
        Table u = openWithHead(fs, meta, file, 0, new byte[] {(byte) 0x87});
        try {
            assertThat(u.mayContain(Keys.index(Keys.SPO, 999_999, 1, 2))).isTrue();
            assertThat(u.filterPagesRead()).isZero();
            assertThat(u.get(Keys.index(Keys.SPO, 9, 1, 10))).isNotNull();
        } finally {
            u.close();
        }
        // The original head again: filtering works.
        Table ok = openWithHead(fs, meta, file, 0, new byte[] {file[at]});
        try {
            int ruledOut = 0;
            for (int i = 0; i < 1000; i++) {
                ruledOut += ok.mayContain(Keys.index(Keys.SPO, 1_000_000 + i, 1, 2)) ? 0 : 1;
            }
            assertThat(ruledOut).isGreaterThan(900);
        } finally {
            ok.close();
        }
    }
}
