package org.nervusdb.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.nervusdb.Quad;
import org.nervusdb.Triple;

/**
 * Reads a test's default-graph data (the merge of its qt:data files) as NervusDB triples. Each
 * file is parsed with its official address as base; blank nodes get labels {@code b0, b1, ...}
 * unique within the dataset, so that blank nodes of different files stay apart, as RDF merge
 * requires.
 */
final class DatasetLoader {

    private DatasetLoader() {
    }

    static List<Triple> defaultGraph(Suite suite, List<String> dataIris) throws IOException {
        List<Triple> triples = new ArrayList<>();
        Map<String, String> blankLabels = new HashMap<>();
        for (String iri : dataIris) {
            String resource = suite.resourceOf(iri);
            if (resource == null) {
                throw new IOException("data file outside the suite: " + iri);
            }
            RDFFormat format = Rio.getParserFormatForFileName(resource)
                    .orElseThrow(() -> new IOException("no RDF reader for " + resource));
            Model m;
            try (InputStream in = SuiteFiles.open(resource)) {
                m = Rio.parse(in, iri, format);
            }
            for (Statement s : m) {
                triples.add(new Triple(Terms.toStored(s.getSubject(), blankLabels, iri),
                        Terms.toStored(s.getPredicate(), blankLabels, iri),
                        Terms.toStored(s.getObject(), blankLabels, iri)));
            }
        }
        return triples;
    }

    /**
     * The whole dataset: the default graph from {@code dataIris} (qt:data) and a named graph per
     * file of {@code graphIris} (qt:graphData, and the files a query names in FROM and FROM
     * NAMED), named by the file's address. Blank node labels are unique across the dataset.
     */
    static List<Quad> dataset(Suite suite, List<String> dataIris, List<String> graphIris) throws IOException {
        List<Quad> quads = new ArrayList<>();
        Map<String, String> blankLabels = new HashMap<>();
        for (String iri : dataIris) {
            read(suite, iri, null, blankLabels, quads);
        }
        for (String iri : graphIris) {
            read(suite, iri, iri, blankLabels, quads);
        }
        return quads;
    }

    private static void read(Suite suite, String iri, String graph, Map<String, String> blankLabels, List<Quad> out)
            throws IOException {
        String resource = suite.resourceOf(iri);
        if (resource == null) {
            throw new IOException("data file outside the suite: " + iri);
        }
        RDFFormat format = Rio.getParserFormatForFileName(resource)
                .orElseThrow(() -> new IOException("no RDF reader for " + resource));
        Model m;
        try (InputStream in = SuiteFiles.open(resource)) {
            m = Rio.parse(in, iri, format);
        }
        // Blank nodes of one file in one graph are one set; elsewhere the same label is another node.
        String scope = (graph == null ? "default " : "named ") + iri;
        for (Statement s : m) {
            out.add(new Quad(Terms.toStored(s.getSubject(), blankLabels, scope), Terms.toStored(s.getPredicate(), blankLabels, scope),
                    Terms.toStored(s.getObject(), blankLabels, scope), graph));
        }
    }
}
