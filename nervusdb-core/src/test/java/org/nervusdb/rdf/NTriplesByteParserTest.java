package org.nervusdb.rdf;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nervusdb.testing.Seeds;

/**
 * {@link NTriplesByteParser} against its contract: on any document that is well-formed UTF-8 it
 * accepts, emits and refuses exactly what {@link NTriplesParser} does (reading the same bytes
 * through a strict decoder), with the same errors (line, column, detail), with and without an
 * error handler, however the input stream splits its reads; malformed UTF-8 is an
 * {@link RdfSyntaxException} at the right line and column.
 */
class NTriplesByteParserTest {
    private static final String XSD_STRING = RdfTerms.XSD_STRING;

    // ------------------------------------------------------------------ the harness

    /** The options both parsers are given. */
    record Options(boolean quads, boolean relativeIris, String prefix, int maxTermBytes) {
        Options(boolean quads, boolean relativeIris, String prefix) {
            this(quads, relativeIris, prefix, Integer.MAX_VALUE);
        }

        NTriplesParser chars() {
            return (quads ? NTriplesParser.nQuads() : NTriplesParser.nTriples()).relativeIris(relativeIris)
                    .blankNodePrefix(prefix).maxTermBytes(maxTermBytes);
        }

        NTriplesByteParser bytes() {
            return (quads ? NTriplesByteParser.nQuads() : NTriplesByteParser.nTriples()).relativeIris(relativeIris)
                    .blankNodePrefix(prefix).maxTermBytes(maxTermBytes);
        }

        @Override
        public String toString() {
            return (quads ? "N-Quads" : "N-Triples") + (relativeIris ? ", relative IRIs" : "")
                    + (prefix.isEmpty() ? "" : ", prefix '" + prefix + "'")
                    + (maxTermBytes == Integer.MAX_VALUE ? "" : ", terms of at most " + maxTermBytes + " bytes");
        }
    }

    private static final Options NT = new Options(false, false, "");
    private static final Options NQ = new Options(true, false, "");

    /** The option sets the hand-written cases run with. */
    private static final List<Options> ALL_OPTIONS = List.of(NT, NQ, new Options(false, true, ""),
            new Options(true, true, ""), new Options(false, false, "f1."), new Options(true, true, "x-"),
            new Options(true, true, "\u00e9-", 21));

    record Stmt(String s, String p, String o, String g) {
    }

    record Err(int line, int column, String detail) {
    }

    /** What a parse did: statements and errors in order, and the count returned (-1 when it threw). */
    record Outcome(List<Object> events, long count) {
    }

    private static Err err(RdfSyntaxException e) {
        assertThat(e.getMessage()).isEqualTo("line " + e.line() + ", column " + e.column() + ": " + e.detail());
        return new Err(e.line(), e.column(), e.detail());
    }

    /** The reference: {@link NTriplesParser} reading the bytes through a strict UTF-8 decoder. */
    static Outcome charParse(byte[] doc, Options o, boolean handler) throws IOException {
        return charParse(doc, o, handler, new ArrayList<>());
    }

    /** As above; {@code columns} gets the columns where the terms of each statement begin. */
    static Outcome charParse(byte[] doc, Options o, boolean handler, List<String> columns) throws IOException {
        List<Object> events = new ArrayList<>();
        Reader r = new InputStreamReader(new ByteArrayInputStream(doc), UTF_8.newDecoder());
        NTriplesParser parser = o.chars();
        try {
            long n = parser.parse(r, (s, p, ob, g) -> {
                events.add(new Stmt(s, p, ob, g));
                int[] c = parser.termColumns;
                columns.add(c[0] + " " + c[1] + " " + c[2] + (g == null ? "" : " " + c[3]));
            }, handler ? e -> events.add(err(e)) : null);
            return new Outcome(events, n);
        } catch (RdfSyntaxException e) {
            events.add(err(e));
            return new Outcome(events, -1);
        }
    }

    static Outcome byteParse(InputStream in, Options o, boolean handler) throws IOException {
        return byteParse(o.bytes(), in, handler);
    }

    static Outcome byteParse(NTriplesByteParser parser, InputStream in, boolean handler) throws IOException {
        return byteParse(parser, in, handler, new ArrayList<>());
    }

    /** As above; {@code columns} gets what {@link NTriplesByteParser#column} says for each statement. */
    static Outcome byteParse(NTriplesByteParser parser, InputStream in, boolean handler, List<String> columns) throws IOException {
        List<Object> events = new ArrayList<>();
        try {
            long n = parser.parse(in, (b, so, sl, po, pl, oo, ol, go, gl) -> {
                columns.add(parser.column(0) + " " + parser.column(1) + " " + parser.column(2)
                        + (gl < 0 ? "" : " " + parser.column(3)));
                if (gl < 0 || go < 0) {
                    assertThat(new int[] {go, gl}).as("gOff and gLen without a graph term").containsExactly(-1, -1);
                }
                events.add(new Stmt(strict(b, so, sl), strict(b, po, pl), strict(b, oo, ol),
                        gl < 0 ? null : strict(b, go, gl)));
            }, handler ? e -> events.add(err(e)) : null);
            return new Outcome(events, n);
        } catch (RdfSyntaxException e) {
            events.add(err(e));
            return new Outcome(events, -1);
        }
    }

    /** The bytes a sink received, decoded strictly: the parser must hand over well-formed UTF-8. */
    private static String strict(byte[] b, int off, int len) {
        assertThat(off).isNotNegative();
        assertThat(len).isNotNegative();
        assertThat(off + len).isLessThanOrEqualTo(b.length);
        try {
            return UTF_8.newDecoder().decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("the sink was handed malformed UTF-8: " + HexFormat.of().formatHex(b, off, off + len));
        }
    }

    /** An input stream over bytes whose reads return at most the sizes {@code sizes} gives, in turn. */
    static final class ChunkedStream extends InputStream {
        private final byte[] data;
        private final java.util.function.IntSupplier sizes;
        private int pos;

        ChunkedStream(byte[] data, java.util.function.IntSupplier sizes) {
            this.data = data;
            this.sizes = sizes;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, Math.max(1, sizes.getAsInt())), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    static InputStream oneByteAtATime(byte[] doc) {
        return new ChunkedStream(doc, () -> 1);
    }

    static InputStream randomChunks(byte[] doc, long seed, int max) {
        Random r = new Random(seed);
        return new ChunkedStream(doc, () -> 1 + r.nextInt(max));
    }

    /** Reads split exactly at the given offsets. */
    static InputStream splitAt(byte[] doc, int... cuts) {
        int[] sizes = new int[cuts.length + 1];
        int prev = 0;
        for (int i = 0; i < cuts.length; i++) {
            sizes[i] = cuts[i] - prev;
            prev = cuts[i];
        }
        sizes[cuts.length] = Integer.MAX_VALUE;
        int[] next = {0};
        return new ChunkedStream(doc, () -> sizes[Math.min(next[0]++, sizes.length - 1)]);
    }

    /** Collects the documents on which the parsers disagree, to report them all at once. */
    static final class Differ {
        private final List<String> mismatches = new ArrayList<>();
        private int runs;

