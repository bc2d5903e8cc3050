package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nervusdb.Stats;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.io.MemFileSystem;

/** The term cache answers a repeated lookup from its slot and counts its hits and misses. */
class TermCacheTest {

    @Test
    void aRepeatedLookupHitsAndAnAbsentOneMisses() {
        TermCache c = new TermCache(64);
        assertThat(c.id("alice")).isEqualTo(-1);
        assertThat(c.term(7)).isNull();
        assertThat(c.hits()).isZero();
        assertThat(c.misses()).isEqualTo(2);

        c.put("alice", 7);
        assertThat(c.id("alice")).isEqualTo(7);
        assertThat(c.id("alice")).isEqualTo(7);
        assertThat(c.term(7)).isEqualTo("alice");
        assertThat(c.hits()).isEqualTo(3);
        assertThat(c.misses()).isEqualTo(2);

        assertThat(c.id("bob")).isEqualTo(-1);
        assertThat(c.misses()).isEqualTo(3);
        c.clear();
        assertThat(c.id("alice")).isEqualTo(-1);
        assertThat(c.hits()).as("clearing keeps the counts").isEqualTo(3);
        assertThat(c.misses()).isEqualTo(4);
    }

    @Test
    void aTermCachedByItsLookupAnswersItsIdToo() {
        TermCache c = new TermCache(64);
        c.put("alice", 7);
        assertThat(c.term(7)).isEqualTo("alice");
        assertThat(c.term(8)).isNull();
    }

    @Test
    void aTermLookedUpComesBackFromItsIdWithoutADictionaryRead() {
        MemFileSystem fs = new MemFileSystem();
        StoreOptions o = new StoreOptions();
        o.termCacheEntries = 1024;
        try (TripleStore s = TripleStore.open(fs, o)) {
            s.add("alice", "knows", "bob");
        }
        try (TripleStore s = TripleStore.open(fs, o); TripleStore.StoreSnapshot snap = s.snapshot()) {
            long alice = snap.lookup("alice");
            assertThat(alice).isPositive();
            Stats looked = s.stats();
            assertThat(looked.termCacheMisses()).as("a fresh cache misses").isEqualTo(1);
            assertThat(snap.term(alice)).isEqualTo("alice");
            assertThat(s.stats().termCacheHits()).as("the id's term, from the lookup's entry").isEqualTo(looked.termCacheHits() + 1);
            assertThat(s.stats().termCacheMisses()).isEqualTo(1);
        }
    }

    @Test
    void aDisabledCacheCountsNothing() {
        TermCache c = new TermCache(0);
        c.put("alice", 7);
        assertThat(c.id("alice")).isEqualTo(-1);
        assertThat(c.hits()).isZero();
        assertThat(c.misses()).isZero();
    }

    @Test
    void theStoreReportsItsTermCacheCountsInStats() {
        MemFileSystem fs = new MemFileSystem();
        StoreOptions o = new StoreOptions();
        o.termCacheEntries = 1024;
        try (TripleStore s = TripleStore.open(fs, o)) {
            s.add("alice", "knows", "bob");
        }
        try (TripleStore s = TripleStore.open(fs, o)) {
            Stats before = s.stats();
            assertThat(s.contains("alice", "knows", "bob")).isTrue();
            Stats first = s.stats();
            assertThat(first.termCacheMisses()).as("a fresh cache misses").isGreaterThan(before.termCacheMisses());

            assertThat(s.contains("alice", "knows", "bob")).isTrue();
            Stats second = s.stats();
            assertThat(second.termCacheHits() - first.termCacheHits()).as("the same three terms again").isGreaterThanOrEqualTo(3);
            assertThat(second.termCacheMisses()).isEqualTo(first.termCacheMisses());

            List<Triple> read = new ArrayList<>();
            try (TripleCursor cur = s.find(null, "knows", null)) {
                cur.forEachRemaining(read::add);
            }
            assertThat(read).hasSize(1);
            assertThat(s.stats().termCacheHits()).as("decoding ids of a scan hits too").isGreaterThan(second.termCacheHits());
        }
    }
}
