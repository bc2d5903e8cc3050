package org.nervusdb.engine;

import org.nervusdb.CorruptionException;

/**
 * A decoded, checksum-verified block (format in {@link BlockBuilder}). Immutable; iterators are
 * independent, so one cached block serves many readers.
 */
final class Block {
    final byte[] data;
    /** The block is {@code data[base .. end)}: a read block, or a table file's image in memory. */
    private final int base;
    private final int end;
    final String file;
    final long fileOffset;
    private final int restartsOffset;
    private final int restartCount;
    /** Set when read from the cache; cleared by its CLOCK hand. A benign race. */
    boolean referenced;

    /** Receives each entry of a block as it is validated: the whole key and where the value lies. */
    interface Visitor {
        /** {@code key[0 .. keyLen)} is the entry's key (a buffer reused for the next entry); {@code valueLen} is -1 for a tombstone. */
        void entry(byte[] key, int keyLen, byte[] data, int valueOff, int valueLen);
    }

    /**
     * The block {@code data[base .. base + size)}, which starts at {@code fileOffset} in {@code
     * file}; its restart points are checked now, and when {@code check} (or with a {@code visitor},
     * which receives each entry during that check) every entry too; without, each length is
     * checked only as an iterator decodes it.
     */
    Block(byte[] data, int base, int size, String file, long fileOffset, Visitor visitor, boolean check) {
        this.data = data;
        this.base = base;
        this.end = base + size;
        this.file = file;
        this.fileOffset = fileOffset;
        if (size < 4) {
            throw corrupt(base, "block shorter than its trailer");
        }
        restartCount = Bytes.getIntLE(data, end - 4);
        long ro = size - 4 - 4L * restartCount;
        if (restartCount < 0 || ro < 0) {
            throw corrupt(end - 4, "bad restart count " + restartCount);
        }
        // Offsets within the block are relative to base; positions in data are absolute.
        restartsOffset = base + (int) ro;
        int prev = -1;
        for (int i = 0; i < restartCount; i++) {
            int r = Bytes.getIntLE(data, restartsOffset + 4 * i);
            if (r <= prev || r >= ro) {
                throw corrupt(restartsOffset + 4L * i, "bad restart offset " + r);
            }
            prev = r;
        }
        if (restartCount == 0 && ro != 0) {
            throw corrupt(base, "entries without restart points");
        }
        if (check || visitor != null) {
            validateEntries(visitor);
        }
    }

    /**
     * Decodes every entry once, when the block is loaded: lengths within bounds, keys strictly
     * ascending, no tombstone with a value, and every restart point at the start of an entry that
     * stores its whole key. Iterators can then decode without re-checking key order. Each entry
     * goes to {@code visitor} (if any) once its own checks pass.
     */
    private void validateEntries(Visitor visitor) {
        int[] cur = {0};
        byte[] prev = new byte[64];
        int prevLen = 0;
        int r = 0;
        int pos = base;
        boolean first = true;
        try {
            while (pos < restartsOffset) {
                int nextRestart = r < restartCount ? base + Bytes.getIntLE(data, restartsOffset + 4 * r) : Integer.MAX_VALUE;
                if (nextRestart < pos) {
                    throw corrupt(restartsOffset + 4L * r, "restart point inside an entry");
                }
                boolean restart = nextRestart == pos;
                if (first && !restart) {
                    throw corrupt(pos, "first entry is not a restart point");
                }
                cur[0] = pos;
                int shared = Bytes.readVarInt(data, cur, restartsOffset);
                int unshared = Bytes.readVarInt(data, cur, restartsOffset);
                long vk = Bytes.readVarLong(data, cur, restartsOffset);
                long vlen = vk >>> 1;
                if (shared > prevLen || (restart && shared != 0) || unshared > restartsOffset - cur[0]
                        || vlen > restartsOffset - cur[0] - unshared) {
                    throw corrupt(pos, "entry lengths out of bounds");
                }
                if ((vk & 1) == 0 && vlen != 0) {
                    throw corrupt(pos, "tombstone with a value");
                }
                // The first `shared` bytes equal the previous key's, so the suffix decides the order.
                if (!first && Bytes.compare(data, cur[0], unshared, prev, shared, prevLen - shared) <= 0) {
                    throw corrupt(pos, "keys out of order");
                }
                int len = shared + unshared;
                if (len > prev.length) {
                    byte[] n = new byte[Math.max(len, prev.length * 2)];
                    System.arraycopy(prev, 0, n, 0, shared);
                    prev = n;
                }
                System.arraycopy(data, cur[0], prev, shared, unshared);
                prevLen = len;
                if (visitor != null) {
                    visitor.entry(prev, len, data, cur[0] + unshared, (vk & 1) != 0 ? (int) vlen : -1);
                }
                if (restart) {
                    r++;
                }
                first = false;
                pos = cur[0] + unshared + (int) vlen;
            }
        } catch (IllegalStateException e) {
            throw corrupt(pos, e.getMessage());
        }
        if (r != restartCount) {
            throw corrupt(restartsOffset + 4L * r, "restart point past the last entry");
        }
    }

