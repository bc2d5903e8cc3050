package org.nervusdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.ChainQuery;
import org.nervusdb.query.QueryEngine;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;
import org.nervusdb.query.algebra.Path;
import org.nervusdb.query.algebra.Query;
import org.nervusdb.rdf.RdfTerms;

/**
 * The fluent query of NervusDB: {@code db.query().whereSubject("alice").limit(10).execute()}.
 * Conditions combine with AND; two different values for the same position match nothing.
 * A builder is cheap and single-use per thread; run it as often as needed.
 *
 * <p>A query is a chain of <em>stages</em>, each matching one fact. The first stage is the
 * pattern of {@link #whereSubject}, {@link #wherePredicate} and {@link #whereObject}.
 * Traversal adds stages that move from the nodes reached so far: at first the objects of the
 * first stage's facts, then the nodes each step reaches. {@link #follow} goes along a predicate
 * (subject to object), {@link #followReverse} against it (object to subject), {@link #followPath}
 * along it for between {@code min} and {@code max} hops (each node reached once, so cycles end;
 * its fact is {@code (start, predicate, end)} per pair the path connects). The {@code where}
 * methods constrain the latest stage: {@code whereSubject("alice").follow("knows")
 * .whereObject(Condition.prefix("c"))} finds alice's friends whose names start with c.
 *
 * <p>The results are the distinct facts of the last stage, optionally ordered
 * ({@link #orderBy}), skipped ({@link #offset}) and limited ({@link #limit}); {@link #nodes}
 * gives the nodes reached, {@link #values} one position, {@link #count} the number of results
 * and {@link #countBy} the number of results per value of a position. Everything beyond a plain
 * pattern runs on the query engine, as the same algebra SPARQL compiles to; {@link #chain()}
 * gives the same query to run stage by stage without the engine, as the JavaScript and
 * WebAssembly builds run it.
 */
public final class QueryBuilder {
    private final TripleReader source;
    private final List<Stage> stages = new ArrayList<>();
    private long limit = -1;
    private long offset;
    private boolean distinct;
    private final List<Object[]> order = new ArrayList<>(); // {Position, Boolean descending}
    private QueryOptions options = QueryOptions.defaults();
    /** Tests set this to run the results through {@link #chain()} instead of the query engine. */
    static volatile boolean chainQueries;

    /**
     * One fact of the chain: kind 'w' (the first pattern), 'f', 'r', 'p' or 'u' (the facts so far
     * and those of {@code other}); its conditions and store tests.
     */
    private static final class Stage {
        final char kind;
        final String predicate;
        final int min;
        final int max;
        final List<Object[]> conditions = new ArrayList<>(); // {Position, Condition}
        final List<Object[]> tests = new ArrayList<>(); // {Position[] ends, Expr.Check}
        final List<Object[]> sets = new ArrayList<>(); // {Position, List<String[]> allowed terms, one a row}
        QueryBuilder other;
        boolean reachesSubject; // whether the nodes this stage reaches are its subjects
        boolean leftEmpty; // (union) the stages before it contradict themselves
        Node[] nodes;

        Stage(char kind, String predicate, int min, int max) {
            this.kind = kind;
            this.predicate = predicate;
            this.min = min;
            this.max = max;
        }

        Stage copy() {
            Stage c = new Stage(kind, predicate, min, max);
            c.conditions.addAll(conditions);
            c.tests.addAll(tests);
            c.sets.addAll(sets);
            c.other = other;
            c.reachesSubject = reachesSubject;
            return c;
        }
    }

    private static final Position[] SUBJECT_OR_OBJECT = {Position.SUBJECT, Position.OBJECT};

    public QueryBuilder(TripleReader source) {
        this.source = source;
        stages.add(new Stage('w', null, 0, 0));
    }

    /** The latest stage's subject is {@code s}. */
    public QueryBuilder whereSubject(String s) {
        return where(Position.SUBJECT, Condition.eq(s));
    }

    /** The latest stage's predicate is {@code p}. */
    public QueryBuilder wherePredicate(String p) {
        return where(Position.PREDICATE, Condition.eq(p));
    }

    /** The latest stage's object is {@code o}. */
    public QueryBuilder whereObject(String o) {
        return where(Position.OBJECT, Condition.eq(o));
    }

