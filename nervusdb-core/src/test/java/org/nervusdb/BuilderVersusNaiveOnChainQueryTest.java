package org.nervusdb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link BuilderVersusNaiveTest} with the builder run through QueryBuilder.chain(), as the JavaScript and WebAssembly builds run it. */
class BuilderVersusNaiveOnChainQueryTest extends BuilderVersusNaiveTest {
    @BeforeAll
    static void chainQueries() {
        ChainQueries.use(true);
    }

    @AfterAll
    static void queryEngine() {
        ChainQueries.use(false);
    }
}
