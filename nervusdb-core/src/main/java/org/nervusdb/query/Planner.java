package org.nervusdb.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;

/**
 * Orders the triple patterns of a basic graph pattern for index nested-loop evaluation, by
 * estimated cost. The estimates come from the store's indexes, which are always current: the
 * number of triples matching a pattern's constants (exact when small, else from the table
 * indexes; for a lone predicate this is the per-predicate count), divided, for each position a
 * variable bound by earlier patterns will fill, by the number of distinct values that position
 * takes among those triples (estimated from a sample of the index); with the other two positions
 * constant, by the number of distinct values that position takes among all the predicate's triples.
 *
 * <p>Up to {@link #EXHAUSTIVE} patterns, every order is considered (dynamic programming over
 * the sets of patterns done): an order costs, step by step, one index lookup per solution so far
 * and one per solution after the step, and the cheapest order wins. So a query starts where the
 * whole chain stays small, not at its smallest pattern: BSBM's BI Q1 goes from the 741
 * subjects in one country through their reviews, not from the 329 product types through all
 * their 14,000 products. Beyond that, greedily: first the pattern with the fewest expected
 * matches; then the one with the fewest expected matches per solution so far. Either way, a
 * pattern that shares no variable with those before it (a cartesian product) counts
 * {@link #CROSS_PRODUCT_PENALTY} times its matches in the cost (not in the solutions it makes):
 * it still goes first when a joined pattern would fan out much more, as {@code <p> <knows> ?f}
 * (12 matches) before {@code ?g <livesIn> ?c} (600 per city) once {@code <p> <livesIn> ?c} is
 * bound.
 */
final class Planner {
    /**
     * How much worse than its estimate a pattern sharing no variable with those chosen is taken
     * to be: its matches multiply every solution so far, and an estimate that is too low costs
     * more there than in a join.
     */
    static final double CROSS_PRODUCT_PENALTY = 4;

    /** The most patterns whose orders are all considered; larger patterns are ordered greedily. */
    static final int EXHAUSTIVE = 10;

    private Planner() {
    }

    static List<Op.TriplePattern> order(Evaluator ev, Op.Bgp bgp, long[] seed) {
        return order(ev, bgp, seed, List.of());
    }

    /**
     * As {@link #order(Evaluator, Op.Bgp, long[])}, for a pattern under filter {@code conjuncts},
     * which are tested as soon as their variables are bound: a pattern that binds the last
     * variable of a conjunct counts its matches times the conjunct's {@link #selectivity}, so
     * that {@code ?p <price> ?x FILTER(?x < 100)} goes before an unfiltered pattern of as many
     * matches, and the rows it rejects are not extended by the other.
     */
    static List<Op.TriplePattern> order(Evaluator ev, Op.Bgp bgp, long[] seed, List<Expr> conjuncts) {
        List<Op.TriplePattern> left = new ArrayList<>(bgp.patterns);
        List<Op.TriplePattern> out = new ArrayList<>(left.size());
        if (left.size() <= 1) {
            return left;
        }
        Set<String> bound = new HashSet<>();
        for (String v : ev.names()) {
            if (seed[ev.slot(v)] != 0) {
                bound.add(v);
            }
        }
        List<Set<String>> filterVars = new ArrayList<>();
        List<Double> filterFactor = new ArrayList<>();
        for (Expr c : conjuncts) {
            if (Vars.hasExists(c)) {
                continue;
            }
            Set<String> vars = new HashSet<>();
            Vars.collect(c, vars);
            if (!vars.isEmpty() && !bound.containsAll(vars)) {
                filterVars.add(vars);
                filterFactor.add(selectivity(c));
            }
        }
        if (left.size() <= EXHAUSTIVE) {
            List<Op.TriplePattern> best = exhaustive(ev, left, bound, seed, filterVars, filterFactor);
            if (best != null) {
                return best;
            }
        }
        while (!left.isEmpty()) {
            Op.TriplePattern best = null;
            double bestCost = Double.MAX_VALUE;
            for (Op.TriplePattern t : left) {
                boolean connected = bound.isEmpty() || shares(t, bound);
                double cost = estimate(ev, t, bound, seed);
                if (!filterVars.isEmpty()) {
                    Set<String> after = new HashSet<>(bound);
                    addVars(t, after);
                    for (int i = 0; i < filterVars.size(); i++) {
                        if (after.containsAll(filterVars.get(i)) && !bound.containsAll(filterVars.get(i))) {
                            cost *= filterFactor.get(i);
                        }
                    }
                }
                if (!connected) {
                    cost = cost * CROSS_PRODUCT_PENALTY + 1;
                }
                if (best == null || cost < bestCost) {
                    best = t;
                    bestCost = cost;
                }
            }
            out.add(best);
            left.remove(best);
            addVars(best, bound);
        }
        return out;
    }

