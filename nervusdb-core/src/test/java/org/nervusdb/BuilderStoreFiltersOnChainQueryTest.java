package org.nervusdb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link BuilderStoreFiltersTest} with the builder run through QueryBuilder.chain(), as the JavaScript and WebAssembly builds run it. */
class BuilderStoreFiltersOnChainQueryTest extends BuilderStoreFiltersTest {
    @BeforeAll
    static void chainQueries() {
        ChainQueries.use(true);
    }

    @AfterAll
    static void queryEngine() {
        ChainQueries.use(false);
    }
}
