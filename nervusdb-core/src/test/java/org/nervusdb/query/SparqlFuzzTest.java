package org.nervusdb.query;

import org.nervusdb.QuerySyntaxException;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nervusdb.testing.Seeds;

/**
 * Valid queries with random edits (characters and tokens deleted, inserted, swapped, repeated,
 * cut off): the parser either accepts the text or throws a QuerySyntaxException with a place,
 * never anything else, and always ends. The seed is printed; replay with -Dnervusdb.seed=N.
 */
class SparqlFuzzTest {
    static final String[] CORPUS = {
        "PREFIX : <http://example.org/> SELECT ?s ?o WHERE { ?s :p ?o ; :q \"x\"@en , 'y'^^:t . FILTER(?o > 1) }",
        "SELECT DISTINCT * { ?s a <C> OPTIONAL { ?s <p> ?o FILTER(!BOUND(?o) || ?o != <a>) } } ORDER BY DESC(?s) LIMIT 10 OFFSET 2",
        "SELECT ?s (COUNT(DISTINCT ?o) AS ?n) (GROUP_CONCAT(?o ; SEPARATOR=\", \") AS ?all) { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(*) > 1)",
        "ASK { { ?a <p> ?b } UNION { ?b <q> ?a } MINUS { ?a <r> 1.5e3 } }",
        "CONSTRUCT { ?s <p> [ <q> ( 1 2 _:x ) ] } WHERE { ?s <p> ?o BIND(STRLEN(?o) AS ?len) VALUES (?s ?o) { (<a> UNDEF) (<b> \"c\") } }",
        "CONSTRUCT WHERE { ?s <p> _:b . _:b <q> [] }",
        "DESCRIBE <alice> ?x WHERE { ?x <knows>/<name>* \"Bob\" }",
        "PREFIX ex: <http://ex/> SELECT * { ?s ex:p1|^ex:p2/ex:p3+ ?o . ?o !(ex:a|^ex:b) ?z . ?z (ex:c/ex:d)? ?w }",
        "SELECT * { GRAPH ?g { ?s ?p ?o } SERVICE SILENT <http://remote/> { ?o ?q ?r } }",
        "SELECT (IF(isIRI(?x), STR(?x), CONCAT(\"a\", LCASE(?y))) AS ?z) { ?x ?y ?w FILTER(REGEX(?w, \"^a.*\", \"i\")) }",
        "SELECT * { ?x <p> ?y FILTER(?y IN (1, 2, -3) && ?y NOT IN ()) FILTER NOT EXISTS { ?y <q> ?x } }",
        "SELECT ?x { { SELECT ?x (MAX(?v) AS ?m) { ?x <v> ?v } GROUP BY ?x } FILTER(?m >= 10) }",
        "BASE <http://base/> PREFIX : <rel#> SELECT * FROM <g> FROM NAMED <h> WHERE { <a> :b \"\"\"long\nstring\"\"\" }",
        "SELECT ?x (SUM(?v) / COUNT(?v) AS ?avg) { ?x <v> ?v } GROUP BY ?x (STR(?x) AS ?k) ORDER BY ?avg ASC(?k) LIMIT 5",
        "SELECT * { ?s <p> \"esc\\t\\\"\\u00e9\" , '''multi\nline''' , true , false , +7 , -0.5 , .5 }",
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT * WHERE { ?s ?p ?o . FILTER(?o = xsd:integer(\"1\")) }"
                + " VALUES ?s { <a> <b> }",
        "SELECT * { BIND(NOW() AS ?t) BIND(YEAR(?t) AS ?y) FILTER(sameTerm(?t, ?t) && isNumeric(?y)) }",
        "SELECT ?s { ?s <p> ?o } ORDER BY (?o + 1) STR(?s) <http://f>(?o)",
        "SELECT * { [] <p> [ <q> [ <r> () ] ] ; <s> ( ( 1 ) [] ) }",
        "SELECT (SAMPLE(?o) AS ?x) (MIN(?o) AS ?mi) (AVG(?o) AS ?av) { ?s ?p ?o }",
    };

    static final String CHARACTERS = "{}()[]<>?$_:.,;'\"\\#@^|/!&=+-*0123456789aeEuU xyz%~\n\t";

    static final String[] TOKENS = {
        "SELECT", "WHERE", "{", "}", "(", ")", "[", "]", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "SERVICE",
        "BIND", "VALUES", "AS", "?x", "$y", "<a>", "\"s\"", "'t'", "1", "2.5", "-3", "1e9", "_:b", "[]", "()", "a",
        "^", "/", "|", "*", "+", "?", "!", "&&", "||", "=", "<", ">=", "IN", "NOT", "EXISTS", "NOT EXISTS", "COUNT(",
        "COUNT(*)", "SUM(", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "OFFSET", "DISTINCT", "UNDEF", "PREFIX",
        "BASE", "ex:", ":", "\\u0041", "'''", "\"\"\"", "#", "@en", "^^", ".", ";", ",", "SELECT *", "ASK",
        "CONSTRUCT", "DESCRIBE", "FROM", "NAMED", "SEPARATOR", "REGEX(", "STR(", "BOUND(", "IF(", "SILENT",
    };

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedQueriesEitherParseOrFailWithASyntaxError() {
        long seed = Seeds.base();
        int iterations = 20_000 * Seeds.scale();
        System.out.println("SparqlFuzzTest: " + iterations + " mutated queries from seed " + seed
                + " (replay with -Dnervusdb.seed=" + seed + ")");
        Random random = new Random(seed);
        int parsed = 0;
        for (int i = 0; i < iterations; i++) {
            String query = CORPUS[random.nextInt(CORPUS.length)];
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                query = mutate(query, random);
            }
            String base = random.nextBoolean() ? null : "http://example.org/base/";
            try {
                Sparql.parse(query, base);
                parsed++;
            } catch (QuerySyntaxException e) {
                assertThat(e.line()).isGreaterThanOrEqualTo(1);
                assertThat(e.column()).isGreaterThanOrEqualTo(1);
            } catch (Throwable t) {
                throw new AssertionError("-Dnervusdb.seed=" + seed + ", iteration " + i + ": " + t + "\nquery: " + query, t);
            }
        }
        System.out.println("SparqlFuzzTest: " + parsed + " of " + iterations + " mutated queries still parsed");
    }

    @Test
    void theCorpusParses() {
        for (String q : CORPUS) {
            Sparql.parse(q, null);
        }
    }

    static String mutate(String q, Random r) {
        int n = q.length();
        int at = n == 0 ? 0 : r.nextInt(n + 1);
        switch (r.nextInt(8)) {
            case 0: // delete one character
                return n == 0 || at == n ? q : q.substring(0, at) + q.substring(at + 1);
            case 1: // insert a character
                return q.substring(0, at) + CHARACTERS.charAt(r.nextInt(CHARACTERS.length())) + q.substring(at);
            case 2: // swap two neighbours
                if (at + 1 >= n) {
                    return q;
                }
                return q.substring(0, at) + q.charAt(at + 1) + q.charAt(at) + q.substring(at + 2);
            case 3: // insert a token
                return q.substring(0, at) + " " + TOKENS[r.nextInt(TOKENS.length)] + " " + q.substring(at);
            case 4: { // delete a range
                int end = Math.min(n, at + 1 + r.nextInt(12));
                return q.substring(0, at) + q.substring(end);
            }
            case 5: { // repeat a range
                int end = Math.min(n, at + 1 + r.nextInt(20));
                return q.substring(0, end) + q.substring(at, end) + q.substring(end);
            }
            case 6: // cut off
                return q.substring(0, at);
            default: { // replace a character by any character, sometimes outside ASCII
                if (at == n) {
                    return q;
                }
                char c = r.nextInt(4) == 0 ? (char) r.nextInt(0x10000) : CHARACTERS.charAt(r.nextInt(CHARACTERS.length()));
                return q.substring(0, at) + c + q.substring(at + 1);
            }
        }
    }
}
