package org.nervusdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;

/**
 * The SPARQL 1.1 Protocol, Update and Graph Store HTTP Protocol as real HTTP clients see them,
 * with the server's limits and access control: one server with updates on (a bearer token and
 * a password), in this JVM, over a database of a few triples.
 */
class ServerProtocolTest {
    static final String EX = "http://example.org/";
    static final String TOKEN = "s3cret-token-for-tests";
    static final String BEARER = "Bearer " + TOKEN;
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("admin:pw-of-admin".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path tmp;
    static NervusServer server;
    static String ds;

    @BeforeAll
    static void start() {
        Path dir = tmp.resolve("db");
        try (NervusDB db = NervusDB.open(dir)) {
            db.add(EX + "alice", EX + "knows", EX + "bob");
            db.add(EX + "bob", EX + "knows", EX + "carol");
            db.add(EX + "alice", EX + "name", "\"Alice\"");
            for (int i = 0; i < 300; i++) {
                db.add(EX + "n" + i, EX + "v", "\"" + i + "\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            }
        }
        ServerConfig c = new ServerConfig();
        c.db = dir;
        c.port = 0;
        c.allowUpdates = true;
        c.token = TOKEN;
        c.passwords = Map.of("admin", "pw-of-admin");
        c.maxBodyBytes = 64 << 10;
        c.queryTimeoutMillis = 1500;
        server = NervusServer.start(c);
        ds = server.datasetUrl();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static final String SELECT = "SELECT ?who WHERE { <" + EX + "alice> <" + EX + "knows> ?who }";

    @Test
    void selectInEachResultsFormat() throws Exception {
        HttpResponse<String> json = Http.query(ds, SELECT, "application/sparql-results+json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/sparql-results+json");
        assertThat(json.body()).contains("\"who\"").contains(EX + "bob");

        HttpResponse<String> xml = Http.query(ds, SELECT, "application/sparql-results+xml");
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("application/sparql-results+xml");
        assertThat(xml.body()).contains("<variable name=\"who\"/>").contains("<uri>" + EX + "bob</uri>");

        HttpResponse<String> csv = Http.query(ds, SELECT, "text/csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().split("\r?\n")).containsExactly("who", EX + "bob");

        HttpResponse<String> tsv = Http.query(ds, SELECT, "text/tab-separated-values");
        assertThat(tsv.headers().firstValue("Content-Type").orElse("")).startsWith("text/tab-separated-values");
        assertThat(tsv.body().split("\r?\n")).containsExactly("?who", "<" + EX + "bob>");
    }

    @Test
    void queryByGetByFormPostAndByDirectPostOnBothEndpoints() throws Exception {
        for (String endpoint : new String[] {"/sparql", "/query", ""}) {
            HttpResponse<String> byGet = Http.get(ds + endpoint + "?query=" + Http.enc(SELECT), "text/csv");
            assertThat(byGet.statusCode()).as(endpoint).isEqualTo(200);
            assertThat(byGet.body()).contains(EX + "bob");
            HttpResponse<String> form = Http.post(ds + endpoint, "application/x-www-form-urlencoded", "query=" + Http.enc(SELECT), null);
            assertThat(form.statusCode()).as(endpoint).isEqualTo(200);
            assertThat(form.body()).contains(EX + "bob");
            HttpResponse<String> direct = Http.post(ds + endpoint, "application/sparql-query", SELECT, null);
            assertThat(direct.statusCode()).as(endpoint).isEqualTo(200);
            assertThat(direct.body()).contains(EX + "bob");
        }
    }

    @Test
    void askAndConstructNegotiate() throws Exception {
        HttpResponse<String> ask = Http.query(ds, "ASK { <" + EX + "alice> <" + EX + "knows> <" + EX + "bob> }",
                "application/sparql-results+json");
        assertThat(ask.statusCode()).isEqualTo(200);
        assertThat(ask.body().replace(" ", "")).contains("\"boolean\":true");
        HttpResponse<String> askXml = Http.query(ds, "ASK { <" + EX + "alice> <" + EX + "knows> <" + EX + "nobody> }",
                "application/sparql-results+xml");
        assertThat(askXml.body()).contains("<boolean>false</boolean>");

        String construct = "CONSTRUCT { ?a <" + EX + "friend> ?b } WHERE { ?a <" + EX + "knows> ?b }";
        HttpResponse<String> ttl = Http.query(ds, construct, "text/turtle");
        assertThat(ttl.statusCode()).isEqualTo(200);
        assertThat(ttl.headers().firstValue("Content-Type").orElse("")).startsWith("text/turtle");
        assertThat(ttl.body()).contains("friend");
        HttpResponse<String> nt = Http.query(ds, construct, "application/n-triples");
        assertThat(nt.headers().firstValue("Content-Type").orElse("")).startsWith("application/n-triples");
        assertThat(nt.body().trim().split("\n")).containsExactlyInAnyOrder(
                "<" + EX + "alice> <" + EX + "friend> <" + EX + "bob> .",
                "<" + EX + "bob> <" + EX + "friend> <" + EX + "carol> .");
    }

    @Test
    void malformedQueryAndUpdateAre400() throws Exception {
        assertThat(Http.query(ds, "SELECT WHERE {", null).statusCode()).isEqualTo(400);
        assertThat(Http.update(ds, "INSERT DATA { <a> ", BEARER).statusCode()).isEqualTo(400);
        // An update on the query endpoint, a query on the update endpoint: neither runs.
        assertThat(Http.post(ds + "/query", "application/sparql-update", "INSERT DATA { <" + EX + "x> <" + EX + "y> <" + EX + "z> }", BEARER)
                .statusCode()).isBetween(400, 499);
        assertThat(Http.post(ds + "/update", "application/x-www-form-urlencoded", "query=" + Http.enc(SELECT), BEARER)
                .statusCode()).isBetween(400, 499);
        assertThat(Http.query(ds, "ASK { <" + EX + "x> <" + EX + "y> <" + EX + "z> }", "application/sparql-results+json").body())
                .contains("false");
    }

    @Test
    void updatesNeedTheCredential() throws Exception {
        String u = "INSERT DATA { <" + EX + "u1> <" + EX + "p> <" + EX + "o1> }";
        HttpResponse<String> none = Http.update(ds, u, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().allValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("Bearer"));
        assertThat(Http.update(ds, u, "Bearer wrong-token-xyz").statusCode()).isEqualTo(403);
        assertThat(Http.update(ds, u, "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes())).statusCode())
                .isEqualTo(403);
        assertThat(Http.post(ds + "/sparql", "application/x-www-form-urlencoded", "update=" + Http.enc(u), null).statusCode())
                .isEqualTo(401);
        assertThat(ask("<" + EX + "u1> <" + EX + "p> <" + EX + "o1>")).isFalse();

        assertThat(Http.update(ds, u, BEARER).statusCode()).isBetween(200, 299);
        assertThat(ask("<" + EX + "u1> <" + EX + "p> <" + EX + "o1>")).isTrue();
        String u2 = "INSERT DATA { <" + EX + "u2> <" + EX + "p> <" + EX + "o2> }";
        // The dataset's own URL takes queries, updates and Graph Store requests alike.
        assertThat(Http.post(ds, "application/x-www-form-urlencoded", "update=" + Http.enc(u2), BASIC).statusCode())
                .isBetween(200, 299);
        assertThat(ask("<" + EX + "u2> <" + EX + "p> <" + EX + "o2>")).isTrue();
        assertThat(server.metrics().refusals(ServerMetrics.Refusal.UNAUTHENTICATED)).isGreaterThanOrEqualTo(2);
        assertThat(server.metrics().refusals(ServerMetrics.Refusal.FORBIDDEN)).isGreaterThanOrEqualTo(2);
    }

    static boolean ask(String pattern) throws Exception {
        HttpResponse<String> r = Http.query(ds, "ASK { " + pattern + " }", "application/sparql-results+json");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().replace(" ", "").contains("\"boolean\":true");
    }

    @Test
    void graphStoreOnANamedGraphAndTheDefaultGraph() throws Exception {
        String g = Http.enc(EX + "graphs/g1");
        String data = ds + "/data?graph=" + g;
        assertThat(Http.get(data, "text/turtle").statusCode()).isEqualTo(404);
        // Writes need the credential too.
        assertThat(Http.put(data, "text/turtle", "<" + EX + "s> <" + EX + "p> \"one\" .", null).statusCode()).isEqualTo(401);
        assertThat(Http.delete(data, "Bearer not-it-at-all").statusCode()).isEqualTo(403);

        assertThat(Http.put(data, "text/turtle", "<" + EX + "s> <" + EX + "p> \"one\" .", BEARER).statusCode()).isBetween(200, 299);
        HttpResponse<String> got = Http.get(data, "application/n-triples");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body().trim()).isEqualTo("<" + EX + "s> <" + EX + "p> \"one\" .");
        assertThat(Http.post(data, "application/n-triples", "<" + EX + "s> <" + EX + "p> \"two\" .\n", BEARER).statusCode())
                .isBetween(200, 299);
        assertThat(Http.get(ds + "/get?graph=" + g, "application/n-triples").body().trim().split("\n")).hasSize(2);
        // PUT replaces.
        assertThat(Http.put(data, "application/n-triples", "<" + EX + "s> <" + EX + "p> \"three\" .\n", BEARER).statusCode())
                .isBetween(200, 299);
        assertThat(Http.get(data, "application/n-triples").body().trim()).isEqualTo("<" + EX + "s> <" + EX + "p> \"three\" .");
        assertThat(ask("GRAPH <" + EX + "graphs/g1> { <" + EX + "s> <" + EX + "p> \"three\" }")).isTrue();
        assertThat(Http.delete(data, BEARER).statusCode()).isBetween(200, 299);
        assertThat(Http.get(data, "text/turtle").statusCode()).isEqualTo(404);

        // The default graph: POST adds, GET reads, the read-only endpoint refuses writes.
        String def = ds + "/data?default";
        assertThat(Http.post(def, "text/turtle", "<" + EX + "d1> <" + EX + "p> <" + EX + "d2> .", BEARER).statusCode())
                .isBetween(200, 299);
        HttpResponse<String> dget = Http.get(def, "application/n-triples");
        assertThat(dget.statusCode()).isEqualTo(200);
        assertThat(dget.body()).contains("<" + EX + "d1> <" + EX + "p> <" + EX + "d2> .").contains(EX + "alice");
        assertThat(Http.get(ds + "/get?default", "text/turtle").statusCode()).isEqualTo(200);
        assertThat(Http.put(ds + "/get?default", "text/turtle", "", BEARER).statusCode()).isBetween(400, 499);
        assertThat(ask("<" + EX + "d1> <" + EX + "p> <" + EX + "d2>")).isTrue();
    }

    @Test
    void oversizeBodiesAre413() throws Exception {
        String big = "INSERT DATA { <" + EX + "big> <" + EX + "p> \"" + "x".repeat(70 << 10) + "\" }";
        HttpResponse<String> r = Http.update(ds, big, BEARER);
        assertThat(r.statusCode()).isEqualTo(413);
        // Chunked (no Content-Length): read up to the limit, then refused.
        byte[] body = big.getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(ds + "/update"))
                .header("Content-Type", "application/sparql-update").header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();
        assertThat(Http.send(chunked).statusCode()).isEqualTo(413);
        // A small chunked body goes through, form parameters and all.
        byte[] small = ("update=" + Http.enc("INSERT DATA { <" + EX + "chunked> <" + EX + "p> <" + EX + "o> }")).getBytes(StandardCharsets.UTF_8);
        HttpRequest ok = HttpRequest.newBuilder(URI.create(ds))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(small))).build();
        HttpResponse<String> okr = Http.send(ok);
        assertThat(okr.statusCode()).as(okr.body()).isBetween(200, 299);
        assertThat(ask("<" + EX + "chunked> <" + EX + "p> <" + EX + "o>")).isTrue();
        assertThat(ask("<" + EX + "big> ?p ?o")).isFalse();
        assertThat(server.metrics().refusals(ServerMetrics.Refusal.TOO_LARGE)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aQueryOverTheTimeLimitGetsATimeoutErrorAndTheServerGoesOn() throws Exception {
        // 300^3 = 27 million solutions to count: far more than 1.5 s of work.
        String heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a <" + EX + "v> ?x . ?b <" + EX + "v> ?y . ?c <" + EX + "v> ?z "
                + "FILTER (?x + ?y + ?z > -1) }";
        long t0 = System.nanoTime();
        HttpResponse<String> r = Http.query(ds, heavy, "application/sparql-results+json");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(ms).isLessThan(15_000);
        // The server counts a request once it has answered it: a moment after the client has the answer.
        for (int i = 0; i < 100 && server.metrics().timeouts() < 1; i++) {
            Thread.sleep(20);
        }
        assertThat(server.metrics().timeouts()).isGreaterThanOrEqualTo(1);
        // The same query through ARQ's engine (a Jena-only function keeps it there) stops too.
        String arq = heavy.replace("FILTER (", "FILTER (<http://jena.apache.org/ARQ/function#bnode>(?a) != 1 || ");
        long t1 = System.nanoTime();
        HttpResponse<String> r2 = Http.query(ds, arq, "application/sparql-results+json");
        assertThat(r2.statusCode()).as(r2.body()).isGreaterThanOrEqualTo(400);
        assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(15_000);
        assertThat(ask("<" + EX + "alice> <" + EX + "knows> <" + EX + "bob>")).isTrue();
        // A client cannot raise the server's limit with the protocol's timeout parameter (seconds)
        // or header: the query is stopped at the server's 1.5 s all the same.
        long t2 = System.nanoTime();
        HttpResponse<String> r3 = Http.get(ds + "/sparql?timeout=600&query=" + Http.enc(heavy), "application/sparql-results+json");
        assertThat(r3.statusCode()).as(r3.body()).isEqualTo(503);
        assertThat((System.nanoTime() - t2) / 1_000_000).isLessThan(15_000);
    }

    @Test
    void metricsAndDashboard() throws Exception {
        Http.query(ds, SELECT, "text/csv");
        HttpResponse<String> m = Http.get(server.baseUrl() + "/metrics", null);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(m.body()).contains("# TYPE nervusdb_queries_total counter", "nervusdb_query_latency_seconds_bucket{le=\"+Inf\"}",
                "nervusdb_memtable_bytes ", "nervusdb_tables ", "nervusdb_disk_bytes ", "nervusdb_flushes_total ",
                "nervusdb_compactions_total ", "nervusdb_block_cache_hits_total ", "nervusdb_wal_fsyncs_total ",
                "nervusdb_wal_fsync_seconds_total ", "nervusdb_open_snapshots ", "nervusdb_requests_in_flight ");
        // Every sample line is NAME[{labels}] VALUE.
        for (String line : m.body().split("\n")) {
            if (!line.startsWith("#")) {
                assertThat(line).matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? (-?[0-9.e+-]+|NaN)");
            }
        }
        HttpResponse<String> d = Http.get(server.baseUrl() + NervusServer.DASHBOARD_PATH, null);
        assertThat(d.statusCode()).isEqualTo(200);
        assertThat(d.body()).contains("<canvas").doesNotContain("http://", "https://");
        HttpResponse<String> s = Http.get(server.baseUrl() + NervusServer.STATS_PATH, null);
        assertThat(s.body()).startsWith("{\"time\":").contains("\"queries\":", "\"memtableBytes\":", "\"termCacheHits\":",
                "\"termCacheMisses\":", "\"blockCacheHits\":");
    }

    /** The value of an unlabelled sample in a /metrics text. */
    private static double sample(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError(name + " not in " + metrics);
    }

    @Test
    void termCacheCountersAreCountersAndMoveWithQueries() throws Exception {
        String before = Http.get(server.baseUrl() + "/metrics", null).body();
        assertThat(before).contains("# TYPE nervusdb_term_cache_hits_total counter", "# TYPE nervusdb_term_cache_misses_total counter");
        double lookups0 = sample(before, "nervusdb_term_cache_hits_total") + sample(before, "nervusdb_term_cache_misses_total");
        double hits0 = sample(before, "nervusdb_term_cache_hits_total");
        // The same query twice: its constants and the terms of its rows are looked up, the
        // second time from the cache.
        for (int i = 0; i < 2; i++) {
            assertThat(Http.query(ds, SELECT, "text/csv").statusCode()).isEqualTo(200);
        }
        String after = Http.get(server.baseUrl() + "/metrics", null).body();
        double hits1 = sample(after, "nervusdb_term_cache_hits_total");
        double lookups1 = hits1 + sample(after, "nervusdb_term_cache_misses_total");
        assertThat(lookups1).as("lookups counted").isGreaterThan(lookups0);
        assertThat(hits1).as("repeated lookups hit").isGreaterThan(hits0);
    }

    @Test
    void sixteenConcurrentClientsMixingQueriesAndUpdates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger errors = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int id = t;
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> r = i % 5 == 0
                            ? Http.update(ds, "INSERT DATA { <" + EX + "c" + id + "-" + i + "> <" + EX + "p> " + i + " }", BEARER)
                            : Http.query(ds, SELECT, "application/sparql-results+json");
                    if (r.statusCode() / 100 != 2) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        assertThat(errors.get()).isZero();
        HttpResponse<String> count = Http.query(ds, "SELECT (COUNT(*) AS ?n) WHERE { ?s <" + EX + "p> ?o FILTER(isLiteral(?o)) }", "text/csv");
        assertThat(count.body()).contains("64");
    }

    @Test
    void refusesToStartWithUpdatesButNoCredential() {
        ServerConfig c = new ServerConfig();
        c.db = tmp.resolve("other");
        c.port = 0;
        c.allowUpdates = true;
        assertThatThrownBy(() -> NervusServer.start(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credential");
    }

}
