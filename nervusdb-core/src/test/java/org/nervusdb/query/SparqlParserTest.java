package org.nervusdb.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;
import org.nervusdb.query.algebra.Path;
import org.nervusdb.query.algebra.Query;

/** Query text to algebra: each construct of the SPARQL 1.1 query grammar and its translation. */
class SparqlParserTest {

    static Query parse(String text) {
        return Sparql.parse(text, null);
    }

    /** The algebra as text, with the XSD and RDF namespaces abbreviated. */
    static String show(Object o) {
        return o.toString().replace("http://www.w3.org/2001/XMLSchema#", "xsd:")
                .replace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:");
    }

    /** The pattern of {@code PREFIX : <> SELECT * <group>}, below its projection. */
    static String pattern(String group) {
        Op op = parse("PREFIX : <> SELECT * " + group).op;
        assertThat(op).isInstanceOf(Op.Project.class);
        return show(((Op.Project) op).op);
    }

    /** The one FILTER expression of {@code SELECT * { FILTER(<expr>) }}. */
    static Expr expr(String expression) {
        Op op = ((Op.Project) parse("PREFIX : <> SELECT * { FILTER(" + expression + ") }").op).op;
        return ((Op.Filter) op).exprs.get(0);
    }

    static String showExpr(String expression) {
        return show(expr(expression));
    }

    static final String INT = "^^<xsd:integer>";

    @Nested
    class Terms {
        @Test
        void relativeIrisStayRelativeWithoutABase() {
            assertThat(pattern("{ <alice> <knows> <bob> }")).isEqualTo("Bgp[<alice> <knows> <bob>]");
        }

        @Test
        void relativeIrisResolveAgainstTheBaseArgument() {
            Query q = Sparql.parse("SELECT * { <../c> <#p> <> }", "http://ex.org/a/b");
            assertThat(show(q.op)).isEqualTo(
                    "Project(Bgp[<http://ex.org/c> <http://ex.org/a/b#p> <http://ex.org/a/b>], [])");
        }

        @Test
        void baseInTheQueryResolvesAgainstTheArgumentAndAppliesToPrefixes() {
            Query q = Sparql.parse("BASE <dir/> PREFIX x: <sub/> SELECT * { <s> x:p <http://abs/o> }", "http://ex.org/root/");
            assertThat(show(q.op)).contains(
                    "<http://ex.org/root/dir/s> <http://ex.org/root/dir/sub/p> <http://abs/o>");
        }

        @Test
        void prefixedNames() {
            assertThat(pattern("{ ?s <p> ?o }")).isEqualTo("Bgp[?s <p> ?o]");
            Query q = parse("PREFIX ex: <http://ex.org/> PREFIX : <http://d/> SELECT * { ex:a :b ex:c.d:e }");
            assertThat(show(q.op)).contains("<http://ex.org/a> <http://d/b> <http://ex.org/c.d:e>");
        }

        @Test
        void localNamesWithEscapesPercentsColonsAndDigits() {
            Query q = parse("PREFIX : <http://e/> SELECT * { :a\\~b :c%20d :1.2 . :x :: :y: }");
            assertThat(show(q.op)).contains("<http://e/a~b> <http://e/c%20d> <http://e/1.2>",
                    "<http://e/x> <http://e/:> <http://e/y:>");
        }

        @Test
        void literals() {
            String p = pattern("{ ?s <p> \"plain\", 'single', \"tagged\"@EN-gb, \"typed\"^^<http://t/x>,"
                    + " \"s\"^^<http://www.w3.org/2001/XMLSchema#string> }");
            assertThat(p).isEqualTo("Bgp[?s <p> \"plain\", ?s <p> \"single\", ?s <p> \"tagged\"@en-GB,"
                    + " ?s <p> \"typed\"^^<http://t/x>, ?s <p> \"s\"]");
        }

        @Test
        void stringEscapesAndLongStrings() {
            String p = pattern("{ ?s <p> \"a\\tb\\\"c\\\\d\\u00e9\\U0001F600\", '''x\n'y''z''', \"\"\"q\"\"r\"\"\" }");
            assertThat(p).isEqualTo("Bgp[?s <p> \"a\tb\\\"c\\\\d\u00e9\uD83D\uDE00\", ?s <p> \"x\\n'y''z\","
                    + " ?s <p> \"q\\\"\\\"r\"]");
        }

        @Test
        void numbersAreTypedLiteralsAsWritten() {
            String p = pattern("{ ?s <p> 1, -2, +3, 1.50, -.5, 1e3, 2.5E-2, 1.e2 }");
            assertThat(p).isEqualTo("Bgp[?s <p> \"1\"" + INT + ", ?s <p> \"-2\"" + INT + ", ?s <p> \"+3\"" + INT
                    + ", ?s <p> \"1.50\"^^<xsd:decimal>, ?s <p> \"-.5\"^^<xsd:decimal>, ?s <p> \"1e3\"^^<xsd:double>,"
                    + " ?s <p> \"2.5E-2\"^^<xsd:double>, ?s <p> \"1.e2\"^^<xsd:double>]");
        }

        @Test
        void integerBeforeTheDotThatEndsATriple() {
            assertThat(pattern("{ ?s <p> 7. ?s <q> 8 }")).isEqualTo(
                    "Bgp[?s <p> \"7\"" + INT + ", ?s <q> \"8\"" + INT + "]");
        }

        @Test
        void booleansAndA() {
            assertThat(pattern("{ ?s a <C>; <p> true, FALSE }")).isEqualTo("Bgp[?s <rdf:type> <C>,"
                    + " ?s <p> \"true\"^^<xsd:boolean>, ?s <p> \"false\"^^<xsd:boolean>]");
        }

