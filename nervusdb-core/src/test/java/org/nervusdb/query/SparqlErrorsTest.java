package org.nervusdb.query;

import org.nervusdb.QuerySyntaxException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Malformed queries: each ends in a QuerySyntaxException that names the place and the problem. */
class SparqlErrorsTest {

    static QuerySyntaxException error(String query) {
        try {
            Sparql.parse(query, null);
        } catch (QuerySyntaxException e) {
            return e;
        }
        throw new AssertionError("expected a syntax error for: " + query);
    }

    static void rejects(String query, String messagePart) {
        assertThat(error(query).getMessage()).as(query).contains(messagePart);
    }

    static void rejectsAt(String query, int line, int column, String messagePart) {
        QuerySyntaxException e = error(query);
        assertThat(e.getMessage()).as(query).contains(messagePart);
        assertThat(e.line()).as("line of: " + e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of: " + e.getMessage()).isEqualTo(column);
    }

    @Nested
    class Positions {
        @Test
        void unexpectedKeywordInATemplate() {
            rejectsAt("CONSTRUCT { ?s ?p ?o FILTER(?o) } WHERE {}", 1, 22, "expected '}' but found 'FILTER'");
        }

        @Test
        void lineAndColumnOnALaterLine() {
            QuerySyntaxException e = error("PREFIX : <http://e/>\nSELECT *\nWHERE {\n  ?s :p ?o\n  ?s :q ?z }");
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.column()).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo("line 5, column 3: expected '.' or '}' but found '?s'");
        }

        @Test
        void carriageReturnsEndLines() {
            rejectsAt("SELECT *\r\nWHERE {\r?s ?p }", 3, 7, "expected a variable, an IRI, a literal or a blank node but found '}'");
        }

        @Test
        void endOfQuery() {
            rejectsAt("SELECT * WHERE { ?s ?p ?o ", 1, 27, "but found the end of the query");
            rejectsAt("", 1, 1, "expected SELECT, CONSTRUCT, DESCRIBE or ASK but found the end of the query");
            rejectsAt("  # only a comment\n", 2, 1, "the end of the query");
        }

        @Test
        void trailingText() {
            rejectsAt("SELECT * {} }", 1, 13, "expected the end of the query but found '}'");
            rejectsAt("ASK {} LIMIT 1 LIMIT 2", 1, 16, "expected the end of the query but found 'LIMIT'");
        }

        @Test
        void longTokensAreAbbreviated() {
            String longIri = "<http://example.org/a/very/long/iri/that/goes/on/and/on/and/on>";
            assertThat(error("SELECT * { ?s ?p ?o " + longIri + " }").getMessage())
                    .contains("but found '<http://example.org/a/very/long/iri/that...'");
        }

        @Test
        void undefinedPrefix() {
            rejectsAt("PREFIX a: <http://a/>\nSELECT * { ?s b:p ?o }", 2, 15,
                    "undefined prefix 'b:' (declare it with PREFIX b: <...>)");
        }
    }

    @Nested
    class Lexical {
        @Test
        void strings() {
            rejectsAt("SELECT * { ?s ?p \"abc }", 1, 18, "string is not closed");
            rejectsAt("SELECT * { ?s ?p 'a\nb' }", 1, 20, "line break in a string");
            rejectsAt("SELECT * { ?s ?p \"a\\qb\" }", 1, 20, "invalid escape sequence '\\q' in a string");
            rejectsAt("SELECT * { ?s ?p \"\\u12G4\" }", 1, 19, "must be followed by 4 hexadecimal digits");
            rejects("SELECT * { ?s ?p \"\\UFFFFFFFF\" }", "is not a Unicode character");
            rejects("SELECT * { ?s ?p \"\\uD800\" }", "is not a Unicode character");
            rejects("SELECT * { ?s ?p '''abc'' }", "string is not closed");
            rejects("SELECT * { ?s ?p \"abc\\", "string is not closed");
        }

