package org.nervusdb.engine;

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
import org.nervusdb.Snapshot;
import org.nervusdb.Stats;
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
    private BulkLoader bulk;

    private TripleStore(Engine engine, FileSystem fs, int cacheEntries) {
        this.engine = engine;
        this.fs = fs;
        this.termCache = new TermCache(cacheEntries);
        this.termCacheLimit = cacheEntries;
    }

    /** Opens or creates a store; recovers from the write-ahead log if the last run crashed. */
    public static TripleStore open(FileSystem fs, StoreOptions options) {
        EngineOptions eo = new EngineOptions();
        eo.memtableBytes = options.memtableBytes;
        eo.blockCacheBytes = options.blockCacheBytes;
        eo.syncOnCommit = options.syncOnCommit;
        eo.inlineCompaction = options.inlineCompaction;
        eo.backgroundWorkDue = options.backgroundWorkDue;
        eo.keyShape = Keys.SHAPE;
        eo.closeCheckpointBytes = options.closeCheckpointBytes;
        Engine engine = Engine.open(fs, eo);
        TripleStore s = new TripleStore(engine, fs, options.termCacheEntries);
        try {
            s.init();
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

    private void init() {
        try (Engine.View v = engine.view()) {
            byte[] layout = v.get(Keys.LAYOUT);
            if (layout == null) {
                if (v.get(Keys.NEXT_ID) != null) {
                    throw new CorruptionException("(meta)", -1, "layout version missing");
                }
                WriteBatch b = new WriteBatch();
                b.put(Keys.LAYOUT, layoutRecord());
                b.put(Keys.NEXT_ID, Keys.u64(1));
                b.put(Keys.COUNT, Keys.u64(0));
                engine.write(b);
                nextId = 1;
                count = 0;
                return;
            }
            if (layout.length != 4) {
                throw new CorruptionException("(meta)", -1, "bad layout version record");
            }
            int lv = Bytes.getIntLE(layout, 0);
            if (lv < Keys.LAYOUT_TRIPLES || lv > Keys.LAYOUT_VERSION) {
                throw new FormatVersionException("(key layout)", lv, Keys.LAYOUT_VERSION);
            }
            nextId = readU64(v, Keys.NEXT_ID);
            count = readU64(v, Keys.COUNT);
            if (lv == Keys.LAYOUT_VERSION) {
                return;
            }
        }
        upgradeLanguageTags();
    }

    private static byte[] layoutRecord() {
        byte[] lv = new byte[4];
        Bytes.putIntLE(lv, 0, Keys.LAYOUT_VERSION);
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
                b.put(Keys.LAYOUT, layoutRecord());
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

    /** The number of triples; a null collection is an invalid term like a null triple in one. */
    private static int size(Collection<Triple> triples) {
        if (triples == null) {
            throw new InvalidTermException("triples is null");
        }
        return triples.size();
    }

    /** The terms of the triples, three a triple, into {@code terms}; their UTF-8, validated. */
    private static byte[][] encodeAll(Collection<Triple> triples, String[] terms) {
        byte[][] enc = new byte[terms.length][];
        int i = 0;
        for (Triple t : triples) {
            if (t == null) {
                throw new InvalidTermException("triple " + i / 3 + " is null");
            }
            terms[i] = canonical(t.subject());
            enc[i] = encode(terms[i], "subject");
            terms[i + 1] = canonical(t.predicate());
            enc[i + 1] = encode(terms[i + 1], "predicate");
            terms[i + 2] = canonical(t.object());
            enc[i + 2] = encode(terms[i + 2], "object");
            i += 3;
        }
        return enc;
    }

    /**
     * Adds all triples in one atomic commit (one log record, one fsync). Returns how many were
     * not already present. Validates every term before writing anything.
     */
    public long addAll(Collection<Triple> triples) {
        int n = size(triples);
        String[] terms = new String[n * 3];
        byte[][] enc = encodeAll(triples, terms);
        synchronized (writeLock) {
            checkNoBulkLoad();
            WriteBatch b = new WriteBatch((int) Math.min(64L << 20, n * 48L));
            Map<String, Long> fresh = new HashMap<>();
            IdTripleSet seen = new IdTripleSet(n);
            long next = nextId;
            long added = 0;
            try (Engine.View v = engine.view()) {
                long[] ids = new long[3];
                for (int t = 0; t < n; t++) {
                    boolean isNew = false;
                    for (int k = 0; k < 3; k++) {
                        String term = terms[t * 3 + k];
                        Long id = fresh.get(term);
                        if (id != null) {
                            isNew = true;
                        } else {
                            id = lookupId(v, term, enc[t * 3 + k]);
                            if (id == null) {
                                id = next++;
                                fresh.put(term, id);
                                b.putTagged(Keys.TERM, enc[t * 3 + k], Keys.idValue(id));
                                b.putTagged(Keys.ID, Keys.idValue(id), enc[t * 3 + k]);
                                isNew = true;
                            }
                        }
                        ids[k] = id;
                    }
                    if (!seen.add(ids[0], ids[1], ids[2])) {
                        continue;
                    }
                    if (!isNew && v.get(Keys.index(Keys.SPO, ids[0], ids[1], ids[2])) != null) {
                        continue;
                    }
                    b.putIds(Keys.SPO, ids[0], ids[1], ids[2]);
                    b.putIds(Keys.POS, ids[1], ids[2], ids[0]);
                    b.putIds(Keys.OSP, ids[2], ids[0], ids[1]);
                    added++;
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
            engine.write(b);
            nextId = next;
            count += added;
            // Cache the new terms of small commits; a bulk load would only churn the cache.
            if (fresh.size() <= termCacheLimit / 16) {
                for (Map.Entry<String, Long> e : fresh.entrySet()) {
                    termCache.putId(e.getKey(), e.getValue());
                }
            }
            return added;
        }
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
     * bounds the triples held in memory before a sorted run is written to a temporary file.
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
            checkNoBulkLoad();
            bulk = new BulkLoader(this, engine, nextId, count, memoryBytes, background);
            return bulk;
        }
    }

    Object writeLock() {
        return writeLock;
    }

    /** Called by the loader under {@link #writeLock()} once its tables are live (or it ended without any). */
    void bulkInstalled(BulkLoader b, long newNextId, long newCount) {
        if (bulk == b) {
            nextId = newNextId;
            count = newCount;
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

    /** Removes a triple; returns whether it was present. Terms stay in the dictionary. */
    public boolean delete(String s, String p, String o) {
        return deleteAll(Collections.singletonList(new Triple(s, p, o))) == 1;
    }

    /**
     * Removes all the triples in one atomic commit (one log record, one fsync); returns how many
     * were present. Validates every term before writing anything. Terms stay in the dictionary.
     */
    public long deleteAll(Collection<Triple> triples) {
        int n = size(triples);
        String[] terms = new String[n * 3];
        byte[][] enc = encodeAll(triples, terms);
        synchronized (writeLock) {
            checkNoBulkLoad();
            WriteBatch b = new WriteBatch();
            IdTripleSet seen = new IdTripleSet(n);
            long removed = 0;
            try (Engine.View v = engine.view()) {
                for (int t = 0; t < n; t++) {
                    Long si = lookupId(v, terms[t * 3], enc[t * 3]);
                    Long pi = lookupId(v, terms[t * 3 + 1], enc[t * 3 + 1]);
                    Long oi = lookupId(v, terms[t * 3 + 2], enc[t * 3 + 2]);
                    if (si == null || pi == null || oi == null || !seen.add(si, pi, oi)) {
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
            if (removed == 0) {
                return 0;
            }
            b.put(Keys.COUNT, Keys.u64(count - removed));
            engine.write(b);
            count -= removed;
            return removed;
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
            checkNoBulkLoad();
            try (Engine.View v = engine.view()) {
                Commit c = new Commit(v);
                for (Transaction.Op op : tx.ops) {
                    c.apply(op);
                }
                WriteBatch b = new WriteBatch();
                for (Map.Entry<Commit.Key, byte[]> e : c.writes.entrySet()) {
                    if (e.getValue() == Commit.GONE) {
                        b.delete(e.getKey().bytes);
                    } else {
                        b.put(e.getKey().bytes, e.getValue());
                    }
                }
                if (c.next != nextId) {
                    b.put(Keys.NEXT_ID, Keys.u64(c.next));
                }
                if (c.count != count) {
                    b.put(Keys.COUNT, Keys.u64(c.count));
                }
                if (b.isEmpty()) {
                    return 0;
                }
                engine.write(b);
                nextId = c.next;
                count = c.count;
                return c.changed;
            }
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
        long changed; // triples added that were absent, and removed that were present

        Commit(Engine.View view) {
            this.view = view;
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

        void apply(Transaction.Op op) {
            switch (op.kind) {
                case Transaction.ADD: {
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
                case Transaction.DELETE: {
                    long s = id(op.s, op.utf8[0], false);
                    long p = id(op.p, op.utf8[1], false);
                    long o = id(op.o, op.utf8[2], false);
                    if (s == 0 || p == 0 || o == 0) {
                        break;
                    }
                    byte[] spo = Keys.index(Keys.SPO, s, p, o);
                    if (get(spo) != null) {
                        delete(spo);
                        delete(Keys.index(Keys.POS, p, o, s));
                        delete(Keys.index(Keys.OSP, o, s, p));
                        count--;
                        changed++;
                        dropEdgeProperties(s, p, o);
                    }
                    break;
                }
                case Transaction.NODE_PROPERTIES: {
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
                case Transaction.EDGE_PROPERTIES: {
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
                case Transaction.ADD_LABELS: {
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
                case Transaction.REMOVE_LABELS: {
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
        synchronized (writeLock) {
            triples = count;
            terms = nextId - 1;
        }
        return new Stats(triples, terms, e.tables + 1, e.tableBytes + e.walBytes, e.memtableBytes, e.tables,
                e.walBytes, e.blockCacheBytes, e.blockCacheHits, e.blockCacheMisses, e.flushes, e.compactions);
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
    static String canonical(String t) {
        return RdfTerms.canonicalTerm(t);
    }

    static byte[] encode(String term, String what) {
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
        termCache.putId(term, x);
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
        termCache.putTerm(id, t);
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

    /** A set of id triples with open addressing: no object per triple. */
    static final class IdTripleSet {
        private long[] slots; // three longs per slot; id 0 never occurs, so a == 0 marks a free slot
        private int mask;
        private int size;

        IdTripleSet(int expected) {
            int cap = 16;
            while (cap < expected * 2L && cap < (1 << 29)) {
                cap <<= 1;
            }
            slots = new long[cap * 3];
            mask = cap - 1;
        }

        /** Adds (a, b, c), all positive; returns false if it was already present. */
        boolean add(long a, long b, long c) {
            if (size * 2 >= mask) {
                grow();
            }
            if (insert(slots, mask, a, b, c)) {
                size++;
                return true;
            }
            return false;
        }

        private static boolean insert(long[] t, int mask, long a, long b, long c) {
            long h = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L;
            int i = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
            while (true) {
                int p = i * 3;
                if (t[p] == 0) {
                    t[p] = a;
                    t[p + 1] = b;
                    t[p + 2] = c;
                    return true;
                }
                if (t[p] == a && t[p + 1] == b && t[p + 2] == c) {
                    return false;
                }
                i = (i + 1) & mask;
            }
        }

        private void grow() {
            int cap = (mask + 1) * 2;
            long[] t = new long[cap * 3];
            for (int p = 0; p < slots.length; p += 3) {
                if (slots[p] != 0) {
                    insert(t, cap - 1, slots[p], slots[p + 1], slots[p + 2]);
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

        StoreSnapshot(Engine.View view) {
            this.view = view;
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
            Long id = lookupId(view, term, utf8);
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
            return termOf(view, id, termFinger);
        }

        /** The term with id {@code id}, or null if no term has it (ids are given out from 1, never reused). */
        public String termOrNull(long id) {
            check();
            return id > 0 && view.get(Keys.id(id)) != null ? termOf(view, id, termFinger) : null;
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
                Long x = lookupId(view, s, encode(s, "subject"));
                if (x == null) {
                    return null;
                }
                si = x;
            }
            if (p != null) {
                Long x = lookupId(view, p, encode(p, "predicate"));
                if (x == null) {
                    return null;
                }
                pi = x;
            }
            if (o != null) {
                Long x = lookupId(view, o, encode(o, "object"));
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
                    ts = termOf(view, s, finger);
                    lastS = s;
                }
                if (p != lastP) {
                    tp = termOf(view, p, finger);
                    lastP = p;
                }
                if (o != lastO) {
                    to = termOf(view, o, finger);
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

    /** A scan of id triples from one index, in that index's order. */
    public static final class IdScan {
        private final Engine.Scan scan;
        private final IndexOrder order;
        private final byte[] prefix;
        private long s;
        private long p;
        private long o;

        IdScan(Engine.Scan scan, IndexOrder order, byte[] prefix) {
            this.scan = scan;
            this.order = order;
            this.prefix = prefix;
        }

        /**
         * For a scan with two bound positions, whose triples come in ascending order of the free
         * one: moves so that the following {@link #next} gives the first triple whose free
         * position is at least {@code id}, which must be above the current triple's.
         */
        public void skipTo(long id) {
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
            if (!scan.next()) {
                return false;
            }
            byte[] k = scan.key();
            long a = Bytes.getId(k, 1, k.length);
            int p1 = a < 0 ? -1 : Bytes.idLength(a) + 1;
            long b = p1 < 0 ? -1 : Bytes.getId(k, p1, k.length);
            int p2 = b < 0 ? -1 : p1 + Bytes.idLength(b);
            long c = p2 < 0 ? -1 : Bytes.getId(k, p2, k.length);
            if (c < 0 || p2 + Bytes.idLength(c) != k.length) {
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