        @Test
        void variablesWithBothMarkers() {
            assertThat(pattern("{ ?x <p> $x, ?_1, ?\u00e9t\u00e9 }")).isEqualTo(
                    "Bgp[?x <p> ?x, ?x <p> ?_1, ?x <p> ?\u00e9t\u00e9]");
        }

        @Test
        void blankNodesBecomeUnprojectedVariables() {
            Query q = parse("SELECT * { _:a <p> [] . [] <q> _:a }");
            assertThat(show(q.op)).isEqualTo("Project(Bgp[?_:a <p> ?_:#b1, ?_:#b2 <q> ?_:a], [])");
            assertThat(q.variables).isEmpty();
        }

        @Test
        void blankNodePropertyLists() {
            assertThat(pattern("{ ?s <p> [ <q> 1 ; <r> [ <t> ?x ] ] }")).isEqualTo(
                    "Bgp[?_:#b1 <q> \"1\"" + INT + ", ?_:#b2 <t> ?x, ?_:#b1 <r> ?_:#b2, ?s <p> ?_:#b1]");
            assertThat(pattern("{ [ <p> ?o ] }")).isEqualTo("Bgp[?_:#b1 <p> ?o]");
            assertThat(pattern("{ [ <p> ?o ] <q> ?z }")).isEqualTo("Bgp[?_:#b1 <p> ?o, ?_:#b1 <q> ?z]");
        }

        @Test
        void collections() {
            assertThat(pattern("{ ?s <p> (1 ?x) }")).isEqualTo("Bgp[?_:#b1 <rdf:first> \"1\"" + INT
                    + ", ?_:#b1 <rdf:rest> ?_:#b2, ?_:#b2 <rdf:first> ?x, ?_:#b2 <rdf:rest> <rdf:nil>, ?s <p> ?_:#b1]");
            assertThat(pattern("{ (?a) <p> () }")).isEqualTo(
                    "Bgp[?_:#b1 <rdf:first> ?a, ?_:#b1 <rdf:rest> <rdf:nil>, ?_:#b1 <p> <rdf:nil>]");
            assertThat(pattern("{ ((?a)) }")).isEqualTo("Bgp[?_:#b1 <rdf:first> ?a, ?_:#b1 <rdf:rest> <rdf:nil>,"
                    + " ?_:#b2 <rdf:first> ?_:#b1, ?_:#b2 <rdf:rest> <rdf:nil>]");
        }

        @Test
        void predicateObjectListsWithRepeatedSemicolons() {
            assertThat(pattern("{ ?s <p> 1, 2 ;; <q> ?o ; }")).isEqualTo("Bgp[?s <p> \"1\"" + INT + ", ?s <p> \"2\""
                    + INT + ", ?s <q> ?o]");
        }

        @Test
        void commentsAndCodepointEscapesInNames() {
            Query q = parse("# a comment\nPREFIX : <http://e/> # another\nSELECT * { <\\u0078> :\\u0070 ?x\\u0078 } # end");
            assertThat(show(q.op)).isEqualTo("Project(Bgp[<x> <http://e/p> ?xx], [xx])");
        }

        @Test
        void lessThanIsAnIriOnlyWhenItReadsAsOne() {
            assertThat(showExpr("?a<?b && ?c > ?d")).isEqualTo("&&[<[?a, ?b], >[?c, ?d]]");
            assertThat(showExpr("?a <= ?b")).isEqualTo("<=[?a, ?b]");
            assertThat(showExpr("?x = <a?b&c>")).isEqualTo("=[?x, <a?b&c>]");
        }
    }

    @Nested
    class GroupPatterns {
        @Test
        void emptyGroup() {
            assertThat(pattern("{}")).isEqualTo("Bgp[]");
            assertThat(pattern("{ {} }")).isEqualTo("Bgp[]");
        }

        @Test
        void consecutiveElementsJoin() {
            assertThat(pattern("{ ?s <p> ?o { ?o <q> ?z } ?z <r> 1 }")).isEqualTo(
                    "Join(Join(Bgp[?s <p> ?o], Bgp[?o <q> ?z]), Bgp[?z <r> \"1\"" + INT + "])");
            assertThat(pattern("{ { ?o <q> ?z } }")).isEqualTo("Bgp[?o <q> ?z]");
        }

        @Test
        void filtersApplyToTheWholeGroupAndDoNotSplitTheBasicGraphPattern() {
            assertThat(pattern("{ FILTER(?o > 1) ?s <p> ?o FILTER(?z) . ?o <q> ?z }")).isEqualTo(
                    "Filter([>[?o, \"1\"" + INT + "], ?z], Bgp[?s <p> ?o, ?o <q> ?z])");
        }

        @Test
        void innerGroupFiltersStayInside() {
            assertThat(pattern("{ ?s <p> ?o { ?o <q> ?z FILTER(?z) } }")).isEqualTo(
                    "Join(Bgp[?s <p> ?o], Filter([?z], Bgp[?o <q> ?z]))");
        }

        @Test
        void optionalTakesItsOwnFiltersIntoTheLeftJoin() {
            assertThat(pattern("{ ?s <p> ?o OPTIONAL { ?o <q> ?z FILTER(?z) FILTER(?o) } }")).isEqualTo(
                    "LeftJoin(Bgp[?s <p> ?o], Bgp[?o <q> ?z], &&[?z, ?o])");
            assertThat(pattern("{ ?s <p> ?o OPTIONAL { ?o <q> ?z } }")).isEqualTo(
                    "LeftJoin(Bgp[?s <p> ?o], Bgp[?o <q> ?z])");
        }

