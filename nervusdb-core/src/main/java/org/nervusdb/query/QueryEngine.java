package org.nervusdb.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Op;
import org.nervusdb.query.algebra.Query;

/** Runs parsed queries (SELECT, ASK, CONSTRUCT, DESCRIBE) on a snapshot of a store. */
public final class QueryEngine {
    private QueryEngine() {
    }

    /**
     * Starts a query on a new snapshot of {@code store}. Results stream: a LIMIT stops the
     * reading early. The result owns the snapshot; close it.
     */
    public static QueryResult run(TripleStore store, Query query, QueryOptions options) {
        TripleStore.StoreSnapshot snap = store.snapshot();
        try {
            return start(snap, true, query, options);
        } catch (RuntimeException e) {
            snap.close();
            throw e;
        }
    }

    /** Runs a query on a snapshot the caller keeps open (and closes after the result). */
    public static QueryResult run(TripleStore.StoreSnapshot snapshot, Query query, QueryOptions options) {
        return start(snapshot, false, query, options);
    }

    private static QueryResult start(TripleStore.StoreSnapshot snap, boolean owned, Query query, QueryOptions options) {
        QueryLimits limits = new QueryLimits(options, snap);
        Evaluator ev = new Evaluator(snap, query.op, limits, query.base);
        ev.dataset(query.from, query.fromNamed, options.unionDefaultGraph());
        return new Result(query, ev, owned ? snap : null, options.maxRows());
    }

    /**
     * Runs the query to its end and describes the plan: each operator with the solutions it
     * produced, and each basic graph pattern's patterns in the order chosen, with the expected
     * matches per input solution that decided the order.
     */
    public static String explain(TripleStore store, Query query, QueryOptions options) {
        try (QueryResult r = run(store, query, options)) {
            Result res = (Result) r;
            long rows = 0;
            boolean graph = r.kind() == QueryResult.Kind.GRAPH;
            if (query.form == Query.Form.ASK) {
                r.askAnswer();
            } else {
                while (r.hasNext()) {
                    r.next();
                    rows++;
                }
            }
            StringBuilder sb = new StringBuilder();
            sb.append(query.form).append(" -> ").append(query.form == Query.Form.ASK ? (r.askAnswer() ? "true" : "false")
                    : rows + (graph ? (rows == 1 ? " triple" : " triples") : " rows")).append('\n');
            describe(res.ev, query.op, 0, sb);
            return sb.toString();
        }
    }

    private static void describe(Evaluator ev, Op op, int depth, StringBuilder sb) {
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
        long[] c = ev.counters.get(op);
        String name = op.getClass().getSimpleName();
        sb.append(name);
        if (op instanceof Op.Slice) {
            sb.append(" offset=").append(((Op.Slice) op).offset).append(" limit=").append(((Op.Slice) op).limit);
        } else if (op instanceof Op.Project) {
            sb.append(' ').append(((Op.Project) op).vars);
        } else if (op instanceof Op.Filter) {
            sb.append(' ').append(((Op.Filter) op).exprs);
        } else if (op instanceof Op.PathPattern) {
            sb.append(' ').append(op);
        }
        sb.append("  (rows=").append(c == null ? 0 : c[0]).append(", runs=").append(c == null ? 0 : c[1]);
        long[] w = ev.work.get(op);
        if (w != null) {
            sb.append(op instanceof Op.PathPattern ? ", start nodes=" : ", solutions compared=").append(w[0]);
        }
        sb.append(")\n");
        if (op instanceof Op.Bgp) {
            // In the order the planner chose for the first run, merge-joined patterns first.
            List<Op.TriplePattern> ps = ev.plannedOrder((Op.Bgp) op);
            for (Op.TriplePattern t : ps) {
                for (int i = 0; i <= depth; i++) {
                    sb.append("  ");
                }
                Double est = ev.estimates.get(t);
                long[] m = ev.matched.get(t);
                sb.append(t).append("  (estimated matches per input row=")
                        .append(est == null ? "n/a" : formatEstimate(est));
                if (m != null) {
                    sb.append(", actual=").append(m[1] == 0 ? "0" : formatEstimate((double) m[0] / m[1]))
                            .append(" (").append(m[0]).append(" rows from ").append(m[1]).append(m[1] == 1 ? " scan)" : " scans)");
                } else if (ev.mergeJoined.contains(t)) {
                    sb.append(", actual: with the merge join above");
                }
                sb.append(ev.mergeJoined.contains(t) ? ", merge join" : "").append(")\n");
            }
        }
        for (Op child : children(op)) {
            describe(ev, child, depth + 1, sb);
        }
    }

