package org.nervusdb.cli;

/**
 * A stream of statements read from one input, in constant memory: triples, each with its graph
 * (null for the default graph; CSV and JSON Lines have no other). {@link #line} and
 * {@link #column} tell where the terms of the statement last read are.
 */
interface TripleSource extends AutoCloseable, Positions {

    /**
     * Reads the next statement into {@code spog} (four slots: subject, predicate, object as stored
     * terms, graph or null); false at the end. Throws {@link BadInputException} for a malformed
     * statement, after which {@link #skipBad} moves past it.
     */
    boolean next(String[] spog);

    /** Moves past the statement that caused the last {@link BadInputException}; false if that is impossible. */
    boolean skipBad();

    @Override
    void close();
}
