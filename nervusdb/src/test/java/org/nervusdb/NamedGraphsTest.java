package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.rdf.RdfTerms;

/** Named graphs through the JVM API, typed values, the base IRI, and databases of the previous layout. */
class NamedGraphsTest {
    private static final String G1 = "http://example.org/g1";
    private static final String G2 = "http://example.org/g2";

    @Test
    void quadsLiveInTheirGraphAndSurviveReopen(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.add("alice", "knows", "bob")).isTrue();
            assertThat(db.add("alice", "knows", "bob", G1)).isTrue();
            assertThat(db.add(Quad.of("alice", "knows", "bob", G1))).isFalse();
            assertThat(db.add("alice", "knows", "carol", Quad.DEFAULT_GRAPH)).isTrue();
            assertThat(db.addQuads(List.of(Quad.of("bob", "knows", "carol", G2), Quad.of("bob", "knows", "carol", G2)))).isEqualTo(1);
            // The triple API reads the default graph only.
            assertThat(db.count(null, null, null)).isEqualTo(2);
            assertThat(db.countQuads(null, null, null, null)).isEqualTo(4);
            assertThat(db.countQuads(null, null, null, G1)).isEqualTo(1);
            assertThat(db.countQuads(null, null, null, Quad.DEFAULT_GRAPH)).isEqualTo(2);
            assertThat(db.graphs()).containsExactlyInAnyOrder(G1, G2);
        }
        try (NervusDB db = NervusDB.open(dir)) {
            List<Quad> all;
            try (Stream<Quad> s = db.findQuads(null, "knows", null, null)) {
                all = s.collect(Collectors.toList());
            }
            assertThat(all).containsExactlyInAnyOrder(Quad.of("alice", "knows", "bob", null), Quad.of("alice", "knows", "carol", null),
                    Quad.of("alice", "knows", "bob", G1), Quad.of("bob", "knows", "carol", G2));
            assertThat(db.delete("bob", "knows", "carol", G2)).isTrue();
            assertThat(db.countQuads(null, null, null, G2)).isZero();
            assertThat(db.graphs()).as("an emptied graph stays until dropped").contains(G2);
            assertThat(db.stats().quads()).isEqualTo(1);
            assertThat(db.stats().graphs()).isEqualTo(2);
            assertThat(db.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void aLiteralCannotNameAGraph(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            assertThatThrownBy(() -> db.add("a", "b", "c", "\"g\"")).isInstanceOf(InvalidTermException.class)
                    .hasMessageContaining("literal cannot name a graph");
            assertThat(db.countQuads(null, null, null, null)).isZero();
        }
    }

    @Test
    void typedValuesCompareAsValues(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("carol", "age", 31);
            db.add("dave", "age", 29L);
            db.add("erin", "age", new BigDecimal("30.5"));
            db.add("carol", "born", LocalDate.of(1993, 4, 1));
            db.add("carol", "member", true);
            db.add("carol", "score", 2.5);
            db.add("carol", "nick", "\"cc\"");
            assertThat(LanguageTagsTest.rows(db, "SELECT ?s WHERE { ?s <age> ?a FILTER(?a > 30) } ORDER BY ?s"))
                    .containsExactly(List.of("carol"), List.of("erin"));
            assertThat(LanguageTagsTest.rows(db, "SELECT ?b WHERE { <carol> <born> ?b FILTER(?b < \"2000-01-01\"^^<"
                    + RdfTerms.XSD + "date>) }")).hasSize(1);
            try (org.nervusdb.QueryResult r = db.sparql("ASK { <carol> <member> true . <carol> <score> ?x FILTER(?x > 2) }")) {
                assertThat(r.askAnswer()).isTrue();
            }
            assertThat(NervusDB.literal(31)).isEqualTo("\"31\"^^<" + RdfTerms.XSD + "integer>");
            assertThat(NervusDB.literal(2.5)).isEqualTo("\"2.5\"^^<" + RdfTerms.XSD + "double>");
            assertThat(NervusDB.literal(new BigDecimal("7"))).isEqualTo("\"7.0\"^^<" + RdfTerms.XSD + "decimal>");
            assertThat(NervusDB.literal("plain")).isEqualTo("\"plain\"");
            assertThatThrownBy(() -> NervusDB.literal(new Object())).isInstanceOf(InvalidTermException.class);
        }
    }

    @Test
    void theBaseIriIsChosenAtCreation(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir, Options.defaults().baseIri("https://data.example.com/"))) {
            assertThat(db.baseIri()).isEqualTo("https://data.example.com/");
            assertThat(db.stats().baseIri()).isEqualTo("https://data.example.com/");
        }
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.baseIri()).isEqualTo("https://data.example.com/");
        }
        assertThatThrownBy(() -> NervusDB.open(dir, Options.defaults().baseIri("https://other.example.com/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://data.example.com/");
        assertThatThrownBy(() -> NervusDB.openInMemory(Options.defaults().baseIri("not absolute")))
                .isInstanceOf(IllegalArgumentException.class);
        try (NervusDB db = NervusDB.openInMemory()) {
            assertThat(db.baseIri()).isEqualTo("http://nervusdb.invalid/");
        }
        assertThat(RdfTerms.resolve("alice", "http://nervusdb.invalid/")).isEqualTo("http://nervusdb.invalid/alice");
        assertThat(RdfTerms.resolve("http://x.org/a", "http://nervusdb.invalid/")).isEqualTo("http://x.org/a");
        assertThat(RdfTerms.resolve("\"lit\"", "http://nervusdb.invalid/")).isEqualTo("\"lit\"");
        assertThat(RdfTerms.resolve("_:b", "http://nervusdb.invalid/")).isEqualTo("_:b");
    }

    /**
     * A database written by the previous release (key layout 3: triples in a table and one in
     * the log, a property and a label): opened, upgraded to layout 4, its data intact, quads
     * added and kept across reopening.
     */
    @Test
    void databasesOfLayout3AreUpgraded(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"000002.wal", "000003.sst", "MANIFEST"}) {
            try (InputStream in = NamedGraphsTest.class.getResourceAsStream("/fixtures/layout-v3/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        for (int open = 0; open < 2; open++) {
            try (NervusDB db = NervusDB.open(dir)) {
                assertThat(db.count(null, null, null)).isEqualTo(13);
                assertThat(db.nodeProperties("item0")).isEqualTo(Map.of("name", "x"));
                assertThat(db.nodesWithLabel("Thing")).containsExactly("item0");
                assertThat(db.contains("item10", "http://example.org/label", RdfTerms.literal("in the log", "de", null))).isTrue();
                assertThat(db.baseIri()).isEqualTo("http://nervusdb.invalid/");
                assertThat(db.stats().quads()).isEqualTo(open);
                assertThat(LanguageTagsTest.rows(db, "SELECT ?s WHERE { ?s <http://example.org/age> ?a FILTER(?a > 30) }"))
                        .containsExactly(List.of("item1"));
                assertThat(db.checkIndexes(10)).isEmpty();
                assertThat(db.verify()).isPositive();
                if (open == 0) {
                    db.add("item0", "http://example.org/next", "item1", G1);
                }
                assertThat(db.countQuads(null, null, null, G1)).isEqualTo(1);
            }
        }
    }
}
