package org.nervusdb.conformance;

import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.JavaRegexEngine;
import org.nervusdb.query.QueryResult;
import org.nervusdb.query.RegexEngine;
import org.nervusdb.query.Sparql;

/**
 * The engine under test, as the harness calls it. {@link #NERVUSDB} is NervusDB's
 * {@link Sparql}; the interface exists so that the harness itself can be tested with stand-ins.
 */
interface QueryEngine {

    /** Parses a query; throws {@code QuerySyntaxException} if it is not valid SPARQL. */
    void parse(String query, String base);

    /** Runs a query against a store. */
    QueryResult execute(TripleStore store, String query, String base);

    QueryEngine NERVUSDB = new QueryEngine() {
        @Override
        public void parse(String query, String base) {
            Sparql.parse(query, base);
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
        public String toString() {
            return "org.nervusdb.query.Sparql";
        }
    };
}
