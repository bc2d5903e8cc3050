package org.nervusdb;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

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
 * Terms are stored terms, as {@code NervusDB.add(String, String, String)} takes them (IRIs
 * without angle brackets, literals in N-Triples syntax); blank nodes a CONSTRUCT template makes
 * have labels that no stored term has. Close it to release the snapshot it reads from.
 *
 * <p>A result is also the {@link Iterable} of its rows, read once:
 * <pre>{@code
 * try (QueryResult r = db.sparql("SELECT ?o WHERE { <alice> <knows> ?o }")) {
 *     for (String[] row : r) { ... }
 * }
 * }</pre>
 */
public interface QueryResult extends AutoCloseable, Iterable<@Nullable String[]> {

    enum Kind { SELECT, ASK, GRAPH }

    Kind kind();

    /**
     * The projected variables, without '?', for SELECT; empty for ASK; subject, predicate and
     * object for GRAPH.
     */
    List<String> variables();

    boolean hasNext();

    /** The next row; an entry is null where its variable is unbound (SELECT only). */
    @Nullable String[] next();

    /**
     * The rows not read yet, as an iterator over this result (not a copy): iterating reads the
     * result, so it can be iterated once. The result must still be closed.
     */
    @Override
    default Iterator<@Nullable String[]> iterator() {
        return new Iterator<@Nullable String[]>() {
            @Override
            public boolean hasNext() {
                return QueryResult.this.hasNext();
            }

            @Override
            public @Nullable String[] next() {
                if (!QueryResult.this.hasNext()) {
                    throw new NoSuchElementException();
                }
                return QueryResult.this.next();
            }
        };
    }

    /** Whether the result ended early at {@link QueryOptions#maxRows}: more rows (or triples) existed. */
    default boolean truncated() {
        return false;
    }

    /** The answer of an ASK query. */
    boolean askAnswer();

    @Override
    void close();
}
