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
    private long termCacheHits;
    private long termCacheMisses;
    private long quads;
    private int graphs;
    private String baseIri;

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

    /** The same figures with the named graphs' and the base IRI's. */
    public Stats withGraphs(long quads, int graphs, String baseIri) {
        Stats s = new Stats(triples, terms, files, bytes, memtableBytes, tables, walBytes, blockCacheBytes, blockCacheHits,
                blockCacheMisses, flushes, compactions);
        s.termCacheHits = termCacheHits;
        s.termCacheMisses = termCacheMisses;
        s.quads = quads;
        s.graphs = graphs;
        s.baseIri = baseIri;
        return s;
    }

    /**
     * The same figures with the term cache's: lookups of a term's id or an id's term that the
     * cache answered, and those that went to the dictionary.
     */
    public Stats withTermCache(long hits, long misses) {
        Stats s = withGraphs(quads, graphs, baseIri);
        s.termCacheHits = hits;
        s.termCacheMisses = misses;
        return s;
    }

    /** Number of quads in named graphs (each counted once per graph that holds it). */
    public long quads() {
        return quads;
    }

    /** Number of named graphs (a graph exists from its first quad or its creation until it is dropped). */
    public int graphs() {
        return graphs;
    }

    /** The base IRI that relative IRIs (plain names) are written against in files; see the README. */
    public String baseIri() {
        return baseIri;
    }

    /** Number of distinct triples stored in the default graph. */
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

    /** Term cache lookups answered by the cache since the database opened (approximate under concurrent reads). */
    public long termCacheHits() {
        return termCacheHits;
    }

    /** Term cache lookups that went to the dictionary since the database opened. */
    public long termCacheMisses() {
        return termCacheMisses;
    }

    public long flushes() {
        return flushes;
    }

    public long compactions() {
        return compactions;
    }

    @Override
    public String toString() {
        return "triples=" + triples + " quads=" + quads + " graphs=" + graphs + " terms=" + terms + " files=" + files + " bytes=" + bytes
                + " memtableBytes=" + memtableBytes + " tables=" + tables + " walBytes=" + walBytes
                + " blockCacheBytes=" + blockCacheBytes + " blockCacheHits=" + blockCacheHits + " blockCacheMisses=" + blockCacheMisses
                + " termCacheHits=" + termCacheHits + " termCacheMisses=" + termCacheMisses + " flushes=" + flushes + " compactions=" + compactions;
    }
}
