package org.nervusdb.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nervusdb.InvalidTermException;
import org.nervusdb.Position;
import org.nervusdb.QueryOptions;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.TripleReader;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.rdf.RdfTerms;

/**
 * A {@link org.nervusdb.QueryBuilder} query run stage by stage on the store's indexes, without
 * the query engine: {@link org.nervusdb.QueryBuilder#chain()} gives it. The JavaScript and
 * WebAssembly builds run the builder this way, so that their storage core module carries
 * neither the engine nor the SPARQL parser and functions; on the JVM the builder compiles to the
 * algebra the engine runs, and the builder's tests check both ways against each other's answers.
 *
 * <p>A chain's later stages depend on the earlier ones only through the nodes they reach, so
 * each stage is matched once, as a set: the distinct facts of a step from the distinct nodes the
 * previous stage reached (an index lookup per node, or one scan kept to those nodes when the
 * store expects that to read less), of a path by a breadth-first walk from each node (each node
 * once, as the engine walks a path), of a union as the facts so far followed by the other
 * query's; a stage whose facts the next one needs only the ends of keeps only those. The first
 * pattern and the plain steps after it start from the stage the store expects the fewest
 * matches for (by index scans with its equality conditions): the stages before it are then
 * matched back to the first, each kept to the nodes the next one starts from, and forward
 * again. Every stage's conditions and store tests keep its facts as the engine's filters would.
 * The results are the engine's: the distinct facts of the last stage, ordered as SPARQL's ORDER
 * BY orders them, paged; where no order is asked they may come in another order than the
 * engine's (and a limit without an order may keep others).
 *
 * <p>Time and memory limits are those of {@link QueryOptions}. Facts are held as ids of stored
 * terms; a term the store lacks (a path's predicate) gets a negative id for the query.
 */
public final class ChainQuery {
    private final TripleReader source;
    private final QueryOptions options;
    private final List<Stage> stages = new ArrayList<>();
    private final List<Object[]> order = new ArrayList<>(); // {Position, Boolean descending}
    private long offset;
    private long limit = -1;
    private boolean distinct;

    /** One stage of the chain: kind 'w' (the first pattern), 'f', 'r', 'p' (a path) or 'u' (a union). */
    private static final class Stage {
        final char kind;
        final String predicate;
        final int min;
        final int max;
        final boolean reachesSubject;
        final ChainQuery other;
        final List<Object[]> conditions = new ArrayList<>(); // {Position, op (an index of OPS), value, flags}
        final List<Object[]> tests = new ArrayList<>(); // {Position[], Expr.Check}
        final List<Object[]> sets = new ArrayList<>(); // {Position, Collection<String>}

        Stage(char kind, String predicate, int min, int max, boolean reachesSubject, ChainQuery other) {
            this.kind = kind;
            this.predicate = predicate;
            this.min = min;
            this.max = max;
            this.reachesSubject = reachesSubject;
            this.other = other;
        }
    }

    /** The conditions' operators, by the number they are held as. */
    private static final String[] OPS = {"=", "!=", "prefix", "regex", ">", ">=", "<", "<="};

    /** An empty chain on {@code source}, run with {@code options}' limits. */
    public ChainQuery(TripleReader source, QueryOptions options) {
        this.source = source;
        this.options = options;
    }

    /**
     * Adds a stage: kind 'w' (the first: any fact), 'f' (from the nodes reached along
     * {@code predicate}), 'r' (against it) or 'p' (along it for {@code min} to {@code max} hops,
     * max -1 for no bound); {@code reachesSubject} tells which end of its facts the next stage
     * starts from.
     */
    public ChainQuery stage(char kind, String predicate, int min, int max, boolean reachesSubject) {
        stages.add(new Stage(kind, predicate, min, max, reachesSubject, null));
        return this;
    }

    /** Adds a union stage: the facts so far, then those of {@code other} (with its own order and paging). */
    public ChainQuery union(ChainQuery other, boolean reachesSubject) {
        stages.add(new Stage('u', null, 0, 0, reachesSubject, other));
        return this;
    }

