package org.nervusdb.query;

import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nervusdb.Quad;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;

/** GRAPH, FROM, FROM NAMED and the union default graph, against answers worked out by hand and by brute force. */
class NamedGraphQueriesTest {
    private static final String EX = "http://example.org/";

    private static TripleStore store() {
        TripleStore st = TripleStore.openInMemory(new StoreOptions());
        st.addQuads(Arrays.asList(
                new Quad(EX + "alice", EX + "knows", EX + "bob", null),
                new Quad(EX + "alice", EX + "name", "\"Alice\"", EX + "g1"),
                new Quad(EX + "bob", EX + "name", "\"Bob\"", EX + "g1"),
                new Quad(EX + "bob", EX + "name", "\"Bob\"", EX + "g2"),
                new Quad(EX + "carol", EX + "knows", EX + "alice", EX + "g2"),
                new Quad(EX + "carol", EX + "knows", EX + "bob", EX + "g2")));
        return st;
    }

    private static List<String> rows(TripleStore st, String q) {
        return rows(st, q, QueryOptions.defaults());
    }

    private static List<String> rows(TripleStore st, String q, QueryOptions o) {
        List<String> out = new ArrayList<>();
        try (QueryResult r = QueryEngine.run(st, Sparql.parse(q, null), o)) {
            if (r.kind() == QueryResult.Kind.ASK) {
                out.add(Boolean.toString(r.askAnswer()));
                return out;
            }
            while (r.hasNext()) {
                out.add(String.join(" ", Arrays.asList(r.next())).replace(EX, ""));
            }
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void graphVariableBindsEachNamedGraph() {
        try (TripleStore st = store()) {
            assertThat(rows(st, "SELECT ?g ?s WHERE { GRAPH ?g { ?s <" + EX + "name> ?n } }"))
                    .containsExactly("g1 alice", "g1 bob", "g2 bob");
            assertThat(rows(st, "SELECT ?g WHERE { GRAPH ?g { } }")).containsExactly("g1", "g2");
            assertThat(rows(st, "SELECT ?s WHERE { GRAPH <" + EX + "g2> { ?s <" + EX + "knows> ?o } }"))
                    .containsExactly("carol", "carol");
            // The default graph holds only its own triple.
            assertThat(rows(st, "SELECT ?s ?o WHERE { ?s ?p ?o }")).containsExactly("alice bob");
            // One graph for both patterns: bob is named in g1 and g2, and carol knows him in g2 only.
            assertThat(rows(st, "SELECT ?g WHERE { GRAPH ?g { ?x <" + EX + "knows> ?y . ?y <" + EX + "name> ?n } }"))
                    .containsExactly("g2");
            assertThat(rows(st, "ASK { GRAPH <" + EX + "nothing> { } }")).containsExactly("false");
        }
    }

    @Test
    void fromAndFromNamedMakeTheDataset() {
        try (TripleStore st = store()) {
            assertThat(rows(st, "SELECT ?s WHERE { ?s <" + EX + "name> ?n }")).isEmpty();
            assertThat(rows(st, "SELECT ?s FROM <" + EX + "g1> WHERE { ?s <" + EX + "name> ?n }"))
                    .containsExactly("alice", "bob");
            // The merge of g1 and g2: bob's name once.
            assertThat(rows(st, "SELECT ?s FROM <" + EX + "g1> FROM <" + EX + "g2> WHERE { ?s <" + EX + "name> ?n }"))
                    .containsExactly("alice", "bob");
            assertThat(rows(st, "SELECT ?g ?s FROM NAMED <" + EX + "g2> WHERE { GRAPH ?g { ?s <" + EX + "name> ?n } }"))
                    .containsExactly("g2 bob");
            // FROM NAMED alone: the default graph is empty.
            assertThat(rows(st, "SELECT ?s FROM NAMED <" + EX + "g2> WHERE { ?s ?p ?o }")).isEmpty();
            // FROM alone: no named graphs.
            assertThat(rows(st, "SELECT ?g FROM <" + EX + "g1> WHERE { GRAPH ?g { ?s ?p ?o } }")).isEmpty();
            assertThat(rows(st, "SELECT ?s FROM <" + EX + "unknown> WHERE { ?s ?p ?o }")).isEmpty();
        }
    }

    @Test
    void unionDefaultGraphReadsEveryGraphOnce() {
        try (TripleStore st = store()) {
            QueryOptions union = QueryOptions.defaults().unionDefaultGraph(true);
            assertThat(rows(st, "SELECT ?s WHERE { ?s <" + EX + "name> ?n }", union)).containsExactly("alice", "bob");
            assertThat(rows(st, "SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }", union)).hasSize(1).first().asString()
                    .startsWith("\"5\"");
            assertThat(rows(st, "SELECT ?x WHERE { ?x <" + EX + "knows>+ <" + EX + "bob> }", union))
                    .containsExactly("alice", "carol");
        }
    }

    @Test
    void pathsStayInTheirGraph() {
        try (TripleStore st = store()) {
            assertThat(rows(st, "SELECT ?g ?x WHERE { GRAPH ?g { ?x <" + EX + "knows>/<" + EX + "name> ?n } }"))
                    .containsExactly("g2 carol");
            assertThat(rows(st, "SELECT ?x WHERE { ?x <" + EX + "knows>/<" + EX + "knows> ?y }")).isEmpty();
        }
    }

    @Test
    void subqueryInsideGraphRunsPerGraph() {
        try (TripleStore st = store()) {
            // The subquery does not select ?g: it is evaluated in each graph, its aggregate per graph.
            assertThat(rows(st, "SELECT ?g ?n WHERE { GRAPH ?g { SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } } }"))
                    .containsExactly("g1 \"2\"^^<http://www.w3.org/2001/XMLSchema#integer>",
                            "g2 \"3\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            assertThat(rows(st, "SELECT ?g ?s WHERE { GRAPH ?g { SELECT DISTINCT ?s WHERE { ?s <" + EX + "name> ?o } } }"))
                    .containsExactly("g1 alice", "g1 bob", "g2 bob");
            assertThat(rows(st, "SELECT ?s WHERE { GRAPH <" + EX + "g2> { SELECT ?s WHERE { ?s <" + EX + "knows> ?o } } }"))
                    .containsExactly("carol", "carol");
            assertThat(rows(st, "SELECT * WHERE { GRAPH ?g { SELECT ?g (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?g } }"))
                    .containsExactly("g1 \"2\"^^<http://www.w3.org/2001/XMLSchema#integer>",
                            "g2 \"3\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        }
    }

    /** Random quads; GRAPH ?g with two patterns against a nested-loop join over the model. */
    @Test
    void graphJoinsMatchBruteForce() {
        Random rnd = new Random(7);
        List<Quad> quads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            quads.add(new Quad(EX + "n" + rnd.nextInt(15), EX + "p" + rnd.nextInt(2), EX + "n" + rnd.nextInt(15),
                    rnd.nextInt(4) == 0 ? null : EX + "g" + rnd.nextInt(4)));
        }
        try (TripleStore st = TripleStore.openInMemory(new StoreOptions())) {
            st.addQuads(quads);
            List<Quad> distinct = new ArrayList<>(new java.util.TreeSet<>(quads));
            List<String> expected = new ArrayList<>();
            for (Quad a : distinct) {
                for (Quad b : distinct) {
                    if (a.graph() != null && a.graph().equals(b.graph()) && a.predicate().equals(EX + "p0")
                            && b.predicate().equals(EX + "p1") && a.object().equals(b.subject())) {
                        expected.add((a.graph() + " " + a.subject() + " " + b.object()).replace(EX, ""));
                    }
                }
            }
            Collections.sort(expected);
            assertThat(expected).isNotEmpty();
            assertThat(rows(st, "SELECT ?g ?x ?z WHERE { GRAPH ?g { ?x <" + EX + "p0> ?y . ?y <" + EX + "p1> ?z } }"))
                    .isEqualTo(expected);
        }
    }
}
