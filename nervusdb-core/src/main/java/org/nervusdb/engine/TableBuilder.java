package org.nervusdb.engine;

import org.nervusdb.io.FileHandle;

/**
 * Writes one SSTable (see docs/format/sstable.md):
 *
 * <pre>
 * table      := (dataBlock trailer)* (filterPage trailer)* filterHead trailer indexBlock trailer
 *               [statsBlock trailer] footer
 * trailer    := compression u8 (0 = none) | crc32c(block | compression) u32
 * filterHead := layout u8 | lines u32 | linesPerPage u32 | firstPageOffset u64
 * </pre>
 *
 * The index block maps the last key of each data block to {@code varint offset | varint size}.
 * The Bloom filter's bits (blocked layout) are cut into pages of {@link BloomFilter#PAGE_LINES}
 * lines, each its own checksummed block, so that a reader loads only the pages its lookups hit.
 * Not thread-safe; the caller owns the file handle.
 */
final class TableBuilder {
    private static final int FLUSH_BYTES = 1 << 20;
    /** Largest filter a table gets; beyond it the filter has fewer bits per key (more false positives). */
    static final int MAX_FILTER_BYTES = Table.MAX_META_BLOCK;

    private final FileHandle file;
    private final int blockSize;
    private final KeyShape shape;
    private final ByteBuilder out = new ByteBuilder(FLUSH_BYTES + 65536);
    private final BlockBuilder data = new BlockBuilder();
    private final BlockBuilder index = new BlockBuilder();
    private final int[] prefixLens = new int[8];
    private long written;
    private long[] hashes = new long[1024];
    private int hashCount;
    private byte[] smallest;
    private byte[] lastKey;
    private long entries;
    private long tombstones;

    private final int maxFilterBytes;
    private final KeyShape.StatsCollector stats;

    TableBuilder(FileHandle file, int blockSize, KeyShape shape) {
        this(file, blockSize, shape, MAX_FILTER_BYTES);
    }

    TableBuilder(FileHandle file, int blockSize, KeyShape shape, int maxFilterBytes) {
        this.file = file;
        this.blockSize = blockSize;
        this.shape = shape;
        this.maxFilterBytes = maxFilterBytes;
        this.stats = shape.statistics();
    }

    long entries() {
        return entries;
    }

    long estimatedSize() {
        return written + out.length() + data.estimatedSize();
    }

    /** Adds an entry ({@code value == null}: tombstone). Keys must ascend strictly. */
    void add(byte[] key, byte[] value) {
        if (lastKey != null && Bytes.compare(lastKey, key) >= 0) {
            throw new IllegalStateException("keys out of order");
        }
        if (smallest == null) {
            smallest = key;
        }
        if (shape.filterWholeKey(key)) {
            addHash(key, key.length);
        }
        int n = shape.prefixes(key, prefixLens);
        for (int i = 0; i < n; i++) {
            int len = prefixLens[i];
            if (lastKey == null || lastKey.length < len || Bytes.compare(lastKey, 0, len, key, 0, len) != 0) {
                addHash(key, len);
            }
        }
        data.add(key, value);
        if (stats != null) {
            stats.add(key, value == null);
        }
        lastKey = key;
        entries++;
        if (value == null) {
            tombstones++;
        }
        if (data.estimatedSize() >= blockSize) {
            finishDataBlock();
        }
    }

    private void addHash(byte[] key, int len) {
        if (hashCount == hashes.length) {
            long[] n = new long[hashes.length * 2];
            System.arraycopy(hashes, 0, n, 0, hashCount);
            hashes = n;
        }
        hashes[hashCount++] = BloomFilter.hash(key, 0, len);
    }

    private void finishDataBlock() {
        if (data.isEmpty()) {
            return;
        }
        long offset = written + out.length();
        byte[] block = data.finish();
        data.reset();
        writeBlock(block);
        ByteBuilder handle = new ByteBuilder(20);
        handle.putVar(offset).putVar(block.length);
        index.add(lastKey, handle.toArray());
    }

    private void writeBlock(byte[] block) {
        writeBlock(block, 0, block.length);
    }

    private void writeBlock(byte[] block, int off, int len) {
        out.put(block, off, len);
        out.put(0);
        int crc = Crc32c.compute(block, off, len);
        crc = Crc32c.update(crc, new byte[] {0}, 0, 1);
        out.putIntLE(crc);
        if (out.length() >= FLUSH_BYTES) {
            flushOut();
        }
    }

    private void flushOut() {
        if (out.length() > 0) {
            file.write(written, out.array(), 0, out.length());
            written += out.length();
            out.clear();
        }
    }

    /** Writes filter, index and footer, then syncs. Returns the table's metadata. */
    TableMeta finish(long number) {
        finishDataBlock();
        byte[] filter = BloomFilter.build(hashes, hashCount, maxFilterBytes - 1);
        hashes = null;
        int bitBytes = filter.length - 1;
        long firstPage = written + out.length();
        int pageBytes = BloomFilter.PAGE_LINES * BloomFilter.LINE_BYTES;
        for (int off = 0; off < bitBytes; off += pageBytes) {
            writeBlock(filter, off, Math.min(pageBytes, bitBytes - off));
        }
        long filterOffset = written + out.length();
        byte[] head = new byte[Table.FILTER_HEAD];
        head[0] = filter[bitBytes];
        Bytes.putIntLE(head, 1, bitBytes / BloomFilter.LINE_BYTES);
        Bytes.putIntLE(head, 5, BloomFilter.PAGE_LINES);
        Bytes.putLongLE(head, 9, firstPage);
        writeBlock(head);
        long indexOffset = written + out.length();
        byte[] idx = index.finish();
        if (idx.length > Table.MAX_META_BLOCK) {
            throw new IllegalStateException("table index of " + idx.length + " bytes exceeds the format's limit");
        }
        writeBlock(idx);
        long statsOffset = written + out.length();
        byte[] st = stats == null ? null : stats.finish();
        if (st != null && (st.length == 0 || st.length > Table.MAX_META_BLOCK)) {
            st = null;
        }
        if (st != null) {
            writeBlock(st);
        }
        TableFooter footer = new TableFooter(indexOffset, idx.length, filterOffset, head.length, entries, tombstones,
                st == null ? 0 : statsOffset, st == null ? 0 : st.length);
        out.put(footer.encode());
        flushOut();
        file.sync();
        return new TableMeta(number, written, entries, tombstones,
                smallest == null ? Bytes.EMPTY : smallest, lastKey == null ? Bytes.EMPTY : lastKey);
    }
}
