package org.nervusdb.jena;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.shared.AddDeniedException;
import org.apache.jena.shared.DeleteDeniedException;
import org.apache.jena.sparql.JenaTransactionException;
import org.apache.jena.sparql.core.DatasetGraphBaseFind;
import org.apache.jena.sparql.core.Quad;
import org.nervusdb.NervusDB;
import org.nervusdb.Transaction;
import org.nervusdb.engine.TripleStore;

/**
 * A Jena {@link org.apache.jena.sparql.core.DatasetGraph} over a NervusDB database: Jena's default
 * graph is NervusDB's default graph, Jena's named graphs are NervusDB's named graphs, and
 * {@link Quad#unionGraph} ({@code urn:x-arq:UnionGraph}) is the union of the named graphs
 * (read-only; each triple once). Terms convert as {@link JenaTerms} describes.
 *
 * <p><b>Transactions</b> (per thread, as in Jena):
 * <ul>
 * <li>READ: one NervusDB snapshot taken at {@code begin}, so every read of the transaction sees
 * the same data (repeatable, never blocked by writers).</li>
 * <li>WRITE: one writer at a time per database (a second {@code begin(WRITE)}, on any dataset
 * over the same {@link NervusDB}, waits). Adds and deletes are buffered in a NervusDB
 * {@link Transaction}; reads in the transaction see them (a view of the database with them on
 * top, {@link NervusDB#snapshotWith}); {@code commit} applies them as one atomic, durable NervusDB
 * commit; {@code abort} (or {@code end} without {@code commit}, which also throws) discards
 * them.</li>
 * <li>READ_PROMOTE and READ_COMMITTED_PROMOTE: start as READ; the first write (or
 * {@code promote()}) waits for the writer's place. READ_PROMOTE promotes only if no write
 * transaction committed since it began (else the write fails with
 * {@link JenaTransactionException} and {@code promote()} answers false); READ_COMMITTED_PROMOTE
 * always promotes and from then on reads the latest data. A READ transaction does not promote.</li>
 * </ul>
 * <b>Outside a transaction</b> every call is its own transaction ("autocommit"): a write is one
 * NervusDB commit (waiting for a Jena writer to finish), {@code clear}, {@code deleteAny} and
 * {@code addGraph} are each one atomic commit, and a {@code find} reads one snapshot, which its
 * iterator holds until it is exhausted or closed.
 *
 * <p>Graphs: as in Jena's TDB2, a named graph is listed ({@link #listGraphNodes},
 * {@link #containsGraph}) while it has at least one quad; NervusDB keeps graphs made empty (and
 * those made by CREATE GRAPH) until they are dropped, and {@link #removeGraph} drops them.
 * Prefixes ({@link #prefixes()}) are kept in memory for the life of this object, not in the
 * database.
 *
 * <p>Writes made through NervusDB's own API while a Jena write transaction is open are visible to
 * that transaction's later reads (it reads the database's latest state under its own writes) and
 * are not detected by READ_PROMOTE's check; write through one route at a time.
 */
public final class NervusDatasetGraph extends DatasetGraphBaseFind {

    /** What every dataset over one database shares: the writer's place and the commit count. */
    private static final class Shared {
        final Semaphore writer = new Semaphore(1, true);
        final AtomicLong version = new AtomicLong();
    }

    private static final Map<NervusDB, Shared> SHARED = Collections.synchronizedMap(new WeakHashMap<>());