    public QueryBuilder whereSubject(Condition c) {
        return where(Position.SUBJECT, c);
    }

    public QueryBuilder wherePredicate(Condition c) {
        return where(Position.PREDICATE, c);
    }

    public QueryBuilder whereObject(Condition c) {
        return where(Position.OBJECT, c);
    }

    /** A condition on a position of the latest stage's fact (for a path step: start, predicate, end). */
    public QueryBuilder where(Position position, Condition condition) {
        if (position == null || condition == null) {
            throw new IllegalArgumentException("position and condition are required");
        }
        stages.get(stages.size() - 1).conditions.add(new Object[] {position, condition});
        return this;
    }

    /** The facts {@code (n, predicate, x)} for the nodes {@code n} reached so far; reaches the {@code x}. */
    public QueryBuilder follow(String predicate) {
        stages.add(new Stage('f', require(predicate), 0, 0));
        return this;
    }

    /** The facts {@code (x, predicate, n)} for the nodes {@code n} reached so far; reaches the {@code x}. */
    public QueryBuilder followReverse(String predicate) {
        Stage st = new Stage('r', require(predicate), 0, 0);
        st.reachesSubject = true;
        stages.add(st);
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
        stages.add(new Stage('p', require(predicate), min, max));
        return this;
    }

    /**
     * Keeps the latest stage's facts whose subject or object (or, given {@code ends}, any of those
     * positions) has all of the labels; the original NervusDB's {@code whereLabel(labels)}.
     */
    public QueryBuilder whereLabel(String... labels) {
        return whereLabel(labels == null ? null : Arrays.asList(labels), true);
    }

    /**
     * Keeps the latest stage's facts where a node at one of {@code ends} (default: subject or
     * object) has all of the labels ({@code all}) or any of them; the original's
     * {@code whereLabel(labels, {mode: 'AND' | 'OR', on})}. All of no labels holds for every
     * node, any of none for none.
     */
    public QueryBuilder whereLabel(java.util.Collection<String> labels, boolean all, Position... ends) {
        if (labels == null) {
            throw new InvalidPropertyException("labels is null");
        }
        List<String> ls = new ArrayList<>(labels);
        for (String l : ls) {
            org.nervusdb.engine.PropertyValues.name(l, "label");
        }
        return test(ends, new StoreTest(all ? 'L' : 'l', null, null, ls));
    }

    /**
     * Keeps the latest stage's facts where the property {@code name} of the subject or the
     * object (or of a node at one of {@code ends}) satisfies {@code condition}; the original's
     * {@code whereProperty(name, op, value)}.
     */
    public QueryBuilder whereProperty(String name, PropertyCondition condition, Position... ends) {
        org.nervusdb.engine.PropertyValues.name(name, "property name");
        requireCondition(condition);
        return test(ends, new StoreTest('n', name, condition, null));
    }

    /**
     * Keeps the latest stage's facts whose own (edge) property {@code name} satisfies
     * {@code condition}; the original's {@code whereProperty(name, op, value, 'edge')}. For a path
     * step's fact (start, predicate, end), those of the stored triple of that shape, if any.
     */
    public QueryBuilder whereEdgeProperty(String name, PropertyCondition condition) {
        org.nervusdb.engine.PropertyValues.name(name, "property name");
        requireCondition(condition);
        return test(Position.values(), new StoreTest('e', name, condition, null));
    }

    /**
     * The latest stage's {@code position} is one of {@code terms}. On the first stage the terms
     * are looked up in the index one by one, so a few terms out of many facts read little.
     */
    public QueryBuilder whereIn(Position position, java.util.Collection<String> terms) {
        requirePosition(position);
        if (terms == null) {
            throw new InvalidTermException("terms of whereIn is null");
        }
        List<String[]> rows = new ArrayList<>();
        for (String t : terms) {
            if (t == null) {
                throw new InvalidTermException("a term of whereIn is null");
            }
            rows.add(new String[] {t});
        }
        stages.get(stages.size() - 1).sets.add(new Object[] {position, rows});
        return this;
    }

