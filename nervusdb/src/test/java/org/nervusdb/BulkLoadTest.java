package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.engine.TripleStore;

/** Bulk loading into empty and existing databases: contents, counts, duplicates, deletes, queries, files. */
class BulkLoadTest {

    private static Set<Triple> all(NervusDB db) {
        Set<Triple> found = new HashSet<>();
        try (Stream<Triple> s = db.find(null, null, null)) {
            s.forEach(found::add);
        }
        return found;
    }

    private static void assertConsistent(NervusDB db, Set<Triple> expected) {
        assertThat(all(db)).isEqualTo(expected);
        assertThat(db.count(null, null, null)).isEqualTo(expected.size());
        assertThat(db.stats().triples()).isEqualTo(expected.size());
        db.verify();
        assertThat(db.checkIndexes(10)).isEmpty();
    }

    private static List<String> leftovers(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bulk-")).toList();
        }
    }

    @Test
    void emptyDatabaseWithDuplicatesAndSpilledRuns(@TempDir Path dir) throws Exception {
        List<Triple> input = new ArrayList<>();
        Random r = new Random(7);
        for (int i = 0; i < 60_000; i++) {
            input.add(Triple.of("s" + r.nextInt(5000), "p" + r.nextInt(9), "o" + r.nextInt(20_000)));
        }
        input.addAll(input.subList(0, 5000)); // duplicates in later runs
        Set<Triple> expected = new HashSet<>(input);
        try (NervusDB db = NervusDB.open(dir)) {
            // 32 bytes per triple: runs of 4,096 triples, so about 16 runs per order.
            long added = db.bulkLoad(input.iterator(), 4096 * 32);
            assertThat(added).isEqualTo(expected.size());
            assertConsistent(db, expected);
            assertThat(leftovers(dir)).isEmpty();
            assertThat(db.bulkLoad(input.iterator())).as("everything is present already").isZero();
            assertConsistent(db, expected);
        }
        try (NervusDB db = NervusDB.open(dir)) {
            assertConsistent(db, expected);
            db.add("after", "reopen", "x");
            expected.add(Triple.of("after", "reopen", "x"));
            assertConsistent(db, expected);
        }
    }

    @Test
    void existingDatabaseDedupesAgainstStoredDataAndKeepsTheCount(@TempDir Path dir) {
        Set<Triple> expected = new HashSet<>();
        try (NervusDB db = NervusDB.open(dir, Options.defaults().memtableSize(64 << 10))) {
            for (int i = 0; i < 3000; i++) {
                Triple t = Triple.of("s" + (i % 300), "p" + (i % 5), "o" + i);
                db.add(t);
                expected.add(t);
            }
            db.flush();
            for (int i = 0; i < 100; i++) {
                Triple t = Triple.of("mem" + i, "p1", "o" + i); // still in the memtable at load time
                db.add(t);
                expected.add(t);
            }
            // Deleted before the load: some come back with it, some stay deleted.
            for (int i = 0; i < 200; i++) {
                Triple t = Triple.of("s" + (i % 300), "p" + (i % 5), "o" + i);
                assertThat(db.delete(t)).isTrue();
                expected.remove(t);
            }
            List<Triple> input = new ArrayList<>();
            for (int i = 100; i < 6000; i++) {
                input.add(Triple.of("s" + (i % 300), "p" + (i % 5), "o" + i)); // old terms, some old triples
            }
            for (int i = 0; i < 2000; i++) {
                input.add(Triple.of("new" + (i % 400), "p" + (i % 7), "o" + i)); // new terms mixed with old
            }
            input.add(Triple.of("mem5", "p1", "o5")); // in the memtable
            input.add(Triple.of("mem5", "p1", "o5"));
            long before = expected.size();
            expected.addAll(input);
            long added = db.bulkLoad(input.iterator(), 1000 * 32);
            assertThat(added).isEqualTo(expected.size() - before);
            assertConsistent(db, expected);
            // Deletes and adds after the load.
            for (int i = 150; i < 250; i++) {
                Triple t = Triple.of("s" + (i % 300), "p" + (i % 5), "o" + i);
                assertThat(db.delete(t)).isTrue();
                expected.remove(t);
            }
            assertThat(db.add("new1", "p1", "fresh")).isTrue();
            assertThat(db.add("new1", "p1", "o1")).as("loaded").isFalse();
            expected.add(Triple.of("new1", "p1", "fresh"));
            assertConsistent(db, expected);
            db.compact();
            assertConsistent(db, expected);
        }
        try (NervusDB db = NervusDB.open(dir)) {
            assertConsistent(db, expected);
            assertThat(db.stats().terms()).isEqualTo(termsOf(expected, List.of()));
        }
    }

    private static long termsOf(Set<Triple> ts, List<String> extra) {
        Set<String> terms = new HashSet<>(extra);
        for (Triple t : ts) {
            terms.add(t.subject());
            terms.add(t.predicate());
            terms.add(t.object());
        }
        return terms.size();
    }

    @Test
    void manyDistinctTermsAndEmptyInput(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.bulkLoad(List.<Triple>of().iterator())).isZero();
            List<Triple> input = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                input.add(Triple.of("subject-" + i, "predicate-" + i % 1000, "\"literal " + i + " é😀\""));
            }
            assertThat(db.bulkLoad(input.iterator(), 10_000 * 32)).isEqualTo(100_000);
            assertThat(db.stats().terms()).isEqualTo(201_000);
            assertConsistent(db, new HashSet<>(input));
            assertThat(db.contains("subject-77", "predicate-77", "\"literal 77 é😀\"")).isTrue();
        }
    }

    @Test
    void queriesSparqlAndPlannerStatisticsSeeTheLoad(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("alice", "knows", "bob");
            List<Triple> input = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                input.add(Triple.of("person" + i, "knows", "person" + ((i + 1) % 1000)));
                input.add(Triple.of("person" + i, "livesIn", "city" + (i % 10)));
            }
            db.bulkLoad(input.iterator());
            try (QueryResult r = db.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a <knows> ?b . ?b <livesIn> <city3> }")) {
                assertThat(r.next()[0]).isEqualTo("\"100\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            }
            assertThat(db.query().whereSubject("person5").wherePredicate("knows").follow("livesIn").nodes()).containsExactly("city6");
            try (TripleStore.StoreSnapshot snap = (TripleStore.StoreSnapshot) db.snapshot()) {
                assertThat(snap.statistics(snap.lookup("livesIn"))).containsExactly(1000, 1000, 10);
                // "alice knows bob" is still in the memtable's flushed table: tables are summed.
                assertThat(snap.statistics(snap.lookup("knows"))).containsExactly(1001, 1001, 1001);
                assertThat(snap.statistics(0)).containsExactly(2001, 1001, 1011);
            }
        }
    }

    @Test
    void invalidTermLoadsNothingAndLeavesNoFiles(@TempDir Path dir) throws Exception {
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("a", "b", "c");
            List<Triple> input = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                input.add(Triple.of("s" + i, "p", "o" + i));
            }
            input.add(Triple.of("bad", "p", "lone \ud800 surrogate"));
            assertThatThrownBy(() -> db.bulkLoad(input.iterator(), 1000 * 32)).isInstanceOf(InvalidTermException.class);
            assertThat(leftovers(dir)).isEmpty();
            assertConsistent(db, Set.of(Triple.of("a", "b", "c")));
            assertThat(db.stats().terms()).isEqualTo(3);
            List<Triple> nulls = new ArrayList<>();
            nulls.add(null);
            assertThatThrownBy(() -> db.bulkLoad(nulls.iterator())).isInstanceOf(InvalidTermException.class);
            assertThat(db.add("d", "e", "f")).isTrue();
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.filter(p -> p.toString().endsWith(".sst")).count()).as("no stray tables").isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void snapshotsKeepTheirViewAndWritersWaitForTheLoad(@TempDir Path dir) throws Exception {
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("x", "y", "z");
            Snapshot before = db.snapshot();
            AtomicBoolean writerDone = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                db.add("during", "the", "load");
                writerDone.set(true);
            });
            List<Triple> input = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                input.add(Triple.of("s" + i, "p", "o" + i));
            }
            java.util.Iterator<Triple> it = new java.util.Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < input.size();
                }

                @Override
                public Triple next() {
                    if (i == 100) {
                        writer.start();
                    }
                    if (i == 20_000) {
                        assertThat(writerDone.get()).as("the writer waits for the load").isFalse();
                        assertThat(db.count(null, null, null)).as("reads go on").isEqualTo(1);
                    }
                    return input.get(i++);
                }
            };
            assertThat(db.bulkLoad(it, 5000 * 32)).isEqualTo(50_000);
            writer.join();
            assertThat(writerDone.get()).isTrue();
            assertThat(before.count(null, null, null)).isEqualTo(1);
            assertThat(before.contains("s1", "p", "o1")).isFalse();
            before.close();
            assertThat(db.count(null, null, null)).isEqualTo(50_002);
            assertThat(db.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void leftoverTemporaryFilesAreDeletedAtOpen(@TempDir Path dir) throws Exception {
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("a", "b", "c");
        }
        Files.write(dir.resolve("bulk-000009-spo-0.tmp"), new byte[100]);
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(leftovers(dir)).isEmpty();
            assertThat(db.count(null, null, null)).isEqualTo(1);
        }
    }

    @Test
    void aProducerOnItsReadingThreadLoadsAllOrNothing(@TempDir Path dir) throws Exception {
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("before", "p", "o");
            // More than one hand-over batch (10,000), on a thread other than the loader's.
            Thread caller = Thread.currentThread();
            Thread[] producerThread = new Thread[1];
            long added = db.bulkLoad(sink -> {
                producerThread[0] = Thread.currentThread();
                for (int i = 0; i < 25_000; i++) {
                    sink.add("s" + (i % 100), "p", "o" + i);
                }
                sink.add("before", "p", "o");
            });
            assertThat(added).isEqualTo(25_000);
            assertThat(producerThread[0]).isNotSameAs(caller);
            assertThat(db.count(null, null, null)).isEqualTo(25_001);
            // A failing producer: its exception comes back here and nothing is loaded.
            java.io.IOException boom = new java.io.IOException("disk gone");
            assertThatThrownBy(() -> db.bulkLoad(sink -> {
                for (int i = 0; i < 15_000; i++) {
                    sink.add("x" + i, "p", "o");
                }
                throw boom;
            })).isInstanceOf(java.io.UncheckedIOException.class).hasCause(boom);
            assertThat(db.count(null, null, null)).isEqualTo(25_001);
            // A failing load (an invalid term) stops the producer, which would otherwise run on.
            java.util.concurrent.atomic.AtomicLong produced = new java.util.concurrent.atomic.AtomicLong();
            assertThatThrownBy(() -> db.bulkLoad(sink -> {
                sink.add("bad\uD800", "p", "o");
                for (long i = 0; i < 100_000_000L; i++) {
                    sink.add("y" + i, "p", "o");
                    produced.incrementAndGet();
                }
            })).isInstanceOf(InvalidTermException.class);
            assertThat(produced.get()).isLessThan(100_000_000L);
            assertThat(db.count(null, null, null)).isEqualTo(25_001);
            assertThat(db.checkIndexes(10)).isEmpty();
        }
    }

    private static Set<Quad> quads(NervusDB db) {
        try (Stream<Quad> s = db.findQuads(null, null, null, null)) {
            return new HashSet<>(s.toList());
        }
    }

    @Test
    void aProducerLoadsQuadsOfNamedGraphsBesideTriples(@TempDir Path dir) throws Exception {
        Random r = new Random(21);
        List<Quad> before = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            before.add(new Quad("s" + r.nextInt(100), "p" + r.nextInt(4), "o" + r.nextInt(300), i % 3 == 0 ? null : "http://g/" + r.nextInt(3)));
        }
        // Triples only for more than a hand-over batch, then a mix: the batches switch to quads mid-way.
        List<Quad> input = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            String g = i < 20_000 || r.nextInt(3) == 0 ? null : r.nextInt(10) == 0 ? Quad.DEFAULT_GRAPH
                    : r.nextInt(5) == 0 ? "_:g" + r.nextInt(2) : "http://g/" + r.nextInt(6);
            input.add(new Quad("s" + r.nextInt(2000), "p" + r.nextInt(4), "o" + r.nextInt(9000), g));
            if (r.nextInt(20) == 0) {
                input.add(before.get(r.nextInt(before.size())));
            }
            if (g != null && !g.equals(Quad.DEFAULT_GRAPH) && r.nextInt(50) == 0) {
                input.add(new Quad("s1", "p1", "o1", Quad.DEFAULT_GRAPH)); // the default graph, named
            }
        }
        byte[] defaultGraph = Quad.DEFAULT_GRAPH.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (NervusDB bulk = NervusDB.open(dir.resolve("bulk")); NervusDB normal = NervusDB.open(dir.resolve("normal"))) {
            bulk.addQuads(before);
            normal.addQuads(before);
            long added = bulk.bulkLoad(sink -> {
                int i = 0;
                for (Quad q : input) {
                    String g = q.graph();
                    byte[] b = (q.subject() + q.predicate() + q.object() + (g == null ? "" : g)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    int sl = q.subject().length();
                    int pl = q.predicate().length();
                    int ol = q.object().length();
                    switch (i++ % 4) {
                        case 0:
                            sink.add(q.subject(), q.predicate(), q.object(), i % 8 == 0 && g == null ? Quad.DEFAULT_GRAPH : g);
                            break;
                        case 1:
                            if (g == null) {
                                sink.addUtf8(b, 0, sl, sl, pl, sl + pl, ol);
                            } else {
                                sink.addUtf8(b, 0, sl, sl, pl, sl + pl, ol, b, sl + pl + ol, b.length - sl - pl - ol);
                            }
                            break;
                        case 2:
                            byte[] gb = g == null ? (i % 8 == 2 ? defaultGraph : null) : g.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            sink.addUtf8(b, 0, sl, sl, pl, sl + pl, ol, gb, 0, gb == null ? 0 : gb.length);
                            break;
                        default:
                            if (g == null) {
                                sink.add(q.subject(), q.predicate(), q.object());
                            } else {
                                sink.add(q.subject(), q.predicate(), q.object(), g);
                            }
                    }
                }
            });
            long expected = normal.addQuads(input);
            assertThat(added).isEqualTo(expected);
            assertThat(quads(bulk)).isEqualTo(quads(normal));
            assertThat(new HashSet<>(bulk.graphs())).isEqualTo(new HashSet<>(normal.graphs())).hasSize(8);
            assertThat(bulk.stats().quads()).isEqualTo(normal.stats().quads());
            assertThat(bulk.count(null, null, null)).isEqualTo(normal.count(null, null, null));
            assertThat(bulk.checkIndexes(10)).isEmpty();
            assertThat(leftovers(dir.resolve("bulk"))).isEmpty();
            // A literal cannot name a graph: the load fails whole.
            Set<Quad> was = quads(bulk);
            assertThatThrownBy(() -> bulk.bulkLoad(sink -> {
                sink.add("x", "y", "z", "http://g/new");
                sink.add("x", "y", "z", "\"lit\"");
            })).isInstanceOf(InvalidTermException.class).hasMessageContaining("literal");
            assertThat(quads(bulk)).isEqualTo(was);
            assertThat(bulk.graphs()).doesNotContain("http://g/new");
        }
        // A sink of triples only refuses quads of named graphs, and takes the default graph's.
        List<Triple> got = new ArrayList<>();
        NervusDB.TripleSink triplesOnly = (s, p, o) -> got.add(Triple.of(s, p, o));
        triplesOnly.add("a", "b", "c", Quad.DEFAULT_GRAPH);
        triplesOnly.addUtf8(new byte[] {'a', 'b', 'c'}, 0, 1, 1, 1, 2, 1, null, 0, 0);
        assertThat(got).containsExactly(Triple.of("a", "b", "c"), Triple.of("a", "b", "c"));
        assertThatThrownBy(() -> triplesOnly.add("a", "b", "c", "g")).isInstanceOf(UnsupportedOperationException.class);
    }
}
