package org.nervusdb.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nervusdb.NervusDB;
import org.nervusdb.Options;
import org.nervusdb.SyncMode;
import org.nervusdb.Triple;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Insert throughput in triples per second, into an empty on-disk database with default options
 * except the sync mode. Every iteration (warm-up included) starts from a new database in a new
 * directory under {@code java.io.tmpdir}, which is closed and deleted when the iteration ends, so
 * iterations are comparable and the figures include any memtable flushes and background
 * compaction that the inserts trigger. Every inserted triple is new (the {@link BenchData}
 * sequence), and the tear-down checks that the database holds exactly the triples inserted.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class InsertBenchmark {
    public static final int BATCH = 10_000;

    /** ALWAYS: one fsync per commit; NONE: fsync only when the memtable is flushed. */
    @Param({"ALWAYS", "NONE"})
    public SyncMode syncMode;

    private Path dir;
    private NervusDB db;
    /** Triples inserted so far this iteration; for singleAdd also the number of the next one. */
    private long next;

    @Setup(Level.Iteration)
    public void openDatabase() {
        dir = BenchData.createTempDir("nervusdb-bench-insert-");
        db = NervusDB.open(dir, Options.defaults().syncMode(syncMode));
        next = 0;
    }

    @TearDown(Level.Iteration)
    public void closeDatabase() {
        try {
            long n = db.count(null, null, null);
            if (n != next) {
                throw new IllegalStateException("database holds " + n + " triples, " + next + " were inserted");
            }
        } finally {
            try {
                db.close();
            } finally {
                BenchData.deleteRecursively(dir);
            }
        }
    }

    /**
     * Builds the next batch outside the measured time; used by {@link #batchedAdd} only. It keeps
     * its own position in the data set: JMH would give a helper that takes the benchmark object as
     * a parameter a second instance of it (with a second database), not the one being measured.
     */
    @State(Scope.Thread)
    public static class NextBatch {
        long from;
        List<Triple> triples;

        @Setup(Level.Iteration)
        public void rewind() {
            from = 0;
        }

        @Setup(Level.Invocation)
        public void build() {
            triples = BenchData.batch(from, from + BATCH);
            from += BATCH;
        }
    }

    /** One {@code add(s, p, o)} per operation: one commit (and, with ALWAYS, one fsync) per triple. */
    @Benchmark
    public boolean singleAdd() {
        long i = next++;
        return db.add(BenchData.subject(i), BenchData.predicate(i), BenchData.object(i));
    }

    /** One {@code addAll} of 10,000 new triples per invocation: one atomic commit per batch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batchedAdd(NextBatch batch) {
        next += batch.triples.size();
        return db.addAll(batch.triples);
    }
}
