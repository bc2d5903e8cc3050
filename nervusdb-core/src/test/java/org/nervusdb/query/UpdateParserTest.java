package org.nervusdb.query;

import org.nervusdb.QuerySyntaxException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Query;
import org.nervusdb.query.algebra.Update;

/** SPARQL 1.1 Update requests parsed: the operations they give, and the requests refused. */
class UpdateParserTest {
    private static final String INT = "^^<http://www.w3.org/2001/XMLSchema#integer>";

    private static Update parse(String text) {
        return Sparql.parseUpdate(text, "http://b/");
    }

    private static String show(String text) {
        return parse(text).toString();
    }

    private static void rejects(String text, int line, int column, String message) {
        assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(QuerySyntaxException.class)
                .hasMessage("line " + line + ", column " + column + ": " + message);
    }

    @Test
    void insertAndDeleteData() {
        assertThat(show("PREFIX : <http://e/> INSERT DATA { :s :p 1, 'x'@EN ; :q :o . GRAPH :g { :s :p :o } :t :p :o }"))
                .isEqualTo("[INSERT DATA [<http://e/s> <http://e/p> \"1\"" + INT + ", <http://e/s> <http://e/p> \"x\"@en,"
                        + " <http://e/s> <http://e/q> <http://e/o>, GRAPH <http://e/g> <http://e/s> <http://e/p> <http://e/o>,"
                        + " <http://e/t> <http://e/p> <http://e/o>]]");
        Update.InsertData data = (Update.InsertData) parse("INSERT DATA { GRAPH <g> { <s> <p> <o> } }").operations.get(0);
        assertThat(data.quads.get(0).graph).isEqualTo(Node.term("http://b/g"));
        assertThat(data.base).isEqualTo("http://b/");
        assertThat(show("DELETE DATA { <s> <p> <o> . GRAPH <g> { } }"))
                .isEqualTo("[DELETE DATA [<http://b/s> <http://b/p> <http://b/o>]]");
        assertThat(show("INSERT DATA { }")).isEqualTo("[INSERT DATA []]");
    }

