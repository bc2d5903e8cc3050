package org.nervusdb.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nervusdb.InvalidTermException;
import org.nervusdb.NervusDBException;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;

/**
 * Loads many triples into a {@link TripleStore} without the write-ahead log, writing sorted
 * tables directly and making them live with one manifest replacement.
 *
 * <ol>
 * <li>{@link #add}: each term is resolved to an id (a term of this load, a committed term, or a
 * new id from the next-id counter) and the id triple goes into an in-memory chunk. Terms arrive
 * as strings or as UTF-8 bytes; the load keys them by their bytes ({@link BulkTerms}). A full
 * chunk is radix-sorted in SPO, POS and OSP order (ids packed into one {@code long} when they
 * fit) and written as three sorted runs to temporary files ({@code bulk-NNNNNN-ORDER-K.tmp}); with
 * a {@link Background} (a thread on the JVM), that happens while the input goes on into a second
 * chunk.</li>
 * <li>{@link #prepare}: the input ends; the last chunk stays in memory.</li>
 * <li>{@link #writeDictionary}: a table of the new terms, term to id (sorted by UTF-8) and id to
 * term.</li>
 * <li>{@link #writeIndex}: for each order, its runs merged k-way into a table of its keys.
 * Duplicates within the input are merged away; a triple whose three ids are all older than this
 * load is looked up in the store and skipped if present.</li>
 * <li>{@link #install}: a small table with the new next-id and triple-count counters, then one
 * manifest replacement that adds all the tables in front of the existing ones.</li>
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
 * chunks, at most {@code memoryBytes} (64 bytes per triple of chunk with a background thread, 40
 * without), plus every distinct term the load sees, held until the end: its UTF-8 bytes plus
 * about 30 bytes.
 */
