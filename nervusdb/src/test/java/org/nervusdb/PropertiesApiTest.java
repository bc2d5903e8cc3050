package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nervusdb.testing.Maps.map;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties, labels and transactions through the JVM API, on disk. */
class PropertiesApiTest {

    @Test
    void propertiesAndLabelsSurviveReopenAndSnapshotsKeepTheirView(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            db.commit(new Transaction().add("alice", "knows", "bob").setNodeProperties("alice", map("age", 30, "tags", List.of("a")))
                    .setEdgeProperties("alice", "knows", "bob", map("since", 2019)).addLabels("alice", List.of("Person")));
            db.addLabels("bob", "Person", "Admin");
            db.setNodeProperties("bob", map("age", 25));
        }
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.nodeProperties("alice")).isEqualTo(map("age", 30L, "tags", List.of("a")));
            assertThat(db.edgeProperties("alice", "knows", "bob")).isEqualTo(map("since", 2019L));
            assertThat(db.labels("bob")).containsExactly("Admin", "Person");
            assertThat(db.nodesWithLabel("Person")).containsExactlyInAnyOrder("alice", "bob");
            assertThat(db.nodesWithLabels(List.of("Person", "Admin"), true)).containsExactly("bob");
            assertThat(db.nodesWithLabels(List.of("Admin", "Person"), false)).containsExactlyInAnyOrder("alice", "bob");
            assertThat(db.nodesWithLabels(List.of("Nobody", "Person"), true)).isEmpty();
            assertThat(db.nodesWithLabels(List.of(), false)).isEmpty();
            assertThat(db.nodesWhere("age", PropertyCondition.between(26, 40))).containsExactly("alice");
            assertThat(db.edgesWhere("since", PropertyCondition.lt(2020))).containsExactly(Triple.of("alice", "knows", "bob"));

            try (Snapshot snap = db.snapshot()) {
                db.setNodeProperties("alice", map("age", 31));
                db.removeLabels("bob", "Person");
                assertThat(snap.nodeProperties("alice")).isEqualTo(map("age", 30L, "tags", List.of("a")));
                assertThat(snap.nodesWithLabel("Person")).containsExactlyInAnyOrder("alice", "bob");
                assertThat(snap.nodesWhere("age", PropertyCondition.eq(30))).containsExactly("alice");
            }
            assertThat(db.nodeProperties("alice")).isEqualTo(map("age", 31L));
            assertThat(db.nodesWithLabel("Person")).containsExactly("alice");
            assertThatThrownBy(() -> db.setEdgeProperties("bob", "knows", "alice", map("x", 1))).isInstanceOf(NotFoundException.class);
            db.flush();
            assertThat(db.verify()).isPositive();
            assertThat(db.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void aClosedDatabaseRefusesPropertyCalls(@TempDir Path dir) {
        NervusDB db = NervusDB.open(dir);
        db.close();
        assertThatThrownBy(() -> db.nodeProperties("a")).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> db.setNodeProperties("a", map("x", 1))).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> db.commit(new Transaction().add("a", "b", "c"))).isInstanceOf(DatabaseClosedException.class);
    }
}
