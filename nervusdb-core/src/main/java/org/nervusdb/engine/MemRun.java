package org.nervusdb.engine;

/**
 * An immutable sorted run of entries held in memory: the memtable is a short list of these.
 * Entries are packed into one byte array (key then value) with parallel offset arrays, so a run
 * of a million entries is a handful of objects.
 *
 * <p>Thread safety: immutable after construction; safe to read from any thread.
 */
final class MemRun {
    /** Fixed per-entry overhead counted towards the memtable size (the four int arrays). */
    static final int ENTRY_OVERHEAD = 16;

    final byte[] data;
    final int[] off;
    final int[] keyLen;
    final int[] valLen; // -1 marks a tombstone
    final int size;

    private MemRun(byte[] data, int[] off, int[] keyLen, int[] valLen, int size) {
        this.data = data;
        this.off = off;
        this.keyLen = keyLen;
        this.valLen = valLen;
        this.size = size;
    }

    long bytes() {
        return data.length + (long) size * ENTRY_OVERHEAD;
    }

    int compareKey(int i, byte[] key) {
        return Bytes.compare(data, off[i], keyLen[i], key, 0, key.length);
    }

    byte[] key(int i) {
        byte[] k = new byte[keyLen[i]];
        System.arraycopy(data, off[i], k, 0, k.length);
        return k;
    }

    byte[] value(int i) {
        int v = valLen[i];
        if (v <= 0) {
            return v < 0 ? null : Bytes.EMPTY;
        }
        byte[] r = new byte[v];
        System.arraycopy(data, off[i] + keyLen[i], r, 0, v);
        return r;
    }

