package org.nervusdb.rdf;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes stored-term triples (see {@link RdfTerms}) as N-Triples, one line each, so that
 * {@link NTriplesParser} reads back the same graph (blank nodes up to renaming).
 *
 * <p>Literals escape {@code "}, {@code \}, LF and CR with backslashes and other control
 * characters as {@code \\uXXXX}. Blank node labels that N-Triples does not allow are renamed
 * injectively (see {@link #term}). Stored IRIs are written as they are: a relative IRI (a plain
 * name such as {@code alice}) or one holding characters IRIs exclude (written as {@code \\u}
 * escapes) is not valid N-Triples, and strict readers refuse it; {@link NTriplesParser} reads
 * relative IRIs back with {@link NTriplesParser#relativeIris(boolean)}, and refuses the escapes.
 * A term with a lone surrogate is refused with {@link org.nervusdb.InvalidTermException}.
 */
public final class NTriplesWriter {
    private final Writer out;
    private final StringBuilder line = new StringBuilder();
    private long count;

    public NTriplesWriter(Writer out) {
        this.out = out;
    }

    /** Writes one triple. */
    public void write(String subject, String predicate, String object) throws IOException {
        line.setLength(0);
        TermFormat.appendTerm(line, subject);
        line.append(' ');
        TermFormat.appendTerm(line, predicate);
        line.append(' ');
        TermFormat.appendTerm(line, object);
        line.append(" .\n");
        out.write(line.toString());
        count++;
    }

    /** The number of triples written. */
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
     * its characters.
     */
    public static String term(String term) {
        return TermFormat.nTriples(term);
    }
}