        @Test
        void prefixedNames() {
            rejectsAt("PREFIX : <http://e/> SELECT * { :a :b :c\\:z }", 1, 41, "invalid escape '\\:' in a prefixed name");
            rejects("PREFIX : <http://e/> SELECT * { :a :b :c%2 }", "'%' in a prefixed name must be followed by two hexadecimal digits");
            rejects("PREFIX ex:ex: <http://e/> ASK {}", "expected a prefix such as ex: after PREFIX but found 'ex:ex:'");
            rejects("PREFIX :: <http://e/> ASK {}", "expected a prefix such as ex:");
            rejects("PREFIX 1: <http://e/> ASK {}", "expected a prefix such as ex:");
            rejects("PREFIX x: ASK {}", "expected an IRI in angle brackets after PREFIX x:");
            rejects("BASE x: ASK {}", "expected an IRI in angle brackets after BASE");
        }

        @Test
        void unexpectedCharacters() {
            rejectsAt("SELECT * { ?s ?p ?o ~ }", 1, 21, "unexpected character '~'");
            rejects("SELECT * { ?s ?p ?o \u0001 }", "unexpected character U+0001");
            rejects("SELECT * { FILTER(?a & ?b) }", "unexpected character '&' (did you mean '&&'?)");
            rejects("SELECT $ { }", "'$' must start a variable name");
            rejects("SELECT * { _x ?p ?o }", "unexpected character '_'");
            rejects("SELECT * { ?s ?p _: }", "'_:' must be followed by a blank node label");
            rejects("SELECT * { ?s ?p \"x\"@ }", "'@' must be followed by a language tag");
            rejects("SELECT * { <a b> ?p ?o }", "expected '}' but found '<'");
        }

        @Test
        void iriEscapesMustNotHideForbiddenCharacters() {
            rejects("SELECT * { <a\\u0020b> ?p ?o }", "stands for a character that is not allowed in an IRI");
        }

        @Test
        void longestTokenMakesAnIriOfLessThanExpressions() {
            // "<?a&&?b>" is an IRI, so this is "?x <iri> ?y": not an expression.
            rejects("SELECT * WHERE { FILTER (?x<?a&&?b>?y) }", "expected ')' but found '<?a&&?b>'");
        }

        @Test
        void signedNumbersAreOneToken() {
            rejects("SELECT * { ?s ?p - 1 }", "expected a variable, an IRI, a literal or a blank node but found '-'");
        }
    }

    @Nested
    class Grammar {
        @Test
        void queryForms() {
            rejects("SELECT", "expected a variable, '(' or '*' after SELECT but found the end of the query");
            rejects("SELECT ?x", "expected WHERE or '{'");
            rejects("CONSTRUCT", "expected WHERE");
            rejects("DESCRIBE WHERE {}", "expected a variable, an IRI or '*' after DESCRIBE");
            rejectsAt("INSERT DATA { <a> <b> <c> }", 1, 1,
                    "this is a SPARQL Update request (INSERT), not a query; parse it with Sparql.parseUpdate");
            assertThat(error("DELETE WHERE { ?s ?p ?o }").getMessage()).doesNotContain("CONSTRUCT").doesNotContain("DESCRIBE");
            rejects("SELECT (?x +?y) {}", "expected AS ?name after the expression but found ')'");
            rejects("SELECT COUNT(*) {}", "expected a variable, '(' or '*' after SELECT but found 'COUNT'");
            rejects("SELECT (SUM(?x,?y) AS ?S) {}", "expected ')' but found ','");
            rejects("SELECT * { {} SELECT * { ?s ?p ?o } }", "expected '}' but found 'SELECT'");
        }

