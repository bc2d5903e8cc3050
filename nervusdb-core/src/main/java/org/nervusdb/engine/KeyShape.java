package org.nervusdb.engine;

/**
 * Tells the table builder which proper prefixes of a key to add to the Bloom filter, so that a
 * prefix scan (for example all triples of one subject) can skip tables that lack the prefix.
 */
public interface KeyShape {
    KeyShape WHOLE_KEYS = (key, out) -> 0;

    /** Writes the lengths of the filtered prefixes of {@code key} into {@code out}; returns how many. */
    int prefixes(byte[] key, int[] out);

    /** Whether the whole key goes into the filter (false for keys never looked up by themselves). */
    default boolean filterWholeKey(byte[] key) {
        return true;
    }

    /** A collector of statistics for one table being written, or null for none. */
    default StatsCollector statistics() {
        return null;
    }

    /** Sees every entry of a table in key order; its result is stored in the table's stats block. */
    interface StatsCollector {
        void add(byte[] key, boolean tombstone);

        /** The encoded statistics, or null for none. */
        byte[] finish();
    }
}
