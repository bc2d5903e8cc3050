package org.nervusdb.rdf4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.rdf4j.collection.factory.impl.DefaultCollectionFactory;
import org.eclipse.rdf4j.common.iteration.CloseableIteration;
import org.eclipse.rdf4j.common.iteration.CloseableIteratorIteration;
import org.eclipse.rdf4j.common.transaction.IsolationLevel;
import org.eclipse.rdf4j.common.transaction.IsolationLevels;
import org.eclipse.rdf4j.common.transaction.QueryEvaluationMode;
import org.eclipse.rdf4j.common.transaction.TransactionSetting;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Namespace;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleNamespace;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.Dataset;
import org.eclipse.rdf4j.query.QueryEvaluationException;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.query.algebra.QueryRoot;
import org.eclipse.rdf4j.query.algebra.TupleExpr;
import org.eclipse.rdf4j.query.algebra.evaluation.EvaluationStrategy;
import org.eclipse.rdf4j.query.algebra.evaluation.TripleSource;
import org.eclipse.rdf4j.query.algebra.evaluation.federation.FederatedServiceResolverClient;
import org.eclipse.rdf4j.query.algebra.evaluation.impl.EvaluationStatistics;
import org.eclipse.rdf4j.sail.SailConflictException;
import org.eclipse.rdf4j.sail.SailException;
import org.eclipse.rdf4j.sail.UpdateContext;
import org.eclipse.rdf4j.sail.helpers.AbstractNotifyingSailConnection;
import org.eclipse.rdf4j.sail.helpers.DefaultSailChangedEvent;
import org.nervusdb.Quad;
import org.nervusdb.QuadCursor;
import org.nervusdb.NervusDBException;
import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import org.nervusdb.Transaction;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.QueryEngine;
import org.nervusdb.rdf.RdfTerms;

/**
 * A connection of a {@link NervusSail}: reads from NervusDB snapshots, buffers a transaction's
 * writes in one NervusDB {@link Transaction} and commits them as one atomic, durable commit.
 * See {@link NervusSail} for the isolation levels.
 */
public class NervusSailConnection extends AbstractNotifyingSailConnection {
    private static final String NS_PREFIX = "urn:x-nervusdb:rdf4j:prefix:";
    private static final String NS_PREDICATE = "urn:x-nervusdb:rdf4j:namespace";

    private final NervusSail sail;
    private final ValueFactory vf;

    // The transaction, while one is active.
    private boolean inTxn;
    private boolean isolated;
    private long startVersion;
    private View baseView;
    private Transaction pending;
    private View writeView;
    private long writeViewVersion;
    private final List<View> txnViews = new ArrayList<>(2);
    private boolean statementsAdded;
    private boolean statementsRemoved;
    private QueryEvaluationMode txnMode;
    /** With connection listeners: the quads this transaction removed (re-adding one is reported as an add). */
    private final Set<String> removedInTxn = new HashSet<>();

    protected NervusSailConnection(NervusSail sail) {
        super(sail);
        this.sail = sail;
        this.vf = sail.getValueFactory();
    }

    // ------------------------------------------------------------------ views

    private View newView(org.nervusdb.engine.TripleStore.StoreSnapshot snap) {
        return new View(snap, sail.openSnapshots);
    }

    /**
     * The view this connection reads now, acquired for the caller (who releases it): the
     * transaction's (its snapshot, or the database with its buffered writes on top), or a new
     * snapshot of the latest data that closes when the caller releases it.
     */
    View acquireView() {
        if (inTxn) {
            if (pending != null && !pending.isEmpty()) {
                if (writeView == null || !isolated && writeViewVersion != sail.version()) {
                    sail.commitLock.lock();
                    try {
                        if (isolated && sail.version() != startVersion) {
                            throw new SailConflictException("another transaction committed since this " + getTransactionIsolation()
                                    + " transaction began: it cannot read its own writes in isolation; roll it back and retry");
                        }
                        dropWriteView();
                        writeView = newView(sail.db().snapshotWith(pending));
                        writeViewVersion = sail.version();
                        txnViews.add(writeView);
                    } finally {
                        sail.commitLock.unlock();
                    }
                }
                writeView.acquire();
                return writeView;
            }
            if (isolated) {
                baseView.acquire();
                return baseView;
            }
        }
        View v = newView(sail.db().storeSnapshot());
        v.acquire();
        v.retire();
        return v;
    }