        @Test
        void triples() {
            rejects("SELECT * { . }", "expected '}' but found '.'");
            rejects("SELECT * { ?s ?p ?o . . }", "expected '}' but found '.'");
            rejects("SELECT * { ?s ?p ?o .. }", "expected '}' but found '.'");
            rejects("SELECT * { ?s ?p ?o ?s ?p ?o }", "expected '.' or '}' but found '?s'");
            rejects("SELECT * { ; FILTER(?x) }", "expected '}' but found ';'");
            rejects("SELECT * { <s> ; <p> <o> }", "expected a predicate but found ';'");
            rejects("SELECT * { <s> <p> ; }", "expected a variable, an IRI, a literal or a blank node but found ';'");
            rejects("SELECT * { <s> , <p> <o> }", "expected a predicate but found ','");
            rejects("SELECT * { <s> <p> <o> , }", "but found '}'");
            rejects("SELECT * { <s> [] <o> }", "expected a predicate but found '['");
            rejects("SELECT * { <s> _:a <o> }", "expected a predicate but found '_:a'");
            rejects("SELECT * { <s> \"p\" <o> }", "expected a predicate but found '\"p\"'");
            rejects("SELECT * { [] . }", "expected a predicate but found '.'");
            rejects("SELECT * { () }", "expected a predicate but found '}'");
            rejects("SELECT * { <a> }", "expected a predicate but found '}'");
            rejects("SELECT * { [,] <p> [;] . }", "expected a predicate or ']' but found ','");
            rejects("SELECT * { ?s ?p (1 2 }", "but found '}'");
            rejects("SELECT * { ?s ?p (1 2", "expected ')' but found the end of the query");
            rejects("SELECT * { ?s ?p [ ?q ?o }", "expected ']' but found '}'");
        }

        @Test
        void groupPatterns() {
            rejects("SELECT * { OPTIONAL FILTER (?x) }", "expected '{' but found 'FILTER'");
            rejects("SELECT * { ?s ?p ?o UNION ?s ?p ?o }", "expected '}' but found 'UNION'");
            rejects("SELECT * { GRAPH [] { } }", "expected a variable or an IRI after GRAPH but found '['");
            rejects("SELECT * { SERVICE \"x\" { } }", "expected a variable or an IRI after SERVICE");
            rejects("SELECT * { ?s ?p ?o FILTER ?x }", "expected '(' or a function call but found '?x'");
            rejects("SELECT * { FILTER <f> }", "expected '(' after the function name");
            rejects("SELECT * { BIND(1 ?x) }", "expected AS ?name after the expression but found '?x'");
            rejects("SELECT * { BIND(1 AS 2) }", "expected a variable but found '2'");
            rejects("SELECT * { VALUES ?x { ?y } }", "expected an IRI, a literal or UNDEF but found '?y'");
            rejects("SELECT * { VALUES ?x { _:b } }", "expected an IRI, a literal or UNDEF but found '_:b'");
            rejects("SELECT * { VALUES { } }", "expected a variable or '(' after VALUES");
            rejects("SELECT * { FILTER(NOT ?x) }", "expected an expression but found 'NOT'");
            rejects("SELECT * { FILTER(EXISTS ?x) }", "expected '{' after EXISTS");
            rejects("SELECT * { MINUS }", "expected '{' but found '}'");
            rejects("SELECT * { FOO }", "expected '}' but found 'FOO'");
        }

        @Test
        void paths() {
            rejects("SELECT * { ?s <a>/ ?o }", "expected a property path (an IRI, 'a', '^', '!' or '(') but found '?o'");
            rejects("SELECT * { ?s <a>| ?o }", "property path");
            rejects("SELECT * { ?s !(^?x) ?o }", "expected an IRI or 'a' in a negated property set");
            rejects("SELECT * { ?s (<a> ?o }", "expected ')' but found '?o'");
            rejects("SELECT * { ?s ^^<a> ?o }", "expected a predicate but found '^^'");
            rejects("SELECT * { ?s <a>{2} ?o }", "but found '{'");
            rejects("CONSTRUCT { ?s <a>/<b> ?o } {}", "but found '/'");
            rejects("CONSTRUCT WHERE { ?s <a>/<b> ?o }", "but found '/'");
            rejects("CONSTRUCT { ?s ^<a> ?o } {}", "property paths are not allowed in a CONSTRUCT template");
            rejects("CONSTRUCT WHERE { ?s (<a>) ?o }", "property paths are not allowed in CONSTRUCT WHERE");
        }

