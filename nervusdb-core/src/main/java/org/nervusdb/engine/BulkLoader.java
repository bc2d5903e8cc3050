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
 * new id from the next-id counter) and the id triple goes into an in-memory chunk. A full chunk
 * is sorted in SPO, POS and OSP order (ids packed into one {@code long} when they fit) and written
 * as three sorted runs to temporary files ({@code bulk-NNNNNN-ORDER-K.tmp}).</li>
 * <li>{@link #prepare}: the input ends; the last chunk stays in memory.</li>
 * <li>{@link #writeDictionary}: a table of the new terms, term to id (sorted by UTF-8) and id to
 * term.</li>
 * <li>{@link #writeIndexes}: the runs of each order merged k-way into one table holding SPO, then
 * POS, then OSP keys. Duplicates within the input are merged away; a triple whose three ids are
 * all older than this load is looked up in the store and skipped if present.</li>
 * <li>{@link #install}: a small table with the new next-id and triple-count counters, then one
 * manifest replacement that adds all the tables in front of the existing ones.</li>
 * </ol>
 *
 * Steps 3 and 4 are independent and may run on two threads; everything else runs on one thread
 * at a time. {@link #finish} runs steps 2 to 5. {@link #abort} (also {@link #close} before the
 * load finished) deletes every file the load wrote. A crash before the manifest replacement
 * leaves the store as it was: the new tables are unlisted and the temporary files are deleted by
 * the next open; after it, the store holds the whole load.
 *
 * <p>While a load runs, the store refuses other writes ({@link IllegalStateException}); reads
 * and snapshots go on and see the store as before the load until it is installed. Memory: the
 * chunk (32 bytes per triple, up to {@code memoryBytes}) plus the terms new to the store, which
 * are held in memory (about 100 bytes plus twice the UTF-8 length per distinct term).
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
    private long next;
    private volatile int state = COLLECTING;

    // Terms seen by this load (open addressing): term -> id.
    private String[] keys = new String[1 << 12];
    private long[] vals = new long[1 << 12];
    private int termCount;
    // UTF-8 of the new terms, by id - firstNew.
    private byte[][] newTerms = new byte[1024][];

    private final long[] chunk;
    private final int capacity;
    private int n;
    private long[] packed;
    private int[] perm;
    private final List<List<String>> runs = new ArrayList<>();
    private int runCount;
    private long input;

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
    private TableMeta indexTable;
    private boolean dictionaryDone;
    private boolean indexesDone;
    private long added;

    BulkLoader(TripleStore store, Engine engine, long nextId, long count, long memoryBytes) {
        this.store = store;
        this.engine = engine;
        this.fs = engine.fileSystem();
        this.load = engine.newFileNumber();
        this.firstNew = nextId;
        this.next = nextId;
        this.countBefore = count;
        long cap = Math.max(MIN_CHUNK, memoryBytes / 32);
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
        if (state != COLLECTING) {
            throw new IllegalStateException("the bulk load no longer takes triples");
        }
        long si = s != null && s == lastS ? lastSi : find(s);
        long pi = p != null && p == lastP ? lastPi : find(p);
        long oi = o != null && o == lastO ? lastOi : find(o);
        byte[] es = si == 0 ? TripleStore.encode(s, "subject") : null;
        byte[] ep = pi == 0 ? TripleStore.encode(p, "predicate") : null;
        byte[] eo = oi == 0 ? TripleStore.encode(o, "object") : null;
        if (si == 0) {
            si = intern(s, es);
        }
        if (pi == 0) {
            pi = intern(p, ep);
        }
        if (oi == 0) {
            oi = intern(o, eo);
        }
        lastS = s;
        lastSi = si;
        lastP = p;
        lastPi = pi;
        lastO = o;
        lastOi = oi;
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

    private static int slot(String t, int mask) {
        int h = t.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 15)) & mask;
    }

    private long find(String t) {
        if (t == null) {
            return 0;
        }
        int mask = keys.length - 1;
        for (int i = slot(t, mask); ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return 0;
            }
            if (k.equals(t)) {
                return vals[i];
            }
        }
    }

    /** The id of a valid term: of this load, committed, or new. */
    private long intern(String t, byte[] utf8) {
        long id = find(t);
        if (id != 0) {
            return id; // the same new term twice in one triple
        }
        if (firstNew > 1) {
            Long c = store.committedId(view, t, utf8);
            if (c != null) {
                id = c;
            }
        }
        if (id == 0) {
            id = next++;
            int i = (int) (id - firstNew);
            if (i == newTerms.length) {
                newTerms = Arrays.copyOf(newTerms, i * 2);
            }
            newTerms[i] = utf8;
        }
        if ((termCount + 1) * 2 > keys.length) {
            grow();
        }
        put(keys, vals, t, id);
        termCount++;
        return id;
    }

    private static void put(String[] ks, long[] vs, String t, long id) {
        int mask = ks.length - 1;
        int i = slot(t, mask);
        while (ks[i] != null) {
            i = (i + 1) & mask;
        }
        ks[i] = t;
        vs[i] = id;
    }

    private void grow() {
        String[] nk = new String[keys.length * 2];
        long[] nv = new long[nk.length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                put(nk, nv, keys[i], vals[i]);
            }
        }
        keys = nk;
        vals = nv;
    }

    // ------------------------------------------------------------------ sorting and runs

    /** Writes the full chunk as one sorted run per order. */
    private void spill() {
        int k = runCount++;
        for (int order = 0; order < 3; order++) {
            String name = FileNames.bulkTemp(load, ORDER_NAMES[order] + "-" + k);
            synchronized (this) {
                temps.add(name);
            }
            runs.get(order).add(name);
            FileHandle h = fs.create(name);
            try {
                RunWriter w = new RunWriter(h);
                Cursor c = sortChunk(order);
                while (c.next()) {
                    w.add(c.a, c.b, c.c);
                }
                w.finish();
            } finally {
                h.close();
            }
        }
        n = 0;
    }

    /** Sorts the chunk in {@code order}; the cursor gives each distinct triple once, as ids in that order. */
    private Cursor sortChunk(int order) {
        int[] pos = ORDERS[order];
        long max = next - 1;
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, max));
        if (bits * 3 <= 63) {
            if (packed == null) {
                packed = new long[capacity];
            }
            long[] pk = packed;
            int p0 = pos[0];
            int p1 = pos[1];
            int p2 = pos[2];
            int b2 = bits * 2;
            for (int i = 0, at = 0; i < n; i++, at += 3) {
                pk[i] = chunk[at + p0] << b2 | chunk[at + p1] << bits | chunk[at + p2];
            }
            Arrays.sort(pk, 0, n);
            return new PackedCursor(pk, n, bits);
        }
        if (perm == null) {
            perm = new int[capacity];
        }
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        long[] ch = chunk;
        int p0 = pos[0];
        int p1 = pos[1];
        int p2 = pos[2];
        IntSort.sort(perm, new int[n], 0, n, (x, y) -> {
            int c = Long.compare(ch[x * 3 + p0], ch[y * 3 + p0]);
            if (c == 0) {
                c = Long.compare(ch[x * 3 + p1], ch[y * 3 + p1]);
                if (c == 0) {
                    c = Long.compare(ch[x * 3 + p2], ch[y * 3 + p2]);
                }
            }
            return c;
        });
        return new PermCursor(ch, perm, n, pos);
    }

    /** Distinct id triples in ascending order. */
    private abstract static class Cursor {
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
        state = PREPARED;
        lastS = null;
        lastP = null;
        lastO = null;
        keys = null; // the term map is not needed any more
        vals = null;
    }

    private void checkPrepared() {
        if (state != PREPARED) {
            throw new IllegalStateException(state == COLLECTING ? "call prepare() first" : "the bulk load has ended");
        }
    }

    /** Writes the table of new terms (none if the load brought none). May run alongside {@link #writeIndexes}. */
    public void writeDictionary() {
        checkPrepared();
        int count = (int) (next - firstNew);
        if (count > 0) {
            byte[][] terms = newTerms;
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            IntSort.sort(order, (x, y) -> Bytes.compare(terms[x], terms[y]));
            dictionaryTable = writeTable(b -> {
                for (int i : order) {
                    b.add(Keys.term(terms[i]), Keys.idValue(firstNew + i));
                }
                for (int i = 0; i < count; i++) {
                    b.add(Keys.id(firstNew + i), terms[i]);
                }
            });
        }
        dictionaryDone = true;
    }

    /**
     * Merges the runs of each order into one table of SPO, POS and OSP keys, leaving out the
     * triples the store already holds. May run alongside {@link #writeDictionary}.
     */
    public void writeIndexes() {
        checkPrepared();
        boolean old = firstNew > 1;
        long[] spo = new long[3];
        long[] count = {0};
        indexTable = writeTable(tb -> {
            for (int order = 0; order < 3; order++) {
                int[] pos = ORDERS[order];
                List<Cursor> in = new ArrayList<>();
                try {
                    for (String name : runs.get(order)) {
                        in.add(new RunReader(fs.open(name)));
                    }
                    if (n > 0) {
                        in.add(sortChunk(order));
                    }
                } catch (RuntimeException e) {
                    for (Cursor c : in) {
                        c.close();
                    }
                    throw e;
                }
                Cursor m = in.size() == 1 ? in.get(0) : new Merge(in);
                byte tag = TAGS[order];
                try {
                    while (m.next()) {
                        spo[pos[0]] = m.a;
                        spo[pos[1]] = m.b;
                        spo[pos[2]] = m.c;
                        if (old && spo[0] < firstNew && spo[1] < firstNew && spo[2] < firstNew
                                && view.get(Keys.index(Keys.SPO, spo[0], spo[1], spo[2])) != null) {
                            continue; // already stored
                        }
                        tb.add(Keys.index(tag, m.a, m.b, m.c), Bytes.EMPTY);
                        if (order == 0) {
                            count[0]++;
                        }
                    }
                } finally {
                    m.close();
                }
            }
        });
        added = count[0];
        indexesDone = true;
        packed = null;
        perm = null;
        deleteTemps();
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
        if (!dictionaryDone || !indexesDone) {
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
        if (indexTable != null) {
            metas.add(indexTable);
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
