package org.nervusdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;
import org.nervusdb.NervusDBException;
import picocli.CommandLine;

/** A server without {@code --allow-updates}, and the command's refusals to start. */
class ReadOnlyServerTest {
    static final String EX = "http://example.org/";

    @Test
    void readOnlyServerAnswersQueriesAndRefusesEveryWrite(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        try (NervusDB d = NervusDB.open(db)) {
            d.add(EX + "a", EX + "p", EX + "b");
        }
        ServerConfig c = new ServerConfig();
        c.db = db;
        c.port = 0;
        try (NervusServer s = NervusServer.start(c)) {
            String ds = s.datasetUrl();
            assertThat(Http.query(ds, "ASK { <" + EX + "a> <" + EX + "p> <" + EX + "b> }", "application/sparql-results+json").body())
                    .contains("true");
            String u = "INSERT DATA { <" + EX + "x> <" + EX + "p> <" + EX + "y> }";
            // Refused with or without a credential: there is none to give.
            assertThat(Http.update(ds, u, null).statusCode()).isEqualTo(403);
            assertThat(Http.update(ds, u, "Bearer anything-at-all").statusCode()).isEqualTo(403);
            assertThat(Http.post(ds, "application/x-www-form-urlencoded", "update=" + Http.enc(u), null).statusCode()).isEqualTo(403);
            assertThat(Http.put(ds + "/data?default", "text/turtle", "<" + EX + "x> <" + EX + "p> <" + EX + "y> .", null).statusCode())
                    .isEqualTo(403);
            assertThat(Http.post(ds + "/data?graph=" + Http.enc(EX + "g"), "text/turtle", "<" + EX + "x> <" + EX + "p> <" + EX + "y> .", null)
                    .statusCode()).isEqualTo(403);
            assertThat(Http.delete(ds + "/data?default", null).statusCode()).isEqualTo(403);
            assertThat(Http.get(ds + "/data?default", "application/n-triples").body()).contains(EX + "a").doesNotContain(EX + "x");
            assertThat(s.metrics().refusals(ServerMetrics.Refusal.READ_ONLY)).isEqualTo(6);
        }
        try (NervusDB d = NervusDB.open(db)) {
            assertThat(d.contains(EX + "x", EX + "p", EX + "y")).isFalse();
        }
    }

    @Test
    void readOnlyBesideAWriterSeesItsCommits(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        try (NervusDB writer = NervusDB.open(db)) {
            writer.add(EX + "a", EX + "p", EX + "b");
            ServerConfig c = new ServerConfig();
            c.db = db;
            c.port = 0;
            try (NervusServer s = NervusServer.start(c)) {
                assertThat(s.isReadOnlyBeside()).isTrue();
                writer.add(EX + "c", EX + "p", EX + "d");
                String ask = "ASK { <" + EX + "c> <" + EX + "p> <" + EX + "d> }";
                boolean seen = false;
                for (int i = 0; i < 50 && !seen; i++) {
                    seen = Http.query(s.datasetUrl(), ask, "application/sparql-results+json").body().contains("true");
                    Thread.sleep(100);
                }
                assertThat(seen).as("the writer's commit shows within a few seconds").isTrue();
            }
        }
    }

    @Test
    void aReadOnlyServerDoesNotCreateADatabase(@TempDir Path dir) {
        ServerConfig c = new ServerConfig();
        c.db = dir.resolve("typo");
        c.port = 0;
        assertThatThrownBy(() -> NervusServer.start(c)).isInstanceOf(NervusDBException.class).hasMessageContaining("no NervusDB database");
        assertThat(Files.exists(c.db.resolve("MANIFEST"))).isFalse();
    }

    @Test
    void theCommandRefusesUpdatesWithoutACredential(@TempDir Path dir) {
        CommandLine cl = new CommandLine(new ServeCommand());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--db", dir.resolve("db").toString(), "--port", "0", "--allow-updates");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--allow-updates needs a credential");
        assertThat(new CommandLine(new ServeCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--db", dir.toString(), "--max-body", "ten")).isEqualTo(2);
    }
}
