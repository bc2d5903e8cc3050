package org.nervusdb.rdf4j;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.eclipse.rdf4j.common.iteration.CloseableIteration;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.nervusdb.Quad;
import org.nervusdb.QuadCursor;

/**
 * The statements of a pattern, read lazily from one {@link View}: one or more graphs (the
 * default graph, named graphs, or every graph but the namespace graph), one after the other.
 * Holds the view until it is exhausted or closed. Quads RDF4J cannot represent (a literal as
 * subject or graph name, a predicate that is not an IRI, stored through NervusDB's own API) are
 * skipped.
 */
final class QuadScan implements CloseableIteration<Statement> {
    private final View view;
    private final ValueFactory vf;
    private final String s;
    private final String p;
    private final String o;
    /** The graphs, as NervusDB's findQuads takes them; a null entry: every graph. */
    private final String[] graphs;
    private int part = -1;
    private QuadCursor cursor;
    private Statement next;
    private boolean done;
    private final Map<String, Value> values = new HashMap<>();

    /** The view is acquired by the caller and released by this scan. */
    QuadScan(View view, ValueFactory vf, String s, String p, String o, String[] graphs) {
        this.view = view;
        this.vf = vf;
        this.s = s;
        this.p = p;
        this.o = o;
        this.graphs = graphs;
        if (graphs.length == 0) {
            close();
        }
    }

    private Value value(String term) {
        Value v = values.get(term);
        if (v == null) {
            if (values.size() > 8192) {
                values.clear();
            }
            v = Rdf4jTerms.toValue(term, vf);
            values.put(term, v);
        }
        return v;
    }

    /** The next stored quad (raw terms), or null at the end. */
    Quad nextQuad() {
        if (done) {
            return null;
        }
        try {
            while (true) {
                if (cursor == null) {
                    if (++part >= graphs.length) {
                        close();
                        return null;
                    }
                    cursor = view.snapshot.findQuads(s, p, o, graphs[part]);
                }
                if (cursor.hasNext()) {
                    Quad q = cursor.next();
                    if (graphs[part] == null && NervusSail.NAMESPACE_GRAPH.equals(q.graph())) {
                        continue; // the namespaces are not data
                    }
                    return q;
                }
                cursor.close();
                cursor = null;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            Quad q = nextQuad();
            if (q == null) {
                return false;
            }
            Value subj = value(q.subject());
            Value pred = value(q.predicate());
            Value ctx = q.graph() == null ? null : value(q.graph());
            if (!(subj instanceof Resource) || !(pred instanceof IRI) || ctx != null && !(ctx instanceof Resource)) {
                continue;
            }
            next = vf.createStatement((Resource) subj, (IRI) pred, value(q.object()), (Resource) ctx);
        }
        return true;
    }

    @Override
    public Statement next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Statement st = next;
        next = null;
        return st;
    }

    @Override
    public void remove() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            next = null;
            if (cursor != null) {
                try {
                    cursor.close();
                } finally {
                    cursor = null;
                    view.release();
                }
            } else {
                view.release();
            }
        }
    }
}
