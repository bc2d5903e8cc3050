package org.nervusdb.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nervusdb.NervusDBException;
import org.nervusdb.Quad;
import org.nervusdb.QuadCursor;
import org.nervusdb.QueryAbortedException;
import org.nervusdb.QueryOptions;
import org.nervusdb.Transaction;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Update;
import org.nervusdb.rdf.RdfSink;
import org.nervusdb.rdf.RdfTerms;

/**
 * Runs SPARQL 1.1 Update requests ({@link Sparql#parseUpdate}) on a store. A request is one
 * atomic commit: its operations run in order, each reading what the ones before it wrote (from
 * {@link TripleStore#snapshotWith}, before anything is committed), and at the end all their
 * writes are committed together, durable on return as the store's sync mode says; if one fails
 * (and is not SILENT), nothing is written. Other writes to the store wait while a request runs.
 *
 * <p>Graphs are recorded: a named graph exists from CREATE or its first quad until DROP, so
 * CREATE of an existing graph and CLEAR, DROP, ADD, MOVE or COPY of a missing one fail without
 * SILENT (with SILENT they do nothing).
 */
public final class UpdateEngine {
    /** Reads the document of a LOAD: gives each of its statements to the sink (graph null: the default graph). */
    public interface Loader {
        void load(String iri, RdfSink sink);
    }

    private final TripleStore store;
    private final QueryOptions options;
    private final Loader loader;
    private final Transaction tx = new Transaction();
    private final String blankPrefix;
    private long blankCounter;

    private UpdateEngine(TripleStore store, QueryOptions options, Loader loader) {
        this.store = store;
        this.options = options;
        this.loader = loader;
        // New blank nodes get labels no stored term has: a random prefix, checked against the store.
        java.util.Random rnd = new java.util.Random();
        String prefix;
        do {
            prefix = "_:u" + Long.toHexString(rnd.nextLong() & Long.MAX_VALUE) + "x";
        } while (store.count(prefix + "0", null, null) > 0 || store.count(null, null, prefix + "0") > 0);
        this.blankPrefix = prefix;
    }

    /**
     * Runs a parsed request; returns how many quads it added that were absent plus how many it
     * removed that were present. {@code loader} reads LOAD's documents (null: LOAD fails with
     * UNSUPPORTED, unless SILENT).
     */
    public static long run(TripleStore store, Update request, QueryOptions options, Loader loader) {
        return store.exclusive(() -> new UpdateEngine(store, options, loader).apply(request));
    }

    private long apply(Update request) {
        for (Update.Operation op : request.operations) {
            int mark = tx.size();
            try {
                operation(op);
            } catch (NervusDBException e) {
                // SILENT hides what the operation found wrong, never a timeout, a cancel or a closed store.
                if (!silent(op) || e instanceof QueryAbortedException || e instanceof org.nervusdb.DatabaseClosedException
                        || e instanceof org.nervusdb.ReadOnlyException) {
                    throw e;
                }
                tx.truncate(mark); // SILENT: the operation does nothing
            }
        }
        return store.commit(tx);
    }

    private static boolean silent(Update.Operation op) {
        return op instanceof Update.Load ? ((Update.Load) op).silent
                : op instanceof Update.Clear ? ((Update.Clear) op).silent
                : op instanceof Update.Create ? ((Update.Create) op).silent
                : op instanceof Update.Transfer && ((Update.Transfer) op).silent;
    }

    private void operation(Update.Operation op) {
        if (op instanceof Update.InsertData) {
            Map<String, String> blanks = new HashMap<>();
            for (Update.Quad q : ((Update.InsertData) op).quads) {
                tx.add(fresh(q.s.term, blanks), q.p.term, fresh(q.o.term, blanks), q.graph == null ? null : q.graph.term);
            }
        } else if (op instanceof Update.DeleteData) {
            for (Update.Quad q : ((Update.DeleteData) op).quads) {
                tx.delete(q.s.term, q.p.term, q.o.term, q.graph == null ? null : q.graph.term);
            }
        } else if (op instanceof Update.Modify) {
            modify((Update.Modify) op);
        } else if (op instanceof Update.Load) {
            load((Update.Load) op);
        } else if (op instanceof Update.Clear) {
            clear((Update.Clear) op);
        } else if (op instanceof Update.Create) {
            String g = ((Update.Create) op).graph;
            if (exists(g)) {
                throw new NervusDBException("INVALID_ARGUMENT", "CREATE GRAPH <" + g + ">: the graph exists");
            }
            tx.createGraph(g);
        } else if (op instanceof Update.Transfer) {
            transfer((Update.Transfer) op);
        } else {
            throw new NervusDBException("UNSUPPORTED", "update operation " + op);
        }
    }

    /** A blank node of a data block or template as a new blank node: one per label (per solution, for templates). */
    private String fresh(String term, Map<String, String> blanks) {
        if (!RdfTerms.isBlank(term)) {
            return term;
        }
        String f = blanks.get(term);
        if (f == null) {
            f = blankPrefix + blankCounter++;
            blanks.put(term, f);
        }
        return f;
    }

    private boolean exists(String graph) {
        try (TripleStore.StoreSnapshot snap = store.snapshotWith(tx)) {
            long id = snap.lookup(graph);
            return id > 0 && snap.graphExists(id);
        }
    }

