package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.query.algebra.QueryRoot;
import org.eclipse.rdf4j.query.algebra.TupleExpr;
import org.nervusdb.query.algebra.Query;

/**
 * What {@link NervusSailConnection#prepareQuery} gives RDF4J for a SPARQL query NervusDB's own
 * engine can answer: RDF4J's parsed algebra of the query (so that anything reading it as a
 * {@link QueryRoot} sees the usual tree) together with NervusDB's parse of the same text.
 * {@code evaluate} runs the latter natively when it can, and the algebra otherwise.
 */
final class NativeQueryRoot extends QueryRoot {
    private static final long serialVersionUID = 1L;

    enum Kind { TUPLE, BOOLEAN, GRAPH }

    final Kind kind;
    /** Not serialized (RDF4J's checks serialize the tree): a deserialized copy is evaluated by RDF4J. */
    final transient Query nativeQuery;
    /** Whether a pattern reads the default graph (outside GRAPH): RDF4J's default graph is then the union of all. */
    final boolean readsDefaultGraph;
    /** Whether a pattern reads named graphs (inside GRAPH). */
    final boolean readsNamedGraphs;

    NativeQueryRoot(TupleExpr rdf4jExpr, Kind kind, Query nativeQuery, boolean readsDefaultGraph, boolean readsNamedGraphs) {
        super(rdf4jExpr);
        this.kind = kind;
        this.nativeQuery = nativeQuery;
        this.readsDefaultGraph = readsDefaultGraph;
        this.readsNamedGraphs = readsNamedGraphs;
    }

    @Override
    public NativeQueryRoot clone() {
        return (NativeQueryRoot) super.clone();
    }

    @Override
    public String getSignature() {
        return "NervusDB native query (" + kind + "); RDF4J's algebra beneath as fallback";
    }
}
