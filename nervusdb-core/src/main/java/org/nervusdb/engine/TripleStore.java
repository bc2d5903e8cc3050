package org.nervusdb.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.nervusdb.CorruptionException;
import org.nervusdb.DatabaseClosedException;
import org.nervusdb.FormatVersionException;
import org.nervusdb.InvalidTermException;
import org.nervusdb.Quad;
import org.nervusdb.QuadCursor;
import org.nervusdb.ReadOnlyException;
import org.nervusdb.Snapshot;
import org.nervusdb.Stats;
import org.nervusdb.Transaction;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.TripleReader;
import org.nervusdb.io.FileSystem;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.rdf.RdfTerms;

/**
 * The portable triple database: a persistent dictionary (term to id and back) and three index
 * orders (SPO, POS, OSP) of id tuples in one {@link Engine}, so that every pattern of bound and
 * unbound positions is a prefix scan. The JVM and JavaScript front ends wrap this class.
 *
 * <p>Thread safety: writes serialize on an internal lock; reads run concurrently from
 * snapshots and never block on writes. Term and id caches are shared; they are safe because a
 * term's id never changes once committed.
 */
public final class TripleStore implements TripleReader, AutoCloseable {
    /** In {@link StoreSnapshot#scanQuads}: the default graph. */
    public static final long DEFAULT_GRAPH = 0;
    /** In {@link StoreSnapshot#scanQuads}: every quad of every named graph. */
    public static final long ANY_NAMED = -1;
    /** In {@link StoreSnapshot#scanQuads}: every triple of every graph, the default one included, once. */
    public static final long UNION = -2;

    /** Largest term, in UTF-8 bytes. */
    public static final int MAX_TERM_BYTES = 1 << 20;

    private static final byte[] INDEX_START = {Keys.SPO};
    private static final byte[] INDEX_END = {Keys.OSP + 1};

    final Engine engine; // package-private for tests that damage the layout on purpose
    private final FileSystem fs;
    private final Object writeLock = new Object();
    private final TermCache termCache;
    private final int termCacheLimit;
    // Guarded by writeLock.
    private long nextId;
    private long count;
    private long quads; // in named graphs
    private String base;
    private BulkLoader bulk;

    private TripleStore(Engine engine, FileSystem fs, int cacheEntries) {
        this.engine = engine;
        this.fs = fs;
        this.termCache = new TermCache(cacheEntries);
        this.termCacheLimit = cacheEntries;
    }

    /** Opens or creates a store; recovers from the write-ahead log if the last run crashed. */
    public static TripleStore open(FileSystem fs, StoreOptions options) {
        return start(Engine.open(fs, engineOptions(options)), fs, options);
    }

    /**
     * Opens an existing store for reading only, beside a writer that may be working on the same
     * files (in another process, say): nothing is created, written or deleted, and writes throw
     * {@link ReadOnlyException}; {@link #refresh} reads newer commits. A store whose layout
     * needs an upgrade is refused.
     */
    public static TripleStore openReadOnly(FileSystem fs, StoreOptions options) {
        return start(Engine.openReadOnly(fs, engineOptions(options)), fs, options);
    }

    private static EngineOptions engineOptions(StoreOptions options) {
        EngineOptions eo = new EngineOptions();
        eo.memtableBytes = options.memtableBytes;
        eo.blockCacheBytes = options.blockCacheBytes;
        eo.syncOnCommit = options.syncOnCommit;
        eo.inlineCompaction = options.inlineCompaction;
        eo.backgroundWorkDue = options.backgroundWorkDue;
        eo.keyShape = Keys.SHAPE;
        eo.closeCheckpointBytes = options.closeCheckpointBytes;
        return eo;
    }

