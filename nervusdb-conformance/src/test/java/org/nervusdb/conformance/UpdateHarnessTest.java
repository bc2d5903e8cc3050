package org.nervusdb.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.nervusdb.NervusDBException;
import org.nervusdb.QueryResult;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.UpdateEngine;

/**
 * Checks of the harness's part in the update evaluation tests: what it reads from the manifests,
 * how it compares graph stores, the documents it gives LOAD, and that its verdicts catch an
 * engine that does the wrong thing.
 */
class UpdateHarnessTest {
    private static final String BASE = Suite.SPARQL_11.officialBase;
    /** The categories that hold the update evaluation tests. */
    private static final Pattern UPDATE_CATEGORIES = Pattern.compile(
            "^(add|basic-update|clear|copy|delete|delete-data|delete-insert|delete-where|drop|move|update-silent)/");

    @Test
    void manifestsDescribeTheStoreBeforeAndAfterTheRequest() throws IOException {
        Map<String, TestCase> tests = new TreeMap<>();
        for (TestCase t : ManifestReader.read(Suite.SPARQL_11).tests) {
            tests.put(t.iri, t);
        }
        TestCase clear = tests.get(BASE + "clear/manifest#dawg-clear-graph-01");
        assertEquals("UpdateEvaluationTest", clear.type);
        assertEquals(BASE + "clear/clear-graph-01.ru", clear.queryIri);
        assertEquals(List.of(BASE + "clear/clear-default.ttl"), clear.updateBefore.dataIris);
        assertEquals(Map.of("http://example.org/g1", List.of(BASE + "clear/clear-g1.ttl"),
                "http://example.org/g2", List.of(BASE + "clear/clear-g2.ttl")), clear.updateBefore.namedGraphs);
        assertEquals(Map.of("http://example.org/g1", List.of(BASE + "clear/empty.ttl"),
                "http://example.org/g2", List.of(BASE + "clear/clear-g2.ttl")), clear.updateAfter.namedGraphs);

        // mf:result [] : an empty store
        TestCase dropAll = tests.get(BASE + "drop/manifest#dawg-drop-all-01");
        assertTrue(dropAll.updateAfter.dataIris.isEmpty() && dropAll.updateAfter.namedGraphs.isEmpty());
        assertEquals(2, dropAll.updateBefore.namedGraphs.size());

        TestCase insert = tests.get(BASE + "basic-update/manifest#insert-data-spo1");
        assertEquals(Vocab.UT + "success", insert.updateAfter.result);

        long updates = tests.values().stream().filter(t -> t.type.equals("UpdateEvaluationTest")).count();
        assertEquals(93, updates);
        for (TestCase t : tests.values()) {
            if (t.type.equals("UpdateEvaluationTest")) {
                assertNotNull(t.updateBefore, t.iri);
                assertNotNull(t.updateAfter, t.iri);
            }
        }
    }

    @Test
    void graphStoresCompareGraphByGraphWithEmptyGraphsCounted() {
        UpdateEvaluation.State expected = state(g(t("_:a", "p", "o")), "g1", g(t("_:a", "p", "_:a")), "g2", g());
        // blank nodes are matched graph by graph: the same label in two graphs need not be one node
        assertNull(UpdateEvaluation.difference(expected,
                state(g(t("_:x", "p", "o")), "g1", g(t("_:x", "p", "_:x")), "g2", g())));
        assertNotNull(UpdateEvaluation.difference(expected,
                state(g(t("_:x", "p", "o")), "g1", g(t("_:x", "p", "_:y")), "g2", g())));
        // an expected empty graph must exist ...
        String d = UpdateEvaluation.difference(expected, state(g(t("_:x", "p", "o")), "g1", g(t("_:x", "p", "_:x"))));
        assertTrue(d != null && d.contains("missing <g2> (expected empty)"), d);
        // ... and a graph not expected must not, even empty
        d = UpdateEvaluation.difference(state(g()), state(g(), "g3", g()));
        assertTrue(d != null && d.contains("unexpected <g3> (empty)"), d);
        d = UpdateEvaluation.difference(expected, state(g(), "g1", g(t("_:x", "p", "_:x")), "g2", g()));
        assertTrue(d != null && d.startsWith("default graph:"), d);
    }

