package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nervusdb.rdf.RdfTerms;

/**
 * Language tags keep their case (in the form BCP 47 recommends, "en-US"): LANG() returns it,
 * FILTER compares it, langMatches ignores case, and databases written when tags were stored in
 * lower case are upgraded when opened.
 */
class LanguageTagsTest {
    static final String LABEL = "http://example.org/label";

    static List<List<String>> rows(NervusDB db, String query) {
        List<List<String>> out = new ArrayList<>();
        try (QueryResult r = db.sparql(query)) {
            while (r.hasNext()) {
                out.add(Arrays.asList(r.next()));
            }
        }
        return out;
    }

    @Test
    void tagsAreStoredInBcp47CaseAndComparedAsRdfSays(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            db.addAll(List.of(
                    Triple.of("a", LABEL, RdfTerms.literal("x", "en-US", null)),
                    Triple.of("b", LABEL, RdfTerms.literal("x", "en-us", null)), // the same term in RDF
                    Triple.of("c", LABEL, RdfTerms.literal("y", "EN-gb", null)),
                    Triple.of("d", LABEL, RdfTerms.literal("z", "zh-hant-tw", null))));
            assertThat(rows(db, "SELECT ?s WHERE { ?s <" + LABEL + "> ?l FILTER(LANG(?l) = \"en-US\") } ORDER BY ?s"))
                    .containsExactly(List.of("a"), List.of("b"));
            assertThat(rows(db, "SELECT (LANG(?l) AS ?t) WHERE { <d> <" + LABEL + "> ?l }"))
                    .containsExactly(List.of(RdfTerms.literal("zh-Hant-TW")));
            assertThat(rows(db, "SELECT ?s WHERE { ?s <" + LABEL + "> ?l FILTER(langMatches(LANG(?l), \"EN\")) } ORDER BY ?s"))
                    .containsExactly(List.of("a"), List.of("b"), List.of("c"));
            // A constant in any case finds the stored term.
            assertThat(rows(db, "SELECT ?s WHERE { ?s <" + LABEL + "> \"y\"@en-GB }")).containsExactly(List.of("c"));
            assertThat(rows(db, "SELECT ?s WHERE { ?s <" + LABEL + "> \"y\"@EN-gb }")).containsExactly(List.of("c"));
            assertThat(rows(db, "SELECT ?s WHERE { ?s <" + LABEL + "> ?l FILTER(?l = STRLANG(\"x\", \"EN-us\")) } ORDER BY ?s"))
                    .containsExactly(List.of("a"), List.of("b"));
            assertThat(db.count(null, LABEL, RdfTerms.literal("x", "en-US", null))).isEqualTo(2);
        }
    }

    /**
     * Terms given to the API in N-Triples syntax are stored in their one spelling: a tag in any
     * case, or {@code ^^xsd:string}, names the same term as its canonical spelling, in writes,
     * reads, deletes, transactions and bulk loads alike.
     */
    @Test
    void theApisSpellingsOfOneTermMakeOneStoredTerm(@TempDir Path dir) {
        String xsdString = "^^<" + RdfTerms.XSD_STRING + ">";
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.add("s", "p", "\"x\"@EN-us")).isTrue();
            assertThat(db.add("s", "p", "\"x\"@en-US")).isFalse();
            assertThat(db.add("s", "p", "\"y\"" + xsdString)).isTrue();
            assertThat(db.add("s", "p", "\"y\"")).isFalse();
            try (Stream<Triple> t = db.find("s", "p", null)) {
                assertThat(t.map(Triple::object).sorted().toList()).containsExactly("\"x\"@en-US", "\"y\"");
            }
            assertThat(db.count(null, null, "\"x\"@en-us")).isEqualTo(1);
            assertThat(db.count(null, null, "\"y\"" + xsdString)).isEqualTo(1);
            db.commit(new org.nervusdb.Transaction()
                    .setNodeProperties("\"x\"@EN-US", java.util.Map.of("k", 1))
                    .addLabels("\"x\"@en-us", List.of("L")));
            assertThat(db.nodeProperties("\"x\"@en-US")).isEqualTo(java.util.Map.of("k", 1L));
            assertThat(db.labels("\"x\"@EN-us")).containsExactly("L");
            assertThat(db.delete("s", "p", "\"x\"@en-us")).isTrue();
            assertThat(db.count(null, null, null)).isEqualTo(1);
            db.bulkLoad(List.of(Triple.of("b", "p", "\"z\"@FR-ca"), Triple.of("b", "p", "\"z\"@fr-CA")).iterator());
            assertThat(db.count("b", "p", null)).isEqualTo(1);
            assertThat(db.checkIndexes(10)).isEmpty();
        }
    }

    private static void copyFixture(String name, Path dir) throws IOException {
        for (String f : List.of("000002.wal", "000003.sst", "MANIFEST")) {
            try (InputStream in = LanguageTagsTest.class.getResourceAsStream("/fixtures/" + name + "/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
    }

    /**
     * Databases written by the release that stored tags in lower case (layout 1: triples only;
     * layout 2: with a property and a label), with literals in a table and one in the log:
     * opened, their tags read in BCP 47 case, constants in any case find them, indexes agree.
     */
    @ParameterizedTest
    @ValueSource(strings = {"layout-v1", "layout-v2"})
    void lowerCaseTagsOfOlderDatabasesAreUpgradedWhenOpened(String fixture, @TempDir Path dir) throws IOException {
        copyFixture(fixture, dir);
        for (int open = 0; open < 2; open++) {
            try (NervusDB db = NervusDB.open(dir)) {
                assertThat(db.count(null, null, null)).isEqualTo(10 + open);
                List<String> labels;
                try (Stream<Triple> s = db.find(null, LABEL, null)) {
                    labels = s.map(Triple::object).sorted().toList();
                }
                assertThat(labels).containsExactly(
                        "\"Hallo\"@de", "\"color\"@en-US", "\"colour\"@en-GB", "\"later\"@fr-CA", "\"plain\"",
                        "\"private\"@en-x-private", "\"sign\"@sgn-BE-FR", "\"x\"@en-US", "\"中文\"@zh-Hant-TW");
                assertThat(rows(db, "SELECT ?s WHERE { ?s <" + LABEL + "> ?l FILTER(LANG(?l) = \"en-US\") } ORDER BY ?s"))
                        .containsExactly(List.of("item0"), List.of("item2"));
                assertThat(rows(db, "SELECT ?s WHERE { ?s <" + LABEL + "> \"later\"@fr-ca }")).containsExactly(List.of("item9"));
                assertThat(rows(db, "SELECT ?s WHERE { ?s <" + LABEL + "> \"中文\"@zh-hant-TW }")).containsExactly(List.of("item3"));
                assertThat(db.checkIndexes(10)).isEmpty();
                assertThat(db.verify()).isPositive();
                if (fixture.equals("layout-v2")) {
                    assertThat(db.nodeProperties("item0")).isEqualTo(Map.of("name", "x"));
                    assertThat(db.nodesWithLabel("Thing")).containsExactly("item0");
                }
                db.add("item10", "http://example.org/other", RdfTerms.literal("new" + open, "en-us", null));
                assertThat(db.count(null, null, RdfTerms.literal("new" + open, "en-US", null))).isEqualTo(1);
            }
        }
    }
}