        @Test
        void expressions() {
            rejects("SELECT * { FILTER(1 = 2 = 3) }", "comparisons cannot be chained");
            rejects("SELECT * { FILTER(?a < ?b > ?c) }", "comparisons cannot be chained");
            rejects("SELECT * { FILTER(!!?a) }", "expected an expression but found '!'");
            rejects("SELECT * { FILTER() }", "expected an expression but found ')'");
            rejects("SELECT * { FILTER(?a +) }", "expected an expression but found ')'");
            rejects("SELECT * { FILTER(?a IN ?b) }", "expected '(' after IN");
            rejects("SELECT * { FILTER(?a NOT IN 1) }", "expected '(' after NOT IN");
            rejects("SELECT * { FILTER(_:x) }", "expected an expression but found '_:x'");
            rejects("SELECT * { FILTER(STRLEN(?a, ?b)) }", "STRLEN takes 1 argument, not 2");
            rejects("SELECT * { FILTER(RAND(1)) }", "RAND takes no arguments, not 1");
            rejects("SELECT * { FILTER(IF(?a, ?b)) }", "IF takes 3 arguments, not 2");
            rejects("SELECT * { FILTER(REGEX(?a)) }", "REGEX takes 2 or 3 arguments, not 1");
            rejects("SELECT * { FILTER(REPLACE(?a, 1)) }", "REPLACE takes 3 or 4 arguments, not 2");
            rejects("SELECT * { FILTER(STR) }", "expected '(' after STR but found ')'");
            rejects("SELECT * { FILTER(BOUND(1)) }", "BOUND takes a variable");
            rejects("SELECT * { FILTER(<f>(DISTINCT ?x)) }", "DISTINCT is only supported in the built-in aggregates");
            rejects("SELECT * { FILTER(CONCAT(?a,)) }", "expected an expression but found ')'");
            rejects("SELECT * { FILTER(?x = \"a\"^^?t) }", "expected a datatype IRI after '^^'");
            rejects("SELECT * { FILTER(FOO(?x)) }", "expected an expression but found 'FOO'");
            rejects("SELECT (GROUP_CONCAT(?x ; SEPARATOR = 1) AS ?g) {}", "expected a string after SEPARATOR =");
            rejects("SELECT (GROUP_CONCAT(?x ; SEP = \",\") AS ?g) {}", "expected SEPARATOR");
        }

        @Test
        void solutionModifiers() {
            rejects("SELECT * {} ORDER BY", "expected a variable, '(', ASC, DESC or a function call after ORDER BY");
            rejects("SELECT * {} ORDER BY DESC ?x", "expected '(' after DESC");
            rejects("SELECT ?x {} GROUP BY", "expected a variable, '(' or a function call after GROUP BY");
            rejects("SELECT ?x {} GROUP BY ?x HAVING ?x", "expected '(' or a function call but found '?x'");
            rejects("SELECT * {} LIMIT", "expected a whole number after LIMIT");
            rejects("SELECT * {} LIMIT -1", "expected a whole number after LIMIT but found '-'");
            rejects("SELECT * {} LIMIT 1.5", "expected a whole number after LIMIT");
            rejects("SELECT * {} VALUES (?x ?y) { (1 2) (3) }", "this VALUES row has 1 value but there are 2 variables");
            rejects("SELECT * {} VALUES ?x { (1) }", "expected an IRI, a literal or UNDEF but found '('");
            rejects("SELECT * {} VALUES (?x ?x) { }", "?x appears twice in VALUES");
            rejects("SELECT * {} VALUES () { (1) }", "this VALUES row has 1 value but there are 0 variables");
        }
    }

