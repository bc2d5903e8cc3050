package org.nervusdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;
import org.nervusdb.Triple;
import org.nervusdb.engine.TripleStore;
import picocli.CommandLine;

class MainTest {
    @TempDir
    Path tmp;

    /** Outcome of one in-process run of the command line. */
    private static final class Run {
        final int exit;
        final String out;
        final String err;

        Run(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    private static Run run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        cl.setOut(o);
        cl.setErr(e);
        String[] argv = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            argv[i] = String.valueOf(args[i]);
        }
        int code = cl.execute(argv);
        o.flush();
        e.flush();
        return new Run(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    // ------------------------------------------------------------------ help and version

    /**
     * picocli formats every description line as a format string (for %n); a stray '%' makes it
     * print a warning and the raw text instead, and made the man page generator of the release
     * build fail. Every line of every command's and option's description must format.
     */
    @Test
    void everyDescriptionLineIsAValidFormatString() {
        List<CommandLine> commands = new java.util.ArrayList<>();
        commands.add(Main.commandLine());
        commands.addAll(Main.commandLine().getSubcommands().values());
        assertThat(commands).hasSizeGreaterThan(10);
        for (CommandLine c : commands) {
            List<String> lines = new java.util.ArrayList<>(List.of(c.getCommandSpec().usageMessage().description()));
            c.getCommandSpec().options().forEach(o -> lines.addAll(List.of(o.description())));
            c.getCommandSpec().positionalParameters().forEach(p -> lines.addAll(List.of(p.description())));
            for (String line : lines) {
                try {
                    String.format(line);
                } catch (java.util.IllegalFormatException e) {
                    throw new AssertionError(c.getCommandName() + ": not a format string: " + line, e);
                }
            }
        }
    }

    @Test
    void versionNamesTheTool() {
        Run r = run("--version");

        assertThat(r.exit).isEqualTo(0);
        // the build's version from the jar's manifest, or the development marker outside a jar
        assertThat(r.out.trim()).matches("nervusdb (\\d+\\.\\d+\\.\\d+\\S*|\\(development build\\))");
    }

    // ------------------------------------------------------------------ demo

    @Test
    void demoLoadsTheDatasetRunsQueriesAndRemovesItsTemporaryDatabase() {
        int facts = DemoData.load().size();

        Run r = run("demo");

        assertThat(r.exit).as(r.err).isEqualTo(0);
        assertThat(r.err).isEmpty();
        assertThat(r.out)
                .contains("Loaded " + facts + " facts (" + facts + " new) with one addAll() call")
                .contains("Robert Griesemer").contains("Rob Pike")          // designers of Go
                .contains("Objective-C").contains("Zig")                    // languages C influenced
                .contains("Barbara Liskov (CLU)")                           // two-hop award -> designedBy
                .contains("influenced 124")                                 // per-predicate count
                .contains("delete(\"Java\", \"runsOn\", \"JVM\") -> true; contains(...) afterwards -> false")
                .contains("stats(): " + (facts - 1) + " triples");
        assertThat(r.outLines()).hasSizeLessThan(60);

        Matcher m = Pattern.compile("database: (.+) \\(temporary").matcher(r.out);
        assertThat(m.find()).as("demo names its database directory").isTrue();
        assertThat(Path.of(m.group(1))).doesNotExist();
    }

    @Test
    void demoWithDbKeepsTheLoadedDatabase() {
        Path dir = tmp.resolve("demo-db");
        List<Triple> facts = DemoData.load();

        Run r = run("demo", "--db", dir);

        assertThat(r.exit).as(r.err).isEqualTo(0);
        assertThat(r.out).contains("database: " + dir).doesNotContain("temporary");
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.count(null, null, null)).isEqualTo(facts.size() - 1);
            assertThat(db.contains("Python", "designedBy", "Guido van Rossum")).isTrue();
            assertThat(db.contains("Java", "runsOn", "JVM")).isFalse();
        }

        // A second run finds everything but the deleted fact already there.
        Run again = run("demo", "--db", dir);
        assertThat(again.exit).isEqualTo(0);
        assertThat(again.out).contains("Loaded " + facts.size() + " facts (1 new)");
    }

    @Test
    void bundledDatasetIsWellFormed() {
        List<Triple> facts = DemoData.load();

        assertThat(facts).hasSizeBetween(300, 500);
        assertThat(new HashSet<>(facts)).as("no duplicate facts").hasSameSizeAs(facts);
        assertThat(facts).allSatisfy(t -> {
            assertThat(t.subject()).isNotBlank().isEqualTo(t.subject().strip());
            assertThat(t.predicate()).isNotBlank().doesNotContain(" ");
            assertThat(t.object()).isNotBlank().isEqualTo(t.object().strip());
        });
        // Every language with a designer also has a year.
        Set<String> withYear = facts.stream().filter(t -> t.predicate().equals("appearedIn"))
                .map(Triple::subject).collect(Collectors.toSet());
        assertThat(facts).filteredOn(t -> t.predicate().equals("designedBy"))
                .extracting(Triple::subject)
                .allMatch(withYear::contains);
        assertThat(withYear).contains("C", "Java", "Python", "Rust", "Go");
    }

    // ------------------------------------------------------------------ import

    private static Set<Triple> all(Path db) {
        try (NervusDB d = NervusDB.open(db)) {
            return new HashSet<>(d.query().execute());
        }
    }

    @Test
    void importsCsvWithColumnMappingsAndJsonLines() throws Exception {
        Path csv = tmp.resolve("people.csv");
        Files.writeString(csv, "id,age,city\nalice,34,Paris\nbob,,\"Lyon, France\"\n");
        Path db = tmp.resolve("i");
        Run r = run("import", "--db", db, "--columns", "id,=age,lit:age", "--columns", "id,=livesIn,city", "--progress", "none", csv);
        assertThat(r.exit).as(r.err).isEqualTo(0);
        assertThat(r.outLines()).contains("read: 3 triples", "added: 3 (new)", "skipped: 0");
        Path jsonl = tmp.resolve("more.jsonl");
        Files.writeString(jsonl, "{\"subject\":\"alice\",\"predicate\":\"knows\",\"object\":\"bob\"}\n\n"
                + "{\"subject\":\"bob\",\"predicate\":\"height\",\"object\":1.85,\"note\":[1,2]}\n"
                + "{\"subject\":\"bob\",\"predicate\":\"adult\",\"object\":true}\n");
        assertThat(run("import", "--db", db, "--progress", "none", jsonl).exit).isEqualTo(0);
        assertThat(all(db)).containsExactlyInAnyOrder(
                Triple.of("alice", "age", "\"34\""),
                Triple.of("alice", "livesIn", "Paris"),
                Triple.of("bob", "livesIn", "Lyon, France"),
                Triple.of("alice", "knows", "bob"),
                Triple.of("bob", "height", "\"1.85\"^^<http://www.w3.org/2001/XMLSchema#decimal>"),
                Triple.of("bob", "adult", "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>"));
    }

