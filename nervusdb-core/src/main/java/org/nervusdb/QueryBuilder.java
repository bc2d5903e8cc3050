package org.nervusdb;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.QueryEngine;
import org.nervusdb.query.QueryOptions;
import org.nervusdb.query.QueryResult;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;
import org.nervusdb.query.algebra.Path;
import org.nervusdb.query.algebra.Query;

/**
 * The fluent query of NervusDB: {@code db.query().whereSubject("alice").limit(10).execute()}.
 * Conditions combine with AND; two different values for the same position match nothing.
 * A builder is cheap and single-use per thread; run it as often as needed.
 *
 * <p>Traversal moves from the nodes reached so far: at first the objects of the matching facts,
 * then the nodes each step reaches. {@link #follow} goes along a predicate (subject to object),
 * {@link #followReverse} against it (object to subject), {@link #followPath} along it for
 * between {@code min} and {@code max} hops (each node reached once, so cycles end). After
 * traversal steps, {@link #execute} gives the facts of the last step (for a path step, one
 * fact {@code (start, predicate, end)} per pair the path connects), without duplicates, and
 * {@link #nodes} the nodes reached.
 */
public final class QueryBuilder {
    private final TripleReader source;
    private String subject;
    private String predicate;
    private String object;
    private boolean contradiction;
    private long limit = -1;
    // Traversal steps: {kind, predicate} with kind 'f' (follow), 'r' (reverse) or 'p' (path, min, max).
    private final List<Object[]> steps = new ArrayList<>();

    public QueryBuilder(TripleReader source) {
        this.source = source;
    }

    public QueryBuilder whereSubject(String s) {
        subject = bind(subject, s, "subject");
        return this;
    }

    public QueryBuilder wherePredicate(String p) {
        predicate = bind(predicate, p, "predicate");
        return this;
    }

    public QueryBuilder whereObject(String o) {
        object = bind(object, o, "object");
        return this;
    }

    private String bind(String old, String v, String what) {
        if (v == null) {
            throw new InvalidTermException(what + " condition is null");
        }
        if (old != null && !old.equals(v)) {
            contradiction = true;
        }
        return v;
    }

    /** The facts {@code (n, predicate, x)} for the nodes {@code n} reached so far; reaches the {@code x}. */
    public QueryBuilder follow(String predicate) {
        steps.add(new Object[] {'f', require(predicate), 0, 0});
        return this;
    }

    /** The facts {@code (x, predicate, n)} for the nodes {@code n} reached so far; reaches the {@code x}. */
    public QueryBuilder followReverse(String predicate) {
        steps.add(new Object[] {'r', require(predicate), 0, 0});
        return this;
    }

    /**
     * The nodes reachable from the nodes reached so far along {@code predicate} in {@code min}
     * to {@code max} hops ({@code max} -1: no bound), each node once.
     */
    public QueryBuilder followPath(String predicate, int min, int max) {
        if (min < 0 || (max >= 0 && max < min)) {
            throw new IllegalArgumentException("hops must satisfy 0 <= min <= max (or max = -1), got " + min + ".." + max);
        }
        steps.add(new Object[] {'p', require(predicate), min, max});
        return this;
    }

    private static String require(String predicate) {
        if (predicate == null) {
            throw new InvalidTermException("predicate to follow is null");
        }
        return predicate;
    }

