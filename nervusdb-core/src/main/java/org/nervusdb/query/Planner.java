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
 * <p>Greedy: first the pattern with the fewest expected matches; then the one with the fewest
 * expected matches per solution so far. A pattern that shares no variable with those chosen (a
 * cartesian product) counts {@link #CROSS_PRODUCT_PENALTY} times its matches: it still goes
 * first when a joined pattern would fan out much more, as {@code <p> <knows> ?f} (12 matches)
 * before {@code ?g <livesIn> ?c} (600 per city) once {@code <p> <livesIn> ?c} is bound.
 */
final class Planner {
    /**
     * How much worse than its estimate a pattern sharing no variable with those chosen is taken
     * to be: its matches multiply every solution so far, and an estimate that is too low costs
     * more there than in a join.
     */
    static final double CROSS_PRODUCT_PENALTY = 4;

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
