package org.nervusdb.cli;

/** A stream of triples read from one input, in constant memory. */
interface TripleSource extends AutoCloseable {

    /**
     * Reads the next triple into {@code spo} (stored terms); false at the end. Throws
     * {@link BadInputException} for a malformed statement, after which {@link #skipBad} moves past it.
     */
    boolean next(String[] spo);

    /** The line (from 1) where term {@code term} (0 subject, 1 predicate, 2 object) of the last triple read is. */
    long line(int term);

    /** The column (from 1, in characters) where term {@code term} of the last triple read begins. */
    long column(int term);

    /** Moves past the statement that caused the last {@link BadInputException}; false if that is impossible. */
    boolean skipBad();

    @Override
    void close();
}
