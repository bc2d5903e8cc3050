package org.nervusdb.jena;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.PlanOp;
import org.apache.jena.sparql.engine.QueryEngineFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.Timeouts;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIter;
import org.apache.jena.sparql.engine.iterator.QueryIteratorWrapper;
import org.apache.jena.sparql.engine.main.QueryEngineMain;
import org.apache.jena.sparql.util.Context;
import org.nervusdb.NervusDBException;
import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import org.nervusdb.query.QueryEngine;
import org.nervusdb.query.Sparql;

/**
 * ARQ's query engine for a {@link NervusDatasetGraph}: a query NervusDB's own SPARQL engine
 * takes (Jena's parsed query written out again, {@link Query#toString()}, read by NervusDB's
 * parser) runs there, on the calling thread's transaction view or, outside a transaction, on one
 * snapshot; its rows become Jena bindings. CONSTRUCT and DESCRIBE run their WHERE clause there as
 * a SELECT, and ARQ builds the graph from the rows, as it does for its own engine. Anything else
 * goes to ARQ's main engine over the same view: queries NervusDB's parser or planner refuses,
 * queries naming Jena's special graphs ({@code urn:x-arq:UnionGraph},
 * {@code urn:x-arq:DefaultGraph}), and executions with initial bindings.
 */
final class NervusQueryEngine extends QueryEngineMain {
    private final NervusDatasetGraph dsg;
    private final View view;
    private final boolean ownsView;
    private final Query query;
    private boolean closed;

    private NervusQueryEngine(Query query, DatasetGraph target, Binding input, Context context,
                              NervusDatasetGraph dsg, View view, boolean ownsView) {
        super(query, target, input, context);
        this.query = query;
        this.dsg = dsg;
        this.view = view;
        this.ownsView = ownsView;
    }

    @Override
    protected Plan createPlan() {
        QueryIterator it = runNatively();
        if (it != null) {
            dsg.countQuery(true);
            return new PlanOp(getOp(), this, it);
        }
        dsg.countQuery(false);
        Plan arq = super.createPlan();
        if (!ownsView) {
            return arq;
        }
        // Let the snapshot go at the natural end of the results too, not only at close.
        QueryIterator results = new QueryIteratorWrapper(arq.iterator()) {
            @Override
            protected boolean hasNextBinding() {
                boolean more = super.hasNextBinding();
                if (!more) {
                    NervusQueryEngine.this.close();
                }
                return more;
            }
        };
        return new PlanOp(getOp(), this, results);
    }

    /** The text NervusDB's engine is to run for this query, or null if it is ARQ's. */
    static String nativeText(Query query, Binding input) {
        if (query == null || (input != null && !input.isEmpty())) {
            return null;
        }
        Query q = query;
        if (query.isConstructType() || query.isDescribeType()) {
            if (query.getQueryPattern() == null) {
                return null;
            }
            q = query.cloneQuery();
            boolean star = query.isConstructType() || query.isQueryResultStar() || query.getProjectVars().isEmpty();
            q.setQuerySelectType();
            if (star) {
                q.setQueryResultStar(true);
            }
        } else if (!query.isSelectType() && !query.isAskType()) {
            return null;
        }
        String text = q.toString();
        if (text.contains("urn:x-arq:")) {
            return null; // Jena's union and default graph names mean nothing special to NervusDB
        }
        return text;
    }

    private QueryIterator runNatively() {
        String text = nativeText(query, getStartBinding());
        if (text == null) {
            return null;
        }
        org.nervusdb.query.algebra.Query parsed;
        try {
            parsed = Sparql.parse(text, null);
        } catch (NervusDBException e) {
            return null;
        }
        view.acquire();
        QueryResult result;
        try {
            result = QueryEngine.run(view.snapshot, parsed, QueryOptions.defaults().timeoutMillis(timeoutMillis(context)));
        } catch (NervusDBException e) {
            view.release();
            if (isTimeout(e)) {
                throw new QueryCancelledException();
            }
            return null;
        } catch (RuntimeException e) {
            view.release();
            throw e;
        }
        return new NativeResults(result, ExecutionContext.create(dataset, context), query.isAskType());
    }

    /**
     * The overall time limit the context sets ({@code ARQ.queryTimeout}, which a dataset's or a
     * server's context carries), or 0 for none: NervusDB's engine checks it itself, so a query
     * that takes long before its first row stops as one that is slow between rows does.
     */
    static long timeoutMillis(Context context) {
        if (context == null) {
            return 0;
        }
        try {
            Timeouts.Timeout t = Timeouts.extractQueryTimeout(context);
            if (t == null) {
                return 0;
            }
            long ms = t.hasOverallTimeout() ? t.overallTimeoutMillis() : -1;
            if (ms <= 0 && t.hasInitialTimeout()) {
                ms = t.initialTimeoutMillis();
            }
            return Math.max(0, ms);
        } catch (RuntimeException e) {
            return 0; // an unreadable setting: ARQ reports it
        }
    }

