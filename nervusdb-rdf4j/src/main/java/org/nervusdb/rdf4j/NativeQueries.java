package org.nervusdb.rdf4j;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.eclipse.rdf4j.common.iteration.CloseableIteration;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.QueryInterruptedException;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.query.algebra.And;
import org.eclipse.rdf4j.query.algebra.ArbitraryLengthPath;
import org.eclipse.rdf4j.query.algebra.BNodeGenerator;
import org.eclipse.rdf4j.query.algebra.BindingSetAssignment;
import org.eclipse.rdf4j.query.algebra.Bound;
import org.eclipse.rdf4j.query.algebra.Coalesce;
import org.eclipse.rdf4j.query.algebra.Compare;
import org.eclipse.rdf4j.query.algebra.Count;
import org.eclipse.rdf4j.query.algebra.Datatype;
import org.eclipse.rdf4j.query.algebra.Difference;
import org.eclipse.rdf4j.query.algebra.Distinct;
import org.eclipse.rdf4j.query.algebra.EmptySet;
import org.eclipse.rdf4j.query.algebra.Exists;
import org.eclipse.rdf4j.query.algebra.Extension;
import org.eclipse.rdf4j.query.algebra.ExtensionElem;
import org.eclipse.rdf4j.query.algebra.Filter;
import org.eclipse.rdf4j.query.algebra.FunctionCall;
import org.eclipse.rdf4j.query.algebra.Group;
import org.eclipse.rdf4j.query.algebra.GroupElem;
import org.eclipse.rdf4j.query.algebra.If;
import org.eclipse.rdf4j.query.algebra.IsBNode;
import org.eclipse.rdf4j.query.algebra.IsLiteral;
import org.eclipse.rdf4j.query.algebra.IsNumeric;
import org.eclipse.rdf4j.query.algebra.IsURI;
import org.eclipse.rdf4j.query.algebra.Join;
import org.eclipse.rdf4j.query.algebra.Lang;
import org.eclipse.rdf4j.query.algebra.LangMatches;
import org.eclipse.rdf4j.query.algebra.LeftJoin;
import org.eclipse.rdf4j.query.algebra.ListMemberOperator;
import org.eclipse.rdf4j.query.algebra.MultiProjection;
import org.eclipse.rdf4j.query.algebra.Not;
import org.eclipse.rdf4j.query.algebra.Or;
import org.eclipse.rdf4j.query.algebra.Projection;
import org.eclipse.rdf4j.query.algebra.ProjectionElem;
import org.eclipse.rdf4j.query.algebra.ProjectionElemList;
import org.eclipse.rdf4j.query.algebra.QueryModelNode;
import org.eclipse.rdf4j.query.algebra.QueryRoot;
import org.eclipse.rdf4j.query.algebra.Reduced;
import org.eclipse.rdf4j.query.algebra.Regex;
import org.eclipse.rdf4j.query.algebra.SameTerm;
import org.eclipse.rdf4j.query.algebra.SingletonSet;
import org.eclipse.rdf4j.query.algebra.Slice;
import org.eclipse.rdf4j.query.algebra.StatementPattern;
import org.eclipse.rdf4j.query.algebra.Str;
import org.eclipse.rdf4j.query.algebra.TupleExpr;
import org.eclipse.rdf4j.query.algebra.Union;
import org.eclipse.rdf4j.query.algebra.ValueConstant;
import org.eclipse.rdf4j.query.algebra.Var;
import org.eclipse.rdf4j.query.algebra.ZeroLengthPath;
import org.eclipse.rdf4j.query.algebra.helpers.AbstractQueryModelVisitor;
import org.eclipse.rdf4j.query.impl.MapBindingSet;
import org.eclipse.rdf4j.query.parser.ParsedBooleanQuery;
import org.eclipse.rdf4j.query.parser.ParsedGraphQuery;
import org.eclipse.rdf4j.query.parser.ParsedQuery;
import org.eclipse.rdf4j.query.parser.ParsedTupleQuery;
import org.eclipse.rdf4j.query.parser.QueryParserUtil;
import org.nervusdb.NervusDBException;
import org.nervusdb.QueryResult;
import org.nervusdb.query.Sparql;
import org.nervusdb.query.algebra.Query;

/**
 * Which SPARQL queries of RDF4J's Repository API run on NervusDB's own engine, and their answers
 * as RDF4J binding sets. A query does when RDF4J's parse of it uses only the operators and
 * functions listed in {@link #SUPPORTED} and {@link #FUNCTIONS} (those on which both engines are
 * known to agree), names no dataset (FROM, FROM NAMED), is not a DESCRIBE, is not a CONSTRUCT
 * with prefix declarations (the prepared query could not carry them to the result), and
 * NervusDB's parser takes it; the rest of the decision is made at each evaluation (see
 * {@link NervusSailConnection}).
 */
final class NativeQueries {
    private NativeQueries() {
    }

