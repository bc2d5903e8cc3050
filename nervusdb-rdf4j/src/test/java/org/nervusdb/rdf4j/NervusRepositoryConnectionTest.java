package org.nervusdb.rdf4j;

import java.io.File;
import org.eclipse.rdf4j.repository.Repository;
import org.eclipse.rdf4j.repository.sail.SailRepository;

/** RDF4J's published org.eclipse.rdf4j.testsuite.repository.RepositoryConnectionTest on NervusSail. */
public class NervusRepositoryConnectionTest extends org.eclipse.rdf4j.testsuite.repository.RepositoryConnectionTest {
    @Override
    protected Repository createRepository(File dataDir) {
        return new SailRepository(new NervusSail(dataDir.toPath().resolve("db")));
    }
}
