package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.ChainQuery;
import org.nervusdb.query.JavaRegexEngine;
import org.nervusdb.query.RegexEngine;
import org.nervusdb.rdf.RdfTerms;
import org.nervusdb.testing.Seeds;

/**
 * {@link QueryBuilder#chain()} against the query engine on graphs large enough for each of
 * ChainQuery's ways of matching a stage: from the first stage or from a later, more selective
 * one (then back and forward again), a lookup per node reached or one scan kept to them (more
 * than 64 nodes), and only the nodes reached where the next stage needs nothing more. Results
 * are compared as sets where no order is asked, as sequences of their sort keys where it is.
 */
class ChainQueryTest {

    @BeforeAll
    static void regex() {
        RegexEngine.install(new JavaRegexEngine());
    }

    private static final String[] PREDICATES = {"knows", "likes", "rare", "age"};

    @Test
    void chainsAgreeWithTheEngine() {
        long seed = Seeds.base();
        System.out.println("ChainQueryTest seed " + seed);
        for (int g = 0; g < 4 * Seeds.scale(); g++) {
            Random rnd = new Random(seed + g);
            int nodes = 200 + rnd.nextInt(300);
            List<Triple> all = new ArrayList<>();
            for (int i = 0; i < nodes * 6; i++) {
                int k = rnd.nextInt(20);
                String p = k == 0 ? "rare" : k < 4 ? "age" : PREDICATES[rnd.nextInt(2)];
                String o = p.equals("age") ? RdfTerms.literal(Integer.toString(rnd.nextInt(80)), null, RdfTerms.XSD + "integer")
                        : "n" + rnd.nextInt(nodes);
                all.add(Triple.of("n" + rnd.nextInt(nodes), p, o));
            }
            try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
                store.addAll(all.subList(0, all.size() / 2));
                store.flush();
                store.addAll(all.subList(all.size() / 2, all.size()));
                for (int q = 0; q < 60; q++) {
                    check(store, rnd, nodes, "seed " + seed + " graph " + g + " query " + q);
                }
            }
        }
    }

    private static void check(TripleStore store, Random rnd, int nodes, String label) {
        QueryBuilder b = store.query();
        StringBuilder desc = new StringBuilder("query()");
        int stages = 1 + rnd.nextInt(4);
        for (int st = 0; st < stages; st++) {
            if (st > 0) {
                int k = rnd.nextInt(10);
                String p = PREDICATES[rnd.nextInt(3)];
                if (k < 4) {
                    b.follow(p);
                    desc.append(".follow(").append(p).append(')');
                } else if (k < 8) {
                    b.followReverse(p);
                    desc.append(".followReverse(").append(p).append(')');
                } else if (k == 8) {
                    int min = rnd.nextInt(2);
                    b.followPath(p, min, min + rnd.nextInt(3));
                    desc.append(".followPath(").append(p).append(')');
                } else {
                    b.union(store.query().wherePredicate(p).whereObject("n" + rnd.nextInt(nodes)));
                    desc.append(".union(").append(p).append(')');
                }
            }
            // Conditions on this stage: often none, an equality that makes it the selective one, a filter.
            int c = rnd.nextInt(6);
            Position pos = Position.values()[rnd.nextInt(3)];
            if (c == 0) {
                String v = pos == Position.PREDICATE ? PREDICATES[rnd.nextInt(PREDICATES.length)] : "n" + rnd.nextInt(nodes);
                b.where(pos, Condition.eq(v));
                desc.append(".where(").append(pos).append(", eq ").append(v).append(')');
            } else if (c == 1) {
                b.where(Position.SUBJECT, Condition.prefix("n1"));
                desc.append(".where(SUBJECT, prefix n1)");
            } else if (c == 2) {
                b.where(Position.OBJECT, Condition.ge(40));
                desc.append(".where(OBJECT, ge 40)");
            } else if (c == 3 && st == 0) {
                List<String> terms = new ArrayList<>();
                for (int i = 0; i < 1 + rnd.nextInt(90); i++) {
                    terms.add("n" + rnd.nextInt(nodes));
                }
                b.whereIn(pos, terms);
                desc.append(".whereIn(").append(pos).append(", ").append(terms.size()).append(" terms)");
            }
            if (rnd.nextInt(5) == 0) {
                Position end = rnd.nextBoolean() ? Position.SUBJECT : Position.OBJECT;
                b.anchor(end);
                desc.append(".anchor(").append(end).append(')');
            }
        }
        String what = label + ": " + desc;
        ChainQuery chain = b.chain();
        assertThat(new HashSet<>(chain.facts())).as(what).isEqualTo(new HashSet<>(b.execute()));
        assertThat(chain.count()).as(what).isEqualTo(b.count());
        assertThat(new HashSet<>(chain.nodes())).as(what).isEqualTo(new HashSet<>(b.nodes()));
        Map<String, Long> byObject = b.countBy(Position.OBJECT);
        assertThat(new ArrayList<>(chain.countBy(Position.OBJECT).entrySet())).as(what)
                .isEqualTo(new ArrayList<>(byObject.entrySet()));
        // Ordered on every position (a total order) and paged: the same facts in the same order.
        b.orderBy(Position.OBJECT).orderByDescending(Position.SUBJECT).orderBy(Position.PREDICATE).offset(rnd.nextInt(5)).limit(1 + rnd.nextInt(20));
        ChainQuery ordered = b.chain();
        assertThat(ordered.facts()).as(what + " ordered").isEqualTo(b.execute());
        assertThat(ordered.values(Position.OBJECT)).as(what + " ordered").isEqualTo(b.values(Position.OBJECT));
    }
}
