package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;

/** The builder's label and property filters and union, case by case (the random cases are in BuilderVersusNaiveTest). */
class BuilderStoreFiltersTest {
    private TripleStore store;

    @BeforeEach
    void open() {
        store = TripleStore.openInMemory(new StoreOptions());
        Transaction tx = new Transaction()
                .add("alice", "knows", "bob")
                .add("bob", "knows", "carol")
                .add("carol", "knows", "alice")
                .add("dave", "likes", "alice")
                .setNodeProperties("alice", Map.of("age", 30L, "city", "Oslo"))
                .setNodeProperties("bob", Map.of("age", 25L))
                .setNodeProperties("carol", Map.of("age", "forty"))
                .setEdgeProperties("alice", "knows", "bob", Map.of("since", 2010L))
                .setEdgeProperties("carol", "knows", "alice", Map.of("since", 2020L))
                .addLabels("alice", List.of("Person", "Admin"))
                .addLabels("bob", List.of("Person"))
                .addLabels("dave", List.of("Robot"));
        store.commit(tx);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Triple t(String s, String p, String o) {
        return Triple.of(s, p, o);
    }

    @Test
    void whereLabelChecksSubjectOrObjectByDefaultAndTheGivenEndsOtherwise() {
        assertThat(store.query().wherePredicate("knows").whereLabel("Admin").execute())
                .containsExactlyInAnyOrder(t("alice", "knows", "bob"), t("carol", "knows", "alice"));
        assertThat(store.query().wherePredicate("knows").whereLabel(List.of("Admin"), true, Position.SUBJECT).execute())
                .containsExactly(t("alice", "knows", "bob"));
        assertThat(store.query().whereLabel(List.of("Person", "Robot"), true).execute()).isEmpty();
        assertThat(store.query().whereLabel(List.of("Robot", "Admin"), false, Position.SUBJECT).execute())
                .containsExactlyInAnyOrder(t("dave", "likes", "alice"), t("alice", "knows", "bob"));
        // All of no labels holds for every node; any of none for none.
        assertThat(store.query().whereLabel(List.of(), true).count()).isEqualTo(4);
        assertThat(store.query().whereLabel(List.of(), false).count()).isZero();
        assertThat(store.query().whereLabel("NoSuchLabel").count()).isZero();
    }

    @Test
    void wherePropertyComparesValuesOfTheSameKindOnly() {
        assertThat(store.query().wherePredicate("knows").whereProperty("age", PropertyCondition.gt(26L), Position.SUBJECT).execute())
                .containsExactly(t("alice", "knows", "bob"));
        // carol's age is a string: no number condition holds for it, a string one does.
        assertThat(store.query().whereProperty("age", PropertyCondition.lt(100L), Position.SUBJECT).execute())
                .containsExactlyInAnyOrder(t("alice", "knows", "bob"), t("bob", "knows", "carol"));
        assertThat(store.query().whereProperty("age", PropertyCondition.eq("forty"), Position.SUBJECT).execute())
                .containsExactly(t("carol", "knows", "alice"));
        assertThat(store.query().whereProperty("city", PropertyCondition.eq("Oslo")).execute())
                .containsExactlyInAnyOrder(t("alice", "knows", "bob"), t("carol", "knows", "alice"), t("dave", "likes", "alice"));
        assertThat(store.query().whereEdgeProperty("since", PropertyCondition.ge(2015L)).execute())
                .containsExactly(t("carol", "knows", "alice"));
        // After a traversal step the filter applies to that step's facts.
        assertThat(store.query().whereSubject("dave").follow("knows").whereEdgeProperty("since", PropertyCondition.eq(2010L)).execute())
                .containsExactly(t("alice", "knows", "bob"));
    }

    @Test
    void unionKeepsTheLeftFactsFirstOnceAndLaterStepsStartFromTheLeftOrientation() {
        QueryBuilder left = store.query().whereSubject("alice");
        QueryBuilder right = store.query().wherePredicate("knows");
        List<Triple> u = left.union(right).execute();
        assertThat(u.get(0)).isEqualTo(t("alice", "knows", "bob"));
        assertThat(u).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(t("alice", "knows", "bob"), t("bob", "knows", "carol"), t("carol", "knows", "alice"));
        // Objects reached: bob, carol, alice; following knows from them gives every knows fact.
        assertThat(store.query().whereSubject("dave").union(store.query().whereSubject("bob")).follow("knows").execute())
                .containsExactlyInAnyOrder(t("alice", "knows", "bob"), t("carol", "knows", "alice"));
        // After followReverse the subjects are reached.
        assertThat(store.query().whereObject("alice").followReverse("knows")
                .union(store.query().whereSubject("alice")).nodes())
                .containsExactlyInAnyOrder("carol", "alice");
        // A condition after the union applies to both sides' facts.
        assertThat(store.query().whereSubject("alice").union(store.query().whereSubject("dave")).whereObject("alice").execute())
                .containsExactly(t("dave", "likes", "alice"));
        // One side contradicting itself leaves the other.
        assertThat(store.query().whereSubject("alice").whereSubject("bob").union(store.query().whereSubject("dave")).execute())
                .containsExactly(t("dave", "likes", "alice"));
        // The other side keeps its own limit; this builder's limit applies to all.
        assertThat(store.query().whereSubject("dave").union(store.query().wherePredicate("knows").limit(1)).count()).isEqualTo(2);
        assertThat(store.query().wherePredicate("knows").union(store.query().whereSubject("dave")).limit(2).count()).isEqualTo(2);
        // The original's names: all() and take(n).
        assertThat(store.query().wherePredicate("knows").take(2).all()).hasSize(2);
        // The other builder is copied: changing it later changes nothing.
        QueryBuilder other = store.query().whereSubject("dave");
        QueryBuilder q = store.query().whereSubject("bob").union(other);
        other.whereObject("nobody");
        assertThat(q.count()).isEqualTo(2);
        // A builder united with itself.
        QueryBuilder self = store.query().whereSubject("alice");
        assertThat(self.union(self).execute()).containsExactly(t("alice", "knows", "bob"));
    }

    @Test
    void badArgumentsAreRejectedWhenTheQueryIsBuilt() {
        assertThatThrownBy(() -> store.query().whereLabel((String[]) null)).isInstanceOf(InvalidPropertyException.class);
        assertThatThrownBy(() -> store.query().whereLabel(List.of("x".repeat(100_000)), true))
                .isInstanceOf(InvalidPropertyException.class);
        assertThatThrownBy(() -> store.query().whereProperty(null, PropertyCondition.eq(1L)))
                .isInstanceOf(InvalidPropertyException.class);
        assertThatThrownBy(() -> store.query().whereProperty("age", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.query().union(null)).isInstanceOf(IllegalArgumentException.class);
        try (TripleStore.StoreSnapshot snap = store.snapshot()) {
            assertThatThrownBy(() -> store.query().union(snap.query())).isInstanceOf(IllegalArgumentException.class);
            // On a snapshot, the filters read the snapshot's labels.
            QueryBuilder q = snap.query().whereLabel("Robot", "Person");
            store.commit(new Transaction().addLabels("alice", List.of("Robot")));
            assertThat(q.count()).isZero();
            assertThat(store.query().whereLabel("Robot", "Person").count()).isEqualTo(3);
        }
    }
}
