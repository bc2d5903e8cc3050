package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.rdf.RdfTerms;

/** SPARQL through the JVM API: joins over plain-name data, typed errors, limits, explain. */
class SparqlApiTest {

    static List<List<String>> rows(QueryResult r) {
        List<List<String>> out = new ArrayList<>();
        while (r.hasNext()) {
            out.add(Arrays.asList(r.next()));
        }
        return out;
    }

    @Test
    void selectJoinsFiltersAndAggregatesOverStoredTerms(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("alice", "knows", "bob");
            db.add("bob", "knows", "carol");
            db.add("carol", "livesIn", "Paris");
            db.add("bob", "livesIn", "Rome");
            db.add("alice", "age", RdfTerms.literal("31", null, RdfTerms.XSD + "integer"));
            db.add("bob", "age", RdfTerms.literal("42", null, RdfTerms.XSD + "integer"));
            db.flush();
            db.add("carol", "age", RdfTerms.literal("27", null, RdfTerms.XSD + "integer"));
            try (QueryResult r = db.sparql("SELECT ?friend ?city WHERE { ?p <knows> ?friend . ?friend <livesIn> ?city } ORDER BY ?city")) {
                assertThat(r.variables()).containsExactly("friend", "city");
                assertThat(rows(r)).containsExactly(List.of("carol", "Paris"), List.of("bob", "Rome"));
            }
            try (QueryResult r = db.sparql("SELECT ?p WHERE { ?p <age> ?a FILTER(?a > 30) } ORDER BY DESC(?a)")) {
                assertThat(rows(r)).containsExactly(List.of("bob"), List.of("alice"));
            }
            try (QueryResult r = db.sparql("SELECT (COUNT(*) AS ?n) (AVG(?a) AS ?avg) WHERE { ?p <age> ?a }")) {
                assertThat(rows(r)).containsExactly(List.of(
                        RdfTerms.literal("3", null, RdfTerms.XSD + "integer"),
                        RdfTerms.literal("33.333333333333333333333333", null, RdfTerms.XSD + "decimal")));
            }
            try (QueryResult r = db.sparql("SELECT ?x WHERE { <alice> <knows>+ ?x }")) {
                assertThat(rows(r)).containsExactlyInAnyOrder(List.of("bob"), List.of("carol"));
            }
            try (QueryResult r = db.sparql("SELECT ?x WHERE { ?x <livesIn> ?c FILTER regex(str(?c), '^p', 'i') }")) {
                assertThat(rows(r)).containsExactly(List.of("carol"));
            }
            try (QueryResult r = db.sparql("ASK { <alice> <knows> <bob> }")) {
                assertThat(r.kind()).isEqualTo(QueryResult.Kind.ASK);
                assertThat(r.askAnswer()).isTrue();
            }
            assertThat(db.explain("SELECT * WHERE { ?p <knows> ?f . ?f <livesIn> <Paris> }"))
                    .contains("Bgp").contains("rows=1").contains("estimated matches");
        }
    }

    /**
     * NervusDB holds one default graph: a dataset clause or a GRAPH pattern is refused with
     * UNSUPPORTED, never answered from all the data (FROM) or with no rows (GRAPH).
     */
    @Test
    void namedGraphsAreReadNotIgnored(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("alice", "knows", "bob");
            db.add("carol", "knows", "dave", "http://example.org/g");
            // Each query below once answered from all the data; now each reads its dataset.
            String[][] cases = {
                {"SELECT ?s WHERE { ?s ?p ?o }", "alice"},
                {"SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o }", "carol"},
                {"SELECT ?s FROM NAMED <http://example.org/g> WHERE { ?s ?p ?o }", ""},
                {"SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "http://example.org/g"},
                {"SELECT ?x WHERE { ?s ?p ?o OPTIONAL { GRAPH ?g { ?s ?p ?x } } }", "null"},
                {"SELECT ?s WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }", "alice"},
                {"SELECT ?s WHERE { { SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } } }", "carol"},
            };
            for (String[] c : cases) {
                List<String> got = new ArrayList<>();
                try (QueryResult r = db.sparql(c[0])) {
                    for (List<String> row : rows(r)) {
                        got.add(String.valueOf(row.get(0)));
                    }
                }
                assertThat(String.join(",", got)).as(c[0]).isEqualTo(c[1]);
                assertThat(db.explain(c[0])).as(c[0]).isNotEmpty();
            }
            try (QueryResult r = db.sparql("ASK { GRAPH <http://example.org/g> { ?s ?p ?o } }")) {
                assertThat(r.askAnswer()).isTrue();
            }
        }
    }

    @Test
    void badQueriesAndLimitsGetTypedErrors(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            List<Triple> ts = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                ts.add(Triple.of("s" + i, "p", "o" + i));
            }
            db.addAll(ts);
            assertThatThrownBy(() -> db.sparql("SELECT ?x WHERE { ?x <p> }"))
                    .isInstanceOf(QuerySyntaxException.class)
                    .hasMessageContaining("line 1")
                    .extracting(e -> ((NervusDBException) e).code()).isEqualTo("QUERY_SYNTAX");
            // A cross product of 2,000 x 2,000 x 2,000 rows cannot finish in 50 ms.
            assertThatThrownBy(() -> {
                try (QueryResult r = db.sparql("SELECT * WHERE { ?a <p> ?b . ?c <p> ?d . ?e <p> ?f }",
                        QueryOptions.defaults().timeoutMillis(50))) {
                    while (r.hasNext()) {
                        r.next();
                    }
                }
            }).isInstanceOf(QueryAbortedException.class).extracting(e -> ((NervusDBException) e).code()).isEqualTo("QUERY_TIMEOUT");
            assertThatThrownBy(() -> {
                try (QueryResult r = db.sparql("SELECT * WHERE { ?a <p> ?b . ?c <p> ?d } ORDER BY ?d",
                        QueryOptions.defaults().maxMaterialized(10_000))) {
                    r.hasNext();
                }
            }).isInstanceOf(QueryAbortedException.class).extracting(e -> ((NervusDBException) e).code()).isEqualTo("QUERY_TOO_LARGE");
            // A row limit ends the result cleanly and says so.
            try (QueryResult r = db.sparql("SELECT ?s WHERE { ?s <p> ?o }", QueryOptions.defaults().maxRows(5))) {
                assertThat(rows(r)).hasSize(5);
                assertThat(r.truncated()).isTrue();
            }
            try (QueryResult r = db.sparql("SELECT ?s WHERE { <s1> <p> ?o }", QueryOptions.defaults().maxRows(5))) {
                assertThat(rows(r)).hasSize(1);
                assertThat(r.truncated()).isFalse();
            }
            // LIMIT stops early: the first rows of a four-million-row product come at once.
            try (QueryResult r = db.sparql("SELECT * WHERE { ?a <p> ?b . ?c <p> ?d } LIMIT 3",
                    QueryOptions.defaults().timeoutMillis(5_000))) {
                assertThat(rows(r)).hasSize(3);
            }
            // Queries see a snapshot: writes after the start do not show.
            try (QueryResult r = db.sparql("SELECT ?s WHERE { ?s <p> ?o }")) {
                assertThat(r.hasNext()).isTrue();
                db.add("late", "p", "x");
                int n = 1;
                r.next();
                while (r.hasNext()) {
                    r.next();
                    n++;
                }
                assertThat(n).isEqualTo(2000);
            }
        }
    }
}
