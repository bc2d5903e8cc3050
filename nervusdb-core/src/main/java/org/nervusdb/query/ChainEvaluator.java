package org.nervusdb.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nervusdb.InvalidTermException;
import org.nervusdb.TripleReader;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;
import org.nervusdb.query.algebra.Query;
import org.nervusdb.rdf.RdfTerms;

/**
 * Runs the algebra {@link org.nervusdb.QueryBuilder} compiles, without the query engine: basic
 * graph patterns by index nested loops (the patterns with the most bound positions first, ties
 * broken by the store's estimates), joins by handing each solution of the left side to the
 * right side, property paths with {@link PathEval}, and the filters, unions, projections,
 * distinct, ordering ({@link Ordering}), COUNT groups and slices the builder uses. Its results
 * are those of {@link QueryEngine} for the same algebra; where the query asks no order, they may
 * come in another order (and a LIMIT without ORDER BY may then keep other rows).
 *
 * <p>The JavaScript and WebAssembly builds run the builder on this evaluator (through
 * {@link BuilderQueries}), which lets their storage core leave the query engine, the SPARQL
 * parser and SPARQL's function library to the module that answers SPARQL. It knows only the
 * operators and functions the builder produces; anything else is refused with
 * UnsupportedOperationException.
 *
 * <p>Time and memory limits are those of {@link QueryOptions}, checked as the engine checks them.
 * Solutions are ids of stored terms; a constant the store lacks gets a negative id for the query.
 */
public final class ChainEvaluator {
    private final TripleStore.StoreSnapshot snap;
    private final QueryLimits limits;
    private final Map<String, Integer> slots = new HashMap<>();
    private final Map<String, Long> storeIds = new HashMap<>();
    private final Map<String, Long> localIds = new HashMap<>();
    private final List<String> localTerms = new ArrayList<>();
    private final Map<String, RegexEngine.Compiled> patterns = new HashMap<>();
    /** Each basic graph pattern's order of patterns, per set of variables bound when it starts. */
    private final Map<Op.Bgp, Map<String, int[]>> plans = new HashMap<>();
    private PathEval pathEval;

    private ChainEvaluator(TripleStore.StoreSnapshot snap, QueryLimits limits) {
        this.snap = snap;
        this.limits = limits;
    }

    /**
     * Runs a SELECT query on a NervusDB store (on a new snapshot, closed before this returns)
     * or snapshot. The result is read in full before it is returned.
     */
    public static QueryResult run(TripleReader source, Query query, QueryOptions options) {
        TripleStore.StoreSnapshot snap;
        boolean owned = source instanceof TripleStore;
        if (owned) {
            snap = ((TripleStore) source).snapshot();
        } else if (source instanceof TripleStore.StoreSnapshot) {
            snap = (TripleStore.StoreSnapshot) source;
        } else {
            throw new UnsupportedOperationException("traversal, conditions and ordering need a NervusDB store or snapshot");
        }
        try {
            if (query.form != Query.Form.SELECT) {
                throw new UnsupportedOperationException(query.form + ": the query builder runs SELECT queries only");
            }
            ChainEvaluator ev = new ChainEvaluator(snap, new QueryLimits(options, snap));
            return ev.select(query, options.maxRows());
        } finally {
            if (owned) {
                snap.close();
            }
        }
    }

    /** Where a solution goes; false asks the producer to stop. */
    private interface Sink {
        boolean put(long[] row);
    }