    /**
     * Which end of the latest stage's facts the next step starts from: {@link Position#SUBJECT}
     * or {@link Position#OBJECT} (the default, and after {@link #followReverse} the subject); the
     * original NervusDB's {@code anchor}.
     */
    public QueryBuilder anchor(Position end) {
        if (end != Position.SUBJECT && end != Position.OBJECT) {
            throw new IllegalArgumentException("anchor is SUBJECT or OBJECT, got " + end);
        }
        stages.get(stages.size() - 1).reachesSubject = end == Position.SUBJECT;
        return this;
    }

    /**
     * The builder's store tests, as one class: kind 'L' (a term has all the labels), 'l' (any
     * of them), 'n' (a term's property satisfies the condition), 'e' (the edge's does), 'i' (the
     * term is one of a set).
     */
    private static final class StoreTest implements Expr.Check {
        final char kind;
        final String name;
        final PropertyCondition condition;
        final java.util.Collection<?> values;

        StoreTest(char kind, String name, PropertyCondition condition, java.util.Collection<?> values) {
            this.kind = kind;
            this.name = name;
            this.condition = condition;
            this.values = values;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean test(TripleStore.StoreSnapshot snap, String[] terms) {
            switch (kind) {
                case 'e':
                    return snap.edgeSatisfies(terms[0], terms[1], terms[2], name, condition);
                case 'i':
                    return values.contains(terms[0]);
                default:
                    for (String t : terms) {
                        if (kind == 'n' ? snap.nodeSatisfies(t, name, condition)
                                : snap.hasLabels(t, (java.util.Collection<String>) values, kind == 'L')) {
                            return true;
                        }
                    }
                    return false;
            }
        }
    }

    private static void requireCondition(PropertyCondition condition) {
        if (condition == null) {
            throw new IllegalArgumentException("condition is required");
        }
    }

    private QueryBuilder test(Position[] ends, Expr.Check check) {
        Position[] at = ends == null || ends.length == 0 ? SUBJECT_OR_OBJECT : ends.clone();
        for (Position p : at) {
            requirePosition(p);
        }
        stages.get(stages.size() - 1).tests.add(new Object[] {at, check});
        return this;
    }

    /**
     * The facts of this chain so far followed by those of {@code other} (with its own order,
     * offset and limit) not already among them; the original's {@code union}. Later steps start
     * from the nodes at the end this chain's latest step reached (objects, or subjects after
     * {@link #followReverse}); this builder's order, offset and limit apply to all results.
     * {@code other} is copied as it is now.
     */
    public QueryBuilder union(QueryBuilder other) {
        if (other == null) {
            throw new IllegalArgumentException("the query to union with is required");
        }
        if (other.source != source) {
            throw new IllegalArgumentException("union needs two queries of the same database or snapshot");
        }
        QueryBuilder copy = new QueryBuilder(source);
        copy.stages.clear();
        for (Stage st : other.stages) {
            copy.stages.add(st.copy());
        }
        copy.limit = other.limit;
        copy.offset = other.offset;
        copy.order.addAll(other.order);
        Stage u = new Stage('u', null, 0, 0);
        u.other = copy;
        u.reachesSubject = stages.get(stages.size() - 1).reachesSubject;
        stages.add(u);
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

    /** Skips the first {@code n} results (n >= 0); with {@link #orderBy}, a page of them. */
    public QueryBuilder offset(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + n);
        }
        offset = n;
        return this;
    }

    /** The original NervusDB's name for {@link #offset}. */
    public QueryBuilder skip(long n) {
        return offset(n);
    }

    /** The original NervusDB's other name for {@link #limit}. */
    public QueryBuilder take(long n) {
        return limit(n);
    }

    /**
     * Orders the results by a position of the last stage's fact, ascending; calls add further
     * keys. The order is SPARQL's: numeric literals by value, other literals by text, and
     * blank nodes before IRIs before literals.
     */
    public QueryBuilder orderBy(Position position) {
        order.add(new Object[] {requirePosition(position), Boolean.FALSE});
        return this;
    }

    /** As {@link #orderBy}, descending. */
    public QueryBuilder orderByDescending(Position position) {
        order.add(new Object[] {requirePosition(position), Boolean.TRUE});
        return this;
    }

    /** {@link #values} gives each value once. (Facts are always distinct.) */
    public QueryBuilder distinct() {
        distinct = true;
        return this;
    }

