package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nervusdb.ReadOnlyException;
import org.nervusdb.StorageException;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.testing.FaultInjectingFileSystem;
import org.nervusdb.testing.Seeds;

/**
 * Power cuts at every I/O operation of seeded workloads (with unsynced data dropped, or partly
 * written back), and injected I/O errors at every operation. After each, the recovered store
 * must hold every acknowledged commit, nothing that was never attempted, and reopen cleanly.
 */
class CrashStateTest {

    /** What the workload knows: triples whose add or delete was acknowledged, and the one in flight. */
    private static final class Oracle {
        final Set<Triple> present = new HashSet<>();
        final Set<Triple> absent = new HashSet<>();
        final List<Triple> inFlight = new ArrayList<>();
    }

    private static StoreOptions options() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 8 << 10;
        o.blockCacheBytes = 16 << 10;
        return o;
    }

    /**
     * Odd seeds run with background flushing: a full memtable is frozen and only written out by
     * a later compactStep (or by a writer that fills the next one), so crashes also hit the
     * states where two logs are live.
     */
    private static StoreOptions options(long seed) {
        StoreOptions o = options();
        o.inlineCompaction = (seed & 1) == 0;
        return o;
    }

    /** Runs a workload until the file system fails; returns what was acknowledged. */
    private static Oracle workload(FaultInjectingFileSystem fs, long seed, int steps) {
        Oracle or = new Oracle();
        Random rnd = new Random(seed);
        TripleStore s = null;
        try {
            s = TripleStore.open(fs, options(seed));
            for (int i = 0; i < steps; i++) {
                int op = rnd.nextInt(10);
                or.inFlight.clear();
                if (op < 6) {
                    List<Triple> batch = new ArrayList<>();
                    for (int k = 0, n = 1 + rnd.nextInt(20); k < n; k++) {
                        batch.add(Triple.of("s" + rnd.nextInt(30), "p" + rnd.nextInt(4), "o" + i + "-" + k));
                    }
                    or.inFlight.addAll(batch);
                    s.addAll(batch);
                    or.present.addAll(batch);
                    or.absent.removeAll(batch);
                } else if (op < 8 && !or.present.isEmpty()) {
                    Triple t = or.present.iterator().next();
                    or.inFlight.add(t);
                    s.delete(t.subject(), t.predicate(), t.object());
                    or.present.remove(t);
                    or.absent.add(t);
                } else if (op == 8) {
                    s.flush();
                } else {
                    s.compactStep();
                }
                or.inFlight.clear();
            }
            s.compact();
            s.close();
        } catch (StorageException e) {
            // The injected fault or power cut: everything acknowledged so far is in the oracle.
            FaultInjectingFileSystem.closeAfterFault(s);
        }
        return or;
    }

    private static void verify(FaultInjectingFileSystem image, Oracle or, String ctx) {
        Set<Triple> found = new HashSet<>();
        try (TripleStore s = TripleStore.open(image, options())) {
            try (TripleCursor c = s.find(null, null, null)) {
                c.forEachRemaining(found::add);
            }
            assertThat(s.count(null, null, null)).as(ctx + " count").isEqualTo(found.size());
            for (Triple t : or.present) {
                if (!or.inFlight.contains(t)) {
                    assertThat(found).as(ctx + " acknowledged add lost").contains(t);
                }
            }
            for (Triple t : or.absent) {
                if (!or.inFlight.contains(t)) {
                    assertThat(found).as(ctx + " acknowledged delete undone").doesNotContain(t);
                }
            }
            for (Triple t : found) {
                assertThat(or.present.contains(t) || or.absent.contains(t) || or.inFlight.contains(t))
                        .as(ctx + " unknown triple " + t).isTrue();
            }
            s.add("after", "recovery", "write");
        }
        try (TripleStore s = TripleStore.open(image, options())) {
            assertThat(s.contains("after", "recovery", "write")).as(ctx + " reopen after recovery").isTrue();
        }
    }

    @Test
    void powerCutAtEveryOperation() {
        long base = Seeds.base();
        int states = 0;
        int workloads = 24 * Seeds.scale();
        for (int w = 0; w < workloads; w++) {
            long seed = base + w;
            FaultInjectingFileSystem probe = new FaultInjectingFileSystem();
            workload(probe, seed, 60);
            long total = probe.operations();
            for (long cut = 1; cut <= total + 1; cut++) {
                FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
                fs.powerCutAt(cut);
                Oracle or = workload(fs, seed, 60);
                Random partial = new Random(seed * 31 + cut);
                verify(fs.crashImage(null), or, "seed " + seed + " cut " + cut + " dropped");
                verify(fs.crashImage(partial), or, "seed " + seed + " cut " + cut + " partial");
                verify(fs.crashImage(partial, true), or, "seed " + seed + " cut " + cut + " reordered");
                states += 3;
            }
        }
        System.out.println("CrashStateTest: " + states + " crash states from seed " + base);
        assertThat(states).isGreaterThan(100);
    }

    /**
     * Without fsync per commit, a power cut may lose recent commits but must leave the state of
     * one commit: at or after the last explicit flush, never a partial batch, never a refusal.
     */
    @Test
    void noSyncModeRecoversToTheStateOfOneCommit() {
        long base = Seeds.base();
        int states = 0;
        for (int w = 0; w < 6 * Seeds.scale(); w++) {
            long seed = base + 1000 + w;
            FaultInjectingFileSystem probe = new FaultInjectingFileSystem();
            noSyncWorkload(probe, seed, new ArrayList<>());
            long total = probe.operations();
            for (long cut = 1; cut <= total + 1; cut++) {
                FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
                fs.powerCutAt(cut);
                List<Set<Triple>> history = new ArrayList<>();
                int durable = noSyncWorkload(fs, seed, history);
                Random rnd = new Random(seed * 17 + cut);
                String ctx = "seed " + seed + " cut " + cut;
                checkOneCommit(fs.crashImage(null), history, durable, ctx + " dropped");
                checkOneCommit(fs.crashImage(rnd), history, durable, ctx + " partial");
                checkOneCommit(fs.crashImage(rnd, true), history, durable, ctx + " reordered");
                states += 3;
            }
        }
        System.out.println("CrashStateTest (no sync): " + states + " crash states");
        assertThat(states).isGreaterThan(100);
    }

    /**
     * Fills {@code history} with the expected content after each commit (index 0: empty; the last
     * entry may be a commit in flight); returns the index of the last commit known to be durable.
     */
    private static int noSyncWorkload(FaultInjectingFileSystem fs, long seed, List<Set<Triple>> history) {
        StoreOptions o = options();
        o.syncOnCommit = false;
        Random rnd = new Random(seed);
        Set<Triple> state = new HashSet<>();
        history.add(new HashSet<>(state));
        int durable = 0;
        TripleStore s = null;
        try {
            s = TripleStore.open(fs, o);
            for (int i = 0; i < 80; i++) {
                int op = rnd.nextInt(10);
                if (op < 7) {
                    List<Triple> batch = new ArrayList<>();
                    for (int k = 0, n = 1 + rnd.nextInt(40); k < n; k++) {
                        batch.add(Triple.of("s" + rnd.nextInt(30), "p" + rnd.nextInt(4), "o" + rnd.nextInt(200)));
                    }
                    if (state.containsAll(batch)) {
                        continue;
                    }
                    state.addAll(batch);
                    history.add(new HashSet<>(state));
                    s.addAll(batch);
                } else if (op < 9 && !state.isEmpty()) {
                    Triple t = state.iterator().next();
                    state.remove(t);
                    history.add(new HashSet<>(state));
                    s.delete(t.subject(), t.predicate(), t.object());
                } else {
                    s.flush();
                    durable = history.size() - 1;
                }
            }
            s.close();
            durable = history.size() - 1;
        } catch (StorageException e) {
            FaultInjectingFileSystem.closeAfterFault(s);
        }
        return durable;
    }

    private static void checkOneCommit(FaultInjectingFileSystem image, List<Set<Triple>> history, int durable,
            String ctx) {
        Set<Triple> found = new HashSet<>();
        try (TripleStore s = TripleStore.open(image, options())) {
            try (TripleCursor c = s.find(null, null, null)) {
                c.forEachRemaining(found::add);
            }
            assertThat(s.count(null, null, null)).as(ctx + " count").isEqualTo(found.size());
        }
        int match = history.lastIndexOf(found);
        assertThat(match).as(ctx + " recovered state is the state after one commit").isGreaterThanOrEqualTo(0);
        assertThat(match).as(ctx + " state at or after the last flush (index " + durable + ")")
                .isGreaterThanOrEqualTo(durable);
    }

    @Test
    void ioErrorAtEveryOperationLeavesStoreReadOnlyAndRecoverable() {
        long seed = Seeds.base();
        FaultInjectingFileSystem probe = new FaultInjectingFileSystem();
        workload(probe, seed, 40);
        long total = probe.operations();
        for (long n = 1; n <= total; n++) {
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
            fs.failAt(n);
            Oracle or = workload(fs, seed, 40);
            // The process keeps running after an I/O error: no data is dropped, so the current
            // files are the "image"; unsynced data may or may not be there, as with a crash.
            verify(fs.crashImage(new Random(n)), or, "seed " + seed + " error at " + n);
        }
    }

    @Test
    void writesAfterAFailedCommitAreRefused() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
        try (TripleStore s = TripleStore.open(fs, options())) {
            s.add("a", "b", "c");
            fs.failAt(fs.operations() + 1);
            try {
                s.add("d", "e", "f");
            } catch (StorageException expected) {
                // The injected error reaches the caller.
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.add("g", "h", "i"))
                    .isInstanceOf(ReadOnlyException.class);
            assertThat(s.contains("a", "b", "c")).isTrue();
        }
    }
}
