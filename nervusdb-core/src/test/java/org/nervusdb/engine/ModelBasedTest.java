package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nervusdb.Snapshot;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.testing.Seeds;

/**
 * Random operations against the store and against a sorted set of triples, compared after every
 * step on random patterns. Reopen, flush, compaction and snapshots are operations too. The seed
 * is printed; replay a failure with -Dnervusdb.seed=N.
 */
class ModelBasedTest {

    @Test
    void randomOperationsMatchTheModel() {
        long base = Seeds.base();
        int rounds = 12 * Seeds.scale();
        for (int r = 0; r < rounds; r++) {
            long seed = base + r;
            try {
                run(seed, 1500);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("model test failed with -Dnervusdb.seed=" + seed + ": " + e, e);
            }
        }
        System.out.println("ModelBasedTest: " + rounds + " rounds from seed " + base);
    }

    private static StoreOptions options(Random rnd) {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 16 << 10 << rnd.nextInt(3);
        o.blockCacheBytes = rnd.nextBoolean() ? 0 : 64 << 10;
        o.termCacheEntries = 16 + rnd.nextInt(64);
        o.inlineCompaction = rnd.nextBoolean();
        return o;
    }

    private static String term(Random rnd, String prefix, int range) {
        int n = rnd.nextInt(range);
        return n % 17 == 0 ? prefix + "\u00e9\uD83D\uDE00" + n : prefix + n;
    }

    private static void run(long seed, int steps) {
        Random rnd = new Random(seed);
        MemFileSystem fs = new MemFileSystem();
        TreeSet<Triple> model = new TreeSet<>();
        TripleStore store = TripleStore.open(fs, options(rnd));
        Snapshot snap = null;
        TreeSet<Triple> snapModel = null;
        try {
            for (int i = 0; i < steps; i++) {
                int op = rnd.nextInt(100);
                if (op < 40) {
                    Triple t = Triple.of(term(rnd, "s", 40), term(rnd, "p", 6), term(rnd, "o", 60));
                    assertThat(store.add(t.subject(), t.predicate(), t.object())).isEqualTo(model.add(t));
                } else if (op < 55) {
                    List<Triple> batch = new ArrayList<>();
                    int n = 1 + rnd.nextInt(50);
                    long expected = 0;
                    TreeSet<Triple> added = new TreeSet<>();
                    for (int k = 0; k < n; k++) {
                        Triple t = Triple.of(term(rnd, "s", 40), term(rnd, "p", 6), term(rnd, "o", 60));
                        batch.add(t);
                        if (!model.contains(t) && added.add(t)) {
                            expected++;
                        }
                    }
                    assertThat(store.addAll(batch)).isEqualTo(expected);
                    model.addAll(batch);
                } else if (op < 75) {
                    Triple t = rnd.nextInt(3) > 0 && !model.isEmpty() ? pick(rnd, model)
                            : Triple.of(term(rnd, "s", 40), term(rnd, "p", 6), term(rnd, "o", 60));
                    assertThat(store.delete(t.subject(), t.predicate(), t.object())).isEqualTo(model.remove(t));
                } else if (op < 80) {
                    store.close();
                    store = TripleStore.open(fs, options(rnd));
                    if (snap != null) {
                        snap = null;
                        snapModel = null;
                    }
                } else if (op < 84) {
                    store.flush();
                } else if (op < 86) {
                    store.compact();
                } else if (op < 88) {
                    while (store.compactStep()) {
                        // drain
                    }
                } else if (op < 91) {
                    if (snap != null) {
                        snap.close();
                    }
                    snap = store.snapshot();
                    snapModel = new TreeSet<>(model);
                } else {
                    check(rnd, store, model);
                    if (snap != null) {
                        check(rnd, snap, snapModel);
                    }
                }
            }
            check(rnd, store, model);
            assertThat(store.count(null, null, null)).isEqualTo(model.size());
            assertThat(sorted(store.find(null, null, null))).isEqualTo(new ArrayList<>(model));
        } finally {
            if (snap != null) {
                snap.close();
            }
            store.close();
        }
    }

    private static Triple pick(Random rnd, TreeSet<Triple> model) {
        int i = rnd.nextInt(model.size());
        for (Triple t : model) {
            if (i-- == 0) {
                return t;
            }
        }
        throw new IllegalStateException();
    }

    private static void check(Random rnd, org.nervusdb.TripleReader reader, TreeSet<Triple> model) {
        for (int k = 0; k < 8; k++) {
            Triple probe = !model.isEmpty() && rnd.nextBoolean() ? pick(rnd, model)
                    : Triple.of(term(rnd, "s", 40), term(rnd, "p", 6), term(rnd, "o", 60));
            int mask = rnd.nextInt(8);
            String s = (mask & 1) != 0 ? probe.subject() : null;
            String p = (mask & 2) != 0 ? probe.predicate() : null;
            String o = (mask & 4) != 0 ? probe.object() : null;
            List<Triple> expected = new ArrayList<>();
            for (Triple t : model) {
                if ((s == null || s.equals(t.subject())) && (p == null || p.equals(t.predicate()))
                        && (o == null || o.equals(t.object()))) {
                    expected.add(t);
                }
            }
            List<Triple> actual = sorted(reader.find(s, p, o));
            assertThat(actual).as("find(%s, %s, %s)", s, p, o).isEqualTo(expected);
            assertThat(reader.count(s, p, o)).isEqualTo(expected.size());
            assertThat(reader.contains(s, p, o)).isEqualTo(!expected.isEmpty());
        }
    }

    private static List<Triple> sorted(TripleCursor c) {
        TreeSet<Triple> out = new TreeSet<>();
        int n = 0;
        try (c) {
            while (c.hasNext()) {
                out.add(c.next());
                n++;
            }
        }
        assertThat(n).as("no duplicates in results").isEqualTo(out.size());
        return new ArrayList<>(out);
    }
}
