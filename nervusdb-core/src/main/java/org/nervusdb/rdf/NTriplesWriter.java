package org.nervusdb.rdf;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes stored-term triples (see {@link RdfTerms}) as N-Triples, one line each, so that
 * {@link NTriplesParser} reads back the same graph (blank nodes up to renaming).
 *
 * <p>Literals escape {@code "}, {@code \}, LF and CR with backslashes and other control
 * characters as {@code \\uXXXX}. Blank node labels that N-Triples does not allow are renamed
 * injectively (see {@link #term}).
 *
 * <p>IRIs: with a base IRI, an IRI without a scheme (a plain name such as {@code alice}) is
 * written as the base followed by it (plain concatenation, not RFC 3986 resolution:
 * {@code http://ex.org/} and {@code alice} give {@code <http://ex.org/alice>}), so that other
 * tools, which require absolute IRIs, read the file. Without one, such IRIs are written as they are:
 * that is not valid N-Triples and strict readers refuse it; {@link NTriplesParser} reads them
 * back with {@link NTriplesParser#relativeIris(boolean)}. A character that an N-Triples or Turtle
 * IRI cannot hold (a control character, space, {@code < > " { } | ^ `} or {@code \}) is
 * percent-encoded, each byte of its UTF-8 as {@code %XX} ({@code a b} is written
 * {@code <a%20b>}): the file stays readable by every tool, but such an IRI reads back as the
 * encoded one, a different IRI. A term with a lone surrogate is refused with
 * {@link org.nervusdb.InvalidTermException}.
 */
public final class NTriplesWriter {
    private final Writer out;
    private final String base;
    private final StringBuilder line = new StringBuilder();
    private long count;

    public NTriplesWriter(Writer out) {
        this(out, null);
    }

    /** A writer that puts {@code base} (null: none; else it must have a scheme) before IRIs without a scheme. */
    public NTriplesWriter(Writer out, String base) {
        this.out = out;
        this.base = TermFormat.checkBase(base);
    }

    /** Writes one triple. */
    public void write(String subject, String predicate, String object) throws IOException {
        write(subject, predicate, object, null);
    }

    /** Writes one statement: a triple, with a graph term (N-Quads) unless {@code graph} is null. */
    void write(String subject, String predicate, String object, String graph) throws IOException {
        line.setLength(0);
        TermFormat.appendTerm(line, subject, base);
        line.append(' ');
        TermFormat.appendTerm(line, predicate, base);
        line.append(' ');
        TermFormat.appendTerm(line, object, base);
        if (graph != null) {
            line.append(' ');
            TermFormat.appendTerm(line, graph, base);
        }
        line.append(" .\n");
        out.write(line.toString());
        count++;
    }

    /** The number of statements written. */
    public long count() {
        return count;
    }

    /** Flushes the underlying writer. */
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * The N-Triples spelling of a stored term. Blank node labels valid in N-Triples are kept,
     * unless they start with "g-" or "u-"; a label starting with '-' (as the Turtle parser makes
     * them) gets a 'g' in front; any other label is written as "u-" followed by the hex digits of
     * its characters. IRIs are written as they are, percent-encoding what an IRI cannot hold.
     */
    public static String term(String term) {
        return TermFormat.nTriples(term);
    }
}
