package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill test's workload on disk without kills: reopen often, then compare with a model. */
class DiskWorkloadTest {

    @Test
    void workloadSurvivesReopenOnDisk(@TempDir Path dir) {
        Options o = Options.defaults().memtableSize(64 << 10);
        Random rnd = new Random(7);
        Set<Triple> model = new HashSet<>();
        List<Triple> mine = new ArrayList<>();
        NervusDB db = NervusDB.open(dir, o);
        for (int i = 0; i < 3000; i++) {
            if (rnd.nextInt(5) == 0 && !mine.isEmpty()) {
                Triple t = mine.remove(rnd.nextInt(mine.size()));
                assertThat(db.delete(t)).isTrue();
                model.remove(t);
            } else {
                List<Triple> batch = new ArrayList<>();
                int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 50);
                for (int k = 0; k < n; k++) {
                    batch.add(Triple.of("s" + rnd.nextInt(500), "p" + rnd.nextInt(10), "c-" + i + "-" + k));
                }
                db.addAll(batch);
                model.addAll(batch);
                mine.addAll(batch);
            }
            if (i % 300 == 299) {
                db.close();
                db = NervusDB.open(dir, o);
            }
        }
        Set<Triple> found = new HashSet<>();
        try (Stream<Triple> s = db.find(null, null, null)) {
            s.forEach(found::add);
        }
        db.close();
        Set<Triple> missing = new HashSet<>(model);
        missing.removeAll(found);
        assertThat(missing).as("missing of " + model.size()).isEmpty();
        assertThat(found).hasSize(model.size());
    }
}
