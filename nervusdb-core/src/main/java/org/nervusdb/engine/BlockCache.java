package org.nervusdb.engine;

import java.util.ArrayDeque;

/**
 * The shared cache of decoded data blocks, bounded by total block bytes, with CLOCK eviction
 * (a block read since the hand last passed it gets a second chance).
 *
 * <p>A cached block lives in its table's slot array ({@link Slots}), so a hit is one array read:
 * no hashing, no boxing and no lock. Only inserting, evicting and dropping a table's blocks
 * synchronize on the cache.
 *
 * <p>Thread safety: slot arrays are read without locks; a slot holds an immutable block or
 * null, and a reference write is atomic, so a reader sees either. Hit and miss counters are
 * updated without synchronization and are approximate under concurrency.
 */
final class BlockCache {
    /** One table's cached blocks, indexed by block number. */
    static final class Slots {
        final Block[] blocks;

        Slots(int n) {
            blocks = new Block[n];
        }
    }

    private static final class Entry {
        final Slots owner;
        final int index;
        final Block block;

        Entry(Slots owner, int index, Block block) {
            this.owner = owner;
            this.index = index;
            this.block = block;
        }
    }

    private final long capacity;
    private final ArrayDeque<Entry> clock = new ArrayDeque<>();
    private long used;
    private long hits;
    private long misses;

    BlockCache(long capacityBytes) {
        this.capacity = capacityBytes;
    }

    /** The cached block {@code index} of {@code slots}, or null. */
    Block get(Slots slots, int index) {
        Block b = slots.blocks[index];
        if (b == null) {
            misses++;
            return null;
        }
        hits++;
        b.referenced = true;
        return b;
    }

    /** Caches {@code block} as block {@code index} of {@code slots}, evicting as needed. */
    synchronized void put(Slots slots, int index, Block block) {
        if (block.size() > capacity || slots.blocks[index] != null) {
            return;
        }
        slots.blocks[index] = block;
        clock.addLast(new Entry(slots, index, block));
        used += block.size();
        while (used > capacity && !clock.isEmpty()) {
            Entry e = clock.pollFirst();
            if (e.block.referenced && e.block != block) {
                e.block.referenced = false;
                clock.addLast(e);
            } else {
                evict(e);
            }
        }
    }

    private void evict(Entry e) {
        if (e.owner.blocks[e.index] == e.block) {
            e.owner.blocks[e.index] = null;
        }
        used -= e.block.size();
    }

    /** Drops every block of a table that is being closed. */
    synchronized void drop(Slots slots) {
        // One pass around the clock, keeping the others in order (no Iterator.remove: it is
        // not dependable on every runtime the core is compiled for).
        for (int i = clock.size(); i > 0; i--) {
            Entry e = clock.pollFirst();
            if (e.owner == slots) {
                evict(e);
            } else {
                clock.addLast(e);
            }
        }
    }

    synchronized long usedBytes() {
        return used;
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }

    synchronized void clear() {
        for (Entry e : clock) {
            evict(e);
        }
        clock.clear();
        used = 0;
    }
}
