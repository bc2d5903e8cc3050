package org.nervusdb.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Path;

/**
 * Property path evaluation over store ids. {@code eval(path, s, o)} gives the (start, end) pairs
 * connected by the path, with {@code s} or {@code o} fixed when non-zero. Links, inverses,
 * sequences and alternatives keep duplicates (SPARQL's multiset semantics for them);
 * repetition visits each node once per start node, so cycles end.
 */
final class PathEval {
    private final TripleStore.StoreSnapshot snap;
    private final QueryLimits limits;
    private final Scanner graph;

    /** Where the path's triples come from: the scan of one graph (or merge of graphs) for a pattern of ids. */
    interface Scanner {
        TripleStore.IdScan scan(long s, long p, long o);
    }

    PathEval(TripleStore.StoreSnapshot snap, QueryLimits limits, Scanner graph) {
        this.snap = snap;
        this.limits = limits;
        this.graph = graph;
    }

    /** Whether a zero-length path matches this path (its start is its end). */
    static boolean canBeEmpty(Path p) {
        if (p instanceof Path.Repeat) {
            return ((Path.Repeat) p).min == 0 || canBeEmpty(((Path.Repeat) p).path);
        }
        if (p instanceof Path.Inverse) {
            return canBeEmpty(((Path.Inverse) p).path);
        }
        if (p instanceof Path.Seq) {
            return canBeEmpty(((Path.Seq) p).first) && canBeEmpty(((Path.Seq) p).second);
        }
        if (p instanceof Path.Alt) {
            return canBeEmpty(((Path.Alt) p).first) || canBeEmpty(((Path.Alt) p).second);
        }
        return false;
    }

    /** About the bytes of one pair of ids in a list, and of one id in a set. */
    private static final long PAIR_BYTES = 48;
    private static final long NODE_BYTES = 56;

    List<long[]> eval(Path path, long s, long o) {
        List<long[]> out = new ArrayList<>();
        if (path instanceof Path.Link) {
            long p = predicateId(((Path.Link) path).iri);
            if (p <= 0) {
                return out;
            }
            TripleStore.IdScan scan = graph.scan(s, p, o);
            while (scan.next()) {
                limits.tick();
                out.add(new long[] {scan.s(), scan.o()});
                if ((out.size() & 1023) == 0) {
                    limits.peak(out.size() * PAIR_BYTES);
                }
            }
            return out;
        }
        if (path instanceof Path.Inverse) {
            for (long[] pair : eval(((Path.Inverse) path).path, o, s)) {
                out.add(new long[] {pair[1], pair[0]});
            }
            return out;
        }
        if (path instanceof Path.Alt) {
            out.addAll(eval(((Path.Alt) path).first, s, o));
            out.addAll(eval(((Path.Alt) path).second, s, o));
            return out;
        }
        if (path instanceof Path.Seq) {
            Path.Seq q = (Path.Seq) path;
            if (s == 0 && o != 0) {
                // Evaluate from the bound end.
                for (long[] right : eval(q.second, 0, o)) {
                    for (long[] left : eval(q.first, 0, right[0])) {
                        out.add(new long[] {left[0], right[1]});
                    }
                }
                return out;
            }
            for (long[] left : eval(q.first, s, 0)) {
                for (long[] right : eval(q.second, left[1], o)) {
                    out.add(new long[] {left[0], right[1]});
                }
            }
            return out;
        }
        if (path instanceof Path.NegatedSet) {
            Path.NegatedSet n = (Path.NegatedSet) path;
            if (!n.forward.isEmpty() || n.inverse.isEmpty()) {
                Set<Long> excluded = ids(n.forward);
                TripleStore.IdScan scan = graph.scan(s, 0, o);
                while (scan.next()) {
                    limits.tick();
                    if (!excluded.contains(scan.p())) {
                        out.add(new long[] {scan.s(), scan.o()});
                    }
                }
            }
            if (!n.inverse.isEmpty()) {
                Set<Long> excluded = ids(n.inverse);
                TripleStore.IdScan scan = graph.scan(o, 0, s);
                while (scan.next()) {
                    limits.tick();
                    if (!excluded.contains(scan.p())) {
                        out.add(new long[] {scan.o(), scan.s()});
                    }
                }
            }
            return out;
        }
        if (path instanceof Path.Repeat) {
            return repeat((Path.Repeat) path, s, o);
        }
        throw new IllegalStateException("unknown path " + path);
    }

    // Repetition evaluates the same links once per node reached: look each predicate up once.
    private final java.util.Map<String, Long> predicateIds = new java.util.HashMap<>();

    private long predicateId(String iri) {
        Long id = predicateIds.get(iri);
        if (id == null) {
            id = snap.lookup(iri);
            predicateIds.put(iri, id);
        }
        return id;
    }

    private Set<Long> ids(List<String> iris) {
        Set<Long> out = new HashSet<>();
        for (String iri : iris) {
            long id = snap.lookup(iri);
            if (id > 0) {
                out.add(id);
            }
        }
        return out;
    }

