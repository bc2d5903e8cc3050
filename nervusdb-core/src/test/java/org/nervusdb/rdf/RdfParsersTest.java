package org.nervusdb.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RdfParsersTest {
    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final String XSD = RdfTerms.XSD;

    private static List<String> nt(String text) throws IOException {
        List<String> out = new ArrayList<>();
        NTriplesParser.nTriples().parse(new StringReader(text), (s, p, o, g) -> out.add(s + " " + p + " " + o));
        return out;
    }

    private static List<String> ttl(String text) throws IOException {
        return ttl(new TurtleParser("http://ex.org/dir/doc.ttl"), text);
    }

    private static List<String> ttl(TurtleParser parser, String text) throws IOException {
        List<String> out = new ArrayList<>();
        parser.parse(new StringReader(text), (s, p, o, g) -> out.add(s + " " + p + " " + o));
        return out;
    }

    private static RdfSyntaxException ntError(String text) {
        return (RdfSyntaxException) org.junit.jupiter.api.Assertions.assertThrows(RdfSyntaxException.class, () -> nt(text));
    }

    private static RdfSyntaxException ttlError(String text) {
        return (RdfSyntaxException) org.junit.jupiter.api.Assertions.assertThrows(RdfSyntaxException.class, () -> ttl(text));
    }

    @Test
    void nTriplesTermsBecomeStoredTerms() throws IOException {
        assertThat(nt("<http://a/s> <http://a/p> <http://a/o> .\n"
                + "_:b1 <http://a/p> \"x\\ty\\u00E9\\U0001F600\\\"\" . # comment\n"
                + "\r\n"
                + "<http://a/s> <http://a/p> \"chat\"@FR-be .\r"
                + "<http://a/s> <http://a/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>.\n"
                + "<http://a/s> <http://a/p> \"s\"^^<http://www.w3.org/2001/XMLSchema#string> .\n"
                + "<http://a/s><http://a/p>\"\\uD83D\\uDE00\"."))
                .containsExactly("http://a/s http://a/p http://a/o",
                        "_:b1 http://a/p \"x\ty\u00e9\ud83d\ude00\\\"\"",
                        "http://a/s http://a/p \"chat\"@fr-BE",
                        "http://a/s http://a/p \"1\"^^<" + XSD + "integer>",
                        "http://a/s http://a/p \"s\"",
                        "http://a/s http://a/p \"\ud83d\ude00\"");
    }

    @Test
    void blankNodePrefixKeepsFilesApart() throws IOException {
        List<String> out = new ArrayList<>();
        NTriplesParser.nTriples().blankNodePrefix("f2.").parse(new StringReader("_:b1 <http://a/p> _:b1 ."),
                (s, p, o, g) -> out.add(s + " " + o));
        assertThat(out).containsExactly("_:f2.b1 _:f2.b1");
        out.clear();
        new TurtleParser().blankNodePrefix("f3").parse(new StringReader("_:b1 <http://a/p> [] ."),
                (s, p, o, g) -> out.add(s + " " + o));
        assertThat(out).containsExactly("_:f3b1 _:f3-1");
    }

    @Test
    void nQuadsHandTheGraphToTheCaller() throws IOException {
        List<String> graphs = new ArrayList<>();
        NTriplesParser.nQuads().parse(new StringReader(
                "<http://a/s> <http://a/p> <http://a/o> <http://a/g> .\n<http://a/s> <http://a/p> <http://a/o> _:g .\n"
                        + "<http://a/s> <http://a/p> <http://a/o> ."), (s, p, o, g) -> graphs.add(g));
        assertThat(graphs).containsExactly("http://a/g", "_:g", null);
        assertThatThrownBy(() -> nt("<http://a/s> <http://a/p> <http://a/o> <http://a/g> ."))
                .isInstanceOf(RdfSyntaxException.class);
    }

    @Test
    void nTriplesErrorsNameLineAndColumn() {
        RdfSyntaxException e = ntError("<http://a/s> <http://a/p> <http://a/o> .\r\n<http://a/s> <http://a/p> <o> .");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(27);
        assertThat(e.code()).isEqualTo("RDF_SYNTAX");
        assertThat(e.getMessage()).startsWith("line 2, column 27: relative IRI <o>");
        e = ntError("<http://a/s> <http://a/p> \"abc\\q\" .");
        assertThat(e.column()).isEqualTo(31);
        e = ntError("<http://a/s> <http://a/p> <http://a/o> . <http://a/o> <http://a/p> <http://a/o> .");
        assertThat(e.getMessage()).contains("end of line expected");
    }

    @Test
    void skipInvalidDropsOnlyTheBadLine() throws IOException {
        List<String> out = new ArrayList<>();
        List<RdfSyntaxException> errors = new ArrayList<>();
        long n = NTriplesParser.nTriples().parse(new StringReader(
                "<http://a/s> <http://a/p> <http://a/o1> .\n"
                        + "<http://a/s> <http://a/p> \"unclosed .\n"
                        + "<http://a/s> <http://a/p> <http://a/o3> .\n"
                        + "<http://a/s> <http://a/p> \"\ud800\" .\n"
                        + "<http://a/s> <http://a/p> <http://a/o5> <http://a/extra> .\n"
                        + "<http://a/s> <http://a/p> <http://a/o6> ."),
                (s, p, o, g) -> out.add(o), errors::add);
        assertThat(n).isEqualTo(3);
        assertThat(out).containsExactly("http://a/o1", "http://a/o3", "http://a/o6");
        assertThat(errors).extracting(RdfSyntaxException::line).containsExactly(2, 4, 5);
    }

    @Test
    void anIriCutShortByTheEndOfItsLineDropsOnlyThatLine() throws IOException {
        for (String eol : new String[] {"\n", "\r", "\r\n"}) {
            List<String> out = new ArrayList<>();
            List<RdfSyntaxException> errors = new ArrayList<>();
            long n = NTriplesParser.nTriples().parse(new StringReader("<http://a/s> <http://a/p> <http://a/o1" + eol
                    + "<http://a/s> <http://a/p> <http://a/o2> ." + eol + "<http://a/s> <http://a/p> <http://a/o3> ."),
                    (s, p, o, g) -> out.add(o), errors::add);
            assertThat(n).isEqualTo(2);
            assertThat(out).containsExactly("http://a/o2", "http://a/o3");
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getMessage()).isEqualTo("line 1, column 39: character U+00"
                    + (eol.startsWith("\r") ? "0D" : "0A") + " is not allowed in an IRI");
        }
    }

    @Test
    void loneSurrogatesAreRefusedWhereverTheyAre() {
        // raw lone surrogates in the text (the Reader gave invalid UTF-16)
        RdfSyntaxException e = ntError("<http://a/s> <http://a/p> \"ab\ud800c\" .");
        assertThat(e.getMessage()).contains("lone surrogate U+D800");
        assertThat(e.column()).isEqualTo(30);
        assertThat(ntError("<http://a/s\udc00> <http://a/p> <http://a/o> .").getMessage()).contains("U+DC00");
        assertThat(ntError("<http://a/s> <http://a/p> <http://a/o> . # \ud800").getMessage()).contains("U+D800");
        assertThat(ttlError("<s> <p> 'x\ud83d' .").getMessage()).contains("U+D83D");
        assertThat(ttlError("@prefix e\udfff: <x> .").getMessage()).contains("U+DFFF");
        // escapes of surrogates: a pair is one character, anything else is refused
        assertThat(ntError("<http://a/s> <http://a/p> \"\\uD800x\" .").getMessage()).contains("lone surrogate U+D800");
        assertThat(ntError("<http://a/s> <http://a/p> \"\\uDC00\" .").getMessage()).contains("lone surrogate U+DC00");
        assertThat(ntError("<http://a/s> <http://a/p> \"\\uD800\\u0041\" .").getMessage()).contains("U+D800");
        assertThat(ntError("<http://a/s> <http://a/p> \"\\U0000D800\" .").getMessage()).contains("U+D800");
        assertThat(ntError("<http://a/s> <http://a/p> \"\\U00110000\" .").getMessage()).contains("beyond U+10FFFF");
        assertThat(ttlError("<s> <p> <a\\uD800> .").getMessage()).contains("U+D800");
    }

    @Test
    void turtleCoversTheGrammar() throws IOException {
        String doc = "@prefix : <http://ex.org/ns#> .\n"
                + "PREFIX e.x: <rel/>\n"
                + "@base <http://ex.org/base/> .\n"
                + ":s a :C ; :p :o1 , :o2 ; ; :q e.x:y .\n"
                + "<a> :n 1, -2.50, .5e3, 1.E-2, true, false .\n"
                + "<b> :str '''multi\nline \"quoted\" ''' , \"\"\"x\"\"y\"\"\" , 'it\\'s'@EN , \"5\"^^:t .\n"
                + "BASE <../other/>\n"
                + "<c> :p :a\\-b\\.c%20d:e. # local name with escapes\n"
                + "[ :p 1 ] :q [ :r [] ] .\n"
                + "[ :p 2 ] .\n"
                + "( 1 ( ) ) :p ( ) .\n";
        assertThat(ttl(doc)).containsExactly(
                "http://ex.org/ns#s " + RDF + "type http://ex.org/ns#C",
                "http://ex.org/ns#s http://ex.org/ns#p http://ex.org/ns#o1",
                "http://ex.org/ns#s http://ex.org/ns#p http://ex.org/ns#o2",
                "http://ex.org/ns#s http://ex.org/ns#q http://ex.org/dir/rel/y",
                "http://ex.org/base/a http://ex.org/ns#n \"1\"^^<" + XSD + "integer>",
                "http://ex.org/base/a http://ex.org/ns#n \"-2.50\"^^<" + XSD + "decimal>",
                "http://ex.org/base/a http://ex.org/ns#n \".5e3\"^^<" + XSD + "double>",
                "http://ex.org/base/a http://ex.org/ns#n \"1.E-2\"^^<" + XSD + "double>",
                "http://ex.org/base/a http://ex.org/ns#n \"true\"^^<" + XSD + "boolean>",
                "http://ex.org/base/a http://ex.org/ns#n \"false\"^^<" + XSD + "boolean>",
                "http://ex.org/base/b http://ex.org/ns#str \"multi\\nline \\\"quoted\\\" \"",
                "http://ex.org/base/b http://ex.org/ns#str \"x\\\"\\\"y\"",
                "http://ex.org/base/b http://ex.org/ns#str \"it's\"@en",
                "http://ex.org/base/b http://ex.org/ns#str \"5\"^^<http://ex.org/ns#t>",
                "http://ex.org/other/c http://ex.org/ns#p http://ex.org/ns#a-b.c%20d:e",
                "_:-1 http://ex.org/ns#p \"1\"^^<" + XSD + "integer>",
                "_:-1 http://ex.org/ns#q _:-2",
                "_:-2 http://ex.org/ns#r _:-3",
                "_:-4 http://ex.org/ns#p \"2\"^^<" + XSD + "integer>",
                "_:-5 " + RDF + "first \"1\"^^<" + XSD + "integer>",
                "_:-5 " + RDF + "rest _:-6",
                "_:-6 " + RDF + "first " + RDF + "nil",
                "_:-6 " + RDF + "rest " + RDF + "nil",
                "_:-5 http://ex.org/ns#p " + RDF + "nil");
    }

    @Test
    void withoutABaseRelativeIrisStayAsWritten() throws IOException {
        assertThat(ttl(new TurtleParser(), "<alice> <knows> <bob> .")).containsExactly("alice knows bob");
    }

    @Test
    void turtleErrorsNameLineAndColumn() {
        RdfSyntaxException e = ttlError("@prefix : <http://ex.org/> .\n:s :p :o ;\n   :q \"unclosed\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(16); // the line break that ends the short string
        e = ttlError(":s :p :o .");
        assertThat(e.getMessage()).isEqualTo("line 1, column 1: undefined prefix ':'");
        e = ttlError("<s> <p> <o> ;\n\t<q> .");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(6);
        assertThat(ttlError("<s> <p> [ <q> <o> .").getMessage()).contains("opened at line 1, column 9");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        StringBuilder deep = new StringBuilder("<s> <p> ");
        for (int i = 0; i < 5000; i++) {
            deep.append("[ <p> ");
        }
        assertThat(ttlError(deep.toString()).getMessage()).contains("nested deeper than 1000");
        StringBuilder lists = new StringBuilder("<s> <p> ");
        for (int i = 0; i < 5000; i++) {
            lists.append('(');
        }
        assertThat(ttlError(lists.toString()).getMessage()).contains("nested deeper than 1000");
    }

    @Test
    void turtleSkipInvalidDropsTheWholeStatementAndResumesAfterItsDot() throws IOException {
        List<String> out = new ArrayList<>();
        List<RdfSyntaxException> errors = new ArrayList<>();
        String doc = "@prefix : <http://ex.org/> .\n"
                + ":a :p :o1 .\n"
                + ":b :p :x , :y ; :q undefined:z .\n"
                + "@prefix broken <x> .\n"
                + ":c :p :o3 .\n"
                + ":d :p \"x\ud800\" .\n"
                + ":e :p :o5 .";
        long n = new TurtleParser().parse(new StringReader(doc), (s, p, o, g) -> out.add(s + " " + o), errors::add);
        assertThat(out).containsExactly("http://ex.org/a http://ex.org/o1", "http://ex.org/c http://ex.org/o3",
                "http://ex.org/e http://ex.org/o5");
        assertThat(n).isEqualTo(3);
        assertThat(errors).extracting(RdfSyntaxException::line).containsExactly(3, 4, 6);
    }

    /** What a parse with an error handler gives: the objects emitted, then one "line:column" per error. */
    private static List<String> recovered(String doc) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long n = new TurtleParser().parse(new StringReader(doc), (s, p, o, g) -> out.add(o),
                e -> errors.add(e.line() + ":" + e.column()));
        assertThat(n).isEqualTo(out.size());
        out.addAll(errors);
        return out;
    }

    @Test
    void turtleRecoveryResumesAtTheLineAfterAShortStringLeftOpen() throws IOException {
        // A short string cannot span lines: the '.' swallowed by the open string ended the statement.
        assertThat(recovered("<a> <p> <o1> .\n<a> <p> \"unclosed .\n<a> <p> <o2> .\n<a> <p> <o3> .\n"))
                .containsExactly("o1", "o2", "o3", "2:20");
        assertThat(recovered("<a> <p> 'unclosed .\r\n<a> <p> <o2> .\r\n")).containsExactly("o2", "1:20");
        // Open at the end of a line that a statement continues on, indented: the statement ends at its '.'.
        assertThat(recovered("<s> <p> \"x ;\n    <q> <o> .\n<a> <p> <o2> .")).containsExactly("o2", "1:13");
    }

    @Test
    void turtleRecoveryEndsALineWithoutADotWhereTheNextLineStartsAStatement() throws IOException {
        assertThat(recovered("<a> <p> <o1> .\ngarbage line here\n<a> <p> <o2> .\n"))
                .containsExactly("o1", "o2", "2:1");
        assertThat(recovered("garbage one\n%%% garbage two\n\n# a comment\n<a> <p> <o2> .\n"))
                .containsExactly("o2", "1:1", "2:1");
        // A statement without its '.': the error is found on the next line, which is a statement of its own.
        assertThat(recovered("<a> <p> <o1>\n<a> <p> <o2> .\n<a> <p> <o3> .")).containsExactly("o2", "o3", "2:1");
        // SPARQL-style directives end without a '.'.
        assertThat(recovered("PREFIX ex <http://x/>\n<a> <p> <o2> .")).containsExactly("o2", "1:10");
    }

    @Test
    void turtleRecoveryPassesOverStringsIrisCommentsNumbersAndNames() throws IOException {
        // Dots inside a string, an IRI, a comment, a number and a name do not end the bad statement.
        assertThat(recovered("<a> <p> bad \"x. y\" <i.j> 1.5 ex:a.b # c. d\n    <q> <r> .\n<a> <p> <o2> ."))
                .containsExactly("o2", "1:9");
        // An error inside a string: an escaped quote does not close it.
        assertThat(recovered("<a> <p> \"a \\q \\\" . b\" .\n<a> <p> <o2> .")).containsExactly("o2", "1:12");
        // A long string spans lines, and what looks like a statement inside it is not one.
        assertThat(recovered("<a> <p> \"\"\"x \\q .\n<b> <c> <d> .\n\"\"\" .\n<a> <p> <o2> ."))
                .containsExactly("o2", "1:14");
        // An IRI cannot hold a space: it ends there.
        assertThat(recovered("<a> <p> <o1 .\n<a> <p> <o2> .")).containsExactly("o2", "1:12");
        // A property list left open ends with the line its '.' ends.
        assertThat(recovered("<a> <p> [ <q> <o> .\n<a> <p> <o2> .")).containsExactly("o2", "1:19");
    }

    /** The bytes of {@code text} in UTF-8, with each "\\xHH" written as the byte HH. */
    private static byte[] bytes(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\x", i)) {
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                int c = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                i += Character.charCount(c) - 1;
            }
        }
        return out.toByteArray();
    }

    /** A stream that hands out one byte per read, so that every UTF-8 sequence is split across reads. */
    private static java.io.InputStream trickle(byte[] b) {
        return new java.io.ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, 1));
            }
        };
    }

    /** Objects emitted and "line:column detail" of each error, Turtle read from bytes with an error handler. */
    private static List<String> ttlBytes(String text, boolean trickle) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        byte[] b = bytes(text);
        new TurtleParser().parse(trickle ? trickle(b) : new java.io.ByteArrayInputStream(b), (s, p, o, g) -> out.add(o),
                e -> errors.add(e.line() + ":" + e.column() + " " + e.detail()));
        out.addAll(errors);
        return out;
    }

    @Test
    void malformedUtf8FromBytesIsAnErrorAtItsFirstByteAndSkipsItsStatement() throws IOException {
        String doc = "<a> <p> <o1> .\n"
                + "<a> <p> \"\u00e9x\\xFF\" .\n"                        // a byte UTF-8 never has
                + "<a> <p> <o2> .\n"
                + "<a\\xC3> <p> <o3> .\n"                                // cut short by '>'
                + "# caf\\xE9\n"                                         // in a comment, cut short by the line break
                + "<a> <p> \"\"\"\ud83d\ude00 x\n y \\xC0\\xAF\"\"\" .\n"  // overlong, after a character outside the BMP
                + "<a> <p> '\\xED\\xA0\\x80' .\n"                          // an encoded surrogate
                + "@prefix ex: <http://ex.org/> .\n"
                + "ex:a ex:p ex:b\\xF4\\x90\\x80\\x80 .\n"                  // beyond U+10FFFF, in a name
                + "ex:a ex:p ex:b\\\\xFF .\n"                              // after a backslash in a name
                + "<a> <p> <o4> .\n"
                + "<a> <p> <o5> . \\xE2\\x82";                             // cut short by the end, after a statement
        for (boolean trickle : new boolean[] {false, true}) {
            assertThat(ttlBytes(doc, trickle)).containsExactly("o1", "o2", "o4", "o5",
                    "2:12 malformed UTF-8 (byte 0xFF)",
                    "4:3 malformed UTF-8 (byte 0xC3)",
                    "5:6 malformed UTF-8 (byte 0xE9)",
                    "7:4 malformed UTF-8 (byte 0xC0)",
                    "8:10 malformed UTF-8 (byte 0xED)",
                    "10:15 malformed UTF-8 (byte 0xF4)",
                    "11:16 malformed UTF-8 (byte 0xFF)",
                    "13:16 malformed UTF-8 (byte 0xE2)");
        }
        RdfSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(RdfSyntaxException.class,
                () -> new TurtleParser().parse(new java.io.ByteArrayInputStream(bytes(doc)), (s, p, o, g) -> { }, null));
        assertThat(e.getMessage()).isEqualTo("line 2, column 12: malformed UTF-8 (byte 0xFF)");
        // N-Triples from bytes: the same, one line at a time.
        List<String> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        NTriplesParser.nTriples().relativeIris(true).parse(new java.io.ByteArrayInputStream(
                bytes("<a> <p> <o1> .\n<a> <p> \"\u00e9x\\xFF .\n<a> <p> <o2> .\r\n<a\\xBF> <p> <o3> .\n<a> <p> <o4> .")),
                (s, p, o, g) -> out.add(o), x -> errors.add(x.line() + ":" + x.column() + " " + x.detail()));
        assertThat(out).containsExactly("o1", "o2", "o4");
        assertThat(errors).containsExactly("2:12 malformed UTF-8 (byte 0xFF)", "4:3 malformed UTF-8 (byte 0xBF)");
    }

    @Test
    void turtleFromBytesReadsWhatTurtleFromCharactersReads() throws IOException {
        String doc = "@prefix : <http://ex.org/ns#> .\r\n"
                + ":s :p \"caf\u00e9 \u4e2d \ud83d\ude00\"@en , '''long\r\nstring''' ; :q :\u00e9t\u00e9 .\r"
                + "<\u00fc> :p ( 1 2.5 ) .\n";
        List<String> fromChars = new ArrayList<>();
        new TurtleParser("http://base/").parse(new StringReader(doc), (s, p, o, g) -> fromChars.add(s + " " + p + " " + o));
        for (boolean trickle : new boolean[] {false, true}) {
            byte[] b = doc.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            List<String> fromBytes = new ArrayList<>();
            new TurtleParser("http://base/").parse(trickle ? trickle(b) : new java.io.ByteArrayInputStream(b),
                    (s, p, o, g) -> fromBytes.add(s + " " + p + " " + o), null);
            assertThat(fromBytes).hasSize(8).isEqualTo(fromChars);
        }
    }

    @Test
    void aTermLongerThanTheLimitIsAnErrorWhereItBeginsAndSkipsItsStatement() throws IOException {
        String doc = "@prefix ex: <http://ex.org/> .\n"
                + "ex:a ex:p \"short\" , \"twelve twelve \u00e9\u00e9\u00e9\" .\n" // 7 bytes, then 21 with its quotes
                + "ex:a ex:p ex:o1 .\n"
                + "  <abcdefghijk> ex:p ex:o2 .\n"
                + "ex:a ex:pppppppp ex:o3 .\n"                                 // a prefixed name of 22 bytes as predicate
                + "ex:a ex:p \"x\"^^ex:t .\n"                                  // a literal of 22 bytes with its datatype
                + "ex:a ex:p \"" + "\ud83d\ude00".repeat(4) + "\" , \"" + "\ud83d\ude00".repeat(5) + "\" .\n" // 18, 22 bytes
                + "ex:a ex:p 123456789012 .\n"                                 // a number, stored with its datatype
                + "ex:a ex:p ex:o4 .\n";
        List<String> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        new TurtleParser().maxTermBytes(20).parse(new StringReader(doc), (s, p, o, g) -> out.add(o),
                e -> errors.add(e.line() + ":" + e.column() + " " + e.detail()));
        assertThat(out).containsExactly("http://ex.org/o1", "http://ex.org/o2", "http://ex.org/o4");
        assertThat(errors).containsExactly("2:21 term longer than 20 bytes of UTF-8", "5:6 term longer than 20 bytes of UTF-8",
                "6:11 term longer than 20 bytes of UTF-8", "7:20 term longer than 20 bytes of UTF-8",
                "8:11 term longer than 20 bytes of UTF-8");
        // From bytes, and without a handler: the first error is thrown.
        RdfSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(RdfSyntaxException.class,
                () -> new TurtleParser().maxTermBytes(16).parse(new java.io.ByteArrayInputStream(bytes(doc)), (s, p, o, g) -> { },
                        null));
        assertThat(e.getMessage()).isEqualTo("line 2, column 21: term longer than 16 bytes of UTF-8");
        // N-Triples: the line.
        List<String> nt = new ArrayList<>();
        List<String> ntErrors = new ArrayList<>();
        NTriplesParser.nQuads().relativeIris(true).maxTermBytes(5).parse(new StringReader(
                "<a> <p> \"abc\" .\n<a> <p> \"abcd\" .\n<a>\t<pppppp> <o> .\n<a> <p> <o> _:g123 .\n<a> <p> <o> _:g1 ."),
                (s, p, o, g) -> nt.add(o + " " + g), x -> ntErrors.add(x.line() + ":" + x.column() + " " + x.detail()));
        assertThat(nt).containsExactly("\"abc\" null", "o _:g1");
        assertThat(ntErrors).containsExactly("2:9 term longer than 5 bytes of UTF-8", "3:5 term longer than 5 bytes of UTF-8",
                "4:13 term longer than 5 bytes of UTF-8");
    }

    @Test
    void largeInputsStreamInConstantMemory() throws IOException {
        // 300,000 lines generated on the fly: nothing but the current line is ever held
        final int lines = 300_000;
        Reader generated = new Reader() {
            int line;
            String pending = "";
            int pos;

            @Override
            public int read(char[] buf, int off, int len) {
                if (pos == pending.length()) {
                    if (line == lines) {
                        return -1;
                    }
                    pending = "<http://ex.org/s" + line + "> <http://ex.org/p> \"value " + line + "\" .\n";
                    pos = 0;
                    line++;
                }
                int n = Math.min(len, pending.length() - pos);
                pending.getChars(pos, pos + n, buf, off);
                pos += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        long[] last = new long[1];
        long n = NTriplesParser.nTriples().parse(generated, (s, p, o, g) -> last[0]++);
        assertThat(n).isEqualTo(lines);
        assertThat(last[0]).isEqualTo(lines);
    }
}
