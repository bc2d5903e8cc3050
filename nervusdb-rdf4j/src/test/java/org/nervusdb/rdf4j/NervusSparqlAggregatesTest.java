package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.repository.Repository;
import org.eclipse.rdf4j.repository.sail.SailRepository;

/** RDF4J's published org.eclipse.rdf4j.testsuite.repository.SparqlAggregatesTest on NervusSail. */
public class NervusSparqlAggregatesTest extends org.eclipse.rdf4j.testsuite.repository.SparqlAggregatesTest {
    @Override
    protected Repository newRepository() {
        return new SailRepository(new NervusSail());
    }
}
