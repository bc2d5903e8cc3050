package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.testing.Seeds;

/**
 * A child JVM commits transactions that each add a triple with edge properties, set a node's
 * properties, label a node and (every third) delete an earlier triple, and is killed with
 * SIGKILL at a random moment. After each kill, every acknowledged transaction is there whole,
 * and every transaction is there whole or not at all, with the indexes agreeing.
 */
class TransactionKillTest {

    @Test
    void killDashNineLeavesEachTransactionWholeOrAbsent(@TempDir Path dir) throws Exception {
        Random rnd = new Random(Seeds.base());
        Path db = dir.resolve("db");
        int cycles = 12 * Seeds.scale();
        long acknowledged = 0;
        for (int c = 0; c < cycles; c++) {
            String tag = "c" + c;
            Path log = dir.resolve("acks-" + c + ".txt");
            Process p = ChildProcess.start(log, "tx", db.toString(), tag);
            Thread.sleep(300 + rnd.nextInt(900));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int acked = -1;
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("C ")) {
                    acked = Integer.parseInt(line.substring(2).trim());
                }
            }
            acknowledged += acked + 1;
            try (NervusDB opened = NervusDB.open(db)) {
                // Transactions 0..acked are acknowledged; acked + 1 may or may not have landed.
                for (int i = 0; i <= acked + 1; i++) {
                    String s = tag + "-s" + i;
                    String o = tag + "-o" + i;
                    Map<String, Object> props = opened.nodeProperties(s);
                    boolean landed = !props.isEmpty();
                    if (i <= acked) {
                        assertThat(landed).as("cycle %d: acknowledged transaction %d lost", c, i).isTrue();
                    }
                    if (!landed) {
                        assertThat(opened.labels(o)).as("cycle %d: half of transaction %d", c, i).isEmpty();
                        assertThat(opened.contains(s, "p", o)).as("cycle %d: half of transaction %d", c, i).isFalse();
                        continue;
                    }
                    assertThat(props).isEqualTo(Map.of("i", (long) i, "tag", tag));
                    assertThat(opened.labels(o)).as("cycle %d: labels of transaction %d", c, i).containsExactly("L" + i % 3);
                    // Deleted by transaction i + 2 if that one landed (with its edge properties).
                    boolean deleted = i % 3 == 0 && !opened.nodeProperties(tag + "-s" + (i + 2)).isEmpty();
                    assertThat(opened.contains(s, "p", o)).as("cycle %d: triple of transaction %d", c, i).isEqualTo(!deleted);
                    assertThat(opened.edgeProperties(s, "p", o)).isEqualTo(deleted ? Map.of() : Map.of("i", (long) i));
                }
                assertThat(opened.nodesWhere("tag", PropertyCondition.eq(tag))).hasSizeBetween(acked + 1, acked + 2);
                assertThat(opened.checkIndexes(10)).as("cycle %d", c).isEmpty();
            }
        }
        System.out.println("TransactionKillTest: " + cycles + " kill -9 cycles, " + acknowledged + " acknowledged transactions");
        assertThat(acknowledged).isGreaterThan(cycles);
    }
}
