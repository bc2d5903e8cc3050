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
}
