package org.nervusdb.query;

import java.util.HashSet;
import java.util.Set;
import org.nervusdb.engine.TripleStore;

/**
 * Distinct-value estimates for the planner, read from the indexes of the snapshot the query
 * runs on, so they are never stale: the number of distinct values one position takes among the
 * triples matching a pattern, exact when at most {@link #SAMPLE} triples match, otherwise
 * scaled up from the first {@link #SAMPLE} (a sample in index order). Cached per query.
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
