package org.nervusdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.nervusdb.NervusDB;
import org.nervusdb.QueryResult;
import org.nervusdb.Triple;

/**
 * Times {@link NervusDB#bulkLoad} of the {@link SocialGraph} into a new database on disk. The
 * triples are generated while they are loaded (as a parser would hand them over), so the time
 * includes generating them; the generation alone is timed first and reported too. Usage:
 * {@code java -Xmx2g -cp benchmarks.jar org.nervusdb.bench.BulkLoadFigures [PEOPLE [DIR]]}
 * (575,000 people make about 10 million triples).
 */
public final class BulkLoadFigures {
    private BulkLoadFigures() {
    }

    /** The social graph of {@code people}, generated a thousand people at a time. */
    static Iterator<Triple> stream(long people) {
        return new Iterator<>() {
            long next;
            Iterator<Triple> batch = List.<Triple>of().iterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && next < people) {
                    long to = Math.min(people, next + 1000);
                    batch = SocialGraph.batch(next, to, people).iterator();
                    next = to;
                }
                return batch.hasNext();
            }

            @Override
            public Triple next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    public static void main(String[] args) throws Exception {
        long people = args.length > 0 ? Long.parseLong(args[0]) : 575_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("nervusdb-bulk");
        long t0 = System.nanoTime();
        long n = 0;
        for (Iterator<Triple> it = stream(people); it.hasNext(); it.next()) {
            n++;
        }
        double gen = (System.nanoTime() - t0) / 1e9;
        System.out.printf("generating %,d triples alone: %.2f s%n", n, gen);
        try (NervusDB db = NervusDB.open(dir)) {
            long t1 = System.nanoTime();
            long added = db.bulkLoad(stream(people));
            double secs = (System.nanoTime() - t1) / 1e9;
            System.out.printf("bulk load: %,d triples in (%,d new) in %.2f s = %,.0f triples/s (%,.0f triples/s without generation)%n",
                    n, added, secs, n / secs, n / Math.max(1e-9, secs - gen));
            long bytes;
            try (Stream<Path> s = Files.list(dir)) {
                bytes = s.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf("on disk: %,d bytes = %.1f bytes/triple; count %,d; terms %,d%n", bytes, bytes / (double) added,
                    db.count(null, null, null), db.stats().terms());
            long t2 = System.nanoTime();
            try (QueryResult r = db.sparql("SELECT (COUNT(*) AS ?n) WHERE { <person7> <knows> ?f . ?f <livesIn> ?c }")) {
                System.out.printf("a two-pattern query after the load: %s in %.1f ms%n", r.next()[0], (System.nanoTime() - t2) / 1e6);
            }
        } finally {
            if (args.length < 2) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
