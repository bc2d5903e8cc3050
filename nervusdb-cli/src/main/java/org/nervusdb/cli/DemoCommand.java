package org.nervusdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nervusdb.NervusDB;
import org.nervusdb.Stats;
import org.nervusdb.Triple;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Loads a bundled knowledge graph of programming languages (designers, influences, "
                + "paradigms, people) and runs a few queries on it.",
                "Without --db the database lives in a temporary directory that is deleted afterwards."})
final class DemoCommand implements Callable<Integer> {
    private static final int WIDTH = 78;

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "DIR", description = "Keep the database in DIR instead of a temporary directory.")
    Path dir;

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        List<Triple> facts = DemoData.load();
        boolean temporary = dir == null;
        Path where = temporary ? createTempDir() : dir;
        try {
            out.println("NervusDB demo: a small knowledge graph of programming languages");
            out.println("database: " + where + (temporary ? " (temporary, deleted afterwards)" : ""));
            out.println();
            try (NervusDB db = NervusDB.open(where)) {
                run(db, facts);
            }
            if (!temporary) {
                out.println();
                out.println("The database stays in " + where + "; explore it with");
                out.println("  nervusdb find --db " + where + " -s Python");
            }
        } finally {
            out.flush();
            if (temporary) {
                deleteTree(where);
            }
        }
        return Main.EXIT_OK;
    }

    private void run(NervusDB db, List<Triple> facts) {
        long t0 = System.nanoTime();
        long added = db.addAll(facts);
        double ms = (System.nanoTime() - t0) / 1e6;
        out.printf(Locale.ROOT, "Loaded %d facts (%d new) with one addAll() call in %.1f ms.%n%n", facts.size(), added, ms);

        heading("Who designed Go?", "query().whereSubject(\"Go\").wherePredicate(\"designedBy\")");
        list(objects(db.query().whereSubject("Go").wherePredicate("designedBy").execute()));

        heading("Which languages did C influence?", "find(\"C\", \"influenced\", null)");
        try (Stream<Triple> s = db.find("C", "influenced", null)) {
            list(s.map(Triple::object).collect(Collectors.toList()));
        }

        heading("What influenced Rust?", "find(null, \"influenced\", \"Rust\")");
        try (Stream<Triple> s = db.find(null, "influenced", "Rust")) {
            list(s.map(Triple::subject).collect(Collectors.toList()));
        }

        heading("Who worked at Bell Labs?", "find(null, \"workedAt\", \"Bell Labs\")");
        try (Stream<Triple> s = db.find(null, "workedAt", "Bell Labs")) {
            list(s.map(Triple::subject).collect(Collectors.toList()));
        }

        heading("Turing Award winners and their languages", "a find(), then a query() per winner");
        List<String> byWinner = new ArrayList<>();
        try (Stream<Triple> winners = db.find(null, "award", "Turing Award")) {
            winners.forEach(w -> {
                List<String> langs = subjects(db.query().wherePredicate("designedBy").whereObject(w.subject()).execute());
                if (!langs.isEmpty()) {
                    byWinner.add(w.subject() + " (" + String.join(", ", langs) + ")");
                }
            });
        }
        list(byWinner);

        heading("Facts per predicate", "count(null, p, null)");
        Map<String, Long> perPredicate = new LinkedHashMap<>();
        facts.stream().map(Triple::predicate).distinct()
                .forEach(p -> perPredicate.put(p, db.count(null, p, null)));
        list(perPredicate.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.toList()));

        out.println();
        boolean deleted = db.delete("Java", "runsOn", "JVM");
        boolean stillThere = db.contains("Java", "runsOn", "JVM");
        out.println("delete(\"Java\", \"runsOn\", \"JVM\") -> " + deleted + "; contains(...) afterwards -> " + stillThere);

        Stats st = db.stats();
        out.printf(Locale.ROOT, "stats(): %d triples, %d terms, %s on disk in %d file(s), %s in the memtable%n",
                st.triples(), st.terms(), kib(st.bytes()), st.files(), kib(st.memtableBytes()));
    }

    private void heading(String question, String call) {
        out.println(question + "  [" + call + "]");
    }

    /** Prints the items comma-separated, wrapped and indented. */
    private void list(List<String> items) {
        if (items.isEmpty()) {
            out.println("  (none)");
            return;
        }
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i) + (i + 1 < items.size() ? "," : "");
            if (line.length() > 2 && line.length() + 1 + item.length() > WIDTH) {
                out.println(line);
                line.setLength(0);
                line.append("  ");
            }
            if (line.length() > 2) {
                line.append(' ');
            }
            line.append(item);
        }
        out.println(line);
    }

    private static List<String> objects(List<Triple> triples) {
        return triples.stream().map(Triple::object).collect(Collectors.toList());
    }

    private static List<String> subjects(List<Triple> triples) {
        return triples.stream().map(Triple::subject).collect(Collectors.toList());
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("nervusdb-demo-");
        } catch (IOException e) {
            throw new CliException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    private void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: could not delete temporary database " + root + ": " + e.getMessage());
            err.flush();
        }
    }
}
