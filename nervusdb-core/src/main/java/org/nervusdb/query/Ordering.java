package org.nervusdb.query;

import org.nervusdb.rdf.RdfTerms;

/**
 * ORDER BY's total order (SPARQL 15.1), which MIN and MAX use too: unbound, then blank nodes,
 * then IRIs, then literals. Numbers of every numeric type come first among literals, ordered by
 * their exact values ({@link #compareNumbers}); other literals that SPARQL's '<' compares are
 * ordered by it; ties and the rest by lexical form, then datatype and language, so that the
 * order is total and stable.
 */
final class Ordering {
    private Ordering() {
    }

    private static int kind(String t) {
        if (t == null) {
            return 0;
        }
        if (RdfTerms.isBlank(t)) {
            return 1;
        }
        if (RdfTerms.isIri(t)) {
            return 2;
        }
        return 3;
    }

    static int compare(String a, String b) {
        int ka = kind(a);
        int kb = kind(b);
        if (ka != kb) {
            return Integer.compare(ka, kb);
        }
        if (ka == 0) {
            return 0;
        }
        if (ka != 3) {
            return ExprEval.compareCodePoints(a, b);
        }
        boolean na = ExprEval.isNumeric(a);
        boolean nb = ExprEval.isNumeric(b);
        if (na && nb) {
            int c = compareNumbers(ExprEval.number(a), ExprEval.number(b));
            if (c != 0) {
                return c;
            }
        } else if (na == nb) {
            try {
                int c = ExprEval.compare(a, b);
                if (c != 0) {
                    return c;
                }
            } catch (ExprEval.ExprError e) {
                // not comparable by '<': fall through to the lexical order
            }
        }
        // Numbers of different types that compare equal, and incomparable literals: a stable order.
        if (na != nb) {
            return na ? -1 : 1;
        }
        int c = ExprEval.compareCodePoints(RdfTerms.lexicalForm(a), RdfTerms.lexicalForm(b));
        if (c != 0) {
            return c;
        }
        return ExprEval.compareCodePoints(a, b);
    }

    /**
     * Numbers by their exact values, whatever their types and magnitudes: a double stands for
     * its shortest decimal representation (which orders doubles as their values do and sits
     * within the double's rounding interval, so the order is total and agrees with SPARQL's '<'
     * wherever '<' tells two numbers apart); infinities lie beyond every decimal; NaN comes
     * after every other number.
     */
    static int compareNumbers(Number x, Number y) {
        double p = x.doubleValue();
        double q = y.doubleValue();
        boolean nanX = p != p;
        boolean nanY = q != q;
        if (nanX || nanY) {
            return nanX == nanY ? 0 : nanX ? 1 : -1;
        }
        if (p != q) {
            // Rounding to the nearest double keeps order: values whose doubles differ differ the same way.
            return p < q ? -1 : 1;
        }
        boolean dx = x instanceof Double;
        boolean dy = y instanceof Double;
        if (dx && dy) {
            return 0;
        }
        if (Double.isInfinite(p)) {
            // A decimal beyond the double range against an infinite double, or two such decimals.
            return dx ? (p > 0 ? 1 : -1) : dy ? (p > 0 ? -1 : 1) : ((Decimal) x).compareTo((Decimal) y);
        }
        Decimal a = dx ? Decimal.ofDouble(p) : (Decimal) x;
        Decimal b = dy ? Decimal.ofDouble(q) : (Decimal) y;
        return a.compareTo(b);
    }
}