    private QueryResult select(Query query, long maxRows) {
        slotsOf(query.op);
        for (String v : query.variables) {
            slot(v);
        }
        int n = query.variables.size();
        int[] at = new int[n];
        for (int i = 0; i < n; i++) {
            at[i] = slot(query.variables.get(i));
        }
        List<String[]> rows = new ArrayList<>();
        boolean[] truncated = {false};
        eval(query.op, fresh(), row -> {
            if (maxRows > 0 && rows.size() >= maxRows) {
                truncated[0] = true;
                return false;
            }
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                out[i] = termOf(row[at[i]]);
            }
            rows.add(out);
            return true;
        });
        return new Result(query.variables, rows, truncated[0]);
    }

    /** The rows of a finished query. */
    private static final class Result implements QueryResult {
        private final List<String> variables;
        private final List<String[]> rows;
        private final boolean truncated;
        private int next;

        Result(List<String> variables, List<String[]> rows, boolean truncated) {
            this.variables = variables;
            this.rows = rows;
            this.truncated = truncated;
        }

        @Override
        public Kind kind() {
            return Kind.SELECT;
        }

        @Override
        public List<String> variables() {
            return variables;
        }

        @Override
        public boolean hasNext() {
            return next < rows.size();
        }

        @Override
        public String[] next() {
            if (next >= rows.size()) {
                throw new java.util.NoSuchElementException();
            }
            String[] r = rows.get(next);
            rows.set(next++, null);
            return r;
        }

        @Override
        public boolean truncated() {
            return truncated;
        }

        @Override
        public boolean askAnswer() {
            throw new IllegalStateException("not an ASK query");
        }

        @Override
        public void close() {
            next = rows.size();
        }
    }

    // ------------------------------------------------------------------------------- variables

    private int slot(String var) {
        Integer s = slots.get(var);
        if (s == null) {
            s = slots.size();
            slots.put(var, s);
        }
        return s;
    }

    private long[] fresh() {
        return new long[slots.size()];
    }

    /** Gives every variable of the algebra its slot, before the first solution is made. */
    private void slotsOf(Op op) {
        if (op instanceof Op.Bgp) {
            for (Op.TriplePattern t : ((Op.Bgp) op).patterns) {
                slotsOf(t.s);
                slotsOf(t.p);
                slotsOf(t.o);
            }
        } else if (op instanceof Op.PathPattern) {
            slotsOf(((Op.PathPattern) op).s);
            slotsOf(((Op.PathPattern) op).o);
        } else if (op instanceof Op.Join) {
            slotsOf(((Op.Join) op).left);
            slotsOf(((Op.Join) op).right);
        } else if (op instanceof Op.Union) {
            slotsOf(((Op.Union) op).left);
            slotsOf(((Op.Union) op).right);
        } else if (op instanceof Op.Filter) {
            slotsOf(((Op.Filter) op).op);
            for (Expr e : ((Op.Filter) op).exprs) {
                slotsOf(e);
            }
        } else if (op instanceof Op.Extend) {
            slotsOf(((Op.Extend) op).op);
            slot(((Op.Extend) op).var);
            slotsOf(((Op.Extend) op).expr);
        } else if (op instanceof Op.Values) {
            for (String v : ((Op.Values) op).vars) {
                slot(v);
            }
        } else if (op instanceof Op.Project) {
            slotsOf(((Op.Project) op).op);
            for (String v : ((Op.Project) op).vars) {
                slot(v);
            }
        } else if (op instanceof Op.Distinct) {
            slotsOf(((Op.Distinct) op).op);
        } else if (op instanceof Op.Slice) {
            slotsOf(((Op.Slice) op).op);
        } else if (op instanceof Op.OrderBy) {
            slotsOf(((Op.OrderBy) op).op);
            for (Op.OrderKey k : ((Op.OrderBy) op).keys) {
                slotsOf(k.expr);
            }
        } else if (op instanceof Op.Group) {
            Op.Group g = (Op.Group) op;
            slotsOf(g.op);
            for (Op.GroupKey k : g.keys) {
                slotsOf(k.expr);
                if (k.var != null) {
                    slot(k.var);
                }
            }
            for (Op.AggregateBinding a : g.aggregates) {
                slot(a.var);
            }
        } else {
            throw unsupported(op);
        }
    }

    private void slotsOf(Node n) {
        if (n.isVar()) {
            slot(n.var);
        }
    }

    private void slotsOf(Expr e) {
        if (e instanceof Expr.Var) {
            slot(((Expr.Var) e).name);
        } else if (e instanceof Expr.Call) {
            for (Expr a : ((Expr.Call) e).args) {
                slotsOf(a);
            }
        }
    }

    private static UnsupportedOperationException unsupported(Object what) {
        return new UnsupportedOperationException("not an operator of the query builder: " + what);
    }

    // ------------------------------------------------------------------------------------ terms

    /** A term's id in the store, or 0 if the store lacks it. */
    private long storeId(String term) {
        Long id = storeIds.get(term);
        if (id == null) {
            id = snap.lookup(term);
            storeIds.put(term, id);
        }
        return id;
    }

    /** A term's id: the store's, or one of this query's (negative) for a term the store lacks. */
    private long idOf(String term) {
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

    private String termOf(long id) {
        if (id == 0) {
            return null;
        }
        return id < 0 ? localTerms.get((int) (-id - 1)) : snap.term(id);
    }

    /**
     * A pattern position's id for an index scan: its constant's or its bound variable's; 0 for
     * a free variable; -1 for a term the store lacks (nothing matches).
     */
    private long scanId(Node n, long[] row) {
        long id = n.isVar() ? row[slots.get(n.var)] : storeId(n.term);
        return n.isVar() ? (id < 0 ? -1 : id) : (id > 0 ? id : -1);
    }

    /** Binds {@code n} (if a variable) to {@code id} in {@code row}; false if it holds another value. */
    private boolean bind(Node n, long id, long[] row) {
        if (!n.isVar()) {
            return true;
        }
        int s = slots.get(n.var);
        if (row[s] != 0 && row[s] != id) {
            return false;
        }
        row[s] = id;
        return true;
    }

    /** {@code row} joined with {@code into}: null where they disagree. */
    private static long[] merge(long[] into, long[] row) {
        long[] out = null;
        for (int i = 0; i < row.length; i++) {
            if (row[i] == 0 || into[i] == row[i]) {
                continue;
            }
            if (into[i] != 0) {
                return null;
            }
            if (out == null) {
                out = into.clone();
            }
            out[i] = row[i];
        }
        return out == null ? into : out;
    }

    // ------------------------------------------------------------------------------- operators

    /**
     * Puts the solutions of {@code op} joined with {@code in} into {@code out}. Patterns, paths,
     * values and joins take {@code in}'s bindings as given; projections, distinct, slices,
     * ordering and groups evaluate their input on its own and join the result with {@code in}.
     * Returns false when {@code out} asked to stop.
     */
    private boolean eval(Op op, long[] in, Sink out) {
        limits.check();
        if (op instanceof Op.Bgp) {
            Op.Bgp b = (Op.Bgp) op;
            return bgp(b.patterns, plan(b, in), 0, in, out);
        }
        if (op instanceof Op.Join) {
            Op right = ((Op.Join) op).right;
            return eval(((Op.Join) op).left, in, r -> eval(right, r, out));
        }
        if (op instanceof Op.Filter) {
            List<Expr> exprs = ((Op.Filter) op).exprs;
            return eval(((Op.Filter) op).op, in, r -> {
                for (Expr e : exprs) {
                    if (!test(e, r)) {
                        return true;
                    }
                }
                return out.put(r);
            });
        }
        if (op instanceof Op.PathPattern) {
            return path((Op.PathPattern) op, in, out);
        }
        if (op instanceof Op.Union) {
            return eval(((Op.Union) op).left, in, out) && eval(((Op.Union) op).right, in, out);
        }
        if (op instanceof Op.Extend) {
            Op.Extend x = (Op.Extend) op;
            int s = slot(x.var);
            return eval(x.op, in, r -> {
                long v;
                try {
                    v = idOf(value(x.expr, r));
                } catch (ExprEval.ExprError | InvalidTermException e) {
                    return out.put(r); // an error leaves the variable unbound
                }
                if (r[s] != 0) {
                    return r[s] != v || out.put(r);
                }
                long[] b = r.clone();
                b[s] = v;
                return out.put(b);
            });
        }
        if (op instanceof Op.Values) {
            Op.Values v = (Op.Values) op;
            for (String[] values : v.rows) {
                long[] r = in.clone();
                boolean ok = true;
                for (int i = 0; i < values.length && ok; i++) {
                    if (values[i] != null) {
                        int s = slot(v.vars.get(i));
                        long id = idOf(values[i]);
                        ok = r[s] == 0 || r[s] == id;
                        r[s] = id;
                    }
                }
                if (ok && !out.put(r)) {
                    return false;
                }
            }
            return true;
        }
        if (op instanceof Op.Project) {
            List<String> vars = ((Op.Project) op).vars;
            int[] keep = new int[vars.size()];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = slot(vars.get(i));
            }
            return eval(((Op.Project) op).op, fresh(), r -> {
                long[] p = fresh();
                for (int s : keep) {
                    p[s] = r[s];
                }
                return joinOut(in, p, out);
            });
        }
        if (op instanceof Op.Distinct) {
            Set<RowKey> seen = new HashSet<>();
            return eval(((Op.Distinct) op).op, fresh(), r -> {
                if (!seen.add(new RowKey(r))) {
                    return true;
                }
                limits.countMaterialized(seen.size());
                limits.hold(QueryLimits.rowBytes(r.length) + 48);
                return joinOut(in, r, out);
            });
        }
        if (op instanceof Op.Slice) {
            return slice((Op.Slice) op, in, out);
        }
        if (op instanceof Op.OrderBy) {
            return orderBy((Op.OrderBy) op, in, out);
        }
        if (op instanceof Op.Group) {
            return group((Op.Group) op, in, out);
        }
        throw unsupported(op);
    }

    /** Puts {@code row} joined with {@code in} into {@code out}, if they agree. */
    private static boolean joinOut(long[] in, long[] row, Sink out) {
        long[] m = merge(in, row);
        return m == null || out.put(m);
    }

    /** Matches the patterns in {@code order}, from the {@code k}-th, by index nested loops. */
    private boolean bgp(List<Op.TriplePattern> ps, int[] order, int k, long[] row, Sink out) {
        if (k == order.length) {
            return out.put(row);
        }
        Op.TriplePattern t = ps.get(order[k]);
        long s = scanId(t.s, row);
        long p = scanId(t.p, row);
        long o = scanId(t.o, row);
        if (s < 0 || p < 0 || o < 0) {
            return true;
        }
        TripleStore.IdScan scan = snap.scanIds(s, p, o);
        while (scan.next()) {
            limits.tick();
            long[] r = row.clone();
            if (bind(t.s, scan.s(), r) && bind(t.p, scan.p(), r) && bind(t.o, scan.o(), r)
                    && !bgp(ps, order, k + 1, r, out)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The order in which to match a basic graph pattern's patterns, given the variables bound
     * when it starts: each time the pattern with the most bound positions (constants and
     * variables bound so far), of those the one the store expects the fewest matches for.
     */
    private int[] plan(Op.Bgp b, long[] in) {
        StringBuilder key = new StringBuilder();
        for (long v : in) {
            key.append(v != 0 ? '1' : '0');
        }
        Map<String, int[]> byBound = plans.computeIfAbsent(b, x -> new HashMap<>());
        int[] order = byBound.get(key.toString());
        if (order != null) {
            return order;
        }
        List<Op.TriplePattern> ps = b.patterns;
        Set<String> bound = new HashSet<>();
        for (Map.Entry<String, Integer> e : slots.entrySet()) {
            if (in[e.getValue()] != 0) {
                bound.add(e.getKey());
            }
        }
        order = new int[ps.size()];
        boolean[] used = new boolean[ps.size()];
        for (int k = 0; k < order.length; k++) {
            int best = -1;
            int bestBound = -1;
            double bestEstimate = 0;
            for (int i = 0; i < ps.size(); i++) {
                if (used[i]) {
                    continue;
                }
                Op.TriplePattern t = ps.get(i);
                int n = bound(t.s, bound) + bound(t.p, bound) + bound(t.o, bound);
                if (n < bestBound) {
                    continue;
                }
                double estimate = estimate(t);
                if (n > bestBound || estimate < bestEstimate) {
                    best = i;
                    bestBound = n;
                    bestEstimate = estimate;
                }
            }
            used[best] = true;
            order[k] = best;
            Op.TriplePattern t = ps.get(best);
            for (Node n : new Node[] {t.s, t.p, t.o}) {
                if (n.isVar()) {
                    bound.add(n.var);
                }
            }
        }
        byBound.put(key.toString(), order);
        return order;
    }

    private static int bound(Node n, Set<String> bound) {
        return !n.isVar() || bound.contains(n.var) ? 1 : 0;
    }

    /** The store's estimate of a pattern's matches, its variables free; -1 when a constant is missing (none). */
    private double estimate(Op.TriplePattern t) {
        long[] ids = new long[3];
        Node[] nodes = {t.s, t.p, t.o};
        for (int i = 0; i < 3; i++) {
            if (!nodes[i].isVar() && (ids[i] = storeId(nodes[i].term)) <= 0) {
                return -1;
            }
        }
        return snap.estimate(ids[0], ids[1], ids[2]);
    }

    // -------------------------------------------------------------------------------------- paths

    private boolean path(Op.PathPattern pp, long[] in, Sink out) {
        long s = pathEnd(pp.s, in);
        long o = pathEnd(pp.o, in);
        if (s < 0 || o < 0) {
            // A constant or bound value the store lacks: only a zero-length path can match it.
            if (!PathEval.canBeEmpty(pp.path)) {
                return true;
            }
            long sv = s < 0 ? termId(pp.s, in) : s;
            long ov = o < 0 ? termId(pp.o, in) : o;
            if (sv != 0 && ov != 0) {
                return sv != ov || out.put(in);
            }
            long v = sv != 0 ? sv : ov;
            long[] r = bindEnds(pp, in, v, v);
            return r == null || out.put(r);
        }
        if (pathEval == null) {
            pathEval = new PathEval(snap, limits);
        }
        for (long[] pair : pathEval.eval(pp.path, s, o)) {
            long[] r = bindEnds(pp, in, pair[0], pair[1]);
            if (r != null && !out.put(r)) {
                return false;
            }
        }
        return true;
    }

    /** A path end's store id: 0 if free, -1 if bound to a term the store lacks. */
    private long pathEnd(Node n, long[] row) {
        if (n.isVar()) {
            long v = row[slots.get(n.var)];
            return v < 0 ? -1 : v;
        }
        long id = storeId(n.term);
        return id > 0 ? id : -1;
    }

    /** A path end's id, store or query-local; 0 if free. */
    private long termId(Node n, long[] row) {
        return n.isVar() ? row[slots.get(n.var)] : idOf(n.term);
    }

    private long[] bindEnds(Op.PathPattern pp, long[] in, long x, long y) {
        long[] r = in.clone();
        return bind(pp.s, x, r) && bind(pp.o, y, r) ? r : null;
    }

    // --------------------------------------------------------------------- slices, order, groups

    private boolean slice(Op.Slice sl, long[] in, Sink out) {
        if (sl.limit == 0) {
            return true;
        }
        long[] seen = {0};
        boolean[] stopped = {false};
        eval(sl.op, fresh(), r -> {
            long k = seen[0]++;
            if (k < sl.offset) {
                return true;
            }
            long[] m = merge(in, r);
            if (m != null && !out.put(m)) {
                stopped[0] = true;
                return false;
            }
            return sl.limit < 0 || k + 1 < sl.offset + sl.limit;
        });
        return !stopped[0];
    }

    private boolean orderBy(Op.OrderBy ob, long[] in, Sink out) {
        List<long[]> rows = new ArrayList<>();
        eval(ob.op, fresh(), r -> {
            rows.add(r);
            limits.countMaterialized(rows.size());
            limits.hold(QueryLimits.rowBytes(r.length));
            return true;
        });
        int k = ob.keys.size();
        Map<long[], String[]> keys = new HashMap<>();
        for (long[] r : rows) {
            String[] vals = new String[k];
            long bytes = 64 + 8L * k;
            for (int i = 0; i < k; i++) {
                try {
                    vals[i] = value(ob.keys.get(i).expr, r);
                } catch (ExprEval.ExprError | InvalidTermException e) {
                    vals[i] = null;
                }
                bytes += QueryLimits.termBytes(vals[i]);
            }
            limits.hold(bytes);
            keys.put(r, vals);
        }
        Collections.sort(rows, (a, b) -> {
            String[] x = keys.get(a);
            String[] y = keys.get(b);
            for (int i = 0; i < k; i++) {
                int c = Ordering.compare(x[i], y[i]);
                if (c != 0) {
                    return ob.keys.get(i).descending ? -c : c;
                }
            }
            return 0;
        });
        for (long[] r : rows) {
            if (!joinOut(in, r, out)) {
                return false;
            }
        }
        return true;
    }

    /** GROUP BY with COUNT(*): the groups in the order their first solutions came. */
    private boolean group(Op.Group g, long[] in, Sink out) {
        for (Op.AggregateBinding a : g.aggregates) {
            if (!a.aggregate.name.equals("COUNT") || a.aggregate.arg != null || a.aggregate.distinct) {
                throw unsupported(a);
            }
        }
        Map<RowKey, long[]> counts = new LinkedHashMap<>();
        int[] seen = {0};
        eval(g.op, fresh(), r -> {
            limits.countMaterialized(++seen[0]);
            long[] key = new long[g.keys.size()];
            for (int i = 0; i < key.length; i++) {
                try {
                    key[i] = idOf(value(g.keys.get(i).expr, r));
                } catch (ExprEval.ExprError | InvalidTermException e) {
                    key[i] = 0;
                }
            }
            long[] n = counts.computeIfAbsent(new RowKey(key), x -> {
                limits.hold(160 + 2 * QueryLimits.rowBytes(key.length));
                return new long[1];
            });
            n[0]++;
            return true;
        });
        if (counts.isEmpty() && g.keys.isEmpty()) {
            counts.put(new RowKey(new long[0]), new long[1]);
        }
        for (Map.Entry<RowKey, long[]> e : counts.entrySet()) {
            long[] r = fresh();
            long[] key = e.getKey().v;
            for (int i = 0; i < key.length; i++) {
                Op.GroupKey gk = g.keys.get(i);
                String var = gk.var != null ? gk.var : gk.expr instanceof Expr.Var ? ((Expr.Var) gk.expr).name : null;
                if (var != null) {
                    r[slot(var)] = key[i];
                }
            }
            String count = RdfTerms.literal(Long.toString(e.getValue()[0]), null, ExprEval.INTEGER);
            for (Op.AggregateBinding a : g.aggregates) {
                r[slot(a.var)] = idOf(count);
            }
            if (!joinOut(in, r, out)) {
                return false;
            }
        }
        return true;
    }

    /** A solution as a key of a hash set or map. */
    private static final class RowKey {
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

    // ----------------------------------------------------------------------------- expressions

    /** FILTER's reading of {@code e}: its effective boolean value, false on error. */
    private boolean test(Expr e, long[] row) {
        try {
            return ExprEval.ebv(value(e, row));
        } catch (ExprEval.ExprError | InvalidTermException err) {
            return false;
        }
    }

    /**
     * The value of {@code e} as {@link ExprEval} gives it, for the expressions the builder makes:
     * variables, constants, store checks, {@code && ! SAMETERM ISNUMERIC < > <= >=}, {@code STR},
     * {@code STRSTARTS} and {@code REGEX}. Throws ExprError when it has none.
     */
    private String value(Expr e, long[] row) {
        if (e instanceof Expr.Var) {
            String v = termOf(row[slots.get(((Expr.Var) e).name)]);
            if (v == null) {
                throw new ExprEval.ExprError("unbound variable ?" + ((Expr.Var) e).name);
            }
            return v;
        }
        if (e instanceof Expr.Constant) {
            return ((Expr.Constant) e).term;
        }
        if (e instanceof Expr.StoreCall) {
            Expr.StoreCall c = (Expr.StoreCall) e;
            String[] terms = new String[c.args.size()];
            for (int i = 0; i < terms.length; i++) {
                terms[i] = value(c.args.get(i), row);
            }
            return ExprEval.bool(c.check.test(snap, terms));
        }
        if (!(e instanceof Expr.Call)) {
            throw unsupported(e);
        }
        Expr.Call c = (Expr.Call) e;
        List<Expr> a = c.args;
        switch (c.name) {
            case "&&": {
                ExprEval.ExprError err = null;
                boolean left = true;
                try {
                    left = ExprEval.ebv(value(a.get(0), row));
                } catch (ExprEval.ExprError x) {
                    err = x;
                }
                if (!left || !ExprEval.ebv(value(a.get(1), row))) {
                    return ExprEval.bool(false);
                }
                if (err != null) {
                    throw err;
                }
                return ExprEval.bool(true);
            }
            case "!":
                return ExprEval.bool(!ExprEval.ebv(value(a.get(0), row)));
            case "SAMETERM":
                return ExprEval.bool(value(a.get(0), row).equals(value(a.get(1), row)));
            case "ISNUMERIC":
                return ExprEval.bool(ExprEval.isNumeric(value(a.get(0), row)));
            case "<":
                return ExprEval.bool(ExprEval.compare(value(a.get(0), row), value(a.get(1), row)) < 0);
            case ">":
                return ExprEval.bool(ExprEval.compare(value(a.get(0), row), value(a.get(1), row)) > 0);
            case "<=":
                return ExprEval.bool(ExprEval.compare(value(a.get(0), row), value(a.get(1), row)) <= 0);
            case ">=":
                return ExprEval.bool(ExprEval.compare(value(a.get(0), row), value(a.get(1), row)) >= 0);
            case "STR": {
                String v = value(a.get(0), row);
                if (RdfTerms.isBlank(v)) {
                    throw new ExprEval.ExprError("STR of a blank node");
                }
                return RdfTerms.literal(ExprEval.isLiteral(v) ? ExprEval.lex(v) : v);
            }
            case "STRSTARTS": {
                String x = stringArg(value(a.get(0), row));
                String y = stringArg(value(a.get(1), row));
                String ly = RdfTerms.language(y);
                if (ly != null && !ly.equals(RdfTerms.language(x))) {
                    throw new ExprEval.ExprError("incompatible string arguments");
                }
                return ExprEval.bool(ExprEval.lex(x).startsWith(ExprEval.lex(y)));
            }
            case "REGEX": {
                String text = stringArg(value(a.get(0), row));
                String pattern = simpleString(value(a.get(1), row));
                String flags = a.size() > 2 ? simpleString(value(a.get(2), row)) : "";
                return ExprEval.bool(regex(pattern, flags).find(RegexText.of(ExprEval.lex(text), limits)));
            }
            default:
                throw unsupported(c);
        }
    }

    /** A string literal: simple, xsd:string, or language-tagged. */
    private static String stringArg(String v) {
        if (!ExprEval.isLiteral(v)) {
            throw new ExprEval.ExprError("not a string literal: " + v);
        }
        String dt = ExprEval.datatype(v);
        if (!dt.equals(RdfTerms.XSD_STRING) && !dt.equals(RdfTerms.RDF_LANG_STRING)) {
            throw new ExprEval.ExprError("not a string literal: " + v);
        }
        return v;
    }

    /** A simple literal or xsd:string: its lexical form. */
    private static String simpleString(String v) {
        if (!ExprEval.isLiteral(v) || !ExprEval.datatype(v).equals(RdfTerms.XSD_STRING)) {
            throw new ExprEval.ExprError("not a simple literal: " + v);
        }
        return ExprEval.lex(v);
    }

    /** The compiled pattern, compiled once per query, as {@link ExprEval} compiles it. */
    private RegexEngine.Compiled regex(String pattern, String flags) {
        String key = flags + "/" + pattern;
        RegexEngine.Compiled c = patterns.get(key);
        if (c != null) {
            return c;
        }
        if (pattern.length() > ExprEval.MAX_REGEX_LENGTH) {
            throw new ExprEval.ExprError("regular expression longer than " + ExprEval.MAX_REGEX_LENGTH + " characters");
        }
        RegexEngine engine = RegexEngine.installed();
        if (engine == null) {
            throw new ExprEval.ExprError("no regular expression engine is installed (RegexEngine.install)");
        }
        try {
            c = engine.compile(pattern, flags);
        } catch (IllegalArgumentException e) {
            throw new ExprEval.ExprError("invalid regular expression: " + e.getMessage());
        }
        if (patterns.size() < 64) {
            patterns.put(key, c);
        }
        return c;
    }
}
