package org.nervusdb;

import java.time.Duration;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/** Settings for {@link NervusDB#open(java.nio.file.Path, Options)}. Setters return {@code this}. */
@NullMarked
public final class Options {
    private SyncMode syncMode = SyncMode.ALWAYS;
    private Duration syncInterval = Duration.ofMillis(100);
    private long memtableSize = 64L << 20;
    private long blockCacheSize = defaultBlockCacheSize(Runtime.getRuntime().maxMemory());
    private boolean backgroundCompaction = true;
    private int termCacheEntries = 1 << 16;

    public static Options defaults() {
        return new Options();
    }

    public SyncMode syncMode() {
        return syncMode;
    }

    public Options syncMode(SyncMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("sync mode is null");
        }
        this.syncMode = mode;
        return this;
    }

    public Duration syncInterval() {
        return syncInterval;
    }

    /** The fsync period of {@link SyncMode#INTERVAL}; between 1 ms and 1 minute. */
    public Options syncInterval(Duration interval) {
        if (interval == null || interval.toMillis() < 1 || interval.toMillis() > 60_000) {
            throw new IllegalArgumentException("sync interval must be between 1 ms and 60 s, got " + interval);
        }
        this.syncInterval = interval;
        return this;
    }

    public long memtableSize() {
        return memtableSize;
    }

    /** Bytes of recent writes held in memory before they are written out as a table (>= 64 KiB). */
    public Options memtableSize(long bytes) {
        if (bytes < (64 << 10)) {
            throw new IllegalArgumentException("memtable size must be at least 64 KiB, got " + bytes);
        }
        this.memtableSize = bytes;
        return this;
    }

    public long blockCacheSize() {
        return blockCacheSize;
    }

    /**
     * The block cache a database gets unless told otherwise: an eighth of the JVM's maximum heap
     * ({@code -Xmx}), at least 32 MiB and at most 1 GiB. The cache holds only blocks that were
     * read, so a small database never fills it; on a large one (BSBM's 5 million triples make a
     * 700 MB database, most of it long literals) a 32 MiB cache reads the same blocks again and
     * again.
     */
    static long defaultBlockCacheSize(long maxHeap) {
        if (maxHeap <= 0 || maxHeap == Long.MAX_VALUE) {
            return 32L << 20; // no limit known
        }
        return Math.max(32L << 20, Math.min(1L << 30, maxHeap / 8));
    }

    /**
     * Upper bound on cached data-block bytes (0 disables the cache); the default depends on the
     * heap (see {@link #defaultBlockCacheSize}: 32 MiB to 1 GiB).
     */
    public Options blockCacheSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("block cache size must be >= 0, got " + bytes);
        }
        this.blockCacheSize = bytes;
        return this;
    }

    public boolean backgroundCompaction() {
        return backgroundCompaction;
    }

    /** Compact on a background thread (true, the default) or on the writing thread after a flush. */
    public Options backgroundCompaction(boolean on) {
        this.backgroundCompaction = on;
        return this;
    }

    public int termCacheEntries() {
        return termCacheEntries;
    }

    /** Entries in each of the term-to-id and id-to-term caches (>= 16). */
    public Options termCacheEntries(int n) {
        if (n < 16) {
            throw new IllegalArgumentException("term cache must hold at least 16 entries, got " + n);
        }
        this.termCacheEntries = n;
        return this;
    }

    private @Nullable String baseIri;

    /**
     * The base IRI of a new database (default {@code http://nervusdb.invalid/}, a name that never
     * resolves): in exported files and SPARQL result formats, relative IRIs such as plain names
     * are written against it. It is stored with the database when it is created; opening an
     * existing database with a different one fails with IllegalArgumentException.
     */
    public Options baseIri(@Nullable String iri) {
        this.baseIri = iri;
        return this;
    }

    /** The base IRI for a new database, or null for the default. */
    public @Nullable String baseIri() {
        return baseIri;
    }

    private boolean readOnly;

    /**
     * Open for reading only (default false): the database must exist; no lock is taken, so any
     * number of read-only handles, in this process or others, read it while one writer (which
     * holds the lock) goes on writing. A read-only handle sees the commits made before it opened;
     * {@link NervusDB#refresh()} brings it up to date. Writes fail with
     * {@link ReadOnlyException}. A database whose files need upgrading to this version's layout
     * must be opened for writing once first.
     */
    public Options readOnly(boolean on) {
        this.readOnly = on;
        return this;
    }

    public boolean readOnly() {
        return readOnly;
    }
}
