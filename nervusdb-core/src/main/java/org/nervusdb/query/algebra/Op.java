package org.nervusdb.query.algebra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The algebra of a query, after SPARQL 1.1's translation (section 18): the parser produces it,
 * the query builder produces it, the planner rewrites it and the evaluator runs it. Immutable.
 */
public abstract class Op {
    private Op() {
    }

    static <T> List<T> copy(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** One triple pattern. */
    public static final class TriplePattern {
        public final Node s;
        public final Node p;
        public final Node o;

        public TriplePattern(Node s, Node p, Node o) {
            this.s = s;
            this.p = p;
            this.o = o;
        }

        @Override
        public String toString() {
            return s + " " + p + " " + o;
        }
    }

    /** A basic graph pattern: triple patterns joined on shared variables. Empty: one empty solution. */
    public static final class Bgp extends Op {
        public final List<TriplePattern> patterns;

        public Bgp(List<TriplePattern> patterns) {
            this.patterns = copy(patterns);
        }

        @Override
        public String toString() {
            return "Bgp" + patterns;
        }
    }

    /** A property path between two nodes. */
    public static final class PathPattern extends Op {
        public final Node s;
        public final Path path;
        public final Node o;

        public PathPattern(Node s, Path path, Node o) {
            this.s = s;
            this.path = path;
            this.o = o;
        }

        @Override
        public String toString() {
            return "Path(" + s + " " + path + " " + o + ")";
        }
    }

    public static final class Join extends Op {
        public final Op left;
        public final Op right;

        public Join(Op left, Op right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public String toString() {
            return "Join(" + left + ", " + right + ")";
        }
    }

    /** OPTIONAL: {@code filter} (may be null) is the OPTIONAL block's own FILTER. */
    public static final class LeftJoin extends Op {
        public final Op left;
        public final Op right;
        public final Expr filter;

        public LeftJoin(Op left, Op right, Expr filter) {
            this.left = left;
            this.right = right;
            this.filter = filter;
        }

        @Override
        public String toString() {
            return "LeftJoin(" + left + ", " + right + (filter == null ? "" : ", " + filter) + ")";
        }
    }

    public static final class Union extends Op {
        public final Op left;
        public final Op right;

        public Union(Op left, Op right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public String toString() {
            return "Union(" + left + ", " + right + ")";
        }
    }

    public static final class Minus extends Op {
        public final Op left;
        public final Op right;

        public Minus(Op left, Op right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public String toString() {
            return "Minus(" + left + ", " + right + ")";
        }
    }

    /** Solutions of {@code op} for which every expression is true. */
    public static final class Filter extends Op {
        public final List<Expr> exprs;
        public final Op op;

        public Filter(List<Expr> exprs, Op op) {
            this.exprs = copy(exprs);
            this.op = op;
        }

        @Override
        public String toString() {
            return "Filter(" + exprs + ", " + op + ")";
        }
    }

    /** BIND, and SELECT expressions: binds {@code var} to the value of {@code expr}. */
    public static final class Extend extends Op {
        public final Op op;
        public final String var;
        public final Expr expr;

        public Extend(Op op, String var, Expr expr) {
            this.op = op;
            this.var = var;
            this.expr = expr;
        }

        @Override
        public String toString() {
            return "Extend(" + op + ", ?" + var + " := " + expr + ")";
        }
    }

    /** VALUES: rows of stored terms, null for UNDEF. */
    public static final class Values extends Op {
        public final List<String> vars;
        public final List<String[]> rows;

        public Values(List<String> vars, List<String[]> rows) {
            this.vars = copy(vars);
            this.rows = copy(rows);
        }

        @Override
        public String toString() {
            return "Values(" + vars + ", " + rows.size() + " rows)";
        }
    }

    /** GRAPH: NervusDB stores one default graph and no named graphs. */
    public static final class Graph extends Op {
        public final Node graph;
        public final Op op;

        public Graph(Node graph, Op op) {
            this.graph = graph;
            this.op = op;
        }

        @Override
        public String toString() {
            return "Graph(" + graph + ", " + op + ")";
        }
    }

    /**
     * SERVICE: a pattern for a remote SPARQL endpoint ({@code endpoint} an IRI or a variable);
     * {@code silent} for SERVICE SILENT. NervusDB calls no remote endpoints.
     */
    public static final class Service extends Op {
        public final Node endpoint;
        public final Op op;
        public final boolean silent;

        public Service(Node endpoint, Op op, boolean silent) {
            this.endpoint = endpoint;
            this.op = op;
            this.silent = silent;
        }

        @Override
        public String toString() {
            return "Service(" + (silent ? "SILENT " : "") + endpoint + ", " + op + ")";
        }
    }

    /**
     * One GROUP BY key: an expression, bound to {@code var} if it has one (null otherwise).
     * {@code GROUP BY ?x} is the key {@code ?x} bound to {@code x}.
     */
    public static final class GroupKey {
        public final Expr expr;
        public final String var;

        public GroupKey(Expr expr, String var) {
            this.expr = expr;
            this.var = var;
        }

        @Override
        public String toString() {
            return var == null ? expr.toString() : "(" + expr + " AS ?" + var + ")";
        }
    }

    /** An aggregate whose value the group binds to {@code var}. */
    public static final class AggregateBinding {
        public final String var;
        public final Expr.Aggregate aggregate;

        public AggregateBinding(String var, Expr.Aggregate aggregate) {
            this.var = var;
            this.aggregate = aggregate;
        }

        @Override
        public String toString() {
            return "?" + var + " := " + aggregate;
        }
    }

    /**
     * GROUP BY (no keys: one group of everything, which aggregates over an empty input still
     * produce). Output solutions bind the keys' variables and the aggregates' variables.
     */
    public static final class Group extends Op {
        public final Op op;
        public final List<GroupKey> keys;
        public final List<AggregateBinding> aggregates;

        public Group(Op op, List<GroupKey> keys, List<AggregateBinding> aggregates) {
            this.op = op;
            this.keys = copy(keys);
            this.aggregates = copy(aggregates);
        }

        @Override
        public String toString() {
            return "Group(" + op + ", " + keys + ", " + aggregates + ")";
        }
    }

    public static final class OrderKey {
        public final Expr expr;
        public final boolean descending;

        public OrderKey(Expr expr, boolean descending) {
            this.expr = expr;
            this.descending = descending;
        }

        @Override
        public String toString() {
            return (descending ? "DESC(" : "ASC(") + expr + ")";
        }
    }

    public static final class OrderBy extends Op {
        public final Op op;
        public final List<OrderKey> keys;

        public OrderBy(Op op, List<OrderKey> keys) {
            this.op = op;
            this.keys = copy(keys);
        }

        @Override
        public String toString() {
            return "OrderBy(" + op + ", " + keys + ")";
        }
    }

    public static final class Project extends Op {
        public final Op op;
        public final List<String> vars;

        public Project(Op op, List<String> vars) {
            this.op = op;
            this.vars = copy(vars);
        }

        @Override
        public String toString() {
            return "Project(" + op + ", " + vars + ")";
        }
    }

    public static final class Distinct extends Op {
        public final Op op;

        public Distinct(Op op) {
            this.op = op;
        }

        @Override
        public String toString() {
            return "Distinct(" + op + ")";
        }
    }

    /** REDUCED: duplicates may be removed; evaluated as {@link Distinct}'s cheap cousin (as is). */
    public static final class Reduced extends Op {
        public final Op op;

        public Reduced(Op op) {
            this.op = op;
        }

        @Override
        public String toString() {
            return "Reduced(" + op + ")";
        }
    }

    /** OFFSET and LIMIT; {@code limit} -1 for none. */
    public static final class Slice extends Op {
        public final Op op;
        public final long offset;
        public final long limit;

        public Slice(Op op, long offset, long limit) {
            this.op = op;
            this.offset = offset;
            this.limit = limit;
        }

        @Override
        public String toString() {
            return "Slice(" + op + ", " + offset + ", " + limit + ")";
        }
    }
}
