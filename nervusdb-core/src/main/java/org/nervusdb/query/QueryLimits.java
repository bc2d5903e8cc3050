package org.nervusdb.query;

/**
 * Limits of one query run: a deadline, a cap on solutions held in memory at once (by
 * ORDER BY, GROUP BY, hash joins), and cancellation. Checked as the query works; breaking one
 * stops the query with {@link QueryAbortedException}.
 */
final class QueryLimits {
    final long deadlineNanos; // 0: none
    final long maxMaterialized;
    final long seed;
    private volatile boolean cancelled;
    private int ticks;

    QueryLimits(long timeoutMillis, long maxMaterialized, long seed) {
        this.deadlineNanos = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        this.maxMaterialized = maxMaterialized > 0 ? maxMaterialized : Long.MAX_VALUE;
        this.seed = seed;
    }

    void cancel() {
        cancelled = true;
    }

    /** Cheap check, called for every index entry read. */
    void tick() {
        if ((++ticks & 1023) == 0) {
            check();
        }
    }

    void check() {
        if (cancelled) {
            throw new QueryAbortedException("QUERY_CANCELLED", "query cancelled");
        }
        if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new QueryAbortedException("QUERY_TIMEOUT", "query ran past its time limit");
        }
    }

    void countMaterialized(long n) {
        if (n > maxMaterialized) {
            throw new QueryAbortedException("QUERY_TOO_LARGE",
                    "query holds more than " + maxMaterialized + " solutions in memory (ORDER BY, GROUP BY or a hash join)");
        }
        if ((n & 1023) == 0) {
            check();
        }
    }
}
