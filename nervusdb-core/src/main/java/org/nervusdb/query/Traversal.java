package org.nervusdb.query;

import java.util.ArrayDeque;
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
     * {@code to}, or null when no such path exists. Breadth first from {@code from}, each node
     * visited once; among shortest paths, the one found first in index order.
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
        Map<Long, long[]> parent = new HashMap<>(); // node -> {previous node, predicate}
        parent.put(f, null);
        ArrayDeque<Long> frontier = new ArrayDeque<>();
        frontier.add(f);
        for (int hop = 0; hop < maxHops && !frontier.isEmpty(); hop++) {
            ArrayDeque<Long> next = new ArrayDeque<>();
            for (long x : frontier) {
                TripleStore.IdScan scan = snap.scanIds(x, p, 0);
                while (scan.next()) {
                    long y = scan.o();
                    if (parent.containsKey(y)) {
                        continue;
                    }
                    parent.put(y, new long[] {x, scan.p()});
                    if (y == t) {
                        return path(snap, parent, t);
                    }
                    next.add(y);
                }
            }
            frontier = next;
        }
        return null;
    }

    private static List<Triple> path(TripleStore.StoreSnapshot snap, Map<Long, long[]> parent, long end) {
        List<Triple> out = new ArrayList<>();
        for (long y = end; parent.get(y) != null; ) {
            long[] e = parent.get(y);
            out.add(new Triple(snap.term(e[0]), snap.term(e[1]), snap.term(y)));
            y = e[0];
        }
        Collections.reverse(out);
        return out;
    }
}
