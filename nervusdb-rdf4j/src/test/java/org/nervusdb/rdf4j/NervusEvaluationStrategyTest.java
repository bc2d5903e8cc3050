package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.sail.base.config.BaseSailConfig;

/** RDF4J's published org.eclipse.rdf4j.testsuite.sail.EvaluationStrategyTest on NervusSail. */
public class NervusEvaluationStrategyTest extends org.eclipse.rdf4j.testsuite.sail.EvaluationStrategyTest {
    @Override
    protected BaseSailConfig getBaseSailConfig() {
        return new NervusSailConfig();
    }
}
