package org.nervusdb.query.algebra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed query: its form, its algebra and, for SELECT, the projected variables in order.
 * For SELECT the algebra's top is the projection (with DISTINCT, ORDER BY and the slice around
 * or below it, as SPARQL orders them); for ASK it is the pattern.
 */
public final class Query {
    public enum Form { SELECT, ASK, CONSTRUCT, DESCRIBE }

    public final Form form;
    public final Op op;
    public final List<String> variables;
    /** CONSTRUCT's template; empty for other forms. */
    public final List<Op.TriplePattern> template;

    public Query(Form form, Op op, List<String> variables, List<Op.TriplePattern> template) {
        this.form = form;
        this.op = op;
        this.variables = Collections.unmodifiableList(new ArrayList<>(variables));
        this.template = Collections.unmodifiableList(new ArrayList<>(template));
    }

    @Override
    public String toString() {
        return form + " " + variables + " " + op;
    }
}