    @Test
    void loadReadsSuiteFilesByTheirAddressAndFailsOnOthers() throws IOException {
        String file = BASE + "clear/clear-g1.ttl";
        TestCase.GraphStore g = new TestCase.GraphStore(List.of(), new TreeMap<>(Map.of("http://example.org/g", List.of(file))), null);
        UpdateEvaluation.State expected = UpdateEvaluation.read(Suite.SPARQL_11, g);
        assertTrue(expected.namedGraphs.get("http://example.org/g").size() > 0);
        try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
            UpdateEngine.Loader loader = UpdateEvaluation.loader(Suite.SPARQL_11);
            QueryEngine.NERVUSDB.update(store, "LOAD <clear-g1.ttl> INTO GRAPH <http://example.org/g>", file, loader);
            assertNull(UpdateEvaluation.difference(expected, UpdateEvaluation.of(store)));

            assertThrows(NervusDBException.class, () -> QueryEngine.NERVUSDB.update(store,
                    "LOAD <http://example.org/missing> INTO GRAPH <http://example.org/h>", file, loader));
            assertThrows(NervusDBException.class, () -> QueryEngine.NERVUSDB.update(store,
                    "LOAD <no-such-file.ttl>", file, loader));
            // SILENT: nothing happens, not even the graph INTO names
            QueryEngine.NERVUSDB.update(store, "LOAD SILENT <no-such-file.ttl> INTO GRAPH <http://example.org/h>", file, loader);
            assertNull(UpdateEvaluation.difference(expected, UpdateEvaluation.of(store)));
        }
    }

    /**
     * The verdicts catch wrong engines: one that ignores every request passes only the tests whose
     * store does not change (61 of the 93 change it), and one that clears where it should drop fails the tests of DROP.
     */
    @Test
    void wrongEnginesFail() throws IOException {
        Map<String, Outcome.Status> ignoring = run(request -> "");
        int unchanged = 0;
        for (TestCase t : updateTests()) {
            boolean same = UpdateEvaluation.difference(UpdateEvaluation.read(t.suite, t.updateAfter),
                    UpdateEvaluation.read(t.suite, t.updateBefore)) == null;
            assertEquals(same ? Outcome.Status.PASS : Outcome.Status.FAIL, ignoring.get(t.iri), t.iri);
            unchanged += same ? 1 : 0;
        }
        // 32 expect no change: the 13 of update-silent, deletes that match nothing, ADD, COPY or MOVE of a graph onto itself, ...
        assertEquals(61, updateTests().size() - unchanged);

        Map<String, Outcome.Status> clearing = run(request -> request.replaceAll("\\bDROP\\b", "CLEAR"));
        for (String name : List.of("drop/manifest#dawg-drop-graph-01", "drop/manifest#dawg-drop-named-01",
                "drop/manifest#dawg-drop-all-01", "basic-update/manifest#insert-05a")) {
            assertEquals(Outcome.Status.FAIL, clearing.get(BASE + name), name);
        }
        assertEquals(Outcome.Status.PASS, clearing.get(BASE + "drop/manifest#dawg-drop-default-01"));
    }

    private static List<TestCase> updateTests() throws IOException {
        List<TestCase> out = new ArrayList<>();
        for (TestCase t : ManifestReader.read(Suite.SPARQL_11).tests) {
            if (t.type.equals("UpdateEvaluationTest")) {
                out.add(t);
            }
        }
        return out;
    }

    /** Runs the update evaluation tests with NervusDB, the request rewritten first; status by test IRI. */
    private static Map<String, Outcome.Status> run(UnaryOperator<String> rewrite) throws IOException {
        QueryEngine engine = new QueryEngine() {
            @Override
            public void parse(String query, String base) {
                NERVUSDB.parse(query, base);
            }

            @Override
            public void parseUpdate(String update, String base) {
                NERVUSDB.parseUpdate(update, base);
            }

            @Override
            public String write(QueryResult result, String format) throws IOException {
                return NERVUSDB.write(result, format);
            }

            @Override
            public QueryResult execute(TripleStore store, String query, String base) {
                return NERVUSDB.execute(store, query, base);
            }

            @Override
            public void update(TripleStore store, String request, String base, UpdateEngine.Loader loader) {
                String r = rewrite.apply(request);
                if (!r.isBlank()) {
                    NERVUSDB.update(store, r, base, loader);
                }
            }
        };
        ConformanceRunner.Options options = new ConformanceRunner.Options();
        options.filter = UPDATE_CATEGORIES;
        Map<String, Outcome.Status> out = new TreeMap<>();
        for (Outcome o : new ConformanceRunner(engine, options).run().outcomes) {
            if (o.test.type.equals("UpdateEvaluationTest")) {
                out.put(o.test.iri, o.status);
            }
        }
        assertEquals(93, out.size());
        return out;
    }

    /** A graph: its triples. */
    private static List<String[]> g(String[]... triples) {
        return List.of(triples);
    }

    private static String[] t(String s, String p, String o) {
        return new String[] {s, p, o};
    }

    /** A graph store: the default graph, then name, triples, name, triples, ... */
    @SuppressWarnings("unchecked")
    private static UpdateEvaluation.State state(List<String[]> defaultGraph, Object... named) {
        SortedMap<String, List<String[]>> graphs = new TreeMap<>();
        for (int i = 0; i < named.length; i += 2) {
            graphs.put((String) named[i], (List<String[]>) named[i + 1]);
        }
        return new UpdateEvaluation.State(defaultGraph, graphs);
    }
}
