package org.nervusdb.rdf;

/**
 * Receives the statements a parser reads, as stored terms (see {@link RdfTerms}): IRIs as the
 * IRI itself, literals in their canonical N-Triples spelling, blank nodes as {@code _:label}.
 */
@FunctionalInterface
public interface RdfSink {
    /**
     * One statement.
     *
     * @param graph the graph term of an N-Quads line or of a TriG block, or null for the default
     *              graph (always null for N-Triples and Turtle)
     */
    void statement(String subject, String predicate, String object, String graph);
}