        @Test
        void optionalOfANestedGroupKeepsTheFilterInside() {
            assertThat(pattern("{ ?s <p> ?o OPTIONAL { { ?o <q> ?z FILTER(?z) } } }")).isEqualTo(
                    "LeftJoin(Bgp[?s <p> ?o], Filter([?z], Bgp[?o <q> ?z]))");
        }

        @Test
        void optionalFirstHasAnEmptyLeftSide() {
            assertThat(pattern("{ OPTIONAL { ?s <p> ?o } }")).isEqualTo("LeftJoin(Bgp[], Bgp[?s <p> ?o])");
        }

        @Test
        void optionalsChainToTheLeft() {
            assertThat(pattern("{ ?s <p> ?o OPTIONAL { ?s <a> ?a } OPTIONAL { ?s <b> ?b } ?s <c> ?c }")).isEqualTo(
                    "Join(LeftJoin(LeftJoin(Bgp[?s <p> ?o], Bgp[?s <a> ?a]), Bgp[?s <b> ?b]), Bgp[?s <c> ?c])");
        }

        @Test
        void unionIsLeftAssociative() {
            assertThat(pattern("{ { ?s <a> ?o } UNION { ?s <b> ?o } UNION { ?s <c> ?o } }")).isEqualTo(
                    "Union(Union(Bgp[?s <a> ?o], Bgp[?s <b> ?o]), Bgp[?s <c> ?o])");
        }

        @Test
        void unionBranchesKeepTheirFilters() {
            assertThat(pattern("{ { ?s <a> ?o FILTER(?o) } UNION { ?s <b> ?o } }")).isEqualTo(
                    "Union(Filter([?o], Bgp[?s <a> ?o]), Bgp[?s <b> ?o])");
        }

        @Test
        void minus() {
            assertThat(pattern("{ ?s <p> ?o MINUS { ?s <q> ?o } }")).isEqualTo(
                    "Minus(Bgp[?s <p> ?o], Bgp[?s <q> ?o])");
        }

        @Test
        void graphAndService() {
            assertThat(pattern("{ GRAPH ?g { ?s <p> ?o } GRAPH <g1> { } }")).isEqualTo(
                    "Join(Graph(?g, Bgp[?s <p> ?o]), Graph(<g1>, Bgp[]))");
            assertThat(pattern("{ ?s <p> ?o SERVICE <http://remote/sparql> { ?o <q> ?z } }")).isEqualTo(
                    "Join(Bgp[?s <p> ?o], Service(<http://remote/sparql>, Bgp[?o <q> ?z]))");
            Op op = ((Op.Project) parse("SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }").op).op;
            assertThat(op).isInstanceOf(Op.Service.class);
            Op.Service service = (Op.Service) op;
            assertThat(service.silent).isTrue();
            assertThat(service.endpoint).isEqualTo(Node.var("endpoint"));
        }

        @Test
        void bindExtendsAndEndsTheBasicGraphPattern() {
            assertThat(pattern("{ ?s <p> ?o BIND(?o + 1 AS ?z) ?z <q> ?w }")).isEqualTo(
                    "Join(Extend(Bgp[?s <p> ?o], ?z := +[?o, \"1\"" + INT + "]), Bgp[?z <q> ?w])");
            assertThat(pattern("{ BIND(1 AS ?one) }")).isEqualTo("Extend(Bgp[], ?one := \"1\"" + INT + ")");
        }

        @Test
        void inlineValues() {
            Op op = ((Op.Project) parse("SELECT * { ?s <p> ?o VALUES (?o ?z) { (1 <a>) (UNDEF \"x\") } }").op).op;
            assertThat(show(op)).isEqualTo("Join(Bgp[?s <p> ?o], Values([o, z], 2 rows))");
            Op.Values values = (Op.Values) ((Op.Join) op).right;
            assertThat(values.rows.get(0)).containsExactly("\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>", "a");
            assertThat(values.rows.get(1)).containsExactly(null, "\"x\"");
            Op one = ((Op.Project) parse("SELECT * { VALUES ?x { <a> <b> -3 true } }").op).op;
            assertThat(((Op.Values) one).rows).hasSize(4);
            assertThat(((Op.Values) one).rows.get(2)).containsExactly("\"-3\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            Op empty = ((Op.Project) parse("SELECT * { VALUES () { () () } }").op).op;
            assertThat(((Op.Values) empty).vars).isEmpty();
            assertThat(((Op.Values) empty).rows).hasSize(2);
        }

        @Test
        void existsAndNotExists() {
            assertThat(pattern("{ ?s <p> ?o FILTER EXISTS { ?o <q> ?z } FILTER(NOT EXISTS { ?o <r> 1 FILTER(?o) }) }"))
                    .isEqualTo("Filter([EXISTS Bgp[?o <q> ?z], NOT EXISTS Filter([?o], Bgp[?o <r> \"1\"" + INT
                            + "])], Bgp[?s <p> ?o])");
        }

        @Test
        void subSelect() {
            assertThat(pattern("{ ?s <p> ?o { SELECT ?o (COUNT(*) AS ?n) { ?o <q> ?z } GROUP BY ?o } }")).isEqualTo(
                    "Join(Bgp[?s <p> ?o], Project(Extend(Group(Bgp[?o <q> ?z], [(?o AS ?o)], [?_:#agg1 := COUNT(*)]),"
                            + " ?n := ?_:#agg1), [o, n]))");
        }

        @Test
        void dotsAfterGraphPatternsAreOptional() {
            assertThat(pattern("{ OPTIONAL { ?a <b> ?c } . ?x <y> ?z . FILTER(?x) . MINUS { } }")).isEqualTo(
                    "Filter([?x], Minus(Join(LeftJoin(Bgp[], Bgp[?a <b> ?c]), Bgp[?x <y> ?z]), Bgp[]))");
        }

        @Test
        void datasetClausesAndGraphPatternsAreNoted() {
            Query q = parse("SELECT * FROM <g1> FROM NAMED <g2> WHERE { ?s ?p ?o }");
            assertThat(show(q.op)).isEqualTo("Project(Bgp[?s ?p ?o], [s, p, o])");
            assertThat(q.namedGraphs).isEqualTo("FROM (line 1, column 10)");
            assertThat(parse("ASK FROM NAMED <g2> {}").namedGraphs).isEqualTo("FROM NAMED (line 1, column 5)");
            assertThat(parse("SELECT * {\n  OPTIONAL { GRAPH ?g { ?s ?p ?o } } }").namedGraphs).isEqualTo("GRAPH (line 2, column 14)");
            assertThat(parse("SELECT * { FILTER NOT EXISTS { GRAPH <g> {} } }").namedGraphs).startsWith("GRAPH");
            assertThat(parse("SELECT * { ?s ?p ?o }").namedGraphs).isNull();
        }

        @Test
        void blankNodeLabelsMayRepeatInOneBasicGraphPatternAcrossFilters() {
            assertThat(pattern("{ _:a <p> ?x FILTER(?x) _:a <q> ?y }")).isEqualTo(
                    "Filter([?x], Bgp[?_:a <p> ?x, ?_:a <q> ?y])");
        }
    }

