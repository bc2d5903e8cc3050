package org.nervusdb.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
import org.nervusdb.testing.Seeds;

/**
 * Shortest paths (breadth first from both ends) against a one-sided breadth-first search on
 * random sparse and dense graphs: the same length or the same absence, and a path that exists,
 * starts and ends where asked, and keeps to the predicate.
 */
class ShortestPathTest {

    @Test
    void randomGraphsAgreeWithOneSidedSearch() {
        long seed = Seeds.base();
        System.out.println("ShortestPathTest seed " + seed);
        for (int g = 0; g < 8 * Seeds.scale(); g++) {
            Random rnd = new Random(seed + g);
            int nodes = 20 + rnd.nextInt(60);
            int edges = nodes * (1 + rnd.nextInt(3));
            Set<Triple> graph = new LinkedHashSet<>();
            for (int i = 0; i < edges; i++) {
                graph.add(Triple.of("n" + rnd.nextInt(nodes), rnd.nextInt(3) == 0 ? "likes" : "knows", "n" + rnd.nextInt(nodes)));
            }
            try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
                store.addAll(new ArrayList<>(graph));
                try (TripleStore.StoreSnapshot snap = store.snapshot()) {
                    for (int q = 0; q < 60; q++) {
                        String from = "n" + rnd.nextInt(nodes);
                        String to = "n" + rnd.nextInt(nodes);
                        String p = rnd.nextBoolean() ? "knows" : null;
                        int max = rnd.nextInt(7);
                        Integer expected = bfs(graph, from, to, p, max);
                        List<Triple> path = Traversal.shortestPath(snap, from, to, p, max);
                        String what = String.format("seed %d graph %d: %s -> %s along %s in %d", seed + g, g, from, to, p, max);
                        if (expected == null) {
                            assertThat(path).as(what).isNull();
                            continue;
                        }
                        assertThat(path).as(what).isNotNull().hasSize(expected);
                        String at = from;
                        for (Triple t : path) {
                            assertThat(graph).as(what).contains(t);
                            assertThat(t.subject()).as(what).isEqualTo(at);
                            if (p != null) {
                                assertThat(t.predicate()).as(what).isEqualTo(p);
                            }
                            at = t.object();
                        }
                        assertThat(at).as(what).isEqualTo(to);
                    }
                }
            }
        }
    }

    /** The fewest hops from {@code from} to {@code to} within {@code max}, or null. */
    private static Integer bfs(Set<Triple> graph, String from, String to, String p, int max) {
        Map<String, Integer> dist = new HashMap<>();
        dist.put(from, 0);
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String x = todo.poll();
            if (x.equals(to)) {
                return dist.get(x);
            }
            if (dist.get(x) == max) {
                continue;
            }
            for (Triple t : graph) {
                if (t.subject().equals(x) && (p == null || t.predicate().equals(p)) && !dist.containsKey(t.object())) {
                    dist.put(t.object(), dist.get(x) + 1);
                    todo.add(t.object());
                }
            }
        }
        return null;
    }
}
