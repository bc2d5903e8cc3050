package org.nervusdb.js;

import org.teavm.jso.JSBody;

/**
 * Stands in for {@code org.nervusdb.query.LetterCase} in the JavaScript and WebAssembly builds
 * ({@link Substitutions} tells the compiler): the host's full Unicode case mapping instead of the
 * compiled Java class library's tables. Nothing refers to this class by name.
 */
public final class JsLetterCase {
    private JsLetterCase() {
    }

    /** As {@link String#toUpperCase()}. */
    @JSBody(params = "s", script = "return s.toUpperCase();")
    public static native String upper(String s);

    /** As {@link String#toLowerCase()}. */
    @JSBody(params = "s", script = "return s.toLowerCase();")
    public static native String lower(String s);
}
