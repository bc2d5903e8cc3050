package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.testing.Seeds;

/**
 * Read-only handles beside a writer in another process ({@code ChildProcess counter}), which is
 * killed with SIGKILL at a random moment and started again: every open and refresh shows a
 * whole number of commits, never fewer than the writer had acknowledged before it; the writer
 * never waits for them; older snapshots keep their state while the writer deletes files.
 */
class ReadOnlyReaderTest {
    private static final Options READ_ONLY = Options.defaults().readOnly(true);

    /** The number of commits a snapshot shows, checked against everything else it shows. */
    private static int whole(Snapshot s) {
        List<Triple> counter = new java.util.ArrayList<>();
        try (TripleCursor c = s.find("counter", "value", null)) {
            while (c.hasNext()) {
                counter.add(c.next());
            }
        }
        if (counter.isEmpty()) {
            assertThat(s.count(null, "item", null)).isZero();
            return 0;
        }
        assertThat(counter).as("one counter").hasSize(1);
        String v = counter.get(0).object();
        int n = Integer.parseInt(v.substring(1, v.indexOf('"', 1)));
        assertThat(s.count(null, "item", null)).as("items of %d commits", n).isEqualTo(10L * n);
        assertThat(s.contains("s" + (n - 1) + "-9", "item", "\"" + (n - 1) + "\"")).isTrue();
        return n;
    }

    private static int acknowledged(Path log) throws Exception {
        int acked = -1;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("C ")) {
                acked = Integer.parseInt(line.substring(2).trim());
            }
        }
        return acked + 1;
    }

    private static void awaitReady(Path log, Process p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && p.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains("ready")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the writer did not start: " + (Files.exists(log) ? Files.readString(log) : "no output"));
    }

    @Test
    void readersInThisProcessSeeWholeCommitsOfAWriterInAnother(@TempDir Path dir) throws Exception {
        Random rnd = new Random(Seeds.base());
        Path db = dir.resolve("db");
        int cycles = 3 * Seeds.scale();
        int last = 0;
        long refreshes = 0;
        long opens = 0;
        NervusDB longLived = null;
        try {
            for (int c = 0; c < cycles; c++) {
                Path log = dir.resolve("acks-" + c + ".txt");
                Process p = ChildProcess.start(log, "counter", db.toString());
                try {
                    awaitReady(log, p);
                    if (longLived == null) {
                        longLived = NervusDB.open(db, READ_ONLY);
                        assertThat(longLived.isReadOnly()).isTrue();
                    }
                    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600 + rnd.nextInt(900));
                    while (System.nanoTime() < end) {
                        try (NervusDB r = NervusDB.open(db, READ_ONLY); Snapshot s = r.snapshot()) {
                            int n = whole(s);
                            assertThat(n).as("a new reader sees at least what an older one saw").isGreaterThanOrEqualTo(last);
                            last = n;
                            opens++;
                        }
                        Snapshot before = longLived.snapshot();
                        int seen = whole(before);
                        if (longLived.refresh()) {
                            refreshes++;
                        }
                        try (Snapshot after = longLived.snapshot()) {
                            assertThat(whole(after)).as("a refresh never goes back").isGreaterThanOrEqualTo(seen);
                        }
                        // The older snapshot still shows its state, whatever the writer deleted since.
                        assertThat(whole(before)).isEqualTo(seen);
                        before.close();
                    }
                } finally {
                    p.destroyForcibly();
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                int acked = acknowledged(log);
                // After the kill, a reader sees every acknowledged commit (synced before it was
                // acknowledged) and whole ones only, whatever the log's torn end holds.
                try (NervusDB r = NervusDB.open(db, READ_ONLY); Snapshot s = r.snapshot()) {
                    int n = whole(s);
                    assertThat(n).as("cycle %d: acknowledged commits", c).isGreaterThanOrEqualTo(acked);
                    assertThat(n).isLessThanOrEqualTo(acked + 1);
                    last = n;
                }
                longLived.refresh();
                try (Snapshot s = longLived.snapshot()) {
                    assertThat(whole(s)).isEqualTo(last);
                }
            }
        } finally {
            if (longLived != null) {
                longLived.close();
            }
        }
        System.out.println("ReadOnlyReaderTest: " + cycles + " writers killed, " + last + " commits, " + opens
                + " read-only opens, " + refreshes + " refreshes that found new commits");
        assertThat(refreshes).isGreaterThan(cycles);
        try (NervusDB w = NervusDB.open(db)) {
            assertThat(w.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void readOnlyHandlesRefuseWritesAndNeverCreate(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        assertThatThrownBy(() -> NervusDB.open(db, READ_ONLY)).isInstanceOf(StorageException.class)
                .hasMessageContaining("no database");
        assertThat(db).doesNotExist();
        Files.createDirectories(db);
        assertThatThrownBy(() -> NervusDB.open(db, READ_ONLY)).isInstanceOf(StorageException.class)
                .hasMessageContaining("no database");
        assertThat(Files.list(db).count()).isZero();
        try (NervusDB w = NervusDB.open(db)) {
            w.add("a", "b", "c");
            // The writer holds the lock; read-only handles need none.
            try (NervusDB r = NervusDB.open(db, READ_ONLY); NervusDB r2 = NervusDB.open(db, READ_ONLY)) {
                assertThat(r.contains("a", "b", "c")).isTrue();
                assertThat(r2.count(null, null, null)).isEqualTo(1);
                w.add("d", "e", "f");
                assertThat(r.contains("d", "e", "f")).as("not before a refresh").isFalse();
                assertThat(r.refresh()).isTrue();
                assertThat(r.contains("d", "e", "f")).isTrue();
                assertThat(r.refresh()).isFalse();
                assertThatThrownBy(() -> r.add("a", "b", "c")).isInstanceOf(ReadOnlyException.class);
                assertThatThrownBy(() -> r.update("INSERT DATA { <x> <y> <z> }")).isInstanceOf(ReadOnlyException.class);
                assertThatThrownBy(r::flush).isInstanceOf(ReadOnlyException.class);
                assertThatThrownBy(r::compact).isInstanceOf(ReadOnlyException.class);
                assertThat(r.stats().triples()).isEqualTo(2);
            }
            assertThatThrownBy(w::refresh).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aStoreThatNeedsAnUpgradeIsNotUpgradedReadOnly(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("v3");
        Path fixture = Path.of("src/test/resources/fixtures/layout-v3");
        try (Stream<Path> files = Files.list(fixture)) {
            Files.createDirectories(db);
            for (Path f : files.collect(Collectors.toList())) {
                Files.copy(f, db.resolve(f.getFileName()));
            }
        }
        List<String> before;
        try (Stream<Path> files = Files.list(db)) {
            before = files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertThatThrownBy(() -> NervusDB.open(db, READ_ONLY)).isInstanceOf(ReadOnlyException.class)
                .hasMessageContaining("open it once for writing");
        try (Stream<Path> files = Files.list(db)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList())).isEqualTo(before);
        }
        try (NervusDB w = NervusDB.open(db)) {
            assertThat(w.count(null, null, null)).isPositive();
        }
        try (NervusDB r = NervusDB.open(db, READ_ONLY)) {
            assertThat(r.count(null, null, null)).isPositive();
        }
    }
}
