package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.repository.Repository;
import org.eclipse.rdf4j.repository.sail.SailRepository;

/** RDF4J's published org.eclipse.rdf4j.testsuite.repository.SparqlOrderByTest on NervusSail. */
public class NervusSparqlOrderByTest extends org.eclipse.rdf4j.testsuite.repository.SparqlOrderByTest {
    @Override
    protected Repository newRepository() {
        return new SailRepository(new NervusSail());
    }
}
