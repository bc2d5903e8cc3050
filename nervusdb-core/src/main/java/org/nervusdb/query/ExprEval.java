package org.nervusdb.query;

import java.util.List;
import org.nervusdb.InvalidTermException;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.rdf.RdfTerms;

/**
 * SPARQL expression evaluation over stored terms. A value is a stored term (see
 * {@link RdfTerms}); an expression that has no value (an unbound variable, a type error) throws
 * {@link ExprError}, which FILTER reads as false and BIND as leaving the variable unbound.
 */
final class ExprEval {
    static final String XSD = RdfTerms.XSD;
    static final String INTEGER = XSD + "integer";
    static final String DECIMAL = XSD + "decimal";
    static final String FLOAT = XSD + "float";
    static final String DOUBLE = XSD + "double";
    static final String BOOLEAN = XSD + "boolean";
    static final String DATETIME = XSD + "dateTime";
    static final String TRUE = RdfTerms.literal("true", null, BOOLEAN);
    static final String FALSE = RdfTerms.literal("false", null, BOOLEAN);
    /** Regular expressions longer than this are refused (a guard against costly patterns). */
    static final int MAX_REGEX_LENGTH = 4096;
    /** Strings a function may build, at most (a guard against runaway CONCAT or REPLACE). */
    static final int MAX_STRING = 1 << 24;

    /** An expression without a value: a SPARQL evaluation error. */
    static final class ExprError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExprError(String message) {
            super(message);
        }

        // Errors are control flow here (FILTER reads them as false): no stack trace needed.
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Reads variables and evaluates EXISTS for the expression evaluator. */
    interface Scope {
        /** The variable's term, or null when unbound. */
        String value(String var);

        boolean exists(Expr.Exists e);

        /** The answer of a store test on its arguments' values. */
        boolean check(Expr.StoreCall c);

        /** A fresh blank node term, for BNODE(). */
        String freshBlank(String label);
    }

    // Dispatch by a number from one table instead of switches on strings: a string switch
    // compiles to a hash switch with an equals() per case, which costs the WebAssembly build.
    private static final int C_NON_POSITIVE_INTEGER = 0;
    private static final int C_NEGATIVE_INTEGER = 1;
    private static final int C_LONG = 2;
    private static final int C_INT = 3;
    private static final int C_SHORT = 4;
    private static final int C_BYTE = 5;
    private static final int C_NON_NEGATIVE_INTEGER = 6;
    private static final int C_UNSIGNED_LONG = 7;
    private static final int C_UNSIGNED_INT = 8;
    private static final int C_UNSIGNED_SHORT = 9;
    private static final int C_UNSIGNED_BYTE = 10;
    private static final int C_POSITIVE_INTEGER = 11;
    private static final int C_INF = 12;
    private static final int C_PLUS_INF = 13;
    private static final int C_MINUS_INF = 14;
    private static final int C_NAN = 15;
    private static final int C_OR = 16;
    private static final int C_AND = 17;
    private static final int C_NOT = 18;
    private static final int C_EQ = 19;
    private static final int C_NE = 20;
    private static final int C_LT = 21;
    private static final int C_GT = 22;
    private static final int C_LE = 23;
    private static final int C_GE = 24;
    private static final int C_ADD = 25;
    private static final int C_SUB = 26;
    private static final int C_MUL = 27;
    private static final int C_DIV = 28;
    private static final int C_NEG = 29;
    private static final int C_POS = 30;
    private static final int C_IN = 31;
    private static final int C_NOT_IN = 32;
    private static final int C_BOUND = 33;
    private static final int C_IF = 34;
    private static final int C_COALESCE = 35;
    private static final int C_SAMETERM = 36;
    private static final int C_ISIRI = 37;
    private static final int C_ISURI = 38;
    private static final int C_ISBLANK = 39;
    private static final int C_ISLITERAL = 40;
    private static final int C_ISNUMERIC = 41;
    private static final int C_STRING = 42;
    private static final int C_BOOLEAN = 43;
    private static final int C_INTEGER = 44;
    private static final int C_DECIMAL = 45;
    private static final int C_FLOAT = 46;
    private static final int C_DOUBLE = 47;
    private static final int C_DATE_TIME = 48;
    private static final String[] CODE_NAMES = {
            "nonPositiveInteger", "negativeInteger", "long", "int", "short", "byte", "nonNegativeInteger",
            "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "positiveInteger", "INF", "+INF",
            "-INF", "NaN", "||", "&&", "!", "=", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "u-", "u+",
            "IN", "NOT IN", "BOUND", "IF", "COALESCE", "SAMETERM", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL",
            "ISNUMERIC", "string", "boolean", "integer", "decimal", "float", "double", "dateTime"
    };
    private static final java.util.HashMap<String, Integer> CODES = codes(CODE_NAMES);

