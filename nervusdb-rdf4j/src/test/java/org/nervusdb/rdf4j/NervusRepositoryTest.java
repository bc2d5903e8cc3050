package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.repository.Repository;
import org.eclipse.rdf4j.repository.sail.SailRepository;

/** RDF4J's published RepositoryTest on NervusSail. */
public class NervusRepositoryTest extends org.eclipse.rdf4j.testsuite.repository.RepositoryTest {
    @Override
    protected Repository createRepository() {
        return new SailRepository(new NervusSail());
    }
}
