package org.nervusdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;

/**
 * {@code serve} in a child JVM, four clients sending numbered INSERT DATA requests: after a
 * kill -9, and after a SIGTERM, every request the server acknowledged (2xx) is in the
 * database; after a SIGTERM the process exits by itself, promptly, and releases the lock.
 */
class ServerKillTest {
    static final String EX = "http://example.org/";
    static final String TOKEN = "kill-test-token-123";

    static Process startChild(Path db, Path tokenFile, Path out) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ServeCommand.class.getName());
        cmd.addAll(List.of("--db", db.toString(), "--port", "0", "--allow-updates", "--token-file", tokenFile.toString(),
                "--shutdown-grace", "5s"));
        return new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The port the child printed, waiting for it to be ready. */
    static int port(Process p, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(out)) {
                for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                    if (line.startsWith("listening on port ")) {
                        return Integer.parseInt(line.substring("listening on port ".length()).trim());
                    }
                }
            }
            assertThat(p.isAlive()).as("server child exited early").isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("server child did not start");
    }

    /** Runs four clients sending updates until {@code stop}; returns the acknowledged numbers. */
    static Set<Integer> load(String ds, AtomicBoolean stop, List<Thread> threads) {
        Set<Integer> acked = ConcurrentHashMap.newKeySet();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int i = id; !stop.get(); i += 4) {
                    try {
                        HttpResponse<String> r = Http.update(ds, "INSERT DATA { <" + EX + "s" + i + "> <" + EX + "seq> " + i
                                + " . GRAPH <" + EX + "g> { <" + EX + "s" + i + "> <" + EX + "p> <" + EX + "o" + i + "> } }",
                                "Bearer " + TOKEN);
                        if (r.statusCode() / 100 == 2) {
                            acked.add(i);
                        }
                    } catch (IOException e) {
                        // the server went away: not acknowledged
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        return acked;
    }

    static void checkAll(Path db, Set<Integer> acked) {
        try (NervusDB opened = NervusDB.open(db)) {
            for (int i : acked) {
                assertThat(opened.contains(EX + "s" + i, EX + "seq", NervusDB.literal(i))).as("acknowledged update %d lost", i).isTrue();
                assertThat(opened.countQuads(EX + "s" + i, EX + "p", EX + "o" + i, EX + "g")).as("update %d half there", i)
                        .isEqualTo(1);
            }
            assertThat(opened.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void killDashNineKeepsEveryAcknowledgedUpdate(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        long total = 0;
        for (int cycle = 0; cycle < 3; cycle++) {
            Path out = dir.resolve("out-" + cycle + ".txt");
            Process p = startChild(db, token, out);
            String ds = "http://127.0.0.1:" + port(p, out) + "/ds";
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            Set<Integer> acked = load(ds, stop, threads);
            Thread.sleep(800 + 400 * cycle);
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertThat(acked).as("cycle %d acknowledged something", cycle).isNotEmpty();
            checkAll(db, acked);
            total += acked.size();
        }
        System.out.println("ServerKillTest: 3 kill -9 cycles, " + total + " acknowledged updates, all present");
    }

    @Test
    void sigtermShutsDownCleanlyKeepingEveryAcknowledgedUpdate(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        Path out = dir.resolve("out.txt");
        Process p = startChild(db, token, out);
        String ds = "http://127.0.0.1:" + port(p, out) + "/ds";
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        Set<Integer> acked = load(ds, stop, threads);
        Thread.sleep(1500);
        long t0 = System.nanoTime();
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits by itself after SIGTERM").isTrue();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
        // 143 is 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran.
        assertThat(p.exitValue()).isIn(0, 143);
        assertThat(ms).isLessThan(15_000);
        assertThat(Files.readString(out)).contains("stopped");
        assertThat(acked).isNotEmpty();
        checkAll(db, acked); // opening for writing also shows that the lock was released
        System.out.println("ServerKillTest: SIGTERM after " + acked.size() + " acknowledged updates; exit " + p.exitValue()
                + " in " + ms + " ms");
    }
}
