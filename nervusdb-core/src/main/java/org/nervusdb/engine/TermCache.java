package org.nervusdb.engine;

import java.util.Arrays;

/**
 * A fixed-size, direct-mapped cache between terms and their ids, in both directions: each entry
 * has one slot, chosen by hash, and a newer entry simply replaces whatever held the slot. No
 * locks, no boxing and no per-access bookkeeping, so a miss (the common case when lookups are
 * spread over millions of terms) costs one array read.
 *
 * <p>Thread safety: slots hold immutable entries and a slot is replaced by a single reference
 * write, so concurrent readers see either the old or the new entry, both correct (a committed
 * term's id never changes).
 *
 * <p>Hits and misses are counted in plain fields, as the block cache counts its own: no atomics
 * or locks on the lookup path, so under concurrent lookups an increment can be lost now and then
 * and the figures are approximate (monotonic per thread, fine for a hit rate). A disabled cache
 * (0 entries) counts nothing.
 */
final class TermCache {
    private static final class Entry {
        final String term;
        final long id;

        Entry(String term, long id) {
            this.term = term;
            this.id = id;
        }
    }

    private final Entry[] byTerm;
    private final Entry[] byId;
    private final int mask;
    /**
     * Hits at {@link #HITS}, misses at {@link #MISSES}: in an array of their own, away from its
     * ends, so that counting does not write the cache line holding the fields every lookup reads.
     */
    private final long[] counts = new long[24];
    private static final int HITS = 8;
    private static final int MISSES = 9;

    /** A cache of about {@code entries} slots per direction (rounded up to a power of two; 0 disables it). */
    TermCache(int entries) {
        int n = 1;
        while (n < entries && n < (1 << 24)) {
            n <<= 1;
        }
        if (entries <= 0) {
            n = 0;
        }
        byTerm = new Entry[n];
        byId = new Entry[n];
        mask = n - 1;
    }

    private static int mix(long x) {
        x *= 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 31));
    }

    /** The id of {@code term}, or -1 when not cached. */
    long id(String term) {
        if (mask < 0) {
            return -1;
        }
        Entry e = byTerm[mix(term.hashCode()) & mask];
        if (e != null && e.term.equals(term)) {
            counts[HITS]++;
            return e.id;
        }
        counts[MISSES]++;
        return -1;
    }

    /** The term of {@code id}, or null when not cached. */
    String term(long id) {
        if (mask < 0) {
            return null;
        }
        Entry e = byId[mix(id) & mask];
        if (e != null && e.id == id) {
            counts[HITS]++;
            return e.term;
        }
        counts[MISSES]++;
        return null;
    }

    /**
     * Caches a committed term and its id in both directions: a term just looked up is likely to
     * come back in the results of the lookup it was for, and a term just read by its id to be
     * looked up next.
     */
    void put(String term, long id) {
        if (mask >= 0) {
            Entry e = new Entry(term, id);
            byTerm[mix(term.hashCode()) & mask] = e;
            byId[mix(id) & mask] = e;
        }
    }

    /** Lookups ({@link #id} and {@link #term}) that found their entry, since the cache was made. */
    long hits() {
        return counts[HITS];
    }

    /** Lookups that did not. */
    long misses() {
        return counts[MISSES];
    }

    void clear() {
        Arrays.fill(byTerm, null);
        Arrays.fill(byId, null);
    }
}
