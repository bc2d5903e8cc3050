package org.nervusdb.bench.suite;

import benchmark.testdriver.Query;
import benchmark.testdriver.QueryMix;
import benchmark.testdriver.TestDriver;
import java.io.File;
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
 * The Berlin SPARQL Benchmark (BSBM) on the stores of the side-by-side suite: the data and the
 * query mixes come from the BSBM generator and test driver ({@code org.aksw.bsbm:bsbm-core}), with
 * their standard parameter generation, so every store answers the same queries. Usage:
 *
 * <pre>
 * java -Xmx8g -cp benchmarks.jar org.nervusdb.bench.suite.Bsbm [--products 2785[,14000]]
 *     [--stores nervusdb,tdb2,lmdb] [--mixes explore,bi] [--warmup 20] [--runs 50] [--compare 5]
 *     [--seed 808080] [--dir DIR] [--out FILE] [--queries-out DIR]
 * </pre>
 *
 * {@code --products} is BSBM's scale factor: 2,785 products make about 1 million triples, 14,000
 * about 5 million, 284,826 about 100 million. For each scale the generator runs once (in a child
 * JVM: it keeps static state and may exit) and writes the N-Triples file and the test driver's
 * parameter data; then, for each store in a new directory: timed bulk load, bytes on disk per
 * triple, and for each mix {@code --warmup} untimed query mixes followed by {@code --runs} timed
 * ones (the same mixes, in the same order, for every store: the parameters come from the seed).
 * Reported per store and mix: query mixes per hour (QMpH) and each query's mean time; per query
 * form, the time of the whole mix is the sum of its queries' times (the harness's own work, such as
 * building the query text, is not counted).
 *
 * <p>The answers of the first {@code --compare} mixes are compared between stores (the first store
 * given is the reference): every SELECT solution and every CONSTRUCT triple must agree (computed
 * numbers by value, see {@link #agree}). DESCRIBE
 * (Q9 of the Explore mix) leaves its answer to the store, so differing DESCRIBE answers are listed
 * but do not fail the run; any other difference makes the run exit with status 1. {@code
 * --queries-out} also writes every query of each mix as text, with the reference answers of
 * the compared ones (one JSON file per scale and mix): {@code js/bench/bsbm.mjs} runs them on
 * the stores that run in Node.
 */
public final class Bsbm {
    /** Query mixes by name: the resource of the BSBM use case. */
    private static final Map<String, String> MIXES = Map.of("explore", "/usecases/explore/sparql.txt", "bi",
        "/usecases/businessIntelligence/sparql.txt");

    private final List<Map<String, Object>> results = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();
    private final List<String> describeDifferences = new ArrayList<>();
    /** The reference answers: key {@code products/mix/run/position}. */
    private final Map<String, List<String>> reference = new LinkedHashMap<>();
    private final Map<String, String> referenceFrom = new LinkedHashMap<>();
    private final Instant started = Instant.now();
    private int warmup = 20;
    private int runs = 50;
    private int compare = 5;
    private long seed = 808080;

    /** One query of a mix: its BSBM number, its form and its text. */
    record MixQuery(int nr, String form, String text) {
    }

    public static void main(String[] args) throws Exception {
        int rc = run(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /** Runs the benchmark the arguments describe; 0 when the stores agreed, 1 when not, 2 for bad arguments. */
    static int run(String[] args) throws Exception {
        Suite suite = new Suite();
        Suite.registerPeersInto(suite);
        Bsbm b = new Bsbm();
        List<Integer> products = List.of(2785);
        List<String> stores = List.of("nervusdb", "tdb2", "lmdb");
        List<String> mixes = List.of("explore", "bi");
        Path dir = Path.of("target/bsbm");
        Path out = null;
        Path queriesOut = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            i++;
            switch (a) {
                case "--products" -> products = Arrays.stream(v.split(",")).map(Integer::parseInt).toList();
                case "--stores" -> stores = List.of(v.split(","));
                case "--mixes" -> mixes = List.of(v.split(","));
                case "--warmup" -> b.warmup = Integer.parseInt(v);
                case "--runs" -> b.runs = Integer.parseInt(v);
                case "--compare" -> b.compare = Integer.parseInt(v);
                case "--seed" -> b.seed = Long.parseLong(v);
                case "--dir" -> dir = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--queries-out" -> queriesOut = Path.of(v);
                default -> {
                    System.err.println("unknown argument " + a);
                    return 2;
                }
            }
        }
        if (out == null) {
            out = dir.resolve("results-bsbm.json");
        }
        for (String s : stores) {
            if (suite.factory(s) == null) {
                System.err.println("unknown store " + s);
                return 2;
            }
        }
        for (String m : mixes) {
            if (!MIXES.containsKey(m)) {
                System.err.println("unknown mix " + m + "; known: " + MIXES.keySet());
                return 2;
            }
        }
        String command = "java " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + " -cp benchmarks.jar "
            + Bsbm.class.getName() + " " + String.join(" ", args);
        for (int pc : products) {
            Path data = generate(pc, dir.resolve("data").resolve("products-" + pc));
            Map<String, List<List<MixQuery>>> queryMixes = new LinkedHashMap<>();
            for (String m : mixes) {
                queryMixes.put(m, b.mixes(data, m, b.warmup + b.runs));
            }
            for (String key : stores) {
                b.run(suite.factory(key), pc, data, queryMixes, dir.resolve("stores").resolve(key + "-" + pc));
                b.write(out, command);
            }
            if (queriesOut != null) {
                for (String m : mixes) {
                    b.writeQueries(pc, m, queryMixes.get(m), queriesOut.resolve("bsbm-" + pc + "-" + m + ".json"));
                }
            }
        }
        b.write(out, command);
        if (!b.describeDifferences.isEmpty()) {
            log("%d DESCRIBE answers differ (implementation-defined, not a failure; all in %s), such as:", b.describeDifferences.size(), out);
            b.describeDifferences.stream().limit(3).forEach(m -> log("  %s", m));
        }
        if (!b.mismatches.isEmpty()) {
            log("stores disagreed:");
            b.mismatches.forEach(m -> log("  %s", m));
            return 1;
        }
        return 0;
    }

    // ------------------------------------------------------------------ data and queries

    /** Runs the BSBM generator for {@code products} products into {@code dir} (once: kept if there). */
    static Path generate(int products, Path dir) throws IOException, InterruptedException {
        Path nt = dir.resolve("dataset.nt");
        Path done = dir.resolve("complete");
        if (Files.exists(done)) {
            return dir;
        }
        LoadComparison.deleteTree(dir);
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx2g", "-cp", absoluteClassPath(),
            "benchmark.generator.Generator", "-pc", Integer.toString(products), "-s", "nt", "-fn", "dataset", "-dir", "td_data");
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("generator.log").toFile());
        long t0 = System.nanoTime();
        int rc = pb.start().waitFor();
        if (rc != 0 || !Files.exists(nt)) {
            throw new IOException("the BSBM generator failed (exit " + rc + "); see " + dir.resolve("generator.log"));
        }
        long lines;
        try (var s = Files.lines(nt)) {
            lines = s.filter(l -> !l.isBlank()).count();
        }
        Files.writeString(done, Long.toString(lines));
        log("BSBM data, %,d products: %,d triples in %.1f s (%s)", products, lines, (System.nanoTime() - t0) / 1e9, nt);
        return dir;
    }

    /** This JVM's class path with absolute entries (the generator runs in another working directory). */
    private static String absoluteClassPath() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            out.add(Path.of(e).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, out);
    }

    /** The test driver, used only for its query mixes and parameter generation. */
    private static final class Driver extends TestDriver {
        Driver(String[] args) {
            super(args);
        }

        QueryMix mix() {
            return queryMix;
        }

        Object[] parameters(Query q) {
            return parameterPool.getParametersForQuery(q);
        }
    }

    /** {@code count} query mixes of the use case, with parameters drawn as BSBM's test driver draws them. */
    List<List<MixQuery>> mixes(Path data, String mix, int count) {
        List<String> a = new ArrayList<>(List.of("-idir", data.resolve("td_data").toString(), "-seed", Long.toString(seed)));
        a.add("-ucf");
        a.add(Bsbm.class.getResource(MIXES.get(mix)).toString());
        a.add("none");
        Driver d = new Driver(a.toArray(String[]::new));
        d.init();
        QueryMix qm = d.mix();
        List<List<MixQuery>> out = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            qm.setRun(r);
            List<MixQuery> one = new ArrayList<>();
            while (qm.hasNext()) {
                Query q = qm.getNext();
                q.setParameters(d.parameters(q));
                String form = switch (q.getQueryType()) {
                    case Query.DESCRIBE_TYPE -> "DESCRIBE";
                    case Query.CONSTRUCT_TYPE -> "CONSTRUCT";
                    default -> "SELECT";
                };
                one.add(new MixQuery(q.getNr(), form, q.getQueryString()));
                qm.setCurrent(0, 1.0);
            }
            qm.finishRun();
            out.add(one);
        }
        return out;
    }

    /**
     * Writes the mixes' queries, with the reference answers of the compared ones ({@code rows}, as
     * {@link Store#rows} gives them, and which store gave them), for runners in other runtimes.
     */
    void writeQueries(int products, String mix, List<List<MixQuery>> mixes, Path file) throws IOException {
        List<List<Map<String, Object>>> out = new ArrayList<>();
        for (int r = 0; r < mixes.size(); r++) {
            List<Map<String, Object>> one = new ArrayList<>();
            for (int i = 0; i < mixes.get(r).size(); i++) {
                MixQuery q = mixes.get(r).get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("nr", q.nr);
                m.put("form", q.form);
                m.put("text", q.text);
                String key = key(products, mix, r, i, q);
                if (reference.containsKey(key)) {
                    m.put("rows", reference.get(key));
                    m.put("rowsFrom", referenceFrom.get(key));
                }
                one.add(m);
            }
            out.add(one);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("products", products);
        doc.put("mix", mix);
        settings(doc);
        doc.put("mixes", out);
        Suite.writeJson(file, doc);
    }

    private static String key(int products, String mix, int run, int position, MixQuery q) {
        return products + "/" + mix + "/mix " + run + "/query " + position + " (Q" + q.nr + ")";
    }

    // ------------------------------------------------------------------ running

    void run(Supplier<Store> factory, int products, Path data, Map<String, List<List<MixQuery>>> queryMixes, Path dir)
            throws Exception {
        LoadComparison.deleteTree(dir);
        Files.createDirectories(dir);
        try (Store st = factory.get()) {
            log("%s on BSBM %,d products", st.name(), products);
            st.open(dir);
            Path nt = data.resolve("dataset.nt");
            long lines = Long.parseLong(Files.readString(data.resolve("complete")).trim());
            long t0 = System.nanoTime();
            st.bulkLoad(nt);
            double load = (System.nanoTime() - t0) / 1e9;
            long size = st.size();
            result(products, "load", st, "bulk load", load, "s", null);
            result(products, "load", st, "bulk load rate", lines / load, "triples/s", null);
            result(products, "load", st, "triples", size, "triples", null);
            st.close();
            result(products, "load", st, "bytes per triple after load", Suite.diskBytes(dir) / (double) size, "bytes/triple", null);
            st.open(dir);
            for (Map.Entry<String, List<List<MixQuery>>> m : queryMixes.entrySet()) {
                runMix(st, products, m.getKey(), m.getValue());
            }
        }
    }

    private void runMix(Store st, int products, String mix, List<List<MixQuery>> mixes) throws Exception {
        for (int r = 0; r < Math.min(compare, mixes.size()); r++) {
            List<MixQuery> one = mixes.get(r);
            for (int i = 0; i < one.size(); i++) {
                MixQuery q = one.get(i);
                String key = key(products, mix, r, i, q);
                List<String> rows;
                try {
                    rows = st.rows(q.text);
                } catch (Exception | StackOverflowError e) {
                    mismatches.add(key + ": " + st.name() + " failed: " + e);
                    continue;
                }
                List<String> before = reference.putIfAbsent(key, rows);
                if (before == null) {
                    referenceFrom.put(key, st.name());
                } else if (!agree(before, rows)) {
                    String m = key + ": " + st.name() + " gave " + rows.size() + " rows, " + referenceFrom.get(key) + " " + before.size()
                        + firstDifference(before, rows);
                    (q.form.equals("DESCRIBE") ? describeDifferences : mismatches).add(m);
                }
            }
        }
        Map<Integer, long[]> perQuery = new java.util.TreeMap<>(); // nr -> {nanos, count}
        double[] mixSeconds = new double[runs];
        for (int r = 0; r < warmup + runs; r++) {
            long mixNanos = 0;
            for (MixQuery q : mixes.get(r)) {
                long t0 = System.nanoTime();
                st.select(q.text);
                long t = System.nanoTime() - t0;
                mixNanos += t;
                if (r >= warmup) {
                    long[] acc = perQuery.computeIfAbsent(q.nr, k -> new long[2]);
                    acc[0] += t;
                    acc[1]++;
                }
            }
            if (r >= warmup) {
                mixSeconds[r - warmup] = mixNanos / 1e9;
            }
        }
        double total = Arrays.stream(mixSeconds).sum();
        result(products, mix, st, "QMpH", runs * 3600 / total, "query mixes/hour", null);
        for (Map.Entry<Integer, long[]> e : perQuery.entrySet()) {
            result(products, mix, st, "Q" + e.getKey() + " mean", e.getValue()[0] / 1e6 / e.getValue()[1], "ms", null);
        }
    }

    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";

    /**
     * Whether two answers agree: the same rows, where computed numbers are compared by value.
     * Stores spell the same xsd:float, xsd:double or xsd:decimal value differently ({@code "2.0"}
     * and {@code "2.0E0"}), and a SUM or AVG of floats (BI Q4, Q5) rounds after every addition, so
     * its last digits depend on the order in which a store meets the rows, which SPARQL leaves
     * open (and BI Q4 subtracts two such sums). So decimals are compared by value, floats and
     * doubles to a relative difference of 1e-4 and 1e-9; every other term as it is.
     */
    static boolean agree(List<String> a, List<String> b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.size() != b.size()) {
            return false;
        }
        List<String[]> x = byShape(a);
        List<String[]> y = byShape(b);
        for (int i = 0; i < x.size(); i++) {
            String[] r = x.get(i);
            String[] t = y.get(i);
            if (r.length != t.length) {
                return false;
            }
            for (int k = 0; k < r.length; k++) {
                if (!r[k].equals(t[k]) && !sameNumber(r[k], t[k])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The rows split into cells, sorted by their text with the numbers' digits left out, then by their numbers. */
    private static List<String[]> byShape(List<String> rows) {
        List<String[]> out = new ArrayList<>();
        for (String row : rows) {
            out.add(row.split("\t", -1));
        }
        java.util.Comparator<String[]> byShape = java.util.Comparator.comparing(r -> {
            StringBuilder sb = new StringBuilder();
            for (String c : r) {
                sb.append(number(c) != null ? c.substring(0, c.indexOf('=') + 1) + "#" : c).append('\t');
            }
            return sb.toString();
        });
        out.sort(byShape.thenComparing((r, t) -> {
            for (int k = 0; k < Math.min(r.length, t.length); k++) {
                java.math.BigDecimal p = number(r[k]);
                java.math.BigDecimal q = number(t[k]);
                if (p != null && q != null && p.compareTo(q) != 0) {
                    return p.compareTo(q);
                }
            }
            return 0;
        }));
        return out;
    }

    /** The value of a cell {@code ?v="lex"^^<xsd:float|double|decimal>}, or null for any other cell. */
    private static java.math.BigDecimal number(String cell) {
        String dt = numericType(cell);
        if (dt == null) {
            return null;
        }
        String lex = cell.substring(cell.indexOf('=') + 2, cell.lastIndexOf("\"^^<")).trim();
        try {
            if (dt.equals("decimal")) {
                return new java.math.BigDecimal(lex);
            }
            double d = dt.equals("float") ? Float.parseFloat(lex) : Double.parseDouble(lex);
            return Double.isNaN(d) || Double.isInfinite(d) ? null : new java.math.BigDecimal(d);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String numericType(String cell) {
        int eq = cell.indexOf('=');
        int close = cell.lastIndexOf("\"^^<");
        if (eq < 0 || close <= eq || cell.charAt(eq + 1) != '"' || !cell.endsWith(">")) {
            return null;
        }
        String dt = cell.substring(close + 4, cell.length() - 1);
        return dt.equals(XSD + "float") ? "float" : dt.equals(XSD + "double") ? "double" : dt.equals(XSD + "decimal") ? "decimal" : null;
    }

    private static boolean sameNumber(String c, String d) {
        String type = numericType(c);
        if (type == null || !type.equals(numericType(d)) || !c.substring(0, c.indexOf('=')).equals(d.substring(0, d.indexOf('=')))) {
            return false;
        }
        java.math.BigDecimal p = number(c);
        java.math.BigDecimal q = number(d);
        if (p == null || q == null) {
            return false;
        }
        if (type.equals("decimal")) {
            return p.compareTo(q) == 0;
        }
        double x = p.doubleValue();
        double y = q.doubleValue();
        return Math.abs(x - y) <= (type.equals("float") ? 1e-4 : 1e-9) * Math.max(Math.abs(x), Math.abs(y));
    }

    private static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(none)";
            String y = i < b.size() ? b.get(i) : "(none)";
            if (!x.equals(y)) {
                return "; first difference at row " + i + ": " + cut(y) + " | reference " + cut(x);
            }
        }
        return "";
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private void result(int products, String mix, Store st, String what, double value, String unit, String note) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "bsbm");
        r.put("products", products);
        r.put("mix", mix);
        r.put("workload", what);
        r.put("store", st.name());
        r.put("storeVersion", st.version());
        r.put("value", value);
        r.put("unit", unit);
        if (note != null) {
            r.put("note", note);
        }
        results.add(r);
        log("  %-8s %-30s %-12s %,16.3f %s", mix, what, st.name(), value, unit);
    }

    void write(Path out, String command) throws IOException {
        Map<String, Object> doc = Suite.document(started, command);
        settings(doc);
        doc.put("results", results);
        doc.put("mismatches", mismatches);
        doc.put("describeDifferences", describeDifferences);
        Suite.writeJson(out, doc);
    }

    /** The run's settings, into a result or query file. */
    private void settings(Map<String, Object> doc) {
        doc.put("seed", seed);
        doc.put("warmupMixes", warmup);
        doc.put("timedMixes", runs);
        doc.put("comparedMixes", compare);
    }

    static void log(String fmt, Object... args) {
        System.err.printf(Locale.ROOT, fmt + "%n", args);
    }
}
