package org.nervusdb.cli;

/** A stream of triples read from one input, in constant memory. */
interface TripleSource extends AutoCloseable {

    /**
     * Reads the next triple into {@code spo} (stored terms); false at the end. Throws
     * {@link BadInputException} for a malformed statement, after which {@link #skipBad} moves past it.
     */
    boolean next(String[] spo);

    /** The line of the statement last read (1-based). */
    long line();

    /** Moves past the statement that caused the last {@link BadInputException}; false if that is impossible. */
    boolean skipBad();

    @Override
    void close();
}
