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
    /** Run compaction on the writing thread after a flush (when no background worker does it). */
    public boolean inlineCompaction = true;
    /** Number of similar-sized tables merged together. */
    public int compactionFanIn = 4;
    /** Table count above which a writer compacts before returning, whatever the mode. */
    public int maxTables = 24;
    /** Which key prefixes enter the Bloom filters. */
    public KeyShape keyShape = KeyShape.WHOLE_KEYS;

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
        return o;
    }
}
