package org.nervusdb;

import org.nervusdb.engine.PropertyValues;
import org.jspecify.annotations.Nullable;

/**
 * A condition on one property's value, answered from the property's secondary index: equality
 * with any value, or a range over numbers or over strings. Numbers compare by value, integers
 * and floats alike ({@code 1} equals {@code 1.0}) and exactly (an integer beyond 2^53 is not
 * equal to its nearest float); strings compare by Unicode code point; lists and maps are equal
 * when their items are (maps whatever their order). A range matches values of its bounds' kind
 * only: a numeric range never matches a string, and the reverse.
 *
 * <p>The bounds are kept in the stored encoding of {@link PropertyValues}, which is how the index
 * compares them.
 */
public final class PropertyCondition {
    private final byte[] low;
    private final boolean lowInclusive;
    private final byte[] high;
    private final boolean highInclusive;
    private final boolean equality;

    private PropertyCondition(byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive, boolean equality) {
        this.low = low;
        this.lowInclusive = lowInclusive;
        this.high = high;
        this.highInclusive = highInclusive;
        this.equality = equality;
    }

    /** The value equals {@code value} (any value of the model, lists and maps included). */
    public static PropertyCondition eq(Object value) {
        byte[] v = PropertyValues.encode(value, "value");
        return new PropertyCondition(v, true, v, true, true);
    }

    /** The value is greater than {@code bound} (a number or a string). */
    public static PropertyCondition gt(Object bound) {
        return range(bound, false, null, false);
    }

    /** The value is at least {@code bound}. */
    public static PropertyCondition ge(Object bound) {
        return range(bound, true, null, false);
    }

    /** The value is less than {@code bound}. */
    public static PropertyCondition lt(Object bound) {
        return range(null, false, bound, false);
    }

    /** The value is at most {@code bound}. */
    public static PropertyCondition le(Object bound) {
        return range(null, false, bound, true);
    }

    /** {@code low <= value <= high}; both bounds of one kind (numbers, or strings). */
    public static PropertyCondition between(Object low, Object high) {
        return range(low, true, high, true);
    }

    /** A range with each bound inclusive or not; either bound may be null (unbounded), not both. */
    public static PropertyCondition range(@Nullable Object low, boolean lowInclusive, @Nullable Object high, boolean highInclusive) {
        return encodedRange(low == null ? null : PropertyValues.encode(low, "range bound"), lowInclusive,
                high == null ? null : PropertyValues.encode(high, "range bound"), highInclusive);
    }

    /**
     * A condition whose bounds are already in the stored encoding (as the JavaScript binding
     * sends them): equality with {@code low} when {@code equality}, else the range between
     * {@code low} and {@code high} (either null for no bound).
     *
     * @throws InvalidPropertyException for malformed bounds, or a range not over numbers or strings
     */
    public static PropertyCondition encoded(boolean equality, byte @Nullable [] low, boolean lowInclusive, byte @Nullable [] high, boolean highInclusive) {
        if (equality) {
            if (low == null) {
                throw new InvalidPropertyException("an equality needs a value");
            }
            PropertyValues.validateValue(low, "value");
            byte[] v = low.clone();
            return new PropertyCondition(v, true, v, true, true);
        }
        if (low != null) {
            PropertyValues.validateValue(low, "range bound");
        }
        if (high != null) {
            PropertyValues.validateValue(high, "range bound");
        }
        return encodedRange(low == null ? null : low.clone(), lowInclusive, high == null ? null : high.clone(), highInclusive);
    }

    private static PropertyCondition encodedRange(byte[] lo, boolean lowInclusive, byte[] hi, boolean highInclusive) {
        if (lo == null && hi == null) {
            throw new InvalidPropertyException("a range needs at least one bound");
        }
        int kl = lo == null ? -1 : PropertyValues.rangeKind(lo);
        int kh = hi == null ? -1 : PropertyValues.rangeKind(hi);
        if (kl == 0 || kh == 0) {
            throw new InvalidPropertyException("range bounds are numbers or strings");
        }
        if (kl > 0 && kh > 0 && kl != kh) {
            throw new InvalidPropertyException("range bounds of different kinds");
        }
        return new PropertyCondition(lo, lowInclusive, hi, highInclusive, false);
    }

    /** The lower bound (or the value of an equality), as a value of the model; null if none. */
    public @Nullable Object low() {
        return low == null ? null : PropertyValues.decode(low, "bound");
    }

    public boolean lowInclusive() {
        return lowInclusive;
    }

    /** The upper bound as a value of the model; null if none. */
    public @Nullable Object high() {
        return high == null ? null : PropertyValues.decode(high, "bound");
    }

    public boolean highInclusive() {
        return highInclusive;
    }

    /** Whether this is an equality condition ({@link #eq}); then {@link #low()} is the value. */
    public boolean isEquality() {
        return equality;
    }

    /** The encoded lower bound or value (shared; do not change). */
    public byte @Nullable [] encodedLow() {
        return low;
    }

    /** The encoded upper bound (shared; do not change). */
    public byte @Nullable [] encodedHigh() {
        return high;
    }

    /** Whether a value of the model satisfies the condition. */
    public boolean test(Object value) {
        return PropertyValues.satisfies(value, this);
    }

    @Override
    public String toString() {
        if (equality) {
            return "= " + PropertyValues.toJson(low());
        }
        return (low == null ? "(-inf" : (lowInclusive ? "[" : "(") + PropertyValues.toJson(low())) + ", "
                + (high == null ? "+inf)" : PropertyValues.toJson(high()) + (highInclusive ? "]" : ")"));
    }
}
