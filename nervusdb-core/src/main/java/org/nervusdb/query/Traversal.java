package org.nervusdb.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nervusdb.Triple;
import org.nervusdb.engine.TripleStore;

/** Graph walks over a store's id index that do not fit a query's shape. */
public final class Traversal {
    private Traversal() {
    }

    /**
     * A shortest path from {@code from} to {@code to} following triples forwards (subject to
     * object), along {@code predicate} only or, if it is null, any predicate, of at most
     * {@code maxHops} triples: the triples in order, an empty list when {@code from} equals
     * {@code to}, or null when no such path exists. Breadth first from both ends at once, a
     * whole level at a time from the end with the smaller frontier (forwards over the subject
     * index, backwards over the object index), each node visited once from each end; so a path
     * of {@code h} hops with fan-out {@code k} visits about {@code 2 k^(h/2)} nodes, not
     * {@code k^h}. Among shortest paths, the one met first.
     */
    public static List<Triple> shortestPath(TripleStore.StoreSnapshot snap, String from, String to, String predicate, int maxHops) {
        if (maxHops < 0) {
            throw new IllegalArgumentException("maxHops must be >= 0, got " + maxHops);
        }
        if (from.equals(to)) {
            return Collections.emptyList();
        }
        long f = snap.lookup(from);
        long t = snap.lookup(to);
        long p = predicate == null ? 0 : snap.lookup(predicate);
        if (f == 0 || t == 0 || (predicate != null && p == 0)) {
            return null;
        }
        Map<Long, long[]> ahead = new HashMap<>(); // node -> {previous node, predicate} from the start
        Map<Long, long[]> behind = new HashMap<>(); // node -> {next node, predicate} towards the end
        ahead.put(f, null);
        behind.put(t, null);
        List<Long> fore = new ArrayList<>(Collections.singletonList(f));
        List<Long> back = new ArrayList<>(Collections.singletonList(t));
        for (int hops = 0; hops < maxHops && !fore.isEmpty() && !back.isEmpty(); hops++) {
            boolean forward = fore.size() <= back.size();
            List<Long> next = new ArrayList<>();
            for (long x : forward ? fore : back) {
                TripleStore.IdScan scan = forward ? snap.scanIds(x, p, 0) : snap.scanIds(0, p, x);
                while (scan.next()) {
                    long y = forward ? scan.o() : scan.s();
                    Map<Long, long[]> seen = forward ? ahead : behind;
                    if (seen.containsKey(y)) {
                        continue;
                    }
                    seen.put(y, new long[] {x, scan.p()});
                    if ((forward ? behind : ahead).containsKey(y)) {
                        return path(snap, ahead, behind, y);
                    }
                    next.add(y);
                }
            }
            if (forward) {
                fore = next;
            } else {
                back = next;
            }
        }
        return null;
    }

    private static List<Triple> path(TripleStore.StoreSnapshot snap, Map<Long, long[]> ahead, Map<Long, long[]> behind, long meet) {
        List<Triple> out = new ArrayList<>();
        for (long y = meet; ahead.get(y) != null; ) {
            long[] e = ahead.get(y);
            out.add(new Triple(snap.term(e[0]), snap.term(e[1]), snap.term(y)));
            y = e[0];
        }
        Collections.reverse(out);
        for (long x = meet; behind.get(x) != null; ) {
            long[] e = behind.get(x);
            out.add(new Triple(snap.term(x), snap.term(e[1]), snap.term(e[0])));
            x = e[0];
        }
        return out;
    }
}
