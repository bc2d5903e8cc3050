package org.nervusdb;

/**
 * Lets tests run the query builder's results through {@link QueryBuilder#chain()}, as the
 * JavaScript and WebAssembly builds do, instead of the query engine.
 */
final class ChainQueries {
    private ChainQueries() {
    }

    static void use(boolean on) {
        QueryBuilder.chainQueries = on;
    }
}
