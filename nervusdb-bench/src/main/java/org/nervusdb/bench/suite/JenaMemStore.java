package org.nervusdb.bench.suite;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.util.iterator.ExtendedIterator;

/**
 * Apache Jena's plain in-memory graph with ARQ: the graph {@link GraphMemFactory#createDefaultGraph()}
 * gives (what {@code ModelFactory.createDefaultModel()} holds; GraphMem2 in Jena 5, indexed by
 * subject, predicate and object) as the default graph of a dataset
 * ({@link DatasetGraphFactory#wrap(Graph)}), queried by ARQ without transactions. It is the
 * reference for query evaluation without storage costs: nothing is on disk, nothing is durable,
 * and {@link #close} drops the data, so the suite runs only the query workloads on it
 * ({@link #inMemory}).
 *
 * <ul>
 * <li>{@link #open}: a new empty graph (the directory is not used).</li>
 * <li>{@link #bulkLoad}: RIOT's N-Triples parser straight into the graph, blank node labels kept
 * as given, as {@link JenaTdb2Store} loads.</li>
 * <li>writes: {@link Graph#add} and {@link Graph#delete} (nothing to sync).</li>
 * <li>{@link #match}, {@link #select}, {@link #rows}, {@link #size}: as {@link JenaTdb2Store}
 * does them, without its transactions.</li>
 * </ul>
 */
public final class JenaMemStore implements Store {
    private Graph graph;
    private Dataset dataset;
    private long charsRead;

    @Override
    public String name() {
        return "Jena in-memory";
    }

    @Override
    public String notes() {
        return "ARQ over the default in-memory graph (GraphMemFactory.createDefaultGraph), no transactions, nothing on disk";
    }

    @Override
    public String version() {
        return Versions.of(GraphMemFactory.class, "org.apache.jena", "jena-core");
    }

    @Override
    public boolean inMemory() {
        return true;
    }

    @Override
    public void open(Path dir) {
        graph = GraphMemFactory.createDefaultGraph();
        dataset = DatasetFactory.wrap(DatasetGraphFactory.wrap(graph));
    }

    @Override
    public void bulkLoad(Path ntriples) {
        RDFParser.source(ntriples).lang(Lang.NTRIPLES).labelToNode(LabelToNode.createUseLabelAsGiven()).parse(graph);
    }

    @Override
    public void addDurable(String s, String p, String o) {
        graph.add(JenaTerms.triple(s, p, o));
    }

    @Override
    public void addBatch(String[][] triples) {
        for (String[] t : triples) {
            graph.add(JenaTerms.triple(t));
        }
    }

    @Override
    public void deleteBatch(String[][] triples) {
        for (String[] t : triples) {
            graph.delete(JenaTerms.triple(t));
        }
    }

    @Override
    public long match(String s, String p, String o) {
        long n = 0;
        long chars = 0;
        ExtendedIterator<Triple> it = graph.find(JenaTerms.node(s), JenaTerms.node(p), JenaTerms.node(o));
        try {
            while (it.hasNext()) {
                Triple t = it.next();
                chars += JenaTerms.textLength(t.getSubject()) + JenaTerms.textLength(t.getPredicate()) + JenaTerms.textLength(t.getObject());
                n++;
            }
        } finally {
            it.close();
        }
        charsRead += chars;
        return n;
    }

    @Override
    public long select(String sparql) {
        long[] chars = new long[1];
        long n = JenaQueries.select(dataset, JenaQueries.parse(sparql), chars);
        charsRead += chars[0];
        return n;
    }

    @Override
    public List<String> rows(String sparql) {
        return JenaQueries.rows(dataset, JenaQueries.parse(sparql));
    }

    @Override
    public long charsRead() {
        return charsRead;
    }

    @Override
    public long size() {
        return graph.size();
    }

    @Override
    public void close() {
        graph = null;
        dataset = null;
    }
}
