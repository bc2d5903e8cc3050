package org.nervusdb.engine;

/**
 * One consistent state of the store: a memtable and the live tables, newest first. Immutable
 * apart from its reference count, which {@link Engine} guards with its reference lock. Each
 * version holds one reference on each of its tables.
 */
final class Version {
    final MemTable mem;
    final Table[] tables;
    int refs;

    Version(MemTable mem, Table[] tables) {
        this.mem = mem;
        this.tables = tables;
    }

    /** Value for {@code key}: newest source first; null when absent or deleted. */
    byte[] get(byte[] key) {
        byte[] v = mem.get(key);
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
}
