package org.nervusdb.jena;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.util.iterator.NiceIterator;
import org.nervusdb.engine.TripleStore;

/**
 * The quads of a pattern, read lazily from one {@link View} at the level of term ids: one or
 * more parts (the default graph, one named graph, every named graph, or the union of the named
 * graphs, each triple once), one after the other. Holds the view until it is exhausted or
 * closed; closing it (also through Jena's {@code Iter.close} or an {@code ExtendedIterator}
 * built on it) lets the view go.
 */
final class QuadScan extends NiceIterator<Quad> implements org.apache.jena.atlas.lib.Closeable {
    /** A part: the default graph. */
    static final long DEFAULT = TripleStore.DEFAULT_GRAPH;
    /** A part: every quad of every named graph, with its graph. */
    static final long ANY_NAMED = TripleStore.ANY_NAMED;
    /** A part: the union of the named graphs (each triple once, as {@link Quad#unionGraph}). */
    static final long UNION_NAMED = Long.MIN_VALUE;
    /** A part: the one named graph given to the constructor. */
    static final long NAMED = Long.MIN_VALUE + 1;

    private final View view;
    private final long[] parts;
    private final Node graphNode;
    private final long s;
    private final long p;
    private final long o;
    private int part = -1;
    private TripleStore.IdScan scan;
    private Quad next;
    private boolean done;
    private final Map<Long, Node> nodes = new HashMap<>();

    /**
     * Quads of {@code parts} (the constants; {@link #NAMED} is the graph {@code graph}, whose
     * node is {@code graphNode}) matching the pattern's terms (null: any). The view is acquired
     * here and released at the end.
     */
    QuadScan(View view, long[] parts, String graph, Node graphNode, String s, String p, String o) {
        this.view = view;
        this.graphNode = graphNode;
        view.acquire();
        long[] ids;
        try {
            ids = new long[] {id(s), id(p), id(o), id(graph)};
        } catch (RuntimeException e) {
            view.release();
            throw e;
        }
        this.s = ids[0];
        this.p = ids[1];
        this.o = ids[2];
        this.parts = parts.clone();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == NAMED) {
                this.parts[i] = ids[3];
            }
        }
        if (s != null && ids[0] == 0 || p != null && ids[1] == 0 || o != null && ids[2] == 0
                || graph != null && ids[3] == 0) {
            close(); // a term the store does not hold: nothing matches
        }
    }

    private long id(String term) {
        return term == null ? 0 : view.snapshot.lookup(term);
    }

    private Node node(long id) {
        Node n = nodes.get(id);
        if (n == null) {
            if (nodes.size() > 8192) {
                nodes.clear();
            }
            n = JenaTerms.toNode(view.snapshot.term(id));
            nodes.put(id, n);
        }
        return n;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            while (true) {
                if (scan == null) {
                    if (++part >= parts.length) {
                        close();
                        return false;
                    }
                    long g = parts[part];
                    scan = g == UNION_NAMED ? view.snapshot.scanGraphs(null, true, s, p, o)
                            : view.snapshot.scanQuads(g, s, p, o);
                }
                if (scan.next()) {
                    long g = parts[part];
                    Node gn = g == DEFAULT ? Quad.defaultGraphIRI
                            : g == UNION_NAMED ? Quad.unionGraph
                            : g == ANY_NAMED ? node(scan.g())
                            : graphNode;
                    next = Quad.create(gn, node(scan.s()), node(scan.p()), node(scan.o()));
                    return true;
                }
                scan = null;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public Quad next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Quad q = next;
        next = null;
        return q;
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            next = null;
            scan = null;
            view.release();
        }
    }

    /** The triples of the quads, as an iterator that closes this one. */
    NiceIterator<Triple> triples() {
        QuadScan quads = this;
        return new NiceIterator<Triple>() {
            @Override
            public boolean hasNext() {
                return quads.hasNext();
            }

            @Override
            public Triple next() {
                return quads.next().asTriple();
            }

            @Override
            public void close() {
                quads.close();
            }
        };
    }
}
