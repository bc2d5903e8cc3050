package org.nervusdb.engine;

import org.nervusdb.CorruptionException;
import org.nervusdb.FormatVersionException;

/**
 * The fixed-size record at the end of every SSTable:
 * {@code indexOffset u64 | indexSize u32 | filterOffset u64 | filterSize u32 | entries u64 |
 * tombstones u64 | version u32 | crc32c(previous 44 bytes) u32 | magic u64}, little-endian.
 */
final class TableFooter {
    static final int ENCODED_LENGTH = 56;
    static final long MAGIC = 0x314C425442445653L; // "SVDBTBL1" read little-endian
    static final int VERSION = 1;

    final long indexOffset;
    final int indexSize;
    final long filterOffset;
    final int filterSize;
    final long entries;
    final long tombstones;

    TableFooter(long indexOffset, int indexSize, long filterOffset, int filterSize, long entries, long tombstones) {
        this.indexOffset = indexOffset;
        this.indexSize = indexSize;
        this.filterOffset = filterOffset;
        this.filterSize = filterSize;
        this.entries = entries;
        this.tombstones = tombstones;
    }

    byte[] encode() {
        byte[] b = new byte[ENCODED_LENGTH];
        Bytes.putLongLE(b, 0, indexOffset);
        Bytes.putIntLE(b, 8, indexSize);
        Bytes.putLongLE(b, 12, filterOffset);
        Bytes.putIntLE(b, 20, filterSize);
        Bytes.putLongLE(b, 24, entries);
        Bytes.putLongLE(b, 32, tombstones);
        Bytes.putIntLE(b, 40, VERSION);
        Bytes.putIntLE(b, 44, Crc32c.compute(b, 0, 44));
        Bytes.putLongLE(b, 48, MAGIC);
        return b;
    }

    /** Decodes and validates a footer read from the last bytes of a file of {@code fileSize} bytes. */
    static TableFooter decode(byte[] b, String file, long fileSize) {
        long at = fileSize - ENCODED_LENGTH;
        if (Bytes.getLongLE(b, 48) != MAGIC) {
            throw new CorruptionException(file, at + 48, "bad table magic");
        }
        if (Crc32c.compute(b, 0, 44) != Bytes.getIntLE(b, 44)) {
            throw new CorruptionException(file, at, "table footer checksum mismatch");
        }
        int version = Bytes.getIntLE(b, 40);
        if (version != VERSION) {
            throw new FormatVersionException(file, version, VERSION);
        }
        TableFooter f = new TableFooter(Bytes.getLongLE(b, 0), Bytes.getIntLE(b, 8), Bytes.getLongLE(b, 12),
                Bytes.getIntLE(b, 20), Bytes.getLongLE(b, 24), Bytes.getLongLE(b, 32));
        // Written as subtractions so that huge offsets cannot overflow past the check.
        if (f.indexSize < 4 || f.filterSize < 0 || f.indexOffset < 0 || f.filterOffset < 0
                || f.indexOffset > at - Table.TRAILER - f.indexSize
                || f.filterOffset > at - Table.TRAILER - f.filterSize
                || f.entries < 0 || f.tombstones < 0 || f.tombstones > f.entries) {
            throw new CorruptionException(file, at, "table footer points outside the file");
        }
        return f;
    }
}
