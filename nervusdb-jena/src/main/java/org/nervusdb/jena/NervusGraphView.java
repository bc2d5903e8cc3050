package org.nervusdb.jena;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.util.iterator.ExtendedIterator;

/**
 * A graph of a {@link NervusDatasetGraph} (its default graph, a named graph, or the union of the
 * named graphs, which is read-only): reads and writes go to the dataset, in its transaction.
 * {@code find} reads NervusDB directly, and its iterator releases what it holds when exhausted
 * or closed.
 */
final class NervusGraphView extends GraphView {
    private final NervusDatasetGraph dsg;
    private final Node graph;

    NervusGraphView(NervusDatasetGraph dsg, Node graphName) {
        super(dsg, graphName);
        this.dsg = dsg;
        this.graph = graphName == null ? Quad.defaultGraphNodeGenerated : graphName;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Node s, Node p, Node o) {
        return dsg.scan(graph, s, p, o, false).triples();
    }

    @Override
    protected ExtendedIterator<Triple> graphUnionFind(Node s, Node p, Node o) {
        return dsg.scan(Quad.unionGraph, s, p, o, false).triples();
    }

    @Override
    public boolean graphBaseContains(Triple t) {
        return dsg.contains(graph, t.getMatchSubject(), t.getMatchPredicate(), t.getMatchObject());
    }

    @Override
    protected int graphBaseSize() {
        long n = dsg.count(graph);
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
    }

    @Override
    public boolean isEmpty() {
        return !dsg.contains(graph, null, null, null);
    }
}
