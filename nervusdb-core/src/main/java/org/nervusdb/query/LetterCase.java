package org.nervusdb.query;

/**
 * Upper and lower case of strings for UCASE, LCASE and LANGMATCHES: {@link String#toUpperCase()}
 * and {@link String#toLowerCase()}. The JavaScript and WebAssembly builds substitute a class of
 * the same shape that uses the host's case mapping (nervusdb-js: {@code JsLetterCase}), which
 * spares them the case tables of the compiled Java class library; like Java's, the host's mapping
 * is the full Unicode one ("ß" upper-cases to "SS", a final sigma lower-cases to "ς").
 */
public final class LetterCase {
    private LetterCase() {
    }

    /** As {@link String#toUpperCase()}. */
    public static String upper(String s) {
        return s.toUpperCase();
    }

    /** As {@link String#toLowerCase()}. */
    public static String lower(String s) {
        return s.toLowerCase();
    }
}
