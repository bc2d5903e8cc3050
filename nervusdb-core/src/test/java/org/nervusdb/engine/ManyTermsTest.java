package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.io.MemFileSystem;

/** Many distinct terms (ids of one to three bytes) through many flushes and compactions. */
class ManyTermsTest {

    @Test
    void everyAddedTripleSurvivesFlushesCompactionsAndReopen() {
        MemFileSystem fs = new MemFileSystem();
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 64 << 10;
        Random rnd = new Random(42);
        Set<Triple> model = new HashSet<>();
        List<Triple> mine = new ArrayList<>();
        TripleStore s = TripleStore.open(fs, o);
        for (int i = 0; i < 4000; i++) {
            if (rnd.nextInt(5) == 0 && !mine.isEmpty()) {
                Triple t = mine.remove(rnd.nextInt(mine.size()));
                assertThat(s.delete(t.subject(), t.predicate(), t.object())).as("delete %s at %d", t, i).isTrue();
                model.remove(t);
            } else {
                List<Triple> batch = new ArrayList<>();
                int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 50);
                for (int k = 0; k < n; k++) {
                    batch.add(Triple.of("s" + rnd.nextInt(500), "p" + rnd.nextInt(10), "c-" + i + "-" + k));
                }
                s.addAll(batch);
                model.addAll(batch);
                mine.addAll(batch);
            }
            if (i % 500 == 499) {
                s.close();
                s = TripleStore.open(fs, o);
            }
        }
        Set<Triple> found = new HashSet<>();
        try (TripleCursor c = s.find(null, null, null)) {
            c.forEachRemaining(found::add);
        }
        Set<Triple> missing = new HashSet<>(model);
        missing.removeAll(found);
        assertThat(missing).as("missing of " + model.size()).isEmpty();
        assertThat(found).hasSize(model.size());
        s.close();
    }
}