    @Test
    void gzipInputIsRecognisedAndStreamedInBatches() throws Exception {
        Path gz = tmp.resolve("big.jsonl.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < 50_000; i++) {
                out.write(("{\"subject\":\"s" + i + "\",\"predicate\":\"p\",\"object\":" + i + "}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        Path db = tmp.resolve("g");
        Run r = run("import", "--db", db, "--batch", "7000", "--progress", "bar", gz);
        assertThat(r.exit).as(r.err).isEqualTo(0);
        assertThat(r.outLines()).contains("read: 50000 triples", "added: 50000 (new)");
        try (NervusDB d = NervusDB.open(db)) {
            assertThat(d.count(null, null, null)).isEqualTo(50_000);
            assertThat(d.contains("s49999", "p", "\"49999\"^^<http://www.w3.org/2001/XMLSchema#integer>")).isTrue();
        }
        // Importing the same file again adds nothing new.
        assertThat(run("import", "--db", db, "--progress", "none", gz).outLines()).contains("added: 0 (new)");
    }

    @Test
    void malformedInputNamesFileLineAndColumnAndSkipInvalidCountsIt() throws Exception {
        Path jsonl = tmp.resolve("bad.jsonl");
        Files.writeString(jsonl, "{\"subject\":\"a\",\"predicate\":\"p\",\"object\":\"b\"}\n"
                + "{\"subject\":\"a\",\"predicate\":\"p\" \"object\":\"c\"}\n"
                + "{\"subject\":\"a\",\"predicate\":\"p\"}\n"
                + "{\"subject\":\"\\ud800\",\"predicate\":\"p\",\"object\":\"x\"}\n"
                + "{\"subject\":\"a\",\"predicate\":\"p\",\"object\":\"d\"}\n");
        Path db = tmp.resolve("b");
        Run r = run("import", "--db", db, "--progress", "none", jsonl);
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains(jsonl + ":2:").contains("malformed JSON");
        assertThat(all(db)).as("what came before the error is kept").containsExactly(Triple.of("a", "p", "b"));
        Run s = run("import", "--db", db, "--progress", "none", "--skip-invalid", jsonl);
        assertThat(s.exit).as(s.err).isEqualTo(0);
        assertThat(s.outLines()).contains("read: 2 triples", "skipped: 3");
        assertThat(all(db)).containsExactlyInAnyOrder(Triple.of("a", "p", "b"), Triple.of("a", "p", "d"));
        Run missing = run("import", "--db", db, "--progress", "none", jsonl.resolveSibling("nope.jsonl"));
        assertThat(missing.exit).isEqualTo(1);
        Run unknown = run("import", "--db", db, tmp.resolve("x.xyz"));
        assertThat(unknown.exit).isEqualTo(1);
        Path fresh = tmp.resolve("never-created");
        Run badProgress = run("import", "--db", fresh, "--progress", "never", jsonl);
        assertThat(badProgress.exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(fresh).as("a mistyped option creates no database").doesNotExist();
        // A first import that fails before adding anything leaves no database behind; one that
        // added statements keeps them (batched imports keep what was read before the error).
        Path badFirst = tmp.resolve("bad-first.nt");
        Files.writeString(badFirst, "bad line\n<a> <b> <c> .\n");
        Run failed = run("import", "--db", fresh, "--progress", "none", badFirst);
        assertThat(failed.exit).isEqualTo(1);
        assertThat(fresh).as("a failed first import leaves no empty database").doesNotExist();
        Path emptyDir = Files.createDirectories(tmp.resolve("empty-dir"));
        assertThat(run("import", "--db", emptyDir, "--progress", "none", "--bulk", badFirst).exit).isEqualTo(1);
        assertThat(emptyDir).as("an empty directory given stays, empty").isEmptyDirectory();
        Path badLater = tmp.resolve("bad-later.nt");
        Files.writeString(badLater, "<a> <b> <c> .\nbad line\n");
        Path partial = tmp.resolve("partial");
        assertThat(run("import", "--db", partial, "--progress", "none", "--batch", "1", badLater).exit).isEqualTo(1);
        assertThat(all(partial)).containsExactly(Triple.of("a", "b", "c"));
        Path csv = tmp.resolve("short.csv");
        Files.writeString(csv, "a,b,c\nx,y,z\nonly\n");
        Run c = run("import", "--db", db, "--progress", "none", csv);
        assertThat(c.exit).isEqualTo(1);
        assertThat(c.err).contains(csv + ":3:5: row has 1 cells, the mapping needs column 2"); // where cell 2 would begin
        assertThat(run("import", "--db", db, "--columns", "a,b", csv).exit).isEqualTo(1);
    }

    @Test
    void exportThenImportRoundTripsEveryTermInEachFormat() throws Exception {
        Path src = tmp.resolve("src");
        Set<Triple> data = Set.of(
                Triple.of("alice", "says", "\"hello, \\\"world\\\"\nbye\"@en"),
                Triple.of("tab\there", "p", "comma,quote\"line\nbreak"),
                Triple.of("_:b1", "p", "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>"),
                Triple.of("𝄞 music", "é", "\u0000nul"));
        try (NervusDB d = NervusDB.open(src)) {
            d.addAll(List.copyOf(data));
        }
        for (String ext : List.of("csv", "jsonl", "jsonl.gz", "csv.gz")) {
            Path file = tmp.resolve("out." + ext);
            Run e = run("export", "--db", src, "--output", file);
            assertThat(e.exit).as(e.err).isEqualTo(0);
            assertThat(e.outLines()).contains("exported: 4 statements to " + file);
            Path copy = tmp.resolve("copy-" + ext);
            Run i = run("import", "--db", copy, "--progress", "none", file);
            assertThat(i.exit).as(ext + ": " + i.err).isEqualTo(0);
            assertThat(all(copy)).as(ext).isEqualTo(data);
        }
        Run tsv = run("export", "--db", src, "-p", "says");
        assertThat(tsv.outLines()).hasSize(1);
        assertThat(run("export", "--db", src, "--format", "xml").exit).isEqualTo(2);
    }

    @Test
    void builderQueriesFromOptionsKeepTheirOrder() throws Exception {
        Path db = tmp.resolve("bq");
        try (NervusDB d = NervusDB.open(db)) {
            d.addAll(List.of(Triple.of("alice", "knows", "bob"), Triple.of("alice", "knows", "carol"),
                    Triple.of("alice", "knows", "cedric"), Triple.of("carol", "livesIn", "Paris"),
                    Triple.of("cedric", "livesIn", "Paris"), Triple.of("bob", "livesIn", "Lyon"),
                    Triple.of("bob", "age", "\"9\"^^<http://www.w3.org/2001/XMLSchema#integer>"),
                    Triple.of("carol", "age", "\"31\"^^<http://www.w3.org/2001/XMLSchema#integer>")));
        }
        // The condition applies to the step before it: friends starting with c, then their cities.
        Run r = run("query", "--db", db, "-s", "alice", "-p", "knows", "--where", "object:prefix:c", "--follow", "livesIn",
                "--nodes", "--format", "tsv");
        assertThat(r.exit).as(r.err).isEqualTo(0);
        assertThat(r.outLines()).containsExactly("?node", "<Paris>");
        // After the follow step instead: cities starting with L.
        Run l = run("query", "--db", db, "-s", "alice", "-p", "knows", "--follow", "livesIn", "--where=object:prefix:L",
                "--format", "csv");
        assertThat(l.outLines()).containsExactly("subject,predicate,object", "bob,livesIn,Lyon");
        Run older = run("query", "--db", db, "-p", "age", "--where", "object:gt:10", "--values", "subject", "--format", "tsv");
        assertThat(older.outLines()).containsExactly("?value", "<carol>");
        Run by = run("query", "--db", db, "-p", "livesIn", "--count-by", "object", "--format", "tsv");
        assertThat(by.outLines()).containsExactly("?value\t?count",
                "<Paris>\t\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>", "<Lyon>\t\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        Run c = run("query", "--db", db, "-p", "knows", "--order", "object:desc", "--offset", "1", "--limit", "1", "--format", "tsv");
        assertThat(c.outLines()).containsExactly("?subject\t?predicate\t?object", "<alice>\t<knows>\t<carol>");
        assertThat(run("query", "--db", db, "-p", "knows", "--count", "--format", "tsv").outLines())
                .containsExactly("?count", "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        assertThat(run("query", "--db", db, "-s", "alice", "--path", "knows:1:x").exit).isEqualTo(1);
        assertThat(run("query", "--db", db, "-p", "age", "--where", "object:like:x").exit).isEqualTo(1);
        assertThat(run("query", "--db", db, "-p", "age", "--count", "--nodes").exit).isEqualTo(2);
    }

    @Test
    void dumpListsEachFileFormat() throws Exception {
        Path db = tmp.resolve("d");
        try (NervusDB d = NervusDB.open(db)) {
            d.add("alice", "knows", "bob");
            d.flush();
            d.add("bob", "knows", "carol");
            d.delete("alice", "knows", "bob");
        }
        Run all = run("dump", "--db", db);
        assertThat(all.exit).as(all.err).isEqualTo(0);
        assertThat(all.out).contains("MANIFEST version 1").contains("tables: 1").containsPattern("000003\\.sst: \\d+ bytes, 14 entries");
        String sst;
        String wal;
        try (var files = Files.list(db)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
            sst = names.stream().filter(n -> n.endsWith(".sst")).findFirst().orElseThrow();
            wal = names.stream().filter(n -> n.endsWith(".wal")).reduce((a, b) -> b).orElseThrow();
        }
        Run t = run("dump", "--db", db, sst);
        assertThat(t.exit).as(t.err).isEqualTo(0);
        assertThat(t.outLines()).contains("put    term \"alice\" = id 1", "put    id 1 = \"alice\"", "put    SPO (1, 2, 3)",
                "put    POS (2, 3, 1)", "put    meta tripleCount = 1", "put    meta quadCount = 0",
                "put    meta baseIri = \"http://nervusdb.invalid/\"", "  predicate id 2: 1 triples, 0 tombstones, 1 subjects, 1 objects");
        Run w = run("dump", "--db", db, wal);
        assertThat(w.exit).as(w.err).isEqualTo(0);
        assertThat(w.outLines()).contains("  delete SPO (1, 2, 3)", "  put    term \"carol\" = id 4").anyMatch(l -> l.startsWith("record at 16: sequence"));
        assertThat(run("dump", "--db", db, sst, "--max", "2").out).contains("... 12 more entries");
        assertThat(run("dump", "--db", db, "../etc").exit).isEqualTo(1);
        assertThat(run("dump", "--db", db, "LOCK").exit).isEqualTo(1);
    }

    @Test
    void benchRunsTheStandardSuiteAndCleansUp() throws Exception {
        Run r = run("bench", "--size", "20000", "--queries", "200", "--json");
        assertThat(r.exit).as(r.err).isEqualTo(0);
        assertThat(r.out).startsWith("{\"batchedInsertTriplesPerSecond\":").contains("\"bytesPerTriple\":")
                .contains("\"sparqlJoinMicrosP50P99\":[").contains("\"bulkLoadFromNTriplesTriplesPerSecond\":");
        Path kept = tmp.resolve("bench-dir");
        Run t = run("bench", "--size", "5000", "--queries", "50", "--dir", kept);
        assertThat(t.exit).as(t.err).isEqualTo(0);
        assertThat(t.outLines()).anyMatch(l -> l.startsWith("boundSubjectMicrosP50P99:") && l.contains("p50"));
        try (NervusDB d = NervusDB.open(kept)) {
            Set<String> links = new HashSet<>();
            for (int k = 0; k < 500; k++) {
                links.add(k + " " + (k * 7 + 1) % 500);
                links.add(k + " " + (k * 13 + 5) % 500);
            }
            assertThat(d.count(null, null, null)).isEqualTo(5000 + links.size() + 200);
        }
        assertThat(run("bench", "--size", "5000", "--dir", kept).exit).as("a non-empty directory is refused").isEqualTo(1);
        assertThat(run("bench", "--size", "10").exit).isEqualTo(2);
    }

    @Test
    void replRunsAScriptFromAPipeAndKeepsNoHistory() throws Exception {
        Path db = tmp.resolve("r");
        Path history = tmp.resolve("hist");
        String input = String.join("\n",
                ".add alice knows bob",
                ".add alice knows bob",
                ".add bob\tknows\tcarol",
                ".add too few",
                "SELECT ?x WHERE {",
                "  <alice> <knows>/<knows> ?x } ;",
                ".format csv",
                "SELECT ?x WHERE { ?x <knows> <bob> };",
                "SELECT ?x WHERE { ?x <knows> };",
                ".find alice * *",
                "INSERT DATA { <dave> <knows> <erin> };",
                "DELETE DATA { <dave> <knows> <erin> };",
                ".delete alice knows bob",
                ".count",
                ".verify",
                ".nope",
                ".quit",
                ".count") + "\n";
        CommandLine cl = Main.commandLine();
        ReplCommand repl = cl.getSubcommands().get("repl").getCommand();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        repl.in = new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        repl.out = bytes;
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("repl", "--db", db.toString(), "--history", history.toString());
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        // As a shell runs a script: results on standard output, diagnostics (the banner, timings,
        // errors) on standard error, and exit 1 because some commands failed.
        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(out).contains("added").contains("already present")
                .contains("<carol>").contains("x\r\nalice")
                .contains("alice\tknows\tbob").contains("deleted").contains("ok: ");
        assertThat(out.split("changed: 1", -1)).as("an insert and a delete, one change each").hasSize(3);
        assertThat(out).doesNotContain("error").doesNotContain("NervusDB ").doesNotContain(" ms)");
        assertThat(err.toString()).contains("error [USAGE]: .add takes 3 terms, got 2").contains("error [QUERY_SYNTAX]")
                .contains("error: unknown command .nope").contains("NervusDB 0 triples").contains(" ms)");
        assertThat(out).as("nothing runs after .quit").containsOnlyOnce("\n1\n");
        assertThat(history).as("piped lines are not history").doesNotExist();
        try (NervusDB d = NervusDB.open(db)) {
            assertThat(d.query().execute()).containsExactly(Triple.of("bob", "knows", "carol"));
        }
    }

    /** One REPL session on a terminal (JLine's, over the given bytes); returns what it showed. */
    private static String replOnTerminal(Path db, Path history, String typed) throws Exception {
        CommandLine cl = Main.commandLine();
        ReplCommand repl = cl.getSubcommands().get("repl").getCommand();
        java.io.ByteArrayOutputStream shown = new java.io.ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try (org.jline.terminal.Terminal t = org.jline.terminal.TerminalBuilder.builder().system(false).type("dumb")
                .streams(typing(typed, done, shown), shown).build()) {
            repl.terminal = t;
            int code = cl.execute("repl", "--db", db.toString(), "--history", history.toString());
            assertThat(code).as(err.toString()).isEqualTo(0);
        } finally {
            done.countDown();
        }
        return shown.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Keyboard input: {@code typed}, then nothing until {@code done} (as a person who stopped
     * typing; an end of input at once would end the terminal before the session read a line).
     */
    private static java.io.InputStream typing(String typed, java.util.concurrent.CountDownLatch done) {
        return typing(typed, done, null);
    }

    /**
     * As {@link #typing(String, java.util.concurrent.CountDownLatch)}; with {@code shown}, each
     * line is typed only once the session has shown as many prompts as lines were typed before
     * it plus one (as a person who waits for the prompt), so that no line races the session's start.
     */
    private static java.io.InputStream typing(String typed, java.util.concurrent.CountDownLatch done,
            java.io.ByteArrayOutputStream shown) {
        byte[] keys = typed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new java.io.InputStream() {
            private int at;
            private int lines;

            @Override
            public int read() throws java.io.IOException {
                if (at < keys.length) {
                    if (shown != null && (at == 0 || keys[at - 1] == '\n')) {
                        awaitPrompts(lines + 1);
                    }
                    int c = keys[at++];
                    if (c == '\n') {
                        lines++;
                    }
                    return c;
                }
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }

            private void awaitPrompts(int n) {
                long end = System.nanoTime() + 30_000_000_000L;
                while (System.nanoTime() < end && prompts() < n && done.getCount() > 0) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }

            private int prompts() {
                String text = shown.toString(java.nio.charset.StandardCharsets.UTF_8);
                int n = 0;
                for (int i = text.indexOf("nervusdb> "); i >= 0; i = text.indexOf("nervusdb> ", i + 1)) {
                    n++;
                }
                return n;
            }
        };
    }

    @Test
    void replHistoryOnATerminalIsReadableByItsOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path db = tmp.resolve("r");
        Path history = tmp.resolve("hist");
        String shown = replOnTerminal(db, history, ".add a b secret-value\nSELECT ?o WHERE { <a> <b> ?o };\n.quit\n");
        assertThat(shown).contains("<secret-value>");
        assertThat(Files.readString(history)).contains("SELECT ?o WHERE").contains(".add a b secret-value");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
                .isEqualTo("rw-------");

        // An existing history readable by others is made private; permissions are only ever taken away.
        Files.setPosixFilePermissions(history, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        replOnTerminal(db, history, ".count\n.quit\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(history)).contains(".count").contains("SELECT ?o WHERE");

        Path fresh = tmp.resolve("sub/dir/hist");
        replOnTerminal(db, fresh, ".count\n.quit\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .isEqualTo("rw-------");
    }

    @Test
    void everyCommandHasHelpAndExitCodesAreDocumented() {
        Run top = run("--help");
        assertThat(top.exit).isEqualTo(0);
        assertThat(top.out).contains("Exit codes:").contains("0   success").contains("1   the operation failed").contains("2   invalid usage");
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            Run h = run(name, "--help");
            assertThat(h.exit).as(name).isEqualTo(0);
            assertThat(h.out).as(name).startsWith("Usage: nervusdb " + name);
            assertThat(run(name, "--no-such-option").exit).as(name).isEqualTo(2);
        }
        assertThat(Main.commandLine().getSubcommands().keySet()).contains("import", "export", "query", "stats", "compact",
                "verify", "dump", "repl", "bench");
    }

    @Test
    void rdfFormatsImportAndExportRoundTrip() throws Exception {
        Path src = tmp.resolve("rdf-src");
        Set<Triple> data = Set.of(
                Triple.of("alice", "http://xmlns.com/foaf/0.1/name", "\"Alice \\\"A\\\"\\nLiddell\"@en"),
                Triple.of("http://example.org/bob", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "Person"),
                Triple.of("_:b1", "age", "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>"),
                Triple.of("_:b1", "knows", "_:b2"),
                Triple.of("𝄞music", "é", "\"\u0000nul\""));
        try (NervusDB d = NervusDB.open(src)) {
            d.addAll(List.copyOf(data));
        }
        for (String ext : List.of("nt", "ttl", "nt.gz")) {
            Path file = tmp.resolve("out." + ext);
            // --relative: plain names as stored, which NervusDB's import reads back as the same terms.
            Run e = run("export", "--db", src, "--relative", "--output", file);
            assertThat(e.exit).as(e.err).isEqualTo(0);
            Path copy = tmp.resolve("rdf-copy-" + ext);
            Run i = run("import", "--db", copy, "--progress", "none", "--keep-blank-labels", file);
            assertThat(i.exit).as(ext + ": " + i.err).isEqualTo(0);
            assertThat(all(copy)).as(ext).isEqualTo(data);
        }
        // Without --keep-blank-labels, each import's blank nodes are its own.
        Path twice = tmp.resolve("twice");
        assertThat(run("import", "--db", twice, "--progress", "none", tmp.resolve("out.nt")).exit).isEqualTo(0);
        assertThat(run("import", "--db", twice, "--progress", "none", tmp.resolve("out.nt")).outLines()).contains("added: 2 (new)");
        // A name no IRI can hold stops an N-Triples export, naming it.
        try (NervusDB d = NervusDB.open(src)) {
            d.add("has space", "p", "o");
        }
        Run bad = run("export", "--db", src, "--format", "nt");
        assertThat(bad.exit).isEqualTo(1);
        assertThat(bad.err).contains("'has space' is not a valid IRI");
    }

    @Test
    void rdfImportErrorsNameTheLineAndNQuadsGraphsAreDroppedOrRefused() throws Exception {
        Path nt = tmp.resolve("bad.nt");
        Files.writeString(nt, "<a> <b> <c> .\n<a> <b> \"unterminated .\n<a> <b> <d> .\n");
        Path db = tmp.resolve("rdf-bad");
        Run r = run("import", "--db", db, "--progress", "none", nt);
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains(nt + ":2:");
        Run s = run("import", "--db", db, "--progress", "none", "--skip-invalid", nt);
        assertThat(s.outLines()).contains("skipped: 1");
        assertThat(all(db)).containsExactlyInAnyOrder(Triple.of("a", "b", "c"), Triple.of("a", "b", "d"));
        Path nq = tmp.resolve("g.nq");
        Files.writeString(nq, "<x> <y> <z> <http://g> .\n<x> <y> <w> .\n");
        Path q = tmp.resolve("rdf-nq");
        // Graphs are kept: the default graph gets the one triple without a graph, g the other.
        assertThat(run("import", "--db", q, "--progress", "none", nq).exit).isEqualTo(0);
        assertThat(all(q)).containsExactlyInAnyOrder(Triple.of("x", "y", "w"));
        try (NervusDB d = NervusDB.open(q)) {
            assertThat(d.countQuads("x", "y", "z", "http://g")).isEqualTo(1);
        }
        Path merged = tmp.resolve("rdf-nq-merged");
        assertThat(run("import", "--db", merged, "--progress", "none", "--graph", "ignore", nq).exit).isEqualTo(0);
        assertThat(all(merged)).containsExactlyInAnyOrder(Triple.of("x", "y", "z"), Triple.of("x", "y", "w"));
        Run refused = run("import", "--db", tmp.resolve("rdf-nq2"), "--progress", "none", "--graph", "refuse", nq);
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.err).contains("named graph");
        Path ttl = tmp.resolve("t.ttl");
        Files.writeString(ttl, "@prefix ex: <http://example.org/> .\nex:a ex:p ( 1 2 ) ; ex:q [ ex:r \"x\" ] .\n<rel> ex:p ex:b .\n");
        Path t = tmp.resolve("rdf-ttl");
        Run tr = run("import", "--db", t, "--progress", "none", "--base", "http://base/", ttl);
        assertThat(tr.exit).as(tr.err).isEqualTo(0);
        assertThat(tr.outLines()).contains("read: 8 triples");
        assertThat(all(t)).contains(Triple.of("http://base/rel", "http://example.org/p", "http://example.org/b"));
    }

    @Test
    void turtleSkipInvalidKeepsEveryStatementAfterAnUnclosedStringOrAGarbageLine() throws Exception {
        Path ttl = tmp.resolve("recover.ttl");
        Files.writeString(ttl, "@prefix ex: <http://ex.org/> .\n"
                + "ex:a ex:p ex:o1 .\n"
                + "ex:a ex:p \"unclosed .\n"
                + "ex:a ex:p ex:o2 .\n"
                + "this line is not Turtle\n"
                + "ex:a ex:p ex:o3 ;\n"
                + "     ex:q \"two. lines\" .\n"
                + "ex:a ex:p ex:o4 .\n");
        for (boolean bulkLoad : new boolean[] {false, true}) {
            Path db = tmp.resolve("recover-" + bulkLoad);
            Run r = bulkLoad ? run("import", "--db", db, "--bulk", "--progress", "none", ttl)
                    : run("import", "--db", db, "--progress", "none", ttl);
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.err).isEqualTo("error: " + ttl + ":3:22: line break in a string (use \\n or a long string)\n");
            Run s = bulkLoad ? run("import", "--db", db, "--bulk", "--skip-invalid", "--progress", "none", ttl)
                    : run("import", "--db", db, "--skip-invalid", "--progress", "none", ttl);
            assertThat(s.exit).as(s.err).isZero();
            assertThat(s.outLines()).contains("read: 5 triples", "skipped: 2");
            String ex = "http://ex.org/";
            assertThat(all(db)).containsExactlyInAnyOrder(Triple.of(ex + "a", ex + "p", ex + "o1"),
                    Triple.of(ex + "a", ex + "p", ex + "o2"), Triple.of(ex + "a", ex + "p", ex + "o3"),
                    Triple.of(ex + "a", ex + "q", "\"two. lines\""), Triple.of(ex + "a", ex + "p", ex + "o4"));
        }
    }

    @Test
    void bulkImportIsAllOrNothing() throws Exception {
        Path nt = tmp.resolve("bulk.nt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            sb.append("<s").append(i % 1000).append("> <p").append(i % 7).append("> \"v").append(i).append("\" .\n");
        }
        Files.writeString(nt, sb);
        Path csv = tmp.resolve("bulk.csv");
        Files.writeString(csv, "s,p,o\nx,y,z\nx,y,z\n");
        Path db = tmp.resolve("bulk-db");
        try (NervusDB d = NervusDB.open(db)) {
            d.add("before", "p", "o");
        }
        Run r = run("import", "--db", db, "--bulk", "--batch", "1000", "--progress", "none", nt, csv);
        assertThat(r.exit).as(r.err).isEqualTo(0);
        assertThat(r.outLines()).contains("read: 30002 triples", "added: 30001 (new)");
        try (NervusDB d = NervusDB.open(db)) {
            assertThat(d.count(null, null, null)).isEqualTo(30_002);
            assertThat(d.contains("s999", "p4", "\"v29999\"")).isTrue();
            assertThat(d.checkIndexes(10)).isEmpty();
        }
        // An error in the second file: nothing of either file is imported.
        Path bad = tmp.resolve("bad2.nt");
        Files.writeString(bad, "<a> <b> <c> .\n<a> <b> .\n");
        Path db2 = tmp.resolve("bulk-db2");
        Run e = run("import", "--db", db2, "--bulk", "--progress", "none", nt, bad);
        assertThat(e.exit).isEqualTo(1);
        assertThat(e.err).contains(bad + ":2:");
        try (NervusDB d = NervusDB.open(db2)) {
            assertThat(d.count(null, null, null)).isZero();
        }
        try (var files = Files.list(db2)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        // With --skip-invalid the bad line is counted and the rest loads.
        Run s = run("import", "--db", db2, "--bulk", "--skip-invalid", "--progress", "none", bad);
        assertThat(s.outLines()).contains("added: 1 (new)", "skipped: 1");
    }

    @Test
    void bulkAndBatchedNTriplesImportsAgreeOnEveryKindOfTerm() throws Exception {
        String doc = String.join("\n",
                "<http://e/s> <http://e/p> \"plain\" .",
                "<http://e/s> <http://e/p> \"caf\u00e9 \\u00e9\\n\"@EN-gb .",
                "<http://e/s> <http://e/p> \"x\"^^<http://www.w3.org/2001/XMLSchema#string> .",
                "<http://e/s> <http://e/p> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
                "<http://e/s> <http://e/p> \"hi\"@en .",
                "_:b1 <http://e/p> _:b2 .",
                "<http://e/\u00fc> <http://e/p> \"\ud83d\ude00\" .",
                "# a comment",
                "",
                "<http://e/s>\t<http://e/q><http://e/o> . # trailing",
                "<plain> <name> <o> .\r",
                "<http://e/\\u0041> <http://e/p> <http://e/o>.") + "\n";
        Path nt = tmp.resolve("mixed.nt");
        Files.writeString(nt, doc);
        Path gz = tmp.resolve("mixed.nt.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path batched = tmp.resolve("mixed-batched");
        Path bulk = tmp.resolve("mixed-bulk");
        Run a = run("import", "--db", batched, "--keep-blank-labels", "--progress", "none", nt);
        Run b = run("import", "--db", bulk, "--bulk", "--keep-blank-labels", "--progress", "none", gz);
        assertThat(a.exit).as(a.err).isZero();
        assertThat(b.exit).as(b.err).isZero();
        assertThat(a.outLines()).contains("read: 10 triples", "added: 10 (new)");
        assertThat(b.outLines()).contains("read: 10 triples", "added: 10 (new)");
        assertThat(all(bulk)).isEqualTo(all(batched)).contains(
                Triple.of("http://e/s", "http://e/p", "\"caf\u00e9 \u00e9\\n\"@en-GB"),
                Triple.of("http://e/s", "http://e/p", "\"x\""),
                Triple.of("http://e/s", "http://e/p", "\"5\"^^<http://www.w3.org/2001/XMLSchema#integer>"),
                Triple.of("_:b1", "http://e/p", "_:b2"),
                Triple.of("http://e/\u00fc", "http://e/p", "\"\ud83d\ude00\""),
                Triple.of("http://e/s", "http://e/q", "http://e/o"),
                Triple.of("plain", "name", "o"),
                Triple.of("http://e/A", "http://e/p", "http://e/o"));
        // Export gives back the same graph.
        Path out = tmp.resolve("mixed-out.nt");
        assertThat(run("export", "--db", bulk, "--format", "nt", "--relative", "--output", out).exit).isZero();
        Path again = tmp.resolve("mixed-again");
        assertThat(run("import", "--db", again, "--bulk", "--keep-blank-labels", "--progress", "none", out).exit).isZero();
        assertThat(all(again)).isEqualTo(all(bulk));
    }

    @Test
    void malformedUtf8InNTriplesNamesTheLineAndColumn() throws Exception {
        Path nt = tmp.resolve("bad-utf8.nt");
        byte[] good = "<a> <b> <c> .\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = "<a> <b> \"\u00e9x\uFFFF\" .\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = bad.length - 6; // the first byte of U+FFFF's encoding, replaced by a stray 0xFF
        bad[at] = (byte) 0xFF;
        java.io.ByteArrayOutputStream doc = new java.io.ByteArrayOutputStream();
        doc.write(good);
        doc.write(bad);
        doc.write(good);
        Files.write(nt, doc.toByteArray());
        for (boolean bulkLoad : new boolean[] {false, true}) {
            Path db = tmp.resolve("utf8-" + bulkLoad);
            Run r = bulkLoad ? run("import", "--db", db, "--bulk", "--progress", "none", nt)
                    : run("import", "--db", db, "--progress", "none", nt);
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.err).contains(nt + ":2:12:").contains("malformed UTF-8");
            Run s = bulkLoad ? run("import", "--db", db, "--bulk", "--skip-invalid", "--progress", "none", nt)
                    : run("import", "--db", db, "--skip-invalid", "--progress", "none", nt);
            assertThat(s.exit).as(s.err).isZero();
            assertThat(s.outLines()).contains("skipped: 1");
            assertThat(all(db)).containsExactly(Triple.of("a", "b", "c"));
        }
    }

    /** The UTF-8 of {@code text} with each U+FFFF replaced by the byte 0xFF, which UTF-8 never holds. */
    private static byte[] withBadByte(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String[] parts = text.split("\uffff", -1);
        for (int i = 0; i < parts.length; i++) {
            out.writeBytes(parts[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (i + 1 < parts.length) {
                out.write(0xFF);
            }
        }
        return out.toByteArray();
    }

    @Test
    void malformedUtf8InTurtleCsvAndJsonLinesNamesItsLineAndColumnAndSkipsOnlyItsStatement() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            many.append("<s").append(i).append("> <p> \"caf\u00e9\" .\n"); // 60 KiB before the bad byte
        }
        String[][] cases = {
            {"bad.ttl", many + "<a> <b> \"\u00e9x\uffff\" .\n<a> <b> <d> .\n", "3001:12", "3000"},
            {"bad.csv", "s,p,o\na,b,c\na,b,\"\u00e9x\uffff\"\na,b,d\n", "3:8", "1"},
            {"bad.jsonl", "{\"subject\":\"a\",\"predicate\":\"b\",\"object\":\"c\"}\n"
                    + "{\"subject\":\"a\",\"predicate\":\"b\",\"object\":\"\u00e9x\uffff\"}\n"
                    + "{\"subject\":\"a\",\"predicate\":\"b\",\"object\":\"d\"}\n", "2:44", "1"},
        };
        for (String[] c : cases) {
            Path file = tmp.resolve(c[0]);
            Files.write(file, withBadByte(c[1]));
            long before = Long.parseLong(c[3]); // triples read before the bad one
            for (boolean bulkLoad : new boolean[] {false, true}) {
                Path db = tmp.resolve(c[0] + "-" + bulkLoad);
                Run r = bulkLoad ? run("import", "--db", db, "--bulk", "--progress", "none", file)
                        : run("import", "--db", db, "--progress", "none", file);
                assertThat(r.exit).as(c[0]).isEqualTo(1);
                assertThat(r.err).as(c[0]).isEqualTo("error: " + file + ":" + c[2] + ": malformed UTF-8 (byte 0xFF)\n");
                try (NervusDB d = NervusDB.open(db)) {
                    // Batches: what was read before the error stays, nothing after it; bulk: nothing at all.
                    assertThat(d.count(null, null, null)).as(c[0]).isEqualTo(bulkLoad ? 0 : before);
                    assertThat(d.contains("a", "b", "d")).isFalse();
                }
                Run s = bulkLoad ? run("import", "--db", db, "--bulk", "--skip-invalid", "--progress", "none", file)
                        : run("import", "--db", db, "--skip-invalid", "--progress", "none", file);
                assertThat(s.exit).as(s.err).isZero();
                assertThat(s.outLines()).as(c[0]).contains("read: " + (before + 1) + " triples", "skipped: 1");
                try (NervusDB d = NervusDB.open(db)) {
                    assertThat(d.count(null, null, null)).as(c[0]).isEqualTo(before + 1);
                    assertThat(d.contains("a", "b", "d")).as(c[0]).isTrue();
                }
            }
        }
    }

    @Test
    void csvAndJsonLinesErrorsNameTheCharacterWhereTheyAreAndSkipTheWholeRecord() throws Exception {
        String[][] cases = { // file, content, the error
            {"header.csv", "s,p\uffff,o\na,b,c\n", ":1:4: malformed UTF-8 (byte 0xFF)"},
            {"cell.csv", "s,p,o\na,b,c\na,b,\"multi\nline\uffff cell\"\na,b,d\n", ":4:5: malformed UTF-8 (byte 0xFF)"},
            {"quote.csv", "s,p,o\na,b,c\na,\"x\"y,z\na,b,d\n",
                ":3:6: malformed CSV: text after the closing quote of a cell (',' or the end of the row expected)"},
            {"open.csv", "s,p,o\na,b,c\na,b,\"open\n", ":3:5: malformed CSV: quoted cell not closed"},
            {"short.csv", "s,p,o\n\ud83d\ude00x\r\na,b,d\n", ":2:3: row has 1 cells, the mapping needs column 2"},
            {"token.jsonl", "{\"s\":\"\ud83d\ude00\",\"subject\":tru}\n", ":1:20: malformed JSON: Unrecognized token 'tru'"},
            {"missing.jsonl", "  {\"subject\":\"a\",\"predicate\":\"p\"}\n", ":1:3: missing 'object'"},
            {"type.jsonl", "{\"subject\":\"a\",\"predicate\":\"p\",\"object\":[1]}\n", ":1:41: 'object' must be a string, number or boolean"},
            {"array.jsonl", "\r\n[1]\n", ":2:1: expected a JSON object"},
            {"surrogate.jsonl", "{\"subject\":\"\\ud800\",\"predicate\":\"p\",\"object\":\"o\"}", ":1:12: "},
            {"cut.jsonl", "{\"subject\":\"a\",\"predicate\":\"p\",\"object\":\"\u00e9\uffff", ":1:43: malformed UTF-8 (byte 0xFF)"},
        };
        for (String[] c : cases) {
            Path file = tmp.resolve(c[0]);
            Files.write(file, withBadByte(c[1]));
            Run r = run("import", "--db", tmp.resolve("positions"), "--progress", "none", file);
            assertThat(r.exit).as(c[0]).isEqualTo(1);
            assertThat(r.err).as(c[0]).startsWith("error: " + file + c[2]);
        }
        Run header = run("import", "--db", tmp.resolve("positions"), "--progress", "none", "--skip-invalid", tmp.resolve("header.csv"));
        assertThat(header.exit).as("a bad header cannot be skipped").isEqualTo(1);
        // Each bad row is skipped whole, and every good one is read.
        Path csv = tmp.resolve("rows.csv");
        Files.write(csv, withBadByte("s,p,o\na,b,c1\na,b,\"multi\nline\uffff cell\"\na,\"x\"y,z\na,b,\"two\r\nlines\"\n"
                + "\ud83d\ude00x\na,b,c2\na,b,\"open\n"));
        Path db = tmp.resolve("rows");
        Run s = run("import", "--db", db, "--progress", "none", "--skip-invalid", csv);
        assertThat(s.exit).as(s.err).isZero();
        assertThat(s.outLines()).contains("read: 3 triples", "skipped: 4");
        assertThat(all(db)).containsExactlyInAnyOrder(Triple.of("a", "b", "c1"), Triple.of("a", "b", "two\r\nlines"),
                Triple.of("a", "b", "c2"));
    }

    @Test
    void aTermOverTheStoreLimitIsReportedWhereItBeginsAndSkipsItsStatement() throws Exception {
        String big = "x".repeat(TripleStore.MAX_TERM_BYTES / 2) + "\u00e9".repeat(TripleStore.MAX_TERM_BYTES / 4 + 1);
        String message = "term longer than " + TripleStore.MAX_TERM_BYTES + " bytes of UTF-8";
        String[][] cases = { // file, content, the error's position, triples read before it, with --skip-invalid
            {"big.ttl", "@prefix ex: <http://ex.org/> .\nex:a ex:p ex:o1 .\nex:a ex:p ex:o2 ,\n    \"" + big
                    + "\" , ex:o3 .\nex:a ex:p ex:o4 .\n<" + big + "> ex:p ex:o5 .\nex:a ex:" + big + " ex:o6 .\n",
                ":4:5: ", "2", "2"}, // the error stops a batched import after ex:o2, in the statement that fails
            {"big.nt", "<a> <b> <c> .\n<a> <b> \"" + big + "\" .\n<" + big + "> <b> <d> .\n<a> <b> \"\\n" + big + "\" .\n"
                    + "<a> <b> _:" + big + " .\n<a> <b> <e> .\n", ":2:9: ", "1", "2"},
            {"big.csv", "s,p,o\na,b,c\na,b," + big + "\na,b,d\n", ":3:5: ", "1", "2"},
            {"big.jsonl", "{\"subject\":\"a\",\"predicate\":\"b\",\"object\":\"c\"}\n"
                    + "{\"subject\":\"a\",\"predicate\":\"b\",\"object\":\"" + big + "\"}\n"
                    + "{\"subject\":\"a\",\"predicate\":\"b\",\"object\":\"d\"}\n", ":2:41: ", "1", "2"},
        };
        for (String[] c : cases) {
            Path file = tmp.resolve(c[0]);
            Files.writeString(file, c[1]);
            for (boolean bulkLoad : new boolean[] {false, true}) {
                Path db = tmp.resolve(c[0] + "-" + bulkLoad);
                Run r = bulkLoad ? run("import", "--db", db, "--bulk", "--progress", "none", file)
                        : run("import", "--db", db, "--progress", "none", file);
                assertThat(r.exit).as(c[0]).isEqualTo(1);
                assertThat(r.err).as(c[0]).isEqualTo("error: " + file + c[2] + message + "\n");
                try (NervusDB d = NervusDB.open(db)) {
                    assertThat(d.count(null, null, null)).as(c[0]).isEqualTo(bulkLoad ? 0 : Long.parseLong(c[3]));
                }
                Run s = bulkLoad ? run("import", "--db", db, "--bulk", "--skip-invalid", "--progress", "none", file)
                        : run("import", "--db", db, "--skip-invalid", "--progress", "none", file);
                assertThat(s.exit).as(s.err).isZero();
                int bad = c[0].equals("big.ttl") ? 3 : c[0].equals("big.nt") ? 4 : 1;
                assertThat(s.outLines()).as(c[0]).contains("read: " + c[4] + " triples", "skipped: " + bad);
            }
        }
        // Every Turtle statement with a term too long is skipped whole, the others are read.
        String ex = "http://ex.org/";
        assertThat(all(tmp.resolve("big.ttl-true"))).containsExactlyInAnyOrder(Triple.of(ex + "a", ex + "p", ex + "o1"),
                Triple.of(ex + "a", ex + "p", ex + "o4"));
    }

    @Test
    void refusedGraphsAndQueryFilesNameFileLineAndColumn() throws Exception {
        // --graph refuse: the graph term's column, on plain lines and on lines with escapes alike.
        Path nq = tmp.resolve("graphs.nq");
        Files.writeString(nq, "<x> <y> <z> .\n<x> <\u00fc> <z> <http://g> .\n");
        Path nq2 = tmp.resolve("graphs2.nq");
        Files.writeString(nq2, "<x> <y> <z> .\n_:s <y> \"a\\n\" _:g .\n");
        for (boolean bulkLoad : new boolean[] {false, true}) {
            Run r = bulkLoad ? run("import", "--db", tmp.resolve("g-" + bulkLoad), "--bulk", "--graph", "refuse", "--progress", "none", nq)
                    : run("import", "--db", tmp.resolve("g-" + bulkLoad), "--graph", "refuse", "--progress", "none", nq);
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.err).isEqualTo("error: " + nq + ":2:13: a named graph (http://g) and --graph refuse\n");
            Run r2 = run("import", "--db", tmp.resolve("g2-" + bulkLoad), bulkLoad ? "--bulk" : "--batch=10", "--graph", "refuse",
                    "--keep-blank-labels", "--progress", "none", nq2);
            assertThat(r2.err).isEqualTo("error: " + nq2 + ":2:15: a named graph (_:g) and --graph refuse\n");
        }
        // query --file: a syntax error at the file's line and column, in characters.
        Path dir = tmp.resolve("q-file");
        assertThat(run("add", "--db", dir, "a", "b", "c").exit).isZero();
        Path q = tmp.resolve("q.rq");
        Files.writeString(q, "SELECT ?x\nWHERE { ?x <\ud83d\ude00> ?y . ?z }\n");
        Run bad = run("query", "--db", dir, "--file", q);
        assertThat(bad.exit).isEqualTo(1);
        assertThat(bad.err).startsWith("error: " + q + ":2:24: expected");
        Files.write(q, withBadByte("SELECT ?x\nWHERE { ?x <b> \"\uffff\" }\n"));
        Run utf8 = run("query", "--db", dir, "--file", q);
        assertThat(utf8.err).isEqualTo("error: " + q + ":2:17: malformed UTF-8 (byte 0xFF)\n");
        Run missing = run("query", "--db", dir, "--file", tmp.resolve("nope.rq"));
        assertThat(missing.exit).isEqualTo(1);
        assertThat(missing.err).startsWith("error: cannot read " + tmp.resolve("nope.rq")).doesNotContain("Exception");
        Files.writeString(q, "SELECT ?o WHERE { <a> <b> ?o }");
        assertThat(run("query", "--db", dir, "--file", q, "--format", "csv").outLines()).containsExactly("o", "c");
    }

    // ------------------------------------------------------------------ compact, verify

    private Path filled(String name, int n) {
        Path db = tmp.resolve(name);
        try (NervusDB d = NervusDB.open(db)) {
            List<Triple> ts = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                ts.add(Triple.of("s" + (i / 10), "p" + (i % 10), "o" + i));
            }
            d.addAll(ts);
            d.flush();
            d.addAll(List.of(Triple.of("x", "y", "z")));
            d.flush();
            d.delete("s0", "p0", "o0");
        }
        return db;
    }

    @Test
    void compactMergesTablesAndKeepsTheTriples() {
        Path db = filled("c", 2000);
        Run r = run("compact", "--db", db);
        assertThat(r.exit).as(r.err).isEqualTo(0);
        assertThat(r.outLines().get(0)).startsWith("before: 2 tables");
        assertThat(r.outLines().get(1)).startsWith("after: 1 tables");
        assertThat(r.outLines()).contains("triples: 2000");
        Run v = run("verify", "--db", db);
        assertThat(v.exit).isEqualTo(0);
        assertThat(v.outLines()).contains("indexes: consistent", "ok");
    }

    @Test
    void verifyReportsDamageWithExitCodeOne() throws Exception {
        Path db = filled("v", 20_000);
        assertThat(run("compact", "--db", db).exit).isEqualTo(0);
        Path table;
        try (var files = Files.list(db)) {
            table = files.filter(f -> f.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(table);
        b[b.length / 2] ^= 0x10;
        Files.write(table, b);
        Run v = run("verify", "--db", db);
        assertThat(v.exit).isEqualTo(1);
        assertThat(v.out).contains("problem: [CORRUPTION]").doesNotContain("ok\n");
        assertThat(run("verify", "--db", tmp.resolve("missing")).exit).isEqualTo(1);
        assertThat(run("verify", "--db", db, "--max-problems", "0").exit).isEqualTo(2);
    }

    // ------------------------------------------------------------------ add, find, stats

    @Test
    void addFindAndStatsWorkOnOneDirectory() {
        Path db = tmp.resolve("db");

        assertThat(run("add", "--db", db, "alice", "knows", "bob").out).isEqualTo("added\n");
        assertThat(run("add", "--db", db, "alice", "knows", "carol").exit).isEqualTo(0);
        assertThat(run("add", "--db", db, "bob", "knows", "carol").exit).isEqualTo(0);
        Run dup = run("add", "--db", db, "alice", "knows", "bob");
        assertThat(dup.exit).isEqualTo(0);
        assertThat(dup.out).isEqualTo("already present\n");

        Run bySubject = run("find", "--db", db, "-s", "alice");
        assertThat(bySubject.exit).isEqualTo(0);
        assertThat(bySubject.outLines()).containsExactlyInAnyOrder("alice\tknows\tbob", "alice\tknows\tcarol");

        assertThat(run("find", "--db", db, "--object", "carol").outLines())
                .containsExactlyInAnyOrder("alice\tknows\tcarol", "bob\tknows\tcarol");
        assertThat(run("find", "--db", db, "-s", "bob", "-p", "knows", "-o", "carol").outLines())
                .containsExactly("bob\tknows\tcarol");
        assertThat(run("find", "--db", db, "-s", "carol").out).isEmpty();
        assertThat(run("find", "--db", db).outLines()).hasSize(3);
        assertThat(run("find", "--db", db, "-p", "knows", "--limit", "2").outLines()).hasSize(2);
        assertThat(run("find", "--db", db, "--limit", "0").out).isEmpty();

        Run stats = run("stats", "--db", db);
        assertThat(stats.exit).isEqualTo(0);
        assertThat(stats.outLines()).contains("triples: 3", "quads: 0", "graphs: 0", "baseIri: http://nervusdb.invalid/")
                .anyMatch(l -> l.startsWith("termCacheHits: ")).anyMatch(l -> l.startsWith("termCacheMisses: "))
                .allMatch(l -> l.matches("[a-zA-Z]+: \\d+") || l.startsWith("baseIri: "))
                .hasSize(17);
        assertThat(stats.outLines().stream().filter(l -> l.startsWith("terms: ")))
                .containsExactly("terms: 4");
    }

    @Test
    void findEscapesTabsLineBreaksAndBackslashes() {
        Path db = tmp.resolve("db");
        assertThat(run("add", "--db", db, "a\tb", "says", "line1\nline2 C:\\x").exit).isEqualTo(0);

        assertThat(run("find", "--db", db).out).isEqualTo("a\\tb\tsays\tline1\\nline2 C:\\\\x\n");
    }

    // ------------------------------------------------------------------ errors and exit codes

    @Test
    void usageErrorsExitWith2AndPrintNothingToStdout() {
        Run noDb = run("find", "-s", "alice");
        assertThat(noDb.exit).isEqualTo(2);
        assertThat(noDb.err).contains("--db");
        assertThat(noDb.out).isEmpty();
        // The message and where to look, not the whole help.
        assertThat(noDb.err.strip().lines()).hasSize(2);
        assertThat(noDb.err).startsWith("error: Missing required option").contains("Try 'nervusdb find --help'");
        Run typo = run("find", "--db", tmp, "--limt", "3");
        assertThat(typo.err).contains("--limt").contains("--limit").contains("Try 'nervusdb find --help'");

        Run missingObject = run("add", "--db", tmp.resolve("db"), "alice", "knows");
        assertThat(missingObject.exit).isEqualTo(2);
        assertThat(missingObject.err).contains("OBJECT");
        assertThat(tmp.resolve("db")).as("nothing was created").doesNotExist();

        assertThat(run("frobnicate").exit).isEqualTo(2);
        assertThat(run("find", "--db", tmp, "--limit", "many").exit).isEqualTo(2);

        Run negative = run("find", "--db", tmp, "--limit", "-1");
        assertThat(negative.exit).isEqualTo(2);
        assertThat(negative.err).contains("--limit must be >= 0");

        Run none = run();
        assertThat(none.exit).isEqualTo(2);
        assertThat(none.err).contains("Missing required subcommand").contains("Usage: nervusdb");
    }

    @Test
    void helpAndVersionExit0() {
        Run help = run("--help");
        assertThat(help.exit).isEqualTo(0);
        assertThat(help.out).contains("demo").contains("stats").contains("find").contains("add");

        Run findHelp = run("find", "--help");
        assertThat(findHelp.exit).isEqualTo(0);
        assertThat(findHelp.out).contains("--limit").contains("--subject");

        // Shell completion for bash and zsh: source <(nervusdb generate-completion)
        Run completion = run("generate-completion");
        assertThat(completion.exit).isEqualTo(0);
        assertThat(completion.out).contains("complete -F").contains("import").contains("--union-default-graph");

        Run version = run("--version");
        assertThat(version.exit).isEqualTo(0);
        assertThat(version.out).startsWith("nervusdb ");
    }

    /** Runs the command line with {@code stdin} as standard input. */
    private static Run runWithInput(String stdin, Object... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aDashReadsStandardInputOrWritesStandardOutput() {
        Path db = tmp.resolve("db");
        Run imported = runWithInput("<a> <b> <c> .\n<a> <b> \"d\"@en .\n", "import", "--db", db, "--format", "nt", "-");
        assertThat(imported.exit).as(imported.err).isEqualTo(0);
        assertThat(imported.out).contains("added: 2");
        Run noFormat = runWithInput("<a> <b> <c> .\n", "import", "--db", db, "-");
        assertThat(noFormat.exit).isEqualTo(2);
        assertThat(noFormat.err).contains("needs --format");
        Run twice = runWithInput("", "import", "--db", db, "--format", "nt", "-", "-");
        assertThat(twice.exit).isEqualTo(2);
        Run query = runWithInput("SELECT ?o WHERE { <a> <b> ?o } ORDER BY ?o", "query", "--db", db, "-f", "-", "--format", "tsv");
        assertThat(query.exit).as(query.err).isEqualTo(0);
        assertThat(query.outLines()).contains("<c>", "\"d\"@en");
        Run export = run("export", "--db", db, "--format", "nt", "--output", "-");
        assertThat(export.exit).as(export.err).isEqualTo(0);
        assertThat(export.outLines()).hasSize(2);
        assertThat(tmp.resolve("-")).doesNotExist();
    }

    @Test
    void fileErrorsAreOneLineNamingTheFileNotAStackTrace() {
        Path db = tmp.resolve("db");
        assertThat(run("add", "--db", db, "a", "b", "c").exit).isEqualTo(0);
        Path missingDir = tmp.resolve("no-such-dir").resolve("x.nt");
        Run export = run("export", "--db", db, "--output", missingDir);
        assertThat(export.exit).isEqualTo(1);
        assertThat(export.err.strip()).isEqualTo("error [IO]: " + missingDir + ": no such file or directory");
        Run query = run("query", "--db", db, "-f", tmp.resolve("missing.rq"));
        assertThat(query.exit).isEqualTo(1);
        assertThat(query.err.strip().lines()).hasSize(1);
        assertThat(query.err).startsWith("error").contains("missing.rq").doesNotContain("\tat ");
    }

    @Test
    void lockedDatabaseRefusesWritesWithTheLockedCodeAndIsReadReadOnly() {
        Path db = tmp.resolve("db");
        try (NervusDB held = NervusDB.open(db)) {
            held.add("x", "y", "z");

            Run r = run("add", "--db", db, "alice", "knows", "bob");

            assertThat(r.exit).isEqualTo(1);
            assertThat(r.err).startsWith("error [LOCKED]: ").contains("LOCKED");
            assertThat(r.out).isEmpty();
            assertThat(held.contains("alice", "knows", "bob")).isFalse();
            Run update = run("query", "--db", db, "INSERT DATA { <alice> <knows> <bob> }");
            assertThat(update.exit).isEqualTo(1);
            assertThat(update.err).startsWith("error [LOCKED]: ");

            // Commands that only read open it read-only beside the writer, and say so.
            Run stats = run("stats", "--db", db);
            assertThat(stats.exit).as(stats.err).isEqualTo(0);
            assertThat(stats.err).startsWith("note: ").contains("read-only");
            assertThat(stats.out).contains("triples: 1");
            assertThat(run("find", "--db", db, "-s", "x").outLines()).containsExactly("x\ty\tz");
            held.add("x", "y", "z2");
            assertThat(run("query", "--db", db, "SELECT ?o WHERE { <x> <y> ?o } ORDER BY ?o").outLines())
                    .contains("<z>", "<z2>");
            assertThat(run("export", "--db", db, "--format", "nt").outLines()).hasSize(2);
            assertThat(run("query", "--db", db, "--count", "-s", "x").outLines())
                    .contains("\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        }

        // Once the holder is gone the same command succeeds.
        Run after = run("add", "--db", db, "alice", "knows", "bob");
        assertThat(after.exit).as(after.err).isEqualTo(0);
        assertThat(run("find", "--db", db, "-s", "alice").outLines()).containsExactly("alice\tknows\tbob");
    }

    @Test
    void readingCommandsDoNotCreateADatabase() {
        Path missing = tmp.resolve("no-such-db");

        Run stats = run("stats", "--db", missing);
        assertThat(stats.exit).isEqualTo(1);
        assertThat(stats.err).isEqualTo("error: no NervusDB database in " + missing + "\n");

        Run find = run("find", "--db", missing, "-s", "x");
        assertThat(find.exit).isEqualTo(1);
        assertThat(missing).doesNotExist();
    }

    @Test
    void storageFailureIsReportedWithItsCodeAndExit1() throws Exception {
        // A plain file where the database directory should be: the engine cannot create it.
        Path file = tmp.resolve("not-a-dir");
        Files.writeString(file, "x");

        Run r = run("add", "--db", file, "a", "b", "c");

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).startsWith("error [IO]: ").contains(file.toString());
    }

    @Test
    void linksPlantedInTheDatabaseAreRefusedAndWhatTheyLeadToIsUntouched() throws Exception {
        Path db = tmp.resolve("db");
        assertThat(run("add", "--db", db, "alice", "knows", "bob").exit).isEqualTo(0);
        Path outside = tmp.resolve("outside.txt");
        byte[] secret = "not the database's\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(outside, secret);

        Files.delete(db.resolve("LOCK"));
        Files.createSymbolicLink(db.resolve("LOCK"), outside);
        for (Object[] args : new Object[][] {{"stats", "--db", db}, {"find", "--db", db}, {"add", "--db", db, "a", "b", "c"}}) {
            Run r = run(args);
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.err).startsWith("error [IO]: ").contains("LOCK").contains("symbolic link");
        }
        assertThat(Files.readAllBytes(outside)).isEqualTo(secret);
        Files.delete(db.resolve("LOCK"));

        Files.createSymbolicLink(db.resolve("000009.wal"), outside);
        for (Object[] args : new Object[][] {{"find", "--db", db}, {"add", "--db", db, "a", "b", "c"}}) {
            Run r = run(args);
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.err).startsWith("error [IO]: ").contains("000009.wal").contains("symbolic link");
        }
        Run dump = run("dump", "--db", db);
        assertThat(dump.out).contains("000009.wal\tsymbolic link (not followed)");
        assertThat(Files.readAllBytes(outside)).isEqualTo(secret);
        Files.delete(db.resolve("000009.wal"));
        assertThat(run("find", "--db", db).outLines()).containsExactly("alice\tknows\tbob");
    }

    @Test
    void exportMigrateAndHistoryNeverWriteIntoADatabaseDirectory() throws Exception {
        Path db = tmp.resolve("db");
        assertThat(run("add", "--db", db, "alice", "knows", "bob").exit).isEqualTo(0);
        byte[] log = Files.readAllBytes(db.resolve("000001.wal"));

        Run export = run("export", "--db", db, "--format", "nt", "--output", db.resolve("000001.wal"));
        assertThat(export.exit).isEqualTo(1);
        assertThat(export.err).contains("--output").contains("inside the database directory");
        // Through a link outside that leads in, too.
        Path link = tmp.resolve("export.nt");
        Files.createSymbolicLink(link, db.resolve("MANIFEST"));
        assertThat(run("export", "--db", db, "--output", link).err).contains("inside the database directory");
        assertThat(Files.readAllBytes(db.resolve("000001.wal"))).isEqualTo(log);
        assertThat(run("find", "--db", db).outLines()).containsExactly("alice\tknows\tbob");
        Run fine = run("export", "--db", db, "--output", tmp.resolve("out.nt"));
        assertThat(fine.exit).as(fine.err).isEqualTo(0);

        Path legacy = Path.of(MainTest.class.getResource("/legacy/a_basic").toURI());
        Run migrate = run("migrate", "--from", legacy, "--db", db.resolve("000002.wal"));
        assertThat(migrate.exit).isEqualTo(1);
        assertThat(migrate.err).contains("--db").contains("inside the database directory");
        try (java.util.stream.Stream<Path> files = Files.list(db)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> !n.contains("000002.wal"));
        }

        CommandLine cl = Main.commandLine();
        ReplCommand repl = cl.getSubcommands().get("repl").getCommand();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try (org.jline.terminal.Terminal t = org.jline.terminal.TerminalBuilder.builder().system(false).type("dumb")
                .streams(typing(".quit\n", done), new java.io.ByteArrayOutputStream()).build()) {
            repl.terminal = t;
            assertThat(cl.execute("repl", "--db", tmp.resolve("other").toString(), "--history", db.resolve("MANIFEST").toString()))
                    .isEqualTo(1);
        } finally {
            done.countDown();
        }
        assertThat(err.toString()).contains("--history").contains("inside the database directory");
        assertThat(run("find", "--db", db).outLines()).containsExactly("alice\tknows\tbob");
    }

    // ------------------------------------------------------------------ query

    @Test
    void queryPrintsSparqlResultsInEveryFormat() {
        Path dir = tmp.resolve("q-db");
        assertThat(run("add", "--db", dir, "alice", "knows", "bob").exit).isEqualTo(0);
        assertThat(run("add", "--db", dir, "bob", "name", "\"Bob, \\\"B\\\"\"").exit).isEqualTo(0);
        String q = "SELECT ?who ?name WHERE { <alice> <knows> ?who OPTIONAL { ?who <name> ?name } }";

        Run table = run("query", "--db", dir, q);
        assertThat(table.exit).as(table.err).isEqualTo(0);
        assertThat(table.outLines()).hasSize(4);
        assertThat(table.outLines().get(0)).startsWith("?who").contains("| ?name");
        assertThat(table.outLines().get(2)).startsWith("<bob>").contains("\"Bob, \\\"B\\\"\"");
        assertThat(table.outLines().get(3)).isEqualTo("1 row");

        Run csv = run("query", "--db", dir, "--format", "csv", q);
        assertThat(csv.out).isEqualTo("who,name\nbob,\"Bob, \"\"B\"\"\"\n");

        Run tsv = run("query", "--db", dir, "--format", "tsv", q);
        assertThat(tsv.out).isEqualTo("?who\t?name\n<bob>\t\"Bob, \\\"B\\\"\"\n");

        Run json = run("query", "--db", dir, "--format", "json", q);
        assertThat(json.out).contains("\"vars\":[\"who\",\"name\"]")
                .contains("\"who\":{\"type\":\"uri\",\"value\":\"bob\"}")
                .contains("\"name\":{\"type\":\"literal\",\"value\":\"Bob, \\\"B\\\"\"}");

        Run ask = run("query", "--db", dir, "ASK { <bob> <knows> ?x }");
        assertThat(ask.out.trim()).isEqualTo("false");

        Run explain = run("query", "--db", dir, "--explain", q);
        assertThat(explain.out).contains("LeftJoin").contains("rows=1");
    }

    @Test
    void queryReportsSyntaxErrorsAndMissingDatabases() {
        Path dir = tmp.resolve("q-err");
        assertThat(run("add", "--db", dir, "a", "b", "c").exit).isEqualTo(0);
        Run bad = run("query", "--db", dir, "SELECT ?x WHERE { ?x <b> }");
        assertThat(bad.exit).isEqualTo(Main.EXIT_FAILURE);
        assertThat(bad.err).startsWith("error [QUERY_SYNTAX]: line 1, column");
        Run none = run("query", "--db", tmp.resolve("nothing-here"), "ASK {}");
        assertThat(none.exit).isEqualTo(Main.EXIT_FAILURE);
        Run both = run("query", "--db", dir);
        assertThat(both.exit).isEqualTo(Main.EXIT_USAGE);
    }
}
