package org.nervusdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.nervusdb.NervusDB;
import org.nervusdb.Triple;

/**
 * A one-shot measurement of the headline figures, for a quick look without JMH: batched insert
 * of N triples with the default sync mode (one fsync per 100,000-triple batch), bytes on disk per
 * triple after compaction, and the latency distribution of a bound-subject query returning ten
 * triples from a warm cache. Usage: {@code java -cp benchmarks.jar org.nervusdb.bench.QuickFigures [N]}.
 */
public final class QuickFigures {
    private QuickFigures() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("nervusdb-quick");
        try (NervusDB db = NervusDB.open(dir)) {
            long t0 = System.nanoTime();
            for (int b = 0; b < n; b += 100_000) {
                List<Triple> batch = new ArrayList<>();
                for (int i = b; i < Math.min(n, b + 100_000); i++) {
                    batch.add(Triple.of("s" + (i / 10), "p" + (i % 20), "o" + i));
                }
                db.addAll(batch);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("batched insert: %,d triples in %.2f s = %,.0f triples/s%n", n, secs, n / secs);
            db.flush();
            db.compact();
            long bytes;
            try (Stream<Path> s = Files.list(dir)) {
                bytes = s.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf("on disk after compaction: %,d bytes = %.1f bytes/triple%n", bytes, bytes / (double) n);
            Random r = new Random(1);
            for (int i = 0; i < 200_000; i++) {
                db.query().whereSubject("s" + r.nextInt(n / 10)).execute();
            }
            long[] t = new long[100_000];
            for (int i = 0; i < t.length; i++) {
                long x = System.nanoTime();
                db.query().whereSubject("s" + r.nextInt(n / 10)).execute();
                t[i] = System.nanoTime() - x;
            }
            Arrays.sort(t);
            System.out.printf("bound-subject query (10 results): median %.1f us, p99 %.1f us%n",
                    t[t.length / 2] / 1e3, t[t.length * 99 / 100] / 1e3);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
