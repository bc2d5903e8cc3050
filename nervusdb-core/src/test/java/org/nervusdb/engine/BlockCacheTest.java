package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The block cache stays within its byte bound, gives read blocks a second chance, and forgets closed tables. */
class BlockCacheTest {

    private static Block block(int entries) {
        BlockBuilder b = new BlockBuilder();
        for (int i = 0; i < entries; i++) {
            b.add(new byte[] {1, (byte) (i >> 8), (byte) i}, new byte[] {9});
        }
        byte[] d = b.finish();
        return new Block(d, 0, d.length, "test", 0, null, true);
    }

    @Test
    void staysWithinItsBoundAndEvictsUnreadBlocksFirst() {
        Block sample = block(10);
        int size = sample.size();
        BlockCache cache = new BlockCache(3L * size);
        BlockCache.Slots t = new BlockCache.Slots(10);
        for (int i = 0; i < 3; i++) {
            cache.put(t, i, block(10));
        }
        assertThat(cache.usedBytes()).isEqualTo(3L * size);
        // Read block 0: when block 3 arrives, block 1 (unread, oldest after 0) is evicted, not 0.
        assertThat(cache.get(t, 0)).isNotNull();
        cache.put(t, 3, block(10));
        assertThat(cache.usedBytes()).isLessThanOrEqualTo(3L * size);
        assertThat(t.blocks[0]).isNotNull();
        assertThat(t.blocks[1]).isNull();
        assertThat(t.blocks[2]).isNotNull();
        assertThat(t.blocks[3]).isNotNull();
        assertThat(cache.get(t, 1)).isNull();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        for (int i = 4; i < 10; i++) {
            cache.put(t, i, block(10));
            assertThat(cache.usedBytes()).isLessThanOrEqualTo(3L * size);
        }
        int cached = 0;
        for (Block b : t.blocks) {
            cached += b == null ? 0 : 1;
        }
        assertThat(cached).isEqualTo(3);
    }

    @Test
    void droppingATableFreesItsBytesOnly() {
        Block sample = block(10);
        BlockCache cache = new BlockCache(100L * sample.size());
        BlockCache.Slots a = new BlockCache.Slots(4);
        BlockCache.Slots b = new BlockCache.Slots(4);
        for (int i = 0; i < 4; i++) {
            cache.put(a, i, block(10));
            cache.put(b, i, block(10));
        }
        cache.drop(a);
        assertThat(cache.usedBytes()).isEqualTo(4L * sample.size());
        assertThat(a.blocks).containsOnlyNulls();
        assertThat(b.blocks).doesNotContainNull();
        cache.clear();
        assertThat(cache.usedBytes()).isZero();
        assertThat(b.blocks).containsOnlyNulls();
    }

    @Test
    void aZeroByteCacheCachesNothing() {
        BlockCache cache = new BlockCache(0);
        BlockCache.Slots a = new BlockCache.Slots(2);
        cache.put(a, 0, block(5));
        assertThat(a.blocks[0]).isNull();
        assertThat(cache.usedBytes()).isZero();
    }
}
