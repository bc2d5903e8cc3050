package org.nervusdb.query;

/**
 * xsd:integer and xsd:decimal values for SPARQL expressions, of any size and precision, as
 * SPARQL requires: value = unscaled / 10^scale, scale &gt;= 0.
 *
 * <p>Values of up to 18 digits keep their unscaled value in a {@code long} and are computed
 * with {@code long} arithmetic; larger ones keep it as decimal text and are computed through
 * {@link BigDigits} ({@code java.math} on the JVM, the host's {@code BigInt} in the JavaScript
 * and WebAssembly builds). Addition, subtraction and multiplication are exact; so is division
 * when the quotient has a finite decimal expansion, otherwise it is rounded half to even at
 * {@link #DIVIDE_SCALE} fractional digits (as Apache Jena does). A value of more than
 * {@link #MAX_DIGITS} digits, or with more fractional digits than that, is an evaluation error
 * ({@link ExprEval.ExprError}), never a wrong value.
 *
 * <p>Invariants, which make equal values equal objects field by field:
 * <ol>
 * <li>normalized: {@code scale == 0}, or the last digit of the unscaled value is not 0;</li>
 * <li>{@code big == null} exactly when |unscaled| &lt; 10^18; otherwise {@code unscaled} is 0
 * and {@code big} holds the unscaled value as an optional '-' and digits, without leading
 * zeros.</li>
 * </ol>
 * Immutable.
 */
final class Decimal extends Number implements Comparable<Decimal> {
    private static final long serialVersionUID = 1L;
    /** The most digits a value's unscaled form, or its scale, may have. */
    static final int MAX_DIGITS = 10_000;
    /** The fractional digits of a quotient that has no finite decimal expansion. */
    static final int DIVIDE_SCALE = 24;
    private static final long SMALL = 1_000_000_000_000_000_000L;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    static final Decimal ZERO = new Decimal(0, null, 0);
    static final Decimal ONE = new Decimal(1, null, 0);
    private static final Decimal HALF = new Decimal(5, null, 1);

    final long unscaled;
    final String big;
    final int scale;

    private Decimal(long unscaled, String big, int scale) {
        this.unscaled = unscaled;
        this.big = big;
        this.scale = scale;
    }

    static Decimal of(long v) {
        return of(v, 0);
    }

    /** v / 10^scale, normalized. */
    private static Decimal of(long v, int scale) {
        while (scale > 0 && v % 10 == 0) {
            v /= 10;
            scale--;
        }
        if (v <= -SMALL || v >= SMALL) {
            return of(Long.toString(v), scale);
        }
        if (scale > MAX_DIGITS) {
            throw tooLarge();
        }
        return new Decimal(v, null, scale);
    }

    /** v / 10^scale, normalized; v is an optional '-' and digits (leading zeros allowed); scale may be negative. */
    private static Decimal of(String v, int scale) {
        if (scale < 0) {
            v = shift(v, -scale);
            scale = 0;
        }
        boolean neg = v.charAt(0) == '-';
        int start = neg ? 1 : 0;
        while (start < v.length() - 1 && v.charAt(start) == '0') {
            start++;
        }
        int end = v.length();
        while (scale > 0 && end > start + 1 && v.charAt(end - 1) == '0') {
            end--;
            scale--;
        }
        if (end - start == 1 && v.charAt(start) == '0') {
            return ZERO;
        }
        if (end - start > MAX_DIGITS || scale > MAX_DIGITS) {
            throw tooLarge();
        }
        if (end - start <= 18) {
            long x = 0;
            for (int i = start; i < end; i++) {
                x = x * 10 + (v.charAt(i) - '0');
            }
            return of(neg ? -x : x, scale);
        }
        return new Decimal(0, (neg ? "-" : "") + v.substring(start, end), scale);
    }

    private static ExprEval.ExprError tooLarge() {
        return new ExprEval.ExprError("number out of range (more than " + MAX_DIGITS + " digits)");
    }