        /** Both parsers, both error modes, three ways of reading; returns the reference outcome with a handler. */
        Outcome check(String doc, Options o) throws IOException {
            return check(doc.getBytes(UTF_8), o);
        }

        Outcome check(byte[] doc, Options o) throws IOException {
            Outcome withHandler = null;
            for (boolean handler : new boolean[] {false, true}) {
                List<String> columns = new ArrayList<>();
                Outcome expected = charParse(doc, o, handler, columns);
                if (handler) {
                    withHandler = expected;
                }
                List<String> byteColumns = new ArrayList<>();
                compare(doc, o, handler, "one read", expected, byteParse(o.bytes(), new ByteArrayInputStream(doc), handler,
                        byteColumns));
                if (!columns.equals(byteColumns)) {
                    mismatches.add(show(doc) + "\n    [" + o + "] term columns: NTriplesParser " + columns
                            + ", NTriplesByteParser " + byteColumns);
                }
                compare(doc, o, handler, "1-byte reads", expected, byteParse(oneByteAtATime(doc), o, handler));
                compare(doc, o, handler, "random reads", expected,
                        byteParse(randomChunks(doc, doc.length * 31L + runs, 7), o, handler));
            }
            return withHandler;
        }

        void compare(byte[] doc, Options o, boolean handler, String how, Outcome expected, Outcome actual) {
            runs++;
            if (!expected.equals(actual)) {
                mismatches.add(show(doc) + "\n    [" + o + (handler ? ", error handler" : ", first error thrown") + ", "
                        + how + "]\n    NTriplesParser:     " + expected + "\n    NTriplesByteParser: " + actual);
            }
        }

        void assertNone() {
            assertThat(runs).isPositive();
            if (!mismatches.isEmpty()) {
                throw new AssertionError(mismatches.size() + " of " + runs + " runs differ, for example:\n"
                        + String.join("\n", mismatches.subList(0, Math.min(12, mismatches.size()))));
            }
        }
    }

    /** A document with its line breaks and other invisible characters shown. */
    static String show(byte[] doc) {
        String s = new String(doc, UTF_8);
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f || c == 0xfeff) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static void differential(List<String> docs) throws IOException {
        Differ d = new Differ();
        for (String doc : docs) {
            for (Options o : ALL_OPTIONS) {
                d.check(doc, o);
            }
        }
        d.assertNone();
    }

    /** Each line alone, before and after a good line with each kind of line break, and all of them as one document. */
    private static void differentialLines(List<String> lines) throws IOException {
        List<String> docs = new ArrayList<>();
        for (String line : lines) {
            docs.add(line);
            docs.add(line + "\n");
            docs.add(line + "\r\n" + "<http://ex.org/s> <http://ex.org/p> <http://ex.org/after> .\n");
            docs.add(line + "\r" + "<http://ex.org/s> <http://ex.org/p> <http://ex.org/after> .");
            docs.add(line + "\n" + "<http://ex.org/s> <http://ex.org/p> <http://ex.org/after> .\n");
            docs.add("<http://ex.org/s> <http://ex.org/p> <http://ex.org/before> .\n" + line + "\n");
        }
        for (String eol : new String[] {"\n", "\r\n", "\r"}) {
            docs.add(String.join(eol, lines) + eol);
        }
        differential(docs);
    }

    private static final String S = "<http://ex.org/s>";
    private static final String P = "<http://ex.org/p>";
    private static final String O = "<http://ex.org/o>";

    // ------------------------------------------------------------------ hand-written cases

    @Test
    void iris() throws IOException {
        differentialLines(List.of(
                S + " " + P + " " + O + " .",
                "<urn:isbn:0451450523> <mailto:a@b.c> <tag:x.org,2024:y> .",
                "<HTTP://EX.ORG/S> <a+b-c.d:p> <x:> .",
                "<s> <p> <o> .",
                "<http://ex.org/s> <p> <http://ex.org/o> .",
                "<> " + P + " <#frag> .",
                "<1a:b> " + P + " <:x> .",
                "<-a:b> " + P + " <a/b:c> .",
                S + " " + P + " <http://ex.org/\\u00E9\\U0001F600> .",
                S + " " + P + " <http://ex.org/\\u0073> .",
                "<\\u0068ttp://ex.org/s> " + P + " " + O + " .",
                "<\\u0073> " + P + " " + O + " .",
                S + " " + P + " <http://ex.org/\\u0020> .",
                S + " " + P + " <http://ex.org/\\u003E> .",
                S + " " + P + " <http://ex.org/\\u00> .",
                S + " " + P + " <http://ex.org/\\u00G0> .",
                S + " " + P + " <http://ex.org/\\U00110000> .",
                S + " " + P + " <http://ex.org/\\uD83D\\uDE00> .",
                S + " " + P + " <http://ex.org/\\uDE00> .",
                S + " " + P + " <http://ex.org/\\n> .",
                S + " " + P + " <http://ex.org/\\> .",
                S + " " + P + " <http://ex.org/a b> .",
                S + " " + P + " <http://ex.org/a\tb> .",
                S + " " + P + " <http://ex.org/a{b}> .",
                S + " " + P + " <http://ex.org/a|b> .",
                S + " " + P + " <http://ex.org/a^b> .",
                S + " " + P + " <http://ex.org/a`b> .",
                S + " " + P + " <http://ex.org/a\"b> .",
                S + " " + P + " <http://ex.org/a<b> .",
                S + " " + P + " <http://ex.org/a\u007Fb> .",
                S + " " + P + " <http://ex.org/a\u0001b> .",
                S + " " + P + " <http://ex.org/%20~!$&'()*+,;=:@/?> .",
                S + " " + P + " <http://ex.org/\uFEFF\uFFFF> .",
                S + " " + P + " <http://ex.org/o",
                S + " " + P + " <http://ex.org/o .",
                S + " " + P + " <",
                S + " <http://ex.org/p",
                "<http://ex.org/s",
                "<",
                S + " _:p " + O + " .",
                S + " \"p\" " + O + " .",
                S + " p " + O + " .",
                S + " " + P + " " + O + " <http://ex.org/g> .",
                S + " " + P + " " + O + " <g> .",
                S + " " + P + " " + O + " <http://ex.org/g",
                S + " " + P + " " + O + " <http://ex.org/g> <http://ex.org/h> ."));
    }

