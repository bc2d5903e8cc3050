package org.nervusdb.js;

import org.teavm.jso.JSBody;

/**
 * Stands in for {@code org.nervusdb.query.DoubleText} in the JavaScript and WebAssembly builds
 * ({@link Substitutions} tells the compiler): the text of doubles from the host's number
 * conversions, formatted as {@link Double#toString(double)} formats it, instead of the compiled
 * Java class library's conversion tables. Nothing refers to this class by name.
 */
public final class JsDoubleText {
    private JsDoubleText() {
    }

    /** The shortest digits that identify {@code d}, as "-d.ddde+n" (finite, non-zero d). */
    @JSBody(params = "d", script = "return d.toExponential();")
    private static native String exponential(double d);

    /** {@code d} rounded to two significant digits, as "-d.de+n". */
    @JSBody(params = "d", script = "return d.toExponential(1);")
    private static native String exponential2(double d);

    @JSBody(params = "s", script = "return Number(s);")
    private static native double number(String s);

    /** As {@link Double#toString(double)}. */
    public static String toString(double d) {
        if (d != d) {
            return "NaN";
        }
        if (d == Double.POSITIVE_INFINITY) {
            return "Infinity";
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        String shortest = exponential(d);
        if (shortest.indexOf('.') < 0) {
            // One digit is enough: like Java, take the closest decimal of one or two digits that
            // still reads back as d (Double.MIN_VALUE is "4.9E-324", not "5.0E-324").
            String two = exponential2(d);
            if (number(two) == d) {
                return format(two);
            }
        }
        return format(shortest);
    }

    /**
     * Java's form of a number given in JavaScript's exponential form ("-1.2345e+3", trailing
     * zeros allowed): plain for
     * 1e-3 <= |d| < 1e7 ("-1234.5"), else computerized scientific notation ("1.0E-5"), always
     * with a digit after the point.
     */
    static String format(String exponential) {
        int e = exponential.indexOf('e');
        boolean negative = exponential.charAt(0) == '-';
        StringBuilder digits = new StringBuilder();
        for (int i = negative ? 1 : 0; i < e; i++) {
            char c = exponential.charAt(i);
            if (c != '.') {
                digits.append(c);
            }
        }
        int exp = 0;
        for (int i = e + 2; i < exponential.length(); i++) {
            exp = exp * 10 + (exponential.charAt(i) - '0');
        }
        if (exponential.charAt(e + 1) == '-') {
            exp = -exp;
        }
        int n = digits.length();
        while (n > 1 && digits.charAt(n - 1) == '0') {
            n--;
        }
        digits.setLength(n);
        StringBuilder sb = new StringBuilder(n + 8);
        if (negative) {
            sb.append('-');
        }
        if (exp < -3 || exp >= 7) {
            sb.append(digits.charAt(0)).append('.');
            if (n == 1) {
                sb.append('0');
            } else {
                sb.append(digits, 1, n);
            }
            return sb.append('E').append(exp).toString();
        }
        if (exp < 0) {
            sb.append("0.");
            for (int i = -1; i > exp; i--) {
                sb.append('0');
            }
            return sb.append(digits).toString();
        }
        if (n <= exp + 1) {
            sb.append(digits);
            for (int i = n; i <= exp; i++) {
                sb.append('0');
            }
            return sb.append(".0").toString();
        }
        return sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, n).toString();
    }

    /**
     * As {@link Double#parseDouble(String)} for decimal text: the syntax is checked here, the
     * (correctly rounded) value comes from the host.
     */
    public static double parse(String s) {
        String t = s.trim();
        int i = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
        if (t.startsWith("NaN", i) && t.length() == i + 3) {
            return Double.NaN;
        }
        if (t.startsWith("Infinity", i) && t.length() == i + 8) {
            return i == 1 && t.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return number(decimal(t));
    }

    /**
     * {@code t} without its type suffix if it is decimal floating-point text as Java reads it:
     * {@code [+-]} digits with an optional point (at least one digit), an optional exponent
     * {@code [eE][+-]digits}, an optional suffix {@code [fFdD]}; else NumberFormatException.
     */
    static String decimal(String t) {
        int n = t.length();
        if (n > 0) {
            char last = t.charAt(n - 1);
            if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
                n--;
            }
        }
        int p = n > 0 && (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
        int digits = 0;
        while (p < n && isDigit(t.charAt(p))) {
            p++;
            digits++;
        }
        if (p < n && t.charAt(p) == '.') {
            p++;
            while (p < n && isDigit(t.charAt(p))) {
                p++;
                digits++;
            }
        }
        boolean valid = digits > 0;
        if (valid && p < n && (t.charAt(p) == 'e' || t.charAt(p) == 'E')) {
            p++;
            if (p < n && (t.charAt(p) == '+' || t.charAt(p) == '-')) {
                p++;
            }
            int start = p;
            while (p < n && isDigit(t.charAt(p))) {
                p++;
            }
            valid = p > start;
        }
        if (!valid || p != n) {
            throw new NumberFormatException("For input string: \"" + t + "\"");
        }
        return t.substring(0, n);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
