package org.nervusdb.engine;

import java.util.Arrays;
import org.nervusdb.CorruptionException;
import org.nervusdb.DatabaseClosedException;
import org.nervusdb.StorageException;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;
import org.nervusdb.io.MemFileSystem;

/**
 * An open, immutable SSTable. Holds its file handle for its whole life, and its index block from
 * the first lookup on (read, checked and decoded then, so opening a database does not decode the
 * index of every table); data blocks go through the shared {@link BlockCache}. The Bloom filter
 * of a version 3 table is read a page at a time, when a lookup first needs that page, and kept
 * (so opening a table reads its footer, filter head and stats, however large the table); versions
 * 1 and 2 hold one filter block, read at open.
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
    /** Size of a version 3 table's filter head: layout u8, lines u32, linesPerPage u32, firstPageOffset u64. */
    static final int FILTER_HEAD = 17;

    final TableMeta meta;
    final String name;
    private final FileHandle file;
    private final BlockCache cache;
    // Where the index block lies; it is read, checked and decoded when a lookup first needs it.
    private final long indexOffset;
    private final int indexSize;
    private volatile Index index;
    private static final int SAMPLE = 64;
    // Versions 1 and 2: the whole filter block. Version 3: null, and the paged filter below.
    private final byte[] filter;
    private final int filterProbes; // 0: the filter rules nothing out
    private final int filterLines;
    private final int linesPerPage;
    private final long firstPage;
    // Pages read so far; a page is published through FilterPage's final field, so a reader that
    // sees the reference sees the bits (two threads may both read a missing page; either copy serves).
    private final FilterPage[] pages;

    private static final class FilterPage {
        final byte[] bits;

        FilterPage(byte[] bits) {
            this.bits = bits;
        }
    }

    // In a file system of this process's memory, whose bytes no device can damage, the array
    // holding the file: data blocks are used where they lie, without a copy, their checksum or
    // the check of every entry (the iterators still check every length they decode; verify()
    // still checks the order of all keys), and so are the lines of its filter pages (verify()
    // checks every page's checksum). Null for a file on a device.
    private byte[] image;

    // Set before the file is closed: a failed read after it is the close's doing.
    private volatile boolean closed;

    // Guarded by Engine.refLock.
    int refs;
    boolean obsolete;
    /** The table's stats block (see {@link KeyShape#statistics}), or null. */
    byte[] stats;
    /** The stats block decoded by its reader, kept for later queries. */
    volatile Object decodedStats;

    private Table(TableMeta meta, String name, FileHandle file, BlockCache cache, long indexOffset, int indexSize, byte[] filter,
            byte[] head, long headOffset) {
        this.meta = meta;
        this.indexOffset = indexOffset;
        this.indexSize = indexSize;
        this.name = name;
        this.file = file;
        this.cache = cache;
        this.filter = filter;
        if (head == null) {
            filterProbes = 0;
            filterLines = 0;
            linesPerPage = 1;
            firstPage = 0;
            pages = null;
        } else {
            if (head.length != FILTER_HEAD) {
                throw new CorruptionException(name, headOffset, "filter head of " + head.length + " bytes");
            }
            long lines = Bytes.getIntLE(head, 1) & 0xffffffffL;
            long perPage = Bytes.getIntLE(head, 5) & 0xffffffffL;
            long first = Bytes.getLongLE(head, 9);
            long count = perPage == 0 ? 0 : (lines + perPage - 1) / perPage;
            // The pages lie back to back and end where the head begins.
            if (lines == 0 || perPage == 0 || lines * BloomFilter.LINE_BYTES > MAX_META_BLOCK
                    || perPage * BloomFilter.LINE_BYTES > MAX_BLOCK || first < 0
                    || first + lines * BloomFilter.LINE_BYTES + count * TRAILER != headOffset) {
                throw new CorruptionException(name, headOffset, "filter head does not describe the pages before it");
            }
            filterProbes = BloomFilter.blockedProbes(head[0] & 0xff);
            filterLines = (int) lines;
            linesPerPage = (int) perPage;
            firstPage = first;
            pages = new FilterPage[(int) count];
        }
    }

    /**
     * The decoded index block: the last key of data block i is {@code keys[keyOff[i] .. keyOff[i + 1])};
     * the block is at {@code offset[i]}, {@code size[i]} bytes. Immutable once built.
     */
    private static final class Index {
        final byte[] keys;
        final int[] keyOff;
        final long[] offset;
        final int[] size;
        final int blocks;
        final BlockCache.Slots slots;
        // The first eight bytes of each key as an unsigned number, and every SAMPLE-th of them, so a
        // lookup touches a few cache lines instead of binary-searching the whole key array.
        final long[] heads;
        final long[] sampled;

        Index(IndexDecoder d) {
            int n = d.n;
            this.keys = d.keys.toArray();
            this.keyOff = d.keyOff;
            this.offset = d.offset;
            this.size = d.size;
            this.blocks = n;
            this.slots = new BlockCache.Slots(n);
            this.heads = new long[n];
            for (int i = 0; i < n; i++) {
                heads[i] = Bytes.head(keys, keyOff[i], keyOff[i + 1] - keyOff[i]);
            }
            this.sampled = new long[(n + SAMPLE - 1) / SAMPLE];
            for (int i = 0; i < sampled.length; i++) {
                sampled[i] = heads[i * SAMPLE];
            }
        }

        /** The first data block whose last key is {@code >= key}; {@code blocks} if none. */
        int findBlock(byte[] key) {
            long h = Bytes.head(key, 0, key.length);
            // Blocks whose head is below h end below key, so the answer lies after the last sample
            // with a smaller head, and at most SAMPLE positions past the first sample with a larger one.
            int s = lowerBound(sampled, 0, sampled.length, h);
            // Within that window: first block with head >= h, then compare whole keys among equal heads.
            int lo = lowerBound(heads, Math.max(0, (s - 1) * SAMPLE), Math.min(blocks, s * SAMPLE + 1), h);
            if (lo == blocks || heads[lo] != h) {
                return lo;
            }
            // Many blocks may share a head (long common key prefixes): binary search them by whole key.
            int hi = blocks;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (heads[mid] == h && Bytes.compare(keys, keyOff[mid], keyOff[mid + 1] - keyOff[mid], key, 0, key.length) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Whether {@code key} is at most the last key of block {@code b}. */
        boolean withinBlock(byte[] key, int b) {
            return Bytes.compare(key, 0, key.length, keys, keyOff[b], keyOff[b + 1] - keyOff[b]) <= 0;
        }

        long bytes() {
            return keys.length + 24L * blocks + 8L * sampled.length;
        }
    }

    /** The index, read, checked and decoded on first use (a damaged index fails the lookup that needs it). */
    private Index index() {
        Index ix = index;
        if (ix == null) {
            synchronized (this) {
                ix = index;
                if (ix == null) {
                    byte[] raw = read(indexOffset, indexSize, MAX_META_BLOCK);
                    // A restart point every RESTART_INTERVAL entries; an entry takes at least 5 bytes.
                    long restarts = raw.length < 4 ? 0 : Bytes.getIntLE(raw, raw.length - 4) & 0xffffffffL;
                    int expected = (int) Math.min(restarts * BlockBuilder.RESTART_INTERVAL, raw.length / 5);
                    IndexDecoder d = new IndexDecoder(name, indexOffset, indexSize, meta.fileSize, expected);
                    new Block(raw, 0, raw.length, name, indexOffset, d, true);
                    ix = new Index(d);
                    index = ix;
                }
            }
        }
        return ix;
    }

    /**
     * Decodes the index block's entries (last key of a data block → its handle) into flat arrays
     * while the block is validated, checking that the handles lie in the file in order.
     */
    private static final class IndexDecoder implements Block.Visitor {
        private final String name;
        private final long indexOffset;
        private final long fileSize;
        final ByteBuilder keys;
        int[] keyOff;
        long[] offset;
        int[] size;
        int n;
        private long end;
        private final int[] pos = new int[1];

        /** {@code expected}: about how many entries the block holds (the arrays grow past it if need be). */
        IndexDecoder(String name, long indexOffset, int indexSize, long fileSize, int expected) {
            this.name = name;
            this.indexOffset = indexOffset;
            this.fileSize = fileSize;
            this.keys = new ByteBuilder(Math.max(16, indexSize));
            int cap = Math.max(16, expected);
            keyOff = new int[cap + 1];
            offset = new long[cap];
            size = new int[cap];
        }

        @Override
        public void entry(byte[] key, int keyLen, byte[] data, int valueOff, int valueLen) {
            if (valueLen < 0) {
                throw new CorruptionException(name, indexOffset, "tombstone in the table index");
            }
            int limit = valueOff + valueLen;
            long off;
            int sz;
            pos[0] = valueOff;
            try {
                off = Bytes.readVarLong(data, pos, limit);
                sz = Bytes.readVarInt(data, pos, limit);
            } catch (IllegalStateException e) {
                throw new CorruptionException(name, indexOffset, "bad block handle in index");
            }
            if (off < end || sz > MAX_BLOCK || off + sz + TRAILER > fileSize) {
                throw new CorruptionException(name, indexOffset, "block handle outside the file or overlapping");
            }
            end = off + sz + TRAILER;
            if (n == offset.length) {
                int cap = n * 2;
                keyOff = Arrays.copyOf(keyOff, cap + 1);
                offset = Arrays.copyOf(offset, cap);
                size = Arrays.copyOf(size, cap);
            }
            keyOff[n] = keys.length();
            keys.put(key, 0, keyLen);
            offset[n] = off;
            size[n] = sz;
            n++;
            keyOff[n] = keys.length();
        }
    }

    /** The first index in {@code [lo, hi)} of {@code a} (ascending, unsigned) holding {@code >= h}. */
    private static int lowerBound(long[] a, int lo, int hi, long h) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(a[mid], h) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
            if (size < TableFooter.V1_LENGTH) {
                throw new CorruptionException(name, 0, "table shorter than its footer");
            }
            byte[] fb = new byte[(int) Math.min(size, TableFooter.ENCODED_LENGTH)];
            file.read(size - fb.length, fb, 0, fb.length);
            TableFooter footer = TableFooter.decode(fb, name, size);
            byte[] filter = null;
            byte[] head = null;
            if (footer.version >= 3) {
                head = readRaw(file, name, footer.filterOffset, footer.filterSize, MAX_META_BLOCK);
            } else {
                filter = readRaw(file, name, footer.filterOffset, footer.filterSize, MAX_META_BLOCK);
            }
            if (footer.entries != meta.entries || footer.tombstones != meta.tombstones) {
                throw new CorruptionException(name, size - fb.length, "entry count differs from the manifest");
            }
            byte[] stats = footer.statsSize == 0 ? null : readRaw(file, name, footer.statsOffset, footer.statsSize, MAX_META_BLOCK);
            Table t = new Table(meta, name, file, cache, footer.indexOffset, footer.indexSize, filter, head, footer.filterOffset);
            t.stats = stats;
            t.image = fs instanceof MemFileSystem ? MemFileSystem.contents(file) : null;
            return t;
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

    /**
     * {@link #readRaw} from this table's file. The file is closed when the database closes, or when
     * the last version using the table goes; a reader that loses that race (its read fails because
     * the file closed under it) gets the CLOSED error, not the I/O error of the closed file.
     */
    private byte[] read(long offset, int size, int max) {
        try {
            return readRaw(file, name, offset, size, max);
        } catch (StorageException e) {
            if (closed) {
                throw new DatabaseClosedException("database or snapshot reading " + name);
            }
            throw e;
        }
    }

    void close() {
        closed = true;
        Index ix = index;
        if (ix != null) {
            cache.drop(ix.slots);
        }
        file.close();
    }

    /** Bytes held for the filter (its pages read so far) and the decoded index. */
    long filterBytes() {
        long f = filter != null ? filter.length : 0;
        if (pages != null) {
            f += 8L * pages.length;
            for (FilterPage p : pages) {
                f += p == null ? 0 : p.bits.length;
            }
        }
        Index ix = index;
        return f + (ix == null ? 0 : ix.bytes());
    }

    /** Whether the index block has been read and decoded (by a lookup or scan). */
    boolean indexLoaded() {
        return index != null;
    }

    /** How many filter pages have been read and kept (version 3; 0 for older tables). */
    int filterPagesRead() {
        int n = 0;
        if (pages != null) {
            for (FilterPage p : pages) {
                n += p == null ? 0 : 1;
            }
        }
        return n;
    }

    /** Reads filter page {@code p} from the file, checking its checksum. */
    private byte[] readPage(int p) {
        return read(pageOffset(p), Math.min(linesPerPage, filterLines - p * linesPerPage) * BloomFilter.LINE_BYTES, MAX_BLOCK);
    }

    /** Where filter page {@code p} starts in the file: the pages lie back to back, each with its trailer. */
    private long pageOffset(int p) {
        return firstPage + (long) p * (linesPerPage * BloomFilter.LINE_BYTES + TRAILER);
    }

    private FilterPage page(int p) {
        FilterPage fp = pages[p];
        if (fp == null) {
            fp = new FilterPage(readPage(p));
            pages[p] = fp;
        }
        return fp;
    }

    /** Reads every filter page not yet read, checking its checksum (for {@link Engine#verify}); keeps none. */
    void verifyFilter() {
        if (pages != null) {
            for (int p = 0; p < pages.length; p++) {
                if (pages[p] == null) {
                    readPage(p);
                }
            }
        }
    }

    /**
     * About how many entries (tombstones included) lie in {@code [start, end)}, from the index
     * alone: the data blocks the range touches times the table's average entries per block,
     * counting a block the range only enters as half full. No data block is read.
     */
    double approximateEntries(byte[] start, byte[] end) {
        Index ix = index();
        int blocks = ix.blocks;
        if (blocks == 0) {
            return 0;
        }
        int first = ix.findBlock(start);
        if (first >= blocks) {
            return 0;
        }
        int last = end == null ? blocks - 1 : Math.min(ix.findBlock(end), blocks - 1);
        double perBlock = (double) meta.entries / blocks;
        return last == first ? perBlock / 2 : (last - first) * perBlock;
    }

    /** False when the Bloom filter proves no key equals (or, for a filtered prefix, starts with) {@code k}. */
    boolean mayContain(byte[] k) {
        long h = BloomFilter.hash(k, 0, k.length);
        if (filter != null) {
            return BloomFilter.mayContain(filter, h);
        }
        if (filterProbes == 0) {
            return true;
        }
        int line = BloomFilter.line(h, filterLines);
        int p = line / linesPerPage;
        int at = (line - p * linesPerPage) * BloomFilter.LINE_BYTES;
        // In memory, the line where it lies in the file (the head's page extents were checked
        // against the file at open), without the page's checksum.
        return image != null
                ? BloomFilter.lineMayContain(image, (int) pageOffset(p) + at, h, filterProbes)
                : BloomFilter.lineMayContain(page(p).bits, at, h, filterProbes);
    }

    /** The value for {@code key}, {@link Engine#TOMBSTONE}, or null when absent. */
    byte[] get(byte[] key) {
        return get(key, true);
    }

    /**
     * A reader's position from its last point lookup in a table: the next lookup of a slightly
     * larger key in the same block steps forward from there instead of searching again. Owned by
     * one reader; not thread-safe.
     */
    static final class Finger {
        Table table;
        int block;
        Block.Iter at;
    }

    /** Whether {@code key} lies within the table's key range (smallest to largest, both included). */
    boolean covers(byte[] key) {
        return Bytes.compare(key, meta.smallest) >= 0 && Bytes.compare(key, meta.largest) <= 0;
    }

    /**
     * As {@link #get(byte[], boolean)} without the filter, for ascending lookups of keys that are
     * expected to be present: starts from {@code f}'s position when the key lies ahead of it in
     * the same block, and leaves {@code f} at the key found (or the first key after it).
     */
    byte[] getNear(byte[] key, Finger f) {
        if (Bytes.compare(key, meta.smallest) < 0 || Bytes.compare(key, meta.largest) > 0) {
            return null;
        }
        Index ix = index();
        Block.Iter it = f.table == this ? f.at : null;
        if (it != null && it.valid() && Bytes.compare(it.key(), key) < 0 && ix.withinBlock(key, f.block)) {
            for (int n = 0; n < 64 && it.valid() && Bytes.compare(it.key(), key) < 0; n++) {
                it.next();
            }
            if (!it.valid() || Bytes.compare(it.key(), key) < 0) {
                it = null;
            }
        } else {
            it = null;
        }
        if (it == null) {
            int b = ix.findBlock(key);
            if (b == ix.blocks) {
                return null;
            }
            it = dataBlock(ix, b).iterator();
            it.seek(key);
            f.table = this;
            f.block = b;
            f.at = it;
        }
        if (it.valid() && Bytes.compare(it.key(), key) == 0) {
            byte[] v = it.value();
            return v == null ? Engine.TOMBSTONE : v;
        }
        return null;
    }

    /** As {@link #get(byte[])}; without {@code useFilter} the Bloom filter is not consulted. */
    byte[] get(byte[] key, boolean useFilter) {
        if (Bytes.compare(key, meta.smallest) < 0 || Bytes.compare(key, meta.largest) > 0
                || (useFilter && !mayContain(key))) {
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

    private Block dataBlock(Index ix, int i) {
        long offset = ix.offset[i];
        Block b = cache.get(ix.slots, i);
        if (b == null) {
            // The index's block extents were checked against the file's size when it was decoded.
            int size = ix.size[i];
            b = image != null ? new Block(image, (int) offset, size, name, offset, null, false)
                    : new Block(read(offset, size, MAX_BLOCK), 0, size, name, offset, null, true);
            cache.put(ix.slots, i, b);
        }
        return b;
    }

    /** Index iterator leading to data block iterators. */
    private final class TwoLevel implements EntryIterator {
        private final Index ix = index();
        private int block = ix.blocks;
        private Block.Iter data;

        @Override
        public void seek(byte[] target) {
            block = ix.findBlock(target);
            openData();
            if (data != null) {
                data.seek(target);
                skipEmpty();
            }
        }

        @Override
        public void seekToFirst() {
            block = 0;
            openData();
            if (data != null) {
                data.seekToFirst();
                skipEmpty();
            }
        }

        private void openData() {
            data = block < ix.blocks ? dataBlock(ix, block).iterator() : null;
        }

        private void skipEmpty() {
            while (data != null && !data.valid()) {
                block++;
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
