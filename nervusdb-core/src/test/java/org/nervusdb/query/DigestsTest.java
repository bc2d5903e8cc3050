package org.nervusdb.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The portable hash functions against java.security on random strings of every length class. */
class DigestsTest {

    @Test
    void md5TableComputedFromTheSineMatchesRfc1321() {
        // A few entries of RFC 1321's printed table; the digests below check all of them.
        assertThat(Digests.MD5_K[0]).isEqualTo(0xd76aa478);
        assertThat(Digests.MD5_K[1]).isEqualTo(0xe8c7b756);
        assertThat(Digests.MD5_K[31]).isEqualTo(0x8d2a4c8a);
        assertThat(Digests.MD5_K[63]).isEqualTo(0xeb86d391);
    }

    @Test
    void agreeWithJavaSecurity() throws Exception {
        String[][] algorithms = {{"MD5", "MD5"}, {"SHA1", "SHA-1"}, {"SHA256", "SHA-256"}, {"SHA384", "SHA-384"}, {"SHA512", "SHA-512"}};
        Random rnd = new Random(3);
        for (int n = 0; n < 300; n++) {
            StringBuilder sb = new StringBuilder();
            int len = n < 260 ? n : rnd.nextInt(5000);
            for (int i = 0; i < len; i++) {
                sb.append(rnd.nextInt(10) == 0 ? '\u00e9' : rnd.nextInt(20) == 0 ? '\u6570' : (char) ('a' + rnd.nextInt(26)));
            }
            String text = sb.toString();
            for (String[] alg : algorithms) {
                byte[] d = MessageDigest.getInstance(alg[1]).digest(text.getBytes(StandardCharsets.UTF_8));
                StringBuilder hex = new StringBuilder();
                for (byte b : d) {
                    hex.append(String.format("%02x", b));
                }
                assertThat(Digests.hex(alg[0], text)).as("%s of %d chars", alg[0], len).isEqualTo(hex.toString());
            }
        }
    }
}
