package org.nervusdb.engine;

/** A point-in-time reading of the engine's size and activity. Immutable. */
public final class EngineStats {
    public final int tables;
    public final long tableBytes;
    public final long tableEntries;
    public final long walBytes;
    public final long memtableBytes;
    public final long memtableEntries;
    public final int memtableRuns;
    public final long blockCacheBytes;
    public final long blockCacheHits;
    public final long blockCacheMisses;
    public final long filterAndIndexBytes;
    public final long flushes;
    public final long compactions;
    public final long lastSequence;
    public final long recoveredTailBytes;

    EngineStats(int tables, long tableBytes, long tableEntries, long walBytes, long memtableBytes,
            long memtableEntries, int memtableRuns, long blockCacheBytes, long blockCacheHits,
            long blockCacheMisses, long filterAndIndexBytes, long flushes, long compactions, long lastSequence,
            long recoveredTailBytes) {
        this.tables = tables;
        this.tableBytes = tableBytes;
        this.tableEntries = tableEntries;
        this.walBytes = walBytes;
        this.memtableBytes = memtableBytes;
        this.memtableEntries = memtableEntries;
        this.memtableRuns = memtableRuns;
        this.blockCacheBytes = blockCacheBytes;
        this.blockCacheHits = blockCacheHits;
        this.blockCacheMisses = blockCacheMisses;
        this.filterAndIndexBytes = filterAndIndexBytes;
        this.flushes = flushes;
        this.compactions = compactions;
        this.lastSequence = lastSequence;
        this.recoveredTailBytes = recoveredTailBytes;
    }
}
