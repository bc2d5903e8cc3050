package org.nervusdb.engine;

import org.nervusdb.Transaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nervusdb.Quad;
import org.nervusdb.QuadCursor;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.testing.Seeds;

/**
 * Random writes of quads (default graph and named graphs, single, batched and in transactions
 * with CLEAR and DROP) against a brute-force model: a sorted set of quads and a set of graph
 * names. After each step random patterns, every graph selector of the id scans, counts and
 * the index check agree with the model; reopen, flush and compaction are steps too. Replay a
 * failure with -Dnervusdb.seed=N.
 */
class QuadModelTest {

    @Test
    void randomQuadWritesMatchTheModel() {
        long base = Seeds.base();
        int rounds = 6 * Seeds.scale();
        for (int r = 0; r < rounds; r++) {
            long seed = base + r;
            try {
                run(seed, 600);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("quad model test failed with -Dnervusdb.seed=" + seed + ": " + e, e);
            }
        }
    }

    private static String graph(Random rnd) {
        int n = rnd.nextInt(5);
        return n == 0 ? null : n == 4 ? "_:g" + rnd.nextInt(2) : "http://example.org/g" + n;
    }

    private static Quad quad(Random rnd) {
        return new Quad("s" + rnd.nextInt(6), "p" + rnd.nextInt(3), rnd.nextBoolean() ? "o" + rnd.nextInt(6) : "\"" + rnd.nextInt(4) + "\"",
                graph(rnd));
    }

