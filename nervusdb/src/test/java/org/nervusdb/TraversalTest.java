package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query builder's traversal (follow, followReverse, followPath) and shortest paths. */
class TraversalTest {

    static NervusDB graph(Path dir) {
        NervusDB db = NervusDB.open(dir);
        db.addAll(List.of(
                Triple.of("alice", "knows", "bob"),
                Triple.of("bob", "knows", "carol"),
                Triple.of("carol", "knows", "dave"),
                Triple.of("dave", "knows", "alice"), // a cycle
                Triple.of("carol", "livesIn", "Paris"),
                Triple.of("erin", "livesIn", "Paris"),
                Triple.of("bob", "worksAt", "acme"),
                Triple.of("frank", "worksAt", "acme")));
        return db;
    }

    @Test
    void followAndFollowReverseChainFacts(@TempDir Path dir) {
        try (NervusDB db = graph(dir)) {
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").follow("knows").execute())
                    .containsExactly(Triple.of("bob", "knows", "carol"));
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").follow("knows").follow("livesIn").nodes())
                    .containsExactly("Paris");
            // Who else lives where carol lives: forward to the city, back to its residents.
            assertThat(db.query().whereSubject("carol").wherePredicate("livesIn").followReverse("livesIn").nodes())
                    .containsExactlyInAnyOrder("carol", "erin");
            assertThat(db.query().whereSubject("bob").wherePredicate("worksAt").followReverse("worksAt").execute())
                    .containsExactlyInAnyOrder(Triple.of("bob", "worksAt", "acme"), Triple.of("frank", "worksAt", "acme"));
            assertThat(db.query().whereSubject("nobody").follow("knows").execute()).isEmpty();
            assertThat(db.query().whereSubject("alice").follow("knows").follow("knows").limit(1).count()).isEqualTo(1);
        }
    }

    @Test
    void followPathHonoursHopBoundsAndEndsOnCycles(@TempDir Path dir) {
        try (NervusDB db = graph(dir)) {
            // From bob (alice's friend): 1..2 hops along knows.
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").followPath("knows", 1, 2).nodes())
                    .containsExactlyInAnyOrder("carol", "dave");
            // Unbounded around the cycle: everyone once, bob included (reached again through alice).
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").followPath("knows", 1, -1).nodes())
                    .containsExactlyInAnyOrder("carol", "dave", "alice", "bob");
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").followPath("knows", 0, 0).nodes())
                    .containsExactly("bob");
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").followPath("knows", 3, 3).execute())
                    .containsExactly(Triple.of("bob", "knows", "alice"));
            assertThatThrownBy(() -> db.query().followPath("knows", 3, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> db.query().follow(null)).isInstanceOf(InvalidTermException.class);
        }
    }

    @Test
    void shortestPathFindsTheFewestHops(@TempDir Path dir) {
        try (NervusDB db = graph(dir)) {
            assertThat(db.shortestPath("alice", "dave", "knows", 10)).contains(List.of(
                    Triple.of("alice", "knows", "bob"), Triple.of("bob", "knows", "carol"), Triple.of("carol", "knows", "dave")));
            assertThat(db.shortestPath("alice", "Paris", null, 10)).contains(List.of(
                    Triple.of("alice", "knows", "bob"), Triple.of("bob", "knows", "carol"), Triple.of("carol", "livesIn", "Paris")));
            assertThat(db.shortestPath("alice", "dave", "knows", 2)).isEmpty();
            assertThat(db.shortestPath("alice", "erin", null, 10)).isEmpty();
            assertThat(db.shortestPath("alice", "alice", "knows", 0)).contains(List.of());
            assertThat(db.shortestPath("alice", "nobody", null, 5)).isEmpty();
        }
    }
}
