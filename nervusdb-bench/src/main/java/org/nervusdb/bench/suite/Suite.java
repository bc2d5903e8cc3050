package org.nervusdb.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.nervusdb.bench.LoadComparison;

/**
 * The JVM side of the side-by-side suite: every store of {@code --stores} runs the same workloads
 * on the same generated data sets, one store after the other in this JVM, each in a new
 * directory; the figures go to a JSON result file (see nervusdb-bench/RESULTS.md). Usage:
 *
 * <pre>
 * java -Xmx4g -cp benchmarks.jar org.nervusdb.bench.suite.Suite [--scale 1000000[,10000000]]
 *     [--shapes social,university,queries] [--stores nervusdb,tdb2,lmdb,jena-mem] [--rounds 3] [--warmup 2]
 *     [--warmup-seconds 2] [--dir DIR] [--out FILE]
 * </pre>
 *
 * Workloads, in this order on each store: bulk load of the data set's N-Triples file (and the
 * bytes on disk per triple after it), cold open (close, open, first lookup; the median of at
 * least five after a warm-up), point lookups of
 * each pattern shape (S, SP, SPO, PO, O, SO; 2,000 sampled triples a round), two- and
 * three-pattern joins and a path traversal (SPARQL, from sampled start nodes), single durable
 * inserts, batched inserts (1,000 triples a transaction), a delete-heavy mix (transactions
 * deleting 500 sampled triples and adding 500 new ones, with lookups between). Every timed
 * workload has {@code --warmup} untimed rounds and {@code --rounds} measured ones (the median is reported); the
 * counts each workload sees are checked to be equal across stores.
 *
 * <p>The data set {@code queries} has workloads of its own ({@link QueryShapes}; {@code --scale}
 * is then its largest number of keys, such as 40000): bulk load, then each query of the family,
 * timed the same way except that the untimed runs go on for at least {@code --warmup-seconds}
 * (many of these queries take a few milliseconds, and a few runs leave the code of either engine
 * far from compiled); the stores must agree on every query's solutions, not only on their number.
 * {@code jena-mem} ({@link JenaMemStore}, ARQ over Jena's in-memory graph) runs only these.
 */
public final class Suite {
    private final Map<String, Supplier<Store>> known = new LinkedHashMap<>();
    private final List<Map<String, Object>> results = new ArrayList<>();
    private final List<Map<String, Object>> storesSeen = new ArrayList<>();
    private final Map<String, Long> checks = new LinkedHashMap<>();
    /** The first store's solutions of each query workload, and which store gave them. */
    private final Map<String, List<String>> contents = new LinkedHashMap<>();
    private final Map<String, String> contentsFrom = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();
    private final Instant started = Instant.now();
    private int rounds = 3;
    private int warmup = 2;
    private double warmupSeconds = 2;
    private int lookups = 2000;
    private int queries = 100;

    Suite() {
        known.put("nervusdb", NervusStore::new);
    }

    /** Rounds per timed workload, lookups per round, queries per round (and no minimum warm-up time). */
    void configure(int rounds, int lookups, int queries) {
        this.warmupSeconds = 0;
        this.rounds = rounds;
        this.lookups = lookups;
        this.queries = queries;
    }

    /** What the stores disagreed on so far (empty when they agreed). */
    List<String> mismatches() {
        return mismatches;
    }

    /** The solutions the first store listed for a query workload ({@code shape/scale/workload}), or null. */
    List<String> solutions(String key) {
        return contents.get(key);
    }

    /** The store of that command-line name, or null. */
    Supplier<Store> factory(String key) {
        return known.get(key);
    }

    /** Adds a store the suite can run (by its command-line name). */
    void register(String key, Supplier<Store> s) {
        known.put(key, s);
    }