    private List<long[]> repeat(Path.Repeat r, long s, long o) {
        List<long[]> out = new ArrayList<>();
        if (s == 0 && o != 0) {
            // Walk backwards from the bound end.
            for (long[] pair : repeat(new Path.Repeat(new Path.Inverse(r.path), r.min, r.max), o, 0)) {
                out.add(new long[] {pair[1], pair[0]});
            }
            return out;
        }
        List<Long> starts = new ArrayList<>();
        if (s != 0) {
            starts.add(s);
        } else {
            Starts all = starts(r);
            for (long x; (x = all.next()) != 0; ) {
                starts.add(x);
            }
        }
        for (long start : starts) {
            for (long end : reach(r, start)) {
                if (o == 0 || end == o) {
                    out.add(new long[] {start, end});
                }
            }
            limits.peak(out.size() * PAIR_BYTES + starts.size() * NODE_BYTES);
        }
        return out;
    }

    /**
     * The nodes a repetition with both ends free can start from, each once: every node of the
     * graph when it may take zero steps, else only the nodes its first step can leave from (the
     * subjects of a link's predicate, the objects for an inverse link), found by index scans
     * as they are asked for.
     */
    Starts starts(Path.Repeat r) {
        List<long[]> sources = new ArrayList<>();
        if (r.min > 0 && !canBeEmpty(r.path) && firstSteps(r.path, sources)) {
            return new Starts(sources);
        }
        return new Starts(null);
    }

    /**
     * Adds to {@code out} the links a walk of {@code p} can begin with, as {predicate id, 1 to
     * start from subjects or 0 from objects}; false when that is not known (every node then).
     */
    private boolean firstSteps(Path p, List<long[]> out) {
        if (p instanceof Path.Link) {
            out.add(new long[] {predicateId(((Path.Link) p).iri), 1});
            return true;
        }
        if (p instanceof Path.Inverse && ((Path.Inverse) p).path instanceof Path.Link) {
            out.add(new long[] {predicateId(((Path.Link) ((Path.Inverse) p).path).iri), 0});
            return true;
        }
        if (p instanceof Path.Alt) {
            return firstSteps(((Path.Alt) p).first, out) && firstSteps(((Path.Alt) p).second, out);
        }
        if (p instanceof Path.Seq && !canBeEmpty(((Path.Seq) p).first)) {
            return firstSteps(((Path.Seq) p).first, out);
        }
        if (p instanceof Path.Repeat && !canBeEmpty(p)) {
            return firstSteps(((Path.Repeat) p).path, out);
        }
        return false;
    }

    /** Distinct node ids from index scans, read as they are asked for. */
    final class Starts {
        private final List<long[]> sources; // null: every subject and object of the graph
        private final Set<Long> seen = new HashSet<>();
        private int source = -1;
        private TripleStore.IdScan scan;
        private boolean objects; // for the whole graph: the current triple's object is next

        Starts(List<long[]> sources) {
            this.sources = sources;
        }

        /** The next start node, or 0 at the end. */
        long next() {
            while (true) {
                if (objects) {
                    objects = false;
                    if (seen.add(scan.o())) {
                        return scan.o();
                    }
                }
                if (scan == null || !scan.next()) {
                    if (sources == null ? source >= 0 : source + 1 >= sources.size()) {
                        return 0;
                    }
                    source++;
                    long p = sources == null ? 0 : sources.get(source)[0];
                    if (sources != null && p <= 0) {
                        scan = null; // a predicate the store lacks: no walk starts with it
                        continue;
                    }
                    scan = graph.scan(0, p, 0);
                    continue;
                }
                limits.tick();
                if ((seen.size() & 1023) == 0) {
                    limits.peak(seen.size() * NODE_BYTES);
                }
                long x;
                if (sources == null) {
                    objects = true;
                    x = scan.s();
                } else {
                    x = sources.get(source)[1] == 1 ? scan.s() : scan.o();
                }
                if (seen.add(x)) {
                    return x;
                }
            }
        }
    }

    /** Nodes reachable from {@code start} by a walk of min..max steps, each once. */
    Set<Long> reach(Path.Repeat r, long start) {
        Set<Long> result = new LinkedHashSet<>();
        Set<Long> level = new LinkedHashSet<>();
        level.add(start);
        // Exactly k steps, for k up to the minimum: a node may be reached again at a later step.
        for (int k = 1; k <= r.min; k++) {
            level = step(r.path, level);
            if (level.isEmpty()) {
                return result;
            }
        }
        result.addAll(level);
        // Past the minimum every node counts once; the visited set makes cycles end.
        Set<Long> visited = new HashSet<>(result);
        Set<Long> frontier = level;
        int k = r.min;
        while (!frontier.isEmpty() && (r.max < 0 || k < r.max)) {
            k++;
            Set<Long> next = new LinkedHashSet<>();
            for (long y : step(r.path, frontier)) {
                if (visited.add(y)) {
                    result.add(y);
                    next.add(y);
                }
            }
            frontier = next;
            limits.countMaterialized(result.size());
            limits.peak(result.size() * NODE_BYTES * 2);
        }
        return result;
    }

    private Set<Long> step(Path p, Set<Long> from) {
        Set<Long> out = new LinkedHashSet<>();
        for (long x : from) {
            for (long[] pair : eval(p, x, 0)) {
                limits.tick();
                out.add(pair[1]);
            }
        }
        return out;
    }
}
