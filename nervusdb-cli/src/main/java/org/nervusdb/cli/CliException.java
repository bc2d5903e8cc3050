package org.nervusdb.cli;

/** A failure detected by the command-line tool itself; reported as {@code error: message}, exit code 1. */
class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
