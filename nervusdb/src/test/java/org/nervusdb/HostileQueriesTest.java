package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.rdf.RdfTerms;

/**
 * Queries that would hold the engine: a regular expression that backtracks for ever stops at
 * the deadline and when the database closes; a query that would hold more than the heap allows
 * stops with QUERY_TOO_LARGE instead of running out of memory.
 */
class HostileQueriesTest {
    /** Catastrophic backtracking on 30 a's and a '!'. */
    static final String EVIL = "SELECT ?s WHERE { ?s ?p ?o FILTER(REGEX(?o, \"^(a+){2,30}$\")) }";

    static long drain(QueryResult r) {
        long n = 0;
        try (r) {
            while (r.hasNext()) {
                r.next();
                n++;
            }
        }
        return n;
    }

    static NervusDB slowText(Path dir, int rows) {
        NervusDB db = NervusDB.open(dir);
        List<Triple> ts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ts.add(Triple.of("t" + i, "slowtext", RdfTerms.literal("a".repeat(30) + "!")));
        }
        db.addAll(ts);
        return db;
    }

    static String code(Throwable e) {
        return e instanceof NervusDBException ? ((NervusDBException) e).code() : e.toString();
    }

    @Test
    void aBacktrackingRegexStopsAtTheDeadline(@TempDir Path dir) {
        try (NervusDB db = slowText(dir, 2_000)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> drain(db.sparql(EVIL, QueryOptions.defaults().timeoutMillis(500))))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("QUERY_TIMEOUT"));
            String replace = "SELECT (REPLACE(?o, \"^(a+){2,30}$\", \"x\") AS ?r) WHERE { ?s ?p ?o }";
            assertThatThrownBy(() -> drain(db.sparql(replace, QueryOptions.defaults().timeoutMillis(500))))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("QUERY_TIMEOUT"));
            // Each match alone takes minutes; both queries ended near their deadlines.
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(30);
            // The same pattern on text it matches quickly still works.
            db.add("ok", "text", RdfTerms.literal("aaaa"));
            assertThat(drain(db.sparql("SELECT ?s WHERE { ?s <text> ?o FILTER(REGEX(?o, \"^(a+){2,30}$\")) }"))).isEqualTo(1);
        }
    }

    @Test
    void closingTheDatabaseStopsARegexInTheMiddleOfAMatch(@TempDir Path dir) throws Exception {
        NervusDB db = slowText(dir, 1);
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                drain(db.sparql(EVIL));
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Thread.sleep(300);
        long t0 = System.nanoTime();
        db.close();
        Throwable e = outcome.get(30, TimeUnit.SECONDS);
        assertThat(e).isInstanceOf(DatabaseClosedException.class);
        assertThat(code(e)).isEqualTo("CLOSED");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(30);
    }

    /** 1,500 x 1,500 = 2.25 million solutions, far beyond 8 MiB when held. */
    @Test
    void operatorsThatHoldSolutionsStopAtTheMemoryBound(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            List<Triple> ts = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                ts.add(Triple.of("a" + i, "p", "b" + i));
                ts.add(Triple.of("c" + i, "q", "d" + i));
            }
            db.addAll(ts);
            QueryOptions small = QueryOptions.defaults().maxMemoryBytes(8L << 20);
            for (String q : List.of(
                    "SELECT * WHERE { ?a <p> ?b . ?c <q> ?d } ORDER BY ?b ?d",
                    "SELECT DISTINCT ?a ?c WHERE { ?a <p> ?b . ?c <q> ?d }",
                    "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a <p> ?b . ?c <q> ?d } GROUP BY ?a ?c",
                    "SELECT * WHERE { ?a <p> ?b MINUS { ?c <q> ?d . ?e <p> ?b } }")) {
                assertThatThrownBy(() -> drain(db.sparql(q, small))).as(q)
                        .satisfies(e -> assertThat(code(e)).isEqualTo("QUERY_TOO_LARGE"))
                        .hasMessageContaining("MiB in memory");
            }
            // Within the bound the same shapes answer.
            assertThat(drain(db.sparql("SELECT DISTINCT ?a WHERE { ?a <p> ?b }", small))).isEqualTo(1_500);
            assertThat(drain(db.sparql("SELECT * WHERE { ?a <p> ?b } ORDER BY ?b", small))).isEqualTo(1_500);
        }
    }

    /**
     * A JVM with a 128 MiB heap and default options: ORDER BY over a cross product of 9 million
     * solutions ends with QUERY_TOO_LARGE (a quarter of the heap is the default bound), not with
     * OutOfMemoryError.
     */
    @Test
    void theDefaultBoundComesFromTheHeap(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                QueryMemoryChild.class.getName(), dir.toString()).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.append(line).append('\n');
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out.toString()).contains("QUERY_TOO_LARGE").doesNotContain("OutOfMemoryError");
        assertThat(p.exitValue()).as(out.toString()).isEqualTo(0);
    }
}
