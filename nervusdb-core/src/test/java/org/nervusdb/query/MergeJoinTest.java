package org.nervusdb.query;

import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nervusdb.Triple;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.testing.Seeds;

/**
 * Merge joins: patterns whose only free position is one shared variable are intersected by
 * leapfrogging sorted index scans. Random star queries over data spread across several tables
 * and the memtable, with deletions, against brute force; explain() names the merge join.
 */
class MergeJoinTest {

    @Test
    void randomStarQueriesAgreeWithBruteForce() {
        long seed = Seeds.base();
        System.out.println("MergeJoinTest seed " + seed);
        for (int g = 0; g < 6 * Seeds.scale(); g++) {
            Random rnd = new Random(seed + g);
            Set<Triple> live = new LinkedHashSet<>();
            StoreOptions options = new StoreOptions();
            try (TripleStore store = TripleStore.openInMemory(options)) {
                for (int part = 0; part < 3; part++) {
                    List<Triple> batch = new ArrayList<>();
                    for (int i = 0; i < 1500; i++) {
                        // Dense and sparse predicates, so some scans are long and others short.
                        int p = rnd.nextInt(4);
                        String s = "n" + rnd.nextInt(p < 2 ? 300 : 3000);
                        batch.add(Triple.of(s, "p" + p, "c" + rnd.nextInt(3)));
                        batch.add(Triple.of("hub", "p" + p, s));
                    }
                    store.addAll(batch);
                    live.addAll(batch);
                    List<Triple> all = new ArrayList<>(live);
                    for (int i = 0; i < 100; i++) {
                        Triple t = all.get(rnd.nextInt(all.size()));
                        if (live.remove(t)) {
                            store.delete(t.subject(), t.predicate(), t.object());
                        }
                    }
                    if (part < 2) {
                        store.flush(); // two tables, then the memtable
                    }
                }
                for (int q = 0; q < 40; q++) {
                    int k = 2 + rnd.nextInt(3);
                    StringBuilder text = new StringBuilder("SELECT ?x WHERE { ");
                    List<String[]> pats = new ArrayList<>();
                    for (int i = 0; i < k; i++) {
                        String p = "p" + rnd.nextInt(4);
                        if (rnd.nextInt(4) == 0) {
                            pats.add(new String[] {"hub", p, null}); // ?x as object: SPO order
                            text.append("<hub> <").append(p).append("> ?x . ");
                        } else {
                            String c = "c" + rnd.nextInt(3);
                            pats.add(new String[] {null, p, c}); // ?x as subject: POS order
                            text.append("?x <").append(p).append("> <").append(c).append("> . ");
                        }
                    }
                    text.append('}');
                    Set<String> expected = null;
                    for (String[] pat : pats) {
                        Set<String> xs = new HashSet<>();
                        for (Triple t : live) {
                            if (t.predicate().equals(pat[1])
                                    && (pat[0] == null ? t.object().equals(pat[2]) : t.subject().equals(pat[0]))) {
                                xs.add(pat[0] == null ? t.subject() : t.object());
                            }
                        }
                        if (expected == null) {
                            expected = xs;
                        } else {
                            expected.retainAll(xs);
                        }
                    }
                    List<String> actual = new ArrayList<>();
                    try (QueryResult r = QueryEngine.run(store, Sparql.parse(text.toString(), null), QueryOptions.defaults())) {
                        while (r.hasNext()) {
                            actual.add(r.next()[0]);
                        }
                    }
                    assertThat(actual).as("seed %d graph %d: %s", seed + g, g, text).doesNotHaveDuplicates();
                    assertThat(new TreeSet<>(actual)).as("seed %d graph %d: %s", seed + g, g, text).isEqualTo(new TreeSet<>(expected));
                    String plan = QueryEngine.explain(store, Sparql.parse(text.toString(), null), QueryOptions.defaults());
                    assertThat(plan).as(text.toString()).contains("merge join");
                }
            }
        }
    }

    @Test
    void aMergeJoinStopsReadingAtTheLimit() {
        try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
            List<Triple> batch = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                batch.add(Triple.of("n" + i, "type", "Person"));
                batch.add(Triple.of("n" + i, "livesIn", i % 2 == 0 ? "Paris" : "Lyon"));
            }
            store.addAll(batch);
            store.flush();
            String q = "SELECT ?x WHERE { ?x <type> <Person> . ?x <livesIn> <Paris> } LIMIT 3";
            String plan = QueryEngine.explain(store, Sparql.parse(q, null), QueryOptions.defaults());
            assertThat(plan).contains("merge join").contains("-> 3 rows");
            assertThat(plan).containsPattern("Bgp  \\(rows=3,");
            // Cancellation and limits reach the leapfrog loop too.
            try (QueryResult r = QueryEngine.run(store, Sparql.parse("SELECT (COUNT(*) AS ?n) WHERE { ?x <type> <Person> . ?x <livesIn> <Paris> }", null),
                    QueryOptions.defaults())) {
                assertThat(r.next()[0]).isEqualTo("\"10000\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            }
        }
    }

    @Test
    void explainShowsEstimatedAndActualRowsPerPattern() {
        try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
            store.addAll(List.of(Triple.of("ann", "knows", "bob"), Triple.of("ann", "knows", "cid"), Triple.of("ann", "knows", "dan"),
                    Triple.of("bob", "livesIn", "Paris"), Triple.of("cid", "livesIn", "Rome"), Triple.of("eve", "livesIn", "Oslo"),
                    Triple.of("fay", "livesIn", "Oslo"), Triple.of("gus", "livesIn", "Oslo")));
            String plan = QueryEngine.explain(store, Sparql.parse("SELECT * WHERE { ?f <livesIn> ?c . <ann> <knows> ?f }", null),
                    QueryOptions.defaults());
            // Planned order: ann's three friends first (one scan), then one lookup per friend.
            assertThat(plan).contains("<ann> <knows> ?f  (estimated matches per input row=3.0, actual=3.0 (3 rows from 1 scan))");
            assertThat(plan).contains("?f <livesIn> ?c  (estimated matches per input row=1.0, actual=0.67 (2 rows from 3 scans))");
            assertThat(plan.indexOf("<ann> <knows>")).isLessThan(plan.indexOf("?f <livesIn>"));
        }
    }
}
