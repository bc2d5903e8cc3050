package org.nervusdb.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nervusdb.rdf.RdfTerms;

/**
 * The '<' family with each literal's value parsed once per query ({@link ExprEval#compareMemo})
 * orders every pair of terms as {@link ExprEval#compare} does, errors included, on a first
 * comparison and on a remembered one.
 */
class ComparisonMemoTest {
    static final String XSD = RdfTerms.XSD;

    @Test
    void rememberedValuesCompareAsParsedOnes() {
        List<String> terms = new ArrayList<>();
        for (String n : new String[] {"0", "-0", "1", "01", "-5", "99999999999999999999999", "1.5", "1.50", "-0.0"}) {
            terms.add(RdfTerms.literal(n, null, XSD + "integer"));
            terms.add(RdfTerms.literal(n, null, XSD + "decimal"));
        }
        for (String d : new String[] {"0", "-0", "1.5E0", "NaN", "INF", "-INF", "1e400", "abc"}) {
            terms.add(RdfTerms.literal(d, null, XSD + "double"));
            terms.add(RdfTerms.literal(d, null, XSD + "float"));
        }
        for (String v : new String[] {"true", "false", "1", "0", "yes"}) {
            terms.add(RdfTerms.literal(v, null, XSD + "boolean"));
        }
        for (String v : new String[] {"2008-04-01", "2008-04-01Z", "2008-03-31-05:00", "2008-13-01", "20080401"}) {
            terms.add(RdfTerms.literal(v, null, XSD + "date"));
        }
        for (String v : new String[] {"2008-04-01T00:00:00", "2008-04-01T00:00:00Z", "2008-04-01T02:00:00+02:00",
            "2008-04-01T00:00:00.5Z", "2008-04-01T25:00:00"}) {
            terms.add(RdfTerms.literal(v, null, XSD + "dateTime"));
        }
        terms.add(RdfTerms.literal("abc"));
        terms.add(RdfTerms.literal("abd"));
        terms.add(RdfTerms.literal("\uD83D\uDE00"));
        terms.add(RdfTerms.literal("\uFFFF"));
        terms.add(RdfTerms.literal("abc", "en", null));
        terms.add(RdfTerms.literal("5", null, "http://example.org/unit"));
        terms.add("http://example.org/iri");
        terms.add("_:b0");
        ExprEval ev = new ExprEval(0, 1);
        int compared = 0;
        for (int round = 0; round < 2; round++) {
            for (String x : terms) {
                for (String y : terms) {
                    String expected;
                    try {
                        expected = Integer.toString(ExprEval.compare(x, y));
                        compared++;
                    } catch (ExprEval.ExprError e) {
                        expected = "error";
                    }
                    String actual;
                    try {
                        actual = Integer.toString(ev.compareMemo(x, y));
                    } catch (ExprEval.ExprError e) {
                        actual = "error";
                    }
                    assertThat(actual).as(x + " vs " + y).isEqualTo(expected);
                }
            }
        }
        assertThat(compared).as("pairs that compare").isGreaterThan(1000);
    }
}
