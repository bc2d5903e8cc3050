package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nervusdb.Triple;
import org.nervusdb.io.MemFileSystem;

/**
 * The upgrade from layouts 1 and 2 (language tags in lower case) to layout 3 (tags in BCP 47
 * case): every literal renamed in place, in several commits when there are many, taken up again
 * after an interruption, and a clash with a term already stored in the new spelling left alone.
 */
class LanguageTagUpgradeTest {

    private static StoreOptions options() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 1 << 20; // several tables on the way
        return o;
    }

    private static int layout(TripleStore s) {
        try (Engine.View v = s.engine.view()) {
            return Bytes.getIntLE(v.get(Keys.LAYOUT), 0);
        }
    }

    /** Puts the layout record of an older release back, as if the store had been written by it. */
    private static void setLayout(TripleStore s, int version) {
        WriteBatch b = new WriteBatch();
        byte[] lv = new byte[4];
        Bytes.putIntLE(lv, 0, version);
        b.put(Keys.LAYOUT, lv);
        s.engine.write(b);
    }

    private static String lit(String lex, String tag) {
        return "\"" + lex + "\"@" + tag;
    }

    /**
     * Respells a stored term in place (same id), as an older release stored it: the store itself
     * only ever writes the current spelling.
     */
    private static void respell(TripleStore s, String term, String old) {
        byte[] id;
        try (Engine.View v = s.engine.view()) {
            id = v.get(Keys.term(Utf8.encode(term, "term")));
        }
        assertThat(id).as(term).isNotNull();
        WriteBatch b = new WriteBatch();
        b.delete(Keys.term(Utf8.encode(term, "term")));
        b.put(Keys.term(Utf8.encode(old, "term")), id);
        b.put(Keys.id(Bytes.getId(id, 0, id.length)), Utf8.encode(old, "term"));
        s.engine.write(b);
    }

    private static java.util.List<String> objects(TripleStore s, String subject) {
        java.util.List<String> out = new ArrayList<>();
        try (org.nervusdb.TripleCursor c = s.find(subject, null, null)) {
            c.forEachRemaining(t -> out.add(t.object()));
        }
        return out;
    }

    @Test
    void manyTermsAreRenamedInSeveralCommitsAndIdsStay() {
        MemFileSystem fs = new MemFileSystem();
        int n = TripleStore.UPGRADE_BATCH * 2 + 7;
        try (TripleStore s = TripleStore.open(fs, options())) {
            List<Triple> ts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ts.add(new Triple("s" + i, "label", lit("v" + i, i % 3 == 0 ? "de" : "en-us")));
            }
            s.addAll(ts);
            for (int i = 0; i < n; i++) {
                if (i % 3 != 0) {
                    respell(s, lit("v" + i, "en-US"), lit("v" + i, "en-us"));
                }
            }
            s.add("t0", "label", lit("already", "en-US"));
            setLayout(s, Keys.LAYOUT_TRIPLES);
        }
        try (TripleStore s = TripleStore.open(fs, options())) {
            assertThat(layout(s)).isEqualTo(Keys.LAYOUT_VERSION);
            assertThat(s.count(null, null, null)).isEqualTo(n + 1);
            for (int i = 0; i < n; i += 997) {
                String tag = i % 3 == 0 ? "de" : "en-US";
                assertThat(objects(s, "s" + i)).as("s%d", i).containsExactly(lit("v" + i, tag));
            }
            assertThat(s.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void anInterruptedUpgradeIsTakenUpAgainAndClashesKeepTheirOldSpelling() {
        MemFileSystem fs = new MemFileSystem();
        try (TripleStore s = TripleStore.open(fs, options())) {
            s.addAll(List.of(
                    new Triple("a", "label", lit("x", "en-GB")),
                    new Triple("b", "label", lit("x", "en-US")),
                    new Triple("c", "label", lit("y", "zh-Hant-TW")),
                    new Triple("d", "label", lit("z", "sgn-BE-FR"))));
            respell(s, lit("x", "en-GB"), lit("x", "en-us")); // a clash: "x"@en-US is b's
            respell(s, lit("y", "zh-Hant-TW"), lit("y", "zh-hant-tw"));
            respell(s, lit("z", "sgn-BE-FR"), lit("z", "sgn-be-fr"));
            // As if an upgrade had renamed this term and stopped: it is in its new spelling.
            s.add("e", "label", lit("w", "fr-CA"));
            setLayout(s, Keys.LAYOUT_PROPERTIES);
        }
        for (int open = 0; open < 2; open++) {
            try (TripleStore s = TripleStore.open(fs, options())) {
                assertThat(layout(s)).isEqualTo(Keys.LAYOUT_VERSION);
                assertThat(objects(s, "a")).containsExactly(lit("x", "en-us")); // kept its old spelling
                assertThat(objects(s, "b")).containsExactly(lit("x", "en-US"));
                assertThat(objects(s, "c")).containsExactly(lit("y", "zh-Hant-TW"));
                assertThat(objects(s, "d")).containsExactly(lit("z", "sgn-BE-FR"));
                assertThat(objects(s, "e")).containsExactly(lit("w", "fr-CA"));
                assertThat(s.count(null, "label", lit("z", "SGN-be-fr"))).isEqualTo(1);
                assertThat(s.count(null, null, null)).isEqualTo(5);
                assertThat(s.checkIndexes(10)).isEmpty();
            }
        }
    }

    @Test
    void aNewStoreIsWrittenInTheCurrentLayout() {
        try (TripleStore s = TripleStore.openInMemory(options())) {
            assertThat(layout(s)).isEqualTo(Keys.LAYOUT_VERSION);
        }
    }
}
