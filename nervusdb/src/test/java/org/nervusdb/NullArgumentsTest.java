package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A null collection or array, or a null element of one, passed to any entry of the public API
 * fails with the same typed error as a null term or label passed alone: INVALID_TERM for triples
 * and terms, INVALID_PROPERTY for labels. Never a bare NullPointerException, and nothing written.
 */
class NullArgumentsTest {
    private NervusDB db;

    @BeforeEach
    void open() {
        db = NervusDB.openInMemory();
        db.add("alice", "knows", "bob");
        db.addLabels("alice", "Person");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static void fails(String code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NervusDBException.class)
                .satisfies(e -> assertThat(((NervusDBException) e).code()).as(e.toString()).isEqualTo(code));
    }

    private void unchanged() {
        assertThat(db.query().execute()).containsExactly(Triple.of("alice", "knows", "bob"));
        assertThat(db.labels("alice")).containsExactly("Person");
    }

    @Test
    void triplesAndTerms() {
        // The reference: a null term alone.
        fails("INVALID_TERM", () -> db.add(null, "knows", "bob"));

        fails("INVALID_TERM", () -> db.addAll(null));
        fails("INVALID_TERM", () -> db.addAll(Arrays.asList(Triple.of("carol", "knows", "dave"), null)));
        fails("INVALID_TERM", () -> db.deleteAll(null));
        fails("INVALID_TERM", () -> db.deleteAll(Arrays.asList(Triple.of("alice", "knows", "bob"), null)));
        fails("INVALID_TERM", () -> db.bulkLoad((Iterator<Triple>) null));
        fails("INVALID_TERM", () -> db.bulkLoad((Iterator<Triple>) null, 1 << 20));
        fails("INVALID_TERM", () -> db.bulkLoad(Arrays.asList(Triple.of("carol", "knows", "dave"), null).iterator()));
        fails("INVALID_TERM", () -> db.query().whereIn(Position.SUBJECT, null));
        fails("INVALID_TERM", () -> db.query().whereIn(Position.SUBJECT, Arrays.asList("alice", null)));
        try (Snapshot snap = db.snapshot()) {
            fails("INVALID_TERM", () -> snap.query().whereIn(Position.OBJECT, null));
        }
        unchanged();
    }

    @Test
    void labels() {
        // The reference: a null label alone.
        fails("INVALID_PROPERTY", () -> db.addLabels("alice", "Robot", null));

        fails("INVALID_PROPERTY", () -> db.addLabels("alice", (String[]) null));
        fails("INVALID_PROPERTY", () -> db.removeLabels("alice", (String[]) null));
        fails("INVALID_PROPERTY", () -> db.removeLabels("alice", "Person", null));
        fails("INVALID_PROPERTY", () -> db.nodesWithLabels(null, true));
        fails("INVALID_PROPERTY", () -> db.nodesWithLabels(Arrays.asList("Person", null), false));
        fails("INVALID_PROPERTY", () -> new Transaction().addLabels("alice", null));
        fails("INVALID_PROPERTY", () -> new Transaction().removeLabels("alice", Arrays.asList((String) null)));
        fails("INVALID_PROPERTY", () -> db.query().whereLabel((String[]) null));
        fails("INVALID_PROPERTY", () -> db.query().whereLabel((Collection<String>) null, true));
        fails("INVALID_PROPERTY", () -> db.query().whereLabel("Person", null));
        try (Snapshot snap = db.snapshot()) {
            fails("INVALID_PROPERTY", () -> snap.nodesWithLabels(null, true));
            fails("INVALID_PROPERTY", () -> snap.nodesWithLabels(Arrays.asList((String) null), true));
            fails("INVALID_PROPERTY", () -> snap.query().whereLabel((Collection<String>) null, false));
        }
        unchanged();
        // The same calls with proper arguments work.
        assertThat(db.nodesWithLabels(List.of("Person"), true)).containsExactly("alice");
        assertThat(db.query().whereLabel("Person").count()).isEqualTo(1);
    }
}
