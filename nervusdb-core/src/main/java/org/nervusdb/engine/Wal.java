package org.nervusdb.engine;

import java.util.function.Consumer;
import org.nervusdb.CorruptionException;
import org.nervusdb.FormatVersionException;
import org.nervusdb.io.FileHandle;

/**
 * The write-ahead log format (see docs/format/wal.md).
 *
 * <pre>
 * file    := header record*
 * header  := magic "NVDB-WAL" (8 bytes) | version u32 | crc32c(magic|version) u32
 * record  := length u32 | crc u32 | type u8 | payload[length]
 *            crc = crc32c(length bytes | type | payload)
 * type    := kind | SYNCED flag (0x80)
 * kind    := 1 FULL | 2 FIRST | 3 MIDDLE | 4 LAST
 * </pre>
 *
 * A logical record (one commit) larger than {@link #MAX_FRAGMENT} is split into FIRST, MIDDLE...,
 * LAST fragments. All integers are little-endian.
 *
 * <p>The {@link #SYNCED} flag is set on a record when every byte before it was already synced
 * when it was written. Replay uses it to tell a torn tail (unsynced writes that reached the disk
 * out of order) from damage to data that had been made durable.
 */
public final class Wal {
    public static final byte[] MAGIC = {'N', 'V', 'D', 'B', '-', 'W', 'A', 'L'};
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 16;
    public static final int RECORD_HEADER = 9;
    public static final int MAX_FRAGMENT = 1 << 20;
    static final int FULL = 1;
    static final int FIRST = 2;
    static final int MIDDLE = 3;
    static final int LAST = 4;
    static final int SYNCED = 0x80;

    private Wal() {
    }

    static byte[] header() {
        byte[] h = new byte[HEADER_LENGTH];
        System.arraycopy(MAGIC, 0, h, 0, 8);
        Bytes.putIntLE(h, 8, VERSION);
        Bytes.putIntLE(h, 12, Crc32c.compute(h, 0, 12));
        return h;
    }

    /** Appends records to one log file. Not thread-safe: the engine's write lock guards it. */
    public static final class Writer implements AutoCloseable {
        private final FileHandle file;
        private final ByteBuilder buf = new ByteBuilder(4096);
        private long position;
        private long synced;

        private Writer(FileHandle file, long position) {
            this.file = file;
            this.position = position;
            this.synced = position;
        }

        /** Writes the header to a new, empty file and syncs it. */
        public static Writer create(FileHandle file) {
            byte[] h = header();
            file.write(0, h, 0, h.length);
            file.sync();
            return new Writer(file, h.length);
        }

        /** Continues a log whose valid content ends at {@code position}; syncs what it keeps. */
        public static Writer resume(FileHandle file, long position) {
            if (position < HEADER_LENGTH) {
                file.truncate(0);
                return create(file);
            }
            if (file.size() != position) {
                file.truncate(position);
            }
            file.sync();
            return new Writer(file, position);
        }

        public String name() {
            return file.name();
        }

        public long size() {
            return position;
        }

        /**
         * Appends one logical record (split into fragments if large): with a single write, but
         * for a large fragment, which is written from {@code payload} rather than copied.
         */
        public void append(byte[] payload, int off, int len) {
            buf.clear();
            long at = position;
            int remaining = len;
            int p = off;
            boolean first = true;
            do {
                int n = Math.min(remaining, MAX_FRAGMENT);
                boolean last = n == remaining;
                int type = first && last ? FULL : first ? FIRST : last ? LAST : MIDDLE;
                if (first && synced == position) {
                    type |= SYNCED;
                }
                int start = buf.length();
                buf.putIntLE(n);
                buf.putIntLE(0);
                buf.put(type);
                byte[] a = buf.array();
                int crc = Crc32c.update(Crc32c.compute(a, start, 4), a, start + 8, 1);
                Bytes.putIntLE(a, start + 4, Crc32c.update(crc, payload, p, n));
                if (n >= DIRECT_FRAGMENT) {
                    file.write(at, a, 0, buf.length());
                    at += buf.length();
                    buf.clear();
                    file.write(at, payload, p, n);
                    at += n;
                } else {
                    buf.put(payload, p, n);
                }
                p += n;
                remaining -= n;
                first = false;
            } while (remaining > 0);
            if (buf.length() > 0) {
                file.write(at, buf.array(), 0, buf.length());
                at += buf.length();
            }
            position = at;
        }

        /** Fragments from this size on are written from the caller's array, not copied first. */
        private static final int DIRECT_FRAGMENT = 64 << 10;

        public void sync() {
            if (synced == position) {
                return;
            }
            file.sync();
            synced = position;
        }

        @Override
        public void close() {
            file.close();
        }
    }

    /** Outcome of reading a log: where its valid prefix ends and whether a damaged tail was cut. */
    public static final class ReplayResult {
        public final long validLength;
        public final long fileLength;
        public final int records;

        ReplayResult(long validLength, long fileLength, int records) {
            this.validLength = validLength;
            this.fileLength = fileLength;
            this.records = records;
        }

        /** True when bytes after the last complete record were found and are to be discarded. */
        public boolean tailDiscarded() {
            return validLength < fileLength;
        }
    }

    /** Receives each complete logical record of a log during replay. */
    @FunctionalInterface
    public interface Sink {
        /** {@code offset} is where the record's first fragment starts in the log. */
        void accept(byte[] payload, long offset);
    }

