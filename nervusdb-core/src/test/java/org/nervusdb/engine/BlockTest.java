package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nervusdb.CorruptionException;

/**
 * A block read where it lies inside a larger array (a table file held in memory) gives the same
 * entries as the block on its own, and reports damage at its offset in the file.
 */
class BlockTest {

    /** Keys of one to 300 bytes and values of 0 to 299, so lengths take one and two varint bytes. */
    private static List<byte[][]> entries() {
        List<byte[][]> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[3 + (i % 7 == 0 ? 150 + i : i % 5)];
            key[0] = 1;
            key[1] = (byte) (i >> 8);
            key[2] = (byte) i;
            Arrays.fill(key, 3, key.length, (byte) 'k');
            byte[] value = i % 9 == 4 ? null : new byte[(i * 37) % 300];
            if (value != null) {
                Arrays.fill(value, (byte) i);
            }
            out.add(new byte[][] {key, value});
        }
        return out;
    }

    private static byte[] built(List<byte[][]> entries) {
        BlockBuilder b = new BlockBuilder();
        for (byte[][] e : entries) {
            b.add(e[0], e[1]);
        }
        return b.finish();
    }

    /** {@code block} at offset {@code base} of an array of junk. */
    private static byte[] embedded(byte[] block, int base) {
        byte[] image = new byte[base + block.length + 77];
        Arrays.fill(image, (byte) 0xff);
        System.arraycopy(block, 0, image, base, block.length);
        return image;
    }

    private static List<String> read(Block b) {
        List<String> out = new ArrayList<>();
        Block.Iter it = b.iterator();
        for (it.seekToFirst(); it.valid(); it.next()) {
            byte[] v = it.value();
            out.add(Bytes.hex(it.key(), 400) + "=" + (v == null ? "-" : Bytes.hex(v, 400)));
        }
        return out;
    }

    @Test
    void aBlockInsideALargerArrayReadsAsTheBlockAlone() {
        List<byte[][]> entries = entries();
        byte[] block = built(entries);
        Block alone = new Block(block, 0, block.length, "t", 0, null, true);
        for (boolean check : new boolean[] {true, false}) {
            Block inside = new Block(embedded(block, 1234), 1234, block.length, "t", 0, null, check);
            assertThat(inside.size()).isEqualTo(block.length);
            assertThat(read(inside)).hasSize(entries.size()).isEqualTo(read(alone));
            for (byte[][] e : entries) {
                Block.Iter it = inside.iterator();
                it.seek(e[0]);
                assertThat(it.valid()).isTrue();
                assertThat(it.key()).isEqualTo(e[0]);
                assertThat(it.value()).isEqualTo(e[1]);
            }
            byte[] past = {1, 0x7f, 0};
            Block.Iter it = inside.iterator();
            it.seek(past);
            assertThat(it.valid()).as("a key past the last").isFalse();
        }
    }

    @Test
    void damageInsideALargerArrayIsReportedAtItsOffsetInTheFile() {
        byte[] block = built(entries());
        int base = 500;
        long fileOffset = 8192;
        // The first entry's unshared length (two varint bytes: its key has 153), made 2^21 - 1:
        // past the block.
        byte[] image = embedded(block, base);
        image[base + 1] = (byte) 0xff;
        image[base + 2] = (byte) 0xff;
        image[base + 3] = (byte) 0x7f;
        Block b = new Block(image, base, block.length, "t.sst", fileOffset, null, false);
        Block.Iter it = b.iterator();
        assertThatThrownBy(it::seekToFirst).isInstanceOfSatisfying(CorruptionException.class, e -> {
            assertThat(e.file()).isEqualTo("t.sst");
            assertThat(e.offset()).isEqualTo(fileOffset);
        });
        assertThatThrownBy(() -> new Block(image, base, block.length, "t.sst", fileOffset, null, true))
                .isInstanceOfSatisfying(CorruptionException.class, e -> assertThat(e.offset()).isEqualTo(fileOffset));

        // A restart offset past the entries.
        byte[] image2 = embedded(block, base);
        int restarts = Bytes.getIntLE(block, block.length - 4);
        int firstRestart = block.length - 4 - 4 * restarts;
        Bytes.putIntLE(image2, base + firstRestart + 4, block.length);
        assertThatThrownBy(() -> new Block(image2, base, block.length, "t.sst", fileOffset, null, false))
                .isInstanceOfSatisfying(CorruptionException.class,
                        e -> assertThat(e.offset()).isEqualTo(fileOffset + firstRestart + 4));
    }
}
