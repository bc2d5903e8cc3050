package org.nervusdb.rdf;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes stored-term statements (see {@link RdfTerms}) as N-Quads, one line each: the triple,
 * then the graph term unless the statement is in the default graph. Terms are spelled as
 * {@link NTriplesWriter} spells them (the same base IRI rule and percent-encoding of what an IRI
 * cannot hold), so that {@link NTriplesParser#nQuads()} reads back the same statements (blank
 * nodes up to renaming).
 */
public final class NQuadsWriter {
    private final NTriplesWriter lines;

    public NQuadsWriter(Writer out) {
        this(out, null);
    }

    /** A writer that puts {@code base} (null: none; else it must have a scheme) before IRIs without a scheme. */
    public NQuadsWriter(Writer out, String base) {
        this.lines = new NTriplesWriter(out, base);
    }

    /** Writes one statement; {@code graph} null for the default graph. */
    public void write(String subject, String predicate, String object, String graph) throws IOException {
        lines.write(subject, predicate, object, graph);
    }

    /** The number of statements written. */
    public long count() {
        return lines.count();
    }

    /** Flushes the underlying writer. */
    public void flush() throws IOException {
        lines.flush();
    }
}
