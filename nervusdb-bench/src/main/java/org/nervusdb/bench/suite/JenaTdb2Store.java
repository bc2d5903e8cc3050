package org.nervusdb.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.util.iterator.ExtendedIterator;

/**
 * Apache Jena TDB2 through its public API, default store parameters. Every call is a TDB2
 * transaction ({@link Txn#executeWrite} / {@link Txn#calculateRead}); a TDB2 write commit is
 * durable when it returns (the journal is synced), which is TDB2's only mode.
 *
 * <ul>
 * <li>{@link #open}: {@link DatabaseMgr#connectDatasetGraph(String)}; {@link #close}:
 * {@link TDBInternal#expel(DatasetGraph)}, which closes the files and releases the directory
 * lock, so the next {@code open} of the directory reads it from disk again (a cold open as far as
 * the JVM goes; the operating system's page cache is the caller's business).</li>
 * <li>{@link #bulkLoad}: the phased loader ({@link LoaderFactory#phasedLoader}), which
 * {@code tdb2.tdbloader} uses by default, as {@code LoadComparison} runs it. The file goes
 * through RIOT's N-Triples parser into the loader's stream, as {@code DataLoader.load} does,
 * with one difference: blank node labels are kept as given
 * ({@link LabelToNode#createUseLabelAsGiven()}) instead of being replaced by fresh ones, so that
 * {@code _:label} in later calls names the node the file named (see {@link JenaTerms}).</li>
 * <li>{@link #match}: the default graph's {@link Graph#find}, every triple iterated (TDB2
 * decodes each into Jena nodes).</li>
 * <li>{@link #select}: ARQ over the dataset ({@link JenaQueries}), the query parsed as SPARQL
 * 1.1; every binding of every solution is read ({@link Binding#get}), which makes TDB2 decode it
 * from its node table.</li>
 * <li>{@link #size}: the default graph's {@link Graph#size()}, which for TDB2 counts the records
 * of the triple table's primary (SPO) index without decoding nodes.</li>
 * </ul>
 *
 * <p>Deep paths: ARQ evaluates {@code p+} and {@code p*} depth first, one Java stack frame per step,
 * so a chain of a few hundred thousand steps overflows a default thread stack
 * ({@link StackOverflowError}); run such workloads with a larger {@code -Xss} (1 GiB was enough for
 * a 250,000-step chain). NervusDB and RDF4J answered the same query with the default stack.
 *
 * <p>Term semantics: TDB2 stores numbers, dates, dateTimes and booleans of the common XSD
 * datatypes as values inlined in node ids, not as terms, so {@code "01"^^xsd:integer} and
 * {@code "1"^^xsd:integer} are one node in TDB2 (and come back as {@code "1"}); NervusDB and
 * RDF4J keep them apart, as RDF does.
 */
public final class JenaTdb2Store implements Store {
    private DatasetGraph dsg;
    private Dataset dataset;
    private long charsRead;

    @Override
    public String name() {
        return "Jena TDB2";
    }

    @Override
    public String notes() {
        return "phased loader for the bulk load (tdb2.tdbloader's default); a transaction per call";
    }

    @Override
    public String version() {
        return Versions.of(DatabaseMgr.class, "org.apache.jena", "jena-tdb2");
    }

    @Override
    public void open(Path dir) throws Exception {
        Files.createDirectories(dir);
        dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        dataset = DatasetFactory.wrap(dsg);
    }

    @Override
    public void bulkLoad(Path ntriples) {
        DataLoader loader = LoaderFactory.phasedLoader(dsg, (fmt, args) -> { });
        loader.startBulk();
        try {
            StreamRDF dest = loader.stream();
            dest.start();
            RDFParser.source(ntriples)
                    .lang(Lang.NTRIPLES)
                    .labelToNode(LabelToNode.createUseLabelAsGiven())
                    .parse(dest);
            dest.finish();
            loader.finishBulk();
        } catch (RuntimeException e) {
            loader.finishException(e);
            throw e;
        }
    }

    @Override
    public void addDurable(String s, String p, String o) {
        Triple t = JenaTerms.triple(s, p, o);
        Txn.executeWrite(dsg, () -> dsg.getDefaultGraph().add(t));
    }

    @Override
    public void addBatch(String[][] triples) {
        Triple[] ts = convert(triples);
        Txn.executeWrite(dsg, () -> {
            Graph g = dsg.getDefaultGraph();
            for (Triple t : ts) {
                g.add(t);
            }
        });
    }

    @Override
    public void deleteBatch(String[][] triples) {
        Triple[] ts = convert(triples);
        Txn.executeWrite(dsg, () -> {
            Graph g = dsg.getDefaultGraph();
            for (Triple t : ts) {
                g.delete(t);
            }
        });
    }

    private static Triple[] convert(String[][] triples) {
        Triple[] ts = new Triple[triples.length];
        for (int i = 0; i < triples.length; i++) {
            ts[i] = JenaTerms.triple(triples[i]);
        }
        return ts;
    }

    @Override
    public long match(String s, String p, String o) {
        Node sn = JenaTerms.node(s);
        Node pn = JenaTerms.node(p);
        Node on = JenaTerms.node(o);
        return Txn.calculateRead(dsg, () -> {
            long n = 0;
            long chars = 0;
            ExtendedIterator<Triple> it = dsg.getDefaultGraph().find(sn, pn, on);
            try {
                while (it.hasNext()) {
                    Triple t = it.next();
                    chars += JenaTerms.textLength(t.getSubject()) + JenaTerms.textLength(t.getPredicate())
                            + JenaTerms.textLength(t.getObject());
                    n++;
                }
            } finally {
                it.close();
            }
            charsRead += chars;
            return n;
        });
    }

    @Override
    public long select(String sparql) {
        Query query = JenaQueries.parse(sparql);
        return Txn.calculateRead(dsg, () -> {
            long[] chars = new long[1];
            long n = JenaQueries.select(dataset, query, chars);
            charsRead += chars[0];
            return n;
        });
    }

    @Override
    public List<String> rows(String sparql) {
        Query query = JenaQueries.parse(sparql);
        return Txn.calculateRead(dsg, () -> JenaQueries.rows(dataset, query));
    }

    @Override
    public long size() {
        return Txn.calculateRead(dsg, () -> (long) dsg.getDefaultGraph().size());
    }

    @Override
    public long charsRead() {
        return charsRead;
    }

    @Override
    public void close() {
        if (dsg != null) {
            DatasetGraph d = dsg;
            dsg = null;
            dataset = null;
            TDBInternal.expel(d);
        }
    }
}
