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
 * Terms are otherwise spelled as {@link NTriplesWriter} spells them. Call {@link #finish()} at
 * the end.
 */
public final class TurtleWriter {
    private static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    private final Writer out;
    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final StringBuilder sb = new StringBuilder();
    private boolean started;
    private String subject;
    private String predicate;
    private long count;

    public TurtleWriter(Writer out) {
        this.out = out;
    }

    /**
     * Declares a prefix (before the first triple). The name must be a valid Turtle prefix name
     * (letters, digits, '_', '-', '.'; a letter first) or empty.
     */
    public TurtleWriter prefix(String name, String namespace) {
        if (started) {
            throw new IllegalStateException("prefixes must be declared before the first triple");
        }
        if (!name.isEmpty() && !validPrefix(name)) {
            throw new IllegalArgumentException("not a Turtle prefix name: " + name);
        }
        prefixes.put(name, namespace);
        return this;
    }

    public void write(String s, String p, String o) throws IOException {
        sb.setLength(0);
        if (!started) {
            started = true;
            for (Map.Entry<String, String> e : prefixes.entrySet()) {
                sb.append("@prefix ").append(e.getKey()).append(": ");
                TermFormat.appendIri(sb, e.getValue());
                sb.append(" .\n");
            }
            if (!prefixes.isEmpty()) {
                sb.append('\n');
            }
        }
        if (s.equals(subject)) {
            if (p.equals(predicate)) {
                sb.append(" ,\n        ");
            } else {
                sb.append(" ;\n    ");
                appendPredicate(p);
                sb.append(' ');
            }
        } else {
            if (subject != null) {
                sb.append(" .\n");
            }
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

    /** Ends the last statement and flushes the underlying writer. */
    public void finish() throws IOException {
        if (subject != null) {
            out.write(" .\n");
            subject = null;
            predicate = null;
        }
        out.flush();
    }

    /** The number of triples written. */
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
            TermFormat.appendLiteral(sb, term, this::prefixed);
        } else if (RdfTerms.isBlank(term)) {
            TermFormat.appendTerm(sb, term);
        } else {
            String name = prefixed(term);
            if (name != null) {
                sb.append(name);
            } else {
                TermFormat.appendIri(sb, term);
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
