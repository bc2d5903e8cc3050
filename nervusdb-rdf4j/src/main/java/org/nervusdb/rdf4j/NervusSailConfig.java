package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.sail.base.config.BaseSailConfig;

/**
 * The configuration of a {@link NervusSail} for RDF4J's repository manager and Workbench: the
 * database lives in the data directory the manager gives the repository.
 */
public class NervusSailConfig extends BaseSailConfig {
    public NervusSailConfig() {
        super(NervusSailFactory.SAIL_TYPE);
    }
}
