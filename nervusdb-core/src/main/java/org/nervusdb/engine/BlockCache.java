package org.nervusdb.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used cache of decoded data blocks, bounded by total block bytes.
 *
 * <p>Thread safety: all methods synchronize on the cache.
 */
final class BlockCache {
    private final long capacity;
    private final LinkedHashMap<Long, Block> map = new LinkedHashMap<>(256, 0.75f, true);
    private long used;
    private long hits;
    private long misses;

    BlockCache(long capacityBytes) {
        this.capacity = capacityBytes;
    }

    static long key(long fileNumber, long offset) {
        return (fileNumber << 40) ^ offset;
    }

    synchronized Block get(long key) {
        Block b = map.get(key);
        if (b == null) {
            misses++;
        } else {
            hits++;
        }
        return b;
    }

    synchronized void put(long key, Block block) {
        if (block.size() > capacity) {
            return;
        }
        Block old = map.put(key, block);
        if (old != null) {
            used -= old.size();
        }
        used += block.size();
        Iterator<Map.Entry<Long, Block>> it = map.entrySet().iterator();
        while (used > capacity && it.hasNext()) {
            used -= it.next().getValue().size();
            it.remove();
        }
    }

    synchronized long usedBytes() {
        return used;
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }

    synchronized void clear() {
        map.clear();
        used = 0;
    }
}