    /**
     * A condition on the latest stage's fact: {@code op} "=" or "!=" (the stored term),
     * "prefix" and "regex" (with {@code flags}) on its text, or "&gt;", "&gt;=", "&lt;", "&lt;="
     * with {@code value} a numeric literal.
     */
    public ChainQuery condition(Position position, String op, String value, String flags) {
        int code = 0;
        while (!OPS[code].equals(op)) {
            code++; // an unknown operator ends in ArrayIndexOutOfBoundsException
        }
        last().conditions.add(new Object[] {position, code, value, flags});
        return this;
    }

    /** A store test on the latest stage: passes when {@code check} passes the terms at {@code ends}. */
    public ChainQuery test(Position[] ends, Expr.Check check) {
        last().tests.add(new Object[] {ends, check});
        return this;
    }

    /** The latest stage's {@code position} is one of {@code terms}. */
    public ChainQuery among(Position position, Collection<String> terms) {
        last().sets.add(new Object[] {position, terms});
        return this;
    }

    /** Orders by a position of the last stage's fact; calls add further keys. */
    public ChainQuery orderBy(Position position, boolean descending) {
        order.add(new Object[] {position, descending});
        return this;
    }

    /** Skips {@code offset} results and keeps at most {@code limit} (-1: all). */
    public ChainQuery slice(long offset, long limit) {
        this.offset = offset;
        this.limit = limit;
        return this;
    }

    /** {@link #values(Position)} gives each value once. */
    public ChainQuery distinct() {
        distinct = true;
        return this;
    }

    private Stage last() {
        return stages.get(stages.size() - 1);
    }

    // --------------------------------------------------------------------------------- results

    /** The results: the distinct facts of the last stage, ordered and paged. */
    public List<Triple> facts() {
        List<Triple> out = new ArrayList<>();
        if (limit == 0) {
            return out;
        }
        if (simple()) {
            String[] eq = simpleTerms();
            if (eq != null) {
                try (TripleCursor c = source.find(eq[0], eq[1], eq[2])) {
                    while (c.hasNext() && (limit < 0 || out.size() < limit)) {
                        out.add(c.next());
                    }
                }
            }
            return out;
        }
        Run r = new Run(this);
        try {
            for (long[] f : r.ordered(this, true)) {
                out.add(new Triple(r.termOf(f[0]), r.termOf(f[1]), r.termOf(f[2])));
            }
        } finally {
            r.close();
        }
        return out;
    }

    /** The number of results, after offset and limit. */
    public long count() {
        if (limit == 0) {
            return 0;
        }
        long n;
        if (simple()) {
            String[] eq = simpleTerms();
            n = eq == null ? 0 : source.count(eq[0], eq[1], eq[2]);
        } else {
            Run r = new Run(this);
            try {
                n = r.facts(this).size();
            } finally {
                r.close();
            }
        }
        n = Math.max(0, n - offset);
        return limit < 0 ? n : Math.min(n, limit);
    }

    /** One position of each result, in result order; each value once after {@link #distinct()}. Paged. */
    public List<String> values(Position position) {
        return values(position, distinct);
    }

    /** The distinct nodes the last stage reached (its subjects or objects, as it reaches them). */
    public List<String> nodes() {
        return values(last().reachesSubject ? Position.SUBJECT : Position.OBJECT, true);
    }

    /** One position of each result, in result order; each value once when {@code distinct}. Paged. */
    public List<String> values(Position position, boolean distinct) {
        List<String> out = new ArrayList<>();
        if (simple() && !distinct) {
            for (Triple t : facts()) {
                out.add(at(t, position));
            }
            return out;
        }
        Run r = new Run(this);
        try {
            Set<Long> seen = distinct ? new HashSet<>() : null;
            long skipped = 0;
            for (long[] f : r.ordered(this, false)) {
                long v = f[position.ordinal()];
                if (seen != null && !seen.add(v)) {
                    continue;
                }
                if (skipped < offset) {
                    skipped++;
                    continue;
                }
                if (limit >= 0 && out.size() >= limit) {
                    break;
                }
                out.add(r.termOf(v));
            }
        } finally {
            r.close();
        }
        return out;
    }

