package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NervusDBTest {

    @Test
    void verifyChecksEveryTableEntryAndNamesADamagedBlock(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("v.nervusdb");
        try (NervusDB d = NervusDB.open(db)) {
            for (int i = 0; i < 500; i++) {
                d.add("s" + i, "p", "o" + i);
            }
            d.flush();
            // 500 triples: 3 index keys each, 1,001 terms with 2 dictionary keys each, 5 meta keys.
            assertThat(d.verify()).isEqualTo(500 * 3 + 1001 * 2 + 5);
        }
        Path sst;
        try (Stream<Path> files = Files.list(db)) {
            sst = files.filter(f -> f.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(sst);
        b[b.length / 3] ^= 0x40;
        Files.write(sst, b);
        // The damaged block may or may not be one that opening reads; verify finds it either way.
        assertThatThrownBy(() -> {
            try (NervusDB d = NervusDB.open(db)) {
                d.verify();
            }
        }).isInstanceOf(CorruptionException.class).hasMessageContaining(sst.getFileName().toString());
    }

    @Test
    void publicApiRoundTripOnDisk(@TempDir Path dir) {
        Path db = dir.resolve("demo.nervusdb");
        try (NervusDB d = NervusDB.open(db)) {
            assertThat(d.add("alice", "knows", "bob")).isTrue();
            assertThat(d.add(Triple.of("alice", "knows", "carol"))).isTrue();
            assertThat(d.addAll(List.of(Triple.of("bob", "knows", "carol"), Triple.of("alice", "knows", "bob")))).isEqualTo(1);
            assertThat(d.count(null, null, null)).isEqualTo(3);
            assertThat(d.query().whereSubject("alice").execute()).hasSize(2);
            assertThat(d.query().whereSubject("alice").limit(1).execute()).hasSize(1);
            assertThat(d.query().wherePredicate("knows").whereObject("carol").count()).isEqualTo(2);
            assertThat(d.query().whereSubject("alice").whereSubject("bob").execute()).isEmpty();
            try (Stream<Triple> s = d.query().wherePredicate("knows").stream()) {
                assertThat(s.map(Triple::subject).collect(Collectors.toSet())).containsExactlyInAnyOrder("alice", "bob");
            }
            try (Stream<Triple> s = d.find(null, "knows", "carol")) {
                assertThat(s.count()).isEqualTo(2);
            }
            assertThat(d.delete("alice", "knows", "bob")).isTrue();
            assertThat(d.delete(Triple.of("alice", "knows", "bob"))).isFalse();
            Stats st = d.stats();
            assertThat(st.triples()).isEqualTo(2);
            assertThat(st.terms()).isEqualTo(4);
            assertThat(st.bytes()).isPositive();
        }
        assertThat(Files.exists(db.resolve("MANIFEST"))).isTrue();
        try (NervusDB d = NervusDB.open(db)) {
            assertThat(d.count(null, null, null)).isEqualTo(2);
            d.flush();
            d.compact();
            assertThat(d.stats().tables()).isEqualTo(1);
            assertThat(d.contains("bob", "knows", "carol")).isTrue();
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseIsAClearError(@TempDir Path dir) {
        NervusDB d = NervusDB.open(dir);
        d.add("a", "b", "c");
        Snapshot snap = d.snapshot();
        d.close();
        d.close();
        assertThat(d.isClosed()).isTrue();
        assertThatThrownBy(() -> d.add("x", "y", "z")).isInstanceOf(DatabaseClosedException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> d.find(null, null, null)).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(d::query).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(d::stats).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> snap.find(null, null, null)).isInstanceOf(DatabaseClosedException.class);
        snap.close();
    }

    @Test
    void everySyncModeKeepsDataAcrossReopen(@TempDir Path dir) {
        for (SyncMode m : SyncMode.values()) {
            Path p = dir.resolve(m.name());
            Options o = Options.defaults().syncMode(m).syncInterval(Duration.ofMillis(5)).backgroundCompaction(m != SyncMode.NONE);
            try (NervusDB d = NervusDB.open(p, o)) {
                List<Triple> batch = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    batch.add(Triple.of("s" + i, "p", "o" + i));
                }
                d.addAll(batch);
                d.add("x", "y", "z");
            }
            try (NervusDB d = NervusDB.open(p, o)) {
                assertThat(d.count(null, null, null)).as(m.name()).isEqualTo(501);
            }
        }
    }

    @Test
    void backgroundCompactionBoundsTheTableCount(@TempDir Path dir) throws Exception {
        Options o = Options.defaults().memtableSize(64 << 10).syncMode(SyncMode.NONE);
        try (NervusDB d = NervusDB.open(dir, o)) {
            for (int b = 0; b < 60; b++) {
                List<Triple> batch = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    batch.add(Triple.of("s" + b, "p" + (i % 5), "o" + b + "-" + i));
                }
                d.addAll(batch);
            }
            // Wait until the worker is idle: the same figures for a second (it polls every 50 ms).
            long deadline = System.currentTimeMillis() + 60_000;
            Stats st = d.stats();
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(1_000);
                Stats next = d.stats();
                boolean idle = next.flushes() == st.flushes() && next.compactions() == st.compactions()
                        && next.tables() == st.tables() && next.memtableBytes() == st.memtableBytes();
                st = next;
                if (idle) {
                    break;
                }
            }
            // Tiered compaction: tables of one size tier (sizes within a factor of the fan-in, 4,
            // from a quarter of the memtable up) are merged once four of them are side by side,
            // so an idle store holds at most three tables per tier.
            long base = (64 << 10) / 4;
            int tiers = 1;
            for (long s = st.bytes() / base; s >= 4; s /= 4) {
                tiers++;
            }
            assertThat(st.flushes()).isGreaterThan(10);
            assertThat(st.compactions()).isPositive();
            assertThat(st.tables()).as("%s, %d size tiers", st, tiers).isLessThanOrEqualTo(3 * tiers)
                    .isLessThan((int) st.flushes() / 2);
            assertThat(d.count(null, null, null)).isEqualTo(60 * 400);
        }
    }

    @Test
    void optionsRejectNonsense() {
        assertThatThrownBy(() -> Options.defaults().memtableSize(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.defaults().blockCacheSize(-1)).isInstanceOf(IllegalArgumentException.class);
        // The default block cache follows the heap: an eighth of it, 32 MiB to 1 GiB.
        assertThat(Options.defaultBlockCacheSize(128L << 20)).isEqualTo(32L << 20);
        assertThat(Options.defaultBlockCacheSize(4L << 30)).isEqualTo(512L << 20);
        assertThat(Options.defaultBlockCacheSize(64L << 30)).isEqualTo(1L << 30);
        assertThat(Options.defaultBlockCacheSize(Long.MAX_VALUE)).isEqualTo(32L << 20);
        assertThat(Options.defaultBlockCacheSize(Runtime.getRuntime().maxMemory())).isEqualTo(Options.defaults().blockCacheSize());
        assertThatThrownBy(() -> Options.defaults().syncInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.defaults().syncMode(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.defaults().termCacheEntries(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inMemoryDatabaseWorksAndLeavesNothing() {
        try (NervusDB d = NervusDB.openInMemory()) {
            d.add("a", "b", "c");
            assertThat(d.find("a", null, null).count()).isEqualTo(1);
            assertThatThrownBy(() -> d.add("a", null, "c")).isInstanceOf(InvalidTermException.class)
                    .extracting(e -> ((NervusDBException) e).code()).isEqualTo("INVALID_TERM");
        }
    }

    @Test
    void corruptManifestRefusesToOpenAndNamesTheFile(@TempDir Path dir) throws Exception {
        try (NervusDB d = NervusDB.open(dir)) {
            d.add("a", "b", "c");
            d.flush();
        }
        byte[] m = Files.readAllBytes(dir.resolve("MANIFEST"));
        m[20] ^= 1;
        Files.write(dir.resolve("MANIFEST"), m);
        assertThatThrownBy(() -> NervusDB.open(dir)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("MANIFEST")
                .extracting(e -> ((CorruptionException) e).file()).isEqualTo("MANIFEST");
        // The lock was released by the failed open.
        m[20] ^= 1;
        Files.write(dir.resolve("MANIFEST"), m);
        try (NervusDB d = NervusDB.open(dir)) {
            assertThat(d.contains("a", "b", "c")).isTrue();
        }
    }
}
