package org.nervusdb.query;

import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Query;

/** SPARQL 1.1 queries (SELECT and ASK) over a store. */
public final class Sparql {
    private Sparql() {
    }

    /**
     * Parses a query; relative IRIs resolve against {@code base} (may be null).
     *
     * @throws QuerySyntaxException naming the line and column of the first error
     */
    public static Query parse(String query, String base) {
        if (query == null) {
            throw new NullPointerException("query");
        }
        SparqlParser parser = new SparqlParser(query, base);
        try {
            return parser.parseQuery();
        } catch (StackOverflowError e) {
            // A last resort for threads with small stacks: the parser's nesting limit keeps a
            // thread stack of the usual size (1 MiB) well clear of this.
            throw parser.stackExhausted();
        }
    }

    /** Parses and runs a query on a snapshot of {@code store}. */
    public static QueryResult execute(TripleStore store, String query, String base) {
        return QueryEngine.run(store, parse(query, base), QueryOptions.defaults());
    }
}
