package org.nervusdb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalTest {

    @Test
    void parsesAndPrintsCanonically() {
        assertThat(Decimal.parse("+001.500").toPlainString()).isEqualTo("1.5");
        assertThat(Decimal.parse("-0.000100").toPlainString()).isEqualTo("-0.0001");
        assertThat(Decimal.parse("42").toPlainString()).isEqualTo("42");
        assertThat(Decimal.parse(".5").toPlainString()).isEqualTo("0.5");
        assertThatThrownBy(() -> Decimal.parse("1e5")).isInstanceOf(ExprEval.ExprError.class);
        assertThatThrownBy(() -> Decimal.parse("")).isInstanceOf(ExprEval.ExprError.class);
        assertThatThrownBy(() -> Decimal.parse("1234567890123456789012")).isInstanceOf(ExprEval.ExprError.class);
    }

    @Test
    void roundingFunctions() {
        assertThat(Decimal.parse("-2.5").round().toPlainString()).isEqualTo("-2");
        assertThat(Decimal.parse("2.5").round().toPlainString()).isEqualTo("3");
        assertThat(Decimal.parse("-2.1").floor().toPlainString()).isEqualTo("-3");
        assertThat(Decimal.parse("-2.1").ceil().toPlainString()).isEqualTo("-2");
        assertThat(Decimal.parse("-2.9").truncate().toPlainString()).isEqualTo("-2");
    }

    /** Arithmetic agrees with java.math on random operands, or refuses (never a wrong value). */
    @Test
    void arithmeticAgreesWithBigDecimalOrRefuses() {
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String x = random(rnd);
            String y = random(rnd);
            Decimal a = Decimal.parse(x);
            Decimal b = Decimal.parse(y);
            BigDecimal p = new BigDecimal(x);
            BigDecimal q = new BigDecimal(y);
            check(() -> a.add(b), p.add(q));
            check(() -> a.subtract(b), p.subtract(q));
            check(() -> a.multiply(b), p.multiply(q));
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(p.compareTo(q)));
            if (q.signum() != 0) {
                try {
                    Decimal d = a.divide(b);
                    BigDecimal exact = p.divide(q, MathContext.DECIMAL128);
                    assertThat(new BigDecimal(d.toPlainString()).subtract(exact).abs())
                            .as("%s / %s = %s", x, y, d).isLessThanOrEqualTo(new BigDecimal("1e-17").max(exact.abs().multiply(new BigDecimal("1e-16"))));
                } catch (ExprEval.ExprError e) {
                    // refused: out of range
                }
            }
        }
    }

    private static void check(java.util.function.Supplier<Decimal> op, BigDecimal expected) {
        Decimal d;
        try {
            d = op.get();
        } catch (ExprEval.ExprError e) {
            assertThat(expected.precision()).as("refused %s", expected).isGreaterThan(17);
            return;
        }
        assertThat(new BigDecimal(d.toPlainString()).compareTo(expected)).as("expected %s got %s", expected, d).isZero();
    }

    private static String random(Random rnd) {
        StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "-" : "");
        int intDigits = rnd.nextInt(10);
        int fracDigits = rnd.nextInt(8);
        sb.append(rnd.nextInt(10));
        for (int i = 0; i < intDigits; i++) {
            sb.append(rnd.nextInt(10));
        }
        if (fracDigits > 0) {
            sb.append('.');
            for (int i = 0; i < fracDigits; i++) {
                sb.append(rnd.nextInt(10));
            }
        }
        return sb.toString();
    }
}
