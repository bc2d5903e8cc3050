package org.nervusdb.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.ARQ;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.ServerConnector;
import org.nervusdb.DatabaseLockedException;
import org.nervusdb.NervusDB;
import org.nervusdb.Options;
import org.nervusdb.engine.FileNames;
import org.nervusdb.jena.NervusDatasetGraph;
import org.nervusdb.jena.NervusJena;

/**
 * A SPARQL 1.1 Protocol and Graph Store Protocol server over one NervusDB database: Apache Jena
 * Fuseki (embedded, Jetty) serving the database as a {@link NervusDatasetGraph} under
 * {@code /NAME}, behind {@link ServerFilter} (limits and access control), with
 * {@code /metrics} (Prometheus) and {@code /$/nervusdb/dashboard} (live charts).
 */
public final class NervusServer implements AutoCloseable {
    public static final String DASHBOARD_PATH = "/$/nervusdb/dashboard";
    public static final String STATS_PATH = "/$/nervusdb/stats";
    public static final String METRICS_PATH = "/metrics";

    private final ServerConfig config;
    private final NervusDB db;
    private final NervusDatasetGraph dsg;
    private final FusekiServer fuseki;
    private final ServerFilter filter;
    private final ServerMetrics metrics;
    private final ScheduledExecutorService refresher;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean stopping;

    private NervusServer(ServerConfig config, NervusDB db, NervusDatasetGraph dsg, FusekiServer fuseki, ServerFilter filter,
            ServerMetrics metrics, ScheduledExecutorService refresher) {
        this.config = config;
        this.db = db;
        this.dsg = dsg;
        this.fuseki = fuseki;
        this.filter = filter;
        this.metrics = metrics;
        this.refresher = refresher;
    }

    /**
     * Opens the database and starts serving it. With updates off, a database another process
     * has open for writing is served read-only beside it (its new commits show within a second).
     *
     * @throws IllegalArgumentException for settings that do not go together (updates without a credential)
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static NervusServer start(ServerConfig config) {
        if (config.allowUpdates && !config.hasCredential()) {
            throw new IllegalArgumentException("updates need a credential: give --token-file or --password-file");
        }
        if (config.maxBodyBytes <= 0 || config.queryTimeoutMillis < 0 || config.graceMillis < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        NervusDB db = open(config);
        ScheduledExecutorService refresher = null;
        try {
            NervusDatasetGraph dsg = NervusJena.wrapGraph(db);
            if (config.queryTimeoutMillis > 0) {
                dsg.getContext().set(ARQ.queryTimeout, Long.toString(config.queryTimeoutMillis));
            }
            ServerMetrics metrics = new ServerMetrics();
            ServerFilter filter = new ServerFilter(config, metrics);
            MetricsText text = new MetricsText(metrics, dsg);
            FusekiServer fuseki = FusekiServer.create()
                    .port(config.port)
                    .add("/" + config.name, dsg, config.allowUpdates)
                    .addFilter("/*", filter)
                    .addServlet(METRICS_PATH, new TextServlet("text/plain; version=0.0.4; charset=utf-8", text::prometheus))
                    .addServlet(STATS_PATH, new TextServlet("application/json", text::json))
                    .addServlet(DASHBOARD_PATH, new TextServlet("text/html; charset=utf-8", NervusServer::dashboard))
                    .build();
            // Listen on the address asked for (Fuseki's own choice is all addresses or loopback).
            for (Connector c : fuseki.getJettyServer().getConnectors()) {
                if (c instanceof ServerConnector) {
                    ((ServerConnector) c).setHost(config.host);
                }
            }
            if (db.isReadOnly()) {
                refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "nervusdb-refresh");
                    t.setDaemon(true);
                    return t;
                });
                refresher.scheduleWithFixedDelay(() -> {
                    try {
                        db.refresh();
                    } catch (RuntimeException e) {
                        // The writer may be in the middle of something: the next round reads it.
                    }
                }, 1, 1, TimeUnit.SECONDS);
            }
            try {
                fuseki.start();
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause != null && !(cause instanceof IOException)) {
                    cause = cause.getCause();
                }
                if (cause instanceof BindException || (cause instanceof IOException && String.valueOf(cause.getMessage()).contains("bind"))) {
                    throw new UncheckedIOException(new IOException("cannot listen on " + config.host + ":" + config.port + ": "
                            + cause.getMessage(), cause));
                }
                throw e;
            }
            return new NervusServer(config, db, dsg, fuseki, filter, metrics, refresher);
        } catch (RuntimeException | Error e) {
            if (refresher != null) {
                refresher.shutdownNow();
            }
            db.close();
            throw e;
        }
    }

    private static NervusDB open(ServerConfig config) {
        if (config.allowUpdates) {
            return NervusDB.open(config.db);
        }
        if (!Files.isRegularFile(config.db.resolve(FileNames.MANIFEST))) {
            // Serving nothing read-only is a mistyped path far more often than an intent.
            throw new org.nervusdb.NervusDBException("NOT_FOUND", "no NervusDB database in " + config.db
                    + " (a read-only server does not create one; with --allow-updates it does)");
        }
        try {
            return NervusDB.open(config.db);
        } catch (DatabaseLockedException e) {
            if (!config.readOnlyIfLocked) {
                throw e;
            }
            return NervusDB.open(config.db, Options.defaults().readOnly(true));
        }
    }

    /** The port it listens on (the one chosen when the settings asked for 0). */
    public int port() {
        return fuseki.getHttpPort();
    }

    /** The base URL, {@code http://HOST:PORT}. */
    public String baseUrl() {
        String h = config.host.contains(":") ? "[" + config.host + "]" : config.host;
        return "http://" + h + ":" + port();
    }

    /** The dataset's URL, {@code http://HOST:PORT/NAME}. */
    public String datasetUrl() {
        return baseUrl() + "/" + config.name;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public NervusDB database() {
        return db;
    }

    /** Whether the database was opened read-only beside another process that writes it. */
    public boolean isReadOnlyBeside() {
        return db.isReadOnly();
    }

    /**
     * Stops: answers new requests with 503 and stops accepting connections, lets the requests in
     * flight finish (up to the grace period), stops the HTTP server and closes the database.
     * Every write acknowledged before is durable (each was a synced commit). Idempotent.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            stopping = true;
        }
        try {
            filter.drain();
            for (Connector c : fuseki.getJettyServer().getConnectors()) {
                if (c instanceof NetworkConnector) {
                    try {
                        ((NetworkConnector) c).close(); // no new connections; those open go on
                    } catch (RuntimeException e) {
                        // stopping anyway
                    }
                }
            }
            long deadline = System.nanoTime() + config.graceMillis * 1_000_000L;
            while (metrics.inFlight() > 0 && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            try {
                fuseki.stop();
            } catch (RuntimeException e) {
                // the database still closes
            }
            if (refresher != null) {
                refresher.shutdownNow();
            }
        } finally {
            try {
                dsg.close();
            } finally {
                db.close();
                stopped.countDown();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Waits until {@link #stop()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    static String dashboard() {
        try (InputStream in = NervusServer.class.getResourceAsStream("dashboard.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard.html missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET-only servlet answering with text made fresh for each request. */
    static final class TextServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final String contentType;
        private final transient java.util.function.Supplier<String> body;

        TextServlet(String contentType, java.util.function.Supplier<String> body) {
            this.contentType = contentType;
            this.body = body;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            resp.setStatus(200);
            resp.setContentType(contentType);
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentLength(b.length);
            resp.getOutputStream().write(b);
        }
    }
}
