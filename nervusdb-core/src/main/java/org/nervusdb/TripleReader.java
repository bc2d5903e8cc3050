package org.nervusdb;

/** Read operations shared by a database and its snapshots. {@code null} terms are wildcards. */
public interface TripleReader {

    /** Triples matching the pattern, lazily, in index order. */
    TripleCursor find(String subject, String predicate, String object);

    /** Whether a triple matching the pattern exists. */
    boolean contains(String subject, String predicate, String object);

    /** Number of triples matching the pattern. */
    long count(String subject, String predicate, String object);

    /** A fluent query over this reader. */
    default QueryBuilder query() {
        return new QueryBuilder(this);
    }
}
