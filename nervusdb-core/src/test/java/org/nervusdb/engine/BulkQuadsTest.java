package org.nervusdb.engine;

import org.nervusdb.Transaction;
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
import org.nervusdb.Quad;
import org.nervusdb.QuadCursor;
import org.nervusdb.Stats;
import org.nervusdb.StorageException;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.testing.FaultInjectingFileSystem;
import org.nervusdb.testing.Seeds;

/**
 * Bulk loads of quads of named graphs beside triples: the same random mixes (several graphs,
 * duplicates within the input, statements and graphs already stored, a graph dropped before,
 * an empty graph) loaded by the bulk loader and by the normal add path give the same answers to
 * every index-backed read, before and after a reopen; sorting, Bloom filters, the no-quad path,
 * and failed or aborted loads. Replay a failure with -Dnervusdb.seed=N.
 */
class BulkQuadsTest {
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
    private static final String EX = "http://example.org/";
    /** Chunks of 1,024 statements (the smallest): a few thousand quads make several runs per order. */
    private static final long SMALL = 32 * 1024;

    private static StoreOptions options() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 64 << 10;
        o.blockCacheBytes = 1 << 20;
        o.termCacheEntries = 64;
        return o;
    }

    /** Without compactions, so that reads go through the tables the load wrote, Bloom filters included. */
    private static StoreOptions keepTables() {
        StoreOptions o = options();
        o.inlineCompaction = false;
        return o;
    }

    // ------------------------------------------------------------------ random input

    /** Graph names: stored before (with quads, empty, dropped), a term stored as a subject, and new ones. */
    private static final String[] GRAPHS = {EX + "g1", EX + "g2", EX + "g3", "_:g0", "_:g1", EX + "empty", EX + "dropped",
        "s3", EX + "new1", EX + "new2", "_:new3"};

    private static String graphOf(Random r, boolean before) {
        int k = r.nextInt(10);
        if (k < 3) {
            return null;
        }
        if (k == 3) {
            return Quad.DEFAULT_GRAPH;
        }
        // Before the load only the first five graphs get quads (the dropped one too, dropped later).
        return before ? GRAPHS[r.nextInt(5)] : GRAPHS[r.nextInt(GRAPHS.length)];
    }

    private static String[] statement(Random r, boolean before, int fresh) {
        String s = r.nextInt(8) == 0 ? "_:b" + r.nextInt(5) : r.nextInt(6) == 0 && !before ? "n" + r.nextInt(fresh) : "s" + r.nextInt(40);
        String p = EX + "p" + r.nextInt(6);
        String o;
        switch (r.nextInt(4)) {
            case 0:
                o = "\"v" + r.nextInt(50) + "\"";
                break;
            case 1:
                o = "\"w" + r.nextInt(10) + "\"@en";
                break;
            case 2:
                o = before ? "o" + r.nextInt(60) : "o" + r.nextInt(60 + fresh);
                break;
            default:
                o = "s" + r.nextInt(40);
        }
        return new String[] {s, p, o, graphOf(r, before)};
    }

    private static Quad quad(String[] q) {
        return new Quad(q[0], q[1], q[2], q[3]);
    }

    /** The same store state through the normal path: quads, an empty graph, a dropped graph. */
    private static void fillBefore(TripleStore s, List<String[]> before) {
        List<Quad> qs = new ArrayList<>();
        for (String[] q : before) {
            qs.add(quad(q));
        }
        s.addQuads(qs);
        s.add("d1", "d2", "d3", EX + "dropped");
        s.commit(new Transaction().createGraph(EX + "empty").dropGraph(EX + "dropped"));
    }

    /** The load: fresh statements, repeats within it, and statements stored before. */
    private static List<String[]> loadOf(Random r, List<String[]> before, int n) {
        List<String[]> load = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            if (k == 0 && !load.isEmpty()) {
                load.add(load.get(r.nextInt(load.size())));
            } else if (k == 1 && !before.isEmpty()) {
                load.add(before.get(r.nextInt(before.size())));
            } else {
                load.add(statement(r, false, n / 4 + 1));
            }
        }
        return load;
    }

    // ------------------------------------------------------------------ loading

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Bulk-loads the statements: way 0 strings, 1 one quad at a time as bytes, 2 batches of
     * bytes with hashes, 3 the triple methods for the default graph and strings for the rest.
     */
    private static long bulkLoad(TripleStore s, List<String[]> load, int way, boolean background, long memory) {
        try (BulkLoader l = s.bulkLoader(memory, background ? THREADS : null)) {
            if (way == 0) {
                load.forEach(q -> l.add(q[0], q[1], q[2], q[3]));
            } else if (way == 1) {
                for (String[] q : load) {
                    byte[][] t = {utf8(q[0]), utf8(q[1]), utf8(q[2]), q[3] == null ? new byte[0] : utf8(q[3])};
                    byte[] b = new byte[t[0].length + t[1].length + t[2].length + t[3].length + 2];
                    int at = 1; // not at offset 0
                    int[] off = new int[4];
                    for (int k = 0; k < 4; k++) {
                        off[k] = at;
                        System.arraycopy(t[k], 0, b, at, t[k].length);
                        at += t[k].length;
                    }
                    l.add(b, off[0], t[0].length, off[1], t[1].length, off[2], t[2].length, off[3], q[3] == null ? -1 : t[3].length);
                }
            } else if (way == 2) {
                addBatches(l, load, 333);
            } else {
                for (String[] q : load) {
                    if (q[3] == null) {
                        l.add(q[0], q[1], q[2]);
                    } else {
                        l.add(q[0], q[1], q[2], q[3]);
                    }
                }
            }
            assertThat(l.inputTriples()).isEqualTo(load.size());
            return l.finish();
        }
    }

    /** Adds the statements as UTF-8 batches with eight spans and four hashes each, as a reading thread hands them over. */
    static void addBatches(BulkLoader l, List<String[]> load, int batch) {
        for (int from = 0; from < load.size(); from += batch) {
            int n = Math.min(batch, load.size() - from);
            java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
            int[] spans = new int[8 * n];
            long[] hashes = new long[4 * n];
            for (int i = 0; i < n; i++) {
                String[] q = load.get(from + i);
                for (int k = 0; k < 4; k++) {
                    if (q[k] == null) {
                        spans[8 * i + 2 * k + 1] = -1;
                        hashes[4 * i + k] = 12345; // not read
                        continue;
                    }
                    byte[] b = utf8(q[k]);
                    spans[8 * i + 2 * k] = data.size();
                    spans[8 * i + 2 * k + 1] = b.length;
                    data.write(b, 0, b.length);
                }
            }
            byte[] d = data.toByteArray();
            for (int i = 0; i < 4 * n; i++) {
                if (spans[2 * i + 1] >= 0) {
                    hashes[i] = BulkLoader.termHash(d, spans[2 * i], spans[2 * i + 1]);
                }
            }
            l.addQuads(d, spans, hashes, n);
        }
    }

    private static long normalLoad(TripleStore s, List<String[]> load, Random r) {
        long added = 0;
        for (int from = 0; from < load.size(); ) {
            int to = Math.min(load.size(), from + 1 + r.nextInt(700));
            List<Quad> qs = new ArrayList<>();
            for (String[] q : load.subList(from, to)) {
                qs.add(quad(q));
            }
            added += s.addQuads(qs);
            from = to;
        }
        return added;
    }

    // ------------------------------------------------------------------ the model test

    @Test
    void randomMixesOfTriplesAndQuadsLoadAsTheNormalPathDoes() {
        long base = Seeds.base();
        int rounds = 8 * Seeds.scale();
        for (int i = 0; i < rounds; i++) {
            long seed = base + i;
            try {
                round(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("bulk quads test failed with -Dnervusdb.seed=" + seed + ": " + e, e);
            }
        }
    }

    /** One load; eight seeds in a row take each way of adding, with and without a background thread. */
    private static void round(long seed) {
        int way = (int) Math.floorMod(seed, 4L);
        boolean background = Math.floorMod(seed / 4, 2L) == 1;
        Random r = new Random(seed);
        List<String[]> before = new ArrayList<>();
        for (int i = 300 + r.nextInt(500); i > 0; i--) {
            before.add(statement(r, true, 1));
        }
        List<String[]> load = loadOf(r, before, 4000 + r.nextInt(2500));
        Recording fsA = new Recording(new MemFileSystem());
        MemFileSystem fsB = new MemFileSystem();
        TripleStore a = TripleStore.open(fsA, keepTables());
        TripleStore b = TripleStore.open(fsB, new StoreOptions()); // the reference: the normal path, in memory mostly
        try {
            fillBefore(a, before);
            fillBefore(b, before);
            if (r.nextBoolean()) {
                a.flush(); // the stored statements in a table rather than in memory
            }
            long addedA = bulkLoad(a, load, way, background, SMALL);
            long addedB = normalLoad(b, load, r);
            assertThat(addedA).as("statements added").isEqualTo(addedB);
            // Several sorted runs of each order, merged, and deleted.
            for (String order : List.of("spo", "pos", "osp", "spog", "posg", "ospg", "gspo", "gpos", "gosp")) {
                assertThat(fsA.created.stream().filter(n -> n.contains("-" + order + "-") && n.endsWith(".tmp")).count())
                        .as("runs of %s", order).isGreaterThanOrEqualTo(1);
            }
            assertThat(fsA.created.stream().filter(n -> n.contains("-gspo-")).count()).as("runs of quads").isGreaterThanOrEqualTo(2);
            assertThat(fsA.list()).noneMatch(n -> n.endsWith(".tmp"));
            TreeSet<Quad> model = new TreeSet<>();
            for (String[] q : before) {
                model.add(quad(q));
            }
            model.removeIf(q -> (EX + "dropped").equals(q.graph()));
            for (String[] q : load) {
                model.add(quad(q));
            }
            compare(a, b, model, r);
            // Reopened: the same; then normal writes follow the load's ids and counters, and a
            // compaction merges the load's tables with the others.
            a.close();
            a = TripleStore.open(fsA, keepTables());
            compare(a, b, model, r);
            for (TripleStore s : new TripleStore[] {a, b}) {
                assertThat(s.add("after", "the", "load", EX + "later")).isTrue();
                assertThat(s.add("s1", EX + "p1", "o1", EX + "g1")).isEqualTo(!model.contains(new Quad("s1", EX + "p1", "o1", EX + "g1")));
            }
            model.add(new Quad("after", "the", "load", EX + "later"));
            model.add(new Quad("s1", EX + "p1", "o1", EX + "g1"));
            a.compact();
            compare(a, b, model, r);
        } finally {
            a.close();
            b.close();
        }
    }

    /** A file system that records the names of the files created. */
    private static final class Recording implements FileSystem {
        final FileSystem fs;
        final List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();

        Recording(FileSystem fs) {
            this.fs = fs;
        }

        @Override
        public FileHandle open(String name) {
            return fs.open(name);
        }

        @Override
        public FileHandle create(String name) {
            created.add(name);
            return fs.create(name);
        }

        @Override
        public boolean exists(String name) {
            return fs.exists(name);
        }

        @Override
        public List<String> list() {
            return fs.list();
        }

        @Override
        public void delete(String name) {
            fs.delete(name);
        }

        @Override
        public void rename(String from, String to) {
            fs.rename(from, to);
        }

        @Override
        public void syncDirectory() {
            fs.syncDirectory();
        }

        @Override
        public String describe() {
            return fs.describe();
        }
    }

    /** Every index-backed read of {@code a} (the bulk-loaded store) against {@code b} (the normal path) and the model. */
    private static void compare(TripleStore a, TripleStore b, TreeSet<Quad> model, Random r) {
        assertThat(a.checkIndexes(10)).isEmpty();
        assertThat(b.checkIndexes(10)).isEmpty();
        Stats sa = a.stats();
        Stats sb = b.stats();
        assertThat(sa.triples()).isEqualTo(sb.triples());
        assertThat(sa.quads()).isEqualTo(sb.quads());
        assertThat(sa.graphs()).isEqualTo(sb.graphs());
        assertThat(sa.terms()).as("the same terms, each once").isEqualTo(sb.terms());
        assertThat(sa.triples() + sa.quads()).isEqualTo(model.size());
        try (TripleStore.StoreSnapshot x = a.snapshot(); TripleStore.StoreSnapshot y = b.snapshot()) {
            List<String> graphs = x.graphs();
            assertThat(new TreeSet<>(graphs)).hasSameSizeAs(graphs).isEqualTo(new TreeSet<>(y.graphs()));
            assertThat(graphs).contains(EX + "empty");
            // Dropped before the load: its term has an old id, and the load lists it again with its first quad.
            assertThat(graphs.contains(EX + "dropped")).isEqualTo(model.stream().anyMatch(q -> (EX + "dropped").equals(q.graph())));
            assertThat(found(x, null, null, null, null)).isEqualTo(model);
            List<String> selectors = new ArrayList<>(graphs);
            selectors.add(null);
            selectors.add(Quad.DEFAULT_GRAPH);
            selectors.add(EX + "dropped"); // a term, no longer a graph
            selectors.add(EX + "never");
            for (String g : selectors) {
                assertThat(x.countQuads(null, null, null, g)).as("graph %s", g).isEqualTo(y.countQuads(null, null, null, g));
                assertThat(found(x, null, null, null, g)).as("graph %s", g).isEqualTo(found(y, null, null, null, g));
            }
            List<Quad> all = new ArrayList<>(model);
            for (int k = 0; k < 40; k++) {
                Quad q = all.get(r.nextInt(all.size()));
                String s = r.nextBoolean() ? (r.nextInt(8) == 0 ? "unknown" : q.subject()) : null;
                String p = r.nextBoolean() ? q.predicate() : null;
                String o = r.nextBoolean() ? q.object() : null;
                String g = selectors.get(r.nextInt(selectors.size()));
                if (r.nextInt(3) == 0) {
                    g = q.graph() == null ? Quad.DEFAULT_GRAPH : q.graph();
                }
                String ctx = s + " " + p + " " + o + " " + g;
                TreeSet<Quad> got = found(x, s, p, o, g);
                assertThat(got).as(ctx).isEqualTo(found(y, s, p, o, g));
                assertThat(x.countQuads(s, p, o, g)).as(ctx).isEqualTo(got.size());
                assertThat(x.containsQuad(s, p, o, g)).as(ctx).isEqualTo(!got.isEmpty());
                assertThat(x.containsQuad(q.subject(), q.predicate(), q.object(), q.graph() == null ? Quad.DEFAULT_GRAPH : q.graph()))
                        .as("stored %s", q).isTrue();
                for (int kind = k % 2; kind < 6; kind += 2) { // half of the six kinds of scans, in turn
                    List<String> named = new ArrayList<>();
                    for (String n : graphs) {
                        if (r.nextBoolean()) {
                            named.add(n);
                        }
                    }
                    String one = graphs.isEmpty() ? null : graphs.get(r.nextInt(graphs.size()));
                    List<String> sx = scan(x, kind, one, named, s, p, o);
                    assertThat(sx).as("scan %d of %s (graph %s, graphs %s)", kind, ctx, one, named).isEqualTo(scan(y, kind, one, named, s, p, o));
                }
            }
        }
    }

    private static TreeSet<Quad> found(TripleStore.StoreSnapshot snap, String s, String p, String o, String g) {
        TreeSet<Quad> out = new TreeSet<>();
        try (QuadCursor c = snap.findQuads(s, p, o, g)) {
            while (c.hasNext()) {
                Quad q = c.next();
                assertThat(out.add(q)).as("%s found once", q).isTrue();
            }
        }
        return out;
    }

    /**
     * An id scan as terms, sorted: kind 0 the default graph, 1 every named graph, 2 the union, 3
     * the graph {@code one}, 4 and 5 the graphs {@code named} (with their quads, and each triple
     * once). Checks that the ids come in the scan's index order. Null when a bound term is unknown.
     */
    private static List<String> scan(TripleStore.StoreSnapshot snap, int kind, String one, List<String> named, String s, String p, String o) {
        long si = s == null ? 0 : snap.lookup(s);
        long pi = p == null ? 0 : snap.lookup(p);
        long oi = o == null ? 0 : snap.lookup(o);
        if (si < 0 || pi < 0 || oi < 0 || (s != null && si == 0) || (p != null && pi == 0) || (o != null && oi == 0)) {
            return null;
        }
        TripleStore.IdScan scan;
        boolean withGraph = false;
        switch (kind) {
            case 0:
                scan = snap.scanQuads(TripleStore.DEFAULT_GRAPH, si, pi, oi);
                break;
            case 1:
                scan = snap.scanQuads(TripleStore.ANY_NAMED, si, pi, oi);
                withGraph = true;
                break;
            case 2:
                scan = snap.scanQuads(TripleStore.UNION, si, pi, oi);
                break;
            case 3:
                if (one == null) {
                    return null;
                }
                scan = snap.scanQuads(snap.lookup(one), si, pi, oi);
                break;
            default:
                long[] ids = new long[named.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = snap.lookup(named.get(i));
                }
                Arrays.sort(ids);
                scan = snap.scanGraphs(ids, kind == 5, si, pi, oi);
                withGraph = kind == 4;
        }
        List<String> out = new ArrayList<>();
        long[] last = null;
        while (scan.next()) {
            long[] key = new long[4];
            for (int i = 0; i < 3; i++) {
                char c = scan.order().position(i);
                key[i] = c == 's' ? scan.s() : c == 'p' ? scan.p() : scan.o();
            }
            key[3] = withGraph ? scan.g() : 0;
            if (last != null) {
                assertThat(Arrays.compare(last, key)).as("ids in index order").isNegative();
            }
            last = key;
            long g = scan.g();
            out.add(snap.term(scan.s()) + " " + snap.term(scan.p()) + " " + snap.term(scan.o()) + (g == 0 ? "" : " " + snap.term(g)));
        }
        out.sort(null);
        return out;
    }

    // ------------------------------------------------------------------ paths of their own

    @Test
    void aLoadWithoutQuadsWritesNoQuadTablesAndTheFirstQuadBringsThemAll() {
        try (TripleStore s = TripleStore.openInMemory(keepTables())) {
            try (BulkLoader l = s.bulkLoader(SMALL, THREADS)) {
                for (int i = 0; i < 3000; i++) {
                    l.add("person" + i, "knows", "person" + ((i + 1) % 3000));
                    l.add("person" + i, "knows", "person" + ((i + 1) % 3000), Quad.DEFAULT_GRAPH); // the default graph: a triple
                    l.add("person" + i, "knows", "person" + ((i + 1) % 3000), null);
                }
                assertThat(l.indexCount()).isEqualTo(3);
                l.prepare();
                assertThat(l.indexCount()).isEqualTo(3);
                l.writeDictionary();
                l.writeIndexes();
                assertThat(l.install()).isEqualTo(3000);
                assertThat(l.addedQuads()).isZero();
            }
            assertThat(s.engineStats().tables).as("counters, dictionary, SPO, POS and OSP tables, and the store's first").isEqualTo(6);
            assertThat(s.stats().quads()).isZero();
            assertThat(s.stats().graphs()).isZero();
            try (BulkLoader l = s.bulkLoader(SMALL, THREADS)) {
                l.add("a", "b", "c");
                assertThat(l.indexCount()).isEqualTo(3);
                l.add("a", "b", "c", EX + "g");
                assertThat(l.indexCount()).isEqualTo(BulkLoader.ORDER_COUNT);
                assertThat(l.finish()).isEqualTo(2);
                assertThat(l.added()).isEqualTo(1);
                assertThat(l.addedQuads()).isEqualTo(1);
            }
            assertThat(s.engineStats().tables).as("and counters, dictionary, three triple tables and six quad tables").isEqualTo(6 + 11);
            // A load of quads only: no triple tables.
            try (BulkLoader l = s.bulkLoader(SMALL, THREADS)) {
                l.add("x", "y", "z", EX + "h");
                assertThat(l.finish()).isEqualTo(1);
            }
            assertThat(s.engineStats().tables).isEqualTo(6 + 11 + 8);
            assertThat(s.stats().quads()).isEqualTo(2);
            try (TripleStore.StoreSnapshot snap = s.snapshot()) {
                assertThat(snap.graphs()).containsExactly(EX + "g", EX + "h");
            }
            assertThat(s.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void quadsSortInEveryOrderPackedAndByPermutation() {
        Random r = new Random(11);
        for (long max : new long[] {1, 7, 2000, (1L << 31) - 1, 1L << 31, (1L << 40) + 5}) {
            for (int n : new int[] {0, 1, 2, 500, 5000}) {
                long[] ids = new long[4 * n];
                for (int i = 0; i < 4 * n; i++) {
                    // few distinct values in each position, so that duplicates and ties occur
                    ids[i] = r.nextInt(4) == 0 ? Math.max(1, max - r.nextInt(3)) : 1 + (r.nextInt(9) * 1_000_003L) % max;
                }
                for (int order = 3; order < BulkLoader.ORDER_COUNT; order++) {
                    int[] pos = new int[][] {{0, 1, 2, 3}, {1, 2, 0, 3}, {2, 0, 1, 3}, {3, 0, 1, 2}, {3, 1, 2, 0}, {3, 2, 0, 1}}[order - 3];
                    TreeSet<List<Long>> expected = new TreeSet<>(BulkQuadsTest::compareLists);
                    for (int i = 0; i < n; i++) {
                        expected.add(List.of(ids[4 * i + pos[0]], ids[4 * i + pos[1]], ids[4 * i + pos[2]], ids[4 * i + pos[3]]));
                    }
                    for (boolean scratch : new boolean[] {false, true}) {
                        long[][] w = scratch ? new long[][] {new long[n + 3], new long[n + 3], new long[n + 3], new long[n + 3]} : null;
                        List<List<Long>> got = new ArrayList<>();
                        BulkLoader.Cursor c = BulkLoader.sortQuads(ids.clone(), n, max, order, w);
                        while (c.next()) {
                            got.add(List.of(c.a, c.b, c.c, c.d));
                        }
                        assertThat(got).as("max %d, n %d, order %d", max, n, order).containsExactlyElementsOf(expected);
                    }
                }
            }
        }
    }

    private static int compareLists(List<Long> x, List<Long> y) {
        for (int k = 0; k < x.size(); k++) {
            int c = Long.compare(x.get(k), y.get(k));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Test
    void pairRadixSortAgreesWithSortingPairs() {
        Random r = new Random(12);
        for (int bits : new int[] {1, 11, 12, 40, 63}) {
            for (int n : new int[] {0, 1, 2, 100, 3000}) {
                long mask = bits == 63 ? Long.MAX_VALUE : (1L << bits) - 1;
                long[] hi = new long[n];
                long[] lo = new long[n];
                List<long[]> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    hi[i] = r.nextInt(3) == 0 ? 5 & mask : r.nextLong() & mask;
                    lo[i] = r.nextLong() & mask;
                    expected.add(new long[] {hi[i], lo[i]});
                }
                expected.sort(Arrays::compare);
                BulkLoader.radixSort2(hi, lo, new long[n], new long[n], n, bits);
                for (int i = 0; i < n; i++) {
                    assertThat(new long[] {hi[i], lo[i]}).as("bits %d, n %d, at %d", bits, n, i).isEqualTo(expected.get(i));
                }
            }
        }
    }

    /**
     * The tables a load writes have the Bloom filters of tables written by a flush or a
     * compaction: each quad key's one-, two- and three-id prefixes, whole SPO and GSPO keys and
     * graph-list keys; byte for byte what the engine's table builder writes from the same keys.
     */
    @Test
    void bulkTablesFilterWhatFlushedTablesFilter() {
        MemFileSystem fs = new MemFileSystem();
        Random r = new Random(13);
        List<String[]> load = loadOf(r, List.of(), 4000);
        try (TripleStore s = TripleStore.open(fs, keepTables())) {
            bulkLoad(s, load, 2, true, SMALL);
            assertThat(s.checkIndexes(10)).isEmpty();
        }
        byte[] manifest = read(fs, FileNames.MANIFEST);
        int quadTables = 0;
        for (TableMeta meta : Manifest.decode(manifest, FileNames.MANIFEST).tables) {
            Table t = Table.open(fs, meta, new BlockCache(1 << 20));
            try {
                EntryIterator it = t.iterator();
                it.seekToFirst();
                MemFileSystem copyFs = new MemFileSystem();
                FileHandle h = copyFs.create("copy.sst");
                TableBuilder copy = new TableBuilder(h, new EngineOptions().blockSize, Keys.SHAPE);
                int[] prefixes = new int[8];
                boolean quads = false;
                long filtered = 0;
                for (; it.valid(); it.next()) {
                    byte[] key = it.key();
                    copy.add(key, it.value());
                    quads |= key[0] >= Keys.SPOG && key[0] <= Keys.GRAPHS;
                    if (key[0] >= Keys.SPOG && key[0] <= Keys.GOSP) {
                        assertThat(Keys.SHAPE.prefixes(key, prefixes)).isEqualTo(3);
                    }
                    if (Keys.SHAPE.filterWholeKey(key)) {
                        assertThat(t.mayContain(key)).isTrue();
                        filtered++;
                    }
                    for (int i = Keys.SHAPE.prefixes(key, prefixes) - 1; i >= 0; i--) {
                        assertThat(t.mayContain(Arrays.copyOf(key, prefixes[i]))).isTrue();
                        filtered++;
                    }
                }
                copy.finish(meta.number);
                h.close();
                assertThat(read(copyFs, "copy.sst")).as("table %d", meta.number).isEqualTo(read(fs, FileNames.table(meta.number)));
                if (quads) {
                    quadTables++;
                    assertThat(filtered).isPositive();
                    // Absent prefixes are ruled out: ids far above any of the load's.
                    int passed = 0;
                    byte tag = meta.smallest[0];
                    for (long id = 1 << 20; id < (1 << 20) + 1000; id++) {
                        passed += t.mayContain(Keys.index(tag, id, -1, -1)) ? 1 : 0;
                    }
                    assertThat(passed).as("false positives of 1,000 absent prefixes in table %d", meta.number).isLessThan(100);
                }
            } finally {
                t.close();
            }
        }
        assertThat(quadTables).as("SPOG, POSG, OSPG, GSPO, GPOS, GOSP with the graph list").isEqualTo(6);
    }

    private static byte[] read(FileSystem fs, String name) {
        FileHandle h = fs.open(name);
        try {
            byte[] b = new byte[(int) h.size()];
            h.read(0, b, 0, b.length);
            return b;
        } finally {
            h.close();
        }
    }

    @Test
    void invalidGraphsAreRefusedWithNothingOfTheQuadTaken() {
        try (TripleStore s = TripleStore.openInMemory(options())) {
            try (BulkLoader l = s.bulkLoader(SMALL, THREADS)) {
                l.add("a", "b", "c", EX + "g");
                assertThatThrownBy(() -> l.add("n1", "p", "o", "\"lit\"")).isInstanceOf(InvalidTermException.class)
                        .hasMessageContaining("a literal cannot name a graph");
                assertThatThrownBy(() -> l.add("n2", "p", "o", "bad\uD800")).isInstanceOf(InvalidTermException.class);
                assertThatThrownBy(() -> l.add("n3\uD800", "p", "o", EX + "n3")).isInstanceOf(InvalidTermException.class);
                byte[] lit = utf8("n4po\"lit\"");
                assertThatThrownBy(() -> l.add(lit, 0, 2, 2, 1, 3, 1, 4, 5)).isInstanceOf(InvalidTermException.class)
                        .hasMessageContaining("a literal cannot name a graph");
                byte[] bad = {'n', '5', 'p', 'o', 'g', (byte) 0xFF};
                assertThatThrownBy(() -> l.add(bad, 0, 2, 2, 1, 3, 1, 4, 2)).isInstanceOf(InvalidTermException.class)
                        .hasMessageContaining("graph is not well-formed UTF-8");
                assertThat(l.inputTriples()).isEqualTo(1);
                assertThat(l.finish()).isEqualTo(1);
            }
            try (TripleStore.StoreSnapshot snap = s.snapshot()) {
                assertThat(snap.graphs()).containsExactly(EX + "g");
                for (String t : List.of("n1", "n2", "n4", "n5", EX + "n3", "p", "o")) {
                    assertThat(snap.lookup(t)).as(t).isZero();
                }
            }
            assertThat(s.stats().terms()).isEqualTo(4);
            assertThat(s.checkIndexes(10)).isEmpty();
        }
    }

    // ------------------------------------------------------------------ failures

    /** What a reader sees of a store: every statement, the graphs and the counters. */
    private static String state(TripleStore s) {
        TreeSet<Quad> all;
        List<String> graphs;
        try (TripleStore.StoreSnapshot snap = s.snapshot()) {
            all = found(snap, null, null, null, null);
            graphs = new ArrayList<>(new TreeSet<>(snap.graphs()));
        }
        Stats st = s.stats();
        return all + " graphs " + graphs + " triples " + st.triples() + " quads " + st.quads() + " terms " + st.terms();
    }

    @Test
    void anAbortedLoadOfQuadsLeavesTheStoreAsItWas() {
        Random r = new Random(14);
        List<String[]> before = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            before.add(statement(r, true, 1));
        }
        List<String[]> load = loadOf(r, before, 5000);
        MemFileSystem fs = new MemFileSystem();
        try (TripleStore s = TripleStore.open(fs, options())) {
            fillBefore(s, before);
            s.flush();
            String old = state(s);
            Set<String> files = new HashSet<>(fs.list());
            for (int stop = 0; stop < 4; stop++) {
                BulkLoader l = s.bulkLoader(SMALL, stop % 2 == 0 ? THREADS : null);
                addBatches(l, load, 500);
                if (stop >= 2) {
                    l.prepare();
                    l.writeDictionary();
                    for (int order = 0; order < l.indexCount(); order += 2) {
                        l.writeIndex(order); // some tables written, not installed
                    }
                }
                if (stop % 2 == 0) {
                    l.abort();
                } else {
                    l.close();
                }
                assertThatThrownBy(() -> l.add("a", "b", "c", EX + "g")).isInstanceOf(IllegalStateException.class);
                assertThat(state(s)).as("stop %d", stop).isEqualTo(old);
                assertThat(fs.list()).as("stop %d", stop).noneMatch(n -> n.endsWith(".tmp"));
                assertThat(new HashSet<>(fs.list())).as("no file of the load is left").isEqualTo(files);
            }
            assertThat(s.checkIndexes(10)).isEmpty();
            assertThat(bulkLoad(s, load, 0, true, SMALL)).as("a load works again").isPositive();
            assertThat(s.checkIndexes(10)).isEmpty();
        }
        try (TripleStore s = TripleStore.open(fs, options())) {
            assertThat(s.checkIndexes(10)).isEmpty();
        }
    }

    /** The file system operation counts at the start and at the end of a load of quads. */
    private static long[] operationsOfALoad(List<String[]> before, List<String[]> load) {
        FaultInjectingFileSystem probe = new FaultInjectingFileSystem();
        try (TripleStore s = TripleStore.open(probe, options())) {
            fillBefore(s, before);
            long start = probe.operations();
            try (BulkLoader l = s.bulkLoader(SMALL, THREADS)) {
                addBatches(l, load, 777);
                l.finish();
            }
            return new long[] {start, probe.operations()};
        }
    }

    @Test
    void aFailingSpillOrTableWriteOrAPowerCutLeavesTheStoreAsBeforeOrWithTheWholeLoad() {
        Random r = new Random(15);
        List<String[]> before = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            before.add(statement(r, true, 1));
        }
        List<String[]> load = loadOf(r, before, 4000);
        String old;
        String full;
        try (TripleStore s = TripleStore.openInMemory(options())) {
            fillBefore(s, before);
            old = state(s);
            bulkLoad(s, load, 2, true, SMALL);
            full = state(s);
        }
        long[] ops = operationsOfALoad(before, load);
        long start = ops[0];
        long end = ops[1];
        assertThat(end - start).as("the load spills runs of nine orders and writes tables").isGreaterThan(40);
        int sawOld = 0;
        int sawFull = 0;
        for (long at = start + 1; at <= end + 1; at += Math.max(1, (end - start) / 50)) {
            boolean cut = at % 2 == 0;
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
            TripleStore s = TripleStore.open(fs, options());
            fillBefore(s, before);
            if (cut) {
                fs.powerCutAt(fs.operations() + (at - start));
            } else {
                fs.failAt(fs.operations() + (at - start));
            }
            boolean failed = false;
            try (BulkLoader l = s.bulkLoader(SMALL, THREADS)) {
                addBatches(l, load, 777);
                l.finish();
            } catch (StorageException | IllegalStateException e) {
                failed = true; // the fault; a store that failed its manifest write refuses further work
            }
            if (failed && !cut && s.checkIndexes(1).isEmpty()) {
                String now = state(s);
                assertThat(now.equals(old) || now.equals(full)).as("fault at %d", at).isTrue();
            }
            try {
                s.close();
            } catch (StorageException e) {
                // a store whose manifest write failed, or whose power is off
            }
            FileSystem image = cut ? fs.crashImage(new Random(at), at % 4 == 0) : fs;
            fs.failAt(-1);
            try (TripleStore t = TripleStore.open(image, options())) {
                String now = state(t);
                if (now.equals(old)) {
                    sawOld++;
                } else {
                    assertThat(now).as("after a %s at operation %d", cut ? "power cut" : "fault", at).isEqualTo(full);
                    sawFull++;
                }
                assertThat(t.checkIndexes(10)).isEmpty();
                assertThat(image.list()).as("at %d", at).noneMatch(n -> n.endsWith(".tmp"));
                t.bulkLoader(1 << 20).close(); // bulk loads work again
            }
        }
        assertThat(sawOld).as("faults before the manifest switch").isPositive();
        assertThat(sawFull).as("faults after it").isPositive();
    }
}