    private static Shared shared(NervusDB db) {
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(db, d -> new Shared());
        }
    }

    /** One thread's transaction. */
    private final class Txn {
        final TxnType type;
        ReadWrite mode;
        long startVersion;
        View readView;
        Transaction pending;
        View writeView;
        final List<View> views = new ArrayList<>(2);

        Txn(TxnType type) {
            this.type = type;
            this.mode = type == TxnType.WRITE ? ReadWrite.WRITE : ReadWrite.READ;
        }
    }

    private final NervusDB db;
    private final boolean ownsDatabase;
    private final Shared shared;
    private final ThreadLocal<Txn> txn = new ThreadLocal<>();
    private final PrefixMap prefixes = PrefixMapFactory.create();
    private final AtomicInteger openViews = new AtomicInteger();
    private final AtomicLong nativeQueries = new AtomicLong();
    private final AtomicLong arqQueries = new AtomicLong();
    private final AtomicLong nativeUpdates = new AtomicLong();
    private final AtomicLong arqUpdates = new AtomicLong();
    // A read-only dataset of one snapshot (a query's, outside a transaction), or null.
    private final View pinned;

    NervusDatasetGraph(NervusDB db, boolean ownsDatabase) {
        if (db == null) {
            throw new IllegalArgumentException("db is null");
        }
        this.db = db;
        this.ownsDatabase = ownsDatabase;
        this.shared = shared(db);
        this.pinned = null;
    }

    private NervusDatasetGraph(NervusDatasetGraph base, View pinned) {
        this.db = base.db;
        this.ownsDatabase = false;
        this.shared = base.shared;
        this.pinned = pinned;
    }

    /** A read-only dataset that reads {@code view} only (which its user retires). */
    NervusDatasetGraph pinnedTo(View view) {
        return new NervusDatasetGraph(this, view);
    }

    /** Whether this is a query's read-only dataset of one snapshot. */
    boolean isPinned() {
        return pinned != null;
    }

    private void checkWritable() {
        if (pinned != null) {
            throw new UnsupportedOperationException("a query's view of the dataset is read-only");
        }
    }

    /** The database this dataset reads and writes. */
    public NervusDB database() {
        return db;
    }

    // ------------------------------------------------------------------ views

    private View newView(TripleStore.StoreSnapshot snap) {
        return new View(snap, openViews);
    }

    /**
     * The view the calling thread reads: its transaction's (with its buffered writes on top in a
     * write transaction), or, outside a transaction, a new snapshot that its first reader owns
     * (it closes when that reader lets it go: see {@link #releaseIfOwned}).
     */
    View readView() {
        if (pinned != null) {
            return pinned;
        }
        Txn t = txn.get();
        if (t == null) {
            return newView(db.storeSnapshot());
        }
        if (t.mode == ReadWrite.WRITE && !t.pending.isEmpty()) {
            if (t.writeView == null) {
                t.views.removeIf(View::isClosed);
                t.writeView = newView(db.snapshotWith(t.pending));
                t.views.add(t.writeView);
            }
            return t.writeView;
        }
        return t.readView;
    }

    /** After the first reader of a view from {@link #readView} has acquired it: a view of no transaction is its own. */
    void releaseIfOwned(View v) {
        if (pinned != null) {
            return;
        }
        Txn t = txn.get();
        if (t == null || !t.views.contains(v)) {
            v.retire();
        }
    }

    /** Snapshots this dataset holds open now (transactions' views and unfinished iterators'): for leak checks. */
    public int openSnapshots() {
        return openViews.get();
    }

    // ------------------------------------------------------------------ reads

    /** The quads of a pattern; {@code g}: a graph, a wildcard, the default or the union graph. */
    QuadScan scan(Node g, Node s, Node p, Node o, boolean namedOnly) {
        String ss;
        String ps;
        String os;
        String gs = null;
        long[] parts;
        try {
            ss = JenaTerms.toPattern(s);
            ps = JenaTerms.toPattern(p);
            os = JenaTerms.toPattern(o);
            if (g == null || !g.isConcrete()) {
                parts = namedOnly ? new long[] {QuadScan.ANY_NAMED} : new long[] {QuadScan.DEFAULT, QuadScan.ANY_NAMED};
            } else if (Quad.isDefaultGraph(g)) {
                parts = new long[] {QuadScan.DEFAULT};
            } else if (Quad.isUnionGraph(g)) {
                parts = new long[] {QuadScan.UNION_NAMED};
            } else {
                gs = JenaTerms.graphTerm(g);
                parts = new long[] {QuadScan.NAMED};
            }
        } catch (JenaTerms.UnsupportedTermException e) {
            // A term NervusDB cannot hold (a directional literal, a literal graph name) matches nothing.
            parts = new long[0];
            ss = ps = os = null;
        }
        View v = readView();
        QuadScan scan;
        try {
            scan = new QuadScan(v, parts, gs, g, ss, ps, os);
        } finally {
            releaseIfOwned(v);
        }
        return scan;
    }

    @Override
    public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
        return scan(g, s, p, o, false);
    }

    @Override
    public Iterator<Quad> findNG(Node g, Node s, Node p, Node o) {
        return scan(g, s, p, o, true);
    }

    @Override
    protected Iterator<Quad> findInDftGraph(Node s, Node p, Node o) {
        return scan(Quad.defaultGraphIRI, s, p, o, false);
    }

    @Override
    protected Iterator<Quad> findInSpecificNamedGraph(Node g, Node s, Node p, Node o) {
        return scan(g, s, p, o, true);
    }

    @Override
    protected Iterator<Quad> findInAnyNamedGraphs(Node s, Node p, Node o) {
        return scan(null, s, p, o, true);
    }

    @Override
    public Iterator<Triple> findInUnionGraph(Node s, Node p, Node o) {
        return scan(Quad.unionGraph, s, p, o, true).triples();
    }

    @Override
    public Iterator<Quad> findQuadsInUnionGraph(Node s, Node p, Node o) {
        return scan(Quad.unionGraph, s, p, o, true);
    }

    @Override
    public boolean contains(Node g, Node s, Node p, Node o) {
        QuadScan q = scan(g, s, p, o, false);
        try {
            return q.hasNext();
        } finally {
            q.close();
        }
    }

    @Override
    public boolean contains(Quad quad) {
        return contains(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    /** The number of triples in a graph (the default, a named or the union graph). */
    long count(Node g) {
        QuadScan q = scan(g, null, null, null, true);
        try {
            long n = 0;
            while (q.hasNext()) {
                q.next();
                n++;
            }
            return n;
        } finally {
            q.close();
        }
    }

    @Override
    public boolean isEmpty() {
        return !contains(null, null, null, null);
    }

    @Override
    public Graph getDefaultGraph() {
        return new NervusGraphView(this, Quad.defaultGraphNodeGenerated);
    }

    @Override
    public Graph getUnionGraph() {
        return new NervusGraphView(this, Quad.unionGraph);
    }

    @Override
    public Graph getGraph(Node graphNode) {
        if (graphNode == null || Quad.isDefaultGraph(graphNode)) {
            return getDefaultGraph();
        }
        if (Quad.isUnionGraph(graphNode)) {
            return getUnionGraph();
        }
        return new NervusGraphView(this, graphNode);
    }

    /** Whether the graph has a quad (the default and the union graph always exist). */
    @Override
    public boolean containsGraph(Node graphNode) {
        if (graphNode == null || Quad.isDefaultGraph(graphNode) || Quad.isUnionGraph(graphNode)) {
            return true;
        }
        return contains(graphNode, null, null, null);
    }

    /** The named graphs that have at least one quad. */
    @Override
    public Iterator<Node> listGraphNodes() {
        View v = readView();
        v.acquire();
        try {
            List<Node> out = new ArrayList<>();
            TripleStore.StoreSnapshot snap = v.snapshot;
            for (long g : snap.graphIds()) {
                if (snap.scanQuads(g, 0, 0, 0).next()) {
                    out.add(JenaTerms.toNode(snap.term(g)));
                }
            }
            return out.iterator();
        } finally {
            v.release();
            releaseIfOwned(v);
        }
    }

    /** The number of named graphs with at least one quad (Jena's {@code size} of a dataset). */
    @Override
    public long size() {
        long n = 0;
        for (Iterator<Node> it = listGraphNodes(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    /** The names of every graph NervusDB records, empty ones included (as in the view read). */
    private List<String> recordedGraphs() {
        View v = readView();
        v.acquire();
        try {
            return v.snapshot.graphs();
        } finally {
            v.release();
            releaseIfOwned(v);
        }
    }

    // ------------------------------------------------------------------ writes

    /**
     * Runs a write: buffered in the calling thread's write transaction (promoting a promotable
     * one), or, outside a transaction, committed at once as one NervusDB commit while this
     * thread holds the writer's place.
     */
    private void write(java.util.function.Consumer<Transaction> w) {
        checkWritable();
        Txn t = txn.get();
        if (t != null) {
            if (t.mode != ReadWrite.WRITE && !promoteForWrite(t)) {
                throw new JenaTransactionException("cannot write: a write transaction committed since this "
                        + t.type + " transaction began (begin it as WRITE or READ_COMMITTED_PROMOTE)");
            }
            w.accept(t.pending);
            if (t.writeView != null) {
                t.writeView.retire(); // closed when its readers are done, or at the transaction's end
                t.writeView = null;
            }
            return;
        }
        autocommit(() -> {
            Transaction tx = new Transaction();
            w.accept(tx);
            db.commit(tx);
            return null;
        });
    }

    /** Runs {@code work} holding the writer's place, as one commit of a change outside any transaction. */
    <T> T autocommit(java.util.function.Supplier<T> work) {
        checkWritable();
        shared.writer.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            shared.version.incrementAndGet();
            shared.writer.release();
        }
    }

    private static String[] terms(Quad q) {
        return new String[] {JenaTerms.toTerm(q.getSubject()), JenaTerms.toTerm(q.getPredicate()),
                JenaTerms.toTerm(q.getObject()), JenaTerms.graphTerm(q.getGraph())};
    }

    @Override
    public void add(Quad quad) {
        if (Quad.isUnionGraph(quad.getGraph())) {
            throw new AddDeniedException("the union graph is read-only");
        }
        String[] t = terms(quad);
        write(tx -> tx.add(t[0], t[1], t[2], t[3]));
    }

    @Override
    public void delete(Quad quad) {
        if (Quad.isUnionGraph(quad.getGraph())) {
            throw new DeleteDeniedException("the union graph is read-only");
        }
        String[] t;
        try {
            t = terms(quad);
        } catch (JenaTerms.UnsupportedTermException e) {
            return; // a term NervusDB cannot hold is in no quad
        }
        write(tx -> tx.delete(t[0], t[1], t[2], t[3]));
    }

    @Override
    public void add(Node g, Node s, Node p, Node o) {
        add(Quad.create(g == null ? Quad.defaultGraphIRI : g, s, p, o));
    }

    @Override
    public void delete(Node g, Node s, Node p, Node o) {
        delete(Quad.create(g == null ? Quad.defaultGraphIRI : g, s, p, o));
    }

    @Override
    public void deleteAny(Node g, Node s, Node p, Node o) {
        if (g != null && Quad.isUnionGraph(g)) {
            throw new DeleteDeniedException("the union graph is read-only");
        }
        if (txn.get() != null) {
            deleteMatches(g, s, p, o);
            return;
        }
        autocommit(() -> {
            Transaction tx = new Transaction();
            collectMatches(g, s, p, o, tx);
            db.commit(tx);
            return null;
        });
    }

    private void deleteMatches(Node g, Node s, Node p, Node o) {
        List<Quad> matches = new ArrayList<>();
        Iterator<Quad> it = find(g, s, p, o);
        try {
            it.forEachRemaining(matches::add);
        } finally {
            Iter.close(it);
        }
        for (Quad q : matches) {
            delete(q);
        }
    }

    private void collectMatches(Node g, Node s, Node p, Node o, Transaction tx) {
        Iterator<Quad> it = find(g, s, p, o);
        try {
            while (it.hasNext()) {
                String[] t = terms(it.next());
                tx.delete(t[0], t[1], t[2], t[3]);
            }
        } finally {
            Iter.close(it);
        }
    }

    /** Replaces the named graph's contents with {@code graph}'s triples (one commit outside a transaction). */
    @Override
    public void addGraph(Node graphName, Graph graph) {
        if (Quad.isUnionGraph(graphName)) {
            throw new AddDeniedException("the union graph is read-only");
        }
        String g = JenaTerms.graphTerm(graphName);
        List<String[]> triples = new ArrayList<>();
        graph.find().forEachRemaining(t -> triples.add(new String[] {JenaTerms.toTerm(t.getSubject()),
                JenaTerms.toTerm(t.getPredicate()), JenaTerms.toTerm(t.getObject())}));
        write(tx -> {
            tx.dropGraph(g);
            for (String[] t : triples) {
                tx.add(t[0], t[1], t[2], g);
            }
        });
    }

    /** Drops the named graph (NervusDB forgets it, empty or not); for the default graph, removes its triples. */
    @Override
    public void removeGraph(Node graphName) {
        if (Quad.isUnionGraph(graphName)) {
            throw new DeleteDeniedException("the union graph is read-only");
        }
        String g = JenaTerms.graphTerm(graphName);
        write(tx -> tx.dropGraph(g));
    }

    /** Removes every quad and drops every named graph (one commit outside a transaction). */
    @Override
    public void clear() {
        if (txn.get() != null) {
            List<String> graphs = recordedGraphs();
            write(tx -> clearAll(tx, graphs));
            return;
        }
        autocommit(() -> {
            Transaction tx = new Transaction();
            clearAll(tx, recordedGraphs());
            db.commit(tx);
            return null;
        });
    }

    private static void clearAll(Transaction tx, List<String> graphs) {
        tx.clearGraph(null);
        for (String g : graphs) {
            tx.dropGraph(g);
        }
    }

    @Override
    public PrefixMap prefixes() {
        return prefixes;
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    @Override
    public boolean supportsTransactionAbort() {
        return true;
    }

    @Override
    public void begin(TxnType type) {
        if (type == null) {
            throw new JenaTransactionException("transaction type is null");
        }
        if (pinned != null) {
            throw new JenaTransactionException("a query's view of the dataset has no transactions");
        }
        if (txn.get() != null) {
            throw new JenaTransactionException("already in a transaction on this thread");
        }
        Txn t = new Txn(type);
        if (type == TxnType.WRITE) {
            shared.writer.acquireUninterruptibly();
            t.pending = new Transaction();
        }
        try {
            // The count first, then the snapshot: a commit between them makes promotion fail, never succeed wrongly.
            t.startVersion = shared.version.get();
            t.readView = newView(db.storeSnapshot());
        } catch (RuntimeException e) {
            if (type == TxnType.WRITE) {
                shared.writer.release();
            }
            throw e;
        }
        t.views.add(t.readView);
        txn.set(t);
    }

    @Override
    public void begin(ReadWrite readWrite) {
        begin(TxnType.convert(readWrite));
    }

    @Override
    public boolean promote(Promote mode) {
        Txn t = current("promote");
        if (t.mode == ReadWrite.WRITE) {
            return true;
        }
        if (t.type == TxnType.READ) {
            return false;
        }
        shared.writer.acquireUninterruptibly();
        if (mode == Promote.ISOLATED && shared.version.get() != t.startVersion) {
            shared.writer.release();
            return false;
        }
        t.mode = ReadWrite.WRITE;
        t.pending = new Transaction();
        if (mode == Promote.READ_COMMITTED) {
            // From now on the latest data, under this transaction's writes.
            t.readView.retire();
            t.readView = newView(db.storeSnapshot());
            t.views.add(t.readView);
        }
        return true;
    }

    private boolean promoteForWrite(Txn t) {
        if (t.type == TxnType.READ) {
            throw new JenaTransactionException("cannot write in a READ transaction");
        }
        return promote(t.type == TxnType.READ_COMMITTED_PROMOTE ? Promote.READ_COMMITTED : Promote.ISOLATED);
    }

    private Txn current(String what) {
        Txn t = txn.get();
        if (t == null) {
            throw new JenaTransactionException(what + ": not in a transaction");
        }
        return t;
    }

    @Override
    public void commit() {
        Txn t = current("commit");
        if (t.mode != ReadWrite.WRITE) {
            finish(t);
            return;
        }
        try {
            if (!t.pending.isEmpty()) {
                db.commit(t.pending);
            }
        } finally {
            shared.version.incrementAndGet();
            finish(t);
        }
    }

    @Override
    public void abort() {
        finish(current("abort"));
    }

    @Override
    public void end() {
        Txn t = txn.get();
        if (t == null) {
            return;
        }
        boolean unfinishedWrite = t.mode == ReadWrite.WRITE;
        finish(t);
        if (unfinishedWrite) {
            throw new JenaTransactionException("write transaction ended without commit or abort: its changes are discarded");
        }
    }

    /** Ends the thread's transaction: its views close (iterators still open end with it), the writer's place is freed. */
    private void finish(Txn t) {
        txn.remove();
        for (View v : t.views) {
            v.close();
        }
        t.views.clear();
        if (t.mode == ReadWrite.WRITE) {
            t.pending = null;
            shared.writer.release();
        }
    }

    @Override
    public ReadWrite transactionMode() {
        Txn t = txn.get();
        return t == null ? null : t.mode;
    }

    @Override
    public TxnType transactionType() {
        Txn t = txn.get();
        return t == null ? null : t.type;
    }

    @Override
    public boolean isInTransaction() {
        return txn.get() != null;
    }

    /** Whether the calling thread is in a write transaction (or a promoted one). */
    boolean inWriteTransaction() {
        Txn t = txn.get();
        return t != null && t.mode == ReadWrite.WRITE;
    }

    // ------------------------------------------------------------------ engines' counts

    void countQuery(boolean nativeEngine) {
        (nativeEngine ? nativeQueries : arqQueries).incrementAndGet();
    }

    void countUpdate(boolean nativeEngine) {
        (nativeEngine ? nativeUpdates : arqUpdates).incrementAndGet();
    }

    /** Queries NervusDB's own engine answered. */
    public long nativeQueryCount() {
        return nativeQueries.get();
    }

    /** Queries handed to ARQ's engine over this dataset (NervusDB's engine refused them). */
    public long arqQueryCount() {
        return arqQueries.get();
    }

    /** Update requests NervusDB's own update engine ran, each as one commit. */
    public long nativeUpdateCount() {
        return nativeUpdates.get();
    }

    /** Update requests ARQ's update engine ran over a write transaction. */
    public long arqUpdateCount() {
        return arqUpdates.get();
    }

    /** Closes the database if this dataset opened it ({@link NervusJena#createDataset}); else nothing. */
    @Override
    public void close() {
        if (ownsDatabase) {
            db.close();
        }
    }

    @Override
    public String toString() {
        return "NervusDatasetGraph[" + db + "]";
    }
}
