package org.nervusdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `nervusdb query` as a user meets it: long numbers, language tags, refused named graphs, a
 * backtracking regular expression under --timeout and a query past --max-memory, each with the
 * right answer or a typed error and exit code 1, never a quiet wrong answer.
 */
class QueryAnswersCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] argv = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            argv[i] = String.valueOf(args[i]);
        }
        int code = cl.execute(argv);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void numbersLanguageTagsAndNamedGraphs(@TempDir Path dir) {
        String db = dir.resolve("db").toString();
        assertThat(run("add", "--db", db, "s", "label", "\"color\"@EN-us").exit()).isZero();
        Run sum = run("query", "--db", db, "--format", "tsv", "SELECT (99999999999999999999 + 1 AS ?c) WHERE {}");
        assertThat(sum.exit()).as(sum.err()).isZero();
        assertThat(sum.out()).contains("\"100000000000000000000\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        Run lang = run("query", "--db", db, "--format", "tsv",
                "SELECT ?s (LANG(?l) AS ?t) WHERE { ?s <label> ?l FILTER(LANG(?l) = \"en-US\") }");
        assertThat(lang.exit()).as(lang.err()).isZero();
        assertThat(lang.out()).contains("\"en-US\"");
        // Named graphs are read, not ignored: the database has none, so these find nothing.
        for (String q : new String[] {"SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o }",
            "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}) {
            Run r = run("query", "--db", db, "--format", "tsv", q);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out().strip().lines().count()).as(q).isEqualTo(1); // the header only
        }
    }

    @Test
    void aBacktrackingRegexEndsAtTheTimeout(@TempDir Path dir) {
        String db = dir.resolve("db").toString();
        assertThat(run("add", "--db", db, "t", "slowtext", "\"" + "a".repeat(30) + "!\"").exit()).isZero();
        long t0 = System.nanoTime();
        Run r = run("query", "--db", db, "--timeout", "1000",
                "SELECT ?s WHERE { ?s ?p ?o FILTER(REGEX(?o, \"^(a+){2,30}$\")) }");
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.err()).contains("QUERY_TIMEOUT");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(20);
    }

    @Test
    void aQueryPastMaxMemoryEndsWithQueryTooLarge(@TempDir Path dir) throws Exception {
        String db = dir.resolve("db").toString();
        Path nt = dir.resolve("data.nt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1_500; i++) {
            sb.append("<a").append(i).append("> <p> <b").append(i).append("> .\n");
        }
        java.nio.file.Files.writeString(nt, sb);
        assertThat(run("import", "--db", db, nt).exit()).isZero();
        Run r = run("query", "--db", db, "--max-memory", "4", "SELECT * WHERE { ?a <p> ?b . ?c <p> ?d } ORDER BY ?b ?d");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("QUERY_TOO_LARGE");
        Run ok = run("query", "--db", db, "--max-memory", "4", "--format", "tsv", "SELECT (COUNT(*) AS ?n) WHERE { ?a <p> ?b }");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("1500");
        assertThat(run("query", "--db", db, "--max-memory", "-1", "ASK {}").exit()).isEqualTo(2);
    }
}
