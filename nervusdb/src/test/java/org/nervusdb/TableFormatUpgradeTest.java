package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.engine.TripleStore;

/**
 * Databases whose tables were written in older table formats read unchanged and are rewritten in
 * the current format (3) by compaction: format 1 (before tables carried statistics; queries plan
 * without them until then) and format 2 (one filter block rather than filter pages).
 */
class TableFormatUpgradeTest {

    static void copyFixture(Path dir) throws IOException {
        copy("table-v1", dir, "000003.sst", "000004.wal", "000005.sst", "MANIFEST");
    }

    private static void copy(String fixture, Path dir, String... files) throws IOException {
        for (String f : files) {
            try (InputStream in = TableFormatUpgradeTest.class.getResourceAsStream("/fixtures/" + fixture + "/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
    }

    private static Set<Integer> tableVersions(Path dir) throws IOException {
        Set<Integer> versions = new HashSet<>();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".sst"))::iterator) {
                byte[] b = Files.readAllBytes(f);
                versions.add((int) b[b.length - 16]);
            }
        }
        return versions;
    }

    /**
     * The format 1 fixture opened by format 2 code, which added likes person0 coffee, person1 cake
     * (deleting person1 tea), compacted, added person3 tea in a flushed table and person4 tea in the log.
     */
    @Test
    void formatTwoTablesReadAndCompactIntoFormatThree(@TempDir Path dir) throws IOException {
        copy("table-v2", dir, "000008.sst", "000009.wal", "000010.sst", "MANIFEST");
        assertThat(tableVersions(dir)).containsExactly(2);
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.count(null, null, null)).isEqualTo(605);
            assertThat(db.query().wherePredicate("likes").values(Position.SUBJECT))
                    .containsExactlyInAnyOrder("person0", "person1", "person2", "person3", "person4");
            assertThat(db.count("person1", "likes", "tea")).isZero();
            assertThat(db.count("person1", "likes", "cake")).isEqualTo(1);
            assertThat(db.count("person9", "likes", null)).isZero();
            assertThat(db.query().whereSubject("person7").wherePredicate("knows").follow("livesIn").nodes()).containsExactly("city0");
            assertThat(db.verify()).isPositive();
            db.flush();
            db.compact();
            assertThat(db.count("person3", "likes", "tea")).isEqualTo(1);
        }
        assertThat(tableVersions(dir)).containsExactly(3);
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.count(null, null, null)).isEqualTo(605);
            assertThat(db.count("person1", "likes", "tea")).isZero();
            assertThat(db.count(null, "likes", "tea")).isEqualTo(2);
            assertThat(db.verify()).isPositive();
        }
    }

    @Test
    void formatOneTablesReadAndCompactIntoTablesWithStatistics(@TempDir Path dir) throws IOException {
        copyFixture(dir);
        byte[] before = Files.readAllBytes(dir.resolve("000003.sst"));
        assertThat(before[before.length - 16]).as("the fixture is format 1").isEqualTo((byte) 1);
        try (NervusDB db = NervusDB.open(dir)) {
            // 300 knows + 300 livesIn, then likes: person1 tea, person2 coffee (person0 tea deleted).
            assertThat(db.count(null, null, null)).isEqualTo(602);
            assertThat(db.query().wherePredicate("likes").values(Position.SUBJECT)).containsExactlyInAnyOrder("person1", "person2");
            assertThat(db.query().whereSubject("person7").wherePredicate("knows").follow("livesIn").nodes()).containsExactly("city0");
            try (TripleStore.StoreSnapshot snap = (TripleStore.StoreSnapshot) db.snapshot()) {
                assertThat(snap.statistics(snap.lookup("knows"))).as("format 1 tables carry none").isNull();
            }
            try (var r = db.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a <knows> ?b . ?b <livesIn> ?c }")) {
                assertThat(r.next()[0]).isEqualTo("\"300\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            }
            db.flush();
            db.compact();
            try (TripleStore.StoreSnapshot snap = (TripleStore.StoreSnapshot) db.snapshot()) {
                assertThat(snap.statistics(snap.lookup("knows"))).containsExactly(300, 300, 300);
                assertThat(snap.statistics(snap.lookup("livesIn"))).containsExactly(300, 300, 5);
                assertThat(snap.statistics(snap.lookup("likes"))).containsExactly(2, 2, 2);
                assertThat(snap.statistics(0)).containsExactly(602, 300, 307);
            }
        }
        assertThat(tableVersions(dir)).containsExactly(3);
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.count(null, null, null)).isEqualTo(602);
        }
    }
}
