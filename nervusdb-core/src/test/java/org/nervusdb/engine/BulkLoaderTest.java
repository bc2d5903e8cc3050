package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nervusdb.InvalidTermException;
import org.nervusdb.StorageException;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.testing.FaultInjectingFileSystem;

/** The bulk loader's own paths: bytes and strings, sorting, term records, background spills, faults. */
class BulkLoaderTest {
    /** The JVM's way: a thread per background task. */
    private static final BulkLoader.Background THREADS = (task, name) -> {
        Thread t = new Thread(task, name);
        t.start();
        return () -> {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
    };
    private static StoreOptions options() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 1 << 20;
        o.blockCacheBytes = 1 << 20;
        return o;
    }

    private static Set<Triple> all(TripleStore s) {
        Set<Triple> out = new HashSet<>();
        try (TripleCursor c = s.find(null, null, null)) {
            while (c.hasNext()) {
                out.add(c.next());
            }
        }
        return out;
    }

    private static List<Triple> sample(int n, long seed) {
        Random r = new Random(seed);
        List<Triple> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Triple.of("s" + r.nextInt(n / 5 + 1), "p" + r.nextInt(7), r.nextBoolean() ? "\"v" + r.nextInt(n) + "\"" : "s" + r.nextInt(n / 5 + 1)));
        }
        return out;
    }

    /** Adds the triples as UTF-8 batches with their hashes, as the JVM's reading thread hands them over. */
    private static void addBytes(BulkLoader l, List<Triple> ts, int batch) {
        for (int from = 0; from < ts.size(); from += batch) {
            int n = Math.min(batch, ts.size() - from);
            java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
            int[] spans = new int[6 * n];
            long[] hashes = new long[3 * n];
            for (int i = 0; i < n; i++) {
                Triple t = ts.get(from + i);
                String[] terms = {t.subject(), t.predicate(), t.object()};
                for (int k = 0; k < 3; k++) {
                    byte[] b = terms[k].getBytes(StandardCharsets.UTF_8);
                    spans[6 * i + 2 * k] = data.size();
                    spans[6 * i + 2 * k + 1] = b.length;
                    data.write(b, 0, b.length);
                }
            }
            byte[] d = data.toByteArray();
            for (int i = 0; i < 3 * n; i++) {
                hashes[i] = BulkLoader.termHash(d, spans[2 * i], spans[2 * i + 1]);
            }
            l.add(d, spans, hashes, n);
        }
    }

    @Test
    void bytesAndStringsLoadTheSameTriplesIntoEmptyAndFilledStores() {
        List<Triple> before = sample(3_000, 1);
        List<Triple> load = sample(20_000, 2);
        Set<Triple> expected = new HashSet<>(before);
        expected.addAll(load);
        for (boolean background : new boolean[] {false, true}) {
            for (int way = 0; way < 3; way++) {
                try (TripleStore s = TripleStore.openInMemory(options())) {
                    s.addAll(before);
                    long added;
                    try (BulkLoader l = s.bulkLoader(64 * 2048, background ? THREADS : null)) {
                        if (way == 0) {
                            load.forEach(t -> l.add(t.subject(), t.predicate(), t.object()));
                        } else if (way == 1) {
                            addBytes(l, load, 1000);
                        } else {
                            for (Triple t : load) {
                                byte[] b = (t.subject() + t.predicate() + t.object()).getBytes(StandardCharsets.UTF_8);
                                int sl = t.subject().length();
                                int pl = t.predicate().length();
                                l.add(b, 0, sl, sl, pl, sl + pl, b.length - sl - pl);
                            }
                        }
                        added = l.finish();
                    }
                    String ctx = "background " + background + ", way " + way;
                    assertThat(added).as(ctx).isEqualTo(expected.size() - new HashSet<>(before).size());
                    assertThat(all(s)).as(ctx).isEqualTo(expected);
                    assertThat(s.count(null, null, null)).as(ctx).isEqualTo(expected.size());
                    assertThat(s.checkIndexes(10)).as(ctx).isEmpty();
                    s.add("after", "the", "load"); // the next ids follow the load's
                    assertThat(s.contains("after", "the", "load")).isTrue();
                    assertThat(s.checkIndexes(10)).as(ctx).isEmpty();
                }
            }
        }
    }

    @Test
    void malformedUtf8AndOversizedTermsAreRefusedWithNothingOfTheTripleTaken() {
        try (TripleStore s = TripleStore.openInMemory(options())) {
            try (BulkLoader l = s.bulkLoader(1 << 20, THREADS)) {
                byte[] good = "abc".getBytes(StandardCharsets.UTF_8);
                l.add(good, 0, 1, 1, 1, 2, 1);
                byte[][] bad = {{'x', (byte) 0xFF}, {'x', (byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
                for (byte[] b : bad) {
                    byte[] t = new byte[2 + b.length];
                    t[0] = 'n';
                    t[1] = 'p';
                    System.arraycopy(b, 0, t, 2, b.length);
                    assertThatThrownBy(() -> l.add(t, 0, 1, 1, 1, 2, b.length)).isInstanceOf(InvalidTermException.class)
                            .hasMessageContaining("object is not well-formed UTF-8");
                    long[] h = {BulkLoader.termHash(t, 0, 1), BulkLoader.termHash(t, 1, 1), BulkLoader.termHash(t, 2, b.length)};
                    assertThatThrownBy(() -> l.add(t, new int[] {0, 1, 1, 1, 2, b.length}, h, 1)).isInstanceOf(InvalidTermException.class);
                }
                byte[] huge = new byte[TripleStore.MAX_TERM_BYTES + 3];
                Arrays.fill(huge, (byte) 'h');
                assertThatThrownBy(() -> l.add(huge, 0, huge.length - 2, huge.length - 2, 1, huge.length - 1, 1))
                        .isInstanceOf(InvalidTermException.class).hasMessageContaining("subject is " + (huge.length - 2) + " bytes");
                assertThat(l.inputTriples()).isEqualTo(1);
                assertThat(l.finish()).isEqualTo(1);
            }
            assertThat(all(s)).containsExactly(Triple.of("a", "b", "c"));
            // None of the refused terms reached the dictionary: "n" and "p" were refused with their triples.
            assertThat(s.count("n", null, null)).isZero();
            assertThat(s.stats().terms()).isEqualTo(3);
        }
    }

    @Test
    void radixSortAgreesWithArraysSort() {
        Random r = new Random(3);
        for (int bits : new int[] {1, 11, 12, 22, 40, 63}) {
            for (int n : new int[] {0, 1, 100, 2047, 2048, 5000, 100_000}) {
                long[] a = new long[n];
                long mask = bits == 63 ? Long.MAX_VALUE : (1L << bits) - 1;
                for (int i = 0; i < n; i++) {
                    a[i] = r.nextLong() & mask;
                }
                long[] expected = a.clone();
                Arrays.sort(expected);
                BulkLoader.radixSort(a, new long[n], n, bits);
                assertThat(a).as("bits %d, n %d", bits, n).isEqualTo(expected);
            }
        }
    }

    @Test
    void wideIdsSortByPermutationInEveryOrder() {
        Random r = new Random(4);
        int n = 20_000;
        long[] ids = new long[3 * n];
        long max = (1L << 40) + 5;
        for (int i = 0; i < 3 * n; i++) {
            // few distinct values in each position, so that duplicates and ties occur
            ids[i] = r.nextInt(4) == 0 ? max - r.nextInt(3) : 1 + r.nextInt(50) * 1_000_003L;
        }
        for (int order = 0; order < 3; order++) {
            int[] pos = {order, (order + 1) % 3, (order + 2) % 3};
            TreeSet<List<Long>> expected = new TreeSet<>((x, y) -> {
                for (int k = 0; k < 3; k++) {
                    int c = Long.compare(x.get(k), y.get(k));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            });
            for (int i = 0; i < n; i++) {
                expected.add(List.of(ids[3 * i + pos[0]], ids[3 * i + pos[1]], ids[3 * i + pos[2]]));
            }
            List<List<Long>> got = new ArrayList<>();
            BulkLoader.Cursor c = BulkLoader.sort(ids, n, max, order, null, null);
            while (c.next()) {
                got.add(List.of(c.a, c.b, c.c));
            }
            assertThat(got).as("order %d", order).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void termRecordsSurviveGrowthAndTermsLargerThanAPage() {
        BulkTerms t = new BulkTerms();
        List<byte[]> terms = new ArrayList<>();
        Random r = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            byte[] b;
            if (i % 10_000 == 7) {
                b = new byte[BulkTerms.PAGE + 1000 + i]; // its own (oversized) page
                r.nextBytes(b);
            } else {
                b = ("term-" + i + "-" + r.nextInt()).getBytes(StandardCharsets.UTF_8);
            }
            terms.add(b);
            assertThat(t.find(b, 0, b.length, BulkTerms.hash(b, 0, b.length))).isZero();
            t.add(b, 0, b.length, BulkTerms.hash(b, 0, b.length), 100 + i, i % 2 == 0);
        }
        assertThat(t.size()).isEqualTo(50_000);
        assertThat(t.newCount()).isEqualTo(25_000);
        for (int i = 0; i < terms.size(); i++) {
            byte[] b = terms.get(i);
            // found inside a larger array too
            byte[] padded = new byte[b.length + 10];
            System.arraycopy(b, 0, padded, 5, b.length);
            assertThat(t.find(padded, 5, b.length, BulkTerms.hash(b, 0, b.length))).isEqualTo(100 + i);
        }
        for (int k = 0; k < t.newCount(); k++) {
            byte[] b = terms.get(2 * k);
            assertThat(Arrays.copyOfRange(t.page(k), t.offset(k), t.offset(k) + t.length(k))).isEqualTo(b);
        }
    }

    /** The file system operation counts at the start and at the end of a load after {@code before}. */
    private static long[] operationsOfALoad(List<Triple> before, List<Triple> load, int batch) {
        FaultInjectingFileSystem probe = new FaultInjectingFileSystem();
        try (TripleStore s = TripleStore.open(probe, options())) {
            s.addAll(before);
            long start = probe.operations();
            try (BulkLoader l = s.bulkLoader(64 * 1024, THREADS)) {
                addBytes(l, load, batch);
                l.finish();
            }
            return new long[] {start, probe.operations()};
        }
    }

    @Test
    void aFailingSpillOrTableWriteAbortsAndLeavesTheStoreAsItWas() {
        List<Triple> before = sample(500, 6);
        List<Triple> load = sample(8_000, 7);
        // Count the operations of a whole load, then fail each part of it once.
        long[] ops = operationsOfALoad(before, load, 777);
        long start = ops[0];
        long end = ops[1];
        assertThat(end - start).as("the load spills runs and writes tables").isGreaterThan(20);
        Set<Triple> old = new HashSet<>(before);
        for (long at = start + 1; at <= end; at += Math.max(1, (end - start) / 40)) {
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
            try (TripleStore s = TripleStore.open(fs, options())) {
                s.addAll(before);
                fs.failAt(fs.operations() + (at - start));
                boolean failed = false;
                try (BulkLoader l = s.bulkLoader(64 * 1024, THREADS)) {
                    addBytes(l, load, 777);
                    l.finish();
                } catch (StorageException e) {
                    failed = true;
                } catch (IllegalStateException e) {
                    failed = true; // a store that failed its manifest write refuses further work
                }
                if (failed && s.checkIndexes(1).isEmpty()) {
                    Set<Triple> now = all(s);
                    assertThat(now.equals(old) || now.containsAll(load)).as("fault at %d", at).isTrue();
                }
            } catch (StorageException e) {
                // closing a store whose manifest write failed
            }
            fs.failAt(-1);
            try (TripleStore s = TripleStore.open(fs, options())) {
                Set<Triple> now = all(s);
                Set<Triple> full = new HashSet<>(old);
                full.addAll(load);
                assertThat(now.equals(old) || now.equals(full)).as("after a fault at operation %d", at).isTrue();
                assertThat(s.checkIndexes(10)).isEmpty();
                assertThat(fs.list()).as("fault at %d", at).noneMatch(n -> n.endsWith(".tmp"));
                s.bulkLoader(1 << 20).close(); // bulk loads work again
            }
        }
    }

    @Test
    void aPowerCutDuringALoadLeavesTheStoreAsBeforeOrWithTheWholeLoad() {
        List<Triple> before = sample(500, 8);
        List<Triple> load = sample(8_000, 9);
        long[] ops = operationsOfALoad(before, load, 500);
        long start = ops[0];
        long end = ops[1];
        Set<Triple> old = new HashSet<>(before);
        Set<Triple> full = new HashSet<>(old);
        full.addAll(load);
        int sawOld = 0;
        int sawFull = 0;
        for (long at = start + 1; at <= end + 1; at += Math.max(1, (end - start) / 60)) {
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
            TripleStore s = TripleStore.open(fs, options());
            s.addAll(before);
            fs.powerCutAt(fs.operations() + (at - start));
            try (BulkLoader l = s.bulkLoader(64 * 1024, THREADS)) {
                addBytes(l, load, 500);
                l.finish();
            } catch (StorageException e) {
                // the cut
            }
            try {
                s.close();
            } catch (StorageException e) {
                // the power is off
            }
            FaultInjectingFileSystem image = fs.crashImage(new Random(at), at % 2 == 0);
            try (TripleStore t = TripleStore.open(image, options())) {
                Set<Triple> now = all(t);
                if (now.equals(old)) {
                    sawOld++;
                } else {
                    assertThat(now).as("after a power cut at operation %d", at).isEqualTo(full);
                    sawFull++;
                }
                assertThat(t.count(null, null, null)).isEqualTo(now.size());
                assertThat(t.checkIndexes(10)).isEmpty();
                assertThat(image.list()).as("cut at %d", at).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
        assertThat(sawOld).as("cuts before the manifest switch").isPositive();
        assertThat(sawFull).as("cuts after it").isPositive();
    }

    @Test
    void plannerStatisticsAddUpOverTheTablesOfALoad() {
        StoreOptions o = options();
        o.inlineCompaction = false; // keep the load's tables apart
        try (TripleStore s = TripleStore.openInMemory(o)) {
            List<Triple> input = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                input.add(Triple.of("person" + i, "knows", "person" + ((i + 1) % 3000)));
                input.add(Triple.of("person" + i, "livesIn", "city" + (i % 10)));
                input.add(Triple.of("city" + (i % 10), "in", "country" + (i % 2)));
            }
            try (BulkLoader l = s.bulkLoader(64 * 1024, THREADS)) {
                input.forEach(t -> l.add(t.subject(), t.predicate(), t.object()));
                l.finish();
            }
            assertThat(s.engineStats().tables).as("counters, dictionary, SPO, POS and OSP tables, and the store's first").isEqualTo(6);
            try (TripleStore.StoreSnapshot snap = s.snapshot()) {
                assertThat(snap.statistics(snap.lookup("livesIn"))).containsExactly(3000, 3000, 10);
                assertThat(snap.statistics(snap.lookup("knows"))).containsExactly(3000, 3000, 3000);
                assertThat(snap.statistics(snap.lookup("in"))).containsExactly(10, 10, 2);
                // subjects: 3000 people and 10 cities; objects: 3000 people, 10 cities, 2 countries
                assertThat(snap.statistics(0)).containsExactly(6010, 3010, 3012);
            }
        }
    }

    @Test
    void aLoadsDisjointTablesDoNotMakeACompactionDueButOverlappingFlushesStillDo() {
        try (TripleStore s = TripleStore.openInMemory(options())) {
            try (BulkLoader l = s.bulkLoader(64 * 1024, THREADS)) {
                for (int i = 0; i < 3000; i++) {
                    l.add("person" + i, "knows", "person" + ((i + 1) % 3000));
                }
                l.finish();
            }
            int afterLoad = s.engineStats().tables;
            assertThat(afterLoad).isGreaterThanOrEqualTo(5);
            assertThat(s.engineStats().compactions).as("SPO, POS, OSP and dictionary tables share no keys").isZero();
            for (int f = 0; f < 4; f++) { // flushed tables span every keyspace: they overlap each other
                s.add("extra" + f, "p", "o" + f);
                s.flush();
            }
            assertThat(s.engineStats().compactions).isPositive();
            assertThat(s.count(null, null, null)).isEqualTo(3004);
            assertThat(s.checkIndexes(10)).isEmpty();
        }
    }
}
