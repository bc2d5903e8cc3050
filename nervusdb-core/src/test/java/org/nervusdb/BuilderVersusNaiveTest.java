package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.JavaRegexEngine;
import org.nervusdb.query.RegexEngine;
import org.nervusdb.rdf.RdfTerms;
import org.nervusdb.testing.Seeds;

/**
 * The query builder against a brute-force evaluation: random graphs with random labels, node
 * and edge properties, random chains of follow / followReverse / path steps and unions with
 * random conditions, label and property filters on every stage, random ordering, paging,
 * distinct values and group counts. Results must be equal (as sets where the builder
 * promises no order, as sequences where it does).
 */
class BuilderVersusNaiveTest {

    @BeforeAll
    static void regex() {
        RegexEngine.install(new JavaRegexEngine());
    }

    static final String[] PREDICATES = {"knows", "likes", "age"};
    static final String[] LABELS = {"A", "B", "C"};

    /** What the store holds beside the triples, for the naive side. */
    static final class Extras {
        final Map<String, Set<String>> labels = new java.util.HashMap<>();
        final Map<String, Map<String, Object>> nodeProps = new java.util.HashMap<>();
        final Map<Triple, Map<String, Object>> edgeProps = new java.util.HashMap<>();
    }

    private static Extras decorate(TripleStore store, List<Triple> all, Random rnd) {
        Extras x = new Extras();
        org.nervusdb.Transaction tx = new org.nervusdb.Transaction();
        for (int i = 0; i < 15; i++) {
            String n = "n" + i;
            Set<String> ls = new HashSet<>();
            for (String l : LABELS) {
                if (rnd.nextInt(3) == 0) {
                    ls.add(l);
                }
            }
            x.labels.put(n, ls);
            tx.addLabels(n, ls);
            if (rnd.nextInt(10) < 7) {
                Map<String, Object> m = Map.of("rank", rnd.nextInt(4) == 0 ? (Object) ("r" + rnd.nextInt(3)) : (Object) (long) rnd.nextInt(10));
                x.nodeProps.put(n, m);
                tx.setNodeProperties(n, m);
            }
        }
        for (Triple t : all) {
            if (rnd.nextInt(10) < 4) {
                Map<String, Object> m = Map.of("w", (long) rnd.nextInt(5));
                x.edgeProps.put(t, m);
                tx.setEdgeProperties(t.subject(), t.predicate(), t.object(), m);
            }
        }
        store.commit(tx);
        return x;
    }

