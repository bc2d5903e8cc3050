package org.nervusdb.rdf;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes stored-term statements (see {@link RdfTerms}) as TriG, streaming: statements of the
 * default graph at the top level, those of a named graph in a block {@code <g> { ... }} (or
 * {@code _:b { ... }}). Consecutive statements of one graph share a block, which closes when the
 * graph changes, so statements sorted by graph group fully (a graph that comes back gets another
 * block, which TriG allows). Inside a graph, statements group by subject and predicate, prefixes
 * abbreviate IRIs, and terms are spelled (base IRI, percent-encoding) as {@link TurtleWriter} does.
 * Call {@link #finish()} at the end.
 */
public final class TrigWriter {
    private final TurtleWriter turtle;

    public TrigWriter(Writer out) {
        this(out, null);
    }

    /** A writer that puts {@code base} (null: none; else it must have a scheme) before IRIs without a scheme. */
    public TrigWriter(Writer out, String base) {
        this.turtle = new TurtleWriter(out, base);
    }

    /** Declares a prefix (before the first statement), as {@link TurtleWriter#prefix} does. */
    public TrigWriter prefix(String name, String namespace) {
        turtle.prefix(name, namespace);
        return this;
    }

    /** Writes one statement; {@code graph} null for the default graph. */
    public void write(String subject, String predicate, String object, String graph) throws IOException {
        turtle.write(subject, predicate, object, graph);
    }

    /** Ends the last statement and block and flushes the underlying writer. */
    public void finish() throws IOException {
        turtle.finish();
    }

    /** The number of statements written. */
    public long count() {
        return turtle.count();
    }
}
