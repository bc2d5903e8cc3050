package org.nervusdb.query;

import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nervusdb.Triple;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;
import org.nervusdb.query.algebra.Path;
import org.nervusdb.query.algebra.Query;
import org.nervusdb.rdf.RdfTerms;

/** Hand-checked cases of the evaluator, one operator at a time. */
class EvaluatorTest {

    static TripleStore store(String... spo) {
        TripleStore s = TripleStore.openInMemory(new StoreOptions());
        List<Triple> ts = new ArrayList<>();
        for (int i = 0; i < spo.length; i += 3) {
            ts.add(new Triple(spo[i], spo[i + 1], spo[i + 2]));
        }
        s.addAll(ts);
        return s;
    }

    static List<List<String>> select(TripleStore s, Op op, String... vars) {
        Query q = new Query(Query.Form.SELECT, new Op.Project(op, List.of(vars)), List.of(vars), List.of());
        List<List<String>> out = new ArrayList<>();
        try (QueryResult r = QueryEngine.run(s, q, QueryOptions.defaults())) {
            while (r.hasNext()) {
                out.add(Arrays.asList(r.next()));
            }
        }
        return out;
    }

    static Op.TriplePattern tp(String s, String p, String o) {
        return new Op.TriplePattern(n(s), n(p), n(o));
    }

    static Node n(String x) {
        return x.startsWith("?") ? Node.var(x.substring(1)) : Node.term(x);
    }

    static Op.Bgp bgp(Op.TriplePattern... ps) {
        return new Op.Bgp(List.of(ps));
    }

    static Expr v(String name) {
        return new Expr.Var(name);
    }

    static Expr call(String name, Expr... args) {
        return new Expr.Call(name, List.of(args));
    }

    @Test
    void leftJoinFilterDecidesBetweenMatchAndLeftAlone() {
        try (TripleStore s = store("a", "knows", "b", "b", "age", "\"5\"^^<http://www.w3.org/2001/XMLSchema#integer>",
                "a", "knows", "c", "c", "age", "\"50\"^^<http://www.w3.org/2001/XMLSchema#integer>")) {
            Expr old = call(">", v("age"), new Expr.Constant(RdfTerms.literal("18", null, RdfTerms.XSD + "integer")));
            Op op = new Op.LeftJoin(bgp(tp("a", "knows", "?f")), bgp(tp("?f", "age", "?age")), old);
            assertThat(select(s, op, "f", "age")).containsExactlyInAnyOrder(
                    Arrays.asList("b", null), List.of("c", "\"50\"^^<http://www.w3.org/2001/XMLSchema#integer>"));
        }
    }

    @Test
    void bnodeOfAStringIsOneBlankNodePerSolutionAcrossBinds() {
        try (TripleStore s = store("a", "name", "\"x\"", "b", "name", "\"y\"")) {
            List<List<String>> rows = new ArrayList<>();
            try (QueryResult r = Sparql.execute(s, "SELECT ?n ?b1 ?b2 ?b3 { ?s <name> ?n BIND(BNODE(?n) AS ?b1)"
                    + " BIND(BNODE(?n) AS ?b2) BIND(BNODE() AS ?b3) }", null)) {
                while (r.hasNext()) {
                    rows.add(Arrays.asList(r.next()));
                }
            }
            assertThat(rows).hasSize(2);
            for (List<String> row : rows) {
                assertThat(RdfTerms.isBlank(row.get(1))).isTrue();
                assertThat(row.get(2)).isEqualTo(row.get(1));
                assertThat(row.get(3)).isNotEqualTo(row.get(1));
            }
            assertThat(rows.get(0).get(1)).isNotEqualTo(rows.get(1).get(1));
        }
    }
}
