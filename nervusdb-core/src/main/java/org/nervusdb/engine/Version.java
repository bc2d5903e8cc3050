package org.nervusdb.engine;

/**
 * One consistent state of the store: the active memtable, the memtable being written out as a
 * table (empty when none), and the live tables, newest first. Immutable
 * apart from its reference count, which {@link Engine} guards with its reference lock. Each
 * version holds one reference on each of its tables.
 */
final class Version {
    final MemTable mem;
    final MemTable imm;
    final Table[] tables;
    int refs;

    Version(MemTable mem, MemTable imm, Table[] tables) {
        this.mem = mem;
        this.imm = imm;
        this.tables = tables;
    }

    /** Value for {@code key}: newest source first; null when absent or deleted. */
    byte[] get(byte[] key) {
        byte[] v = mem.get(key);
        if (v == null) {
            v = imm.get(key);
        }
        if (v == null) {
            for (Table t : tables) {
                v = t.get(key);
                if (v != null) {
                    break;
                }
            }
        }
        return v == Engine.TOMBSTONE ? null : v;
    }

    /**
     * As {@link #get}, for a key expected to be present: the oldest table whose key range holds
     * the key, which holds the key when no newer source does, is read from {@code finger}'s
     * position without consulting its Bloom filter (which would only confirm what the read finds);
     * newer tables holding the key in their range are checked with their filters first. After a
     * bulk load the dictionary is one table among the index tables, not the last one.
     */
    byte[] getExpected(byte[] key, Table.Finger finger) {
        byte[] v = mem.get(key);
        if (v == null) {
            v = imm.get(key);
        }
        if (v == null) {
            int oldest = tables.length - 1;
            while (oldest >= 0 && !tables[oldest].covers(key)) {
                oldest--;
            }
            for (int i = 0; i < oldest; i++) {
                v = tables[i].get(key, true);
                if (v != null) {
                    break;
                }
            }
            if (v == null && oldest >= 0) {
                v = tables[oldest].getNear(key, finger);
            }
        }
        return v == Engine.TOMBSTONE ? null : v;
    }
}
