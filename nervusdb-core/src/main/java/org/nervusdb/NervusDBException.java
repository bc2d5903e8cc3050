package org.nervusdb;

/**
 * Root of every error NervusDB raises. Unchecked, with a stable {@link #code()} that the
 * command-line tool and the JavaScript binding expose unchanged.
 */
public class NervusDBException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public NervusDBException(String code, String message) {
        super(message);
        this.code = code;
    }

    public NervusDBException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A short stable identifier such as {@code CORRUPTION}, {@code IO} or {@code CLOSED}. */
    public String code() {
        return code;
    }
}