    private void dropWriteView() {
        if (writeView != null) {
            writeView.retire(); // closes when its readers are done
            txnViews.remove(writeView);
            writeView = null;
        }
    }

    /** The buffered writes (after which the view of them is rebuilt on the next read). */
    private Transaction tx() {
        if (!inTxn) {
            throw new SailException("no active transaction");
        }
        if (!sail.isWritable()) {
            throw new SailException("the NervusDB database is open read-only");
        }
        if (pending == null) {
            pending = new Transaction();
        }
        dropWriteView();
        return pending;
    }

    // ------------------------------------------------------------------ reads

    /** The graphs of a context list, as NervusDB's findQuads takes them (null: every graph but the namespaces'). */
    private static String[] graphs(Resource... contexts) {
        if (contexts == null || contexts.length == 0) {
            return new String[] {null};
        }
        Set<String> out = new LinkedHashSet<>();
        for (Resource c : contexts) {
            if (c == null) {
                out.add(Quad.DEFAULT_GRAPH);
            } else {
                String g;
                try {
                    g = Rdf4jTerms.toTerm(c);
                } catch (Rdf4jTerms.UnsupportedTermException e) {
                    continue; // a context NervusDB cannot name holds nothing
                }
                if (!g.equals(NervusSail.NAMESPACE_GRAPH) && !g.equals(Quad.DEFAULT_GRAPH)) {
                    out.add(g);
                }
            }
        }
        return out.toArray(new String[0]);
    }

    /** A scan of the pattern over the current view, or an empty one when a term cannot be stored. */
    QuadScan scan(Resource subj, IRI pred, Value obj, Resource... contexts) {
        String s;
        String p;
        String o;
        String[] gs;
        try {
            s = Rdf4jTerms.toPattern(subj);
            p = Rdf4jTerms.toPattern(pred);
            o = Rdf4jTerms.toPattern(obj);
            gs = graphs(contexts);
        } catch (Rdf4jTerms.UnsupportedTermException e) {
            s = p = o = null;
            gs = new String[0];
        }
        View v = acquireView();
        return new QuadScan(v, vf, s, p, o, gs);
    }

    @Override
    protected CloseableIteration<? extends Statement> getStatementsInternal(Resource subj, IRI pred, Value obj,
            boolean includeInferred, Resource... contexts) throws SailException {
        return scan(subj, pred, obj, contexts);
    }

    @Override
    protected boolean hasStatementInternal(Resource subj, IRI pred, Value obj, boolean includeInferred,
            Resource[] contexts) {
        try (QuadScan q = scan(subj, pred, obj, contexts)) {
            return q.hasNext();
        }
    }

    @Override
    protected long sizeInternal(Resource... contexts) throws SailException {
        View v = acquireView();
        try {
            if (contexts == null || contexts.length == 0) {
                return v.snapshot.countQuads(null, null, null, null)
                        - v.snapshot.countQuads(null, null, null, NervusSail.NAMESPACE_GRAPH);
            }
            long n = 0;
            for (String g : graphs(contexts)) {
                n += v.snapshot.countQuads(null, null, null, g);
            }
            return n;
        } finally {
            v.release();
        }
    }

    /** The contexts that hold at least one statement. */
    @Override
    protected CloseableIteration<? extends Resource> getContextIDsInternal() throws SailException {
        View v = acquireView();
        List<Resource> out = new ArrayList<>();
        try {
            org.nervusdb.engine.TripleStore.StoreSnapshot snap = v.snapshot;
            for (long g : snap.graphIds()) {
                String name = snap.term(g);
                if (name.equals(NervusSail.NAMESPACE_GRAPH) || RdfTerms.isLiteral(name)) {
                    continue;
                }
                if (snap.scanQuads(g, 0, 0, 0).next()) {
                    out.add(Rdf4jTerms.toResource(name, vf));
                }
            }
        } finally {
            v.release();
        }
        return new CloseableIteratorIteration<>(out.iterator());
    }

