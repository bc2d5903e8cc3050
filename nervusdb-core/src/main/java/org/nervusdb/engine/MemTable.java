package org.nervusdb.engine;

/**
 * The in-memory part of the store: an immutable list of sorted runs, newest first. Adding a run
 * returns a new MemTable; runs of similar size are merged (a binary-counter scheme), so a
 * memtable of n entries has O(log n) runs and each entry is copied O(log n) times.
 *
 * <p>Invariants: 1. runs[i] is newer than runs[i+1]; 2. each run is at most half the size of the
 * next older one after {@link #with}. Immutable, so readers need no locks.
 */
final class MemTable {
    static final MemTable EMPTY = new MemTable(new MemRun[0], 0, 0);

    final MemRun[] runs;
    final long bytes;
    final long entries;

    private MemTable(MemRun[] runs, long bytes, long entries) {
        this.runs = runs;
        this.bytes = bytes;
        this.entries = entries;
    }

    boolean isEmpty() {
        return runs.length == 0;
    }

    MemTable with(MemRun run) {
        if (run.size == 0) {
            return this;
        }
        MemRun[] rs = new MemRun[runs.length + 1];
        rs[0] = run;
        System.arraycopy(runs, 0, rs, 1, runs.length);
        int n = rs.length;
        // Merge the newest run into the next while it is at least half as large.
        int head = 0;
        while (n - head >= 2 && (long) rs[head].size * 2 >= rs[head + 1].size) {
            rs[head + 1] = MemRun.merge(rs[head], rs[head + 1]);
            head++;
        }
        MemRun[] out = new MemRun[n - head];
        System.arraycopy(rs, head, out, 0, out.length);
        long b = 0;
        long e = 0;
        for (MemRun r : out) {
            b += r.bytes();
            e += r.size;
        }
        return new MemTable(out, b, e);
    }

    /** Looks up a key: returns the value, {@link Engine#TOMBSTONE}, or null when absent. */
    byte[] get(byte[] key) {
        for (MemRun r : runs) {
            int i = r.lowerBound(key);
            if (i < r.size && r.compareKey(i, key) == 0) {
                byte[] v = r.value(i);
                return v == null ? Engine.TOMBSTONE : v;
            }
        }
        return null;
    }
}
