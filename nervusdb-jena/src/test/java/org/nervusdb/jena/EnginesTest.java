package org.nervusdb.jena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.update.UpdateExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;

/**
 * Which engine answers: NervusDB's for what its parser takes, ARQ's for the rest, shown both by
 * the dataset's counts and by an answer the two engines give differently (GROUP_CONCAT over one
 * language-tagged literal keeps the tag in NervusDB, loses it in ARQ). Updates through
 * UpdateExecution: one atomic commit on either engine, nothing written when the request fails,
 * durable across reopening, and part of the caller's transaction inside one.
 */
class EnginesTest {
    static final String P = "PREFIX : <http://example.org/> ";
    static final Node S = NodeFactory.createURI("http://example.org/alice");
    static final Node NAME = NodeFactory.createURI("http://example.org/name");
    static final Node G = NodeFactory.createURI("http://example.org/g");

    private static QuerySolution one(Dataset ds, String query) {
        try (QueryExecution qe = QueryExecution.dataset(ds).query(P + query).build()) {
            ResultSet rs = qe.execSelect();
            assertThat(rs.hasNext()).isTrue();
            QuerySolution s = rs.next();
            assertThat(rs.hasNext()).isFalse();
            return s;
        }
    }

    @Test
    void nativeEngineAnswersWhatItParsesAndArqTheRest(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir.resolve("db"))) {
            db.add("http://example.org/alice", "http://example.org/name", "\"Alice\"@en");
            NervusDatasetGraph dsg = NervusJena.wrapGraph(db);
            Dataset ds = org.apache.jena.query.DatasetFactory.wrap(dsg);

            long n0 = dsg.nativeQueryCount();
            Literal viaNative = one(ds, "SELECT (GROUP_CONCAT(?n) AS ?c) WHERE { :alice :name ?n }").getLiteral("c");
            assertThat(dsg.nativeQueryCount()).isEqualTo(n0 + 1);
            assertThat(dsg.arqQueryCount()).isZero();
            assertThat(viaNative.getLanguage()).as("NervusDB's engine keeps the tag").isEqualTo("en");

            // LATERAL is Jena's, not in NervusDB's grammar: the whole query goes to ARQ.
            Literal viaArq = one(ds, "SELECT (GROUP_CONCAT(?n) AS ?c) WHERE { :alice :name ?n LATERAL { BIND(1 AS ?one) } }")
                    .getLiteral("c");
            assertThat(dsg.arqQueryCount()).isEqualTo(1);
            assertThat(dsg.nativeQueryCount()).isEqualTo(n0 + 1);
            assertThat(viaArq.getLanguage()).as("ARQ drops it").isEmpty();
            assertThat(viaArq.getLexicalForm()).isEqualTo(viaNative.getLexicalForm()).isEqualTo("Alice");

            // Initial bindings are ARQ's too.
            try (QueryExecution qe = QueryExecution.dataset(ds).query(P + "SELECT ?n WHERE { ?s :name ?n }")
                    .substitution("s", org.apache.jena.rdf.model.ResourceFactory.createResource("http://example.org/alice")).build()) {
                assertThat(qe.execSelect().next().getLiteral("n").getLexicalForm()).isEqualTo("Alice");
            }
            assertThat(dsg.openSnapshots()).isZero();
        }
    }

    @Test
    void theNativeEngineReadsTheWriteTransactionsOwnWrites(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir.resolve("db"))) {
            NervusDatasetGraph dsg = NervusJena.wrapGraph(db);
            Dataset ds = org.apache.jena.query.DatasetFactory.wrap(dsg);
            ds.begin(ReadWrite.WRITE);
            dsg.add(G, S, NAME, NodeFactory.createLiteralString("Alice"));
            long n0 = dsg.nativeQueryCount();
            assertThat(one(ds, "SELECT (COUNT(*) AS ?c) WHERE { GRAPH ?g { ?s :name ?n } }").getLiteral("c").getInt()).isEqualTo(1);
            assertThat(dsg.nativeQueryCount()).isEqualTo(n0 + 1);
            // Not committed: another thread, and the database itself, do not see it.
            assertThat(db.countQuads(null, null, null, null)).isZero();
            Thread t = new Thread(() -> Txn.executeRead(ds, () -> assertThat(dsg.isEmpty()).isTrue()));
            t.start();
            join(t);
            dsg.delete(G, S, NAME, NodeFactory.createLiteralString("Alice"));
            assertThat(one(ds, "SELECT (COUNT(*) AS ?c) WHERE { GRAPH ?g { ?s :name ?n } }").getLiteral("c").getInt()).isZero();
            dsg.add(Quad.defaultGraphIRI, S, NAME, NodeFactory.createLiteralString("Alicia"));
            ds.commit();
            ds.end();
            assertThat(db.countQuads(null, null, null, null)).isEqualTo(1);
            assertThat(db.contains("http://example.org/alice", "http://example.org/name", "\"Alicia\"")).isTrue();
            assertThat(dsg.openSnapshots()).isZero();
        }
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void updatesAreOneAtomicCommitOnEitherEngineAndDurable(@TempDir Path dir) {
        Path db = dir.resolve("db");
        Dataset ds = NervusJena.createDataset(db);
        try {
            NervusDatasetGraph dsg = (NervusDatasetGraph) ds.asDatasetGraph();
            UpdateExecution.dataset(ds).update(P + "INSERT DATA { :alice :name 'Alice' . GRAPH :g { :alice :age 34 } } ;"
                    + " INSERT { GRAPH :g2 { ?s :copied ?n } } WHERE { ?s :name ?n }").execute();
            assertThat(dsg.nativeUpdateCount()).isEqualTo(1);
            assertThat(dsg.arqUpdateCount()).isZero();
            assertThat(dsg.database().countQuads(null, null, null, null)).isEqualTo(3);

            // Native: the second operation fails (the graph exists), so the first writes nothing.
            assertThatThrownBy(() -> UpdateExecution.dataset(ds)
                    .update(P + "INSERT DATA { :bob :name 'Bob' } ; CREATE GRAPH :g").execute())
                    .isInstanceOf(org.apache.jena.update.UpdateException.class);
            assertThat(dsg.nativeUpdateCount()).isEqualTo(2);
            assertThat(dsg.database().countQuads(null, null, null, null)).isEqualTo(3);

            // ARQ (LOAD is ARQ's): the LOAD fails after the insert ran in the write transaction, which aborts.
            assertThatThrownBy(() -> UpdateExecution.dataset(ds)
                    .update(P + "INSERT DATA { :carol :name 'Carol' } ; LOAD <file:///nonexistent/nervusdb-jena.ttl>")
                    .execute()).isInstanceOf(RuntimeException.class);
            assertThat(dsg.arqUpdateCount()).isEqualTo(1);
            assertThat(dsg.database().countQuads(null, null, null, null)).isEqualTo(3);
            assertThat(dsg.isInTransaction()).isFalse();

            // ARQ, succeeding: one commit of both operations.
            UpdateExecution.dataset(ds).update(P + "INSERT DATA { :dave :name 'Dave' } ; "
                    + "DELETE { GRAPH :g2 { ?s :copied ?n } } WHERE { GRAPH <urn:x-arq:UnionGraph> { ?s :copied ?n } }").execute();
            assertThat(dsg.arqUpdateCount()).isEqualTo(2);

            // Inside a transaction: part of it, gone on abort, kept on commit.
            ds.begin(ReadWrite.WRITE);
            UpdateExecution.dataset(ds).update(P + "INSERT DATA { :erin :name 'Erin' }").execute();
            assertThat(ds.getDefaultModel().contains(null, null, "Erin")).isTrue();
            ds.abort();
            ds.end();
            assertThat(Txn.calculateRead(ds, () -> ds.getDefaultModel().contains(null, null, "Erin"))).isFalse();
            Txn.executeWrite(ds, () -> UpdateExecution.dataset(ds).update(P + "INSERT DATA { :frank :name 'Frank' }").execute());
            assertThat(dsg.openSnapshots()).isZero();
        } finally {
            ds.close();
        }
        Dataset reopened = NervusJena.createDataset(db);
        try {
            Dataset ds2 = reopened;
            List<String> names = Txn.calculateRead(ds2, () -> {
                try (QueryExecution qe = QueryExecution.dataset(ds2)
                        .query(P + "SELECT ?n WHERE { ?s :name ?n } ORDER BY ?n").build()) {
                    List<String> out = new java.util.ArrayList<>();
                    qe.execSelect().forEachRemaining(r -> out.add(r.getLiteral("n").getLexicalForm()));
                    return out;
                }
            });
            assertThat(names).containsExactly("Alice", "Dave", "Frank");
            assertThat(Txn.calculateRead(ds2, () -> ds2.getNamedModel("http://example.org/g").size())).isEqualTo(1);
            assertThat(Txn.calculateRead(ds2, () -> ds2.asDatasetGraph().getGraph(NodeFactory.createURI("http://example.org/g2")).size()))
                    .isZero();
        } finally {
            reopened.close();
        }
    }
}