    @Test
    void insertDataBlankNodesAreTermsOnePerLabel() {
        Update.InsertData data = (Update.InsertData) parse("INSERT DATA { _:x <p> [ <q> _:x ] . GRAPH <g> { _:x <r> ( 1 ) } }")
                .operations.get(0);
        assertThat(data.quads.toString()).isEqualTo("[_:b0 <http://b/q> _:x, _:x <http://b/p> _:b0,"
                + " GRAPH <http://b/g> _:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"1\"" + INT + ","
                + " GRAPH <http://b/g> _:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>"
                + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>, GRAPH <http://b/g> _:x <http://b/r> _:b1]");
        assertThat(data.quads.get(0).s.isVar()).isFalse();
    }

    @Test
    void modify() {
        Update.Modify m = (Update.Modify) parse("BASE <http://x/> PREFIX : <http://e/> WITH :g DELETE { ?s :p ?o } INSERT {"
                + " GRAPH ?h { ?s :q [ :r ?o ] } } USING <u1> USING NAMED <n1> WHERE { ?s :p ?o ; :in ?h"
                + " FILTER(?o != IRI('z')) }").operations.get(0);
        assertThat(m.with).isEqualTo("http://e/g");
        assertThat(m.delete.toString()).isEqualTo("[?s <http://e/p> ?o]");
        assertThat(m.insert.toString()).isEqualTo("[GRAPH ?h _:b0 <http://e/r> ?o, GRAPH ?h ?s <http://e/q> _:b0]");
        assertThat(m.using).containsExactly("http://x/u1");
        assertThat(m.usingNamed).containsExactly("http://x/n1");
        assertThat(m.deleteWhere).isFalse();
        assertThat(m.base).isEqualTo("http://x/");
        assertThat(m.graphOf(m.delete.get(0))).isEqualTo(Node.term("http://e/g"));
        assertThat(m.graphOf(m.insert.get(0))).isEqualTo(Node.var("h"));
        Query where = m.where;
        assertThat(where.form).isEqualTo(Query.Form.SELECT);
        assertThat(where.variables).containsExactly("s", "o", "h");
        assertThat(where.base).isEqualTo("http://x/");
        // USING and USING NAMED are the WHERE pattern's dataset, as FROM and FROM NAMED.
        assertThat(where.from).containsExactly("http://x/u1");
        assertThat(where.fromNamed).containsExactly("http://x/n1");
        assertThat(where.op.toString()).isEqualTo("Project(Filter([!=[?o, IRI[\"z\"]]], Bgp[?s <http://e/p> ?o,"
                + " ?s <http://e/in> ?h]), [s, o, h])");
        Update.Modify insertOnly = (Update.Modify) parse("INSERT { <a> <b> <c> } WHERE { GRAPH <g> { ?s ?p ?o } }").operations.get(0);
        assertThat(insertOnly.delete).isEmpty();
        assertThat(insertOnly.with).isNull();
        assertThat(insertOnly.graphOf(insertOnly.insert.get(0))).isNull();
        assertThat(insertOnly.where.variables).isEmpty();
        assertThat(insertOnly.where.from).isNull();
        assertThat(insertOnly.where.fromNamed).isNull();
        // WITH without USING: its graph is the default graph, and every named graph stays.
        Update.Modify with = (Update.Modify) parse("WITH <g> INSERT { ?s <p> 1 } WHERE { ?s ?p ?o }").operations.get(0);
        assertThat(with.where.from).containsExactly("http://b/g");
        assertThat(with.where.fromNamed).isNull();
        Update.Modify usingOnly = (Update.Modify) parse("WITH <g> DELETE { ?s <p> 1 } USING <u> WHERE { ?s ?p ?o }").operations.get(0);
        assertThat(usingOnly.where.from).containsExactly("http://b/u");
        assertThat(usingOnly.where.fromNamed).isEmpty();
    }

    @Test
    void deleteWhere() {
        Update.Modify m = (Update.Modify) parse("DELETE WHERE { ?s <p> ?o . GRAPH ?g { ?s <q> ?o } ?o <r> 1 }").operations.get(0);
        assertThat(m.deleteWhere).isTrue();
        assertThat(m.insert).isEmpty();
        assertThat(m.delete.toString()).isEqualTo("[?s <http://b/p> ?o, GRAPH ?g ?s <http://b/q> ?o, ?o <http://b/r> \"1\"" + INT + "]");
        assertThat(m.where.op.toString()).isEqualTo("Project(Join(Join(Bgp[?s <http://b/p> ?o], Graph(?g, Bgp[?s <http://b/q> ?o])),"
                + " Bgp[?o <http://b/r> \"1\"" + INT + "]), [s, o, g])");
        assertThat(show("DELETE WHERE { }")).isEqualTo("[DELETE WHERE []]");
    }

    @Test
    void graphManagement() {
        assertThat(show("LOAD <doc> ; LOAD SILENT <doc> INTO GRAPH <g> ;"))
                .isEqualTo("[LOAD <http://b/doc>, LOAD SILENT <http://b/doc> INTO GRAPH <http://b/g>]");
        assertThat(show("CLEAR GRAPH <g>; CLEAR SILENT DEFAULT; DROP NAMED; drop silent all; CREATE GRAPH <g>; CREATE SILENT GRAPH <h>"))
                .isEqualTo("[CLEAR GRAPH <http://b/g>, CLEAR SILENT DEFAULT, DROP NAMED, DROP SILENT ALL,"
                        + " CREATE GRAPH <http://b/g>, CREATE SILENT GRAPH <http://b/h>]");
        assertThat(show("ADD DEFAULT TO <g>; MOVE SILENT GRAPH <g> TO DEFAULT; COPY <a> TO GRAPH <b>"))
                .isEqualTo("[ADD DEFAULT TO <http://b/g>, MOVE SILENT <http://b/g> TO DEFAULT, COPY <http://b/a> TO <http://b/b>]");
        Update.Clear c = (Update.Clear) parse("DROP GRAPH <g>").operations.get(0);
        assertThat(c.drop).isTrue();
        assertThat(c.target).isEqualTo(Update.Target.GRAPH);
        assertThat(c.graph).isEqualTo("http://b/g");
        Update.Transfer t = (Update.Transfer) parse("MOVE DEFAULT TO <g>").operations.get(0);
        assertThat(t.kind).isEqualTo(Update.TransferKind.MOVE);
        assertThat(t.source).isNull();
        assertThat(t.target).isEqualTo("http://b/g");
    }

    @Test
    void prologuesBetweenOperations() {
        Update u = parse("PREFIX : <http://one/> INSERT DATA { :a :b :c } ; BASE <http://two/> PREFIX p: <q/> INSERT DATA { :a p:b <c> }");
        assertThat(u.toString()).isEqualTo("[INSERT DATA [<http://one/a> <http://one/b> <http://one/c>],"
                + " INSERT DATA [<http://one/a> <http://two/q/b> <http://two/c>]]");
        assertThat(u.operations.get(0).base).isEqualTo("http://b/");
        assertThat(u.operations.get(1).base).isEqualTo("http://two/");
        assertThat(parse("").operations).isEmpty();
        assertThat(parse("# nothing\nBASE <http://x/> PREFIX : <y>").operations).isEmpty();
    }

    @Test
    void blankNodeLabelsOfPatternsBelongToTheirOperation() {
        assertThat(parse("DELETE { ?s <p> ?o } WHERE { _:a <p> ?o . ?s <q> _:a } ;"
                + " INSERT { ?s <p> 1 } WHERE { _:a <r> ?s }").operations).hasSize(2);
        // INSERT DATA's labels are its own: one label in two GRAPH blocks of one block is one node.
        assertThat(parse("INSERT DATA { GRAPH <g1> { _:b1 <p> <o> } GRAPH <g2> { _:b1 <p> <o> } }").operations).hasSize(1);
        rejects("INSERT DATA { _:b1 <p> <o> } ;\nINSERT DATA { _:b1 <p> <o> }", 2, 15,
                "blank node _:b1 is already used by an earlier INSERT DATA of this request; its blank node labels belong to it alone");
        rejects("INSERT DATA { _:b1 <p> <o> } ; INSERT { _:b1 <p> ?o } WHERE { ?s ?p ?o }", 1, 41,
                "blank node _:b1 is already used by an earlier INSERT DATA of this request; its blank node labels belong to it alone");
    }

    @Test
    void dataAndDeleteRules() {
        rejects("DELETE DATA { ?s <p> <o> }", 1, 15,
                "variables are not allowed in INSERT DATA or DELETE DATA (INSERT ... WHERE and DELETE WHERE take patterns)");
        rejects("INSERT DATA { <s> ?p <o> }", 1, 19,
                "variables are not allowed in INSERT DATA or DELETE DATA (INSERT ... WHERE and DELETE WHERE take patterns)");
        rejects("INSERT DATA { GRAPH ?g { <s> <p> <o> } }", 1, 21,
                "variables are not allowed in INSERT DATA or DELETE DATA (INSERT ... WHERE and DELETE WHERE take patterns)");
        rejects("DELETE DATA { _:a <p> <o> }", 1, 15, "blank nodes are not allowed in DELETE DATA");
        rejects("DELETE DATA { <s> <p> ( 1 ) }", 1, 23, "blank nodes are not allowed in DELETE DATA");
        rejects("DELETE WHERE { _:a <p> <o> }", 1, 16, "blank nodes are not allowed in DELETE WHERE (use variables)");
        rejects("DELETE { <s> <p> [] } WHERE { ?x <p> <o> }", 1, 18,
                "blank nodes are not allowed in a DELETE template (use variables)");
        rejects("DELETE DATA { GRAPH <G> { <s> <p> <o> . GRAPH <G1> { <s> <p1> 'o1' } } }", 1, 41,
                "expected '}' but found 'GRAPH'");
        rejects("INSERT DATA { <s> <p>/<q> <o> }", 1, 22, "expected a variable, an IRI, a literal or a blank node but found '/'");
        rejects("INSERT DATA { <a> <b> <c> <d> <e> <f> }", 1, 27, "expected '.', GRAPH or '}' but found '<d>'");
    }

    @Test
    void grammar() {
        rejects("LOAD ;", 1, 6, "expected an IRI but found ';'");
        rejects("CREATE DEAFULT", 1, 8, "expected GRAPH but found 'DEAFULT'");
        rejects("INSERT WHERE { ?s ?p ?o }", 1, 8, "expected '{' but found 'WHERE'");
        rejects("CREATE GRAPH <g>\nLOAD <remote>", 2, 1, "expected ';' between operations or the end of the request but found 'LOAD'");
        rejects("CREATE GRAPH <g> ;; LOAD <r>", 1, 19,
                "expected an update operation (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY or WITH) but found ';'");
        rejects("CLEAR <g>", 1, 7, "expected GRAPH, DEFAULT, NAMED or ALL after CLEAR but found '<g>'");
        rejects("COPY <a> <b>", 1, 10, "expected TO but found '<b>'");
        rejects("ADD NAMED TO <b>", 1, 5, "expected DEFAULT, GRAPH <...> or an IRI but found 'NAMED'");
        rejects("WITH <g> DELETE WHERE { ?s ?p ?o }", 1, 10, "expected DELETE { or INSERT { after WITH <...> but found 'DELETE'");
        rejects("DELETE { ?s ?p ?o } { ?s ?p ?o }", 1, 21, "expected WHERE but found '{'");
        rejects("INSERT { ?s ?p ?o } USING NAMED ?g WHERE { }", 1, 33, "expected an IRI but found '?g'");
        rejects("SELECT * { }", 1, 1, "this is a query (SELECT), not an update request; run it with Sparql.parse or Sparql.execute");
        rejects("INSERT DATA { <a> <b> <c> ", 1, 27, "expected '.', GRAPH or '}' but found the end of the request");
        rejects("INSERT DATA { <a> <b> x:c }", 1, 23, "undefined prefix 'x:' (declare it with PREFIX x: <...>)");
    }

    @Test
    void patternRulesStillApplyInWhere() {
        rejects("DELETE { ?s <p> ?o } WHERE { _:a <p> ?o OPTIONAL { _:a <q> ?s } }", 1, 52,
                "blank node _:a is already used in another basic graph pattern; a blank node label belongs to one"
                        + " (use a variable to join across patterns)");
        rejects("INSERT { ?s <p> ?x } WHERE { ?s <p> ?o BIND(1 AS ?o) }", 1, 50,
                "?o is already in scope here; BIND must introduce a new variable");
    }

    @Test
    void queriesRefuseUpdatesAndUpdatesRefuseQueries() {
        assertThatThrownBy(() -> Sparql.parse("DELETE WHERE { ?s ?p ?o }", null)).isInstanceOf(QuerySyntaxException.class)
                .hasMessage("line 1, column 1: this is a SPARQL Update request (DELETE), not a query; parse it with Sparql.parseUpdate");
        assertThatThrownBy(() -> Sparql.parseUpdate(null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void deepNestingEndsInASyntaxError() {
        String deep = "INSERT { ?s <p> ?o } WHERE " + "{".repeat(600) + "}".repeat(600);
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(QuerySyntaxException.class).hasMessageContaining("nested too deeply");
    }
}
