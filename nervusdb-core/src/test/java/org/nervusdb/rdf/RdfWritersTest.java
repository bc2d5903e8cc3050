package org.nervusdb.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nervusdb.InvalidTermException;

class RdfWritersTest {
    private static final String[] LABELS = {"b1", "b.2", "_x", "9", "-1", "-2", "g-1", "u-0041", "a b", "", "x.", "é"};
    private static final String[] TEXTS = {"", "plain", "quote \" and \\ backslash", "line\nbreak\r\n", "tab\tnul\u0000bel\u0007del\u007f",
            "é 中文 😀", "'''", "\"\"\"", "end with quote\"", "#not a comment", "\\u0041 stays literal"};
    private static final String[] IRIS = {"http://ex.org/a", "http://ex.org/ns#b", "urn:x:y", "http://ex.org/ns#with.dot",
            "http://ex.org/ns#", "http://ex.org/é/😀", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "http://ex.org/ns#1st"};

    private static String randomTerm(Random r, boolean literalAllowed) {
        int kind = r.nextInt(literalAllowed ? 3 : 2);
        if (kind == 0) {
            return IRIS[r.nextInt(IRIS.length)];
        }
        if (kind == 1) {
            return RdfTerms.blank(LABELS[r.nextInt(LABELS.length)]);
        }
        String text = TEXTS[r.nextInt(TEXTS.length)];
        switch (r.nextInt(3)) {
            case 0:
                return RdfTerms.literal(text);
            case 1:
                return RdfTerms.literal(text, "en-GB", null);
            default:
                return RdfTerms.literal(text, null, IRIS[r.nextInt(IRIS.length)]);
        }
    }

    private static List<String[]> randomGraph(Random r, int n) {
        Set<List<String>> seen = new LinkedHashSet<>();
        while (seen.size() < n) {
            seen.add(List.of(randomTerm(r, false), IRIS[r.nextInt(IRIS.length)], randomTerm(r, true)));
        }
        List<String[]> out = new ArrayList<>();
        seen.forEach(t -> out.add(t.toArray(new String[0])));
        out.sort(Comparator.comparing((String[] t) -> t[0]).thenComparing(t -> t[1]));
        return out;
    }

    /** The graph with each blank label renamed as the writers rename it. */
    private static Set<List<String>> renamed(List<String[]> graph) {
        Set<List<String>> out = new HashSet<>();
        for (String[] t : graph) {
            List<String> row = new ArrayList<>();
            for (String term : t) {
                row.add(RdfTerms.isBlank(term) ? "_:" + TermFormat.blankLabel(RdfTerms.blankLabel(term)) : term);
            }
            out.add(row);
        }
        return out;
    }

    private static Set<List<String>> parsed(String text, boolean turtle) throws IOException {
        Set<List<String>> out = new HashSet<>();
        RdfSink sink = (s, p, o, g) -> out.add(List.of(s, p, o));
        if (turtle) {
            new TurtleParser().parse(new StringReader(text), sink);
        } else {
            NTriplesParser.nTriples().parse(new StringReader(text), sink);
        }
        return out;
    }

    @Test
    void blankLabelsAreRenamedInjectively() {
        Set<String> written = new HashSet<>();
        for (String label : LABELS) {
            String w = TermFormat.blankLabel(label);
            assertThat(TermFormat.validLabel(w)).as(w).isTrue();
            assertThat(written.add(w)).as(label).isTrue();
        }
        assertThat(TermFormat.blankLabel("b1")).isEqualTo("b1");
        assertThat(TermFormat.blankLabel("-1")).isEqualTo("g-1");
        assertThat(TermFormat.blankLabel("g-1")).isEqualTo("u-0067002D0031");
    }

