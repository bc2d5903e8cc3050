package org.nervusdb.query;

/**
 * Text for a regular expression engine that reads it character by character
 * ({@code java.util.regex}): every 4,096 characters read, the query's deadline, cancellation and
 * the store's closing are checked, so a pattern that backtracks for long cannot hold the query
 * past them. The JavaScript and WebAssembly builds substitute a class that hands the string
 * itself to the host's RegExp, which reads it in one piece (nervusdb-js: {@code JsRegexText}).
 */
public final class RegexText implements CharSequence {
    private final String s;
    private final QueryLimits limits;
    private int reads;

    private RegexText(String s, QueryLimits limits) {
        this.s = s;
        this.limits = limits;
    }

    /** {@code text}, checked against {@code limits} (a QueryLimits) as it is read. */
    public static CharSequence of(String text, Object limits) {
        return new RegexText(text, (QueryLimits) limits);
    }

    @Override
    public char charAt(int i) {
        if ((++reads & 4095) == 0) {
            limits.check();
        }
        return s.charAt(i);
    }

    @Override
    public int length() {
        return s.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return s.substring(start, end);
    }

    @Override
    public String toString() {
        return s;
    }
}