    @Nested
    class PropertyPaths {
        String path(String p) {
            return pattern("{ ?s " + p + " ?o }");
        }

        String pathPattern(String p) {
            Op op = ((Op.Project) parse("PREFIX : <> SELECT * { ?s " + p + " ?o }").op).op;
            assertThat(op).isInstanceOf(Op.PathPattern.class);
            return show(((Op.PathPattern) op).path);
        }

        @Test
        void oneIriIsATriplePattern() {
            assertThat(path(":p")).isEqualTo("Bgp[?s <p> ?o]");
            assertThat(path("(:p)")).isEqualTo("Bgp[?s <p> ?o]");
            assertThat(path("a")).isEqualTo("Bgp[?s <rdf:type> ?o]");
        }

        @Test
        void inverseOfOneIriSwapsSubjectAndObject() {
            assertThat(path("^:p")).isEqualTo("Bgp[?o <p> ?s]");
            assertThat(path("^a")).isEqualTo("Bgp[?o <rdf:type> ?s]");
        }

        @Test
        void sequenceBindsTighterThanAlternative() {
            assertThat(pathPattern(":a/:b|:c")).isEqualTo("((<a> / <b>) | <c>)");
            assertThat(pathPattern(":a|:b/:c")).isEqualTo("(<a> | (<b> / <c>))");
            assertThat(pathPattern(":a/:b/:c")).isEqualTo("((<a> / <b>) / <c>)");
            assertThat(pathPattern(":a|:b|:c")).isEqualTo("((<a> | <b>) | <c>)");
        }

        @Test
        void inverseAppliesToOneElementAndModifiersBindTighterThanInverse() {
            assertThat(pathPattern("^:a/:b")).isEqualTo("(^(<a>) / <b>)");
            assertThat(pathPattern(":a/^:b")).isEqualTo("(<a> / ^(<b>))");
            assertThat(pathPattern("^:a*")).isEqualTo("^((<a>)*)");
            assertThat(pathPattern("^(:a/:b)")).isEqualTo("^((<a> / <b>))");
        }

        @Test
        void modifiers() {
            assertThat(pathPattern(":a*")).isEqualTo("(<a>)*");
            assertThat(pathPattern(":a+")).isEqualTo("(<a>)+");
            assertThat(pathPattern(":a?")).isEqualTo("(<a>)?");
            assertThat(pathPattern("(:a/:b)*/:c")).isEqualTo("(((<a> / <b>))* / <c>)");
            assertThat(pathPattern(":a+|:b?")).isEqualTo("((<a>)+ | (<b>)?)");
        }