public final class BulkLoader implements AutoCloseable {
    /** The default memory for the triples chunk. */
    public static final long DEFAULT_MEMORY = 128L << 20;
    private static final int MIN_CHUNK = 1024;
    private static final byte[] TAGS = {Keys.SPO, Keys.POS, Keys.OSP};
    private static final String[] ORDER_NAMES = {"spo", "pos", "osp"};
    // For each order, the triple positions (0 = s, 1 = p, 2 = o) of its first, second and third id.
    private static final int[][] ORDERS = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}};
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
    private final Background background;
    private long next;
    private volatile int state = COLLECTING;

    // Terms seen by this load; the new ones are also the dictionary to write.
    private BulkTerms terms = new BulkTerms();

    // The chunk being filled (ids, three per triple), and the one a background spill may be sorting.
    private long[] chunk;
    private long[] spare;
    private final int capacity;
    private int n;
    private final List<List<String>> runs = new ArrayList<>();
    private int runCount;
    private long input;
    private Background.Task spiller;
    private volatile Throwable spillFailure;
    private long[] spillPacked;
    private long[] spillTmp;

    private String lastS;
    private String lastP;
    private String lastO;
    private long lastSi;
    private long lastPi;
    private long lastOi;

    // Files written and not (yet) live; guarded by this.
    private final List<String> temps = new ArrayList<>();
    private final List<String> unlisted = new ArrayList<>();
    private TableMeta dictionaryTable;
    private final TableMeta[] indexTables = new TableMeta[3];
    private boolean dictionaryDone;
    private final boolean[] indexDone = new boolean[3];
    private long added;

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

    BulkLoader(TripleStore store, Engine engine, long nextId, long count, long memoryBytes, Background background) {
        this.store = store;
        this.engine = engine;
        this.fs = engine.fileSystem();
        this.load = engine.newFileNumber();
        this.firstNew = nextId;
        this.next = nextId;
        this.countBefore = count;
        this.background = background;
        // Per triple of capacity: two chunks of three ids when spilling in the background (one),
        // and the packed keys and their radix-sort scratch.
        long perTriple = background != null ? 64 : 40;
        long cap = Math.max(MIN_CHUNK, memoryBytes / perTriple);
        this.capacity = (int) Math.min(cap, (Integer.MAX_VALUE - 8) / 3);
        this.chunk = new long[capacity * 3];
        for (int i = 0; i < 3; i++) {
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
        put(si, pi, oi);
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
    private final long[] groupSlots = new long[GROUP * 3];
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
        int at = n * 3;
        chunk[at] = si;
        chunk[at + 1] = pi;
        chunk[at + 2] = oi;
        input++;
        if (++n == capacity) {
            spill();
        }
    }

    /** Triples passed to {@link #add} so far, duplicates included. */
    public long inputTriples() {
        return input;
    }

    /** Triples the load added (known after {@link #writeIndexes}). */
    public long added() {
        return added;
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
     * Writes the full chunk as one sorted run per order: on a background thread when the loader
     * has one (the input goes on into the spare chunk meanwhile), else here.
     */
    private void spill() {
        int k = runCount++;
        long maxId = next - 1;
        int size = n;
        n = 0;
        String[] names = new String[3];
        for (int order = 0; order < 3; order++) {
            names[order] = FileNames.bulkTemp(load, ORDER_NAMES[order] + "-" + k);
            synchronized (this) {
                temps.add(names[order]);
            }
            runs.get(order).add(names[order]);
        }
        if (background == null) {
            writeRuns(chunk, size, maxId, names);
            return;
        }
        awaitSpill();
        long[] full = chunk;
        chunk = spare != null ? spare : new long[capacity * 3];
        spare = full;
        spiller = background.start(() -> {
            try {
                writeRuns(full, size, maxId, names);
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

    private void writeRuns(long[] ids, int size, long maxId, String[] names) {
        if (spillPacked == null) {
            spillPacked = new long[capacity];
            spillTmp = new long[capacity];
        }
        for (int order = 0; order < 3; order++) {
            if (state == ABORTED) {
                return;
            }
            FileHandle h = fs.create(names[order]);
            try {
                RunWriter w = new RunWriter(h);
                Cursor c = sort(ids, size, maxId, order, spillPacked, spillTmp);
                while (c.next()) {
                    w.add(c.a, c.b, c.c);
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

    /** Distinct id triples in ascending order. */
    abstract static class Cursor {
        long a;
        long b;
        long c;

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
        private final long size;
        private final byte[] buf = new byte[READ_BUFFER];
        private long filePos;
        private int pos;
        private int lim;

        RunReader(FileHandle h) {
            this.h = h;
            this.size = h.size();
        }

        @Override
        boolean next() {
            if (lim - pos < 32 && filePos < size) {
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

    /** A k-way merge of cursors, giving each distinct triple once. */
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
            return x.c < y.c;
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
                if (top.next()) {
                    down(0);
                } else {
                    top.close();
                    heap[0] = heap[--size];
                    if (size > 0) {
                        down(0);
                    }
                }
                if (any && x == a && y == b && z == c) {
                    continue;
                }
                any = true;
                a = x;
                b = y;
                c = z;
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

    /** Ends the input. The last chunk stays in memory for the merge. */
    public void prepare() {
        if (state != COLLECTING) {
            throw new IllegalStateException("the bulk load is not taking triples");
        }
        awaitSpill();
        state = PREPARED;
        lastS = null;
        lastP = null;
        lastO = null;
        terms.dropLookup(); // only the new terms are needed from here on
        spare = null;
        spillPacked = null;
        spillTmp = null;
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

    /** {@link #writeIndex} for SPO, POS and OSP, one after the other. */
    public void writeIndexes() {
        for (int order = 0; order < 3; order++) {
            writeIndex(order);
        }
    }

    /**
     * Merges the runs of one order (0 SPO, 1 POS, 2 OSP) into a table of its keys, leaving out
     * the triples the store already holds. The three orders and {@link #writeDictionary} may run
     * on different threads at the same time.
     */
    public void writeIndex(int order) {
        checkPrepared();
        if (order < 0 || order > 2) {
            throw new IllegalArgumentException("order " + order);
        }
        boolean old = firstNew > 1;
        int[] pos = ORDERS[order];
        long[] spo = new long[3];
        long[] count = {0};
        List<Cursor> in = new ArrayList<>();
        try (Engine.View v = old ? engine.view() : null) {
            indexTables[order] = writeTable(tb -> {
                for (String name : runs.get(order)) {
                    in.add(new RunReader(fs.open(name)));
                }
                if (n > 0) {
                    in.add(sort(chunk, n, next - 1, order, new long[n], new long[n]));
                }
                Cursor m = in.size() == 1 ? in.get(0) : new Merge(in);
                byte tag = TAGS[order];
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
        try {
            TableBuilder b = engine.tableBuilder(h);
            body.write(b);
            if (b.entries() == 0) {
                return null;
            }
            return b.finish(number);
        } finally {
            h.close();
        }
    }

    /**
     * Writes the counters, then makes every table of the load live with one manifest
     * replacement; returns the triples added. Writes out the memtable first (see
     * {@link Engine#installTables}).
     */
    public long install() {
        checkPrepared();
        if (!dictionaryDone || !indexDone[0] || !indexDone[1] || !indexDone[2]) {
            throw new IllegalStateException("write the dictionary and the indexes first");
        }
        List<TableMeta> metas = new ArrayList<>();
        long newCount = countBefore + added;
        if (added > 0 || next != firstNew) {
            metas.add(writeTable(b -> {
                if (added > 0) {
                    b.add(Keys.COUNT, Keys.u64(newCount));
                }
                if (next != firstNew) {
                    b.add(Keys.NEXT_ID, Keys.u64(next));
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
            store.bulkInstalled(this, next, newCount);
        }
        view.close();
        deleteTemps();
        terms.clear();
        chunk = null;
        return added;
    }

    /** Runs the remaining steps on this thread; returns the triples added. Aborts on failure. */
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