    /** The cheapest order of {@code ps} (see the class comment), by dynamic programming over the sets done. */
    private static List<Op.TriplePattern> exhaustive(Evaluator ev, List<Op.TriplePattern> ps, Set<String> seedBound, long[] seed,
            List<Set<String>> filterVars, List<Double> filterFactor) {
        int n = ps.size();
        // Variables as bits: those of each pattern, of each filter conjunct, and the seed's.
        List<String> names = new ArrayList<>();
        long[] varsOf = new long[n];
        long[] sBit = new long[n];
        long[] pBit = new long[n];
        long[] oBit = new long[n];
        for (int i = 0; i < n; i++) {
            Op.TriplePattern t = ps.get(i);
            sBit[i] = bit(t.s, names);
            pBit[i] = bit(t.p, names);
            oBit[i] = bit(t.o, names);
            varsOf[i] = sBit[i] | pBit[i] | oBit[i];
        }
        if (names.size() > 62) {
            return null;
        }
        long seedMask = 0;
        for (int k = 0; k < names.size(); k++) {
            if (seedBound.contains(names.get(k))) {
                seedMask |= 1L << k;
            }
        }
        long[] filterMask = new long[filterVars.size()];
        for (int f = 0; f < filterMask.length; f++) {
            for (String v : filterVars.get(f)) {
                int k = names.indexOf(v);
                if (k >= 0) {
                    filterMask[f] |= 1L << k;
                } else if (!seedBound.contains(v)) {
                    filterMask[f] |= Long.MIN_VALUE; // a variable nothing binds: never complete
                }
            }
        }
        int all = (1 << n) - 1;
        double[] cost = new double[all + 1];
        double[] rows = new double[all + 1];
        long[] boundOf = new long[all + 1];
        int[] pick = new int[all + 1];
        java.util.Arrays.fill(cost, Double.MAX_VALUE);
        cost[0] = 0;
        rows[0] = 1;
        boundOf[0] = seedMask;
        // Estimates depend on the pattern and on which of its positions are bound: 8 per pattern.
        double[] estimates = new double[n * 8];
        java.util.Arrays.fill(estimates, -1);
        for (int done = 0; done < all; done++) {
            if (cost[done] == Double.MAX_VALUE) {
                continue;
            }
            long bound = boundOf[done];
            for (int i = 0; i < n; i++) {
                if ((done & (1 << i)) != 0) {
                    continue;
                }
                int key = i * 8 + ((sBit[i] & bound) != 0 ? 1 : 0) + ((pBit[i] & bound) != 0 ? 2 : 0) + ((oBit[i] & bound) != 0 ? 4 : 0);
                if (estimates[key] < 0) {
                    estimates[key] = estimate(ev, ps.get(i), names(names, bound, seedBound), seed);
                }
                double e = estimates[key];
                long after = bound | varsOf[i];
                for (int f = 0; f < filterMask.length; f++) {
                    if ((filterMask[f] & ~after) == 0 && (filterMask[f] & ~bound) != 0) {
                        e *= filterFactor.get(f);
                    }
                }
                double out = rows[done] * e;
                double step = rows[done] + out;
                if (bound != 0 && (varsOf[i] & bound) == 0) {
                    step = step * CROSS_PRODUCT_PENALTY + 1;
                }
                int next = done | (1 << i);
                if (cost[done] + step < cost[next]) {
                    cost[next] = cost[done] + step;
                    rows[next] = out;
                    pick[next] = i;
                    boundOf[next] = after;
                }
            }
        }
        Op.TriplePattern[] order = new Op.TriplePattern[n];
        for (int done = all, k = n - 1; k >= 0; k--) {
            order[k] = ps.get(pick[done]);
            done &= ~(1 << pick[done]);
        }
        // The estimates explain() shows: each pattern's in the order chosen.
        Set<String> bound = new HashSet<>(seedBound);
        List<Op.TriplePattern> out = new ArrayList<>(n);
        for (Op.TriplePattern t : order) {
            estimate(ev, t, bound, seed);
            addVars(t, bound);
            out.add(t);
        }
        return out;
    }

