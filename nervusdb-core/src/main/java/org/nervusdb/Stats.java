package org.nervusdb;

/** Size and activity figures of an open database. Immutable. */
public final class Stats {
    private final long triples;
    private final long terms;
    private final int files;
    private final long bytes;
    private final long memtableBytes;
    private final int tables;
    private final long walBytes;
    private final long blockCacheBytes;
    private final long blockCacheHits;
    private final long blockCacheMisses;
    private final long flushes;
    private final long compactions;

    public Stats(long triples, long terms, int files, long bytes, long memtableBytes, int tables, long walBytes,
            long blockCacheBytes, long blockCacheHits, long blockCacheMisses, long flushes, long compactions) {
        this.triples = triples;
        this.terms = terms;
        this.files = files;
        this.bytes = bytes;
        this.memtableBytes = memtableBytes;
        this.tables = tables;
        this.walBytes = walBytes;
        this.blockCacheBytes = blockCacheBytes;
        this.blockCacheHits = blockCacheHits;
        this.blockCacheMisses = blockCacheMisses;
        this.flushes = flushes;
        this.compactions = compactions;
    }

    /** Number of distinct triples stored. */
    public long triples() {
        return triples;
    }

    /** Number of distinct terms ever stored (the dictionary never shrinks). */
    public long terms() {
        return terms;
    }

    /** Number of data files: SSTables plus the active write-ahead log. */
    public int files() {
        return files;
    }

    /** Bytes on disk in those files. */
    public long bytes() {
        return bytes;
    }

    /** Bytes held by the memtable. */
    public long memtableBytes() {
        return memtableBytes;
    }

    public int tables() {
        return tables;
    }

    public long walBytes() {
        return walBytes;
    }

    public long blockCacheBytes() {
        return blockCacheBytes;
    }

    public long blockCacheHits() {
        return blockCacheHits;
    }

    public long blockCacheMisses() {
        return blockCacheMisses;
    }

    public long flushes() {
        return flushes;
    }

    public long compactions() {
        return compactions;
    }

    @Override
    public String toString() {
        return "triples=" + triples + " terms=" + terms + " files=" + files + " bytes=" + bytes
                + " memtableBytes=" + memtableBytes + " tables=" + tables + " walBytes=" + walBytes
                + " blockCacheBytes=" + blockCacheBytes + " flushes=" + flushes + " compactions=" + compactions;
    }
}
