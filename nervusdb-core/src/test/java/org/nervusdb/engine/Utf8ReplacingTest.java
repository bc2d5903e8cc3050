package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nervusdb.testing.Seeds;

/** {@link Utf8#encodeReplacing} is {@code getBytes(UTF_8)}, lone surrogates included. */
class Utf8ReplacingTest {

    @Test
    void agreesWithTheJdkOnRandomTextWithLoneSurrogates() {
        long seed = Seeds.base();
        Random rnd = new Random(seed);
        char[] pool = {'a', 'é', '€', '\uD83C', '\uDFB5', '\uD800', '\uDFFF', '\u0000', '\u07FF', '\u0800', '\uFFFF'};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = rnd.nextInt(12); k > 0; k--) {
                sb.append(pool[rnd.nextInt(pool.length)]);
            }
            String s = sb.toString();
            assertThat(Utf8.encodeReplacing(s)).as("seed %d: %s", seed, s.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
