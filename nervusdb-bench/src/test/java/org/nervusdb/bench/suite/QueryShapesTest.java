package org.nervusdb.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.rdf.NTriplesParser;
import org.nervusdb.rdf.RdfTerms;

/**
 * The query-shapes workloads at a small scale on every store of the suite: all must list the same
 * solutions for every query, and those must be the ones a plain evaluation of the data (below,
 * written from the queries' meaning, not from any store) gives.
 */
class QueryShapesTest {
    static final long SCALE = 200;
    static final String NS = QueryShapes.NS;

    @TempDir
    Path tmp;

    @Test
    void everyStoreListsTheSolutionsOfEveryQueryThatThePlainEvaluationGives() throws Exception {
        Suite suite = new Suite();
        Suite.registerPeersInto(suite);
        suite.configure(1, 10, 1);
        Dataset d = Dataset.create(Dataset.QUERIES, SCALE, tmp.resolve("data"));
        for (String key : List.of("nervusdb", "jena-mem", "tdb2", "lmdb")) {
            suite.run(suite.factory(key), d, tmp.resolve("stores").resolve(key));
        }
        assertThat(suite.mismatches()).isEmpty();

        Graph g = new Graph(d.file);
        assertThat(g.triples).hasSize((int) d.lines);
        List<QueryShapes.Query> queries = QueryShapes.queries(SCALE);
        assertThat(queries).hasSize(15);
        for (QueryShapes.Query q : queries) {
            List<String> expected = g.expected(q.name());
            assertThat(expected).as(q.name()).isNotEmpty();
            assertThat(suite.solutions(d.shape + "/" + d.target + "/" + q.name())).as(q.name()).isEqualTo(expected);
        }
    }

    @Test
    void theInMemoryStoreRunsOnlyTheQueryShapes() throws Exception {
        Suite suite = new Suite();
        Suite.registerPeersInto(suite);
        suite.configure(1, 10, 1);
        Dataset d = Dataset.create("social", 2000, tmp.resolve("data"));
        suite.run(suite.factory("jena-mem"), d, tmp.resolve("stores").resolve("jena-mem"));
        Path out = tmp.resolve("results.json");
        suite.write(out, "test");
        assertThat(Files.readString(out)).doesNotContain("Jena in-memory");
    }

    static String integer(long n) {
        return RdfTerms.literal(Long.toString(n), null, RdfTerms.XSD + "integer");
    }

    static String row(String... varsAndTerms) {
        TreeMap<String, String> b = new TreeMap<>();
        for (int i = 0; i < varsAndTerms.length; i += 2) {
            b.put(varsAndTerms[i], varsAndTerms[i + 1]);
        }
        return Store.row(b);
    }

    /** The data set's triples, and the answers of the family's queries worked out from them directly. */
    static final class Graph {
        final List<String[]> triples = new ArrayList<>();

        Graph(Path file) throws Exception {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                NTriplesParser.nTriples().parse(r, (s, p, o, gr) -> triples.add(new String[] {s, p, o}));
            }
        }

