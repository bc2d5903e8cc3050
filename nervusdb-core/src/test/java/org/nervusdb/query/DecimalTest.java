package org.nervusdb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** xsd:integer and xsd:decimal arithmetic of any size, checked against java.math. */
class DecimalTest {

    @Test
    void parsesAndPrintsCanonically() {
        assertThat(Decimal.parse("+001.500").toPlainString()).isEqualTo("1.5");
        assertThat(Decimal.parse("-0.000100").toPlainString()).isEqualTo("-0.0001");
        assertThat(Decimal.parse("42").toPlainString()).isEqualTo("42");
        assertThat(Decimal.parse(".5").toPlainString()).isEqualTo("0.5");
        assertThat(Decimal.parse("-0.00").toPlainString()).isEqualTo("0");
        assertThat(Decimal.parse("1234567890123456789012").toPlainString()).isEqualTo("1234567890123456789012");
        assertThat(Decimal.parse("-0001234567890123456789012.1234567890123456789000").toPlainString())
                .isEqualTo("-1234567890123456789012.1234567890123456789");
        assertThat(Decimal.parse("0.000000000000000000000000000001").toPlainString())
                .isEqualTo("0.000000000000000000000000000001");
        assertThatThrownBy(() -> Decimal.parse("1e5")).isInstanceOf(ExprEval.ExprError.class);
        assertThatThrownBy(() -> Decimal.parse("")).isInstanceOf(ExprEval.ExprError.class);
        assertThatThrownBy(() -> Decimal.parse("-")).isInstanceOf(ExprEval.ExprError.class);
        assertThatThrownBy(() -> Decimal.parse("1.2.3")).isInstanceOf(ExprEval.ExprError.class);
    }