    /** Index of the first entry with key {@code >= key} (may be {@code size}). */
    int lowerBound(byte[] key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareKey(mid, key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Builds a run from a batch: sorted by key, the last operation on a key wins. */
    static MemRun fromBatch(WriteBatch batch) {
        batch.index();
        int n = batch.count();
        byte[] d = batch.data();
        int[] ko = batch.keyOff;
        int[] kl = batch.keyLen;
        // Group by the first key byte (a stable counting sort), then sort each group: the
        // triple store's keyspaces are tagged by that byte, and within one keyspace a batch is
        // often already in order (ids are handed out ascending), which the merge sort detects.
        // A small batch is one group.
        int groups = n < 256 ? 1 : 257;
        int[] start = new int[groups];
        for (int i = 0; i < n; i++) {
            start[group(d, ko, kl, i, groups)]++;
        }
        int[] next = new int[groups];
        for (int g = 1; g < groups; g++) {
            start[g] += start[g - 1];
        }
        // Group 0 holds empty keys, group 1 + b keys starting with byte b; start[g] is now the
        // end of group g.
        for (int g = 1; g < groups; g++) {
            next[g] = start[g - 1];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[group(d, ko, kl, i, groups)]++] = i;
        }
        // Eight key bytes as an unsigned number decide most comparisons: sort by the first eight
        // (the sign bit flipped, for a signed order), then each run of equal numbers by the next
        // eight, and so on (sortKeys).
        long[] head = new long[n];
        for (int i = 0; i < n; i++) {
            int a = order[i];
            head[i] = Bytes.head(d, ko[a], kl[a]) ^ Long.MIN_VALUE;
        }
        int[] tmp = new int[n];
        long[] tmpHead = new long[n];
        for (int g = 0; g < groups; g++) {
            int from = g == 0 ? 0 : start[g - 1];
            if (start[g] - from > 1) {
                sortKeys(d, ko, kl, order, head, tmp, tmpHead, from, start[g]);
            }
        }
        // Keep the last of each group of equal keys (the sort is stable).
        int kept = 0;
        int total = 0;
        for (int i = 0; i < n; i++) {
            int a = order[i];
            if (i + 1 < n) {
                int b = order[i + 1];
                if (head[i] == head[i + 1] && Bytes.compare(d, ko[a], kl[a], d, ko[b], kl[b]) == 0) {
                    continue;
                }
            }
            order[kept++] = a;
            total += kl[a] + Math.max(0, batch.valLen[a]);
        }
        byte[] data = new byte[total];
        int[] off = new int[kept];
        int[] keyLen = new int[kept];
        int[] valLen = new int[kept];
        int p = 0;
        for (int i = 0; i < kept; i++) {
            int a = order[i];
            off[i] = p;
            keyLen[i] = kl[a];
            System.arraycopy(d, ko[a], data, p, kl[a]);
            p += kl[a];
            int v = batch.valLen[a];
            valLen[i] = v;
            if (v > 0) {
                System.arraycopy(d, batch.valOff[a], data, p, v);
                p += v;
            }
        }
        return new MemRun(data, off, keyLen, valLen, kept);
    }

    private static int group(byte[] d, int[] ko, int[] kl, int i, int groups) {
        return groups == 1 || kl[i] == 0 ? 0 : (d[ko[i]] & 0xff) + 1;
    }

    /**
     * Sorts the entries {@code order[from..to)}, stably, by key, given in {@code head} the number
     * of each key's first eight bytes: by that number, then each run of equal numbers by the
     * next eight bytes, and so on, and a run whose keys all end within the bytes compared by
     * length (they differ only in trailing zero bytes). A list of pending runs, not recursion,
     * so keys sharing long prefixes cannot exhaust the stack. Afterwards two neighbours with
     * different {@code head} values have different keys.
     */
    private static void sortKeys(byte[] d, int[] ko, int[] kl, int[] order, long[] head, int[] tmp, long[] tmpHead, int from, int to) {
        int[] work = {from, to, 0};
        for (int w = 3; w > 0;) {
            int skip = work[--w];
            int hi = work[--w];
            int lo = work[--w];
            IntSort.sortByKey(head, order, tmpHead, tmp, lo, hi);
            for (int i = lo; i < hi;) {
                int j = i + 1;
                boolean longer = kl[order[i]] > skip + 8;
                while (j < hi && head[j] == head[i]) {
                    longer |= kl[order[j++]] > skip + 8;
                }
                if (j - i > 1) {
                    for (int k = i; k < j; k++) {
                        int a = order[k];
                        head[k] = longer ? Bytes.head(d, ko[a] + skip + 8, kl[a] - skip - 8) ^ Long.MIN_VALUE : kl[a];
                    }
                    if (longer) {
                        if (w + 3 > work.length) {
                            work = java.util.Arrays.copyOf(work, work.length * 2);
                        }
                        work[w++] = i;
                        work[w++] = j;
                        work[w++] = skip + 8;
                    } else {
                        IntSort.sortByKey(head, order, tmpHead, tmp, i, j);
                    }
                }
                i = j;
            }
        }
    }

    /** Merges two runs; where both hold a key, {@code newer}'s entry wins. */
    static MemRun merge(MemRun newer, MemRun older) {
        int cap = newer.size + older.size;
        int[] off = new int[cap];
        int[] keyLen = new int[cap];
        int[] valLen = new int[cap];
        byte[] data = new byte[newer.data.length + older.data.length];
        int p = 0;
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < newer.size || j < older.size) {
            MemRun src;
            int k;
            if (j >= older.size) {
                src = newer;
                k = i++;
            } else if (i >= newer.size) {
                src = older;
                k = j++;
            } else {
                int c = Bytes.compare(newer.data, newer.off[i], newer.keyLen[i], older.data, older.off[j], older.keyLen[j]);
                if (c <= 0) {
                    src = newer;
                    k = i++;
                    if (c == 0) {
                        j++;
                    }
                } else {
                    src = older;
                    k = j++;
                }
            }
            int len = src.keyLen[k] + Math.max(0, src.valLen[k]);
            System.arraycopy(src.data, src.off[k], data, p, len);
            off[n] = p;
            keyLen[n] = src.keyLen[k];
            valLen[n] = src.valLen[k];
            p += len;
            n++;
        }
        if (p != data.length) {
            byte[] t = new byte[p];
            System.arraycopy(data, 0, t, 0, p);
            data = t;
        }
        return new MemRun(data, off, keyLen, valLen, n);
    }

    EntryIterator iterator() {
        return new It();
    }

    private final class It implements EntryIterator {
        private int i = size;
        private int keyAt = -1;
        private byte[] key;

        @Override
        public void seek(byte[] target) {
            i = lowerBound(target);
        }

        @Override
        public void seekToFirst() {
            i = 0;
        }

        @Override
        public boolean valid() {
            return i < size;
        }

        @Override
        public void next() {
            i++;
        }

        @Override
        public byte[] key() {
            if (keyAt != i) {
                key = MemRun.this.key(i);
                keyAt = i;
            }
            return key;
        }

        @Override
        public byte[] value() {
            return MemRun.this.value(i);
        }

        @Override
        public boolean isTombstone() {
            return valLen[i] < 0;
        }
    }
}
