package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.testing.Seeds;

/**
 * A child JVM runs SPARQL Update requests, each several operations over the default graph and
 * a named graph (INSERT DATA, every third a DELETE WHERE of an earlier request's quad, every
 * fifth a COPY of the graph), and is killed with SIGKILL at a random moment. After each kill,
 * every acknowledged request is there whole, and every request is there whole or not at all.
 */
class UpdateKillTest {

    @Test
    void killDashNineLeavesEachUpdateRequestWholeOrAbsent(@TempDir Path dir) throws Exception {
        Random rnd = new Random(Seeds.base());
        Path db = dir.resolve("db");
        int cycles = 8 * Seeds.scale();
        long acknowledged = 0;
        for (int c = 0; c < cycles; c++) {
            String tag = "c" + c;
            Path log = dir.resolve("acks-" + c + ".txt");
            Process p = ChildProcess.start(log, "update", db.toString(), tag);
            Thread.sleep(400 + rnd.nextInt(900));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int acked = -1;
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("U ")) {
                    acked = Integer.parseInt(line.substring(2).trim());
                }
            }
            acknowledged += acked + 1;
            String g = "http://example.org/" + tag + "/g";
            try (NervusDB opened = NervusDB.open(db)) {
                for (int i = 0; i <= acked + 1; i++) {
                    String s = "http://example.org/" + tag + "/s" + i;
                    String o = "http://example.org/" + tag + "/o" + i;
                    boolean landed = opened.contains(s, "http://example.org/seq", NervusDB.literal(i));
                    if (i <= acked) {
                        assertThat(landed).as("cycle %d: acknowledged request %d lost", c, i).isTrue();
                    }
                    boolean inGraph = opened.countQuads(s, "http://example.org/p", o, g) == 1;
                    if (!landed) {
                        assertThat(inGraph).as("cycle %d: half of request %d", c, i).isFalse();
                        continue;
                    }
                    // Request i + 2 deletes request i's quad (i % 3 == 0) if it landed.
                    boolean deleted = i % 3 == 0 && opened.contains("http://example.org/" + tag + "/s" + (i + 2),
                            "http://example.org/seq", NervusDB.literal(i + 2));
                    assertThat(inGraph).as("cycle %d: quad of request %d", c, i).isEqualTo(!deleted);
                }
                assertThat(opened.checkIndexes(10)).as("cycle %d", c).isEmpty();
                // The copy is as of the last request that made one: never a mix of two requests.
                long copied = opened.countQuads(null, null, null, g + "-copy");
                assertThat(copied).isLessThanOrEqualTo(opened.countQuads(null, null, null, g) + acked + 2);
            }
        }
        System.out.println("UpdateKillTest: " + cycles + " kill -9 cycles, " + acknowledged + " acknowledged requests");
        assertThat(acknowledged).isGreaterThan(cycles);
    }
}