    @Nested
    class StaticRules {
        @Test
        void selectStarWithGroupBy() {
            rejectsAt("SELECT * { ?s ?p ?o } GROUP BY ?s", 1, 8, "SELECT * cannot be used with GROUP BY or aggregates");
            rejects("SELECT * { ?s ?p ?o } HAVING (COUNT(*) > 1)", "SELECT * cannot be used with GROUP BY or aggregates");
        }

        @Test
        void ungroupedVariables() {
            rejectsAt("SELECT ?o { ?s ?p ?o } GROUP BY ?s", 1, 8, "?o is neither grouped nor aggregated");
            rejects("SELECT ?P (COUNT(?O) AS ?C) WHERE { ?S ?P ?O }", "?P is neither grouped nor aggregated");
            rejects("SELECT ((?a + ?b) AS ?c) (COUNT(?a) AS ?n) { ?s <p> ?a ; <q> ?b } GROUP BY (?a + ?b)",
                    "the expression for ?c uses ?a, which is neither grouped nor aggregated");
            rejects("SELECT ?a (COUNT(?b) AS ?n) { ?s <p> ?a ; <q> ?b } GROUP BY (?a + ?b)",
                    "?a is neither grouped nor aggregated");
            rejects("SELECT ?event ?name { ?photo <illustrates> ?event { SELECT ?event ?name { ?event <title> ?name } } }"
                    + " GROUP BY ?event", "?name is neither grouped nor aggregated");
        }

        @Test
        void groupedVariablesAndAggregatesMayBeProjected() {
            Sparql.parse("SELECT ?s ?k (COUNT(?o) AS ?n) (?n + 1 AS ?m) { ?s ?p ?o } GROUP BY ?s (?p AS ?k)", null);
        }

        @Test
        void selectExpressionMustIntroduceANewVariable() {
            rejectsAt("SELECT (1 AS ?X) (1 AS ?X) {}", 1, 24, "?X is already used in this SELECT");
            rejects("SELECT ?x (1 AS ?x) {}", "?x is already used in this SELECT");
            rejects("SELECT (?o + 1 AS ?o) { ?s ?p ?o }", "?o is already bound by the query pattern");
            rejects("SELECT (1 AS ?X) { SELECT (2 AS ?X) {} }", "?X is already bound by the query pattern");
            rejects("SELECT (1 AS ?x) {} VALUES ?x { 1 }", "?x is already bound by the query pattern");
        }

        @Test
        void selectScopesOfSubSelectsAreSeparate() {
            Sparql.parse("SELECT * { { SELECT (1 AS ?X) {} } UNION { SELECT (2 AS ?X) {} } }", null);
            Sparql.parse("SELECT * { { SELECT (1 AS ?X) {} } { SELECT (1 AS ?X) {} } }", null);
        }

        @Test
        void bindMustIntroduceANewVariable() {
            rejectsAt("SELECT * { <s> <p> ?o . <s> <q> ?o1 . BIND((1 + ?o) AS ?o1) }", 1, 56, "?o1 is already in scope here");
            rejects("SELECT * { { <s> <p> ?o . <s> <q> ?o1 } BIND((1 + ?o) AS ?o1) }", "?o1 is already in scope here");
            rejects("SELECT * { { { <s> <p> ?Y } UNION { <s> <p> ?Z } } BIND(1 AS ?Y) }", "?Y is already in scope here");
            rejects("SELECT * { OPTIONAL { <s> <p> ?y } BIND(1 AS ?y) }", "?y is already in scope here");
            rejects("SELECT * { BIND(1 AS ?y) BIND(2 AS ?y) }", "?y is already in scope here");
            rejects("SELECT * { VALUES ?y { 1 } BIND(2 AS ?y) }", "?y is already in scope here");
            rejects("SELECT * { { SELECT ?y {} } BIND(2 AS ?y) }", "?y is already in scope here");
        }