    /** The integer v (decimal text) times 10^k. */
    private static String shift(String v, int k) {
        if (k == 0 || v.equals("0")) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length() + k).append(v);
        for (int i = 0; i < k; i++) {
            sb.append('0');
        }
        return sb.toString();
    }

    /** The unscaled value as decimal text. */
    private String digits() {
        return big != null ? big : Long.toString(unscaled);
    }

    /** Parses an xsd:decimal or xsd:integer lexical form (optional sign, digits, optional '.'). */
    static Decimal parse(String s) {
        int n = s.length();
        int i = 0;
        StringBuilder digits = new StringBuilder(n + 1);
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            if (s.charAt(i) == '-') {
                digits.append('-');
            }
            i++;
        }
        int scale = 0;
        boolean dot = false;
        boolean any = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
                continue;
            }
            if (c < '0' || c > '9') {
                throw new ExprEval.ExprError("invalid number " + s);
            }
            any = true;
            if (dot) {
                scale++;
            }
            digits.append(c);
        }
        if (!any) {
            throw new ExprEval.ExprError("invalid number " + s);
        }
        return of(digits.toString(), scale);
    }

    Decimal add(Decimal o) {
        int s = Math.max(scale, o.scale);
        if (big == null && o.big == null && s - Math.min(scale, o.scale) <= 18) {
            try {
                return of(Math.addExact(Math.multiplyExact(unscaled, POW10[s - scale]),
                        Math.multiplyExact(o.unscaled, POW10[s - o.scale])), s);
            } catch (ArithmeticException e) {
                // beyond a long: below
            }
        }
        return of(BigDigits.add(shift(digits(), s - scale), shift(o.digits(), s - o.scale)), s);
    }

    Decimal negate() {
        if (big == null) {
            return of(-unscaled, scale);
        }
        return new Decimal(0, big.charAt(0) == '-' ? big.substring(1) : "-" + big, scale);
    }

    Decimal subtract(Decimal o) {
        return add(o.negate());
    }

    Decimal multiply(Decimal o) {
        int s = scale + o.scale;
        if (big == null && o.big == null) {
            try {
                return of(Math.multiplyExact(unscaled, o.unscaled), s);
            } catch (ArithmeticException e) {
                // beyond a long: below
            }
        }
        return of(BigDigits.multiply(digits(), o.digits()), s);
    }

    /**
     * The quotient: exact when it has a finite decimal expansion, else rounded half to even at
     * {@link #DIVIDE_SCALE} fractional digits.
     */
    Decimal divide(Decimal o) {
        if (o.signum() == 0) {
            throw new ExprEval.ExprError("division by zero");
        }
        String a = digits();
        String b = o.digits();
        // The expansion is finite exactly when b / gcd(a, b) has no prime factors but 2 and 5,
        // and then a * 10^k is a multiple of b for every k at least log2(|b|).
        int k = 4 * (b.length() - (o.signum() < 0 ? 1 : 0)) + 1;
        String n = shift(a, k);
        if (BigDigits.remainder(n, b).equals("0")) {
            return of(BigDigits.quotient(n, b), scale - o.scale + k);
        }
        int e = DIVIDE_SCALE - scale + o.scale;
        String num = e >= 0 ? shift(a, e) : a;
        String den = e >= 0 ? b : shift(b, -e);
        String q = BigDigits.quotient(num, den);
        String r = BigDigits.remainder(num, den);
        String twice = BigDigits.add(r, r);
        int c = compareIntegers(abs(twice), abs(den));
        if (c > 0 || (c == 0 && (q.charAt(q.length() - 1) - '0') % 2 == 1)) {
            q = BigDigits.add(q, (signum() < 0) != (o.signum() < 0) ? "-1" : "1");
        }
        return of(q, DIVIDE_SCALE);
    }

    private static String abs(String v) {
        return v.charAt(0) == '-' ? v.substring(1) : v;
    }

    /** Compares two integers given as decimal text without leading zeros. */
    private static int compareIntegers(String x, String y) {
        boolean nx = x.charAt(0) == '-';
        boolean ny = y.charAt(0) == '-';
        if (nx != ny) {
            return nx ? -1 : 1;
        }
        int c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
        return nx ? -c : c;
    }

    int signum() {
        return big == null ? Long.signum(unscaled) : big.charAt(0) == '-' ? -1 : 1;
    }

    Decimal abs() {
        return signum() < 0 ? negate() : this;
    }

    /** The integer part (towards zero). */
    Decimal truncate() {
        if (scale == 0) {
            return this;
        }
        if (big == null) {
            return scale > 18 ? ZERO : of(unscaled / POW10[scale], 0);
        }
        int end = big.length() - scale;
        return end <= (signum() < 0 ? 1 : 0) ? ZERO : of(big.substring(0, end), 0);
    }

    /** The largest integer not above this value. */
    Decimal floor() {
        // Normalized: a scale above 0 means a fractional part that is not zero.
        return scale == 0 || signum() > 0 ? truncate() : truncate().subtract(ONE);
    }

    Decimal ceil() {
        return negate().floor().negate();
    }

    /** SPARQL's ROUND: to the nearest integer, halves upward (towards positive infinity). */
    Decimal round() {
        return add(HALF).floor();
    }

    @Override
    public int compareTo(Decimal o) {
        if (big == null && o.big == null) {
            if (scale == o.scale) {
                return Long.compare(unscaled, o.unscaled);
            }
            int s = Math.max(scale, o.scale);
            if (s - Math.min(scale, o.scale) <= 18) {
                try {
                    return Long.compare(Math.multiplyExact(unscaled, POW10[s - scale]),
                            Math.multiplyExact(o.unscaled, POW10[s - o.scale]));
                } catch (ArithmeticException e) {
                    // beyond a long: below
                }
            }
        }
        int sa = signum();
        int sb = o.signum();
        if (sa != sb) {
            return Integer.compare(sa, sb);
        }
        int s = Math.max(scale, o.scale);
        return compareIntegers(shift(digits(), s - scale), shift(o.digits(), s - o.scale));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decimal && compareTo((Decimal) o) == 0;
    }

    @Override
    public int hashCode() {
        return (big == null ? Long.hashCode(unscaled) : big.hashCode()) * 31 + scale;
    }

    /** Plain notation without trailing zeros: "12.5", "-3", "0.001". */
    String toPlainString() {
        String d = digits();
        if (scale == 0) {
            return d;
        }
        boolean neg = d.charAt(0) == '-';
        StringBuilder sb = new StringBuilder(d.length() + scale + 3);
        if (neg) {
            sb.append('-');
        }
        int len = d.length() - (neg ? 1 : 0);
        if (len <= scale) {
            sb.append("0.");
            for (int i = len; i < scale; i++) {
                sb.append('0');
            }
            return sb.append(d, neg ? 1 : 0, d.length()).toString();
        }
        int point = d.length() - scale;
        return sb.append(d, neg ? 1 : 0, point).append('.').append(d, point, d.length()).toString();
    }

    @Override
    public String toString() {
        return toPlainString();
    }

    /** The value as an int, towards zero, limited to the int range. */
    @Override
    public int intValue() {
        long v = longValue();
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : v < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) v;
    }

    /** The value as a long, towards zero, limited to the long range. */
    @Override
    public long longValue() {
        Decimal t = truncate();
        if (t.big == null) {
            return t.unscaled;
        }
        if (t.big.length() <= 20) {
            try {
                return Long.parseLong(t.big);
            } catch (NumberFormatException e) {
                // beyond the long range: below
            }
        }
        return t.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    @Override
    public float floatValue() {
        return (float) doubleValue();
    }

    /** The nearest double (correctly rounded; infinite beyond the double range). */
    @Override
    public double doubleValue() {
        return big == null && scale == 0 ? (double) unscaled : DoubleText.parse(toPlainString());
    }

    /** A double's value as a decimal (its shortest decimal representation); an error for NaN and infinities. */
    static Decimal ofDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ExprEval.ExprError("not a finite number: " + DoubleText.toString(d));
        }
        String s = DoubleText.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return parse(s);
        }
        Decimal m = parse(s.substring(0, e));
        return of(m.digits(), m.scale - ExprEval.parseInt(s.substring(e + 1)));
    }
}
