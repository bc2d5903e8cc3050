package org.nervusdb.rdf;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes stored-term triples (see {@link RdfTerms}) as Turtle. Consecutive triples with the same
 * subject share it ({@code ;}), and with the same subject and predicate share both ({@code ,}),
 * so triples sorted by subject (as a subject-first scan returns them) group fully. Declared
 * prefixes abbreviate IRIs whose rest is a simple local name; rdf:type is written {@code a}.
 * Terms are otherwise spelled as {@link NTriplesWriter} spells them: with a base IRI, an IRI
 * without a scheme is written as the base followed by it (plain concatenation; prefixes then
 * apply to the whole IRI), and a character an IRI cannot hold (a control character, space,
 * {@code < > " { } | ^ `} or {@code \}) is percent-encoded, each byte of its UTF-8 as
 * {@code %XX}. Call {@link #finish()} at the end. ({@link TrigWriter} writes TriG with it.)
 */
public final class TurtleWriter {
    private static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    private final Writer out;
    private final String base;
    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final StringBuilder sb = new StringBuilder();
    private boolean started;
    private String subject;
    private String predicate;
    /** TriG: the graph of the open block, or null outside one. */
    private String graph;
    private long count;

    public TurtleWriter(Writer out) {
        this(out, null);
    }

    /** A writer that puts {@code base} (null: none; else it must have a scheme) before IRIs without a scheme. */
    public TurtleWriter(Writer out, String base) {
        this.out = out;
        this.base = TermFormat.checkBase(base);
    }

    /**
     * Declares a prefix (before the first triple). The name must be a valid Turtle prefix name
     * (letters, digits, '_', '-', '.'; a letter first) or empty. A namespace without a scheme gets
     * the base IRI in front, as IRIs do.
     */
    public TurtleWriter prefix(String name, String namespace) {
        if (started) {
            throw new IllegalStateException("prefixes must be declared before the first triple");
        }
        if (!name.isEmpty() && !validPrefix(name)) {
            throw new IllegalArgumentException("not a Turtle prefix name: " + name);
        }
        prefixes.put(name, TermFormat.withBase(namespace, base));
        return this;
    }

    public void write(String s, String p, String o) throws IOException {
        write(s, p, o, null);
    }

    /**
     * Writes one statement; a {@code g} other than null puts it in a block of that graph (TriG),
     * opened when the graph changes.
     */
    void write(String s, String p, String o, String g) throws IOException {
        sb.setLength(0);
        if (!started) {
            started = true;
            for (Map.Entry<String, String> e : prefixes.entrySet()) {
                sb.append("@prefix ").append(e.getKey()).append(": ");
                TermFormat.appendIri(sb, e.getValue(), null);
                sb.append(" .\n");
            }
            if (!prefixes.isEmpty()) {
                sb.append('\n');
            }
        }
        String indent = g == null ? "" : "    ";
        if (g == null ? graph != null : !g.equals(graph)) {
            endStatement();
            if (graph != null) {
                sb.append("}\n");
            }
            if (g != null) {
                appendTerm(g);
                sb.append(" {\n");
            }
            graph = g;
        }
        if (s.equals(subject)) {
            if (p.equals(predicate)) {
                sb.append(" ,\n        ").append(indent);
            } else {
                sb.append(" ;\n    ").append(indent);
                appendPredicate(p);
                sb.append(' ');
            }
        } else {
            endStatement();
            sb.append(indent);
            appendTerm(s);
            sb.append(' ');
            appendPredicate(p);
            sb.append(' ');
        }
        appendTerm(o);
        subject = s;
        predicate = p;
        out.write(sb.toString());
        count++;
    }

    private void endStatement() {
        if (subject != null) {
            sb.append(" .\n");
            subject = null;
            predicate = null;
        }
    }

    /** Ends the last statement (and block) and flushes the underlying writer. */
    public void finish() throws IOException {
        sb.setLength(0);
        endStatement();
        if (graph != null) {
            sb.append("}\n");
            graph = null;
        }
        out.write(sb.toString());
        out.flush();
    }

    /** The number of statements written. */
    public long count() {
        return count;
    }

    private void appendPredicate(String p) {
        if (p.equals(RDF_TYPE)) {
            sb.append('a');
        } else {
            appendTerm(p);
        }
    }

    private void appendTerm(String term) {
        if (RdfTerms.isLiteral(term)) {
            TermFormat.appendLiteral(sb, term, this::prefixed, base);
        } else if (RdfTerms.isBlank(term)) {
            TermFormat.appendTerm(sb, term, null);
        } else {
            String iri = TermFormat.withBase(term, base);
            String name = prefixed(iri);
            if (name != null) {
                sb.append(name);
            } else {
                TermFormat.appendIri(sb, iri, null);
            }
        }
    }

    /** {@code prefix:local} for an IRI a declared prefix covers with a simple local name, else null. */
    private String prefixed(String iri) {
        for (Map.Entry<String, String> e : prefixes.entrySet()) {
            String ns = e.getValue();
            if (iri.startsWith(ns) && simpleLocal(iri, ns.length())) {
                return e.getKey() + ":" + iri.substring(ns.length());
            }
        }
        return null;
    }

    /** Letters, digits, '_' and '-' (not first), no dots or escapes. */
    private static boolean simpleLocal(String s, int from) {
        if (from == s.length()) {
            return true;
        }
        int first = s.codePointAt(from);
        if (!(Lexer.isPnCharsU(first) || (first >= '0' && first <= '9'))) {
            return false;
        }
        for (int i = from + Character.charCount(first); i < s.length(); ) {
            int c = s.codePointAt(i);
            if (!Lexer.isPnChars(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean validPrefix(String name) {
        if (!Lexer.isPnCharsBase(name.codePointAt(0)) || name.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!(Lexer.isPnChars(c) || c == '.')) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