        @Test
        void bindMayUseVariablesOutOfItsScope() {
            Sparql.parse("SELECT * { <s> <p> ?o . BIND((1 + ?o) AS ?o1) <s> <q> ?o1 }", null);
            Sparql.parse("SELECT * { <s> <p> ?o . <s> <q> ?o1 { BIND((1 + ?o) AS ?o1) } }", null);
            Sparql.parse("SELECT * { { BIND(1 AS ?Y) } UNION { <s> <p> ?Y } }", null);
            Sparql.parse("SELECT * { FILTER(?y) BIND(1 AS ?y) }", null);
            Sparql.parse("SELECT * { MINUS { ?s ?p ?y } BIND(1 AS ?y) }", null);
        }

        @Test
        void aggregatesOnlyInSelectHavingAndOrderBy() {
            rejectsAt("SELECT * { ?s ?p ?o FILTER(COUNT(?o) > 1) }", 1, 28, "the aggregate COUNT is not allowed here");
            rejects("SELECT * { BIND(SUM(?o) AS ?x) }", "the aggregate SUM is not allowed here");
            rejects("SELECT ?x { ?s ?p ?o } GROUP BY (COUNT(?o) AS ?x)", "the aggregate COUNT is not allowed here");
            rejects("SELECT (SUM(COUNT(?o)) AS ?x) { ?s ?p ?o }", "the aggregate COUNT is not allowed here");
            rejects("SELECT (COUNT(*) AS ?n) { ?s ?p ?o FILTER EXISTS { ?a ?b ?c FILTER(MAX(?c)) } }",
                    "the aggregate MAX is not allowed here");
            rejects("SELECT (EXISTS { FILTER(MIN(?c)) } AS ?e) {}", "the aggregate MIN is not allowed here");
            rejects("SELECT * { ?s ?p ?o } HAVING COUNT(*) > 1", "expected the end of the query but found '>'");
        }

        @Test
        void blankNodeLabelsBelongToOneBasicGraphPattern() {
            String[] bad = {
                "SELECT * { _:a ?p ?v . { _:a ?q 1 } }",
                "SELECT * { { _:a ?p ?v . } _:a ?q 1 }",
                "SELECT * { { _:a ?p ?v . } UNION { _:a ?q 1 } }",
                "SELECT * { _:a ?p ?v . OPTIONAL { _:a ?q 1 } }",
                "ASK { _:who <homepage> ?h GRAPH ?g { ?someone <made> ?h } _:who <school> ?s }",
                "ASK { _:who <homepage> ?h OPTIONAL { ?someone <made> ?h } _:who <school> ?s }",
                "ASK { _:who <homepage> ?h { ?a <made> ?h } UNION { ?h <maker> ?a } _:who <school> ?s }",
                "ASK { _:a <p> ?x BIND(1 AS ?y) _:a <q> ?z }",
                "ASK { _:a <p> ?x FILTER EXISTS { _:a <q> ?z } }",
                "ASK { _:a <p> ?x { SELECT * { _:a <q> ?z } } }",
            };
            for (String q : bad) {
                rejects(q, "blank node _:");
            }
            QuerySyntaxException e = error("SELECT * {\n _:a ?p ?v .\n OPTIONAL { _:a ?q 1 } }");
            assertThat(e.getMessage()).isEqualTo("line 3, column 13: blank node _:a is already used in another basic graph"
                    + " pattern; a blank node label belongs to one (use a variable to join across patterns)");
        }

        @Test
        void blankNodeLabelsOfTheTemplateAreIndependent() {
            Sparql.parse("CONSTRUCT { _:a <p> ?o . _:a <q> 1 } WHERE { _:a <p> ?o }", null);
        }

        @Test
        void constructWhereTakesTriplesOnly() {
            rejects("CONSTRUCT WHERE { ?s ?p ?o FILTER ( ?o = <o1>) }", "expected '.' or '}' (CONSTRUCT WHERE takes triple patterns only) but found 'FILTER'");
            rejects("CONSTRUCT WHERE { GRAPH <g> { ?s ?p ?o } }", "expected a triple pattern or '}' (CONSTRUCT WHERE takes triple patterns only)");
        }
    }

