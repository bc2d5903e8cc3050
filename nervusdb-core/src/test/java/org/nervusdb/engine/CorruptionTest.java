package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nervusdb.CorruptionException;
import org.nervusdb.FormatVersionException;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.testing.FaultInjectingFileSystem;
import org.nervusdb.testing.Seeds;

/**
 * Damage to every file type — a flipped byte at every offset, and truncation at many lengths —
 * must give a typed error or the correct data. The only permitted loss is the newest log record
 * when the damage lies inside it (a torn tail cannot be told apart from it).
 */
class CorruptionTest {

    private static final class Fixture {
        final FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
        final Set<Triple> truth = new HashSet<>();
        final Set<Triple> withoutLastBatch = new HashSet<>();
        /** Content after each commit that went to the newest log, and the log length then. */
        final List<Set<Triple>> walStates = new ArrayList<>();
        final List<Long> walLengths = new ArrayList<>();
        long lastRecordOffset;
        String wal;
        final List<String> tables = new ArrayList<>();
    }

    private static StoreOptions options() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 1 << 20;
        o.blockCacheBytes = 0;
        return o;
    }

    private static Fixture build() {
        Fixture f = new Fixture();
        try (TripleStore s = TripleStore.open(f.fs, options())) {
            for (int round = 0; round < 2; round++) {
                List<Triple> batch = new ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    batch.add(Triple.of("subject-" + round + "-" + (i % 13), "pred-" + (i % 3), "object-" + i));
                }
                s.addAll(batch);
                s.delete("subject-" + round + "-0", "pred-0", "object-0");
                s.flush();
            }
            String wal = walName(f.fs);
            f.walStates.add(all(s));
            f.walLengths.add((long) f.fs.content(wal).length);
            for (int i = 1; i <= 3; i++) {
                s.add("w" + i, "p", "o" + i);
                f.walStates.add(all(s));
                f.walLengths.add((long) f.fs.content(wal).length);
            }
            f.withoutLastBatch.addAll(f.walStates.get(2));
            f.lastRecordOffset = f.walLengths.get(2);
            f.truth.addAll(all(s));
        }
        for (String n : f.fs.list()) {
            if (n.endsWith(".sst")) {
                f.tables.add(n);
            }
        }
        f.wal = walName(f.fs);
        assertThat(f.tables).hasSize(2);
        return f;
    }

    private static String walName(FaultInjectingFileSystem fs) {
        return fs.list().stream().filter(n -> n.endsWith(".wal")).findFirst().orElseThrow();
    }

    private static Set<Triple> all(TripleStore s) {
        Set<Triple> out = new HashSet<>();
        try (TripleCursor c = s.find(null, null, null)) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    /** Opens the damaged copy and reads everything; returns null on a typed corruption error. */
    private static Set<Triple> readDamaged(Fixture f, String file, byte[] content) {
        FaultInjectingFileSystem copy = f.fs.crashImage(null);
        copy.setContent(file, content);
        try (TripleStore s = TripleStore.open(copy, options())) {
            s.verify();
            Set<Triple> got = all(s);
            // Probe the filtered paths too: per-subject and point lookups.
            for (Triple t : got) {
                assertThat(s.contains(t.subject(), t.predicate(), t.object())).isTrue();
            }
            for (Triple t : f.truth) {
                if (!got.contains(t)) {
                    assertThat(s.contains(t.subject(), t.predicate(), t.object())).isFalse();
                }
            }
            return got;
        } catch (CorruptionException | FormatVersionException e) {
            return null;
        }
    }

    private static int check(Fixture f, String file, byte[] damaged, long damageAt, String what) {
        Set<Triple> got = readDamaged(f, file, damaged);
        if (got == null) {
            return 1;
        }
        if (got.equals(f.truth)) {
            return 0;
        }
        boolean tailLoss = file.equals(f.wal) && damageAt >= f.lastRecordOffset && got.equals(f.withoutLastBatch);
        assertThat(tailLoss).as(what + ": silent wrong answer (" + got.size() + " of " + f.truth.size() + " triples)").isTrue();
        return 0;
    }

    @Test
    void everyFlippedByteIsDetectedOrHarmless() {
        Fixture f = build();
        List<String> files = new ArrayList<>(f.tables);
        files.add(f.wal);
        files.add(FileNames.MANIFEST);
        for (String file : files) {
            byte[] orig = f.fs.content(file);
            int detected = 0;
            for (int i = 0; i < orig.length; i++) {
                byte[] d = orig.clone();
                d[i] ^= (byte) (1 << (i % 8));
                detected += check(f, file, d, i, file + " flip at " + i);
            }
            System.out.println("CorruptionTest: " + file + " " + orig.length + " bytes flipped, " + detected + " detected");
            if (!file.equals(f.wal)) {
                assertThat(detected).as(file + ": every flip detected").isEqualTo(orig.length);
            }
        }
    }

    @Test
    void truncationIsDetectedOrCutAtTheLastGoodRecord() {
        Fixture f = build();
        Random rnd = new Random(Seeds.base());
        List<String> files = new ArrayList<>(f.tables);
        files.add(f.wal);
        files.add(FileNames.MANIFEST);
        for (String file : files) {
            byte[] orig = f.fs.content(file);
            for (int k = 0; k < 60; k++) {
                int len = k < 10 ? k : rnd.nextInt(orig.length);
                byte[] d = java.util.Arrays.copyOf(orig, len);
                if (!file.equals(f.wal)) {
                    assertThat(check(f, file, d, len, file + " truncated to " + len)).as(file + " truncated to " + len).isEqualTo(1);
                    continue;
                }
                // A log cut short keeps exactly the commits that end before the cut; one cut
                // inside its header is an error, since the manifest names this log.
                Set<Triple> got = readDamaged(f, file, d);
                if (len < Wal.HEADER_LENGTH) {
                    assertThat(got).as("log truncated to " + len).isNull();
                    continue;
                }
                int state = 0;
                while (state + 1 < f.walLengths.size() && f.walLengths.get(state + 1) <= len) {
                    state++;
                }
                assertThat(got).as("log truncated to " + len).isEqualTo(f.walStates.get(state));
            }
        }
    }

    @Test
    void zeroedPageAndSwappedFileAreDetected() {
        Fixture f = build();
        for (String file : f.tables) {
            byte[] d = f.fs.content(file);
            java.util.Arrays.fill(d, 0, Math.min(512, d.length), (byte) 0);
            assertThat(check(f, file, d, 0, file + " zeroed page")).isEqualTo(1);
        }
        // A table from another database of the same size or not: the manifest's size and entry
        // count, and the key range, no longer match.
        Fixture other = build();
        byte[] foreign = other.fs.content(other.tables.get(0));
        byte[] mine = f.fs.content(f.tables.get(1));
        if (!java.util.Arrays.equals(foreign, mine)) {
            assertThat(check(f, f.tables.get(1), foreign, 0, "swapped table")).isEqualTo(1);
        }
    }
}
