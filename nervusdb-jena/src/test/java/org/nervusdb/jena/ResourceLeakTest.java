package org.nervusdb.jena;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;
import org.nervusdb.Options;

/**
 * Every iterator, query and transaction lets its NervusDB snapshot go: after thousands of finds
 * closed early (and left open inside transactions), queries closed after one row on both engines,
 * and read, write and aborted transactions, the dataset holds no snapshot, and a compaction then
 * deletes the replaced table files and closes their handles (a held snapshot would keep them),
 * so the open file descriptors are back at their baseline or below.
 */
class ResourceLeakTest {
    static final String EX = "http://example.org/";

    private static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static long tables(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".sst")).count();
        }
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(EX + s);
    }

    @Test
    void snapshotsAndFilesReturnToBaseline(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("db");
        try (NervusDB db = NervusDB.open(dir, Options.defaults().backgroundCompaction(false))) {
            for (int batch = 0; batch < 3; batch++) { // (a fourth table would make a merge due)
                List<org.nervusdb.Quad> quads = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    quads.add(org.nervusdb.Quad.of(EX + "s" + (i % 50), EX + "p" + (i % 7), "\"" + batch + "-" + i + "\"",
                            i % 3 == 0 ? null : EX + "g" + (i % 3)));
                }
                db.addQuads(quads);
                db.flush(); // a table per batch, which a compaction later replaces
            }
            NervusDatasetGraph dsg = NervusJena.wrapGraph(db);
            Dataset ds = DatasetFactory.wrap(dsg);
            assertThat(tables(dir)).isEqualTo(3);

            // The check can fail: an iterator left open outside a transaction holds its snapshot,
            // which keeps the replaced tables through a compaction.
            Iterator<Quad> held = dsg.find(null, iri("s1"), null, null);
            assertThat(held.hasNext()).isTrue();
            assertThat(dsg.openSnapshots()).isEqualTo(1);
            db.compact();
            assertThat(tables(dir)).as("tables a held snapshot keeps").isGreaterThan(1);
            Iter.close(held);
            assertThat(dsg.openSnapshots()).isZero();
            assertThat(tables(dir)).as("released: only the compacted table is left").isEqualTo(1);

            // New tables again, then the workload.
            for (int batch = 0; batch < 2; batch++) {
                db.add(EX + "extra" + batch, EX + "p0", "\"x\"");
                db.flush();
            }
            assertThat(tables(dir)).isEqualTo(3);
            cycle(dsg, ds, 20); // warm up class loading and caches
            int fd0 = openFds();
            cycle(dsg, ds, 1500);
            assertThat(dsg.openSnapshots()).as("snapshots held after the workload").isZero();
            db.compact();
            assertThat(tables(dir)).isEqualTo(1);
            assertThat(openFds()).as("open file descriptors").isLessThanOrEqualTo(fd0);
        }
    }

    private static void cycle(NervusDatasetGraph dsg, Dataset ds, int n) {
        for (int i = 0; i < n; i++) {
            Node s = iri("s" + (i % 50));
            // Finds closed early, through every route.
            Iterator<Quad> a = dsg.find(null, s, null, null);
            a.next();
            Iter.close(a);
            Iterator<Quad> b = dsg.find(iri("g1"), null, iri("p1"), null);
            b.hasNext();
            Iter.close(b);
            ExtendedIterator<Triple> c = dsg.getDefaultGraph().find(s, null, null);
            c.hasNext();
            c.close();
            ExtendedIterator<Triple> d = dsg.getUnionGraph().find(null, iri("p2"), null);
            d.next();
            d.close();
            Iterator<Quad> e = dsg.findNG(null, null, null, null);
            e.next();
            Iter.close(e);
            dsg.find(Quad.defaultGraphIRI, iri("nobody"), null, null).hasNext(); // no match: ends at once
            dsg.contains(iri("g2"), s, null, null);
            dsg.listGraphNodes();
            dsg.getGraph(iri("g2")).size();
            // Queries closed after one row, on NervusDB's engine and on ARQ's.
            String q = i % 2 == 0 ? "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
                    : "SELECT * WHERE { GRAPH <urn:x-arq:UnionGraph> { ?s ?p ?o } }";
            try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
                ResultSet rs = qe.execSelect();
                rs.next();
            }
            // Transactions whose iterators are left open: the transaction's end lets them go.
            ds.begin(TxnType.READ);
            dsg.find().next();
            ds.end();
            ds.begin(ReadWrite.WRITE);
            dsg.add(iri("g9"), s, iri("p9"), NodeFactory.createLiteralString("w" + i));
            dsg.find(iri("g9"), null, null, null).next();
            dsg.delete(iri("g9"), s, iri("p9"), NodeFactory.createLiteralString("w" + i));
            dsg.find(null, s, null, null).next();
            if (i % 3 == 0) {
                ds.abort();
            } else {
                ds.commit();
            }
            ds.end();
            ds.begin(TxnType.READ_PROMOTE);
            dsg.find().next();
            dsg.add(iri("g9"), s, iri("p9"), NodeFactory.createLiteralString("kept"));
            ds.commit();
            ds.end();
        }
    }
}
