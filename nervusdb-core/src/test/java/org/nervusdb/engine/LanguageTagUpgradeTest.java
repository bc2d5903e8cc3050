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
            s.add("s0", "label", lit("already", "en-US")); // written by hand in the new spelling
            setLayout(s, Keys.LAYOUT_TRIPLES);
        }
        try (TripleStore s = TripleStore.open(fs, options())) {
            assertThat(layout(s)).isEqualTo(Keys.LAYOUT_VERSION);
            assertThat(s.count(null, null, null)).isEqualTo(n + 1);
            for (int i = 0; i < n; i += 997) {
                String tag = i % 3 == 0 ? "de" : "en-US";
                assertThat(s.count("s" + i, "label", lit("v" + i, tag))).as("s%d", i).isEqualTo(1);
                assertThat(s.count("s" + i, "label", lit("v" + i, "en-us"))).isZero();
            }
            assertThat(s.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void anInterruptedUpgradeIsTakenUpAgainAndClashesKeepTheirOldSpelling() {
        MemFileSystem fs = new MemFileSystem();
        try (TripleStore s = TripleStore.open(fs, options())) {
            s.addAll(List.of(
                    new Triple("a", "label", lit("x", "en-us")),
                    new Triple("b", "label", lit("x", "en-US")),      // both stored: a clash
                    new Triple("c", "label", lit("y", "zh-hant-tw")),
                    new Triple("d", "label", lit("z", "sgn-be-fr"))));
            // As if an upgrade had renamed one term and stopped: that term is in its new spelling.
            s.add("e", "label", lit("w", "fr-CA"));
            setLayout(s, Keys.LAYOUT_PROPERTIES);
        }
        for (int open = 0; open < 2; open++) {
            try (TripleStore s = TripleStore.open(fs, options())) {
                assertThat(layout(s)).isEqualTo(Keys.LAYOUT_VERSION);
                assertThat(s.count("a", "label", lit("x", "en-us"))).isEqualTo(1); // kept: "x"@en-US is b's
                assertThat(s.count("b", "label", lit("x", "en-US"))).isEqualTo(1);
                assertThat(s.count("c", "label", lit("y", "zh-Hant-TW"))).isEqualTo(1);
                assertThat(s.count("d", "label", lit("z", "sgn-BE-FR"))).isEqualTo(1);
                assertThat(s.count("e", "label", lit("w", "fr-CA"))).isEqualTo(1);
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
