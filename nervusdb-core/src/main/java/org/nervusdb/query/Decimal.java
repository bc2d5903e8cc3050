package org.nervusdb.query;

/**
 * xsd:integer and xsd:decimal values for SPARQL expressions: a 64-bit unscaled value and a
 * decimal scale (value = unscaled / 10^scale), up to 18 fractional digits. This covers numbers
 * of up to 18 significant digits exactly; a result beyond that is an evaluation error
 * ({@link ExprEval.ExprError}), never a wrong value. It replaces java.math, which would more
 * than double the size of the WebAssembly build.
 */
final class Decimal extends Number implements Comparable<Decimal> {
    private static final long serialVersionUID = 1L;
    static final int MAX_SCALE = 18;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    static final Decimal ZERO = new Decimal(0, 0);
    static final Decimal ONE = new Decimal(1, 0);

    final long unscaled;
    final int scale;

    private Decimal(long unscaled, int scale) {
        this.unscaled = unscaled;
        this.scale = scale;
    }

    static Decimal of(long v) {
        return new Decimal(v, 0);
    }

    private static ExprEval.ExprError overflow() {
        return new ExprEval.ExprError("number out of range (more than 18 significant digits)");
    }

    /** Parses an xsd:decimal or xsd:integer lexical form (optional sign, digits, optional '.'). */
    static Decimal parse(String s) {
        int i = 0;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        int scale = 0;
        boolean dot = false;
        boolean digits = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
                continue;
            }
            if (c < '0' || c > '9') {
                throw new ExprEval.ExprError("invalid number " + s);
            }
            digits = true;
            if (dot) {
                if (scale == MAX_SCALE) {
                    if (c != '0') {
                        throw overflow();
                    }
                    continue; // trailing zeros past the limit change nothing
                }
                scale++;
            }
            v = mulAdd(v, c - '0');
        }
        if (!digits) {
            throw new ExprEval.ExprError("invalid number " + s);
        }
        return new Decimal(neg ? -v : v, scale).normalize();
    }

    private static long mulAdd(long v, int d) {
        if (v > (Long.MAX_VALUE - d) / 10) {
            throw overflow();
        }
        return v * 10 + d;
    }

    /** The same value with no trailing fractional zeros. */
    Decimal normalize() {
        long u = unscaled;
        int s = scale;
        while (s > 0 && u % 10 == 0) {
            u /= 10;
            s--;
        }
        return u == unscaled ? this : new Decimal(u, s);
    }

    private static long scaleUp(long v, int by) {
        if (by == 0) {
            return v;
        }
        if (by > 18) {
            if (v == 0) {
                return 0;
            }
            throw overflow();
        }
        long r = v * POW10[by];
        if (r / POW10[by] != v) {
            throw overflow();
        }
        return r;
    }

    Decimal add(Decimal o) {
        int s = Math.max(scale, o.scale);
        long a = scaleUp(unscaled, s - scale);
        long b = scaleUp(o.unscaled, s - o.scale);
        long r;
        try {
            r = Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw overflow();
        }
        return new Decimal(r, s).normalize();
    }

    Decimal negate() {
        if (unscaled == Long.MIN_VALUE) {
            throw overflow();
        }
        return new Decimal(-unscaled, scale);
    }

    Decimal subtract(Decimal o) {
        return add(o.negate());
    }

    Decimal multiply(Decimal o) {
        long r;
        try {
            r = Math.multiplyExact(unscaled, o.unscaled);
        } catch (ArithmeticException e) {
            throw overflow();
        }
        int s = scale + o.scale;
        Decimal d = new Decimal(r, s).normalize();
        if (d.scale > MAX_SCALE) {
            throw overflow();
        }
        return d;
    }

    /**
     * The quotient, exact when it has a finite expansion within 18 fractional digits and the
     * integer range, else rounded half-to-even at the last digit that fits.
     */
    Decimal divide(Decimal o) {
        if (o.unscaled == 0) {
            throw new ExprEval.ExprError("division by zero");
        }
        // a/10^sa / (b/10^sb) = (a * 10^(sb + k)) / b / 10^(sa + k), for the largest k that fits.
        boolean neg = (unscaled < 0) != (o.unscaled < 0);
        long a = Math.abs(unscaled);
        long b = Math.abs(o.unscaled);
        if (a < 0 || b < 0) {
            throw overflow();
        }
        int exp = scale - o.scale; // result = (a / b) * 10^-exp
        long q = a / b;
        long rem = a % b;
        // Collect fractional digits while they fit.
        int frac = 0;
        while (rem != 0 && exp + frac < MAX_SCALE && q <= (Long.MAX_VALUE - 9) / 10) {
            long r10 = rem * 10;
            if (r10 / 10 != rem) {
                break;
            }
            q = q * 10 + r10 / b;
            rem = r10 % b;
            frac++;
        }
        int s = exp + frac;
        if (rem != 0) {
            // Round half to even on what is left.
            long twice = rem * 2;
            int c = twice < 0 || twice > b ? 1 : twice == b ? 0 : -1;
            if (c > 0 || (c == 0 && (q & 1) == 1)) {
                q++;
            }
        }
        while (s < 0) {
            q = scaleUp(q, 1);
            s++;
        }
        return new Decimal(neg ? -q : q, s).normalize();
    }

    int signum() {
        return Long.signum(unscaled);
    }

    Decimal abs() {
        return unscaled < 0 ? negate() : this;
    }

    /** The largest integer not above this value. */
    Decimal floor() {
        if (scale == 0) {
            return this;
        }
        long q = unscaled / POW10[scale];
        if (unscaled < 0 && unscaled % POW10[scale] != 0) {
            q--;
        }
        return new Decimal(q, 0);
    }

    Decimal ceil() {
        return negate().floor().negate();
    }

    /** SPARQL's ROUND: to the nearest integer, halves upward (towards positive infinity). */
    Decimal round() {
        return add(new Decimal(5, 1)).floor();
    }

    /** The integer part (towards zero). */
    Decimal truncate() {
        return scale == 0 ? this : new Decimal(unscaled / POW10[scale], 0);
    }

    @Override
    public int compareTo(Decimal o) {
        int s = Math.max(scale, o.scale);
        try {
            return Long.compare(scaleUp(unscaled, s - scale), scaleUp(o.unscaled, s - o.scale));
        } catch (ExprEval.ExprError e) {
            return Double.compare(doubleValue(), o.doubleValue());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decimal && compareTo((Decimal) o) == 0;
    }

    @Override
    public int hashCode() {
        Decimal n = normalize();
        return Long.hashCode(n.unscaled) * 31 + n.scale;
    }

    /** Plain notation without trailing zeros: "12.5", "-3", "0.001". */
    String toPlainString() {
        Decimal n = normalize();
        String digits = Long.toString(Math.abs(n.unscaled));
        if (n.unscaled == Long.MIN_VALUE) {
            digits = Long.toString(n.unscaled).substring(1);
        }
        StringBuilder sb = new StringBuilder();
        if (n.unscaled < 0) {
            sb.append('-');
        }
        if (n.scale == 0) {
            return sb.append(digits).toString();
        }
        while (digits.length() <= n.scale) {
            digits = "0" + digits;
        }
        int point = digits.length() - n.scale;
        return sb.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
    }

    @Override
    public String toString() {
        return toPlainString();
    }

    @Override
    public int intValue() {
        return (int) longValue();
    }

    @Override
    public long longValue() {
        return scale == 0 ? unscaled : unscaled / POW10[scale];
    }

    @Override
    public float floatValue() {
        return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
        return scale == 0 ? (double) unscaled : DoubleText.parse(toPlainString());
    }

    /** A double's value as a decimal (shortest representation); an error for NaN, infinities and huge values. */
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
        int exp = ExprEval.parseInt(s.substring(e + 1));
        if (exp >= 0) {
            return new Decimal(scaleUp(m.unscaled, exp), m.scale).normalize();
        }
        int newScale = m.scale - exp;
        if (newScale > MAX_SCALE) {
            // Keep what fits: drop the digits beyond the 18th fractional place (a tiny value).
            long u = m.unscaled;
            int drop = newScale - MAX_SCALE;
            u = drop > 18 ? 0 : u / POW10[drop];
            return new Decimal(u, MAX_SCALE).normalize();
        }
        return new Decimal(m.unscaled, newScale).normalize();
    }
}
