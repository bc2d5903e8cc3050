package org.nervusdb.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nervusdb.CorruptionException;
import org.nervusdb.DatabaseClosedException;
import org.nervusdb.FormatVersionException;
import org.nervusdb.NervusDBException;
import org.nervusdb.ReadOnlyException;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;

/**
 * A log-structured key-value store over a {@link FileSystem}: write-ahead log, memtable of
 * immutable sorted runs, immutable SSTables, an atomically replaced manifest, and size-tiered
 * compaction. The triple store is built on it.
 *
 * <p>Thread safety: any number of readers and one writer at a time. Commits, memtable switches
 * and the installation of flush and compaction results serialize on {@code writeLock}; tables are
 * written without it. Readers take a reference to the current immutable {@link Version} and never
 * block on writers. Lock order: compactionLock, then flushLock, then writeLock, then refLock.
 *
 * <p>Flush: a full memtable is frozen ({@link Version#imm}) and a new log started; the frozen
 * memtable is then written as a table and the manifest moved to the new log. Until then the
 * manifest still names the older log, so recovery replays both.
 *
 * <p>Invariants:
 * <ol>
 * <li>A commit is in the log (and synced, when {@code syncOnCommit}) before it is visible.</li>
 * <li>The manifest names only tables whose content and directory entry are durable.</li>
 * <li>A log file is deleted only after a durable manifest no longer needs it.</li>
 * <li>A table file is deleted only when it is obsolete and no version references it.</li>
 * </ol>
 */
public final class Engine implements AutoCloseable {
    /** Marker returned by internal lookups for a deleted key; compared by identity. */
    static final byte[] TOMBSTONE = new byte[0];

    private final FileSystem fs;
    private final EngineOptions opts;
    private final BlockCache cache;
    private final Object writeLock = new Object();
    private final Object refLock = new Object();
    private final Object compactionLock = new Object();
    private final Object flushLock = new Object();

    private volatile Version current;
    private volatile boolean closed;
    private volatile Throwable failure;

    // Guarded by writeLock.
    private Wal.Writer wal;
    private long logNumber;
    // The log started when the current frozen memtable was frozen; meaningful while one exists.
    private long immLogNumber;
    private long nextFileNumber;
    private long lastSequence;
    private long flushes;
    private long compactions;
    private long recoveredTailBytes;
    private final Set<Table> busy = new HashSet<>();

    // Guarded by refLock: every table with an open handle.
    private final List<Table> openTables = new ArrayList<>();

    private Engine(FileSystem fs, EngineOptions opts) {
        this.fs = fs;
        this.opts = opts.copy();
        this.cache = new BlockCache(opts.blockCacheBytes);
    }

    /**
     * Opens (creating if empty) the store in {@code fs}, replaying its write-ahead logs; with
     * ({@link #openReadOnly} for reading only).
     */
    public static Engine open(FileSystem fs, EngineOptions opts) {
        Engine e = new Engine(fs, opts);
        try {
            e.recover();
        } catch (RuntimeException ex) {
            e.closeQuietly();
            throw ex;
        }
        return e;
    }

    /**
     * Opens the store in {@code fs} for reading only ({@link EngineOptions#readOnly}), beside a
     * writer that may be working on the same files: a separate entry point, so that builds which
     * never open stores read-only (the WebAssembly storage core) leave this code out.
     */
    public static Engine openReadOnly(FileSystem fs, EngineOptions opts) {
        EngineOptions o = opts.copy();
        o.readOnly = true;
        Engine e = new Engine(fs, o);
        try {
            synchronized (e.writeLock) {
                e.loadReadOnly();
            }
        } catch (RuntimeException ex) {
            e.closeQuietly();
            throw ex;
        }
        return e;
    }

