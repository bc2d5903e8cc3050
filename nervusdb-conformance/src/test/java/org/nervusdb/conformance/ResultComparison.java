package org.nervusdb.conformance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.Value;

/**
 * Decides whether an actual result equals the expected one, and if not, says why in one line.
 *
 * <ul>
 * <li>ASK: the same boolean.</li>
 * <li>SELECT: the same projected variables (as a set; checked when the expected result names
 * them), and the same <b>multiset</b> of solutions, where terms are compared as RDF terms (lang
 * tags without regard to case) and blank nodes up to a consistent one-to-one renaming across the
 * whole result (isomorphism), since their labels carry no meaning. Numbers of the same
 * datatype compare by value ({@link Terms#comparisonKey}).</li>
 * <li>If the query has a top-level ORDER BY and the expected result is ordered, the solutions must
 * also come in the expected order. When every ORDER BY key is a projected variable, only those
 * keys are compared row by row, so that solutions tied on the keys may come in any order;
 * otherwise whole rows are compared. Blank nodes compare equal to each other here (the multiset
 * check already matched them).</li>
 * <li>With mf:LaxCardinality (REDUCED), duplicates are ignored: the results are compared as
 * sets.</li>
 * </ul>
 */
final class ResultComparison {
    /** Stop searching for a blank-node mapping after this many steps. */
    private static final int MAX_STEPS = 1_000_000;
    private static final int MAX_SHOWN = 2;

    private ResultComparison() {
    }

    /** Null if {@code actual} is a correct answer, else the reason it is not. */
    static String compare(Solutions expected, Solutions actual, QueryText query, boolean lax) {
        if (expected.isAsk()) {
            if (!actual.isAsk()) {
                return "expected an ASK answer (" + expected.askAnswer + "), got a SELECT result";
            }
            return expected.askAnswer.equals(actual.askAnswer) ? null
                    : "ASK answered " + actual.askAnswer + ", expected " + expected.askAnswer;
        }
        if (actual.isAsk()) {
            return "expected a SELECT result, got an ASK answer (" + actual.askAnswer + ")";
        }
        if (!expected.variables.isEmpty()
                && !new HashSet<>(expected.variables).equals(new HashSet<>(actual.variables))) {
            return "projected variables " + new TreeSet<>(actual.variables) + ", expected "
                    + new TreeSet<>(expected.variables);
        }
        List<Row> exp = rows(expected.rows);
        List<Row> act = rows(actual.rows);
        if (lax) {
            exp = distinct(exp);
            act = distinct(act);
        }
        String multiset = compareMultisets(exp, act);
        if (multiset != null) {
            return multiset;
        }
        if (!lax && expected.ordered && query.ordered()) {
            return compareOrder(exp, act, query, actual.variables);
        }
        return null;
    }

    /** One solution: canonical terms by variable, blank nodes as {@code _:id}. */
    private static final class Row {
        final Map<String, String> terms = new TreeMap<>();
        final Map<String, Value> values;
        boolean hasBlank;

        Row(Map<String, Value> values) {
            this.values = values;
            for (Map.Entry<String, Value> e : values.entrySet()) {
                terms.put(e.getKey(), Terms.comparisonKey(e.getValue()));
                hasBlank |= e.getValue() instanceof BNode;
            }
        }

        /** Equal exactly for equal rows (NUL and SOH do not occur in the suite's terms). */
        String key() {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> t : terms.entrySet()) {
                sb.append(t.getKey()).append('\u0001').append(t.getValue()).append('\u0000');
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return Solutions.show(values);
        }
    }

    private static List<Row> rows(List<Map<String, Value>> rows) {
        List<Row> out = new ArrayList<>(rows.size());
        for (Map<String, Value> r : rows) {
            out.add(new Row(r));
        }
        return out;
    }

    private static List<Row> distinct(List<Row> rows) {
        Map<String, Row> seen = new LinkedHashMap<>();
        for (Row r : rows) {
            seen.putIfAbsent(r.key(), r);
        }
        return new ArrayList<>(seen.values());
    }

    private static String compareMultisets(List<Row> exp, List<Row> act) {
        // Rows without blank nodes: plain multiset difference.
        Map<String, List<Row>> expGround = new LinkedHashMap<>();
        Map<String, List<Row>> actGround = new LinkedHashMap<>();
        List<Row> expBlank = new ArrayList<>();
        List<Row> actBlank = new ArrayList<>();
        split(exp, expGround, expBlank);
        split(act, actGround, actBlank);
        List<Row> missing = difference(expGround, actGround);
        List<Row> unexpected = difference(actGround, expGround);
        if (!missing.isEmpty() || !unexpected.isEmpty() || expBlank.size() != actBlank.size()) {
            StringBuilder sb = new StringBuilder();
            sb.append(act.size()).append(" rows, expected ").append(exp.size());
            if (!missing.isEmpty()) {
                sb.append("; missing ").append(sample(missing));
            }
            if (!unexpected.isEmpty()) {
                sb.append("; unexpected ").append(sample(unexpected));
            }
            if (expBlank.size() != actBlank.size()) {
                sb.append("; ").append(actBlank.size()).append(" rows with blank nodes, expected ").append(expBlank.size());
            }
            return sb.toString();
        }
        // Rows with blank nodes: search for a one-to-one renaming of blank nodes.
        if (!expBlank.isEmpty()) {
            int[] steps = {0};
            boolean found = matchBlank(expBlank, actBlank, 0, new boolean[actBlank.size()], new HashMap<>(),
                    new HashMap<>(), steps);
            if (!found) {
                return steps[0] >= MAX_STEPS
                        ? "gave up matching blank nodes after " + MAX_STEPS + " steps"
                        : "no renaming of blank nodes matches the " + expBlank.size()
                                + " rows with blank nodes; e.g. expected " + expBlank.get(0) + ", got " + actBlank.get(0);
            }
        }
        return null;
    }

