package org.nervusdb.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nervusdb.InvalidTermException;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.rdf.RdfTerms;

/** The set functions of SPARQL 1.1 (section 18.5.1) over one group's solutions. */
final class Aggregates {
    private Aggregates() {
    }

    /** The aggregate's value for the group, or null when it has none (an error). */
    static String compute(Evaluator ev, Expr.Aggregate a, List<long[]> group) {
        if (a.name.equals("COUNT") && a.arg == null) {
            if (!a.distinct) {
                return integer(group.size());
            }
            Set<Evaluator.RowKey> seen = new HashSet<>();
            for (long[] row : group) {
                seen.add(new Evaluator.RowKey(row));
            }
            return integer(seen.size());
        }
        if (a.name.equals("COUNT") && a.arg instanceof Expr.Var) {
            // A variable's ids stand for its terms (one id a term): count them without the terms.
            int s = ev.slot(((Expr.Var) a.arg).name);
            Set<Long> ids = a.distinct ? new HashSet<>() : null;
            int n = 0;
            for (long[] row : group) {
                if (row[s] != 0 && (ids == null || ids.add(row[s]))) {
                    n++;
                }
            }
            return integer(n);
        }
        // The argument's values; an error makes COUNT skip the row and every other aggregate fail.
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (long[] row : group) {
            String v;
            try {
                v = ev.exprs.eval(a.arg, ev.scope(row));
            } catch (ExprEval.ExprError | InvalidTermException e) {
                if (a.name.equals("COUNT") || a.name.equals("SAMPLE") || a.name.equals("MIN") || a.name.equals("MAX")) {
                    continue;
                }
                return null;
            }
            if (!a.distinct || seen.add(v)) {
                values.add(v);
            }
        }
        try {
            switch (a.name) {
                case "COUNT":
                    return integer(values.size());
                case "SUM":
                case "AVG": {
                    // As a chain of '+' (each step promoted to the wider type, a float sum rounded
                    // to float at every step), without writing out and parsing the running sum.
                    Number acc = Decimal.of(0);
                    int rank = 0;
                    for (String v : values) {
                        Number n = ExprEval.number(v);
                        int to = Math.max(rank, ExprEval.rank(ExprEval.datatype(v)));
                        if (to >= 2) {
                            double d = acc.doubleValue() + n.doubleValue();
                            acc = to == 2 ? (double) (float) d : d;
                        } else {
                            acc = ((Decimal) acc).add((Decimal) n);
                        }
                        rank = to;
                    }
                    String sum = ExprEval.numeric(acc, rank);
                    if (a.name.equals("SUM") || values.isEmpty()) {
                        return sum;
                    }
                    return ExprEval.arithmetic('/', sum, integer(values.size()));
                }
                case "MIN":
                case "MAX": {
                    String best = null;
                    for (String v : values) {
                        if (best == null) {
                            best = v;
                        } else {
                            int c = Ordering.compare(v, best);
                            if (a.name.equals("MIN") ? c < 0 : c > 0) {
                                best = v;
                            }
                        }
                    }
                    return best;
                }
                case "SAMPLE":
                    return values.isEmpty() ? null : values.get(0);
                case "GROUP_CONCAT": {
                    StringBuilder sb = new StringBuilder();
                    String sep = a.separator == null ? " " : a.separator;
                    String lang = null;
                    boolean sameLang = !values.isEmpty();
                    for (int i = 0; i < values.size(); i++) {
                        String v = values.get(i);
                        if (!ExprEval.isLiteral(v)) {
                            return null;
                        }
                        if (i > 0) {
                            sb.append(sep);
                        }
                        sb.append(RdfTerms.lexicalForm(v));
                        String l = RdfTerms.language(v);
                        if (i == 0) {
                            lang = l;
                        }
                        sameLang &= l != null && l.equals(lang);
                        if (sb.length() > ExprEval.MAX_STRING) {
                            return null;
                        }
                    }
                    return sameLang ? RdfTerms.literal(sb.toString(), lang, null) : RdfTerms.literal(sb.toString());
                }
                default:
                    return null;
            }
        } catch (ExprEval.ExprError | InvalidTermException e) {
            return null;
        }
    }

    private static String integer(long n) {
        return RdfTerms.literal(Long.toString(n), null, ExprEval.INTEGER);
    }
}
