package org.nervusdb.bench.suite;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A quick check that every store of the suite loads and answers in this JVM, and that they agree:
 * a small file bulk loaded into each store in a temporary directory, a few matches and queries,
 * writes, a reopen. Usage:
 * {@code java -cp benchmarks.jar org.nervusdb.bench.suite.StoreSmoke [PEOPLE]} (4 triples a person,
 * 1000 by default). Exits with status 1 if a store fails or the stores disagree. The people know
 * each other in a ring, so {@code knows+} walks a chain PEOPLE steps long: Jena's path evaluation
 * recurses once per step and needs a larger thread stack ({@code -Xss1g} at 250,000 people).
 */
public final class StoreSmoke {
    private static final String EX = "http://example.org/";

    private StoreSmoke() {
    }

    /** The stores of the suite, in report order. */
    public static List<Supplier<Store>> stores() {
        return List.of(NervusStore::new, JenaTdb2Store::new, Rdf4jLmdbStore::new);
    }

    static void write(Path file, int people) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < people; i++) {
                w.write("<" + EX + "p" + i + "> <" + EX + "knows> <" + EX + "p" + (i + 1) % people + "> .\n");
                w.write("<" + EX + "p" + i + "> <" + EX + "knows> <" + EX + "p" + (i * 7 + 3) % people + "> .\n");
                w.write("<" + EX + "p" + i + "> <" + EX + "name> \"Person " + i + " \\\"é\\\"\"@en .\n");
                w.write("<" + EX + "p" + i + "> <" + EX + "age> \"" + (20 + i % 50) + "\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
            }
        }
    }

    static Map<String, Long> run(Supplier<Store> make, Path dir, Path file) throws Exception {
        Map<String, Long> r = new LinkedHashMap<>();
        String knows = EX + "knows";
        Store s = make.get();
        try {
            s.open(dir);
            long t0 = System.nanoTime();
            s.bulkLoad(file);
            r.put("load ms", (System.nanoTime() - t0) / 1_000_000);
            r.put("size", s.size());
            r.put("match s p ?", s.match(EX + "p1", knows, null));
            r.put("match ? p ?", s.match(null, knows, null));
            r.put("match ? ? o", s.match(null, null, "\"Person 3 \\\"é\\\"\"@en"));
            r.put("2-hop", s.select("SELECT * WHERE { ?a <" + knows + "> ?b . ?b <" + knows + "> ?c }"));
            r.put("knows+", s.select("SELECT ?x WHERE { <" + EX + "p0> <" + knows + ">+ ?x }"));
            s.addDurable(EX + "p0", EX + "likes", EX + "p1");
            s.addBatch(new String[][] {{EX + "p1", EX + "likes", EX + "p2"}, {EX + "p0", knows, EX + "p1"}});
            s.deleteBatch(new String[][] {{EX + "p0", EX + "likes", EX + "p1"}, {EX + "p0", EX + "likes", EX + "p9"}});
            r.put("size after writes", s.size());
        } finally {
            s.close();
        }
        Store again = make.get();
        try {
            again.open(dir);
            r.put("size after reopen", again.size());
            r.put("match after reopen", again.match(null, EX + "likes", null));
        } finally {
            again.close();
        }
        return r;
    }

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path root = Files.createTempDirectory("nervusdb-suite-smoke");
        try {
            Path file = root.resolve("data.nt");
            write(file, people);
            List<Map<String, Long>> all = new ArrayList<>();
            boolean failed = false;
            for (Supplier<Store> make : stores()) {
                Store probe = make.get();
                String label = probe.name() + " " + probe.version();
                Map<String, Long> r;
                try {
                    r = run(make, root.resolve(probe.name().replaceAll("\\W", "")), file);
                } catch (Exception | StackOverflowError e) {
                    // ARQ evaluates p+ recursively, one frame per step: long chains need -Xss.
                    System.out.printf(Locale.ROOT, "%-22s FAILED: %s%n", label, e);
                    failed = true;
                    continue;
                }
                System.out.printf(Locale.ROOT, "%-22s %s%n", label, r);
                r.remove("load ms");
                all.add(r);
            }
            boolean same = !failed && all.stream().distinct().count() == 1;
            System.out.println(same ? "all stores agree" : failed ? "A STORE FAILED" : "STORES DISAGREE");
            if (!same) {
                System.exit(1);
            }
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
