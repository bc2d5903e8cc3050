package org.nervusdb.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.model.util.RDFCollections;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;

/**
 * Reads a suite's manifests: starts at its entry manifests, follows mf:include, and turns every
 * mf:entries member into a {@link TestCase}. It also lists every manifest file in the jar that
 * the entry manifests do not reach, so that none goes unmentioned.
 */
final class ManifestReader {

    /** What was read from one suite. */
    static final class Result {
        final Suite suite;
        final List<TestCase> tests = new ArrayList<>();
        /** Manifests read, in order. */
        final List<String> manifests = new ArrayList<>();
        /** Manifest files in the jar that no entry manifest includes, with their entry counts. */
        final Map<String, Integer> unreached = new LinkedHashMap<>();

        Result(Suite suite) {
            this.suite = suite;
        }
    }

    private ManifestReader() {
    }

    static Result read(Suite suite) throws IOException {
        Result result = new Result(suite);
        Set<String> seen = new LinkedHashSet<>();
        for (String entry : suite.entryManifests) {
            visit(suite, suite.officialBase + entry, seen, result);
        }
        for (String file : SuiteFiles.list(suite.resourceRoot, suite.entryManifests.get(0))) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (name.endsWith(".ttl") && name.contains("manifest") && !seen.contains(suite.iriOf(file))) {
                String iri = suite.iriOf(file);
                result.unreached.put(iri, entries(parse(file, iri)).size());
            }
        }
        return result;
    }

    private static void visit(Suite suite, String manifestIri, Set<String> seen, Result result) throws IOException {
        if (!seen.add(manifestIri)) {
            return;
        }
        String resource = suite.resourceOf(manifestIri);
        if (resource == null) {
            throw new IOException("manifest outside the suite: " + manifestIri);
        }
        Model m = parse(resource, manifestIri);
        result.manifests.add(manifestIri);
        for (Value entry : entries(m)) {
            result.tests.add(testCase(m, (Resource) entry, suite, manifestIri));
        }
        for (Statement include : m.filter(null, Vocab.MF_INCLUDE, null)) {
            for (Value included : RDFCollections.asValues(m, (Resource) include.getObject(), new ArrayList<>())) {
                visit(suite, included.stringValue(), seen, result);
            }
        }
    }

    private static Model parse(String resource, String iri) throws IOException {
        try (InputStream in = SuiteFiles.open(resource)) {
            return Rio.parse(in, iri, RDFFormat.TURTLE);
        }
    }

    /** The members of every mf:entries list of the manifest document. */
    private static List<Value> entries(Model m) {
        List<Value> out = new ArrayList<>();
        for (Statement s : m.filter(null, Vocab.MF_ENTRIES, null)) {
            RDFCollections.asValues(m, (Resource) s.getObject(), out);
        }
        return out;
    }

    private static TestCase testCase(Model m, Resource entry, Suite suite, String manifestIri) {
        String name = literal(m, entry, Vocab.MF_NAME)
                .orElse(entry instanceof IRI ? Vocab.localName(entry.stringValue()) : "(unnamed)");
        String iri = entry instanceof IRI ? entry.stringValue() : manifestIri + "#" + name;

        Optional<Value> action = Models.object(m.filter(entry, Vocab.MF_ACTION, null));
        String queryIri = null;
        List<String> data = new ArrayList<>();
        List<String> graphData = new ArrayList<>();
        boolean serviceData = false;
        boolean entailment = false;
        TestCase.GraphStore updateBefore = null;
        TestCase.GraphStore updateAfter = null;
        if (action.isPresent() && action.get() instanceof IRI) {
            queryIri = action.get().stringValue(); // a syntax test: the action is the query file
        } else if (action.isPresent()) {
            Resource a = (Resource) action.get();
            queryIri = Models.objectIRI(m.filter(a, Vocab.QT_QUERY, null)).map(IRI::stringValue).orElse(null);
            Optional<IRI> request = Models.objectIRI(m.filter(a, Vocab.UT_REQUEST, null));
            if (request.isPresent()) {
                // An update evaluation test: the request, and the graph store before and after it.
                queryIri = request.get().stringValue();
                updateBefore = graphStore(m, a);
                Optional<Value> after = Models.object(m.filter(entry, Vocab.MF_RESULT, null));
                if (after.isPresent() && after.get() instanceof Resource && !(after.get() instanceof IRI)) {
                    updateAfter = graphStore(m, (Resource) after.get());
                }
            }
            for (Value v : m.filter(a, Vocab.QT_DATA, null).objects()) {
                data.add(v.stringValue());
            }
            for (Value v : m.filter(a, Vocab.QT_GRAPH_DATA, null).objects()) {
                graphData.add(v.stringValue());
            }
            serviceData = m.contains(a, Vocab.QT_SERVICE_DATA, null);
            entailment = m.contains(a, Vocab.SD_ENTAILMENT_REGIME, null);
        }
        data.sort(null);
        graphData.sort(null);

        String resultIri = Models.objectIRI(m.filter(entry, Vocab.MF_RESULT, null)).map(IRI::stringValue).orElse(null);
        String approval = Models.objectIRI(m.filter(entry, Vocab.DAWGT_APPROVAL, null))
                .map(i -> Vocab.localName(i.stringValue())).orElse(null);
        List<String> requires = new ArrayList<>();
        for (Value v : m.filter(entry, Vocab.MF_REQUIRES, null).objects()) {
            requires.add(v.stringValue());
        }
        requires.sort(null);
        boolean lax = m.contains(entry, Vocab.MF_RESULT_CARDINALITY, Vocab.MF_LAX_CARDINALITY);

        boolean queryAction = action.isPresent() && !(action.get() instanceof IRI) && queryIri != null;
        return new TestCase(iri, name, type(m, entry, queryAction), suite, suite.categoryOf(manifestIri), manifestIri,
                queryIri, data, graphData, serviceData, entailment, resultIri, approval, requires, lax, updateBefore, updateAfter);
    }

    /**
     * A graph store of an update evaluation test, from an mf:action or mf:result node: ut:data
     * (the default graph), ut:graphData [ ut:graph file; rdfs:label "name" ] (named graphs) and
     * ut:result.
     */
    private static TestCase.GraphStore graphStore(Model m, Resource node) {
        List<String> data = new ArrayList<>();
        for (Value v : m.filter(node, Vocab.UT_DATA, null).objects()) {
            data.add(v.stringValue());
        }
        data.sort(null);
        SortedMap<String, List<String>> named = new TreeMap<>();
        for (Value g : m.filter(node, Vocab.UT_GRAPH_DATA, null).objects()) {
            String file = g instanceof IRI ? g.stringValue()
                    : Models.objectIRI(m.filter((Resource) g, Vocab.UT_GRAPH, null)).map(IRI::stringValue).orElse(null);
            if (file == null) {
                throw new IllegalArgumentException("ut:graphData without ut:graph in " + node);
            }
            String name = g instanceof IRI ? file : literal(m, (Resource) g, Vocab.RDFS_LABEL).orElse(file);
            named.computeIfAbsent(name, k -> new ArrayList<>()).add(file);
        }
        named.values().forEach(files -> files.sort(null));
        String result = Models.objectIRI(m.filter(node, Vocab.UT_RESULT, null)).map(IRI::stringValue).orElse(null);
        return new TestCase.GraphStore(data, named, result);
    }

    /**
     * The entry's type in the manifest vocabulary. An entry without one whose action names a
     * query is a query evaluation test, as the 1.0 suite's conventions have it.
     */
    private static String type(Model m, Resource entry, boolean hasQueryAction) {
        List<String> types = new ArrayList<>();
        for (Value t : m.filter(entry, RDF.TYPE, null).objects()) {
            types.add(t.stringValue());
        }
        types.sort(null);
        for (String t : types) {
            if (t.startsWith(Vocab.MF)) {
                return t.substring(Vocab.MF.length());
            }
        }
        if (!types.isEmpty()) {
            return types.get(0);
        }
        return hasQueryAction ? "QueryEvaluationTest" : "(untyped)";
    }

    private static Optional<String> literal(Model m, Resource subject, IRI property) {
        return Models.objectLiteral(m.filter(subject, property, null)).map(Literal::getLabel);
    }
}
