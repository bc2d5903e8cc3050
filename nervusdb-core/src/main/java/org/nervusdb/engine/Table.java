package org.nervusdb.engine;

import org.nervusdb.CorruptionException;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;

/**
 * An open, immutable SSTable. Holds its file handle, index block and Bloom filter for its whole
 * life; data blocks go through the shared {@link BlockCache}.
 *
 * <p>Thread safety: reads are safe from any thread. The reference count is guarded by the
 * engine's reference lock; the file is closed (and deleted, once obsolete) when it drops to zero.
 */
final class Table {
    static final int TRAILER = 5;
    /** Largest data block the reader will allocate for; anything bigger is treated as corruption. */
    static final int MAX_BLOCK = 64 << 20;
    /** Largest filter or index block (they grow with the table; still bounded by the file size). */
    static final int MAX_META_BLOCK = 1 << 30;

    final TableMeta meta;
    final String name;
    private final FileHandle file;
    private final BlockCache cache;
    private final Block index;
    private final byte[] filter;
    // Guarded by Engine.refLock.
    int refs;
    boolean obsolete;

    private Table(TableMeta meta, String name, FileHandle file, BlockCache cache, Block index, byte[] filter) {
        this.meta = meta;
        this.name = name;
        this.file = file;
        this.cache = cache;
        this.index = index;
        this.filter = filter;
    }

    static Table open(FileSystem fs, TableMeta meta, BlockCache cache) {
        String name = FileNames.table(meta.number);
        FileHandle file = fs.open(name);
        try {
            long size = file.size();
            if (size != meta.fileSize) {
                throw new CorruptionException(name, Math.min(size, meta.fileSize),
                        "table is " + size + " bytes, manifest says " + meta.fileSize);
            }
            if (size < TableFooter.ENCODED_LENGTH) {
                throw new CorruptionException(name, 0, "table shorter than its footer");
            }
            byte[] fb = new byte[TableFooter.ENCODED_LENGTH];
            file.read(size - fb.length, fb, 0, fb.length);
            TableFooter footer = TableFooter.decode(fb, name, size);
            byte[] filter = readRaw(file, name, footer.filterOffset, footer.filterSize, MAX_META_BLOCK);
            Block index = new Block(readRaw(file, name, footer.indexOffset, footer.indexSize, MAX_META_BLOCK),
                    name, footer.indexOffset);
            if (footer.entries != meta.entries || footer.tombstones != meta.tombstones) {
                throw new CorruptionException(name, size - fb.length, "entry count differs from the manifest");
            }
            return new Table(meta, name, file, cache, index, filter);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Reads a block and its trailer, verifying the checksum. */
    static byte[] readRaw(FileHandle file, String name, long offset, int size, int max) {
        if (size < 0 || size > max) {
            throw new CorruptionException(name, offset, "implausible block size " + size);
        }
        byte[] b = new byte[size + TRAILER];
        file.read(offset, b, 0, b.length);
        if (b[size] != 0) {
            throw new CorruptionException(name, offset + size, "unknown block compression " + b[size]);
        }
        int crc = Crc32c.compute(b, 0, size + 1);
        if (crc != Bytes.getIntLE(b, size + 1)) {
            throw new CorruptionException(name, offset, "block checksum mismatch");
        }
        byte[] r = new byte[size];
        System.arraycopy(b, 0, r, 0, size);
        return r;
    }

    void close() {
        file.close();
    }

    long filterBytes() {
        return filter.length + index.size();
    }

    /** False when the Bloom filter proves no key equals (or, for a filtered prefix, starts with) {@code k}. */
    boolean mayContain(byte[] k) {
        return BloomFilter.mayContain(filter, BloomFilter.hash(k, 0, k.length));
    }

    /** The value for {@code key}, {@link Engine#TOMBSTONE}, or null when absent. */
    byte[] get(byte[] key) {
        if (Bytes.compare(key, meta.smallest) < 0 || Bytes.compare(key, meta.largest) > 0 || !mayContain(key)) {
            return null;
        }
        TwoLevel it = new TwoLevel();
        it.seek(key);
        if (it.valid() && Bytes.compare(it.key(), key) == 0) {
            byte[] v = it.value();
            return v == null ? Engine.TOMBSTONE : v;
        }
        return null;
    }

    EntryIterator iterator() {
        return new TwoLevel();
    }

    private Block dataBlock(byte[] handle) {
        int[] pos = {0};
        long offset;
        int size;
        try {
            offset = Bytes.readVarLong(handle, pos, handle.length);
            size = Bytes.readVarInt(handle, pos, handle.length);
        } catch (IllegalStateException e) {
            throw new CorruptionException(name, index.fileOffset, "bad block handle in index");
        }
        if (offset < 0 || offset + size + TRAILER > meta.fileSize) {
            throw new CorruptionException(name, index.fileOffset, "block handle outside the file");
        }
        long key = BlockCache.key(meta.number, offset);
        Block b = cache.get(key);
        if (b == null) {
            b = new Block(readRaw(file, name, offset, size, MAX_BLOCK), name, offset);
            cache.put(key, b);
        }
        return b;
    }

    /** Index iterator leading to data block iterators. */
    private final class TwoLevel implements EntryIterator {
        private final Block.Iter idx = index.iterator();
        private Block.Iter data;

        @Override
        public void seek(byte[] target) {
            idx.seek(target);
            openData();
            if (data != null) {
                data.seek(target);
                skipEmpty();
            }
        }

        @Override
        public void seekToFirst() {
            idx.seekToFirst();
            openData();
            if (data != null) {
                data.seekToFirst();
                skipEmpty();
            }
        }

        private void openData() {
            data = idx.valid() ? dataBlock(idx.value()).iterator() : null;
        }

        private void skipEmpty() {
            while (data != null && !data.valid()) {
                idx.next();
                openData();
                if (data != null) {
                    data.seekToFirst();
                }
            }
        }

        @Override
        public boolean valid() {
            return data != null && data.valid();
        }

        @Override
        public void next() {
            data.next();
            skipEmpty();
        }

        @Override
        public byte[] key() {
            return data.key();
        }

        @Override
        public byte[] value() {
            return data.value();
        }

        @Override
        public boolean isTombstone() {
            return data.isTombstone();
        }
    }
}
