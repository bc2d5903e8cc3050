package org.nervusdb.engine;

/** Settings of a {@link TripleStore}. */
public final class StoreOptions {
    public long memtableBytes = 64L << 20;
    public long blockCacheBytes = 32L << 20;
    public boolean syncOnCommit = true;
    public boolean inlineCompaction = true;
    public int termCacheEntries = 1 << 16;
    /** See {@link EngineOptions#closeCheckpointBytes}. */
    public long closeCheckpointBytes = 1L << 20;
    /** See {@link EngineOptions#backgroundWorkDue}. */
    public Runnable backgroundWorkDue;

    public StoreOptions copy() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = memtableBytes;
        o.blockCacheBytes = blockCacheBytes;
        o.syncOnCommit = syncOnCommit;
        o.inlineCompaction = inlineCompaction;
        o.termCacheEntries = termCacheEntries;
        o.closeCheckpointBytes = closeCheckpointBytes;
        o.backgroundWorkDue = backgroundWorkDue;
        return o;
    }
}
