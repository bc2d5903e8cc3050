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
 * A database whose tables were written in table format 1 (before tables carried statistics):
 * it reads unchanged, queries plan without statistics, and compaction rewrites it in format 2
 * with exact statistics.
 */
class TableFormatUpgradeTest {

    static void copyFixture(Path dir) throws IOException {
        for (String f : new String[] {"000003.sst", "000004.wal", "000005.sst", "MANIFEST"}) {
            try (InputStream in = TableFormatUpgradeTest.class.getResourceAsStream("/fixtures/table-v1/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
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
        Set<Integer> versions = new HashSet<>();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".sst"))::iterator) {
                byte[] b = Files.readAllBytes(f);
                versions.add((int) b[b.length - 16]);
            }
        }
        assertThat(versions).containsExactly(2);
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.count(null, null, null)).isEqualTo(602);
        }
    }
}
