package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.MemFileSystem;

/**
 * Reads of keys expected to be present ({@link Version#getExpected}, used for the id → term
 * reads of every result) answer as plain reads, whichever table holds the dictionary: newer
 * tables' values and tombstones win, and the table read from the finger's position need not be
 * the last one (after a bulk load the dictionary sits among the index tables).
 */
class ExpectedReadTest {
    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private interface Entries {
        void into(TableBuilder b);
    }

    private static Table table(MemFileSystem fs, long number, Entries entries) {
        FileHandle h = fs.create(FileNames.table(number));
        TableBuilder b = new TableBuilder(h, 256, Keys.SHAPE);
        entries.into(b);
        TableMeta meta = b.finish(number);
        h.close();
        return Table.open(fs, meta, new BlockCache(1 << 20));
    }

    @Test
    void expectedReadsAnswerAsPlainReadsWhateverTheTableOrder() {
        MemFileSystem fs = new MemFileSystem();
        // Oldest first: index keys (the last table), the dictionary, newer dictionary entries, more index keys.
        Table spo = table(fs, 1, b -> {
            for (int i = 1; i <= 500; i++) {
                b.add(Keys.index(Keys.SPO, i, 1, i + 1), Bytes.EMPTY);
            }
        });
        Table dict = table(fs, 2, b -> {
            for (int i = 1; i <= 2000; i++) {
                b.add(Keys.id(i), text("old-" + i));
            }
        });
        Table newer = table(fs, 3, b -> {
            for (int i = 500; i <= 600; i++) {
                b.add(Keys.id(i), i == 550 ? null : text("new-" + i));
            }
        });
        Table pos = table(fs, 4, b -> {
            for (int i = 1; i <= 500; i++) {
                b.add(Keys.index(Keys.POS, 1, i + 1, i), Bytes.EMPTY);
            }
        });
        Version v = new Version(MemTable.EMPTY, MemTable.EMPTY, new Table[] {pos, newer, dict, spo});
        try {
            List<Integer> order = new ArrayList<>();
            for (int i = 1; i <= 2000; i++) {
                order.add(i);
            }
            for (int pass = 0; pass < 2; pass++) {
                Table.Finger finger = new Table.Finger();
                for (int i : order) {
                    byte[] key = Keys.id(i);
                    byte[] expected = v.get(key);
                    assertThat(v.getExpected(key, finger)).as("id %d", i).isEqualTo(expected);
                    String want = i == 550 ? null : (i >= 500 && i <= 600 ? "new-" : "old-") + i;
                    assertThat(expected == null ? null : new String(expected, StandardCharsets.UTF_8)).isEqualTo(want);
                }
                Collections.shuffle(order, new Random(5));
            }
            // Keys outside every range, and index keys, through the same path.
            Table.Finger finger = new Table.Finger();
            assertThat(v.getExpected(Keys.id(5000), finger)).isNull();
            assertThat(v.getExpected(Keys.index(Keys.SPO, 7, 1, 8), finger)).isEqualTo(Bytes.EMPTY);
            assertThat(v.getExpected(Keys.index(Keys.POS, 1, 8, 7), finger)).isEqualTo(Bytes.EMPTY);
            assertThat(v.getExpected(Keys.index(Keys.OSP, 1, 8, 7), finger)).isNull();
        } finally {
            for (Table t : v.tables) {
                t.close();
            }
        }
    }
}
