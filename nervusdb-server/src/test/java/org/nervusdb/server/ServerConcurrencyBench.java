package org.nervusdb.server;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nervusdb.NervusDB;
import org.nervusdb.Transaction;

/**
 * A benchmark harness, not a test: N concurrent HTTP clients (java.net.http) against a server in
 * this JVM, each sending queries (4 shapes) and, one request in ten, an INSERT DATA update, for a
 * fixed time; prints throughput, p50/p99 latency per kind and error counts. Runs only when
 * asked: {@code -Dnervusdb.bench=true} (see docs/PERFORMANCE.md); it asserts nothing.
 */
@EnabledIfSystemProperty(named = "nervusdb.bench", matches = "true")
class ServerConcurrencyBench {
    static final String EX = "http://example.org/";

    @Test
    void run() throws Exception {
        int seconds = Integer.getInteger("nervusdb.bench.seconds", 10);
        Path dir = Files.createTempDirectory("nervusdb-bench");
        try (NervusDB db = NervusDB.open(dir)) {
            Transaction tx = new Transaction();
            for (int i = 0; i < 20_000; i++) {
                tx.add(EX + "p" + i, EX + "knows", EX + "p" + ((i * 7 + 1) % 20_000));
                tx.add(EX + "p" + i, EX + "age", NervusDB.literal(i % 90));
            }
            db.commit(tx);
        }
        ServerConfig c = new ServerConfig();
        c.db = dir;
        c.port = 0;
        c.allowUpdates = true;
        c.token = "bench-token-0123";
        c.passwords = Map.of();
        try (NervusServer s = NervusServer.start(c)) {
            for (int clients : new int[] {16, 64}) {
                runOnce(s.datasetUrl(), clients, seconds, "Bearer " + c.token);
            }
        }
    }

