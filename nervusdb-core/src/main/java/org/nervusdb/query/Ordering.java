package org.nervusdb.query;

import org.nervusdb.rdf.RdfTerms;

/**
 * ORDER BY's total order (SPARQL 15.1): unbound, then blank nodes, then IRIs, then literals;
 * literals that SPARQL's '<' compares are ordered by it, the rest by lexical form, then
 * datatype and language, so that the order is total and stable.
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
        try {
            int c = ExprEval.compare(a, b);
            if (c != 0) {
                return c;
            }
        } catch (ExprEval.ExprError e) {
            // not comparable by '<': fall through to the lexical order
        }
        // Numbers of different types that compare equal, and incomparable literals: a stable order.
        boolean na = ExprEval.isNumeric(a);
        boolean nb = ExprEval.isNumeric(b);
        if (na != nb) {
            return na ? -1 : 1;
        }
        int c = ExprEval.compareCodePoints(RdfTerms.lexicalForm(a), RdfTerms.lexicalForm(b));
        if (c != 0) {
            return c;
        }
        return ExprEval.compareCodePoints(a, b);
    }
}
