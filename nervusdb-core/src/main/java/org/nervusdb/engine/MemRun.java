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
        if (v < 0) {
            return null;
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
        int[] start = new int[257];
        for (int i = 0; i < n; i++) {
            start[(kl[i] == 0 ? 0 : (d[ko[i]] & 0xff) + 1)]++;
        }
        int[] next = new int[257];
        for (int g = 1; g < 257; g++) {
            start[g] += start[g - 1];
        }
        // Group 0 holds empty keys, group 1 + b keys starting with byte b; start[g] is now the
        // end of group g.
        for (int g = 0; g < 257; g++) {
            next[g] = g == 0 ? 0 : start[g - 1];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int g = kl[i] == 0 ? 0 : (d[ko[i]] & 0xff) + 1;
            order[next[g]++] = i;
        }
        // The first eight key bytes as an unsigned number decide most comparisons cheaply.
        long[] head = new long[n];
        for (int i = 0; i < n; i++) {
            head[i] = Bytes.head(d, ko[i], kl[i]);
        }
        IntSort.Comparator cmp = (a, b) -> {
            long x = head[a];
            long y = head[b];
            if (x != y) {
                return Long.compareUnsigned(x, y);
            }
            return kl[a] <= 8 && kl[b] <= 8 ? kl[a] - kl[b] : Bytes.compare(d, ko[a], kl[a], d, ko[b], kl[b]);
        };
        int[] tmp = new int[n];
        for (int g = 0; g < 257; g++) {
            int from = g == 0 ? 0 : start[g - 1];
            IntSort.sort(order, tmp, from, start[g], cmp);
        }
        // Keep the last of each group of equal keys (the sort is stable).
        int kept = 0;
        int total = 0;
        for (int i = 0; i < n; i++) {
            int a = order[i];
            if (i + 1 < n) {
                int b = order[i + 1];
                if (Bytes.compare(d, ko[a], kl[a], d, ko[b], kl[b]) == 0) {
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
