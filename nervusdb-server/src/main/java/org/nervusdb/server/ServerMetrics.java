package org.nervusdb.server;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the server counts about the requests it serves: per kind of request, how many, how many
 * failed, and how long they took (a cumulative histogram for {@code /metrics} and a window of
 * the last few seconds' latencies for the dashboard's percentiles); requests in flight and
 * requests refused before reaching the dataset. Thread-safe, lock-free except the short
 * synchronized append to a latency window.
 */
public final class ServerMetrics {

    /** What a request asks for, as the server's filter classifies it. */
    public enum Kind {
        /** A SPARQL query (any endpoint that takes {@code query}). */
        QUERY("query"),
        /** A SPARQL update request. */
        UPDATE("update"),
        /** A Graph Store Protocol read (GET or HEAD of a graph or of the dataset). */
        GSP_READ("gsp_read"),
        /** A Graph Store Protocol write (PUT, POST, DELETE, PATCH of a graph or of the dataset). */
        GSP_WRITE("gsp_write"),
        /** Anything else (the dashboard, metrics, unknown paths). */
        OTHER("other");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        boolean isWrite() {
            return this == UPDATE || this == GSP_WRITE;
        }
    }

    /** Upper bounds of the latency histogram's buckets, in seconds (then +Inf). */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    /** Why a request was answered by the server's filter and never reached the dataset. */
    public enum Refusal {
        UNAUTHENTICATED("unauthenticated"), FORBIDDEN("forbidden"), READ_ONLY("read_only"), TOO_LARGE("too_large"),
        SHUTTING_DOWN("shutting_down");

        final String label;

        Refusal(String label) {
            this.label = label;
        }
    }

    final class PerKind {
        final AtomicLong count = new AtomicLong();
        final AtomicLong clientErrors = new AtomicLong();
        final AtomicLong serverErrors = new AtomicLong();
        final AtomicLong nanos = new AtomicLong();
        final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length + 1);
        final Window window = new Window(8192);
    }

    private final PerKind[] kinds = new PerKind[Kind.values().length];
    private final AtomicLong[] refusals = new AtomicLong[Refusal.values().length];
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong timeouts = new AtomicLong();
    private final long startMillis = System.currentTimeMillis();

    public ServerMetrics() {
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = new PerKind();
        }
        for (int i = 0; i < refusals.length; i++) {
            refusals[i] = new AtomicLong();
        }
    }

    int enter() {
        return inFlight.incrementAndGet();
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    long startMillis() {
        return startMillis;
    }

    /** Records a request that reached the dataset, with the status it was answered with. */
    void record(Kind kind, int status, long nanos) {
        PerKind k = kinds[kind.ordinal()];
        k.count.incrementAndGet();
        if (status >= 500) {
            k.serverErrors.incrementAndGet();
        } else if (status >= 400) {
            k.clientErrors.incrementAndGet();
        }
        k.nanos.addAndGet(nanos);
        double s = nanos / 1e9;
        int b = 0;
        while (b < BUCKETS.length && s > BUCKETS[b]) {
            b++;
        }
        k.buckets.incrementAndGet(b);
        k.window.add(nanos);
    }

    void refused(Refusal why) {
        refusals[why.ordinal()].incrementAndGet();
    }

    void timedOut() {
        timeouts.incrementAndGet();
    }

    public long count(Kind kind) {
        return kinds[kind.ordinal()].count.get();
    }

    public long errors(Kind kind) {
        PerKind k = kinds[kind.ordinal()];
        return k.clientErrors.get() + k.serverErrors.get();
    }

    long clientErrors(Kind kind) {
        return kinds[kind.ordinal()].clientErrors.get();
    }

    long serverErrors(Kind kind) {
        return kinds[kind.ordinal()].serverErrors.get();
    }

    long nanos(Kind kind) {
        return kinds[kind.ordinal()].nanos.get();
    }

    /** Cumulative bucket counts (Prometheus {@code le} semantics), the last one +Inf. */
    long[] cumulativeBuckets(Kind kind) {
        AtomicLongArray a = kinds[kind.ordinal()].buckets;
        long[] out = new long[a.length()];
        long sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += a.get(i);
            out[i] = sum;
        }
        return out;
    }

    public long refusals(Refusal why) {
        return refusals[why.ordinal()].get();
    }

    public long timeouts() {
        return timeouts.get();
    }

    /** Acknowledged writes: update and Graph Store write requests answered with a 2xx (each one commit). */
    public long commits() {
        long n = 0;
        for (Kind k : new Kind[] {Kind.UPDATE, Kind.GSP_WRITE}) {
            PerKind p = kinds[k.ordinal()];
            n += p.count.get() - p.clientErrors.get() - p.serverErrors.get();
        }
        return n;
    }

    /**
     * Latency percentiles, in seconds, of the requests of these kinds that ended in the last
     * {@code windowMillis}; NaN when there were none.
     */
    double[] recentPercentiles(long windowMillis, double[] quantiles, Kind... which) {
        long since = System.nanoTime() - windowMillis * 1_000_000L;
        long[] all = new long[0];
        for (Kind k : which) {
            long[] v = kinds[k.ordinal()].window.since(since);
            long[] merged = Arrays.copyOf(all, all.length + v.length);
            System.arraycopy(v, 0, merged, all.length, v.length);
            all = merged;
        }
        double[] out = new double[quantiles.length];
        if (all.length == 0) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        Arrays.sort(all);
        for (int i = 0; i < quantiles.length; i++) {
            int idx = (int) Math.ceil(quantiles[i] * all.length) - 1;
            out[i] = all[Math.max(0, Math.min(all.length - 1, idx))] / 1e9;
        }
        return out;
    }

    /** The latencies of the last {@code capacity} requests, with when each ended. */
    static final class Window {
        private final long[] ended;
        private final long[] nanos;
        private int next;
        private int size;

        Window(int capacity) {
            ended = new long[capacity];
            nanos = new long[capacity];
        }

        synchronized void add(long latency) {
            ended[next] = System.nanoTime();
            nanos[next] = latency;
            next = (next + 1) % ended.length;
            if (size < ended.length) {
                size++;
            }
        }

        synchronized long[] since(long nanoTime) {
            long[] out = new long[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (ended[i] - nanoTime >= 0) {
                    out[n++] = nanos[i];
                }
            }
            return Arrays.copyOf(out, n);
        }
    }
}
