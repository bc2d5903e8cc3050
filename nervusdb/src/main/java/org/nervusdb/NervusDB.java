package org.nervusdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.nervusdb.engine.BulkLoader;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.io.FileSystem;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.query.JavaRegexEngine;
import org.nervusdb.query.QueryEngine;
import org.nervusdb.query.RegexEngine;
import org.nervusdb.query.Sparql;
import org.nervusdb.query.Traversal;

/**
 * An embedded triple database in a local directory.
 *
 * <pre>{@code
 * try (NervusDB db = NervusDB.open(Path.of("demo.nervusdb"))) {
 *     db.add("alice", "knows", "bob");
 *     List<Triple> r = db.query().whereSubject("alice").execute();
 *     try (Stream<Triple> s = db.find(null, "knows", null)) { ... }
 * }
 * }</pre>
 *
 * <p>Thread safety: every method may be called from any thread. Writes are serialized; reads
 * run concurrently, each from a consistent snapshot, and are never blocked by writes.
 *
 * <p>Resources: the database owns its files, its directory lock and (depending on options) one
 * background thread; {@link #close()} releases them all. Streams, cursors and snapshots must be
 * closed by their users; closing the database makes any still open fail on next use.
 */
@NullMarked
public final class NervusDB implements AutoCloseable {
    static {
        // SPARQL's REGEX and REPLACE on java.util.regex (the JavaScript builds bring their own).
        if (RegexEngine.installed() == null) {
            RegexEngine.install(new JavaRegexEngine());
        }
        // What one query may hold in memory: a quarter of the heap this JVM may grow to.
        long heap = Runtime.getRuntime().maxMemory();
        if (heap != Long.MAX_VALUE) {
            org.nervusdb.QueryOptions.defaultMaxMemoryBytes(Math.max(16L << 20, heap / 4));
        }
        // Block checksums by the JDK's CRC-32C (processor instructions) instead of the tables.
        org.nervusdb.engine.Crc32c.install((b, off, len) -> {
            java.util.zip.CRC32C c = new java.util.zip.CRC32C();
            c.update(b, off, len);
            return (int) c.getValue();
        });
    }

    /** Background failures (compaction, flushes, interval syncs) are reported here: logger {@code org.nervusdb}. */
    private static final System.Logger LOG = System.getLogger("org.nervusdb");

    private final TripleStore store;
    private final DirectoryLock lock;
    // Whether this handle has reported its background failure (once: the store then refuses writes).
    private final java.util.concurrent.atomic.AtomicBoolean failureReported = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService worker;
    private final String name;
    private volatile boolean closed;
    // Writes share it; a bulk load holds it exclusively, so writes wait for the load to end.
    private final ReentrantReadWriteLock bulkGate = new ReentrantReadWriteLock();

    private NervusDB(TripleStore store, DirectoryLock lock, ScheduledExecutorService worker, String name) {
        this.store = store;
        this.lock = lock;
        this.worker = worker;
        this.name = name;
    }

    /** Opens the database in {@code dir} with default options, creating it if needed. */
    public static NervusDB open(Path dir) {
        return open(dir, Options.defaults());
    }

