package org.nervusdb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.nervusdb.query.ChainEvaluatorSwitch;

/** {@link BuilderStoreFiltersTest} with the builder on the evaluator of the JavaScript and WebAssembly builds. */
class BuilderStoreFiltersOnChainEvaluatorTest extends BuilderStoreFiltersTest {
    @BeforeAll
    static void chainEvaluator() {
        ChainEvaluatorSwitch.use(true);
    }

    @AfterAll
    static void queryEngine() {
        ChainEvaluatorSwitch.use(false);
    }
}