    @Test
    void nTriplesRoundTripsRandomGraphs() throws IOException {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int round = 0; round < 50; round++) {
            List<String[]> graph = randomGraph(r, 1 + r.nextInt(40));
            StringWriter out = new StringWriter();
            NTriplesWriter w = new NTriplesWriter(out);
            for (String[] t : graph) {
                w.write(t[0], t[1], t[2]);
            }
            assertThat(w.count()).isEqualTo(graph.size());
            assertThat(parsed(out.toString(), false)).as("seed " + seed + "\n" + out).isEqualTo(renamed(graph));
            assertThat(parsed(out.toString(), true)).as("as Turtle, seed " + seed).isEqualTo(renamed(graph));
        }
    }

    @Test
    void turtleRoundTripsRandomGraphs() throws IOException {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int round = 0; round < 50; round++) {
            List<String[]> graph = randomGraph(r, 1 + r.nextInt(40));
            StringWriter out = new StringWriter();
            TurtleWriter w = new TurtleWriter(out);
            if (round % 2 == 0) {
                w.prefix("ex", "http://ex.org/ns#").prefix("", "http://ex.org/");
            }
            for (String[] t : graph) {
                w.write(t[0], t[1], t[2]);
            }
            w.finish();
            assertThat(parsed(out.toString(), true)).as("seed " + seed + "\n" + out).isEqualTo(renamed(graph));
        }
    }

    @Test
    void turtleGroupsBySubjectAndPredicate() throws IOException {
        StringWriter out = new StringWriter();
        TurtleWriter w = new TurtleWriter(out).prefix("ex", "http://ex.org/ns#");
        w.write("http://ex.org/ns#s", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://ex.org/ns#C");
        w.write("http://ex.org/ns#s", "http://ex.org/ns#p", "\"1\"^^<http://ex.org/ns#int>");
        w.write("http://ex.org/ns#s", "http://ex.org/ns#p", "_:-1");
        w.write("_:-1", "http://ex.org/ns#p", "alice");
        w.finish();
        assertThat(out.toString()).isEqualTo("@prefix ex: <http://ex.org/ns#> .\n\n"
                + "ex:s a ex:C ;\n    ex:p \"1\"^^ex:int ,\n        _:g-1 .\n"
                + "_:g-1 ex:p <alice> .\n");
        assertThat(parsed(out.toString(), true)).hasSize(4).contains(List.of("_:g-1", "http://ex.org/ns#p", "alice"));
    }

    @Test
    void plainNamesRoundTripAsRelativeIris() throws IOException {
        StringWriter out = new StringWriter();
        NTriplesWriter w = new NTriplesWriter(out);
        w.write("alice", "knows", "_:b1");
        w.write("_:b1", "name", RdfTerms.literal("Bob"));
        assertThat(out.toString()).isEqualTo("<alice> <knows> _:b1 .\n_:b1 <name> \"Bob\" .\n");
        assertThatThrownBy(() -> parsed(out.toString(), false)).isInstanceOf(RdfSyntaxException.class);
        List<String> back = new ArrayList<>();
        NTriplesParser.nTriples().relativeIris(true).parse(new StringReader(out.toString()),
                (s, p, o, g) -> back.add(s + " " + p + " " + o));
        assertThat(back).containsExactly("alice knows _:b1", "_:b1 name \"Bob\"");
        assertThat(parsed(out.toString(), true)).hasSize(2).contains(List.of("alice", "knows", "_:b1"));
    }

    @Test
    void termsWithLoneSurrogatesAreRefused() {
        NTriplesWriter w = new NTriplesWriter(new StringWriter());
        assertThatThrownBy(() -> w.write("http://ex.org/a", "http://ex.org/p", RdfTerms.literal("x\ud800")))
                .isInstanceOf(InvalidTermException.class);
        assertThatThrownBy(() -> w.write("http://ex.org/\udc00", "http://ex.org/p", "http://ex.org/o"))
                .isInstanceOf(InvalidTermException.class);
        assertThat(NTriplesWriter.term("_:a\ud800")).isEqualTo("_:u-0061D800");
    }

    @Test
    void iriCharactersIrisExcludeArePercentEncoded() throws IOException {
        assertThat(NTriplesWriter.term("http://ex.org/a b<c>")).isEqualTo("<http://ex.org/a%20b%3Cc%3E>");
        assertThat(NTriplesWriter.term("http://ex.org/\"{}|^`\\\u0000\t\n\u007f\u0085\u009f\u00a0é"))
                .isEqualTo("<http://ex.org/%22%7B%7D%7C%5E%60%5C%00%09%0A%7F%C2%85%C2%9F\u00a0é>");
        assertThat(NTriplesWriter.term(RdfTerms.literal("x", "en", null))).isEqualTo("\"x\"@en");
        // what is written parses, in every writer, as the encoded IRI
        String bad = "http://ex.org/has space/{x}";
        String encoded = "http://ex.org/has%20space/%7Bx%7D";
        StringWriter nt = new StringWriter();
        new NTriplesWriter(nt).write(bad, "http://ex.org/p", RdfTerms.literal("v", null, "http://ex.org/dt|x"));
        assertThat(parsed(nt.toString(), false)).containsExactly(
                List.of(encoded, "http://ex.org/p", "\"v\"^^<http://ex.org/dt%7Cx>"));
        StringWriter ttl = new StringWriter();
        TurtleWriter tw = new TurtleWriter(ttl).prefix("ex", "http://ex.org/");
        tw.write(bad, "http://ex.org/p", "rel name");
        tw.finish();
        assertThat(ttl.toString()).isEqualTo("@prefix ex: <http://ex.org/> .\n\n<http://ex.org/has%20space/%7Bx%7D> ex:p <rel%20name> .\n");
        assertThat(parsed(ttl.toString(), true)).containsExactly(List.of(encoded, "http://ex.org/p", "rel%20name"));
    }

    @Test
    void aBaseIsPutBeforeIrisWithoutAScheme() throws IOException {
        String base = "http://ex.org/data/";
        StringWriter nt = new StringWriter();
        NTriplesWriter w = new NTriplesWriter(nt, base);
        w.write("alice", "knows", "_:b1");
        w.write("http://other.org/x", "urn:p", RdfTerms.literal("1", null, "myType"));
        w.write("#frag", "a+b.c-d:rest", "../up");
        assertThat(nt.toString()).isEqualTo("<http://ex.org/data/alice> <http://ex.org/data/knows> _:b1 .\n"
                + "<http://other.org/x> <urn:p> \"1\"^^<http://ex.org/data/myType> .\n"
                + "<http://ex.org/data/#frag> <a+b.c-d:rest> <http://ex.org/data/../up> .\n");
        // the result is strict N-Triples (absolute IRIs only)
        assertThat(parsed(nt.toString(), false)).hasSize(3);
        // without a base, as before
        StringWriter plain = new StringWriter();
        new NTriplesWriter(plain, null).write("alice", "knows", "bob");
        assertThat(plain.toString()).isEqualTo("<alice> <knows> <bob> .\n");
        // names that do not start with a letter, or whose ':' comes after a character a scheme cannot hold, have none
        StringWriter odd = new StringWriter();
        new NTriplesWriter(odd, "urn:x:").write("1a:b", "a_b:c", "has space:x");
        assertThat(odd.toString()).isEqualTo("<urn:x:1a:b> <urn:x:a_b:c> <urn:x:has%20space:x> .\n");
        // Turtle: prefixes apply to the IRI with the base, and a relative namespace gets the base too
        StringWriter ttl = new StringWriter();
        TurtleWriter tw = new TurtleWriter(ttl, base).prefix("d", "").prefix("ex", "http://ex.org/");
        tw.write("alice", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "Person");
        tw.write("alice", "age", RdfTerms.literal("7", null, "int"));
        tw.finish();
        assertThat(ttl.toString()).isEqualTo("@prefix d: <http://ex.org/data/> .\n@prefix ex: <http://ex.org/> .\n\n"
                + "d:alice a d:Person ;\n    d:age \"7\"^^d:int .\n");
        assertThatThrownBy(() -> new TurtleWriter(new StringWriter(), "no-scheme/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NQuadsWriter(new StringWriter(), "")).isInstanceOf(IllegalArgumentException.class);
    }
}
