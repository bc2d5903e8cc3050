package org.nervusdb.query;

import org.nervusdb.QueryOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nervusdb.Triple;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.rdf.RdfTerms;

/**
 * Query shapes whose work must grow with their input, not with its square or with the whole
 * graph: a join of two GROUP BY subqueries, MINUS, an OPTIONAL inside an OPTIONAL, and a
 * repeated path with both ends free. Each checks the answer and the work explain() reports
 * (solutions compared, runs, start nodes), which does not depend on the machine.
 */
class QueryShapesTest {

    static List<List<String>> rows(TripleStore s, String query) {
        return Answers.rows(s, query);
    }

    static String explain(TripleStore s, String query) {
        return QueryEngine.explain(s, Sparql.parse(query, null), QueryOptions.defaults());
    }

    /** The largest figure named {@code what} in an explain() text. */
    static long most(String explain, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what) + "=(\\d+)").matcher(explain);
        long max = -1;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
        }
        return max;
    }

    static String integer(long n) {
        return RdfTerms.literal(Long.toString(n), null, RdfTerms.XSD + "integer");
    }

    /**
     * BSBM BI Q1's shape: the smallest pattern (10 product types) leads through all 1,000
     * products and their 10,000 reviews, while the 20 reviewers in one country lead to 100
     * reviews only; the planner weighs whole orders, so it starts from the country (choosing
     * the smallest pattern first would start from the types).
     */
    @Test
    void theOrderIsChosenForTheWholeChainNotItsSmallestPattern() {
        List<Triple> ts = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            ts.add(new Triple("type" + t, "a", "Type"));
        }
        for (int p = 0; p < 1000; p++) {
            ts.add(new Triple("product" + p, "a", "type" + (p % 10)));
            ts.add(new Triple("product" + p, "producer", "producer" + (p % 50)));
        }
        for (int p = 0; p < 50; p++) {
            ts.add(new Triple("producer" + p, "country", p % 2 == 0 ? "US" : "DE"));
        }
        for (int r = 0; r < 2000; r++) {
            ts.add(new Triple("reviewer" + r, "country", r % 100 == 0 ? "GB" : "FR"));
        }
        Map<String, Integer> expected = new HashMap<>();
        for (int v = 0; v < 10_000; v++) {
            int product = (v * 7) % 1000;
            int reviewer = v % 2000;
            ts.add(new Triple("review" + v, "reviewFor", "product" + product));
            ts.add(new Triple("review" + v, "reviewer", "reviewer" + reviewer));
            if (reviewer % 100 == 0 && (product % 50) % 2 == 0) {
                expected.merge("type" + (product % 10), 1, Integer::sum);
            }
        }
        String q = "SELECT ?type (COUNT(?review) AS ?n) WHERE { ?type <a> <Type> . ?product <a> ?type . ?product <producer> ?producer ."
                + " ?producer <country> <US> . ?review <reviewFor> ?product . ?review <reviewer> ?reviewer . ?reviewer <country> <GB> }"
                + " GROUP BY ?type";
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            s.addAll(ts);
            List<List<String>> r = rows(s, q);
            assertThat(r).hasSize(expected.size());
            for (List<String> row : r) {
                assertThat(row.get(1)).as(row.get(0)).isEqualTo(integer(expected.get(row.get(0))));
            }
            String plan = explain(s, q);
            String first = plan.substring(plan.indexOf("Bgp")).split("\n")[1].trim();
            assertThat(first).as(plan).startsWith("?reviewer <country> <GB>  (estimated");
            assertThat(plan.indexOf("?reviewer <country> <GB>")).as(plan).isLessThan(plan.indexOf("?type <a> <Type>"));
            // 100 reviews of the 20 reviewers: no pattern runs anywhere near 1,000 times.
            Matcher scans = Pattern.compile("rows from (\\d+) scans?\\)").matcher(plan);
            int steps = 0;
            while (scans.find()) {
                assertThat(Long.parseLong(scans.group(1))).as(plan).isLessThan(1000);
                steps++;
            }
            assertThat(steps).as(plan).isGreaterThan(2);
        }
    }

    /**
     * {@code ?x <country> <c0>} with {@code ?x} bound matches the rows whose ?x lives in c0: a
     * tenth of them here (40 of the predicate's 400 subjects), which the estimate must say
     * (dividing by the subjects of (country, c0) alone said 1.0 per row); likewise a bound object
     * with the subject constant (the shop sells half the 800 items sold).
     */
    @Test
    void aBoundSubjectWithAConstantObjectIsEstimatedFromThePredicatesSubjects() {
        List<Triple> ts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ts.add(new Triple("x" + i, "country", "c" + (i % 10)));
            ts.add(new Triple("shop", "sells", "item" + i));
            ts.add(new Triple("store", "sells", "item" + (400 + i)));
        }
        for (int i = 0; i < 30; i++) {
            ts.add(new Triple("x" + i, "knows", "ann"));
            ts.add(new Triple("item" + (i * 3), "madeBy", "acme"));
        }
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            s.addAll(ts);
            String q = "SELECT ?x WHERE { ?x <knows> <ann> . ?x <country> <c0> }";
            assertThat(rows(s, q)).hasSize(3);
            assertThat(explain(s, q)).contains("?x <country> <c0>  (estimated matches per input row=0.1,");
            String q2 = "SELECT ?i WHERE { ?i <madeBy> <acme> . <shop> <sells> ?i }";
            assertThat(rows(s, q2)).hasSize(30);
            // Half the items sold are the shop's: 400 of the 800 objects of <sells>.
            assertThat(explain(s, q2)).contains("<shop> <sells> ?i  (estimated matches per input row=0.5,");
        }
    }

    /**
     * {@code FILTER(?feature = ?otherFeature)} over two patterns that share no variable (BSBM BI
     * Q2): the second pattern looks up the first one's value instead of listing all its matches
     * for each row; for literals, which = compares by value, the filter still decides.
     */
    @Test
    void anEqualityFilterBetweenTwoPatternsBecomesALookup() {
        List<Triple> ts = new ArrayList<>();
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 5; j++) {
                ts.add(new Triple("p" + i, "feature", "f" + ((i * 7 + j * 11) % 50)));
            }
        }
        for (int i = 1; i < 300; i++) {
            for (int j = 0; j < 5; j++) {
                for (int k = 0; k < 5; k++) {
                    if ((i * 7 + j * 11) % 50 == (k * 11) % 50) {
                        expected.merge("p" + i, 1, Integer::sum);
                    }
                }
            }
        }
        String q = "SELECT ?other (COUNT(?otherFeature) AS ?same) WHERE { <p0> <feature> ?feature . ?other <feature> ?otherFeature"
                + " FILTER(?feature = ?otherFeature) FILTER(?other != <p0>) } GROUP BY ?other";
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            s.addAll(ts);
            List<List<String>> r = rows(s, q);
            assertThat(r).hasSize(expected.size());
            for (List<String> row : r) {
                assertThat(row.get(1)).as(row.get(0)).isEqualTo(integer(expected.get(row.get(0))));
            }
            // Five lookups (one per feature of p0), 30 matches each (p0's own 5 filtered out), not
            // 5 x 1,500 rows filtered.
            assertThat(explain(s, q)).contains("?other <feature> ?otherFeature  (estimated matches per input row=1500,"
                    + " actual=29.0 (145 rows from 5 scans))");
            // sameTerm too; = between literals compares values, so different terms can be equal.
            assertThat(rows(s, "SELECT ?other WHERE { <p0> <feature> ?f . ?other <feature> ?g FILTER(sameTerm(?f, ?g)) }")).hasSize(150);
            s.addAll(List.of(new Triple("a", "n", integer(1)), new Triple("b", "m", RdfTerms.literal("1.0", null, RdfTerms.XSD + "decimal")),
                    new Triple("c", "m", integer(1)), new Triple("d", "m", integer(2))));
            assertThat(rows(s, "SELECT ?y WHERE { <a> <n> ?x . ?y <m> ?z FILTER(?x = ?z) }")).containsExactlyInAnyOrder(List.of("b"),
                    List.of("c"));
            assertThat(rows(s, "SELECT ?y WHERE { <a> <n> ?x . ?y <m> ?z FILTER(sameTerm(?x, ?z)) }")).containsExactly(List.of("c"));
        }
    }

    /**
     * A filter on variables the first patterns bind is tested before the later patterns extend the
     * rows (BSBM's Explore Q5): of 500 products, the 9 whose property passes are looked up
     * for their features, not all 500; conjuncts of {@code &&} are placed one by one,
     * and a conjunct on a variable the pattern does not bind still removes every row.
     */
    @Test
    void aFilterIsTestedAsSoonAsItsVariablesAreBound() {
        List<Triple> ts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ts.add(new Triple("p" + i, "num", RdfTerms.literal(Integer.toString(i), null, RdfTerms.XSD + "integer")));
            ts.add(new Triple("p" + i, "label", RdfTerms.literal("product " + i)));
            ts.add(new Triple("p" + i, "feature", "f" + (i % 7)));
        }
        ts.add(new Triple("origin", "num", RdfTerms.literal("250", null, RdfTerms.XSD + "integer")));
        String q = "SELECT ?p ?l WHERE { <origin> <num> ?o . ?p <num> ?n . ?p <label> ?l . ?p <feature> ?f"
                + " FILTER (?n > ?o - 5 && ?n < ?o + 6 && ?p != <p252>) }";
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            s.addAll(ts);
            List<List<String>> r = rows(s, q);
            assertThat(r).hasSize(9);
            for (List<String> row : r) {
                int n = Integer.parseInt(row.get(0).substring(1));
                assertThat(n).isBetween(246, 255).isNotEqualTo(252);
                assertThat(row.get(1)).isEqualTo(RdfTerms.literal("product " + n));
            }
            String plan = explain(s, q);
            // The last patterns run once per passing row, not once per product (500): the filtered
            // pattern goes first among equals, and its 10 rows (<origin> too) are looked up.
            assertThat(plan).contains("?p <num> ?n  (estimated matches per input row=501, actual=10.0 (10 rows from 1 scan))");
            assertThat(plan).contains("?p <label> ?l  (estimated matches per input row=1.0, actual=0.9 (9 rows from 10 scans))");
            assertThat(plan).contains("?p <feature> ?f  (estimated matches per input row=1.0, actual=1.0 (9 rows from 9 scans))");
            assertThat(rows(s, "SELECT ?p WHERE { ?p <num> ?n . ?p <label> ?l FILTER (?n < 3 && BOUND(?zzz)) }")).isEmpty();
            assertThat(rows(s, "SELECT ?p WHERE { ?p <num> ?n . ?p <label> ?l FILTER (?n < 3 || BOUND(?zzz)) }")).hasSize(3);
        }
    }

    /**
     * Keys reached through an OPTIONAL (so no static analysis can call them bound): the join of
     * the two groupings probes a hash index built from the solutions, 2,000 keys each side.
     */
    @Test
    void aJoinOfTwoGroupingsProbesAnIndexOnTheirKeys() {
        int keys = 2_000;
        List<Triple> ts = new ArrayList<>();
        Map<String, Integer> in = new HashMap<>();
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < keys; i++) {
            ts.add(new Triple("v" + i, "key", "k" + i));
            for (int j = 0; j <= i % 3; j++) {
                ts.add(new Triple("x" + i + "_" + j, "in", "v" + i));
                in.merge("k" + i, 1, Integer::sum);
            }
            for (int j = 0; j <= i % 4; j++) {
                ts.add(new Triple("y" + i + "_" + j, "out", "v" + i));
                out.merge("k" + i, 1, Integer::sum);
            }
        }
        String q = "SELECT ?k ?in ?out WHERE {"
                + " { SELECT ?k (COUNT(?x) AS ?in) WHERE { ?x <in> ?v OPTIONAL { ?v <key> ?k } } GROUP BY ?k }"
                + " { SELECT ?k (COUNT(?y) AS ?out) WHERE { ?y <out> ?v OPTIONAL { ?v <key> ?k } } GROUP BY ?k } }";
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            s.addAll(ts);
            List<List<String>> r = rows(s, q);
            assertThat(r).hasSize(keys);
            for (List<String> row : r) {
                assertThat(row.get(1)).isEqualTo(integer(in.get(row.get(0))));
                assertThat(row.get(2)).isEqualTo(integer(out.get(row.get(0))));
            }
            // One compared solution per probe, where a scan would compare 2,000 x 2,000.
            assertThat(most(explain(s, q), "solutions compared")).isEqualTo(keys);
        }
    }

    /**
     * A group whose key is unbound joins every solution of the other side (an unbound variable is
     * compatible with any value), so the key cannot index that side; the answer stays right.
     */
    @Test
    void aGroupWithAnUnboundKeyJoinsEverySolution() {
        List<Triple> ts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ts.add(new Triple("x" + i, "in", "v" + i));
            if (i % 3 != 0) {
                ts.add(new Triple("v" + i, "key", "k" + (i % 5)));
            }
            ts.add(new Triple("y" + i, "out", "k" + (i % 5)));
        }
        String q = "SELECT ?k ?in ?y WHERE {"
                + " { SELECT ?k (COUNT(?x) AS ?in) WHERE { ?x <in> ?v OPTIONAL { ?v <key> ?k } } GROUP BY ?k }"
                + " ?y <out> ?k }";
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            s.addAll(ts);
            Map<String, Integer> in = new HashMap<>();
            int unkeyed = 0;
            for (int i = 0; i < 30; i++) {
                if (i % 3 != 0) {
                    in.merge("k" + (i % 5), 1, Integer::sum);
                } else {
                    unkeyed++;
                }
            }
            Set<List<String>> expected = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                String k = "k" + (i % 5);
                expected.add(List.of(k, integer(in.get(k)), "y" + i));
                expected.add(List.of(k, integer(unkeyed), "y" + i)); // the unbound group, ?k from ?y's side
            }
            assertThat(new HashSet<>(rows(s, q))).isEqualTo(expected);
        }
    }

    @Test
    void minusProbesAnIndexToo() {
        List<Triple> ts = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 3_000; i++) {
            ts.add(new Triple("s" + i, "a", "v" + i));
            if (i % 3 == 0) {
                ts.add(new Triple("s" + i, "b", "w" + i));
            } else {
                expected.add("s" + i);
            }
        }
        String q = "SELECT ?x WHERE { ?x <a> ?v MINUS { ?x <b> ?w } }";
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            s.addAll(ts);
            Set<String> got = new HashSet<>();
            for (List<String> row : rows(s, q)) {
                got.add(row.get(0));
            }
            assertThat(got).isEqualTo(expected);
            assertThat(most(explain(s, q), "solutions compared")).isEqualTo(1_000);
        }
    }

    /**
     * OPTIONAL { B OPTIONAL { C } }: B and C are evaluated for each of the 20 left solutions,
     * not over all 5,000 nodes B matches in the graph.
     */
    @Test
    void anOptionalInsideAnOptionalRunsPerLeftSolution() {
        List<Triple> ts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ts.add(new Triple("n" + i, "p", "m" + i));
            ts.add(new Triple("m" + i, "q", "r" + i));
            ts.add(new Triple("r" + i, "q", "t" + i));
        }
        for (int i = 0; i < 20; i++) {
            ts.add(new Triple("n" + i * 7, "type", "Left"));
        }
        String q = "SELECT ?x ?y ?z WHERE { ?x <type> <Left> OPTIONAL { ?x <p> ?y OPTIONAL { ?y <q>+ ?z } } }";
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            s.addAll(ts);
            Set<List<String>> got = new HashSet<>(rows(s, q));
            Set<List<String>> expected = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                int n = i * 7;
                expected.add(List.of("n" + n, "m" + n, "r" + n));
                expected.add(List.of("n" + n, "m" + n, "t" + n));
            }
            assertThat(got).isEqualTo(expected);
            String plan = explain(s, q);
            assertThat(most(plan, "runs")).as(plan).isLessThanOrEqualTo(20);
            // A seed binding what only the inner OPTIONAL reads is not pushed (same answers as without seeding).
            String shared = "SELECT ?x ?y ?z WHERE { ?x <type> <Left> . ?x <p> ?z OPTIONAL { ?x <p> ?y OPTIONAL { ?y <q> ?z } } }";
            Set<List<String>> sharedExpected = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                int n = i * 7;
                sharedExpected.add(Arrays.asList("n" + n, null, "m" + n));
            }
            assertThat(new HashSet<>(rows(s, shared))).isEqualTo(sharedExpected);
        }
    }

    /**
     * {@code ?a <p>+ ?b} over a sparse predicate in a large graph starts from the 10 subjects of
     * p, not from the 20,000 nodes of the graph, and ASK stops at its first answer.
     */
    @Test
    void aRepeatedPathWithBothEndsFreeStartsWhereItsFirstStepCan() {
        List<Triple> ts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ts.add(new Triple("a" + i, "other", "b" + i));
        }
        for (int i = 0; i < 10; i++) {
            ts.add(new Triple("c" + i, "p", "c" + (i + 1)));
        }
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            s.addAll(ts);
            Set<List<String>> expected = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                for (int j = i + 1; j <= 10; j++) {
                    expected.add(List.of("c" + i, "c" + j));
                }
            }
            String q = "SELECT ?a ?b WHERE { ?a <p>+ ?b }";
            assertThat(new HashSet<>(rows(s, q))).isEqualTo(expected);
            assertThat(most(explain(s, q), "start nodes")).isEqualTo(10);
            assertThat(most(explain(s, "ASK { ?a <p>+ ?b }"), "start nodes")).isEqualTo(1);
            // Inverse and alternative first steps, and zero-length paths over every node.
            assertThat(new HashSet<>(rows(s, "SELECT ?a ?b WHERE { ?b ^<p>+ ?a }"))).isEqualTo(expected);
            assertThat(most(explain(s, "SELECT ?a ?b WHERE { ?a (<p>|<missing>)+ ?b }"), "start nodes")).isEqualTo(10);
            assertThat(rows(s, "SELECT ?a ?b WHERE { ?a <p>* ?b }")).hasSize(expected.size() + 20_011);
        }
    }
}