    /** Time and size limits for running this query (see {@link QueryOptions}). */
    public QueryBuilder options(QueryOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options are required");
        }
        this.options = options;
        return this;
    }

    private static Position requirePosition(Position p) {
        if (p == null) {
            throw new IllegalArgumentException("position is required");
        }
        return p;
    }

    /** The original NervusDB's name for {@link #execute}. */
    public List<Triple> all() {
        return execute();
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
        Stage last = stages.get(stages.size() - 1);
        return values(last.reachesSubject ? Position.SUBJECT : Position.OBJECT, true);
    }

    /** One position of each result, in result order; each value once after {@link #distinct}. */
    public List<String> values(Position position) {
        return values(position, distinct);
    }

    private List<String> values(Position position, boolean distinct) {
        requirePosition(position);
        if (chainQueries) {
            return chain().values(position, distinct);
        }
        List<String> out = new ArrayList<>();
        if (simple() && !distinct) {
            try (TripleCursor c = cursor()) {
                while (c.hasNext()) {
                    out.add(pick(c.next(), position));
                }
            }
            return out;
        }
        Compiled q = compile();
        if (q == null) {
            return out;
        }
        Node n = q.fact[position.ordinal()];
        Op op = new Op.Distinct(new Op.Project(q.ordered(), q.factVars));
        List<String> vars = n.isVar() ? Collections.singletonList(n.var) : Collections.emptyList();
        op = new Op.Project(op, vars);
        if (distinct) {
            op = new Op.Distinct(op);
        }
        op = slice(op);
        try (QueryResult r = run(new Query(Query.Form.SELECT, op, vars, Collections.emptyList()))) {
            while (r.hasNext()) {
                String[] row = r.next();
                out.add(n.isVar() ? row[0] : n.term);
            }
        }
        return out;
    }

    /**
     * The number of results per value of a position of the last stage's fact, largest count
     * first (ties by value); {@link #offset} and {@link #limit} apply to these groups, so
     * {@code limit(10)} gives the ten most frequent values.
     */
    public Map<String, Long> countBy(Position position) {
        requirePosition(position);
        if (chainQueries) {
            return chain().countBy(position);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        Compiled q = compile();
        if (q == null) {
            return out;
        }
        Node n = q.fact[position.ordinal()];
        Op op = new Op.Distinct(new Op.Project(q.op, q.factVars));
        Expr key = expr(n);
        op = new Op.Group(op, Collections.singletonList(new Op.GroupKey(key, "key")),
                Collections.singletonList(new Op.AggregateBinding("n", new Expr.Aggregate("COUNT", false, null, null))));
        op = new Op.OrderBy(op, Arrays.asList(new Op.OrderKey(new Expr.Var("n"), true), new Op.OrderKey(new Expr.Var("key"), false)));
        List<String> vars = Arrays.asList("key", "n");
        op = slice(new Op.Project(op, vars));
        try (QueryResult r = run(new Query(Query.Form.SELECT, op, vars, Collections.emptyList()))) {
            while (r.hasNext()) {
                String[] row = r.next();
                out.put(row[0], Long.parseLong(RdfTerms.lexicalForm(row[1])));
            }
        }
        return out;
    }

    private static String pick(Triple t, Position p) {
        return p == Position.SUBJECT ? t.subject() : p == Position.PREDICATE ? t.predicate() : t.object();
    }

    /** Runs the query lazily; the caller closes the cursor. */
    public TripleCursor cursor() {
        if (limit == 0) {
            return EMPTY_CURSOR;
        }
        if (chainQueries) {
            java.util.Iterator<Triple> it = chain().facts().iterator();
            return new TripleCursor() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Triple next() {
                    return it.next();
                }

                @Override
                public void close() {
                }
            };
        }
        if (simple()) {
            String[] eq = simpleTerms();
            if (eq == null) {
                return EMPTY_CURSOR;
            }
            TripleCursor c = source.find(eq[0], eq[1], eq[2]);
            return limit < 0 ? c : new Limited(c, limit);
        }
        Compiled q = compile();
        if (q == null) {
            return EMPTY_CURSOR;
        }
        Op op = slice(new Op.Distinct(new Op.Project(q.ordered(), q.factVars)));
        QueryResult r = run(new Query(Query.Form.SELECT, op, q.factVars, Collections.emptyList()));
        Node[] fact = q.fact;
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
                    t[i] = fact[i].isVar() ? row[k++] : fact[i].term;
                }
                return new Triple(t[0], t[1], t[2]);
            }

            @Override
            public void close() {
                r.close();
            }
        };
    }

    /** Runs the query as a lazy stream; close it (try-with-resources) to release the snapshot. */
    public Stream<Triple> stream() {
        TripleCursor c = cursor();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(c, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(c::close);
    }

    /** Number of results (respecting offset and limit). */
    public long count() {
        if (limit == 0) {
            return 0;
        }
        if (chainQueries) {
            return chain().count();
        }
        long n;
        if (simple()) {
            String[] eq = simpleTerms();
            n = eq == null ? 0 : source.count(eq[0], eq[1], eq[2]);
        } else {
            Compiled q = compile();
            if (q == null) {
                return 0;
            }
            Op op = new Op.Distinct(new Op.Project(q.op, q.factVars));
            op = new Op.Group(op, Collections.emptyList(),
                    Collections.singletonList(new Op.AggregateBinding("n", new Expr.Aggregate("COUNT", false, null, null))));
            List<String> vars = Collections.singletonList("n");
            try (QueryResult r = run(new Query(Query.Form.SELECT, new Op.Project(op, vars), vars, Collections.emptyList()))) {
                n = r.hasNext() ? Long.parseLong(RdfTerms.lexicalForm(r.next()[0])) : 0;
            }
        }
        n = Math.max(0, n - offset);
        return limit < 0 ? n : Math.min(n, limit);
    }

    /**
     * This query (as it is now) to run stage by stage on the store's indexes, without the query
     * engine: the same results as {@link #execute}, {@link #values}, {@link #nodes},
     * {@link #count} and {@link #countBy} give, except that where no order is asked they may
     * come in another order. The JavaScript and WebAssembly builds run the builder this way;
     * see {@link ChainQuery}.
     *
     * <p>A hook for the JavaScript binding, not part of the stable API: {@link ChainQuery} is
     * in an internal package, which module {@code org.nervusdb} does not export to users.
     */
    public ChainQuery chain() {
        ChainQuery c = new ChainQuery(source, options);
        for (Stage st : stages) {
            if (st.kind == 'u') {
                c.union(st.other.chain(), st.reachesSubject);
            } else {
                c.stage(st.kind, st.predicate, st.min, st.max, st.reachesSubject);
            }
            for (Object[] cond : st.conditions) {
                Condition k = (Condition) cond[1];
                c.condition((Position) cond[0], k.op, k.value, k.flags);
            }
            for (Object[] t : st.tests) {
                c.test((Position[]) t[0], (Expr.Check) t[1]);
            }
            for (Object[] set : st.sets) {
                List<String> terms = new ArrayList<>();
                for (Object row : (List<?>) set[1]) {
                    terms.add(((String[]) row)[0]);
                }
                c.among((Position) set[0], terms);
            }
        }
        for (Object[] o : order) {
            c.orderBy((Position) o[0], (Boolean) o[1]);
        }
        if (distinct) {
            c.distinct();
        }
        return c.slice(offset, limit);
    }

    /** Whether the query is one pattern with equality conditions only, read straight from the index. */
    private boolean simple() {
        Stage first = stages.get(0);
        if (stages.size() > 1 || offset > 0 || !order.isEmpty() || !first.tests.isEmpty() || !first.sets.isEmpty()) {
            return false;
        }
        for (Object[] c : stages.get(0).conditions) {
            if (!((Condition) c[1]).op.equals("=")) {
                return false;
            }
        }
        return true;
    }

    /** The first stage's equality terms, or null when two differ. */
    private String[] simpleTerms() {
        String[] t = new String[3];
        for (Object[] c : stages.get(0).conditions) {
            int i = ((Position) c[0]).ordinal();
            String v = ((Condition) c[1]).value;
            if (t[i] != null && !t[i].equals(v)) {
                return null;
            }
            t[i] = v;
        }
        return t;
    }

    private Op slice(Op op) {
        return offset > 0 || limit >= 0 ? new Op.Slice(op, offset, limit) : op;
    }

    private QueryResult run(Query q) {
        if (source instanceof TripleStore) {
            return QueryEngine.run((TripleStore) source, q, options);
        }
        if (source instanceof TripleStore.StoreSnapshot) {
            return QueryEngine.run((TripleStore.StoreSnapshot) source, q, options);
        }
        throw new UnsupportedOperationException("traversal, conditions and ordering need a NervusDB store or snapshot");
    }

    /** The chain as algebra: the last stage's fact, its variables, the pattern and the order. */
    private final class Compiled {
        final Node[] fact;
        final List<String> factVars = new ArrayList<>();
        final Op op;

        Compiled(Node[] fact, Op op) {
            this.fact = fact;
            this.op = op;
            for (Node n : fact) {
                if (n.isVar() && !factVars.contains(n.var)) {
                    factVars.add(n.var);
                }
            }
        }

        Op ordered() {
            if (order.isEmpty()) {
                return op;
            }
            List<Op.OrderKey> keys = new ArrayList<>();
            for (Object[] o : order) {
                Node n = fact[((Position) o[0]).ordinal()];
                if (n.isVar()) {
                    keys.add(new Op.OrderKey(new Expr.Var(n.var), (Boolean) o[1]));
                }
            }
            return keys.isEmpty() ? op : new Op.OrderBy(op, keys);
        }
    }

    /**
     * Compiles the stages: variables named per stage, equality conditions substituted as
     * constants, other conditions as filters right after the stage's patterns are joined. Null
     * when the conditions contradict each other.
     */
    @SuppressWarnings("unchecked")
    private Compiled compile() {
        // Variables: the first stage's s0 p0 o0; stage i reaches n<i>.
        Node frontier = null;
        for (int i = 0; i < stages.size(); i++) {
            Stage st = stages.get(i);
            if (st.kind == 'w') {
                st.nodes = new Node[] {Node.var("s0"), Node.var("p0"), Node.var("o0")};
                frontier = st.nodes[st.reachesSubject ? 0 : 2];
            } else if (st.kind == 'u') {
                // u<i>s, u<i>p, u<i>o: both sides' facts, renamed; never replaced by constants.
                st.nodes = new Node[] {Node.var("u" + i + "s"), Node.var("u" + i + "p"), Node.var("u" + i + "o")};
                frontier = st.nodes[st.reachesSubject ? 0 : 2];
            } else {
                Node fresh = Node.var("n" + i);
                Node p = Node.term(st.predicate);
                st.nodes = st.kind == 'r' ? new Node[] {fresh, p, frontier} : new Node[] {frontier, p, fresh};
                frontier = st.nodes[st.reachesSubject ? 0 : 2];
            }
        }
        // Equalities become constants.
        // A contradiction empties the stages since the latest union (which rename all they bind).
        Map<String, String> bound = new HashMap<>();
        boolean dead = false;
        for (Stage st : stages) {
            if (st.kind == 'u') {
                st.leftEmpty = dead;
                dead = false;
            }
            for (Object[] c : st.conditions) {
                Condition cond = (Condition) c[1];
                if (!cond.op.equals("=")) {
                    continue;
                }
                Node n = st.nodes[((Position) c[0]).ordinal()];
                if (renamed(n)) {
                    continue; // a filter
                }
                String have = n.isVar() ? bound.putIfAbsent(n.var, cond.value) : n.term;
                if (have != null && !have.equals(cond.value)) {
                    dead = true;
                }
            }
        }
        if (dead) {
            return null;
        }
        for (Stage st : stages) {
            for (int k = 0; k < 3; k++) {
                Node n = st.nodes[k];
                if (n.isVar() && bound.containsKey(n.var)) {
                    st.nodes[k] = Node.term(bound.get(n.var));
                }
            }
        }
        Op op = null;
        List<Op.TriplePattern> run = new ArrayList<>();
        List<Expr> filters = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage st = stages.get(i);
            if (st.kind == 'p') {
                op = joinRun(op, run, filters);
                Path path = new Path.Repeat(new Path.Link(st.predicate), st.min, st.max);
                Op pp = new Op.PathPattern(st.nodes[0], path, st.nodes[2]);
                op = op == null ? pp : new Op.Join(op, pp);
            } else if (st.kind == 'u') {
                op = joinRun(op, run, filters);
                op = st.leftEmpty ? null : rename(op, stages.get(i - 1).nodes, st.nodes);
                QueryBuilder other = st.other;
                Compiled r = other.compile();
                if (r != null) {
                    Op right = rename(other.slice(new Op.Distinct(new Op.Project(r.ordered(), r.factVars))), r.fact, st.nodes);
                    op = op == null ? right : new Op.Union(op, right);
                } else if (op == null) {
                    op = new Op.Values(Collections.emptyList(), Collections.emptyList()); // nothing on either side
                }
            } else {
                run.add(new Op.TriplePattern(st.nodes[0], st.nodes[1], st.nodes[2]));
            }
            for (Object[] set : st.sets) {
                Node n = st.nodes[((Position) set[0]).ordinal()];
                List<String[]> rows = (List<String[]>) set[1];
                if (i == 0 && op == null && n.isVar() && !renamed(n)) {
                    // A VALUES table the first stage's patterns join with: one index lookup per term.
                    op = new Op.Values(Collections.singletonList(n.var), rows);
                } else {
                    filters.add(among(n, rows));
                }
            }
            for (Object[] c : st.conditions) {
                Expr e = filter(st.nodes[((Position) c[0]).ordinal()], (Condition) c[1]);
                if (e != null) {
                    filters.add(e);
                }
            }
            for (Object[] t : st.tests) {
                List<Expr> args = new ArrayList<>();
                for (Position p : (Position[]) t[0]) {
                    args.add(expr(st.nodes[p.ordinal()]));
                }
                filters.add(new Expr.StoreCall("nervusdb:test", (Expr.Check) t[1], args));
            }
            if (st.kind == 'p' || st.kind == 'u') {
                op = wrap(op, filters);
            }
        }
        op = joinRun(op, run, filters);
        return new Compiled(stages.get(stages.size() - 1).nodes, op);
    }

    /** A whereIn set as a filter on the node. */
    private static Expr among(Node n, List<String[]> rows) {
        java.util.Set<String> allowed = new java.util.HashSet<>();
        for (String[] r : rows) {
            allowed.add(r[0]);
        }
        return new Expr.StoreCall("nervusdb:in", new StoreTest('i', null, null, allowed), Collections.singletonList(expr(n)));
    }

    /** A node as an expression: its variable, or its term. */
    private static Expr expr(Node n) {
        return n.isVar() ? new Expr.Var(n.var) : new Expr.Constant(n.term);
    }

    /** Whether a node is a union's renamed fact position, which conditions test as filters. */
    private static boolean renamed(Node n) {
        return n.isVar() && n.var.startsWith("u");
    }

    /** The solutions of {@code op} as facts {@code to}: each position of {@code from} bound to its variable, nothing else. */
    private static Op rename(Op op, Node[] from, Node[] to) {
        List<String> vars = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Node n = from[k];
            op = new Op.Extend(op, to[k].var, expr(n));
            vars.add(to[k].var);
        }
        return new Op.Project(op, vars);
    }

    private static Op joinRun(Op op, List<Op.TriplePattern> run, List<Expr> filters) {
        if (!run.isEmpty()) {
            Op bgp = new Op.Bgp(new ArrayList<>(run));
            op = op == null ? bgp : new Op.Join(op, bgp);
            run.clear();
        }
        return wrap(op, filters);
    }

    private static Op wrap(Op op, List<Expr> filters) {
        if (filters.isEmpty() || op == null) {
            return op;
        }
        Op f = new Op.Filter(new ArrayList<>(filters), op);
        filters.clear();
        return f;
    }

    /** A condition as a SPARQL expression on a node; null for a satisfied equality. */
    private static Expr filter(Node n, Condition c) {
        Expr arg = expr(n);
        Expr v = new Expr.Constant(c.value);
        switch (c.op) {
            case "=":
                return renamed(n) ? call("SAMETERM", arg, v) : null; // else substituted
            case "!=":
                return call("!", call("SAMETERM", arg, v));
            case "prefix":
                return call("STRSTARTS", call("STR", arg), new Expr.Constant(RdfTerms.literal(c.value)));
            case "regex":
                return call("REGEX", call("STR", arg), new Expr.Constant(RdfTerms.literal(c.value)),
                        new Expr.Constant(RdfTerms.literal(c.flags)));
            default: // a numeric comparison
                return call("&&", call("ISNUMERIC", arg), call(c.op, arg, v));
        }
    }

    private static Expr call(String name, Expr... args) {
        return new Expr.Call(name, Arrays.asList(args));
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