    /**
     * The same data, query mix and clients against Fuseki over NervusDB (this module's server)
     * and Fuseki over Apache Jena TDB2 (FusekiServer on a TDB2 dataset, the set-up Fuseki users
     * run), alternating after a warm-up of each: NervusDB at 16 clients, TDB2 at 16, NervusDB at
     * 64, TDB2 at 64.
     * {@code -Dnervusdb.bench=true -Dtest=ServerConcurrencyBench#againstTdb2}.
     */
    @Test
    void againstTdb2() throws Exception {
        int seconds = Integer.getInteger("nervusdb.bench.seconds", 10);
        Path dir = Files.createTempDirectory("nervusdb-bench");
        Path tdbDir = Files.createTempDirectory("tdb2-bench");
        try (NervusDB db = NervusDB.open(dir)) {
            Transaction tx = new Transaction();
            for (int i = 0; i < 20_000; i++) {
                tx.add(EX + "p" + i, EX + "knows", EX + "p" + ((i * 7 + 1) % 20_000));
                tx.add(EX + "p" + i, EX + "age", NervusDB.literal(i % 90));
            }
            db.commit(tx);
        }
        org.apache.jena.query.Dataset tdb = org.apache.jena.tdb2.TDB2Factory.connectDataset(tdbDir.toString());
        org.apache.jena.system.Txn.executeWrite(tdb, () -> {
            org.apache.jena.graph.Graph g = tdb.asDatasetGraph().getDefaultGraph();
            for (int i = 0; i < 20_000; i++) {
                org.apache.jena.graph.Node s = org.apache.jena.graph.NodeFactory.createURI(EX + "p" + i);
                g.add(s, org.apache.jena.graph.NodeFactory.createURI(EX + "knows"),
                        org.apache.jena.graph.NodeFactory.createURI(EX + "p" + ((i * 7 + 1) % 20_000)));
                g.add(s, org.apache.jena.graph.NodeFactory.createURI(EX + "age"),
                        org.apache.jena.graph.NodeFactory.createLiteralDT(Integer.toString(i % 90),
                                org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
            }
        });
        ServerConfig c = new ServerConfig();
        c.db = dir;
        c.port = 0;
        c.allowUpdates = true;
        c.token = "bench-token-0123";
        c.passwords = Map.of();
        org.apache.jena.fuseki.main.FusekiServer fuseki = org.apache.jena.fuseki.main.FusekiServer.create()
                .port(0).loopback(true).add("/ds", tdb.asDatasetGraph()).build().start();
        try (NervusServer s = NervusServer.start(c)) {
            String tdbUrl = "http://127.0.0.1:" + fuseki.getHttpPort() + "/ds";
            // Both warmed up first (JIT, caches), each for half the measured time at 16 clients.
            runOnce("warm-up, NervusDB", s.datasetUrl(), 16, Math.max(1, seconds / 2), "Bearer " + c.token);
            runOnce("warm-up, TDB2", tdbUrl, 16, Math.max(1, seconds / 2), null);
            for (int clients : new int[] {16, 64}) {
                runOnce("NervusDB", s.datasetUrl(), clients, seconds, "Bearer " + c.token);
                runOnce("TDB2", tdbUrl, clients, seconds, null);
            }
        } finally {
            fuseki.stop();
            tdb.close();
        }
    }

    static void runOnce(String ds, int clients, int seconds, String auth) throws Exception {
        runOnce("NervusDB", ds, clients, seconds, auth);
    }

    static void runOnce(String store, String ds, int clients, int seconds, String auth) throws Exception {
        String[] queries = {
            "SELECT ?o WHERE { <" + EX + "p%d> <" + EX + "knows> ?o }",
            "SELECT ?f ?a WHERE { <" + EX + "p%d> <" + EX + "knows> ?f . ?f <" + EX + "age> ?a }",
            "ASK { <" + EX + "p%d> <" + EX + "age> ?a FILTER (?a > 40) }",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s <" + EX + "age> %d }",
        };
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger updateErrors = new AtomicInteger();
        List<Future<long[][]>> fs = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int id = t;
            fs.add(pool.submit(() -> {
                long[] q = new long[1 << 16];
                long[] u = new long[1 << 14];
                int nq = 0;
                int nu = 0;
                java.util.Random rnd = new java.util.Random(id);
                for (int i = 0; System.nanoTime() < end; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r;
                    boolean update = i % 10 == 9;
                    if (update) {
                        r = Http.update(ds, "INSERT DATA { <" + EX + "c" + id + "-" + i + "> <" + EX + "age> " + i + " }", auth);
                    } else {
                        String text = String.format(Locale.ROOT, queries[i % queries.length], rnd.nextInt(i % 4 == 3 ? 90 : 20_000));
                        r = Http.query(ds, text, "application/sparql-results+json");
                    }
                    long dt = System.nanoTime() - t0;
                    if (r.statusCode() / 100 != 2) {
                        (update ? updateErrors : errors).incrementAndGet();
                    }
                    if (update && nu < u.length) {
                        u[nu++] = dt;
                    } else if (!update && nq < q.length) {
                        q[nq++] = dt;
                    }
                }
                return new long[][] {Arrays.copyOf(q, nq), Arrays.copyOf(u, nu)};
            }));
        }
        List<long[]> qs = new ArrayList<>();
        List<long[]> us = new ArrayList<>();
        for (Future<long[][]> f : fs) {
            long[][] r = f.get();
            qs.add(r[0]);
            us.add(r[1]);
        }
        pool.shutdown();
        long[] q = concat(qs);
        long[] u = concat(us);
        System.out.printf(Locale.ROOT,
                "serve bench, %s: %d clients, %d s: %d queries (%.0f/s) p50 %.2f ms p99 %.2f ms, errors %d; "
                        + "%d updates (%.0f/s) p50 %.2f ms p99 %.2f ms, errors %d%n",
                store, clients, seconds, q.length, q.length / (double) seconds, pct(q, 0.5), pct(q, 0.99), errors.get(),
                u.length, u.length / (double) seconds, pct(u, 0.5), pct(u, 0.99), updateErrors.get());
    }

    static long[] concat(List<long[]> parts) {
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] out = new long[n];
        int i = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        Arrays.sort(out);
        return out;
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