    @Test
    void blankNodes() throws IOException {
        differentialLines(List.of(
                "_:b1 " + P + " _:b2 .",
                "_:b1 " + P + " _:b2.",
                "_:b1." + P + " " + O + " .",
                "_:b1.x " + P + " _:b.1.x .",
                "_:b1..x " + P + " _:a...b .",
                "_:b1 " + P + " _:b1. ",
                "_:b1 " + P + " _:b1..",
                "_:b1 " + P + " _:b1.. .",
                "_:b1 " + P + " _:b1.\t",
                "_:b1 " + P + " _:b1.#c",
                "_:b1 " + P + " _:b1. # c",
                "_:b1 " + P + " _:b1.x",
                "_:1 " + P + " _:0a .",
                "_:_ " + P + " _:_x_ .",
                "_:a-b " + P + " _:a- .",
                "_:-a " + P + " " + O + " .",
                "_:.a " + P + " " + O + " .",
                "_:é " + P + " _:中文 .",
                "_:a·b " + P + " _:a\u0300 .",
                "_:\u0300a " + P + " " + O + " .",
                "_:a\u203Fb " + P + " _:😀 .",
                "_:a:b " + P + " " + O + " .",
                "_: " + P + " " + O + " .",
                "_:",
                S + " " + P + " _:",
                "_b " + P + " " + O + " .",
                "_",
                "_:b1<http://ex.org/p> _:b2 .",
                "_:b1\t" + P + "\t_:b2\t.",
                "_:b1 " + P + " _:b2\"x\" .",
                "_:b1 " + P + " _:b2<http://ex.org/g> .",
                "_:b1 " + P + " _:b2 _:g .",
                "_:b1 " + P + " _:b2 _:g.",
                "_:b1 " + P + " _:b2 _:g. ",
                "_:b1 " + P + " _:b2 _:g.x .",
                "_:b1 " + P + " _:b2 _:",
                "_:b1 " + P + " \"x\" _:g1.",
                "_:b1 " + P + " \"x\"@en _:g1 .",
                "_:b1 " + P + " \"x\"@en_:g1 ."));
    }

    @Test
    void literals() throws IOException {
        differentialLines(List.of(
                S + " " + P + " \"plain\" .",
                S + " " + P + " \"\" .",
                S + " " + P + " \"a b\tc # not a comment . <x>\" .",
                S + " " + P + " \"q\\\"uote\" .",
                S + " " + P + " \"back\\\\slash\" .",
                S + " " + P + " \"line\\nbreak\\rreturn\" .",
                S + " " + P + " \"tab\\tb\\bf\\f'\\'\" .",
                S + " " + P + " \"\\u00E9\\U0001F600\\uD83D\\uDE00\" .",
                S + " " + P + " \"\\u0022\\u005C\\u000A\\u000D\\u0000\" .",
                S + " " + P + " \"\\q\" .",
                S + " " + P + " \"\\u12\" .",
                S + " " + P + " \"\\U0011FFFF\" .",
                S + " " + P + " \"\\uD800\" .",
                S + " " + P + " \"\\uD800\\u0041\" .",
                S + " " + P + " \"\\",
                S + " " + P + " \"\\u00",
                S + " " + P + " \"é中😀\" .",
                S + " " + P + " \"\u007F\u0001\" .",
                S + " " + P + " \"chat\"@fr .",
                S + " " + P + " \"chat\"@FR .",
                S + " " + P + " \"chat\"@fR-Be .",
                S + " " + P + " \"x\"@en-us .",
                S + " " + P + " \"x\"@en-US .",
                S + " " + P + " \"x\"@en-latn-us-x-private1 .",
                S + " " + P + " \"x\"@en-1 .",
                S + " " + P + " \"x\"@en- .",
                S + " " + P + " \"x\"@en--x .",
                S + " " + P + " \"x\"@en-é .",
                S + " " + P + " \"x\"@e1 .",
                S + " " + P + " \"x\"@1 .",
                S + " " + P + " \"x\"@ .",
                S + " " + P + " \"x\"@",
                S + " " + P + " \"x\"@en-",
                S + " " + P + " \"x\"@en_x .",
                S + " " + P + " \"x\"@en.",
                S + " " + P + " \"x\"@en^^<http://ex.org/dt> .",
                S + " " + P + " \"x\"@en<http://ex.org/g> .",
                S + " " + P + " \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
                S + " " + P + " \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>.",
                S + " " + P + " \"s\"^^<" + XSD_STRING + "> .",
                S + " " + P + " \"s\"^^<" + XSD_STRING + ">.",
                S + " " + P + " \"s\"^^<http://www.w3.org/2001/XMLSchema#\\u0073tring> .",
                S + " " + P + " \"s\"^^<" + XSD_STRING + "s> .",
                S + " " + P + " \"s\"^^<" + XSD_STRING.substring(0, XSD_STRING.length() - 1) + "> .",
                S + " " + P + " \"é\"^^<http://ex.org/dté> .",
                S + " " + P + " \"x\"^^<dt> .",
                S + " " + P + " \"x\"^^<> .",
                S + " " + P + " \"x\"^^<http://ex.org/a b> .",
                S + " " + P + " \"x\"^^ <http://ex.org/dt> .",
                S + " " + P + " \"x\"^<http://ex.org/dt> .",
                S + " " + P + " \"x\"^^http://ex.org/dt .",
                S + " " + P + " \"x\"^^",
                S + " " + P + " \"x\"^",
                S + " " + P + " \"x\"^^<http://ex.org/dt",
                S + " " + P + " \"x\"^^<http://ex.org/dt>@en .",
                S + " " + P + " \"x\"\"y\" .",
                S + " " + P + " \"x\"<http://ex.org/g> .",
                S + " " + P + " \"x\" \"g\" .",
                S + " " + P + " 'x' .",
                S + " " + P + " \"\"\"x\"\"\" .",
                S + " " + P + " \"unterminated .",
                S + " " + P + " \"unterminated",
                S + " " + P + " \"",
                "\"x\" " + P + " " + O + " .",
                S + " " + P + " \"x\" \"y\"@en ."));
    }

