package org.nervusdb.rdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * A streaming parser for N-Triples and N-Quads (RDF 1.1). It reads one statement a line, in
 * constant memory apart from the line's own terms, and hands each statement to an
 * {@link RdfSink} as stored terms (see {@link RdfTerms}).
 *
 * <p>IRIs must be absolute, unless {@link #relativeIris(boolean)} allows relative ones (NervusDB's
 * plain names, as {@link NTriplesWriter} writes them). A blank node {@code _:label} becomes the term
 * {@code _:<prefix>label}, where the prefix is {@link #blankNodePrefix(String)} (empty by default);
 * give each file its own prefix to keep the {@code _:b1} of one file apart from that of another.
 *
 * <p>Errors are {@link RdfSyntaxException}s with the line and column. By default the first one
 * stops the parse; with an error handler, the bad line is skipped (nothing of it is emitted), the
 * handler receives the error and parsing goes on with the next line.
 *
 * <p>The parser reads UTF-8 bytes or characters. From bytes, malformed UTF-8 is an error at the
 * line and column of its first byte. From characters, decode files with a strict decoder
 * ({@code StandardCharsets.UTF_8.newDecoder()}) so that malformed UTF-8 is an error rather than
 * U+FFFD. Invalid UTF-16 from the reader (a lone surrogate) is an {@link RdfSyntaxException}.
 * {@link NTriplesByteParser} reads bytes faster, without making strings.
 */
public final class NTriplesParser {
    private final boolean quads;
    private String blankPrefix = "";
    private boolean relativeIris;
    private int maxTermBytes = Integer.MAX_VALUE;
    /** The columns where the terms of the statement last read begin: subject, predicate, object, graph. */
    final int[] termColumns = new int[4];

    private NTriplesParser(boolean quads) {
        this.quads = quads;
    }

    /** A parser for N-Triples: a fourth term on a line is an error. */
    public static NTriplesParser nTriples() {
        return new NTriplesParser(false);
    }

    /** A parser for N-Quads: the optional graph term goes to the sink, null when absent. */
    public static NTriplesParser nQuads() {
        return new NTriplesParser(true);
    }

    /** Put before every blank node label read (letters, digits, '_', '-' and '.' keep it a valid label). */
    public NTriplesParser blankNodePrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("blank node prefix is null");
        }
        this.blankPrefix = prefix;
        return this;
    }

    /**
     * Whether IRIs without a scheme are accepted (and kept as written), as NervusDB's plain names
     * such as {@code <alice>} need. Off by default, as N-Triples requires.
     */
    public NTriplesParser relativeIris(boolean allow) {
        this.relativeIris = allow;
        return this;
    }

    /**
     * The longest term accepted, in bytes of UTF-8 (of the stored term: a literal with its quotes,
     * language tag or datatype); a longer one is an error at the column where it begins, and
     * skips its line. No limit by default.
     */
    public NTriplesParser maxTermBytes(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxTermBytes must be >= 1, got " + max);
        }
        this.maxTermBytes = max;
        return this;
    }

    /** Parses the whole input; stops at the first error. Returns the number of statements. */
    public long parse(Reader reader, RdfSink sink) throws IOException {
        return parse(reader, sink, null);
    }

    /**
     * Parses the whole input. With {@code onInvalid} null the first error is thrown; otherwise each
     * bad line is skipped and its error handed to {@code onInvalid}. Returns the number of
     * statements emitted.
     */
    public long parse(Reader reader, RdfSink sink, Consumer<RdfSyntaxException> onInvalid) throws IOException {
        return parse(new CharInput(reader), sink, onInvalid);
    }

    /**
     * Parses the whole input, UTF-8: as {@link #parse(Reader, RdfSink, Consumer)}, and malformed
     * UTF-8 is an error at the line and column of its first byte (skipped with its line).
     */
    public long parse(InputStream utf8, RdfSink sink, Consumer<RdfSyntaxException> onInvalid) throws IOException {
        return parse(new CharInput(utf8), sink, onInvalid);
    }

    private long parse(CharInput in, RdfSink sink, Consumer<RdfSyntaxException> onInvalid) throws IOException {
        Lexer lex = new Lexer(in);
        long count = 0;
        while (true) {
            try {
                skipSpaceAndComment(in);
                int c = in.peek();
                if (c == CharInput.EOF) {
                    return count;
                }
                if (c == '\n' || c == '\r') {
                    in.next();
                    continue;
                }
                if (statement(in, lex, sink)) {
                    count++;
                }
            } catch (RdfSyntaxException e) {
                if (onInvalid == null) {
                    throw e;
                }
                onInvalid.accept(e);
                int c;
                while ((c = in.peek(0)) != CharInput.EOF && c != '\n' && c != '\r') {
                    in.skip();
                }
            }
        }
    }

    private boolean statement(CharInput in, Lexer lex, RdfSink sink) throws IOException {
        termColumns[0] = in.column();
        String s = term(subject(in, lex), in, 0);
        skipSpace(in);
        if (in.peek() != '<') {
            throw in.error("predicate IRI expected, found " + CharInput.describe(in.peek()));
        }
        termColumns[1] = in.column();
        String p = term(iri(in, lex), in, 1);
        skipSpace(in);
        termColumns[2] = in.column();
        String o = term(object(in, lex), in, 2);
        skipSpace(in);
        String g = null;
        if (quads && in.peek() != '.') {
            int c = in.peek();
            termColumns[3] = in.column();
            if (c == '<') {
                g = iri(in, lex);
            } else if (c == '_') {
                g = blank(lex);
            } else {
                throw in.error("graph IRI, blank node or '.' expected, found " + CharInput.describe(c));
            }
            g = term(g, in, 3);
            skipSpace(in);
        }
        if (in.peek() != '.') {
            throw in.error("'.' expected at the end of the statement, found " + CharInput.describe(in.peek()));
        }
        in.next();
        skipSpaceAndComment(in);
        int c = in.peek();
        if (c != '\n' && c != '\r' && c != CharInput.EOF) {
            throw in.error("end of line expected after '.', found " + CharInput.describe(c));
        }
        sink.statement(s, p, o, g);
        return true;
    }

    /** {@code t}, term {@code k} of the statement, if it is not too long. */
    private String term(String t, CharInput in, int k) {
        if (Lexer.longerThan(t, maxTermBytes)) {
            throw Lexer.tooLong(maxTermBytes, in.line(), termColumns[k]);
        }
        return t;
    }

    private String subject(CharInput in, Lexer lex) throws IOException {
        int c = in.peek();
        if (c == '<') {
            return iri(in, lex);
        }
        if (c == '_') {
            return blank(lex);
        }
        throw in.error("subject IRI or blank node expected, found " + CharInput.describe(c));
    }

    private String object(CharInput in, Lexer lex) throws IOException {
        int c = in.peek();
        if (c == '<') {
            return iri(in, lex);
        }
        if (c == '_') {
            return blank(lex);
        }
        if (c == '"') {
            in.next();
            String lexical = lex.string('"', false);
            if (in.peek() == '@') {
                return RdfTerms.literal(lexical, lex.langTag(), null);
            }
            if (in.peek() == '^') {
                in.next();
                lex.expect('^');
                if (in.peek() != '<') {
                    throw in.error("datatype IRI expected after '^^', found " + CharInput.describe(in.peek()));
                }
                return RdfTerms.literal(lexical, null, iri(in, lex));
            }
            return RdfTerms.literal(lexical);
        }
        throw in.error("object IRI, blank node or literal expected, found " + CharInput.describe(c));
    }

    private String iri(CharInput in, Lexer lex) throws IOException {
        int line = in.line();
        int column = in.column();
        String iri = lex.iriRef();
        if (!relativeIris && !Lexer.hasScheme(iri)) {
            throw new RdfSyntaxException("relative IRI <" + iri + "> (N-Triples IRIs must be absolute)", line, column);
        }
        return iri;
    }

    private String blank(Lexer lex) throws IOException {
        return "_:" + blankPrefix + lex.blankLabel();
    }

    private static void skipSpace(CharInput in) throws IOException {
        int c;
        while ((c = in.peek()) == ' ' || c == '\t') {
            in.next();
        }
    }

    private static void skipSpaceAndComment(CharInput in) throws IOException {
        skipSpace(in);
        if (in.peek() == '#') {
            int c;
            while ((c = in.peek()) != '\n' && c != '\r' && c != CharInput.EOF) {
                in.next();
            }
        }
    }
}