    /** At most {@code n} results (n >= 0). */
    public QueryBuilder limit(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + n);
        }
        limit = n;
        return this;
    }

    /** Runs the query and collects all results. */
    public List<Triple> execute() {
        List<Triple> out = new ArrayList<>();
        try (TripleCursor c = cursor()) {
            while (c.hasNext()) {
                out.add(c.next());
            }
        }
        return out;
    }

    /** The distinct nodes the last traversal step reached (or the objects, without steps). */
    public List<String> nodes() {
        List<String> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (TripleCursor c = cursor()) {
            while (c.hasNext()) {
                Triple t = c.next();
                String n = !steps.isEmpty() && (char) steps.get(steps.size() - 1)[0] == 'r' ? t.subject() : t.object();
                if (seen.add(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Runs the query lazily; the caller closes the cursor. */
    public TripleCursor cursor() {
        if (contradiction || limit == 0) {
            return EMPTY_CURSOR;
        }
        if (!steps.isEmpty()) {
            return traverse();
        }
        TripleCursor c = source.find(subject, predicate, object);
        return limit < 0 ? c : new Limited(c, limit);
    }

    /** Runs the query as a lazy stream; close it (try-with-resources) to release the snapshot. */
    public Stream<Triple> stream() {
        TripleCursor c = cursor();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(c, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(c::close);
    }

    /** Traversal steps as one query: a join of patterns and paths, projected on the last step. */
    private TripleCursor traverse() {
        List<Op.TriplePattern> first = new ArrayList<>();
        Node s0 = subject != null ? Node.term(subject) : Node.var("s0");
        Node p0 = predicate != null ? Node.term(predicate) : Node.var("p0");
        Node o0 = object != null ? Node.term(object) : Node.var("o0");
        first.add(new Op.TriplePattern(s0, p0, o0));
        Op op = new Op.Bgp(first);
        Node[] last = {s0, p0, o0};
        Node frontier = o0; // the nodes reached so far
        for (int i = 0; i < steps.size(); i++) {
            Object[] st = steps.get(i);
            char kind = (char) st[0];
            Node p = Node.term((String) st[1]);
            Node fresh = Node.var("n" + (i + 1));
            if (kind == 'f') {
                op = new Op.Join(op, new Op.Bgp(java.util.Collections.singletonList(new Op.TriplePattern(frontier, p, fresh))));
                last = new Node[] {frontier, p, fresh};
            } else if (kind == 'r') {
                op = new Op.Join(op, new Op.Bgp(java.util.Collections.singletonList(new Op.TriplePattern(fresh, p, frontier))));
                last = new Node[] {fresh, p, frontier};
            } else {
                Path path = new Path.Repeat(new Path.Link((String) st[1]), (int) st[2], (int) st[3]);
                op = new Op.Join(op, new Op.PathPattern(frontier, path, fresh));
                last = new Node[] {frontier, p, fresh};
            }
            frontier = fresh;
        }
        List<String> vars = new ArrayList<>();
        String[] fixed = new String[3];
        for (int i = 0; i < 3; i++) {
            if (last[i].isVar()) {
                vars.add(last[i].var);
            } else {
                fixed[i] = last[i].term;
            }
        }
        Op top = new Op.Distinct(new Op.Project(op, vars));
        if (limit >= 0) {
            top = new Op.Slice(top, 0, limit);
        }
        Query q = new Query(Query.Form.SELECT, top, vars, java.util.Collections.emptyList());
        QueryResult r;
        if (source instanceof TripleStore) {
            r = QueryEngine.run((TripleStore) source, q, QueryOptions.defaults());
        } else if (source instanceof TripleStore.StoreSnapshot) {
            r = QueryEngine.run((TripleStore.StoreSnapshot) source, q, QueryOptions.defaults());
        } else {
            throw new UnsupportedOperationException("traversal needs a NervusDB store or snapshot");
        }
        return new TripleCursor() {
            @Override
            public boolean hasNext() {
                return r.hasNext();
            }

            @Override
            public Triple next() {
                String[] row = r.next();
                String[] t = new String[3];
                int k = 0;
                for (int i = 0; i < 3; i++) {
                    t[i] = fixed[i] != null ? fixed[i] : row[k++];
                }
                return new Triple(t[0], t[1], t[2]);
            }

            @Override
            public void close() {
                r.close();
            }
        };
    }

    /** Number of results (respecting the limit). */
    public long count() {
        if (contradiction || limit == 0) {
            return 0;
        }
        if (!steps.isEmpty()) {
            long n = 0;
            try (TripleCursor c = cursor()) {
                while (c.hasNext()) {
                    c.next();
                    n++;
                }
            }
            return n;
        }
        long n = source.count(subject, predicate, object);
        return limit < 0 ? n : Math.min(n, limit);
    }

    /** A cursor with no results. */
    public static final TripleCursor EMPTY_CURSOR = new TripleCursor() {
        @Override
        public boolean hasNext() {
            return false;
        }

        @Override
        public Triple next() {
            throw new NoSuchElementException();
        }

        @Override
        public void close() {
        }
    };

    private static final class Limited implements TripleCursor {
        private final TripleCursor inner;
        private long left;

        Limited(TripleCursor inner, long limit) {
            this.inner = inner;
            this.left = limit;
        }

        @Override
        public boolean hasNext() {
            if (left <= 0) {
                inner.close();
                return false;
            }
            return inner.hasNext();
        }

        @Override
        public Triple next() {
            if (left <= 0) {
                throw new NoSuchElementException();
            }
            left--;
            return inner.next();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
