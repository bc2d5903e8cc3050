package org.nervusdb.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nervusdb.Triple;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.rdf.RdfTerms;

/**
 * Numbers of any size in SPARQL: arithmetic, comparisons, ORDER BY, MIN, MAX and SUM over
 * integers and decimals beyond 18 digits mixed with doubles, checked against java.math.
 */
class NumbersInQueriesTest {
    static final String XSD = RdfTerms.XSD;

    static List<List<String>> rows(TripleStore s, String query) {
        return Answers.rows(s, query);
    }

    static String one(TripleStore s, String query) {
        List<List<String>> r = rows(s, query);
        assertThat(r).as(query).hasSize(1);
        return r.get(0).get(0);
    }

    static String integer(String lex) {
        return RdfTerms.literal(lex, null, XSD + "integer");
    }

    static String decimal(String lex) {
        return RdfTerms.literal(lex, null, XSD + "decimal");
    }

    @Test
    void floatResultsHaveTheShortestDigitsOfTheirFloat() {
        String f = XSD + "float";
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            // 1.3595691f is 1.3595690727233887 as a double: the result names the float, not the double.
            assertThat(one(s, "SELECT (<" + f + ">(\"6.4887\") / <" + f + ">(\"4.7726\") AS ?c) WHERE {}"))
                    .isEqualTo(RdfTerms.literal(canonical(6.4887f / 4.7726f), null, f));
            assertThat(one(s, "SELECT (<" + f + ">(2) AS ?c) WHERE {}")).isEqualTo(RdfTerms.literal("2.0E0", null, f));
            assertThat(one(s, "SELECT (<" + f + ">(\"0.1\") + <" + f + ">(\"0.2\") AS ?c) WHERE {}"))
                    .isEqualTo(RdfTerms.literal(canonical(0.1f + 0.2f), null, f));
            assertThat(one(s, "SELECT (STR(<" + f + ">(\"1e-45\")) AS ?c) WHERE {}")).isEqualTo(RdfTerms.literal("1.0E-45", null, null));
            assertThat(one(s, "SELECT (<" + f + ">(\"3.4028235E38\") * 10 AS ?c) WHERE {}")).isEqualTo(RdfTerms.literal("INF", null, f));
            Random random = new Random(7);
            for (int i = 0; i < 2000; i++) {
                float x = Float.intBitsToFloat(random.nextInt());
                if (Float.isNaN(x) || Float.isInfinite(x)) {
                    continue;
                }
                String lex = ExprEval.canonicalFloat(x);
                assertThat(Float.parseFloat(lex)).as(lex).isEqualTo(x);
                assertThat(lex.substring(0, lex.indexOf('E')).replace("-", "").replace(".", "").replaceAll("0+$", "").length())
                        .as(lex).isLessThanOrEqualTo(shortestDigits(x));
            }
        }
    }

    @Test
    void aSumOfFloatsRoundsAtEveryStepAndPromotesAsItGoes() {
        String f = XSD + "float";
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            List<Triple> ts = new ArrayList<>();
            float expected = 0;
            for (int i = 0; i < 50; i++) {
                float v = 0.1f * (i + 1) + 1e4f;
                ts.add(new Triple("x" + i, "price", RdfTerms.literal(Float.toString(v), null, f)));
                expected += v;
            }
            s.addAll(ts);
            // The store lists the 50 values in some order; float addition rounds each step, so
            // the order matters in the last digits: compare to the same order's float sum.
            float inOrder = 0;
            for (List<String> row : rows(s, "SELECT ?p WHERE { ?x <price> ?p }")) {
                inOrder += Float.parseFloat(RdfTerms.lexicalForm(row.get(0)));
            }
            assertThat(Math.abs(inOrder - expected)).isLessThan(1f);
            assertThat(one(s, "SELECT (SUM(?p) AS ?c) WHERE { ?x <price> ?p }")).isEqualTo(RdfTerms.literal(canonical(inOrder), null, f));
            assertThat(one(s, "SELECT (AVG(?p) AS ?c) WHERE { ?x <price> ?p }")).isEqualTo(RdfTerms.literal(canonical(inOrder / 50), null, f));
            // integer, then decimal, then double: each step in the wider type.
            s.addAll(List.of(new Triple("m", "v", integer("2")), new Triple("n", "v", decimal("0.5")),
                    new Triple("o", "v", RdfTerms.literal("1.0E300", null, XSD + "double"))));
            assertThat(one(s, "SELECT (SUM(?v) AS ?c) WHERE { VALUES ?x { <m> <n> } ?x <v> ?v }")).isEqualTo(decimal("2.5"));
            assertThat(one(s, "SELECT (SUM(?v) AS ?c) WHERE { ?x <v> ?v }")).isEqualTo(RdfTerms.literal("1.0E300", null, XSD + "double"));
            assertThat(one(s, "SELECT (SUM(?v) AS ?c) WHERE { VALUES ?x { <m> } ?x <v> ?v }")).isEqualTo(integer("2"));
            assertThat(rows(s, "SELECT (SUM(?v) AS ?c) WHERE { VALUES ?x { <m> <x0> } ?x ?q ?v }").get(0).get(0))
                    .isEqualTo(RdfTerms.literal(canonical(2 + (0.1f + 1e4f)), null, f));
        }
    }

    /** Float.toString's digits in the canonical d.dddE<n> form. */
    private static String canonical(float x) {
        BigDecimal b = new BigDecimal(Float.toString(x)).stripTrailingZeros();
        String u = b.unscaledValue().abs().toString();
        int exp = u.length() - 1 - b.scale();
        return (x < 0 ? "-" : "") + u.charAt(0) + "." + (u.length() == 1 ? "0" : u.substring(1)) + "E" + exp;
    }

    /** The fewest significant digits that read back as x. */
    private static int shortestDigits(float x) {
        for (int p = 1; p <= 9; p++) {
            if (new BigDecimal(x).round(new java.math.MathContext(p, RoundingMode.HALF_EVEN)).floatValue() == x) {
                return p;
            }
        }
        return 9;
    }

    @Test
    void arithmeticBeyondEighteenDigits() {
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            assertThat(one(s, "SELECT (99999999999999999999 + 1 AS ?c) WHERE {}")).isEqualTo(integer("100000000000000000000"));
            assertThat(one(s, "SELECT (12345678901234567890123 * 98765432109876543210 AS ?c) WHERE {}"))
                    .isEqualTo(integer("1219326311370217952249611949260778341714830"));
            assertThat(one(s, "SELECT (1/3 AS ?c) WHERE {}")).isEqualTo(decimal("0.333333333333333333333333"));
            assertThat(one(s, "SELECT (0.1 + 0.2 AS ?c) WHERE {}")).isEqualTo(decimal("0.3"));
            assertThat(one(s, "SELECT (-99999999999999999999999 AS ?c) WHERE {}")).isEqualTo(integer("-99999999999999999999999"));
            assertThat(one(s, "SELECT (ABS(-99999999999999999999999) AS ?c) WHERE {}")).isEqualTo(integer("99999999999999999999999"));
            assertThat(one(s, "SELECT (<" + XSD + "decimal>(1.0e-30) AS ?c) WHERE {}"))
                    .isEqualTo(decimal("0.000000000000000000000000000001"));
            assertThat(one(s, "SELECT (<" + XSD + "integer>(1.0e30) AS ?c) WHERE {}"))
                    .isEqualTo(integer("1000000000000000000000000000000"));
            assertThat(one(s, "SELECT (100000000000000000000 > 99999999999999999999.5 AS ?c) WHERE {}"))
                    .isEqualTo(RdfTerms.literal("true", null, XSD + "boolean"));
            // LIMIT and OFFSET beyond a long: no store holds that many solutions.
            assertThat(rows(s, "SELECT * WHERE {} LIMIT 99999999999999999999")).hasSize(1);
            assertThat(rows(s, "SELECT * WHERE {} OFFSET 99999999999999999999")).isEmpty();
        }
    }

    /**
     * Conversion multipliers as a units vocabulary holds them: decimals from 1e-30 to 4.63e113
     * (many beyond 18 digits), some integers and doubles. MAX, MIN, SUM, ORDER BY and FILTER
     * agree with java.math.
     */
    @Test
    void aggregatesOrderAndFiltersOverLongNumbers() {
        Random rnd = new Random(42);
        List<Triple> triples = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String term;
            BigDecimal value;
            switch (i % 4) {
                case 0: {
                    BigDecimal v = new BigDecimal(DecimalTest.random(rnd)).movePointLeft(rnd.nextInt(40));
                    term = decimal(v.toPlainString());
                    value = v;
                    break;
                }
                case 1: {
                    String digits = DecimalTest.random(rnd);
                    BigDecimal v = new BigDecimal(digits).setScale(0, RoundingMode.DOWN);
                    term = integer(v.toPlainString());
                    value = v;
                    break;
                }
                case 2: {
                    double d = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(200) - 100);
                    term = RdfTerms.literal(Double.toString(d), null, XSD + "double");
                    value = new BigDecimal(d);
                    break;
                }
                default: {
                    BigDecimal v = new BigDecimal(rnd.nextInt(10_000)).movePointLeft(3);
                    term = decimal(v.toPlainString());
                    value = v;
                }
            }
            triples.add(new Triple("u" + i, "multiplier", term));
            values.add(value);
            terms.add(term);
        }
        triples.add(new Triple("qudt", "multiplier", decimal("4630000000000000000000000000000000000000000000000000000000000000000"
                + "00000000000000000000000000000000000000000000000")));
        values.add(new BigDecimal("4.63e113"));
        triples.add(new Triple("small", "multiplier", decimal("5.545")));
        values.add(new BigDecimal("5.545"));
        try (TripleStore s = TripleStore.openInMemory(new StoreOptions())) {
            s.addAll(triples);
            BigDecimal max = values.stream().max(Comparator.naturalOrder()).orElseThrow();
            BigDecimal min = values.stream().min(Comparator.naturalOrder()).orElseThrow();
            assertThat(value(one(s, "SELECT (MAX(?m) AS ?x) WHERE { ?u <multiplier> ?m }"))).isEqualByComparingTo(max);
            assertThat(value(one(s, "SELECT (MIN(?m) AS ?x) WHERE { ?u <multiplier> ?m }"))).isEqualByComparingTo(min);

            // ORDER BY DESC: the 20 largest, in order.
            List<List<String>> top = rows(s, "SELECT ?m WHERE { ?u <multiplier> ?m } ORDER BY DESC(?m) LIMIT 20");
            List<BigDecimal> sorted = new ArrayList<>(values);
            sorted.sort(Comparator.reverseOrder());
            for (int i = 0; i < 20; i++) {
                assertThat(value(top.get(i).get(0))).as("rank " + i).isEqualByComparingTo(sorted.get(i));
            }
            // The whole order, ascending.
            List<List<String>> all = rows(s, "SELECT ?m WHERE { ?u <multiplier> ?m } ORDER BY ?m");
            sorted.sort(Comparator.naturalOrder());
            for (int i = 0; i < all.size(); i++) {
                assertThat(value(all.get(i).get(0))).as("position " + i).isEqualByComparingTo(sorted.get(i));
            }

            // FILTER keeps exactly the values above a threshold of 30 digits.
            BigDecimal threshold = new BigDecimal("123456789012345678901234567890");
            long above = values.stream().filter(v -> v.compareTo(threshold) > 0).count();
            assertThat(rows(s, "SELECT ?u WHERE { ?u <multiplier> ?m FILTER(?m > 123456789012345678901234567890) }"))
                    .hasSize((int) above);

            // SUM of the integers and decimals (doubles left out) is exact.
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < values.size(); i++) {
                if (i >= terms.size() || !terms.get(i).endsWith("#double>")) {
                    sum = sum.add(values.get(i));
                }
            }
            String total = one(s, "SELECT (SUM(?m) AS ?x) WHERE { ?u <multiplier> ?m FILTER(DATATYPE(?m) != <" + XSD + "double>) }");
            assertThat(RdfTerms.datatype(total)).isEqualTo(XSD + "decimal");
            assertThat(new BigDecimal(RdfTerms.lexicalForm(total))).isEqualByComparingTo(sum);
        }
    }

    /** The exact value of a numeric literal. */
    static BigDecimal value(String literal) {
        String lex = RdfTerms.lexicalForm(literal);
        String dt = RdfTerms.datatype(literal);
        if (dt.endsWith("#double") || dt.endsWith("#float")) {
            return new BigDecimal(Double.parseDouble(lex));
        }
        return new BigDecimal(lex);
    }

    /**
     * ORDER BY's comparison is a total order over numbers of every type and size (so sorting
     * never meets a contradiction), and agrees with SPARQL's '<' wherever '<' tells two apart.
     */
    @Test
    void orderingOfMixedNumbersIsTotalAndAgreesWithLessThan() {
        Random rnd = new Random(3);
        List<String> terms = new ArrayList<>();
        String[] special = {"INF", "-INF", "NaN", "0.0", "-0.0", "1.0E300", "4.9E-324"};
        for (String sp : special) {
            terms.add(RdfTerms.literal(sp, null, XSD + "double"));
        }
        terms.add(RdfTerms.literal("3.4028235E38", null, XSD + "float"));
        terms.add(integer("1" + "0".repeat(400))); // beyond the double range
        terms.add(integer("-1" + "0".repeat(400)));
        terms.add(RdfTerms.literal("text", null, null));
        terms.add(RdfTerms.literal("abc", null, XSD + "integer")); // not a valid integer
        for (int i = 0; i < 300; i++) {
            BigDecimal v = new BigDecimal(DecimalTest.random(rnd)).movePointLeft(rnd.nextInt(30));
            switch (i % 3) {
                case 0:
                    terms.add(decimal(v.toPlainString()));
                    break;
                case 1:
                    terms.add(integer(v.setScale(0, RoundingMode.DOWN).toPlainString()));
                    break;
                default:
                    terms.add(RdfTerms.literal(Double.toString(v.doubleValue()), null, XSD + "double"));
            }
        }
        // Near-ties: a decimal, an integer and a double of (almost) the same value.
        terms.add(decimal("0.1"));
        terms.add(RdfTerms.literal("0.1", null, XSD + "double"));
        terms.add(decimal("0.100000000000000005"));
        terms.add(integer("100000000000000001"));
        terms.add(RdfTerms.literal("1.0E17", null, XSD + "double"));
        terms.add(integer("100000000000000000"));
        for (int round = 0; round < 4; round++) {
            java.util.Collections.shuffle(terms, rnd);
            List<String> sorted = new ArrayList<>(terms);
            sorted.sort(Ordering::compare);
            for (int i = 0; i < sorted.size(); i++) {
                for (int j = i + 1; j < sorted.size(); j++) {
                    String a = sorted.get(i);
                    String b = sorted.get(j);
                    assertThat(Ordering.compare(a, b)).as("%s before %s", a, b).isLessThanOrEqualTo(0);
                    assertThat(Integer.signum(Ordering.compare(b, a))).isEqualTo(-Integer.signum(Ordering.compare(a, b)));
                    try {
                        assertThat(ExprEval.compare(b, a)).as("'<' of %s and %s", b, a).isGreaterThanOrEqualTo(0);
                    } catch (ExprEval.ExprError e) {
                        // not comparable by '<'
                    }
                }
            }
        }
    }
}
