package org.nervusdb.rdf4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.rdf4j.common.transaction.QueryEvaluationMode;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.QueryResults;
import org.eclipse.rdf4j.query.TupleQuery;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.query.impl.SimpleDataset;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPARQL through RDF4J's Repository API on NervusDB's own engine: each query is answered natively
 * (the sail's count says so) and its answer is compared with RDF4J's evaluation of the same
 * query on the same data (native queries turned off); the cases RDF4J must answer fall back.
 */
class NativeQueryTest {
    private static final String PREFIXES = "PREFIX ex: <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
            + "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n";
    private static final String DATA = "@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            + "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
            + "ex:alice a foaf:Person ; foaf:name \"Alice\" ; foaf:age 34 ; foaf:knows ex:bob, ex:carol ; ex:score 7.5 ;\n"
            + "  ex:label \"chat\"@fr, \"cat\"@en, \"Katze\"@de ; ex:born \"1990-05-01\"^^xsd:date ; ex:height \"1.70e0\"^^xsd:double .\n"
            + "ex:bob a foaf:Person ; foaf:name \"Bob\" ; foaf:age 27 ; foaf:knows ex:carol ; ex:score 9 ; ex:label \"dog\"@en .\n"
            + "ex:carol a foaf:Person ; foaf:name \"Carol\"^^xsd:string ; foaf:age 41 ; foaf:knows _:d ; ex:score \"3\"^^xsd:decimal .\n"
            + "_:d a foaf:Person ; foaf:name \"Dan\" ; ex:note \"no age\" ; ex:flag true .\n"
            + "ex:org a ex:Company ; ex:member ex:alice, ex:bob ; ex:next ex:org2 . ex:org2 ex:next ex:org3 . ex:org3 ex:next ex:org4 .\n";
    private static final String GRAPHS = "@prefix ex: <http://example.org/> .\n"
            + "ex:g1 { ex:alice ex:likes ex:tea , ex:cake . ex:bob ex:likes ex:tea . }\n"
            + "ex:g2 { ex:alice ex:likes ex:tea . ex:carol ex:likes \"coffee\"@en . _:x ex:likes ex:water . }\n";

    private NervusSail sail;
    private SailRepository repo;
    private RepositoryConnection conn;
    private final ValueFactory vf = SimpleValueFactory.getInstance();

    @BeforeEach
    void open() {
        sail = new NervusSail();
        repo = new SailRepository(sail);
        conn = repo.getConnection();
    }

    @AfterEach
    void close() {
        conn.close();
        repo.shutDown();
        assertThat(sail.openSnapshots()).isZero();
    }

    private void load(String text, RDFFormat format) throws Exception {
        conn.add(new StringReader(text), "http://example.org/", format);
    }

    private static List<BindingSet> rows(TupleQuery q) {
        try (TupleQueryResult r = q.evaluate()) {
            return QueryResults.asList(r);
        }
    }

    private static List<String> unordered(List<BindingSet> rows) {
        List<String> out = new ArrayList<>();
        for (BindingSet b : rows) {
            List<String> parts = new ArrayList<>();
            for (String n : b.getBindingNames()) {
                parts.add(n + "=" + b.getValue(n));
            }
            parts.sort(Comparator.naturalOrder());
            out.add(String.join(" ", parts));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The answer natively (asserted native) and by RDF4J; equal, in order if {@code ordered}. */
    private void sameTuples(String query, boolean ordered) {
        sameTuples(query, ordered, false);
    }

    private void sameTuples(String query, boolean ordered, boolean mayBeEmpty) {
        sail.setNativeQueries(true);
        long before = sail.nativeQueryCount();
        List<BindingSet> nat = rows(conn.prepareTupleQuery(PREFIXES + query));
        assertThat(sail.nativeQueryCount()).as("ran natively: " + query).isEqualTo(before + 1);
        sail.setNativeQueries(false);
        long rdf4j = sail.rdf4jQueryCount();
        List<BindingSet> ref = rows(conn.prepareTupleQuery(PREFIXES + query));
        assertThat(sail.rdf4jQueryCount()).isEqualTo(rdf4j + 1);
        sail.setNativeQueries(true);
        if (!mayBeEmpty) {
            assertThat(ref).as("RDF4J's answer is not empty: " + query).isNotEmpty();
        }
        if (ordered) {
            assertThat(nat).as(query).isEqualTo(ref);
        }
        assertThat(unordered(nat)).as(query).isEqualTo(unordered(ref));
    }

    private void sameBoolean(String query, boolean expected) {
        sail.setNativeQueries(true);
        long before = sail.nativeQueryCount();
        boolean nat = conn.prepareBooleanQuery(PREFIXES + query).evaluate();
        assertThat(sail.nativeQueryCount()).as("ran natively: " + query).isEqualTo(before + 1);
        sail.setNativeQueries(false);
        boolean ref = conn.prepareBooleanQuery(PREFIXES + query).evaluate();
        sail.setNativeQueries(true);
        assertThat(ref).isEqualTo(expected);
        assertThat(nat).as(query).isEqualTo(ref);
    }

    private void sameGraph(String query) {
        sail.setNativeQueries(true);
        long before = sail.nativeQueryCount();
        Model nat = QueryResults.asModel(conn.prepareGraphQuery(query).evaluate());
        assertThat(sail.nativeQueryCount()).as("ran natively: " + query).isEqualTo(before + 1);
        sail.setNativeQueries(false);
        Model ref = QueryResults.asModel(conn.prepareGraphQuery(query).evaluate());
        sail.setNativeQueries(true);
        assertThat(ref).isNotEmpty();
        assertThat(Models.isomorphic(nat, ref)).as(query + "\nnative: " + nat + "\nrdf4j: " + ref).isTrue();
    }

    /** Evaluates with native queries on and asserts RDF4J answered it. */
    private List<BindingSet> fallsBack(TupleQuery q) {
        sail.setNativeQueries(true);
        long nat = sail.nativeQueryCount();
        long rdf4j = sail.rdf4jQueryCount();
        List<BindingSet> out = rows(q);
        assertThat(sail.nativeQueryCount()).as("not native").isEqualTo(nat);
        assertThat(sail.rdf4jQueryCount()).isEqualTo(rdf4j + 1);
        return out;
    }

    @Test
    void defaultGraphQueriesGiveRdf4jsAnswers() throws Exception {
        load(DATA, RDFFormat.TURTLE);
        assertThat(conn.getNamespaces().stream().count()).as("namespaces stored beside the data").isGreaterThan(0);
        sameTuples("SELECT * WHERE { ?s ?p ?o }", false);
        sameTuples("SELECT ?n ?f WHERE { ?p foaf:name ?n ; foaf:knows ?q . ?q foaf:name ?f }", false);
        sameTuples("SELECT ?n ?a WHERE { ?p a foaf:Person ; foaf:name ?n OPTIONAL { ?p foaf:age ?a } }", false);
        sameTuples("SELECT ?n WHERE { ?p foaf:name ?n ; foaf:age ?a FILTER (?a > 30 && ?a < 40 || ?n = \"Bob\") }", false);
        sameTuples("SELECT ?p WHERE { ?p foaf:age ?a FILTER (?a >= 27) FILTER NOT EXISTS { ?p foaf:knows ex:bob } }", false);
        sameTuples("SELECT ?p ?s WHERE { ?p ex:score ?s FILTER (?s > 5) }", false);
        sameTuples("SELECT (COUNT(*) AS ?n) (COUNT(?a) AS ?ages) WHERE { ?p foaf:age ?a }", false);
        sameTuples("SELECT ?p (COUNT(?q) AS ?n) WHERE { ?p foaf:knows ?q } GROUP BY ?p HAVING (COUNT(?q) >= 1)", false);
        sameTuples("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?s a ?t }", false);
        sameTuples("SELECT ?n WHERE { ?p foaf:name ?n FILTER (?n = \"Alice\") } LIMIT 1", false);
        sameTuples("SELECT ?l WHERE { ?s ex:label ?l FILTER (?l < \"d\"@en) }", false, true); // an error in STRICT mode
        sameTuples("SELECT ?l WHERE { ?s ex:label ?l FILTER (?l = \"cat\"@en || ?l != \"x\") }", false);
        sameTuples("SELECT DISTINCT ?t WHERE { ?s a ?t }", false);
        sameTuples("SELECT ?l WHERE { ex:alice ex:label ?l FILTER (lang(?l) = \"fr\") }", false);
        sameTuples("SELECT ?l WHERE { ?s ex:label ?l FILTER langMatches(lang(?l), \"EN\") }", false);
        sameTuples("SELECT ?s WHERE { ?s ex:label \"chat\"@fr }", false);
        sameTuples("SELECT ?s WHERE { ?s foaf:name \"Carol\" }", false);
        sameTuples("SELECT ?d ?t WHERE { ex:alice ex:born ?d BIND (datatype(?d) AS ?t) }", false);
        sameTuples("SELECT ?s WHERE { ?s ex:born \"1990-05-01\"^^xsd:date }", false);
        sameTuples("SELECT ?h WHERE { ex:alice ex:height ?h FILTER (?h > 1.5) }", false);
        sameTuples("SELECT ?b ?n WHERE { ?b foaf:name ?n FILTER isBlank(?b) }", false);
        sameTuples("SELECT ?x WHERE { ex:carol foaf:knows ?x . ?x ex:flag true }", false);
        sameTuples("SELECT ?n ?u WHERE { ?p foaf:name ?n BIND (UCASE(?n) AS ?u) FILTER (STRLEN(?n) > 3) }", false);
        sameTuples("SELECT ?n WHERE { ?p foaf:name ?n FILTER (CONTAINS(?n, \"a\") || STRSTARTS(?n, \"B\")) }", false);
        sameTuples("SELECT ?n WHERE { ?p foaf:name ?n FILTER regex(?n, \"^[ab]\", \"i\") }", false);
        sameTuples("SELECT ?p WHERE { { ?p foaf:age 34 } UNION { ?p foaf:age 27 } }", false);
        sameTuples("SELECT ?p WHERE { ?p a foaf:Person MINUS { ?p foaf:age ?a } }", false);
        sameTuples("SELECT ?p ?n WHERE { VALUES ?p { ex:alice ex:bob } ?p foaf:name ?n }", false);
        sameTuples("SELECT ?x WHERE { ex:org ex:next+ ?x }", false);
        sameTuples("SELECT ?x WHERE { ex:org ex:next* ?x }", false);
        sameTuples("SELECT ?p ?n WHERE { ?p foaf:age ?a BIND (IF(?a > 30, \"old\", \"young\") AS ?n) }", false);
        sameTuples("SELECT ?p WHERE { ?p foaf:age ?a FILTER (?a IN (27, 41)) }", false);
        sameTuples("SELECT ?s (STR(?s) AS ?str) WHERE { ?s a ex:Company }", false);
        sameTuples("SELECT ?p ?v WHERE { ?p ?x ?v FILTER (isNumeric(?v)) }", false);
        sameTuples("SELECT ?p (COALESCE(?a, \"none\") AS ?age) WHERE { ?p a foaf:Person OPTIONAL { ?p foaf:age ?a } }", false);
        sameTuples("SELECT ?n (LCASE(?n) AS ?l) (STRBEFORE(?n, \"o\") AS ?b) (STRAFTER(?n, \"o\") AS ?f) (SUBSTR(?n, 2, 2) AS ?s) "
                + "WHERE { ?p foaf:name ?n FILTER (STRENDS(?n, \"b\") || STRENDS(?n, \"l\") || STRENDS(?n, \"e\")) }", false);
        sameTuples("SELECT ?p WHERE { ?p foaf:knows ?q FILTER (sameTerm(?q, ex:carol)) }", false);
        sameTuples("SELECT ?n ?c WHERE { ?p foaf:name ?n { SELECT ?p (COUNT(?q) AS ?c) WHERE { ?p foaf:knows ?q } GROUP BY ?p } }", false);
        sameBoolean("ASK { ex:alice foaf:knows ex:bob }", true);
        sameBoolean("ASK { ex:bob foaf:knows ex:alice }", false);
        sameGraph("CONSTRUCT { ?p <http://example.org/friendName> ?n } WHERE { ?p <http://xmlns.com/foaf/0.1/knows> ?q . "
                + "?q <http://xmlns.com/foaf/0.1/name> ?n }");
        sameGraph("CONSTRUCT { ?p <http://example.org/card> _:c . _:c <http://example.org/age> ?a } "
                + "WHERE { ?p <http://xmlns.com/foaf/0.1/age> ?a }");
        sameGraph("CONSTRUCT WHERE { ?s <http://example.org/label> ?l }");
    }

    @Test
    void graphQueriesGiveRdf4jsAnswers() throws Exception {
        load(GRAPHS, RDFFormat.TRIG);
        conn.setNamespace("ex", "http://example.org/");
        sameTuples("SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s ex:likes ?o } }", false);
        sameTuples("SELECT ?s WHERE { GRAPH ex:g1 { ?s ex:likes ex:tea } }", false);
        sameTuples("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", false);
        sameTuples("SELECT ?s ?g2 WHERE { GRAPH ex:g1 { ?s ex:likes ex:tea } OPTIONAL { GRAPH ?g2 { ?s ex:likes \"coffee\"@en } } }", false);
        sameBoolean("ASK { GRAPH ?g { ?s ex:likes ex:water } }", true);
        // RDF4J's default graph is the union of all graphs, each statement once per graph: RDF4J answers.
        List<BindingSet> union = fallsBack(conn.prepareTupleQuery(PREFIXES + "SELECT ?s WHERE { ?s ex:likes ex:tea }"));
        assertThat(union).hasSize(3);
        // RDF4J drops an empty GRAPH clause (one solution, ?g unbound): RDF4J answers.
        assertThat(unordered(fallsBack(conn.prepareTupleQuery("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")))).containsExactly("");
    }

    @Test
    void theTransactionsOwnWritesAreSeen() throws Exception {
        load(DATA, RDFFormat.TURTLE);
        conn.begin();
        conn.add(vf.createIRI("http://example.org/eve"), vf.createIRI("http://xmlns.com/foaf/0.1/name"), vf.createLiteral("Eve"));
        conn.remove(vf.createIRI("http://example.org/bob"), null, null);
        sameTuples("SELECT ?p ?n WHERE { ?p foaf:name ?n }", false);
        List<BindingSet> names = rows(conn.prepareTupleQuery(PREFIXES + "SELECT ?n WHERE { ?p foaf:name ?n }"));
        assertThat(unordered(names)).contains("n=\"Eve\"").doesNotContain("n=\"Bob\"");
        conn.rollback();
        sameTuples("SELECT ?p ?n WHERE { ?p foaf:name ?n }", false);
    }

    @Test
    void whatRdf4jMustAnswerFallsBack() throws Exception {
        load(DATA, RDFFormat.TURTLE);
        String q = PREFIXES + "SELECT ?n WHERE { ?p foaf:name ?n }";
        // A binding set on the query.
        TupleQuery bound = conn.prepareTupleQuery(q);
        bound.setBinding("p", vf.createIRI("http://example.org/alice"));
        assertThat(unordered(fallsBack(bound))).containsExactly("n=\"Alice\"");
        // A dataset set on the query, or named in it.
        TupleQuery withDataset = conn.prepareTupleQuery(q);
        SimpleDataset ds = new SimpleDataset();
        ds.addDefaultGraph(vf.createIRI("http://example.org/nothing"));
        withDataset.setDataset(ds);
        assertThat(fallsBack(withDataset)).isEmpty();
        assertThat(fallsBack(conn.prepareTupleQuery(PREFIXES + "SELECT ?n FROM ex:nothing WHERE { ?p foaf:name ?n }"))).isEmpty();
        // Functions and operators outside the list (NOW, GROUP_CONCAT, SAMPLE), SERVICE-free but not listed.
        assertThat(fallsBack(conn.prepareTupleQuery(PREFIXES + "SELECT (NOW() AS ?t) WHERE { }"))).hasSize(1);
        assertThat(fallsBack(conn.prepareTupleQuery(PREFIXES + "SELECT (GROUP_CONCAT(?n) AS ?all) WHERE { ?p foaf:name ?n }")))
                .hasSize(1);
        // Arithmetic, SUM, AVG, numeric functions: RDF4J writes the decimal 34 as "34", NervusDB as "34.0".
        assertThat(unordered(fallsBack(conn.prepareTupleQuery(PREFIXES + "SELECT (AVG(?a) AS ?avg) WHERE { ?p foaf:age ?a }"))))
                .containsExactly("avg=\"34\"^^<http://www.w3.org/2001/XMLSchema#decimal>");
        assertThat(fallsBack(conn.prepareTupleQuery(PREFIXES + "SELECT (?a / 2 AS ?h) WHERE { ?p foaf:age ?a }"))).hasSize(3);
        assertThat(unordered(fallsBack(conn.prepareTupleQuery(PREFIXES + "SELECT (CEIL(?s) AS ?c) WHERE { ex:carol ex:score ?s }"))))
                .containsExactly("c=\"3\"^^<http://www.w3.org/2001/XMLSchema#decimal>");
        assertThat(fallsBack(conn.prepareTupleQuery(PREFIXES + "SELECT (SUM(?a) AS ?s) WHERE { ?p foaf:age ?a }"))).hasSize(1);
        // ORDER BY, MIN, MAX: RDF4J orders language-tagged literals by their tag first.
        List<BindingSet> ordered = fallsBack(conn.prepareTupleQuery(PREFIXES + "SELECT ?l WHERE { ?s ex:label ?l } ORDER BY ?l"));
        assertThat(ordered.get(0).getValue("l").stringValue()).isEqualTo("Katze");
        assertThat(ordered.get(ordered.size() - 1).getValue("l").stringValue()).isEqualTo("chat");
        assertThat(fallsBack(conn.prepareTupleQuery(PREFIXES + "SELECT (MIN(?l) AS ?m) WHERE { ?s ex:label ?l }"))).hasSize(1);
        // The STANDARD evaluation mode (RDF4J's extended comparisons).
        conn.begin(QueryEvaluationMode.STANDARD);
        assertThat(fallsBack(conn.prepareTupleQuery(q))).hasSize(4);
        conn.commit();
        // DESCRIBE, and CONSTRUCT with prefixes (the result keeps them): RDF4J's.
        long nat = sail.nativeQueryCount();
        Model described = QueryResults.asModel(conn.prepareGraphQuery("DESCRIBE <http://example.org/bob>").evaluate());
        assertThat(described).isNotEmpty();
        assertThat(conn.prepareGraphQuery(PREFIXES + "CONSTRUCT { ?p ex:n ?n } WHERE { ?p foaf:name ?n }").evaluate().getNamespaces())
                .containsKey("ex");
        assertThat(sail.nativeQueryCount()).isEqualTo(nat);
        // Turned off.
        sail.setNativeQueries(false);
        assertThat(fallsBack(conn.prepareTupleQuery(q))).hasSize(4);
    }

    @Test
    void anUnfinishedNativeResultHoldsItsSnapshotUntilClosed() throws Exception {
        load(DATA, RDFFormat.TURTLE);
        TupleQueryResult r = conn.prepareTupleQuery(PREFIXES + "SELECT ?s WHERE { ?s ?p ?o }").evaluate();
        assertThat(r.hasNext()).isTrue();
        assertThat(sail.openSnapshots()).isEqualTo(1);
        r.close();
        assertThat(sail.openSnapshots()).isZero();
    }
}