    private static TripleStore start(Engine engine, FileSystem fs, StoreOptions options) {
        TripleStore s = new TripleStore(engine, fs, options.termCacheEntries);
        try {
            s.init(options.baseIri);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return s;
    }

    /** A store held in memory only. */
    public static TripleStore openInMemory(StoreOptions options) {
        StoreOptions o = options.copy();
        o.syncOnCommit = false;
        return open(new MemFileSystem(), o);
    }

    private void init(String baseIri) {
        if (baseIri != null) {
            checkBase(baseIri);
        }
        int lv;
        try (Engine.View v = engine.view()) {
            byte[] layout = v.get(Keys.LAYOUT);
            if (layout == null) {
                if (v.get(Keys.NEXT_ID) != null) {
                    throw new CorruptionException("(meta)", -1, "layout version missing");
                }
                if (engine.isReadOnly()) {
                    throw new ReadOnlyException("no store here yet, and a read-only open cannot create one", null);
                }
                base = baseIri == null ? DEFAULT_BASE : baseIri;
                WriteBatch b = new WriteBatch();
                b.put(Keys.LAYOUT, layoutRecord(Keys.LAYOUT_VERSION));
                b.put(Keys.NEXT_ID, Keys.u64(1));
                b.put(Keys.COUNT, Keys.u64(0));
                b.put(Keys.QUADS, Keys.u64(0));
                b.put(Keys.BASE, Utf8.encode(base, "base IRI"));
                engine.write(b);
                nextId = 1;
                count = 0;
                quads = 0;
                return;
            }
            if (layout.length != 4) {
                throw new CorruptionException("(meta)", -1, "bad layout version record");
            }
            lv = Bytes.getIntLE(layout, 0);
            if (lv < Keys.LAYOUT_TRIPLES || lv > Keys.LAYOUT_VERSION) {
                throw new FormatVersionException("(key layout)", lv, Keys.LAYOUT_VERSION);
            }
            nextId = readU64(v, Keys.NEXT_ID);
            count = readU64(v, Keys.COUNT);
            if (lv == Keys.LAYOUT_VERSION) {
                quads = readU64(v, Keys.QUADS);
                byte[] bv = v.get(Keys.BASE);
                base = bv == null ? null : Utf8.decode(bv, 0, bv.length);
                if (base == null) {
                    throw new CorruptionException("(meta)", -1, "missing or malformed base IRI");
                }
            }
        }
        if (lv < Keys.LAYOUT_VERSION && engine.isReadOnly()) {
            throw new ReadOnlyException("the store has key layout " + lv + ", which an open for writing upgrades to "
                    + Keys.LAYOUT_VERSION + "; a read-only open cannot: open it once for writing", null);
        }
        if (lv < Keys.LAYOUT_LANGUAGE_TAGS) {
            upgradeLanguageTags();
        }
        if (lv < Keys.LAYOUT_VERSION) {
            // Layout 4 adds named graphs, whose keyspaces are empty in an older store: two meta
            // keys and the new version, in one commit.
            base = baseIri == null ? DEFAULT_BASE : baseIri;
            WriteBatch b = new WriteBatch();
            b.put(Keys.QUADS, Keys.u64(0));
            b.put(Keys.BASE, Utf8.encode(base, "base IRI"));
            b.put(Keys.LAYOUT, layoutRecord(Keys.LAYOUT_VERSION));
            engine.write(b);
            quads = 0;
        } else if (baseIri != null && !baseIri.equals(base)) {
            throw new IllegalArgumentException("the store's base IRI is " + base + ", not " + baseIri
                    + "; it is chosen when a store is created");
        }
    }

    /** The base IRI of stores created without one: a name that never resolves (RFC 2606's .invalid). */
    public static final String DEFAULT_BASE = "http://nervusdb.invalid/";

    /** Throws IllegalArgumentException unless {@code iri} is an absolute IRI fit to be a base. */
    static void checkBase(String iri) {
        if (RdfTerms.schemeLength(iri) <= 0) {
            throw new IllegalArgumentException("base IRI must be absolute (have a scheme such as http:): " + iri);
        }
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c <= ' ' || "<>\"{}|^`\\".indexOf(c) >= 0) {
                throw new IllegalArgumentException("base IRI has a character IRIs cannot hold: " + iri);
            }
        }
    }

    /**
     * The store's base IRI: relative IRIs (plain names such as {@code alice}) stand for this IRI
     * followed by the name in files other tools read ({@link RdfTerms#resolve}).
     */
    public String baseIri() {
        return base;
    }

    private static byte[] layoutRecord(int version) {
        byte[] lv = new byte[4];
        Bytes.putIntLE(lv, 0, version);
        return lv;
    }

    /**
     * Layouts 1 and 2 kept the language tags of literals in lower case; layout 3 keeps them in
     * the case BCP 47 recommends, as {@link RdfTerms#literal} spells them. Renames every stored
     * literal whose tag changes (its id stays, so nothing else changes), in commits of at most
     * {@link #UPGRADE_BATCH} terms, then records layout 3. An upgrade cut short is taken up
     * again at the next open: renamed terms are left as they are. A literal whose new spelling
     * is already stored under another id (only possible for terms written without
     * {@link RdfTerms}) keeps its old one.
     */
    private void upgradeLanguageTags() {
        byte[] start = {Keys.TERM, '"'};
        byte[] end = {Keys.TERM, '"' + 1};
        while (true) {
            WriteBatch b = new WriteBatch();
            int renamed = 0;
            // New spellings put by this commit, which the view does not see (earlier commits' it does).
            java.util.Set<String> taken = new java.util.HashSet<>();
            try (Engine.View v = engine.view()) {
                Engine.Scan terms = v.scan(start, end, null);
                while (renamed < UPGRADE_BATCH && terms.next()) {
                    byte[] key = terms.key();
                    start = java.util.Arrays.copyOf(key, key.length + 1); // where the next commit's scan goes on
                    String term = Utf8.decode(key, 1, key.length - 1);
                    String cased = RdfTerms.withLanguageTagCase(term);
                    if (cased == term || !taken.add(cased)) {
                        continue;
                    }
                    byte[] utf8 = Utf8.encode(cased, "term");
                    byte[] casedKey = Keys.term(utf8);
                    if (v.get(casedKey) != null) {
                        continue;
                    }
                    byte[] id = terms.value();
                    b.delete(key);
                    b.put(casedKey, id);
                    b.put(Keys.id(Bytes.getId(id, 0, id.length)), utf8);
                    renamed++;
                }
            }
            if (renamed < UPGRADE_BATCH) {
                b.put(Keys.LAYOUT, layoutRecord(Keys.LAYOUT_LANGUAGE_TAGS));
                engine.write(b);
                return;
            }
            engine.write(b);
        }
    }

    /** Terms renamed in one commit of {@link #upgradeLanguageTags}. */
    static final int UPGRADE_BATCH = 50_000;

    private static long readU64(Engine.View v, byte[] key) {
        byte[] b = v.get(key);
        if (b == null || b.length != 8) {
            throw new CorruptionException("(meta)", -1, "missing or malformed counter " + Bytes.hex(key, 4));
        }
        return Bytes.getLongLE(b, 0);
    }

    // ------------------------------------------------------------------ writes

    public boolean add(String s, String p, String o) {
        return addAll(Collections.singletonList(new Triple(s, p, o))) == 1;
    }

    /** Adds a quad: to the default graph if {@code g} is null or {@link Quad#DEFAULT_GRAPH}. */
    public boolean add(String s, String p, String o, String g) {
        return addQuads(Collections.singletonList(new Quad(s, p, o, g))) == 1;
    }

    /** The number of statements; a null collection is an invalid term like a null statement in one. */
    private static int size(Collection<?> statements, String what) {
        if (statements == null) {
            throw new InvalidTermException(what + " is null");
        }
        return statements.size();
    }

    /**
     * A graph name as stored: null for the default graph (null or {@link Quad#DEFAULT_GRAPH}),
     * else an IRI or blank node; a literal cannot name a graph.
     */
    public static String graphName(String g) {
        if (g == null || g.equals(Quad.DEFAULT_GRAPH)) {
            return null;
        }
        if (RdfTerms.isLiteral(g)) {
            throw new InvalidTermException("a literal cannot name a graph: " + (g.length() > 64 ? g.substring(0, 64) + "..." : g));
        }
        return g;
    }

    /**
     * Adds all triples to the default graph in one atomic commit (one log record, one fsync).
     * Returns how many were not already present. Validates every term before writing anything.
     */
    public long addAll(Collection<Triple> triples) {
        return insert(triples(triples));
    }

    /** The terms of the triples, validated and encoded once each. */
    private static TermBatch triples(Collection<Triple> triples) {
        TermBatch b = new TermBatch(size(triples, "triples"));
        for (Triple t : triples) {
            if (t == null) {
                throw new InvalidTermException("triple " + b.n + " is null");
            }
            b.add(t.subject(), t.predicate(), t.object(), null);
        }
        return b;
    }

    /** The terms of the quads, validated and encoded once each; the graph of the default graph's as -1. */
    private static TermBatch quads(Collection<Quad> quads) {
        TermBatch b = new TermBatch(size(quads, "quads"));
        for (Quad q : quads) {
            if (q == null) {
                throw new InvalidTermException("quad " + b.n + " is null");
            }
            b.add(q.subject(), q.predicate(), q.object(), graphName(q.graph()));
        }
        return b;
    }

    /**
     * Adds all quads in one atomic commit, as {@link #addAll}; a quad whose graph is null or
     * {@link Quad#DEFAULT_GRAPH} goes to the default graph.
     */
    public long addQuads(Collection<Quad> quads) {
        return insert(quads(quads));
    }

    /**
     * Adds triples to the default graph in one atomic commit, as {@link #addAll}, given as a list
     * of terms and, three per triple, the index of its subject, predicate and object in that
     * list: a batch whose terms repeat is validated, encoded and looked up once per term.
     *
     * @throws IllegalArgumentException if an index is out of range or {@code refs} is not whole triples
     */
    public long addAll(String[] terms, int[] refs) {
        if (refs.length % 3 != 0) {
            throw new IllegalArgumentException(refs.length + " term references are not whole triples");
        }
        TermBatch b = new TermBatch(refs.length / 3);
        // The terms are distinct as given; only where spelling them as stored makes two alike
        // must the batch look each one up.
        String[] stored = new String[terms.length];
        boolean alike = false;
        for (int i = 0; i < terms.length; i++) {
            stored[i] = canonical(terms[i]);
            alike |= stored[i] != terms[i];
        }
        int[] to = new int[terms.length]; // index in b plus one; 0 while not yet referenced
        for (int i = 0; i < refs.length; i++) {
            int r = refs[i];
            if (r < 0 || r >= terms.length) {
                throw new IllegalArgumentException("term reference " + r + " is outside the list of " + terms.length);
            }
            if (to[r] == 0) {
                to[r] = b.ref(stored[r], POSITIONS[i % 3], alike) + 1;
            }
            b.refs[i / 3 * 4 + i % 3] = to[r] - 1;
        }
        for (int t = 0; t < b.refs.length; t += 4) {
            b.refs[t + 3] = -1;
        }
        b.n = refs.length / 3;
        return insert(b);
    }

    private static final String[] POSITIONS = {"subject", "predicate", "object"};

    /**
     * The statements of one write as their distinct terms, each validated and encoded once, and
     * four references a statement into them (the graph -1 for the default graph).
     */
    static final class TermBatch {
        final Map<String, Integer> index = new HashMap<>();
        final List<String> terms = new ArrayList<>();
        final List<byte[]> enc = new ArrayList<>();
        final int[] refs;
        int n;

        TermBatch(int statements) {
            refs = new int[statements * 4];
        }

        /** Adds a statement; {@code g} null for the default graph, else a graph name as stored. */
        void add(String s, String p, String o, String g) {
            int i = n * 4;
            refs[i] = ref(canonical(s), "subject", true);
            refs[i + 1] = ref(canonical(p), "predicate", true);
            refs[i + 2] = ref(canonical(o), "object", true);
            refs[i + 3] = g == null ? -1 : ref(g, "graph", true);
            n++;
        }

        /**
         * The index of a term (canonical), validated and encoded on its first use; with {@code
         * mayRepeat} false the caller knows it is not in the batch yet, and it is not looked up.
         */
        int ref(String term, String what, boolean mayRepeat) {
            Integer k = mayRepeat ? index.get(term) : null;
            if (k == null) {
                enc.add(encode(term, what));
                k = terms.size();
                terms.add(term);
                if (mayRepeat) {
                    index.put(term, k);
                }
            }
            return k;
        }
    }

    private long insert(TermBatch tb) {
        int n = tb.n;
        int[] refs = tb.refs;
        int m = tb.terms.size();
        synchronized (writeLock) {
            checkWritable();
            WriteBatch b = new WriteBatch((int) Math.min(64L << 20, n * 48L));
            long[] ids = new long[m];
            boolean[] fresh = new boolean[m];
            int freshCount = 0;
            IdTripleSet seen = new IdTripleSet(n);
            long next = nextId;
            long added = 0;
            long addedQuads = 0;
            java.util.Set<Long> graphs = null;
            try (Engine.View v = engine.view()) {
                for (int k = 0; k < m; k++) {
                    byte[] enc = tb.enc.get(k);
                    Long id = lookupId(v, tb.terms.get(k), enc);
                    if (id == null) {
                        id = next++;
                        fresh[k] = true;
                        freshCount++;
                        b.putTagged(Keys.TERM, enc, Keys.idValue(id));
                        b.putTagged(Keys.ID, Keys.idValue(id), enc);
                    }
                    ids[k] = id;
                }
                for (int t = 0; t < n * 4; t += 4) {
                    int rg = refs[t + 3];
                    boolean isNew = fresh[refs[t]] || fresh[refs[t + 1]] || fresh[refs[t + 2]] || rg >= 0 && fresh[rg];
                    long s = ids[refs[t]];
                    long p = ids[refs[t + 1]];
                    long o = ids[refs[t + 2]];
                    long g = rg < 0 ? 0 : ids[rg];
                    if (!seen.add(s, p, o, g)) {
                        continue;
                    }
                    if (g == 0) {
                        if (!isNew && v.get(Keys.index(Keys.SPO, s, p, o)) != null) {
                            continue;
                        }
                        b.putIds(Keys.SPO, s, p, o);
                        b.putIds(Keys.POS, p, o, s);
                        b.putIds(Keys.OSP, o, s, p);
                        added++;
                    } else {
                        if (!isNew && v.get(Keys.index4(Keys.GSPO, g, s, p, o)) != null) {
                            continue;
                        }
                        for (byte[] k : quadKeys(s, p, o, g)) {
                            b.put(k, Bytes.EMPTY);
                        }
                        if (graphs == null) {
                            graphs = new java.util.HashSet<>();
                        }
                        if (graphs.add(g)) {
                            byte[] gk = Keys.index(Keys.GRAPHS, g, -1, -1);
                            if (v.get(gk) == null) {
                                b.put(gk, Bytes.EMPTY);
                            }
                        }
                        addedQuads++;
                    }
                }
            }
            if (b.isEmpty()) {
                return 0;
            }
            if (next != nextId) {
                b.put(Keys.NEXT_ID, Keys.u64(next));
            }
            if (added > 0) {
                b.put(Keys.COUNT, Keys.u64(count + added));
            }
            if (addedQuads > 0) {
                b.put(Keys.QUADS, Keys.u64(quads + addedQuads));
            }
            engine.write(b);
            nextId = next;
            count += added;
            quads += addedQuads;
            // Cache the new terms of small commits; a bulk load would only churn the cache.
            if (freshCount <= termCacheLimit / 16) {
                for (int k = 0; k < m; k++) {
                    if (fresh[k]) {
                        termCache.put(tb.terms.get(k), ids[k]);
                    }
                }
            }
            return added + addedQuads;
        }
    }

    /** The six index keys of a quad in a named graph. */
    static byte[][] quadKeys(long s, long p, long o, long g) {
        return new byte[][] {
            Keys.index4(Keys.SPOG, s, p, o, g), Keys.index4(Keys.POSG, p, o, s, g), Keys.index4(Keys.OSPG, o, s, p, g),
            Keys.index4(Keys.GSPO, g, s, p, o), Keys.index4(Keys.GPOS, g, p, o, s), Keys.index4(Keys.GOSP, g, o, s, p)};
    }

    /** Refuses writes to a store opened read-only, and while a bulk load runs. */
    private void checkWritable() {
        if (engine.isReadOnly()) {
            throw new ReadOnlyException("database was opened read-only", null);
        }
        checkNoBulkLoad();
    }

    private void checkNoBulkLoad() {
        if (bulk != null) {
            throw new IllegalStateException("a bulk load is in progress; writes wait until it finishes or is aborted");
        }
    }

    // ------------------------------------------------------------------ bulk loading

    /**
     * Starts a bulk load (see {@link BulkLoader}). Until it finishes or is aborted, other writes
     * throw {@link IllegalStateException}; reads and snapshots go on. {@code memoryBytes}
     * bounds the triples held in memory before a sorted run is written to a temporary file (and,
     * once the load is given a quad of a named graph, the quads likewise).
     */
    public BulkLoader bulkLoader(long memoryBytes) {
        return bulkLoader(memoryBytes, null);
    }

    /**
     * A bulk loader; with {@code background} (null: none), full chunks are sorted and written
     * by a background task while the input goes on (twice the chunk memory).
     */
    public BulkLoader bulkLoader(long memoryBytes, BulkLoader.Background background) {
        synchronized (writeLock) {
            checkWritable();
            bulk = new BulkLoader(this, engine, nextId, count, quads, memoryBytes, background);
            return bulk;
        }
    }

    Object writeLock() {
        return writeLock;
    }

    /** Called by the loader under {@link #writeLock()} once its tables are live (or it ended without any). */
    void bulkInstalled(BulkLoader b, long newNextId, long newCount, long newQuads) {
        if (bulk == b) {
            nextId = newNextId;
            count = newCount;
            quads = newQuads;
            bulk = null;
        }
    }

    void bulkAborted(BulkLoader b) {
        synchronized (writeLock) {
            if (bulk == b) {
                bulk = null;
            }
        }
    }

    /** The id of a committed term, or null (for the bulk loader; uses the term cache). */
    /** The committed id of the term with these UTF-8 bytes, or 0 if the dictionary lacks it. */
    long committedId(Engine.View v, byte[] b, int off, int len) {
        byte[] key = new byte[len + 1];
        key[0] = Keys.TERM;
        System.arraycopy(b, off, key, 1, len);
        byte[] val = v.get(key);
        if (val == null) {
            return 0;
        }
        long x = Bytes.getId(val, 0, val.length);
        if (x <= 0 || Bytes.idLength(x) != val.length) {
            throw new CorruptionException("(dictionary)", -1, "malformed id for term of " + len + " bytes");
        }
        return x;
    }

    /** Removes a triple of the default graph; returns whether it was present. Terms stay in the dictionary. */
    public boolean delete(String s, String p, String o) {
        return deleteAll(Collections.singletonList(new Triple(s, p, o))) == 1;
    }

    /** Removes a quad (of the default graph if {@code g} is null); returns whether it was present. */
    public boolean delete(String s, String p, String o, String g) {
        return deleteQuads(Collections.singletonList(new Quad(s, p, o, g))) == 1;
    }

    /**
     * Removes all the triples from the default graph in one atomic commit (one log record, one
     * fsync); returns how many were present. Validates every term before writing anything.
     * Terms stay in the dictionary.
     */
    public long deleteAll(Collection<Triple> triples) {
        return remove(triples(triples));
    }

    /** Removes all the quads in one atomic commit, as {@link #deleteAll}. A named graph stays, empty or not. */
    public long deleteQuads(Collection<Quad> quads) {
        return remove(quads(quads));
    }

    private long remove(TermBatch tb) {
        int[] refs = tb.refs;
        synchronized (writeLock) {
            checkWritable();
            WriteBatch b = new WriteBatch();
            IdTripleSet seen = new IdTripleSet(tb.n);
            long removed = 0;
            long removedQuads = 0;
            try (Engine.View v = engine.view()) {
                long[] ids = new long[tb.terms.size()];
                for (int k = 0; k < ids.length; k++) {
                    Long id = lookupId(v, tb.terms.get(k), tb.enc.get(k));
                    ids[k] = id == null ? 0 : id;
                }
                for (int t = 0; t < tb.n * 4; t += 4) {
                    long si = ids[refs[t]];
                    long pi = ids[refs[t + 1]];
                    long oi = ids[refs[t + 2]];
                    long gi = refs[t + 3] < 0 ? 0 : ids[refs[t + 3]];
                    if (si == 0 || pi == 0 || oi == 0 || refs[t + 3] >= 0 && gi == 0 || !seen.add(si, pi, oi, gi)) {
                        continue;
                    }
                    if (gi != 0) {
                        byte[][] keys = quadKeys(si, pi, oi, gi);
                        if (v.get(keys[3]) == null) {
                            continue;
                        }
                        for (byte[] k : keys) {
                            b.delete(k);
                        }
                        removedQuads++;
                        continue;
                    }
                    byte[] spo = Keys.index(Keys.SPO, si, pi, oi);
                    if (v.get(spo) == null) {
                        continue;
                    }
                    b.delete(spo);
                    b.delete(Keys.index(Keys.POS, pi, oi, si));
                    b.delete(Keys.index(Keys.OSP, oi, si, pi));
                    byte[] propsKey = Keys.ids(Keys.EDGE_PROPS, si, pi, oi);
                    byte[] props = v.get(propsKey);
                    if (props != null) {
                        b.delete(propsKey);
                        for (byte[] k : indexKeys(props, "(edge properties)", si, pi, oi)) {
                            b.delete(k);
                        }
                    }
                    removed++;
                }
            }
            if (removed + removedQuads == 0) {
                return 0;
            }
            if (removed > 0) {
                b.put(Keys.COUNT, Keys.u64(count - removed));
            }
            if (removedQuads > 0) {
                b.put(Keys.QUADS, Keys.u64(quads - removedQuads));
            }
            engine.write(b);
            count -= removed;
            quads -= removedQuads;
            return removed + removedQuads;
        }
    }

    // ------------------------------------------------------------------ transactions, properties, labels

    /** The index entries of a property map: of node {@code ids[0]}, or of edge {@code ids} (three ids). */
    private static byte[][] indexKeys(byte[] map, String where, long... ids) {
        int[] e = PropertyValues.entries(map, where);
        byte[][] keys = new byte[e.length / 4][];
        for (int i = 0; i < keys.length; i++) {
            int j = 4 * i;
            keys[i] = ids.length == 3 ? Keys.edgePropIndex(map, e[j], e[j + 1], e[j + 2], e[j + 3], ids[0], ids[1], ids[2])
                    : Keys.nodePropIndex(map, e[j], e[j + 1], e[j + 2], e[j + 3], ids[0]);
        }
        return keys;
    }

    /**
     * Applies a transaction's writes in order as one atomic commit (one log record, one fsync):
     * all of them, or, if any fails (a {@link org.nervusdb.NotFoundException}, an I/O error),
     * none. Secondary indexes (labels, property values) change in the same commit. Returns how
     * many triples it added that were absent plus how many it removed that were present.
     */
    public long commit(Transaction tx) {
        if (tx.isEmpty()) {
            return 0;
        }
        synchronized (writeLock) {
            checkWritable();
            try (Engine.View v = engine.view()) {
                Commit c = new Commit(v);
                for (WriteOp op : WriteOp.of(tx)) {
                    c.apply(op);
                }
                WriteBatch b = c.batch();
                if (b.isEmpty()) {
                    return 0;
                }
                engine.write(b);
                nextId = c.next;
                count = c.count;
                quads = c.quads;
                return c.changed;
            }
        }
    }

    /**
     * A snapshot of the store as it would be after committing {@code tx}, which is not
     * committed: for a request whose later operations read what its earlier ones wrote (SPARQL
     * Update). Term ids new in {@code tx} are valid within this snapshot only. Call it from
     * {@link #exclusive}, so that no other write comes between it and the commit.
     */
    public StoreSnapshot snapshotWith(Transaction tx) {
        synchronized (writeLock) {
            checkWritable();
            WriteBatch b;
            try (Engine.View v = engine.view()) {
                Commit c = new Commit(v);
                for (WriteOp op : WriteOp.of(tx)) {
                    c.apply(op);
                }
                b = c.batch();
            }
            return new StoreSnapshot(engine.view(b), true);
        }
    }

    /**
     * Runs {@code work} with the store's writes held back: other threads' writes wait until it
     * returns, while reads go on. Commits inside it are allowed.
     */
    public <T> T exclusive(java.util.function.Supplier<T> work) {
        synchronized (writeLock) {
            checkWritable();
            return work.get();
        }
    }

    /** One commit in progress: its writes so far, read back by its later writes. Guarded by writeLock. */
    private final class Commit {
        static final byte[] GONE = new byte[0];
        final Engine.View view;
        // The last write of each key, in order of first write (the batch is applied as a whole).
        final java.util.LinkedHashMap<Key, byte[]> writes = new java.util.LinkedHashMap<>();
        final Map<String, Long> fresh = new HashMap<>();
        long next = nextId;
        long count = TripleStore.this.count;
        long quads = TripleStore.this.quads;
        long changed; // triples and quads added that were absent, and removed that were present

        Commit(Engine.View view) {
            this.view = view;
        }

        /** The commit's writes as one batch, with the counters that changed. */
        WriteBatch batch() {
            WriteBatch b = new WriteBatch();
            for (Map.Entry<Key, byte[]> e : writes.entrySet()) {
                if (e.getValue() == GONE) {
                    b.delete(e.getKey().bytes);
                } else {
                    b.put(e.getKey().bytes, e.getValue());
                }
            }
            if (next != nextId) {
                b.put(Keys.NEXT_ID, Keys.u64(next));
            }
            if (count != TripleStore.this.count) {
                b.put(Keys.COUNT, Keys.u64(count));
            }
            if (quads != TripleStore.this.quads) {
                b.put(Keys.QUADS, Keys.u64(quads));
            }
            return b;
        }

        /** A key as a map key: equal by content. */
        final class Key {
            final byte[] bytes;
            private final int hash;

            Key(byte[] bytes) {
                this.bytes = bytes;
                this.hash = java.util.Arrays.hashCode(bytes);
            }

            @Override
            public int hashCode() {
                return hash;
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Key && java.util.Arrays.equals(bytes, ((Key) o).bytes);
            }
        }

        byte[] get(byte[] key) {
            byte[] w = writes.get(new Key(key));
            if (w != null) {
                return w == GONE ? null : w;
            }
            return view.get(key);
        }

        void put(byte[] key, byte[] value) {
            writes.put(new Key(key), value);
        }

        void delete(byte[] key) {
            writes.put(new Key(key), GONE);
        }

        /** Writes (or with {@code add} false deletes) the index entries of a property map. */
        void index(byte[] map, boolean add, long... ids) {
            for (byte[] k : indexKeys(map, ids.length == 3 ? "(edge properties)" : "(node properties)", ids)) {
                if (add) {
                    put(k, Bytes.EMPTY);
                } else {
                    delete(k);
                }
            }
        }

        /** Deletes the properties of edge (s, p, o), if any, and their index entries. */
        void dropEdgeProperties(long s, long p, long o) {
            byte[] key = Keys.ids(Keys.EDGE_PROPS, s, p, o);
            byte[] old = get(key);
            if (old != null) {
                delete(key);
                index(old, false, s, p, o);
            }
        }

        /** The id of a term: committed, new in this commit, or (with {@code create}) assigned now; 0 if absent. */
        long id(String term, byte[] utf8, boolean create) {
            Long id = fresh.get(term);
            if (id != null) {
                return id;
            }
            id = lookupId(view, term, utf8);
            if (id != null) {
                return id;
            }
            if (!create) {
                return 0;
            }
            long x = next++;
            fresh.put(term, x);
            put(Keys.term(utf8), Keys.idValue(x));
            put(Keys.id(x), utf8);
            return x;
        }

        /** Adds quad (s, p, o) to named graph g (ids); whether it was absent. */
        boolean addQuad(long s, long p, long o, long g) {
            byte[][] keys = quadKeys(s, p, o, g);
            if (get(keys[3]) != null) {
                return false;
            }
            for (byte[] k : keys) {
                put(k, Bytes.EMPTY);
            }
            byte[] gk = Keys.index(Keys.GRAPHS, g, -1, -1);
            if (get(gk) == null) {
                put(gk, Bytes.EMPTY);
            }
            quads++;
            changed++;
            return true;
        }

        boolean deleteQuad(long s, long p, long o, long g) {
            byte[][] keys = quadKeys(s, p, o, g);
            if (get(keys[3]) == null) {
                return false;
            }
            for (byte[] k : keys) {
                delete(k);
            }
            quads--;
            changed++;
            return true;
        }

        boolean deleteTriple(long s, long p, long o) {
            byte[] spo = Keys.index(Keys.SPO, s, p, o);
            if (get(spo) == null) {
                return false;
            }
            delete(spo);
            delete(Keys.index(Keys.POS, p, o, s));
            delete(Keys.index(Keys.OSP, o, s, p));
            count--;
            changed++;
            dropEdgeProperties(s, p, o);
            return true;
        }

        /**
         * Deletes every statement of graph g (an id; 0 for the default graph): those committed
         * and those added earlier in this commit.
         */
        void clear(long g) {
            byte[] prefix = g == 0 ? new byte[] {Keys.SPO} : Keys.index(Keys.GSPO, g, -1, -1);
            java.util.List<byte[]> keys = new java.util.ArrayList<>();
            Engine.Scan scan = view.scan(prefix, Bytes.prefixEnd(prefix), prefix.length > 1 ? prefix : null);
            while (scan.next()) {
                keys.add(scan.key());
            }
            for (Map.Entry<Key, byte[]> e : writes.entrySet()) {
                byte[] k = e.getKey().bytes;
                if (e.getValue() != GONE && k.length > prefix.length && Bytes.compare(k, 0, prefix.length, prefix, 0, prefix.length) == 0) {
                    keys.add(k);
                }
            }
            for (byte[] k : keys) {
                long[] ids = Keys.decodeIds(k, g == 0 ? 3 : 4);
                if (g == 0) {
                    deleteTriple(ids[0], ids[1], ids[2]);
                } else {
                    deleteQuad(ids[1], ids[2], ids[3], g);
                }
            }
        }

        void apply(WriteOp op) {
            switch (op.kind) {
                case WriteOp.ADD_QUAD: {
                    long g = id(op.g, op.utf8[3], true);
                    addQuad(id(op.s, op.utf8[0], true), id(op.p, op.utf8[1], true), id(op.o, op.utf8[2], true), g);
                    break;
                }
                case WriteOp.DELETE_QUAD: {
                    long s = id(op.s, op.utf8[0], false);
                    long p = id(op.p, op.utf8[1], false);
                    long o = id(op.o, op.utf8[2], false);
                    long g = id(op.g, op.utf8[3], false);
                    if (s != 0 && p != 0 && o != 0 && g != 0) {
                        deleteQuad(s, p, o, g);
                    }
                    break;
                }
                case WriteOp.CREATE_GRAPH: {
                    long g = id(op.g, op.utf8[0], true);
                    byte[] gk = Keys.index(Keys.GRAPHS, g, -1, -1);
                    if (get(gk) == null) {
                        put(gk, Bytes.EMPTY);
                    }
                    break;
                }
                case WriteOp.CLEAR_GRAPH:
                case WriteOp.DROP_GRAPH: {
                    long g = op.g == null ? 0 : id(op.g, op.utf8[0], false);
                    if (op.g != null && g == 0) {
                        break; // no such term, so no such graph
                    }
                    clear(g);
                    if (g != 0 && op.kind == WriteOp.DROP_GRAPH) {
                        byte[] gk = Keys.index(Keys.GRAPHS, g, -1, -1);
                        if (get(gk) != null) {
                            delete(gk);
                        }
                    }
                    break;
                }
                case WriteOp.ADD: {
                    long s = id(op.s, op.utf8[0], true);
                    long p = id(op.p, op.utf8[1], true);
                    long o = id(op.o, op.utf8[2], true);
                    byte[] spo = Keys.index(Keys.SPO, s, p, o);
                    if (get(spo) == null) {
                        put(spo, Bytes.EMPTY);
                        put(Keys.index(Keys.POS, p, o, s), Bytes.EMPTY);
                        put(Keys.index(Keys.OSP, o, s, p), Bytes.EMPTY);
                        count++;
                        changed++;
                    }
                    break;
                }
                case WriteOp.DELETE: {
                    long s = id(op.s, op.utf8[0], false);
                    long p = id(op.p, op.utf8[1], false);
                    long o = id(op.o, op.utf8[2], false);
                    if (s != 0 && p != 0 && o != 0) {
                        deleteTriple(s, p, o);
                    }
                    break;
                }
                case WriteOp.NODE_PROPERTIES: {
                    long n = id(op.s, op.utf8[0], op.value != null);
                    if (n == 0) {
                        break;
                    }
                    byte[] key = Keys.ids(Keys.NODE_PROPS, n, -1, -1);
                    byte[] old = get(key);
                    if (old != null) {
                        index(old, false, n);
                        delete(key);
                    }
                    if (op.value != null) {
                        put(key, op.value);
                        index(op.value, true, n);
                    }
                    break;
                }
                case WriteOp.EDGE_PROPERTIES: {
                    long s = id(op.s, op.utf8[0], false);
                    long p = id(op.p, op.utf8[1], false);
                    long o = id(op.o, op.utf8[2], false);
                    if (s == 0 || p == 0 || o == 0 || get(Keys.index(Keys.SPO, s, p, o)) == null) {
                        throw new org.nervusdb.NotFoundException("no triple (" + op.s + ", " + op.p + ", " + op.o
                                + ") to hold edge properties");
                    }
                    dropEdgeProperties(s, p, o);
                    if (op.value != null) {
                        put(Keys.ids(Keys.EDGE_PROPS, s, p, o), op.value);
                        index(op.value, true, s, p, o);
                    }
                    break;
                }
                case WriteOp.ADD_LABELS: {
                    if (op.labels.length == 0) {
                        break;
                    }
                    long n = id(op.s, op.utf8[0], true);
                    for (byte[] l : op.labels) {
                        put(Keys.label(n, l), Bytes.EMPTY);
                        put(Keys.labelIndex(l, n), Bytes.EMPTY);
                    }
                    break;
                }
                case WriteOp.REMOVE_LABELS: {
                    long n = id(op.s, op.utf8[0], false);
                    if (n == 0) {
                        break;
                    }
                    for (byte[] l : op.labels) {
                        byte[] key = Keys.label(n, l);
                        if (get(key) != null) {
                            delete(key);
                            delete(Keys.labelIndex(l, n));
                        }
                    }
                    break;
                }
                default:
                    throw new IllegalStateException("unknown write " + op.kind);
            }
        }
    }

    /** The properties of a node (empty if none, or no such term). */
    @Override
    public Map<String, Object> nodeProperties(String node) {
        try (StoreSnapshot snap = snapshot()) {
            return snap.nodeProperties(node);
        }
    }

    /** The properties of the edge (triple) s p o (empty if none). */
    @Override
    public Map<String, Object> edgeProperties(String s, String p, String o) {
        try (StoreSnapshot snap = snapshot()) {
            return snap.edgeProperties(s, p, o);
        }
    }

    /** A node's labels, in UTF-8 byte order. */
    @Override
    public List<String> labels(String node) {
        try (StoreSnapshot snap = snapshot()) {
            return snap.labels(node);
        }
    }

    /** The nodes with a label, in id order. */
    @Override
    public List<String> nodesWithLabel(String label) {
        try (StoreSnapshot snap = snapshot()) {
            return snap.nodesWithLabel(label);
        }
    }

    /** The nodes whose property {@code name} satisfies {@code condition}, in index order. */
    @Override
    public List<String> nodesWhere(String name, org.nervusdb.PropertyCondition condition) {
        try (StoreSnapshot snap = snapshot()) {
            return snap.nodesWhere(name, condition);
        }
    }

    /** The edges whose property {@code name} satisfies {@code condition}, in index order. */
    @Override
    public List<Triple> edgesWhere(String name, org.nervusdb.PropertyCondition condition) {
        try (StoreSnapshot snap = snapshot()) {
            return snap.edgesWhere(name, condition);
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    public TripleCursor find(String s, String p, String o) {
        StoreSnapshot snap = snapshot();
        try {
            return snap.find(s, p, o, true);
        } catch (RuntimeException e) {
            snap.close();
            throw e;
        }
    }

    @Override
    public boolean contains(String s, String p, String o) {
        try (StoreSnapshot snap = snapshot()) {
            return snap.contains(s, p, o);
        }
    }

    @Override
    public long count(String s, String p, String o) {
        try (StoreSnapshot snap = snapshot()) {
            return snap.count(s, p, o);
        }
    }

    /**
     * Of a store opened read-only ({@link #openReadOnly}): reads the commits made since
     * it was opened or last refreshed, by a writer in another process say. Snapshots and cursors
     * already open keep what they saw. Returns whether anything changed.
     *
     * @throws IllegalStateException if the store was not opened read-only
     */
    public boolean refresh() {
        synchronized (writeLock) {
            if (!engine.refresh()) {
                return false;
            }
            try (Engine.View v = engine.view()) {
                nextId = readU64(v, Keys.NEXT_ID);
                count = readU64(v, Keys.COUNT);
                quads = readU64(v, Keys.QUADS);
            }
            return true;
        }
    }

    /** Whether the store was opened read-only. */
    public boolean isReadOnly() {
        return engine.isReadOnly();
    }

    /** A consistent read view; close it when done. */
    public StoreSnapshot snapshot() {
        return new StoreSnapshot(engine.view());
    }

    // ------------------------------------------------------------------ maintenance

    public void flush() {
        engine.flush();
    }

    public void compact() {
        engine.compact();
    }

    /** Forces the log to disk; used by interval sync mode. */
    public void syncLog() {
        engine.syncLog();
    }

    /** One step of background compaction; returns whether it did work. */
    public boolean compactStep() {
        return engine.compactStep();
    }

    public Stats stats() {
        EngineStats e = engine.stats();
        long triples;
        long terms;
        long named;
        synchronized (writeLock) {
            triples = count;
            terms = nextId - 1;
            named = quads;
        }
        int graphs;
        try (StoreSnapshot snap = snapshot()) {
            graphs = snap.graphIds().length;
        }
        return new Stats(triples, terms, e.tables + 1, e.tableBytes + e.walBytes, e.memtableBytes, e.tables,
                e.walBytes, e.blockCacheBytes, e.blockCacheHits, e.blockCacheMisses, e.flushes, e.compactions)
                .withGraphs(named, graphs, base).withTermCache(termCache.hits(), termCache.misses());
    }

    /** Checks every table block's checksum and order; see {@link Engine#verify()}. */
    public long verify() {
        return engine.verify();
    }

    /**
     * Checks that the indexes agree with each other and with the dictionary, on a snapshot:
     * every SPO entry has its POS and OSP entries, the three indexes hold the same number of
     * entries and that number is the stored triple count, every id an index uses has a term
     * that is valid UTF-8, and every id-to-term entry maps back through term-to-id. Returns the
     * problems found, at most {@code maxProblems} (empty when consistent). Reads every index
     * entry and does two lookups per triple; block checksums are {@link #verify}'s part.
     */
    public List<String> checkIndexes(int maxProblems) {
        List<String> problems = new java.util.ArrayList<>();
        try (Engine.View v = engine.view()) {
            long[] counts = new long[3];
            java.util.Set<Long> known = new java.util.HashSet<>();
            byte[][] tags = {{Keys.SPO}, {Keys.POS}, {Keys.OSP}};
            for (int k = 0; k < 3 && problems.size() < maxProblems; k++) {
                Engine.Scan scan = v.scan(tags[k], Bytes.prefixEnd(tags[k]), null);
                IdScan ids = new IdScan(scan, k == 0 ? IndexOrder.SPO : k == 1 ? IndexOrder.POS : IndexOrder.OSP, tags[k]);
                while (problems.size() < maxProblems && ids.next()) {
                    counts[k]++;
                    if (k != 0) {
                        continue;
                    }
                    long s = ids.s();
                    long p = ids.p();
                    long o = ids.o();
                    if (!present(v, Keys.index(Keys.POS, p, o, s))) {
                        problems.add("POS lacks the triple (" + s + ", " + p + ", " + o + ") of SPO");
                    }
                    if (!present(v, Keys.index(Keys.OSP, o, s, p))) {
                        problems.add("OSP lacks the triple (" + s + ", " + p + ", " + o + ") of SPO");
                    }
                    for (long id : new long[] {s, p, o}) {
                        if (known.size() > 1_000_000) {
                            known.clear();
                        }
                        if (known.add(id)) {
                            byte[] t = v.get(Keys.id(id));
                            if (t == null) {
                                problems.add("id " + id + " used by SPO has no term");
                            } else if (Utf8.decode(t, 0, t.length) == null) {
                                problems.add("term of id " + id + " is not valid UTF-8");
                            }
                        }
                    }
                }
            }
            if (problems.size() < maxProblems && (counts[0] != counts[1] || counts[0] != counts[2])) {
                problems.add("index sizes differ: SPO " + counts[0] + ", POS " + counts[1] + ", OSP " + counts[2]);
            }
            long stored = readU64(v, Keys.COUNT);
            if (problems.size() < maxProblems && stored != counts[0]) {
                problems.add("the triple count says " + stored + ", SPO holds " + counts[0]);
            }
            checkQuadIndexes(v, problems, maxProblems);
            byte[] idTag = {Keys.ID};
            Engine.Scan terms = v.scan(idTag, Bytes.prefixEnd(idTag), null);
            while (problems.size() < maxProblems && terms.next()) {
                byte[] key = terms.key();
                long id = Bytes.getId(key, 1, key.length);
                byte[] val = terms.value();
                byte[] back = val == null ? null : v.get(Keys.term(val));
                long mapped = back == null ? -1 : Bytes.getId(back, 0, back.length);
                if (id <= 0 || mapped != id) {
                    problems.add("id " + id + " maps to a term that maps back to " + (back == null ? "nothing" : Long.toString(mapped)));
                }
            }
            checkPropertyIndexes(v, problems, maxProblems);
        }
        return problems.size() > maxProblems ? new java.util.ArrayList<>(problems.subList(0, maxProblems)) : problems;
    }

    /**
     * The named graphs' six indexes: each quad of GSPO in the other five, their sizes equal to
     * the quad counter, and each quad's graph in the graph list.
     */
    private void checkQuadIndexes(Engine.View v, List<String> problems, int maxProblems) {
        byte[] tag = {Keys.GSPO};
        Engine.Scan scan = v.scan(tag, Bytes.prefixEnd(tag), null);
        long n = 0;
        long lastGraph = -1;
        String[] names = {"SPOG", "POSG", "OSPG", "GSPO", "GPOS", "GOSP"};
        while (problems.size() < maxProblems && scan.next()) {
            long[] q = Keys.decodeIds(scan.key(), 4);
            n++;
            byte[][] keys = quadKeys(q[1], q[2], q[3], q[0]);
            for (int i = 0; i < keys.length; i++) {
                if (i != 3 && !present(v, keys[i])) {
                    problems.add(names[i] + " lacks the quad (" + q[1] + ", " + q[2] + ", " + q[3] + ", " + q[0] + ") of GSPO");
                }
            }
            if (q[0] != lastGraph) {
                lastGraph = q[0];
                if (!present(v, Keys.index(Keys.GRAPHS, q[0], -1, -1))) {
                    problems.add("graph " + q[0] + " holds quads but is not in the graph list");
                }
            }
        }
        for (int i = 0; i < names.length && problems.size() < maxProblems; i++) {
            byte[] t = {(byte) (Keys.SPOG + i)};
            Engine.Scan other = v.scan(t, Bytes.prefixEnd(t), null);
            long m = 0;
            while (other.next()) {
                m++;
            }
            if (m != n) {
                problems.add("index sizes differ: GSPO " + n + ", " + names[i] + " " + m);
            }
        }
        long stored = readU64(v, Keys.QUADS);
        if (problems.size() < maxProblems && stored != n) {
            problems.add("the quad count says " + stored + ", GSPO holds " + n);
        }
    }

    /**
     * Properties and labels against their indexes, both ways: every property (node, or edge of a
     * stored triple) and label has its index entry, and every index entry its property or label.
     */
    private void checkPropertyIndexes(Engine.View v, List<String> problems, int maxProblems) {
        long expected = 0;
        for (byte tag : new byte[] {Keys.NODE_PROPS, Keys.EDGE_PROPS}) {
            boolean edge = tag == Keys.EDGE_PROPS;
            byte[] t = {tag};
            Engine.Scan scan = v.scan(t, Bytes.prefixEnd(t), null);
            while (problems.size() < maxProblems && scan.next()) {
                byte[] k = scan.key();
                long[] ids = new long[edge ? 3 : 1];
                int p = 1;
                for (int i = 0; i < ids.length && p > 0; i++) {
                    ids[i] = Bytes.getId(k, p, k.length);
                    p = ids[i] <= 0 ? -1 : p + Bytes.idLength(ids[i]);
                }
                if (p != k.length) {
                    problems.add("malformed property key " + Bytes.hex(k, 48));
                    continue;
                }
                if (edge && v.get(Keys.index(Keys.SPO, ids[0], ids[1], ids[2])) == null) {
                    problems.add("edge properties of (" + ids[0] + ", " + ids[1] + ", " + ids[2] + ") without the triple");
                }
                try {
                    byte[] m = scan.value();
                    byte[][] keys = indexKeys(m, "(properties)", ids);
                    int[] e = PropertyValues.entries(m, "(properties)");
                    for (int i = 0; i < keys.length; i++) {
                        if (v.get(keys[i]) == null) {
                            problems.add("property " + Utf8.decode(m, e[4 * i], e[4 * i + 1]) + " of " + (edge ? "edge " : "node ")
                                    + ids[0] + (edge ? " " + ids[1] + " " + ids[2] : "") + " is missing from its index");
                        }
                    }
                    expected += keys.length;
                } catch (CorruptionException e) {
                    problems.add("malformed properties at " + Bytes.hex(k, 48));
                }
            }
        }
        long indexed = 0;
        for (byte tag : new byte[] {Keys.NODE_PROP_INDEX, Keys.EDGE_PROP_INDEX}) {
            byte[] t = {tag};
            Engine.Scan scan = v.scan(t, Bytes.prefixEnd(t), null);
            while (problems.size() < maxProblems && scan.next()) {
                indexed++;
            }
        }
        if (problems.size() < maxProblems && indexed != expected) {
            problems.add("property indexes hold " + indexed + " entries for " + expected + " properties");
        }
        long labels = 0;
        byte[] lt = {Keys.LABELS};
        Engine.Scan scan = v.scan(lt, Bytes.prefixEnd(lt), null);
        while (problems.size() < maxProblems && scan.next()) {
            byte[] k = scan.key();
            long n = Bytes.getId(k, 1, k.length);
            int off = n <= 0 ? k.length : 1 + Bytes.idLength(n);
            labels++;
            if (off >= k.length || v.get(Keys.labelIndex(java.util.Arrays.copyOfRange(k, off, k.length), n)) == null) {
                problems.add("label key " + Bytes.hex(k, 48) + " is malformed or missing from the label index");
            }
        }
        long labelIndex = 0;
        byte[] li = {Keys.LABEL_INDEX};
        scan = v.scan(li, Bytes.prefixEnd(li), null);
        while (problems.size() < maxProblems && scan.next()) {
            labelIndex++;
        }
        if (problems.size() < maxProblems && labels != labelIndex) {
            problems.add("the label index holds " + labelIndex + " entries for " + labels + " labels");
        }
    }

    /** Whether an index key is present; by a scan, since whole POS and OSP keys are not in the Bloom filters. */
    private static boolean present(Engine.View v, byte[] key) {
        Engine.Scan scan = v.scan(key, Bytes.prefixEnd(key), null);
        return scan.next() && Bytes.compare(scan.key(), key) == 0;
    }

    /** Lower-level engine figures. */
    public EngineStats engineStats() {
        return engine.stats();
    }

    public boolean isClosed() {
        return engine.isClosed();
    }

    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    public void close() {
        engine.close();
        termCache.clear();
    }

    // ------------------------------------------------------------------ dictionary

    /**
     * A term as the store keeps it: literals in their one spelling ({@link RdfTerms#canonicalTerm}:
     * language tags in BCP 47 case, no {@code ^^xsd:string}), so that the API's spellings of one
     * RDF term find and make one stored term. Every term that enters goes through here first.
     */
    public static String canonical(String t) {
        return RdfTerms.canonicalTerm(t);
    }

    public static byte[] encode(String term, String what) {
        if (term == null) {
            throw new InvalidTermException(what + " is null");
        }
        if (term.length() > MAX_TERM_BYTES) {
            throw new InvalidTermException(what + " has more characters than the limit of " + MAX_TERM_BYTES + " UTF-8 bytes");
        }
        byte[] b = Utf8.encode(term, what);
        if (b.length > MAX_TERM_BYTES) {
            throw new InvalidTermException(what + " is " + b.length + " bytes in UTF-8; the limit is " + MAX_TERM_BYTES);
        }
        return b;
    }

    private Long lookupId(Engine.View v, String term, byte[] utf8) {
        long cached = termCache.id(term);
        if (cached > 0) {
            return cached;
        }
        byte[] val = v.get(Keys.term(utf8));
        if (val == null) {
            return null;
        }
        long x = Bytes.getId(val, 0, val.length);
        if (x <= 0 || Bytes.idLength(x) != val.length) {
            throw new CorruptionException("(dictionary)", -1, "malformed id for term of " + utf8.length + " bytes");
        }
        termCache.put(term, x);
        return x;
    }

    /** The id of a term from the view alone (the term caches are not read or written); null if absent. */
    private static Long lookupUncached(Engine.View v, byte[] utf8) {
        byte[] val = v.get(Keys.term(utf8));
        if (val == null) {
            return null;
        }
        long x = Bytes.getId(val, 0, val.length);
        if (x <= 0 || Bytes.idLength(x) != val.length) {
            throw new CorruptionException("(dictionary)", -1, "malformed id for term of " + utf8.length + " bytes");
        }
        return x;
    }

    private String termOf(Engine.View v, long id, Table.Finger finger) {
        String t = termCache.term(id);
        if (t != null) {
            return t;
        }
        // Ids come from index keys, so their dictionary entries exist.
        byte[] val = v.getExpected(Keys.id(id), finger);
        if (val == null) {
            throw new CorruptionException("(dictionary)", -1, "index refers to unknown term id " + id);
        }
        t = Utf8.decode(val, 0, val.length);
        if (t == null) {
            throw new CorruptionException("(dictionary)", -1, "term id " + id + " is not valid UTF-8");
        }
        termCache.put(t, id);
        return t;
    }

    private static byte[] concat(byte[] a, int b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = (byte) b;
        return r;
    }

    /** A growable list of longs. */
    static final class LongList {
        private long[] a = new long[16];
        private int n;

        void add(long x) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = x;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    /** A set of id triples or quads with open addressing: no object per entry. */
    static final class IdTripleSet {
        private long[] slots; // four longs per slot; id 0 never occurs as a, so a == 0 marks a free slot
        private int mask;
        private int size;

        IdTripleSet(int expected) {
            int cap = 16;
            while (cap < expected * 2L && cap < (1 << 28)) {
                cap <<= 1;
            }
            slots = new long[cap * 4];
            mask = cap - 1;
        }

        /** Adds (a, b, c), all positive; returns false if it was already present. */
        boolean add(long a, long b, long c) {
            return add(a, b, c, 0);
        }

        /** Adds (a, b, c, d): a, b, c positive, d >= 0; returns false if it was already present. */
        boolean add(long a, long b, long c, long d) {
            if (size * 2 >= mask) {
                grow();
            }
            if (insert(slots, mask, a, b, c, d)) {
                size++;
                return true;
            }
            return false;
        }

        private static boolean insert(long[] t, int mask, long a, long b, long c, long d) {
            long h = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L + d * 0x27D4EB2F165667C5L;
            int i = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
            while (true) {
                int p = i * 4;
                if (t[p] == 0) {
                    t[p] = a;
                    t[p + 1] = b;
                    t[p + 2] = c;
                    t[p + 3] = d;
                    return true;
                }
                if (t[p] == a && t[p + 1] == b && t[p + 2] == c && t[p + 3] == d) {
                    return false;
                }
                i = (i + 1) & mask;
            }
        }

        private void grow() {
            int cap = (mask + 1) * 2;
            long[] t = new long[cap * 4];
            for (int p = 0; p < slots.length; p += 4) {
                if (slots[p] != 0) {
                    insert(t, cap - 1, slots[p], slots[p + 1], slots[p + 2], slots[p + 3]);
                }
            }
            slots = t;
            mask = cap - 1;
        }
    }

    // ------------------------------------------------------------------ snapshots and cursors

    /** A pinned, consistent read view of the store. */
    public final class StoreSnapshot implements Snapshot {
        final Engine.View view;
        private volatile boolean closed;

        // A snapshot with uncommitted writes on top (see snapshotWith): the ids of its new terms
        // are not final, so they stay out of the store's term caches.
        private final boolean speculative;

        StoreSnapshot(Engine.View view) {
            this(view, false);
        }

        StoreSnapshot(Engine.View view, boolean speculative) {
            this.view = view;
            this.speculative = speculative;
        }

        private Long idOf(String term, byte[] utf8) {
            return speculative ? lookupUncached(view, utf8) : lookupId(view, term, utf8);
        }

        private String termAt(long id, Table.Finger finger) {
            if (!speculative) {
                return termOf(view, id, finger);
            }
            String t = termCache.term(id);
            if (t != null) {
                return t;
            }
            byte[] val = view.get(Keys.id(id));
            if (val == null) {
                throw new CorruptionException("(dictionary)", -1, "index refers to unknown term id " + id);
            }
            t = Utf8.decode(val, 0, val.length);
            if (t == null) {
                throw new CorruptionException("(dictionary)", -1, "term id " + id + " is not valid UTF-8");
            }
            return t;
        }

        @Override
        public TripleCursor find(String s, String p, String o) {
            return find(s, p, o, false);
        }

        TripleCursor find(String s, String p, String o, boolean ownsSnapshot) {
            check();
            Plan plan = plan(s, p, o);
            if (plan == null) {
                if (ownsSnapshot) {
                    close();
                }
                return org.nervusdb.QueryBuilder.EMPTY_CURSOR;
            }
            IndexOrder order = plan.tag == Keys.SPO ? IndexOrder.SPO : plan.tag == Keys.POS ? IndexOrder.POS : IndexOrder.OSP;
            IdScan scan = new IdScan(view.scan(plan.prefix, Bytes.prefixEnd(plan.prefix), plan.bloomKey), order, plan.prefix);
            return new Cursor(scan, plan, ownsSnapshot ? this : null);
        }

        @Override
        public boolean contains(String s, String p, String o) {
            check();
            if (s != null && p != null && o != null) {
                Plan plan = plan(s, p, o);
                return plan != null && view.get(plan.prefix) != null;
            }
            try (TripleCursor c = find(s, p, o)) {
                return c.hasNext();
            }
        }

        @Override
        public long count(String s, String p, String o) {
            check();
            if (s == null && p == null && o == null) {
                return readU64(view, Keys.COUNT);
            }
            Plan plan = plan(s, p, o);
            if (plan == null) {
                return 0;
            }
            Engine.Scan scan = view.scan(plan.prefix, Bytes.prefixEnd(plan.prefix), plan.bloomKey);
            long n = 0;
            while (scan.next()) {
                n++;
            }
            return n;
        }

        // -------------------------------------------------------- id-level access, for queries

        private final Table.Finger termFinger = new Table.Finger();

        /** The id of a stored term, or 0 if the store holds no such term (or it is not valid). */
        public long lookup(String term) {
            check();
            term = canonical(term);
            byte[] utf8;
            try {
                utf8 = encode(term, "term");
            } catch (InvalidTermException e) {
                return 0;
            }
            Long id = idOf(term, utf8);
            return id == null ? 0 : id;
        }

        // -------------------------------------------------------- properties and labels

        /** The properties of a node (empty if none, or no such term). */
        @Override
        public Map<String, Object> nodeProperties(String node) {
            check();
            long n = lookup(node);
            return n == 0 ? Collections.emptyMap() : nodeProperties(n);
        }

        /** The properties of the node with id {@code n} (empty if none). */
        @SuppressWarnings("unchecked")
        public Map<String, Object> nodeProperties(long n) {
            check();
            byte[] v = view.get(Keys.ids(Keys.NODE_PROPS, n, -1, -1));
            return v == null ? Collections.emptyMap() : (Map<String, Object>) PropertyValues.decode(v, "(node properties)");
        }

        /** A node's properties in their stored encoding ({@link PropertyValues}), or null if none. */
        public byte[] nodePropertiesEncoded(String node) {
            check();
            long n = lookup(node);
            return n == 0 ? null : view.get(Keys.ids(Keys.NODE_PROPS, n, -1, -1));
        }

        /** An edge's properties in their stored encoding, or null if none. */
        public byte[] edgePropertiesEncoded(String s, String p, String o) {
            check();
            long si = lookup(s);
            long pi = lookup(p);
            long oi = lookup(o);
            return si == 0 || pi == 0 || oi == 0 ? null : view.get(Keys.ids(Keys.EDGE_PROPS, si, pi, oi));
        }

        /** The properties of the edge s p o (empty if none, or no such triple). */
        @Override
        public Map<String, Object> edgeProperties(String s, String p, String o) {
            check();
            long si = lookup(s);
            long pi = lookup(p);
            long oi = lookup(o);
            return si == 0 || pi == 0 || oi == 0 ? Collections.emptyMap() : edgeProperties(si, pi, oi);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> edgeProperties(long s, long p, long o) {
            check();
            byte[] v = view.get(Keys.ids(Keys.EDGE_PROPS, s, p, o));
            return v == null ? Collections.emptyMap() : (Map<String, Object>) PropertyValues.decode(v, "(edge properties)");
        }

        /** A node's labels, in UTF-8 byte order. */
        @Override
        public List<String> labels(String node) {
            check();
            long n = lookup(node);
            List<String> out = new java.util.ArrayList<>();
            if (n == 0) {
                return out;
            }
            byte[] prefix = Keys.ids(Keys.LABELS, n, -1, -1);
            Engine.Scan scan = view.scan(prefix, Bytes.prefixEnd(prefix), null);
            while (scan.next()) {
                byte[] k = scan.key();
                String l = Utf8.decode(k, prefix.length, k.length - prefix.length);
                if (l == null) {
                    throw new CorruptionException("(labels)", -1, "malformed label key " + Bytes.hex(k, 32));
                }
                out.add(l);
            }
            return out;
        }

        /** Whether the node with id {@code n} has the label. */
        public boolean hasLabel(long n, String label) {
            check();
            return view.get(Keys.label(n, PropertyValues.name(label, "label"))) != null;
        }

        /** Whether the node has all of the labels ({@code all}) or any of them. */
        public boolean hasLabels(String node, java.util.Collection<String> labels, boolean all) {
            long n = lookup(node);
            for (String l : labels) {
                if ((n != 0 && hasLabel(n, l)) != all) {
                    return !all;
                }
            }
            return all;
        }

        /** Whether the node's property {@code name} satisfies {@code c} (false if it has none). */
        public boolean nodeSatisfies(String node, String name, org.nervusdb.PropertyCondition c) {
            byte[] m = nodePropertiesEncoded(node);
            return m != null && satisfies(m, PropertyValues.name(name, "property name"), c);
        }

        /** Whether the property {@code name} of the edge s p o satisfies {@code c} (false if it has none). */
        public boolean edgeSatisfies(String s, String p, String o, String name, org.nervusdb.PropertyCondition c) {
            byte[] m = edgePropertiesEncoded(s, p, o);
            return m != null && satisfies(m, PropertyValues.name(name, "property name"), c);
        }

        /** The ids of the nodes with a label, ascending. */
        public long[] nodeIdsWithLabel(String label) {
            check();
            byte[] prefix = Keys.namePrefix(Keys.LABEL_INDEX, PropertyValues.name(label, "label"));
            Engine.Scan scan = view.scan(prefix, Bytes.prefixEnd(prefix), null);
            LongList out = new LongList();
            while (scan.next()) {
                out.add(trailingIds(scan.key(), prefix.length, 1, "(label index)")[0]);
            }
            return out.toArray();
        }

        /** The nodes with a label, in id order. */
        @Override
        public List<String> nodesWithLabel(String label) {
            List<String> out = new java.util.ArrayList<>();
            for (long n : nodeIdsWithLabel(label)) {
                out.add(term(n));
            }
            return out;
        }

        /** The ids of the nodes whose property {@code name} satisfies {@code c}, in index order. */
        public long[] nodeIdsWhere(String name, org.nervusdb.PropertyCondition c) {
            check();
            byte[] nb = PropertyValues.name(name, "property name");
            LongList out = new LongList();
            for (long[] ids : scanIndex(Keys.NODE_PROP_INDEX, nb, c)) {
                out.add(ids[0]);
            }
            return out.toArray();
        }

        @Override
        public List<String> nodesWhere(String name, org.nervusdb.PropertyCondition c) {
            List<String> out = new java.util.ArrayList<>();
            for (long n : nodeIdsWhere(name, c)) {
                out.add(term(n));
            }
            return out;
        }

        /** The edges whose property {@code name} satisfies {@code c}, as id triples {s, p, o}, in index order. */
        public List<long[]> edgeIdsWhere(String name, org.nervusdb.PropertyCondition c) {
            check();
            byte[] nb = PropertyValues.name(name, "property name");
            return scanIndex(Keys.EDGE_PROP_INDEX, nb, c);
        }

        @Override
        public List<Triple> edgesWhere(String name, org.nervusdb.PropertyCondition c) {
            List<Triple> out = new java.util.ArrayList<>();
            for (long[] e : edgeIdsWhere(name, c)) {
                out.add(new Triple(term(e[0]), term(e[1]), term(e[2])));
            }
            return out;
        }

        private boolean satisfies(byte[] map, byte[] name, org.nervusdb.PropertyCondition c) {
            return PropertyValues.satisfiesAt(map, name, c.isEquality(), c.encodedLow(), c.lowInclusive(), c.encodedHigh(),
                    c.highInclusive());
        }

        /**
         * Scans a property index (node or edge) for the entries of {@code name} that satisfy
         * {@code c}: the ids of each, in index order. Entries the index cannot decide alone
         * (numbers at a bound or beyond 2^53, lists and maps) are checked on the stored value.
         */
        private List<long[]> scanIndex(byte tag, byte[] name, org.nervusdb.PropertyCondition c) {
            boolean edge = tag == Keys.EDGE_PROP_INDEX;
            List<long[]> out = new java.util.ArrayList<>();
            byte[] prefix = Keys.namePrefix(tag, name);
            byte[] lo = c.encodedLow();
            byte[] hi = c.encodedHigh();
            byte[] start;
            byte[] end;
            double dlo = Double.NaN;
            double dhi = Double.NaN;
            boolean composite = false;
            boolean numbers = false;
            if (c.isEquality()) {
                if (lo[0] == PropertyValues.LIST || lo[0] == PropertyValues.MAP) {
                    // Equal lists and maps may be encoded differently (1 and 1.0, key order): scan them all.
                    composite = true;
                    start = concat(prefix, PropertyValues.IX_COMPOSITE);
                } else {
                    ByteBuilder k = new ByteBuilder().put(prefix);
                    PropertyValues.indexKey(lo, 0, lo.length, k);
                    start = k.toArray();
                    if (PropertyValues.isNumberAt(lo, 0)) {
                        numbers = true;
                        dlo = PropertyValues.doubleAt(lo, 0);
                        dhi = dlo;
                    }
                }
                end = Bytes.prefixEnd(start);
            } else {
                numbers = PropertyValues.rangeKind(lo != null ? lo : hi) == 1;
                byte[] p = concat(prefix, numbers ? PropertyValues.IX_NUMBER : PropertyValues.IX_STRING);
                start = p;
                end = Bytes.prefixEnd(p);
                if (lo != null) {
                    ByteBuilder k = new ByteBuilder().put(prefix);
                    PropertyValues.indexKey(lo, 0, lo.length, k);
                    // Numbers: from the bound's binary64 inclusive, checked exactly below.
                    start = numbers || c.lowInclusive() ? k.toArray() : Bytes.prefixEnd(k.toArray());
                    if (numbers) {
                        dlo = PropertyValues.doubleAt(lo, 0);
                    }
                }
                if (hi != null) {
                    ByteBuilder k = new ByteBuilder().put(prefix);
                    PropertyValues.indexKey(hi, 0, hi.length, k);
                    end = numbers || c.highInclusive() ? Bytes.prefixEnd(k.toArray()) : k.toArray();
                    if (numbers) {
                        dhi = PropertyValues.doubleAt(hi, 0);
                    }
                }
            }
            if (Bytes.compare(start, end) >= 0) {
                return out;
            }
            Engine.Scan scan = view.scan(start, end, null);
            while (scan.next()) {
                byte[] k = scan.key();
                int len = PropertyValues.indexKeyLength(k, prefix.length, k.length);
                if (len < 0) {
                    throw new CorruptionException("(property index)", -1, "malformed index key " + Bytes.hex(k, 48));
                }
                long[] ids = trailingIds(k, prefix.length + len, edge ? 3 : 1, "(property index)");
                boolean check = composite;
                if (numbers) {
                    double d = PropertyValues.sortableDouble(k, prefix.length + 1);
                    check = Math.abs(d) >= 0x1p53 || d == dlo || d == dhi;
                }
                if (!check || satisfies(view.get(edge ? Keys.ids(Keys.EDGE_PROPS, ids[0], ids[1], ids[2])
                        : Keys.ids(Keys.NODE_PROPS, ids[0], -1, -1)), name, c)) {
                    out.add(ids);
                }
            }
            return out;
        }

        /** {@code count} ids that end key {@code k} exactly, starting at {@code off}. */
        private long[] trailingIds(byte[] k, int off, int count, String what) {
            long[] ids = new long[count];
            int p = off;
            for (int i = 0; i < count; i++) {
                long id = Bytes.getId(k, p, k.length);
                if (id <= 0) {
                    throw new CorruptionException(what, -1, "malformed index key " + Bytes.hex(k, 48));
                }
                ids[i] = id;
                p += Bytes.idLength(id);
            }
            if (p != k.length) {
                throw new CorruptionException(what, -1, "malformed index key " + Bytes.hex(k, 48));
            }
            return ids;
        }

        /** The term of an id read from this snapshot. */
        public String term(long id) {
            check();
            return termAt(id, termFinger);
        }

        /** The term with id {@code id}, or null if no term has it (ids are given out from 1, never reused). */
        public String termOrNull(long id) {
            check();
            return id > 0 && view.get(Keys.id(id)) != null ? termAt(id, termFinger) : null;
        }

        /**
         * The id triples matching a pattern of ids, 0 for an unbound position, in the order of
         * {@link IndexOrder#forPattern}. The caller closes nothing: the scan holds no resources
         * beyond this snapshot's.
         */
        public IdScan scanIds(long s, long p, long o) {
            check();
            IndexOrder order = IndexOrder.forPattern(s > 0, p > 0, o > 0);
            byte[] prefix = idPrefix(order, s, p, o);
            return new IdScan(view.scan(prefix, Bytes.prefixEnd(prefix), prefix.length > 1 ? prefix : null), order, prefix);
        }

        /**
         * The id triples of a graph matching a pattern of ids (0 = unbound), in the order of
         * {@link IndexOrder#forPattern}: {@code g} is {@link #DEFAULT_GRAPH}, a named graph's
         * id, {@link #ANY_NAMED} (every quad of every named graph; {@link IdScan#g()} tells its
         * graph) or {@link #UNION} (every triple of every graph, the default one included, once).
         */
        public IdScan scanQuads(long g, long s, long p, long o) {
            check();
            if (g == DEFAULT_GRAPH) {
                return scanIds(s, p, o);
            }
            IndexOrder order = IndexOrder.forPattern(s > 0, p > 0, o > 0);
            if (g == UNION) {
                return new IdScan(scanIds(s, p, o), namedScan(order, s, p, o, true));
            }
            if (g == ANY_NAMED) {
                return namedScan(order, s, p, o, false);
            }
            byte[] prefix = graphPrefix(order, g, s, p, o);
            return new IdScan(view.scan(prefix, Bytes.prefixEnd(prefix), prefix), order, prefix, 1, false);
        }

        /**
         * As {@link #scanQuads} with {@link #ANY_NAMED} (or {@link #UNION}, without the default
         * graph, when {@code distinct}), keeping only the named graphs in {@code graphs} (sorted ids).
         */
        public IdScan scanGraphs(long[] graphs, boolean distinct, long s, long p, long o) {
            check();
            IdScan scan = namedScan(IndexOrder.forPattern(s > 0, p > 0, o > 0), s, p, o, distinct);
            scan.only = graphs;
            return scan;
        }

        private IdScan namedScan(IndexOrder order, long s, long p, long o, boolean distinct) {
            byte[] prefix = idPrefix(order, s, p, o);
            prefix[0] += Keys.SPOG - Keys.SPO;
            return new IdScan(view.scan(prefix, Bytes.prefixEnd(prefix), prefix.length > 1 ? prefix : null), order, prefix, 4, distinct);
        }

        /** The prefix in the GSPO-family index of {@code order} for graph g and a pattern. */
        private byte[] graphPrefix(IndexOrder order, long g, long s, long p, long o) {
            byte[] ids = idPrefix(order, s, p, o);
            byte[] k = new byte[ids.length + Bytes.idLength(g)];
            k[0] = (byte) (ids[0] + Keys.GSPO - Keys.SPO);
            int at = Bytes.putId(k, 1, g);
            System.arraycopy(ids, 1, k, at, ids.length - 1);
            return k;
        }

        /** About how many triples of graph {@code g} (as in {@link #scanQuads}) match a pattern of ids. */
        public double estimate(long g, long s, long p, long o) {
            if (g == DEFAULT_GRAPH) {
                return estimate(s, p, o);
            }
            check();
            IndexOrder order = IndexOrder.forPattern(s > 0, p > 0, o > 0);
            byte[] prefix;
            if (g > 0) {
                prefix = graphPrefix(order, g, s, p, o);
            } else {
                prefix = idPrefix(order, s, p, o);
                prefix[0] += Keys.SPOG - Keys.SPO;
            }
            byte[] end = Bytes.prefixEnd(prefix);
            double n = view.approximateCount(prefix, end);
            if (n <= 512) {
                Engine.Scan scan = view.scan(prefix, end, prefix.length > 1 ? prefix : null);
                n = 0;
                while (scan.next()) {
                    n++;
                }
            }
            return g == UNION ? n + estimate(s, p, o) : n;
        }

        /** The ids of the named graphs, in id order (a graph stays until dropped, even when empty). */
        public long[] graphIds() {
            check();
            byte[] prefix = {Keys.GRAPHS};
            Engine.Scan scan = view.scan(prefix, Bytes.prefixEnd(prefix), null);
            LongList out = new LongList();
            while (scan.next()) {
                out.add(Keys.decodeIds(scan.key(), 1)[0]);
            }
            return out.toArray();
        }

        /** Whether the named graph with id {@code g} exists. */
        public boolean graphExists(long g) {
            check();
            return g > 0 && view.get(Keys.index(Keys.GRAPHS, g, -1, -1)) != null;
        }

        /** The names of the named graphs, in id order. */
        public List<String> graphs() {
            long[] ids = graphIds();
            List<String> out = new java.util.ArrayList<>(ids.length);
            for (long g : ids) {
                out.add(term(g));
            }
            return out;
        }

        /**
         * The quads matching a pattern; a null position matches anything. The graph position:
         * null matches every graph (the default graph's triples first, then the named graphs'
         * quads: graph by graph when s, p and o are all null), {@link Quad#DEFAULT_GRAPH} the
         * default graph only, another term that graph.
         */
        public QuadCursor findQuads(String s, String p, String o, String g) {
            check();
            long[] ids = patternIds(s, p, o, g);
            List<long[]> parts = new java.util.ArrayList<>(2);
            if (ids != null) {
                if (g == null) {
                    parts.add(new long[] {DEFAULT_GRAPH});
                    // Every quad of every named graph: in graph order (GSPO), so each graph's
                    // quads come together, as TriG writes them; with a pattern, by the pattern.
                    boolean all = ids[0] == 0 && ids[1] == 0 && ids[2] == 0;
                    parts.add(new long[] {all ? BY_GRAPH : ANY_NAMED});
                } else {
                    parts.add(new long[] {ids[3]});
                }
            }
            return new QuadScanCursor(ids, parts);
        }

        /** The number of quads matching a pattern, as {@link #findQuads}. */
        public long countQuads(String s, String p, String o, String g) {
            check();
            if (s == null && p == null && o == null) {
                if (g == null) {
                    return readU64(view, Keys.COUNT) + readU64(view, Keys.QUADS);
                }
                if (g.equals(Quad.DEFAULT_GRAPH)) {
                    return readU64(view, Keys.COUNT);
                }
            }
            long n = 0;
            try (QuadCursor c = findQuads(s, p, o, g)) {
                while (c.hasNext()) {
                    c.next();
                    n++;
                }
            }
            return n;
        }

        /** Whether a quad matches the pattern, as {@link #findQuads}. */
        public boolean containsQuad(String s, String p, String o, String g) {
            try (QuadCursor c = findQuads(s, p, o, g)) {
                return c.hasNext();
            }
        }

        // A part of findQuads: every quad of the named graphs, graph by graph.
        private static final long BY_GRAPH = Long.MIN_VALUE;

        /** Ids of a pattern's bound terms (0 where unbound; the graph 0 for the default graph, -1 for any); null if one is unknown. */
        private long[] patternIds(String s, String p, String o, String g) {
            long[] ids = new long[4];
            String[] terms = {s, p, o, g};
            for (int i = 0; i < 4; i++) {
                String t = terms[i];
                if (i == 3) {
                    if (t == null) {
                        ids[3] = ANY_NAMED;
                        continue;
                    }
                    if (graphName(canonical(t)) == null) {
                        ids[3] = DEFAULT_GRAPH;
                        continue;
                    }
                }
                if (t != null) {
                    long id = lookup(t);
                    if (id == 0) {
                        return null;
                    }
                    ids[i] = id;
                }
            }
            return ids;
        }

        /** Quads of one or two scans (a graph each), with their terms read back. */
        private final class QuadScanCursor implements QuadCursor {
            private final long[] ids;
            private final List<long[]> parts;
            private int part = -1;
            private IdScan scan;
            private Quad next;
            private boolean done;
            private final Table.Finger finger = new Table.Finger();

            QuadScanCursor(long[] ids, List<long[]> parts) {
                this.ids = ids;
                this.parts = parts;
            }

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                if (closed) {
                    throw new DatabaseClosedException("snapshot");
                }
                while (scan == null || !scan.next()) {
                    if (++part >= parts.size()) {
                        done = true;
                        return false;
                    }
                    long g = parts.get(part)[0];
                    if (g == BY_GRAPH) {
                        byte[] prefix = {Keys.GSPO};
                        scan = new IdScan(view.scan(prefix, Bytes.prefixEnd(prefix), null), IndexOrder.SPO, prefix, 1, false);
                    } else {
                        scan = scanQuads(g, ids[0], ids[1], ids[2]);
                    }
                }
                long g = scan.g();
                next = new Quad(termAt(scan.s(), finger), termAt(scan.p(), finger), termAt(scan.o(), finger),
                        g == 0 ? null : termAt(g, finger));
                return true;
            }

            @Override
            public Quad next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Quad q = next;
                next = null;
                return q;
            }

            @Override
            public void close() {
                done = true;
                next = null;
            }
        }

        /**
         * Statistics of predicate {@code p} (an id; 0 for all predicates) from the stats blocks
         * of this snapshot's tables, written when each table was: {@code {triples, distinct
         * subjects, distinct objects}}. Tables are summed, so a subject present in two tables
         * counts twice until they are compacted together. Null when there are no tables, or a
         * table lacks figures (written before tables had them, or with more predicates than
         * they record); triples still in memory are not included.
         */
        public double[] statistics(long p) {
            check();
            // Only tables holding index keys: one of terms or counters alone has no figures to add.
            Object[] tables = view.tableStatistics(TripleStats::decode, INDEX_START, INDEX_END);
            if (tables.length == 0) {
                return null;
            }
            double[] out = new double[3];
            for (Object o : tables) {
                TripleStats t = (TripleStats) o;
                long[] f = t == null ? null : t.get(p);
                if (f == null) {
                    if (t == null || t.truncated) {
                        return null; // a table without figures for p: they would be incomplete
                    }
                    continue; // p does not occur in that table
                }
                out[0] += f[TripleStats.TRIPLES] - f[TripleStats.TOMBSTONES];
                out[1] += f[TripleStats.SUBJECTS];
                out[2] += f[TripleStats.OBJECTS];
            }
            out[0] = Math.max(0, out[0]);
            return out;
        }

        /**
         * About how many triples match a pattern of ids (0 = unbound): exact below a few
         * hundred, else estimated from the table indexes. Deleted triples may still count.
         */
        public double estimate(long s, long p, long o) {
            check();
            if (s <= 0 && p <= 0 && o <= 0) {
                return readU64(view, Keys.COUNT);
            }
            IndexOrder order = IndexOrder.forPattern(s > 0, p > 0, o > 0);
            byte[] prefix = idPrefix(order, s, p, o);
            byte[] end = Bytes.prefixEnd(prefix);
            if (s <= 0 && o <= 0) {
                // A lone predicate (or none): the tables' statistics plus what is in memory.
                double[] st = statistics(p);
                if (st != null) {
                    return st[0] + view.memoryCount(prefix, end);
                }
            }
            double approx = view.approximateCount(prefix, end);
            if (approx > 512) {
                return approx;
            }
            Engine.Scan scan = view.scan(prefix, end, prefix.length > 1 ? prefix : null);
            long n = 0;
            while (scan.next()) {
                n++;
            }
            return n;
        }

        private byte[] idPrefix(IndexOrder order, long s, long p, long o) {
            switch (order) {
                case SPO:
                    return Keys.index(Keys.SPO, s > 0 ? s : -1, s > 0 && p > 0 ? p : -1, s > 0 && p > 0 && o > 0 ? o : -1);
                case POS:
                    return Keys.index(Keys.POS, p > 0 ? p : -1, p > 0 && o > 0 ? o : -1, p > 0 && o > 0 && s > 0 ? s : -1);
                default:
                    return Keys.index(Keys.OSP, o > 0 ? o : -1, o > 0 && s > 0 ? s : -1, o > 0 && s > 0 && p > 0 ? p : -1);
            }
        }

        /** Chooses the index and prefix; null when a bound term is unknown (no match possible). */
        private Plan plan(String s, String p, String o) {
            s = canonical(s);
            p = canonical(p);
            o = canonical(o);
            long si = -1;
            long pi = -1;
            long oi = -1;
            if (s != null) {
                Long x = idOf(s, encode(s, "subject"));
                if (x == null) {
                    return null;
                }
                si = x;
            }
            if (p != null) {
                Long x = idOf(p, encode(p, "predicate"));
                if (x == null) {
                    return null;
                }
                pi = x;
            }
            if (o != null) {
                Long x = idOf(o, encode(o, "object"));
                if (x == null) {
                    return null;
                }
                oi = x;
            }
            Plan plan;
            if (s != null) {
                if (p == null && o != null) {
                    plan = new Plan(Keys.OSP, Keys.index(Keys.OSP, oi, si, -1));
                } else {
                    plan = new Plan(Keys.SPO, Keys.index(Keys.SPO, si, pi, p != null ? oi : -1));
                }
            } else if (p != null) {
                plan = new Plan(Keys.POS, Keys.index(Keys.POS, pi, oi, -1));
            } else if (o != null) {
                plan = new Plan(Keys.OSP, Keys.index(Keys.OSP, oi, -1, -1));
            } else {
                plan = new Plan(Keys.SPO, new byte[] {Keys.SPO});
            }
            plan.bind(s, si, p, pi, o, oi);
            return plan;
        }

        private void check() {
            if (closed) {
                throw new DatabaseClosedException("snapshot");
            }
        }

        /** DatabaseClosedException if this snapshot or its store is closed; for long computations between reads. */
        public void checkOpen() {
            check();
            view.checkLive();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                view.close();
            }
        }

        /** Reads lazily from an index scan, translating ids back to terms. */
        private final class Cursor implements TripleCursor {
            private final IdScan scan;
            private final StoreSnapshot owned;
            private Triple next;
            private boolean done;
            private long lastS = -1;
            private long lastP = -1;
            private long lastO = -1;
            private final Table.Finger finger = new Table.Finger();
            private String ts;
            private String tp;
            private String to;

            Cursor(IdScan scan, Plan plan, StoreSnapshot owned) {
                this.scan = scan;
                this.owned = owned;
                // Bound terms need no translation back from their ids.
                lastS = plan.si;
                ts = plan.s;
                lastP = plan.pi;
                tp = plan.p;
                lastO = plan.oi;
                to = plan.o;
            }

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                if (closed) {
                    throw new DatabaseClosedException("snapshot");
                }
                if (!scan.next()) {
                    close();
                    return false;
                }
                long s = scan.s();
                long p = scan.p();
                long o = scan.o();
                if (s != lastS) {
                    ts = termAt(s, finger);
                    lastS = s;
                }
                if (p != lastP) {
                    tp = termAt(p, finger);
                    lastP = p;
                }
                if (o != lastO) {
                    to = termAt(o, finger);
                    lastO = o;
                }
                next = new Triple(ts, tp, to);
                return true;
            }

            @Override
            public Triple next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Triple t = next;
                next = null;
                return t;
            }

            @Override
            public void close() {
                done = true;
                next = null;
                if (owned != null) {
                    owned.close();
                }
            }
        }
    }

    /**
     * A scan of id triples from one index, in that index's order: of the default graph, of one
     * named graph, of every named graph (each quad once: {@link #g()} tells its graph), or of
     * the union of all graphs (each triple once, whatever graphs hold it).
     */
    public static final class IdScan {
        private final Engine.Scan scan; // null for a union
        private final IndexOrder order;
        private final byte[] prefix;
        // Where the graph id is in the keys: 0 none (default graph), 1 first (GSPO...), 4 last (SPOG...).
        private final int graphAt;
        // Each triple once: quads of one triple are adjacent in an SPOG-family scan.
        private final boolean distinct;
        // A union: the default graph's scan and the named graphs' distinct scan, merged.
        private final IdScan left;
        private final IdScan right;
        private boolean haveLeft;
        private boolean haveRight;
        private boolean started;
        // Of a scan of named graphs: the graphs to keep (sorted ids), or null for all.
        long[] only;
        private long s;
        private long p;
        private long o;
        private long g;

        IdScan(Engine.Scan scan, IndexOrder order, byte[] prefix) {
            this(scan, order, prefix, 0, false);
        }

        IdScan(Engine.Scan scan, IndexOrder order, byte[] prefix, int graphAt, boolean distinct) {
            this.scan = scan;
            this.order = order;
            this.prefix = prefix;
            this.graphAt = graphAt;
            this.distinct = distinct;
            this.left = null;
            this.right = null;
        }

        IdScan(IdScan left, IdScan right) {
            this.scan = null;
            this.order = left.order;
            this.prefix = null;
            this.graphAt = 0;
            this.distinct = true;
            this.left = left;
            this.right = right;
        }

        /**
         * For a scan with two bound positions, whose triples come in ascending order of the free
         * one: moves so that the following {@link #next} gives the first triple whose free
         * position is at least {@code id}, which must be above the current triple's.
         */
        public void skipTo(long id) {
            if (scan == null) {
                left.skipTo(id);
                right.skipTo(id);
                started = false;
                return;
            }
            byte[] k = new byte[prefix.length + Bytes.idLength(id)];
            System.arraycopy(prefix, 0, k, 0, prefix.length);
            Bytes.putId(k, prefix.length, id);
            scan.seek(k);
        }

        public IndexOrder order() {
            return order;
        }

        /** Moves to the next triple; false at the end. */
        public boolean next() {
            if (scan == null) {
                return nextOfUnion();
            }
            if (!distinct) {
                return advance();
            }
            long ps = s;
            long pp = p;
            long po = o;
            boolean first = !started;
            started = true;
            while (advance()) {
                if (first || s != ps || p != pp || o != po) {
                    return true;
                }
            }
            return false;
        }

        private boolean nextOfUnion() {
            if (!started) {
                started = true;
                haveLeft = left.next();
                haveRight = right.next();
            }
            if (!haveLeft && !haveRight) {
                return false;
            }
            int c = !haveLeft ? 1 : !haveRight ? -1 : compare(left, right);
            IdScan from = c <= 0 ? left : right;
            s = from.s;
            p = from.p;
            o = from.o;
            if (c <= 0) {
                haveLeft = left.next();
            }
            if (c >= 0) {
                haveRight = right.next();
            }
            return true;
        }

        /** Compares the current triples of two scans of one order, in that order. */
        private int compare(IdScan a, IdScan b) {
            for (int i = 0; i < 3; i++) {
                long x = a.at(i);
                long y = b.at(i);
                if (x != y) {
                    return x < y ? -1 : 1;
                }
            }
            return 0;
        }

        /** The id at rank {@code i} of the index order. */
        private long at(int i) {
            char c = order.position(i);
            return c == 's' ? s : c == 'p' ? p : o;
        }

        /** Reads the next key of this scan (of a graph it keeps) into s, p, o (and g). */
        private boolean advance() {
            while (read()) {
                if (only == null || java.util.Arrays.binarySearch(only, g) >= 0) {
                    return true;
                }
            }
            return false;
        }

        private boolean read() {
            if (!scan.next()) {
                return false;
            }
            byte[] k = scan.key();
            int at = 1;
            if (graphAt == 1) {
                g = Bytes.getId(k, at, k.length);
                at = g < 0 ? -1 : at + Bytes.idLength(g);
            }
            long a = at < 0 ? -1 : Bytes.getId(k, at, k.length);
            int p1 = a < 0 ? -1 : at + Bytes.idLength(a);
            long b = p1 < 0 ? -1 : Bytes.getId(k, p1, k.length);
            int p2 = b < 0 ? -1 : p1 + Bytes.idLength(b);
            long c = p2 < 0 ? -1 : Bytes.getId(k, p2, k.length);
            int end = c < 0 ? -1 : p2 + Bytes.idLength(c);
            if (graphAt == 4 && end > 0) {
                g = Bytes.getId(k, end, k.length);
                end = g < 0 ? -1 : end + Bytes.idLength(g);
            }
            if (end != k.length) {
                throw new CorruptionException("(index)", -1, "malformed index key " + Bytes.hex(k, 32));
            }
            if (order == IndexOrder.SPO) {
                s = a;
                p = b;
                o = c;
            } else if (order == IndexOrder.POS) {
                p = a;
                o = b;
                s = c;
            } else {
                o = a;
                s = b;
                p = c;
            }
            return true;
        }

        public long s() {
            return s;
        }

        public long p() {
            return p;
        }

        public long o() {
            return o;
        }

        /** The graph of the current triple: its id for a scan of named graphs, else 0. */
        public long g() {
            return graphAt == 0 || distinct ? 0 : g;
        }
    }

    private static final class Plan {
        final byte tag;
        final byte[] prefix;
        final byte[] bloomKey;

        // Bound terms and their ids; id -1 (and a null term) where unbound.
        String s;
        String p;
        String o;
        long si = -1;
        long pi = -1;
        long oi = -1;

        Plan(byte tag, byte[] prefix) {
            this.tag = tag;
            this.prefix = prefix;
            this.bloomKey = prefix.length > 1 ? prefix : null;
        }

        void bind(String s, long si, String p, long pi, String o, long oi) {
            this.s = s;
            this.si = si;
            this.p = p;
            this.pi = pi;
            this.o = o;
            this.oi = oi;
        }
    }
}
