package org.nervusdb.query;

/** Limits for one query. Setters return {@code this}. */
public final class QueryOptions {
    private long timeoutMillis;
    private long maxMaterialized = 10_000_000;
    private long seed = 42;
    private long maxRows;

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
     * GROUP BY, a hash join, a path search) holds more solutions than this. Default 10 million.
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
}
