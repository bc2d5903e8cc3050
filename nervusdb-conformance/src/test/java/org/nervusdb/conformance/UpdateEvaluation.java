package org.nervusdb.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.nervusdb.NervusDBException;
import org.nervusdb.Quad;
import org.nervusdb.QuadCursor;
import org.nervusdb.Transaction;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.UpdateEngine;

/**
 * The parts of an update evaluation test ({@code mf:UpdateEvaluationTest}): a graph store read
 * from the suite's files or from a store, loading one into a store, comparing two, and the
 * reader that LOAD uses.
 *
 * <p>Two graph stores are equal when their default graphs are isomorphic and they have the same
 * named graphs, each isomorphic to its namesake. Graphs are compared one by one, not as one set of
 * quads: a test's files cannot say that a blank node is shared between two graphs, so each graph's
 * blank nodes are matched on their own. A named graph that exists but holds no triples counts: the
 * store records graphs (from CREATE or a first quad until DROP), and the suite's expected results
 * list a graph emptied by CLEAR (with an empty file) and leave out one removed by DROP, so an empty
 * graph where none is expected, or a missing one where an empty one is expected, is a difference.
 */
final class UpdateEvaluation {

    /** A graph store: the default graph's triples, and each named graph's triples by name. */
    static final class State {
        final List<String[]> defaultGraph;
        final SortedMap<String, List<String[]>> namedGraphs;

        State(List<String[]> defaultGraph, SortedMap<String, List<String[]>> namedGraphs) {
            this.defaultGraph = defaultGraph;
            this.namedGraphs = namedGraphs;
        }

        /** Every triple as a quad (graph null for the default graph), for loading into a store. */
        List<Quad> quads() {
            List<Quad> out = new ArrayList<>();
            for (String[] t : defaultGraph) {
                out.add(new Quad(t[0], t[1], t[2], null));
            }
            namedGraphs.forEach((g, triples) -> {
                for (String[] t : triples) {
                    out.add(new Quad(t[0], t[1], t[2], g));
                }
            });
            return out;
        }
    }

    private UpdateEvaluation() {
    }

    /**
     * Reads a graph store of a test from the suite's files. Blank nodes get labels unique within
     * the store: a file read into two graphs gives each its own blank nodes.
     */
    static State read(Suite suite, TestCase.GraphStore store) throws IOException {
        Map<String, String> blankLabels = new HashMap<>();
        List<String[]> defaultGraph = new ArrayList<>();
        for (String file : store.dataIris) {
            readFile(suite, file, "default " + file, blankLabels, defaultGraph);
        }
        SortedMap<String, List<String[]>> named = new TreeMap<>();
        for (Map.Entry<String, List<String>> g : store.namedGraphs.entrySet()) {
            List<String[]> triples = new ArrayList<>();
            for (String file : g.getValue()) {
                readFile(suite, file, "named <" + g.getKey() + "> " + file, blankLabels, triples);
            }
            named.put(g.getKey(), triples);
        }
        return new State(defaultGraph, named);
    }

    private static void readFile(Suite suite, String iri, String scope, Map<String, String> blankLabels, List<String[]> out)
            throws IOException {
        String resource = suite.resourceOf(iri);
        if (resource == null || !SuiteFiles.exists(resource)) {
            throw new IOException("data file not in the suite: " + iri);
        }
        RDFFormat format = Rio.getParserFormatForFileName(resource)
                .orElseThrow(() -> new IOException("no RDF reader for " + resource));
        Model m;
        try (InputStream in = SuiteFiles.open(resource)) {
            m = Rio.parse(in, iri, format);
        }
        for (Statement s : m) {
            out.add(new String[] {Terms.toStored(s.getSubject(), blankLabels, scope),
                Terms.toStored(s.getPredicate(), blankLabels, scope), Terms.toStored(s.getObject(), blankLabels, scope)});
        }
    }