    private void recover() {
        if (fs.exists(FileNames.MANIFEST_TMP)) {
            fs.delete(FileNames.MANIFEST_TMP);
        }
        List<String> names = fs.list();
        Manifest m;
        if (fs.exists(FileNames.MANIFEST)) {
            m = Manifest.decode(readAll(FileNames.MANIFEST), FileNames.MANIFEST);
        } else {
            createNew(names);
            return;
        }
        nextFileNumber = m.nextFileNumber;
        logNumber = m.logNumber;
        lastSequence = m.lastSequence;
        Set<Long> live = new HashSet<>();
        Table[] tables = new Table[m.tables.size()];
        for (int i = 0; i < tables.length; i++) {
            TableMeta meta = m.tables.get(i);
            String name = FileNames.table(meta.number);
            if (!fs.exists(name)) {
                throw new CorruptionException(name, 0, "table listed in the manifest is missing");
            }
            tables[i] = openTable(meta);
            live.add(meta.number);
        }
        List<Long> logs = new ArrayList<>();
        for (String n : names) {
            long w = FileNames.walNumber(n);
            long t = FileNames.tableNumber(n);
            nextFileNumber = Math.max(nextFileNumber, Math.max(w, t) + 1);
            if (w >= logNumber) {
                logs.add(w);
            } else if (w >= 0) {
                fs.delete(n);
            } else if (t >= 0 && !live.contains(t)) {
                fs.delete(n);
            } else if (FileNames.isBulkTemp(n)) {
                fs.delete(n); // left by a bulk load that did not finish
            }
        }
        Collections.sort(logs);
        if (logs.isEmpty() || logs.get(0) != logNumber) {
            throw new CorruptionException(FileNames.wal(logNumber), 0, "log named by the manifest is missing");
        }
        MemTable[] mem = {MemTable.EMPTY};
        long[] seq = {lastSequence};
        for (int i = 0; i < logs.size(); i++) {
            String name = FileNames.wal(logs.get(i));
            FileHandle h = fs.open(name);
            boolean keep = false;
            try {
                Wal.ReplayResult r = replay(h, name, mem, seq);
                boolean last = i == logs.size() - 1;
                if (logs.get(i) == logNumber && r.validLength < Wal.HEADER_LENGTH) {
                    // The manifest only ever names a log whose header was synced first.
                    throw new CorruptionException(name, 0, "log named by the manifest has no valid header");
                }
                if (r.tailDiscarded() && !last) {
                    // A log is synced before its successor is created, so only the newest may be torn.
                    throw new CorruptionException(name, r.validLength, "damaged record in a log that is not the newest");
                }
                if (last) {
                    recoveredTailBytes = r.fileLength - r.validLength;
                    wal = Wal.Writer.resume(h, r.validLength);
                    keep = true;
                }
            } finally {
                if (!keep) {
                    h.close();
                }
            }
        }
        lastSequence = seq[0];
        install(new Version(mem[0], MemTable.EMPTY, tables));
    }

    // ---------------------------------------------------------------- read-only opens

    /** How often a read-only open or refresh starts again when a writer changed the files under it. */
    private static final int READ_ONLY_ATTEMPTS = 64;
    // Of a read-only store, guarded by writeLock: the manifest and the logs (name and length) last read.
    private byte[] readManifest;
    private List<String> readLogs = Collections.emptyList();
    private long readLogBytes;

    /**
     * Read-only stores only: reads the commits made since the open or the last refresh (by a
     * writer in another process, say). Views already open keep the state they were opened on.
     * Returns whether anything changed.
     *
     * @throws ReadOnlyException if the store was not opened read-only
     */
    public boolean refresh() {
        if (!opts.readOnly) {
            throw new IllegalStateException("refresh() is for stores opened read-only");
        }
        synchronized (writeLock) {
            checkOpen();
            return loadReadOnly();
        }
    }

    /** Whether the store was opened read-only. */
    public boolean isReadOnly() {
        return opts.readOnly;
    }

