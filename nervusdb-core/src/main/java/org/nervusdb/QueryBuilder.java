package org.nervusdb;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The fluent query of NervusDB: {@code db.query().whereSubject("alice").limit(10).execute()}.
 * Conditions combine with AND; two different values for the same position match nothing.
 * A builder is cheap and single-use per thread; run it as often as needed.
 */
public final class QueryBuilder {
    private final TripleReader source;
    private String subject;
    private String predicate;
    private String object;
    private boolean contradiction;
    private long limit = -1;

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

    /** Runs the query lazily; the caller closes the cursor. */
    public TripleCursor cursor() {
        if (contradiction || limit == 0) {
            return EMPTY_CURSOR;
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

    /** Number of results (respecting the limit). */
    public long count() {
        if (contradiction || limit == 0) {
            return 0;
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
