package org.nervusdb.conformance;

import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;

/** The vocabularies of the W3C test manifests and of RDF-encoded result sets. */
final class Vocab {
    private static final ValueFactory VF = SimpleValueFactory.getInstance();

    /** Test manifests. */
    static final String MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
    /** Query test actions. */
    static final String QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
    /** Approval status. */
    static final String DAWGT = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#";
    /** SPARQL service description (entailment regimes). */
    static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    /** Update evaluation tests: the graph store before and after a request. */
    static final String UT = "http://www.w3.org/2009/sparql/tests/test-update#";
    static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";
    /** Result sets written as RDF (the 1.0 suite's .ttl and .rdf results). */
    static final String RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";

    static final IRI MF_MANIFEST = VF.createIRI(MF, "Manifest");
    static final IRI MF_INCLUDE = VF.createIRI(MF, "include");
    static final IRI MF_ENTRIES = VF.createIRI(MF, "entries");
    static final IRI MF_NAME = VF.createIRI(MF, "name");
    static final IRI MF_ACTION = VF.createIRI(MF, "action");
    static final IRI MF_RESULT = VF.createIRI(MF, "result");
    static final IRI MF_REQUIRES = VF.createIRI(MF, "requires");
    static final IRI MF_RESULT_CARDINALITY = VF.createIRI(MF, "resultCardinality");
    static final IRI MF_LAX_CARDINALITY = VF.createIRI(MF, "LaxCardinality");
    static final IRI QT_QUERY = VF.createIRI(QT, "query");
    static final IRI QT_DATA = VF.createIRI(QT, "data");
    static final IRI QT_GRAPH_DATA = VF.createIRI(QT, "graphData");
    static final IRI QT_SERVICE_DATA = VF.createIRI(QT, "serviceData");
    static final IRI UT_REQUEST = VF.createIRI(UT, "request");
    static final IRI UT_DATA = VF.createIRI(UT, "data");
    static final IRI UT_GRAPH_DATA = VF.createIRI(UT, "graphData");
    static final IRI UT_GRAPH = VF.createIRI(UT, "graph");
    static final IRI UT_RESULT = VF.createIRI(UT, "result");
    static final IRI RDFS_LABEL = VF.createIRI(RDFS, "label");
    static final IRI DAWGT_APPROVAL = VF.createIRI(DAWGT, "approval");
    static final IRI SD_ENTAILMENT_REGIME = VF.createIRI(SD, "entailmentRegime");
    static final IRI RS_RESULT_SET = VF.createIRI(RS, "ResultSet");
    static final IRI RS_RESULT_VARIABLE = VF.createIRI(RS, "resultVariable");
    static final IRI RS_SOLUTION = VF.createIRI(RS, "solution");
    static final IRI RS_BINDING = VF.createIRI(RS, "binding");
    static final IRI RS_VARIABLE = VF.createIRI(RS, "variable");
    static final IRI RS_VALUE = VF.createIRI(RS, "value");
    static final IRI RS_INDEX = VF.createIRI(RS, "index");
    static final IRI RS_BOOLEAN = VF.createIRI(RS, "boolean");

    private Vocab() {
    }

    /** The part of an IRI after its namespace ('#' or last '/'), for reports. */
    static String localName(String iri) {
        int i = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return i < 0 || i == iri.length() - 1 ? iri : iri.substring(i + 1);
    }

    /** A short prefixed name for the manifest vocabulary, else the IRI itself. */
    static String shortName(String iri) {
        if (iri.startsWith(MF)) {
            return "mf:" + iri.substring(MF.length());
        }
        return iri;
    }
}
