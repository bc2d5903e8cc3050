package org.nervusdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.nervusdb.NervusDB;
import org.nervusdb.Options;
import org.nervusdb.QueryResult;
import org.nervusdb.SyncMode;
import org.nervusdb.Triple;
import org.nervusdb.query.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the standard benchmark on a fresh database in a temporary directory and prints a summary: "
                + "batched inserts, durable single inserts, flush and compaction, bytes on disk per triple, and the "
                + "latency of point lookups, a two-hop traversal and a SPARQL join; then the bulk load of the same triples "
                + "from an N-Triples file into a new database (as import --bulk).",
                "Data: triple i is (s<i/10>, p<i%%20>, o<i>), plus 'knows' links between subjects.",
                "A quick look on this machine; the JMH suite (nervusdb-bench) gives the figures in docs/PERFORMANCE.md."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "N", defaultValue = "1000000", description = "Triples to insert (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "20000", description = "Timed queries per kind (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--dir", paramLabel = "DIR", description = "Use this new or empty directory (kept) instead of a temporary one.")
    Path dir;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (size < 1000 || queries < 1) {
            throw new ParameterException(spec.commandLine(), "--size must be >= 1000 and --queries >= 1");
        }
        boolean temporary = dir == null;
        Path where = temporary ? Files.createTempDirectory("nervusdb-bench") : dir;
        if (!temporary) {
            try (Stream<Path> s = Files.exists(where) ? Files.list(where) : Stream.empty()) {
                if (s.findAny().isPresent()) {
                    throw new CliException(where + " is not empty");
                }
            }
        }
        Map<String, Object> fig = new LinkedHashMap<>();
        int subjects = size / 10;
        long distinct = 0;
        try {
            try (NervusDB db = NervusDB.open(where)) {
                long t0 = System.nanoTime();
                for (int b = 0; b < size; b += 100_000) {
                    List<Triple> batch = new ArrayList<>(100_000);
                    for (int i = b; i < Math.min(size, b + 100_000); i++) {
                        batch.add(Triple.of("s" + (i / 10), "p" + (i % 20), "o" + i));
                    }
                    db.addAll(batch);
                }
                List<Triple> links = new ArrayList<>();
                for (int k = 0; k < subjects; k++) {
                    links.add(Triple.of("s" + k, "knows", "s" + (int) ((k * 7L + 1) % subjects)));
                    links.add(Triple.of("s" + k, "knows", "s" + (int) ((k * 13L + 5) % subjects)));
                }
                db.addAll(links);
                distinct = db.count(null, null, null);
                double secs = (System.nanoTime() - t0) / 1e9;
                fig.put("batchedInsertTriplesPerSecond", Math.round((size + links.size()) / secs));
                long t1 = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    db.add("single" + i, "p", "o" + i); // each commit fsynced (the default)
                }
                fig.put("durableSingleInsertsPerSecond", Math.round(200 / ((System.nanoTime() - t1) / 1e9)));
                long t2 = System.nanoTime();
                db.flush();
                db.compact();
                fig.put("flushAndCompactSeconds", round((System.nanoTime() - t2) / 1e9));
            }
            long bytes;
            try (Stream<Path> s = Files.list(where)) {
                bytes = s.mapToLong(p -> p.toFile().length()).sum();
            }
            fig.put("bytesPerTriple", round(bytes / (double) (size + 2L * subjects)));
            try (NervusDB db = NervusDB.open(where, Options.defaults().syncMode(SyncMode.NONE))) {
                Random r = new Random(1);
                fig.put("boundSubjectMicrosP50P99", latency(queries, i -> db.query().whereSubject("s" + r.nextInt(subjects)).execute()));
                fig.put("twoHopTraversalMicrosP50P99", latency(queries, i ->
                        db.query().whereSubject("s" + r.nextInt(subjects)).wherePredicate("knows").follow("knows").follow("p3").nodes()));
                fig.put("sparqlJoinMicrosP50P99", latency(queries, i -> {
                    try (QueryResult q = db.sparql("SELECT ?f ?o WHERE { <s" + r.nextInt(subjects) + "> <knows> ?f . ?f <p5> ?o }")) {
                        while (q.hasNext()) {
                            q.next();
                        }
                    }
                }));
            }
            bulkLoad(fig, subjects, distinct);
        } finally {
            if (temporary) {
                deleteTree(where);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, Object> e : fig.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                JsonText.quote(sb, e.getKey());
                sb.append(':');
                Object v = e.getValue();
                sb.append(v instanceof double[] ? "[" + ((double[]) v)[0] + "," + ((double[]) v)[1] + "]" : String.valueOf(v));
            }
            out.println(sb.append('}'));
        } else {
            out.printf(Locale.ROOT, "triples: %,d (+%,d links)%n", size, 2L * subjects);
            for (Map.Entry<String, Object> e : fig.entrySet()) {
                Object v = e.getValue();
                out.printf(Locale.ROOT, "%-32s %s%n", e.getKey() + ":", v instanceof double[]
                        ? String.format(Locale.ROOT, "p50 %.1f  p99 %.1f", ((double[]) v)[0], ((double[]) v)[1])
                        : v instanceof Long ? String.format(Locale.ROOT, "%,d", (Long) v) : String.valueOf(v));
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /**
     * Writes the same triples as an N-Triples file and bulk-loads it into a new database, as
     * {@code import --bulk} does (both in a temporary directory, deleted afterwards).
     */
    private void bulkLoad(Map<String, Object> fig, int subjects, long expected) throws IOException {
        Path tmp = Files.createTempDirectory("nervusdb-bench-bulk");
        try {
            Path file = tmp.resolve("bench.nt");
            long lines = 0;
            try (java.io.Writer w = Files.newBufferedWriter(file)) {
                for (int i = 0; i < size; i++) {
                    w.write("<s" + (i / 10) + "> <p" + (i % 20) + "> <o" + i + "> .\n");
                    lines++;
                }
                for (int k = 0; k < subjects; k++) {
                    w.write("<s" + k + "> <knows> <s" + (int) ((k * 7L + 1) % subjects) + "> .\n");
                    w.write("<s" + k + "> <knows> <s" + (int) ((k * 13L + 5) % subjects) + "> .\n");
                    lines += 2;
                }
            }
            try (NervusDB db = NervusDB.open(tmp.resolve("db"))) {
                long t0 = System.nanoTime();
                db.bulkLoad(sink -> {
                    try (java.io.InputStream in = Files.newInputStream(file)) {
                        org.nervusdb.rdf.NTriplesByteParser.nTriples().relativeIris(true)
                                .parse(in, (b, so, sl, po, pl, oo, ol, go, gl) -> sink.addUtf8(b, so, sl, po, pl, oo, ol));
                    }
                });
                fig.put("bulkLoadFromNTriplesTriplesPerSecond", Math.round(lines / ((System.nanoTime() - t0) / 1e9)));
                if (db.count(null, null, null) != expected) {
                    throw new CliException("the bulk-loaded database holds " + db.count(null, null, null)
                            + " triples where the inserted one holds " + expected);
                }
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    /** Runs {@code n} warm-up operations, then {@code n} timed ones; microseconds at p50 and p99. */
    private static double[] latency(int n, IntConsumer op) {
        for (int i = 0; i < n; i++) {
            op.accept(i);
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long x = System.nanoTime();
            op.accept(i);
            t[i] = System.nanoTime() - x;
        }
        Arrays.sort(t);
        return new double[] {round(t[n / 2] / 1e3), round(t[Math.min(n - 1, n * 99 / 100)] / 1e3)};
    }
}