    // ------------------------------------------------------------------ queries

    @Override
    public void setTransactionSettings(TransactionSetting... settings) {
        super.setTransactionSettings(settings);
        for (TransactionSetting s : settings) {
            if (s instanceof QueryEvaluationMode) {
                txnMode = (QueryEvaluationMode) s;
            }
        }
    }

    /**
     * RDF4J's hook for a sail's own query handling: a SPARQL query that NervusDB's engine can
     * answer (see {@link NativeQueries}) is given back as a {@link NativeQueryRoot}, which
     * {@link #evaluate} runs natively when it can and on RDF4J's evaluation otherwise.
     */
    @Override
    public Optional<TupleExpr> prepareQuery(QueryLanguage ql, org.eclipse.rdf4j.query.Query.QueryType type, String query,
            String baseURI) {
        if (!sail.isNativeQueries()) {
            return Optional.empty();
        }
        return NativeQueries.prepare(ql, type, query, baseURI);
    }

    /**
     * Runs a prepared query on NervusDB's engine over this connection's current view (its
     * transaction's writes included), or returns null when RDF4J is to evaluate it: native
     * queries turned off, an evaluation mode other than STRICT (RDF4J's default, whose
     * comparisons and operators the native engine follows), or a query that reads the default graph
     * while named graphs hold statements (RDF4J's default graph is then the union of all graphs,
     * each statement once per graph, which NervusDB's engine does not offer).
     */
    private CloseableIteration<BindingSet> evaluateNatively(NativeQueryRoot q) {
        if (!sail.isNativeQueries() || q.nativeQuery == null) {
            return null;
        }
        QueryEvaluationMode mode = txnMode != null && inTxn ? txnMode : sail.getDefaultQueryEvaluationMode();
        if (mode != QueryEvaluationMode.STRICT) {
            return null;
        }
        View v = acquireView();
        boolean handedOver = false;
        try {
            TripleStore.StoreSnapshot snap = v.snapshot;
            long namespaces = snap.lookup(NervusSail.NAMESPACE_GRAPH);
            List<String> named = q.readsNamedGraphs ? new ArrayList<>() : null;
            for (long g : snap.graphIds()) {
                if (g == namespaces) {
                    continue;
                }
                if (q.readsDefaultGraph && snap.scanQuads(g, 0, 0, 0).next()) {
                    return null;
                }
                if (named != null) {
                    String name = snap.term(g);
                    if (!RdfTerms.isLiteral(name)) {
                        named.add(name);
                    }
                }
            }
            // The store's default graph as the default graph (no named graph holds statements if
            // the query reads it); the named graphs but the namespaces' (all, if it reads none).
            org.nervusdb.query.algebra.Query query = q.nativeQuery.withDataset(List.of(Quad.DEFAULT_GRAPH), named);
            QueryResult result;
            try {
                result = QueryEngine.run(snap, query, QueryOptions.defaults());
            } catch (NervusDBException e) {
                if (NativeQueries.isTimeout(e)) {
                    throw new org.eclipse.rdf4j.query.QueryInterruptedException(e.getMessage(), e);
                }
                return null; // the planner refused it: RDF4J's evaluation answers
            }
            NativeQueries.Results it;
            try {
                it = new NativeQueries.Results(v, result, vf, q.kind);
            } catch (RuntimeException e) {
                handedOver = true; // the iteration released the view
                throw e;
            }
            handedOver = true;
            return it;
        } finally {
            if (!handedOver) {
                v.release();
            }
        }
    }

