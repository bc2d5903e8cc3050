package org.nervusdb.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.junit.jupiter.api.Test;
import org.nervusdb.rdf.RdfTerms;

/** Checks of the harness's own parts, so that a wrong verdict is not blamed on the engine. */
class HarnessSelfTest {
    private static final ValueFactory VF = SimpleValueFactory.getInstance();

    @Test
    void queryTextFindsFormDatasetServiceAndOrderKeys() {
        QueryText q = QueryText.of("PREFIX ex: <http://ex/from#> # SELECT in a comment\n"
                + "ASK { ?from ex:graph \"GRAPH FROM\" }");
        assertEquals("ASK", q.form);
        assertFalse(q.usesDataset);
        assertFalse(q.usesService);
        assertFalse(q.ordered());

        q = QueryText.of("SELECT ?x FROM <d.ttl> WHERE { GRAPH ?g { ?x ?p ?o } }");
        assertEquals("SELECT", q.form);
        assertTrue(q.usesDataset);
        assertTrue(QueryText.of("SELECT * { SERVICE <http://e/> { ?s ?p ?o } }").usesService);
        assertEquals("CONSTRUCT", QueryText.of("BASE <http://b/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").form);

        q = QueryText.of("SELECT ?x ?y { ?x ?p ?y FILTER(?x<?y) } ORDER BY DESC(?y) ?x (?z) LIMIT 3");
        assertEquals(Arrays.asList("y", "x", "z"), q.orderKeys);
        assertTrue(q.orderedByVariablesOnly());

        q = QueryText.of("SELECT ?x { ?x ?p ?y } ORDER BY str(?x) ASC(?y + 1)");
        assertEquals(Arrays.asList(null, null), q.orderKeys);
        assertFalse(q.orderedByVariablesOnly());

        // ORDER BY inside a subquery does not order the result
        q = QueryText.of("SELECT ?x { { SELECT ?x { ?x ?p ?o } ORDER BY ?x LIMIT 1 } }");
        assertFalse(q.ordered());
    }

    @Test
    void solutionsCompareAsMultisets() {
        Solutions exp = select(List.of("x"), false, row("x", iri("a")), row("x", iri("a")), row("x", iri("b")));
        QueryText unordered = QueryText.of("SELECT ?x {}");
        assertNull(ResultComparison.compare(exp, select(List.of("x"), true,
                row("x", iri("b")), row("x", iri("a")), row("x", iri("a"))), unordered, false));
        String r = ResultComparison.compare(exp, select(List.of("x"), true,
                row("x", iri("a")), row("x", iri("b")), row("x", iri("b"))), unordered, false);
        assertNotNull(r);
        assertTrue(r.contains("missing") && r.contains("unexpected"), r);
        // REDUCED: duplicates do not count
        assertNull(ResultComparison.compare(exp, select(List.of("x"), true,
                row("x", iri("a")), row("x", iri("b"))), unordered, true));
        // projected variables
        assertNotNull(ResultComparison.compare(exp, select(List.of("x", "y"), true,
                row("x", iri("b")), row("x", iri("a")), row("x", iri("a"))), unordered, false));
    }

    @Test
    void blankNodesMatchUpToOneConsistentRenaming() {
        QueryText q = QueryText.of("SELECT * {}");
        Solutions exp = select(List.of("s", "o"), false,
                row("s", VF.createBNode("a"), "o", VF.createBNode("b")),
                row("s", VF.createBNode("b"), "o", iri("c")));
        assertNull(ResultComparison.compare(exp, select(List.of("s", "o"), true,
                row("s", VF.createBNode("y"), "o", iri("c")),
                row("s", VF.createBNode("x"), "o", VF.createBNode("y"))), q, false));
        // the same blank node twice where two different ones are expected
        assertNotNull(ResultComparison.compare(exp, select(List.of("s", "o"), true,
                row("s", VF.createBNode("x"), "o", VF.createBNode("x")),
                row("s", VF.createBNode("x"), "o", iri("c"))), q, false));
        // a blank node is never an IRI
        assertNotNull(ResultComparison.compare(exp, select(List.of("s", "o"), true,
                row("s", iri("x"), "o", VF.createBNode("y")),
                row("s", VF.createBNode("y"), "o", iri("c"))), q, false));
    }

    @Test
    void orderIsCheckedOnTheOrderKeysOnly() {
        QueryText byX = QueryText.of("SELECT ?x ?y { ?x ?p ?y } ORDER BY ?x");
        Solutions exp = select(List.of("x", "y"), true,
                row("x", num(1), "y", iri("a")), row("x", num(1), "y", iri("b")), row("x", num(2), "y", iri("c")));
        // rows tied on ?x may come in either order
        assertNull(ResultComparison.compare(exp, select(List.of("x", "y"), true,
                row("x", num(1), "y", iri("b")), row("x", num(1), "y", iri("a")), row("x", num(2), "y", iri("c"))),
                byX, false));
        String r = ResultComparison.compare(exp, select(List.of("x", "y"), true,
                row("x", num(2), "y", iri("c")), row("x", num(1), "y", iri("a")), row("x", num(1), "y", iri("b"))),
                byX, false);
        assertNotNull(r);
        assertTrue(r.startsWith("order differs at row 1"), r);
        // without ORDER BY, any order will do
        assertNull(ResultComparison.compare(exp, select(List.of("x", "y"), true,
                row("x", num(2), "y", iri("c")), row("x", num(1), "y", iri("a")), row("x", num(1), "y", iri("b"))),
                QueryText.of("SELECT ?x ?y { ?x ?p ?y }"), false));
    }

