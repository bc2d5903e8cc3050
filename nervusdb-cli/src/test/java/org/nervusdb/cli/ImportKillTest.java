package org.nervusdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;

/**
 * An import killed with SIGKILL at a random moment leaves a database that opens, passes the
 * block and index checks, and holds whole batches: a prefix of the file in batch-sized steps.
 * Importing the file again then completes it.
 */
class ImportKillTest {

    @Test
    void aKilledImportLeavesAUsableDatabase(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.jsonl");
        int lines = 300_000;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < lines; i++) {
                w.write("{\"subject\":\"s" + i + "\",\"predicate\":\"p" + (i % 7) + "\",\"object\":\"o" + i + "\"}\n");
            }
        }
        Random rnd = new Random(7);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 3; round++) {
            Path db = dir.resolve("db" + round);
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "import", "--db", db.toString(), "--batch", "5000", "--progress", "none", file.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out" + round).toFile()).start();
            Thread.sleep(1200 + rnd.nextInt(2000));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long n;
            try (NervusDB d = NervusDB.open(db)) {
                d.verify();
                assertThat(d.checkIndexes(10)).isEmpty();
                n = d.count(null, null, null);
                assertThat(n % 5000).as("whole batches only, round %d: %d triples", round, n).isZero();
                assertThat(d.contains("s" + (n - 1), "p" + ((n - 1) % 7), "o" + (n - 1)) || n == 0).isTrue();
            }
            System.out.println("ImportKillTest round " + round + ": " + n + " of " + lines + " triples at the kill");
            assertThat(Main.commandLine().execute("import", "--db", db.toString(), "--progress", "none", file.toString())).isZero();
            try (NervusDB d = NervusDB.open(db)) {
                assertThat(d.count(null, null, null)).isEqualTo(lines);
            }
        }
    }
}