    /**
     * The number of results per value of a position, largest count first, ties by value in
     * ORDER BY's order; offset and limit apply to these groups.
     */
    public Map<String, Long> countBy(Position position) {
        Map<String, Long> out = new LinkedHashMap<>();
        Run r = new Run(this);
        try {
            Map<Long, long[]> counts = new LinkedHashMap<>();
            for (long[] f : r.facts(this)) {
                long[] n = counts.get(f[position.ordinal()]);
                if (n == null) {
                    counts.put(f[position.ordinal()], n = new long[1]);
                }
                n[0]++;
            }
            List<long[]> groups = new ArrayList<>(); // {key, count}
            Sorter sorter = new Sorter(new boolean[1], true);
            for (Map.Entry<Long, long[]> e : counts.entrySet()) {
                long[] g = {e.getKey(), e.getValue()[0]};
                groups.add(g);
                sorter.keys.put(g, new String[] {r.termOf(g[0])});
            }
            r.limits.hold(groups.size() * 160L);
            groups.sort(sorter);
            long k = 0;
            for (long[] g : groups) {
                if (k++ < offset) {
                    continue;
                }
                if (limit >= 0 && out.size() >= limit) {
                    break;
                }
                out.put(sorter.keys.get(g)[0], g[1]);
            }
        } finally {
            r.close();
        }
        return out;
    }

    private static String at(Triple t, Position p) {
        return p == Position.SUBJECT ? t.subject() : p == Position.PREDICATE ? t.predicate() : t.object();
    }

