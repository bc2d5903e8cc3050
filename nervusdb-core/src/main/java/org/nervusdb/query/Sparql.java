package org.nervusdb.query;

import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import org.nervusdb.QuerySyntaxException;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Query;
import org.nervusdb.query.algebra.Update;

/** SPARQL 1.1 queries (SELECT, ASK, CONSTRUCT, DESCRIBE) over a store, and SPARQL 1.1 Update requests parsed. */
public final class Sparql {
    private Sparql() {
    }

    /**
     * Parses a query; relative IRIs resolve against {@code base} (may be null). An update
     * request is not a query: it is refused, with a message that names {@link #parseUpdate}.
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

    /**
     * Parses a SPARQL 1.1 Update request: operations separated by ';' (INSERT DATA, DELETE DATA,
     * DELETE WHERE, DELETE/INSERT ... WHERE with WITH and USING, LOAD, CLEAR, DROP, CREATE, ADD,
     * MOVE, COPY), with PREFIX and BASE before any of them. Relative IRIs resolve against
     * {@code base} (may be null) or the BASE in effect. The request is only parsed: see
     * {@link Update} for what its operations mean.
     *
     * @throws QuerySyntaxException naming the line and column of the first error, also for a
     *         query (SELECT, ASK, CONSTRUCT, DESCRIBE) given here
     */
    public static Update parseUpdate(String update, String base) {
        if (update == null) {
            throw new NullPointerException("update");
        }
        SparqlParser parser = new SparqlParser(update, base);
        try {
            return parser.parseUpdate();
        } catch (StackOverflowError e) {
            throw parser.stackExhausted();
        }
    }

    /**
     * Whether {@code text} is a SPARQL Update request (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP,
     * COPY, MOVE, ADD or WITH after its prologue, or an empty request) rather than a query.
     */
    public static boolean isUpdate(String text) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        return new SparqlParser(text, null).isUpdate();
    }

    /**
     * Parses and runs an update request on {@code store} as one atomic commit (see
     * {@link UpdateEngine}); returns how many quads it added that were absent plus how many it
     * removed that were present.
     */
    public static long update(TripleStore store, String request, String base, QueryOptions options, UpdateEngine.Loader loader) {
        return UpdateEngine.run(store, parseUpdate(request, base), options, loader);
    }

    /** Parses and runs a query on a snapshot of {@code store}. */
    public static QueryResult execute(TripleStore store, String query, String base) {
        return QueryEngine.run(store, parse(query, base), QueryOptions.defaults());
    }
}
