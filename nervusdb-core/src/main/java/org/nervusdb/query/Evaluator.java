package org.nervusdb.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;
import org.nervusdb.query.algebra.Path;

/**
 * Runs the query algebra on a store snapshot. Solutions are arrays of term ids, one slot per
 * variable (0: unbound); ids from the store are positive, terms the query computes (BIND,
 * aggregates, VALUES terms the store lacks) get negative ids local to the query.
 *
 * <p>{@code eval(op, seed)} yields the solutions of {@code op} compatible with the solution
 * {@code seed}, merged with it: the join of {@code seed} with {@code op}. Patterns, paths and
 * VALUES use the seed's bindings to narrow their index scans (index nested-loop joins); other
 * operators are evaluated once on their own and joined by hashing.
 */
final class Evaluator {
    private final TripleStore.StoreSnapshot snap;
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> localTerms = new ArrayList<>();
    private final Map<String, Long> localIds = new HashMap<>();
    final ExprEval exprs;
    private final QueryLimits limits;
    // Keyed by algebra nodes and arrays, which compare by identity: plain hash maps suffice.
    final Map<Object, long[]> counters = new HashMap<>(); // op -> {rows produced, evaluations}
    final Map<Object, Double> estimates = new HashMap<>(); // pattern -> expected matches per binding
    final Map<Object, long[]> matched = new HashMap<>(); // pattern -> {solutions it produced, scans it ran}
    final Map<String, Double> distinctCache = new HashMap<>();
    /**
     * Work that rows do not show, for explain: per materialized operator, the solutions compared
     * with probing rows; per repeated path with both ends free, the start nodes tried.
     */
    final Map<Object, long[]> work = new HashMap<>();
    private long blankCounter;
    // BNODE(str) gives one blank node per string within a solution: the labels of the solution
    // held in the row array blankRow (BIND moves them on to the row it extends).
    private long[] blankRow;
    private Map<String, String> blankLabels;
    private final Map<Object, Materialized> materialized = new HashMap<>();
    // The dataset ({@link #dataset}): the default graph as a scanQuads selector (NO_GRAPH: empty),
    // or the merge of several graphs; the named graphs, or null for all of the store's.
    private long defaultGraph = TripleStore.DEFAULT_GRAPH;
    private long[] defaultGraphs;
    private long[] namedGraphs;
    static final long NO_GRAPH = Long.MIN_VALUE;
    // The graph of each pattern and path inside GRAPH (absent: the default graph), and each GRAPH
    // operator rewritten as the join of its pattern with the graph's existence.
    private final Map<Object, Node> graphOf = new HashMap<>();
    private final Map<Object, Op> graphOps = new HashMap<>();

    Evaluator(TripleStore.StoreSnapshot snap, Op root, QueryLimits limits) {
        this(snap, root, limits, null);
    }

    Evaluator(TripleStore.StoreSnapshot snap, Op root, QueryLimits limits, String base) {
        this.snap = snap;
        this.limits = limits;
        this.exprs = new ExprEval(System.currentTimeMillis(), limits.seed, base, limits);
        for (String v : Vars.all(root)) {
            slot(v);
        }
        scope(root, null);
    }

    /**
     * Sets the dataset: {@code from} (FROM) the graphs whose merge is the default graph and
     * {@code fromNamed} (FROM NAMED) the named graphs (null: all the store's, as with SPARQL
     * Update's WITH), when the query names a dataset ({@code from} non-null); else the store's default graph, or with {@code union} the union of all
     * its graphs, and all its named graphs.
     */
    void dataset(List<String> from, List<String> fromNamed, boolean union) {
        if (from == null) {
            defaultGraph = union ? TripleStore.UNION : TripleStore.DEFAULT_GRAPH;
            return;
        }
        long[] ids = graphIds(from);
        boolean withDefault = from.contains(org.nervusdb.Quad.DEFAULT_GRAPH);
        if (withDefault && ids.length == 0) {
            defaultGraph = TripleStore.DEFAULT_GRAPH;
        } else if (withDefault) {
            throw new org.nervusdb.NervusDBException("UNSUPPORTED", "FROM <" + org.nervusdb.Quad.DEFAULT_GRAPH
                    + "> with other FROM graphs: name either the store's default graph or named graphs");
        } else if (ids.length == 0) {
            defaultGraph = NO_GRAPH;
        } else if (ids.length == 1) {
            defaultGraph = ids[0];
        } else {
            defaultGraphs = ids;
        }
        namedGraphs = fromNamed == null ? null : graphIds(fromNamed);
    }

    /** The sorted ids of the graphs the store has among {@code names} (unknown ones name empty graphs). */
    private long[] graphIds(List<String> names) {
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        for (String g : names) {
            long id = snap.lookup(g);
            if (id > 0) {
                ids.add(id);
            }
        }
        long[] out = new long[ids.size()];
        int i = 0;
        for (long id : ids) {
            out[i++] = id;
        }
        return out;
    }

    /** Whether graph {@code g} (an id) is one of the dataset's named graphs. */
    boolean isNamedGraph(long g) {
        if (g <= 0) {
            return false;
        }
        return namedGraphs == null ? snap.graphExists(g) : java.util.Arrays.binarySearch(namedGraphs, g) >= 0;
    }

