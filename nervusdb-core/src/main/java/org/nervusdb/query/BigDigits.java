package org.nervusdb.query;

import java.math.BigInteger;

/**
 * Integers of any size, written as decimal text ({@code "-1234"}: an optional minus sign and
 * digits without leading zeros), for the xsd:integer and xsd:decimal values that do not fit in a
 * {@code long} ({@link Decimal}). This class uses {@code java.math}; the JavaScript and
 * WebAssembly builds substitute a class of the same shape that uses the host's {@code BigInt}
 * (nervusdb-js: {@code JsBigDigits}), which spares them the compiled {@code java.math}.
 * Everything else about big numbers (signs, scales, comparison, rounding) is in {@link Decimal},
 * the same code in every runtime.
 */
public final class BigDigits {
    private BigDigits() {
    }

    /** {@code a + b}. */
    public static String add(String a, String b) {
        return new BigInteger(a).add(new BigInteger(b)).toString();
    }

    /** {@code a * b}. */
    public static String multiply(String a, String b) {
        return new BigInteger(a).multiply(new BigInteger(b)).toString();
    }

    /** {@code a / b} rounded towards zero; b is not zero. */
    public static String quotient(String a, String b) {
        return new BigInteger(a).divide(new BigInteger(b)).toString();
    }

    /** {@code a - b * quotient(a, b)}: zero or of the sign of a; b is not zero. */
    public static String remainder(String a, String b) {
        return new BigInteger(a).remainder(new BigInteger(b)).toString();
    }
}
