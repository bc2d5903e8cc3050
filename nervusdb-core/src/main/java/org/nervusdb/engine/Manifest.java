package org.nervusdb.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nervusdb.CorruptionException;
import org.nervusdb.FormatVersionException;

/**
 * The MANIFEST file: which SSTables are live (newest first), which write-ahead logs still need
 * replay, and the file-number counter. Small, bounded by the number of tables, and replaced
 * atomically on every change (see docs/format/manifest.md):
 *
 * <pre>
 * manifest := magic "NVDB-MAN" | version u32 | nextFileNumber u64 | logNumber u64
 *             | lastSequence u64 | tableCount u32 | table* | crc32c(everything before) u32
 * table    := number u64 | fileSize u64 | entries u64 | tombstones u64
 *             | varint len | smallestKey | varint len | largestKey
 * </pre>
 */
public final class Manifest {
    public static final byte[] MAGIC = {'N', 'V', 'D', 'B', '-', 'M', 'A', 'N'};
    public static final int VERSION = 1;
    private static final int MAX_TABLES = 1 << 20;

    public final long nextFileNumber;
    public final long logNumber;
    public final long lastSequence;
    public final List<TableMeta> tables;

    public Manifest(long nextFileNumber, long logNumber, long lastSequence, List<TableMeta> tables) {
        this.nextFileNumber = nextFileNumber;
        this.logNumber = logNumber;
        this.lastSequence = lastSequence;
        this.tables = Collections.unmodifiableList(new ArrayList<>(tables));
    }

    public byte[] encode() {
        ByteBuilder b = new ByteBuilder(256);
        b.put(MAGIC).putIntLE(VERSION).putLongLE(nextFileNumber).putLongLE(logNumber).putLongLE(lastSequence);
        b.putIntLE(tables.size());
        for (TableMeta t : tables) {
            b.putLongLE(t.number).putLongLE(t.fileSize).putLongLE(t.entries).putLongLE(t.tombstones);
            b.putVar(t.smallest.length).put(t.smallest).putVar(t.largest.length).put(t.largest);
        }
        b.putIntLE(Crc32c.compute(b.array(), 0, b.length()));
        return b.toArray();
    }

    public static Manifest decode(byte[] b, String file) {
        if (b.length < 44) {
            throw new CorruptionException(file, 0, "manifest too short (" + b.length + " bytes)");
        }
        for (int i = 0; i < 8; i++) {
            if (b[i] != MAGIC[i]) {
                throw new CorruptionException(file, 0, "bad manifest magic");
            }
        }
        int end = b.length - 4;
        if (Crc32c.compute(b, 0, end) != Bytes.getIntLE(b, end)) {
            throw new CorruptionException(file, end, "manifest checksum mismatch");
        }
        int version = Bytes.getIntLE(b, 8);
        if (version != VERSION) {
            throw new FormatVersionException(file, version, VERSION);
        }
        long next = Bytes.getLongLE(b, 12);
        long log = Bytes.getLongLE(b, 20);
        long seq = Bytes.getLongLE(b, 28);
        int n = Bytes.getIntLE(b, 36);
        if (n < 0 || n > MAX_TABLES) {
            throw new CorruptionException(file, 36, "bad table count " + n);
        }
        List<TableMeta> tables = new ArrayList<>();
        Set<Long> numbers = new HashSet<>();
        int[] pos = {40};
        try {
            for (int i = 0; i < n; i++) {
                if (pos[0] + 32 > end) {
                    throw new CorruptionException(file, pos[0], "table list runs past the end");
                }
                int p = pos[0];
                long number = Bytes.getLongLE(b, p);
                long size = Bytes.getLongLE(b, p + 8);
                long entries = Bytes.getLongLE(b, p + 16);
                long tombs = Bytes.getLongLE(b, p + 24);
                pos[0] = p + 32;
                byte[] smallest = readBytes(b, pos, end, file);
                byte[] largest = readBytes(b, pos, end, file);
                if (number <= 0 || number >= next || size < TableFooter.V1_LENGTH || entries <= 0
                        || tombs < 0 || tombs > entries || Bytes.compare(smallest, largest) > 0) {
                    throw new CorruptionException(file, p, "implausible table entry");
                }
                if (!numbers.add(number)) {
                    throw new CorruptionException(file, p, "table " + number + " listed twice");
                }
                tables.add(new TableMeta(number, size, entries, tombs, smallest, largest));
            }
        } catch (IllegalStateException e) {
            throw new CorruptionException(file, pos[0], e.getMessage());
        }
        if (pos[0] != end) {
            throw new CorruptionException(file, pos[0], "trailing bytes in manifest");
        }
        if (log <= 0 || log >= next) {
            throw new CorruptionException(file, 20, "log number " + log + " out of range");
        }
        return new Manifest(next, log, seq, tables);
    }

    private static byte[] readBytes(byte[] b, int[] pos, int end, String file) {
        int len = Bytes.readVarInt(b, pos, end);
        if (len > end - pos[0]) {
            throw new CorruptionException(file, pos[0], "key runs past the end");
        }
        byte[] r = new byte[len];
        System.arraycopy(b, pos[0], r, 0, len);
        pos[0] += len;
        return r;
    }
}
