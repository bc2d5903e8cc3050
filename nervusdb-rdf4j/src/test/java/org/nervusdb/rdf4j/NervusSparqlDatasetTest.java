package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.repository.Repository;
import org.eclipse.rdf4j.repository.sail.SailRepository;

/** RDF4J's published org.eclipse.rdf4j.testsuite.repository.SparqlDatasetTest on NervusSail. */
public class NervusSparqlDatasetTest extends org.eclipse.rdf4j.testsuite.repository.SparqlDatasetTest {
    @Override
    protected Repository newRepository() {
        return new SailRepository(new NervusSail());
    }
}
