package org.nervusdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;
import org.nervusdb.Triple;
import picocli.CommandLine;

/**
 * {@code nervusdb migrate} on databases written by the original TypeScript NervusDB (npm
 * {@code @nervusdb/core} 0.1.3): each migrated database must hold exactly what the original
 * package itself reads back from the source (its {@code expected.json}, written by
 * {@code src/test/legacy/expect.mjs} with the real package): the same facts, node and edge
 * properties, and labels.
 *
 * <p>The samples are in {@code src/test/resources/legacy}; CI also writes a fresh set with the
 * package installed from the npm registry and names it with {@code -Dnervusdb.legacy.samples} or the
 * environment variable {@code NERVUSDB_LEGACY_SAMPLES}.
 */
class MigrateTest {
    @TempDir
    Path tmp;

    private static Path committed() throws URISyntaxException {
        return Path.of(MigrateTest.class.getResource("/legacy").toURI());
    }

    private static List<Path> samples(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(d -> Files.isRegularFile(d.resolve("expected.json"))).sorted().forEach(out::add);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> migratedDatabasesHoldWhatTheOriginalReads() throws Exception {
        List<Path> all = new ArrayList<>(samples(committed()));
        assertThat(all).as("committed samples").hasSizeGreaterThanOrEqualTo(16);
        String fresh = System.getProperty("nervusdb.legacy.samples", System.getenv("NERVUSDB_LEGACY_SAMPLES"));
        if (fresh != null && !fresh.isBlank()) {
            List<Path> more = samples(Path.of(fresh));
            assertThat(more).as("freshly generated samples in " + fresh).hasSizeGreaterThanOrEqualTo(17);
            all.addAll(more);
        }
        return all.stream().map(dir -> DynamicTest.dynamicTest(dir.getParent().getFileName() + "/" + dir.getFileName(),
                () -> check(dir)));
    }

    /** Runs the command line; returns {exit code, stdout, stderr}. */
    static Object[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Object[] {code, out.toString(), err.toString()};
    }

    @SuppressWarnings("unchecked")
    private void check(Path sample) throws Exception {
        Map<String, Object> meta = (Map<String, Object>) LegacyDatabase.parseJson(Files.readString(sample.resolve("sample.json")));
        Map<String, Object> expected = (Map<String, Object>) LegacyDatabase.parseJson(Files.readString(sample.resolve("expected.json")));
        Path target = Files.createTempDirectory(tmp, "db-" + sample.getFileName());
        List<String> args = new ArrayList<>(List.of("migrate", "--from", sample.resolve((String) meta.get("db")).toString(),
                "--db", target.toString()));
        if (meta.get("migrateArgs") instanceof List<?> extra) {
            for (int i = 0; i < extra.size(); i++) {
                String a = (String) extra.get(i);
                args.add(a.equals("--index-dir") ? a : (i > 0 && extra.get(i - 1).equals("--index-dir") ? sample.resolve(a).toString() : a));
            }
        }
        Object[] r = run(args.toArray(new String[0]));
        assertThat(r[0]).as("exit code; stderr: %s", r[2]).isEqualTo(0);

        try (NervusDB db = NervusDB.open(target)) {
            Set<Triple> facts = new HashSet<>();
            try (Stream<Triple> s = db.find(null, null, null)) {
                s.forEach(facts::add);
            }
            Set<Triple> want = new HashSet<>();
            for (Object f : (List<Object>) expected.get("facts")) {
                List<String> t = (List<String>) f;
                want.add(Triple.of(t.get(0), t.get(1), t.get(2)));
            }
            assertThat(facts).as("facts").isEqualTo(want);

            Map<String, Object> nodes = (Map<String, Object>) expected.get("nodeProperties");
            Set<String> terms = new HashSet<>(nodes.keySet());
            for (Triple t : facts) {
                terms.add(t.subject());
                terms.add(t.object());
            }
            for (String term : terms) {
                Object props = nodes.get(term);
                assertThat(db.nodeProperties(term)).as("properties of node %s", term).isEqualTo(props == null ? Map.of() : props);
            }

            Map<Triple, Object> edges = new java.util.HashMap<>();
            for (Object e : (List<Object>) expected.get("edgeProperties")) {
                List<Object> x = (List<Object>) e;
                edges.put(Triple.of((String) x.get(0), (String) x.get(1), (String) x.get(2)), x.get(3));
            }
            for (Triple t : facts) {
                Object props = edges.get(t);
                assertThat(db.edgeProperties(t.subject(), t.predicate(), t.object())).as("properties of edge %s", t)
                        .isEqualTo(props == null ? Map.of() : props);
            }

            Map<String, Object> labels = (Map<String, Object>) expected.get("labels");
            Map<String, List<String>> byNode = new TreeMap<>();
            for (Map.Entry<String, Object> e : labels.entrySet()) {
                List<String> got = new ArrayList<>(db.nodesWithLabel(e.getKey()));
                got.sort(null);
                assertThat(got).as("nodes with label %s", e.getKey()).isEqualTo(e.getValue());
                for (Object n : (List<Object>) e.getValue()) {
                    byNode.computeIfAbsent((String) n, k -> new ArrayList<>()).add(e.getKey());
                }
            }
            for (String term : terms) {
                List<String> want2 = byNode.getOrDefault(term, List.of());
                List<String> got = new ArrayList<>(db.labels(term));
                got.sort(null);
                want2 = new ArrayList<>(want2);
                want2.sort(null);
                assertThat(got).as("labels of %s", term).isEqualTo(want2);
            }
            assertThat(db.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void intendedAppliesTheDeletesAndIdsOfTheLogAsWritten() throws Exception {
        Path sample = committed().resolve("e2_wal_only");
        Path out = tmp.resolve("intended");
        Object[] r = run("migrate", "--from", sample.toString(), "--db", out.toString(), "--intended");
        assertThat(r[0]).as("stderr %s", r[2]).isEqualTo(0);
        try (NervusDB db = NervusDB.open(out)) {
            // The writer set these on C and on C-p-D; the original's replay moved them to other ids.
            assertThat(db.nodeProperties("C")).isEqualTo(Map.of("name", "C props"));
            assertThat(db.edgeProperties("C", "p", "D")).isEqualTo(Map.of("e", "C-p-D"));
            assertThat(db.count(null, null, null)).isEqualTo(2);
        }
        Path pkg = tmp.resolve("package");
        r = run("migrate", "--from", sample.toString(), "--db", pkg.toString());
        assertThat((String) r[2]).contains("replay numbers differently");
        try (NervusDB db = NervusDB.open(pkg)) {
            assertThat(db.nodeProperties("C")).isEmpty();
        }

        Path e = committed().resolve("e_wal_unflushed");
        Path ei = tmp.resolve("e-intended");
        r = run("migrate", "--from", e.toString(), "--db", ei.toString(), "--intended");
        assertThat(r[0]).isEqualTo(0);
        try (NervusDB db = NervusDB.open(ei)) {
            assertThat(db.contains("A", "r", "B")).as("the logged delete applies").isFalse();
        }
        Path ep = tmp.resolve("e-package");
        r = run("migrate", "--from", e.toString(), "--db", ep.toString());
        assertThat((String) r[2]).contains("deletes that were only in the log");
        try (NervusDB db = NervusDB.open(ep)) {
            assertThat(db.contains("A", "r", "B")).as("as the original showed it").isTrue();
        }
    }

    @Test
    void badSourcesAndTargetsFailClearlyAndWriteNothing() throws Exception {
        Path notDb = tmp.resolve("not.synapsedb");
        Files.writeString(notDb, "hello, this is not a database at all, but long enough to have a header of sixty-four bytes");
        Object[] r = run("migrate", "--from", notDb.toString(), "--db", tmp.resolve("t1").toString());
        assertThat(r[0]).isEqualTo(Main.EXIT_FAILURE);
        assertThat((String) r[2]).contains("no SYNAPSEDB header");
        assertThat(tmp.resolve("t1")).doesNotExist();

        // A damaged page: skipped (as the original does) with a warning.
        Path copy = tmp.resolve("a_copy");
        copyTree(committed().resolve("a_basic"), copy);
        Path pages = copy.resolve("db.synapsedb.pages/SPO.idxpage");
        byte[] b = Files.readAllBytes(pages);
        b[0] ^= 1;
        Files.write(pages, b);
        r = run("migrate", "--from", copy.toString(), "--db", tmp.resolve("t2").toString());
        assertThat(r[0]).isEqualTo(0);
        assertThat((String) r[2]).contains("fails its checksum");
        assertThat((String) r[1]).contains("pages skipped: 1");

        // A truncated dictionary: a typed failure, nothing written.
        Path cut = tmp.resolve("cut");
        copyTree(committed().resolve("a_basic"), cut);
        byte[] main = Files.readAllBytes(cut.resolve("db.synapsedb"));
        Files.write(cut.resolve("db.synapsedb"), java.util.Arrays.copyOf(main, 80));
        r = run("migrate", "--from", cut.toString(), "--db", tmp.resolve("t3").toString());
        assertThat(r[0]).isEqualTo(Main.EXIT_FAILURE);
        assertThat(tmp.resolve("t3")).doesNotExist();

        // A page index manifest that is not JSON, or not UTF-8: the line and column, in characters.
        Path json = tmp.resolve("json");
        copyTree(committed().resolve("a_basic"), json);
        Path manifest = json.resolve("db.synapsedb.pages/index-manifest.json");
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replaceFirst("\\{\"version\":1,", "{\"version\":1,\n \"\ud83d\ude00\":tru,"));
        r = run("migrate", "--from", json.toString(), "--db", tmp.resolve("t4").toString());
        assertThat(r[0]).isEqualTo(Main.EXIT_FAILURE);
        assertThat((String) r[2]).startsWith("error: " + manifest + ":2:6: not valid JSON: Unrecognized token 'tru'");
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes[3] = (byte) 0xC3;
        Files.write(manifest, bytes);
        r = run("migrate", "--from", json.toString(), "--db", tmp.resolve("t4").toString());
        assertThat((String) r[2]).isEqualTo("error: " + manifest + ":1:4: malformed UTF-8 (byte 0xC3)\n");
        Files.writeString(manifest, text + "[]");
        r = run("migrate", "--from", json.toString(), "--db", tmp.resolve("t4").toString());
        assertThat((String) r[2]).isEqualTo("error: " + manifest + ":1:" + (text.length() + 1) + ": not valid JSON: trailing JSON\n");
        assertThat(tmp.resolve("t4")).doesNotExist();

        // A target that holds files is refused.
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        r = run("migrate", "--from", committed().resolve("a_basic").toString(), "--db", full.toString());
        assertThat(r[0]).isEqualTo(Main.EXIT_FAILURE);
        assertThat((String) r[2]).contains("not empty");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.filter(p -> p.getFileName().toString().contains(".migrating-"))).isEmpty();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path d = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(d);
                } else {
                    Files.copy(p, d);
                }
            }
        }
    }
}