    @Test
    void randomBuilderQueriesAgreeWithBruteForce() {
        long seed = Seeds.base();
        System.out.println("BuilderVersusNaiveTest seed " + seed);
        for (int g = 0; g < 10 * Seeds.scale(); g++) {
            Random rnd = new Random(seed + g);
            Set<Triple> graph = new LinkedHashSet<>();
            for (int i = 0; i < 120; i++) {
                String s = "n" + rnd.nextInt(15);
                String p = PREDICATES[rnd.nextInt(PREDICATES.length)];
                String o = p.equals("age") ? num(rnd.nextInt(60) - 10) : "n" + rnd.nextInt(15);
                graph.add(Triple.of(s, p, o));
            }
            List<Triple> all = new ArrayList<>(graph);
            try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
                store.addAll(all.subList(0, all.size() / 2));
                store.flush();
                store.addAll(all.subList(all.size() / 2, all.size()));
                Extras extras = decorate(store, all, rnd);
                for (int q = 0; q < 80; q++) {
                    check(store, graph, extras, rnd, "seed " + seed + " graph " + g + " query " + q);
                }
            }
        }
    }

    private static void check(TripleStore store, Set<Triple> graph, Extras extras, Random rnd, String label) {
        QueryBuilder b = store.query();
        StringBuilder desc = new StringBuilder("query()");
        // The naive chain: the facts of the current stage, and a predicate on them per condition.
        List<Triple> facts = new ArrayList<>(graph);
        boolean subjectEnd = false; // which end of the current facts the next step starts from
        int stages = rnd.nextInt(4);
        for (int st = 0; st <= stages; st++) {
            if (st > 0) {
                Set<String> frontier = new HashSet<>();
                for (Triple t : facts) {
                    frontier.add(subjectEnd ? t.subject() : t.object());
                }
                int k = rnd.nextInt(6);
                String p = PREDICATES[rnd.nextInt(2)];
                List<Triple> next = new ArrayList<>();
                if (k == 5) {
                    // A union with a one-stage query: its facts join these; the orientation stays.
                    QueryBuilder other = store.query();
                    Position pos = Position.values()[rnd.nextInt(3)];
                    Object[] cond = randomCondition(rnd, graph, new ArrayList<>(graph), pos);
                    other.where(pos, (Condition) cond[0]);
                    b.union(other);
                    desc.append(".union(query().where(").append(pos).append(", ").append(cond[0]).append("))");
                    @SuppressWarnings("unchecked")
                    Predicate<String> test = (Predicate<String>) cond[1];
                    next.addAll(facts);
                    for (Triple t : graph) {
                        if (test.test(at(t, pos))) {
                            next.add(t);
                        }
                    }
                } else if (k <= 1) {
                    subjectEnd = false;
                    b.follow(p);
                    desc.append(".follow(").append(p).append(')');
                    for (Triple t : graph) {
                        if (t.predicate().equals(p) && frontier.contains(t.subject())) {
                            next.add(t);
                        }
                    }
                } else if (k <= 3) {
                    subjectEnd = true;
                    b.followReverse(p);
                    desc.append(".followReverse(").append(p).append(')');
                    for (Triple t : graph) {
                        if (t.predicate().equals(p) && frontier.contains(t.object())) {
                            next.add(t);
                        }
                    }
                } else {
                    subjectEnd = false;
                    int min = rnd.nextInt(2);
                    int max = min == 0 ? 1 : -1; // p? or p+: unambiguous reachability
                    b.followPath(p, min, max);
                    desc.append(".followPath(").append(p).append(',').append(min).append(',').append(max).append(')');
                    for (String start : frontier) {
                        for (String end : reach(graph, p, start, min, max)) {
                            next.add(Triple.of(start, p, end));
                        }
                    }
                }
                facts = new ArrayList<>(new LinkedHashSet<>(next));
            }
            for (int c = rnd.nextInt(3); c > 0; c--) {
                Position pos = Position.values()[rnd.nextInt(3)];
                Object[] cond = randomCondition(rnd, graph, facts, pos);
                b.where(pos, (Condition) cond[0]);
                desc.append(".where(").append(pos).append(", ").append(cond[0]).append(')');
                @SuppressWarnings("unchecked")
                Predicate<String> test = (Predicate<String>) cond[1];
                List<Triple> kept = new ArrayList<>();
                for (Triple t : facts) {
                    if (test.test(at(t, pos))) {
                        kept.add(t);
                    }
                }
                facts = kept;
            }
            if (rnd.nextInt(4) == 0) {
                Position end = rnd.nextBoolean() ? Position.SUBJECT : Position.OBJECT;
                b.anchor(end);
                desc.append(".anchor(").append(end).append(')');
                subjectEnd = end == Position.SUBJECT;
            }
            if (rnd.nextInt(4) == 0) {
                List<Triple> pool = new ArrayList<>(graph);
                Position pos = Position.values()[rnd.nextInt(3)];
                Set<String> terms = new HashSet<>();
                for (int n = rnd.nextInt(6); n > 0; n--) {
                    terms.add(rnd.nextInt(5) == 0 ? "missing" + n : at(pool.get(rnd.nextInt(pool.size())), pos));
                }
                b.whereIn(pos, terms);
                desc.append(".whereIn(").append(pos).append(", ").append(terms).append(')');
                facts.removeIf(t -> !terms.contains(at(t, pos)));
            }
            if (rnd.nextInt(3) == 0) {
                Object[] f = randomStoreFilter(rnd, extras);
                @SuppressWarnings("unchecked")
                java.util.function.Consumer<QueryBuilder> apply = (java.util.function.Consumer<QueryBuilder>) f[0];
                apply.accept(b);
                desc.append(f[2]);
                @SuppressWarnings("unchecked")
                Predicate<Triple> test = (Predicate<Triple>) f[1];
                List<Triple> kept = new ArrayList<>();
                for (Triple t : facts) {
                    if (test.test(t)) {
                        kept.add(t);
                    }
                }
                facts = kept;
            }
        }
        String what = label + ": " + desc;
        Set<Triple> expected = new HashSet<>(facts);
        assertThat(new HashSet<>(b.execute())).as(what).isEqualTo(expected);
        assertThat(b.execute()).as(what).doesNotHaveDuplicates();
        assertThat(b.count()).as(what).isEqualTo(expected.size());
        Position gp = Position.values()[rnd.nextInt(3)];
        Map<String, Long> groups = new TreeMap<>();
        for (Triple t : expected) {
            groups.merge(at(t, gp), 1L, Long::sum);
        }
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(groups.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey, BuilderVersusNaiveTest::sparqlOrder));
        Map<String, Long> top = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : ranked) {
            top.put(e.getKey(), e.getValue());
        }
        assertThat(new ArrayList<>(b.countBy(gp).entrySet())).as(what + " countBy " + gp).isEqualTo(new ArrayList<>(top.entrySet()));
        // A total order (all three positions, random directions), then a random page.
        List<Triple> sorted = new ArrayList<>(expected);
        Comparator<Triple> cmp = null;
        QueryBuilder ob = b;
        List<Position> keys = new ArrayList<>(List.of(Position.values()));
        java.util.Collections.shuffle(keys, rnd);
        for (Position p : keys) {
            boolean desc2 = rnd.nextBoolean();
            Comparator<Triple> one = (x, y) -> sparqlOrder(at(x, p), at(y, p));
            if (desc2) {
                one = one.reversed();
                ob.orderByDescending(p);
            } else {
                ob.orderBy(p);
            }
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        sorted.sort(cmp);
        int offset = rnd.nextInt(4);
        int limit = rnd.nextInt(6);
        ob.offset(offset).limit(limit);
        List<Triple> page = sorted.subList(Math.min(offset, sorted.size()), Math.min(offset + limit, sorted.size()));
        assertThat(ob.execute()).as(what + " ordered by " + keys + " page " + offset + "+" + limit).isEqualTo(page);
        assertThat(ob.count()).as(what).isEqualTo(page.size());
        Position vp = Position.values()[rnd.nextInt(3)];
        List<String> vals = new ArrayList<>();
        for (Triple t : page) {
            vals.add(at(t, vp));
        }
        assertThat(ob.values(vp)).as(what + " values").isEqualTo(vals);
    }

    private static Object[] randomCondition(Random rnd, Set<Triple> graph, List<Triple> facts, Position pos) {
        String some = facts.isEmpty() ? "n" + rnd.nextInt(15) : at(facts.get(rnd.nextInt(facts.size())), pos);
        switch (rnd.nextInt(6)) {
            case 0:
                return new Object[] {Condition.eq(some), (Predicate<String>) some::equals};
            case 1:
                return new Object[] {Condition.ne(some), (Predicate<String>) v -> !v.equals(some)};
            case 2: {
                String pre = rnd.nextBoolean() ? "n1" : "k";
                return new Object[] {Condition.prefix(pre), (Predicate<String>) v -> text(v).startsWith(pre)};
            }
            case 3: {
                String re = rnd.nextBoolean() ? "^n[0-4]$" : "e";
                return new Object[] {Condition.regex(re, null),
                        (Predicate<String>) v -> java.util.regex.Pattern.compile(re).matcher(text(v)).find()};
            }
            case 4: {
                long n = rnd.nextInt(50) - 10;
                return new Object[] {Condition.gt(n), (Predicate<String>) v -> isNum(v) && value(v) > n};
            }
            default: {
                double n = rnd.nextInt(50) - 10 + 0.5;
                return new Object[] {Condition.le(n), (Predicate<String>) v -> isNum(v) && value(v) <= n};
            }
        }
    }

    /** A label or property filter: {apply to a builder, the naive test of a fact, description}. */
    private static Object[] randomStoreFilter(Random rnd, Extras x) {
        Position[] ends = rnd.nextBoolean() ? new Position[0] : new Position[] {Position.values()[rnd.nextInt(3)]};
        List<Position> at = ends.length == 0 ? List.of(Position.SUBJECT, Position.OBJECT) : List.of(ends);
        String endsText = List.of(ends).toString();
        switch (rnd.nextInt(3)) {
            case 0: {
                List<String> ls = new ArrayList<>();
                for (String l : LABELS) {
                    if (rnd.nextInt(3) == 0) {
                        ls.add(l);
                    }
                }
                boolean all = rnd.nextBoolean();
                Predicate<String> has = n -> {
                    Set<String> mine = x.labels.getOrDefault(n, Set.of());
                    return all ? mine.containsAll(ls) : ls.stream().anyMatch(mine::contains);
                };
                return new Object[] {
                    (java.util.function.Consumer<QueryBuilder>) b -> b.whereLabel(ls, all, ends),
                    (Predicate<Triple>) t -> at.stream().anyMatch(p -> has.test(at(t, p))),
                    ".whereLabel(" + ls + ", " + all + ", " + endsText + ")"};
            }
            case 1: {
                PropertyCondition c = randomPropertyCondition(rnd, 10);
                return new Object[] {
                    (java.util.function.Consumer<QueryBuilder>) b -> b.whereProperty("rank", c, ends),
                    (Predicate<Triple>) t -> at.stream().anyMatch(p -> {
                        Map<String, Object> m = x.nodeProps.get(at(t, p));
                        return m != null && m.containsKey("rank") && c.test(m.get("rank"));
                    }),
                    ".whereProperty(rank, " + c + ", " + endsText + ")"};
            }
            default: {
                PropertyCondition c = randomPropertyCondition(rnd, 5);
                return new Object[] {
                    (java.util.function.Consumer<QueryBuilder>) b -> b.whereEdgeProperty("w", c),
                    (Predicate<Triple>) t -> {
                        Map<String, Object> m = x.edgeProps.get(t);
                        return m != null && c.test(m.get("w"));
                    },
                    ".whereEdgeProperty(w, " + c + ")"};
            }
        }
    }

    private static PropertyCondition randomPropertyCondition(Random rnd, int bound) {
        long v = rnd.nextInt(bound);
        switch (rnd.nextInt(5)) {
            case 0:
                return rnd.nextInt(4) == 0 ? PropertyCondition.eq("r" + rnd.nextInt(3)) : PropertyCondition.eq(v);
            case 1:
                return PropertyCondition.gt(v);
            case 2:
                return PropertyCondition.le(v + 0.5);
            case 3:
                return PropertyCondition.between(v, v + rnd.nextInt(3));
            default:
                return PropertyCondition.ge("r1");
        }
    }

    private static Set<String> reach(Set<Triple> graph, String p, String start, int min, int max) {
        Set<String> out = new HashSet<>();
        if (min == 0) {
            out.add(start);
        }
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(start));
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            for (Triple t : graph) {
                if (t.predicate().equals(p) && t.subject().equals(n) && seen.add(t.object())) {
                    out.add(t.object());
                    if (max < 0) {
                        todo.add(t.object());
                    }
                }
            }
        }
        return out;
    }

    static String num(long n) {
        return RdfTerms.literal(Long.toString(n), null, RdfTerms.XSD + "integer");
    }

    static boolean isNum(String v) {
        return RdfTerms.isLiteral(v);
    }

    static long value(String v) {
        return Long.parseLong(RdfTerms.lexicalForm(v));
    }

    static String text(String v) {
        return RdfTerms.isLiteral(v) ? RdfTerms.lexicalForm(v) : v;
    }

    /** IRIs (by text) before literals (here all integers, by value). */
    static int sparqlOrder(String a, String b) {
        if (isNum(a) != isNum(b)) {
            return isNum(a) ? 1 : -1;
        }
        return isNum(a) ? Long.compare(value(a), value(b)) : a.compareTo(b);
    }

    static String at(Triple t, Position p) {
        return p == Position.SUBJECT ? t.subject() : p == Position.PREDICATE ? t.predicate() : t.object();
    }
}
