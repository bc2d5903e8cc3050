package org.nervusdb.query;

/**
 * Lets tests run the query builder on {@link ChainEvaluator}, as the JavaScript and WebAssembly
 * builds do, instead of the query engine.
 */
public final class ChainEvaluatorSwitch {
    private ChainEvaluatorSwitch() {
    }

    public static void use(boolean on) {
        BuilderQueries.chainEvaluator = on;
    }
}
