package org.nervusdb;

import org.nervusdb.engine.PropertyValues;

/**
 * A condition on one property's value, answered from the property's secondary index: equality
 * with any value, or a range over numbers or over strings. Numbers compare by value, integers
 * and floats alike ({@code 1} equals {@code 1.0}) and exactly (an integer beyond 2^53 is not
 * equal to its nearest float); strings compare by Unicode code point. A range matches values of
 * its bounds' kind only: a numeric range never matches a string, and the reverse.
 */
public final class PropertyCondition {
    final Object low;
    final boolean lowInclusive;
    final Object high;
    final boolean highInclusive;
    final boolean equality;

    private PropertyCondition(Object low, boolean lowInclusive, Object high, boolean highInclusive, boolean equality) {
        this.low = low;
        this.lowInclusive = lowInclusive;
        this.high = high;
        this.highInclusive = highInclusive;
        this.equality = equality;
    }

    /** The value equals {@code value} (any value of the model, lists and maps included). */
    public static PropertyCondition eq(Object value) {
        Object v = PropertyValues.normalize(value, "value");
        return new PropertyCondition(v, true, v, true, true);
    }

    /** The value is greater than {@code bound} (a number or a string). */
    public static PropertyCondition gt(Object bound) {
        return new PropertyCondition(bound(bound), false, null, false, false);
    }

    /** The value is at least {@code bound}. */
    public static PropertyCondition ge(Object bound) {
        return new PropertyCondition(bound(bound), true, null, false, false);
    }

    /** The value is less than {@code bound}. */
    public static PropertyCondition lt(Object bound) {
        return new PropertyCondition(null, false, bound(bound), false, false);
    }

    /** The value is at most {@code bound}. */
    public static PropertyCondition le(Object bound) {
        return new PropertyCondition(null, false, bound(bound), true, false);
    }

    /** {@code low <= value <= high}; both bounds of one kind (numbers, or strings). */
    public static PropertyCondition between(Object low, Object high) {
        return range(low, true, high, true);
    }

    /** A range with each bound inclusive or not; either bound may be null (unbounded), not both. */
    public static PropertyCondition range(Object low, boolean lowInclusive, Object high, boolean highInclusive) {
        Object lo = low == null ? null : bound(low);
        Object hi = high == null ? null : bound(high);
        if (lo == null && hi == null) {
            throw new InvalidPropertyException("a range needs at least one bound");
        }
        if (lo != null && hi != null && (lo instanceof String) != (hi instanceof String)) {
            throw new InvalidPropertyException("range bounds of different kinds: " + lo + " and " + hi);
        }
        return new PropertyCondition(lo, lowInclusive, hi, highInclusive, false);
    }

    private static Object bound(Object b) {
        Object v = PropertyValues.normalize(b, "range bound");
        if (!(v instanceof String) && !(v instanceof Long) && !(v instanceof Double)) {
            throw new InvalidPropertyException("range bounds are numbers or strings, got " + v);
        }
        return v;
    }

    public Object low() {
        return low;
    }

    public boolean lowInclusive() {
        return lowInclusive;
    }

    public Object high() {
        return high;
    }

    public boolean highInclusive() {
        return highInclusive;
    }

    /** Whether this is an equality condition ({@link #eq}); then {@link #low()} is the value. */
    public boolean isEquality() {
        return equality;
    }

    /** Whether a value (of the model; Java ints, floats and arrays are taken as stored) satisfies the condition. */
    public boolean test(Object value) {
        boolean asRead = value == null || value instanceof Long || value instanceof Double || value instanceof String
                || value instanceof Boolean;
        return PropertyValues.satisfies(asRead ? value : PropertyValues.normalize(value, "value"), this);
    }

    @Override
    public String toString() {
        if (equality) {
            return "= " + low;
        }
        return (low == null ? "(-inf" : (lowInclusive ? "[" : "(") + low) + ", " + (high == null ? "+inf)" : high + (highInclusive ? "]" : ")"));
    }
}
