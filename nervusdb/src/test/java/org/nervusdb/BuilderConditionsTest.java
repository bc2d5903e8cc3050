package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.rdf.RdfTerms;

/** The builder's conditions, ordering, paging, distinct values and group counts. */
class BuilderConditionsTest {

    static String integer(long n) {
        return RdfTerms.literal(Long.toString(n), null, RdfTerms.XSD + "integer");
    }

    static String dec(String lexical) {
        return RdfTerms.literal(lexical, null, RdfTerms.XSD + "decimal");
    }

    static NervusDB people(Path dir) {
        NervusDB db = NervusDB.open(dir);
        db.addAll(List.of(
                Triple.of("alice", "age", integer(34)),
                Triple.of("bob", "age", integer(9)),
                Triple.of("carol", "age", dec("29.5")),
                Triple.of("dave", "age", integer(100)),
                Triple.of("erin", "age", "unknown"), // a plain name, not a number
                Triple.of("frank", "age", RdfTerms.literal("40")), // a string, not a number
                Triple.of("alice", "knows", "bob"),
                Triple.of("alice", "knows", "carol"),
                Triple.of("alice", "knows", "cedric"),
                Triple.of("bob", "knows", "carol"),
                Triple.of("dave", "knows", "carol"),
                Triple.of("carol", "livesIn", "Paris"),
                Triple.of("bob", "livesIn", "Lyon"),
                Triple.of("cedric", "livesIn", "Paris"),
                Triple.of("alice", "name", RdfTerms.literal("Alice Liddell", "en", null)),
                Triple.of("bob", "name", RdfTerms.literal("Bob")),
                Triple.of("carol", "name", RdfTerms.literal("carol"))));
        return db;
    }

