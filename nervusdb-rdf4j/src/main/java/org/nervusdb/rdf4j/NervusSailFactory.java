package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.sail.Sail;
import org.eclipse.rdf4j.sail.config.SailConfigException;
import org.eclipse.rdf4j.sail.config.SailFactory;
import org.eclipse.rdf4j.sail.config.SailImplConfig;

/**
 * Makes {@link NervusSail}s from configurations of type {@value #SAIL_TYPE} (registered as a
 * service, so RDF4J's repository manager, console and Workbench find it).
 */
public class NervusSailFactory implements SailFactory {
    public static final String SAIL_TYPE = "nervusdb:NervusSail";

    @Override
    public String getSailType() {
        return SAIL_TYPE;
    }

    @Override
    public SailImplConfig getConfig() {
        return new NervusSailConfig();
    }

    @Override
    public Sail getSail(SailImplConfig config) throws SailConfigException {
        if (!SAIL_TYPE.equals(config.getType())) {
            throw new SailConfigException("invalid Sail type: " + config.getType());
        }
        NervusSail sail = new NervusSail();
        if (config instanceof NervusSailConfig) {
            NervusSailConfig c = (NervusSailConfig) config;
            c.getDefaultQueryEvaluationMode().ifPresent(sail::setDefaultQueryEvaluationMode);
            if (c.getEvaluationStrategyFactoryClassName() != null) {
                sail.setEvaluationStrategyFactory(c.getEvaluationStrategyFactory());
            }
            sail.setIterationCacheSyncThreshold(c.getIterationCacheSyncThreshold());
        }
        return sail;
    }
}