    @Test
    void valuesAtTheLongBoundaryAreExact() {
        // Around 10^18 (where the representation changes) and around the long range.
        String[] edges = {"999999999999999999", "1000000000000000000", "-999999999999999999", "-1000000000000000000",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809"};
        for (String x : edges) {
            for (String y : edges) {
                checkAll(x, y);
            }
            checkAll(x, "1");
            checkAll(x, "-1");
            checkAll(x, "0.5");
        }
        assertThat(Decimal.parse("99999999999999999999").add(Decimal.ONE).toPlainString()).isEqualTo("100000000000000000000");
    }

    @Test
    void tooManyDigitsIsAnErrorNotAWrongValue() {
        String huge = "9".repeat(Decimal.MAX_DIGITS);
        Decimal d = Decimal.parse(huge);
        assertThat(d.toPlainString()).isEqualTo(huge);
        assertThatThrownBy(() -> d.add(Decimal.ONE)).isInstanceOf(ExprEval.ExprError.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Decimal.parse(huge + "9")).isInstanceOf(ExprEval.ExprError.class);
        assertThatThrownBy(() -> Decimal.parse("0." + "0".repeat(Decimal.MAX_DIGITS) + "1")).isInstanceOf(ExprEval.ExprError.class);
    }

    @Test
    void divisionIsExactWhenTheExpansionEndsElseRoundedAt24Digits() {
        assertThat(div("1", "3")).isEqualTo("0.333333333333333333333333");
        assertThat(div("-2", "3")).isEqualTo("-0.666666666666666666666667");
        assertThat(div("100", "3")).isEqualTo("33.333333333333333333333333");
        assertThat(div("1", "1024")).isEqualTo("0.0009765625");
        assertThat(div("1", "1267650600228229401496703205376")) // 2^-100, 100 fractional digits
                .isEqualTo(BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(100))).toPlainString());
        assertThat(div("1.0000000000000000000000000001", "3")).isEqualTo("0.333333333333333333333333");
        assertThat(div("0.000000000000000000000000000001", "3")).isEqualTo("0");
        assertThat(div("1.5", "0.1")).isEqualTo("15");
        assertThatThrownBy(() -> Decimal.ONE.divide(Decimal.parse("0.000"))).isInstanceOf(ExprEval.ExprError.class);
    }

    @Test
    void roundingFunctions() {
        assertThat(Decimal.parse("-2.5").round().toPlainString()).isEqualTo("-2");
        assertThat(Decimal.parse("2.5").round().toPlainString()).isEqualTo("3");
        assertThat(Decimal.parse("-2.1").floor().toPlainString()).isEqualTo("-3");
        assertThat(Decimal.parse("-2.1").ceil().toPlainString()).isEqualTo("-2");
        assertThat(Decimal.parse("-2.9").truncate().toPlainString()).isEqualTo("-2");
        assertThat(Decimal.parse("-99999999999999999999.5").floor().toPlainString()).isEqualTo("-100000000000000000000");
        assertThat(Decimal.parse("0.0000000000000000000001").ceil().toPlainString()).isEqualTo("1");
    }

    /** Every operation agrees with java.math on random operands of 1 to 200 digits. */
    @Test
    void arithmeticAgreesWithJavaMathOnRandomValuesOfUpTo200Digits() {
        long seed = 7;
        Random rnd = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String x = random(rnd);
            String y = i % 5 == 0 ? twosAndFives(rnd) : random(rnd);
            checkAll(x, y);
        }
    }

    /** A divisor whose quotients end: 2^i 5^j (scaled), which takes the exact path of division. */
    private static String twosAndFives(Random rnd) {
        BigDecimal v = new BigDecimal(BigInteger.TWO.pow(rnd.nextInt(120)).multiply(BigInteger.valueOf(5).pow(rnd.nextInt(60))),
                rnd.nextInt(30));
        return rnd.nextBoolean() ? v.toPlainString() : v.negate().toPlainString();
    }

    private static void checkAll(String x, String y) {
        Decimal a = Decimal.parse(x);
        Decimal b = Decimal.parse(y);
        BigDecimal p = new BigDecimal(x);
        BigDecimal q = new BigDecimal(y);
        String what = x + " and " + y;
        same(a, p, what);
        same(a.add(b), p.add(q), what + ": +");
        same(a.subtract(b), p.subtract(q), what + ": -");
        same(a.multiply(b), p.multiply(q), what + ": *");
        same(a.negate(), p.negate(), what + ": negate");
        same(a.abs(), p.abs(), what + ": abs");
        same(a.floor(), p.setScale(0, RoundingMode.FLOOR), what + ": floor");
        same(a.ceil(), p.setScale(0, RoundingMode.CEILING), what + ": ceil");
        same(a.truncate(), p.setScale(0, RoundingMode.DOWN), what + ": truncate");
        same(a.round(), p.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR), what + ": round");
        assertThat(Integer.signum(a.compareTo(b))).as(what + ": compare").isEqualTo(Integer.signum(p.compareTo(q)));
        assertThat(a.signum()).as(what + ": signum").isEqualTo(p.signum());
        assertThat(a.equals(b)).as(what + ": equals").isEqualTo(p.compareTo(q) == 0);
        if (p.compareTo(q) == 0) {
            assertThat(a.hashCode()).as(what + ": hash").isEqualTo(b.hashCode());
        }
        assertThat(a.doubleValue()).as(what + ": double").isEqualTo(p.doubleValue());
        BigInteger whole = p.toBigInteger();
        long expectedLong = whole.bitLength() < 64 ? whole.longValue() : whole.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        assertThat(a.longValue()).as(what + ": long").isEqualTo(expectedLong);
        if (q.signum() != 0) {
            BigDecimal quotient;
            try {
                quotient = p.divide(q);
            } catch (ArithmeticException e) {
                quotient = p.divide(q, Decimal.DIVIDE_SCALE, RoundingMode.HALF_EVEN);
            }
            same(a.divide(b), quotient, what + ": /");
        }
    }

    private static void same(Decimal d, BigDecimal expected, String what) {
        BigDecimal canonical = expected.signum() == 0 ? BigDecimal.ZERO : expected.stripTrailingZeros();
        assertThat(d.toPlainString()).as(what).isEqualTo(canonical.toPlainString());
    }

    private static String div(String x, String y) {
        return Decimal.parse(x).divide(Decimal.parse(y)).toPlainString();
    }

    @Test
    void doublesConvertExactlyToTheirShortestDecimal() {
        Random rnd = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            same(Decimal.ofDouble(d), new BigDecimal(Double.toString(d)), "double " + d);
        }
        assertThatThrownBy(() -> Decimal.ofDouble(Double.NaN)).isInstanceOf(ExprEval.ExprError.class);
    }

    /** Random values of 1 to 200 digits, a third of them with fractional digits, some of them short. */
    static String random(Random rnd) {
        StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "-" : "");
        int digits = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(20) : 1 + rnd.nextInt(200);
        int frac = rnd.nextInt(3) == 0 ? rnd.nextInt(digits + 1) : 0;
        for (int i = 0; i < digits - frac; i++) {
            sb.append(rnd.nextInt(10));
        }
        if (digits == frac) {
            sb.append('0');
        }
        if (frac > 0) {
            sb.append('.');
            for (int i = 0; i < frac; i++) {
                sb.append(rnd.nextInt(10));
            }
        }
        return sb.toString();
    }

    /**
     * The cases the JavaScript package's tests run through SPARQL on both of its builds (where
     * big numbers take the host's BigInt): js/test/support/numbers.mjs, checked here against
     * java.math. With -Dnervusdb.numbers.write=true the file is written anew.
     */
    @Test
    void javaScriptCasesAgreeWithJavaMath() throws Exception {
        Path file = Path.of("..", "js", "test", "support", "numbers.mjs");
        if (Boolean.getBoolean("nervusdb.numbers.write")) {
            Files.writeString(file, javaScriptCases(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("\\['([-+*/])', '([-0-9.]+)', '([-0-9.]+)', '([-0-9.]+)'\\]").matcher(Files.readString(file));
        int cases = 0;
        while (m.find()) {
            String op = m.group(1);
            String x = m.group(2);
            String y = m.group(3);
            assertThat(m.group(4)).as("%s %s %s", x, op, y).isEqualTo(expected(op, x, y));
            Decimal a = Decimal.parse(x);
            Decimal b = Decimal.parse(y);
            Decimal r = op.equals("+") ? a.add(b) : op.equals("-") ? a.subtract(b) : op.equals("*") ? a.multiply(b) : a.divide(b);
            assertThat(canonical(r.toPlainString(), op.equals("/") || x.contains(".") || y.contains(".")))
                    .as("%s %s %s", x, op, y).isEqualTo(m.group(4));
            cases++;
        }
        assertThat(cases).isEqualTo(400);
    }

    private static String javaScriptCases() {
        Random rnd = new Random(2026);
        StringBuilder sb = new StringBuilder("// Generated by DecimalTest.javaScriptCasesAgreeWithJavaMath (-Dnervusdb.numbers.write=true)\n"
                + "// in nervusdb-core, which checks each expected result against java.math: [operator, x, y,\n"
                + "// the lexical form of x operator y]. Integers and decimals of 1 to 200 digits.\n"
                + "export const arithmetic = [\n");
        String ops = "+-*/";
        for (int i = 0; i < 400; i++) {
            String op = String.valueOf(ops.charAt(i % 4));
            String x = random(rnd);
            String y = i % 8 == 3 ? twosAndFives(rnd) : random(rnd);
            if (op.equals("/") && new BigDecimal(y).signum() == 0) {
                y = "7";
            }
            sb.append("  ['").append(op).append("', '").append(x).append("', '").append(y).append("', '")
                    .append(expected(op, x, y)).append("'],\n");
        }
        return sb.append("];\n").toString();
    }

    /** SPARQL's result of x op y, as a lexical form: integers stay integers but for division. */
    private static String expected(String op, String x, String y) {
        BigDecimal p = new BigDecimal(x);
        BigDecimal q = new BigDecimal(y);
        BigDecimal r;
        switch (op) {
            case "+":
                r = p.add(q);
                break;
            case "-":
                r = p.subtract(q);
                break;
            case "*":
                r = p.multiply(q);
                break;
            default:
                try {
                    r = p.divide(q);
                } catch (ArithmeticException e) {
                    r = p.divide(q, Decimal.DIVIDE_SCALE, RoundingMode.HALF_EVEN);
                }
        }
        String plain = r.signum() == 0 ? "0" : r.stripTrailingZeros().toPlainString();
        return canonical(plain, op.equals("/") || x.contains(".") || y.contains("."));
    }

    private static String canonical(String plain, boolean decimal) {
        return decimal && plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