    private void modify(Update.Modify m) {
        List<String[]> deletes = new ArrayList<>();
        List<String[]> inserts = new ArrayList<>();
        try (TripleStore.StoreSnapshot snap = store.snapshotWith(tx)) {
            QueryLimits limits = new QueryLimits(options, snap);
            Evaluator ev = new Evaluator(snap, m.where.op, limits, m.base);
            // The WHERE query carries the operation's dataset: USING and USING NAMED, or WITH's graph.
            ev.dataset(m.where.from, m.where.fromNamed, options.unionDefaultGraph());
            Map<String, Integer> slots = new HashMap<>();
            List<String> names = ev.names();
            for (int i = 0; i < names.size(); i++) {
                slots.put(names.get(i), i);
            }
            Evaluator.Rows rows = ev.eval(m.where.op, ev.emptyRow());
            for (long[] row = rows.next(); row != null; row = rows.next()) {
                Map<String, String> blanks = new HashMap<>();
                for (Update.Quad q : m.delete) {
                    String[] t = instantiate(m, q, row, slots, ev, null);
                    if (t != null) {
                        deletes.add(t);
                    }
                }
                for (Update.Quad q : m.insert) {
                    String[] t = instantiate(m, q, row, slots, ev, blanks);
                    if (t != null) {
                        inserts.add(t);
                    }
                }
                if (((deletes.size() + inserts.size()) & 1023) == 0) {
                    limits.peak((deletes.size() + inserts.size()) * 200L);
                }
            }
        }
        for (String[] q : deletes) {
            tx.delete(q[0], q[1], q[2], q[3]);
        }
        for (String[] q : inserts) {
            tx.add(q[0], q[1], q[2], q[3]);
        }
    }

    /** A template quad for one solution, or null when a position is unbound or of the wrong kind. */
    private String[] instantiate(Update.Modify m, Update.Quad q, long[] row, Map<String, Integer> slots, Evaluator ev,
            Map<String, String> blanks) {
        Node g = m.graphOf(q);
        Node[] nodes = {q.s, q.p, q.o, g};
        String[] out = new String[4];
        for (int k = 0; k < 4; k++) {
            Node n = nodes[k];
            if (n == null) {
                continue; // the default graph
            }
            String t;
            if (n.isVar()) {
                Integer sl = slots.get(n.var);
                long id = sl == null ? 0 : row[sl];
                if (id == 0) {
                    return null;
                }
                t = ev.termOf(id);
            } else {
                t = blanks == null ? n.term : fresh(n.term, blanks);
            }
            boolean literal = RdfTerms.isLiteral(t);
            if ((k != 2 && literal) || ((k == 1 || k == 3) && RdfTerms.isBlank(t))) {
                return null; // a literal subject, predicate or graph; a blank predicate or graph
            }
            out[k] = t;
        }
        return out;
    }

    private void load(Update.Load l) {
        if (loader == null) {
            throw new NervusDBException("UNSUPPORTED", "LOAD <" + l.source + ">: this runtime reads no documents");
        }
        Map<String, String> blanks = new HashMap<>();
        loader.load(l.source, (s, p, o, g) -> tx.add(fresh(s, blanks), p, fresh(o, blanks),
                l.into != null ? l.into : g == null ? null : fresh(g, blanks)));
        if (l.into != null && !exists(l.into)) {
            tx.createGraph(l.into); // LOAD of an empty document still makes the graph
        }
    }

    private List<String> namedGraphs() {
        try (TripleStore.StoreSnapshot snap = store.snapshotWith(tx)) {
            return snap.graphs();
        }
    }

    private void clear(Update.Clear c) {
        switch (c.target) {
            case GRAPH:
                if (!exists(c.graph)) {
                    throw new NervusDBException("NOT_FOUND", (c.drop ? "DROP" : "CLEAR") + " GRAPH <" + c.graph + ">: no such graph");
                }
                if (c.drop) {
                    tx.dropGraph(c.graph);
                } else {
                    tx.clearGraph(c.graph);
                }
                break;
            case DEFAULT:
                tx.clearGraph(null);
                break;
            case ALL:
                tx.clearGraph(null);
                named(c.drop);
                break;
            default:
                named(c.drop);
        }
    }

    private void named(boolean drop) {
        for (String g : namedGraphs()) {
            if (drop) {
                tx.dropGraph(g);
            } else {
                tx.clearGraph(g);
            }
        }
    }

    private void transfer(Update.Transfer t) {
        String from = t.source;
        String to = t.target;
        if (from != null && !exists(from)) {
            throw new NervusDBException("NOT_FOUND", t.kind + ": no graph <" + from + ">");
        }
        if (from == null ? to == null : from.equals(to)) {
            return; // a graph onto itself: nothing changes
        }
        if (t.kind != Update.TransferKind.ADD) {
            tx.clearGraph(to);
        }
        if (to != null && !exists(to)) {
            tx.createGraph(to);
        }
        List<Quad> quads = new ArrayList<>();
        try (TripleStore.StoreSnapshot snap = store.snapshotWith(tx)) {
            try (QuadCursor c = snap.findQuads(null, null, null, from == null ? Quad.DEFAULT_GRAPH : from)) {
                while (c.hasNext()) {
                    quads.add(c.next());
                }
            }
        }
        for (Quad q : quads) {
            tx.add(q.subject(), q.predicate(), q.object(), to);
        }
        if (t.kind == Update.TransferKind.MOVE) {
            if (from == null) {
                tx.clearGraph(null);
            } else {
                tx.dropGraph(from);
            }
        }
    }
}
