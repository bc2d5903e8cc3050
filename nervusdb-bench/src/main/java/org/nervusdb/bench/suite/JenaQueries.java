package org.nervusdb.bench.suite;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * SPARQL through ARQ, Jena's query engine, over any Jena {@link Dataset}: what {@link Store#select}
 * and {@link Store#rows} do for the Jena adapters ({@link JenaTdb2Store} calls it inside a read
 * transaction, {@link JenaMemStore} directly). Queries are parsed as SPARQL 1.1. A CONSTRUCT or
 * DESCRIBE query's triples count as its solutions, each the bindings of {@code subject},
 * {@code predicate} and {@code object}, as NervusDB gives them.
 */
final class JenaQueries {
    private JenaQueries() {
    }

    static Query parse(String sparql) {
        return QueryFactory.create(sparql, Syntax.syntaxSPARQL_11);
    }

    /**
     * The number of solutions (every binding of every solution read with {@link Binding#get}, so a
     * store that decodes terms lazily decodes them), or 1 or 0 for ASK; adds the characters read to
     * {@code chars[0]}.
     */
    static long select(Dataset dataset, Query query, long[] chars) {
        try (QueryExecution qe = QueryExecution.dataset(dataset).query(query).build()) {
            if (query.isAskType()) {
                return qe.execAsk() ? 1 : 0;
            }
            long n = 0;
            long c = 0;
            if (query.isConstructType() || query.isDescribeType()) {
                for (Iterator<Triple> it = triples(qe, query); it.hasNext(); n++) {
                    Triple t = it.next();
                    c += JenaTerms.textLength(t.getSubject()) + JenaTerms.textLength(t.getPredicate())
                            + JenaTerms.textLength(t.getObject());
                }
                chars[0] += c;
                return n;
            }
            ResultSet rs = qe.execSelect();
            List<Var> vars = Var.varList(rs.getResultVars());
            while (rs.hasNext()) {
                Binding b = rs.nextBinding();
                for (Var v : vars) {
                    Node x = b.get(v);
                    if (x != null) {
                        c += JenaTerms.textLength(x);
                    }
                }
                n++;
            }
            chars[0] += c;
            return n;
        }
    }

    /** The solutions as {@link Store#rows} describes them. */
    static List<String> rows(Dataset dataset, Query query) {
        try (QueryExecution qe = QueryExecution.dataset(dataset).query(query).build()) {
            if (query.isAskType()) {
                return List.of(Boolean.toString(qe.execAsk()));
            }
            List<String> out = new ArrayList<>();
            if (query.isConstructType() || query.isDescribeType()) {
                for (Iterator<Triple> it = triples(qe, query); it.hasNext(); ) {
                    Triple t = it.next();
                    TreeMap<String, String> row = new TreeMap<>();
                    row.put("subject", JenaTerms.term(t.getSubject()));
                    row.put("predicate", JenaTerms.term(t.getPredicate()));
                    row.put("object", JenaTerms.term(t.getObject()));
                    out.add(Store.row(row));
                }
                out.sort(null);
                return out;
            }
            ResultSet rs = qe.execSelect();
            List<Var> vars = Var.varList(rs.getResultVars());
            while (rs.hasNext()) {
                Binding b = rs.nextBinding();
                TreeMap<String, String> row = new TreeMap<>();
                for (Var v : vars) {
                    Node x = b.get(v);
                    if (x != null) {
                        row.put(v.getVarName(), JenaTerms.term(x));
                    }
                }
                out.add(Store.row(row));
            }
            out.sort(null);
            return out;
        }
    }

    /** The triples of a CONSTRUCT or DESCRIBE query's answer, each once. */
    private static Iterator<Triple> triples(QueryExecution qe, Query query) {
        return (query.isConstructType() ? qe.execConstruct() : qe.execDescribe()).getGraph().find();
    }
}
