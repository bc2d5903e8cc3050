package org.nervusdb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nervusdb.DatabaseLockedException;
import org.nervusdb.NervusDB;
import org.nervusdb.NervusDBException;
import org.nervusdb.Options;
import org.nervusdb.Triple;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Read latency against a compacted on-disk database of {@code size} {@link BenchData} triples,
 * opened with default options, each operation on a uniformly random part of the data set.
 *
 * <p>The database is built once and kept: in the directory named by the system property
 * {@code nervusdb.bench.dir}, by default {@code ${java.io.tmpdir}/nervusdb-bench-lookup-<size>}.
 * A later run (or the next benchmark's fork) reuses it when it holds exactly {@code size}
 * triples; otherwise it is deleted and rebuilt, in batches of 100,000 followed by a full
 * compaction. To protect unrelated data, a non-empty directory without a NervusDB MANIFEST is
 * never deleted; the setup fails instead.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class LookupBenchmark {
    public static final String DIR_PROPERTY = "nervusdb.bench.dir";
    private static final int BUILD_BATCH = 100_000;

    @Param({"1000000"})
    public int size;

    /**
     * Block cache for the measured handle, in MiB. The default holds a 10M-triple database, so
     * the figures are for a warm cache; set it lower to measure reads that miss it.
     */
    @Param({"1024"})
    public int blockCacheMiB;

    private NervusDB db;

    /** Per-thread random choice of the triple an operation looks at. */
    @State(Scope.Thread)
    public static class Pick {
        SplittableRandom random;

        @Setup(Level.Trial)
        public void seed(ThreadParams thread) {
            random = new SplittableRandom(0x6E657276L + thread.getThreadIndex());
        }
    }

    @Setup(Level.Trial)
    public void openDatabase() {
        if (size < 20) {
            throw new IllegalArgumentException("size must be at least 20, got " + size);
        }
        String configured = System.getProperty(DIR_PROPERTY);
        Path dir = configured != null && !configured.isEmpty()
                ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "nervusdb-bench-lookup-" + size);
        if (!holdsDataSet(dir)) {
            build(dir);
        }
        db = NervusDB.open(dir, Options.defaults().blockCacheSize((long) blockCacheMiB << 20));
        long n = db.count(null, null, null);
        long hits;
        try (Stream<Triple> s = db.find(BenchData.subject(size - 1), null, null)) {
            hits = s.count();
        }
        if (n != size || hits != (size % 10 == 0 ? 10 : size % 10)) {
            db.close();
            throw new IllegalStateException(dir + " holds " + n + " triples, not the expected data set of " + size);
        }
        // Read every block once: with the default 1 GiB cache the whole database is then cached.
        long t0 = System.nanoTime();
        long entries = db.verify();
        System.out.printf("%n# verified %,d entries in %.1f s (block cache warm-up)%n", entries, (System.nanoTime() - t0) / 1e9);
    }

    @TearDown(Level.Trial)
    public void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    /** Whether {@code dir} already holds a database of exactly {@code size} triples. */
    private boolean holdsDataSet(Path dir) {
        if (!Files.isDirectory(dir) || !Files.exists(dir.resolve("MANIFEST"))) {
            return false;
        }
        try (NervusDB existing = NervusDB.open(dir)) {
            return existing.count(null, null, null) == size;
        } catch (DatabaseLockedException e) {
            throw e;
        } catch (NervusDBException e) {
            System.out.println("# cannot reuse " + dir + " (" + e.getMessage() + "); rebuilding");
            return false;
        }
    }

    private void build(Path dir) {
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve("MANIFEST")) && !isEmpty(dir)) {
            throw new IllegalStateException(dir + " is not empty and holds no NervusDB database; "
                    + "refusing to delete it (choose another -D" + DIR_PROPERTY + ")");
        }
        BenchData.deleteRecursively(dir);
        System.out.printf("%n# building %,d triples in %s%n", size, dir);
        long t0 = System.nanoTime();
        try (NervusDB fresh = NervusDB.open(dir, Options.defaults())) {
            for (long b = 0; b < size; b += BUILD_BATCH) {
                fresh.addAll(BenchData.batch(b, Math.min(size, b + BUILD_BATCH)));
            }
            fresh.flush();
            fresh.compact();
        }
        System.out.printf("# built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static long drain(Stream<Triple> s, Blackhole bh) {
        long n = 0;
        for (Iterator<Triple> it = s.iterator(); it.hasNext(); n++) {
            bh.consume(it.next());
        }
        return n;
    }

    /** {@code find(s, null, null)} for a random existing subject; reads all 10 results. */
    @Benchmark
    public long boundSubject(Pick pick, Blackhole bh) {
        int i = pick.random.nextInt(size);
        try (Stream<Triple> s = db.find(BenchData.subject(i), null, null)) {
            return drain(s, bh);
        }
    }

    /** {@code find(s, p, null)} for a random existing subject and predicate; reads the 1 result. */
    @Benchmark
    public long boundSubjectPredicate(Pick pick, Blackhole bh) {
        int i = pick.random.nextInt(size);
        try (Stream<Triple> s = db.find(BenchData.subject(i), BenchData.predicate(i), null)) {
            return drain(s, bh);
        }
    }

    /** {@code contains(s, p, o)} for a random triple of the data set (true). */
    @Benchmark
    public boolean containsExisting(Pick pick) {
        int i = pick.random.nextInt(size);
        return db.contains(BenchData.subject(i), BenchData.predicate(i), BenchData.object(i));
    }

    /**
     * {@code contains(s, p, o)} for an absent triple whose three terms all exist: the subject and
     * predicate of triple {@code i} with the object of triple {@code i + 1}, which has another
     * predicate (false). This probes the index, not just the term dictionary.
     */
    @Benchmark
    public boolean containsMissing(Pick pick) {
        int i = pick.random.nextInt(size);
        int j = i + 1 < size ? i + 1 : 0;
        return db.contains(BenchData.subject(i), BenchData.predicate(i), BenchData.object(j));
    }
}