    /** The bit of a variable position ({@code names} grows), or 0 for a constant. */
    private static long bit(Node node, List<String> names) {
        if (!node.isVar()) {
            return 0;
        }
        int k = names.indexOf(node.var);
        if (k < 0) {
            k = names.size();
            names.add(node.var);
        }
        return k < 63 ? 1L << k : 0;
    }

    /** The names of the variables in {@code mask}, with the seed's. */
    private static Set<String> names(List<String> names, long mask, Set<String> seedBound) {
        Set<String> out = new HashSet<>(seedBound);
        for (int k = 0; k < names.size() && k < 63; k++) {
            if ((mask & (1L << k)) != 0) {
                out.add(names.get(k));
            }
        }
        return out;
    }

    /**
     * The share of rows a filter conjunct is taken to keep (the classic defaults of System R's
     * optimizer): a third for a range comparison, a tenth for an equality, half for anything else
     * but a negated equality, which is taken to keep them all.
     */
    static double selectivity(Expr c) {
        if (!(c instanceof Expr.Call)) {
            return 0.5;
        }
        switch (((Expr.Call) c).name) {
            case "<":
            case ">":
            case "<=":
            case ">=":
                return 1.0 / 3;
            case "=":
            case "SAMETERM":
                return 0.1;
            case "!=":
                return 1;
            default:
                return 0.5;
        }
    }

    private static boolean shares(Op.TriplePattern t, Set<String> bound) {
        return (t.s.isVar() && bound.contains(t.s.var)) || (t.p.isVar() && bound.contains(t.p.var))
                || (t.o.isVar() && bound.contains(t.o.var));
    }

    private static void addVars(Op.TriplePattern t, Set<String> bound) {
        if (t.s.isVar()) {
            bound.add(t.s.var);
        }
        if (t.p.isVar()) {
            bound.add(t.p.var);
        }
        if (t.o.isVar()) {
            bound.add(t.o.var);
        }
    }

    /** Expected matches of one pattern per solution of the patterns before it. */
    static double estimate(Evaluator ev, Op.TriplePattern t, Set<String> bound, long[] seed) {
        TripleStore.StoreSnapshot snap = ev.snapshot();
        long s = id(ev, t.s, seed);
        long p = id(ev, t.p, seed);
        long o = id(ev, t.o, seed);
        if (s < 0 || p < 0 || o < 0) {
            return 0; // a constant the store lacks: nothing matches, so do it first
        }
        double n = snap.estimate(s, p, o);
        if (n == 0) {
            return 0;
        }
        // Positions a variable will have bound by then (but not yet in the seed).
        boolean bs = s == 0 && t.s.isVar() && bound.contains(t.s.var);
        boolean bp = p == 0 && t.p.isVar() && bound.contains(t.p.var);
        boolean bo = o == 0 && t.o.isVar() && bound.contains(t.o.var);
        // A bound subject with the predicate and object constant is one of the predicate's
        // subjects, of which only some have this object: ?x <country> <GB> matches the rows whose
        // ?x is among the count(p, GB) subjects in GB, out of all the subjects with a country, not
        // one per row (dividing by the distinct subjects of (p, GB) alone would say 1.0 for every
        // row). The same for a bound object with the subject and predicate constant.
        if (bs) {
            n /= Math.max(1, o > 0 && p > 0 && !bo ? Statistics.distinct(ev, 0, p, 0, 's') : Statistics.distinct(ev, s, p, o, 's'));
        }
        if (bo) {
            n /= Math.max(1, s > 0 && p > 0 && !bs ? Statistics.distinct(ev, 0, p, 0, 'o') : Statistics.distinct(ev, s, p, o, 'o'));
        }
        if (bp) {
            n /= Math.max(1, Statistics.distinct(ev, s, p, o, 'p'));
        }
        // At least half a match for a pattern of its own (an estimate, not a certainty); a join
        // on a bound position may expect far fewer matches per row (a filter of the rows).
        double r = Math.max(n, bs || bo || bp ? 0.01 : 0.5);
        ev.estimates.put(t, r);
        return r;
    }

    private static long id(Evaluator ev, Node n, long[] seed) {
        if (n.isVar()) {
            long v = seed[ev.slot(n.var)];
            return v < 0 ? -1 : v;
        }
        long id = ev.snapshot().lookup(n.term);
        return id > 0 ? id : -1;
    }
}
