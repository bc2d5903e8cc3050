package org.nervusdb.cli;

/** Malformed input, named by file, line and column (1-based; 0 when not known). */
class BadInputException extends CliException {
    private static final long serialVersionUID = 1L;
    final String file;
    final long line;
    final long column;

    BadInputException(String file, long line, long column, String message) {
        super(file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }
}
