package org.nervusdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;

/**
 * The dashboard in headless Chromium: src/test/js/dashboard-check.mjs (playwright-core driving
 * Debian's Chromium) against a server in this JVM. Skipped where Node, Chromium or the script's
 * node_modules ({@code npm ci} in src/test/js) are missing; .ci/run installs them.
 */
class DashboardBrowserTest {

    @Test
    void chartsDrawAndMoveUnderLoad(@TempDir Path dir) throws Exception {
        Path js = Path.of("src/test/js").toAbsolutePath();
        assumeTrue(Files.isDirectory(js.resolve("node_modules/playwright-core")), "npm ci in nervusdb-server/src/test/js first");
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assumeTrue(Files.isExecutable(Path.of(chromium)), "no Chromium at " + chromium);
        Path db = dir.resolve("db");
        try (NervusDB d = NervusDB.open(db)) {
            for (int i = 0; i < 100; i++) {
                d.add("http://example.org/s" + i, "http://example.org/p", "http://example.org/o" + i);
            }
            d.flush(); // into a table: queries then read blocks, and the block cache chart has figures
        }
        ServerConfig c = new ServerConfig();
        c.db = db;
        c.port = 0;
        try (NervusServer s = NervusServer.start(c)) {
            Path out = dir.resolve("out.txt");
            Process p = new ProcessBuilder("node", "dashboard-check.mjs", s.baseUrl(), System.getProperty("nervusdb.dashboard.png", dir.resolve("dashboard.png").toString()))
                    .directory(js.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            System.out.println(text.trim());
            assertThat(done).as("the check finished").isTrue();
            assertThat(p.exitValue()).as(text).isZero();
            assertThat(text).contains("dashboard check: ").contains(" 0 failed");
        }
    }
}