    private static void run(long seed, int steps) {
        Random rnd = new Random(seed);
        MemFileSystem fs = new MemFileSystem();
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 8 << 10;
        o.inlineCompaction = true;
        o.termCacheEntries = 16;
        TreeSet<Quad> model = new TreeSet<>();
        TreeSet<String> graphs = new TreeSet<>();
        TripleStore store = TripleStore.open(fs, o);
        try {
            for (int i = 0; i < steps; i++) {
                int op = rnd.nextInt(100);
                if (op < 35) {
                    Quad q = quad(rnd);
                    assertThat(store.add(q.subject(), q.predicate(), q.object(), q.graph())).isEqualTo(model.add(q));
                    if (q.graph() != null) {
                        graphs.add(q.graph());
                    }
                } else if (op < 50) {
                    List<Quad> batch = new ArrayList<>();
                    for (int k = rnd.nextInt(20); k > 0; k--) {
                        batch.add(quad(rnd));
                    }
                    long before = model.size();
                    for (Quad q : batch) {
                        model.add(q);
                        if (q.graph() != null) {
                            graphs.add(q.graph());
                        }
                    }
                    assertThat(store.addQuads(batch)).isEqualTo(model.size() - before);
                } else if (op < 65) {
                    Quad q = rnd.nextBoolean() && !model.isEmpty() ? new ArrayList<>(model).get(rnd.nextInt(model.size())) : quad(rnd);
                    assertThat(store.delete(q.subject(), q.predicate(), q.object(), q.graph())).isEqualTo(model.remove(q));
                } else if (op < 80) {
                    Transaction tx = new Transaction();
                    for (int k = 1 + rnd.nextInt(6); k > 0; k--) {
                        int w = rnd.nextInt(10);
                        Quad q = quad(rnd);
                        String g = graph(rnd);
                        if (w < 4) {
                            tx.add(q.subject(), q.predicate(), q.object(), q.graph());
                            model.add(q);
                            if (q.graph() != null) {
                                graphs.add(q.graph());
                            }
                        } else if (w < 6) {
                            tx.delete(q.subject(), q.predicate(), q.object(), q.graph());
                            model.remove(q);
                        } else if (w == 6 && g != null) {
                            tx.createGraph(g);
                            graphs.add(g);
                        } else if (w == 7) {
                            tx.clearGraph(g);
                            model.removeIf(x -> eq(x.graph(), g));
                        } else if (w == 8) {
                            tx.dropGraph(g);
                            model.removeIf(x -> eq(x.graph(), g));
                            if (g != null) {
                                graphs.remove(g);
                            }
                        }
                    }
                    store.commit(tx);
                } else if (op < 85) {
                    store.close();
                    store = TripleStore.open(fs, o);
                } else if (op < 90) {
                    store.flush();
                } else if (op < 92) {
                    store.compact();
                } else {
                    check(store, model, graphs, rnd);
                }
            }
            check(store, model, graphs, rnd);
            assertThat(store.checkIndexes(10)).isEmpty();
        } finally {
            store.close();
        }
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static void check(TripleStore store, TreeSet<Quad> model, TreeSet<String> graphs, Random rnd) {
        try (TripleStore.StoreSnapshot snap = store.snapshot()) {
            assertThat(new TreeSet<>(snap.graphs())).isEqualTo(graphs);
            assertThat(snap.countQuads(null, null, null, null)).isEqualTo(model.size());
            // Everything: the default graph first, then each named graph's quads together.
            TreeSet<Quad> all = new TreeSet<>();
            java.util.List<String> runs = new java.util.ArrayList<>();
            try (QuadCursor c = snap.findQuads(null, null, null, null)) {
                while (c.hasNext()) {
                    Quad q = c.next();
                    assertThat(all.add(q)).as("each quad once").isTrue();
                    String g = q.graph() == null ? "" : q.graph();
                    if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(g)) {
                        assertThat(runs).as("graph %s comes in one run", g).doesNotContain(g);
                        runs.add(g);
                    }
                }
            }
            assertThat(all).isEqualTo(model);
            for (int k = 0; k < 8; k++) {
                Quad pat = quad(rnd);
                String s = rnd.nextBoolean() ? pat.subject() : null;
                String p = rnd.nextBoolean() ? pat.predicate() : null;
                String ob = rnd.nextBoolean() ? pat.object() : null;
                int gk = rnd.nextInt(3);
                String g = gk == 0 ? null : gk == 1 ? Quad.DEFAULT_GRAPH : pat.graph() == null ? Quad.DEFAULT_GRAPH : pat.graph();
                TreeSet<Quad> expected = new TreeSet<>();
                for (Quad q : model) {
                    if ((s == null || s.equals(q.subject())) && (p == null || p.equals(q.predicate()))
                            && (ob == null || ob.equals(q.object())) && (g == null || eq(Quad.DEFAULT_GRAPH.equals(g) ? null : g, q.graph()))) {
                        expected.add(q);
                    }
                }
                TreeSet<Quad> got = new TreeSet<>();
                try (QuadCursor c = snap.findQuads(s, p, ob, g)) {
                    while (c.hasNext()) {
                        assertThat(got.add(c.next())).as("each quad once").isTrue();
                    }
                }
                assertThat(got).as("find %s %s %s %s", s, p, ob, g).isEqualTo(expected);
                assertThat(snap.countQuads(s, p, ob, g)).isEqualTo(expected.size());
                checkUnion(snap, model, s, p, ob);
            }
        }
    }

    /** The union scan gives each triple of any graph once, in index order. */
    private static void checkUnion(TripleStore.StoreSnapshot snap, TreeSet<Quad> model, String s, String p, String o) {
        long si = s == null ? 0 : snap.lookup(s);
        long pi = p == null ? 0 : snap.lookup(p);
        long oi = o == null ? 0 : snap.lookup(o);
        TreeSet<String> expected = new TreeSet<>();
        for (Quad q : model) {
            if ((s == null || s.equals(q.subject())) && (p == null || p.equals(q.predicate())) && (o == null || o.equals(q.object()))) {
                expected.add(q.subject() + " " + q.predicate() + " " + q.object());
            }
        }
        if ((s != null && si == 0) || (p != null && pi == 0) || (o != null && oi == 0)) {
            assertThat(expected).isEmpty();
            return;
        }
        List<String> got = new ArrayList<>();
        TripleStore.IdScan scan = snap.scanQuads(TripleStore.UNION, si, pi, oi);
        while (scan.next()) {
            got.add(snap.term(scan.s()) + " " + snap.term(scan.p()) + " " + snap.term(scan.o()));
        }
        assertThat(new TreeSet<>(got)).isEqualTo(expected);
        assertThat(got).as("no triple twice").hasSize(expected.size());
    }
}
