package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * A child JVM commits random batches (fsync on every commit) and is killed with SIGKILL at a
 * random moment; the database must reopen with every acknowledged commit, no acknowledged delete
 * undone, and nothing that was never written. Repeated on one database for many cycles, so
 * flushes, compactions and recovery of earlier crashes are all on the path.
 */
class KillCrashTest {

    @Test
    void killDashNineLosesNoAcknowledgedCommit(@TempDir Path dir) throws Exception {
        int cycles = 200 * Seeds.scale();
        long seed = Seeds.base();
        Random rnd = new Random(seed);
        Set<Triple> present = new HashSet<>();
        Set<Triple> deleted = new HashSet<>();
        long acked = 0;
        long triples = 0;
        long recoveryMaxMs = 0;
        Path db = dir;
        for (int c = 0; c < cycles; c++) {
            if (c % 25 == 0) {
                // A fresh database every 25 cycles keeps the per-cycle full check cheap; within
                // a group each cycle recovers on top of the previous crashes.
                db = dir.resolve("db" + c);
                present.clear();
                deleted.clear();
            }
            Path log = dir.resolve("acks-" + c + ".txt");
            Process p = ChildProcess.start(log, "write", db.toString(), Long.toString(seed + c), "c" + c);
            Thread.sleep(150 + rnd.nextInt(700));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // A kill can cut the last line short; a partial line is an unacknowledged operation.
            String text = Files.readString(log);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            lines.remove(lines.size() - 1);
            Files.delete(log);
            List<Triple> pending = new ArrayList<>();
            {
                for (String l : lines) {
                    if (l.equals("C")) {
                        present.addAll(pending);
                        deleted.removeAll(pending);
                        acked += pending.size();
                        pending.clear();
                    } else if (l.startsWith("A ")) {
                        String[] f = l.split(" ");
                        pending.add(Triple.of(f[1], f[2], f[3]));
                    } else if (l.startsWith("I ")) {
                        String[] f = l.split(" ");
                        present.remove(Triple.of(f[1], f[2], f[3]));
                    } else if (l.startsWith("D ")) {
                        String[] f = l.split(" ");
                        Triple t = Triple.of(f[1], f[2], f[3]);
                        present.remove(t);
                        deleted.add(t);
                        acked++;
                    }
                }
            }
            long t0 = System.nanoTime();
            try (NervusDB opened = NervusDB.open(db)) {
                recoveryMaxMs = Math.max(recoveryMaxMs, (System.nanoTime() - t0) / 1_000_000);
                Set<Triple> found = new HashSet<>();
                try (Stream<Triple> s = opened.find(null, null, null)) {
                    s.forEach(found::add);
                }
                for (Triple t : present) {
                    if (!found.contains(t)) {
                        StringBuilder why = new StringBuilder();
                        why.append(" contains=").append(opened.contains(t.subject(), t.predicate(), t.object()));
                        try (Stream<Triple> s = opened.find(t.subject(), null, null)) {
                            why.append(" subject has ").append(s.count()).append(" triples");
                        }
                        why.append(" objectCount=").append(opened.count(null, null, t.object()));
                        if (System.getenv("NERVUSDB_KEEP_FAILED") != null) {
                            opened.close();
                            new ProcessBuilder("cp", "-r", db.toString(), System.getenv("NERVUSDB_KEEP_FAILED")).inheritIO().start().waitFor();
                            java.nio.file.Files.write(Path.of(System.getenv("NERVUSDB_KEEP_FAILED") + ".lines"), lines);
                        }
                        throw new AssertionError("cycle " + c + " seed " + seed + ": acknowledged triple lost: " + t + why
                                + " | last lines: " + lines.subList(Math.max(0, lines.size() - 5), lines.size()));
                    }
                }
                for (Triple t : deleted) {
                    if (found.contains(t)) {
                        throw new AssertionError("cycle " + c + " seed " + seed + ": acknowledged delete undone: " + t);
                    }
                }
                for (Triple t : found) {
                    assertThat(t.object()).as("cycle %d: unknown triple", c).matches("c\\d+-\\d+-\\d+");
                }
                assertThat(opened.count(null, null, null)).isEqualTo(found.size());
                triples = found.size();
            }
        }
        System.out.println("KillCrashTest: " + cycles + " kill -9 cycles, " + acked + " acknowledged operations, "
                + triples + " triples in the last database, max recovery " + recoveryMaxMs + " ms, seed " + seed);
        assertThat(acked).isGreaterThan(cycles);
    }
}