    public static void main(String[] args) throws Exception {
        Suite suite = new Suite();
        registerPeersInto(suite);
        List<Long> scales = List.of(1_000_000L);
        List<String> shapes = List.of("social", "university");
        List<String> stores = new ArrayList<>(suite.known.keySet());
        Path dir = Path.of("target/suite");
        Path out = Path.of("target/suite/results-jvm.json");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--scale":
                    scales = Arrays.stream(v.split(",")).map(Long::parseLong).toList();
                    i++;
                    break;
                case "--shapes":
                    shapes = List.of(v.split(","));
                    i++;
                    break;
                case "--stores":
                    stores = List.of(v.split(","));
                    i++;
                    break;
                case "--rounds":
                    suite.rounds = Integer.parseInt(v);
                    i++;
                    break;
                case "--warmup":
                    suite.warmup = Integer.parseInt(v);
                    i++;
                    break;
                case "--warmup-seconds":
                    suite.warmupSeconds = Double.parseDouble(v);
                    i++;
                    break;
                case "--lookups":
                    suite.lookups = Integer.parseInt(v);
                    i++;
                    break;
                case "--queries":
                    suite.queries = Integer.parseInt(v);
                    i++;
                    break;
                case "--dir":
                    dir = Path.of(v);
                    i++;
                    break;
                case "--out":
                    out = Path.of(v);
                    i++;
                    break;
                default:
                    System.err.println("unknown argument " + a);
                    System.exit(2);
            }
        }
        for (String s : stores) {
            if (!suite.known.containsKey(s)) {
                System.err.println("unknown store " + s + "; known: " + suite.known.keySet());
                System.exit(2);
            }
        }
        String command = "java " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + " -cp benchmarks.jar "
                + Suite.class.getName() + " " + String.join(" ", args);
        for (long scale : scales) {
            for (String shape : shapes) {
                Dataset d = Dataset.create(shape, scale, dir.resolve("data"));
                log("data set %s %,d: %,d triples in %s", shape, scale, d.lines, d.file);
                for (String key : stores) {
                    suite.run(suite.known.get(key), d, dir.resolve("stores").resolve(key + "-" + shape + "-" + scale));
                    suite.write(out, command); // so far, in case a long run is stopped
                }
            }
        }
        suite.write(out, command);
        if (!suite.mismatches.isEmpty()) {
            System.err.println("stores disagreed:");
            suite.mismatches.forEach(m -> System.err.println("  " + m));
            System.exit(1);
        }
    }

    /** The peers, if their adapters are on the class path (they live in this package). */
    static void registerPeersInto(Suite suite) {
        String[][] peers = {{"tdb2", "org.nervusdb.bench.suite.JenaTdb2Store"}, {"lmdb", "org.nervusdb.bench.suite.Rdf4jLmdbStore"},
            {"jena-mem", "org.nervusdb.bench.suite.JenaMemStore"}};
        for (String[] p : peers) {
            try {
                Class<?> c = Class.forName(p[1]);
                suite.register(p[0], () -> {
                    try {
                        return (Store) c.getDeclaredConstructor().newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (ClassNotFoundException e) {
                // not built in
            }
        }
    }

    static void log(String fmt, Object... args) {
        System.err.printf(Locale.ROOT, fmt + "%n", args);
    }

    // ------------------------------------------------------------------ running

    private interface Work {
        /** Runs once; returns the count it saw (checked across stores). */
        long run() throws Exception;
    }

    /** {@code warmup} untimed runs (at least one), then {@code rounds} timed runs; the seconds of each. */
    private double[] timed(Work w, long[] check) throws Exception {
        return timed(w, check, 0);
    }

    /** As {@link #timed(Work, long[])}, the untimed runs going on until {@code warmupNanos} have passed too. */
    private double[] timed(Work w, long[] check, long warmupNanos) throws Exception {
        long start = System.nanoTime();
        check[0] = w.run();
        for (int i = 1; i < warmup || System.nanoTime() - start < warmupNanos; i++) {
            if (w.run() != check[0]) {
                throw new IllegalStateException("a read-only workload saw different counts in its warm-up");
            }
        }
        double[] secs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            long c = w.run();
            secs[r] = (System.nanoTime() - t0) / 1e9;
            if (c != check[0]) {
                throw new IllegalStateException("a read-only workload saw " + c + " then " + check[0]);
            }
        }
        return secs;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private void result(Dataset d, String workload, Store store, double value, String unit, String better, double[] samples,
            Long check, String note) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("shape", d.shape);
        r.put("scale", d.target);
        r.put("workload", workload);
        r.put("store", store.name());
        r.put("value", round(value));
        r.put("unit", unit);
        r.put("better", better);
        if (samples != null) {
            double[] s = new double[samples.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = round(samples[i]);
            }
            r.put("samples", s);
        }
        if (check != null) {
            r.put("check", check);
            String key = d.shape + "/" + d.target + "/" + workload;
            Long before = checks.putIfAbsent(key, check);
            if (before != null && !before.equals(check)) {
                mismatches.add(key + ": " + store.name() + " saw " + check + ", an earlier store " + before);
            }
        }
        if (note != null) {
            r.put("note", note);
        }
        results.add(r);
        log("  %-28s %-12s %,14.3f %s%s", workload, store.name(), value, unit, check != null ? "  (check " + check + ")" : "");
    }

    private static double round(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 4 - Math.ceil(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    static long diskBytes(Path dir) throws IOException {
        return LoadComparison.bytes(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        LoadComparison.deleteTree(dir);
    }

    private static final String[] SHAPES = {"S", "SP", "SPO", "PO", "O", "SO"};

    private static String[] pattern(String[] t, String shape) {
        return new String[] {shape.contains("S") ? t[0] : null, shape.contains("P") ? t[1] : null, shape.contains("O") ? t[2] : null};
    }

    void run(Supplier<Store> factory, Dataset d, Path dir) throws Exception {
        if (d.shape.equals(Dataset.QUERIES)) {
            runQueryShapes(factory, d, dir);
            return;
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        try (Store st = factory.get()) {
            if (st.inMemory()) {
                log("%s keeps nothing on disk: only the %s workloads run on it; skipped for %s", st.name(), Dataset.QUERIES, d.shape);
                return;
            }
            log("%s on %s %,d", st.name(), d.shape, d.target);
            seen(st);
            st.open(dir);
            long t0 = System.nanoTime();
            st.bulkLoad(d.file);
            double load = (System.nanoTime() - t0) / 1e9;
            long size = st.size();
            result(d, "bulk load", st, load, "s", "lower", null, size, null);
            result(d, "bulk load rate", st, d.lines / load, "triples/s", "higher", null, null, "file lines per second");
            st.close();
            result(d, "bytes per triple after load", st, diskBytes(dir) / (double) size, "bytes/triple", "lower", null, null, null);

            // Opened once untimed (warm-up), then closed and opened again for each timed sample.
            String[] first = d.sampled(0);
            int opens = Math.max(5, 3 * rounds);
            double[] openMs = new double[opens];
            long firstCount = -1;
            for (int r = -1; r < opens; r++) {
                if (r >= 0) {
                    st.close();
                }
                long t1 = System.nanoTime();
                st.open(dir);
                long c = st.match(first[0], null, null);
                if (r >= 0) {
                    openMs[r] = (System.nanoTime() - t1) / 1e6;
                    if (c != firstCount) {
                        throw new IllegalStateException("the first lookup saw " + c + " then " + firstCount);
                    }
                }
                firstCount = c;
            }
            result(d, "cold open", st, median(openMs), "ms", "lower", openMs, firstCount,
                    "open and one lookup; median of " + opens + " after a warm-up");

            long[] check = new long[1];
            for (String shape : SHAPES) {
                double[] secs = timed(() -> {
                    long n = 0;
                    for (int i = 0; i < lookups; i++) {
                        String[] q = pattern(d.sampled(i), shape);
                        n += st.match(q[0], q[1], q[2]);
                    }
                    return n;
                }, check);
                for (int i = 0; i < secs.length; i++) {
                    secs[i] = secs[i] * 1e6 / lookups;
                }
                result(d, "lookup " + shape, st, median(secs), "us", "lower", secs, check[0], null);
            }
            List<String> starts = d.starts(queries);
            String[][] kinds = {{"2-hop join", "two"}, {"3-hop join", "three"}, {"traversal", "path"}};
            for (String[] k : kinds) {
                double[] secs = timed(() -> {
                    long n = 0;
                    for (String s : starts) {
                        n += st.select(k[1].equals("two") ? d.twoHop(s) : k[1].equals("three") ? d.threeHop(s) : d.traversal(s));
                    }
                    return n;
                }, check);
                for (int i = 0; i < secs.length; i++) {
                    secs[i] = secs[i] * 1e3 / starts.size();
                }
                result(d, k[0], st, median(secs), "ms", "lower", secs, check[0], starts.size() + " queries");
            }

            int singles = 200;
            String[][] one = Dataset.fresh("single", 0, singles);
            long t2 = System.nanoTime();
            for (String[] t : one) {
                st.addDurable(t[0], t[1], t[2]);
            }
            result(d, "durable single inserts", st, singles / ((System.nanoTime() - t2) / 1e9), "ops/s", "higher", null, null,
                    "one transaction and sync each");

            int batches = 50;
            long t3 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                st.addBatch(Dataset.fresh("batch", b * 1000L, 1000));
            }
            result(d, "batched inserts", st, batches * 1000 / ((System.nanoTime() - t3) / 1e9), "triples/s", "higher", null, null,
                    "1,000 triples a transaction");

            int mixRounds = 20;
            long t4 = System.nanoTime();
            long found = 0;
            for (int r = 0; r < mixRounds; r++) {
                String[][] gone = new String[500][];
                for (int i = 0; i < 500; i++) {
                    gone[i] = d.sampled(r * 500 + i);
                }
                st.deleteBatch(gone);
                st.addBatch(Dataset.fresh("mix", r * 500L, 500));
                for (int i = 0; i < 50; i++) {
                    String[] t = d.sampled(10_000 + r * 50 + i);
                    found += st.match(t[0], t[1], null);
                }
            }
            double mix = (System.nanoTime() - t4) / 1e9;
            long end = st.size();
            result(d, "delete-heavy mix", st, mix * 1e3 / mixRounds, "ms", "lower", null, found + end,
                    "a round: delete 500 triples, add 500, 50 lookups; check = lookups' matches + final size");
            st.close();
            result(d, "bytes per triple at the end", st, diskBytes(dir) / (double) end, "bytes/triple", "lower", null, null,
                    "after all the writes, closed, before any further compaction");
        }
    }

    private void seen(Store st) {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("name", st.name());
        seen.put("version", st.version());
        seen.put("notes", st.notes());
        if (storesSeen.stream().noneMatch(m -> m.get("name").equals(st.name()))) {
            storesSeen.add(seen);
        }
    }

    /**
     * The query-shapes workloads ({@link QueryShapes}): bulk load, an untimed pass listing every
     * query's solutions ({@link Store#rows}, sorted), which must be the same for every store, then
     * each query timed as the other read workloads are (its median time in ms), with untimed runs
     * for at least {@code --warmup-seconds} first.
     */
    void runQueryShapes(Supplier<Store> factory, Dataset d, Path dir) throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        try (Store st = factory.get()) {
            log("%s on %s %,d", st.name(), d.shape, d.target);
            seen(st);
            st.open(dir);
            long t0 = System.nanoTime();
            st.bulkLoad(d.file);
            double load = (System.nanoTime() - t0) / 1e9;
            result(d, "bulk load", st, load, "s", "lower", null, st.size(), null);
            // A first pass lists every query's solutions (compared across stores, untimed): it also
            // warms up the code all the queries share before any of them is timed.
            List<QueryShapes.Query> queries = QueryShapes.queries(d.target);
            Map<String, String> notes = new LinkedHashMap<>();
            long[] listed = new long[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                List<String> rows = st.rows(queries.get(i).sparql());
                listed[i] = rows.equals(List.of("true")) ? 1 : rows.equals(List.of("false")) ? 0 : rows.size();
                compareRows(d.shape + "/" + d.target + "/" + queries.get(i).name(), st, rows);
                if (rows.size() == 1) {
                    notes.put(queries.get(i).name(), "answer: " + rows.get(0));
                }
            }
            long[] check = new long[1];
            for (int i = 0; i < queries.size(); i++) {
                QueryShapes.Query q = queries.get(i);
                double[] ms = timed(() -> st.select(q.sparql()), check, (long) (warmupSeconds * 1e9));
                if (check[0] != listed[i]) {
                    throw new IllegalStateException(st.name() + ", " + q.name() + ": " + check[0] + " solutions counted, " + listed[i] + " listed");
                }
                for (int r = 0; r < ms.length; r++) {
                    ms[r] *= 1e3;
                }
                result(d, q.name(), st, median(ms), "ms", "lower", ms, check[0], notes.get(q.name()));
            }
        }
    }

    /** Records a mismatch, with the first solution that differs, if another store listed other solutions. */
    private void compareRows(String key, Store st, List<String> rows) {
        List<String> before = contents.putIfAbsent(key, rows);
        if (before == null) {
            contentsFrom.put(key, st.name());
            return;
        }
        if (!before.equals(rows)) {
            int i = 0;
            while (i < before.size() && i < rows.size() && before.get(i).equals(rows.get(i))) {
                i++;
            }
            mismatches.add(key + ": " + st.name() + " listed other solutions than " + contentsFrom.get(key) + "; first difference at sorted row " + i
                    + ": " + (i < rows.size() ? rows.get(i) : "(none)") + " against " + (i < before.size() ? before.get(i) : "(none)"));
        }
    }

    void write(Path out, String command) throws IOException {
        Map<String, Object> doc = document(started, command);
        doc.put("stores", storesSeen);
        doc.put("results", results);
        writeJson(out, doc);
        log("results: %s", out);
    }

    /** The head of a result file (RESULTS.md): format, runtime, start, command and machine. */
    static Map<String, Object> document(Instant started, String command) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", 1);
        doc.put("runtime", "jvm");
        doc.put("runtimeVersion", System.getProperty("java.version"));
        doc.put("started", started.toString());
        doc.put("command", command);
        doc.put("machine", machine());
        return doc;
    }

    /** Writes {@code doc} as indented JSON, creating the file's directory if needed. */
    static void writeJson(Path out, Object doc) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        try {
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            m.put("memoryBytes", os.getTotalMemorySize());
        } catch (ClassCastException e) {
            // not a HotSpot-style JVM
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return m;
    }
}