        @Test
        void negatedPropertySets() {
            Op op = ((Op.Project) parse("PREFIX : <> SELECT * { ?s !(:a|^:b|a|^a) ?o }").op).op;
            Path.NegatedSet set = (Path.NegatedSet) ((Op.PathPattern) op).path;
            assertThat(set.forward).containsExactly("a", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
            assertThat(set.inverse).containsExactly("b", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
            assertThat(pathPattern("!:a")).isEqualTo("!([a] ^[])");
            assertThat(pathPattern("!^:a")).isEqualTo("!([] ^[a])");
            assertThat(pathPattern("!()")).isEqualTo("!([] ^[])");
            assertThat(pathPattern("!:a/:b")).isEqualTo("(!([a] ^[]) / <b>)");
            assertThat(pathPattern("!:a*")).isEqualTo("(!([a] ^[]))*");
        }

        @Test
        void pathsBetweenTriplesJoinAdjacentBasicGraphPatterns() {
            assertThat(pattern("{ ?s :p ?x . ?x :q+ ?y . ?y :r ?z ; :t ?w }")).isEqualTo(
                    "Join(Join(Bgp[?s <p> ?x], Path(?x (<q>)+ ?y)), Bgp[?y <r> ?z, ?y <t> ?w])");
        }

        @Test
        void pathWithAnObjectList() {
            assertThat(pattern("{ ?s :p/:q ?a, ?b }")).isEqualTo(
                    "Join(Path(?s (<p> / <q>) ?a), Path(?s (<p> / <q>) ?b))");
        }

        @Test
        void pathsInsideBlankNodesAndCollections() {
            assertThat(pattern("{ ?s ?p ( [ :p*/:q 1 ] ) }")).isEqualTo(
                    "Join(Path(?_:#b1 ((<p>)* / <q>) \"1\"" + INT + "), Bgp[?_:#b2 <rdf:first> ?_:#b1,"
                            + " ?_:#b2 <rdf:rest> <rdf:nil>, ?s ?p ?_:#b2])");
        }

        @Test
        void variablePredicate() {
            assertThat(pattern("{ ?s ?p ?o }")).isEqualTo("Bgp[?s ?p ?o]");
        }
    }

    @Nested
    class Expressions {
        @Test
        void multiplicationBindsTighterThanAddition() {
            assertThat(showExpr("1 + 2 * 3")).isEqualTo("+[\"1\"" + INT + ", *[\"2\"" + INT + ", \"3\"" + INT + "]]");
            assertThat(showExpr("(1 + 2) * 3")).isEqualTo("*[+[\"1\"" + INT + ", \"2\"" + INT + "], \"3\"" + INT + "]");
        }

        @Test
        void arithmeticIsLeftAssociative() {
            assertThat(showExpr("?a - ?b - ?c")).isEqualTo("-[-[?a, ?b], ?c]");
            assertThat(showExpr("?a / ?b * ?c")).isEqualTo("*[/[?a, ?b], ?c]");
        }

        @Test
        void logicalPrecedence() {
            assertThat(showExpr("?a || ?b && ?c")).isEqualTo("||[?a, &&[?b, ?c]]");
            assertThat(showExpr("?a && ?b || ?c")).isEqualTo("||[&&[?a, ?b], ?c]");
            assertThat(showExpr("?a = ?b && ?c < ?d + 1")).isEqualTo(
                    "&&[=[?a, ?b], <[?c, +[?d, \"1\"" + INT + "]]]");
            assertThat(showExpr("?a || ?b || ?c")).isEqualTo("||[||[?a, ?b], ?c]");
        }

        @Test
        void unaryOperatorsBindTightest() {
            assertThat(showExpr("!?a = ?b")).isEqualTo("=[![?a], ?b]");
            assertThat(showExpr("- ?a * ?b")).isEqualTo("*[u-[?a], ?b]");
            assertThat(showExpr("+?a")).isEqualTo("u+[?a]");
            assertThat(showExpr("!(?a || ?b)")).isEqualTo("![||[?a, ?b]]");
            assertThat(showExpr("-(1)")).isEqualTo("u-[\"1\"" + INT + "]");
        }

        @Test
        void signedNumbers() {
            assertThat(showExpr("-1")).isEqualTo("\"-1\"" + INT);
            assertThat(showExpr("?x -1")).isEqualTo("-[?x, \"1\"" + INT + "]");
            assertThat(showExpr("?x+1")).isEqualTo("+[?x, \"1\"" + INT + "]");
            assertThat(showExpr("?x * -1.5")).isEqualTo("*[?x, \"-1.5\"^^<xsd:decimal>]");
            assertThat(showExpr("?x - -1")).isEqualTo("-[?x, \"-1\"" + INT + "]");
            assertThat(showExpr("- 1")).isEqualTo("u-[\"1\"" + INT + "]");
        }

        @Test
        void comparisons() {
            for (String op : new String[] {"=", "!=", "<", ">", "<=", ">="}) {
                assertThat(showExpr("?a " + op + " ?b")).isEqualTo(op + "[?a, ?b]");
            }
        }

        @Test
        void inAndNotIn() {
            assertThat(showExpr("?x IN (1, ?y)")).isEqualTo("IN[?x, \"1\"" + INT + ", ?y]");
            assertThat(showExpr("?x not in ()")).isEqualTo("NOT IN[?x]");
            assertThat(showExpr("?x + 1 IN (2) && ?b")).isEqualTo("&&[IN[+[?x, \"1\"" + INT + "], \"2\"" + INT + "], ?b]");
        }

        @Test
        void builtInCallsAreUpperCase() {
            assertThat(showExpr("sameTerm(?a, ?b)")).isEqualTo("SAMETERM[?a, ?b]");
            assertThat(showExpr("isIri(?a) || isUri(?a) || isBlank(?a) || isLiteral(?a) || isNumeric(?a)")).isEqualTo(
                    "||[||[||[||[ISIRI[?a], ISURI[?a]], ISBLANK[?a]], ISLITERAL[?a]], ISNUMERIC[?a]]");
            assertThat(showExpr("str(?a) = lang(?b)")).isEqualTo("=[STR[?a], LANG[?b]]");
            assertThat(showExpr("bound(?x)")).isEqualTo("BOUND[?x]");
        }

        @Test
        void everyBuiltInCall() {
            String[][] calls = {
                {"STR(?a)", "STR"}, {"LANG(?a)", "LANG"}, {"LANGMATCHES(?a, \"en\")", "LANGMATCHES"},
                {"DATATYPE(?a)", "DATATYPE"}, {"BOUND(?a)", "BOUND"}, {"IRI(?a)", "IRI"}, {"URI(?a)", "URI"},
                {"BNODE()", "BNODE"}, {"BNODE(?a)", "BNODE"}, {"RAND()", "RAND"}, {"ABS(?a)", "ABS"},
                {"CEIL(?a)", "CEIL"}, {"FLOOR(?a)", "FLOOR"}, {"ROUND(?a)", "ROUND"}, {"CONCAT()", "CONCAT"},
                {"CONCAT(?a, ?b, ?c)", "CONCAT"}, {"SUBSTR(?a, 1)", "SUBSTR"}, {"SUBSTR(?a, 1, 2)", "SUBSTR"},
                {"STRLEN(?a)", "STRLEN"}, {"REPLACE(?a, \"x\", \"y\")", "REPLACE"},
                {"REPLACE(?a, \"x\", \"y\", \"i\")", "REPLACE"}, {"UCASE(?a)", "UCASE"}, {"LCASE(?a)", "LCASE"},
                {"ENCODE_FOR_URI(?a)", "ENCODE_FOR_URI"}, {"CONTAINS(?a, ?b)", "CONTAINS"},
                {"STRSTARTS(?a, ?b)", "STRSTARTS"}, {"STRENDS(?a, ?b)", "STRENDS"}, {"STRBEFORE(?a, ?b)", "STRBEFORE"},
                {"STRAFTER(?a, ?b)", "STRAFTER"}, {"YEAR(?a)", "YEAR"}, {"MONTH(?a)", "MONTH"}, {"DAY(?a)", "DAY"},
                {"HOURS(?a)", "HOURS"}, {"MINUTES(?a)", "MINUTES"}, {"SECONDS(?a)", "SECONDS"},
                {"TIMEZONE(?a)", "TIMEZONE"}, {"TZ(?a)", "TZ"}, {"NOW()", "NOW"}, {"UUID()", "UUID"},
                {"STRUUID()", "STRUUID"}, {"MD5(?a)", "MD5"}, {"SHA1(?a)", "SHA1"}, {"SHA256(?a)", "SHA256"},
                {"SHA384(?a)", "SHA384"}, {"SHA512(?a)", "SHA512"}, {"COALESCE(?a, 1)", "COALESCE"},
                {"COALESCE()", "COALESCE"}, {"IF(?a, 1, 2)", "IF"}, {"STRLANG(?a, \"en\")", "STRLANG"},
                {"STRDT(?a, <t>)", "STRDT"}, {"sameTerm(?a, ?b)", "SAMETERM"}, {"isIRI(?a)", "ISIRI"},
                {"isURI(?a)", "ISURI"}, {"isBLANK(?a)", "ISBLANK"}, {"isLITERAL(?a)", "ISLITERAL"},
                {"isNUMERIC(?a)", "ISNUMERIC"}, {"REGEX(?a, \"x\")", "REGEX"}, {"REGEX(?a, \"x\", \"i\")", "REGEX"},
            };
            for (String[] c : calls) {
                Expr e = expr(c[0]);
                assertThat(e).as(c[0]).isInstanceOf(Expr.Call.class);
                assertThat(((Expr.Call) e).name).as(c[0]).isEqualTo(c[1]);
                // FILTER takes a built-in call without brackets too.
                Op op = ((Op.Project) parse("SELECT * { FILTER " + c[0] + " }").op).op;
                assertThat(((Expr.Call) ((Op.Filter) op).exprs.get(0)).name).isEqualTo(c[1]);
            }
        }

        @Test
        void functionCallsByIri() {
            assertThat(showExpr("<http://f/g>(?a, 1)")).isEqualTo("<http://f/g>[?a, \"1\"" + INT + "]");
            Expr cast = ((Op.Filter) ((Op.Project) parse("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>"
                    + " SELECT * { FILTER(xsd:integer(?x) > 1) }").op).op).exprs.get(0);
            Expr.FunctionCall f = (Expr.FunctionCall) ((Expr.Call) cast).args.get(0);
            assertThat(f.iri).isEqualTo("http://www.w3.org/2001/XMLSchema#integer");
            assertThat(showExpr(":f()")).isEqualTo("<f>[]");
            assertThat(show(parse("SELECT * { FILTER <f>(?x) }").op)).isEqualTo("Project(Filter([<f>[?x]], Bgp[]), [])");
        }

        @Test
        void constantsInExpressions() {
            assertThat(showExpr("?x = <a> || ?x = :b || ?x = \"s\"@en || ?x = true")).isEqualTo(
                    "||[||[||[=[?x, <a>], =[?x, <b>]], =[?x, \"s\"@en]], =[?x, \"true\"^^<xsd:boolean>]]");
        }
    }

    @Nested
    class Aggregates {
        @Test
        void aggregatesWithoutGroupByMakeOneGroup() {
            Query q = parse("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }");
            assertThat(show(q.op)).isEqualTo(
                    "Project(Extend(Group(Bgp[?s ?p ?o], [], [?_:#agg1 := COUNT(*)]), ?n := ?_:#agg1), [n])");
            assertThat(q.variables).containsExactly("n");
        }

        @Test
        void everyAggregate() {
            Query q = parse("SELECT (COUNT(DISTINCT ?o) AS ?a) (SUM(?o) AS ?b) (MIN(?o) AS ?c) (MAX(?o) AS ?d)"
                    + " (AVG(?o) AS ?e) (SAMPLE(?o) AS ?f) (GROUP_CONCAT(?o) AS ?g)"
                    + " (GROUP_CONCAT(DISTINCT ?o ; SEPARATOR = \", \") AS ?h) (COUNT(DISTINCT *) AS ?i) { ?s ?p ?o }");
            Op.Group group = findGroup(q.op);
            assertThat(show(group.aggregates)).isEqualTo("[?_:#agg1 := COUNT(DISTINCT ?o), ?_:#agg2 := SUM(?o),"
                    + " ?_:#agg3 := MIN(?o), ?_:#agg4 := MAX(?o), ?_:#agg5 := AVG(?o), ?_:#agg6 := SAMPLE(?o),"
                    + " ?_:#agg7 := GROUP_CONCAT(?o), ?_:#agg8 := GROUP_CONCAT(DISTINCT ?o), ?_:#agg9 := COUNT(DISTINCT *)]");
            assertThat(group.aggregates.get(6).aggregate.separator).isEqualTo(" ");
            assertThat(group.aggregates.get(7).aggregate.separator).isEqualTo(", ");
            assertThat(group.aggregates.get(0).aggregate.separator).isNull();
            assertThat(group.aggregates.get(8).aggregate.arg).isNull();
        }

        @Test
        void equalAggregatesShareOneBindingAcrossSelectHavingAndOrderBy() {
            Query q = parse("SELECT ?s (COUNT(?o) AS ?n) (COUNT(?o) * 2 AS ?twice) { ?s ?p ?o } GROUP BY ?s"
                    + " HAVING (COUNT(?o) > 1 && SUM(?o) < 10) ORDER BY DESC(COUNT(?o)) AVG(?o)");
            assertThat(show(q.op)).isEqualTo("Project(OrderBy(Extend(Extend(Filter([&&[>[?_:#agg1, \"1\"" + INT
                    + "], <[?_:#agg2, \"10\"" + INT + "]]], Group(Bgp[?s ?p ?o], [(?s AS ?s)], [?_:#agg1 := COUNT(?o),"
                    + " ?_:#agg2 := SUM(?o), ?_:#agg3 := AVG(?o)])), ?n := ?_:#agg1), ?twice := *[?_:#agg1, \"2\"" + INT
                    + "]), [DESC(?_:#agg1), ASC(?_:#agg3)]), [s, n, twice])");
        }

        @Test
        void groupByKeys() {
            Query q = parse("PREFIX : <> SELECT ?s ?len ?k { ?s ?p ?o } GROUP BY ?s (STRLEN(?o) AS ?len) STR(?p)"
                    + " :f(?o) (?o + 1) (?p AS ?k)");
            Op.Group group = findGroup(q.op);
            assertThat(show(group.keys)).isEqualTo(
                    "[(?s AS ?s), (STRLEN[?o] AS ?len), STR[?p], <f>[?o], +[?o, \"1\"" + INT + "], (?p AS ?k)]");
            assertThat(group.aggregates).isEmpty();
        }

        @Test
        void selectExpressionsMayUseGroupKeysAndEarlierNames() {
            Query q = parse("SELECT (?s AS ?t) (STR(?t) AS ?u) (COUNT(*) + 1 AS ?n) { ?s ?p ?o } GROUP BY ?s");
            assertThat(q.variables).containsExactly("t", "u", "n");
        }

        @Test
        void havingWithoutGroupBy() {
            assertThat(show(parse("ASK { ?s ?p ?o } HAVING (COUNT(*) > 2)").op)).isEqualTo(
                    "Filter([>[?_:#agg1, \"2\"" + INT + "]], Group(Bgp[?s ?p ?o], [], [?_:#agg1 := COUNT(*)]))");
        }

        @Test
        void aggregateInsideAnExpression() {
            Query q = parse("SELECT (SUM(?o) / COUNT(?o) AS ?mean) { ?s ?p ?o }");
            assertThat(show(q.op)).contains("?mean := /[?_:#agg1, ?_:#agg2]");
        }

        @Test
        void subSelectsHaveTheirOwnAggregates() {
            Query q = parse("SELECT ?s ?n { ?s ?p ?o { SELECT (COUNT(*) AS ?n) { ?a ?b ?c } } }");
            assertThat(show(q.op)).isEqualTo("Project(Join(Bgp[?s ?p ?o], Project(Extend(Group(Bgp[?a ?b ?c], [],"
                    + " [?_:#agg1 := COUNT(*)]), ?n := ?_:#agg1), [n])), [s, n])");
        }

        private Op.Group findGroup(Op op) {
            while (!(op instanceof Op.Group)) {
                if (op instanceof Op.Project) {
                    op = ((Op.Project) op).op;
                } else if (op instanceof Op.Extend) {
                    op = ((Op.Extend) op).op;
                } else if (op instanceof Op.OrderBy) {
                    op = ((Op.OrderBy) op).op;
                } else if (op instanceof Op.Filter) {
                    op = ((Op.Filter) op).op;
                } else {
                    throw new AssertionError("no group in " + op);
                }
            }
            return (Op.Group) op;
        }
    }

    @Nested
    class SolutionModifiers {
        @Test
        void orderOfTheModifiers() {
            Query q = parse("SELECT DISTINCT ?s (STR(?o) AS ?t) { ?s ?p ?o } ORDER BY ?t LIMIT 5 OFFSET 10");
            assertThat(show(q.op)).isEqualTo(
                    "Slice(Distinct(Project(OrderBy(Extend(Bgp[?s ?p ?o], ?t := STR[?o]), [ASC(?t)]), [s, t])), 10, 5)");
        }

        @Test
        void reduced() {
            assertThat(show(parse("SELECT REDUCED ?s { ?s ?p ?o }").op)).isEqualTo(
                    "Reduced(Project(Bgp[?s ?p ?o], [s]))");
        }

        @Test
        void orderConditions() {
            Query q = parse("SELECT * { ?a ?b ?c } ORDER BY ?a DESC(?b) ASC(?c) STR(?a) (?b + 1) <f>(?c)");
            assertThat(show(q.op)).isEqualTo("Project(OrderBy(Bgp[?a ?b ?c], [ASC(?a), DESC(?b), ASC(?c), ASC(STR[?a]),"
                    + " ASC(+[?b, \"1\"" + INT + "]), ASC(<f>[?c])]), [a, b, c])");
        }

        @Test
        void limitAndOffsetInEitherOrder() {
            assertThat(show(parse("SELECT * {} OFFSET 3").op)).isEqualTo("Slice(Project(Bgp[], []), 3, -1)");
            assertThat(show(parse("SELECT * {} LIMIT 0").op)).isEqualTo("Slice(Project(Bgp[], []), 0, 0)");
            assertThat(show(parse("SELECT * {} OFFSET 2 LIMIT 4").op)).isEqualTo("Slice(Project(Bgp[], []), 2, 4)");
            assertThat(show(parse("SELECT * {} LIMIT 000000000000000000000009").op)).isEqualTo(
                    "Slice(Project(Bgp[], []), 0, 9)");
        }

        @Test
        void trailingValuesJoinsBeforeSelectExpressions() {
            Query q = parse("SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(*) > 1) VALUES ?s { <a> }");
            assertThat(show(q.op)).isEqualTo("Project(Extend(Join(Filter([>[?_:#agg1, \"1\"" + INT
                    + "]], Group(Bgp[?s ?p ?o], [(?s AS ?s)], [?_:#agg1 := COUNT(*)])), Values([s], 1 rows)),"
                    + " ?n := ?_:#agg1), [s, n])");
        }

        @Test
        void selectStarProjectsVisibleVariablesInOrderOfAppearance() {
            Query q = parse("SELECT * { ?b <p> _:x . [] <q> ?a OPTIONAL { ?a <r> ?c } BIND(1 AS ?d)"
                    + " { SELECT ?e { ?e ?hidden ?f } } } VALUES ?g { 1 }");
            assertThat(q.variables).containsExactly("b", "a", "c", "d", "e", "g");
        }

        @Test
        void explicitProjectionKeepsItsOrderAndDropsRepeats() {
            assertThat(parse("SELECT ?o ?s ?o ?never { ?s ?p ?o }").variables).containsExactly("o", "s", "never");
        }
    }

    @Nested
    class QueryForms {
        @Test
        void ask() {
            Query q = parse("ASK { ?s <p> ?o }");
            assertThat(q.form).isEqualTo(Query.Form.ASK);
            assertThat(show(q.op)).isEqualTo("Bgp[?s <p> ?o]");
            assertThat(q.variables).isEmpty();
            assertThat(show(parse("ASK WHERE { } LIMIT 1").op)).isEqualTo("Slice(Bgp[], 0, 1)");
        }

        @Test
        void construct() {
            Query q = parse("CONSTRUCT { ?s <p> [ <q> ?o ] . _:a <r> (1) } WHERE { ?s <p> ?o } ORDER BY ?s LIMIT 3");
            assertThat(q.form).isEqualTo(Query.Form.CONSTRUCT);
            assertThat(show(q.op)).isEqualTo("Slice(OrderBy(Bgp[?s <p> ?o], [ASC(?s)]), 0, 3)");
            assertThat(show(q.template)).isEqualTo("[_:b0 <q> ?o, ?s <p> _:b0, _:b1 <rdf:first> \"1\"" + INT
                    + ", _:b1 <rdf:rest> <rdf:nil>, _:a <r> _:b1]");
            for (Op.TriplePattern t : q.template) {
                assertThat(t.s.isVar() && t.s.var.startsWith("_:")).isFalse();
                assertThat(t.o.isVar() && t.o.var.startsWith("_:")).isFalse();
            }
        }

        @Test
        void constructTemplateLabelsAvoidTheTemplatesOwnLabels() {
            Query q = parse("CONSTRUCT { _:b0 <p> [] } WHERE { }");
            assertThat(show(q.template)).isEqualTo("[_:b0 <p> _:b1]");
        }

        @Test
        void constructTemplateBlankNodesAreIndependentOfThePattern() {
            Query q = parse("CONSTRUCT { _:a <p> ?o } WHERE { _:a <q> ?o }");
            assertThat(show(q.template)).isEqualTo("[_:a <p> ?o]");
            assertThat(show(q.op)).isEqualTo("Bgp[?_:a <q> ?o]");
        }

        @Test
        void constructWhere() {
            Query q = parse("CONSTRUCT WHERE { ?s <p> _:x . _:x <q> [] }");
            assertThat(show(q.op)).isEqualTo("Bgp[?s <p> ?_:x, ?_:x <q> ?_:#b1]");
            assertThat(show(q.template)).isEqualTo("[?s <p> _:x, _:x <q> _:b0]");
            assertThat(parse("CONSTRUCT WHERE { }").template).isEmpty();
        }

        @Test
        void emptyConstructTemplate() {
            assertThat(parse("CONSTRUCT {} { ?s ?p ?o }").template).isEmpty();
        }

        @Test
        void describe() {
            Query q = Sparql.parse("DESCRIBE <alice> ?x WHERE { ?x <knows> <alice> }", "http://ex.org/");
            assertThat(q.form).isEqualTo(Query.Form.DESCRIBE);
            assertThat(q.describe).containsExactly(Node.term("http://ex.org/alice"), Node.var("x"));
            assertThat(q.variables).containsExactly("x");
            assertThat(show(q.op)).isEqualTo("Project(Bgp[?x <http://ex.org/knows> <http://ex.org/alice>], [x])");
        }

        @Test
        void describeWithoutWhere() {
            Query q = parse("DESCRIBE <alice>");
            assertThat(q.describe).containsExactly(Node.term("alice"));
            assertThat(show(q.op)).isEqualTo("Project(Bgp[], [])");
        }

        @Test
        void describeStar() {
            Query q = parse("DESCRIBE * { ?s <p> ?o }");
            assertThat(q.describe).containsExactly(Node.var("s"), Node.var("o"));
            assertThat(q.variables).containsExactly("s", "o");
        }

        @Test
        void keywordsAreCaseInsensitive() {
            Query q = parse("prefix ex: <http://e/> select distinct ?s where { ?s ex:p ?o optional { ?o ex:q ?z } "
                    + "filter(?z) } order by desc(?s) limit 1");
            assertThat(show(q.op)).isEqualTo("Slice(Distinct(Project(OrderBy(Filter([?z], LeftJoin(Bgp[?s <http://e/p> ?o],"
                    + " Bgp[?o <http://e/q> ?z])), [DESC(?s)]), [s])), 0, 1)");
        }
    }
}
