package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nervusdb.CorruptionException;
import org.nervusdb.Triple;
import org.nervusdb.testing.FaultInjectingFileSystem;

/**
 * Which directory states recovery accepts, and which it refuses because opening would lose or
 * misread committed data.
 */
class RecoveryRulesTest {

    private static StoreOptions options() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 16 << 20;
        o.closeCheckpointBytes = Long.MAX_VALUE; // these tests damage the log a close leaves behind
        return o;
    }

    /** A closed store with one flushed table and two commits only in the log. */
    private static FaultInjectingFileSystem store() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
        try (TripleStore s = TripleStore.open(fs, options())) {
            s.add("a", "p", "1");
            s.flush();
            s.add("b", "p", "2");
            s.add("c", "p", "3");
        }
        return fs;
    }

    private static String log(FaultInjectingFileSystem fs) {
        return fs.list().stream().filter(n -> FileNames.walNumber(n) >= 0).findFirst().orElseThrow();
    }

    private static TreeMap<String, byte[]> files(FaultInjectingFileSystem fs) {
        TreeMap<String, byte[]> m = new TreeMap<>();
        for (String n : fs.list()) {
            m.put(n, fs.content(n));
        }
        return m;
    }

    private static void assertUnchanged(FaultInjectingFileSystem fs, TreeMap<String, byte[]> before) {
        TreeMap<String, byte[]> after = files(fs);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String n : before.keySet()) {
            assertThat(after.get(n)).as(n).isEqualTo(before.get(n));
        }
    }

    @Test
    void aLostManifestIsRefusedAndNothingIsDeleted() {
        FaultInjectingFileSystem fs = store();
        fs.delete(FileNames.MANIFEST);
        TreeMap<String, byte[]> before = files(fs);
        assertThatThrownBy(() -> TripleStore.open(fs, options()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("manifest missing");
        assertUnchanged(fs, before);
    }

    @Test
    void aLostManifestWithOnlyALogHoldingCommitsIsRefused() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
        try (TripleStore s = TripleStore.open(fs, options())) {
            s.add("a", "p", "1");
        }
        assertThat(fs.list()).contains(FileNames.wal(1)).noneMatch(n -> n.endsWith(".sst"));
        fs.delete(FileNames.MANIFEST);
        TreeMap<String, byte[]> before = files(fs);
        assertThatThrownBy(() -> TripleStore.open(fs, options()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("log 000001.wal holds records");
        assertUnchanged(fs, before);
    }

    @Test
    void aCrashWhileCreatingTheDatabaseLeavesADirectoryThatOpens() {
        for (byte[] log : new byte[][] {new byte[0], java.util.Arrays.copyOf(Wal.header(), 9), Wal.header()}) {
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
            fs.setContent(FileNames.wal(1), log);
            fs.setContent(FileNames.MANIFEST_TMP, new byte[] {1, 2, 3});
            try (TripleStore s = TripleStore.open(fs, options())) {
                assertThat(s.count(null, null, null)).isZero();
                s.add("x", "y", "z");
            }
            try (TripleStore s = TripleStore.open(fs, options())) {
                assertThat(s.contains("x", "y", "z")).isTrue();
            }
        }
    }

    @Test
    void aMissingLogNamedByTheManifestIsRefused() {
        FaultInjectingFileSystem fs = store();
        String log = log(fs);
        fs.delete(log);
        assertThatThrownBy(() -> TripleStore.open(fs, options()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("log named by the manifest is missing")
                .satisfies(e -> assertThat(((CorruptionException) e).file()).isEqualTo(log));
    }

    @Test
    void damageAtTheStartOfALogThatIsNotTheNewestIsRefused() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
        try (TripleStore s = TripleStore.open(fs, options())) {
            s.add("a", "p", "1");
            s.flush();
            s.add("b", "p", "2"); // the log's only record
        }
        String log = log(fs);
        byte[] b = fs.content(log);
        b[Wal.HEADER_LENGTH + 4] ^= 1; // the first record's checksum
        fs.setContent(log, b);
        // A newer log, as a crash during a flush leaves it: header only.
        fs.setContent(FileNames.wal(FileNames.walNumber(log) + 1), Wal.header());
        assertThatThrownBy(() -> TripleStore.open(fs, options()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not the newest")
                .satisfies(e -> assertThat(((CorruptionException) e).file()).isEqualTo(log));
    }

    @Test
    void aChecksummedRecordThatDoesNotDecodeNamesItsOffset() {
        FaultInjectingFileSystem fs = store();
        String log = log(fs);
        byte[] good = fs.content(log);
        byte[] payload = {9, 9, 9};
        byte[] rec = new byte[Wal.RECORD_HEADER + payload.length];
        Bytes.putIntLE(rec, 0, payload.length);
        rec[8] = (byte) (Wal.FULL | Wal.SYNCED);
        System.arraycopy(payload, 0, rec, 9, payload.length);
        int crc = Crc32c.update(Crc32c.compute(rec, 0, 4), rec, 8, 1 + payload.length);
        Bytes.putIntLE(rec, 4, crc);
        byte[] b = java.util.Arrays.copyOf(good, good.length + rec.length);
        System.arraycopy(rec, 0, b, good.length, rec.length);
        fs.setContent(log, b);
        assertThatThrownBy(() -> TripleStore.open(fs, options()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("does not decode")
                .satisfies(e -> assertThat(((CorruptionException) e).offset()).isEqualTo(good.length));
    }

    /**
     * A commit larger than one fragment is written with one write, but the disk may keep its
     * later fragments and lose an earlier one. That commit was never acknowledged: recovery cuts
     * it and keeps everything before it.
     */
    @Test
    void aLargeCommitTornInItsFirstFragmentIsCutNotRefused() {
        FaultInjectingFileSystem fs = store();
        String log = log(fs);
        int before = fs.content(log).length;
        try (TripleStore s = TripleStore.open(fs, options())) {
            List<Triple> big = new ArrayList<>();
            big.add(Triple.of("big", "p", "x".repeat(TripleStore.MAX_TERM_BYTES)));
            big.add(Triple.of("big", "p", "small"));
            s.addAll(big);
        }
        byte[] b = fs.content(log);
        assertThat(b.length - before).isGreaterThan(Wal.MAX_FRAGMENT + Wal.RECORD_HEADER);
        assertThat(b[before + 8] & 0x7f).isEqualTo(Wal.FIRST);
        for (int i = before; i < before + 4096; i++) {
            b[i] = 0; // the first sector of the FIRST fragment never reached the disk
        }
        fs.setContent(log, b);
        try (TripleStore s = TripleStore.open(fs, options())) {
            assertThat(s.contains("big", "p", "small")).isFalse();
            assertThat(s.contains("a", "p", "1")).isTrue();
            assertThat(s.contains("b", "p", "2")).isTrue();
            assertThat(s.contains("c", "p", "3")).isTrue();
            assertThat(s.engineStats().recoveredTailBytes).isEqualTo(b.length - before);
        }
    }

    /** The same damage in a commit that was followed by a synced one is real corruption. */
    @Test
    void damageFollowedByACommitWrittenAfterASyncIsRefused() {
        FaultInjectingFileSystem fs = store();
        String log = log(fs);
        byte[] b = fs.content(log);
        // After the flush the log holds the commits of "b" and "c"; damage the first one.
        b[Wal.HEADER_LENGTH + Wal.RECORD_HEADER + 2] ^= 0x40;
        fs.setContent(log, b);
        assertThatThrownBy(() -> TripleStore.open(fs, options()))
                .isInstanceOf(CorruptionException.class)
                .satisfies(e -> assertThat(((CorruptionException) e).offset()).isEqualTo(Wal.HEADER_LENGTH));
    }
}