    @Test
    void numbersOfOneDatatypeCompareByValue() {
        QueryText q = QueryText.of("SELECT ?v {}");
        Solutions exp = select(List.of("v"), false,
                row("v", VF.createLiteral("2.0E-1", XSD.DOUBLE)), row("v", VF.createLiteral("1.50", XSD.DECIMAL)));
        assertNull(ResultComparison.compare(exp, select(List.of("v"), true,
                row("v", VF.createLiteral("0.2", XSD.DOUBLE)), row("v", VF.createLiteral("1.5", XSD.DECIMAL))), q, false));
        // the datatype still counts
        assertNotNull(ResultComparison.compare(exp, select(List.of("v"), true,
                row("v", VF.createLiteral("0.2", XSD.FLOAT)), row("v", VF.createLiteral("1.5", XSD.DECIMAL))), q, false));
    }

    @Test
    void askAnswersCompareAsBooleans() {
        QueryText q = QueryText.of("ASK {}");
        assertNull(ResultComparison.compare(Solutions.ask(true), Solutions.ask(true), q, false));
        assertNotNull(ResultComparison.compare(Solutions.ask(true), Solutions.ask(false), q, false));
        assertNotNull(ResultComparison.compare(Solutions.ask(true), select(List.of(), true), q, false));
    }

    @Test
    void termsRoundTripThroughStoredStrings() {
        Map<String, String> labels = new HashMap<>();
        List<Value> values = List.of(iri("a"), VF.createLiteral("x\"y\n"), VF.createLiteral("chat", "FR"),
                VF.createLiteral("5", XSD.INTEGER), VF.createBNode("n1"));
        for (Value v : values) {
            String stored = Terms.toStored(v, labels, "file");
            Value back = Terms.fromStored(stored);
            if (v.isBNode()) {
                assertTrue(RdfTerms.isBlank(stored));
                assertTrue(back.isBNode());
            } else {
                assertEquals(Terms.comparisonKey(v), Terms.comparisonKey(back), stored);
            }
        }
        assertEquals("\"chat\"@fr", Terms.toStored(VF.createLiteral("chat", "FR"), labels, "file"));
        // blank nodes of different files stay apart
        assertFalse(Terms.toStored(VF.createBNode("n1"), labels, "file")
                .equals(Terms.toStored(VF.createBNode("n1"), labels, "other")));
    }

    @Test
    void csvReadsAsRfc4180AndComparesUpToBlankNodeLabels() {
        assertEquals(List.of(List.of("a", "b"), List.of("x,y", "say \"hi\"\nnow"), List.of("", "")),
                WriterChecks.parseCsv("a,b\r\n\"x,y\",\"say \"\"hi\"\"\nnow\"\r\n,\r\n", true));
        assertThrows(IllegalArgumentException.class, () -> WriterChecks.parseCsv("a\nb\n", true));
        assertThrows(IllegalArgumentException.class, () -> WriterChecks.parseCsv("a\r\n\"b\r\n", true));
        assertEquals(2, WriterChecks.parseCsv("a\nb\n", false).size());
        assertNull(WriterChecks.csvDifference("s,o\n_:a,1\n_:b,2\n_:a,3\n", "s,o\r\n_:x,1\r\n_:y,2\r\n_:x,3\r\n", true));
        assertNotNull(WriterChecks.csvDifference("s,o\n_:a,1\n_:b,2\n", "s,o\r\n_:x,1\r\n_:x,2\r\n", true));
        assertNotNull(WriterChecks.csvDifference("s,o\n<a>,1\n", "s,o\r\n<a>,2\r\n", false));
        assertNull(WriterChecks.csvDifference("s,o\n_:a,1\n_:b,2\n", "s,o\r\n_:y,2\r\n_:x,1\r\n", false));
        assertNotNull(WriterChecks.csvDifference("s,o\n_:a,1\n", "o,s\r\n1,_:a\r\n", false));
    }

    private static Value iri(String local) {
        return VF.createIRI("http://example/" + local);
    }

    private static Value num(int n) {
        return VF.createLiteral(Integer.toString(n), XSD.INTEGER);
    }

    private static Map<String, Value> row(Object... kv) {
        Map<String, Value> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Value) kv[i + 1]);
        }
        return m;
    }

    @SafeVarargs
    private static Solutions select(List<String> vars, boolean ordered, Map<String, Value>... rows) {
        List<Map<String, Value>> list = new ArrayList<>();
        for (Map<String, Value> r : rows) {
            list.add(r);
        }
        return Solutions.select(vars, list, ordered);
    }
}