    private static final Set<Class<? extends QueryModelNode>> SUPPORTED = Set.of(QueryRoot.class, Projection.class,
            ProjectionElemList.class, ProjectionElem.class, MultiProjection.class, Reduced.class, Distinct.class, Slice.class,
            Filter.class, Join.class, LeftJoin.class, Union.class, Difference.class,
            Extension.class, ExtensionElem.class, Group.class, GroupElem.class, Count.class,
            StatementPattern.class, Var.class, ValueConstant.class, SingletonSet.class, EmptySet.class,
            BindingSetAssignment.class, Exists.class, Not.class, And.class, Or.class, Compare.class, SameTerm.class,
            Bound.class, IsURI.class, IsBNode.class, IsLiteral.class, IsNumeric.class, Str.class, Lang.class,
            Datatype.class, LangMatches.class, Regex.class, If.class, Coalesce.class,
            ListMemberOperator.class, BNodeGenerator.class, ArbitraryLengthPath.class, ZeroLengthPath.class,
            FunctionCall.class);

    private static final String FN = "http://www.w3.org/2005/xpath-functions#";
    private static final Set<String> FUNCTIONS = Set.of(FN + "concat", FN + "upper-case", FN + "lower-case",
            FN + "string-length", FN + "contains", FN + "starts-with", FN + "ends-with", FN + "substring-before",
            FN + "substring-after", FN + "substring");

    /** The prefixes RDF4J's SPARQL parser declares in every query. */
    private static final java.util.Map<String, String> BUILT_IN_PREFIXES = java.util.Map.of(
            "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs", "http://www.w3.org/2000/01/rdf-schema#",
            "rdf4j", "http://rdf4j.org/schema/rdf4j#", "sesame", "http://www.openrdf.org/schema/sesame#",
            "owl", "http://www.w3.org/2002/07/owl#", "xsd", "http://www.w3.org/2001/XMLSchema#",
            "fn", "http://www.w3.org/2005/xpath-functions#");