    /**
     * Opens the database in {@code dir}, creating the directory and an empty database if needed,
     * and recovering committed writes from the log after a crash.
     *
     * @throws DatabaseLockedException if another process or handle has it open
     * @throws CorruptionException if a file is damaged beyond the recoverable log tail
     */
    public static NervusDB open(Path dir, Options options) {
        if (options.readOnly()) {
            return openReadOnly(dir, options);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create database directory " + dir + ": " + e.getMessage(), e);
        }
        DirectoryLock lock = DirectoryLock.acquire(dir);
        try {
            return start(new DiskFileSystem(dir), lock, options, options.syncMode(), dir.toString());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * A read-only handle ({@link Options#readOnly}): no lock, no background thread, files opened
     * for reading only and none created, written or deleted.
     */
    private static NervusDB openReadOnly(Path dir, Options options) {
        if (!Files.isDirectory(dir)) {
            throw new StorageException("no database at " + dir + ": a read-only open needs an existing database");
        }
        if (!Files.exists(dir.resolve("MANIFEST"))) {
            throw new StorageException("no database at " + dir + " (no MANIFEST): a read-only open cannot create one");
        }
        StoreOptions so = storeOptions(options, SyncMode.NONE);
        so.inlineCompaction = true;
        return new NervusDB(TripleStore.openReadOnly(new DiskFileSystem(dir, true), so), null, null, dir.toString());
    }

    /** A database that lives in memory only and vanishes on close. */
    public static NervusDB openInMemory() {
        return openInMemory(Options.defaults());
    }

    /** A database in memory only, with {@code options} except that nothing is synced. */
    public static NervusDB openInMemory(Options options) {
        return start(new MemFileSystem(), null, options, SyncMode.NONE, "memory");
    }

    private static StoreOptions storeOptions(Options o, SyncMode sync) {
        StoreOptions s = new StoreOptions();
        s.memtableBytes = o.memtableSize();
        s.blockCacheBytes = o.blockCacheSize();
        s.syncOnCommit = sync == SyncMode.ALWAYS;
        s.inlineCompaction = !o.backgroundCompaction();
        s.termCacheEntries = o.termCacheEntries();
        s.baseIri = o.baseIri();
        return s;
    }

    static NervusDB start(FileSystem fs, DirectoryLock lock, Options o, SyncMode sync, String name) {
        ScheduledExecutorService worker = null;
        if (o.backgroundCompaction() || sync == SyncMode.INTERVAL) {
            worker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nervusdb-worker " + name);
                t.setDaemon(true);
                return t;
            });
        }
        StoreOptions so = storeOptions(o, sync);
        AtomicReference<NervusDB> self = new AtomicReference<>();
        if (o.backgroundCompaction()) {
            ScheduledExecutorService w = worker;
            // A frozen memtable is waiting to be written: wake the worker now instead of at its next poll.
            so.backgroundWorkDue = () -> {
                NervusDB db = self.get();
                if (db != null && !db.closed) {
                    try {
                        w.execute(db::backgroundCompact);
                    } catch (RejectedExecutionException e) {
                        // Closing; the logs keep the frozen memtable for the next open.
                    }
                }
            };
        }
        TripleStore store;
        try {
            store = TripleStore.open(fs, so);
        } catch (RuntimeException e) {
            if (worker != null) {
                worker.shutdownNow();
            }
            throw e;
        }
        NervusDB db = new NervusDB(store, lock, worker, name);
        self.set(db);
        if (sync == SyncMode.INTERVAL) {
            long ms = o.syncInterval().toMillis();
            worker.scheduleWithFixedDelay(db::backgroundSync, ms, ms, TimeUnit.MILLISECONDS);
        }
        if (o.backgroundCompaction()) {
            worker.scheduleWithFixedDelay(db::backgroundCompact, 50, 50, TimeUnit.MILLISECONDS);
        }
        return db;
    }

    private void backgroundSync() {
        if (!closed) {
            try {
                store.syncLog();
            } catch (RuntimeException e) {
                // Recorded by the engine: later writes fail with ReadOnlyException naming it.
                reportBackgroundFailure("interval sync of the log", e);
            }
        }
    }

    private void backgroundCompact() {
        try {
            while (!closed && store.compactStep()) {
                // Keep going while work is due.
            }
        } catch (RuntimeException e) {
            // Recorded by the engine: later writes fail with ReadOnlyException naming it.
            if (!closed) {
                reportBackgroundFailure("flush or compaction", e);
            }
        }
    }

    /**
     * Logs a failure of background work at ERROR, once per handle: the store refuses writes from
     * then on, and whoever runs the process learns it now rather than at the next write.
     */
    private void reportBackgroundFailure(String work, RuntimeException e) {
        if (failureReported.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.ERROR, "NervusDB " + name + ": background " + work + " failed; the database"
                    + " keeps every commit so far and serves reads, but refuses writes until it is reopened", e);
        }
    }

    private void check() {
        if (closed) {
            throw new DatabaseClosedException("database " + name);
        }
    }

    // ------------------------------------------------------------------ writes

    /** Adds a triple; returns false if it was already present. Durable on return (sync mode). */
    public boolean add(String subject, String predicate, String object) {
        check();
        return write(() -> store.add(subject, predicate, object));
    }

    /**
     * Adds a triple whose object is a typed value ({@link #literal}): {@code add("carol", "age",
     * 31)} stores {@code "31"^^xsd:integer}, so SPARQL compares it as a number. A String object
     * is a stored term, as in {@link #add(String, String, String)}.
     */
    public boolean add(String subject, String predicate, Object value) {
        return add(subject, predicate, value instanceof String ? (String) value : literal(value));
    }

    /**
     * The stored term (an RDF literal in its canonical spelling) of a Java value: Integer, Long,
     * Short, Byte and BigInteger as xsd:integer; BigDecimal as xsd:decimal; Double and Float as
     * xsd:double; Boolean as xsd:boolean; LocalDate as xsd:date; LocalDateTime as xsd:dateTime
     * without a time zone; OffsetDateTime, ZonedDateTime and Instant as xsd:dateTime with their
     * offset; LocalTime as xsd:time; a CharSequence as a plain string literal.
     *
     * @throws InvalidTermException for null or a value of another type
     */
    public static String literal(Object value) {
        String xsd = org.nervusdb.rdf.RdfTerms.XSD;
        if (value == null) {
            throw new InvalidTermException("value is null");
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger) {
            return org.nervusdb.rdf.RdfTerms.literal(value.toString(), null, xsd + "integer");
        }
        if (value instanceof java.math.BigDecimal) {
            String t = ((java.math.BigDecimal) value).toPlainString();
            return org.nervusdb.rdf.RdfTerms.literal(t.indexOf('.') < 0 ? t + ".0" : t, null, xsd + "decimal");
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            String t = Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "INF" : "-INF") : Double.toString(d);
            return org.nervusdb.rdf.RdfTerms.literal(t, null, xsd + "double");
        }
        if (value instanceof Boolean) {
            return org.nervusdb.rdf.RdfTerms.literal(value.toString(), null, xsd + "boolean");
        }
        if (value instanceof java.time.LocalDate) {
            return org.nervusdb.rdf.RdfTerms.literal(value.toString(), null, xsd + "date");
        }
        if (value instanceof java.time.LocalTime) {
            return org.nervusdb.rdf.RdfTerms.literal(value.toString(), null, xsd + "time");
        }
        if (value instanceof java.time.LocalDateTime) {
            return org.nervusdb.rdf.RdfTerms.literal(value.toString(), null, xsd + "dateTime");
        }
        if (value instanceof java.time.OffsetDateTime || value instanceof java.time.ZonedDateTime || value instanceof java.time.Instant) {
            java.time.OffsetDateTime t = value instanceof java.time.Instant ? ((java.time.Instant) value).atOffset(java.time.ZoneOffset.UTC)
                    : value instanceof java.time.ZonedDateTime ? ((java.time.ZonedDateTime) value).toOffsetDateTime()
                    : (java.time.OffsetDateTime) value;
            return org.nervusdb.rdf.RdfTerms.literal(t.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME), null,
                    xsd + "dateTime");
        }
        if (value instanceof CharSequence) {
            return org.nervusdb.rdf.RdfTerms.literal(value.toString());
        }
        throw new InvalidTermException("no RDF literal for a value of type " + value.getClass().getName());
    }

    public boolean add(Triple triple) {
        check();
        if (triple == null) {
            throw new InvalidTermException("triple is null");
        }
        return write(() -> store.add(triple.subject(), triple.predicate(), triple.object()));
    }

    /**
     * Adds all triples as one atomic commit with one fsync; returns how many were new.
     *
     * @throws InvalidTermException for a null collection, a null triple or an invalid term (nothing is added)
     */
    public long addAll(Collection<Triple> triples) {
        check();
        return write(() -> store.addAll(triples));
    }

    /** Deletes a triple; returns whether it existed. */
    public boolean delete(String subject, String predicate, String object) {
        check();
        return write(() -> store.delete(subject, predicate, object));
    }

    public boolean delete(Triple triple) {
        check();
        if (triple == null) {
            throw new InvalidTermException("triple is null");
        }
        return write(() -> store.delete(triple.subject(), triple.predicate(), triple.object()));
    }

    /**
     * Removes all the triples in one atomic commit (durable on return, one fsync); returns how
     * many were present. Duplicates in the collection count once.
     *
     * @throws InvalidTermException for a null collection, a null triple or an invalid term (nothing is removed)
     */
    public long deleteAll(Collection<Triple> triples) {
        check();
        return write(() -> store.deleteAll(triples));
    }

    // ------------------------------------------------------------------ graphs

    /**
     * Adds a quad: the triple to the named graph {@code graph}, or to the default graph if
     * {@code graph} is null or {@link Quad#DEFAULT_GRAPH}. Returns false if it was present.
     * Durable on return (sync mode). A graph exists from its first quad until it is dropped.
     */
    public boolean add(String subject, String predicate, String object, @Nullable String graph) {
        check();
        return write(() -> store.add(subject, predicate, object, graph));
    }

    public boolean add(Quad quad) {
        check();
        if (quad == null) {
            throw new InvalidTermException("quad is null");
        }
        return write(() -> store.add(quad.subject(), quad.predicate(), quad.object(), quad.graph()));
    }

    /** Adds all quads as one atomic commit with one fsync; returns how many were new. */
    public long addQuads(Collection<Quad> quads) {
        check();
        return write(() -> store.addQuads(quads));
    }

    /** Deletes a quad (of the default graph if {@code graph} is null); returns whether it existed. */
    public boolean delete(String subject, String predicate, String object, @Nullable String graph) {
        check();
        return write(() -> store.delete(subject, predicate, object, graph));
    }

    public boolean delete(Quad quad) {
        check();
        if (quad == null) {
            throw new InvalidTermException("quad is null");
        }
        return write(() -> store.delete(quad.subject(), quad.predicate(), quad.object(), quad.graph()));
    }

    /** Removes all the quads in one atomic commit; returns how many were present. Graphs stay, even when empty. */
    public long deleteQuads(Collection<Quad> quads) {
        check();
        return write(() -> store.deleteQuads(quads));
    }

    /**
     * Quads matching the pattern, lazily, from a consistent snapshot: a null subject, predicate
     * or object matches anything; a null graph matches every graph (the default graph's triples
     * first, then the named graphs'), {@link Quad#DEFAULT_GRAPH} the default graph only.
     * Close the stream to release the snapshot.
     */
    public Stream<Quad> findQuads(@Nullable String subject, @Nullable String predicate, @Nullable String object, @Nullable String graph) {
        QuadCursor c = quadCursor(subject, predicate, object, graph);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(c, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(c::close);
    }

    /** As {@link #findQuads}, as a closeable iterator. */
    public QuadCursor quadCursor(@Nullable String subject, @Nullable String predicate, @Nullable String object, @Nullable String graph) {
        check();
        TripleStore.StoreSnapshot snap = store.snapshot();
        QuadCursor c;
        try {
            c = snap.findQuads(subject, predicate, object, graph);
        } catch (RuntimeException e) {
            snap.close();
            throw e;
        }
        return new QuadCursor() {
            private boolean open = true;

            @Override
            public boolean hasNext() {
                if (!open) {
                    return false;
                }
                if (c.hasNext()) {
                    return true;
                }
                close();
                return false;
            }

            @Override
            public Quad next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return c.next();
            }

            @Override
            public void close() {
                if (open) {
                    open = false;
                    c.close();
                    snap.close();
                }
            }
        };
    }

    /** Number of quads matching the pattern, as {@link #findQuads}. */
    public long countQuads(@Nullable String subject, @Nullable String predicate, @Nullable String object, @Nullable String graph) {
        check();
        try (TripleStore.StoreSnapshot snap = store.snapshot()) {
            return snap.countQuads(subject, predicate, object, graph);
        }
    }

    /** The names of the named graphs (in the order their names were first stored). */
    public List<String> graphs() {
        check();
        try (TripleStore.StoreSnapshot snap = store.snapshot()) {
            return snap.graphs();
        }
    }

    /**
     * The base IRI of this database: in files other tools read (export, SPARQL result formats),
     * a relative IRI such as the plain name {@code alice} is written as this IRI followed by
     * it. Chosen when the database is created ({@link Options#baseIri}).
     */
    public String baseIri() {
        check();
        return store.baseIri();
    }

    // ------------------------------------------------------------------ properties, labels, transactions

    /**
     * Applies the transaction's writes (triples, properties, labels) in order as one atomic
     * commit, durable on return: after a crash the database holds all of them or none.
     * Returns how many triples it added that were absent plus how many it removed that were
     * present.
     *
     * @throws NotFoundException for edge properties of a triple that does not exist at that
     *     point (nothing is written)
     */
    public long commit(Transaction transaction) {
        check();
        if (transaction == null) {
            throw new IllegalArgumentException("transaction is null");
        }
        return write(() -> store.commit(transaction));
    }

    /** Replaces all properties of a node (any term) with {@code properties}; null or empty removes them. */
    public void setNodeProperties(String node, @Nullable Map<String, ?> properties) {
        commit(new Transaction().setNodeProperties(node, properties));
    }

    /** Replaces all properties of the edge (existing triple) s p o; null or empty removes them. */
    public void setEdgeProperties(String subject, String predicate, String object, @Nullable Map<String, ?> properties) {
        commit(new Transaction().setEdgeProperties(subject, predicate, object, properties));
    }

    /** Gives a node these labels ({@link InvalidPropertyException} for null labels or a null label). */
    public void addLabels(String node, String... labels) {
        commit(new Transaction().addLabels(node, labels == null ? null : java.util.Arrays.asList(labels)));
    }

    /** Takes these labels from a node ({@link InvalidPropertyException} for null labels or a null label). */
    public void removeLabels(String node, String... labels) {
        commit(new Transaction().removeLabels(node, labels == null ? null : java.util.Arrays.asList(labels)));
    }

    /** The properties of a node; empty if none. Read-only, in the order they were set. */
    public Map<String, Object> nodeProperties(String node) {
        check();
        return store.nodeProperties(node);
    }

    /** The properties of the edge s p o; empty if none. */
    public Map<String, Object> edgeProperties(String subject, String predicate, String object) {
        check();
        return store.edgeProperties(subject, predicate, object);
    }

    /** A node's labels, in UTF-8 byte order. */
    public List<String> labels(String node) {
        check();
        return store.labels(node);
    }

    /** The nodes with a label. */
    public List<String> nodesWithLabel(String label) {
        check();
        return store.nodesWithLabel(label);
    }

    /** The nodes with all ({@code all}) or any of the labels, each once. */
    public List<String> nodesWithLabels(java.util.Collection<String> labels, boolean all) {
        check();
        return store.nodesWithLabels(labels, all);
    }

    /** The nodes whose property {@code name} satisfies {@code condition} (from its index). */
    public List<String> nodesWhere(String name, PropertyCondition condition) {
        check();
        return store.nodesWhere(name, condition);
    }

    /** The edges whose property {@code name} satisfies {@code condition} (from its index). */
    public List<Triple> edgesWhere(String name, PropertyCondition condition) {
        check();
        return store.edgesWhere(name, condition);
    }

    private <T> T write(Supplier<T> w) {
        bulkGate.readLock().lock();
        try {
            return w.get();
        } finally {
            bulkGate.readLock().unlock();
        }
    }

    /** {@link #bulkLoad(Iterator, long)} with {@link BulkLoader#DEFAULT_MEMORY} (128 MiB) for sorting. */
    public long bulkLoad(Iterator<Triple> triples) {
        return bulkLoad(triples, BulkLoader.DEFAULT_MEMORY);
    }

    /**
     * Adds many triples without the write-ahead log: they are sorted (in runs of at most
     * {@code memoryBytes / 64} triples, sorted and spilled to temporary files in the database
     * directory by a second thread while the input goes on) and written as new tables, which one
     * manifest replacement makes live. Returns how many
     * triples were new; duplicates, within the input or of stored triples, count once.
     *
     * <p>All or nothing: if the load fails, or the process dies before the manifest is
     * replaced, the database is as it was and the temporary files are deleted (at the latest
     * by the next open); once the method returns the triples are durable. Other writes wait
     * until the load ends; reads and snapshots go on and see the data from the moment it is
     * installed. Memory: the sorting budget plus every distinct term of the input (its UTF-8
     * bytes and about 30 bytes). The SPO, POS and OSP tables and the dictionary are written by
     * two threads.
     *
     * @throws InvalidTermException for a null triple or an invalid term (nothing is loaded)
     */
    public long bulkLoad(Iterator<Triple> triples, long memoryBytes) {
        check();
        if (triples == null) {
            throw new InvalidTermException("triples is null");
        }
        bulkGate.writeLock().lock();
        try (BulkLoader l = store.bulkLoader(memoryBytes, BulkLoads.THREADS)) {
            return BulkLoads.load(l, triples, name);
        } finally {
            bulkGate.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * Triples matching the pattern ({@code null} = any), read lazily from a consistent snapshot.
     * Close the stream (try-with-resources) to release the snapshot.
     */
    public Stream<Triple> find(@Nullable String subject, @Nullable String predicate, @Nullable String object) {
        TripleCursor c = cursor(subject, predicate, object);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(c, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(c::close);
    }

    /** Like {@link #find} but as a closeable iterator. */
    public TripleCursor cursor(@Nullable String subject, @Nullable String predicate, @Nullable String object) {
        check();
        return store.find(subject, predicate, object);
    }

    public boolean contains(@Nullable String subject, @Nullable String predicate, @Nullable String object) {
        check();
        return store.contains(subject, predicate, object);
    }

    /** Number of triples matching the pattern; {@code count(null, null, null)} is O(1). */
    public long count(@Nullable String subject, @Nullable String predicate, @Nullable String object) {
        check();
        return store.count(subject, predicate, object);
    }

    /** The fluent query builder: {@code query().whereSubject("s1").limit(5).execute()}. */
    public QueryBuilder query() {
        check();
        return new QueryBuilder(store);
    }

    /**
     * Runs a SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE query on a snapshot of the database.
     * Stored terms read as RDF terms: plain names are IRIs (relative to {@link #baseIri()}), so
     * {@code SELECT ?f WHERE { <alice> <knows> ?f }} finds what {@code add("alice", "knows", f)}
     * stored. Results stream; close the result (try-with-resources) to release the snapshot.
     *
     * @throws org.nervusdb.QuerySyntaxException naming the line and column of an error
     */
    public QueryResult sparql(String query) {
        return sparql(query, QueryOptions.defaults());
    }

    /** As {@link #sparql(String)}, with a time limit, a memory limit or a seed for RAND(). */
    public QueryResult sparql(String query, QueryOptions options) {
        check();
        return QueryEngine.run(store, Sparql.parse(query, null), options);
    }

    /**
     * Runs a SPARQL 1.1 Update request (INSERT DATA, DELETE DATA, DELETE/INSERT ... WHERE with
     * WITH and USING, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) as one atomic commit, durable
     * on return: after a crash the database holds all of its operations or none. LOAD reads
     * local files ({@code file:} IRIs) in N-Triples, N-Quads, Turtle or TriG. Returns how many
     * quads it added that were absent plus how many it removed that were present.
     *
     * @throws org.nervusdb.QuerySyntaxException naming the line and column of an error
     */
    public long update(String request) {
        return update(request, QueryOptions.defaults());
    }

    /** As {@link #update(String)}, with limits for the WHERE patterns. */
    public long update(String request, QueryOptions options) {
        check();
        org.nervusdb.query.algebra.Update parsed = Sparql.parseUpdate(request, null);
        return write(() -> org.nervusdb.query.UpdateEngine.run(store, parsed, options, LocalFiles::load));
    }

    /**
     * A shortest chain of triples from {@code from} to {@code to}, following triples from
     * subject to object along {@code predicate} (null: any predicate), at most {@code maxHops}
     * long; empty when {@code from} equals {@code to}, and empty Optional when none exists.
     */
    public java.util.Optional<List<Triple>> shortestPath(String from, String to, @Nullable String predicate, int maxHops) {
        check();
        try (TripleStore.StoreSnapshot snap = store.snapshot()) {
            return java.util.Optional.ofNullable(Traversal.shortestPath(snap, from, to, predicate, maxHops));
        }
    }

    /** Runs a query to its end and describes the plan chosen, with rows per operator. */
    public String explain(String query) {
        return explain(query, QueryOptions.defaults());
    }

    /** As {@link #explain(String)}, with the query's limits. */
    public String explain(String query, QueryOptions options) {
        check();
        return QueryEngine.explain(store, Sparql.parse(query, null), options);
    }

    /** A consistent read view that later writes do not affect; close it when done. */
    public Snapshot snapshot() {
        check();
        return store.snapshot();
    }

    /**
     * Of a read-only handle ({@link Options#readOnly}): reads the commits the writer made since
     * this handle opened or last refreshed. Snapshots, cursors and query results already open
     * keep what they saw. Returns whether anything changed.
     *
     * @throws IllegalStateException if the handle is not read-only
     */
    public boolean refresh() {
        check();
        return store.refresh();
    }

    /** Whether this handle was opened read-only ({@link Options#readOnly}). */
    public boolean isReadOnly() {
        return store.isReadOnly();
    }

    /**
     * As {@link #snapshot()}, as the core's snapshot class, which also reads at the level of term
     * ids ({@code lookup}, {@code scanQuads}, {@code term}) and runs parsed queries
     * ({@link QueryEngine#run(TripleStore.StoreSnapshot, org.nervusdb.query.algebra.Query, QueryOptions)}):
     * for adapters such as the Jena dataset. Close it when done.
     *
     * <p>An adapter hook, not part of the stable API: it returns a type of the internal package
     * {@code org.nervusdb.engine}, which module {@code org.nervusdb} exports only to NervusDB's
     * own modules ({@code org.nervusdb.jena}, {@code .rdf4j}, {@code .server}, {@code .cli}).
     */
    public TripleStore.StoreSnapshot storeSnapshot() {
        check();
        return store.snapshot();
    }

    /**
     * A read view of the database as it would be after committing {@code transaction}, which is
     * not committed: for code that buffers a transaction's writes, reads them back, and then
     * commits them with {@link #commit(Transaction)} (or drops them). Term ids new in the
     * transaction are valid in this view only; writes committed after the call are not in it.
     * Close it when done.
     *
     * <p>An adapter hook, as {@link #storeSnapshot()}: not part of the stable API.
     */
    public TripleStore.StoreSnapshot snapshotWith(Transaction transaction) {
        check();
        if (transaction == null) {
            throw new IllegalArgumentException("transaction is null");
        }
        return write(() -> store.snapshotWith(transaction));
    }

    // ------------------------------------------------------------------ maintenance

    /** Writes the in-memory part out to a table file. */
    public void flush() {
        check();
        store.flush();
    }

    /** Merges all table files into one, removing deleted entries. */
    public void compact() {
        check();
        store.compact();
    }

    public Stats stats() {
        check();
        return store.stats();
    }

    /**
     * How many times the write-ahead log was forced to disk (fsync) since this handle opened the
     * database; 0 for a database in memory or opened read-only. With {@link #logSyncNanos()}, the
     * mean fsync time, which bounds how fast durable commits can go.
     */
    public long logSyncs() {
        return store.fileSystem() instanceof DiskFileSystem ? ((DiskFileSystem) store.fileSystem()).logSyncs.get() : 0;
    }

    /** The time spent in those fsyncs of the write-ahead log, in nanoseconds. */
    public long logSyncNanos() {
        return store.fileSystem() instanceof DiskFileSystem ? ((DiskFileSystem) store.fileSystem()).logSyncNanos.get() : 0;
    }

    /**
     * Reads every block of every table, checking checksums, key order and the entry counts the
     * manifest records; returns the number of table entries checked. The blocks read go through
     * the block cache, so this also warms it.
     *
     * @throws CorruptionException naming the first damaged file and offset
     */
    public long verify() {
        check();
        return store.verify();
    }

    /**
     * Checks that the three indexes, the triple count and the dictionary agree (see
     * {@link TripleStore#checkIndexes}); returns the problems found, at most {@code maxProblems},
     * empty when consistent. Reads every index entry.
     */
    public List<String> checkIndexes(int maxProblems) {
        check();
        return store.checkIndexes(maxProblems);
    }

    /** Receives the triples (and quads of named graphs) a {@link Producer} reads. */
    @FunctionalInterface
    public interface TripleSink {
        void add(String subject, String predicate, String object);

        /**
         * Adds a quad: to the named graph {@code graph}, or to the default graph if it is null or
         * {@link Quad#DEFAULT_GRAPH} (then as {@link #add(String, String, String)}). A literal as
         * the graph: {@link InvalidTermException}. The sink of {@link NervusDB#bulkLoad(Producer)}
         * takes quads; the default takes those of the default graph only and throws
         * {@link UnsupportedOperationException} for the others.
         */
        default void add(String subject, String predicate, String object, String graph) {
            if (graph != null && !graph.equals(Quad.DEFAULT_GRAPH)) {
                throw new UnsupportedOperationException("this sink takes the default graph's triples only");
            }
            add(subject, predicate, object);
        }

        /**
         * Adds a triple given as the UTF-8 bytes of its three terms (ranges of {@code b}, read
         * during the call only). Bulk loads take these without making strings; the default
         * decodes them and calls {@link #add}. Malformed UTF-8: {@link InvalidTermException}.
         */
        default void addUtf8(byte[] b, int sOff, int sLen, int pOff, int pLen, int oOff, int oLen) {
            add(decode(b, sOff, sLen, "subject"), decode(b, pOff, pLen, "predicate"), decode(b, oOff, oLen, "object"));
        }

        /**
         * Adds a quad given as UTF-8 bytes: the triple's terms as in
         * {@link #addUtf8(byte[], int, int, int, int, int, int)}, the graph's name in
         * {@code g[gOff .. gOff + gLen)} (another array or the same; null {@code g}: the default
         * graph). The default decodes them and calls {@link #add(String, String, String, String)}.
         */
        default void addUtf8(byte[] b, int sOff, int sLen, int pOff, int pLen, int oOff, int oLen, byte[] g, int gOff, int gLen) {
            add(decode(b, sOff, sLen, "subject"), decode(b, pOff, pLen, "predicate"), decode(b, oOff, oLen, "object"),
                    g == null ? null : decode(g, gOff, gLen, "graph"));
        }

        private static String decode(byte[] b, int off, int len, String what) {
            String s = org.nervusdb.engine.Utf8.decode(b, off, len);
            if (s == null) {
                throw new InvalidTermException(what + " is not well-formed UTF-8");
            }
            return s;
        }
    }

    /** Reads triples from somewhere (a file, a parser) and hands them to a sink. */
    @FunctionalInterface
    public interface Producer {
        void produce(TripleSink sink) throws IOException;
    }

    /**
     * As {@link #bulkLoad(Iterator)}, with the triples pushed by {@code producer}, which runs on
     * a reading thread of its own: it parses while this thread looks up the terms' ids and a
     * third sorts. Triples cross as UTF-8 bytes in batches (16,384 triples or 1 MiB of terms)
     * through a bounded queue; {@link TripleSink#addUtf8} spares making strings. An exception of the producer (an
     * {@link IOException} wrapped in {@link java.io.UncheckedIOException}) ends the load with
     * nothing loaded and is rethrown here; if the load fails, the producer is stopped.
     *
     * <p>The producer may also add quads of named graphs ({@link TripleSink#add(String, String,
     * String, String)} and the UTF-8 variant): they go into their graphs, which are created if
     * new, and are sorted in six more orders, with as much memory again as the triples once the
     * first quad arrives. Returns the triples plus the quads that were new.
     */
    public long bulkLoad(Producer producer) {
        check();
        if (producer == null) {
            throw new IllegalArgumentException("producer is null");
        }
        bulkGate.writeLock().lock();
        try (BulkLoader l = store.bulkLoader(BulkLoader.DEFAULT_MEMORY, BulkLoads.THREADS)) {
            return BulkLoads.load(l, producer, name);
        } finally {
            bulkGate.writeLock().unlock();
        }
    }

    /**
     * A readable listing of one file of the database in {@code dir} (MANIFEST, NNNNNN.wal or
     * NNNNNN.sst), at most {@code max} entries or records; see {@link org.nervusdb.engine.Dump}.
     * Reads the file directly, without opening (or locking) the database.
     */
    public static String dump(Path dir, String file, long max) {
        if (file.contains("/") || file.contains("\\") || file.equals("..")) {
            throw new IllegalArgumentException("a file name inside the database directory, not a path: " + file);
        }
        return org.nervusdb.engine.Dump.file(new DiskFileSystem(dir), file, max);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes the database: stops background work, syncs the log, releases files and the lock. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (worker != null) {
                worker.shutdown();
            }
            store.close();
            if (worker != null) {
                try {
                    if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
                        worker.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    worker.shutdownNow();
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** Exposed for tests in this package. */
    TripleStore testStore() {
        return store;
    }
}
