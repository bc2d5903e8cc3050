package org.nervusdb.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.nervusdb.NervusDB;

/**
 * Opens a database, runs one lookup by subject and closes it, N times in one JVM, and prints
 * the average time of each step over the second half of the runs (the JIT has settled by then).
 *
 * <pre>java -cp benchmarks.jar org.nervusdb.bench.ColdOpen DIR N [SUBJECT]</pre>
 */
public final class ColdOpen {
    private ColdOpen() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String subject = args.length > 2 ? args[2] : "http://example.org/person5";
        double open = 0;
        double lookup = 0;
        double close = 0;
        long results = -1;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            NervusDB db = NervusDB.open(dir);
            long t1 = System.nanoTime();
            long c = db.count(subject, null, null);
            long t2 = System.nanoTime();
            db.close();
            long t3 = System.nanoTime();
            if (results >= 0 && c != results) {
                throw new IllegalStateException("the lookup found " + c + ", before " + results);
            }
            results = c;
            if (i >= n / 2) {
                open += (t1 - t0) / 1e6;
                lookup += (t2 - t1) / 1e6;
                close += (t3 - t2) / 1e6;
            }
        }
        int m = n - n / 2;
        System.out.printf(Locale.ROOT, "%d opens of %s, average of the last %d: open %.2f ms, first lookup %.2f ms (%d results), close %.2f ms%n",
                n, dir, m, open / m, lookup / m, results, close / m);
    }
}