    private static void split(List<Row> rows, Map<String, List<Row>> ground, List<Row> blank) {
        for (Row r : rows) {
            if (r.hasBlank) {
                blank.add(r);
            } else {
                ground.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
            }
        }
    }

    /** The rows of {@code a} left after taking away those of {@code b}, counting duplicates. */
    private static List<Row> difference(Map<String, List<Row>> a, Map<String, List<Row>> b) {
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : a.entrySet()) {
            int extra = e.getValue().size() - b.getOrDefault(e.getKey(), List.of()).size();
            for (int i = 0; i < extra; i++) {
                out.add(e.getValue().get(0));
            }
        }
        return out;
    }

    private static String sample(Collection<Row> rows) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (Row r : rows) {
            if (i == MAX_SHOWN) {
                sb.append(" (and ").append(rows.size() - MAX_SHOWN).append(" more)");
                break;
            }
            sb.append(i == 0 ? "" : " ").append(r);
            i++;
        }
        return sb.toString();
    }

    /**
     * Backtracking search: matches expected blank-node rows, in order, to unused actual rows,
     * extending the mapping of expected to actual blank nodes (and its inverse) as it goes.
     */
    private static boolean matchBlank(List<Row> exp, List<Row> act, int i, boolean[] used,
                                      Map<String, String> forward, Map<String, String> backward, int[] steps) {
        if (i == exp.size()) {
            return true;
        }
        Row e = exp.get(i);
        for (int j = 0; j < act.size(); j++) {
            if (used[j]) {
                continue;
            }
            if (++steps[0] > MAX_STEPS) {
                return false;
            }
            Row a = act.get(j);
            List<String> added = new ArrayList<>();
            if (compatible(e, a, forward, backward, added)) {
                used[j] = true;
                if (matchBlank(exp, act, i + 1, used, forward, backward, steps)) {
                    return true;
                }
                used[j] = false;
            }
            for (String k : added) {
                backward.remove(forward.remove(k));
            }
        }
        return false;
    }

    /** Whether two rows agree under the mapping, extending it; new mappings go to {@code added}. */
    private static boolean compatible(Row e, Row a, Map<String, String> forward, Map<String, String> backward,
                                      List<String> added) {
        if (!e.terms.keySet().equals(a.terms.keySet())) {
            return false;
        }
        for (Map.Entry<String, String> t : e.terms.entrySet()) {
            String x = t.getValue();
            String y = a.terms.get(t.getKey());
            boolean xb = e.values.get(t.getKey()) instanceof BNode;
            boolean yb = a.values.get(t.getKey()) instanceof BNode;
            if (xb != yb) {
                return false;
            }
            if (!xb) {
                if (!x.equals(y)) {
                    return false;
                }
                continue;
            }
            String mapped = forward.get(x);
            if (mapped == null) {
                if (backward.containsKey(y)) {
                    return false;
                }
                forward.put(x, y);
                backward.put(y, x);
                added.add(x);
            } else if (!mapped.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static String compareOrder(List<Row> exp, List<Row> act, QueryText query, List<String> projected) {
        Set<String> keys = new LinkedHashSet<>();
        if (query.orderedByVariablesOnly()) {
            for (String v : query.orderKeys) {
                if (projected.contains(v)) {
                    keys.add(v);
                }
            }
        }
        for (int i = 0; i < exp.size(); i++) {
            if (!orderKey(exp.get(i), keys).equals(orderKey(act.get(i), keys))) {
                String what = keys.isEmpty() ? "" : " (comparing ORDER BY keys " + keys + ")";
                return "order differs at row " + (i + 1) + what + ": expected " + exp.get(i) + ", got " + act.get(i);
            }
        }
        return null;
    }

    /** The terms that decide a row's place; all blank nodes are alike here. */
    private static String orderKey(Row r, Set<String> keys) {
        Map<String, String> k = new TreeMap<>();
        for (Map.Entry<String, String> t : r.terms.entrySet()) {
            if (keys.isEmpty() || keys.contains(t.getKey())) {
                k.put(t.getKey(), r.values.get(t.getKey()) instanceof BNode ? "_:" : t.getValue());
            }
        }
        return k.toString();
    }
}
