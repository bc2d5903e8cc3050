package org.nervusdb.cli;

/** Where the terms of the statement last read are in its input, for errors that name them. */
interface Positions {
    /** Positions of a format that tells none (a JSON-LD document is read whole). */
    Positions UNKNOWN = new Positions() {
        @Override
        public long line(int term) {
            return 0;
        }

        @Override
        public long column(int term) {
            return 0;
        }
    };

    /** The line (from 1) of term {@code term} (0 subject, 1 predicate, 2 object, 3 graph); 0 if unknown. */
    long line(int term);

    /** The column (from 1, in characters) where term {@code term} begins; 0 if unknown. */
    long column(int term);
}