    /**
     * Loads the state the files hold now: the manifest's tables and every commit in the logs
     * from the manifest's on. A writer may replace the manifest, delete a log or a table, or
     * be appending a record meanwhile; what it does is atomic (a manifest replaced by rename,
     * files deleted only once a newer manifest no longer needs them, tables immutable), so a
     * read that finds the files inconsistent starts again, and a record not yet complete at the
     * end of the newest log is a commit not yet made. A table once opened stays readable after
     * the writer deletes it, as long as its handle is open (on POSIX file systems, and in the
     * hosts of the JavaScript builds). Returns whether anything changed.
     */
    private boolean loadReadOnly() {
        RuntimeException last = null;
        for (int attempt = 0; attempt < READ_ONLY_ATTEMPTS; attempt++) {
            try {
                return tryLoadReadOnly();
            } catch (DatabaseClosedException e) {
                throw e;
            } catch (FormatVersionException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private boolean tryLoadReadOnly() {
        if (!fs.exists(FileNames.MANIFEST)) {
            throw new CorruptionException(FileNames.MANIFEST, 0, "no manifest: not a database, or one still being created");
        }
        byte[] manifestBytes = readAll(FileNames.MANIFEST);
        Manifest m = Manifest.decode(manifestBytes, FileNames.MANIFEST);
        List<String> names = fs.list();
        List<Long> logs = new ArrayList<>();
        for (String n : names) {
            long w = FileNames.walNumber(n);
            if (w >= m.logNumber) {
                logs.add(w);
            }
        }
        Collections.sort(logs);
        if (logs.isEmpty() || logs.get(0) != m.logNumber) {
            throw new CorruptionException(FileNames.wal(m.logNumber), 0, "log named by the manifest is missing");
        }
        List<String> logState = new ArrayList<>();
        List<FileHandle> handles = new ArrayList<>();
        try {
            for (Long n : logs) {
                FileHandle h = fs.open(FileNames.wal(n));
                handles.add(h);
                logState.add(FileNames.wal(n) + ":" + h.size());
            }
            if (current != null && java.util.Arrays.equals(manifestBytes, readManifest) && logState.equals(readLogs)) {
                return false;
            }
            Table[] tables = new Table[m.tables.size()];
            List<Table> opened = new ArrayList<>();
            try {
                java.util.Map<Long, Table> have = new java.util.HashMap<>();
                if (current != null) {
                    for (Table t : current.tables) {
                        have.put(t.meta.number, t);
                    }
                }
                for (int i = 0; i < tables.length; i++) {
                    TableMeta meta = m.tables.get(i);
                    Table t = have.get(meta.number);
                    if (t == null) {
                        t = Table.open(fs, meta, cache);
                        opened.add(t);
                    }
                    tables[i] = t;
                }
                MemTable[] mem = {MemTable.EMPTY};
                long[] seq = {m.lastSequence};
                long bytes = 0;
                for (int i = 0; i < handles.size(); i++) {
                    FileHandle h = handles.get(i);
                    String name = h.name();
                    Wal.ReplayResult r = replay(h, name, mem, seq);
                    if (i == 0 && r.validLength < Wal.HEADER_LENGTH) {
                        throw new CorruptionException(name, 0, "log named by the manifest has no valid header");
                    }
                    if (r.tailDiscarded() && i < handles.size() - 1) {
                        throw new CorruptionException(name, r.validLength, "damaged record in a log that is not the newest");
                    }
                    bytes += r.validLength;
                }
                synchronized (refLock) {
                    openTables.addAll(opened);
                }
                opened.clear();
                logNumber = m.logNumber;
                nextFileNumber = m.nextFileNumber;
                lastSequence = seq[0];
                readManifest = manifestBytes;
                readLogs = logState;
                readLogBytes = bytes;
                install(new Version(mem[0], MemTable.EMPTY, tables));
                return true;
            } finally {
                for (Table t : opened) {
                    t.close();
                }
            }
        } finally {
            for (FileHandle h : handles) {
                h.close();
            }
        }
    }

    /**
     * Replays one log: its commits on top of {@code mem[0]}, the highest sequence number into
     * {@code seq[0]}.
     */
    private static Wal.ReplayResult replay(FileHandle h, String name, MemTable[] mem, long[] seq) {
        return Wal.replay(h, (payload, offset) -> {
            WriteBatch b;
            try {
                b = WriteBatch.decode(payload);
            } catch (IllegalStateException ex) {
                throw new CorruptionException(name, offset, "checksummed log record does not decode: " + ex.getMessage());
            }
            seq[0] = Math.max(seq[0], WriteBatch.sequenceOf(payload));
            mem[0] = mem[0].with(MemRun.fromBatch(b));
        });
    }

    /**
     * Initialises an empty directory. Without a manifest the only file a crash can have left is
     * the first log holding at most its header (the manifest is written before the first commit),
     * so anything more means the manifest was lost and opening would lose data.
     */
    private void createNew(List<String> names) {
        String first = FileNames.wal(1);
        for (String n : names) {
            if (FileNames.tableNumber(n) >= 0) {
                throw new CorruptionException(FileNames.MANIFEST, 0, "manifest missing but table " + n + " exists");
            }
            if (FileNames.walNumber(n) >= 0) {
                boolean headerOnly = false;
                if (n.equals(first)) {
                    FileHandle h = fs.open(n);
                    try {
                        headerOnly = h.size() <= Wal.HEADER_LENGTH;
                    } finally {
                        h.close();
                    }
                }
                if (!headerOnly) {
                    throw new CorruptionException(FileNames.MANIFEST, 0, "manifest missing but log " + n + " holds records");
                }
            }
        }
        FileHandle h = fs.create(first);
        wal = Wal.Writer.create(h);
        fs.syncDirectory();
        nextFileNumber = 2;
        logNumber = 1;
        writeManifest(Collections.emptyList());
        install(new Version(MemTable.EMPTY, MemTable.EMPTY, new Table[0]));
    }

    private byte[] readAll(String name) {
        FileHandle h = fs.open(name);
        try {
            long size = h.size();
            if (size > (64L << 20)) {
                throw new CorruptionException(name, 0, "implausible size " + size);
            }
            byte[] b = new byte[(int) size];
            h.read(0, b, 0, b.length);
            return b;
        } finally {
            h.close();
        }
    }

    private Table openTable(TableMeta meta) {
        Table t = Table.open(fs, meta, cache);
        synchronized (refLock) {
            openTables.add(t);
        }
        return t;
    }

    // ---------------------------------------------------------------- versions and references

    private void install(Version v) {
        synchronized (refLock) {
            for (Table t : v.tables) {
                t.refs++;
            }
            v.refs = 1;
            Version old = current;
            current = v;
            if (old != null) {
                unref(old);
            }
        }
    }

    private void unref(Version v) {
        if (--v.refs == 0) {
            for (Table t : v.tables) {
                if (--t.refs == 0) {
                    t.close();
                    openTables.remove(t);
                    if (t.obsolete) {
                        try {
                            fs.delete(t.name);
                        } catch (NervusDBException ex) {
                            // Left behind; removed as an unlisted table at the next open.
                        }
                    }
                }
            }
        }
    }

    private Version acquire() {
        synchronized (refLock) {
            checkOpen();
            Version v = current;
            v.refs++;
            return v;
        }
    }

    private void release(Version v) {
        synchronized (refLock) {
            unref(v);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new DatabaseClosedException("database");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (opts.readOnly) {
            throw new ReadOnlyException("database was opened read-only", null);
        }
        Throwable f = failure;
        if (f != null) {
            throw new ReadOnlyException("database is read-only after an earlier write failure: " + f.getMessage(), f);
        }
    }

    private RuntimeException fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    // ---------------------------------------------------------------- reads

    /** A consistent read view. Must be closed; holds the files it reads from until then. */
    public View view() {
        return new View(acquire());
    }

    /**
     * A read view of the current state with {@code pending} written on top, as it would be after
     * committing it: nothing is written. For evaluating a request's later parts against its
     * earlier, uncommitted ones.
     */
    public View view(WriteBatch pending) {
        Version base = acquire();
        MemRun run = MemRun.fromBatch(pending);
        return new View(new Version(base.mem.with(run), base.imm, base.tables), base);
    }

    /** Reads against a pinned version. Not thread-safe itself; open one per thread. */
    public final class View implements AutoCloseable {
        private final Version v;
        private final Version pinned; // the version whose reference this view holds
        private boolean released;

        private View(Version v) {
            this(v, v);
        }

        private View(Version v, Version pinned) {
            this.v = v;
            this.pinned = pinned;
        }

        /** The value of {@code key}, or null when absent. */
        public byte[] get(byte[] key) {
            check();
            return v.get(key);
        }

        /**
         * As {@link #get}, faster when the key is almost always present and successive calls
         * ask for nearby ascending keys (same result). {@code finger} carries the position from
         * one call to the next; one per reader.
         */
        byte[] getExpected(byte[] key, Table.Finger finger) {
            check();
            return v.getExpected(key, finger);
        }

        /**
         * Visible entries with {@code start <= key < end} ({@code end == null}: unbounded). When
         * {@code bloomKey} is given, tables whose filter rules it out are skipped; it must be a
         * whole key or a prefix the {@link KeyShape} adds to filters, and every key in the range
         * must start with it.
         */
        public Scan scan(byte[] start, byte[] end, byte[] bloomKey) {
            check();
            List<EntryIterator> its = new ArrayList<>();
            for (MemRun r : v.mem.runs) {
                its.add(r.iterator());
            }
            for (MemRun r : v.imm.runs) {
                its.add(r.iterator());
            }
            for (Table t : v.tables) {
                if (end != null && Bytes.compare(t.meta.smallest, end) >= 0) {
                    continue;
                }
                if (Bytes.compare(t.meta.largest, start) < 0) {
                    continue;
                }
                if (bloomKey != null && !t.mayContain(bloomKey)) {
                    continue;
                }
                its.add(t.iterator());
            }
            EntryIterator it = its.size() == 1 ? its.get(0) : new MergingIterator(its.toArray(new EntryIterator[0]));
            it.seek(start);
            return new Scan(it, end);
        }

        /**
         * About how many entries lie in {@code [start, end)}: exact for the memtable, estimated
         * from table indexes (see {@link Table#approximateEntries}); deleted entries still count.
         */
        public double approximateCount(byte[] start, byte[] end) {
            double n = memoryCount(start, end);
            for (Table t : v.tables) {
                if ((end == null || Bytes.compare(t.meta.smallest, end) < 0) && Bytes.compare(t.meta.largest, start) >= 0) {
                    n += t.approximateEntries(start, end);
                }
            }
            return n;
        }

        /** How many entries the memtables hold in {@code [start, end)}, puts and tombstones alike. */
        public double memoryCount(byte[] start, byte[] end) {
            check();
            double n = 0;
            for (MemRun r : v.mem.runs) {
                n += (end == null ? r.size : r.lowerBound(end)) - r.lowerBound(start);
            }
            for (MemRun r : v.imm.runs) {
                n += (end == null ? r.size : r.lowerBound(end)) - r.lowerBound(start);
            }
            return n;
        }

        /**
         * The decoded stats block of each table this view reads, newest first (null for a table
         * without one). {@code decoder} runs once per table; its result is kept with the table.
         */
        public Object[] tableStatistics(java.util.function.Function<byte[], Object> decoder) {
            return tableStatistics(decoder, Bytes.EMPTY, null);
        }

        /**
         * As {@link #tableStatistics(java.util.function.Function)}, for the tables whose key range
         * overlaps {@code [start, end)} ({@code end == null}: unbounded) only.
         */
        public Object[] tableStatistics(java.util.function.Function<byte[], Object> decoder, byte[] start, byte[] end) {
            check();
            List<Table> in = new ArrayList<>();
            for (Table t : v.tables) {
                if ((end == null || Bytes.compare(t.meta.smallest, end) < 0) && Bytes.compare(t.meta.largest, start) >= 0) {
                    in.add(t);
                }
            }
            Object[] out = new Object[in.size()];
            int i = 0;
            for (Table t : in) {
                Object d = t.decodedStats;
                if (d == null && t.stats != null) {
                    d = decoder.apply(t.stats);
                    t.decodedStats = d;
                }
                out[i++] = d;
            }
            return out;
        }

        private void check() {
            if (released) {
                throw new DatabaseClosedException("snapshot");
            }
            checkOpen();
        }

        /** DatabaseClosedException if this view is released or the engine closed. */
        void checkLive() {
            check();
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release(pinned);
            }
        }
    }

    /** A forward cursor over visible (non-deleted) entries of a range. */
    public final class Scan {
        private final EntryIterator it;
        private final byte[] end;
        private byte[] key;
        private byte[] value;
        private boolean started;

        Scan(EntryIterator it, byte[] end) {
            this.it = it;
            this.end = end;
        }

        /** Moves to the next entry; false at the end of the range. */
        public boolean next() {
            checkOpen();
            if (started) {
                it.next();
            }
            started = true;
            while (it.valid()) {
                byte[] k = it.key();
                if (end != null && Bytes.compare(k, end) >= 0) {
                    break;
                }
                if (!it.isTombstone()) {
                    key = k;
                    value = it.value();
                    return true;
                }
                it.next();
            }
            key = null;
            value = null;
            return false;
        }

        public byte[] key() {
            return key;
        }

        public byte[] value() {
            return value;
        }

        /**
         * Repositions so that the following {@link #next} gives the first entry at or after
         * {@code target}, which must not lie before the scan's start.
         */
        public void seek(byte[] target) {
            checkOpen();
            it.seek(target);
            started = false;
        }
    }

    // ---------------------------------------------------------------- writes

    /** Commits a batch atomically; durable on return when {@code syncOnCommit}. */
    public void write(WriteBatch batch) {
        if (batch.isEmpty()) {
            checkWritable();
            return;
        }
        boolean full;
        synchronized (writeLock) {
            checkWritable();
            long seq = lastSequence + 1;
            int length = batch.seal(seq);
            try {
                wal.append(batch.data(), 0, length);
                if (opts.syncOnCommit) {
                    wal.sync();
                }
            } catch (RuntimeException e) {
                throw fail(e);
            }
            lastSequence = seq;
            install(new Version(current.mem.with(MemRun.fromBatch(batch)), current.imm, current.tables));
            full = current.mem.bytes >= opts.memtableBytes;
            if (full && !opts.inlineCompaction && current.imm.isEmpty()) {
                freezeLocked();
                full = false;
                signalBackgroundWork();
            }
        }
        if (full) {
            if (opts.inlineCompaction) {
                flush();
            } else {
                // The previous memtable is still being written: write it here, then freeze.
                flushFrozen();
                boolean tooMany;
                synchronized (writeLock) {
                    if (!closed && failure == null && current.mem.bytes >= opts.memtableBytes && current.imm.isEmpty()) {
                        freezeLocked();
                        signalBackgroundWork();
                    }
                    tooMany = !closed && current.tables.length > opts.maxTables;
                }
                if (tooMany) {
                    compactPending();
                }
            }
        }
    }

    // ---------------------------------------------------------------- bulk loading

    /** A new file number, for a table or temporary file written outside the engine. */
    long newFileNumber() {
        synchronized (writeLock) {
            checkWritable();
            return nextFileNumber++;
        }
    }

    FileSystem fileSystem() {
        return fs;
    }

    /** A builder for a table written outside the engine (by a bulk load), with the engine's settings. */
    TableBuilder tableBuilder(FileHandle h) {
        return new TableBuilder(h, opts.blockSize, opts.keyShape);
    }

    /**
     * Makes already written and synced tables live, newest first, in front of every existing
     * table, with one manifest replacement. The memtables are written out first, so the new
     * tables are newer than everything else; the caller must keep commits out until this
     * returns (the triple store holds its write lock). Before the manifest rename the store is
     * unchanged; after it the tables are live, also after a crash.
     */
    void installTables(List<TableMeta> metas) {
        synchronized (flushLock) {
            writeOutMemtables();
            synchronized (writeLock) {
                checkWritable();
                if (!current.mem.isEmpty() || !current.imm.isEmpty()) {
                    throw new IllegalStateException("commits arrived while installing bulk-loaded tables");
                }
                List<Table> tables = new ArrayList<>();
                try {
                    for (TableMeta m : metas) {
                        tables.add(openTable(m));
                    }
                } catch (RuntimeException e) {
                    synchronized (refLock) {
                        for (Table t : tables) {
                            t.close();
                            openTables.remove(t);
                        }
                    }
                    throw e;
                }
                Collections.addAll(tables, current.tables);
                try {
                    writeManifest(tables);
                    install(new Version(current.mem, current.imm, tables.toArray(new Table[0])));
                    flushes++;
                } catch (RuntimeException e) {
                    throw fail(e);
                }
            }
        }
        if (opts.inlineCompaction) {
            boolean compact;
            synchronized (writeLock) {
                compact = !closed && failure == null && needsCompaction();
            }
            if (compact) {
                compactPending();
            }
        } else {
            signalBackgroundWork();
        }
    }

    private void signalBackgroundWork() {
        Runnable r = opts.backgroundWorkDue;
        if (r != null) {
            r.run();
        }
    }

    /** Forces the write-ahead log to stable storage (for interval and no-sync modes). */
    public void syncLog() {
        synchronized (writeLock) {
            if (closed || failure != null) {
                return;
            }
            try {
                wal.sync();
            } catch (RuntimeException e) {
                throw fail(e);
            }
        }
    }

    /** Writes the frozen memtable, then freezes and writes the active one. */
    private void writeOutMemtables() {
        synchronized (flushLock) {
            flushFrozen();
            synchronized (writeLock) {
                checkWritable();
                if (!current.mem.isEmpty()) {
                    freezeLocked();
                }
            }
            flushFrozen();
        }
    }

    /** Writes the memtable out as an SSTable and starts a new log. */
    public void flush() {
        writeOutMemtables();
        boolean compact;
        synchronized (writeLock) {
            checkWritable();
            compact = needsCompaction();
        }
        if (compact) {
            compactPending();
        }
    }

    private boolean needsCompaction() {
        int n = current.tables.length;
        return (opts.inlineCompaction && pick(current.tables) != null) || n > opts.maxTables;
    }

    private void compactPending() {
        while (compactStep()) {
            Version v = current; // null once closed
            if (v == null || (!opts.inlineCompaction && v.tables.length <= opts.maxTables)) {
                break;
            }
        }
    }

    /**
     * Freezes the active memtable and starts a new log for later commits. The manifest keeps
     * naming the older log until the frozen memtable is in a table.
     */
    private void freezeLocked() {
        try {
            // Recovery may still need the old log, and only the newest log may have a torn tail.
            wal.sync();
            long newLog = nextFileNumber++;
            Wal.Writer nw = Wal.Writer.create(fs.create(FileNames.wal(newLog)));
            fs.syncDirectory();
            wal.close();
            wal = nw;
            immLogNumber = newLog;
            install(new Version(MemTable.EMPTY, current.mem, current.tables));
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /**
     * Writes the frozen memtable, if any, as a table (without the write lock, so commits go on),
     * then installs it and moves the manifest to the log started when it was frozen. Returns
     * whether there was one.
     */
    private boolean flushFrozen() {
        synchronized (flushLock) {
            MemTable imm;
            long number;
            long newLog;
            boolean dropTombstones;
            synchronized (writeLock) {
                if (closed || failure != null || current.imm.isEmpty()) {
                    return false;
                }
                imm = current.imm;
                number = nextFileNumber++;
                newLog = immLogNumber;
                // Only flushes add tables, and they hold flushLock.
                dropTombstones = current.tables.length == 0;
            }
            TableMeta meta;
            try {
                EntryIterator it;
                if (imm.runs.length == 1) {
                    it = imm.runs[0].iterator();
                } else {
                    EntryIterator[] its = new EntryIterator[imm.runs.length];
                    for (int i = 0; i < its.length; i++) {
                        its[i] = imm.runs[i].iterator();
                    }
                    it = new MergingIterator(its);
                }
                it.seekToFirst();
                meta = writeTable(number, it, dropTombstones);
            } catch (RuntimeException e) {
                if (closed) {
                    return false;
                }
                throw fail(e);
            }
            synchronized (writeLock) {
                if (closed) {
                    if (meta != null) {
                        fs.delete(FileNames.table(number));
                    }
                    return false;
                }
                try {
                    List<Table> tables = new ArrayList<>();
                    if (meta != null) {
                        tables.add(openTable(meta));
                    }
                    Collections.addAll(tables, current.tables);
                    long oldLog = logNumber;
                    logNumber = newLog;
                    writeManifest(tables);
                    for (long n = oldLog; n < newLog; n++) {
                        fs.delete(FileNames.wal(n));
                    }
                    install(new Version(current.mem, MemTable.EMPTY, tables.toArray(new Table[0])));
                    flushes++;
                } catch (RuntimeException e) {
                    throw fail(e);
                }
            }
            return true;
        }
    }

    /** Writes a table from {@code it}; returns null (and no file) if nothing was written. */
    private TableMeta writeTable(long number, EntryIterator it, boolean dropTombstones) {
        String name = FileNames.table(number);
        FileHandle h = fs.create(name);
        boolean ok = false;
        try {
            TableBuilder b = new TableBuilder(h, opts.blockSize, opts.keyShape);
            for (; it.valid(); it.next()) {
                if (it.isTombstone()) {
                    if (!dropTombstones) {
                        b.add(it.key(), null);
                    }
                } else {
                    b.add(it.key(), it.value());
                }
            }
            if (b.entries() == 0) {
                return null;
            }
            TableMeta meta = b.finish(number);
            ok = true;
            return meta;
        } finally {
            h.close();
            if (!ok) {
                try {
                    fs.delete(name);
                } catch (NervusDBException ignored) {
                    // Removed as an unlisted table at the next open.
                }
            }
        }
    }

    private void writeManifest(List<Table> tables) {
        List<TableMeta> metas = new ArrayList<>();
        for (Table t : tables) {
            metas.add(t.meta);
        }
        byte[] b = new Manifest(nextFileNumber, logNumber, lastSequence, metas).encode();
        FileHandle h = fs.create(FileNames.MANIFEST_TMP);
        try {
            h.write(0, b, 0, b.length);
            h.sync();
        } finally {
            h.close();
        }
        fs.rename(FileNames.MANIFEST_TMP, FileNames.MANIFEST);
        fs.syncDirectory();
    }

    // ---------------------------------------------------------------- compaction

    /** A contiguous run of tables (newest first) to merge, or null when none is due. */
    private int[] pick(Table[] tables) {
        int fan = Math.max(2, opts.compactionFanIn);
        long base = Math.max(1, opts.memtableBytes / 4);
        int i = 0;
        while (i < tables.length) {
            int tier = tier(tables[i].meta.fileSize, base, fan);
            int j = i + 1;
            while (j < tables.length && tier(tables[j].meta.fileSize, base, fan) == tier) {
                j++;
            }
            if (j - i >= fan && overlapping(tables, i, j) >= fan && !anyBusy(tables, i, j)) {
                return new int[] {i, j};
            }
            i = j;
        }
        if (tables.length > opts.maxTables && !anyBusy(tables, 0, fan)) {
            return new int[] {0, Math.min(tables.length, fan)};
        }
        return null;
    }

    /**
     * How many tables of {@code [from, to)} share part of their key range with another of them.
     * Merging tables whose ranges are disjoint (a bulk load's SPO, POS, OSP and dictionary
     * tables) spares reads no work, so a run of them does not make a compaction due.
     */
    static int overlapping(Table[] tables, int from, int to) {
        int n = 0;
        for (int a = from; a < to; a++) {
            for (int b = from; b < to; b++) {
                if (a != b && Bytes.compare(tables[a].meta.smallest, tables[b].meta.largest) <= 0
                        && Bytes.compare(tables[b].meta.smallest, tables[a].meta.largest) <= 0) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private boolean anyBusy(Table[] tables, int from, int to) {
        for (int k = from; k < to; k++) {
            if (busy.contains(tables[k])) {
                return true;
            }
        }
        return false;
    }

    private static int tier(long size, long base, int fan) {
        int t = 0;
        long s = size / base;
        while (s >= fan) {
            s /= fan;
            t++;
        }
        return t;
    }

    /** True when a compaction is due (for a background worker to poll). */
    public boolean compactionDue() {
        synchronized (writeLock) {
            return !closed && failure == null && (!current.imm.isEmpty() || pick(current.tables) != null);
        }
    }

    /**
     * One step of background work: writes out a frozen memtable, or else runs one compaction if
     * one is due. Returns whether it did any work.
     */
    public boolean compactStep() {
        if (flushFrozen()) {
            return true;
        }
        synchronized (compactionLock) {
            Table[] job;
            boolean dropTombstones;
            long number;
            Version v;
            synchronized (writeLock) {
                if (closed || failure != null || opts.readOnly) {
                    return false;
                }
                int[] w = pick(current.tables);
                if (w == null) {
                    return false;
                }
                job = new Table[w[1] - w[0]];
                System.arraycopy(current.tables, w[0], job, 0, job.length);
                dropTombstones = w[1] == current.tables.length;
                number = nextFileNumber++;
                v = acquire();
            }
            try {
                mergeAndInstall(job, dropTombstones, number);
            } finally {
                release(v);
            }
            return true;
        }
    }

    /** Flushes the memtable and merges every table into one, dropping all tombstones. */
    public void compact() {
        synchronized (compactionLock) {
            writeOutMemtables();
            Table[] job;
            long number;
            Version v;
            synchronized (writeLock) {
                checkWritable();
                if (current.tables.length == 0
                        || (current.tables.length == 1 && current.tables[0].meta.tombstones == 0)) {
                    return;
                }
                job = current.tables.clone();
                number = nextFileNumber++;
                v = acquire();
            }
            boolean installed;
            try {
                installed = mergeAndInstall(job, true, number);
            } finally {
                release(v);
            }
            if (!installed) {
                throw new DatabaseClosedException("database"); // closed while merging
            }
        }
    }

    /** Merges {@code job} into one table and installs it; false if the store closed first. */
    private boolean mergeAndInstall(Table[] job, boolean dropTombstones, long number) {
        synchronized (writeLock) {
            Collections.addAll(busy, job);
        }
        try {
            EntryIterator[] its = new EntryIterator[job.length];
            for (int i = 0; i < job.length; i++) {
                its[i] = job[i].iterator();
            }
            MergingIterator it = new MergingIterator(its);
            it.seekToFirst();
            TableMeta meta;
            try {
                meta = writeTable(number, it, dropTombstones);
            } catch (RuntimeException e) {
                if (closed) {
                    return false;
                }
                throw fail(e);
            }
            synchronized (writeLock) {
                if (closed) {
                    if (meta != null) {
                        fs.delete(FileNames.table(number));
                    }
                    return false;
                }
                try {
                    Table[] cur = current.tables;
                    int at = -1;
                    for (int i = 0; i < cur.length; i++) {
                        if (cur[i] == job[0]) {
                            at = i;
                            break;
                        }
                    }
                    for (int k = 0; k < job.length; k++) {
                        if (at < 0 || at + k >= cur.length || cur[at + k] != job[k]) {
                            throw new IllegalStateException("compaction inputs changed underneath");
                        }
                    }
                    List<Table> tables = new ArrayList<>();
                    for (int i = 0; i < at; i++) {
                        tables.add(cur[i]);
                    }
                    if (meta != null) {
                        tables.add(openTable(meta));
                    }
                    for (int i = at + job.length; i < cur.length; i++) {
                        tables.add(cur[i]);
                    }
                    writeManifest(tables);
                    synchronized (refLock) {
                        for (Table t : job) {
                            t.obsolete = true;
                        }
                    }
                    install(new Version(current.mem, current.imm, tables.toArray(new Table[0])));
                    compactions++;
                    return true;
                } catch (RuntimeException e) {
                    throw fail(e);
                }
            }
        } finally {
            synchronized (writeLock) {
                for (Table t : job) {
                    busy.remove(t);
                }
            }
        }
    }

    /**
     * Reads every entry and filter page of every live table, checking each block's checksum, key order and the
     * entry counts recorded in the manifest. Returns the number of table entries checked.
     *
     * @throws CorruptionException naming the first damaged file and offset
     */
    public long verify() {
        Version v = acquire();
        try {
            long total = 0;
            for (Table t : v.tables) {
                t.verifyFilter();
                EntryIterator it = t.iterator();
                long n = 0;
                byte[] prev = null;
                for (it.seekToFirst(); it.valid(); it.next()) {
                    byte[] k = it.key();
                    if (prev != null && Bytes.compare(prev, k) >= 0) {
                        throw new CorruptionException(t.name, 0, "keys out of order across blocks");
                    }
                    if (n == 0 && Bytes.compare(k, t.meta.smallest) != 0) {
                        throw new CorruptionException(t.name, 0, "smallest key differs from the manifest");
                    }
                    prev = k;
                    n++;
                    checkOpen();
                }
                if (n != t.meta.entries || (prev != null && Bytes.compare(prev, t.meta.largest) != 0)) {
                    throw new CorruptionException(t.name, 0, "table holds " + n + " entries, manifest says " + t.meta.entries);
                }
                total += n;
            }
            return total;
        } finally {
            release(v);
        }
    }

    // ---------------------------------------------------------------- statistics and closing

    /** Figures about the store's files and memory. */
    public EngineStats stats() {
        synchronized (writeLock) {
            checkOpen();
            Version v = current;
            long tableBytes = 0;
            long entries = 0;
            long filterBytes = 0;
            for (Table t : v.tables) {
                tableBytes += t.meta.fileSize;
                entries += t.meta.entries;
                filterBytes += t.filterBytes();
            }
            return new EngineStats(v.tables.length, tableBytes, entries, wal != null ? wal.size() : readLogBytes, v.mem.bytes + v.imm.bytes,
                    v.mem.entries + v.imm.entries, v.mem.runs.length + v.imm.runs.length, cache.usedBytes(), cache.hits(), cache.misses(), filterBytes, flushes,
                    compactions, lastSequence, recoveredTailBytes);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** The first write failure, or null. After one, the store accepts reads only. */
    public Throwable failure() {
        return failure;
    }

    /** Closes the log and all tables. Idempotent. Views still open fail on their next read. */
    @Override
    public void close() {
        checkpointOnClose();
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (wal != null && failure == null) {
                    wal.sync();
                }
            } finally {
                closeQuietly();
            }
        }
    }

    /**
     * Writes out the memtable when the log holds more than {@link EngineOptions#closeCheckpointBytes}, as SQLite
     * checkpoints when its last connection closes: the next open then has little log to replay
     * (replay time grew with every open/write/close cycle of a database that was never flushed).
     * A failure here loses nothing: the log still holds every commit, and close goes on.
     */
    private void checkpointOnClose() {
        boolean due;
        synchronized (writeLock) {
            due = !closed && failure == null && wal != null && wal.size() > opts.closeCheckpointBytes
                    && !current.mem.isEmpty();
        }
        if (due) {
            try {
                writeOutMemtables();
            } catch (RuntimeException e) {
                // the log replays at the next open
            }
        }
    }

    private void closeQuietly() {
        closed = true;
        if (wal != null) {
            try {
                wal.close();
            } catch (RuntimeException ignored) {
                // Closing after a failure; nothing more to do.
            }
        }
        synchronized (refLock) {
            for (Table t : openTables) {
                t.close();
            }
            openTables.clear();
            current = null;
        }
        cache.clear();
    }
}
