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
 * <li>{@code bulk DIR N}: bulk-loads {@link #bulkTriples} of {@code N} with a small sorting
 * budget (so runs are spilled), printing {@code done} when it returns.</li>
 * <li>{@code tx DIR TAG}: commits transactions {@code i = 0, 1, ...}, each adding the triple
 * {@code TAG-s<i> p TAG-o<i>} with edge properties {@code {i}}, setting node {@code TAG-s<i>}'s
 * properties to {@code {i, tag}}, labelling {@code TAG-o<i>} {@code L<i % 3>}, and every third
 * one deleting transaction {@code i - 2}'s triple; prints {@code C i} once each is
 * acknowledged, until killed.</li>
 * <li>{@code counter DIR}: commits transactions {@code k = n, n + 1, ...} (n: the counter's value
 * at start), each adding {@code s<k>-0 .. s<k>-9 item "k"} and moving the triple
 * {@code counter value "k"} to {@code "k + 1"}, with a small memtable and a compaction every 250;
 * prints {@code ready n}, then {@code C k} once each is acknowledged, until killed.</li>
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
        if (args[0].equals("bulk")) {
            int n = Integer.parseInt(args[2]);
            try (NervusDB db = NervusDB.open(dir)) {
                System.out.println("ready");
                System.out.flush();
                db.bulkLoad(bulkTriples(n).iterator(), 20_000 * 32);
                System.out.println("done");
                System.out.flush();
            }
            return;
        }
        if (args[0].equals("tx")) {
            String tag = args[2];
            Options o = Options.defaults().memtableSize(64 << 10);
            try (NervusDB db = NervusDB.open(dir, o)) {
                System.out.println("ready");
                System.out.flush();
                for (int i = 0; ; i++) {
                    org.nervusdb.Transaction tx = new org.nervusdb.Transaction()
                            .add(tag + "-s" + i, "p", tag + "-o" + i)
                            .setEdgeProperties(tag + "-s" + i, "p", tag + "-o" + i, java.util.Map.of("i", i))
                            .setNodeProperties(tag + "-s" + i, java.util.Map.of("i", i, "tag", tag))
                            .addLabels(tag + "-o" + i, List.of("L" + i % 3));
                    if (i % 3 == 2) {
                        tx.delete(tag + "-s" + (i - 2), "p", tag + "-o" + (i - 2));
                    }
                    db.commit(tx);
                    System.out.println("C " + i);
                    System.out.flush();
                }
            }
        }
        if (args[0].equals("counter")) {
            // Commit k adds items k-0 .. k-9 (object k) and moves the counter to k + 1; the
            // small memtable makes flushes, new logs and compactions that delete files frequent.
            Options o = Options.defaults().memtableSize(64 << 10);
            try (NervusDB db = NervusDB.open(dir, o)) {
                int k = 0;
                try (java.util.stream.Stream<Triple> c = db.find("counter", "value", null)) {
                    k = c.map(t -> Integer.parseInt(t.object().substring(1, t.object().indexOf('"', 1)))).findFirst().orElse(0);
                }
                System.out.println("ready " + k);
                System.out.flush();
                for (; ; k++) {
                    org.nervusdb.Transaction tx = new org.nervusdb.Transaction();
                    for (int j = 0; j < 10; j++) {
                        tx.add("s" + k + "-" + j, "item", "\"" + k + "\"");
                    }
                    if (k > 0) {
                        tx.delete("counter", "value", "\"" + k + "\"");
                    }
                    tx.add("counter", "value", "\"" + (k + 1) + "\"");
                    db.commit(tx);
                    System.out.println("C " + k);
                    System.out.flush();
                    if (k % 250 == 249) {
                        db.compact();
                    }
                }
            }
        }
        if (args[0].equals("update")) {
            String tag = args[2];
            String ex = "http://example.org/" + tag + "/";
            Options o = Options.defaults().memtableSize(64 << 10);
            try (NervusDB db = NervusDB.open(dir, o)) {
                System.out.println("ready");
                System.out.flush();
                for (int i = 0; ; i++) {
                    StringBuilder u = new StringBuilder();
                    u.append("INSERT DATA { GRAPH <").append(ex).append("g> { <").append(ex).append("s").append(i)
                            .append("> <http://example.org/p> <").append(ex).append("o").append(i).append("> } <")
                            .append(ex).append("s").append(i).append("> <http://example.org/seq> ").append(i).append(" }");
                    if (i % 3 == 2) {
                        u.append(" ; DELETE WHERE { GRAPH <").append(ex).append("g> { <").append(ex).append("s").append(i - 2)
                                .append("> <http://example.org/p> ?o } }");
                    }
                    if (i % 5 == 4) {
                        u.append(" ; COPY <").append(ex).append("g> TO <").append(ex).append("g-copy>");
                    }
                    db.update(u.toString());
                    System.out.println("U " + i);
                    System.out.flush();
                }
            }
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

    /** The input of {@code bulk}: {@code n} new triples, then the first 500 of {@link #bulkBase}. */
    static List<Triple> bulkTriples(int n) {
        List<Triple> out = new ArrayList<>(n + 500);
        for (int i = 0; i < n; i++) {
            out.add(Triple.of("k" + (i % 20_000), "q" + (i % 7), "w" + i));
        }
        out.addAll(bulkBase().subList(0, 500));
        return out;
    }

    /** What the parent stores before a {@code bulk} child runs. */
    static List<Triple> bulkBase() {
        List<Triple> out = new ArrayList<>();
        for (int j = 0; j < 1000; j++) {
            out.add(Triple.of("base" + j, "bp", "bo" + j));
        }
        return out;
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