    /** The dataset's named graphs, as ids. */
    long[] namedGraphIds() {
        if (namedGraphs == null) {
            return snap.graphIds();
        }
        List<Long> out = new ArrayList<>();
        for (long g : namedGraphs) {
            if (snap.graphExists(g)) {
                out.add(g);
            }
        }
        long[] a = new long[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    /**
     * The scan of a pattern of ids in a graph: {@code g} the graph node of the pattern (null:
     * the dataset's default graph) and {@code gid} its id when a constant or bound variable;
     * null when nothing can match.
     */
    TripleStore.IdScan scanIn(Node g, long gid, long s, long p, long o) {
        if (g == null) {
            if (defaultGraphs != null) {
                return snap.scanGraphs(defaultGraphs, true, s, p, o);
            }
            return defaultGraph == NO_GRAPH ? null : snap.scanQuads(defaultGraph, s, p, o);
        }
        if (gid < 0) {
            return null;
        }
        if (gid > 0) {
            return namedGraphs == null || java.util.Arrays.binarySearch(namedGraphs, gid) >= 0 ? snap.scanQuads(gid, s, p, o) : null;
        }
        return namedGraphs == null ? snap.scanQuads(TripleStore.ANY_NAMED, s, p, o) : snap.scanGraphs(namedGraphs, false, s, p, o);
    }

    /** The id of a pattern's graph in a row: a constant's id (-1 if the store lacks it), a variable's value, or 0 when free. */
    long graphId(Node g, long[] row) {
        if (g == null) {
            return 0;
        }
        if (!g.isVar()) {
            long id = snap.lookup(g.term);
            return id > 0 ? id : -1;
        }
        if (!fixedGraph.isEmpty()) {
            // Inside a subquery that hides the graph variable: a variable of the same name there is another one.
            Long fixed = fixedGraph.get(g.var);
            if (fixed != null) {
                return fixed;
            }
        }
        long v = row[slot(g.var)];
        return v < 0 ? -1 : v;
    }

    /**
     * Records the graph of each pattern and path: {@code graph} inside GRAPH, null (the default
     * graph) elsewhere. A GRAPH operator becomes the join of its pattern with an empty pattern in
     * its graph, which gives the graph's name to solutions that do not bind it (and checks it in
     * those that do).
     */
    private void scope(Op op, Node graph) {
        if (op instanceof Op.Bgp || op instanceof Op.PathPattern) {
            if (graph != null) {
                graphOf.put(op, graph);
            }
        } else if (op instanceof Op.Graph) {
            Op.Graph g = (Op.Graph) op;
            Op.Bgp exists = new Op.Bgp(Collections.emptyList());
            graphOf.put(exists, g.graph);
            graphOps.put(op, new Op.Join(g.op, exists));
            scope(g.op, g.graph);
        } else if (op instanceof Op.Join) {
            scope(((Op.Join) op).left, graph);
            scope(((Op.Join) op).right, graph);
        } else if (op instanceof Op.LeftJoin) {
            Op.LeftJoin j = (Op.LeftJoin) op;
            scope(j.left, graph);
            scope(j.right, graph);
            if (j.filter != null) {
                scope(j.filter, graph);
            }
        } else if (op instanceof Op.Union) {
            scope(((Op.Union) op).left, graph);
            scope(((Op.Union) op).right, graph);
        } else if (op instanceof Op.Minus) {
            scope(((Op.Minus) op).left, graph);
            scope(((Op.Minus) op).right, graph);
        } else if (op instanceof Op.Filter) {
            scope(((Op.Filter) op).op, graph);
            for (Expr e : ((Op.Filter) op).exprs) {
                scope(e, graph);
            }
        } else if (op instanceof Op.Extend) {
            scope(((Op.Extend) op).op, graph);
            scope(((Op.Extend) op).expr, graph);
        } else if (op instanceof Op.Service) {
            scope(((Op.Service) op).op, graph);
        } else if (op instanceof Op.Group) {
            Op.Group g = (Op.Group) op;
            scope(g.op, graph);
            for (Op.GroupKey k : g.keys) {
                scope(k.expr, graph);
            }
        } else if (op instanceof Op.OrderBy) {
            scope(((Op.OrderBy) op).op, graph);
        } else if (op instanceof Op.Project) {
            Op.Project pr = (Op.Project) op;
            if (graph != null && graph.isVar() && !pr.vars.contains(graph.var)) {
                // A subquery that hides the graph variable: evaluated once per graph (perGraph).
                perGraph.put(op, graph.var);
            }
            scope(pr.op, graph);
        } else if (op instanceof Op.Distinct) {
            scope(((Op.Distinct) op).op, graph);
        } else if (op instanceof Op.Reduced) {
            scope(((Op.Reduced) op).op, graph);
        } else if (op instanceof Op.Slice) {
            scope(((Op.Slice) op).op, graph);
        }
    }

    /**
     * Subqueries inside GRAPH ?g that do not select ?g, with ?g: their solutions in each named
     * graph separately (aggregates, DISTINCT and LIMIT apply per graph), each given its graph.
     */
    private final Map<Object, String> perGraph = new HashMap<>();
    // While such a subquery is evaluated for one graph: the graph variable's value inside it.
    private final Map<String, Long> fixedGraph = new HashMap<>();

    private Rows eachGraph(Op op, long[] seed, String var) {
        int gs = slot(var);
        long bound = seed[gs];
        long[] graphs = bound > 0 ? (isNamedGraph(bound) ? new long[] {bound} : new long[0]) : bound < 0 ? new long[0] : namedGraphIds();
        List<long[]> out = new ArrayList<>();
        Long outer = fixedGraph.get(var);
        try {
            for (long g : graphs) {
                fixedGraph.put(var, g);
                // Drained here, while the graph is fixed: rows evaluated lazily later would not see it.
                Rows r = mergeWith(independent(op), seed);
                for (long[] row = r.next(); row != null; row = r.next()) {
                    if (row[gs] == 0 || row[gs] == g) {
                        row[gs] = g;
                        out.add(row);
                        if ((out.size() & 255) == 0) {
                            limits.peak(out.size() * 16L * row.length);
                        }
                    }
                }
            }
        } finally {
            if (outer == null) {
                fixedGraph.remove(var);
            } else {
                fixedGraph.put(var, outer);
            }
        }
        return list(out);
    }

    private void scope(Expr e, Node graph) {
        if (e instanceof Expr.Exists) {
            scope(((Expr.Exists) e).pattern, graph);
        } else if (e instanceof Expr.Call) {
            for (Expr a : ((Expr.Call) e).args) {
                scope(a, graph);
            }
        } else if (e instanceof Expr.FunctionCall) {
            for (Expr a : ((Expr.FunctionCall) e).args) {
                scope(a, graph);
            }
        }
    }

    /** Solutions are streams of rows; null ends them. */
    interface Rows {
        long[] next();
    }

    static final Rows NONE = list(Collections.emptyList()); // not a lambda: one class fewer in WebAssembly

    int slot(String var) {
        Integer s = slots.get(var);
        if (s == null) {
            s = names.size();
            names.add(var);
            slots.put(var, s);
        }
        return s;
    }

    int width() {
        return names.size();
    }

    long[] emptyRow() {
        return new long[names.size()];
    }

    /** The id of a term: the store's, or a query-local one. */
    long idOf(String term) {
        Long local = localIds.get(term);
        if (local != null) {
            return local; // the snapshot lacked it before, and a snapshot does not change
        }
        long id = snap.lookup(term);
        if (id > 0) {
            return id;
        }
        if (local == null) {
            localTerms.add(term);
            local = (long) -localTerms.size();
            localIds.put(term, local);
        }
        return local;
    }

    /**
     * A new blank node term, {@code _:} and {@code prefix} and a number, which no term of the
     * snapshot and no term the query has made so far spells: for BNODE() and the blank nodes of
     * CONSTRUCT templates.
     */
    String freshBlank(char prefix) {
        while (true) {
            String b = "_:" + prefix + (++blankCounter);
            if (!localIds.containsKey(b) && snap.lookup(b) <= 0) {
                return b;
            }
        }
    }

    /** The slot of a variable the algebra mentions, or -1 (a variable only a template names: unbound). */
    int slotIfAny(String var) {
        Integer s = slots.get(var);
        return s == null ? -1 : s;
    }

    String termOf(long id) {
        if (id == 0) {
            return null;
        }
        if (id < 0) {
            return localTerms.get((int) (-id - 1));
        }
        return snap.term(id); // the store's term cache answers repeated ids
    }

    // -------------------------------------------------------------------------------- dispatch

    Rows eval(Op op, long[] seed) {
        limits.check();
        Rows r = evalOp(op, seed);
        long[] counter = counter(counters, op);
        counter[1]++;
        Stage st = new Stage(Stage.COUNT, r);
        st.counter = counter;
        return st;
    }

    /**
     * The streaming operators that take one input's rows in turn (in one class rather than one
     * lambda each: every class costs the WebAssembly build a few hundred bytes).
     */
    private final class Stage implements Rows, Comparator<long[]> {
        static final int COUNT = 0;
        static final int PROJECT = 1;
        static final int DISTINCT = 2;
        static final int SLICE = 3;
        static final int MERGE = 4;
        static final int FILTER = 5;
        static final int EXTEND = 6;
        static final int JOIN_SEEDED = 7;
        static final int JOIN_MATERIALIZED = 8;
        static final int UNION = 9;
        static final int LEFT_JOIN = 10;
        static final int MINUS = 11;
        static final int PATH_STARTS = 12;

        final int kind;
        final Rows in;
        long[] counter;      // COUNT: {rows, runs}
        boolean[] keep;      // PROJECT
        Set<RowKey> seen;    // DISTINCT
        Op.Slice slice;      // SLICE
        long skipped;
        long given;
        long[] seed;         // MERGE, UNION, PATH_STARTS
        Op.Filter filter;    // FILTER
        Op.Extend extend;    // EXTEND
        int slot;
        Op right;            // JOIN_SEEDED, UNION (its right side), LEFT_JOIN (seeded when materialized is null)
        Materialized materialized; // JOIN_MATERIALIZED, LEFT_JOIN, MINUS
        Rows current = NONE;
        Op.LeftJoin leftJoin;      // LEFT_JOIN
        ArrayDeque<long[]> pending; // LEFT_JOIN
        Op.PathPattern path;       // PATH_STARTS
        Path.Repeat repeat;
        PathEval pathEval;
        PathEval.Starts starts;
        long start;
        java.util.Iterator<Long> ends;
        Op.OrderBy orderBy;        // as the comparator of ORDER BY: the keys of each row
        Map<long[], String[]> sortKeys;

        /** ORDER BY's order of two rows, by their keys' values. */
        @Override
        public int compare(long[] a, long[] b) {
            String[] x = sortKeys.get(a);
            String[] y = sortKeys.get(b);
            for (int i = 0; i < x.length; i++) {
                int c = Ordering.compare(x[i], y[i]);
                if (c != 0) {
                    return orderBy.keys.get(i).descending ? -c : c;
                }
            }
            return 0;
        }

        Stage(int kind, Rows in) {
            this.kind = kind;
            this.in = in;
        }

        @Override
        public long[] next() {
            switch (kind) {
                case COUNT: {
                    long[] row = in.next();
                    if (row != null) {
                        counter[0]++;
                    }
                    return row;
                }
                case PROJECT: {
                    long[] row = in.next();
                    if (row == null) {
                        return null;
                    }
                    long[] out = new long[row.length];
                    for (int i = 0; i < row.length; i++) {
                        if (keep[i]) {
                            out[i] = row[i];
                        }
                    }
                    return out;
                }
                case DISTINCT:
                    for (long[] row; (row = in.next()) != null; ) {
                        if (seen.add(new RowKey(row))) {
                            limits.hold(QueryLimits.rowBytes(row.length) + 48);
                            return row;
                        }
                    }
                    return null;
                case SLICE: {
                    if (slice.limit >= 0 && given >= slice.limit) {
                        return null;
                    }
                    while (skipped < slice.offset) {
                        if (in.next() == null) {
                            return null;
                        }
                        skipped++;
                    }
                    long[] row = in.next();
                    if (row != null) {
                        given++;
                    }
                    return row;
                }
                case MERGE:
                    for (long[] row; (row = in.next()) != null; ) {
                        long[] m = merge(seed, row);
                        if (m != null) {
                            return m;
                        }
                    }
                    return null;
                case FILTER:
                    outer:
                    for (long[] row; (row = in.next()) != null; ) {
                        ExprEval.Scope sc = scope(row);
                        for (Expr e : filter.exprs) {
                            if (!exprs.test(e, sc)) {
                                continue outer;
                            }
                        }
                        return row;
                    }
                    return null;
                case EXTEND:
                    for (long[] row; (row = in.next()) != null; ) {
                        String v;
                        try {
                            v = exprs.eval(extend.expr, scope(row));
                        } catch (ExprEval.ExprError | org.nervusdb.InvalidTermException e) {
                            return row; // no value: the variable stays unbound
                        }
                        long id = idOf(v);
                        if (row[slot] != 0 && row[slot] != id) {
                            continue; // the seed bound it to something else
                        }
                        long[] r = row.clone();
                        r[slot] = id;
                        if (blankRow == row) {
                            blankRow = r;
                        }
                        return r;
                    }
                    return null;
                case UNION: {
                    long[] row = current.next();
                    if (row == null && right != null) {
                        current = eval(right, seed);
                        right = null;
                        row = current.next();
                    }
                    return row;
                }
                case LEFT_JOIN:
                    while (pending.isEmpty()) {
                        long[] l = in.next();
                        if (l == null) {
                            return null;
                        }
                        Rows matches = materialized == null ? eval(leftJoin.right, l) : materialized.compatible(l);
                        boolean any = false;
                        for (long[] m; (m = matches.next()) != null; ) {
                            if (leftJoin.filter == null || exprs.test(leftJoin.filter, scope(m))) {
                                pending.add(m);
                                any = true;
                            }
                        }
                        if (!any) {
                            pending.add(l);
                        }
                    }
                    return pending.poll();
                case MINUS:
                    outer:
                    for (long[] l; (l = in.next()) != null; ) {
                        for (long[] r : materialized.candidates(l)) {
                            boolean shared = false;
                            boolean compatible = true;
                            for (int i = 0; i < l.length && compatible; i++) {
                                if (l[i] != 0 && r[i] != 0) {
                                    shared = true;
                                    compatible = l[i] == r[i];
                                }
                            }
                            if (shared && compatible) {
                                continue outer;
                            }
                        }
                        return l;
                    }
                    return null;
                case PATH_STARTS:
                    while (true) {
                        while (ends.hasNext()) {
                            long[] row = bindEnds(path, seed, start, ends.next());
                            if (row != null) {
                                return row;
                            }
                        }
                        start = starts.next();
                        if (start == 0) {
                            return null;
                        }
                        counter[0]++;
                        ends = pathEval.reach(repeat, start).iterator();
                    }
                default: // the joins: for each outer row, the inner rows it gives
                    while (true) {
                        long[] row = current.next();
                        if (row != null) {
                            return row;
                        }
                        long[] o = in.next();
                        if (o == null) {
                            return null;
                        }
                        current = kind == JOIN_SEEDED ? eval(right, o) : materialized.compatible(o);
                    }
            }
        }
    }

    /** The counter pair {@code {a, b}} of {@code key}, new (zero) if it has none: without a lambda class. */
    private static long[] counter(Map<Object, long[]> counters, Object key) {
        long[] c = counters.get(key);
        if (c == null) {
            c = new long[2];
            counters.put(key, c);
        }
        return c;
    }

    /** The list at {@code key}, new if there is none. */
    private static <K, V> List<V> listAt(Map<K, List<V>> map, K key) {
        List<V> l = map.get(key);
        if (l == null) {
            l = new ArrayList<>();
            map.put(key, l);
        }
        return l;
    }

    private Rows evalOp(Op op, long[] seed) {
        if (op instanceof Op.Bgp) {
            return new BgpRows((Op.Bgp) op, seed);
        }
        if (op instanceof Op.PathPattern) {
            return path((Op.PathPattern) op, seed);
        }
        if (op instanceof Op.Join) {
            return join((Op.Join) op, seed);
        }
        if (op instanceof Op.LeftJoin) {
            return leftJoin((Op.LeftJoin) op, seed);
        }
        if (op instanceof Op.Union) {
            Op.Union u = (Op.Union) op;
            Stage st = new Stage(Stage.UNION, null);
            st.current = eval(u.left, seed);
            st.right = u.right;
            st.seed = seed;
            return st;
        }
        if (op instanceof Op.Minus) {
            return minus((Op.Minus) op, seed);
        }
        if (op instanceof Op.Filter) {
            return filter((Op.Filter) op, seed);
        }
        if (op instanceof Op.Extend) {
            return extend((Op.Extend) op, seed);
        }
        if (op instanceof Op.Values) {
            return values((Op.Values) op, seed);
        }
        if (op instanceof Op.Graph) {
            return eval(graphOps.get(op), seed);
        }
        if (op instanceof Op.Service) {
            if (((Op.Service) op).silent) {
                return list(java.util.Collections.singletonList(seed.clone())); // SILENT: one empty solution
            }
            throw new org.nervusdb.NervusDBException("UNSUPPORTED", "SERVICE: NervusDB does not call remote endpoints");
        }
        String graphVar = perGraph.get(op);
        if (graphVar != null) {
            return eachGraph(op, seed, graphVar);
        }
        // Group, OrderBy, Project, Distinct, Reduced, Slice: on their own, then joined with the seed.
        return mergeWith(independent(op), seed);
    }

    private boolean isEmpty(long[] seed) {
        for (long v : seed) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** Solutions of operators evaluated without a seed. */
    private Rows independent(Op op) {
        if (op instanceof Op.Group) {
            return group((Op.Group) op);
        }
        if (op instanceof Op.OrderBy) {
            return orderBy((Op.OrderBy) op);
        }
        if (op instanceof Op.Project) {
            Op.Project p = (Op.Project) op;
            Rows in = eval(p.op, emptyRow());
            Stage st = new Stage(Stage.PROJECT, in);
            st.keep = new boolean[width()];
            for (String v : p.vars) {
                st.keep[slot(v)] = true;
            }
            return st;
        }
        if (op instanceof Op.Distinct || op instanceof Op.Reduced) {
            Op inner = op instanceof Op.Distinct ? ((Op.Distinct) op).op : ((Op.Reduced) op).op;
            Stage st = new Stage(Stage.DISTINCT, eval(inner, emptyRow()));
            st.seen = new HashSet<>();
            return st;
        }
        if (op instanceof Op.Slice) {
            Stage st = new Stage(Stage.SLICE, eval(((Op.Slice) op).op, emptyRow()));
            st.slice = (Op.Slice) op;
            return st;
        }
        throw new IllegalStateException("no evaluation for " + op.getClass().getSimpleName());
    }

    /** Rows of {@code in} compatible with {@code seed}, merged with it. */
    private Rows mergeWith(Rows in, long[] seed) {
        if (isEmpty(seed)) {
            return in;
        }
        Stage st = new Stage(Stage.MERGE, in);
        st.seed = seed;
        return st;
    }

    /** The merge of two compatible solutions, or null if they disagree on a variable. */
    static long[] merge(long[] a, long[] b) {
        long[] out = a.clone();
        for (int i = 0; i < b.length; i++) {
            if (b[i] != 0) {
                if (out[i] == 0) {
                    out[i] = b[i];
                } else if (out[i] != b[i]) {
                    return null;
                }
            }
        }
        return out;
    }

    // ----------------------------------------------------------------------- seeding decisions

    /** Whether evaluating {@code op} with a seed gives the join of the seed with {@code op}. */
    private boolean seedable(Op op) {
        if (op instanceof Op.Bgp || op instanceof Op.PathPattern || op instanceof Op.Values || op instanceof Op.Graph) {
            return true;
        }
        if (op instanceof Op.Join) {
            return seedable(((Op.Join) op).left) && seedable(((Op.Join) op).right);
        }
        if (op instanceof Op.Union) {
            return seedable(((Op.Union) op).left) && seedable(((Op.Union) op).right);
        }
        if (op instanceof Op.LeftJoin || op instanceof Op.Minus) {
            // The seed goes to the left side; a seed that binds what only the right side or the
            // filter reads is handled by leftJoin and minus themselves (see pushable).
            return seedable(op instanceof Op.LeftJoin ? ((Op.LeftJoin) op).left : ((Op.Minus) op).left);
        }
        if (op instanceof Op.Filter) {
            Op.Filter f = (Op.Filter) op;
            if (!seedable(f.op)) {
                return false;
            }
            Set<String> used = new HashSet<>();
            for (Expr e : f.exprs) {
                if (Vars.hasExists(e)) {
                    return false;
                }
                Vars.collect(e, used);
            }
            // With every variable the filter reads certainly bound below it, a seed cannot
            // change what the filter sees.
            return Vars.definite(f.op).containsAll(used);
        }
        if (op instanceof Op.Extend) {
            Op.Extend x = (Op.Extend) op;
            if (!seedable(x.op) || Vars.hasExists(x.expr)) {
                return false;
            }
            Set<String> used = new HashSet<>();
            Vars.collect(x.expr, used);
            return Vars.definite(x.op).containsAll(used);
        }
        return false;
    }

    // ------------------------------------------------------------------------------------ joins

    private Rows join(Op.Join j, long[] seed) {
        Rows left = eval(j.left, seed);
        if (seedable(j.right)) {
            Stage st = new Stage(Stage.JOIN_SEEDED, left);
            st.right = j.right;
            return st;
        }
        Stage st = new Stage(Stage.JOIN_MATERIALIZED, left);
        st.materialized = materialize(j.right);
        return st;
    }

    /**
     * Whether {@code seed} can be pushed into the left side of a left join or minus: the join
     * of the seed with {@code left OPTIONAL/MINUS right} is then the same as
     * {@code (seed JOIN left) OPTIONAL/MINUS right}, because every variable of the right side
     * (and of the OPTIONAL's filter) that the seed binds is bound by every left solution too, so
     * the seed cannot change which right solutions are compatible. Else the operator is
     * evaluated on its own, once, and joined with the seed.
     */
    private boolean pushable(Op op, Op left, Op right, Expr filter, long[] seed) {
        int[] loose = looseSlots.get(op);
        if (loose == null) {
            Set<String> vars = new HashSet<>(Vars.all(right));
            if (filter != null) {
                Vars.collect(filter, vars);
            }
            vars.removeAll(Vars.definite(left));
            loose = new int[vars.size()];
            int i = 0;
            for (String v : vars) {
                loose[i++] = slot(v);
            }
            looseSlots.put(op, loose);
        }
        for (int s : loose) {
            if (seed[s] != 0) {
                return false;
            }
        }
        return true;
    }

    /** For pushable: the variables of each left join's or minus's right side its left side may leave unbound. */
    private final Map<Op, int[]> looseSlots = new HashMap<>();

    private Rows leftJoin(Op.LeftJoin j, long[] seed) {
        if (!pushable(j, j.left, j.right, j.filter, seed)) {
            return materialize(j).compatible(seed);
        }
        Stage st = new Stage(Stage.LEFT_JOIN, eval(j.left, seed));
        st.leftJoin = j;
        st.materialized = seedable(j.right) ? null : materialize(j.right);
        st.pending = new ArrayDeque<>();
        return st;
    }

    private Rows minus(Op.Minus m, long[] seed) {
        if (!pushable(m, m.left, m.right, null, seed)) {
            return materialize(m).compatible(seed);
        }
        Stage st = new Stage(Stage.MINUS, eval(m.left, seed));
        st.materialized = materialize(m.right);
        return st;
    }

    /**
     * All solutions of an operator evaluated on its own, indexed (on first use) by the variables
     * bound in every one of them: found from the solutions themselves, so that a variable the
     * algebra cannot prove bound (a GROUP BY key, a variable of an OPTIONAL or a UNION) serves as
     * a key whenever the data binds it throughout.
     */
    private final class Materialized {
        final List<long[]> rows = new ArrayList<>();
        final int[] keySlots;
        final long[] compared;

        Materialized(Op op) {
            compared = counter(work, op);
            Rows in = eval(op, emptyRow());
            for (long[] r; (r = in.next()) != null; ) {
                rows.add(r);
                limits.countMaterialized(rows.size());
                limits.hold(QueryLimits.rowBytes(r.length));
            }
            int width = names.size();
            boolean[] everywhere = new boolean[width];
            Arrays.fill(everywhere, !rows.isEmpty());
            for (long[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    everywhere[i] &= r[i] != 0;
                }
            }
            int n = 0;
            for (boolean b : everywhere) {
                n += b ? 1 : 0;
            }
            int[] ks = new int[n];
            n = 0;
            for (int i = 0; i < width; i++) {
                if (everywhere[i]) {
                    ks[n++] = i;
                }
            }
            keySlots = ks;
        }

        /** The solutions that can be compatible with {@code l}: by the index when l binds a key. */
        List<long[]> candidates(long[] l) {
            int bound = 0;
            for (int s : keySlots) {
                if (s < l.length && l[s] != 0) {
                    bound++;
                }
            }
            if (bound == 0) {
                compared[0] += rows.size();
                return rows;
            }
            int[] probe = new int[bound];
            int k = 0;
            for (int s : keySlots) {
                if (s < l.length && l[s] != 0) {
                    probe[k++] = s;
                }
            }
            List<long[]> c = index(probe).getOrDefault(new RowKey(project(l, probe)), Collections.emptyList());
            compared[0] += c.size();
            return c;
        }

        /** Rows compatible with {@code l}, merged with it. */
        Rows compatible(long[] l) {
            Stage st = new Stage(Stage.MERGE, list(candidates(l)));
            st.seed = l;
            return st;
        }

        private final Map<RowKey, Map<RowKey, List<long[]>>> indexes = new HashMap<>();

        private Map<RowKey, List<long[]>> index(int[] probe) {
            RowKey which = new RowKey(toLongs(probe));
            Map<RowKey, List<long[]>> idx = indexes.get(which);
            if (idx == null) {
                idx = new HashMap<>();
                for (long[] r : rows) {
                    listAt(idx, new RowKey(project(r, probe))).add(r);
                }
                limits.hold(rows.size() * (48L + QueryLimits.rowBytes(probe.length)));
                indexes.put(which, idx);
            }
            return idx;
        }
    }

    private Materialized materialize(Op op) {
        Object key = op;
        Materialized m = materialized.get(key);
        if (m == null) {
            m = new Materialized(op);
            materialized.put(key, m);
        }
        return m;
    }

    private static long[] project(long[] row, int[] slots) {
        long[] out = new long[slots.length];
        for (int i = 0; i < slots.length; i++) {
            out[i] = row[slots[i]];
        }
        return out;
    }

    private static long[] toLongs(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    /** A row as a hash key. */
    static final class RowKey {
        final long[] v;
        final int hash;

        RowKey(long[] v) {
            this.v = v;
            this.hash = Arrays.hashCode(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey && Arrays.equals(v, ((RowKey) o).v);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    // ------------------------------------------------------------------------ basic patterns

    /** Index nested-loop evaluation of a basic graph pattern, depth first, in planned order. */
    private final class BgpRows implements Rows {
        private final long[][] pat; // per step: s, p, o as constant id (>0), -1-slot for a variable, or 0 for "no match"
        private final MergeGroup merge; // the first step, when several patterns are merge-joined
        private final long[][] counts; // per step: solutions produced, scans run (for explain)
        private final TripleStore.IdScan[] scans;
        private final long[][] rows;
        private final int n;
        private int depth;
        private boolean done;

        private final Node graph; // null: the dataset's default graph
        private final int graphSlot; // the graph variable's slot, or -1
        private long[] graphs; // an empty pattern with its graph variable free: the graphs to give, one a row
        private int graphAt;

        /** Per step: the filter conjuncts to test on its rows (null: none). */
        private Expr[][] checks;
        /**
         * Per step and position (s, p, o): the slot of a variable bound before the step that a
         * filter {@code ?x = ?y} or {@code sameTerm(?x, ?y)} says equals the position's variable,
         * or -1; null when no step has one. The scan then looks that value up instead of listing
         * every value and filtering (BSBM BI Q2's {@code FILTER(?feature = ?otherFeature)}).
         */
        private int[][] alias;
        /** Per step and position: whether {@link #alias} comes from sameTerm (else from =). */
        private boolean[][] aliasSameTerm;
        /** The filter conjuncts given that no step can test (a variable the pattern does not bind). */
        final List<Expr> residual = new ArrayList<>();

        BgpRows(Op.Bgp bgp, long[] seed) {
            this(bgp, seed, List.of());
        }

        /**
         * The pattern's solutions that pass every expression of {@code conjuncts}: each is tested
         * at the first step after which all its variables are bound (those bound by the seed
         * count as bound before the first step); the ones no step binds are left in {@link #residual}.
         */
        BgpRows(Op.Bgp bgp, long[] seed, List<Expr> conjuncts) {
            graph = graphOf.get(bgp);
            graphSlot = graph != null && graph.isVar() && !fixedGraph.containsKey(graph.var) ? slot(graph.var) : -1;
            List<Op.TriplePattern> ordered = new ArrayList<>(plan(bgp, seed, conjuncts));
            long sel = graph == null ? (defaultGraphs == null && defaultGraph != NO_GRAPH ? defaultGraph : NO_GRAPH)
                    : graph.isVar() ? NO_GRAPH : graphId(graph, seed);
            merge = sel == NO_GRAPH || sel < 0 || (graph != null && !isNamedGraph(sel)) ? null
                    : MergeGroup.take(Evaluator.this, ordered, seed, sel);
            int base = merge == null ? 0 : 1;
            n = ordered.size() + base;
            pat = new long[n][];
            boolean impossible = merge != null && merge.impossible;
            for (int i = base; i < n; i++) {
                Op.TriplePattern t = ordered.get(i - base);
                pat[i] = new long[] {code(t.s), code(t.p), code(t.o), graphSlot >= 0 ? -1 - graphSlot : 1};
                if (pat[i][0] == 0 || pat[i][1] == 0 || pat[i][2] == 0) {
                    impossible = true;
                }
            }
            counts = new long[n][];
            for (int i = 0; i < n; i++) {
                Op.TriplePattern t = i < base ? merge.first : ordered.get(i - base);
                counts[i] = counter(matched, t);
            }
            place(conjuncts, ordered, base, seed);
            scans = new TripleStore.IdScan[n];
            rows = new long[n + 1][];
            rows[0] = seed;
            done = impossible;
            depth = 0;
            if (!done && n == 0 && graph != null) {
                long g = graphId(graph, seed);
                graphs = g > 0 ? (isNamedGraph(g) ? new long[] {g} : new long[0]) : g < 0 ? new long[0] : namedGraphIds();
            }
            if (!done && n > 0) {
                counts[0][1]++;
                if (merge == null) {
                    open(0);
                }
            }
        }

        /** Sorts the conjuncts into {@link #checks} by the step that binds their last variable. */
        private void place(List<Expr> conjuncts, List<Op.TriplePattern> ordered, int base, long[] seed) {
            if (conjuncts.isEmpty()) {
                return;
            }
            if (n == 0) {
                residual.addAll(conjuncts);
                return;
            }
            // The step after which each slot is bound: -1 for the seed's, Integer.MAX_VALUE for none.
            int[] boundAt = new int[names.size()];
            Arrays.fill(boundAt, Integer.MAX_VALUE);
            for (int sl = 0; sl < seed.length && sl < boundAt.length; sl++) {
                if (seed[sl] != 0) {
                    boundAt[sl] = -1;
                }
            }
            if (graphSlot >= 0) {
                boundAt[graphSlot] = Math.min(boundAt[graphSlot], 0);
            }
            if (merge != null) {
                boundAt[merge.slot] = Math.min(boundAt[merge.slot], 0);
            }
            for (int i = base; i < n; i++) {
                Op.TriplePattern t = ordered.get(i - base);
                for (Node x : new Node[] {t.s, t.p, t.o}) {
                    if (x.isVar()) {
                        int sl = slot(x.var);
                        boundAt[sl] = Math.min(boundAt[sl], i);
                    }
                }
            }
            List<List<Expr>> at = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                at.add(null);
            }
            for (Expr c : conjuncts) {
                int step = 0;
                if (!Vars.hasExists(c)) {
                    Set<String> used = new HashSet<>();
                    Vars.collect(c, used);
                    for (String v : used) {
                        Integer sl = slots.get(v);
                        step = Math.max(step, sl == null || sl >= boundAt.length ? Integer.MAX_VALUE : boundAt[sl]);
                    }
                } else {
                    step = Integer.MAX_VALUE;
                }
                if (step >= n) {
                    residual.add(c);
                    continue;
                }
                if (at.get(step) == null) {
                    at.set(step, new ArrayList<>());
                }
                at.get(step).add(c);
            }
            checks = new Expr[n][];
            for (int i = 0; i < n; i++) {
                checks[i] = at.get(i) == null ? null : at.get(i).toArray(new Expr[0]);
            }
            for (Expr c : conjuncts) {
                if (!(c instanceof Expr.Call) || c instanceof Expr.StoreCall) {
                    continue;
                }
                Expr.Call call = (Expr.Call) c;
                boolean same = call.name.equals("SAMETERM");
                if (!(same || call.name.equals("=")) || call.args.size() != 2 || !(call.args.get(0) instanceof Expr.Var)
                        || !(call.args.get(1) instanceof Expr.Var)) {
                    continue;
                }
                Integer x = slots.get(((Expr.Var) call.args.get(0)).name);
                Integer y = slots.get(((Expr.Var) call.args.get(1)).name);
                if (x == null || y == null || x >= boundAt.length || y >= boundAt.length || x.equals(y)) {
                    continue;
                }
                for (int i = base; i < n; i++) {
                    Op.TriplePattern t = ordered.get(i - base);
                    Node[] pos = {t.s, t.p, t.o};
                    for (int k = 0; k < 3; k++) {
                        if (!pos[k].isVar()) {
                            continue;
                        }
                        int v = slot(pos[k].var);
                        int other = v == x ? y : v == y ? x : -1;
                        if (other < 0 || boundAt[v] != i || boundAt[other] >= i) {
                            continue;
                        }
                        if (alias == null) {
                            alias = new int[n][];
                            aliasSameTerm = new boolean[n][];
                        }
                        if (alias[i] == null) {
                            alias[i] = new int[] {-1, -1, -1};
                            aliasSameTerm[i] = new boolean[3];
                        }
                        alias[i][k] = other;
                        aliasSameTerm[i][k] = same;
                    }
                }
            }
        }

        /**
         * The value a filter's equality gives position {@code k} of step {@code i}'s pattern, or 0:
         * always for sameTerm; for = only when the value is not a literal (= compares literals by
         * value, so "1"^^xsd:integer = "1.0"^^xsd:decimal, and the filter itself decides those).
         */
        private long aliased(int i, int k, long[] row) {
            if (alias == null || alias[i] == null || alias[i][k] < 0) {
                return 0;
            }
            long v = row[alias[i][k]];
            if (v == 0) {
                return 0;
            }
            if (!aliasSameTerm[i][k]) {
                String term = termOf(v);
                if (term == null || term.startsWith("\"")) {
                    return 0;
                }
            }
            return v;
        }

        /** Whether the row passes the conjuncts tested at step {@code i}. */
        private boolean passes(int i, long[] row) {
            if (checks == null || checks[i] == null) {
                return true;
            }
            ExprEval.Scope sc = scope(row);
            for (Expr e : checks[i]) {
                if (!exprs.test(e, sc)) {
                    return false;
                }
            }
            return true;
        }

        private long code(Node node) {
            if (node.isVar()) {
                return -1 - slot(node.var);
            }
            long id = snap.lookup(node.term);
            return id > 0 ? id : 0;
        }

        /** The id a position has given the row: constant, bound variable, or 0 (free). -1: no match. */
        private long bound(long code, long[] row) {
            if (code > 0) {
                return code;
            }
            long v = row[(int) (-1 - code)];
            return v < 0 ? -1 : v;
        }

        private boolean open(int i) {
            long[] row = rows[i];
            long s = bound(pat[i][0], row);
            long p = bound(pat[i][1], row);
            long o = bound(pat[i][2], row);
            if (alias != null && alias[i] != null) {
                s = s == 0 ? aliased(i, 0, row) : s;
                p = p == 0 ? aliased(i, 1, row) : p;
                o = o == 0 ? aliased(i, 2, row) : o;
            }
            if (s < 0 || p < 0 || o < 0) {
                scans[i] = null; // a query-local term: the store cannot match it
                return false;
            }
            scans[i] = scanIn(graph, graphId(graph, row), s, p, o);
            return scans[i] != null;
        }

        @Override
        public long[] next() {
            if (done) {
                return null;
            }
            if (n == 0) {
                if (graphs == null) {
                    done = true;
                    return rows[0].clone();
                }
                if (graphAt >= graphs.length) {
                    done = true;
                    return null;
                }
                long[] row = rows[0].clone();
                if (graphSlot >= 0) {
                    row[graphSlot] = graphs[graphAt];
                }
                graphAt++;
                return row;
            }
            while (depth >= 0) {
                limits.tick();
                long[] row;
                if (depth == 0 && merge != null) {
                    long id = merge.next(limits);
                    if (id < 0) {
                        depth--;
                        continue;
                    }
                    row = rows[0].clone();
                    row[merge.slot] = id;
                } else {
                    TripleStore.IdScan scan = scans[depth];
                    if (scan == null || !scan.next()) {
                        depth--;
                        continue;
                    }
                    row = bind(depth, rows[depth], scan.s(), scan.p(), scan.o(), scan.g());
                    if (row == null) {
                        continue;
                    }
                }
                if (!passes(depth, row)) {
                    continue;
                }
                counts[depth][0]++;
                if (depth == n - 1) {
                    return row;
                }
                rows[depth + 1] = row;
                depth++;
                counts[depth][1]++;
                open(depth);
            }
            done = true;
            return null;
        }

        private long[] bind(int i, long[] row, long s, long p, long o, long g) {
            long[] out = null;
            long[] ids = {s, p, o, g};
            for (int k = 0; k < 4; k++) {
                long code = pat[i][k];
                if (code > 0) {
                    continue;
                }
                int sl = (int) (-1 - code);
                long have = out == null ? row[sl] : out[sl];
                if (have == 0) {
                    if (out == null) {
                        out = row.clone();
                    }
                    out[sl] = ids[k];
                } else if (have != ids[k]) {
                    return null; // the same variable twice in one pattern, with different values
                }
            }
            return out == null ? row.clone() : out;
        }
    }

    /** Patterns that ran as part of a merge join, for explain(). */
    final Set<Op.TriplePattern> mergeJoined = java.util.Collections.newSetFromMap(new HashMap<>());

    /**
     * A merge join at the start of a basic graph pattern: every pattern whose only free
     * position is the same variable (the others constants or bound by the seed) scans an index
     * whose triples come in ascending order of that variable, so the scans are intersected by
     * leapfrogging (each lagging scan stepped a few times, then sought to the leader) instead of
     * one lookup per solution.
     */
    static final class MergeGroup {
        Op.TriplePattern first; // the group's first pattern, which carries its counts
        final int slot;
        final TripleStore.IdScan[] scans;
        final int[] free; // which position of each scan's triple is the variable
        final long[] cur;
        boolean impossible;
        private boolean started;
        private boolean finished;

        private MergeGroup(int slot, int k) {
            this.slot = slot;
            this.scans = new TripleStore.IdScan[k];
            this.free = new int[k];
            this.cur = new long[k];
        }

        /**
         * Removes from {@code ordered} the patterns that merge-join with the first one and
         * returns the group, or null when fewer than two qualify.
         */
        static MergeGroup take(Evaluator ev, List<Op.TriplePattern> ordered, long[] seed, long graph) {
            if (ordered.size() < 2) {
                return null;
            }
            String v = single(ev, ordered.get(0), seed);
            if (v == null) {
                return null;
            }
            List<Op.TriplePattern> group = new ArrayList<>();
            for (Op.TriplePattern t : ordered) {
                if (v.equals(single(ev, t, seed))) {
                    group.add(t);
                }
            }
            if (group.size() < 2) {
                return null;
            }
            MergeGroup m = new MergeGroup(ev.slot(v), group.size());
            m.first = group.get(0);
            for (int i = 0; i < group.size(); i++) {
                Op.TriplePattern t = group.get(i);
                long[] ids = new long[3];
                Node[] nodes = {t.s, t.p, t.o};
                for (int k = 0; k < 3; k++) {
                    if (nodes[k].isVar() && nodes[k].var.equals(v)) {
                        m.free[i] = k;
                        continue;
                    }
                    long id = nodes[k].isVar() ? seed[ev.slot(nodes[k].var)] : ev.snap.lookup(nodes[k].term);
                    if (id <= 0) {
                        m.impossible = true; // a term the store lacks (or a query-local one)
                    }
                    ids[k] = id;
                }
                if (!m.impossible) {
                    m.scans[i] = ev.snap.scanQuads(graph, ids[0], ids[1], ids[2]);
                }
                ev.mergeJoined.add(t);
            }
            ordered.removeAll(group);
            return m;
        }

        /** The variable a pattern leaves free when it is the only one, else null. */
        private static String single(Evaluator ev, Op.TriplePattern t, long[] seed) {
            String v = null;
            for (Node n : new Node[] {t.s, t.p, t.o}) {
                if (n.isVar() && seed[ev.slot(n.var)] == 0) {
                    if (v != null) {
                        return null; // two free positions (or one variable twice)
                    }
                    v = n.var;
                }
            }
            return v;
        }

        private long value(int i) {
            TripleStore.IdScan s = scans[i];
            return free[i] == 0 ? s.s() : free[i] == 1 ? s.p() : s.o();
        }

        /** Advances scan i to its first triple at or after {@code target}; false at its end. */
        private boolean advance(int i, long target) {
            for (int step = 0; step < 4; step++) {
                if (!scans[i].next()) {
                    return false;
                }
                cur[i] = value(i);
                if (cur[i] >= target) {
                    return true;
                }
            }
            scans[i].skipTo(target);
            if (!scans[i].next()) {
                return false;
            }
            cur[i] = value(i);
            return true;
        }

        /** The next id every scan holds, ascending; -1 at the end. */
        long next(QueryLimits limits) {
            if (finished || impossible) {
                return -1;
            }
            if (!started) {
                started = true;
                for (int i = 0; i < scans.length; i++) {
                    if (!scans[i].next()) {
                        finished = true;
                        return -1;
                    }
                    cur[i] = value(i);
                }
            } else if (!advance(0, cur[0] + 1)) {
                finished = true;
                return -1;
            }
            while (true) {
                limits.tick();
                long max = cur[0];
                for (long c : cur) {
                    max = Math.max(max, c);
                }
                boolean equal = true;
                for (int i = 0; i < scans.length; i++) {
                    if (cur[i] < max) {
                        equal = false;
                        if (!advance(i, max)) {
                            finished = true;
                            return -1;
                        }
                    }
                }
                if (equal) {
                    return max;
                }
            }
        }
    }

    /** The patterns of a basic graph pattern as its first run ordered them (merge-joined first). */
    List<Op.TriplePattern> plannedOrder(Op.Bgp bgp) {
        Map<String, List<Op.TriplePattern>> byBound = plans.get(bgp);
        List<Op.TriplePattern> out = new ArrayList<>();
        List<Op.TriplePattern> rest = new ArrayList<>();
        for (Op.TriplePattern t : byBound == null || byBound.isEmpty() ? bgp.patterns : byBound.values().iterator().next()) {
            (mergeJoined.contains(t) ? out : rest).add(t);
        }
        out.addAll(rest);
        return out;
    }

    private final Map<Op.Bgp, Map<String, List<Op.TriplePattern>>> plans = new HashMap<>();

    /**
     * The planned order of a basic graph pattern, once per pattern and set of variables the
     * seed binds: an inner pattern of a join is planned for its first input solution, not again
     * for every one.
     */
    private List<Op.TriplePattern> plan(Op.Bgp bgp, long[] seed, List<Expr> conjuncts) {
        if (bgp.patterns.size() <= 1) {
            return bgp.patterns;
        }
        StringBuilder key = new StringBuilder(seed.length + 1);
        for (long v : seed) {
            key.append(v != 0 ? '1' : '0');
        }
        key.append(conjuncts.isEmpty() ? "" : "f");
        Map<String, List<Op.TriplePattern>> byBound = plans.get(bgp);
        if (byBound == null) {
            byBound = new HashMap<>();
            plans.put(bgp, byBound);
        }
        List<Op.TriplePattern> order = byBound.get(key.toString());
        if (order == null) {
            order = Planner.order(this, bgp, seed, conjuncts);
            byBound.put(key.toString(), order);
        }
        return order;
    }

    // ------------------------------------------------------------------------------ filters

    private Rows filter(Op.Filter f, long[] seed) {
        if (seedable(f) && f.op instanceof Op.Bgp) {
            // Each conjunct is tested inside the pattern's nested loops as soon as its variables
            // are bound, so rows it rejects are not extended by the patterns after that point.
            List<Expr> conjuncts = new ArrayList<>();
            for (Expr e : f.exprs) {
                conjuncts(e, conjuncts);
            }
            limits.check();
            BgpRows b = new BgpRows((Op.Bgp) f.op, seed, conjuncts);
            long[] counter = counter(counters, f.op);
            counter[1]++;
            Stage st = new Stage(Stage.COUNT, b);
            st.counter = counter;
            return b.residual.isEmpty() ? st : filterRows(new Op.Filter(b.residual, f.op), st);
        }
        if (seedable(f)) {
            return filterRows(f, eval(f.op, seed));
        }
        return mergeWith(filterRows(f, eval(f.op, emptyRow())), seed);
    }

    /** The operands of {@code e} if it is a chain of {@code &&}, else {@code e} itself, into {@code out}. */
    private static void conjuncts(Expr e, List<Expr> out) {
        if (e instanceof Expr.Call && !(e instanceof Expr.StoreCall) && ((Expr.Call) e).name.equals("&&")
                && ((Expr.Call) e).args.size() == 2) {
            conjuncts(((Expr.Call) e).args.get(0), out);
            conjuncts(((Expr.Call) e).args.get(1), out);
        } else {
            out.add(e);
        }
    }

    private Rows filterRows(Op.Filter f, Rows in) {
        Stage st = new Stage(Stage.FILTER, in);
        st.filter = f;
        return st;
    }

    private Rows extend(Op.Extend x, long[] seed) {
        boolean seeded = seedable(x);
        Rows in = eval(x.op, seeded ? seed : emptyRow());
        Stage out = new Stage(Stage.EXTEND, in);
        out.extend = x;
        out.slot = slot(x.var);
        return seeded ? out : mergeWith(out, seed);
    }

    private Rows values(Op.Values v, long[] seed) {
        List<long[]> out = new ArrayList<>();
        int[] sl = new int[v.vars.size()];
        for (int i = 0; i < sl.length; i++) {
            sl[i] = slot(v.vars.get(i));
        }
        for (String[] r : v.rows) {
            long[] row = emptyRow();
            for (int i = 0; i < sl.length; i++) {
                if (r[i] != null) {
                    row[sl[i]] = idOf(r[i]);
                }
            }
            long[] m = merge(seed, row);
            if (m != null) {
                out.add(m);
            }
        }
        return list(out);
    }

    static Rows list(List<long[]> rows) {
        return new Rows() {
            int i;

            @Override
            public long[] next() {
                return i < rows.size() ? rows.get(i++) : null;
            }
        };
    }

    /** Expression scope over one solution. */
    ExprEval.Scope scope(long[] row) {
        return new ExprEval.Scope() {
            @Override
            public String value(String var) {
                Integer s = slots.get(var);
                return s == null ? null : termOf(row[s]);
            }

            @Override
            public boolean exists(Expr.Exists e) {
                boolean found = eval(e.pattern, row).next() != null;
                return e.negated != found;
            }

            @Override
            public boolean check(Expr.StoreCall c) {
                String[] terms = new String[c.args.size()];
                for (int i = 0; i < terms.length; i++) {
                    terms[i] = exprs.eval(c.args.get(i), this);
                }
                return c.check.test(snap, terms);
            }

            @Override
            public String freshBlank(String label) {
                if (label == null) {
                    return Evaluator.this.freshBlank('q');
                }
                if (blankRow != row) {
                    blankRow = row;
                    blankLabels = new HashMap<>();
                }
                String b = blankLabels.get(label);
                if (b == null) {
                    b = Evaluator.this.freshBlank('q');
                    blankLabels.put(label, b);
                }
                return b;
            }
        };
    }

    // ------------------------------------------------------------------------------ grouping

    private Rows group(Op.Group g) {
        Rows in = eval(g.op, emptyRow());
        Map<RowKey, List<long[]>> groups = new LinkedHashMap<>();
        Map<RowKey, long[]> keyValues = new HashMap<>();
        int count = 0;
        for (long[] row; (row = in.next()) != null; ) {
            limits.countMaterialized(++count);
            limits.hold(QueryLimits.rowBytes(row.length));
            long[] key = new long[g.keys.size()];
            ExprEval.Scope sc = null;
            for (int i = 0; i < key.length; i++) {
                Expr e = g.keys.get(i).expr;
                if (e instanceof Expr.Var) {
                    key[i] = row[slot(((Expr.Var) e).name)]; // the row holds its id already
                    continue;
                }
                try {
                    key[i] = idOf(exprs.eval(e, sc == null ? sc = scope(row) : sc));
                } catch (ExprEval.ExprError | org.nervusdb.InvalidTermException ex) {
                    key[i] = 0;
                }
            }
            RowKey k = new RowKey(key);
            if (keyValues.put(k, key) == null) {
                limits.hold(160 + 2 * QueryLimits.rowBytes(key.length));
            }
            listAt(groups, k).add(row);
        }
        if (groups.isEmpty() && g.keys.isEmpty()) {
            groups.put(new RowKey(new long[0]), new ArrayList<>());
            keyValues.put(new RowKey(new long[0]), new long[0]);
        }
        List<long[]> out = new ArrayList<>();
        for (Map.Entry<RowKey, List<long[]>> e : groups.entrySet()) {
            long[] row = emptyRow();
            long[] key = keyValues.get(e.getKey());
            for (int i = 0; i < key.length; i++) {
                Op.GroupKey gk = g.keys.get(i);
                String var = gk.var != null ? gk.var : gk.expr instanceof Expr.Var ? ((Expr.Var) gk.expr).name : null;
                if (var != null) {
                    row[slot(var)] = key[i];
                }
            }
            for (Op.AggregateBinding a : g.aggregates) {
                String v = Aggregates.compute(this, a.aggregate, e.getValue());
                if (v != null) {
                    row[slot(a.var)] = idOf(v);
                }
            }
            out.add(row);
        }
        return list(out);
    }

    // ------------------------------------------------------------------------------ ordering

    private Rows orderBy(Op.OrderBy ob) {
        Rows in = eval(ob.op, emptyRow());
        List<long[]> rows = new ArrayList<>();
        for (long[] r; (r = in.next()) != null; ) {
            rows.add(r);
            limits.countMaterialized(rows.size());
            limits.hold(QueryLimits.rowBytes(r.length));
        }
        int k = ob.keys.size();
        Map<long[], String[]> keys = new HashMap<>();
        for (long[] r : rows) {
            String[] vals = new String[k];
            ExprEval.Scope sc = scope(r);
            long bytes = 64 + 8L * k;
            for (int i = 0; i < k; i++) {
                try {
                    vals[i] = exprs.eval(ob.keys.get(i).expr, sc);
                } catch (ExprEval.ExprError | org.nervusdb.InvalidTermException e) {
                    vals[i] = null;
                }
                bytes += QueryLimits.termBytes(vals[i]);
            }
            limits.hold(bytes);
            keys.put(r, vals);
        }
        Stage cmp = new Stage(Stage.COUNT, null);
        cmp.orderBy = ob;
        cmp.sortKeys = keys;
        Collections.sort(rows, cmp);
        return list(rows);
    }

    // ---------------------------------------------------------------------------------- paths

    private Rows path(Op.PathPattern pp, long[] seed) {
        Node graph = graphOf.get(pp);
        if (graph != null && graph.isVar() && graphId(graph, seed) == 0) {
            // A free graph variable: the path in each named graph in turn.
            List<long[]> out = new ArrayList<>();
            int gs = slot(graph.var);
            for (long g : namedGraphIds()) {
                long[] sd = seed.clone();
                sd[gs] = g;
                Rows r = path(pp, sd);
                for (long[] row = r.next(); row != null; row = r.next()) {
                    out.add(row);
                    limits.peak(out.size() * 16L * row.length);
                }
            }
            return list(out);
        }
        long gid = graphId(graph, seed);
        if (graph != null && !isNamedGraph(gid)) {
            return NONE;
        }
        PathEval.Scanner scanner = (a, b, c) -> {
            TripleStore.IdScan sc = scanIn(graph, gid, a, b, c);
            return sc != null ? sc : snap.scanGraphs(new long[0], false, a, b, c);
        };
        return pathIn(pp, seed, scanner);
    }

    private Rows pathIn(Op.PathPattern pp, long[] seed, PathEval.Scanner scanner) {
        long s = nodeId(pp.s, seed);
        long o = nodeId(pp.o, seed);
        if (s < 0 || o < 0) {
            // A constant or bound value the store lacks: only a zero-length path can match it.
            if (PathEval.canBeEmpty(pp.path)) {
                long sv = s < 0 ? termId(pp.s, seed) : s;
                long ov = o < 0 ? termId(pp.o, seed) : o;
                List<long[]> out = new ArrayList<>();
                if (sv != 0 && ov != 0) {
                    if (sv == ov) {
                        out.add(seed.clone());
                    }
                } else {
                    long v = sv != 0 ? sv : ov;
                    long[] r = bindEnds(pp, seed, v, v);
                    if (r != null) {
                        out.add(r);
                    }
                }
                return list(out);
            }
            return NONE;
        }
        PathEval pe = new PathEval(snap, limits, scanner);
        if (s == 0 && o == 0 && pp.path instanceof Path.Repeat) {
            return repeatFromEveryStart(pp, seed, pe, (Path.Repeat) pp.path);
        }
        List<long[]> pairs = pe.eval(pp.path, s, o);
        List<long[]> out = new ArrayList<>(pairs.size());
        for (long[] pair : pairs) {
            long[] r = bindEnds(pp, seed, pair[0], pair[1]);
            if (r != null) {
                out.add(r);
            }
        }
        return list(out);
    }

    /**
     * A repetition with both ends free, streamed: one start node at a time (only those its
     * first step can leave from, see {@link PathEval#starts}), with the nodes it reaches; an ASK
     * or a LIMIT stops it early.
     */
    private Rows repeatFromEveryStart(Op.PathPattern pp, long[] seed, PathEval pe, Path.Repeat r) {
        Stage st = new Stage(Stage.PATH_STARTS, null);
        st.starts = pe.starts(r);
        st.counter = counter(work, pp);
        st.path = pp;
        st.seed = seed;
        st.pathEval = pe;
        st.repeat = r;
        st.ends = Collections.emptyIterator();
        return st;
    }

    private long[] bindEnds(Op.PathPattern pp, long[] seed, long x, long y) {
        long[] r = seed.clone();
        if (pp.s.isVar()) {
            int sl = slot(pp.s.var);
            if (r[sl] != 0 && r[sl] != x) {
                return null;
            }
            r[sl] = x;
        }
        if (pp.o.isVar()) {
            int sl = slot(pp.o.var);
            if (r[sl] != 0 && r[sl] != y) {
                return null;
            }
            r[sl] = y;
        }
        return r;
    }

    /** A path end's store id: 0 if free, -1 if bound to a term the store lacks. */
    private long nodeId(Node n, long[] seed) {
        if (n.isVar()) {
            long v = seed[slot(n.var)];
            return v < 0 ? -1 : v;
        }
        long id = snap.lookup(n.term);
        return id > 0 ? id : -1;
    }

    /** A path end's id, store or query-local; 0 if free. */
    private long termId(Node n, long[] seed) {
        return n.isVar() ? seed[slot(n.var)] : idOf(n.term);
    }

    // ------------------------------------------------------------------------------- results

    List<String> names() {
        return names;
    }

    QueryLimits limits() {
        return limits;
    }

    TripleStore.StoreSnapshot snapshot() {
        return snap;
    }
}
