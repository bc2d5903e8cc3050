package org.nervusdb.engine;

/** Tuning of the storage engine. Plain mutable settings, copied by the engine when it opens. */
public final class EngineOptions {
    /** Memtable size at which it is written out as an SSTable. */
    public long memtableBytes = 64L << 20;
    /** Target uncompressed size of an SSTable data block. */
    public int blockSize = 4096;
    /** Upper bound on cached data-block bytes. */
    public long blockCacheBytes = 32L << 20;
    /** Fsync the write-ahead log before a commit returns. */
    public boolean syncOnCommit = true;
    /**
     * Flush and compact on the writing thread. When false, a full memtable is frozen and a new
     * one started at once; {@link Engine#compactStep()}, called by a background worker, writes
     * it out (a writer that fills the next memtable first does it itself).
     */
    public boolean inlineCompaction = true;
    /** Called, without locks held, when background work is due; may be null. Must not block. */
    public Runnable backgroundWorkDue;
    /** Number of similar-sized tables merged together. */
    public int compactionFanIn = 4;
    /** Table count above which a writer compacts before returning, whatever the mode. */
    public int maxTables = 24;
    /**
     * Log size above which {@link Engine#close} writes the memtable out first, so that the next
     * open replays little (Long.MAX_VALUE: never).
     */
    public long closeCheckpointBytes = 1L << 20;
    /** Which key prefixes enter the Bloom filters. */
    public KeyShape keyShape = KeyShape.WHOLE_KEYS;
    /**
     * Set by {@link Engine#openReadOnly}: reading only, beside a writer that may be working on the
     * same files in another process; {@link Engine#refresh} reads newer commits.
     */
    boolean readOnly;

    public EngineOptions copy() {
        EngineOptions o = new EngineOptions();
        o.memtableBytes = memtableBytes;
        o.blockSize = blockSize;
        o.blockCacheBytes = blockCacheBytes;
        o.syncOnCommit = syncOnCommit;
        o.inlineCompaction = inlineCompaction;
        o.compactionFanIn = compactionFanIn;
        o.maxTables = maxTables;
        o.keyShape = keyShape;
        o.closeCheckpointBytes = closeCheckpointBytes;
        o.backgroundWorkDue = backgroundWorkDue;
        o.readOnly = readOnly;
        return o;
    }
}
