package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nervusdb.engine.Crc32c;

/** The JDK's CRC-32C, which the JVM API installs for block checksums, is the core's function. */
class Crc32cJvmTest {
    @Test
    void theInstalledImplementationAgreesWithThePortableTables() {
        NervusDB.openInMemory().close(); // loads the class, which installs it
        byte[] check = "123456789".repeat(8).getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc32c.portable(check, 0, 9)).isEqualTo(0xE3069283); // the standard check value
        Random r = new Random(5);
        byte[] b = new byte[5000];
        r.nextBytes(b);
        for (int len = 0; len < 700; len++) {
            int off = r.nextInt(b.length - len);
            assertThat(Crc32c.compute(b, off, len)).as("length %d", len).isEqualTo(Crc32c.portable(b, off, len));
        }
        assertThat(Crc32c.compute(b, 3, 4990)).isEqualTo(Crc32c.portable(b, 3, 4990));
    }
}
