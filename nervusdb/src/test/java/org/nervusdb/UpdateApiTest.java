package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPARQL Update through the JVM API: each request whole or not at all, LOAD of local files, graph management. */
class UpdateApiTest {
    private static final String EX = "http://example.org/";

    private static List<String> quads(NervusDB db) {
        try (Stream<Quad> s = db.findQuads(null, null, null, null)) {
            return s.map(q -> (q.subject() + " " + q.predicate() + " " + q.object() + (q.graph() == null ? "" : " " + q.graph()))
                    .replace(EX, "")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void operationsRunInOrderAndSeeEachOther(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            long n = db.update("PREFIX ex: <" + EX + "> "
                    + "INSERT DATA { ex:a ex:p 1 . ex:b ex:p 2 . GRAPH ex:g { ex:a ex:q ex:b } } ; "
                    + "INSERT { ?s ex:r ?o } WHERE { ?s ex:p ?o FILTER(?o > 1) } ; "
                    + "DELETE WHERE { ex:a ex:p ?x } ; "
                    + "COPY ex:g TO ex:h ; "
                    + "WITH ex:h DELETE { ?s ?p ?o } INSERT { ?o ?p ?s } WHERE { ?s ?p ?o }");
            assertThat(n).isPositive();
            assertThat(quads(db)).containsExactly("a q b g", "b p \"2\"^^<http://www.w3.org/2001/XMLSchema#integer>", "b q a h",
                    "b r \"2\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            assertThat(db.graphs()).containsExactlyInAnyOrder(EX + "g", EX + "h");
            db.update("MOVE <" + EX + "h> TO <" + EX + "g> ; CREATE GRAPH <" + EX + "empty>");
            assertThat(db.graphs()).containsExactlyInAnyOrder(EX + "g", EX + "empty");
            assertThat(db.countQuads(null, null, null, EX + "g")).isEqualTo(1);
            db.update("DROP ALL");
            assertThat(db.countQuads(null, null, null, null)).isZero();
            assertThat(db.graphs()).isEmpty();
            assertThat(db.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void aFailingOperationLeavesTheWholeRequestUndone(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            db.update("INSERT DATA { <" + EX + "keep> <" + EX + "p> 1 }");
            assertThatThrownBy(() -> db.update("INSERT DATA { <" + EX + "x> <" + EX + "p> 2 } ; DROP GRAPH <" + EX + "missing>"))
                    .isInstanceOf(NervusDBException.class).hasMessageContaining("missing");
            assertThat(quads(db)).containsExactly("keep p \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            // With SILENT the failing operation does nothing and the others stay.
            db.update("INSERT DATA { <" + EX + "x> <" + EX + "p> 2 } ; DROP SILENT GRAPH <" + EX + "missing>");
            assertThat(db.count(EX + "x", null, null)).isEqualTo(1);
            assertThatThrownBy(() -> db.update("INSERT DATA { ?x <p> 1 }")).isInstanceOf(QuerySyntaxException.class);
            assertThatThrownBy(() -> db.update("SELECT * WHERE { ?s ?p ?o }")).isInstanceOf(QuerySyntaxException.class);
        }
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.count(null, null, null)).isEqualTo(2); // durable on return
        }
    }

    @Test
    void loadReadsLocalFilesIntoAGraph(@TempDir Path dir) throws Exception {
        Path ttl = dir.resolve("data.ttl");
        Files.writeString(ttl, "@prefix ex: <" + EX + "> .\nex:a ex:p [ ex:q \"x\" ] .\n");
        Path nq = dir.resolve("data.nq");
        Files.writeString(nq, "<" + EX + "s> <" + EX + "p> <" + EX + "o> <" + EX + "g1> .\n");
        try (NervusDB db = NervusDB.open(dir.resolve("db"))) {
            db.update("LOAD <" + ttl.toUri() + "> INTO GRAPH <" + EX + "loaded> ; LOAD <" + nq.toUri() + ">");
            assertThat(db.countQuads(null, null, null, EX + "loaded")).isEqualTo(2);
            assertThat(db.countQuads(null, null, null, EX + "g1")).isEqualTo(1);
            assertThatThrownBy(() -> db.update("LOAD <" + dir.resolve("nothing.ttl").toUri() + ">"))
                    .isInstanceOf(NervusDBException.class).extracting(e -> ((NervusDBException) e).code()).isEqualTo("NOT_FOUND");
            db.update("LOAD SILENT <" + dir.resolve("nothing.ttl").toUri() + ">");
            assertThatThrownBy(() -> db.update("LOAD <http://example.org/remote.ttl>"))
                    .isInstanceOf(NervusDBException.class).extracting(e -> ((NervusDBException) e).code()).isEqualTo("UNSUPPORTED");
        }
    }

    @Test
    void constructAndDescribeStreamTriples(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            db.update("INSERT DATA { <" + EX + "a> <" + EX + "knows> <" + EX + "b> . <" + EX + "b> <" + EX + "name> \"B\" }");
            try (org.nervusdb.QueryResult r = db.sparql("CONSTRUCT { ?o <" + EX + "knownBy> ?s } WHERE { ?s <" + EX + "knows> ?o }")) {
                assertThat(r.kind()).isEqualTo(org.nervusdb.QueryResult.Kind.GRAPH);
                assertThat(r.next()).containsExactly(EX + "b", EX + "knownBy", EX + "a");
                assertThat(r.hasNext()).isFalse();
            }
            try (org.nervusdb.QueryResult r = db.sparql("DESCRIBE <" + EX + "b>")) {
                assertThat(r.next()).containsExactly(EX + "b", EX + "name", "\"B\"");
            }
        }
    }
}
