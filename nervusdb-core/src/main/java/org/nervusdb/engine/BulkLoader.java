package org.nervusdb.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nervusdb.InvalidTermException;
import org.nervusdb.NervusDBException;
import org.nervusdb.Quad;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;

/**
 * Loads many triples and quads into a {@link TripleStore} without the write-ahead log, writing
 * sorted tables directly and making them live with one manifest replacement.
 *
 * <ol>
 * <li>{@link #add}: each term is resolved to an id (a term of this load, a committed term, or a
 * new id from the next-id counter) and the id triple goes into an in-memory chunk; a quad of a
 * named graph goes, as four ids, into a chunk of its own (a quad of the default graph is a
 * triple). Terms arrive as strings or as UTF-8 bytes; the load keys them by their bytes
 * ({@link BulkTerms}). A full chunk of triples is radix-sorted in SPO, POS and OSP order (ids
 * packed into one {@code long} when they fit) and written as three sorted runs to temporary files
 * ({@code bulk-NNNNNN-ORDER-K.tmp}); a full chunk of quads likewise in the six quad orders SPOG,
 * POSG, OSPG, GSPO, GPOS and GOSP (ids packed into two {@code long}s when they fit). With a
 * {@link Background} (a thread on the JVM), that happens while the input goes on into a second
 * chunk.</li>
 * <li>{@link #prepare}: the input ends; the last chunks stay in memory.</li>
 * <li>{@link #writeDictionary}: a table of the new terms, term to id (sorted by UTF-8) and id to
 * term.</li>
 * <li>{@link #writeIndex}: for each order, its runs merged k-way into a table of its keys.
 * Duplicates within the input are merged away; a triple whose three ids are all older than this
 * load is looked up in the store (SPO) and skipped if present, and so is a quad whose four ids
 * are (GSPO). The GOSP table also lists each graph the load saw that the store does not list
 * yet. A load without quads of named graphs writes no quad tables and does no work for them.</li>
 * <li>{@link #install}: a small table with the new next-id, triple-count and quad-count
 * counters, then one manifest replacement that adds all the tables in front of the existing
 * ones.</li>
 * </ol>
 *
 * Steps 3 and 4 (each order) are independent and may run on different threads; everything else
 * runs on one thread at a time. {@link #finish} runs steps 2 to 5. {@link #abort} (also
 * {@link #close} before the load finished) deletes every file the load wrote. A crash before the
 * manifest replacement leaves the store as it was: the new tables are unlisted and the temporary
 * files are deleted by the next open; after it, the store holds the whole load.
 *
 * <p>While a load runs, the store refuses other writes ({@link IllegalStateException}); reads
 * and snapshots go on and see the store as before the load until it is installed. Memory: the
 * chunks of triples, at most {@code memoryBytes} (64 bytes per triple of chunk with a background
 * thread, 40 without), allocated at the first triple; the chunks of quads of named graphs, at most
 * {@code memoryBytes} more (96 bytes per quad of chunk with a background thread, 64 without),
 * allocated at the first quad; every distinct term the load sees, held until the end: its UTF-8
 * bytes plus about 30 bytes; and 8 bytes per graph new to the store while the GOSP table is
 * written.
 */
