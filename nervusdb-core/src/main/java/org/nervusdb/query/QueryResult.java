package org.nervusdb.query;

import java.util.List;

/**
 * The answer to a query: for SELECT, rows of terms in the order of {@link #variables()}, read
 * lazily with {@link #hasNext()} and {@link #next()} (a {@code null} entry is an unbound
 * variable); for ASK, {@link #askAnswer()}. Terms are stored terms, read as RDF terms by
 * {@link org.nervusdb.rdf.RdfTerms}. Close it to release the snapshot it reads from.
 */
public interface QueryResult extends AutoCloseable {

    enum Kind { SELECT, ASK }

    Kind kind();

    /** The projected variables, without '?', for SELECT; empty for ASK. */
    List<String> variables();

    boolean hasNext();

    String[] next();

    /** Whether the result ended early at {@link QueryOptions#maxRows}: more rows existed. */
    default boolean truncated() {
        return false;
    }

    /** The answer of an ASK query. */
    boolean askAnswer();

    @Override
    void close();
}