    /** Puts a graph store into an empty store: its named graphs are created first, so that empty ones exist too. */
    static void load(TripleStore store, State state) {
        if (!state.namedGraphs.isEmpty()) {
            Transaction tx = new Transaction();
            state.namedGraphs.keySet().forEach(tx::createGraph);
            store.commit(tx);
        }
        store.addQuads(state.quads());
    }

    /** What a store holds: its default graph, and every named graph it records (empty ones too). */
    static State of(TripleStore store) {
        try (TripleStore.StoreSnapshot snap = store.snapshot()) {
            List<String[]> defaultGraph = triples(snap, Quad.DEFAULT_GRAPH);
            SortedMap<String, List<String[]>> named = new TreeMap<>();
            for (String g : snap.graphs()) {
                named.put(g, triples(snap, g));
            }
            return new State(defaultGraph, named);
        }
    }

    private static List<String[]> triples(TripleStore.StoreSnapshot snap, String graph) {
        List<String[]> out = new ArrayList<>();
        try (QuadCursor c = snap.findQuads(null, null, null, graph)) {
            while (c.hasNext()) {
                Quad q = c.next();
                out.add(new String[] {q.subject(), q.predicate(), q.object()});
            }
        }
        return out;
    }

    /** Null if the two graph stores are equal (see the class comment), else the first difference. */
    static String difference(State expected, State actual) {
        TreeSet<String> missing = new TreeSet<>(expected.namedGraphs.keySet());
        missing.removeAll(actual.namedGraphs.keySet());
        TreeSet<String> extra = new TreeSet<>(actual.namedGraphs.keySet());
        extra.removeAll(expected.namedGraphs.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder sb = new StringBuilder("named graphs differ:");
            for (String g : missing) {
                sb.append(" missing <").append(g).append(">")
                        .append(expected.namedGraphs.get(g).isEmpty() ? " (expected empty)" : "");
            }
            for (String g : extra) {
                sb.append(" unexpected <").append(g).append(">")
                        .append(actual.namedGraphs.get(g).isEmpty() ? " (empty)" : "");
            }
            return sb.toString();
        }
        String d = Isomorphism.difference(expected.defaultGraph, actual.defaultGraph);
        if (d != null) {
            return "default graph: " + d;
        }
        for (Map.Entry<String, List<String[]>> g : expected.namedGraphs.entrySet()) {
            d = Isomorphism.difference(g.getValue(), actual.namedGraphs.get(g.getKey()));
            if (d != null) {
                return "graph <" + g.getKey() + ">: " + d;
            }
        }
        return null;
    }

    /**
     * The documents LOAD reads: files of the suite, by their official address, parsed with that
     * address as base. An address outside the suite, or a file the suite does not have, fails the
     * LOAD (NOT_FOUND), as a document that cannot be retrieved does.
     */
    static UpdateEngine.Loader loader(Suite suite) {
        return (iri, sink) -> {
            String resource = suite.resourceOf(iri);
            if (resource == null || !SuiteFiles.exists(resource)) {
                throw new NervusDBException("NOT_FOUND", "LOAD <" + iri + ">: no such document");
            }
            RDFFormat format = Rio.getParserFormatForFileName(resource)
                    .orElseThrow(() -> new NervusDBException("UNSUPPORTED", "LOAD <" + iri + ">: not an RDF document"));
            Model m;
            try (InputStream in = SuiteFiles.open(resource)) {
                m = Rio.parse(in, iri, format);
            } catch (IOException | RuntimeException e) {
                throw new NervusDBException("INVALID_ARGUMENT", "LOAD <" + iri + ">: " + e.getMessage(), e);
            }
            Map<String, String> blankLabels = new HashMap<>();
            for (Statement s : m) {
                sink.statement(Terms.toStored(s.getSubject(), blankLabels, ""), Terms.toStored(s.getPredicate(), blankLabels, ""),
                        Terms.toStored(s.getObject(), blankLabels, ""),
                        s.getContext() == null ? null : Terms.toStored(s.getContext(), blankLabels, ""));
            }
        };
    }
}
