package org.nervusdb.rdf4j;

import java.nio.file.Path;
import org.eclipse.rdf4j.sail.Sail;
import org.junit.jupiter.api.io.TempDir;

/** RDF4J's published org.eclipse.rdf4j.testsuite.sail.SailInterruptTest on NervusSail. */
public class NervusSailInterruptTest extends org.eclipse.rdf4j.testsuite.sail.SailInterruptTest {
    @TempDir
    Path dir;

    @Override
    protected Sail createSail() {
        return new NervusSail(dir.resolve("db"));
    }
}