    @Override
    protected CloseableIteration<? extends BindingSet> evaluateInternal(TupleExpr tupleExpr, Dataset dataset,
            BindingSet bindings, boolean includeInferred) throws SailException {
        if (tupleExpr instanceof NativeQueryRoot) {
            NativeQueryRoot q = (NativeQueryRoot) tupleExpr;
            if (dataset == null && (bindings == null || bindings.isEmpty())) {
                CloseableIteration<BindingSet> it = evaluateNatively(q);
                if (it != null) {
                    sail.countQuery(true);
                    return it;
                }
            }
            sail.countQuery(false);
            tupleExpr = new QueryRoot(q.getArg().clone());
        } else {
            sail.countQuery(false);
        }
        TupleExpr expr = tupleExpr.clone();
        if (!(expr instanceof QueryRoot)) {
            expr = new QueryRoot(expr);
        }
        TripleSource source = new NervusTripleSource(this, vf);
        EvaluationStrategy strategy = sail.getEvaluationStrategyFactory()
                .createEvaluationStrategy(dataset, source, new EvaluationStatistics());
        if (strategy instanceof FederatedServiceResolverClient) {
            ((FederatedServiceResolverClient) strategy).setFederatedServiceResolver(sail.getFederatedServiceResolver());
        }
        QueryEvaluationMode mode = txnMode != null && inTxn ? txnMode : sail.getDefaultQueryEvaluationMode();
        strategy.setQueryEvaluationMode(mode);
        strategy.setCollectionFactory(DefaultCollectionFactory::new);
        try {
            expr = strategy.optimize(expr, new EvaluationStatistics(), bindings);
            return strategy.evaluate(expr, bindings);
        } catch (QueryEvaluationException e) {
            throw new SailException(e);
        }
    }

    // ------------------------------------------------------------------ writes

    private String[] contextTerms(Resource... contexts) {
        if (contexts == null || contexts.length == 0) {
            return new String[] {null};
        }
        Set<String> out = new LinkedHashSet<>();
        for (Resource c : contexts) {
            String g = Rdf4jTerms.graphTerm(c);
            if (g != null && (g.equals(NervusSail.NAMESPACE_GRAPH) || g.equals(Quad.DEFAULT_GRAPH))) {
                throw new SailException("<" + g + "> is reserved by NervusDB and cannot be used as a context");
            }
            out.add(g);
        }
        return out.toArray(new String[0]);
    }

    /**
     * Refuses a triple term as context at once; an update's adds (SPARQL INSERT) go into the
     * transaction as they come, in order with its removals, rather than being held to the update's
     * end, so listeners see each change in the order the update made it.
     */
    @Override
    public void addStatement(UpdateContext op, Resource subj, IRI pred, Value obj, Resource... contexts)
            throws SailException {
        if (contexts != null) {
            for (Resource c : contexts) {
                if (c != null && c.isTriple()) {
                    throw new SailException("context argument can not be of type Triple: " + c);
                }
                if (c != null && c.isIRI() && (c.stringValue().equals(NervusSail.NAMESPACE_GRAPH)
                        || c.stringValue().equals(Quad.DEFAULT_GRAPH))) {
                    throw new SailException("<" + c + "> is reserved by NervusDB and cannot be used as a context");
                }
            }
        }
        if (subj != null && subj.isTriple() || obj != null && obj.isTriple()) {
            Rdf4jTerms.toTerm(subj.isTriple() ? subj : obj); // refused: NervusDB stores no triple terms
        }
        if (op == null) {
            super.addStatement(op, subj, pred, obj, contexts);
            return;
        }
        verifyIsOpen();
        verifyIsActive();
        addStatementInternal(subj, pred, obj, contexts);
    }

    @Override
    public void removeStatement(UpdateContext op, Resource subj, IRI pred, Value obj, Resource... contexts)
            throws SailException {
        if (op == null) {
            super.removeStatement(op, subj, pred, obj, contexts);
            return;
        }
        verifyIsOpen();
        verifyIsActive();
        removeStatementsInternal(subj, pred, obj, contexts);
    }

    @Override
    protected void addStatementInternal(Resource subj, IRI pred, Value obj, Resource... contexts) throws SailException {
        String s = Rdf4jTerms.toTerm(subj);
        String p = Rdf4jTerms.toTerm(pred);
        String o = Rdf4jTerms.toTerm(obj);
        String[] gs = contextTerms(contexts);
        boolean listeners = hasConnectionListeners();
        Transaction t = tx();
        for (String g : gs) {
            if (listeners && (removedInTxn.contains(key(s, p, o, g)) || !present(s, p, o, g))) {
                notifyStatementAdded(vf.createStatement(subj, pred, obj, g == null ? null : (Resource) Rdf4jTerms.toValue(g, vf)));
            }
            t.add(s, p, o, g);
            tx();
        }
        statementsAdded = true;
    }

