package org.nervusdb.server;

import java.util.Locale;
import org.nervusdb.NervusDB;
import org.nervusdb.Stats;
import org.nervusdb.jena.NervusDatasetGraph;
import org.nervusdb.server.ServerMetrics.Kind;
import org.nervusdb.server.ServerMetrics.Refusal;

/**
 * The server's and the database's figures: as Prometheus's text exposition format (version
 * 0.0.4) for {@code /metrics}, and as one JSON object for the dashboard.
 */
final class MetricsText {
    private final ServerMetrics metrics;
    private final NervusDatasetGraph dsg;
    private final NervusDB db;

    MetricsText(ServerMetrics metrics, NervusDatasetGraph dsg) {
        this.metrics = metrics;
        this.dsg = dsg;
        this.db = dsg.database();
    }

    /** The database's figures, or null once it is closed. */
    private Stats stats() {
        try {
            return db.isClosed() ? null : db.stats();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.9g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static void metric(StringBuilder sb, String name, String type, String help, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        sb.append(name).append(' ').append(num(value)).append('\n');
    }

    private static void header(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void histogram(StringBuilder sb, String name, String help, Kind... kinds) {
        header(sb, name, "histogram", help);
        long[] cum = new long[ServerMetrics.BUCKETS.length + 1];
        double sum = 0;
        for (Kind k : kinds) {
            long[] c = metrics.cumulativeBuckets(k);
            for (int i = 0; i < cum.length; i++) {
                cum[i] += c[i];
            }
            sum += metrics.nanos(k) / 1e9;
        }
        for (int i = 0; i < ServerMetrics.BUCKETS.length; i++) {
            sb.append(name).append("_bucket{le=\"").append(num(ServerMetrics.BUCKETS[i])).append("\"} ").append(cum[i]).append('\n');
        }
        sb.append(name).append("_bucket{le=\"+Inf\"} ").append(cum[cum.length - 1]).append('\n');
        sb.append(name).append("_sum ").append(num(sum)).append('\n');
        sb.append(name).append("_count ").append(cum[cum.length - 1]).append('\n');
    }

    String prometheus() {
        StringBuilder sb = new StringBuilder(8192);
        metric(sb, "nervusdb_queries_total", "counter", "SPARQL queries answered (any status).", metrics.count(Kind.QUERY));
        metric(sb, "nervusdb_updates_total", "counter", "SPARQL update requests answered (any status).", metrics.count(Kind.UPDATE));
        metric(sb, "nervusdb_commits_total", "counter",
                "Acknowledged writes (update and Graph Store write requests answered 2xx); each is one commit.", metrics.commits());
        header(sb, "nervusdb_requests_total", "counter", "Requests that reached the dataset, by kind.");
        for (Kind k : Kind.values()) {
            if (k != Kind.OTHER) {
                sb.append("nervusdb_requests_total{kind=\"").append(k.label).append("\"} ").append(metrics.count(k)).append('\n');
            }
        }
        header(sb, "nervusdb_request_errors_total", "counter", "Requests answered with an error status, by kind and class.");
        for (Kind k : Kind.values()) {
            if (k != Kind.OTHER) {
                sb.append("nervusdb_request_errors_total{kind=\"").append(k.label).append("\",class=\"4xx\"} ")
                        .append(metrics.clientErrors(k)).append('\n');
                sb.append("nervusdb_request_errors_total{kind=\"").append(k.label).append("\",class=\"5xx\"} ")
                        .append(metrics.serverErrors(k)).append('\n');
            }
        }
        header(sb, "nervusdb_requests_refused_total", "counter",
                "Requests the server refused before the dataset (no or wrong credential, read-only, too large, shutting down).");
        for (Refusal r : Refusal.values()) {
            sb.append("nervusdb_requests_refused_total{reason=\"").append(r.label).append("\"} ").append(metrics.refusals(r)).append('\n');
        }
        metric(sb, "nervusdb_query_timeouts_total", "counter", "Queries stopped at the time limit.", metrics.timeouts());
        metric(sb, "nervusdb_requests_in_flight", "gauge", "Requests being served now.", metrics.inFlight());
        histogram(sb, "nervusdb_query_latency_seconds", "Time to answer a SPARQL query, whole response written.", Kind.QUERY);
        histogram(sb, "nervusdb_update_latency_seconds",
                "Time to answer a write (SPARQL update or Graph Store write), commit included.", Kind.UPDATE, Kind.GSP_WRITE);
        histogram(sb, "nervusdb_gsp_read_latency_seconds", "Time to answer a Graph Store read.", Kind.GSP_READ);
        double[] q = metrics.recentPercentiles(60_000, new double[] {0.5, 0.95, 0.99}, Kind.QUERY);
        header(sb, "nervusdb_query_latency_recent_seconds", "gauge", "Query latency percentiles over the last 60 seconds (NaN: no query).");
        sb.append("nervusdb_query_latency_recent_seconds{quantile=\"0.5\"} ").append(num(q[0])).append('\n');
        sb.append("nervusdb_query_latency_recent_seconds{quantile=\"0.95\"} ").append(num(q[1])).append('\n');
        sb.append("nervusdb_query_latency_recent_seconds{quantile=\"0.99\"} ").append(num(q[2])).append('\n');
        metric(sb, "nervusdb_native_queries_total", "counter", "Queries NervusDB's own engine ran.", dsg.nativeQueryCount());
        metric(sb, "nervusdb_arq_queries_total", "counter", "Queries Jena's ARQ engine ran over NervusDB.", dsg.arqQueryCount());
        metric(sb, "nervusdb_open_snapshots", "gauge", "NervusDB snapshots the dataset holds open (queries, transactions, iterators).",
                dsg.openSnapshots());
        Stats s = stats();
        if (s != null) {
            metric(sb, "nervusdb_triples", "gauge", "Triples in the default graph.", s.triples());
            metric(sb, "nervusdb_quads", "gauge", "Quads in named graphs.", s.quads());
            metric(sb, "nervusdb_graphs", "gauge", "Named graphs.", s.graphs());
            metric(sb, "nervusdb_terms", "gauge", "Distinct terms stored.", s.terms());
            metric(sb, "nervusdb_memtable_bytes", "gauge", "Bytes in the memtables (written, not yet flushed to a table).", s.memtableBytes());
            metric(sb, "nervusdb_tables", "gauge", "Table files (SSTables).", s.tables());
            metric(sb, "nervusdb_disk_bytes", "gauge", "Bytes on disk in tables and the write-ahead log.", s.bytes());
            metric(sb, "nervusdb_wal_bytes", "gauge", "Bytes in the write-ahead log.", s.walBytes());
            metric(sb, "nervusdb_flushes_total", "counter", "Memtable flushes to tables since the database opened.", s.flushes());
            metric(sb, "nervusdb_compactions_total", "counter", "Compactions since the database opened.", s.compactions());
            metric(sb, "nervusdb_block_cache_bytes", "gauge", "Bytes in the block cache.", s.blockCacheBytes());
            metric(sb, "nervusdb_block_cache_hits_total", "counter", "Block cache hits.", s.blockCacheHits());
            metric(sb, "nervusdb_block_cache_misses_total", "counter", "Block cache misses.", s.blockCacheMisses());
            metric(sb, "nervusdb_term_cache_hits_total", "counter",
                    "Term cache hits (a term's id or an id's term found in the cache; approximate under concurrent reads).",
                    s.termCacheHits());
            metric(sb, "nervusdb_term_cache_misses_total", "counter", "Term cache misses (looked up in the dictionary).",
                    s.termCacheMisses());
        }
        metric(sb, "nervusdb_wal_fsyncs_total", "counter", "fsyncs of the write-ahead log since the database opened.", db.logSyncs());
        metric(sb, "nervusdb_wal_fsync_seconds_total", "counter", "Time spent in those fsyncs.", db.logSyncNanos() / 1e9);
        metric(sb, "nervusdb_uptime_seconds", "gauge", "Seconds since the server started.",
                (System.currentTimeMillis() - metrics.startMillis()) / 1000.0);
        return sb.toString();
    }

    private static String json(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : num(v);
    }

    /** The figures the dashboard draws: counters (it takes rates from two readings) and gauges. */
    String json() {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("{\"time\":").append(System.currentTimeMillis());
        sb.append(",\"queries\":").append(metrics.count(Kind.QUERY));
        sb.append(",\"updates\":").append(metrics.count(Kind.UPDATE));
        sb.append(",\"gspReads\":").append(metrics.count(Kind.GSP_READ));
        sb.append(",\"gspWrites\":").append(metrics.count(Kind.GSP_WRITE));
        sb.append(",\"commits\":").append(metrics.commits());
        long errors = 0;
        for (Kind k : Kind.values()) {
            errors += metrics.errors(k);
        }
        sb.append(",\"errors\":").append(errors);
        sb.append(",\"timeouts\":").append(metrics.timeouts());
        long refused = 0;
        for (Refusal r : Refusal.values()) {
            refused += metrics.refusals(r);
        }
        sb.append(",\"refused\":").append(refused);
        sb.append(",\"inFlight\":").append(metrics.inFlight());
        double[] q = metrics.recentPercentiles(10_000, new double[] {0.5, 0.95, 0.99}, Kind.QUERY);
        double[] u = metrics.recentPercentiles(10_000, new double[] {0.5, 0.95, 0.99}, Kind.UPDATE, Kind.GSP_WRITE);
        sb.append(",\"queryLatency\":{\"p50\":").append(json(q[0])).append(",\"p95\":").append(json(q[1]))
                .append(",\"p99\":").append(json(q[2])).append('}');
        sb.append(",\"updateLatency\":{\"p50\":").append(json(u[0])).append(",\"p95\":").append(json(u[1]))
                .append(",\"p99\":").append(json(u[2])).append('}');
        sb.append(",\"openSnapshots\":").append(dsg.openSnapshots());
        sb.append(",\"walFsyncs\":").append(db.logSyncs());
        sb.append(",\"walFsyncNanos\":").append(db.logSyncNanos());
        Stats s = stats();
        if (s != null) {
            sb.append(",\"triples\":").append(s.triples());
            sb.append(",\"quads\":").append(s.quads());
            sb.append(",\"memtableBytes\":").append(s.memtableBytes());
            sb.append(",\"tables\":").append(s.tables());
            sb.append(",\"diskBytes\":").append(s.bytes());
            sb.append(",\"walBytes\":").append(s.walBytes());
            sb.append(",\"flushes\":").append(s.flushes());
            sb.append(",\"compactions\":").append(s.compactions());
            sb.append(",\"blockCacheBytes\":").append(s.blockCacheBytes());
            sb.append(",\"blockCacheHits\":").append(s.blockCacheHits());
            sb.append(",\"blockCacheMisses\":").append(s.blockCacheMisses());
            sb.append(",\"termCacheHits\":").append(s.termCacheHits());
            sb.append(",\"termCacheMisses\":").append(s.termCacheMisses());
        }
        sb.append(",\"readOnly\":").append(db.isReadOnly());
        sb.append('}');
        return sb.toString();
    }
}
