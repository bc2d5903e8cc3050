package org.nervusdb.rdf4j;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.rdf4j.common.transaction.IsolationLevels;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.query.algebra.evaluation.EvaluationStrategyFactory;
import org.eclipse.rdf4j.query.algebra.evaluation.federation.FederatedServiceResolver;
import org.eclipse.rdf4j.query.algebra.evaluation.federation.FederatedServiceResolverClient;
import org.eclipse.rdf4j.query.algebra.evaluation.impl.DefaultEvaluationStrategyFactory;
import org.eclipse.rdf4j.repository.sparql.federation.SPARQLServiceResolver;
import org.eclipse.rdf4j.sail.NotifyingSailConnection;
import org.eclipse.rdf4j.sail.SailException;
import org.eclipse.rdf4j.sail.helpers.AbstractNotifyingSail;
import org.nervusdb.NervusDB;
import org.nervusdb.Options;

/**
 * An RDF4J {@link org.eclipse.rdf4j.sail.Sail} over a NervusDB database: RDF4J's default graph
 * (the {@code null} context) is NervusDB's default graph, and a context is the NervusDB named
 * graph of the same name. Use it where a MemoryStore, NativeStore or LmdbStore would go:
 *
 * <pre>{@code
 * Repository repo = new SailRepository(new NervusSail(Path.of("DB")));
 * }</pre>
 *
 * <p><b>Transactions.</b> A connection's writes are buffered in one NervusDB
 * {@link org.nervusdb.Transaction}; its reads see them ({@link NervusDB#snapshotWith});
 * {@code commit} applies them as one atomic, durable NervusDB commit and {@code rollback} drops
 * them. Isolation levels: {@code NONE} and {@code READ_COMMITTED} (each read sees the latest
 * commits under the transaction's own writes), {@code SNAPSHOT_READ} (the default: as
 * READ_COMMITTED, and each result reads one snapshot however long it stays open),
 * {@code SNAPSHOT} and {@code SERIALIZABLE} (every read of the transaction sees the snapshot taken
 * at {@code begin}, under its own writes; a transaction that writes fails with
 * {@link org.eclipse.rdf4j.sail.SailConflictException} if another transaction committed since it
 * began, so no update is lost and no write skew is possible). {@code READ_UNCOMMITTED} maps to
 * READ_COMMITTED as RDF4J's level compatibility rules say.
 *
 * <p><b>Namespaces</b> are stored in the database itself, as triples of the reserved named
 * graph {@value #NAMESPACE_GRAPH}, which RDF4J's API never shows as data (it is in no
 * {@code getStatements}, {@code size}, {@code getContextIDs} or query): they are transactional and
 * survive reopening.
 *
 * <p><b>Queries.</b> A SPARQL query prepared through RDF4J's Repository API runs on NervusDB's
 * own engine (its planner, joins on ids, indexes) when that engine answers it exactly as RDF4J
 * would; everything else runs on RDF4J's evaluation strategy over the connection's view of the
 * database (statement patterns become NervusDB index scans). docs/RDF4J.md lists what runs
 * natively; {@link #setNativeQueries} turns it off.
 */
public class NervusSail extends AbstractNotifyingSail implements FederatedServiceResolverClient {

    /** The named graph that holds the namespace declarations (hidden from RDF4J's API). */
    public static final String NAMESPACE_GRAPH = "urn:x-nervusdb:rdf4j:namespaces";

    private final Path dir;
    private final Options options;
    private volatile NervusDB db;
    private final boolean ownsDatabase;
    private final ValueFactory vf = SimpleValueFactory.getInstance();
    private EvaluationStrategyFactory evalFactory;
    private FederatedServiceResolver serviceResolver;
    private SPARQLServiceResolver ownResolver;

    /** Commits of this sail (with writes), for the SNAPSHOT and SERIALIZABLE conflict check. */
    private volatile long version;
    /** Held while a commit checks for conflicts and applies its writes. */
    final ReentrantLock commitLock = new ReentrantLock();
    /** Snapshots held open by connections and their iterations (for leak checks). */
    final AtomicInteger openSnapshots = new AtomicInteger();
    private volatile boolean nativeQueries = true;
    private final AtomicLong nativeQueryCount = new AtomicLong();
    private final AtomicLong rdf4jQueryCount = new AtomicLong();

    /** A sail over the database in {@code dir} (opened at {@code init}, closed at {@code shutDown}). */
    public NervusSail(Path dir) {
        this(dir, Options.defaults());
    }

    /** As {@link #NervusSail(Path)}, with NervusDB's options (for example {@link Options#readOnly}). */
    public NervusSail(Path dir, Options options) {
        this.dir = dir;
        this.options = options;
        this.ownsDatabase = true;
        init0();
    }

