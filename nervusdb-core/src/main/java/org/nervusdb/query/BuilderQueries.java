package org.nervusdb.query;

import org.nervusdb.TripleReader;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Query;

/**
 * Where {@link org.nervusdb.QueryBuilder} runs the algebra it compiles: on the query engine
 * ({@link QueryEngine}). The JavaScript and WebAssembly builds replace this class (nervusdb-js:
 * {@code JsBuilderQueries}) by one that runs it on {@link ChainEvaluator}, so that their storage
 * core carries the builder without the query engine, the SPARQL parser and SPARQL's functions.
 */
public final class BuilderQueries {
    /** Tests set this to run the builder on {@link ChainEvaluator} here too. */
    static volatile boolean chainEvaluator;

    private BuilderQueries() {
    }

    /** Runs {@code query} on a NervusDB store or snapshot; other readers are refused. */
    public static QueryResult run(TripleReader source, Query query, QueryOptions options) {
        if (chainEvaluator) {
            return ChainEvaluator.run(source, query, options);
        }
        if (source instanceof TripleStore) {
            return QueryEngine.run((TripleStore) source, query, options);
        }
        if (source instanceof TripleStore.StoreSnapshot) {
            return QueryEngine.run((TripleStore.StoreSnapshot) source, query, options);
        }
        throw new UnsupportedOperationException("traversal, conditions and ordering need a NervusDB store or snapshot");
    }
}
