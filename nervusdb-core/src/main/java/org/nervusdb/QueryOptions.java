package org.nervusdb;

/** Limits for one query. Setters return {@code this}. */
public final class QueryOptions {
    private static volatile long defaultMaxMemoryBytes = 512L << 20;
    private long timeoutMillis;
    private long maxMaterialized = Long.MAX_VALUE;
    private long maxMemoryBytes; // 0: the default at the time the query runs
    private long seed = 42;
    private long maxRows;
    private boolean unionDefaultGraph;

    public static QueryOptions defaults() {
        return new QueryOptions();
    }

    /** Stops the query with QUERY_TIMEOUT after this long; 0 (the default) for no limit. */
    public QueryOptions timeoutMillis(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("timeout must be >= 0, got " + ms);
        }
        this.timeoutMillis = ms;
        return this;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    /**
     * Stops the query with QUERY_TOO_LARGE when an operator that must hold its input (ORDER BY,
     * GROUP BY, DISTINCT, a hash join, a path search) holds more solutions than this. No limit
     * by default: {@link #maxMemoryBytes} bounds what a query holds.
     */
    public QueryOptions maxMaterialized(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("maxMaterialized must be > 0, got " + n);
        }
        this.maxMaterialized = n;
        return this;
    }

    public long maxMaterialized() {
        return maxMaterialized;
    }

    /**
     * Stops the query with QUERY_TOO_LARGE when what its operators hold in memory (solutions,
     * sort keys, groups, path searches; estimated as they are added) passes this many bytes.
     * Default: {@link #defaultMaxMemoryBytes()}.
     */
    public QueryOptions maxMemoryBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxMemoryBytes must be > 0, got " + bytes);
        }
        this.maxMemoryBytes = bytes;
        return this;
    }

    public long maxMemoryBytes() {
        return maxMemoryBytes > 0 ? maxMemoryBytes : defaultMaxMemoryBytes;
    }

    /**
     * The memory bound of new options: on the JVM a quarter of the heap the JVM may grow to
     * (the JVM library sets it from {@code Runtime.maxMemory()}), 512 MiB where the platform does
     * not tell its heap size.
     */
    public static long defaultMaxMemoryBytes() {
        return defaultMaxMemoryBytes;
    }

    /** Sets {@link #defaultMaxMemoryBytes()}, for queries run from now on without a bound of their own. */
    public static void defaultMaxMemoryBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the memory bound must be > 0, got " + bytes);
        }
        defaultMaxMemoryBytes = bytes;
    }

    /**
     * Ends the result after this many rows, cleanly: the result then reports
     * {@link QueryResult#truncated()}. 0 (the default) for no limit.
     */
    public QueryOptions maxRows(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0, got " + n);
        }
        this.maxRows = n;
        return this;
    }

    public long maxRows() {
        return maxRows;
    }

    /** Seed of RAND(), UUID() and STRUUID(), for repeatable runs. */
    public QueryOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    public long seed() {
        return seed;
    }

    /**
     * What a query's default graph is when it names no dataset (no FROM or FROM NAMED): with
     * false (the default) the store's default graph; with true the union of all the store's
     * graphs, the default graph and every named graph, each triple once (like Apache Jena's
     * {@code unionDefaultGraph}, which also counts the default graph in). GRAPH still reads the
     * named graphs.
     */
    public QueryOptions unionDefaultGraph(boolean union) {
        this.unionDefaultGraph = union;
        return this;
    }

    public boolean unionDefaultGraph() {
        return unionDefaultGraph;
    }
}