    private static String formatEstimate(double d) {
        return d >= 100 ? Long.toString(Math.round(d)) : DoubleText.toString(Math.round(d * 100) / 100.0);
    }

    static List<Op> children(Op op) {
        List<Op> out = new ArrayList<>();
        if (op instanceof Op.Join) {
            out.add(((Op.Join) op).left);
            out.add(((Op.Join) op).right);
        } else if (op instanceof Op.LeftJoin) {
            out.add(((Op.LeftJoin) op).left);
            out.add(((Op.LeftJoin) op).right);
        } else if (op instanceof Op.Union) {
            out.add(((Op.Union) op).left);
            out.add(((Op.Union) op).right);
        } else if (op instanceof Op.Minus) {
            out.add(((Op.Minus) op).left);
            out.add(((Op.Minus) op).right);
        } else if (op instanceof Op.Filter) {
            out.add(((Op.Filter) op).op);
        } else if (op instanceof Op.Extend) {
            out.add(((Op.Extend) op).op);
        } else if (op instanceof Op.Graph) {
            out.add(((Op.Graph) op).op);
        } else if (op instanceof Op.Group) {
            out.add(((Op.Group) op).op);
        } else if (op instanceof Op.OrderBy) {
            out.add(((Op.OrderBy) op).op);
        } else if (op instanceof Op.Project) {
            out.add(((Op.Project) op).op);
        } else if (op instanceof Op.Distinct) {
            out.add(((Op.Distinct) op).op);
        } else if (op instanceof Op.Reduced) {
            out.add(((Op.Reduced) op).op);
        } else if (op instanceof Op.Slice) {
            out.add(((Op.Slice) op).op);
        }
        return out;
    }

    private static final class Result implements QueryResult {
        private final Query query;
        final Evaluator ev;
        private final TripleStore.StoreSnapshot snap;
        private final Evaluator.Rows rows;
        private final int[] slots;
        /** For CONSTRUCT and DESCRIBE: the triples. */
        private final GraphRows graph;
        private long[] next;
        private String[] nextTriple;
        private boolean done;
        private Boolean ask;
        private final long maxRows;
        private long given;
        private boolean truncated;

        Result(Query query, Evaluator ev, TripleStore.StoreSnapshot snap, long maxRows) {
            this.query = query;
            this.ev = ev;
            this.snap = snap;
            this.maxRows = maxRows;
            this.rows = ev.eval(query.op, ev.emptyRow());
            boolean isGraph = query.form == Query.Form.CONSTRUCT || query.form == Query.Form.DESCRIBE;
            this.graph = isGraph ? new GraphRows(ev, query, rows) : null;
            slots = new int[query.variables.size()];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = ev.slot(query.variables.get(i));
            }
        }

        @Override
        public Kind kind() {
            return query.form == Query.Form.ASK ? Kind.ASK : graph != null ? Kind.GRAPH : Kind.SELECT;
        }

        @Override
        public List<String> variables() {
            return query.form == Query.Form.ASK ? Collections.<String>emptyList() : graph != null ? GraphRows.VARIABLES
                    : query.variables;
        }

        @Override
        public boolean hasNext() {
            if (next != null || nextTriple != null) {
                return true;
            }
            if (done || query.form == Query.Form.ASK) {
                return false;
            }
            try {
                if (maxRows > 0 && given == maxRows) {
                    truncated = (graph != null ? graph.next() : rows.next()) != null;
                    close();
                    return false;
                }
                if (graph != null) {
                    nextTriple = graph.next();
                } else {
                    next = rows.next();
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            if (next == null && nextTriple == null) {
                close();
                return false;
            }
            return true;
        }

        @Override
        public String[] next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            given++;
            if (graph != null) {
                String[] t = nextTriple;
                nextTriple = null;
                return t;
            }
            long[] r = next;
            next = null;
            String[] out = new String[slots.length];
            for (int i = 0; i < slots.length; i++) {
                out[i] = ev.termOf(r[slots[i]]);
            }
            return out;
        }

        @Override
        public boolean truncated() {
            return truncated;
        }

        @Override
        public boolean askAnswer() {
            if (query.form != Query.Form.ASK) {
                throw new IllegalStateException("not an ASK query");
            }
            if (ask == null) {
                try {
                    ask = rows.next() != null;
                } finally {
                    close();
                }
            }
            return ask;
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                ev.limits().cancel();
                if (snap != null) {
                    snap.close();
                }
            }
        }
    }
}
