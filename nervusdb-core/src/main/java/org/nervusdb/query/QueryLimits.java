package org.nervusdb.query;

import org.nervusdb.QueryAbortedException;
import org.nervusdb.QueryOptions;

/**
 * Limits of one query run: a deadline, bounds on what its operators hold in memory (ORDER BY,
 * GROUP BY, DISTINCT, hash joins, path searches: estimated bytes, and optionally solutions),
 * cancellation, and the store being closed. Checked as the
 * query works (also inside long regular expression matches); breaking one stops the query with
 * {@link QueryAbortedException}, or {@link org.nervusdb.DatabaseClosedException} once the store
 * or the query's snapshot is closed.
 */
public final class QueryLimits {
    final long deadlineNanos; // 0: none
    final long maxMaterialized;
    final long maxBytes;
    final long seed;
    private final org.nervusdb.engine.TripleStore.StoreSnapshot snap;
    private volatile boolean cancelled;
    private int ticks;
    /** Estimated bytes held by the query's operators so far (never decreases: an upper bound). */
    private long held;

    QueryLimits(QueryOptions options, org.nervusdb.engine.TripleStore.StoreSnapshot snap) {
        long timeoutMillis = options.timeoutMillis();
        long seed = options.seed();
        this.maxBytes = options.maxMemoryBytes();
        this.deadlineNanos = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        this.maxMaterialized = options.maxMaterialized();
        this.seed = seed;
        this.snap = snap;
    }

    /**
     * Milliseconds left before the deadline (0 once past it), or -1 without one: for regular
     * expression engines that can only be stopped by a time limit given in advance.
     */
    public long millisLeft() {
        if (deadlineNanos == 0) {
            return -1;
        }
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        return left < 0 ? 0 : left;
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
        if (snap != null) {
            snap.checkOpen();
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

    /** About the bytes a solution of {@code width} slots takes with its place in a list or map. */
    static long rowBytes(int width) {
        return 32L + 8L * width;
    }

    /** About the bytes a term string takes. */
    static long termBytes(String term) {
        return term == null ? 8 : 48L + 2L * term.length();
    }

    /**
     * Records {@code bytes} more held until the query ends (an operator's materialized
     * solutions); QUERY_TOO_LARGE once the total passes the bound.
     */
    void hold(long bytes) {
        held += bytes;
        peak(0);
    }

    /** Checks that {@code bytes} held for a moment, beside what is held, stay within the bound. */
    void peak(long bytes) {
        if (held + bytes > maxBytes) {
            throw new QueryAbortedException("QUERY_TOO_LARGE", "query holds more than " + (maxBytes >> 20)
                    + " MiB in memory (ORDER BY, GROUP BY, DISTINCT, a hash join or a path search);"
                    + " narrow it, or raise QueryOptions.maxMemoryBytes");
        }
    }
}
