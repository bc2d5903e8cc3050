package org.nervusdb.js;

import org.nervusdb.TripleReader;
import org.nervusdb.query.ChainEvaluator;
import org.nervusdb.query.QueryOptions;
import org.nervusdb.query.QueryResult;
import org.nervusdb.query.algebra.Query;

/**
 * Stands in for {@code org.nervusdb.query.BuilderQueries} in the JavaScript and WebAssembly
 * builds ({@link Substitutions}): the query builder runs on {@link ChainEvaluator}, so that the
 * storage core module carries the builder without the query engine, the SPARQL parser and
 * SPARQL's functions, which only the SPARQL module has. Both modules run the builder this way,
 * so a builder query gives the same answer before and after a database moves to the SPARQL
 * module. Nothing refers to this class by name.
 */
public final class JsBuilderQueries {
    private JsBuilderQueries() {
    }

    public static QueryResult run(TripleReader source, Query query, QueryOptions options) {
        return ChainEvaluator.run(source, query, options);
    }
}