    /** Whether the query is one pattern with equality conditions only, read straight from the index. */
    private boolean simple() {
        Stage first = stages.get(0);
        if (stages.size() > 1 || offset > 0 || !order.isEmpty() || !first.tests.isEmpty() || !first.sets.isEmpty()) {
            return false;
        }
        for (Object[] c : first.conditions) {
            if ((Integer) c[1] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The first stage's equality terms, or null when two differ. */
    private String[] simpleTerms() {
        String[] t = new String[3];
        for (Object[] c : stages.get(0).conditions) {
            int i = ((Position) c[0]).ordinal();
            String v = (String) c[2];
            if (t[i] != null && !t[i].equals(v)) {
                return null;
            }
            t[i] = v;
        }
        return t;
    }

    // -------------------------------------------------------------------------------- a run

    /** One run of a query (and the queries of its unions) on one snapshot. */
    private static final class Run {
        final TripleStore.StoreSnapshot snap;
        final boolean owned;
        final QueryLimits limits;
        private final Map<String, Long> storeIds = new HashMap<>();
        private final Map<String, Long> localIds = new HashMap<>();
        private final List<String> localTerms = new ArrayList<>();
        private final Map<String, RegexEngine.Compiled> patterns = new HashMap<>();
        private final Map<Object, Set<Long>> sets = new HashMap<>();

        Run(ChainQuery q) {
            if (q.source instanceof TripleStore) {
                snap = ((TripleStore) q.source).snapshot();
                owned = true;
            } else if (q.source instanceof TripleStore.StoreSnapshot) {
                snap = (TripleStore.StoreSnapshot) q.source;
                owned = false;
            } else {
                throw new UnsupportedOperationException("traversal, conditions and ordering need a NervusDB store or snapshot");
            }
            try {
                limits = new QueryLimits(q.options, snap);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        void close() {
            if (owned) {
                snap.close();
            }
        }

        // ---------------------------------------------------------------------------- terms

        /** A term's id in the store, or 0 if the store lacks it. */
        long storeId(String term) {
            Long id = storeIds.get(term);
            if (id == null) {
                id = snap.lookup(term);
                storeIds.put(term, id);
            }
            return id;
        }

        /** A term's id: the store's, or one of this run's (negative) for a term the store lacks. */
        long idOf(String term) {
            long id = storeId(term);
            if (id > 0) {
                return id;
            }
            Long local = localIds.get(term);
            if (local == null) {
                localTerms.add(term);
                local = (long) -localTerms.size();
                localIds.put(term, local);
            }
            return local;
        }

        String termOf(long id) {
            return id < 0 ? localTerms.get((int) (-id - 1)) : snap.term(id);
        }

        // ---------------------------------------------------------------------------- stages

        /** The query's results in its order, paged when {@code paged} (else all of them). */
        List<long[]> ordered(ChainQuery q, boolean paged) {
            List<long[]> facts = new ArrayList<>(facts(q));
            int k = q.order.size();
            if (k > 0) {
                boolean[] descending = new boolean[k];
                for (int i = 0; i < k; i++) {
                    descending[i] = (Boolean) q.order.get(i)[1];
                }
                Sorter sorter = new Sorter(descending, false);
                for (long[] f : facts) {
                    String[] key = new String[k];
                    long bytes = 64 + 8L * k;
                    for (int i = 0; i < k; i++) {
                        key[i] = termOf(f[((Position) q.order.get(i)[0]).ordinal()]);
                        bytes += QueryLimits.termBytes(key[i]);
                    }
                    limits.hold(bytes);
                    sorter.keys.put(f, key);
                }
                facts.sort(sorter);
            }
            if (!paged || (q.offset == 0 && q.limit < 0)) {
                return facts;
            }
            int from = (int) Math.min(facts.size(), q.offset);
            int to = q.limit < 0 ? facts.size() : (int) Math.min(facts.size(), from + q.limit);
            List<long[]> page = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                page.add(facts.get(i));
            }
            return page;
        }

        /** The distinct facts of the query's last stage, in the order they were found. */
        Collection<long[]> facts(ChainQuery q) {
            int m = 1; // the first pattern and the plain steps after it
            while (m < q.stages.size() && (q.stages.get(m).kind == 'f' || q.stages.get(m).kind == 'r')) {
                m++;
            }
            Map<Fact, long[]> current = prefix(q, m);
            Set<Long> frontier = null; // instead of current: the nodes the stage before reached
            int n = q.stages.size();
            for (int i = m; i < n; i++) {
                Stage st = q.stages.get(i);
                limits.check();
                if (st.kind == 'u') {
                    Map<Fact, long[]> next = new LinkedHashMap<>();
                    for (long[] f : current.values()) {
                        keep(st, f, next);
                    }
                    for (long[] f : ordered(st.other, true)) {
                        keep(st, f, next);
                    }
                    current = next;
                    continue;
                }
                Set<Long> from = frontier != null ? frontier : ends(current, reached(q.stages.get(i - 1)));
                if (i + 1 < n && q.stages.get(i + 1).kind != 'u') {
                    frontier = endsOf(st, from); // the next stage needs only the nodes reached
                } else {
                    current = st.kind == 'p' ? path(st, from) : step(st, start(st), from);
                    frontier = null;
                }
            }
            return current.values();
        }

        // While not null, keep() collects the nodes at collectAt of the facts that pass, instead of the facts.
        private Set<Long> collect;
        private int collectAt;

        /** The nodes the facts of a step (or path) from {@code from} reach, without the facts. */
        Set<Long> endsOf(Stage st, Set<Long> from) {
            Set<Long> out = new LinkedHashSet<>();
            collect = out;
            collectAt = reached(st);
            try {
                if (st.kind == 'p') {
                    path(st, from);
                } else {
                    step(st, start(st), from);
                }
            } finally {
                collect = null;
            }
            return out;
        }

        /** Where a stage's facts hold the node the next stage starts from. */
        static int reached(Stage st) {
            return st.reachesSubject ? 0 : 2;
        }

        /** Where a step's facts hold the node reached before it. */
        static int start(Stage st) {
            return st.kind == 'r' ? 2 : 0;
        }

        /** The distinct nodes at position {@code at} of the facts. */
        static Set<Long> ends(Map<Fact, long[]> facts, int at) {
            Set<Long> out = new LinkedHashSet<>();
            for (long[] f : facts.values()) {
                out.add(f[at]);
            }
            return out;
        }

        /**
         * The facts of the last of the first {@code m} stages (the first pattern and plain steps):
         * matched from the stage the store expects the fewest matches for (the first, when
         * none expects fewer), then the stages before it kept to the nodes it starts from, one
         * by one back to the first, then forward again, each stage kept to the nodes the one
         * before reaches, and on from there.
         */
        Map<Fact, long[]> prefix(ChainQuery q, int m) {
            int pivot = 0;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < m && m > 1; i++) {
                long[] c = constants(q.stages.get(i));
                if (c == null || c[1] < 0) {
                    return new LinkedHashMap<>(); // a stage that matches nothing
                }
                double e = snap.estimate(c[0], c[1], c[2]);
                for (Object[] set : q.stages.get(i).sets) {
                    if (c[((Position) set[0]).ordinal()] == 0) {
                        e = Math.min(e, ids(set).size()); // a lookup per term
                    }
                }
                if (e < best) {
                    best = e;
                    pivot = i;
                }
            }
            List<Map<Fact, long[]>> s = new ArrayList<>();
            for (int i = 0; i <= pivot; i++) {
                s.add(null);
            }
            s.set(pivot, first(q.stages.get(pivot)));
            for (int i = pivot - 1; i >= 0; i--) {
                Stage st = q.stages.get(i);
                s.set(i, step(st, reached(st), ends(s.get(i + 1), start(q.stages.get(i + 1)))));
            }
            for (int i = 1; i <= pivot; i++) {
                Set<Long> from = ends(s.get(i - 1), reached(q.stages.get(i - 1)));
                int at = start(q.stages.get(i));
                for (java.util.Iterator<long[]> it = s.get(i).values().iterator(); it.hasNext(); ) {
                    if (!from.contains(it.next()[at])) {
                        it.remove();
                    }
                }
            }
            Map<Fact, long[]> current = s.get(pivot);
            Set<Long> from = pivot + 1 < m ? ends(current, reached(q.stages.get(pivot))) : null;
            for (int i = pivot + 1; i < m; i++) {
                limits.check();
                Stage st = q.stages.get(i);
                if (i + 1 < m) {
                    from = endsOf(st, from);
                } else {
                    current = step(st, start(st), from);
                }
            }
            return current;
        }

        /**
         * The ids the stage's equality conditions give its positions (with a step's predicate),
         * 0 where free; null when they contradict each other or name a term the store lacks.
         */
        long[] constants(Stage st) {
            long[] c = new long[3];
            if (st.predicate != null) {
                c[1] = idOf(st.predicate);
            }
            for (Object[] cond : st.conditions) {
                if ((Integer) cond[1] == 0) {
                    int i = ((Position) cond[0]).ordinal();
                    long id = idOf((String) cond[2]);
                    if (c[i] != 0 ? c[i] != id : id < 0) {
                        return null; // two terms, or one the store lacks (only a path's own predicate may be)
                    }
                    c[i] = id;
                }
            }
            return c;
        }

        /** A stage's facts on their own: index scans with its equality conditions (and a set's terms, one scan each). */
        Map<Fact, long[]> first(Stage st) {
            Map<Fact, long[]> out = new LinkedHashMap<>();
            long[] c = constants(st);
            if (c == null) {
                return out;
            }
            for (Object[] set : st.sets) {
                int i = ((Position) set[0]).ordinal();
                if (c[i] == 0) {
                    // Like the engine's VALUES table: one lookup per term.
                    for (long id : ids(set)) {
                        c[i] = id;
                        scan(st, c[0], c[1], c[2], -1, null, out);
                    }
                    return out;
                }
            }
            scan(st, c[0], c[1], c[2], -1, null, out);
            return out;
        }

        /**
         * A stage's facts whose position {@code at} holds one of {@code frontier}: a lookup per
         * node, or one scan kept to them when the store expects that to read less.
         */
        Map<Fact, long[]> step(Stage st, int at, Set<Long> frontier) {
            Map<Fact, long[]> out = new LinkedHashMap<>();
            long[] c = constants(st);
            if (c == null || c[1] < 0) {
                return out;
            }
            if (c[at] != 0) {
                if (!frontier.contains(c[at])) {
                    return out;
                }
                frontier = new LinkedHashSet<>();
                frontier.add(c[at]);
            }
            c[at] = 0;
            if (frontier.size() > 64 && snap.estimate(c[0], c[1], c[2]) < frontier.size()) {
                scan(st, c[0], c[1], c[2], at, frontier, out);
                return out;
            }
            for (long n : frontier) {
                c[at] = n;
                scan(st, c[0], c[1], c[2], -1, null, out);
            }
            return out;
        }

        /** Scans a pattern of ids (0 free), keeping the facts whose position {@code at} is among {@code nodes} and that pass. */
        void scan(Stage st, long s, long p, long o, int at, Set<Long> nodes, Map<Fact, long[]> out) {
            TripleStore.IdScan scan = snap.scanIds(s, p, o);
            while (scan.next()) {
                limits.tick();
                long[] f = {scan.s(), scan.p(), scan.o()};
                if (at < 0 || nodes.contains(f[at])) {
                    keep(st, f, out);
                }
            }
        }

        /** A path's facts (start, predicate, end) from each node reached, walked breadth first. */
        Map<Fact, long[]> path(Stage st, Set<Long> frontier) {
            Map<Fact, long[]> out = new LinkedHashMap<>();
            long[] c = constants(st);
            if (c == null) {
                return out;
            }
            long p = storeId(st.predicate);
            for (long start : frontier) {
                if (c[0] != 0 && c[0] != start) {
                    continue;
                }
                for (long end : reach(p, st.min, st.max, start)) {
                    if (c[2] == 0 || c[2] == end) {
                        keep(st, new long[] {start, c[1], end}, out);
                    }
                }
            }
            return out;
        }

        /**
         * The nodes reachable from {@code start} along predicate {@code p} (0: none) in
         * {@code min} to {@code max} steps (-1: no bound), each once: as the engine walks a
         * repeated path (PathEval), exactly k steps up to the minimum, then every node the
         * first time it is reached.
         */
        Set<Long> reach(long p, int min, int max, long start) {
            Set<Long> result = new LinkedHashSet<>();
            Set<Long> level = new LinkedHashSet<>();
            level.add(start);
            for (int k = 1; k <= min; k++) {
                level = next(p, level);
                if (level.isEmpty()) {
                    return result;
                }
            }
            result.addAll(level);
            Set<Long> visited = new HashSet<>(result);
            Set<Long> frontier = level;
            int k = min;
            while (!frontier.isEmpty() && (max < 0 || k < max)) {
                k++;
                Set<Long> next = new LinkedHashSet<>();
                for (long y : next(p, frontier)) {
                    if (visited.add(y)) {
                        result.add(y);
                        next.add(y);
                    }
                }
                frontier = next;
                limits.countMaterialized(result.size());
                limits.peak(result.size() * 112L);
            }
            return result;
        }

        /** The nodes one step along {@code p} from {@code from}. */
        Set<Long> next(long p, Set<Long> from) {
            Set<Long> out = new LinkedHashSet<>();
            if (p <= 0) {
                return out;
            }
            for (long x : from) {
                TripleStore.IdScan scan = snap.scanIds(x, p, 0);
                while (scan.next()) {
                    limits.tick();
                    out.add(scan.o());
                }
            }
            return out;
        }

        /** Adds the fact to {@code out} if it passes the stage's conditions, tests and sets. */
        void keep(Stage st, long[] f, Map<Fact, long[]> out) {
            for (Object[] c : st.conditions) {
                if (!holds(f[((Position) c[0]).ordinal()], (Integer) c[1], (String) c[2], (String) c[3])) {
                    return;
                }
            }
            for (Object[] set : st.sets) {
                if (!ids(set).contains(f[((Position) set[0]).ordinal()])) {
                    return;
                }
            }
            for (Object[] t : st.tests) {
                Position[] ends = (Position[]) t[0];
                String[] terms = new String[ends.length];
                for (int i = 0; i < ends.length; i++) {
                    terms[i] = termOf(f[ends[i].ordinal()]);
                }
                try {
                    if (!((Expr.Check) t[1]).test(snap, terms)) {
                        return;
                    }
                } catch (InvalidTermException e) {
                    return;
                }
            }
            if (collect != null) {
                if (collect.add(f[collectAt]) && (collect.size() & 1023) == 0) {
                    limits.countMaterialized(collect.size());
                    limits.peak(collect.size() * 56L);
                }
            } else if (out.putIfAbsent(new Fact(f), f) == null && (out.size() & 1023) == 0) {
                limits.countMaterialized(out.size());
                limits.peak(out.size() * 120L);
            }
        }

        /** The ids of a set's terms the store holds. */
        Set<Long> ids(Object[] set) {
            Set<Long> ids = sets.get(set);
            if (ids == null) {
                ids = new LinkedHashSet<>();
                for (Object t : (Collection<?>) set[1]) {
                    long id = storeId((String) t);
                    if (id > 0) {
                        ids.add(id);
                    }
                }
                sets.put(set, ids);
            }
            return ids;
        }

        /** Whether the term with id {@code id} satisfies a condition, as the engine's filter for it would. */
        boolean holds(long id, int op, String value, String flags) {
            if (op < 2) {
                return (id == idOf(value)) == (op == 0); // = and !=
            }
            String t = termOf(id);
            try {
                if (op < 4) {
                    if (RdfTerms.isBlank(t)) {
                        return false; // STR of a blank node is an error
                    }
                    String text = ExprEval.isLiteral(t) ? ExprEval.lex(t) : t;
                    return op == 2 ? text.startsWith(value) : regex(value, flags).find(RegexText.of(text, limits));
                }
                if (!ExprEval.isNumeric(t)) {
                    return false;
                }
                int c = ExprEval.compareNumbers(t, value);
                return op == 4 ? c > 0 : op == 5 ? c >= 0 : op == 6 ? c < 0 : c <= 0;
            } catch (ExprEval.ExprError | InvalidTermException e) {
                return false;
            }
        }

        /** The compiled pattern, compiled once per run, as the engine compiles it. */
        RegexEngine.Compiled regex(String pattern, String flags) {
            String key = flags + "/" + pattern;
            RegexEngine.Compiled c = patterns.get(key);
            if (c == null) {
                RegexEngine engine = RegexEngine.installed();
                if (engine == null || pattern.length() > ExprEval.MAX_REGEX_LENGTH) {
                    throw new ExprEval.ExprError("no regular expression for " + pattern);
                }
                try {
                    c = engine.compile(pattern, flags);
                } catch (IllegalArgumentException e) {
                    throw new ExprEval.ExprError("invalid regular expression: " + e.getMessage());
                }
                patterns.put(key, c);
            }
            return c;
        }
    }

    /**
     * ORDER BY's order of rows by the terms of their keys (descending where asked); with
     * {@code countFirst}, of groups {key, count} by count first, largest first.
     */
    private static final class Sorter implements java.util.Comparator<long[]> {
        final Map<long[], String[]> keys = new HashMap<>();
        final boolean[] descending;
        final boolean countFirst;

        Sorter(boolean[] descending, boolean countFirst) {
            this.descending = descending;
            this.countFirst = countFirst;
        }

        @Override
        public int compare(long[] a, long[] b) {
            if (countFirst && a[1] != b[1]) {
                return a[1] > b[1] ? -1 : 1;
            }
            String[] x = keys.get(a);
            String[] y = keys.get(b);
            for (int i = 0; i < x.length; i++) {
                int c = Ordering.compare(x[i], y[i]);
                if (c != 0) {
                    return descending[i] ? -c : c;
                }
            }
            return 0;
        }
    }

    /** A fact's ids as a key of a set. */
    private static final class Fact {
        final long s;
        final long p;
        final long o;

        Fact(long[] f) {
            s = f[0];
            p = f[1];
            o = f[2];
        }

        @Override
        public boolean equals(Object x) {
            return x instanceof Fact && ((Fact) x).s == s && ((Fact) x).p == p && ((Fact) x).o == o;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(s * 31 * 31 + p * 31 + o);
        }
    }
}