    @Test
    void nonAsciiUtf8() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String c : new String[] {"é", "ß", "\u07FF", "\u0800", "中", "\uFFFD", "\uFEFF", "😀", "\uDBFF\uDFFF"}) {
            lines.add("<http://ex.org/" + c + "> <http://ex.org/p" + c + "> <http://ex.org/o" + c + c + "> .");
            lines.add(S + " " + P + " \"" + c + "\" .");
            lines.add(S + " " + P + " \"a" + c + "b\"@en .");
            lines.add(S + " " + P + " \"" + c + "\"^^<http://ex.org/" + c + "> .");
            lines.add("_:" + c + " " + P + " _:a" + c + " .");
            lines.add(S + " " + P + " " + O + " <http://ex.org/g" + c + "> .");
            lines.add(S + " " + P + " " + O + " . # " + c);
            lines.add("# " + c);
            lines.add(c + " " + P + " " + O + " .");
            lines.add(S + " " + P + " " + O + " " + c + " .");
            lines.add(S + " " + P + " \"" + c + "\"@" + c + " .");
            lines.add(S + " " + P + " " + O + " ." + c);
        }
        lines.add("\uFEFF" + S + " " + P + " " + O + " .");
        differentialLines(lines);
        differential(List.of("\uFEFF" + S + " " + P + " " + O + " .\n"));
    }

    @Test
    void whitespaceCommentsAndLineBreaks() throws IOException {
        String t = S + " " + P + " " + O + " .";
        differentialLines(List.of(
                "\t" + S + "\t" + P + "\t" + O + "\t.\t",
                "   " + S + "   " + P + "   " + O + "   .   ",
                S + P + O + ".",
                S + P + "\"x\"" + ".",
                S + P + "\"x\"@en" + ".",
                S + P + "_:b" + ".",
                S + " " + P + " " + O + " .  \t ",
                S + " " + P + " " + O + " . # comment",
                S + " " + P + " " + O + " .# comment",
                S + " " + P + " " + O + " .#",
                S + " " + P + " " + O + " # comment",
                S + " # comment",
                "# a comment line",
                "#",
                "   # indented comment",
                "",
                "   ",
                "\t",
                "\u000B",
                "\f" + t,
                t.replace(' ', '\u00A0'),
                S + " " + P + " " + O,
                S + " " + P + " " + O + " ",
                S + " " + P + " " + O + " . junk",
                S + " " + P + " " + O + " . " + t,
                S + " " + P + " " + O + " ..",
                S + " " + P + " " + O + " . .",
                S + " " + P + " " + O + " ;",
                S + " " + P + " " + O + " , " + O + " .",
                S + " " + P,
                S + " " + P + " ",
                S,
                S + " ",
                ".",
                "junk",
                "@prefix x: <http://ex.org/> .",
                "\u0000"));
        differential(List.of(
                "",
                "\n",
                "\r",
                "\r\n",
                "\n\n\r\r\n\r\n",
                t,
                t + "\n",
                t + "\r",
                t + "\r\n",
                t + "\n\n" + t,
                t + "\r\r" + t + "\r\n\r\n" + t,
                t + "\n\r" + t,
                "# c\r\n" + t + "\r\n# d\r" + t + "\n",
                t + "\r\n" + S + " " + P + " <o> .\r\n" + t,
                t + "\r" + S + " " + P + " <o> .\r" + t,
                S + " " + P + " \"x\r" + t,
                S + " " + P + " \"x\r\n" + t,
                S + " " + P + " \"x\n" + t,
                S + " " + P + " <http://ex.org/o\n" + t + "\n" + t,
                S + " " + P + " <http://ex.org/o\r" + t + "\r" + t,
                S + " " + P + " <http://ex.org/o\r\n" + t + "\r\n" + t,
                S + " " + P + " <http://ex.org/o\n\n" + t,
                S + " " + P + " <http://ex.org/o\n" + S + " " + P + " <o> .\n" + t,
                "<http://ex.org/s\n" + t + "\n",
                S + " " + P + " " + O + " <http://ex.org/g\n" + t + "\n",
                S + " " + P + " \"x\"^^<http://ex.org/d\n" + t + "\n",
                S + " " + P + " \"x\r\n\"\r\n" + t));
    }

    @Test
    void nQuads() throws IOException {
        differentialLines(List.of(
                S + " " + P + " " + O + " <http://ex.org/g> .",
                S + " " + P + " " + O + " _:g .",
                S + " " + P + " " + O + " _:g1.",
                S + " " + P + " \"x\"@en <http://ex.org/g> .",
                S + " " + P + " \"x\"^^<http://ex.org/dt> <http://ex.org/g> .",
                S + " " + P + " \"x\"^^<" + XSD_STRING + "><http://ex.org/g>.",
                S + P + O + "<http://ex.org/g>.",
                S + " " + P + " " + O + " <g> .",
                S + " " + P + " " + O + " \"g\" .",
                S + " " + P + " " + O + " <http://ex.org/g> <http://ex.org/h> .",
                S + " " + P + " " + O + " <http://ex.org/g> # c",
                S + " " + P + " " + O + " <http://ex.org/g>",
                S + " " + P + " " + O + " <http://ex.org/g> . # c",
                S + " " + P + " " + O + " <http://ex.org/\\u00E9> .",
                S + " " + P + " " + O + " _:",
                S + " " + P + " " + O + " ."));
    }

    @Test
    void theStoredSpellingIsRight() throws IOException {
        // Both parsers could agree and still be wrong: a few outcomes spelled out.
        Outcome out = byteParse(new ByteArrayInputStream((
                "_:b1 " + P + " \"s\"^^<" + XSD_STRING + "> .\n"
                        + "_:b1\t" + P + " \"chat\"@FR-be .\n"
                        + S + " " + P + " \"a\\\"b\\\\c\\nd\\te\\u00E9\\U0001F600\" .\n"
                        + S + " " + P + " _:b1.\n"
                        + "<\\u00E9> " + P + " \"x\"^^<http://ex.org/\\u00E9> <http://ex.org/g> .\n"
                        + "_:é " + P + " \"ü\"@en-us _:g.\n").getBytes(UTF_8)),
                new Options(true, true, "f."), false);
        assertThat(out.events()).containsExactly(
                new Stmt("_:f.b1", "http://ex.org/p", "\"s\"", null),
                new Stmt("_:f.b1", "http://ex.org/p", "\"chat\"@fr-BE", null),
                new Stmt("http://ex.org/s", "http://ex.org/p", "\"a\\\"b\\\\c\\nd\te\u00e9\ud83d\ude00\"", null),
                new Stmt("http://ex.org/s", "http://ex.org/p", "_:f.b1", null),
                new Stmt("\u00e9", "http://ex.org/p", "\"x\"^^<http://ex.org/\u00e9>", "http://ex.org/g"),
                new Stmt("_:f.é", "http://ex.org/p", "\"ü\"@en-US", "_:f.g"));
        assertThat(out.count()).isEqualTo(6);
    }

    @Test
    void errorsAreHandedOverAndTheNextLineIsRead() throws IOException {
        String line2 = S + " " + P + " \"unclosed .";
        String line4 = S + " " + P + " <http://ex.org/o4> <http://ex.org/extra> .";
        String line5 = S + " " + P + " <http://ex.org/o5";
        String doc = S + " " + P + " <http://ex.org/o1> .\n"
                + line2 + "\n"
                + S + " " + P + " <http://ex.org/o3> .\n"
                + line4 + "\n"
                + line5 + "\n"
                + S + " " + P + " <http://ex.org/o6> .\n"
                + S + " " + P + " <http://ex.org/o7> .";
        Differ d = new Differ();
        Outcome out = d.check(doc, NT);
        d.assertNone();
        assertThat(out.events()).containsExactly(
                new Stmt("http://ex.org/s", "http://ex.org/p", "http://ex.org/o1", null),
                new Err(2, line2.length() + 1, "line break in a string (use \\n or a long string)"),
                new Stmt("http://ex.org/s", "http://ex.org/p", "http://ex.org/o3", null),
                new Err(4, line4.indexOf("<http://ex.org/extra>") + 1, "'.' expected at the end of the statement, found '<'"),
                new Err(5, line5.length() + 1, "character U+000A is not allowed in an IRI"),
                new Stmt("http://ex.org/s", "http://ex.org/p", "http://ex.org/o6", null),
                new Stmt("http://ex.org/s", "http://ex.org/p", "http://ex.org/o7", null));
        assertThat(out.count()).isEqualTo(4);
    }

    @Test
    void theCharacterThatEndsALineIsNamedInErrors() throws IOException {
        // A statement cut short by the end of its line: the error names the line break, as NTriplesParser
        // does, and "end of input" only on the last line.
        String cut = S + " " + P + " " + O;
        int column = cut.length() + 1;
        Differ d = new Differ();
        assertThat(d.check(cut + "\n", NT).events())
                .containsExactly(new Err(1, column, "'.' expected at the end of the statement, found U+000A"));
        assertThat(d.check(cut + "\r\n", NT).events())
                .containsExactly(new Err(1, column, "'.' expected at the end of the statement, found U+000D"));
        assertThat(d.check(cut, NT).events())
                .containsExactly(new Err(1, column, "'.' expected at the end of the statement, found end of input"));
        assertThat(d.check(S + " " + P + " \"x\"@\n", NT).events())
                .containsExactly(new Err(1, 41, "language tag expected after '@', found U+000A"));
        assertThat(d.check(S + " " + P + " _:\r", NT).events())
                .containsExactly(new Err(1, 39, "blank node label expected after '_:', found U+000D"));
        d.assertNone();
    }

    // ------------------------------------------------------------------ randomized

    private static final String[] IRI_BODIES = {
        "http://ex.org/s", "http://ex.org/p", "http://ex.org/o", "urn:x:1", "mailto:a@b", "HTTP://EX.ORG/", "a+b-c.d:x",
        "http://ex.org/é", "http://ex.org/中文", "http://ex.org/😀", "http://ex.org/\uFFFF", "x:\u007F",
        "s", "", "#frag", "1a:b", ":x", "é:x",
        "http://ex.org/\\u00E9", "http://ex.org/\\U0001F600", "\\u0068ttp://x", "http://ex.org/\\u0020",
        "http://ex.org/\\u00", "http://ex.org/\\x", "http://ex.org/\\uD800", "http://ex.org/\\uD83D\\uDE00",
        "http://ex.org/a b", "http://ex.org/a{b", "http://ex.org/a\"b", "http://ex.org/a^b", "http://ex.org/a`b",
        "http://ex.org/a|b", "http://ex.org/a\tb", "http://ex.org/a<b", "http://ex.org/a\\b",
    };
    private static final String[] LABELS = {
        "b1", "b1", "b.1", "b..1", "1", "0a", "_", "_x", "é", "a·b", "a\u0300", "\u0300a", "-a", "a-", "a_b", "B",
        "x.", "x..", "", "a:b", "😀", "a\u203F",
    };
    private static final String[] CONTENT = {
        "abc", "abc", " ", "\t", "é", "中", "😀", "\\\"", "\\\\", "\\n", "\\r", "\\t", "\\b", "\\f", "\\'",
        "\\u00E9", "\\U0001F600", "\\uD83D\\uDE00", "\\x", "\\u12", "\\U00110000", "\\uD800", "#", ".", " . ",
        "<>", "@en", "^^", "'", "\u007F", "\u0001", "\\u0000", "_:b",
    };
    private static final String[] SUFFIXES = {
        "", "", "", "@en", "@en", "@EN", "@en-US", "@en-us", "@en-", "@", "@1", "@en1", "@en-1a", "@en--x", "@x-abc123",
        "@en_", "^^<" + XSD_STRING + ">", "^^<http://www.w3.org/2001/XMLSchema#integer>", "^^<dt>",
        "^^<http://www.w3.org/2001/XMLSchema#\\u0073tring>", "^^", "^", "^^dt", "^^<http://ex.org/é>",
        "@en^^<http://x/>", "^^<http://ex.org/d t>",
    };
    private static final String[] SEPARATORS = {" ", " ", " ", "\t", "", "  ", " \t "};
    private static final String[] ENDS = {
        " .", " .", " .", ".", "", " . # c", " .#c", " . junk", " ..", " . ", "\t.\t", " . <http://x/>", " ;",
        " . # é",
    };
    private static final String[] OTHER_LINES = {
        "# a comment é", "", "", "   ", "\t", "junk", "@prefix x: <http://x/> .", ".", "#",
    };

    // the well-formed pieces, used for most lines so that many statements are read
    private static final String[] GOOD_IRIS = {
        "http://ex.org/s", "http://ex.org/p", "http://ex.org/o", "urn:x:1", "HTTP://EX.ORG/", "a+b-c.d:x",
        "http://ex.org/é", "http://ex.org/中文", "http://ex.org/😀", "http://ex.org/\\u00E9", "http://ex.org/\\U0001F600",
        "http://ex.org/%20~!$&'()*+,;=:@/?#f",
    };
    private static final String[] GOOD_LABELS = {"b1", "b.1", "1", "_x", "é", "a·b", "a-", "B", "a\u203F"};
    private static final String[] GOOD_CONTENT = {
        "abc", " ", "\t", "é", "中", "😀", "\\\"", "\\\\", "\\n", "\\u00E9", "\\U0001F600", "#", " . ", "<>", "'",
    };
    private static final String[] GOOD_SUFFIXES = {
        "", "", "@en", "@en", "@EN", "@en-US", "@en-us", "@x-abc123", "^^<" + XSD_STRING + ">",
        "^^<http://www.w3.org/2001/XMLSchema#integer>", "^^<http://www.w3.org/2001/XMLSchema#\\u0073tring>",
    };
    private static final String[] GOOD_ENDS = {" .", " .", " .", ".", " . # c", " .#c", "\t.\t", " . # é", " . "};

    private static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    private static String iri(Random r, boolean good) {
        if (good) {
            return "<" + pick(r, GOOD_IRIS) + ">";
        }
        return r.nextInt(30) == 0 ? "<" + pick(r, IRI_BODIES) : "<" + pick(r, IRI_BODIES) + ">";
    }

    private static String blank(Random r, boolean good) {
        if (good) {
            return "_:" + pick(r, GOOD_LABELS);
        }
        return r.nextInt(40) == 0 ? "_" + pick(r, LABELS) : "_:" + pick(r, LABELS);
    }

    private static String literal(Random r, boolean good) {
        StringBuilder sb = new StringBuilder("\"");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.append(pick(r, good ? GOOD_CONTENT : CONTENT));
        }
        if (good || r.nextInt(30) != 0) {
            sb.append('"').append(pick(r, good ? GOOD_SUFFIXES : SUFFIXES));
        }
        return sb.toString();
    }

    private static String term(Random r, boolean good, int iris, int blanks, int literals, int junk) {
        int k = r.nextInt(iris + blanks + literals + (good ? 0 : junk));
        if (k < iris) {
            return iri(r, good);
        }
        if (k < iris + blanks) {
            return blank(r, good);
        }
        if (k < iris + blanks + literals) {
            return literal(r, good);
        }
        return pick(r, new String[] {"junk", "a", "?x", "[]", "1", "é"});
    }

    /**
     * A line: mostly statements, which are well-formed (apart perhaps from a graph term in
     * N-Triples) or made of pieces that often are not; sometimes comments, blank lines or junk.
     */
    static String line(Random r) {
        if (r.nextInt(8) == 0) {
            return pick(r, OTHER_LINES);
        }
        boolean good = r.nextInt(5) < 3;
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(10) == 0) {
            sb.append(pick(r, SEPARATORS));
        }
        String gap = good ? " " : pick(r, SEPARATORS);
        sb.append(term(r, good, 10, 5, 1, 1)).append(gap);
        sb.append(good ? iri(r, true) : term(r, false, 20, 1, 1, 1)).append(gap);
        sb.append(term(r, good, 5, 3, 8, 1));
        if (r.nextInt(3) == 0) {
            sb.append(pick(r, SEPARATORS)).append(term(r, good, 5, 3, good ? 0 : 1, 1));
        }
        sb.append(pick(r, good ? GOOD_ENDS : ENDS));
        String line = sb.toString();
        if (r.nextInt(12) == 0 && !line.isEmpty()) {
            // cut short somewhere, but not inside a surrogate pair
            int at = r.nextInt(line.length());
            if (at > 0 && Character.isLowSurrogate(line.charAt(at))) {
                at--;
            }
            line = line.substring(0, at);
        }
        return line;
    }

    static String document(Random r, int maxLines) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(maxLines);
        for (int i = 0; i < n; i++) {
            sb.append(line(r));
            if (i < n - 1 || r.nextBoolean()) {
                int k = r.nextInt(10);
                sb.append(k < 6 ? "\n" : k < 8 ? "\r\n" : "\r");
            }
        }
        return sb.toString();
    }

    static Options options(Random r) {
        String[] prefixes = {"", "", "f1.", "é-"};
        return new Options(r.nextBoolean(), r.nextInt(3) == 0, pick(r, prefixes),
                r.nextInt(4) == 0 ? 8 + r.nextInt(40) : Integer.MAX_VALUE);
    }

    @Test
    void randomDocumentsAgree() throws IOException {
        Differ d = new Differ();
        int docs = 3000 * Seeds.scale();
        int statements = 0;
        int errors = 0;
        for (int seed = 1; seed <= docs; seed++) {
            Random r = new Random(seed);
            Outcome o = d.check(document(r, 8), options(r));
            for (Object e : o.events()) {
                if (e instanceof Stmt) {
                    statements++;
                } else {
                    errors++;
                }
            }
        }
        d.assertNone();
        // the grammar must give both plenty of statements and plenty of errors
        assertThat(statements).isGreaterThan(docs);
        assertThat(errors).isGreaterThan(docs);
    }

    // ------------------------------------------------------------------ how the input is read

    @Test
    void everySplitOfTheInputGivesTheSameResult() throws IOException {
        String[] docs = {
            S + " " + P + " " + O + " .\r\n_:b1. " + P + " \"é中😀\"@en-us .\r\n"
                    + S + " " + P + " \"x\"^^<http://ex.org/dt>.\r" + S + " " + P + " _:b1.\r\n",
            "# c\r\n\r\n" + S + " " + P + " \"\\u00E9\"@EN .\r\n" + S + " " + P + " <o> .\r\n" + "_:é\t" + P + "\t_:b..c .",
            S + " " + P + " " + O + " <http://ex.org/g> .\n" + S + " " + P + " " + O + " _:g.\r\n"
                    + S + " " + P + " \"s\"^^<" + XSD_STRING + "> _:g .\r",
            S + " " + P + " <http://ex.org/o\n" + S + " " + P + " " + O + " .\n",
        };
        for (String text : docs) {
            byte[] doc = text.getBytes(UTF_8);
            for (Options o : List.of(NT, NQ)) {
                for (boolean handler : new boolean[] {false, true}) {
                    Outcome whole = byteParse(new ByteArrayInputStream(doc), o, handler);
                    assertThat(whole).isEqualTo(charParse(doc, o, handler));
                    for (int i = 0; i <= doc.length; i++) {
                        assertThat(byteParse(splitAt(doc, i), o, handler)).as("split at %d of %s", i, show(doc))
                                .isEqualTo(whole);
                        for (int j = i; j <= Math.min(doc.length, i + 4); j++) {
                            assertThat(byteParse(splitAt(doc, i, j), o, handler))
                                    .as("split at %d and %d of %s", i, j, show(doc)).isEqualTo(whole);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aCarriageReturnEndingOneReadAndALineFeedStartingTheNext() throws IOException {
        String a = S + " " + P + " <http://ex.org/a> .";
        String b = S + " " + P + " \"b\\n\" .";
        String c = S + " " + P + " <c> .";
        for (String text : new String[] {a + "\r\n" + b + "\r\n" + c + "\r\n" + a, "\r\n\r\n" + a + "\r\n\r\n" + a,
            b + "\r\n" + a + "\r\n"}) {
            byte[] doc = text.getBytes(UTF_8);
            List<Integer> crs = new ArrayList<>();
            for (int i = 0; i < doc.length; i++) {
                if (doc[i] == '\r') {
                    crs.add(i + 1);
                }
            }
            int[] cuts = crs.stream().mapToInt(Integer::intValue).toArray();
            for (boolean handler : new boolean[] {false, true}) {
                Outcome expected = charParse(doc, NT, handler);
                assertThat(byteParse(splitAt(doc, cuts), NT, handler)).as(show(doc)).isEqualTo(expected);
            }
        }
    }

    @Test
    void randomReadSizesOverDocumentsLargerThanTheBuffer() throws IOException {
        // several MiB of mixed lines: the buffer is refilled many times, at every kind of place
        Random r = new Random(42);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 3_000_000) {
            sb.append(line(r)).append(r.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        byte[] doc = sb.toString().getBytes(UTF_8);
        Options o = new Options(true, true, "");
        Outcome expected = charParse(doc, o, true);
        assertThat(expected.events().size()).isGreaterThan(30_000);
        assertThat(byteParse(new ByteArrayInputStream(doc), o, true)).isEqualTo(expected);
        for (int seed = 1; seed <= 3; seed++) {
            assertThat(byteParse(randomChunks(doc, seed, 1 << (4 * seed + 2)), o, true)).isEqualTo(expected);
        }
        Outcome first = charParse(doc, o, false);
        assertThat(byteParse(randomChunks(doc, 9, 5000), o, false)).isEqualTo(first);
    }

    @Test
    void linesLongerThanTheFirstBuffer() throws IOException {
        // a 3 MiB literal: the buffer grows, with the line starting at the front of it or further on
        String big = "é".repeat(700_000) + "x".repeat(1_700_000);
        String t = S + " " + P + " " + O + " .\n";
        List<String> texts = List.of(
                S + " " + P + " \"" + big + "\" .\n" + t,
                t + S + " " + P + " \"" + big + "\"@en .\n" + t,
                t + t + S + " " + P + " \"" + big + "\\n\" .\n" + t,
                t + "_:b " + P + " \"" + big + "\" _:g .\r\n" + t,
                t + S + " " + P + " <http://ex.org/" + big + "> .\r" + t,
                t + S + " " + P + " \"" + big + "\"^^<http://ex.org/dt>" + t,
                t + S + " " + P + " \"" + big);
        for (String text : texts) {
            byte[] doc = text.getBytes(UTF_8);
            for (boolean handler : new boolean[] {false, true}) {
                Outcome expected = charParse(doc, NQ, handler);
                assertThat(byteParse(new ByteArrayInputStream(doc), NQ, handler)).isEqualTo(expected);
                assertThat(byteParse(randomChunks(doc, 7, 100_000), NQ, handler)).isEqualTo(expected);
            }
        }
    }

    @Test
    void aParserCanBeUsedAgain() throws IOException {
        NTriplesByteParser parser = NQ.bytes();
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] doc = document(r, 6).getBytes(UTF_8);
            boolean handler = r.nextBoolean();
            assertThat(byteParse(parser, randomChunks(doc, i, 9), handler)).isEqualTo(charParse(doc, NQ, handler));
        }
    }

    // ------------------------------------------------------------------ malformed UTF-8

    private static final String[][] MALFORMED = {
        {"C0AF", "overlong '/'"},
        {"C180", "overlong, two bytes"},
        {"E080AF", "overlong, three bytes"},
        {"F08080AF", "overlong, four bytes"},
        {"EDA080", "surrogate U+D800"},
        {"EDBFBF", "surrogate U+DFFF"},
        {"80", "stray continuation byte"},
        {"BF", "stray continuation byte"},
        {"FF", "0xFF"},
        {"FE", "0xFE"},
        {"F5808080", "lead byte beyond U+10FFFF"},
        {"F4908080", "beyond U+10FFFF"},
        {"C3", "truncated two-byte sequence"},
        {"E282", "truncated three-byte sequence"},
        {"F09F98", "truncated four-byte sequence"},
    };

    private static byte[] concat(String before, byte[] bad, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(UTF_8));
        out.writeBytes(bad);
        out.writeBytes(after.getBytes(UTF_8));
        return out.toByteArray();
    }

    @Test
    void malformedUtf8NamesItsLineAndColumn() throws IOException {
        String good = S + " " + P + " " + O + " .";
        // where the bad bytes go: text before them on their line, and after them
        String[][] places = {
            {"<http://ex.org/é", "> " + P + " " + O + " ."},                 // inside an IRI
            {S + " " + P + " \"a😀b", "c\" ."},                             // inside a literal
            {S + " " + P + " \"a\\u00E9", "\"@en ."},                       // a literal with an escape
            {S + " " + P + " \"x\"^^<http://ex.org/", "> ."},               // a datatype IRI
            {"_:b", " " + P + " " + O + " ."},                              // a blank node label
            {S + " " + P + " " + O + " ", "."},                             // between terms
            {"", good},                                                     // first on the line
            {good + " # comment ", ""},                                     // in a comment after the '.'
            {good, ""},                                                     // right after the '.'
            {"# comment é ", " more"},                                      // in a comment line
            {"\t\t", ""},                                                   // a line of white space
            {S + " <http://ex.org/p> \"unclosed ", ""},                     // on a line that is wrong anyway
        };
        for (String[] bad : MALFORMED) {
            byte[] bytes = HexFormat.of().parseHex(bad[0]);
            String hex = bad[0].substring(0, 2);
            for (String[] place : places) {
                for (String eol : new String[] {"\n", "\r\n", "\r", ""}) {
                    int column = place[0].codePointCount(0, place[0].length()) + 1;
                    String why = bad[1] + " after " + show(place[0].getBytes(UTF_8)) + ", line ending " + show(eol.getBytes(UTF_8));
                    byte[] doc = concat(good + "\n" + place[0], bytes, place[1] + eol + (eol.isEmpty() ? "" : good + eol));
                    Err expected = new Err(2, column, "malformed UTF-8 (byte 0x" + hex + ")");
                    Stmt stmt = new Stmt("http://ex.org/s", "http://ex.org/p", "http://ex.org/o", null);
                    for (Function<byte[], InputStream> feed : List.<Function<byte[], InputStream>>of(
                            ByteArrayInputStream::new, NTriplesByteParserTest::oneByteAtATime)) {
                        NTriplesByteParser parser = NT.bytes();
                        RdfSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(RdfSyntaxException.class,
                                () -> parser.parse(feed.apply(doc), (b, so, sl, po, pl, oo, ol, go, gl) -> { }), why);
                        assertThat(err(e)).as(why).isEqualTo(expected);
                        assertThat(parser.line()).as(why).isEqualTo(2);
                        assertThat(byteParse(feed.apply(doc), NT, false).events()).as(why).containsExactly(stmt, expected);
                        Outcome skipped = byteParse(feed.apply(doc), NT, true);
                        if (eol.isEmpty()) {
                            assertThat(skipped).as(why).isEqualTo(new Outcome(List.of(stmt, expected), 1));
                        } else {
                            assertThat(skipped).as(why).isEqualTo(new Outcome(List.of(stmt, expected, stmt), 2));
                        }
                    }
                    // the old path: a strict decoder refuses the document
                    assertThatThrownBy(() -> charParse(doc, NT, true)).isInstanceOf(CharacterCodingException.class);
                }
            }
        }
    }

    @Test
    void malformedUtf8AtTheEndOfTheInput() throws IOException {
        for (String hex : new String[] {"C3", "E282", "E2", "F09F98", "F09F", "F0"}) {
            byte[] bad = HexFormat.of().parseHex(hex);
            for (String before : new String[] {S + " " + P + " \"x", S + " " + P + " <http://ex.org/o", "_:é",
                S + " " + P + " " + O + " . #", ""}) {
                byte[] doc = concat(before, bad, "");
                Err expected = new Err(1, before.codePointCount(0, before.length()) + 1,
                        "malformed UTF-8 (byte 0x" + hex.substring(0, 2) + ")");
                for (boolean handler : new boolean[] {false, true}) {
                    assertThat(byteParse(new ByteArrayInputStream(doc), NT, handler))
                            .isEqualTo(new Outcome(List.of(expected), handler ? 0 : -1));
                    assertThat(byteParse(oneByteAtATime(doc), NT, handler))
                            .isEqualTo(new Outcome(List.of(expected), handler ? 0 : -1));
                }
            }
        }
    }

    @Test
    void randomDocumentsWithMalformedUtf8() throws IOException {
        // One bad sequence put into a random line of a random document. Expected: what NTriplesParser
        // gives when that line is replaced by one with an error in its first column, with that error
        // replaced by the malformed UTF-8 at the right column.
        int docs = 1000 * Seeds.scale();
        for (int seed = 1; seed <= docs; seed++) {
            Random r = new Random(-seed);
            Options o = options(r);
            String text = document(r, 6);
            List<String> lines = new ArrayList<>();
            List<String> breaks = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\r\n|\r|\n").matcher(text);
            int from = 0;
            while (m.find()) {
                lines.add(text.substring(from, m.start()));
                breaks.add(m.group());
                from = m.end();
            }
            lines.add(text.substring(from));
            breaks.add("");
            int k = r.nextInt(lines.size());
            String line = lines.get(k);
            int at = r.nextInt(line.length() + 1);
            if (at > 0 && at < line.length() && Character.isLowSurrogate(line.charAt(at))) {
                at--;
            }
            String[] bad = MALFORMED[r.nextInt(MALFORMED.length)];
            StringBuilder before = new StringBuilder();
            StringBuilder after = new StringBuilder();
            StringBuilder stand = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                String l = i == k ? "!" : lines.get(i);
                stand.append(l).append(breaks.get(i));
                if (i < k) {
                    before.append(lines.get(i)).append(breaks.get(i));
                } else if (i == k) {
                    before.append(line, 0, at);
                    after.append(line, at, line.length()).append(breaks.get(i));
                } else {
                    after.append(lines.get(i)).append(breaks.get(i));
                }
            }
            byte[] doc = concat(before.toString(), HexFormat.of().parseHex(bad[0]), after.toString());
            Err malformed = new Err(k + 1, line.codePointCount(0, at) + 1, "malformed UTF-8 (byte 0x" + bad[0].substring(0, 2) + ")");
            for (boolean handler : new boolean[] {false, true}) {
                Outcome ref = charParse(stand.toString().getBytes(UTF_8), o, handler);
                List<Object> events = new ArrayList<>();
                for (Object e : ref.events()) {
                    events.add(e instanceof Err x && x.line() == k + 1 && x.column() == 1 && x.detail().endsWith("found '!'")
                            ? malformed : e);
                }
                Outcome expected = new Outcome(events, ref.count());
                String why = "seed " + (-seed) + ", " + o + ", handler " + handler + ": " + show(doc);
                assertThat(byteParse(new ByteArrayInputStream(doc), o, handler)).as(why).isEqualTo(expected);
                assertThat(byteParse(randomChunks(doc, seed, 5), o, handler)).as(why).isEqualTo(expected);
            }
        }
    }

    // ------------------------------------------------------------------ limits and accessors

    /** {@code head}, then {@code fill} repeated {@code count} times, then {@code tail}, made as it is read. */
    static final class LazyStream extends InputStream {
        private final byte[] head;
        private final byte fill;
        private final long count;
        private final byte[] tail;
        private long pos;

        LazyStream(String head, char fill, long count, String tail) {
            this.head = head.getBytes(UTF_8);
            this.fill = (byte) fill;
            this.count = count;
            this.tail = tail.getBytes(UTF_8);
        }

        long length() {
            return head.length + count + tail.length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= length()) {
                return -1;
            }
            int n = (int) Math.min(len, length() - pos);
            for (int i = 0; i < n; i++, pos++) {
                long p = pos;
                b[off + i] = p < head.length ? head[(int) p] : p < head.length + count ? fill
                        : tail[(int) (p - head.length - count)];
            }
            return n;
        }
    }

    @Test
    void aLineLongerThanTheLimitIsAnError() throws IOException {
        String first = S + " " + P + " " + O + " .\n";
        String head = first + S + " " + P + " \"";
        int max = NTriplesByteParser.MAX_LINE_BYTES;
        long[] emitted = {0};
        NTriplesByteParser parser = NT.bytes();
        LazyStream in = new LazyStream(head, 'x', max + 10L, "\" .\n" + first);
        RdfSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(RdfSyntaxException.class,
                () -> parser.parse(in, (b, so, sl, po, pl, oo, ol, go, gl) -> emitted[0]++));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.detail()).contains(String.valueOf(max));
        assertThat(emitted[0]).isEqualTo(1);
        assertThat(parser.line()).isEqualTo(2);

        // just under the limit, with its line break: read whole
        String lineHead = S + " " + P + " \"";
        String lineTail = "\" .";
        long fill = max - 1 - lineHead.length() - lineTail.length();
        long[] objectLength = {0};
        LazyStream ok = new LazyStream(first + lineHead, 'y', fill, lineTail + "\n" + first);
        long n = NT.bytes().parse(ok, (b, so, sl, po, pl, oo, ol, go, gl) -> objectLength[0] = Math.max(objectLength[0], ol));
        assertThat(n).isEqualTo(3);
        assertThat(objectLength[0]).isEqualTo(fill + 2);
    }

    @Test
    void lineAndBytesRead() throws IOException {
        String t = S + " " + P + " " + O + " .";
        String doc = t + "\n# comment\r\n\r\n" + t + "\r" + S + " " + P + " \"\\u00E9\" .\n" + t + " # c\n";
        byte[] bytes = doc.getBytes(UTF_8);
        for (Function<byte[], InputStream> feed : List.<Function<byte[], InputStream>>of(ByteArrayInputStream::new,
                NTriplesByteParserTest::oneByteAtATime, b -> randomChunks(b, 3, 11))) {
            NTriplesByteParser parser = NT.bytes();
            assertThat(parser.line()).isZero();
            assertThat(parser.bytesRead()).isZero();
            List<Long> lines = new ArrayList<>();
            long n = parser.parse(feed.apply(bytes), (b, so, sl, po, pl, oo, ol, go, gl) -> lines.add(parser.line()));
            assertThat(n).isEqualTo(4);
            // during the parse: the line of the statement being handed over
            assertThat(lines).containsExactly(1L, 4L, 5L, 6L);
            // after it: the line after the last, every byte read
            assertThat(parser.line()).isEqualTo(7);
            assertThat(parser.bytesRead()).isEqualTo(bytes.length);

            // a second parse starts again from line 1 and byte 0
            lines.clear();
            byte[] two = (t + "\n" + t).getBytes(UTF_8);
            parser.parse(feed.apply(two), (b, so, sl, po, pl, oo, ol, go, gl) -> lines.add(parser.line()));
            assertThat(lines).containsExactly(1L, 2L);
            assertThat(parser.bytesRead()).isEqualTo(two.length);

            // after an error: the line of the error
            byte[] bad = (t + "\n" + t + "\n" + S + " " + P + " <o> .\n" + t + "\n").getBytes(UTF_8);
            RdfSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(RdfSyntaxException.class,
                    () -> parser.parse(feed.apply(bad), (b, so, sl, po, pl, oo, ol, go, gl) -> { }));
            assertThat(e.line()).isEqualTo(3);
            assertThat(parser.line()).isEqualTo(3);
            assertThat(parser.bytesRead()).isBetween((long) (2 * t.length() + 2), (long) bad.length);

            // with a handler, the parse goes on to the end
            List<RdfSyntaxException> errors = new ArrayList<>();
            assertThat(parser.parse(feed.apply(bad), (b, so, sl, po, pl, oo, ol, go, gl) -> { }, errors::add)).isEqualTo(3);
            assertThat(errors).extracting(RdfSyntaxException::line).containsExactly(3);
            assertThat(parser.line()).isEqualTo(5);
            assertThat(parser.bytesRead()).isEqualTo(bad.length);
        }
        NTriplesByteParser empty = NT.bytes();
        assertThat(empty.parse(new ByteArrayInputStream(new byte[0]), (b, so, sl, po, pl, oo, ol, go, gl) -> { })).isZero();
        assertThat(empty.line()).isEqualTo(1);
        assertThat(empty.bytesRead()).isZero();
    }

    @Test
    void optionsAreCheckedAsNTriplesParserChecksThem() {
        assertThatThrownBy(() -> NTriplesByteParser.nTriples().blankNodePrefix(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NTriplesParser.nTriples().blankNodePrefix(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
