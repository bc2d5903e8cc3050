package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.testing.FaultInjectingFileSystem;

/**
 * With background flushing a full memtable is frozen and a new log started; the frozen memtable
 * stays readable until a background step writes it out, and a crash in between loses nothing.
 */
class BackgroundFlushTest {
    private final AtomicInteger signals = new AtomicInteger();

    private StoreOptions options() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 4 << 10;
        o.inlineCompaction = false;
        o.backgroundWorkDue = signals::incrementAndGet;
        return o;
    }

    private static long logs(FaultInjectingFileSystem fs) {
        return fs.list().stream().filter(n -> FileNames.walNumber(n) >= 0).count();
    }

    private static long tables(FaultInjectingFileSystem fs) {
        return fs.list().stream().filter(n -> FileNames.tableNumber(n) >= 0).count();
    }

    private static Set<Triple> all(TripleStore s) {
        Set<Triple> r = new HashSet<>();
        try (TripleCursor c = s.find(null, null, null)) {
            while (c.hasNext()) {
                r.add(c.next());
            }
        }
        return r;
    }

    /** Adds one small commit at a time until a memtable is frozen; returns what was added. */
    private List<Triple> fillUntilFrozen(TripleStore s, FaultInjectingFileSystem fs) {
        List<Triple> added = new ArrayList<>();
        for (int i = 0; logs(fs) < 2; i++) {
            assertThat(i).as("a memtable should freeze").isLessThan(10_000);
            Triple t = Triple.of("s" + i, "p" + (i % 3), "o" + i);
            s.add(t.subject(), t.predicate(), t.object());
            added.add(t);
        }
        return added;
    }

    @Test
    void aFrozenMemtableIsReadableAndWrittenOutByTheBackgroundStep() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
        try (TripleStore s = TripleStore.open(fs, options())) {
            List<Triple> added = fillUntilFrozen(s, fs);
            assertThat(signals.get()).isEqualTo(1);
            assertThat(tables(fs)).isZero();
            // Frozen, not yet written: every triple is still visible, and writes go on.
            s.add("late", "p", "o");
            added.add(Triple.of("late", "p", "o"));
            assertThat(all(s)).containsExactlyInAnyOrderElementsOf(added);

            assertThat(s.compactStep()).isTrue();
            assertThat(tables(fs)).isEqualTo(1);
            assertThat(logs(fs)).isEqualTo(1);
            assertThat(all(s)).containsExactlyInAnyOrderElementsOf(added);
            assertThat(s.count(null, null, null)).isEqualTo(added.size());
        }
    }

    @Test
    void aCrashWhileAMemtableIsFrozenReplaysBothLogs() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
        List<Triple> added;
        TripleStore s = TripleStore.open(fs, options());
        added = fillUntilFrozen(s, fs);
        s.add("after", "freeze", "1");
        added.add(Triple.of("after", "freeze", "1"));
        // Power cut now: only synced bytes survive; the store is never closed.
        FaultInjectingFileSystem image = fs.crashImage(null);
        assertThat(logs(image)).isEqualTo(2);
        try (TripleStore r = TripleStore.open(image, options())) {
            assertThat(all(r)).containsExactlyInAnyOrderElementsOf(added);
            assertThat(r.count(null, null, null)).isEqualTo(added.size());
        }
        s.close();
    }

    @Test
    void aWriterThatFillsTheNextMemtableWritesOutTheFrozenOneItself() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
        try (TripleStore s = TripleStore.open(fs, options())) {
            List<Triple> added = fillUntilFrozen(s, fs);
            // No background step runs; keep writing well past a second memtable.
            for (int i = 0; i < 2_000; i++) {
                Triple t = Triple.of("x" + i, "q", "y" + i);
                s.add(t.subject(), t.predicate(), t.object());
                added.add(t);
            }
            assertThat(tables(fs)).isPositive();
            assertThat(logs(fs)).isBetween(1L, 2L);
            assertThat(s.engineStats().memtableBytes).isLessThan(3 * (4 << 10) + 4096);
            assertThat(all(s)).containsExactlyInAnyOrderElementsOf(added);
        }
    }

    @Test
    void flushWritesBothTheFrozenAndTheActiveMemtable() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
        try (TripleStore s = TripleStore.open(fs, options())) {
            List<Triple> added = fillUntilFrozen(s, fs);
            s.add("active", "p", "o");
            added.add(Triple.of("active", "p", "o"));
            s.flush();
            assertThat(s.engineStats().memtableBytes).isZero();
            assertThat(logs(fs)).isEqualTo(1);
            assertThat(all(s)).containsExactlyInAnyOrderElementsOf(added);
        }
        try (TripleStore s = TripleStore.open(fs, options())) {
            assertThat(s.engineStats().memtableBytes).isZero();
        }
    }
}
