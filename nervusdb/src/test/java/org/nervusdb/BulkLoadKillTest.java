package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.testing.Seeds;

/**
 * A child JVM bulk-loads into an existing database and is killed with SIGKILL at a random
 * moment. The database must reopen either exactly as before the load or with all of it, pass
 * {@code verify} and the index check, and hold no temporary files of the load.
 */
class BulkLoadKillTest {

    @Test
    void killDashNineLeavesTheDatabaseBeforeOrAfterTheLoad(@TempDir Path dir) throws Exception {
        int cycles = 10 * Seeds.scale();
        int n = 300_000;
        Random rnd = new Random(Seeds.base());
        Set<Triple> before = new HashSet<>(ChildProcess.bulkBase());
        for (int j = 0; j < 10; j++) {
            before.remove(ChildProcess.bulkBase().get(j));
        }
        Set<Triple> after = new HashSet<>(before);
        after.addAll(ChildProcess.bulkTriples(n));
        int unchanged = 0;
        int complete = 0;
        for (int c = 0; c < cycles; c++) {
            Path db = dir.resolve("db" + c);
            try (NervusDB d = NervusDB.open(db, Options.defaults().memtableSize(64 << 10))) {
                for (Triple t : ChildProcess.bulkBase()) {
                    d.add(t);
                }
                for (int j = 0; j < 10; j++) {
                    d.delete(ChildProcess.bulkBase().get(j)); // the load brings these back
                }
            }
            Path out = dir.resolve("out-" + c + ".txt");
            Process p = ChildProcess.start(out, "bulk", db.toString(), Integer.toString(n));
            // Kill anywhere from JVM start-up to just after the load (about 1-4 s here).
            boolean ended = p.waitFor(300 + rnd.nextInt(4000), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            boolean done = Files.readString(out).contains("done");
            try (NervusDB d = NervusDB.open(db)) {
                Set<Triple> found = new HashSet<>();
                try (Stream<Triple> s = d.find(null, null, null)) {
                    s.forEach(found::add);
                }
                if (found.size() == before.size()) {
                    assertThat(done).as("cycle %d: the load returned, so it must be there", c).isFalse();
                    assertThat(found).as("cycle %d", c).isEqualTo(before);
                    unchanged++;
                } else {
                    assertThat(found.size()).as("cycle %d: all or nothing", c).isEqualTo(after.size());
                    assertThat(found).as("cycle %d", c).isEqualTo(after);
                    complete++;
                }
                assertThat(d.count(null, null, null)).isEqualTo(found.size());
                d.verify();
                assertThat(d.checkIndexes(10)).as("cycle %d", c).isEmpty();
                try (Stream<Path> s = Files.list(db)) {
                    List<String> temps = s.map(x -> x.getFileName().toString()).filter(x -> x.startsWith("bulk-")).toList();
                    assertThat(temps).as("cycle %d: temporary files", c).isEmpty();
                }
                assertThat(d.add("after", "cycle", "x" + c)).isTrue();
            }
        }
        System.out.println("BulkLoadKillTest: " + cycles + " kill -9 cycles: " + unchanged + " before the swap, "
                + complete + " after, seed " + Seeds.base());
    }
}
