package org.nervusdb.query;

/**
 * The text of doubles, for xsd:double and xsd:float values: {@link Double#toString(double)} and
 * {@link Double#parseDouble(String)}. Everything in the query engine converts doubles to and from
 * text through this class, never with string concatenation or {@code String.valueOf}: the
 * JavaScript and WebAssembly builds substitute a class of the same shape that uses the host's
 * conversions (nervusdb-js: {@code JsDoubleText}), which spares them the conversion tables of the
 * compiled Java class library (about 20 KB of WebAssembly).
 */
public final class DoubleText {
    private DoubleText() {
    }

    /** As {@link Double#toString(double)}. */
    public static String toString(double d) {
        return Double.toString(d);
    }

    /**
     * As {@link Double#parseDouble(String)} for decimal text ({@code [+-]digits[.digits][e[+-]digits]},
     * white space around it, {@code NaN}, {@code Infinity} and a type suffix); hexadecimal
     * floating-point text is not part of the contract.
     */
    public static double parse(String s) {
        return Double.parseDouble(s);
    }
}
