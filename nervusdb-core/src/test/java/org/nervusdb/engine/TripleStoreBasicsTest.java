package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nervusdb.DatabaseClosedException;
import org.nervusdb.InvalidTermException;
import org.nervusdb.Snapshot;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.io.MemFileSystem;

class TripleStoreBasicsTest {

    private static StoreOptions small() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 64 << 10;
        o.blockCacheBytes = 1 << 20;
        return o;
    }

    private static List<Triple> all(TripleCursor c) {
        List<Triple> out = new ArrayList<>();
        try (c) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void closeWritesOutALargeMemtableSoThatTheNextOpenReplaysLittle() {
        for (int n : new int[] {500, 20_000}) {
            MemFileSystem fs = new MemFileSystem();
            StoreOptions o = small();
            o.memtableBytes = 256L << 20; // no flush on the way
            long walBefore;
            try (TripleStore s = TripleStore.open(fs, o)) {
                for (int b = 0; b < n; b += 500) {
                    List<Triple> batch = new ArrayList<>();
                    for (int i = b; i < b + 500; i++) {
                        batch.add(Triple.of("subject-" + i / 10, "predicate-" + i % 7, "\"a value of triple " + i + "\""));
                    }
                    s.addAll(batch);
                }
                walBefore = s.engineStats().walBytes;
                assertThat(s.engineStats().tables).isZero();
            }
            try (TripleStore s = TripleStore.open(fs, o)) {
                assertThat(s.count(null, null, null)).isEqualTo(n);
                if (walBefore > o.closeCheckpointBytes) {
                    assertThat(s.engineStats().memtableEntries).as("nothing to replay").isZero();
                    assertThat(s.engineStats().tables).isPositive();
                } else {
                    assertThat(s.engineStats().memtableEntries).as("a small log is replayed").isPositive();
                    assertThat(s.engineStats().tables).isZero();
                }
            }
            assertThat(walBefore > o.closeCheckpointBytes).as("n %d", n).isEqualTo(n == 20_000);
        }
    }

    @Test
    void deleteAllRemovesInOneCommitAndCountsWhatWasThere() {
        MemFileSystem fs = new MemFileSystem();
        try (TripleStore s = TripleStore.open(fs, small())) {
            s.addAll(List.of(Triple.of("a", "p", "1"), Triple.of("a", "p", "2"), Triple.of("b", "p", "1")));
            // present twice in the list, absent, unknown terms: counted once, skipped, skipped
            assertThat(s.deleteAll(List.of(Triple.of("a", "p", "1"), Triple.of("a", "p", "1"), Triple.of("b", "p", "2"),
                    Triple.of("zz", "p", "1"), Triple.of("b", "p", "1")))).isEqualTo(2);
            assertThat(s.count(null, null, null)).isEqualTo(1);
            assertThat(all(s.find(null, null, null))).containsExactly(Triple.of("a", "p", "2"));
            assertThat(s.deleteAll(List.of())).isZero();
            // An invalid term anywhere: nothing is removed.
            List<Triple> bad = new ArrayList<>();
            bad.add(Triple.of("a", "p", "2"));
            bad.add(null);
            assertThatThrownBy(() -> s.deleteAll(bad)).isInstanceOf(InvalidTermException.class);
            assertThatThrownBy(() -> s.deleteAll(List.of(Triple.of("a", "p", "2"), Triple.of("a", "p", "\ud800"))))
                    .isInstanceOf(InvalidTermException.class);
            assertThat(s.contains("a", "p", "2")).isTrue();
        }
        try (TripleStore s = TripleStore.open(fs, small())) { // recovered from the log
            assertThat(s.count(null, null, null)).isEqualTo(1);
            assertThat(s.contains("a", "p", "2")).isTrue();
            assertThat(s.contains("a", "p", "1")).isFalse();
        }
    }

    @Test
    void addFindDeleteAcrossEveryPatternShape() {
        try (TripleStore s = TripleStore.open(new MemFileSystem(), small())) {
            assertThat(s.add("alice", "knows", "bob")).isTrue();
            assertThat(s.add("alice", "knows", "bob")).isFalse();
            s.add("alice", "knows", "carol");
            s.add("bob", "knows", "carol");
            s.add("alice", "age", "30");
            assertThat(s.count(null, null, null)).isEqualTo(4);
            assertThat(all(s.find("alice", null, null))).hasSize(3);
            assertThat(all(s.find("alice", "knows", null))).extracting(Triple::object).containsExactlyInAnyOrder("bob", "carol");
            assertThat(all(s.find(null, "knows", null))).hasSize(3);
            assertThat(all(s.find(null, "knows", "carol"))).extracting(Triple::subject).containsExactlyInAnyOrder("alice", "bob");
            assertThat(all(s.find(null, null, "carol"))).hasSize(2);
            assertThat(all(s.find("alice", null, "carol"))).containsExactly(Triple.of("alice", "knows", "carol"));
            assertThat(all(s.find("alice", "knows", "bob"))).containsExactly(Triple.of("alice", "knows", "bob"));
            assertThat(all(s.find("nobody", null, null))).isEmpty();
            assertThat(s.contains("bob", "knows", "carol")).isTrue();
            assertThat(s.delete("bob", "knows", "carol")).isTrue();
            assertThat(s.delete("bob", "knows", "carol")).isFalse();
            assertThat(s.contains("bob", "knows", "carol")).isFalse();
            assertThat(s.count(null, "knows", null)).isEqualTo(2);
            assertThat(s.stats().triples()).isEqualTo(3);
        }
    }

    @Test
    void survivesReopenFlushAndCompaction() {
        MemFileSystem fs = new MemFileSystem();
        try (TripleStore s = TripleStore.open(fs, small())) {
            List<Triple> batch = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                batch.add(Triple.of("s" + (i % 97), "p" + (i % 7), "o" + i));
            }
            assertThat(s.addAll(batch)).isEqualTo(5000);
            for (int i = 0; i < 5000; i += 2) {
                s.delete("s" + (i % 97), "p" + (i % 7), "o" + i);
            }
            assertThat(s.stats().tables()).isGreaterThan(0);
        }
        try (TripleStore s = TripleStore.open(fs, small())) {
            assertThat(s.count(null, null, null)).isEqualTo(2500);
            assertThat(all(s.find(null, null, null))).hasSize(2500);
            s.compact();
            assertThat(s.stats().tables()).isEqualTo(1);
            assertThat(all(s.find("s5", null, null))).allMatch(t -> t.subject().equals("s5"));
            assertThat(s.count("s5", null, null)).isEqualTo(all(s.find("s5", null, null)).size());
        }
        try (TripleStore s = TripleStore.open(fs, small())) {
            assertThat(s.count(null, null, null)).isEqualTo(2500);
            assertThat(s.contains("s1", "p1", "o1")).isTrue();
            assertThat(s.contains("s0", "p0", "o0")).isFalse();
        }
    }

    @Test
    void snapshotDoesNotSeeLaterWrites() {
        try (TripleStore s = TripleStore.open(new MemFileSystem(), small())) {
            s.add("a", "b", "c");
            try (Snapshot snap = s.snapshot()) {
                s.add("a", "b", "d");
                s.delete("a", "b", "c");
                assertThat(all(snap.find("a", null, null))).containsExactly(Triple.of("a", "b", "c"));
                assertThat(snap.count(null, null, null)).isEqualTo(1);
            }
            assertThat(all(s.find("a", null, null))).containsExactly(Triple.of("a", "b", "d"));
        }
    }

    @Test
    void rejectsBadTermsWithoutWriting() {
        try (TripleStore s = TripleStore.open(new MemFileSystem(), small())) {
            assertThatThrownBy(() -> s.add(null, "p", "o")).isInstanceOf(InvalidTermException.class).hasMessageContaining("subject");
            assertThatThrownBy(() -> s.add("a\uD800", "p", "o")).isInstanceOf(InvalidTermException.class).hasMessageContaining("surrogate");
            assertThatThrownBy(() -> s.add("a", "\uDC00", "o")).isInstanceOf(InvalidTermException.class);
            String big = "x".repeat(TripleStore.MAX_TERM_BYTES + 1);
            assertThatThrownBy(() -> s.add("a", "p", big)).isInstanceOf(InvalidTermException.class).hasMessageContaining("limit");
            assertThatThrownBy(() -> s.addAll(List.of(Triple.of("ok", "p", "o"), Triple.of("bad\uD800", "p", "o"))))
                    .isInstanceOf(InvalidTermException.class);
            assertThat(s.count(null, null, null)).isZero();
            assertThat(s.stats().terms()).isZero();
            String emoji = "\uD83D\uDE00 caf\u00e9 \u4e2d";
            s.add(emoji, "", "x".repeat(TripleStore.MAX_TERM_BYTES));
            assertThat(all(s.find(emoji, null, null))).hasSize(1);
        }
    }

    @Test
    void useAfterCloseThrows() {
        TripleStore s = TripleStore.open(new MemFileSystem(), small());
        s.add("a", "b", "c");
        TripleCursor c = s.find(null, null, null);
        s.close();
        s.close();
        assertThatThrownBy(() -> s.add("x", "y", "z")).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(c::hasNext).isInstanceOf(DatabaseClosedException.class);
    }

    @Test
    void aBatchOfTermsAndReferencesAddsEachTermOnceAndChecksTheReferences() {
        try (TripleStore s = TripleStore.open(new MemFileSystem(), small())) {
            String[] terms = {"alice", "knows", "bob", "\"a\"", "\"a\"^^<http://www.w3.org/2001/XMLSchema#string>", "\"b\"@EN", "\"b\"@en", "unused"};
            // alice knows bob, twice; two spellings of each of two literals, each one term when stored.
            int[] refs = {0, 1, 2, 0, 1, 2, 0, 1, 3, 0, 1, 4, 2, 1, 5, 2, 1, 6};
            assertThat(s.addAll(terms, refs)).isEqualTo(3);
            assertThat(s.count(null, null, null)).isEqualTo(3);
            assertThat(s.count("alice", "knows", "\"a\"")).isEqualTo(1);
            assertThat(s.count("bob", "knows", "\"b\"@en")).isEqualTo(1);
            try (TripleStore.StoreSnapshot snap = s.snapshot()) {
                assertThat(snap.lookup("unused")).as("a term no triple names is not stored").isZero();
                assertThat(snap.lookup("\"a\"^^<http://www.w3.org/2001/XMLSchema#string>")).isEqualTo(snap.lookup("\"a\""));
            }
            assertThat(s.addAll(new String[] {"alice", "knows", "carol"}, new int[] {0, 1, 2})).isEqualTo(1);
            assertThat(s.addAll(terms, new int[] {0, 1, 2})).as("present").isZero();

            assertThatThrownBy(() -> s.addAll(terms, new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole triples");
            assertThatThrownBy(() -> s.addAll(terms, new int[] {0, 1, 8})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
            assertThatThrownBy(() -> s.addAll(terms, new int[] {0, 1, -1})).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.addAll(new String[] {"a", null}, new int[] {0, 0, 1}))
                    .isInstanceOf(InvalidTermException.class).hasMessageContaining("object is null");
            assertThatThrownBy(() -> s.addAll(new String[] {"a", "x\ud800"}, new int[] {0, 1, 0}))
                    .isInstanceOf(InvalidTermException.class).hasMessageContaining("predicate has a lone high surrogate at index 1");
            assertThat(s.count(null, null, null)).as("a refused batch adds nothing").isEqualTo(4);
        }
    }
}
