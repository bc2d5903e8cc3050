package org.nervusdb.query.algebra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed query: its form, its algebra and, for SELECT, the projected variables in order.
 * For SELECT the algebra's top is the projection (with DISTINCT, ORDER BY and the slice around
 * or below it, as SPARQL orders them); for ASK it is the pattern; for CONSTRUCT the pattern with
 * its solution modifiers (the template is applied to its solutions); for DESCRIBE the projection
 * on the described variables ({@link #variables}).
 */
public final class Query {
    public enum Form { SELECT, ASK, CONSTRUCT, DESCRIBE }

    public final Form form;
    public final Op op;
    public final List<String> variables;
    /**
     * CONSTRUCT's template; empty for other forms. Its blank nodes are blank-node terms
     * ({@code _:label}): each solution gets fresh blank nodes for them.
     */
    public final List<Op.TriplePattern> template;
    /** DESCRIBE's resources, variables and IRIs in the order written; empty for other forms. */
    public final List<Node> describe;

    public Query(Form form, Op op, List<String> variables, List<Op.TriplePattern> template) {
        this(form, op, variables, template, Collections.<Node>emptyList());
    }

    /** The base IRI the query's relative IRIs resolved against, and IRI() resolves against; may be null. */
    public final String base;
    /**
     * The first dataset clause or GRAPH pattern of the query as written ("FROM", "FROM NAMED",
     * "GRAPH"), or null: NervusDB holds one default graph, so such a query is refused rather than
     * answered from all the data.
     */
    public final String namedGraphs;

    /**
     * The graphs of the FROM clauses (whose merge is the default graph) and of the FROM NAMED
     * clauses (the named graphs), when the query has a dataset clause; both null when it has
     * none (the store's dataset is queried).
     */
    public final List<String> from;
    public final List<String> fromNamed;

    public Query(Form form, Op op, List<String> variables, List<Op.TriplePattern> template, List<Node> describe) {
        this(form, op, variables, template, describe, null, null, null, null);
    }

    private Query(Form form, Op op, List<String> variables, List<Op.TriplePattern> template, List<Node> describe,
            String base, String namedGraphs, List<String> from, List<String> fromNamed) {
        this.from = from;
        this.fromNamed = fromNamed;
        this.base = base;
        this.namedGraphs = namedGraphs;
        this.form = form;
        this.op = op;
        this.variables = Collections.unmodifiableList(new ArrayList<>(variables));
        this.template = Collections.unmodifiableList(new ArrayList<>(template));
        this.describe = Collections.unmodifiableList(new ArrayList<>(describe));
    }

    /** The same query with a base IRI. */
    public Query withBase(String base) {
        return new Query(form, op, variables, template, describe, base, namedGraphs, from, fromNamed);
    }

    /**
     * The same query with a dataset: FROM graphs and FROM NAMED graphs; {@code fromNamed} null
     * for all the store's named graphs (SPARQL Update's WITH).
     */
    public Query withDataset(List<String> from, List<String> fromNamed) {
        return new Query(form, op, variables, template, describe, base, namedGraphs,
                Collections.unmodifiableList(new ArrayList<>(from)),
                fromNamed == null ? null : Collections.unmodifiableList(new ArrayList<>(fromNamed)));
    }

    /** The same query, marked as using named graphs through {@code construct} ({@link #namedGraphs}). */
    public Query withNamedGraphs(String construct) {
        return new Query(form, op, variables, template, describe, base, construct, from, fromNamed);
    }

    @Override
    public String toString() {
        return form + " " + variables + " " + op;
    }
}