    /**
     * Reads every complete logical record, in order, into {@code sink}.
     *
     * <p>Replay stops at the first record that is damaged, incomplete or out of sequence. What
     * follows decides what that means:
     * <ul>
     *   <li>nothing valid, or only records written while earlier bytes were still unsynced: a torn
     *       tail, the normal result of a crash. {@link ReplayResult#validLength} says where to cut;
     *   <li>a valid record carrying the {@link #SYNCED} flag: the damaged bytes had been made
     *       durable before that record was written, so this is corruption, and
     *       {@link CorruptionException} names the file and the damaged offset.
     * </ul>
     */
    public static ReplayResult replay(FileHandle file, Sink sink) {
        Reader r = new Reader(file);
        long size = r.size;
        if (size < HEADER_LENGTH) {
            return new ReplayResult(0, size, 0);
        }
        byte[] h = r.bytes(0, HEADER_LENGTH);
        boolean magicOk = true;
        for (int i = 0; i < 8; i++) {
            magicOk &= h[i] == MAGIC[i];
        }
        if (!magicOk || Crc32c.compute(h, 0, 12) != Bytes.getIntLE(h, 12)) {
            // The header is synced before any record is written: records after it mean damage.
            if (r.findValidRecord(HEADER_LENGTH) >= 0) {
                throw new CorruptionException(file.name(), 0, "bad write-ahead log header");
            }
            return new ReplayResult(0, size, 0);
        }
        int version = Bytes.getIntLE(h, 8);
        if (version != VERSION) {
            throw new FormatVersionException(file.name(), version, VERSION);
        }
        long pos = HEADER_LENGTH;
        long good = pos;
        int records = 0;
        ByteBuilder pending = null;
        long pendingStart = -1;
        while (pos < size) {
            int type = r.validRecordAt(pos);
            boolean ok = type > 0;
            if (ok) {
                boolean inChain = pending != null;
                ok = (type == FULL || type == FIRST) ? !inChain : inChain;
            }
            if (!ok) {
                if (r.syncedRecordAfter(pos + 1)) {
                    throw new CorruptionException(file.name(), pos,
                            "damaged write-ahead log record followed by records written after it was synced");
                }
                return new ReplayResult(pending != null ? pendingStart : pos, size, records);
            }
            int len = r.lastLength;
            byte[] payload = r.bytes(pos + RECORD_HEADER, len);
            if (type == FULL) {
                sink.accept(payload, pos);
                records++;
                good = pos + RECORD_HEADER + len;
            } else if (type == FIRST) {
                pending = new ByteBuilder(len * 2);
                pending.put(payload);
                pendingStart = pos;
            } else {
                pending.put(payload);
                if (type == LAST) {
                    sink.accept(pending.toArray(), pendingStart);
                    records++;
                    pending = null;
                    good = pos + RECORD_HEADER + len;
                }
            }
            pos += RECORD_HEADER + len;
        }
        return new ReplayResult(pending != null ? pendingStart : good, size, records);
    }

    /** Sequential reader with a read-ahead window, so small records cost no system call each. */
    private static final class Reader {
        private static final int WINDOW = 1 << 20;
        final FileHandle file;
        final long size;
        byte[] win = new byte[0];
        long winStart;
        int lastLength;
        boolean lastSynced;

        Reader(FileHandle file) {
            this.file = file;
            this.size = file.size();
        }

        private void load(long pos, int n) {
            if (pos >= winStart && pos + n <= winStart + win.length) {
                return;
            }
            int len = (int) Math.min(size - pos, Math.max(n, WINDOW));
            win = new byte[len];
            file.read(pos, win, 0, len);
            winStart = pos;
        }

        byte[] bytes(long pos, int n) {
            load(pos, n);
            byte[] r = new byte[n];
            System.arraycopy(win, (int) (pos - winStart), r, 0, n);
            return r;
        }

        /**
         * Kind (FULL..LAST) of a structurally valid, checksum-correct record at {@code pos}, else
         * 0; sets {@link #lastLength} and {@link #lastSynced}.
         */
        int validRecordAt(long pos) {
            if (pos + RECORD_HEADER > size) {
                return 0;
            }
            load(pos, RECORD_HEADER);
            int o = (int) (pos - winStart);
            int len = Bytes.getIntLE(win, o);
            int flags = win[o + 8] & 0xff;
            int type = flags & ~SYNCED;
            if (len < 0 || len > MAX_FRAGMENT || type < FULL || type > LAST || pos + RECORD_HEADER + len > size) {
                return 0;
            }
            int stored = Bytes.getIntLE(win, o + 4);
            load(pos, RECORD_HEADER + len);
            o = (int) (pos - winStart);
            int crc = Crc32c.compute(win, o, 4);
            crc = Crc32c.update(crc, win, o + 8, 1 + len);
            if (crc != stored) {
                return 0;
            }
            lastLength = len;
            lastSynced = (flags & SYNCED) != 0;
            return type;
        }

        /**
         * Whether a valid record with the {@link #SYNCED} flag starts at or after {@code from}.
         * Boundaries are unknown after damage, so every offset is tried until a valid record is
         * found; from there the scan follows record lengths.
         */
        boolean syncedRecordAfter(long from) {
            long p = findValidRecord(from);
            while (p >= 0) {
                if (lastSynced) {
                    return true;
                }
                long next = p + RECORD_HEADER + lastLength;
                p = validRecordAt(next) > 0 ? next : findValidRecord(next + 1);
            }
            return false;
        }

        /** Offset of the first valid record at or after {@code from}, or -1. */
        long findValidRecord(long from) {
            for (long p = from; p + RECORD_HEADER <= size; p++) {
                if (validRecordAt(p) > 0) {
                    return p;
                }
            }
            return -1;
        }
    }
}
