package org.nervusdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.nervusdb.NervusDB;
import org.nervusdb.Quad;
import org.nervusdb.Triple;

/**
 * The cost of named graphs, measured side by side in one run: the same N statements stored as
 * triples of the default graph and as quads spread over G named graphs (batched inserts of
 * 100,000, one commit each), with the time per statement, the bytes on disk per statement after
 * compaction, and the time to read one subject's statements from each (all graphs for the quads).
 * Usage: {@code java -cp benchmarks.jar org.nervusdb.bench.QuadFigures [N] [G]}.
 */
public final class QuadFigures {
    private QuadFigures() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int graphs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        double[] triples = run(n, 0);
        double[] quads = run(n, graphs);
        System.out.printf("%-28s %14s %14s %8s%n", "", "triples", "quads (" + graphs + " graphs)", "ratio");
        String[] names = {"insert (statements/s)", "bytes per statement", "subject lookup (us)"};
        for (int i = 0; i < 3; i++) {
            System.out.printf("%-28s %,14.1f %,14.1f %8.2f%n", names[i], triples[i], quads[i], quads[i] / triples[i]);
        }
    }

    /** {inserts per second, bytes per statement after compaction, microseconds per subject lookup}. */
    private static double[] run(int n, int graphs) throws Exception {
        Path dir = Files.createTempDirectory("nervusdb-quads");
        try (NervusDB db = NervusDB.open(dir)) {
            long t0 = System.nanoTime();
            for (int b = 0; b < n; b += 100_000) {
                if (graphs == 0) {
                    List<Triple> batch = new ArrayList<>();
                    for (int i = b; i < Math.min(n, b + 100_000); i++) {
                        batch.add(Triple.of(BenchData.subject(i), BenchData.predicate(i), BenchData.object(i)));
                    }
                    db.addAll(batch);
                } else {
                    List<Quad> batch = new ArrayList<>();
                    for (int i = b; i < Math.min(n, b + 100_000); i++) {
                        batch.add(Quad.of(BenchData.subject(i), BenchData.predicate(i), BenchData.object(i),
                                "http://example.org/graph/" + (i % graphs)));
                    }
                    db.addQuads(batch);
                }
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            db.flush();
            db.compact();
            long bytes;
            try (Stream<Path> s = Files.list(dir)) {
                bytes = s.mapToLong(p -> p.toFile().length()).sum();
            }
            Random r = new Random(1);
            int subjects = (int) Math.max(1, n / 10);
            long found = 0;
            long t1 = 0;
            for (int round = 0; round < 2; round++) { // the first round warms up
                found = 0;
                t1 = System.nanoTime();
                for (int i = 0; i < 100_000; i++) {
                    String s = BenchData.subject((long) r.nextInt(subjects) * 10);
                    try (Stream<Quad> q = db.findQuads(s, null, null, graphs == 0 ? Quad.DEFAULT_GRAPH : null)) {
                        found += q.count();
                    }
                }
            }
            double us = (System.nanoTime() - t1) / 1e3 / 100_000;
            if (found == 0) {
                throw new IllegalStateException("lookups found nothing");
            }
            return new double[] {rate, bytes / (double) n, us};
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