    @Nested
    class Limits {
        private String repeat(String s, int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(s);
            }
            return sb.toString();
        }

        private String[] nested(int n) {
            return new String[] {
                "SELECT * { FILTER(" + repeat("(", n) + "1" + repeat(")", n) + ") }",
                "SELECT * { FILTER(" + repeat("1||(", n) + "1" + repeat(")", n) + ") }",
                "SELECT * { FILTER(" + repeat("-(1 * (1 = (1 && (1 || (", n / 5) + "1" + repeat(")", 5 * (n / 5)) + ") }",
                "SELECT * " + repeat("{ ", n) + repeat("} ", n),
                "SELECT * " + repeat("{ OPTIONAL ", n - 1) + "{}" + repeat("} ", n - 1),
                "SELECT * { ?s <p> " + repeat("[ <p> ", n - 1) + "1" + repeat("] ", n - 1) + "}",
                "SELECT * { ?s <p> " + repeat("( ", n - 1) + "1" + repeat(") ", n - 1) + "}",
                "SELECT * { ?s " + repeat("(", n - 1) + "<p>" + repeat(")", n - 1) + " ?o }",
                "SELECT * { ?s " + repeat("^(", n - 1) + "<p>" + repeat(")*", n - 1) + " ?o }",
                "SELECT * { FILTER(" + repeat("EXISTS { FILTER(", n / 2 - 1) + "1" + repeat(") }", n / 2 - 1) + ") }",
                "SELECT * " + repeat("{ SELECT * ", n - 1) + "{}" + repeat("} ", n - 1),
            };
        }

        @Test
        void deepestNestingParsesOnAThreadWithAOneMegabyteStack() throws InterruptedException {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread t = new Thread(null, () -> {
                try {
                    for (String q : nested(SparqlParser.MAX_NESTING - 5)) {
                        Sparql.parse(q, null);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "parse", 1 << 20);
            t.start();
            t.join();
            assertThat(failure.get()).isNull();
        }

        @Test
        void deeperNestingIsASyntaxError() {
            for (String q : nested(SparqlParser.MAX_NESTING + 5)) {
                rejects(q, "the query is nested too deeply (more than 500 levels)");
            }
        }

        @Test
        void veryDeepNestingEndsQuickly() {
            rejects("SELECT * { FILTER(" + repeat("(", 1_000_000) + ") }", "nested too deeply");
            rejects("SELECT * " + repeat("{", 1_000_000), "nested too deeply");
        }

        @Test
        void longOperatorChainsAreLimitedByTreeDepth() {
            Sparql.parse("SELECT * { FILTER(" + repeat("?x = 1 || ", 900) + "false) }", null);
            rejects("SELECT * { FILTER(" + repeat("?x = 1 || ", 5000) + "false) }",
                    "its operators, joins and unions nest more than 1000 levels deep");
            rejects("SELECT * { {} " + repeat("UNION { ?s ?p ?o } ", 2000) + "}", "more than 1000 levels deep");
            rejects("SELECT * { " + repeat("OPTIONAL { ?s ?p ?o } ", 2000) + "}", "more than 1000 levels deep");
            rejects("SELECT * { ?s " + repeat("<p>/", 2000) + "<p> ?o }", "more than 1000 levels deep");
        }

        @Test
        void longFlatListsAreFine() {
            Sparql.parse("SELECT * { FILTER(?x IN (" + repeat("1, ", 20_000) + "2)) }", null);
            Sparql.parse("SELECT * { ?s <p> " + repeat("1, ", 20_000) + "2 }", null);
            Sparql.parse("SELECT * { VALUES ?x { " + repeat("1 ", 20_000) + "} }", null);
        }
    }

    @Test
    void nullQueryIsACallerError() {
        assertThatThrownBy(() -> Sparql.parse(null, null)).isInstanceOf(NullPointerException.class);
    }
}
