package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nervusdb.Triple;
import org.nervusdb.testing.Seeds;

/** The per-predicate statistics tables carry: exact for one table, current after every flush and compaction. */
class TripleStatsTest {

    @Test
    void oneTableHoldsExactFiguresAndCompactionRestoresThem() {
        long seed = Seeds.base();
        for (int round = 0; round < 5 * Seeds.scale(); round++) {
            Random rnd = new Random(seed + round);
            Set<Triple> live = new LinkedHashSet<>();
            for (int i = 0; i < 3000; i++) {
                live.add(Triple.of("s" + rnd.nextInt(400), "p" + rnd.nextInt(6), "o" + rnd.nextInt(rnd.nextBoolean() ? 20 : 900)));
            }
            try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
                store.addAll(new ArrayList<>(live));
                try (TripleStore.StoreSnapshot snap = store.snapshot()) {
                    assertThat(snap.statistics(snap.lookup("p1"))).as("nothing written to a table yet").isNull();
                }
                store.flush();
                assertExact(store, live, "seed " + (seed + round) + " after one flush");
                // Deletes and additions in a second table: triple counts stay exact (puts minus
                // tombstones); distinct counts are summed over tables, so at least the truth.
                List<Triple> all = new ArrayList<>(live);
                for (int i = 0; i < 300; i++) {
                    Triple t = all.get(rnd.nextInt(all.size()));
                    if (live.remove(t)) {
                        store.delete(t.subject(), t.predicate(), t.object());
                    }
                }
                for (int i = 0; i < 200; i++) {
                    Triple t = Triple.of("t" + rnd.nextInt(50), "p" + rnd.nextInt(6), "o" + rnd.nextInt(50));
                    if (live.add(t)) {
                        store.add(t.subject(), t.predicate(), t.object());
                    }
                }
                store.flush();
                try (TripleStore.StoreSnapshot snap = store.snapshot()) {
                    for (int p = 0; p < 6; p++) {
                        double[] st = snap.statistics(snap.lookup("p" + p));
                        Exact e = exact(live, "p" + p);
                        assertThat(st[0]).as("p%d triples", p).isEqualTo(e.triples);
                        assertThat(st[1]).as("p%d subjects", p).isGreaterThanOrEqualTo(e.subjects.size());
                        assertThat(st[2]).as("p%d objects", p).isGreaterThanOrEqualTo(e.objects.size());
                    }
                }
                store.compact();
                assertExact(store, live, "seed " + (seed + round) + " after compaction");
                // Triples in memory add to the tables' counts exactly.
                for (int i = 0; i < 100; i++) {
                    Triple t = Triple.of("m" + i, "p" + rnd.nextInt(6), "o" + i);
                    live.add(t);
                    store.add(t.subject(), t.predicate(), t.object());
                }
                try (TripleStore.StoreSnapshot snap = store.snapshot()) {
                    for (int p = 0; p < 6; p++) {
                        long pid = snap.lookup("p" + p);
                        assertThat(snap.estimate(0, pid, 0)).as("p%d count with the memtable", p).isEqualTo(exact(live, "p" + p).triples);
                    }
                }
            }
        }
    }

    private static void assertExact(TripleStore store, Set<Triple> live, String label) {
        try (TripleStore.StoreSnapshot snap = store.snapshot()) {
            for (int p = 0; p < 6; p++) {
                Exact e = exact(live, "p" + p);
                double[] st = snap.statistics(snap.lookup("p" + p));
                assertThat(st).as("%s p%d", label, p).containsExactly(e.triples, e.subjects.size(), e.objects.size());
                assertThat(snap.estimate(0, snap.lookup("p" + p), 0)).as("%s p%d count", label, p).isEqualTo(e.triples);
            }
            Exact all = exact(live, null);
            assertThat(snap.statistics(0)).as("%s all", label).containsExactly(all.triples, all.subjects.size(), all.objects.size());
        }
    }

    static final class Exact {
        double triples;
        final Set<String> subjects = new HashSet<>();
        final Set<String> objects = new HashSet<>();
    }

    private static Exact exact(Set<Triple> live, String p) {
        Exact e = new Exact();
        for (Triple t : live) {
            if (p == null || t.predicate().equals(p)) {
                e.triples++;
                e.subjects.add(t.subject());
                e.objects.add(t.object());
            }
        }
        return e;
    }

    @Test
    void tablesWithMorePredicatesThanTheCapKeepTheFirstOnes() {
        TripleStats.Collector c = new TripleStats.Collector();
        Map<Long, Integer> expected = new HashMap<>();
        for (long p = 1; p <= TripleStats.MAX_PREDICATES + 10; p++) {
            c.add(Keys.index(Keys.POS, p, 7, 9), false);
            expected.put(p, 1);
        }
        TripleStats st = TripleStats.decode(c.finish());
        assertThat(st.truncated).isTrue();
        assertThat(st.get(1)).containsExactly(1, 0, 0, 1);
        assertThat(st.get(TripleStats.MAX_PREDICATES + 5)).isNull();
        assertThat(st.get(0)[TripleStats.TRIPLES]).isEqualTo(TripleStats.MAX_PREDICATES + 10);
        assertThat(TripleStats.decode(new byte[] {2, 0, 0})).as("a later layout is ignored").isNull();
        assertThat(TripleStats.decode(new byte[] {1, 0, (byte) 0x85})).as("a cut block is ignored").isNull();
    }
}
