package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.repository.Repository;
import org.eclipse.rdf4j.repository.sail.SailRepository;

/** RDF4J's published org.eclipse.rdf4j.testsuite.repository.SparqlSetBindingTest on NervusSail. */
public class NervusSparqlSetBindingTest extends org.eclipse.rdf4j.testsuite.repository.SparqlSetBindingTest {
    @Override
    protected Repository newRepository() {
        return new SailRepository(new NervusSail());
    }
}
