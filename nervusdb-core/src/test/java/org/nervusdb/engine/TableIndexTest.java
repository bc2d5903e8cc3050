package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.MemFileSystem;

/**
 * Seeks in tables of many small blocks, where the decoded index (eight-byte heads, sampled every
 * 64 blocks) must find the right block, also when many blocks share their first eight bytes.
 */
class TableIndexTest {
    private static final Comparator<byte[]> ORDER = Bytes::compare;

    private static Table build(MemFileSystem fs, TreeSet<byte[]> keys) {
        FileHandle h = fs.create(FileNames.table(7));
        TableBuilder b = new TableBuilder(h, 64, KeyShape.WHOLE_KEYS);
        for (byte[] k : keys) {
            b.add(k, k);
        }
        TableMeta meta = b.finish(7);
        h.close();
        return Table.open(fs, meta, new BlockCache(1 << 20));
    }

    private static byte[] key(Random rnd, int style) {
        String s;
        switch (style) {
            case 0:
                s = Integer.toString(rnd.nextInt(1_000_000));
                break;
            case 1:
                s = "http://example.org/resource/" + rnd.nextInt(1_000_000);
                break;
            default:
                s = rnd.nextBoolean() ? "abcdefgh" + rnd.nextInt(50) : "ab" + rnd.nextInt(100_000);
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everySeekLandsOnTheFirstKeyNotBelowTheTarget() {
        for (int style = 0; style < 3; style++) {
            Random rnd = new Random(31 + style);
            TreeSet<byte[]> keys = new TreeSet<>(ORDER);
            while (keys.size() < 8_000) {
                keys.add(key(rnd, style));
            }
            MemFileSystem fs = new MemFileSystem();
            Table t = build(fs, keys);
            try {
                for (byte[] k : keys) {
                    assertThat(t.get(k)).isEqualTo(k);
                }
                EntryIterator it = t.iterator();
                for (int i = 0; i < 5_000; i++) {
                    byte[] target = key(rnd, style);
                    if (rnd.nextInt(10) == 0) {
                        target = new byte[] {(byte) rnd.nextInt(256)};
                    }
                    byte[] expected = keys.ceiling(target);
                    it.seek(target);
                    if (expected == null) {
                        assertThat(it.valid()).isFalse();
                    } else {
                        assertThat(it.valid()).isTrue();
                        assertThat(it.key()).isEqualTo(expected);
                    }
                    assertThat(t.get(target)).isEqualTo(keys.contains(target) ? target : null);
                }
            } finally {
                t.close();
            }
        }
    }
}
