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
    /**
     * The base IRI of a new store (null: {@link TripleStore#DEFAULT_BASE}): relative IRIs such as
     * plain names are written against it in files other tools read. Fixed when the store is
     * created; opening an existing store with a different one fails.
     */
    public String baseIri;

    public StoreOptions copy() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = memtableBytes;
        o.blockCacheBytes = blockCacheBytes;
        o.syncOnCommit = syncOnCommit;
        o.inlineCompaction = inlineCompaction;
        o.termCacheEntries = termCacheEntries;
        o.closeCheckpointBytes = closeCheckpointBytes;
        o.backgroundWorkDue = backgroundWorkDue;
        o.baseIri = baseIri;
        return o;
    }
}
