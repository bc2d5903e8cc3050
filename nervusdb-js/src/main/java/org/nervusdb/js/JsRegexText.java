package org.nervusdb.js;

import org.nervusdb.query.QueryLimits;

/**
 * Stands in for {@code org.nervusdb.query.RegexText} in the JavaScript and WebAssembly builds
 * ({@link Substitutions}): the host's RegExp takes the string whole and cannot be checked between
 * characters, so the query's time left is handed to {@link JsRegexEngine} for the match that
 * follows (where the host can stop a match at a time limit, Node does). Nothing refers to this
 * class by name.
 */
public final class JsRegexText {
    private JsRegexText() {
    }

    public static CharSequence of(String text, Object limits) {
        JsRegexEngine.millisLeft = ((QueryLimits) limits).millisLeft();
        return text;
    }
}
