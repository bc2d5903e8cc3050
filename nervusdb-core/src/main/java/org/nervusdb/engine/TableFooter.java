package org.nervusdb.engine;

import org.nervusdb.CorruptionException;
import org.nervusdb.FormatVersionException;

/**
 * The fixed-size record at the end of every SSTable, little-endian. Version 3 (written now) and
 * version 2: {@code statsOffset u64 | statsSize u32 | indexOffset u64 | indexSize u32 |
 * filterOffset u64 | filterSize u32 | entries u64 | tombstones u64 | version u32 |
 * crc32c(previous 56 bytes) u32 | magic u64}; {@code statsSize} 0 means no stats block. In version
 * 3 the filter handle names the filter's head, which describes its separately checksummed pages
 * (see {@link Table}); in versions 1 and 2 it names one filter block. Version 1 (still read) lacks
 * the first two fields: 56 bytes, its checksum over the previous 44. All end with version,
 * checksum and magic at the same distance from the end of the file.
 */
final class TableFooter {
    static final int ENCODED_LENGTH = 68;
    static final int V1_LENGTH = 56;
    static final long MAGIC = 0x314C425442445653L; // "SVDBTBL1" read little-endian
    static final int VERSION = 3;

    final long indexOffset;
    final int indexSize;
    final long filterOffset;
    final int filterSize;
    final long entries;
    final long tombstones;
    final long statsOffset;
    final int statsSize;
    /** The footer's version: 1, 2 or 3 ({@link #VERSION} for a footer made to be written). */
    final int version;

    TableFooter(long indexOffset, int indexSize, long filterOffset, int filterSize, long entries, long tombstones) {
        this(indexOffset, indexSize, filterOffset, filterSize, entries, tombstones, 0, 0);
    }

    TableFooter(long indexOffset, int indexSize, long filterOffset, int filterSize, long entries, long tombstones,
            long statsOffset, int statsSize) {
        this(indexOffset, indexSize, filterOffset, filterSize, entries, tombstones, statsOffset, statsSize, VERSION);
    }

    private TableFooter(long indexOffset, int indexSize, long filterOffset, int filterSize, long entries, long tombstones,
            long statsOffset, int statsSize, int version) {
        this.version = version;
        this.statsOffset = statsOffset;
        this.statsSize = statsSize;
        this.indexOffset = indexOffset;
        this.indexSize = indexSize;
        this.filterOffset = filterOffset;
        this.filterSize = filterSize;
        this.entries = entries;
        this.tombstones = tombstones;
    }

    byte[] encode() {
        byte[] b = new byte[ENCODED_LENGTH];
        Bytes.putLongLE(b, 0, statsOffset);
        Bytes.putIntLE(b, 8, statsSize);
        Bytes.putLongLE(b, 12, indexOffset);
        Bytes.putIntLE(b, 20, indexSize);
        Bytes.putLongLE(b, 24, filterOffset);
        Bytes.putIntLE(b, 32, filterSize);
        Bytes.putLongLE(b, 36, entries);
        Bytes.putLongLE(b, 44, tombstones);
        Bytes.putIntLE(b, 52, version);
        Bytes.putIntLE(b, 56, Crc32c.compute(b, 0, 56));
        Bytes.putLongLE(b, 60, MAGIC);
        return b;
    }

    /**
     * Decodes and validates a footer from the last {@code b.length} bytes of a file of
     * {@code fileSize} bytes ({@link #ENCODED_LENGTH}, or fewer when the file is shorter; at
     * least {@link #V1_LENGTH}).
     */
    static TableFooter decode(byte[] b, String file, long fileSize) {
        int n = b.length;
        if (Bytes.getLongLE(b, n - 8) != MAGIC) {
            throw new CorruptionException(file, fileSize - 8, "bad table magic");
        }
        int version = Bytes.getIntLE(b, n - 16);
        if (version < 1 || version > VERSION) {
            // A damaged version field fails the checksum of either layout; an intact one is newer.
            boolean v1 = Crc32c.compute(b, n - V1_LENGTH, 44) == Bytes.getIntLE(b, n - 12);
            boolean v2 = n >= ENCODED_LENGTH && Crc32c.compute(b, n - ENCODED_LENGTH, 56) == Bytes.getIntLE(b, n - 12);
            if (!v1 && !v2) {
                throw new CorruptionException(file, fileSize - 16, "table footer checksum mismatch");
            }
            throw new FormatVersionException(file, version, VERSION);
        }
        int len = version == 1 ? V1_LENGTH : ENCODED_LENGTH;
        if (n < len) {
            throw new CorruptionException(file, 0, "table shorter than its footer");
        }
        int o = n - len;
        long at = fileSize - len;
        if (Crc32c.compute(b, o, len - 12) != Bytes.getIntLE(b, n - 12)) {
            throw new CorruptionException(file, at, "table footer checksum mismatch");
        }
        int f0 = version == 1 ? o : o + 12;
        TableFooter f = new TableFooter(Bytes.getLongLE(b, f0), Bytes.getIntLE(b, f0 + 8), Bytes.getLongLE(b, f0 + 12),
                Bytes.getIntLE(b, f0 + 20), Bytes.getLongLE(b, f0 + 24), Bytes.getLongLE(b, f0 + 32),
                version == 1 ? 0 : Bytes.getLongLE(b, o), version == 1 ? 0 : Bytes.getIntLE(b, o + 8), version);
        // Written as subtractions so that huge offsets cannot overflow past the check.
        if (f.indexSize < 4 || f.filterSize < 0 || f.indexOffset < 0 || f.filterOffset < 0
                || f.indexOffset > at - Table.TRAILER - f.indexSize
                || f.filterOffset > at - Table.TRAILER - f.filterSize
                || f.entries < 0 || f.tombstones < 0 || f.tombstones > f.entries
                || f.statsSize < 0 || f.statsOffset < 0 || (f.statsSize > 0 && f.statsOffset > at - Table.TRAILER - f.statsSize)) {
            throw new CorruptionException(file, at, "table footer points outside the file");
        }
        return f;
    }
}