    private static String key(String s, String p, String o, String g) {
        return s + '\u0000' + p + '\u0000' + o + '\u0000' + (g == null ? "" : g);
    }

    private boolean present(String s, String p, String o, String g) {
        View v = acquireView();
        try {
            return v.snapshot.containsQuad(s, p, o, g == null ? Quad.DEFAULT_GRAPH : g);
        } finally {
            v.release();
        }
    }

    @Override
    protected void removeStatementsInternal(Resource subj, IRI pred, Value obj, Resource... contexts) throws SailException {
        tx();
        boolean listeners = hasConnectionListeners();
        if (subj != null && pred != null && obj != null && contexts != null && contexts.length > 0 && !listeners) {
            // Concrete statements: no need to look first (deleting an absent quad does nothing).
            String s;
            String p;
            String o;
            try {
                s = Rdf4jTerms.toTerm(subj);
                p = Rdf4jTerms.toTerm(pred);
                o = Rdf4jTerms.toTerm(obj);
            } catch (Rdf4jTerms.UnsupportedTermException e) {
                return;
            }
            for (String g : graphs(contexts)) {
                pending.delete(s, p, o, g.equals(Quad.DEFAULT_GRAPH) ? null : g);
            }
            statementsRemoved = true;
            return;
        }
        List<Quad> matches = new ArrayList<>();
        List<Statement> statements = listeners ? new ArrayList<>() : null;
        try (QuadScan q = scan(subj, pred, obj, contexts)) {
            if (listeners) {
                while (q.hasNext()) {
                    statements.add(q.next());
                }
            } else {
                for (Quad quad = q.nextQuad(); quad != null; quad = q.nextQuad()) {
                    matches.add(quad);
                }
            }
        }
        Transaction t = tx();
        if (listeners) {
            for (Statement st : statements) {
                t.delete(Rdf4jTerms.toTerm(st.getSubject()), Rdf4jTerms.toTerm(st.getPredicate()),
                        Rdf4jTerms.toTerm(st.getObject()), Rdf4jTerms.graphTerm(st.getContext()));
                removedInTxn.add(key(Rdf4jTerms.toTerm(st.getSubject()), Rdf4jTerms.toTerm(st.getPredicate()),
                        Rdf4jTerms.toTerm(st.getObject()), Rdf4jTerms.graphTerm(st.getContext())));
                notifyStatementRemoved(st);
            }
            statementsRemoved |= !statements.isEmpty();
        } else {
            for (Quad quad : matches) {
                t.delete(quad.subject(), quad.predicate(), quad.object(), quad.graph());
            }
            statementsRemoved |= !matches.isEmpty();
        }
    }

    /** Removes the contexts' statements and forgets the named graphs (all of them when none is given). */
    @Override
    protected void clearInternal(Resource... contexts) throws SailException {
        boolean all = contexts == null || contexts.length == 0;
        if (hasConnectionListeners()) {
            removeStatementsInternal(null, null, null, contexts); // tells the listeners each statement
        } else {
            statementsRemoved |= sizeInternal(contexts) > 0;
        }
        List<String> named;
        View v = acquireView();
        try {
            named = v.snapshot.graphs();
        } finally {
            v.release();
        }
        Transaction t = tx();
        if (all) {
            t.clearGraph(null);
            for (String g : named) {
                if (!g.equals(NervusSail.NAMESPACE_GRAPH)) {
                    t.dropGraph(g);
                }
            }
            return;
        }
        for (String g : graphs(contexts)) {
            if (g.equals(Quad.DEFAULT_GRAPH)) {
                t.clearGraph(null);
            } else {
                t.dropGraph(g);
            }
        }
    }

    // ------------------------------------------------------------------ namespaces

    private static String prefixNode(String prefix) {
        return NS_PREFIX + prefix;
    }

