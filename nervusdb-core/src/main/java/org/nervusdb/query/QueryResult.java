package org.nervusdb.query;

import java.util.List;

/**
 * The answer to a query, read lazily with {@link #hasNext()} and {@link #next()}:
 * <ul>
 * <li>SELECT ({@link Kind#SELECT}): rows of terms in the order of {@link #variables()}; a
 * {@code null} entry is an unbound variable;</li>
 * <li>ASK ({@link Kind#ASK}): {@link #askAnswer()}, and no rows;</li>
 * <li>CONSTRUCT and DESCRIBE ({@link Kind#GRAPH}): the triples of the answer graph, each row
 * {@code {subject, predicate, object}} (never null entries), each triple once. {@link #variables()}
 * is then {@code [subject, predicate, object]}, so that code written for SELECT reads a graph as
 * a table of three columns.</li>
 * </ul>
 * Terms are stored terms, read as RDF terms by {@link org.nervusdb.rdf.RdfTerms}; blank nodes a
 * CONSTRUCT template makes have labels that no stored term has. {@link ResultWriter} writes a
 * result in the SPARQL result formats, N-Triples or Turtle. Close it to release the snapshot it
 * reads from.
 */
public interface QueryResult extends AutoCloseable {

    enum Kind { SELECT, ASK, GRAPH }

    Kind kind();

    /**
     * The projected variables, without '?', for SELECT; empty for ASK; subject, predicate and
     * object for GRAPH.
     */
    List<String> variables();

    boolean hasNext();

    String[] next();

    /** Whether the result ended early at {@link QueryOptions#maxRows}: more rows (or triples) existed. */
    default boolean truncated() {
        return false;
    }

    /** The answer of an ASK query. */
    boolean askAnswer();

    @Override
    void close();
}
