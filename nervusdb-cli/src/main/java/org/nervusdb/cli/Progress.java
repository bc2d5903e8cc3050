package org.nervusdb.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Import progress on standard error: on a terminal one line rewritten in place (a bar when the
 * input size is known, triples per second, ETA), otherwise a plain line every few seconds.
 */
final class Progress {
    private final PrintWriter err;
    private final boolean terminal;
    private final long totalBytes;
    private final LongSupplier bytesRead;
    private final long start = System.nanoTime();
    private final long intervalNanos;
    private long last;
    private boolean drawn;

    Progress(PrintWriter err, boolean terminal, long totalBytes, LongSupplier bytesRead) {
        this(err, terminal, totalBytes, bytesRead, terminal ? 200_000_000L : 5_000_000_000L);
    }

    private Progress(PrintWriter err, boolean terminal, long totalBytes, LongSupplier bytesRead, long intervalNanos) {
        this.err = err;
        this.terminal = terminal;
        this.totalBytes = totalBytes;
        this.bytesRead = bytesRead;
        this.intervalNanos = intervalNanos;
        this.last = start;
    }

    /** A progress that shows nothing. */
    static Progress none(PrintWriter err) {
        return new Progress(err, false, 0, () -> 0, Long.MAX_VALUE);
    }

    /** Reports {@code triples} so far if the interval has passed. */
    void update(long triples) {
        long now = System.nanoTime();
        if (intervalNanos == Long.MAX_VALUE || now - last < intervalNanos) {
            return;
        }
        last = now;
        err.print(terminal ? "\r" + line(triples, now) : line(triples, now) + "\n");
        err.flush();
        drawn = true;
    }

    /** Ends the progress display. */
    void done() {
        if (terminal && drawn) {
            err.print("\n");
            err.flush();
        }
    }

    String line(long triples, long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        long rate = (long) (triples / seconds);
        long read = bytesRead.getAsLong();
        StringBuilder sb = new StringBuilder();
        if (totalBytes > 0) {
            double frac = Math.min(1, (double) read / totalBytes);
            if (terminal) {
                int width = 24;
                int full = (int) (frac * width);
                sb.append('[').append("#".repeat(full)).append(" ".repeat(width - full)).append("] ");
            }
            sb.append(String.format(Locale.ROOT, "%3.0f%% ", frac * 100));
            if (frac > 0.001 && frac < 1) {
                long eta = (long) (seconds / frac - seconds);
                sb.append(String.format(Locale.ROOT, "ETA %d:%02d ", eta / 60, eta % 60));
            }
        }
        sb.append(String.format(Locale.ROOT, "%,d triples, %,d triples/s", triples, rate));
        return sb.toString();
    }
}