public final class BulkLoader implements AutoCloseable {
    /** The default memory for the chunks of triples (and as much again for those of quads, once there is one). */
    public static final long DEFAULT_MEMORY = 128L << 20;
    private static final int MIN_CHUNK = 1024;
    /** Orders: 0-2 the triples' SPO, POS, OSP; 3-8 the quads' SPOG, POSG, OSPG, GSPO, GPOS, GOSP. */
    public static final int ORDER_COUNT = 9;
    private static final int FIRST_QUAD_ORDER = 3;
    private static final int GSPO_ORDER = 6;
    private static final int GOSP_ORDER = 8;
    private static final String[] ORDER_NAMES = {"spo", "pos", "osp", "spog", "posg", "ospg", "gspo", "gpos", "gosp"};
    // For each order, the statement positions (0 = s, 1 = p, 2 = o, 3 = g) of its ids in key order;
    // its key tag is Keys.SPO + order.
    private static final int[][] ORDERS = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1},
        {0, 1, 2, 3}, {1, 2, 0, 3}, {2, 0, 1, 3}, {3, 0, 1, 2}, {3, 1, 2, 0}, {3, 2, 0, 1}};
    private static final byte[] DEFAULT_GRAPH = Utf8.encode(Quad.DEFAULT_GRAPH, "graph");
    private static final int RUN_BUFFER = 1 << 20;
    private static final int READ_BUFFER = 256 << 10;

    private static final int COLLECTING = 0;
    private static final int PREPARED = 1;
    private static final int FINISHED = 2;
    private static final int ABORTED = 3;

    private final TripleStore store;
    private final Engine engine;
    private final FileSystem fs;
    private final Engine.View view;
    private final long load;
    private final long firstNew;
    private final long countBefore;
    private final long quadsBefore;
    private final Background background;
    private long next;
    private volatile int state = COLLECTING;

    // Terms seen by this load; the new ones are also the dictionary to write.
    private BulkTerms terms = new BulkTerms();

    // The chunk being filled (ids, three per triple), and the one a background spill may be sorting.
    private long[] chunk;
    private long[] spare;
    private final int capacity;
    private int room; // 0 until the chunk exists, then its capacity
    private int n;
    // Likewise for quads of named graphs: four ids (s, p, o, g) per quad.
    private long[] qchunk;
    private long[] qspare;
    private final int qcapacity;
    private int qroom;
    private int qn;
    private final List<List<String>> runs = new ArrayList<>();
    private int runCount;
    private long input;
    private Background.Task spiller;
    private volatile Throwable spillFailure;
    private long[] spillPacked;
    private long[] spillTmp;
    private long[][] spillQuad; // two packed words and their scratch, per quad

    private String lastS;
    private String lastP;
    private String lastO;
    private long lastSi;
    private long lastPi;
    private long lastOi;
    private String lastG;
    private long lastGi;

    // Files written and not (yet) live; guarded by this.
    private final List<String> temps = new ArrayList<>();
    private final List<String> unlisted = new ArrayList<>();
    private TableMeta dictionaryTable;
    private final TableMeta[] indexTables = new TableMeta[ORDER_COUNT];
    private boolean dictionaryDone;
    private final boolean[] indexDone = new boolean[ORDER_COUNT];
    private long added;
    private long addedQuads;

    /**
     * Runs a task alongside the caller. The core starts no threads: a runtime that has them
     * passes one that does (the JVM's starts a daemon thread); without one, work runs inline.
     */
    public interface Background {
        /** A started task. */
        interface Task {
            /** Returns once the task has ended (however it ended). */
            void await();
        }

        /** Starts {@code task}; {@code name} names it (a thread name, say). */
        Task start(Runnable task, String name);
    }

    BulkLoader(TripleStore store, Engine engine, long nextId, long count, long quads, long memoryBytes, Background background) {
        this.store = store;
        this.engine = engine;
        this.fs = engine.fileSystem();
        this.load = engine.newFileNumber();
        this.firstNew = nextId;
        this.next = nextId;
        this.countBefore = count;
        this.quadsBefore = quads;
        this.background = background;
        // Per triple of capacity: two chunks of three ids when spilling in the background (one),
        // and the packed keys and their radix-sort scratch.
        long perTriple = background != null ? 64 : 40;
        long cap = Math.max(MIN_CHUNK, memoryBytes / perTriple);
        this.capacity = (int) Math.min(cap, (Integer.MAX_VALUE - 8) / 3);
        // Per quad: two chunks of four ids (one without a background thread), two packed words and
        // their radix-sort scratch.
        long perQuad = background != null ? 96 : 64;
        this.qcapacity = (int) Math.min(Math.max(MIN_CHUNK, memoryBytes / perQuad), (Integer.MAX_VALUE - 8) / 4);
        for (int i = 0; i < ORDER_COUNT; i++) {
            runs.add(new ArrayList<>());
        }
        this.view = engine.view();
    }

    // ------------------------------------------------------------------ input

    /**
     * Adds a triple. Validates its terms first ({@link InvalidTermException}, with nothing of the
     * triple taken in); the load goes on after such an error if the caller wants it to.
     */
    public void add(String s, String p, String o) {
        checkCollecting();
        resolve(s, p, o);
        put(lastSi, lastPi, lastOi);
    }

    /**
     * Adds a quad: to graph {@code g}, or to the default graph if {@code g} is null or
     * {@link Quad#DEFAULT_GRAPH} (then as {@link #add(String, String, String)}).
     * Validates its terms first ({@link InvalidTermException}: an invalid term, or a literal as
     * the graph), with nothing of the quad taken in.
     */
    public void add(String s, String p, String o, String g) {
        checkCollecting();
        g = TripleStore.graphName(g);
        if (g == null) {
            add(s, p, o);
            return;
        }
        boolean sameG = g == lastG;
        byte[] eg = sameG ? null : TripleStore.encode(g, "graph");
        resolve(s, p, o);
        long gi = sameG ? lastGi : id(eg, 0, eg.length);
        lastG = g;
        lastGi = gi;
        putQuad(lastSi, lastPi, lastOi, gi);
    }

    /** Validates the three terms, then resolves them to ids ({@link #lastSi}, {@link #lastPi}, {@link #lastOi}). */
    private void resolve(String s, String p, String o) {
        s = TripleStore.canonical(s);
        p = TripleStore.canonical(p);
        o = TripleStore.canonical(o);
        boolean sameS = s != null && s == lastS;
        boolean sameP = p != null && p == lastP;
        boolean sameO = o != null && o == lastO;
        byte[] es = sameS ? null : TripleStore.encode(s, "subject");
        byte[] ep = sameP ? null : TripleStore.encode(p, "predicate");
        byte[] eo = sameO ? null : TripleStore.encode(o, "object");
        long si = sameS ? lastSi : id(es, 0, es.length);
        long pi = sameP ? lastPi : id(ep, 0, ep.length);
        long oi = sameO ? lastOi : id(eo, 0, eo.length);
        lastS = s;
        lastSi = si;
        lastP = p;
        lastPi = pi;
        lastO = o;
        lastOi = oi;
    }

    /**
     * Adds a triple given as the UTF-8 bytes of its three terms, ranges of {@code b}. A term not
     * seen before in this load must be well-formed UTF-8 of at most
     * {@link TripleStore#MAX_TERM_BYTES} bytes, or {@link InvalidTermException} is thrown with
     * nothing of the triple taken in.
     */
    public void add(byte[] b, int sOff, int sLen, int pOff, int pLen, int oOff, int oLen) {
        int[] spans = one;
        spans[0] = sOff;
        spans[1] = sLen;
        spans[2] = pOff;
        spans[3] = pLen;
        spans[4] = oOff;
        spans[5] = oLen;
        long[] h = oneHashes;
        h[0] = BulkTerms.hash(b, sOff, sLen);
        h[1] = BulkTerms.hash(b, pOff, pLen);
        h[2] = BulkTerms.hash(b, oOff, oLen);
        add(b, spans, h, 1);
    }

    private final int[] one = new int[6];
    private final long[] oneHashes = new long[3];

    /** The hash {@link #add(byte[], int[], long[], int)} takes for a term's UTF-8 bytes. */
    public static long termHash(byte[] b, int off, int len) {
        return BulkTerms.hash(b, off, len);
    }

    private static final int GROUP = 64;
    private final long[] groupSlots = new long[GROUP * 4];
    private int warmth;

    /**
     * Adds {@code count} triples given as UTF-8 bytes: triple i has its subject at
     * {@code b[spans[6i] .. +spans[6i+1])}, then the predicate and the object likewise, and the
     * three {@link #termHash}es of its terms at {@code hashes[3i..3i+2]} (wrong hashes make
     * wrong loads). As {@link #add(byte[], int, int, int, int, int, int)} otherwise: an invalid
     * term throws with the triples before it added and none after.
     *
     * <p>The terms' slots and records are read group by group ahead of the lookups, so that
     * their cache misses overlap instead of coming one after the other.
     */
    public void add(byte[] b, int[] spans, long[] hashes, int count) {
        checkCollecting();
        for (int g = 0; g < count; g += GROUP) {
            int m = Math.min(GROUP, count - g) * 3;
            int base = g * 3;
            long[] slots = groupSlots;
            for (int k = 0; k < m; k++) {
                slots[k] = terms.firstSlot(hashes[base + k]);
            }
            int w = 0;
            for (int k = 0; k < m; k++) {
                w += terms.touch(slots[k]);
            }
            warmth += w;
            int end = Math.min(count, g + GROUP);
            for (int i = g; i < end; i++) {
                int at = i * 6;
                int h = i * 3;
                int sOff = spans[at];
                int sLen = spans[at + 1];
                int pOff = spans[at + 2];
                int pLen = spans[at + 3];
                int oOff = spans[at + 4];
                int oLen = spans[at + 5];
                long si = terms.find(b, sOff, sLen, hashes[h]);
                long pi = terms.find(b, pOff, pLen, hashes[h + 1]);
                long oi = terms.find(b, oOff, oLen, hashes[h + 2]);
                if (si == 0 || pi == 0 || oi == 0) {
                    if (si == 0) {
                        checkNew(b, sOff, sLen, "subject");
                    }
                    if (pi == 0) {
                        checkNew(b, pOff, pLen, "predicate");
                    }
                    if (oi == 0) {
                        checkNew(b, oOff, oLen, "object");
                    }
                    if (si == 0) {
                        si = id(b, sOff, sLen, hashes[h]);
                    }
                    if (pi == 0) {
                        pi = id(b, pOff, pLen, hashes[h + 1]);
                    }
                    if (oi == 0) {
                        oi = id(b, oOff, oLen, hashes[h + 2]);
                    }
                }
                put(si, pi, oi);
            }
        }
    }

    /**
     * Adds a quad given as the UTF-8 bytes of its four terms, ranges of {@code b}; a negative
     * {@code gLen} (or the graph {@link Quad#DEFAULT_GRAPH}) puts it in the default
     * graph. Validates as {@link #add(byte[], int, int, int, int, int, int)} does, and refuses a
     * literal as the graph.
     */
    public void add(byte[] b, int sOff, int sLen, int pOff, int pLen, int oOff, int oLen, int gOff, int gLen) {
        if (gLen < 0) {
            add(b, sOff, sLen, pOff, pLen, oOff, oLen);
            return;
        }
        int[] spans = oneQuad;
        spans[0] = sOff;
        spans[1] = sLen;
        spans[2] = pOff;
        spans[3] = pLen;
        spans[4] = oOff;
        spans[5] = oLen;
        spans[6] = gOff;
        spans[7] = gLen;
        long[] h = oneQuadHashes;
        h[0] = BulkTerms.hash(b, sOff, sLen);
        h[1] = BulkTerms.hash(b, pOff, pLen);
        h[2] = BulkTerms.hash(b, oOff, oLen);
        h[3] = BulkTerms.hash(b, gOff, gLen);
        addQuads(b, spans, h, 1);
    }

    private final int[] oneQuad = new int[8];
    private final long[] oneQuadHashes = new long[4];

    /**
     * Adds {@code count} quads given as UTF-8 bytes, as {@link #add(byte[], int[], long[], int)}
     * adds triples, with eight spans and four hashes per quad: quad i has its graph at
     * {@code b[spans[8i+6] .. +spans[8i+7])} and its hash at {@code hashes[4i+3]}; a negative
     * length (its hash is then not read) puts the quad in the default graph, as a triple.
     */
    public void addQuads(byte[] b, int[] spans, long[] hashes, int count) {
        checkCollecting();
        for (int g = 0; g < count; g += GROUP) {
            int end = Math.min(count, g + GROUP);
            long[] slots = groupSlots;
            int m = 0;
            for (int i = g; i < end; i++) {
                int terms4 = spans[i * 8 + 7] < 0 ? 3 : 4;
                for (int k = 0; k < terms4; k++) {
                    slots[m++] = terms.firstSlot(hashes[i * 4 + k]);
                }
            }
            int w = 0;
            for (int k = 0; k < m; k++) {
                w += terms.touch(slots[k]);
            }
            warmth += w;
            for (int i = g; i < end; i++) {
                int at = i * 8;
                int h = i * 4;
                int sOff = spans[at];
                int sLen = spans[at + 1];
                int pOff = spans[at + 2];
                int pLen = spans[at + 3];
                int oOff = spans[at + 4];
                int oLen = spans[at + 5];
                int gOff = spans[at + 6];
                int gLen = spans[at + 7];
                boolean named = gLen >= 0 && !isDefaultGraph(b, gOff, gLen);
                if (named && gLen > 0 && b[gOff] == '"') {
                    throw new InvalidTermException("a literal cannot name a graph");
                }
                long si = terms.find(b, sOff, sLen, hashes[h]);
                long pi = terms.find(b, pOff, pLen, hashes[h + 1]);
                long oi = terms.find(b, oOff, oLen, hashes[h + 2]);
                long gi = named ? terms.find(b, gOff, gLen, hashes[h + 3]) : -1;
                if (si == 0 || pi == 0 || oi == 0 || gi == 0) {
                    if (si == 0) {
                        checkNew(b, sOff, sLen, "subject");
                    }
                    if (pi == 0) {
                        checkNew(b, pOff, pLen, "predicate");
                    }
                    if (oi == 0) {
                        checkNew(b, oOff, oLen, "object");
                    }
                    if (gi == 0) {
                        checkNew(b, gOff, gLen, "graph");
                    }
                    if (si == 0) {
                        si = id(b, sOff, sLen, hashes[h]);
                    }
                    if (pi == 0) {
                        pi = id(b, pOff, pLen, hashes[h + 1]);
                    }
                    if (oi == 0) {
                        oi = id(b, oOff, oLen, hashes[h + 2]);
                    }
                    if (gi == 0) {
                        gi = id(b, gOff, gLen, hashes[h + 3]);
                    }
                }
                if (named) {
                    putQuad(si, pi, oi, gi);
                } else {
                    put(si, pi, oi);
                }
            }
        }
    }

    private static boolean isDefaultGraph(byte[] b, int off, int len) {
        return len == DEFAULT_GRAPH.length && Bytes.compare(b, off, len, DEFAULT_GRAPH, 0, len) == 0;
    }

    private void checkCollecting() {
        if (state != COLLECTING) {
            throw new IllegalStateException("the bulk load no longer takes triples");
        }
    }

    private static void checkNew(byte[] b, int off, int len, String what) {
        if (len > TripleStore.MAX_TERM_BYTES) {
            throw new InvalidTermException(what + " is " + len + " bytes in UTF-8; the limit is " + TripleStore.MAX_TERM_BYTES);
        }
        if (Utf8.decode(b, off, len) == null) {
            throw new InvalidTermException(what + " is not well-formed UTF-8");
        }
    }

    private void put(long si, long pi, long oi) {
        if (n == room) {
            if (chunk == null) {
                chunk = new long[capacity * 3];
                room = capacity;
            } else {
                spill(false);
            }
        }
        int at = n * 3;
        chunk[at] = si;
        chunk[at + 1] = pi;
        chunk[at + 2] = oi;
        input++;
        n++;
    }

    private void putQuad(long si, long pi, long oi, long gi) {
        if (qn == qroom) {
            if (qchunk == null) {
                qchunk = new long[qcapacity * 4];
                qroom = qcapacity;
            } else {
                spill(true);
            }
        }
        int at = qn * 4;
        long[] c = qchunk;
        c[at] = si;
        c[at + 1] = pi;
        c[at + 2] = oi;
        c[at + 3] = gi;
        input++;
        qn++;
    }

    /** Statements (triples and quads) passed to {@link #add} so far, duplicates included. */
    public long inputTriples() {
        return input;
    }

    /** Triples the load added to the default graph (known after {@link #writeIndexes}). */
    public long added() {
        return added;
    }

    /** Quads the load added to named graphs (known after {@link #writeIndexes}). */
    public long addedQuads() {
        return addedQuads;
    }

    /** The id of a valid term (its UTF-8 bytes): of this load, committed, or new. */
    private long id(byte[] b, int off, int len) {
        return id(b, off, len, BulkTerms.hash(b, off, len));
    }

    private long id(byte[] b, int off, int len, long h) {
        long id = terms.find(b, off, len, h);
        if (id != 0) {
            return id;
        }
        if (firstNew > 1) {
            id = store.committedId(view, b, off, len);
        }
        boolean isNew = id == 0;
        if (isNew) {
            id = next++;
        }
        terms.add(b, off, len, h, id, isNew);
        return id;
    }

    // ------------------------------------------------------------------ sorting and runs

    /**
     * Writes the full chunk of triples (or of quads) as one sorted run per order: on a background
     * thread when the loader has one (the input goes on into the spare chunk meanwhile), else here.
     */
    private void spill(boolean quads) {
        int k = runCount++;
        long maxId = next - 1;
        int size = quads ? qn : n;
        int first = quads ? FIRST_QUAD_ORDER : 0;
        String[] names = new String[quads ? ORDER_COUNT - FIRST_QUAD_ORDER : FIRST_QUAD_ORDER];
        for (int i = 0; i < names.length; i++) {
            names[i] = FileNames.bulkTemp(load, ORDER_NAMES[first + i] + "-" + k);
            synchronized (this) {
                temps.add(names[i]);
            }
            runs.get(first + i).add(names[i]);
        }
        if (quads) {
            qn = 0;
        } else {
            n = 0;
        }
        if (background == null) {
            writeRuns(quads ? qchunk : chunk, size, maxId, first, names);
            return;
        }
        awaitSpill();
        long[] full;
        if (quads) {
            full = qchunk;
            qchunk = qspare != null ? qspare : new long[qcapacity * 4];
            qspare = full;
        } else {
            full = chunk;
            chunk = spare != null ? spare : new long[capacity * 3];
            spare = full;
        }
        spiller = background.start(() -> {
            try {
                writeRuns(full, size, maxId, first, names);
            } catch (RuntimeException | Error e) {
                spillFailure = e;
            }
        }, "nervusdb-bulk-sort");
    }

    /** Waits for the background spill, if one runs, and rethrows its failure. */
    private void awaitSpill() {
        Background.Task t = spiller;
        if (t != null) {
            t.await();
            spiller = null;
        }
        Throwable f = spillFailure;
        if (f != null) {
            if (f instanceof Error) {
                throw (Error) f;
            }
            throw (RuntimeException) f;
        }
    }

    private void writeRuns(long[] ids, int size, long maxId, int first, String[] names) {
        boolean quads = first >= FIRST_QUAD_ORDER;
        if (quads && spillQuad == null) {
            spillQuad = new long[][] {new long[qcapacity], new long[qcapacity], new long[qcapacity], new long[qcapacity]};
        } else if (!quads && spillPacked == null) {
            spillPacked = new long[capacity];
            spillTmp = new long[capacity];
        }
        for (int i = 0; i < names.length; i++) {
            if (state == ABORTED) {
                return;
            }
            FileHandle h = fs.create(names[i]);
            try {
                RunWriter w = new RunWriter(h);
                if (quads) {
                    Cursor c = sortQuads(ids, size, maxId, first + i, spillQuad);
                    while (c.next()) {
                        w.add(c.a, c.b, c.c, c.d);
                    }
                } else {
                    Cursor c = sort(ids, size, maxId, i, spillPacked, spillTmp);
                    while (c.next()) {
                        w.add(c.a, c.b, c.c);
                    }
                }
                w.finish();
            } finally {
                h.close();
            }
        }
    }

    /**
     * Sorts {@code size} id triples in {@code order}; the cursor gives each distinct triple once,
     * as ids in that order. With ids of at most 21 bits the three pack into one long, radix-sorted
     * in {@code packed} (scratch {@code tmp}); larger ids sort a permutation instead.
     */
    static Cursor sort(long[] ids, int size, long maxId, int order, long[] packed, long[] tmp) {
        int[] pos = ORDERS[order];
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, maxId));
        int p0 = pos[0];
        int p1 = pos[1];
        int p2 = pos[2];
        if (bits * 3 <= 63) {
            int b2 = bits * 2;
            for (int i = 0, at = 0; i < size; i++, at += 3) {
                packed[i] = ids[at + p0] << b2 | ids[at + p1] << bits | ids[at + p2];
            }
            radixSort(packed, tmp, size, bits * 3);
            return new PackedCursor(packed, size, bits);
        }
        int[] perm = new int[size];
        int[] scratch = new int[size];
        for (int i = 0; i < size; i++) {
            perm[i] = i;
        }
        // Least significant digit first: the third id, then the second, then the first.
        int[] count = new int[RADIX];
        for (int p : new int[] {p2, p1, p0}) {
            for (int shift = 0; shift < bits; shift += RADIX_BITS) {
                java.util.Arrays.fill(count, 0);
                for (int i = 0; i < size; i++) {
                    count[(int) (ids[perm[i] * 3 + p] >>> shift) & (RADIX - 1)]++;
                }
                if (count[(int) (ids[perm[0] * 3 + p] >>> shift) & (RADIX - 1)] == size) {
                    continue;
                }
                int sum = 0;
                for (int d = 0; d < RADIX; d++) {
                    int c = count[d];
                    count[d] = sum;
                    sum += c;
                }
                for (int i = 0; i < size; i++) {
                    int x = perm[i];
                    scratch[count[(int) (ids[x * 3 + p] >>> shift) & (RADIX - 1)]++] = x;
                }
                int[] t = perm;
                perm = scratch;
                scratch = t;
            }
        }
        return new PermCursor(ids, perm, size, pos);
    }

    /**
     * Sorts {@code size} id quads (four ids each, s p o g) in quad {@code order} (3 to 8); the
     * cursor gives each distinct quad once, as ids in that order. With ids of at most 31 bits the
     * first two and the last two pack into one long each, radix-sorted as 128-bit keys in
     * {@code scratch} (four arrays of at least {@code size}: the two words and their scratch;
     * null: allocated here); larger ids sort a permutation instead.
     */
    static Cursor sortQuads(long[] ids, int size, long maxId, int order, long[][] scratch) {
        int[] pos = ORDERS[order];
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, maxId));
        int p0 = pos[0];
        int p1 = pos[1];
        int p2 = pos[2];
        int p3 = pos[3];
        if (bits * 2 <= 63) {
            long[][] w = scratch != null ? scratch : new long[][] {new long[size], new long[size], new long[size], new long[size]};
            long[] hi = w[0];
            long[] lo = w[1];
            for (int i = 0, at = 0; i < size; i++, at += 4) {
                hi[i] = ids[at + p0] << bits | ids[at + p1];
                lo[i] = ids[at + p2] << bits | ids[at + p3];
            }
            radixSort2(hi, lo, w[2], w[3], size, bits * 2);
            return new PackedQuadCursor(hi, lo, size, bits);
        }
        if (size == 0) {
            return new PermQuadCursor(ids, new int[0], 0, pos);
        }
        int[] perm = new int[size];
        int[] scratchPerm = new int[size];
        for (int i = 0; i < size; i++) {
            perm[i] = i;
        }
        // Least significant digit first: the fourth id, then the third, the second and the first.
        int[] count = new int[RADIX];
        for (int p : new int[] {p3, p2, p1, p0}) {
            for (int shift = 0; shift < bits; shift += RADIX_BITS) {
                java.util.Arrays.fill(count, 0);
                for (int i = 0; i < size; i++) {
                    count[(int) (ids[perm[i] * 4 + p] >>> shift) & (RADIX - 1)]++;
                }
                if (count[(int) (ids[perm[0] * 4 + p] >>> shift) & (RADIX - 1)] == size) {
                    continue;
                }
                int sum = 0;
                for (int d = 0; d < RADIX; d++) {
                    int c = count[d];
                    count[d] = sum;
                    sum += c;
                }
                for (int i = 0; i < size; i++) {
                    int x = perm[i];
                    scratchPerm[count[(int) (ids[x * 4 + p] >>> shift) & (RADIX - 1)]++] = x;
                }
                int[] t = perm;
                perm = scratchPerm;
                scratchPerm = t;
            }
        }
        return new PermQuadCursor(ids, perm, size, pos);
    }

    /**
     * Sorts the pairs {@code (hi[i], lo[i])} for i in {@code [0, n)} (non-negative values below
     * 2^keyBits each) by hi, then lo, least significant digit first; {@code tmpHi} and
     * {@code tmpLo} are scratch of at least n.
     */
    static void radixSort2(long[] hi, long[] lo, long[] tmpHi, long[] tmpLo, int n, int keyBits) {
        if (n < 2) {
            return;
        }
        long[] srcHi = hi;
        long[] srcLo = lo;
        long[] dstHi = tmpHi;
        long[] dstLo = tmpLo;
        int[] count = new int[RADIX];
        for (int word = 0; word < 2; word++) {
            for (int shift = 0; shift < keyBits; shift += RADIX_BITS) {
                long[] key = word == 0 ? srcLo : srcHi;
                java.util.Arrays.fill(count, 0);
                for (int i = 0; i < n; i++) {
                    count[(int) (key[i] >>> shift) & (RADIX - 1)]++;
                }
                if (count[(int) (key[0] >>> shift) & (RADIX - 1)] == n) {
                    continue; // one digit value throughout: nothing to move
                }
                int sum = 0;
                for (int d = 0; d < RADIX; d++) {
                    int c = count[d];
                    count[d] = sum;
                    sum += c;
                }
                for (int i = 0; i < n; i++) {
                    int at = count[(int) (key[i] >>> shift) & (RADIX - 1)]++;
                    dstHi[at] = srcHi[i];
                    dstLo[at] = srcLo[i];
                }
                long[] t = srcHi;
                srcHi = dstHi;
                dstHi = t;
                t = srcLo;
                srcLo = dstLo;
                dstLo = t;
            }
        }
        if (srcHi != hi) {
            System.arraycopy(srcHi, 0, hi, 0, n);
            System.arraycopy(srcLo, 0, lo, 0, n);
        }
    }

    private static final int RADIX_BITS = 11;
    private static final int RADIX = 1 << RADIX_BITS;

    /** Sorts {@code a[0..n)} (non-negative values below 2^keyBits), least significant digit first. */
    static void radixSort(long[] a, long[] tmp, int n, int keyBits) {
        if (n < 2048) {
            java.util.Arrays.sort(a, 0, n);
            return;
        }
        long[] src = a;
        long[] dst = tmp;
        int[] count = new int[RADIX];
        for (int shift = 0; shift < keyBits; shift += RADIX_BITS) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (src[i] >>> shift) & (RADIX - 1)]++;
            }
            if (count[(int) (src[0] >>> shift) & (RADIX - 1)] == n) {
                continue; // one digit value throughout: nothing to move
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long v = src[i];
                dst[count[(int) (v >>> shift) & (RADIX - 1)]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    /** Distinct id triples (or quads, with {@code d}) in ascending order. */
    abstract static class Cursor {
        long a;
        long b;
        long c;
        long d; // 0 for triples

        abstract boolean next();

        void close() {
        }
    }

    private static final class PackedCursor extends Cursor {
        private final long[] pk;
        private final int size;
        private final int bits;
        private final long mask;
        private int i;

        PackedCursor(long[] pk, int size, int bits) {
            this.pk = pk;
            this.size = size;
            this.bits = bits;
            this.mask = (1L << bits) - 1;
        }

        @Override
        boolean next() {
            while (i < size) {
                long v = pk[i++];
                if (i > 1 && pk[i - 2] == v) {
                    continue;
                }
                a = v >>> (2 * bits);
                b = (v >>> bits) & mask;
                c = v & mask;
                return true;
            }
            return false;
        }
    }

    private static final class PermCursor extends Cursor {
        private final long[] ch;
        private final int[] perm;
        private final int size;
        private final int p0;
        private final int p1;
        private final int p2;
        private int i;

        PermCursor(long[] ch, int[] perm, int size, int[] pos) {
            this.ch = ch;
            this.perm = perm;
            this.size = size;
            this.p0 = pos[0];
            this.p1 = pos[1];
            this.p2 = pos[2];
        }

        @Override
        boolean next() {
            while (i < size) {
                int at = perm[i++] * 3;
                long x = ch[at + p0];
                long y = ch[at + p1];
                long z = ch[at + p2];
                if (i > 1 && x == a && y == b && z == c) {
                    continue;
                }
                a = x;
                b = y;
                c = z;
                return true;
            }
            return false;
        }
    }

    private static final class PackedQuadCursor extends Cursor {
        private final long[] hi;
        private final long[] lo;
        private final int size;
        private final int bits;
        private final long mask;
        private int i;

        PackedQuadCursor(long[] hi, long[] lo, int size, int bits) {
            this.hi = hi;
            this.lo = lo;
            this.size = size;
            this.bits = bits;
            this.mask = (1L << bits) - 1;
        }

        @Override
        boolean next() {
            while (i < size) {
                long h = hi[i];
                long l = lo[i++];
                if (i > 1 && hi[i - 2] == h && lo[i - 2] == l) {
                    continue;
                }
                a = h >>> bits;
                b = h & mask;
                c = l >>> bits;
                d = l & mask;
                return true;
            }
            return false;
        }
    }

    private static final class PermQuadCursor extends Cursor {
        private final long[] ch;
        private final int[] perm;
        private final int size;
        private final int p0;
        private final int p1;
        private final int p2;
        private final int p3;
        private int i;

        PermQuadCursor(long[] ch, int[] perm, int size, int[] pos) {
            this.ch = ch;
            this.perm = perm;
            this.size = size;
            this.p0 = pos[0];
            this.p1 = pos[1];
            this.p2 = pos[2];
            this.p3 = pos[3];
        }

        @Override
        boolean next() {
            while (i < size) {
                int at = perm[i++] * 4;
                long w = ch[at + p0];
                long x = ch[at + p1];
                long y = ch[at + p2];
                long z = ch[at + p3];
                if (i > 1 && w == a && x == b && y == c && z == d) {
                    continue;
                }
                a = w;
                b = x;
                c = y;
                d = z;
                return true;
            }
            return false;
        }
    }

    /**
     * A sorted run: per triple, varints of the first id's increase; when it is 0, the second's
     * increase, else the second id; then likewise the third.
     */
    private static final class RunWriter {
        private final FileHandle h;
        private final ByteBuilder buf = new ByteBuilder(RUN_BUFFER + 64);
        private long written;
        private long a;
        private long b;
        private long c;
        private long d;

        RunWriter(FileHandle h) {
            this.h = h;
        }

        void add(long x, long y, long z) {
            long da = x - a;
            buf.putVar(da);
            if (da != 0) {
                buf.putVar(y).putVar(z);
            } else {
                long db = y - b;
                buf.putVar(db);
                buf.putVar(db != 0 ? z : z - c);
            }
            a = x;
            b = y;
            c = z;
            if (buf.length() >= RUN_BUFFER) {
                flush();
            }
        }

        /** A quad: as a triple, with the fourth id after the third (its increase if the first three repeat). */
        void add(long w, long x, long y, long z) {
            long da = w - a;
            buf.putVar(da);
            if (da != 0) {
                buf.putVar(x).putVar(y).putVar(z);
            } else {
                long db = x - b;
                buf.putVar(db);
                if (db != 0) {
                    buf.putVar(y).putVar(z);
                } else {
                    long dc = y - c;
                    buf.putVar(dc);
                    buf.putVar(dc != 0 ? z : z - d);
                }
            }
            a = w;
            b = x;
            c = y;
            d = z;
            if (buf.length() >= RUN_BUFFER) {
                flush();
            }
        }

        private void flush() {
            h.write(written, buf.array(), 0, buf.length());
            written += buf.length();
            buf.clear();
        }

        void finish() {
            flush();
        }
    }

    private static final class RunReader extends Cursor {
        private final FileHandle h;
        private final boolean quads;
        private final long size;
        private final byte[] buf = new byte[READ_BUFFER];
        private long filePos;
        private int pos;
        private int lim;

        /** A run of triples, or of quads ({@link RunWriter#add(long, long, long, long)}). */
        RunReader(FileHandle h, boolean quads) {
            this.h = h;
            this.quads = quads;
            this.size = h.size();
        }

        @Override
        boolean next() {
            // A record is at most four varints of 9 bytes (ids are below 2^63).
            if (lim - pos < 40 && filePos < size) {
                int rest = lim - pos;
                System.arraycopy(buf, pos, buf, 0, rest);
                int want = (int) Math.min(buf.length - rest, size - filePos);
                h.read(filePos, buf, rest, want);
                filePos += want;
                pos = 0;
                lim = rest + want;
            }
            if (pos >= lim) {
                return false;
            }
            if (quads) {
                return nextQuad();
            }
            long da = var();
            if (da != 0) {
                a += da;
                b = var();
                c = var();
            } else {
                long db = var();
                if (db != 0) {
                    b += db;
                    c = var();
                } else {
                    c += var();
                }
            }
            return true;
        }

        private boolean nextQuad() {
            long da = var();
            if (da != 0) {
                a += da;
                b = var();
                c = var();
                d = var();
                return true;
            }
            long db = var();
            if (db != 0) {
                b += db;
                c = var();
                d = var();
                return true;
            }
            long dc = var();
            if (dc != 0) {
                c += dc;
                d = var();
            } else {
                d += var();
            }
            return true;
        }

        private long var() {
            long r = 0;
            int shift = 0;
            while (true) {
                if (pos >= lim) {
                    throw new IllegalStateException("bulk load run " + h.name() + " is cut short");
                }
                byte x = buf[pos++];
                r |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return r;
                }
                shift += 7;
            }
        }

        @Override
        void close() {
            h.close();
        }
    }

    /** A k-way merge of cursors, giving each distinct triple (or quad) once. */
    private static final class Merge extends Cursor {
        private final Cursor[] heap;
        private int size;
        private boolean any;

        Merge(List<Cursor> in) {
            heap = new Cursor[in.size()];
            for (Cursor c : in) {
                if (c.next()) {
                    heap[size++] = c;
                } else {
                    c.close();
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                down(i);
            }
        }

        private static boolean less(Cursor x, Cursor y) {
            if (x.a != y.a) {
                return x.a < y.a;
            }
            if (x.b != y.b) {
                return x.b < y.b;
            }
            if (x.c != y.c) {
                return x.c < y.c;
            }
            return x.d < y.d;
        }

        private void down(int i) {
            Cursor v = heap[i];
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    break;
                }
                int m = l + 1 < size && less(heap[l + 1], heap[l]) ? l + 1 : l;
                if (!less(heap[m], v)) {
                    break;
                }
                heap[i] = heap[m];
                i = m;
            }
            heap[i] = v;
        }

        @Override
        boolean next() {
            while (size > 0) {
                Cursor top = heap[0];
                long x = top.a;
                long y = top.b;
                long z = top.c;
                long w = top.d;
                if (top.next()) {
                    down(0);
                } else {
                    top.close();
                    heap[0] = heap[--size];
                    if (size > 0) {
                        down(0);
                    }
                }
                if (any && x == a && y == b && z == c && w == d) {
                    continue;
                }
                any = true;
                a = x;
                b = y;
                c = z;
                d = w;
                return true;
            }
            return false;
        }

        @Override
        void close() {
            for (int i = 0; i < size; i++) {
                heap[i].close();
            }
            size = 0;
        }
    }

    // ------------------------------------------------------------------ writing tables

    /** Ends the input. The last chunks stay in memory for the merge. */
    public void prepare() {
        if (state != COLLECTING) {
            throw new IllegalStateException("the bulk load is not taking triples");
        }
        awaitSpill();
        state = PREPARED;
        lastS = null;
        lastP = null;
        lastO = null;
        lastG = null;
        terms.dropLookup(); // only the new terms are needed from here on
        spare = null;
        spillPacked = null;
        spillTmp = null;
        qspare = null;
        spillQuad = null;
    }

    /**
     * How many index orders this load writes, numbered from 0 for {@link #writeIndex}: 3 (SPO,
     * POS, OSP) for a load of triples, {@link #ORDER_COUNT} once it was given a quad of a named
     * graph (then also SPOG, POSG, OSPG, GSPO, GPOS and GOSP).
     */
    public int indexCount() {
        return qchunk != null ? ORDER_COUNT : FIRST_QUAD_ORDER;
    }

    private void checkPrepared() {
        if (state != PREPARED) {
            throw new IllegalStateException(state == COLLECTING ? "call prepare() first" : "the bulk load has ended");
        }
    }

    /** Writes the table of new terms (none if the load brought none). May run alongside {@link #writeIndex}. */
    public void writeDictionary() {
        checkPrepared();
        BulkTerms t = terms;
        int count = t.newCount();
        if (count > 0) {
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            IntSort.sort(order, (x, y) -> Bytes.compare(t.page(x), t.offset(x), t.length(x), t.page(y), t.offset(y), t.length(y)));
            dictionaryTable = writeTable(b -> {
                for (int i : order) {
                    byte[] key = new byte[1 + t.length(i)];
                    key[0] = Keys.TERM;
                    System.arraycopy(t.page(i), t.offset(i), key, 1, key.length - 1);
                    b.add(key, Keys.idValue(firstNew + i));
                }
                for (int i = 0; i < count; i++) {
                    b.add(Keys.id(firstNew + i), java.util.Arrays.copyOfRange(t.page(i), t.offset(i), t.offset(i) + t.length(i)));
                }
            });
        }
        dictionaryDone = true;
    }

    /** {@link #writeIndex} for each of the {@link #indexCount} orders, one after the other. */
    public void writeIndexes() {
        int orders = indexCount();
        for (int order = 0; order < orders; order++) {
            writeIndex(order);
        }
    }

    /**
     * Merges the runs of one order into a table of its keys, leaving out the statements the
     * store already holds: 0 SPO, 1 POS and 2 OSP for the default graph's triples, 3 SPOG, 4
     * POSG, 5 OSPG, 6 GSPO, 7 GPOS and 8 GOSP for the quads of named graphs (the GOSP table also
     * lists the graphs new to the store). A quad order of a load without quads writes nothing.
     * The orders and {@link #writeDictionary} may run on different threads at the same time.
     */
    public void writeIndex(int order) {
        checkPrepared();
        if (order < 0 || order >= ORDER_COUNT) {
            throw new IllegalArgumentException("order " + order);
        }
        if (order >= FIRST_QUAD_ORDER) {
            writeQuadIndex(order);
            return;
        }
        boolean old = firstNew > 1;
        int[] pos = ORDERS[order];
        long[] spo = new long[3];
        long[] count = {0};
        List<Cursor> in = new ArrayList<>();
        try (Engine.View v = old ? engine.view() : null) {
            indexTables[order] = writeTable(tb -> {
                for (String name : runs.get(order)) {
                    in.add(new RunReader(fs.open(name), false));
                }
                if (n > 0) {
                    in.add(sort(chunk, n, next - 1, order, new long[n], new long[n]));
                }
                Cursor m = in.size() == 1 ? in.get(0) : new Merge(in);
                byte tag = (byte) (Keys.SPO + order);
                while (m.next()) {
                    if (old) {
                        spo[pos[0]] = m.a;
                        spo[pos[1]] = m.b;
                        spo[pos[2]] = m.c;
                        if (spo[0] < firstNew && spo[1] < firstNew && spo[2] < firstNew
                                && v.get(Keys.index(Keys.SPO, spo[0], spo[1], spo[2])) != null) {
                            continue; // already stored
                        }
                    }
                    tb.add(Keys.index(tag, m.a, m.b, m.c), Bytes.EMPTY);
                    count[0]++;
                }
            });
        } finally {
            for (Cursor c : in) {
                c.close();
            }
        }
        List<String> done = runs.get(order);
        synchronized (this) {
            if (order == 0) {
                added = count[0];
            }
            indexDone[order] = true;
            temps.removeAll(done);
        }
        for (String name : done) {
            deleteQuietly(name);
        }
    }

    /**
     * {@link #writeIndex} for a quad order: a quad whose four ids are all older than the load is
     * looked up in the store (GSPO) and left out if present. The GOSP table ends with the
     * graph-list keys of the graphs that gained a quad and that the store does not list yet (they
     * sort after every GOSP key, and come in id order since GOSP keys begin with the graph).
     */
    private void writeQuadIndex(int order) {
        List<String> done = runs.get(order);
        if (qchunk == null) {
            synchronized (this) {
                indexDone[order] = true;
            }
            return; // no quads in this load
        }
        boolean old = firstNew > 1;
        boolean graphList = order == GOSP_ORDER;
        int[] pos = ORDERS[order];
        long[] spog = new long[4];
        long[] count = {0};
        List<Cursor> in = new ArrayList<>();
        try (Engine.View v = old ? engine.view() : null) {
            indexTables[order] = writeTable(tb -> {
                for (String name : done) {
                    in.add(new RunReader(fs.open(name), true));
                }
                if (qn > 0) {
                    in.add(sortQuads(qchunk, qn, next - 1, order, null));
                }
                Cursor m = in.size() == 1 ? in.get(0) : new Merge(in);
                byte tag = (byte) (Keys.SPO + order);
                TripleStore.LongList graphs = graphList ? new TripleStore.LongList() : null;
                long lastGraph = 0;
                while (m.next()) {
                    spog[pos[0]] = m.a;
                    spog[pos[1]] = m.b;
                    spog[pos[2]] = m.c;
                    spog[pos[3]] = m.d;
                    long g = spog[3];
                    if (old && spog[0] < firstNew && spog[1] < firstNew && spog[2] < firstNew && g < firstNew
                            && v.get(Keys.index4(Keys.GSPO, g, spog[0], spog[1], spog[2])) != null) {
                        continue; // already stored
                    }
                    tb.add(Keys.index4(tag, m.a, m.b, m.c, m.d), Bytes.EMPTY);
                    count[0]++;
                    if (graphList && g != lastGraph) {
                        lastGraph = g;
                        if (g >= firstNew || v.get(Keys.index(Keys.GRAPHS, g, -1, -1)) == null) {
                            graphs.add(g);
                        }
                    }
                }
                if (graphList) {
                    for (long g : graphs.toArray()) {
                        tb.add(Keys.index(Keys.GRAPHS, g, -1, -1), Bytes.EMPTY);
                    }
                }
            });
        } finally {
            for (Cursor c : in) {
                c.close();
            }
        }
        synchronized (this) {
            if (order == GSPO_ORDER) {
                addedQuads = count[0];
            }
            indexDone[order] = true;
            temps.removeAll(done);
        }
        for (String name : done) {
            deleteQuietly(name);
        }
    }

    private interface Body {
        void write(TableBuilder b);
    }

    /** Writes and syncs a table; null (and no file) when the body added nothing. */
    private TableMeta writeTable(Body body) {
        long number = engine.newFileNumber();
        String name = FileNames.table(number);
        synchronized (this) {
            if (state == ABORTED) {
                throw new IllegalStateException("the bulk load was aborted");
            }
            unlisted.add(name);
        }
        FileHandle h = fs.create(name);
        boolean empty = false;
        try {
            TableBuilder b = engine.tableBuilder(h);
            body.write(b);
            if (b.entries() == 0) {
                empty = true;
                return null;
            }
            return b.finish(number);
        } finally {
            h.close();
            if (empty) {
                synchronized (this) {
                    unlisted.remove(name);
                }
                deleteQuietly(name);
            }
        }
    }

    /**
     * Writes the counters, then makes every table of the load live with one manifest
     * replacement; returns the statements added (triples and quads, as {@link #added} plus
     * {@link #addedQuads}). Writes out the memtable first (see {@link Engine#installTables}).
     */
    public long install() {
        checkPrepared();
        synchronized (this) {
            for (int order = indexCount() - 1; order >= 0; order--) {
                if (!indexDone[order]) {
                    throw new IllegalStateException("write the dictionary and the indexes first");
                }
            }
        }
        if (!dictionaryDone) {
            throw new IllegalStateException("write the dictionary and the indexes first");
        }
        List<TableMeta> metas = new ArrayList<>();
        long newCount = countBefore + added;
        long newQuads = quadsBefore + addedQuads;
        if (added > 0 || addedQuads > 0 || next != firstNew) {
            // Meta keys in key order: 00 63, 00 6e, 00 71.
            metas.add(writeTable(b -> {
                if (added > 0) {
                    b.add(Keys.COUNT, Keys.u64(newCount));
                }
                if (next != firstNew) {
                    b.add(Keys.NEXT_ID, Keys.u64(next));
                }
                if (addedQuads > 0) {
                    b.add(Keys.QUADS, Keys.u64(newQuads));
                }
            }));
        }
        if (dictionaryTable != null) {
            metas.add(dictionaryTable);
        }
        for (TableMeta m : indexTables) {
            if (m != null) {
                metas.add(m);
            }
        }
        synchronized (store.writeLock()) {
            if (!metas.isEmpty()) {
                engine.installTables(metas);
            }
            synchronized (this) {
                state = FINISHED;
                unlisted.clear(); // live now
            }
            store.bulkInstalled(this, next, newCount, newQuads);
        }
        view.close();
        deleteTemps();
        terms.clear();
        chunk = null;
        qchunk = null;
        return added + addedQuads;
    }

    /** Runs the remaining steps on this thread; returns the statements added. Aborts on failure. */
    public long finish() {
        try {
            prepare();
            writeDictionary();
            writeIndexes();
            return install();
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    /** Deletes every file the load wrote and lets other writes in again. Idempotent; no-op after a finish. */
    public void abort() {
        List<String> doomed;
        synchronized (this) {
            if (state == FINISHED || state == ABORTED) {
                return;
            }
            state = ABORTED;
            doomed = new ArrayList<>(temps);
            temps.clear();
            // After a failed manifest write the tables may be named on disk: leave them to recovery.
            if (engine.failure() == null) {
                doomed.addAll(unlisted);
            }
            unlisted.clear();
        }
        Background.Task t = spiller;
        if (t != null) {
            // It checks the state between runs; wait so that no run file appears after the deletes.
            t.await();
            synchronized (this) {
                doomed.addAll(temps);
                temps.clear();
            }
        }
        try {
            view.close();
        } catch (RuntimeException ignored) {
            // closing the database at the same time
        }
        for (String name : doomed) {
            deleteQuietly(name);
        }
        store.bulkAborted(this);
    }

    private void deleteTemps() {
        List<String> doomed;
        synchronized (this) {
            doomed = new ArrayList<>(temps);
            temps.clear();
        }
        for (String name : doomed) {
            deleteQuietly(name);
        }
    }

    private void deleteQuietly(String name) {
        try {
            fs.delete(name);
        } catch (NervusDBException ignored) {
            // Removed at the next open: temporary files always, tables when unlisted.
        }
    }

    /** Aborts unless the load finished. */
    @Override
    public void close() {
        abort();
    }
}
