package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nervusdb.CorruptionException;

/** Decoders accept exactly one spelling of each value and reject everything else. */
class FormatValidationTest {

    @Test
    void onlyCanonicalFileNamesAreRecognised() {
        assertThat(FileNames.walNumber("000007.wal")).isEqualTo(7);
        assertThat(FileNames.tableNumber("1234567.sst")).isEqualTo(1234567);
        assertThat(FileNames.walNumber(FileNames.wal(123456789012L))).isEqualTo(123456789012L);
        assertThat(FileNames.walNumber("0000007.wal")).isEqualTo(-1);
        assertThat(FileNames.walNumber("00007.wal")).isEqualTo(-1);
        assertThat(FileNames.walNumber("00000a.wal")).isEqualTo(-1);
        assertThat(FileNames.walNumber("000007.sst")).isEqualTo(-1);
        assertThat(FileNames.tableNumber("../00007.sst")).isEqualTo(-1);
    }

    private static long varint(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Bytes.readVarLong(b, new int[] {0}, b.length);
    }

    @Test
    void varintsMustBeShortestAndFitIn64Bits() {
        assertThat(varint(0)).isZero();
        assertThat(varint(0x80, 0x01)).isEqualTo(128);
        assertThat(varint(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)).isEqualTo(-1L);
        assertThatThrownBy(() -> varint(0x80, 0x00)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> varint(0x81, 0x80, 0x00)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> varint(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> varint(0x80)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void idsHaveExactlyOneEncoding() {
        byte[] b = new byte[9];
        for (long id : new long[] {0, 1, 255, 256, 1L << 40, Long.MAX_VALUE}) {
            int end = Bytes.putId(b, 0, id);
            assertThat(Bytes.getId(b, 0, end)).isEqualTo(id);
        }
        assertThat(Bytes.getId(new byte[] {2, 0, 5}, 0, 3)).isEqualTo(-1);
        assertThat(Bytes.getId(new byte[] {8, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1}, 0, 9)).isEqualTo(-1);
        assertThat(Bytes.getId(new byte[] {0}, 0, 1)).isEqualTo(-1);
        assertThat(Bytes.getId(new byte[] {2, 1}, 0, 2)).isEqualTo(-1);
    }

    @Test
    void aDeleteCarryingAValueDoesNotDecode() {
        WriteBatch w = new WriteBatch();
        w.delete(new byte[] {1, 2});
        byte[] ok = java.util.Arrays.copyOf(w.data(), w.seal(1));
        assertThat(WriteBatch.decode(ok).count()).isEqualTo(1);
        byte[] bad = java.util.Arrays.copyOf(ok, ok.length + 1);
        bad[bad.length - 2] = 1; // value length 1
        bad[bad.length - 1] = 7;
        assertThatThrownBy(() -> WriteBatch.decode(bad)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delete");
    }

    private static TableMeta meta(long number, long entries, long tombstones, int smallest, int largest) {
        return new TableMeta(number, 1000, entries, tombstones, new byte[] {(byte) smallest}, new byte[] {(byte) largest});
    }

    @Test
    void implausibleManifestEntriesAreRejected() {
        byte[] good = new Manifest(10, 9, 5, List.of(meta(3, 10, 2, 1, 9), meta(4, 10, 0, 1, 9))).encode();
        assertThat(Manifest.decode(good, "MANIFEST").tables).hasSize(2);
        List<List<TableMeta>> bad = List.of(
                List.of(meta(3, 10, 2, 1, 9), meta(3, 10, 2, 1, 9)),
                List.of(meta(3, 10, 11, 1, 9)),
                List.of(meta(3, 10, -1, 1, 9)),
                List.of(meta(3, 0, 0, 1, 9)),
                List.of(meta(3, 10, 0, 9, 1)),
                List.of(meta(10, 10, 0, 1, 9)));
        for (List<TableMeta> tables : bad) {
            byte[] b = new Manifest(10, 9, 5, tables).encode();
            assertThatThrownBy(() -> Manifest.decode(b, "MANIFEST")).isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void footerOffsetsThatWouldOverflowAreRejected() {
        long size = 10_000;
        byte[] good = new TableFooter(5000, 100, 6000, 100, 10, 1).encode();
        assertThat(TableFooter.decode(good, "t.sst", size).indexOffset).isEqualTo(5000);
        for (TableFooter f : new TableFooter[] {
                new TableFooter(Long.MAX_VALUE - 10, 100, 6000, 100, 10, 1),
                new TableFooter(5000, 100, Long.MAX_VALUE - 10, 100, 10, 1),
                new TableFooter(5000, Integer.MAX_VALUE, 6000, 100, 10, 1),
                new TableFooter(5000, 100, 6000, 100, 10, 11)}) {
            byte[] b = f.encode();
            assertThatThrownBy(() -> TableFooter.decode(b, "t.sst", size)).isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void versionOneFootersStillReadAndDamagedVersionsAreCorruption() {
        long size = 10_000;
        // A version 1 footer: the version 2 layout without the stats handle, its checksum over 44 bytes.
        byte[] v1 = new byte[TableFooter.V1_LENGTH];
        Bytes.putLongLE(v1, 0, 5000);
        Bytes.putIntLE(v1, 8, 100);
        Bytes.putLongLE(v1, 12, 6000);
        Bytes.putIntLE(v1, 20, 100);
        Bytes.putLongLE(v1, 24, 10);
        Bytes.putLongLE(v1, 32, 1);
        Bytes.putIntLE(v1, 40, 1);
        Bytes.putIntLE(v1, 44, Crc32c.compute(v1, 0, 44));
        Bytes.putLongLE(v1, 48, TableFooter.MAGIC);
        TableFooter f = TableFooter.decode(v1, "t.sst", size);
        assertThat(f.indexOffset).isEqualTo(5000);
        assertThat(f.filterOffset).isEqualTo(6000);
        assertThat(f.entries).isEqualTo(10);
        assertThat(f.statsSize).isZero();
        // Read through the last 68 bytes of a file, as a table is opened: 12 bytes of block first.
        byte[] tail = new byte[TableFooter.ENCODED_LENGTH];
        System.arraycopy(v1, 0, tail, 12, v1.length);
        assertThat(TableFooter.decode(tail, "t.sst", size).tombstones).isEqualTo(1);

        byte[] v2 = new TableFooter(5000, 100, 6000, 100, 10, 1, 7000, 50).encode();
        TableFooter g = TableFooter.decode(v2, "t.sst", size);
        assertThat(g.statsOffset).isEqualTo(7000);
        assertThat(g.statsSize).isEqualTo(50);
        // A flipped version bit fails the checksum: corruption, not an unknown version.
        byte[] bad = v2.clone();
        bad[52] ^= 4;
        assertThatThrownBy(() -> TableFooter.decode(bad, "t.sst", size)).isInstanceOf(CorruptionException.class);
        assertThat(g.version).isEqualTo(TableFooter.VERSION).isEqualTo(3);
        // A version 2 footer (one filter block) reads with the same fields.
        byte[] older = v2.clone();
        Bytes.putIntLE(older, 52, 2);
        Bytes.putIntLE(older, 56, Crc32c.compute(older, 0, 56));
        assertThat(TableFooter.decode(older, "t.sst", size).version).isEqualTo(2);
        assertThat(TableFooter.decode(older, "t.sst", size).statsOffset).isEqualTo(7000);
        // An intact footer of a later version is refused as such.
        byte[] v4 = v2.clone();
        Bytes.putIntLE(v4, 52, 4);
        Bytes.putIntLE(v4, 56, Crc32c.compute(v4, 0, 56));
        assertThatThrownBy(() -> TableFooter.decode(v4, "t.sst", size)).isInstanceOf(org.nervusdb.FormatVersionException.class);
        // A stats handle outside the file is refused.
        byte[] far = new TableFooter(5000, 100, 6000, 100, 10, 1, Long.MAX_VALUE - 10, 50).encode();
        assertThatThrownBy(() -> TableFooter.decode(far, "t.sst", size)).isInstanceOf(CorruptionException.class);
    }
}
