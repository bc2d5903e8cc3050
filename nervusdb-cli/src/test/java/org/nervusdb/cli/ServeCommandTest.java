package org.nervusdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nervusdb serve} is one of the tool's commands, with the tool's usage-error conventions. */
class ServeCommandTest {

    @Test
    void serveIsACommandOfTheTool() {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("serve", "--help")).isEqualTo(Main.EXIT_OK);
        assertThat(out.toString()).contains("--allow-updates", "--token-file", "--max-body", "--query-timeout", "/ds/sparql".replace("ds", "NAME"));
    }

    @Test
    void updatesWithoutACredentialAreAUsageError(@TempDir Path dir) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("serve", "--db", dir.toString(), "--allow-updates")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).startsWith("error: --allow-updates needs a credential");
    }

    @Test
    void aMissingDatabaseIsAFailure(@TempDir Path dir) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("serve", "--db", dir.resolve("none").toString(), "--port", "0")).isEqualTo(Main.EXIT_FAILURE);
        assertThat(err.toString()).startsWith("error [NOT_FOUND]: no NervusDB database in");
    }
}
