package org.nervusdb.query;

import org.nervusdb.QueryAbortedException;
import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.rdf.RdfTerms;

/** CONSTRUCT and DESCRIBE: the triples of their answers, exactly. */
class GraphQueriesTest {
    private TripleStore store;

    @BeforeEach
    void open() {
        store = TripleStore.openInMemory(new StoreOptions());
        store.add("alice", "knows", "bob");
        store.add("alice", "knows", "carol");
        store.add("alice", "name", "\"Alice\"");
        store.add("alice", "address", "_:a1");
        store.add("_:a1", "city", "\"Paris\"");
        store.add("_:a1", "geo", "_:g1");
        store.add("_:g1", "lat", "\"48.85\"");
        store.add("_:g1", "near", "_:a1"); // a cycle of blank nodes
        store.add("_:a1", "country", "france"); // an IRI: not followed
        store.add("france", "name", "\"France\"");
        store.add("bob", "name", "\"Bob\"");
        store.add("bob", "age", "\"31\"");
        store.add("_:c1", "label", "\"a stored blank node\"");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<List<String>> triples(String query) {
        return triples(query, QueryOptions.defaults());
    }

    private List<List<String>> triples(String query, QueryOptions options) {
        List<List<String>> out = new ArrayList<>();
        try (QueryResult r = QueryEngine.run(store, Sparql.parse(query, null), options)) {
            assertThat(r.kind()).isEqualTo(QueryResult.Kind.GRAPH);
            assertThat(r.variables()).containsExactly("subject", "predicate", "object");
            while (r.hasNext()) {
                out.add(Arrays.asList(r.next()));
            }
        }
        return out;
    }

    private static List<String> t(String s, String p, String o) {
        return Arrays.asList(s, p, o);
    }

    @Test
    void constructInstantiatesTheTemplateForEachSolutionInOrder() {
        assertThat(triples("CONSTRUCT { ?p <friend> ?f . ?f <friendOf> ?p } WHERE { ?p <knows> ?f } ORDER BY DESC(?f)"))
                .containsExactly(t("alice", "friend", "carol"), t("carol", "friendOf", "alice"),
                        t("alice", "friend", "bob"), t("bob", "friendOf", "alice"));
        assertThat(triples("CONSTRUCT { ?p <friend> ?f } WHERE { ?p <knows> ?f } ORDER BY ?f LIMIT 1"))
                .containsExactly(t("alice", "friend", "bob"));
    }

    @Test
    void constructWhereIsItsOwnTemplate() {
        assertThat(triples("CONSTRUCT WHERE { <alice> <knows> ?f . ?f <name> ?n }"))
                .containsExactly(t("alice", "knows", "bob"), t("bob", "name", "\"Bob\""));
        assertThat(triples("CONSTRUCT WHERE { }")).isEmpty();
        assertThat(triples("CONSTRUCT {} WHERE { ?s ?p ?o }")).isEmpty();
    }

    @Test
    void templateBlankNodesAreNewForEachSolutionAndNeverStoredLabels() {
        List<List<String>> out = triples("CONSTRUCT { _:x <knownBy> ?p . _:x <is> ?f . [] <also> ?f } WHERE { ?p <knows> ?f }"
                + " ORDER BY ?f");
        assertThat(out).hasSize(6);
        String first = out.get(0).get(0);
        String second = out.get(3).get(0);
        assertThat(out.get(0)).containsExactly(first, "knownBy", "alice");
        assertThat(out.get(1)).containsExactly(first, "is", "bob");
        assertThat(out.get(2).subList(1, 3)).containsExactly("also", "bob");
        assertThat(out.get(4)).containsExactly(second, "is", "carol");
        Set<String> blanks = new HashSet<>();
        for (List<String> t : out) {
            assertThat(RdfTerms.isBlank(t.get(0))).isTrue();
            blanks.add(t.get(0));
        }
        // _:x and [] for each of two solutions: four nodes, none of them the stored _:c1.
        assertThat(blanks).hasSize(4).doesNotContain("_:c1", "_:a1", "_:g1");
        assertThat(blanks).contains("_:c2"); // the first label tried, _:c1, is stored
    }

    @Test
    void storedBlankNodesKeepTheirLabels() {
        assertThat(triples("CONSTRUCT { ?a <in> ?c } WHERE { <alice> <address> ?a . ?a <city> ?c }"))
                .containsExactly(t("_:a1", "in", "\"Paris\""));
    }

    @Test
    void triplesWithUnboundOrIllFormedPositionsAreLeftOut() {
        // ?n is a literal (as subject: left out), ?age unbound for alice, ?lit as predicate.
        assertThat(triples("CONSTRUCT { ?n <of> ?p . ?p <age> ?age . ?p ?lit <x> . ?p ?blank <y> . ?p <ok> ?n . ?p <u> ?nowhere }"
                + " WHERE { ?p <name> ?n OPTIONAL { ?p <age> ?age } BIND(?n AS ?lit) BIND(BNODE() AS ?blank) } ORDER BY ?p"))
                .containsExactly(t("alice", "ok", "\"Alice\""), t("bob", "age", "\"31\""), t("bob", "ok", "\"Bob\""),
                        t("france", "ok", "\"France\""));
    }

    @Test
    void theAnswerIsASet() {
        // Each person once, though ?f gives two solutions for alice.
        assertThat(triples("CONSTRUCT { ?p a <Person> } WHERE { ?p <knows> ?f }")).containsExactly(t("alice",
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "Person"));
        // The same triple twice in one solution's instantiation, with a blank node.
        List<List<String>> out = triples("CONSTRUCT { _:b <p> ?x . _:b <p> ?y } WHERE { VALUES (?x ?y) { (1 1) (1 2) } }");
        assertThat(out).hasSize(3);
        assertThat(out.get(0).get(0)).isNotEqualTo(out.get(1).get(0));
        assertThat(out.get(1).get(0)).isEqualTo(out.get(2).get(0));
    }

    @Test
    void rememberedTriplesCountAgainstTheMemoryBound() {
        for (int i = 0; i < 2000; i++) {
            store.add("s" + i, "p", "o");
        }
        QueryOptions small = QueryOptions.defaults().maxMemoryBytes(100_000);
        assertThatThrownBy(() -> triples("CONSTRUCT { ?s <q> ?o } WHERE { ?s <p> ?o }", small))
                .isInstanceOf(QueryAbortedException.class).hasMessageContaining("MiB in memory");
        // Triples with template blank nodes need not be remembered beyond their solution.
        assertThat(triples("CONSTRUCT { ?s <q> [] } WHERE { ?s <p> ?o }", small)).hasSize(2000);
    }

    @Test
    void maxRowsEndsAGraphEarly() {
        try (QueryResult r = QueryEngine.run(store, Sparql.parse("CONSTRUCT WHERE { ?s ?p ?o }", null),
                QueryOptions.defaults().maxRows(2))) {
            int n = 0;
            while (r.hasNext()) {
                r.next();
                n++;
            }
            assertThat(n).isEqualTo(2);
            assertThat(r.truncated()).isTrue();
            assertThatThrownBy(r::askAnswer).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void describeGivesTheConciseBoundedDescription() {
        assertThat(triples("DESCRIBE <alice>")).containsExactlyInAnyOrder(
                t("alice", "knows", "bob"), t("alice", "knows", "carol"), t("alice", "name", "\"Alice\""),
                t("alice", "address", "_:a1"), t("_:a1", "city", "\"Paris\""), t("_:a1", "geo", "_:g1"),
                t("_:a1", "country", "france"), t("_:g1", "lat", "\"48.85\""), t("_:g1", "near", "_:a1"));
        assertThat(triples("DESCRIBE <france> <nobody>")).containsExactly(t("france", "name", "\"France\""));
    }

    @Test
    void describeDescribesEachResourceOnce() {
        // alice twice (two solutions, and written), bob once; the literal ?n is skipped.
        assertThat(triples("DESCRIBE ?p ?f <bob> ?n WHERE { ?p <knows> ?f OPTIONAL { ?f <name> ?n } }")).hasSize(9 + 2);
        assertThat(triples("DESCRIBE * WHERE { ?x <age> ?a }")).containsExactlyInAnyOrder(
                t("bob", "name", "\"Bob\""), t("bob", "age", "\"31\""));
        assertThat(triples("DESCRIBE ?x WHERE { <alice> <address> ?x }")).containsExactlyInAnyOrder(
                t("_:a1", "city", "\"Paris\""), t("_:a1", "geo", "_:g1"), t("_:a1", "country", "france"),
                t("_:g1", "lat", "\"48.85\""), t("_:g1", "near", "_:a1"));
        assertThat(triples("DESCRIBE ?x WHERE { ?x <knows> <nobody> }")).isEmpty();
    }

    @Test
    void graphFormsReadTheDatasetOfTheQuery() {
        store.add("alice", "phone", "\"555\"", "http://g/contacts");
        store.add("alice", "card", "_:k1", "http://g/contacts");
        store.add("_:k1", "mail", "\"a@x\"", "http://g/contacts");
        // The default graph only, unless FROM or the union option says otherwise.
        assertThat(triples("DESCRIBE <alice>")).hasSize(9);
        assertThat(triples("DESCRIBE <alice> FROM <http://g/contacts>")).containsExactlyInAnyOrder(
                t("alice", "phone", "\"555\""), t("alice", "card", "_:k1"), t("_:k1", "mail", "\"a@x\""));
        assertThat(triples("DESCRIBE <alice>", QueryOptions.defaults().unionDefaultGraph(true))).hasSize(12);
        assertThat(triples("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://g/contacts> { ?s ?p ?o FILTER(isLiteral(?o)) } }"))
                .containsExactlyInAnyOrder(t("alice", "phone", "\"555\""), t("_:k1", "mail", "\"a@x\""));
        assertThat(triples("CONSTRUCT { ?s <in> ?g } WHERE { GRAPH ?g { ?s <phone> ?o } }"))
                .containsExactly(t("alice", "in", "http://g/contacts"));
    }

    @Test
    void explainCountsTriples() {
        String plan = QueryEngine.explain(store, Sparql.parse("CONSTRUCT WHERE { ?s <knows> ?o }", null), QueryOptions.defaults());
        assertThat(plan).startsWith("CONSTRUCT -> 2 triples\n");
    }
}