    /** An error at {@code data[at]}. */
    CorruptionException corrupt(long at, String detail) {
        return new CorruptionException(file, fileOffset + at - base, detail);
    }

    int size() {
        return end - base;
    }

    Iter iterator() {
        return new Iter();
    }

    /** Iterates entries; decodes lazily and validates every length it reads. */
    final class Iter implements EntryIterator {
        private int pos;        // offset of the current entry
        private int nextPos;    // offset of the entry after it
        // The current key is keyBuf[0 .. keyLen); key() makes it an array of its own once asked.
        private byte[] keyBuf = new byte[32];
        private int keyLen;
        private byte[] key;
        private int valueOff;
        private int valueLen;   // -1 for a tombstone
        private boolean valid;
        private final int[] cursor = new int[1];

        @Override
        public void seekToFirst() {
            keyLen = 0;
            nextPos = base;
            advance();
        }

        @Override
        public void seek(byte[] target) {
            // Binary search for the last restart point whose key is < target.
            int lo = 0;
            int hi = restartCount - 1;
            int start = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int off = restart(mid);
                int c = compareRestartKey(off, target);
                if (c < 0) {
                    start = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            keyLen = 0;
            nextPos = restartCount == 0 ? restartsOffset : restart(start);
            advance();
            while (valid && Bytes.compare(keyBuf, 0, keyLen, target, 0, target.length) < 0) {
                advance();
            }
        }

        private int restart(int i) {
            return base + Bytes.getIntLE(data, restartsOffset + 4 * i);
        }

        private int compareRestartKey(int off, byte[] target) {
            cursor[0] = off;
            try {
                int shared = Bytes.readVarInt(data, cursor, restartsOffset);
                int unshared = Bytes.readVarInt(data, cursor, restartsOffset);
                Bytes.readVarLong(data, cursor, restartsOffset);
                if (shared != 0 || unshared > restartsOffset - cursor[0]) {
                    throw corrupt(off, "bad restart entry");
                }
                return Bytes.compare(data, cursor[0], unshared, target, 0, target.length);
            } catch (IllegalStateException e) {
                throw corrupt(off, e.getMessage());
            }
        }

        private void advance() {
            if (nextPos >= restartsOffset) {
                valid = false;
                return;
            }
            pos = nextPos;
            try {
                int shared;
                int unshared;
                long vk;
                // Most entries start with three one-byte varints: read in place.
                if (pos + 3 <= restartsOffset && (data[pos] | data[pos + 1] | data[pos + 2]) >= 0) {
                    shared = data[pos];
                    unshared = data[pos + 1];
                    vk = data[pos + 2];
                    cursor[0] = pos + 3;
                } else {
                    cursor[0] = pos;
                    shared = Bytes.readVarInt(data, cursor, restartsOffset);
                    unshared = Bytes.readVarInt(data, cursor, restartsOffset);
                    vk = Bytes.readVarLong(data, cursor, restartsOffset);
                }
                long vlen = vk >>> 1;
                if (shared > keyLen || unshared > restartsOffset - cursor[0]
                        || vlen > restartsOffset - cursor[0] - unshared) {
                    throw corrupt(pos, "entry lengths out of bounds");
                }
                if (shared + unshared > keyBuf.length) {
                    keyBuf = java.util.Arrays.copyOf(keyBuf, Math.max(shared + unshared, 2 * keyBuf.length));
                }
                System.arraycopy(data, cursor[0], keyBuf, shared, unshared);
                keyLen = shared + unshared;
                key = null;
                valueOff = cursor[0] + unshared;
                boolean put = (vk & 1) != 0;
                if (!put && vlen != 0) {
                    throw corrupt(pos, "tombstone with a value");
                }
                valueLen = put ? (int) vlen : -1;
                nextPos = valueOff + (int) vlen;
                valid = true;
            } catch (IllegalStateException e) {
                throw corrupt(pos, e.getMessage());
            }
        }

        @Override
        public boolean valid() {
            return valid;
        }

        @Override
        public void next() {
            advance();
        }

        @Override
        public byte[] key() {
            if (key == null) {
                key = java.util.Arrays.copyOf(keyBuf, keyLen);
            }
            return key;
        }

        @Override
        public byte[] value() {
            if (valueLen < 0) {
                return null;
            }
            byte[] v = new byte[valueLen];
            System.arraycopy(data, valueOff, v, 0, valueLen);
            return v;
        }

        @Override
        public boolean isTombstone() {
            return valueLen < 0;
        }
    }
}
