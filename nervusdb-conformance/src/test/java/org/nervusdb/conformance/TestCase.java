package org.nervusdb.conformance;

import java.util.List;

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
    /** qt:query, or for a syntax test the mf:action itself. */
    final String queryIri;
    /** qt:data: the files whose merge is the default graph. */
    final List<String> dataIris;
    /** qt:graphData: named graphs. */
    final List<String> graphDataIris;
    /** Whether the action names qt:serviceData (remote endpoints for SERVICE). */
    final boolean serviceData;
    /** Whether the action names an entailment regime (sd:entailmentRegime). */
    final boolean entailment;
    /** mf:result (a file), or null. */
    final String resultIri;
    /** The local name of dawgt:approval (Approved, NotClassified, Withdrawn, ...), or null. */
    final String approval;
    /** mf:requires: IRIs of optional features the test assumes. */
    final List<String> requires;
    /** mf:resultCardinality mf:LaxCardinality: duplicates may be dropped (REDUCED). */
    final boolean laxCardinality;

    TestCase(String iri, String name, String type, Suite suite, String category, String manifestIri,
             String queryIri, List<String> dataIris, List<String> graphDataIris, boolean serviceData,
             boolean entailment, String resultIri, String approval, List<String> requires, boolean laxCardinality) {
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
