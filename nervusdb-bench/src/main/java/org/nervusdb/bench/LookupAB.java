package org.nervusdb.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nervusdb.NervusDB;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;

/**
 * Bound-subject lookups on an existing store, timed in the thread's CPU time so that two builds
 * can be compared on a machine that is not quiet: every 499th triple is sampled, then each round
 * reads every sample's S, SP and SPO patterns through {@link NervusDB#cursor}; the best round
 * is printed per shape, with a checksum of what was read. Run it with each build's jar on a copy
 * of the same store (a newer build may upgrade the copy it opens), alternating.
 * Usage: {@code java -cp benchmarks.jar org.nervusdb.bench.LookupAB DIR [LABEL]}.
 */
public final class LookupAB {
    private LookupAB() {
    }

    public static void main(String[] args) {
        String label = args.length > 1 ? args[1] : "";
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (NervusDB db = NervusDB.open(Paths.get(args[0]))) {
            List<Triple> sample = new ArrayList<>();
            long i = 0;
            try (TripleCursor c = db.cursor(null, null, null)) {
                while (c.hasNext()) {
                    Triple t = c.next();
                    if (i++ % 499 == 0) {
                        sample.add(t);
                    }
                }
            }
            Collections.shuffle(sample, new Random(7));
            for (String shape : new String[] {"S", "SP", "SPO", "S", "SP", "SPO"}) {
                double best = Double.MAX_VALUE;
                long check = 0;
                for (int r = 0; r < 15; r++) {
                    long n = 0;
                    long t0 = cpu.getCurrentThreadCpuTime();
                    for (Triple t : sample) {
                        String p = shape.contains("P") ? t.predicate() : null;
                        String o = shape.contains("O") ? t.object() : null;
                        try (TripleCursor c = db.cursor(t.subject(), p, o)) {
                            while (c.hasNext()) {
                                n += c.next().object().length();
                            }
                        }
                    }
                    best = Math.min(best, (cpu.getCurrentThreadCpuTime() - t0) / 1e3 / sample.size());
                    check = n;
                }
                System.out.printf("%s %s %.3f us (checksum %d, %d lookups)%n", label, shape, best, check, sample.size());
            }
        }
    }
}