    @Override
    protected CloseableIteration<? extends Namespace> getNamespacesInternal() throws SailException {
        List<Namespace> out = new ArrayList<>();
        View v = acquireView();
        try (QuadCursor c = v.snapshot.findQuads(null, NS_PREDICATE, null, NervusSail.NAMESPACE_GRAPH)) {
            while (c.hasNext()) {
                Quad q = c.next();
                if (q.subject().startsWith(NS_PREFIX) && RdfTerms.isLiteral(q.object())) {
                    out.add(new SimpleNamespace(q.subject().substring(NS_PREFIX.length()), RdfTerms.lexicalForm(q.object())));
                }
            }
        } finally {
            v.release();
        }
        return new CloseableIteratorIteration<>(out.iterator());
    }

    @Override
    protected String getNamespaceInternal(String prefix) throws SailException {
        View v = acquireView();
        try (QuadCursor c = v.snapshot.findQuads(prefixNode(prefix), NS_PREDICATE, null, NervusSail.NAMESPACE_GRAPH)) {
            while (c.hasNext()) {
                Quad q = c.next();
                if (RdfTerms.isLiteral(q.object())) {
                    return RdfTerms.lexicalForm(q.object());
                }
            }
            return null;
        } finally {
            v.release();
        }
    }

    @Override
    protected void setNamespaceInternal(String prefix, String name) throws SailException {
        removeNamespaceInternal(prefix);
        tx().add(prefixNode(prefix), NS_PREDICATE, RdfTerms.literal(name), NervusSail.NAMESPACE_GRAPH);
    }

    @Override
    protected void removeNamespaceInternal(String prefix) throws SailException {
        String old = getNamespaceInternal(prefix);
        if (old != null) {
            tx().delete(prefixNode(prefix), NS_PREDICATE, RdfTerms.literal(old), NervusSail.NAMESPACE_GRAPH);
        }
    }

    @Override
    protected void clearNamespacesInternal() throws SailException {
        tx().dropGraph(NervusSail.NAMESPACE_GRAPH);
    }

    // ------------------------------------------------------------------ transactions

    @Override
    protected void startTransactionInternal() throws SailException {
        IsolationLevel level = getTransactionIsolation();
        isolated = level != null && level.isCompatibleWith(IsolationLevels.SNAPSHOT);
        // The count first, then the snapshot: a commit between them makes the conflict check fail, never pass wrongly.
        startVersion = sail.version();
        if (isolated) {
            baseView = newView(sail.db().storeSnapshot());
            txnViews.add(baseView);
        }
        pending = null;
        statementsAdded = false;
        statementsRemoved = false;
        inTxn = true;
    }

    @Override
    protected void commitInternal() throws SailException {
        boolean changed = false;
        if (pending != null && !pending.isEmpty()) {
            sail.commitLock.lock();
            try {
                if (isolated && sail.version() != startVersion) {
                    throw new SailConflictException("another transaction committed since this " + getTransactionIsolation()
                            + " transaction began; roll it back and retry");
                }
                try {
                    sail.db().commit(pending);
                } catch (RuntimeException e) {
                    throw new SailException("NervusDB commit failed: " + e.getMessage(), e);
                }
                sail.committed();
                changed = true;
            } finally {
                sail.commitLock.unlock();
            }
        }
        boolean added = statementsAdded;
        boolean removed = statementsRemoved;
        endTransaction();
        if (changed && (added || removed)) {
            DefaultSailChangedEvent event = new DefaultSailChangedEvent(sail);
            event.setStatementsAdded(added);
            event.setStatementsRemoved(removed);
            sail.notifySailChanged(event);
        }
    }

    @Override
    protected void rollbackInternal() throws SailException {
        endTransaction();
    }

    /** Ends the transaction: its views are retired (closing when their last iteration closes), its writes dropped. */
    private void endTransaction() {
        inTxn = false;
        for (View v : txnViews) {
            v.retire();
        }
        txnViews.clear();
        baseView = null;
        writeView = null;
        pending = null;
        txnMode = null;
        removedInTxn.clear();
    }

    @Override
    protected void closeInternal() throws SailException {
        if (inTxn) {
            endTransaction();
        }
    }
}