    @Test
    void numericComparisonsHoldForNumericLiteralsOnly(@TempDir Path dir) {
        try (NervusDB db = people(dir)) {
            assertThat(subjects(db.query().wherePredicate("age").whereObject(Condition.gt(30))))
                    .containsExactlyInAnyOrder("alice", "dave");
            assertThat(subjects(db.query().wherePredicate("age").whereObject(Condition.ge(34))))
                    .containsExactlyInAnyOrder("alice", "dave");
            assertThat(subjects(db.query().wherePredicate("age").whereObject(Condition.lt(29.6))))
                    .containsExactlyInAnyOrder("bob", "carol");
            assertThat(subjects(db.query().wherePredicate("age").whereObject(Condition.le(29.5))))
                    .containsExactlyInAnyOrder("bob", "carol");
            // A range is two conditions.
            assertThat(subjects(db.query().wherePredicate("age").whereObject(Condition.gt(9)).whereObject(Condition.lt(100L))))
                    .containsExactlyInAnyOrder("alice", "carol");
            assertThat(db.query().wherePredicate("age").whereObject(Condition.lt(Double.POSITIVE_INFINITY)).count()).isEqualTo(4);
            assertThatThrownBy(() -> Condition.gt(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void equalityInequalityPrefixAndRegex(@TempDir Path dir) {
        try (NervusDB db = people(dir)) {
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").whereObject(Condition.ne("bob")).nodes())
                    .containsExactlyInAnyOrder("carol", "cedric");
            assertThat(db.query().wherePredicate("knows").whereObject(Condition.prefix("c")).whereSubject(Condition.ne("dave")).count())
                    .isEqualTo(3);
            // Prefix and regex read a literal's lexical form, an IRI's own text.
            assertThat(subjects(db.query().wherePredicate("name").whereObject(Condition.prefix("Al"))))
                    .containsExactly("alice");
            assertThat(subjects(db.query().wherePredicate("name").whereObject(Condition.regex("^c", "i"))))
                    .containsExactlyInAnyOrder("carol");
            assertThat(subjects(db.query().wherePredicate("name").whereObject(Condition.regex("^[bc]", "i"))))
                    .containsExactlyInAnyOrder("bob", "carol");
            assertThat(subjects(db.query().wherePredicate("name").whereObject(Condition.regex("^[bc]", null))))
                    .containsExactly("carol");
            assertThat(subjects(db.query().wherePredicate("livesIn").whereSubject(Condition.regex("ce.r", null))))
                    .containsExactly("cedric");
            // An equality condition is the same as where(term).
            assertThat(db.query().wherePredicate("knows").whereObject(Condition.eq("carol")).count()).isEqualTo(3);
            assertThat(db.query().whereObject("carol").whereObject(Condition.eq("bob")).count()).isZero();
        }
    }

    @Test
    void conditionsByNameParseNumbersAndRefuseUnknownNames(@TempDir Path dir) {
        try (NervusDB db = people(dir)) {
            assertThat(subjects(db.query().wherePredicate("age").whereObject(Condition.of("gt", "30", null))))
                    .containsExactlyInAnyOrder("alice", "dave");
            assertThat(subjects(db.query().wherePredicate("age").whereObject(Condition.of("le", "29.5", null))))
                    .containsExactlyInAnyOrder("bob", "carol");
            assertThat(subjects(db.query().wherePredicate("age").whereObject(Condition.of("lt", "+1e1", null))))
                    .containsExactly("bob");
            assertThat(subjects(db.query().wherePredicate("age").whereObject(Condition.of("ge", "-99999999999999999999", null))))
                    .hasSize(4);
            assertThat(db.query().wherePredicate("knows").whereObject(Condition.of("prefix", "c", null)).count()).isEqualTo(4);
            assertThat(subjects(db.query().wherePredicate("name").whereObject(Condition.of("regex", "^b", "i")))).containsExactly("bob");
        }
        assertThatThrownBy(() -> Condition.of("like", "x", null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown");
        assertThatThrownBy(() -> Condition.of("gt", "ten", null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Condition.of("gt", "-", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badRegularExpressionsAreRefusedWhenTheConditionIsMade() {
        assertThatThrownBy(() -> Condition.regex("a".repeat(Condition.MAX_REGEX_LENGTH + 1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> Condition.regex("(unclosed", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.regex("a", "z")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.prefix(null)).isInstanceOf(InvalidTermException.class);
    }

    @Test
    void conditionsApplyToTheLatestStage(@TempDir Path dir) {
        try (NervusDB db = people(dir)) {
            // alice's friends whose names start with c, then where they live.
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").whereObject(Condition.prefix("c"))
                    .follow("livesIn").nodes()).containsExactly("Paris");
            // Friends of alice who live in Paris: the equality applies to the follow step's object.
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").follow("livesIn").whereObject("Paris").execute())
                    .containsExactlyInAnyOrder(Triple.of("carol", "livesIn", "Paris"), Triple.of("cedric", "livesIn", "Paris"));
            // People older than 30 who know someone living in Paris.
            assertThat(db.query().wherePredicate("age").whereObject(Condition.gt(30))
                    .followReverse("age").follow("knows").follow("livesIn").whereObject("Paris")
                    .execute())
                    .containsExactlyInAnyOrder(Triple.of("carol", "livesIn", "Paris"), Triple.of("cedric", "livesIn", "Paris"));
            // A step's own predicate is fixed: another one contradicts it.
            assertThat(db.query().whereSubject("alice").follow("knows").wherePredicate("likes").execute()).isEmpty();
            // Conditions on a path step: its start and end.
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").whereObject("bob")
                    .followPath("knows", 0, 1).whereObject(Condition.ne("bob")).nodes()).containsExactly("carol");
        }
    }

    @Test
    void orderOffsetLimitAndDistinctValues(@TempDir Path dir) {
        try (NervusDB db = people(dir)) {
            // Numbers order by value (9 < 29.5 < 34 < 100), not by text.
            assertThat(db.query().wherePredicate("age").whereObject(Condition.ge(0)).orderBy(Position.OBJECT).values(Position.SUBJECT))
                    .containsExactly("bob", "carol", "alice", "dave");
            assertThat(db.query().wherePredicate("age").whereObject(Condition.ge(0)).orderByDescending(Position.OBJECT)
                    .offset(1).limit(2).values(Position.SUBJECT))
                    .containsExactly("alice", "carol");
            assertThat(db.query().wherePredicate("knows").orderBy(Position.SUBJECT).orderByDescending(Position.OBJECT).execute())
                    .containsExactly(Triple.of("alice", "knows", "cedric"), Triple.of("alice", "knows", "carol"),
                            Triple.of("alice", "knows", "bob"), Triple.of("bob", "knows", "carol"), Triple.of("dave", "knows", "carol"));
            assertThat(db.query().wherePredicate("knows").orderBy(Position.OBJECT).values(Position.OBJECT))
                    .containsExactly("bob", "carol", "carol", "carol", "cedric");
            assertThat(db.query().wherePredicate("knows").distinct().orderBy(Position.OBJECT).values(Position.OBJECT))
                    .containsExactly("bob", "carol", "cedric");
            assertThat(db.query().wherePredicate("knows").distinct().values(Position.PREDICATE)).containsExactly("knows");
            assertThat(db.query().wherePredicate("knows").values(Position.PREDICATE)).hasSize(5);
            // offset without order on a plain pattern; count respects offset and limit.
            assertThat(db.query().wherePredicate("knows").offset(3).execute()).hasSize(2);
            assertThat(db.query().wherePredicate("knows").offset(3).count()).isEqualTo(2);
            assertThat(db.query().wherePredicate("knows").skip(3).execute())
                    .isEqualTo(db.query().wherePredicate("knows").offset(3).execute());
            assertThat(db.query().wherePredicate("knows").offset(1).limit(2).count()).isEqualTo(2);
            assertThat(db.query().wherePredicate("knows").offset(9).count()).isZero();
            assertThatThrownBy(() -> db.query().offset(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void countByGivesTheLargestGroupsFirst(@TempDir Path dir) {
        try (NervusDB db = people(dir)) {
            Map<String, Long> byObject = db.query().wherePredicate("knows").countBy(Position.OBJECT);
            assertThat(byObject).containsExactly(Map.entry("carol", 3L), Map.entry("bob", 1L), Map.entry("cedric", 1L));
            assertThat(db.query().wherePredicate("knows").limit(1).countBy(Position.OBJECT)).containsExactly(Map.entry("carol", 3L));
            assertThat(db.query().wherePredicate("livesIn").countBy(Position.OBJECT))
                    .containsExactly(Map.entry("Paris", 2L), Map.entry("Lyon", 1L));
            // Group counts of a traversal: where alice's friends live.
            assertThat(db.query().whereSubject("alice").wherePredicate("knows").follow("livesIn").countBy(Position.OBJECT))
                    .containsExactly(Map.entry("Paris", 2L), Map.entry("Lyon", 1L));
            assertThat(db.query().wherePredicate("nothing").countBy(Position.OBJECT)).isEmpty();
            assertThat(db.query().wherePredicate("knows").countBy(Position.PREDICATE)).containsExactly(Map.entry("knows", 5L));
        }
    }

    @Test
    void queryOptionsLimitABuilderQuery(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            for (int i = 0; i < 2000; i++) {
                db.add("n" + i, "next", "n" + (i + 1));
            }
            assertThatThrownBy(() -> db.query().whereSubject("n0").followPath("next", 0, -1)
                    .options(QueryOptions.defaults().maxMaterialized(100)).nodes())
                    .isInstanceOf(QueryAbortedException.class);
            assertThat(db.query().whereSubject("n0").followPath("next", 0, -1).nodes()).hasSize(2000);
        }
    }

    @Test
    void snapshotsRunBuilderQueriesOnTheirOwnView(@TempDir Path dir) {
        try (NervusDB db = people(dir); Snapshot snap = db.snapshot()) {
            db.add("zoe", "age", integer(50));
            assertThat(snap.query().wherePredicate("age").whereObject(Condition.gt(30)).count()).isEqualTo(2);
            assertThat(db.query().wherePredicate("age").whereObject(Condition.gt(30)).count()).isEqualTo(3);
        }
    }

    static List<String> subjects(QueryBuilder q) {
        return q.values(Position.SUBJECT);
    }
}
