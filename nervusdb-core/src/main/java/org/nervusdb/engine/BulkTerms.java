package org.nervusdb.engine;

/**
 * The terms a bulk load has seen, keyed by their UTF-8 bytes: term to id, and for the terms new
 * to the store, id to term. Built for tens of millions of lookups: the bytes live in large pages
 * (no object per term) and a lookup that hits reads one slot and one record, which holds the id,
 * the length and the bytes side by side.
 *
 * <pre>
 * slot   := 0 (empty) | hash tag (high 16 bits) | record reference (low 48 bits) + 1
 * record := id u64 (little-endian) | length u32 | bytes
 * </pre>
 *
 * A record reference is page number times {@link #PAGE} plus the offset in the page; a record
 * longer than a page gets a page of its own. Not thread-safe.
 */
final class BulkTerms {
    static final int PAGE = 1 << 22;
    private static final int HEADER = 12;

    private byte[][] pages = new byte[16][];
    private int pageCount;
    private byte[] page;
    private int pageUsed;

    private long[] slots = new long[1 << 12];
    private int size;

    /** References of the new terms, by id minus the first new id. */
    private long[] newRefs = new long[1024];
    private int newCount;

    /** Hash of a byte range (the engine's key hash). */
    static long hash(byte[] b, int off, int len) {
        return BloomFilter.hash(b, off, len);
    }

    int size() {
        return size;
    }

    int newCount() {
        return newCount;
    }

    /** The id of the term, or 0 if this table does not hold it. */
    long find(byte[] b, int off, int len, long h) {
        long[] s = slots;
        int mask = s.length - 1;
        long tag = h & 0xFFFF_0000_0000_0000L;
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            long v = s[i];
            if (v == 0) {
                return 0;
            }
            if ((v & 0xFFFF_0000_0000_0000L) == tag) {
                long ref = (v & 0x0000_FFFF_FFFF_FFFFL) - 1;
                byte[] p = pages[(int) (ref / PAGE)];
                int at = (int) (ref % PAGE);
                if (Bytes.getIntLE(p, at + 8) == len && Bytes.compare(p, at + HEADER, len, b, off, len) == 0) {
                    return Bytes.getLongLE(p, at);
                }
            }
        }
    }

    /** The slot a lookup of hash {@code h} reads first (to bring it into the cache ahead of the lookup). */
    long firstSlot(long h) {
        long[] s = slots;
        return s[(int) h & (s.length - 1)];
    }

    /** A word of the record a slot value refers to, 0 for an empty slot (to bring it into the cache). */
    int touch(long slot) {
        if (slot == 0) {
            return 0;
        }
        long ref = (slot & 0x0000_FFFF_FFFF_FFFFL) - 1;
        return Bytes.getIntLE(pages[(int) (ref / PAGE)], (int) (ref % PAGE) + 8);
    }

    /** Adds a term this table does not hold; {@code isNew} records it as a term new to the store (ids in order). */
    void add(byte[] b, int off, int len, long h, long id, boolean isNew) {
        long ref = append(b, off, len, id);
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        put(slots, h, ref);
        size++;
        if (isNew) {
            if (newCount == newRefs.length) {
                newRefs = java.util.Arrays.copyOf(newRefs, newCount * 2);
            }
            newRefs[newCount++] = ref;
        }
    }

    private static void put(long[] s, long h, long ref) {
        int mask = s.length - 1;
        int i = (int) h & mask;
        while (s[i] != 0) {
            i = (i + 1) & mask;
        }
        s[i] = (h & 0xFFFF_0000_0000_0000L) | (ref + 1);
    }

    private void grow() {
        long[] old = slots;
        long[] s = new long[old.length * 2];
        for (long v : old) {
            if (v != 0) {
                long ref = (v & 0x0000_FFFF_FFFF_FFFFL) - 1;
                byte[] p = pages[(int) (ref / PAGE)];
                int at = (int) (ref % PAGE);
                put(s, hash(p, at + HEADER, Bytes.getIntLE(p, at + 8)), ref);
            }
        }
        slots = s;
    }

    private long append(byte[] b, int off, int len, long id) {
        int need = HEADER + len;
        if (page == null || PAGE - pageUsed < need) {
            page = new byte[Math.max(PAGE, need)];
            if (pageCount == pages.length) {
                pages = java.util.Arrays.copyOf(pages, pageCount * 2);
            }
            // A record longer than a page takes several page numbers, so references stay unique.
            int spans = (need + PAGE - 1) / PAGE;
            pages[pageCount] = page;
            for (int k = 1; k < spans; k++) {
                if (pageCount + k >= pages.length) {
                    pages = java.util.Arrays.copyOf(pages, pages.length * 2);
                }
                pages[pageCount + k] = page;
            }
            pageUsed = 0;
            long ref = (long) pageCount * PAGE;
            pageCount += spans;
            write(page, 0, b, off, len, id);
            pageUsed = need;
            if (spans > 1) {
                page = null; // nothing more goes into an oversized page
            }
            return ref;
        }
        long ref = (long) (pageCount - 1) * PAGE + pageUsed;
        write(page, pageUsed, b, off, len, id);
        pageUsed += need;
        return ref;
    }

    private static void write(byte[] p, int at, byte[] b, int off, int len, long id) {
        Bytes.putLongLE(p, at, id);
        Bytes.putIntLE(p, at + 8, len);
        System.arraycopy(b, off, p, at + HEADER, len);
    }

    // ------------------------------------------------------------------ the new terms, by index

    byte[] page(int i) {
        long ref = newRefs[i];
        return pages[(int) (ref / PAGE)];
    }

    int offset(int i) {
        return (int) (newRefs[i] % PAGE) + HEADER;
    }

    int length(int i) {
        long ref = newRefs[i];
        return Bytes.getIntLE(pages[(int) (ref / PAGE)], (int) (ref % PAGE) + 8);
    }

    /** Drops the term-to-id slots (the new terms stay readable). */
    void dropLookup() {
        slots = null;
    }

    /** Releases everything. */
    void clear() {
        slots = null;
        pages = null;
        page = null;
        newRefs = null;
    }
}
