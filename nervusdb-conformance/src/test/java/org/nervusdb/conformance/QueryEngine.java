package org.nervusdb.conformance;

import java.io.IOException;

import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.JavaRegexEngine;
import org.nervusdb.query.RegexEngine;
import org.nervusdb.query.ResultWriter;
import org.nervusdb.query.Sparql;
import org.nervusdb.query.UpdateEngine;

/**
 * The engine under test, as the harness calls it. {@link #NERVUSDB} is NervusDB's
 * {@link Sparql}; the interface exists so that the harness itself can be tested with stand-ins.
 */
interface QueryEngine {

    /** Parses a query; throws {@code QuerySyntaxException} if it is not valid SPARQL. */
    void parse(String query, String base);

    /** Parses an update request; throws {@code QuerySyntaxException} if it is not valid SPARQL Update. */
    void parseUpdate(String update, String base);

    /**
     * Writes a result, read to its end, as a document: {@code format} is JSON, XML, CSV, TSV,
     * NTRIPLES or TURTLE.
     */
    String write(QueryResult result, String format) throws IOException;

    /** Runs a query against a store. */
    QueryResult execute(TripleStore store, String query, String base);

    /** Runs an update request against a store; LOAD reads its documents with {@code loader}. */
    void update(TripleStore store, String request, String base, UpdateEngine.Loader loader);

    QueryEngine NERVUSDB = new QueryEngine() {
        @Override
        public void parse(String query, String base) {
            Sparql.parse(query, base);
        }

        @Override
        public void parseUpdate(String update, String base) {
            Sparql.parseUpdate(update, base);
        }

        @Override
        public String write(QueryResult result, String format) throws IOException {
            StringBuilder sb = new StringBuilder();
            ResultWriter.write(result, ResultWriter.Format.valueOf(format), sb, null);
            return sb.toString();
        }

        @Override
        public QueryResult execute(TripleStore store, String query, String base) {
            // The JVM library installs this on first use of NervusDB; the harness uses the core directly.
            if (RegexEngine.installed() == null) {
                RegexEngine.install(new JavaRegexEngine());
            }
            return Sparql.execute(store, query, base);
        }

        @Override
        public void update(TripleStore store, String request, String base, UpdateEngine.Loader loader) {
            if (RegexEngine.installed() == null) {
                RegexEngine.install(new JavaRegexEngine());
            }
            Sparql.update(store, request, base, QueryOptions.defaults(), loader);
        }

        @Override
        public String toString() {
            return "org.nervusdb.query.Sparql";
        }
    };
}
