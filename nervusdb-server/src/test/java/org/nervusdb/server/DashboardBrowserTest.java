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
 * node_modules ({@code npm ci} in src/test/js) are missing, except where NERVUSDB_REQUIRE_BROWSER is
 * set: .ci/run installs them and sets it.
 */
class DashboardBrowserTest {

    /**
     * A prerequisite: skipped without it on a developer's machine, but a failure where
     * NERVUSDB_REQUIRE_BROWSER is set (CI sets it), so the check cannot go missing unnoticed.
     */
    private static void need(boolean present, String what) {
        if (System.getenv("NERVUSDB_REQUIRE_BROWSER") != null) {
            org.assertj.core.api.Assertions.assertThat(present).as(what).isTrue();
        }
        assumeTrue(present, what);
    }

    @Test
    void chartsDrawAndMoveUnderLoad(@TempDir Path dir) throws Exception {
        Path js = Path.of("src/test/js").toAbsolutePath();
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        need(Files.isDirectory(js.resolve("node_modules/playwright-core")), "npm ci in nervusdb-server/src/test/js first");
        need(Files.isExecutable(Path.of(chromium)), "no Chromium at " + chromium);
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
