package org.nervusdb.query;

import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nervusdb.Triple;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;
import org.nervusdb.query.algebra.Path;
import org.nervusdb.query.algebra.Query;
import org.nervusdb.rdf.RdfTerms;
import org.nervusdb.testing.Seeds;

/**
 * The planner and evaluator against a brute-force evaluation of the same algebra: random
 * graphs (tables and memtable, some triples deleted), random queries of up to five patterns
 * with OPTIONAL, UNION, MINUS, FILTER, DISTINCT and property paths; the solutions must be equal
 * as multisets.
 */
class PlannerVersusNaiveTest {

    @Test
    void randomQueriesAgreeWithNestedLoops() {
        long seed = Seeds.base();
        System.out.println("PlannerVersusNaiveTest seed " + seed);
        int graphs = 12 * Seeds.scale();
        int queries = 60;
        for (int g = 0; g < graphs; g++) {
            Random rnd = new Random(seed + g);
            List<Triple> triples = randomGraph(rnd);
            try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
                store.addAll(triples.subList(0, triples.size() / 2));
                store.flush();
                store.addAll(triples.subList(triples.size() / 2, triples.size()));
                List<Triple> live = new ArrayList<>(new LinkedHashSet<>(triples));
                for (int i = 0; i < 10; i++) {
                    Triple t = live.remove(rnd.nextInt(live.size()));
                    store.delete(t.subject(), t.predicate(), t.object());
                }
                for (int q = 0; q < queries; q++) {
                    Op op = randomOp(rnd, 0);
                    List<String> vars = new ArrayList<>(Vars.all(op));
                    vars.removeIf(v -> v.startsWith("_:"));
                    Query query = new Query(Query.Form.SELECT, new Op.Project(op, vars), vars, List.of());
                    List<List<String>> expected = sortedSolutions(naive(live, new Op.Project(op, vars), vars), vars);
                    List<List<String>> actual = new ArrayList<>();
                    try (QueryResult r = QueryEngine.run(store, query, QueryOptions.defaults())) {
                        while (r.hasNext()) {
                            actual.add(Arrays.asList(r.next()));
                        }
                    }
                    assertThat(sortedRows(actual)).as("seed %d graph %d query %s", seed, g, op).isEqualTo(expected);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------- generation

    static final String[] PREDICATES = {"knows", "likes", "age", "name", "type"};

    static List<Triple> randomGraph(Random rnd) {
        List<Triple> out = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            String s = "n" + rnd.nextInt(30);
            String p = PREDICATES[rnd.nextInt(PREDICATES.length)];
            String o;
            switch (p) {
                case "age":
                    o = RdfTerms.literal(Integer.toString(rnd.nextInt(60)), null, RdfTerms.XSD + "integer");
                    break;
                case "name":
                    o = RdfTerms.literal("name" + rnd.nextInt(10));
                    break;
                case "type":
                    o = "T" + rnd.nextInt(3);
                    break;
                default:
                    o = "n" + rnd.nextInt(30);
            }
            out.add(new Triple(s, p, o));
        }
        return out;
    }

    static final String[] VARS = {"a", "b", "c", "d"};

    static Node randomNode(Random rnd, boolean predicate) {
        if (rnd.nextInt(4) == 0) {
            if (predicate) {
                return Node.term(PREDICATES[rnd.nextInt(PREDICATES.length)]);
            }
            return Node.term(rnd.nextInt(5) == 0 ? "T" + rnd.nextInt(3) : "n" + rnd.nextInt(30));
        }
        if (predicate && rnd.nextInt(3) != 0) {
            return Node.term(PREDICATES[rnd.nextInt(PREDICATES.length)]);
        }
        return Node.var(VARS[rnd.nextInt(VARS.length)]);
    }

    static Op.Bgp randomBgp(Random rnd) {
        List<Op.TriplePattern> ps = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            ps.add(new Op.TriplePattern(randomNode(rnd, false), randomNode(rnd, true), randomNode(rnd, false)));
        }
        return new Op.Bgp(ps);
    }

    /** One pattern from ?a or ?b along a constant predicate to ?c or ?d: likely to match. */
    static Op.Bgp linkedBgp(Random rnd) {
        return new Op.Bgp(List.of(new Op.TriplePattern(Node.var(VARS[rnd.nextInt(2)]),
                Node.term(PREDICATES[rnd.nextInt(PREDICATES.length)]), Node.var(VARS[2 + rnd.nextInt(2)]))));
    }

    /** ?a P ?b for a node-to-node predicate: many solutions binding both. */
    static Op.Bgp edge(Random rnd) {
        return new Op.Bgp(List.of(new Op.TriplePattern(Node.var("a"), Node.term(rnd.nextBoolean() ? "knows" : "likes"), Node.var("b"))));
    }

    static Op randomOp(Random rnd, int depth) {
        int k = depth > 1 ? 0 : rnd.nextInt(9);
        switch (k) {
            case 1:
                return new Op.Join(randomOp(rnd, depth + 1), randomOp(rnd, depth + 1));
            case 2:
                return new Op.LeftJoin(rnd.nextBoolean() ? randomOp(rnd, depth + 1) : edge(rnd), linkedBgp(rnd),
                        rnd.nextInt(3) == 0 ? null : randomExpr(rnd));
            case 3:
                return new Op.Union(randomOp(rnd, depth + 1), randomOp(rnd, depth + 1));
            case 4:
                return new Op.Filter(List.of(randomExpr(rnd)), randomOp(rnd, depth + 1));
            case 5:
                return new Op.Distinct(new Op.Project(randomOp(rnd, depth + 1), List.of(VARS[rnd.nextInt(2)], VARS[2 + rnd.nextInt(2)])));
            case 6:
                return new Op.Minus(randomOp(rnd, depth + 1), rnd.nextBoolean() ? linkedBgp(rnd) : randomBgp(rnd));
            case 7: {
                Path link = new Path.Link(rnd.nextBoolean() ? "knows" : "likes");
                Path path;
                switch (rnd.nextInt(5)) {
                    case 0:
                        path = new Path.Repeat(link, 0, -1);
                        break;
                    case 1:
                        path = new Path.Repeat(link, 1, -1);
                        break;
                    case 2:
                        path = new Path.Seq(link, new Path.Inverse(link));
                        break;
                    case 3:
                        path = new Path.Alt(link, new Path.Link("type"));
                        break;
                    default:
                        path = new Path.Repeat(link, 2, 3);
                }
                Node s = rnd.nextBoolean() ? Node.var("a") : Node.term("n" + rnd.nextInt(30));
                Node o = rnd.nextInt(3) == 0 ? Node.term("n" + rnd.nextInt(30)) : Node.var("b");
                return new Op.Join(new Op.PathPattern(s, path, o), randomBgp(rnd));
            }
            default:
                return randomBgp(rnd);
        }
    }

    static Expr randomExpr(Random rnd) {
        Expr a = new Expr.Var(VARS[rnd.nextInt(VARS.length)]);
        Expr b = new Expr.Var(VARS[rnd.nextInt(VARS.length)]);
        if (rnd.nextInt(3) == 0) {
            // Against a constant that occurs: n0..n9 as names, or an age.
            return new Expr.Call(rnd.nextBoolean() ? "=" : "!=", List.of(a, new Expr.Constant("n" + rnd.nextInt(10))));
        }
        switch (rnd.nextInt(4)) {
            case 0:
                return new Expr.Call("!=", List.of(a, b));
            case 1:
                return new Expr.Call("<", List.of(a, new Expr.Constant(RdfTerms.literal("30", null, RdfTerms.XSD + "integer"))));
            case 2:
                return new Expr.Call("BOUND", List.of(a));
            default:
                return new Expr.Call("=", List.of(a, b));
        }
    }

    // ------------------------------------------------------------------------ brute force

    static final ExprEval EXPRS = new ExprEval(0, 1);

    static List<Map<String, String>> naive(List<Triple> g, Op op, List<String> projected) {
        if (op instanceof Op.Bgp) {
            List<Map<String, String>> sols = new ArrayList<>();
            sols.add(new HashMap<>());
            for (Op.TriplePattern t : ((Op.Bgp) op).patterns) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> m : sols) {
                    for (Triple x : g) {
                        Map<String, String> r = new HashMap<>(m);
                        if (bind(r, t.s, x.subject()) && bind(r, t.p, x.predicate()) && bind(r, t.o, x.object())) {
                            next.add(r);
                        }
                    }
                }
                sols = next;
            }
            return sols;
        }
        if (op instanceof Op.PathPattern) {
            Op.PathPattern pp = (Op.PathPattern) op;
            List<Map<String, String>> out = new ArrayList<>();
            for (String[] pair : pathPairs(g, pp.path)) {
                Map<String, String> r = new HashMap<>();
                if (bind(r, pp.s, pair[0]) && bind(r, pp.o, pair[1])) {
                    out.add(r);
                }
            }
            // Zero-length paths from constants not in the graph.
            if (PathEval.canBeEmpty(pp.path) && !pp.s.isVar() && !nodes(g).contains(pp.s.term)) {
                Map<String, String> r = new HashMap<>();
                if (bind(r, pp.o, pp.s.term)) {
                    out.add(r);
                }
            }
            return out;
        }
        if (op instanceof Op.Join) {
            List<Map<String, String>> out = new ArrayList<>();
            for (Map<String, String> a : naive(g, ((Op.Join) op).left, projected)) {
                for (Map<String, String> b : naive(g, ((Op.Join) op).right, projected)) {
                    Map<String, String> m = merge(a, b);
                    if (m != null) {
                        out.add(m);
                    }
                }
            }
            return out;
        }
        if (op instanceof Op.LeftJoin) {
            Op.LeftJoin j = (Op.LeftJoin) op;
            List<Map<String, String>> out = new ArrayList<>();
            List<Map<String, String>> right = naive(g, j.right, projected);
            for (Map<String, String> a : naive(g, j.left, projected)) {
                boolean any = false;
                for (Map<String, String> b : right) {
                    Map<String, String> m = merge(a, b);
                    if (m != null && (j.filter == null || EXPRS.test(j.filter, scope(m)))) {
                        out.add(m);
                        any = true;
                    }
                }
                if (!any) {
                    out.add(a);
                }
            }
            return out;
        }
        if (op instanceof Op.Union) {
            List<Map<String, String>> out = new ArrayList<>(naive(g, ((Op.Union) op).left, projected));
            out.addAll(naive(g, ((Op.Union) op).right, projected));
            return out;
        }
        if (op instanceof Op.Minus) {
            List<Map<String, String>> out = new ArrayList<>();
            List<Map<String, String>> right = naive(g, ((Op.Minus) op).right, projected);
            for (Map<String, String> a : naive(g, ((Op.Minus) op).left, projected)) {
                boolean drop = false;
                for (Map<String, String> b : right) {
                    boolean shared = false;
                    for (String k : a.keySet()) {
                        shared |= b.containsKey(k);
                    }
                    drop |= shared && merge(a, b) != null;
                }
                if (!drop) {
                    out.add(a);
                }
            }
            return out;
        }
        if (op instanceof Op.Filter) {
            List<Map<String, String>> out = new ArrayList<>();
            for (Map<String, String> a : naive(g, ((Op.Filter) op).op, projected)) {
                boolean ok = true;
                for (Expr e : ((Op.Filter) op).exprs) {
                    ok &= EXPRS.test(e, scope(a));
                }
                if (ok) {
                    out.add(a);
                }
            }
            return out;
        }
        if (op instanceof Op.Project) {
            List<Map<String, String>> out = new ArrayList<>();
            for (Map<String, String> a : naive(g, ((Op.Project) op).op, projected)) {
                Map<String, String> m = new HashMap<>();
                for (String v : ((Op.Project) op).vars) {
                    if (a.containsKey(v)) {
                        m.put(v, a.get(v));
                    }
                }
                out.add(m);
            }
            return out;
        }
        if (op instanceof Op.Distinct) {
            return new ArrayList<>(new LinkedHashSet<>(naive(g, ((Op.Distinct) op).op, projected)));
        }
        throw new IllegalStateException("naive evaluation lacks " + op);
    }

    static Set<String> nodes(List<Triple> g) {
        Set<String> out = new LinkedHashSet<>();
        for (Triple t : g) {
            out.add(t.subject());
            out.add(t.object());
        }
        return out;
    }

    /** All (start, end) pairs of a path, by fixpoint over the whole graph. */
    static List<String[]> pathPairs(List<Triple> g, Path p) {
        List<String[]> out = new ArrayList<>();
        if (p instanceof Path.Link) {
            for (Triple t : g) {
                if (t.predicate().equals(((Path.Link) p).iri)) {
                    out.add(new String[] {t.subject(), t.object()});
                }
            }
        } else if (p instanceof Path.Inverse) {
            for (String[] x : pathPairs(g, ((Path.Inverse) p).path)) {
                out.add(new String[] {x[1], x[0]});
            }
        } else if (p instanceof Path.Alt) {
            out.addAll(pathPairs(g, ((Path.Alt) p).first));
            out.addAll(pathPairs(g, ((Path.Alt) p).second));
        } else if (p instanceof Path.Seq) {
            for (String[] x : pathPairs(g, ((Path.Seq) p).first)) {
                for (String[] y : pathPairs(g, ((Path.Seq) p).second)) {
                    if (x[1].equals(y[0])) {
                        out.add(new String[] {x[0], y[1]});
                    }
                }
            }
        } else if (p instanceof Path.Repeat) {
            Path.Repeat r = (Path.Repeat) p;
            List<String[]> step = pathPairs(g, r.path);
            Set<String> all = nodes(g);
            // Exact levels: nodes at exactly k steps. Past min + |nodes| no new node can appear.
            int last = r.max >= 0 ? r.max : r.min + all.size() + 1;
            for (String start : all) {
                Set<String> reached = new LinkedHashSet<>();
                Set<String> level = new LinkedHashSet<>(List.of(start));
                for (int k = 0; k <= last && !level.isEmpty(); k++) {
                    if (k >= r.min) {
                        reached.addAll(level);
                    }
                    Set<String> next = new LinkedHashSet<>();
                    for (String x : level) {
                        for (String[] e : step) {
                            if (e[0].equals(x)) {
                                next.add(e[1]);
                            }
                        }
                    }
                    level = next;
                }
                for (String end : reached) {
                    out.add(new String[] {start, end});
                }
            }
        }
        return out;
    }

    static boolean bind(Map<String, String> m, Node n, String value) {
        if (!n.isVar()) {
            return n.term.equals(value);
        }
        String have = m.get(n.var);
        if (have == null) {
            m.put(n.var, value);
            return true;
        }
        return have.equals(value);
    }

    static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new HashMap<>(a);
        for (Map.Entry<String, String> e : b.entrySet()) {
            String have = out.putIfAbsent(e.getKey(), e.getValue());
            if (have != null && !have.equals(e.getValue())) {
                return null;
            }
        }
        return out;
    }

    static ExprEval.Scope scope(Map<String, String> m) {
        return new ExprEval.Scope() {
            @Override
            public String value(String var) {
                return m.get(var);
            }

            @Override
            public boolean exists(Expr.Exists e) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean check(Expr.StoreCall c) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String freshBlank(String label) {
                throw new UnsupportedOperationException();
            }
        };
    }

    static List<List<String>> sortedRows(List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>(rows);
        out.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
        return out;
    }

    static List<List<String>> sortedSolutions(List<Map<String, String>> sols, List<String> vars) {
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, String> m : sols) {
            List<String> r = new ArrayList<>();
            for (String v : vars) {
                r.add(m.get(v));
            }
            rows.add(r);
        }
        rows.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
        return rows;
    }
}