    private static boolean isTimeout(NervusDBException e) {
        return "QUERY_TIMEOUT".equals(e.code()) || "QUERY_CANCELLED".equals(e.code());
    }

    /** Lets the snapshot go if this engine took it; once. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (ownsView) {
            view.retire();
        }
    }

    /** NervusDB's rows as Jena bindings (an ASK: one empty binding for true, none for false). */
    private final class NativeResults extends QueryIter {
        private final QueryResult result;
        private final List<Var> vars = new ArrayList<>();
        private boolean askPending;
        private boolean released;

        NativeResults(QueryResult result, ExecutionContext cxt, boolean ask) {
            super(cxt);
            this.result = result;
            for (String v : result.variables()) {
                vars.add(Var.alloc(v));
            }
            if (ask) {
                try {
                    askPending = result.askAnswer();
                } catch (RuntimeException e) {
                    release();
                    throw translate(e);
                }
            }
        }

        private void release() {
            if (!released) {
                released = true;
                try {
                    result.close();
                } finally {
                    view.release();
                }
            }
        }

        @Override
        protected boolean hasNextBinding() {
            if (released) {
                return false;
            }
            if (askPending) {
                return true;
            }
            boolean more;
            try {
                more = !query.isAskType() && result.hasNext();
            } catch (RuntimeException e) {
                release();
                throw translate(e);
            }
            if (!more) {
                release();
                NervusQueryEngine.this.close();
            }
            return more;
        }

        @Override
        protected Binding moveToNextBinding() {
            if (askPending) {
                askPending = false;
                return BindingBuilder.create().build();
            }
            String[] row;
            try {
                row = result.next();
            } catch (RuntimeException e) {
                release();
                throw translate(e);
            }
            BindingBuilder b = BindingBuilder.create();
            for (int i = 0; i < row.length && i < vars.size(); i++) {
                if (row[i] != null) {
                    b.add(vars.get(i), JenaTerms.toNode(row[i]));
                }
            }
            return b.build();
        }

        @Override
        protected void closeIterator() {
            release();
        }

        @Override
        protected void requestCancel() {
            // Closing a NervusDB result stops a query in progress, from any thread.
            result.close();
        }

        private RuntimeException translate(RuntimeException e) {
            if (e instanceof NervusDBException && isTimeout((NervusDBException) e)) {
                return new QueryCancelledException();
            }
            if (e instanceof NervusDBException) {
                return new QueryExecException("NervusDB: " + e.getMessage(), e);
            }
            return e;
        }
    }

    // ------------------------------------------------------------------ factory

    static final QueryEngineFactory FACTORY = new QueryEngineFactory() {
        @Override
        public boolean accept(Query query, DatasetGraph dataset, Context context) {
            return dataset instanceof NervusDatasetGraph;
        }

        @Override
        public Plan create(Query query, DatasetGraph dataset, Binding input, Context context) {
            NervusDatasetGraph dsg = (NervusDatasetGraph) dataset;
            View view;
            boolean owns;
            DatasetGraph target;
            if (dsg.isInTransaction() || dsg.isPinned()) {
                view = dsg.readView();
                owns = false;
                target = dsg;
            } else {
                // One snapshot for the whole query, whichever engine runs it.
                view = dsg.readView();
                owns = true;
                target = dsg.pinnedTo(view);
            }
            NervusQueryEngine engine;
            try {
                engine = new NervusQueryEngine(query, target, input, context, dsg, view, owns);
            } catch (RuntimeException e) {
                if (owns) {
                    view.retire();
                }
                throw e;
            }
            try {
                return engine.getPlan();
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
        }

        // Algebra given directly (not a query): ARQ's main engine, over the dataset.
        @Override
        public boolean accept(Op op, DatasetGraph dataset, Context context) {
            return false;
        }

        @Override
        public Plan create(Op op, DatasetGraph dataset, Binding inputBinding, Context context) {
            throw new UnsupportedOperationException("algebra is run by ARQ's main engine");
        }
    };

    static void registerFactory() {
        if (!QueryEngineRegistry.containsFactory(FACTORY)) {
            QueryEngineRegistry.addFactory(FACTORY);
        }
    }

    static void unregisterFactory() {
        QueryEngineRegistry.removeFactory(FACTORY);
    }
}
