package org.nervusdb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nervusdb.Condition;
import org.nervusdb.NervusDB;
import org.nervusdb.NervusDBException;
import org.nervusdb.Options;
import org.nervusdb.Position;
import org.nervusdb.QueryResult;
import org.nervusdb.SyncMode;
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

/**
 * Multi-hop traversals and joins on a {@link SocialGraph} of {@code people} persons (600,000:
 * about 10.4 million triples), compacted on disk, opened with a block cache large enough to hold
 * it and warmed with {@code verify()}: cached latencies. Each operation starts from a random
 * person, city or company. The database is built once and kept in {@code nervusdb.bench.dir}
 * (default {@code ${java.io.tmpdir}/nervusdb-bench-graph-<people>}), rebuilt when it does not
 * hold the expected data set.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 4, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class GraphQueryBenchmark {
    private static final int BUILD_PEOPLE = 20_000;

    @Param({"600000"})
    public int people;

    @Param({"2048"})
    public int blockCacheMiB;

    private NervusDB db;
    private final SplittableRandom random = new SplittableRandom(0x6772617068L);

    @Setup(Level.Trial)
    public void openDatabase() {
        String configured = System.getProperty(LookupBenchmark.DIR_PROPERTY);
        Path dir = configured != null && !configured.isEmpty()
                ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "nervusdb-bench-graph-" + people);
        long expected = expectedTriples();
        if (!holds(dir, expected)) {
            build(dir);
        }
        db = NervusDB.open(dir, Options.defaults().blockCacheSize((long) blockCacheMiB << 20));
        long t0 = System.nanoTime();
        long entries = db.verify();
        System.out.printf("%n# %,d triples; verified %,d entries in %.1f s (block cache warm-up)%n",
                db.count(null, null, null), entries, (System.nanoTime() - t0) / 1e9);
    }

    @TearDown(Level.Trial)
    public void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    /** The number of distinct triples of the data set, counted once per run (no store needed). */
    private long expectedTriples() {
        // Duplicate knows links (the same friend drawn twice) are stored once; count distinct ones.
        long n = 0;
        for (long b = 0; b < people; b += BUILD_PEOPLE) {
            n += new java.util.HashSet<>(SocialGraph.batch(b, Math.min(people, b + BUILD_PEOPLE), people)).size();
        }
        return n;
    }

    private boolean holds(Path dir, long expected) {
        if (!Files.exists(dir.resolve("MANIFEST"))) {
            return false;
        }
        try (NervusDB existing = NervusDB.open(dir)) {
            return existing.count(null, null, null) == expected;
        } catch (NervusDBException e) {
            System.out.println("# cannot reuse " + dir + " (" + e.getMessage() + "); rebuilding");
            return false;
        }
    }

    private void build(Path dir) {
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve("MANIFEST"))) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalStateException(dir + " is not empty and holds no NervusDB database; refusing to delete it");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        BenchData.deleteRecursively(dir);
        System.out.printf("%n# building the social graph of %,d people in %s%n", people, dir);
        long t0 = System.nanoTime();
        try (NervusDB fresh = NervusDB.open(dir, Options.defaults().syncMode(SyncMode.NONE))) {
            for (long b = 0; b < people; b += BUILD_PEOPLE) {
                fresh.addAll(SocialGraph.batch(b, Math.min(people, b + BUILD_PEOPLE), people));
            }
            fresh.flush();
            fresh.compact();
        }
        System.out.printf("# built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private String somePerson() {
        return SocialGraph.person(random.nextInt(people));
    }

    private static long drain(QueryResult r, Blackhole bh) {
        long n = 0;
        try (r) {
            while (r.hasNext()) {
                bh.consume(r.next());
                n++;
            }
        }
        return n;
    }

    /** Friends of friends (builder: follow), distinct: about 150 nodes. */
    @Benchmark
    public int twoHopFriends() {
        return db.query().whereSubject(somePerson()).wherePredicate("knows").follow("knows").nodes().size();
    }

    /** Friends of friends of friends, distinct: a few thousand nodes. */
    @Benchmark
    public int threeHopFriends() {
        return db.query().whereSubject(somePerson()).wherePredicate("knows").follow("knows").follow("knows").nodes().size();
    }

    /** Everyone within three hops along knows (variable-length path, each node once). */
    @Benchmark
    public int pathWithinThreeHops() {
        return db.query().whereSubject(somePerson()).wherePredicate("knows").followPath("knows", 0, 2).nodes().size();
    }

    /** Friends of friends over 60, oldest first, top 10 (builder conditions and ordering). */
    @Benchmark
    public List<String> twoHopFilteredOrdered() {
        return db.query().whereSubject(somePerson()).wherePredicate("knows").follow("knows").follow("age")
                .whereObject(Condition.ge(60)).orderByDescending(Position.OBJECT).limit(10).values(Position.SUBJECT);
    }

    /** SPARQL: friends of friends living in the person's own city (a 4-pattern join). */
    @Benchmark
    public long foafInSameCity(Blackhole bh) {
        String p = somePerson();
        return drain(db.sparql("SELECT DISTINCT ?g WHERE { <" + p + "> <knows> ?f . ?f <knows> ?g . ?g <livesIn> ?c . <"
                + p + "> <livesIn> ?c }"), bh);
    }

    /** SPARQL: where friends of friends live, grouped and counted, top 5. */
    @Benchmark
    public long foafCitiesGrouped(Blackhole bh) {
        return drain(db.sparql("SELECT ?c (COUNT(*) AS ?n) WHERE { <" + somePerson() + "> <knows> ?f . ?f <knows> ?g . ?g <livesIn> ?c }"
                + " GROUP BY ?c ORDER BY DESC(?n) LIMIT 5"), bh);
    }

    /** SPARQL star join: a city's people (merge join with type Person) under 30 (about 170 of 600). */
    @Benchmark
    public long cityAndEmployer(Blackhole bh) {
        String city = SocialGraph.city(random.nextInt(SocialGraph.CITIES));
        return drain(db.sparql("SELECT ?x WHERE { ?x <type> <Person> . ?x <livesIn> <" + city + "> . ?x <age> ?a FILTER(?a < 30) }"), bh);
    }

    /** SPARQL: the people of a city and their employers (join of about 600 rows). */
    @Benchmark
    public long cityPeopleAndEmployers(Blackhole bh) {
        String city = SocialGraph.city(random.nextInt(SocialGraph.CITIES));
        return drain(db.sparql("SELECT ?x ?w WHERE { ?x <livesIn> <" + city + "> . ?x <worksAt> ?w }"), bh);
    }

    /** SPARQL LIMIT over a ten-million-row join: reads only what it returns. */
    @Benchmark
    public long limitOverHugeJoin(Blackhole bh) {
        return drain(db.sparql("SELECT ?x ?y WHERE { ?x <type> <Person> . ?x <knows> ?y } LIMIT 10"), bh);
    }

    /** Shortest path along knows between two random people, at most 4 hops. */
    @Benchmark
    public int shortestPath() {
        Optional<List<Triple>> path = db.shortestPath(somePerson(), somePerson(), "knows", 4);
        return path.map(List::size).orElse(-1);
    }

    /** Group counts: the 10 most followed people among a random person's friends of friends. */
    @Benchmark
    public Map<String, Long> mostFollowedAmongFoaf() {
        return db.query().whereSubject(somePerson()).wherePredicate("knows").follow("knows").limit(10).countBy(Position.OBJECT);
    }
}
