package org.nervusdb.conformance;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of a manifest, as the manifest describes it. Addresses are official W3C IRIs (see
 * {@link Suite}); absent parts are null or empty.
 */
final class TestCase {
    /** The test's IRI (for a blank-node entry: the manifest's IRI, '#', and its name). */
    final String iri;
    /** mf:name. */
    final String name;
    /** The local name of its type in the manifest vocabulary, e.g. QueryEvaluationTest. */
    final String type;
    final Suite suite;
    final String category;
    final String manifestIri;
    /** qt:query, ut:request (update evaluation tests), or for a syntax test the mf:action itself. */
    final String queryIri;
    /** qt:data: the files whose merge is the default graph. */
    final List<String> dataIris;
    /** qt:graphData: named graphs. */
    final List<String> graphDataIris;
    /** Whether the action names qt:serviceData (remote endpoints for SERVICE). */
    final boolean serviceData;
    /** Whether the action names an entailment regime (sd:entailmentRegime). */
    final boolean entailment;
    /** mf:result (a file), or null (also for update evaluation tests, whose result is {@link #updateAfter}). */
    final String resultIri;
    /** The local name of dawgt:approval (Approved, NotClassified, Withdrawn, ...), or null. */
    final String approval;
    /** mf:requires: IRIs of optional features the test assumes. */
    final List<String> requires;
    /** mf:resultCardinality mf:LaxCardinality: duplicates may be dropped (REDUCED). */
    final boolean laxCardinality;
    /** An update evaluation test's graph store before the request (from mf:action), else null. */
    final GraphStore updateBefore;
    /** An update evaluation test's expected graph store after the request (from mf:result), else null. */
    final GraphStore updateAfter;

    /**
     * A graph store as an update evaluation test describes it: ut:data, the files whose merge is
     * the default graph, and ut:graphData, each a named graph with its file (ut:graph) and its
     * name (rdfs:label, an IRI written as a string; the file's address when there is none).
     */
    static final class GraphStore {
        final List<String> dataIris;
        /** Named graph name to the files whose merge it is, sorted by name. */
        final SortedMap<String, List<String>> namedGraphs;
        /** ut:result: ut:success, or null when absent. */
        final String result;

        GraphStore(List<String> dataIris, SortedMap<String, List<String>> namedGraphs, String result) {
            this.dataIris = List.copyOf(dataIris);
            this.namedGraphs = Collections.unmodifiableSortedMap(new TreeMap<>(namedGraphs));
            this.result = result;
        }
    }

    TestCase(String iri, String name, String type, Suite suite, String category, String manifestIri,
             String queryIri, List<String> dataIris, List<String> graphDataIris, boolean serviceData,
             boolean entailment, String resultIri, String approval, List<String> requires, boolean laxCardinality,
             GraphStore updateBefore, GraphStore updateAfter) {
        this.iri = iri;
        this.name = name;
        this.type = type;
        this.suite = suite;
        this.category = category;
        this.manifestIri = manifestIri;
        this.queryIri = queryIri;
        this.dataIris = List.copyOf(dataIris);
        this.graphDataIris = List.copyOf(graphDataIris);
        this.serviceData = serviceData;
        this.entailment = entailment;
        this.resultIri = resultIri;
        this.approval = approval;
        this.requires = List.copyOf(requires);
        this.laxCardinality = laxCardinality;
        this.updateBefore = updateBefore;
        this.updateAfter = updateAfter;
    }

    /** A short name for reports: category/name. */
    String label() {
        return category + "/" + name;
    }

    @Override
    public String toString() {
        return label() + " <" + iri + ">";
    }
}
