package org.nervusdb.engine;

/** What the manifest records about one live SSTable. Immutable. */
public final class TableMeta {
    public final long number;
    public final long fileSize;
    public final long entries;
    public final long tombstones;
    public final byte[] smallest;
    public final byte[] largest;

    public TableMeta(long number, long fileSize, long entries, long tombstones, byte[] smallest, byte[] largest) {
        this.number = number;
        this.fileSize = fileSize;
        this.entries = entries;
        this.tombstones = tombstones;
        this.smallest = smallest;
        this.largest = largest;
    }
}