    private static int code(String name) {
        return code(CODES, name);
    }

    /** Each name's position in {@code names}, for dispatch by number (see {@link #code(java.util.HashMap, String)}). */
    static java.util.HashMap<String, Integer> codes(String[] names) {
        java.util.HashMap<String, Integer> codes = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            codes.put(names[i], i);
        }
        return codes;
    }

    /** The position of {@code name} in a table of {@link #codes(String[])}, or -1. */
    static int code(java.util.HashMap<String, Integer> codes, String name) {
        Integer c = codes.get(name);
        return c == null ? -1 : c;
    }

    private final long now;
    private final java.util.Random random;
    /** IRI() resolves relative IRIs against this; null: they stay relative. */
    final String base;
    /** The query's limits, checked inside long regular expression matches; null: none. */
    private final QueryLimits limits;
    /** Compiled regular expressions of this query, by flags and pattern. */
    private final java.util.HashMap<String, RegexEngine.Compiled> patterns = new java.util.HashMap<>();
    /** The values of literals this query compared, by term (see {@link #compareMemo}); emptied when full. */
    private final java.util.HashMap<String, Comparable> comparables = new java.util.HashMap<>();
    private static final int COMPARABLES = 4096;

    ExprEval(long nowMillis, long seed) {
        this(nowMillis, seed, null, null);
    }

    ExprEval(long nowMillis, long seed, String base, QueryLimits limits) {
        this.now = nowMillis;
        this.random = new java.util.Random(seed);
        this.base = base;
        this.limits = limits;
    }

    // ----------------------------------------------------------------------------- entry points

    /**
     * {@link Integer#parseInt} by way of {@link Long#parseLong}, so that the WebAssembly build
     * carries one integer parser: a NumberFormatException for anything outside the int range.
     */
    static int parseInt(String s) {
        long v = Long.parseLong(s);
        if (v != (int) v) {
            throw new NumberFormatException("out of the int range: " + s);
        }
        return (int) v;
    }

    /** The value of {@code e}; throws ExprError when it has none. */
    String eval(Expr e, Scope scope) {
        if (e instanceof Expr.Var) {
            String v = scope.value(((Expr.Var) e).name);
            if (v == null) {
                throw new ExprError("unbound variable ?" + ((Expr.Var) e).name);
            }
            return v;
        }
        if (e instanceof Expr.Constant) {
            return ((Expr.Constant) e).term;
        }
        if (e instanceof Expr.Exists) {
            return bool(scope.exists((Expr.Exists) e));
        }
        if (e instanceof Expr.StoreCall) {
            return bool(scope.check((Expr.StoreCall) e));
        }
        if (e instanceof Expr.Call) {
            return call((Expr.Call) e, scope);
        }
        if (e instanceof Expr.FunctionCall) {
            Expr.FunctionCall f = (Expr.FunctionCall) e;
            if (f.args.size() != 1) {
                throw new ExprError("unknown function <" + f.iri + ">");
            }
            return cast(f.iri, eval(f.args.get(0), scope));
        }
        throw new ExprError("cannot evaluate " + e);
    }

    /** FILTER's reading of {@code e}: its effective boolean value, false on error. */
    boolean test(Expr e, Scope scope) {
        try {
            return ebv(eval(e, scope));
        } catch (ExprError | InvalidTermException err) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------ term access

    static boolean isLiteral(String t) {
        return RdfTerms.isLiteral(t);
    }

    static String datatype(String t) {
        return RdfTerms.datatype(t);
    }

    static String lex(String t) {
        return RdfTerms.lexicalForm(t);
    }

    static String bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    static boolean isNumericType(String dt) {
        if (dt.equals(INTEGER) || dt.equals(DECIMAL) || dt.equals(FLOAT) || dt.equals(DOUBLE)) {
            return true;
        }
        if (!dt.startsWith(XSD)) {
            return false;
        }
        switch (code(dt.substring(XSD.length()))) {
            case C_NON_POSITIVE_INTEGER:
            case C_NEGATIVE_INTEGER:
            case C_LONG:
            case C_INT:
            case C_SHORT:
            case C_BYTE:
            case C_NON_NEGATIVE_INTEGER:
            case C_UNSIGNED_LONG:
            case C_UNSIGNED_INT:
            case C_UNSIGNED_SHORT:
            case C_UNSIGNED_BYTE:
            case C_POSITIVE_INTEGER:
                return true;
            default:
                return false;
        }
    }

    static boolean isIntegerType(String dt) {
        return isNumericType(dt) && !dt.equals(DECIMAL) && !dt.equals(FLOAT) && !dt.equals(DOUBLE);
    }

    /** Whether the term is a literal of a numeric type with a valid lexical form. */
    static boolean isNumeric(String t) {
        if (!isLiteral(t) || !isNumericType(datatype(t))) {
            return false;
        }
        try {
            number(t);
            return true;
        } catch (ExprError e) {
            return false;
        }
    }

    /** Numeric rank for type promotion: 0 integer, 1 decimal, 2 float, 3 double. */
    static int rank(String dt) {
        if (dt.equals(DOUBLE)) {
            return 3;
        }
        if (dt.equals(FLOAT)) {
            return 2;
        }
        if (dt.equals(DECIMAL)) {
            return 1;
        }
        return 0;
    }

    /** The value of a numeric literal: Decimal for integer and decimal, Double otherwise. */
    static Number number(String t) {
        if (!isLiteral(t)) {
            throw new ExprError("not a number: " + t);
        }
        String dt = datatype(t);
        if (!isNumericType(dt)) {
            throw new ExprError("not a number: " + t);
        }
        String s = lex(t).trim();
        try {
            if (rank(dt) >= 2) {
                return parseDouble(s);
            }
            if (rank(dt) == 0 && (s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0)) {
                throw new ExprError("invalid integer " + s);
            }
            if (s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
                throw new ExprError("invalid decimal " + s);
            }
            return Decimal.parse(s);
        } catch (NumberFormatException e) {
            throw new ExprError("invalid number " + s);
        }
    }

    static double parseDouble(String s) {
        switch (code(s)) {
            case C_INF:
            case C_PLUS_INF:
                return Double.POSITIVE_INFINITY;
            case C_MINUS_INF:
                return Double.NEGATIVE_INFINITY;
            case C_NAN:
                return Double.NaN;
            default:
                if (s.isEmpty() || s.indexOf('N') >= 0 || s.indexOf('I') >= 0 || s.indexOf('x') >= 0 || s.indexOf('X') >= 0) {
                    throw new ExprError("invalid double " + s);
                }
                char last = s.charAt(s.length() - 1);
                if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
                    throw new ExprError("invalid double " + s);
                }
                return DoubleText.parse(s);
        }
    }

    /** A numeric literal of the given rank, in canonical form. */
    static String numeric(Number n, int rank) {
        if (rank >= 2) {
            double d = n.doubleValue();
            return RdfTerms.literal(rank == 3 ? canonicalDouble(d) : canonicalFloat((float) d), null, rank == 3 ? DOUBLE : FLOAT);
        }
        Decimal b = (Decimal) n;
        if (rank == 0) {
            return RdfTerms.literal(b.truncate().toPlainString(), null, INTEGER);
        }
        return RdfTerms.literal(canonicalDecimal(b), null, DECIMAL);
    }

    static String canonicalDecimal(Decimal b) {
        String s = b.toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    static String canonicalDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        String s = DoubleText.toString(d);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exp = e < 0 ? 0 : parseInt(s.substring(e + 1));
        if (e < 0) {
            // DoubleText.toString gives plain notation for 1e-3 <= |d| < 1e7: normalize to d.dddE<exp>.
            boolean neg = s.startsWith("-");
            String digits = (neg ? s.substring(1) : s);
            int point = digits.indexOf('.');
            String all = digits.substring(0, point) + digits.substring(point + 1);
            int lead = 0;
            while (lead < all.length() - 1 && all.charAt(lead) == '0') {
                lead++;
            }
            if (lead == all.length() - 1 && all.charAt(lead) == '0') {
                return neg ? "-0.0E0" : "0.0E0";
            }
            exp = point - lead - 1;
            String sig = all.substring(lead);
            int end = sig.length();
            while (end > 1 && sig.charAt(end - 1) == '0') {
                end--;
            }
            sig = sig.substring(0, end);
            String m = sig.length() == 1 ? sig + ".0" : sig.charAt(0) + "." + sig.substring(1);
            return (neg ? "-" : "") + m + "E" + exp;
        }
        return (mantissa.indexOf('.') < 0 ? mantissa + ".0" : mantissa) + "E" + exp;
    }

    /**
     * The canonical form of an xsd:float value: as {@link #canonicalDouble}, with the fewest
     * significant digits that read back (as a double rounded to float, as {@link #number} and the
     * arithmetic read them) as the same float: {@code 1.3595691E0}, not the digits of the double
     * nearest to it ({@code 1.3595690727233887E0}).
     */
    static String canonicalFloat(float f) {
        String s = canonicalDouble(f);
        int e = s.indexOf('E');
        if (e < 0) {
            return s; // NaN, INF, -INF
        }
        boolean neg = s.charAt(0) == '-';
        String digits = s.substring(neg ? 1 : 0, e).replace(".", "");
        int exp = parseInt(s.substring(e + 1));
        for (int p = 1; p < digits.length(); p++) {
            char[] d = digits.substring(0, p).toCharArray();
            int x = exp;
            if (digits.charAt(p) >= '5') {
                int i = p - 1;
                while (i >= 0 && d[i] == '9') {
                    d[i--] = '0';
                }
                if (i >= 0) {
                    d[i]++;
                } else {
                    char[] w = new char[p + 1];
                    w[0] = '1';
                    System.arraycopy(d, 0, w, 1, p);
                    d = w;
                    x++;
                }
            }
            String sig = new String(d);
            int end = sig.length();
            while (end > 1 && sig.charAt(end - 1) == '0') {
                end--;
            }
            sig = sig.substring(0, end);
            String c = (neg ? "-" : "") + sig.charAt(0) + "." + (sig.length() == 1 ? "0" : sig.substring(1)) + "E" + x;
            if ((float) DoubleText.parse(c) == f) {
                return c;
            }
        }
        return s;
    }

    /** Effective boolean value (SPARQL 17.2.2). */
    static boolean ebv(String t) {
        if (!isLiteral(t)) {
            throw new ExprError("no effective boolean value for " + t);
        }
        String dt = datatype(t);
        String s = lex(t);
        if (dt.equals(BOOLEAN)) {
            if (s.equals("true") || s.equals("1")) {
                return true;
            }
            if (s.equals("false") || s.equals("0")) {
                return false;
            }
            return false;
        }
        if (dt.equals(RdfTerms.XSD_STRING)) {
            return !s.isEmpty();
        }
        if (isNumericType(dt)) {
            Number n;
            try {
                n = number(t);
            } catch (ExprError e) {
                return false;
            }
            if (n instanceof Double) {
                double d = n.doubleValue();
                return d != 0 && !Double.isNaN(d);
            }
            return ((Decimal) n).signum() != 0;
        }
        throw new ExprError("no effective boolean value for " + t);
    }

    // ------------------------------------------------------------------------------- operators

    private String call(Expr.Call c, Scope scope) {
        List<Expr> a = c.args;
        switch (code(c.name)) {
            case C_OR: {
                ExprError err = null;
                boolean left = false;
                try {
                    left = ebv(eval(a.get(0), scope));
                } catch (ExprError e) {
                    err = e;
                }
                if (left) {
                    return TRUE;
                }
                boolean right = ebv(eval(a.get(1), scope));
                if (right) {
                    return TRUE;
                }
                if (err != null) {
                    throw err;
                }
                return FALSE;
            }
            case C_AND: {
                ExprError err = null;
                boolean left = true;
                try {
                    left = ebv(eval(a.get(0), scope));
                } catch (ExprError e) {
                    err = e;
                }
                if (!left) {
                    return FALSE;
                }
                boolean right = ebv(eval(a.get(1), scope));
                if (!right) {
                    return FALSE;
                }
                if (err != null) {
                    throw err;
                }
                return TRUE;
            }
            case C_NOT:
                return bool(!ebv(eval(a.get(0), scope)));
            case C_EQ:
                return bool(equal(eval(a.get(0), scope), eval(a.get(1), scope)));
            case C_NE:
                return bool(!equal(eval(a.get(0), scope), eval(a.get(1), scope)));
            case C_LT:
                return bool(compareMemo(eval(a.get(0), scope), eval(a.get(1), scope)) < 0);
            case C_GT:
                return bool(compareMemo(eval(a.get(0), scope), eval(a.get(1), scope)) > 0);
            case C_LE:
                return bool(compareMemo(eval(a.get(0), scope), eval(a.get(1), scope)) <= 0);
            case C_GE:
                return bool(compareMemo(eval(a.get(0), scope), eval(a.get(1), scope)) >= 0);
            case C_ADD:
            case C_SUB:
            case C_MUL:
            case C_DIV:
                return arithmetic(c.name.charAt(0), eval(a.get(0), scope), eval(a.get(1), scope));
            case C_NEG: {
                String v = eval(a.get(0), scope);
                Number n = number(v);
                int r = rank(datatype(v));
                return numeric(n instanceof Double ? (Number) (-n.doubleValue()) : ((Decimal) n).negate(), r);
            }
            case C_POS: {
                String v = eval(a.get(0), scope);
                number(v);
                return v;
            }
            case C_IN:
            case C_NOT_IN:
                return in(c.name.equals("IN"), a, scope);
            case C_BOUND:
                return bool(scope.value(((Expr.Var) a.get(0)).name) != null);
            case C_IF:
                return ebv(eval(a.get(0), scope)) ? eval(a.get(1), scope) : eval(a.get(2), scope);
            case C_COALESCE:
                for (Expr x : a) {
                    try {
                        return eval(x, scope);
                    } catch (ExprError e) {
                        // try the next one
                    }
                }
                throw new ExprError("COALESCE: no argument has a value");
            case C_SAMETERM:
                return bool(eval(a.get(0), scope).equals(eval(a.get(1), scope)));
            case C_ISIRI:
            case C_ISURI:
                return bool(RdfTerms.isIri(eval(a.get(0), scope)));
            case C_ISBLANK:
                return bool(RdfTerms.isBlank(eval(a.get(0), scope)));
            case C_ISLITERAL:
                return bool(isLiteral(eval(a.get(0), scope)));
            case C_ISNUMERIC:
                return bool(isNumeric(eval(a.get(0), scope)));
            default:
                return Functions.call(this, c.name, a, scope);
        }
    }

    private String in(boolean positive, List<Expr> a, Scope scope) {
        String left = eval(a.get(0), scope);
        ExprError err = null;
        for (int i = 1; i < a.size(); i++) {
            try {
                if (equal(left, eval(a.get(i), scope))) {
                    return bool(positive);
                }
            } catch (ExprError e) {
                err = e;
            }
        }
        if (err != null) {
            throw err;
        }
        return bool(!positive);
    }

    /** RDFterm-equal and the value comparisons of SPARQL's '=' operator. */
    static boolean equal(String x, String y) {
        if (x.equals(y)) {
            if (isLiteral(x) && isNumeric(x)) {
                Number n = number(x);
                return !(n instanceof Double && Double.isNaN(n.doubleValue()));
            }
            return true;
        }
        if (!isLiteral(x) || !isLiteral(y)) {
            return false;
        }
        String dx = datatype(x);
        String dy = datatype(y);
        if (isNumericType(dx) && isNumericType(dy)) {
            return compareNumbers(x, y) == 0 && !isNaN(x) && !isNaN(y);
        }
        if (dx.equals(dy) && (dx.equals(RdfTerms.XSD_STRING) || dx.equals(BOOLEAN) || dx.equals(DATETIME))) {
            if (dx.equals(DATETIME)) {
                return compare(x, y) == 0;
            }
            if (dx.equals(BOOLEAN)) {
                return booleanValue(x) == booleanValue(y);
            }
            return false; // same type, different lexical forms of strings
        }
        if (dx.equals(RdfTerms.RDF_LANG_STRING) && dy.equals(RdfTerms.RDF_LANG_STRING)) {
            return false;
        }
        if (knownType(dx) && knownType(dy)) {
            return false; // different known types: not equal
        }
        throw new ExprError("cannot compare " + x + " and " + y);
    }

    private static boolean knownType(String dt) {
        return isNumericType(dt) || dt.equals(RdfTerms.XSD_STRING) || dt.equals(BOOLEAN) || dt.equals(DATETIME)
                || dt.equals(RdfTerms.RDF_LANG_STRING);
    }

    private static boolean isNaN(String t) {
        Number n = number(t);
        return n instanceof Double && Double.isNaN(n.doubleValue());
    }

    static boolean booleanValue(String t) {
        String s = lex(t);
        if (s.equals("true") || s.equals("1")) {
            return true;
        }
        if (s.equals("false") || s.equals("0")) {
            return false;
        }
        throw new ExprError("invalid boolean " + s);
    }

    static int compareNumbers(String x, String y) {
        return compareNumbers(number(x), number(y));
    }

    static int compareNumbers(Number a, Number b) {
        if (a instanceof Double || b instanceof Double) {
            double p = a.doubleValue();
            double q = b.doubleValue();
            if (Double.isNaN(p) || Double.isNaN(q)) {
                throw new ExprError("NaN does not compare");
            }
            return Double.compare(p, q);
        }
        return ((Decimal) a).compareTo((Decimal) b);
    }

    /** SPARQL's '<' family: numbers, simple and typed strings, booleans, dateTimes. */
    static int compare(String x, String y) {
        if (!isLiteral(x) || !isLiteral(y)) {
            throw new ExprError("cannot order " + x + " and " + y);
        }
        String dx = datatype(x);
        String dy = datatype(y);
        if (isNumericType(dx) && isNumericType(dy)) {
            return compareNumbers(x, y);
        }
        if (dx.equals(RdfTerms.XSD_STRING) && dy.equals(RdfTerms.XSD_STRING)) {
            return Integer.signum(compareCodePoints(lex(x), lex(y)));
        }
        if (dx.equals(BOOLEAN) && dy.equals(BOOLEAN)) {
            return Boolean.compare(booleanValue(x), booleanValue(y));
        }
        if (dx.equals(DATETIME) && dy.equals(DATETIME)) {
            return DateTimes.compare(lex(x), lex(y));
        }
        if (dx.equals(DATE) && dy.equals(DATE)) {
            return DateTimes.compare(midnight(lex(x)), midnight(lex(y)));
        }
        throw new ExprError("cannot order " + x + " and " + y);
    }

    /**
     * A literal's value for the '<' family, parsed once: a FILTER compares the same few terms
     * (its constants, the dates or prices the rows share) on every row.
     */
    static final class Comparable {
        static final int NUMBER = 0;
        static final int STRING = 1;
        static final int BOOLEAN = 2;
        static final int DATE_TIME = 3;
        static final int DATE = 4;
        final int kind;
        final Number number; // NUMBER: a Decimal or a Double; DATE_TIME, DATE: the instant (a Decimal)
        final String text; // STRING
        final boolean bool; // BOOLEAN

        Comparable(int kind, Number number, String text, boolean bool) {
            this.kind = kind;
            this.number = number;
            this.text = text;
            this.bool = bool;
        }
    }

    /** As {@link #compare}, with each literal's value parsed once per query. */
    int compareMemo(String x, String y) {
        Comparable a = comparable(x);
        Comparable b = comparable(y);
        if (a == null || b == null || a.kind != b.kind) {
            return compare(x, y); // its error, or types it does not order
        }
        switch (a.kind) {
            case Comparable.NUMBER:
                return compareNumbers(a.number, b.number);
            case Comparable.STRING:
                return Integer.signum(compareCodePoints(a.text, b.text));
            case Comparable.BOOLEAN:
                return Boolean.compare(a.bool, b.bool);
            default:
                return Integer.signum(((Decimal) a.number).compareTo((Decimal) b.number));
        }
    }

    /** The value of {@code t} for comparisons, or null when {@link #compare} does not order it (or it is invalid). */
    private Comparable comparable(String t) {
        Comparable c = comparables.get(t);
        if (c != null) {
            return c;
        }
        if (!isLiteral(t)) {
            return null;
        }
        String dt = datatype(t);
        try {
            if (isNumericType(dt)) {
                Number n = number(t);
                if (n instanceof Double && Double.isNaN(n.doubleValue())) {
                    return null; // NaN does not compare: compare() says so
                }
                c = new Comparable(Comparable.NUMBER, n, null, false);
            } else if (dt.equals(RdfTerms.XSD_STRING)) {
                c = new Comparable(Comparable.STRING, null, lex(t), false);
            } else if (dt.equals(BOOLEAN)) {
                c = new Comparable(Comparable.BOOLEAN, null, null, booleanValue(t));
            } else if (dt.equals(DATETIME)) {
                c = new Comparable(Comparable.DATE_TIME, DateTimes.instant(DateTimes.parse(lex(t))), null, false);
            } else if (dt.equals(DATE)) {
                c = new Comparable(Comparable.DATE, DateTimes.instant(DateTimes.parse(midnight(lex(t)))), null, false);
            } else {
                return null;
            }
        } catch (ExprError e) {
            return null;
        }
        if (comparables.size() >= COMPARABLES) {
            comparables.clear();
        }
        comparables.put(t, c);
        return c;
    }

    static final String DATE = XSD + "date";

    /** An xsd:date's lexical form as the dateTime of its first instant ("2024-05-01Z": "2024-05-01T00:00:00Z"). */
    private static String midnight(String date) {
        int d = date.indexOf('-', date.startsWith("-") ? 1 : 0);
        d = d < 0 ? -1 : date.indexOf('-', d + 1);
        if (d < 0 || d + 3 > date.length()) {
            throw new ExprError("not an xsd:date: " + date);
        }
        return date.substring(0, d + 3) + "T00:00:00" + date.substring(d + 3);
    }

    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                // Surrogates sort above the rest of the BMP in code point order.
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb) {
                    return sa ? 1 : -1;
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    static String arithmetic(char op, String x, String y) {
        Number a = number(x);
        Number b = number(y);
        int r = Math.max(rank(datatype(x)), rank(datatype(y)));
        if (r >= 2) {
            double p = a.doubleValue();
            double q = b.doubleValue();
            double v;
            switch (op) {
                case '+':
                    v = p + q;
                    break;
                case '-':
                    v = p - q;
                    break;
                case '*':
                    v = p * q;
                    break;
                default:
                    v = p / q;
            }
            if (r == 2) {
                v = (float) v;
            }
            return numeric(v, r);
        }
        Decimal p = (Decimal) a;
        Decimal q = (Decimal) b;
        switch (op) {
            case '+':
                return numeric(p.add(q), r);
            case '-':
                return numeric(p.subtract(q), r);
            case '*':
                return numeric(p.multiply(q), r);
            default:
                // integer / integer is a decimal in SPARQL
                return numeric(p.divide(q), 1);
        }
    }

    // ---------------------------------------------------------------------------------- casts

    static String cast(String iri, String v) {
        if (!iri.startsWith(XSD)) {
            throw new ExprError("unknown function <" + iri + ">");
        }
        if (RdfTerms.isBlank(v)) {
            throw new ExprError("cannot cast a blank node");
        }
        String type = iri.substring(XSD.length());
        boolean literal = isLiteral(v);
        if (!literal && !type.equals("string")) {
            throw new ExprError("cannot cast an IRI to " + type);
        }
        String s = literal ? lex(v) : v;
        String dt = literal ? datatype(v) : null;
        switch (code(type)) {
            case C_STRING:
                return RdfTerms.literal(literal && isNumericType(dt) ? canonicalLexical(v) : s);
            case C_BOOLEAN:
                if (dt != null && isNumericType(dt)) {
                    Number n = number(v);
                    boolean b = n instanceof Double ? n.doubleValue() != 0 && !Double.isNaN(n.doubleValue()) : ((Decimal) n).signum() != 0;
                    return bool(b);
                }
                if (dt != null && !dt.equals(RdfTerms.XSD_STRING) && !dt.equals(BOOLEAN)) {
                    throw new ExprError("cannot cast to boolean");
                }
                if (s.equals("true") || s.equals("1")) {
                    return TRUE;
                }
                if (s.equals("false") || s.equals("0")) {
                    return FALSE;
                }
                throw new ExprError("invalid boolean " + s);
            case C_INTEGER:
            case C_DECIMAL:
            case C_FLOAT:
            case C_DOUBLE: {
                int r = type.equals("integer") ? 0 : type.equals("decimal") ? 1 : type.equals("float") ? 2 : 3;
                Number n;
                if (dt != null && dt.equals(BOOLEAN)) {
                    n = Decimal.of(booleanValue(v) ? 1 : 0);
                } else if (dt != null && isNumericType(dt)) {
                    n = number(v);
                } else if (dt != null && dt.equals(RdfTerms.XSD_STRING)) {
                    n = number(RdfTerms.literal(s.trim(), null, r >= 2 ? DOUBLE : r == 1 ? DECIMAL : INTEGER));
                } else {
                    throw new ExprError("cannot cast to " + type);
                }
                if (r < 2 && n instanceof Double) {
                    double d = n.doubleValue();
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        throw new ExprError("cannot cast " + DoubleText.toString(d) + " to " + type);
                    }
                    n = Decimal.ofDouble(d);
                }
                if (r == 0) {
                    n = ((Decimal) n).truncate();
                }
                if (r == 2) {
                    n = (double) (float) n.doubleValue();
                }
                return numeric(n, r);
            }
            case C_DATE_TIME:
                if (dt != null && (dt.equals(DATETIME) || dt.equals(RdfTerms.XSD_STRING))) {
                    DateTimes.parse(s.trim());
                    return RdfTerms.literal(s.trim(), null, DATETIME);
                }
                throw new ExprError("cannot cast to dateTime");
            default:
                throw new ExprError("unsupported cast to xsd:" + type);
        }
    }

    /** The canonical lexical form of a numeric literal (as STR of a cast would give). */
    static String canonicalLexical(String v) {
        String dt = datatype(v);
        Number n = number(v);
        int r = rank(dt);
        if (r >= 2) {
            return r == 3 ? canonicalDouble(n.doubleValue()) : canonicalFloat((float) n.doubleValue());
        }
        if (isIntegerType(dt)) {
            return ((Decimal) n).truncate().toPlainString();
        }
        return canonicalDecimal((Decimal) n);
    }

    // ------------------------------------------------------------------- for the Functions class

    long now() {
        return now;
    }

    double random() {
        return random.nextDouble();
    }

    /**
     * The compiled pattern, compiled once per query (a query holds at most 64 patterns; more
     * are compiled each time).
     */
    RegexEngine.Compiled regex(String pattern, String flags) {
        String key = flags + "/" + pattern;
        RegexEngine.Compiled c = patterns.get(key);
        if (c == null) {
            c = compile(pattern, flags);
            if (patterns.size() < 64) {
                patterns.put(key, c);
            }
        }
        return c;
    }

    private static RegexEngine.Compiled compile(String pattern, String flags) {
        if (pattern.length() > MAX_REGEX_LENGTH) {
            throw new ExprError("regular expression longer than " + MAX_REGEX_LENGTH + " characters");
        }
        RegexEngine engine = RegexEngine.installed();
        if (engine == null) {
            throw new ExprError("no regular expression engine is installed (RegexEngine.install)");
        }
        try {
            return engine.compile(pattern, flags);
        } catch (IllegalArgumentException e) {
            throw new ExprError("invalid regular expression: " + e.getMessage());
        }
    }

    /** Text for a regular expression match, checked against the query's limits as it is read ({@link RegexText}). */
    CharSequence matchText(String text) {
        return limits == null ? text : RegexText.of(text, limits);
    }
}