    /**
     * A sail over a database in the data directory RDF4J gives it ({@link #setDataDir}, as a
     * RepositoryManager does), or, if none is given, a database in memory.
     */
    public NervusSail() {
        this.dir = null;
        this.options = Options.defaults();
        this.ownsDatabase = true;
        init0();
    }

    /** A sail over a database already open: {@code shutDown} leaves it open. */
    public NervusSail(NervusDB db) {
        if (db == null) {
            throw new IllegalArgumentException("db is null");
        }
        this.dir = null;
        this.options = null;
        this.db = db;
        this.ownsDatabase = false;
        init0();
    }

    private void init0() {
        setSupportedIsolationLevels(IsolationLevels.NONE, IsolationLevels.READ_COMMITTED, IsolationLevels.SNAPSHOT_READ,
                IsolationLevels.SNAPSHOT, IsolationLevels.SERIALIZABLE);
        setDefaultIsolationLevel(IsolationLevels.SNAPSHOT_READ);
    }

    @Override
    protected void initializeInternal() throws SailException {
        if (db != null && !ownsDatabase) {
            return;
        }
        Path where = dir;
        if (where == null && getDataDir() != null) {
            where = getDataDir().toPath();
        }
        try {
            db = where == null ? NervusDB.openInMemory(options) : NervusDB.open(where, options);
        } catch (RuntimeException e) {
            throw new SailException("cannot open the NervusDB database" + (where == null ? "" : " in " + where) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected void shutDownInternal() throws SailException {
        if (ownResolver != null) {
            ownResolver.shutDown();
            ownResolver = null;
        }
        if (ownsDatabase && db != null) {
            db.close();
            db = null;
        }
    }

    @Override
    public void setDataDir(File dataDir) {
        super.setDataDir(dataDir);
    }

    /** The database this sail reads and writes (null before {@code init} of a sail that opens its own). */
    public NervusDB database() {
        return db;
    }

    NervusDB db() {
        NervusDB d = db;
        if (d == null) {
            throw new SailException("the sail is not initialized");
        }
        return d;
    }

    @Override
    protected NotifyingSailConnection getConnectionInternal() throws SailException {
        return new NervusSailConnection(this);
    }

    @Override
    public boolean isWritable() throws SailException {
        NervusDB d = db;
        return d == null ? options == null || !options.readOnly() : !d.isReadOnly();
    }

    @Override
    public ValueFactory getValueFactory() {
        return vf;
    }

    /** The factory of the evaluation strategies queries run on (RDF4J's default one unless set). */
    public synchronized EvaluationStrategyFactory getEvaluationStrategyFactory() {
        if (evalFactory == null) {
            evalFactory = new DefaultEvaluationStrategyFactory(getFederatedServiceResolver());
        }
        evalFactory.setQuerySolutionCacheThreshold(getIterationCacheSyncThreshold());
        evalFactory.setTrackResultSize(isTrackResultSize());
        return evalFactory;
    }

    public synchronized void setEvaluationStrategyFactory(EvaluationStrategyFactory factory) {
        this.evalFactory = factory;
    }

    /** The resolver of SERVICE clauses: the one given, or one of this sail's own. */
    public synchronized FederatedServiceResolver getFederatedServiceResolver() {
        if (serviceResolver == null) {
            if (ownResolver == null) {
                ownResolver = new SPARQLServiceResolver();
            }
            return ownResolver;
        }
        return serviceResolver;
    }

    @Override
    public synchronized void setFederatedServiceResolver(FederatedServiceResolver resolver) {
        this.serviceResolver = resolver;
        if (evalFactory instanceof FederatedServiceResolverClient) {
            ((FederatedServiceResolverClient) evalFactory).setFederatedServiceResolver(resolver);
        }
    }

    /**
     * Whether SPARQL queries may run on NervusDB's own engine (true by default); with false every
     * query runs on RDF4J's evaluation strategy. Queries prepared before a change follow it.
     */
    public void setNativeQueries(boolean on) {
        this.nativeQueries = on;
    }

    public boolean isNativeQueries() {
        return nativeQueries;
    }

    /** Query evaluations NervusDB's engine answered, since the sail was made. */
    public long nativeQueryCount() {
        return nativeQueryCount.get();
    }

    /** Query evaluations RDF4J's evaluation strategy answered, since the sail was made. */
    public long rdf4jQueryCount() {
        return rdf4jQueryCount.get();
    }

    void countQuery(boolean natively) {
        (natively ? nativeQueryCount : rdf4jQueryCount).incrementAndGet();
    }

    long version() {
        return version;
    }

    /** After a commit with writes (called holding {@link #commitLock}). */
    void committed() {
        version++;
    }

    /** Snapshots open now (connections' transaction views and unfinished iterations'): for leak checks. */
    public int openSnapshots() {
        return openSnapshots.get();
    }

    @Override
    public String toString() {
        return "NervusSail[" + (db != null ? db : dir) + "]";
    }
}
