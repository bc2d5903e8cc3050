package org.nervusdb.bench.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One store under test in the side-by-side suite. The suite times the calls; an adapter does the
 * least work its store needs to do what the call says, through the store's public API, and
 * consumes every result (iterates every match and solution and reads the text of every term in
 * it) so that stores which resolve terms lazily do that work too.
 *
 * <p>Terms are NervusDB's stored spelling of RDF terms: an IRI is the IRI itself (absolute, no
 * angle brackets), a literal is its N-Triples spelling ({@code "5"^^<http://www.w3.org/2001/XMLSchema#integer>},
 * {@code "hi"@en}, {@code "plain"}), a blank node is {@code _:label}. A null term in a pattern
 * matches anything. Queries are SPARQL 1.1 SELECT (or ASK) text with absolute IRIs.
 *
 * <p>Lifecycle: {@link #open} a directory (new or holding this store's files), any number of
 * calls, {@link #close}; the suite may open the same directory again (cold open).
 */
public interface Store extends AutoCloseable {
    /** A short name for reports, such as {@code "Jena TDB2"}. */
    String name();

    /** The version of the store's library, such as {@code "5.6.0"}. */
    String version();

    /** The settings that matter for comparing it (durability, load path, indexes), for reports. */
    String notes();

    /** Opens (creating if needed) the store whose files are in {@code dir}. */
    void open(Path dir) throws Exception;

    /**
     * Loads an N-Triples file (absolute IRIs, UTF-8) into the open store, empty before, with the
     * store's fastest loading path for large files; returns when the data is durable.
     */
    void bulkLoad(Path ntriples) throws Exception;

    /** Adds one triple in a transaction of its own, durable (synced) when this returns. */
    void addDurable(String s, String p, String o) throws Exception;

    /** Adds the triples ({@code triples[i] = {s, p, o}}) in one transaction, durable when this returns. */
    void addBatch(String[][] triples) throws Exception;

    /** Removes the triples in one transaction, durable when this returns (absent ones are ignored). */
    void deleteBatch(String[][] triples) throws Exception;

    /** The number of stored triples matching the pattern, counted by iterating them and reading their terms' text. */
    long match(String s, String p, String o) throws Exception;

    /**
     * The number of solutions of a SPARQL SELECT query, counted by iterating them and reading their
     * bound terms' text; for an ASK query, 1 if the answer is true and 0 if it is false.
     */
    long select(String sparql) throws Exception;

    /**
     * The solutions of a SPARQL SELECT query as text, to compare the answers of stores (not timed):
     * one line per solution, {@link #row} of its bound variables, the lines sorted; for an ASK
     * query the one line {@code true} or {@code false}.
     */
    List<String> rows(String sparql) throws Exception;

    /**
     * One solution as a line of text: {@code ?name=term} for each bound variable in the order of
     * their names, separated by tabs, terms in the stored spelling (unbound variables left out).
     */
    static String row(SortedMap<String, String> bindings) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> b : bindings.entrySet()) {
            if (sb.length() > 0) {
                sb.append('\t');
            }
            sb.append('?').append(b.getKey()).append('=').append(b.getValue());
        }
        return sb.toString();
    }

    /**
     * Whether the store keeps its data in memory only (nothing on disk, nothing left after close):
     * the suite runs only the query workloads on such a store, not the ones about files and commits.
     */
    default boolean inMemory() {
        return false;
    }

    /**
     * The characters of term text {@link #match} and {@link #select} have read since open (an IRI
     * counts its length; other terms as the store spells them), so tests can check that they read it.
     */
    long charsRead();

    /** The number of triples in the store (its own count, however it keeps it). */
    long size() throws Exception;

    /** Closes the store; its files stay. Idempotent. */
    @Override
    void close() throws Exception;
}
