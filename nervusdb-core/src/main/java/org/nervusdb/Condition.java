package org.nervusdb;

import org.nervusdb.query.RegexEngine;
import org.nervusdb.rdf.RdfTerms;
import org.jspecify.annotations.Nullable;

/**
 * A condition on one position of a fact, for {@link QueryBuilder#where}. Equality and inequality
 * compare stored terms exactly. {@link #prefix} and {@link #regex} look at a term's text: an
 * IRI's or plain name's own string, a literal's lexical form (blank nodes never match).
 * Numeric comparisons hold for numeric literals ({@code "42"^^xsd:integer}, xsd:decimal,
 * xsd:double and their derived types) by value; any other term does not match them.
 */
public final class Condition {
    /** Longest regular expression accepted, in characters. */
    public static final int MAX_REGEX_LENGTH = 4096;

    final String op;
    final String value;
    final String flags;

    private Condition(String op, String value, String flags) {
        this.op = op;
        this.value = value;
        this.flags = flags;
    }

    /** The stored term equals {@code term}. */
    public static Condition eq(String term) {
        return new Condition("=", require(term, "term"), null);
    }

    /** The stored term is not {@code term}. */
    public static Condition ne(String term) {
        return new Condition("!=", require(term, "term"), null);
    }

    /** The term's text starts with {@code prefix}. */
    public static Condition prefix(String prefix) {
        return new Condition("prefix", require(prefix, "prefix"), null);
    }

    /** A numeric literal whose value is greater than {@code n}. */
    public static Condition gt(long n) {
        return numeric(">", integer(n));
    }

    public static Condition gt(double n) {
        return numeric(">", dbl(n));
    }

    /** A numeric literal whose value is at least {@code n}. */
    public static Condition ge(long n) {
        return numeric(">=", integer(n));
    }

    public static Condition ge(double n) {
        return numeric(">=", dbl(n));
    }

    /** A numeric literal whose value is less than {@code n}. */
    public static Condition lt(long n) {
        return numeric("<", integer(n));
    }

    public static Condition lt(double n) {
        return numeric("<", dbl(n));
    }

    /** A numeric literal whose value is at most {@code n}. */
    public static Condition le(long n) {
        return numeric("<=", integer(n));
    }

    public static Condition le(double n) {
        return numeric("<=", dbl(n));
    }

    /**
     * The term's text contains a match of {@code pattern} (XPath/SPARQL regular expression
     * syntax as the platform's engine reads it; flags {@code i}, {@code s}, {@code m}, {@code x},
     * {@code q}, or null for none). A pattern longer than {@link #MAX_REGEX_LENGTH} or invalid is
     * refused here with IllegalArgumentException.
     */
    public static Condition regex(String pattern, @Nullable String flags) {
        require(pattern, "pattern");
        String f = flags == null ? "" : flags;
        if (pattern.length() > MAX_REGEX_LENGTH) {
            throw new IllegalArgumentException("regular expression longer than " + MAX_REGEX_LENGTH + " characters");
        }
        RegexEngine engine = RegexEngine.installed();
        if (engine == null) {
            throw new UnsupportedOperationException("no regular expression engine on this platform");
        }
        engine.compile(pattern, f); // throws IllegalArgumentException naming the fault
        return new Condition("regex", pattern, f);
    }

    /**
     * A condition by name, for text interfaces (the command line, the JavaScript API):
     * {@code eq}, {@code ne}, {@code prefix}, {@code regex} (with {@code flags}, or null), or
     * {@code gt}, {@code ge}, {@code lt}, {@code le} with {@code value} a number (integers and
     * decimals of any length compare by their exact values, other numbers as doubles). IllegalArgumentException for an unknown
     * name or a value that is not a number.
     */
    public static Condition of(String name, String value, @Nullable String flags) {
        switch (name) {
            case "eq":
                return eq(value);
            case "ne":
                return ne(value);
            case "prefix":
                return prefix(value);
            case "regex":
                return regex(value, flags);
            case "gt":
            case "ge":
            case "lt":
            case "le":
                break;
            default:
                throw new IllegalArgumentException("unknown condition '" + name + "' (eq, ne, prefix, regex, gt, ge, lt, le)");
        }
        require(value, "value");
        String op = name.equals("gt") ? ">" : name.equals("ge") ? ">=" : name.equals("lt") ? "<" : "<=";
        // Integers and decimals of any length keep their exact value; the rest is read as a double.
        int sign = value.startsWith("-") || value.startsWith("+") ? 1 : 0;
        int digits = 0;
        int dots = 0;
        for (int i = sign; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                dots = 2;
                break;
            }
        }
        if (digits > 0 && dots < 2) {
            return numeric(op, RdfTerms.literal(value, null, RdfTerms.XSD + (dots == 0 ? "integer" : "decimal")));
        }
        double d;
        try {
            d = org.nervusdb.query.DoubleText.parse(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
        return numeric(op, dbl(d));
    }

    private static Condition numeric(String op, String literal) {
        return new Condition(op, literal, null);
    }

    private static String integer(long n) {
        return RdfTerms.literal(Long.toString(n), null, RdfTerms.XSD + "integer");
    }

    private static String dbl(double n) {
        if (Double.isNaN(n)) {
            throw new IllegalArgumentException("NaN is not comparable");
        }
        String lex = Double.isInfinite(n) ? (n > 0 ? "INF" : "-INF") : org.nervusdb.query.DoubleText.toString(n);
        return RdfTerms.literal(lex, null, RdfTerms.XSD + "double");
    }

    private static String require(String v, String what) {
        if (v == null) {
            throw new InvalidTermException(what + " of a condition is null");
        }
        return v;
    }

    @Override
    public String toString() {
        return op + " " + value + (flags == null || flags.isEmpty() ? "" : " /" + flags);
    }
}
