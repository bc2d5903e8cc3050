package org.nervusdb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A second JVM for lock and crash tests. Modes:
 * <ul>
 * <li>{@code hold DIR}: opens the database, prints {@code ready}, waits to be killed.</li>
 * <li>{@code write DIR SEED TAG}: commits random batches and deletes, printing one line per
 * acknowledged commit ({@code A s p o} per added triple then {@code C}; or {@code I s p o}
 * before a delete and {@code D s p o} once it is acknowledged), until killed.</li>
 * </ul>
 */
public final class ChildProcess {
    private ChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("hold")) {
            try (NervusDB db = NervusDB.open(dir)) {
                db.add("held", "by", "child");
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(600_000);
            }
            return;
        }
        long seed = Long.parseLong(args[2]);
        String tag = args[3];
        Random rnd = new Random(seed);
        Options o = Options.defaults().memtableSize(64 << 10).backgroundCompaction(!"inline".equals(System.getenv("NERVUSDB_CHILD_COMPACTION")));
        try (NervusDB db = NervusDB.open(dir, o)) {
            System.out.println("ready");
            System.out.flush();
            List<Triple> mine = new ArrayList<>();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; ; i++) {
                if (rnd.nextInt(5) == 0 && !mine.isEmpty()) {
                    Triple t = mine.remove(rnd.nextInt(mine.size()));
                    // Announce the delete first: if killed before the acknowledgement, the
                    // parent must accept either outcome.
                    System.out.println("I " + t.subject() + " " + t.predicate() + " " + t.object());
                    System.out.flush();
                    db.delete(t);
                    System.out.println("D " + t.subject() + " " + t.predicate() + " " + t.object());
                } else {
                    List<Triple> batch = new ArrayList<>();
                    int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 50);
                    for (int k = 0; k < n; k++) {
                        batch.add(Triple.of("s" + rnd.nextInt(500), "p" + rnd.nextInt(10), tag + "-" + i + "-" + k));
                    }
                    db.addAll(batch);
                    sb.setLength(0);
                    for (Triple t : batch) {
                        sb.append("A ").append(t.subject()).append(' ').append(t.predicate()).append(' ')
                                .append(t.object()).append('\n');
                    }
                    sb.append("C");
                    System.out.println(sb);
                    mine.addAll(batch);
                }
                System.out.flush();
            }
        }
    }

    /** Starts a child JVM running this class with the test class path; stdout is a pipe. */
    static Process start(String... args) throws IOException {
        return builder(args).start();
    }

    /**
     * Starts a child whose stdout goes to {@code out}. A file, unlike a pipe, keeps every byte the
     * child wrote before it was killed, and can be read in full once it is dead.
     */
    static Process start(Path out, String... args) throws IOException {
        return builder(args).redirectOutput(out.toFile()).start();
    }

    private static ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChildProcess.class.getName());
        for (String a : args) {
            cmd.add(a);
        }
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    static BufferedReader out(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }
}
