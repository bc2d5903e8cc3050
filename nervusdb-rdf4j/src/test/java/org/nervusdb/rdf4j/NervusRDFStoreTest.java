package org.nervusdb.rdf4j;

import java.nio.file.Path;
import org.eclipse.rdf4j.sail.NotifyingSail;
import org.junit.jupiter.api.io.TempDir;

/** RDF4J's published org.eclipse.rdf4j.testsuite.sail.RDFNotifyingStoreTest on NervusSail. */
public class NervusRDFStoreTest extends org.eclipse.rdf4j.testsuite.sail.RDFNotifyingStoreTest {
    @TempDir
    Path dir;

    @Override
    protected NotifyingSail createSail() {
        NervusSail sail = new NervusSail(dir.resolve("db"));
        sail.init();
        return sail;
    }
}
