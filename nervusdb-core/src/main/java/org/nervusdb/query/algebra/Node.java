package org.nervusdb.query.algebra;

import java.util.Objects;

/**
 * One position of a pattern: a variable (name without '?') or a constant stored term. Blank
 * nodes in query patterns become variables whose names start with "_:", which no SPARQL
 * variable name can, so they are never projected.
 */
public final class Node {
    public final String var;
    public final String term;

    private Node(String var, String term) {
        this.var = var;
        this.term = term;
    }

    public static Node var(String name) {
        return new Node(Objects.requireNonNull(name), null);
    }

    public static Node term(String term) {
        return new Node(null, Objects.requireNonNull(term));
    }

    public boolean isVar() {
        return var != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node && Objects.equals(var, ((Node) o).var) && Objects.equals(term, ((Node) o).term);
    }

    @Override
    public int hashCode() {
        return Objects.hash(var, term);
    }

    @Override
    public String toString() {
        return var != null ? "?" + var : (org.nervusdb.rdf.RdfTerms.isIri(term) ? "<" + term + ">" : term);
    }
}