        /** Subject to objects along {@code p} (or, inverted, object to subjects). */
        Map<String, List<String>> edges(String p, boolean inverted) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (String[] t : triples) {
                if (t[1].equals(p)) {
                    out.computeIfAbsent(t[inverted ? 2 : 0], k -> new ArrayList<>()).add(t[inverted ? 0 : 2]);
                }
            }
            return out;
        }

        /** The nodes one or more steps from {@code from}. */
        static Set<String> reach(Map<String, List<String>> edges, String from) {
            Set<String> seen = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(edges.getOrDefault(from, List.of()));
            while (!todo.isEmpty()) {
                String n = todo.pop();
                if (seen.add(n)) {
                    todo.addAll(edges.getOrDefault(n, List.of()));
                }
            }
            return seen;
        }

        /** Group sizes of {@code p}'s subjects by their object, the object mapped through {@code key} if given. */
        Map<String, Long> counts(String p, Map<String, List<String>> key) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (String[] t : triples) {
                if (t[1].equals(p)) {
                    String k = key == null ? t[2] : key.get(t[2]).get(0);
                    out.merge(k, 1L, Long::sum);
                }
            }
            return out;
        }

        List<String> groupingsJoin(String tier, boolean viaKey) {
            Map<String, List<String>> key = viaKey ? edges(NS + "key" + tier, false) : null;
            Map<String, Long> in = counts(NS + "in" + tier, key);
            Map<String, Long> out = counts(NS + "out" + tier, key);
            List<String> rows = new ArrayList<>();
            for (Map.Entry<String, Long> e : in.entrySet()) {
                if (out.containsKey(e.getKey())) {
                    rows.add(row("k", e.getKey(), "in", integer(e.getValue()), "out", integer(out.get(e.getKey()))));
                }
            }
            return rows;
        }

        List<String> pathPairs(boolean inverted) {
            Map<String, List<String>> edges = edges(NS + "sparse", inverted);
            List<String> rows = new ArrayList<>();
            for (String a : edges.keySet()) {
                for (String b : reach(edges, a)) {
                    rows.add(row("a", a, "b", b));
                }
            }
            return rows;
        }

        long zeroOrMorePairs() {
            Map<String, List<String>> edges = edges(NS + "sparse", false);
            Set<String> nodes = new LinkedHashSet<>();
            for (String[] t : triples) {
                nodes.add(t[0]);
                nodes.add(t[2]);
            }
            long n = 0;
            for (String a : nodes) {
                Set<String> to = reach(edges, a);
                n += to.size() + (to.contains(a) ? 0 : 1);
            }
            return n;
        }

        List<String> nestedOptional() {
            Map<String, List<String>> p = edges(NS + "p", false);
            Map<String, List<String>> q = edges(NS + "q", false);
            List<String> rows = new ArrayList<>();
            for (String[] t : triples) {
                if (!t[1].equals(QueryShapes.TYPE) || !t[2].equals(NS + "Left")) {
                    continue;
                }
                String x = t[0];
                if (!p.containsKey(x)) {
                    rows.add(row("x", x));
                    continue;
                }
                for (String y : p.get(x)) {
                    Set<String> zs = reach(q, y);
                    if (zs.isEmpty()) {
                        rows.add(row("x", x, "y", y));
                    }
                    for (String z : zs) {
                        rows.add(row("x", x, "y", y, "z", z));
                    }
                }
            }
            return rows;
        }

        List<String> minus() {
            Map<String, List<String>> b = edges(NS + "b", false);
            List<String> rows = new ArrayList<>();
            for (String[] t : triples) {
                if (t[1].equals(NS + "a") && !b.containsKey(t[0])) {
                    rows.add(row("x", t[0]));
                }
            }
            return rows;
        }

        /** The sorted solutions of the query of that workload name. */
        List<String> expected(String name) {
            List<String> rows;
            if (name.startsWith("groupings join via OPTIONAL, ")) {
                rows = groupingsJoin(tier(name), true);
            } else if (name.startsWith("groupings join, ")) {
                rows = groupingsJoin(tier(name), false);
            } else if (name.startsWith("path sparse+ pairs")) {
                rows = pathPairs(false);
            } else if (name.equals("path sparse+ COUNT")) {
                rows = List.of(row("n", integer(pathPairs(false).size())));
            } else if (name.equals("path ^sparse+ COUNT")) {
                rows = List.of(row("n", integer(pathPairs(true).size())));
            } else if (name.equals("path sparse+ ASK")) {
                rows = List.of(Boolean.toString(!pathPairs(false).isEmpty()));
            } else if (name.equals("path sparse* COUNT")) {
                rows = List.of(row("n", integer(zeroOrMorePairs())));
            } else if (name.startsWith("nested OPTIONAL")) {
                rows = nestedOptional();
            } else if (name.startsWith("MINUS")) {
                rows = minus();
            } else {
                throw new AssertionError("no plain evaluation for " + name);
            }
            List<String> sorted = new ArrayList<>(rows);
            sorted.sort(null);
            return sorted;
        }

        /** The tier's key count, as its predicates spell it, from "…, 5,000 keys". */
        static String tier(String name) {
            String n = name.substring(name.lastIndexOf(", ") + 2, name.length() - " keys".length());
            return n.replace(",", "");
        }
    }
}