    private static boolean onlyBuiltInPrefixes(java.util.Map<String, String> namespaces) {
        for (java.util.Map.Entry<String, String> e : namespaces.entrySet()) {
            if (!e.getValue().equals(BUILT_IN_PREFIXES.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** {@code GRAPH} as a word: with no pattern of RDF4J's algebra in a named graph, RDF4J dropped an empty GRAPH clause. */
    private static final java.util.regex.Pattern GRAPH_WORD = java.util.regex.Pattern.compile("(?i)\\bGRAPH\\b");

    /** Walks RDF4J's algebra: whether every node is supported, and whether a pattern reads the default graph. */
    private static final class Check extends AbstractQueryModelVisitor<RuntimeException> {
        boolean supported = true;
        boolean readsDefaultGraph;
        boolean readsNamedGraphs;

        @Override
        protected void meetNode(QueryModelNode node) {
            if (!supported) {
                return;
            }
            if (!SUPPORTED.contains(node.getClass())) {
                supported = false;
                return;
            }
            if (node instanceof FunctionCall && !FUNCTIONS.contains(((FunctionCall) node).getURI())) {
                supported = false;
                return;
            }
            StatementPattern.Scope scope = null;
            if (node instanceof StatementPattern) {
                scope = ((StatementPattern) node).getScope();
            } else if (node instanceof ArbitraryLengthPath) {
                scope = ((ArbitraryLengthPath) node).getScope();
            } else if (node instanceof ZeroLengthPath) {
                scope = ((ZeroLengthPath) node).getScope();
            }
            if (scope == StatementPattern.Scope.DEFAULT_CONTEXTS) {
                readsDefaultGraph = true;
            } else if (scope == StatementPattern.Scope.NAMED_CONTEXTS) {
                readsNamedGraphs = true;
            }
            super.meetNode(node);
        }
    }

    /** The last prepared queries (and those refused: {@link #REFUSED}), by type, base and text. */
    private static final int CACHED = 512;
    private static final NativeQueryRoot REFUSED = new NativeQueryRoot(new SingletonSet(), NativeQueryRoot.Kind.TUPLE, null, false, false);
    private static final java.util.Map<String, NativeQueryRoot> PREPARED = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, NativeQueryRoot> eldest) {
            return size() > CACHED;
        }
    };

    /**
     * As {@link #prepareUncached}, from a cache of the last {@value #CACHED} queries prepared (an
     * application that prepares the same text again does not pay the two parses again); a copy
     * of the cached tree each time.
     */
    static Optional<TupleExpr> prepare(QueryLanguage ql, org.eclipse.rdf4j.query.Query.QueryType type, String text, String base) {
        if (!QueryLanguage.SPARQL.equals(ql) || text == null || type == null) {
            return Optional.empty();
        }
        String key = type + "\u0000" + (base == null ? "" : base) + "\u0000" + text;
        NativeQueryRoot q;
        synchronized (PREPARED) {
            q = PREPARED.get(key);
        }
        if (q == null) {
            q = prepareUncached(ql, type, text, base).map(e -> (NativeQueryRoot) e).orElse(REFUSED);
            synchronized (PREPARED) {
                PREPARED.put(key, q);
            }
        }
        return q == REFUSED ? Optional.empty() : Optional.of(q.clone());
    }

    /** The prepared form of a query NervusDB's engine may answer, or empty (RDF4J then parses and evaluates it). */
    static Optional<TupleExpr> prepareUncached(QueryLanguage ql, org.eclipse.rdf4j.query.Query.QueryType type, String text, String base) {
        if (!QueryLanguage.SPARQL.equals(ql) || text == null || type == null) {
            return Optional.empty();
        }
        ParsedQuery parsed;
        try {
            parsed = QueryParserUtil.parseQuery(ql, text, base);
        } catch (RuntimeException e) {
            return Optional.empty(); // RDF4J's own parse reports it
        }
        NativeQueryRoot.Kind kind;
        Query.Form form;
        if (type == org.eclipse.rdf4j.query.Query.QueryType.TUPLE && parsed instanceof ParsedTupleQuery) {
            kind = NativeQueryRoot.Kind.TUPLE;
            form = Query.Form.SELECT;
        } else if (type == org.eclipse.rdf4j.query.Query.QueryType.BOOLEAN && parsed instanceof ParsedBooleanQuery) {
            kind = NativeQueryRoot.Kind.BOOLEAN;
            form = Query.Form.ASK;
        } else if (type == org.eclipse.rdf4j.query.Query.QueryType.GRAPH && parsed instanceof ParsedGraphQuery
                && !(parsed instanceof org.eclipse.rdf4j.query.parser.ParsedDescribeQuery)
                && onlyBuiltInPrefixes(((ParsedGraphQuery) parsed).getQueryNamespaces())) {
            kind = NativeQueryRoot.Kind.GRAPH;
            form = Query.Form.CONSTRUCT;
        } else {
            return Optional.empty();
        }
        if (parsed.getDataset() != null) {
            return Optional.empty();
        }
        TupleExpr expr = parsed.getTupleExpr();
        Check check = new Check();
        expr.visit(check);
        if (!check.supported || !check.readsNamedGraphs && GRAPH_WORD.matcher(text).find()) {
            return Optional.empty();
        }
        Query nativeQuery;
        try {
            nativeQuery = Sparql.parse(text, base);
        } catch (NervusDBException e) {
                return Optional.empty();
        }
        if (nativeQuery.form != form || nativeQuery.from != null || nativeQuery.fromNamed != null) {
            return Optional.empty();
        }
        TupleExpr arg = expr instanceof QueryRoot ? ((QueryRoot) expr).getArg() : expr;
        return Optional.of(new NativeQueryRoot(arg, kind, nativeQuery, check.readsDefaultGraph, check.readsNamedGraphs));
    }

    static boolean isTimeout(NervusDBException e) {
        return "QUERY_TIMEOUT".equals(e.code()) || "QUERY_CANCELLED".equals(e.code());
    }

    /**
     * A native result as RDF4J binding sets: a SELECT's rows; an ASK's one empty solution for
     * true and none for false; a CONSTRUCT's triples as solutions of {@code subject},
     * {@code predicate} and {@code object}, as RDF4J's CONSTRUCT evaluation gives them. Holds
     * the view until it is exhausted or closed.
     */
    static final class Results implements CloseableIteration<BindingSet> {
        private final View view;
        private final QueryResult result;
        private final ValueFactory vf;
        private final List<String> names;
        private boolean askPending;
        private final boolean ask;
        private BindingSet next;
        private boolean done;

        /** The view is acquired by the caller and released by this iteration. */
        Results(View view, QueryResult result, ValueFactory vf, NativeQueryRoot.Kind kind) {
            this.view = view;
            this.result = result;
            this.vf = vf;
            this.ask = kind == NativeQueryRoot.Kind.BOOLEAN;
            this.names = kind == NativeQueryRoot.Kind.GRAPH ? List.of("subject", "predicate", "object")
                    : new ArrayList<>(result.variables());
            if (ask) {
                try {
                    askPending = result.askAnswer();
                } catch (RuntimeException e) {
                    close();
                    throw translate(e);
                }
            }
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            if (ask) {
                if (askPending) {
                    askPending = false;
                    next = new MapBindingSet(0);
                    return true;
                }
                close();
                return false;
            }
            try {
                if (!result.hasNext()) {
                    close();
                    return false;
                }
                String[] row = result.next();
                MapBindingSet b = new MapBindingSet(names.size());
                for (int i = 0; i < row.length && i < names.size(); i++) {
                    if (row[i] != null) {
                        Value v = Rdf4jTerms.toValue(row[i], vf);
                        b.addBinding(names.get(i), v);
                    }
                }
                next = b;
                return true;
            } catch (RuntimeException e) {
                close();
                throw translate(e);
            }
        }

        @Override
        public BindingSet next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BindingSet b = next;
            next = null;
            return b;
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized void close() {
            if (!done) {
                done = true;
                next = null;
                try {
                    result.close();
                } finally {
                    view.release();
                }
            }
        }

        private static RuntimeException translate(RuntimeException e) {
            if (e instanceof NervusDBException && isTimeout((NervusDBException) e)) {
                return new QueryInterruptedException(e.getMessage(), e);
            }
            if (e instanceof NervusDBException) {
                return new org.eclipse.rdf4j.query.QueryEvaluationException(e.getMessage(), e);
            }
            return e;
        }
    }
}
