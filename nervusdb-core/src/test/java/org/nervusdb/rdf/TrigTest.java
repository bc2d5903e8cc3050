package org.nervusdb.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** TriG parsing ({@link TurtleParser#trig()}), and the quad writers {@link TrigWriter} and {@link NQuadsWriter}. */
class TrigTest {
    private static final String EX = "http://ex.org/";

    /** Each statement as "s p o g" (g "-" for the default graph). */
    private static List<String> trig(String text) throws IOException {
        return trig(TurtleParser.trig(EX + "doc.trig"), text);
    }

    private static List<String> trig(TurtleParser parser, String text) throws IOException {
        List<String> out = new ArrayList<>();
        parser.parse(new StringReader(text), (s, p, o, g) -> out.add(s + " " + p + " " + o + " " + (g == null ? "-" : g)));
        return out;
    }

    private static RdfSyntaxException error(String text) {
        return assertThrows(RdfSyntaxException.class, () -> trig(text));
    }

    /** The statements read with an error handler, then the errors as "line:column detail". */
    private static List<String> recovering(String text) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        TurtleParser.trig(EX).parse(new StringReader(text), (s, p, o, g) -> out.add(s.substring(EX.length()) + " "
                + (g == null ? "-" : g.startsWith("_:") ? g : g.substring(EX.length()))),
                e -> errors.add(e.line() + ":" + e.column() + " " + e.detail()));
        out.addAll(errors);
        return out;
    }

    @Test
    void everyKindOfBlockGivesItsGraph() throws IOException {
        assertThat(trig("@prefix : <http://ex.org/> .\n"
                + ":s :p :o .\n"
                + "{ :s :p :o2 }\n"
                + "GRAPH :g1 { :s :p :o3 . :s :p :o4 . }\n"
                + "graph <g2> { :s :p :o5 ; :q :o6 }\n"
                + ":g3 { :s :p :o7 . }\n"
                + "_:b1 { :s :p _:b1 }\n"
                + "[] { :s :p :o8 }\n"
                + "GRAPH [] { [ :p :o9 ] }\n"
                + ":g4 {}\n"
                + "PREFIX e: <http://e.org/>\n"
                + "e:g { ( 1 ) :p [] }\n"
                + "[ :p :o10 ] .\n"
                + "[] :p :o11 .\n"))
                .containsExactly(
                        EX + "s " + EX + "p " + EX + "o -",
                        EX + "s " + EX + "p " + EX + "o2 -",
                        EX + "s " + EX + "p " + EX + "o3 " + EX + "g1",
                        EX + "s " + EX + "p " + EX + "o4 " + EX + "g1",
                        EX + "s " + EX + "p " + EX + "o5 " + EX + "g2",
                        EX + "s " + EX + "q " + EX + "o6 " + EX + "g2",
                        EX + "s " + EX + "p " + EX + "o7 " + EX + "g3",
                        EX + "s " + EX + "p _:b1 _:b1",
                        EX + "s " + EX + "p " + EX + "o8 _:-1",
                        "_:-3 " + EX + "p " + EX + "o9 _:-2",
                        "_:-4 http://www.w3.org/1999/02/22-rdf-syntax-ns#first \"1\"^^<" + RdfTerms.XSD + "integer> http://e.org/g",
                        "_:-4 http://www.w3.org/1999/02/22-rdf-syntax-ns#rest http://www.w3.org/1999/02/22-rdf-syntax-ns#nil http://e.org/g",
                        "_:-4 " + EX + "p _:-5 http://e.org/g",
                        "_:-6 " + EX + "p " + EX + "o10 -",
                        "_:-7 " + EX + "p " + EX + "o11 -");
    }

    @Test
    void graphNamesAreResolvedAndPrefixedAsOtherTerms() throws IOException {
        List<String> out = new ArrayList<>();
        TurtleParser.trig().blankNodePrefix("f1_").parse(new StringReader("<g> { <s> <p> _:x } _:x { _:x <p> [] }"),
                (s, p, o, g) -> out.add(s + " " + o + " " + g));
        assertThat(out).containsExactly("s _:f1_x g", "_:f1_x _:f1_-1 _:f1_x");
        assertThat(trig("BASE <http://b.org/dir/>\n<../g> { <s> <p> <o> }"))
                .containsExactly("http://b.org/dir/s http://b.org/dir/p http://b.org/dir/o http://b.org/g");
    }

    @Test
    void theSinkCanAskWhereTheGraphsNameIs() throws IOException {
        List<String> out = new ArrayList<>();
        TurtleParser p = TurtleParser.trig();
        p.parse(new StringReader("<s> <p> <o> .\n<g> { <s> <p> <o> }\n  GRAPH  _:b {\n <s> <p> <o> }\n{ <s> <p> <o> }\n"
                + "[] { <s> <p> <o> }"), (s, pr, o, g) -> out.add(g + " " + p.graphLine() + ":" + p.graphColumn()));
        assertThat(out).containsExactly("null 0:0", "g 2:1", "_:b 3:10", "null 0:0", "_:-1 6:1");
    }

    @Test
    void turtleIsTrigWithoutBlocks() throws IOException {
        String doc = "@prefix ex: <http://ex.org/> .\nex:s ex:p \"a\"@en, 1.5, true ; ex:q ( ex:a [ ex:r ex:b ] ) .\n";
        List<String> asTurtle = new ArrayList<>();
        new TurtleParser(EX).parse(new StringReader(doc), (s, p, o, g) -> asTurtle.add(s + " " + p + " " + o + " -"));
        assertThat(trig(doc)).isEqualTo(asTurtle).hasSize(9);
        // a graph block is not Turtle
        assertThrows(RdfSyntaxException.class, () -> new TurtleParser().parse(new StringReader("<g> { <s> <p> <o> }"), (s, p, o, g) -> { }));
    }

    @Test
    void errorsNameLineAndColumn() {
        RdfSyntaxException e = error("<g> {\n  <s> <p> <o> .\n  <h> { <s> <p> <o> }\n}");
        assertThat(e.getMessage()).isEqualTo("line 3, column 7: predicate expected, found '{'");
        e = error("<g> {\n  @prefix e: <http://e.org/> .\n}");
        assertThat(e.getMessage()).isEqualTo("line 2, column 3: directives are not allowed inside a graph");
        e = error("<g> { <s> <p> <o> } .");
        assertThat(e.getMessage()).isEqualTo("line 1, column 21: subject expected, found '.'");
        e = error("<g> { <s> <p> <o> <o2> }");
        assertThat(e.getMessage()).isEqualTo("line 1, column 19: expected '.' or '}', found '<'");
        e = error("<s> <p> <o> }");
        assertThat(e.getMessage()).isEqualTo("line 1, column 13: expected '.', found '}'");
        e = error("\n  <g> { <s> <p> <o> .\n");
        assertThat(e.getMessage()).isEqualTo("line 3, column 1: '}' expected to close the graph opened at line 2, column 7");
        e = error("GRAPH { <s> <p> <o> }");
        assertThat(e.getMessage()).isEqualTo("line 1, column 7: a graph name (an IRI or a blank node) and '{' expected after GRAPH");
        e = error("GRAPH \"g\" { <s> <p> <o> }");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(7);
        e = error("GRAPH [ <p> <o> ] { <s> <p> <o> }");
        assertThat(e.column()).isEqualTo(7);
        e = error("GRAPH <g> <s> <p> <o> .");
        assertThat(e.column()).isEqualTo(7);
        e = error("( <a> ) { <s> <p> <o> }");
        assertThat(e.getMessage()).isEqualTo("line 1, column 9: predicate expected, found '{'");
        e = error("{ <s> <p> <o> . . }");
        assertThat(e.column()).isEqualTo(17);
        e = error("<g> { GRAPH <h> { } }");
        assertThat(e.column()).isEqualTo(7);
    }

    @Test
    void recoverySkipsABadStatementInsideABlockAndTheBlockGoesOn() throws IOException {
        // as in Turtle, a bad statement ends at its '.', or with its line when the next line starts a statement
        // in its first column ('}' does)
        assertThat(recovering("<g> {\n"
                + "  <s1> <p> <o> .\n"
                + "  <s2> <p> <o> <o2> .\n"
                + "  <s3> <p> <o> .\n"
                + "<s4> <p> \"unclosed .\n"
                + "<s5> <p> <o> .\n"
                + "  <s6> <p> <o> <extra>\n"
                + "}\n"
                + "<s7> <p> <o> .\n"))
                .containsExactly("s1 g", "s3 g", "s5 g", "s7 -", "3:16 expected '.' or '}', found '<'",
                        "5:21 line break in a string (use \\n or a long string)", "7:16 expected '.' or '}', found '<'");
    }

    @Test
    void recoverySkipsABlockWithABadNameWhole() throws IOException {
        assertThat(recovering("GRAPH \"bad\" {\n  <s1> <p> <o> .\n  <s2> <p> <o> .\n}\n<g> { <s3> <p> <o> }\n<s4> <p> <o> .\n"))
                .containsExactly("s3 g", "s4 -",
                        "1:7 a graph name (an IRI or a blank node) and '{' expected after GRAPH");
        // a nested block is skipped with the statement that holds it; the block around it goes on
        assertThat(recovering("<g> { <s1> <p> <o> . <x> { <s2> <p> <o> } <s3> <p> <o> }\n<s4> <p> <o> ."))
                .containsExactly("s1 g", "s3 g", "s4 -", "1:26 predicate expected, found '{'");
        // a stray '}' outside a block ends the bad statement
        assertThat(recovering("<s1> <p> <o> } <s2> <p> <o> .\n<s3> <p> <o> ."))
                .containsExactly("s2 -", "s3 -", "1:14 expected '.', found '}'");
        // a directive inside a block is skipped, the block goes on
        assertThat(recovering("<g> {\n@prefix e: <http://e.org/> .\n<s1> <p> <o> }"))
                .containsExactly("s1 g", "2:1 directives are not allowed inside a graph");
        // an unclosed block at the end
        assertThat(recovering("<g> { <s1> <p> <o> ."))
                .containsExactly("s1 g", "1:21 '}' expected to close the graph opened at line 1, column 5");
    }

    @Test
    void bytesReadAsCharactersDo() throws IOException {
        String doc = "PREFIX : <http://ex.org/>\n:g { :s :p \"é😀\" . }\n_:b { :s :p :o }\n:s :p :o .\n";
        List<String> fromBytes = new ArrayList<>();
        TurtleParser.trig(EX).parse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)),
                (s, p, o, g) -> fromBytes.add(s + " " + p + " " + o + " " + (g == null ? "-" : g)), null);
        assertThat(fromBytes).isEqualTo(trig(doc)).hasSize(3);
    }

    // ---- writers ----

    private static final String[] IRIS = {EX + "a", EX + "ns#b", "urn:x:y", "alice", EX + "é/😀", EX + "with space"};
    private static final String[] LABELS = {"b1", "-1", "g-1", "x.y", "a b"};

    private static String randomTerm(Random r, boolean object) {
        int kind = r.nextInt(object ? 3 : 2);
        if (kind == 0) {
            return IRIS[r.nextInt(IRIS.length)];
        }
        if (kind == 1) {
            return RdfTerms.blank(LABELS[r.nextInt(LABELS.length)]);
        }
        String text = r.nextBoolean() ? "plain \"q\"\n" : "x";
        return r.nextBoolean() ? RdfTerms.literal(text, "en", null) : RdfTerms.literal(text, null, IRIS[r.nextInt(IRIS.length)]);
    }

    private static List<String[]> randomDataset(Random r, int n) {
        Set<List<String>> seen = new LinkedHashSet<>();
        while (seen.size() < n) {
            String g = r.nextInt(3) == 0 ? "" : randomTerm(r, false);
            seen.add(List.of(randomTerm(r, false), IRIS[r.nextInt(IRIS.length)], randomTerm(r, true), g));
        }
        List<String[]> out = new ArrayList<>();
        for (List<String> q : seen) {
            out.add(new String[] {q.get(0), q.get(1), q.get(2), q.get(3).isEmpty() ? null : q.get(3)});
        }
        return out;
    }

    /** A term as the writers spell it and the parsers read it back: labels renamed, IRIs with the base and encoded. */
    private static String written(String term, String base) {
        if (term == null) {
            return "-";
        }
        if (RdfTerms.isBlank(term)) {
            return "_:" + TermFormat.blankLabel(RdfTerms.blankLabel(term));
        }
        if (RdfTerms.isLiteral(term)) {
            String dt = RdfTerms.datatype(term);
            return RdfTerms.language(term) != null || dt.equals(RdfTerms.XSD_STRING) ? term
                    : RdfTerms.literal(RdfTerms.lexicalForm(term), null, written(dt, base));
        }
        return TermFormat.withBase(term, base).replace(" ", "%20");
    }

    private static Set<List<String>> expected(List<String[]> dataset, String base) {
        Set<List<String>> out = new HashSet<>();
        for (String[] q : dataset) {
            out.add(List.of(written(q[0], base), written(q[1], base), written(q[2], base), written(q[3], base)));
        }
        return out;
    }

    private static Set<List<String>> read(String text, boolean nQuads) throws IOException {
        Set<List<String>> out = new HashSet<>();
        RdfSink sink = (s, p, o, g) -> out.add(List.of(s, p, o, g == null ? "-" : g));
        if (nQuads) {
            NTriplesParser.nQuads().relativeIris(true).parse(new StringReader(text), sink);
        } else {
            TurtleParser.trig().parse(new StringReader(text), sink);
        }
        return out;
    }

    @Test
    void randomDatasetsRoundTripThroughTrigAndNQuads() throws IOException {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int round = 0; round < 60; round++) {
            List<String[]> dataset = randomDataset(r, 1 + r.nextInt(40));
            if (round % 2 == 0) {
                dataset.sort((a, b) -> String.valueOf(a[3]).compareTo(String.valueOf(b[3])));
            }
            String base = round % 3 == 0 ? "http://base.org/" : null;
            StringWriter trig = new StringWriter();
            TrigWriter tw = new TrigWriter(trig, base);
            if (round % 4 < 2) {
                tw.prefix("ex", EX).prefix("", "urn:x:");
            }
            StringWriter nq = new StringWriter();
            NQuadsWriter nw = new NQuadsWriter(nq, base);
            for (String[] q : dataset) {
                tw.write(q[0], q[1], q[2], q[3]);
                nw.write(q[0], q[1], q[2], q[3]);
            }
            tw.finish();
            assertThat(tw.count()).isEqualTo(dataset.size());
            assertThat(nw.count()).isEqualTo(dataset.size());
            Set<List<String>> want = expected(dataset, base);
            assertThat(read(trig.toString(), false)).as("seed " + seed + "\n" + trig).isEqualTo(want);
            assertThat(read(nq.toString(), true)).as("seed " + seed + "\n" + nq).isEqualTo(want);
        }
    }

    @Test
    void parseWriteParseGivesTheSameQuads() throws IOException {
        String doc = "@prefix : <http://ex.org/> .\n:s :p :o .\n:g1 { :s :p \"x\"@en, 2 ; :q [ :r ( :a :b ) ] }\n"
                + "_:g { _:g :p _:n . _:n :p :g1 }\n:s :p :o2 .\n:g1 { :t :p :o }\n{ :u :p :o }\n";
        List<String[]> first = new ArrayList<>();
        TurtleParser.trig().parse(new StringReader(doc), (s, p, o, g) -> first.add(new String[] {s, p, o, g}));
        for (boolean nQuads : new boolean[] {false, true}) {
            StringWriter out = new StringWriter();
            if (nQuads) {
                NQuadsWriter w = new NQuadsWriter(out);
                for (String[] q : first) {
                    w.write(q[0], q[1], q[2], q[3]);
                }
            } else {
                TrigWriter w = new TrigWriter(out).prefix("", EX);
                for (String[] q : first) {
                    w.write(q[0], q[1], q[2], q[3]);
                }
                w.finish();
            }
            assertThat(read(out.toString(), nQuads)).as(out.toString()).isEqualTo(expected(first, null)).hasSize(first.size());
        }
    }

    @Test
    void trigGroupsConsecutiveStatementsOfAGraph() throws IOException {
        StringWriter out = new StringWriter();
        TrigWriter w = new TrigWriter(out).prefix("ex", EX);
        w.write(EX + "s", EX + "p", EX + "o", null);
        w.write(EX + "s", EX + "p", EX + "o2", null);
        w.write(EX + "s", EX + "p", EX + "o", EX + "g");
        w.write(EX + "s", EX + "q", "_:-1", EX + "g");
        w.write(EX + "t", EX + "p", EX + "o", EX + "g");
        w.write("_:-1", EX + "p", RdfTerms.literal("v"), "_:g1");
        w.write(EX + "s", EX + "p", EX + "o3", null);
        w.finish();
        assertThat(out.toString()).isEqualTo("@prefix ex: <http://ex.org/> .\n\n"
                + "ex:s ex:p ex:o ,\n        ex:o2 .\n"
                + "ex:g {\n    ex:s ex:p ex:o ;\n        ex:q _:g-1 .\n    ex:t ex:p ex:o .\n}\n"
                + "_:g1 {\n    _:g-1 ex:p \"v\" .\n}\n"
                + "ex:s ex:p ex:o3 .\n");
        StringWriter empty = new StringWriter();
        new TrigWriter(empty).finish();
        assertThat(empty.toString()).isEmpty();
    }

    @Test
    void nQuadsWritesTheGraphUnlessDefault() throws IOException {
        StringWriter out = new StringWriter();
        NQuadsWriter w = new NQuadsWriter(out, "http://b.org/");
        w.write("s", "p", "o", null);
        w.write("s", "p", RdfTerms.literal("a b", "EN-gb", null), "g");
        w.write("_:x", "p", "o", "_:-2");
        w.write("s", "p", "o", "http://g.org/g h");
        w.flush();
        assertThat(out.toString()).isEqualTo("<http://b.org/s> <http://b.org/p> <http://b.org/o> .\n"
                + "<http://b.org/s> <http://b.org/p> \"a b\"@en-GB <http://b.org/g> .\n"
                + "_:x <http://b.org/p> <http://b.org/o> _:g-2 .\n"
                + "<http://b.org/s> <http://b.org/p> <http://b.org/o> <http://g.org/g%20h> .\n");
        assertThat(read(out.toString(), true)).hasSize(4);
    }
}
