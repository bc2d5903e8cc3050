package org.nervusdb.cli;

/**
 * Malformed input, named by file, line and column: {@code FILE:LINE:COLUMN: message}. Both count
 * from 1; columns count characters (Unicode code points), not bytes.
 */
class BadInputException extends CliException {
    private static final long serialVersionUID = 1L;
    final String file;
    final long line;
    final long column;

    BadInputException(String file, long line, long column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }
}
