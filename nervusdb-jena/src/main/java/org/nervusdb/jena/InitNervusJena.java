package org.nervusdb.jena;

import org.apache.jena.sys.JenaSubsystemLifecycle;

/** Registers NervusDB's query and update engines when Jena initializes (after ARQ). */
public final class InitNervusJena implements JenaSubsystemLifecycle {
    @Override
    public void start() {
        NervusQueryEngine.registerFactory();
        NervusUpdateEngine.registerFactory();
    }

    @Override
    public void stop() {
        NervusQueryEngine.unregisterFactory();
        NervusUpdateEngine.unregisterFactory();
    }

    @Override
    public int level() {
        return 500;
    }
}
