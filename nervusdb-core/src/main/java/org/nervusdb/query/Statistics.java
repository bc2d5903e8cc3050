package org.nervusdb.query;

import java.util.HashSet;
import java.util.Set;
import org.nervusdb.engine.TripleStore;

/**
 * Distinct-value estimates for the planner: the number of distinct values one position takes
 * among the triples matching a pattern. For a pattern whose only constant is the predicate (or
 * that has none), the subjects or objects per triple come from the statistics the engine writes
 * into every table (see {@link TripleStore.StoreSnapshot#statistics}), applied to the current
 * count. Otherwise, and when no table has figures yet, they are read from the snapshot's
 * indexes: exact when at most {@link #SAMPLE} triples match, else scaled up from the first
 * {@link #SAMPLE} (a sample in index order). Cached per query.
 */
final class Statistics {
    static final int SAMPLE = 1024;

    private Statistics() {
    }

    static double distinct(Evaluator ev, long s, long p, long o, char position) {
        String key = s + " " + p + " " + o + " " + position;
        Double cached = ev.distinctCache.get(key);
        if (cached != null) {
            return cached;
        }
        TripleStore.StoreSnapshot snap = ev.snapshot();
        int fixed = (s > 0 ? 1 : 0) + (p > 0 ? 1 : 0) + (o > 0 ? 1 : 0);
        if (fixed == 2) {
            // Two positions fixed: every triple has its own value in the third, and a fixed
            // position has one value.
            boolean free = position == 's' ? s == 0 : position == 'p' ? p == 0 : o == 0;
            double d = free ? snap.estimate(s, p, o) : 1;
            ev.distinctCache.put(key, d);
            return d;
        }
        if (s == 0 && o == 0 && position != 'p') {
            double[] st = snap.statistics(p);
            int k = position == 's' ? 1 : 2;
            if (st != null && st[0] > 0 && st[k] > 0) {
                double total = snap.estimate(s, p, o);
                double d = Math.max(1, Math.min(total, total * st[k] / st[0]));
                ev.distinctCache.put(key, d);
                return d;
            }
        }
        TripleStore.IdScan scan = snap.scanIds(s, p, o);
        Set<Long> seen = new HashSet<>();
        int m = 0;
        boolean complete = true;
        while (true) {
            if (m == SAMPLE) {
                complete = false;
                break;
            }
            if (!scan.next()) {
                break;
            }
            m++;
            seen.add(position == 's' ? scan.s() : position == 'p' ? scan.p() : scan.o());
        }
        double d;
        if (complete || m == 0) {
            d = seen.size();
        } else {
            double total = snap.estimate(s, p, o);
            d = Math.max(seen.size(), total * seen.size() / m);
        }
        ev.distinctCache.put(key, d);
        return d;
    }
}
