package org.nervusdb.query;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;
import org.nervusdb.QueryResult;
import org.nervusdb.engine.Utf8;
import org.nervusdb.rdf.NTriplesWriter;
import org.nervusdb.rdf.RdfTerms;
import org.nervusdb.rdf.TurtleWriter;

/**
 * Writes a {@link QueryResult} as a document, streaming: rows are read and written one at a
 * time, and the output is handed on every few kilobytes.
 * <ul>
 * <li>{@link Format#JSON}: SPARQL 1.1 Query Results JSON Format;</li>
 * <li>{@link Format#XML}: SPARQL Query Results XML Format (second edition). XML 1.0 cannot hold
 * control characters other than tab, line feed and carriage return, even escaped: they are
 * written as U+FFFD;</li>
 * <li>{@link Format#CSV}: SPARQL 1.1 CSV: a header of variable names, then one line per row,
 * lines ended by CRLF; a field is an IRI, a literal's lexical form (its language tag or datatype
 * is lost) or {@code _:label}, quoted as RFC 4180 says when it holds a comma, a quote or a line
 * break; an unbound variable is an empty field;</li>
 * <li>{@link Format#TSV}: SPARQL 1.1 TSV: a header of {@code ?name}s, then one line per row,
 * lines ended by LF; terms are written as in N-Triples ({@link NTriplesWriter#term}), which never
 * holds a tab or a line break;</li>
 * <li>{@link Format#NTRIPLES}, {@link Format#TURTLE}: the triples of a CONSTRUCT or DESCRIBE
 * answer, by {@link NTriplesWriter} and {@link TurtleWriter}.</li>
 * </ul>
 * An ASK answer in CSV or TSV, which those formats do not define, is written as Jena writes it: a
 * column {@code _askResult} holding {@code true} or {@code false}. A graph result in one of the
 * four SPARQL result formats is written as a table of the columns subject, predicate and object;
 * SELECT and ASK results cannot be written as N-Triples or Turtle.
 *
 * <p>Stored IRIs may be relative (a plain name such as {@code alice} is the IRI
 * {@code <alice>}). With a {@code base}, every IRI that has no scheme (nothing like
 * {@code http:} before its first '/', '?' or '#'), datatype IRIs included, is written as
 * {@code base} followed by the IRI: concatenation, not RFC 3986 resolution, so a base normally
 * ends with '/' or '#'. Without one, IRIs are written as stored.
 */
public final class ResultWriter {
    private ResultWriter() {
    }

    /** The formats, with their media types. */
    public enum Format {
        JSON("application/sparql-results+json"),
        XML("application/sparql-results+xml"),
        CSV("text/csv"),
        TSV("text/tab-separated-values"),
        NTRIPLES("application/n-triples"),
        TURTLE("text/turtle");

        public final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    /**
     * Writes {@code result}, read to its end, to {@code out}; flushes {@code out} if it is
     * {@link Flushable}, and closes neither. Returns the rows (or triples) written: 0 for ASK.
     *
     * @param base null, or the base that IRIs without a scheme are written after
     * @throws IllegalArgumentException for a SELECT or ASK result in N-Triples or Turtle
     */
    public static long write(QueryResult result, Format format, Appendable out, String base) throws IOException {
        return write(result, format, new Sink(out, null), base);
    }

    /** Writes {@code result} to {@code out} in UTF-8, as {@link #write(QueryResult, Format, Appendable, String)}. */
    public static long write(QueryResult result, Format format, OutputStream out, String base) throws IOException {
        return write(result, format, new Sink(null, out), base);
    }

    private static long write(QueryResult r, Format f, Sink out, String base) throws IOException {
        boolean ask = r.kind() == QueryResult.Kind.ASK;
        long n = 0;
        if (f == Format.NTRIPLES || f == Format.TURTLE) {
            if (r.kind() != QueryResult.Kind.GRAPH) {
                throw new IllegalArgumentException(f + " holds the triples of CONSTRUCT and DESCRIBE, not a " + r.kind() + " result");
            }
            NTriplesWriter nt = f == Format.NTRIPLES ? new NTriplesWriter(out) : null;
            TurtleWriter ttl = nt == null ? new TurtleWriter(out) : null;
            for (; r.hasNext(); n++) {
                String[] t = r.next();
                String s = resolve(t[0], base);
                String p = resolve(t[1], base);
                String o = resolve(t[2], base);
                if (nt != null) {
                    nt.write(s, p, o);
                } else {
                    ttl.write(s, p, o);
                }
            }
            if (ttl != null) {
                ttl.finish();
            }
        } else if (f == Format.JSON) {
            n = json(r, ask, out, base);
        } else if (f == Format.XML) {
            n = xml(r, ask, out, base);
        } else {
            n = table(r, ask, f == Format.CSV, out, base);
        }
        out.flush();
        return n;
    }

    private static long json(QueryResult r, boolean ask, Sink out, String base) throws IOException {
        StringBuilder sb = out.sb;
        if (ask) {
            sb.append("{\"head\":{},\"boolean\":").append(r.askAnswer()).append("}\n");
            return 0;
        }
        List<String> vars = r.variables();
        sb.append("{\"head\":{\"vars\":[");
        for (int i = 0; i < vars.size(); i++) {
            JsonText.quote(sb.append(i > 0 ? "," : ""), vars.get(i));
        }
        sb.append("]},\"results\":{\"bindings\":[");
        long n = 0;
        for (; r.hasNext(); n++) {
            String[] row = r.next();
            sb.append(n > 0 ? ",\n{" : "\n{");
            boolean first = true;
            for (int i = 0; i < row.length; i++) {
                String t = row[i];
                if (t == null) {
                    continue;
                }
                JsonText.quote(sb.append(first ? "" : ","), vars.get(i)).append(":{\"type\":\"");
                first = false;
                if (RdfTerms.isLiteral(t)) {
                    JsonText.quote(sb.append("literal\",\"value\":"), RdfTerms.lexicalForm(t));
                    String lang = RdfTerms.language(t);
                    String dt = RdfTerms.datatype(t);
                    if (lang != null) {
                        JsonText.quote(sb.append(",\"xml:lang\":"), lang);
                    } else if (!dt.equals(RdfTerms.XSD_STRING)) {
                        JsonText.quote(sb.append(",\"datatype\":"), resolve(dt, base));
                    }
                } else if (RdfTerms.isBlank(t)) {
                    JsonText.quote(sb.append("bnode\",\"value\":"), RdfTerms.blankLabel(t));
                } else {
                    JsonText.quote(sb.append("uri\",\"value\":"), resolve(t, base));
                }
                sb.append('}');
            }
            sb.append('}');
            out.drain(false);
        }
        sb.append(n > 0 ? "\n]}}\n" : "]}}\n");
        return n;
    }

    private static long xml(QueryResult r, boolean ask, Sink out, String base) throws IOException {
        StringBuilder sb = out.sb;
        sb.append("<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head>\n");
        if (ask) {
            sb.append("</head>\n<boolean>").append(r.askAnswer()).append("</boolean>\n</sparql>\n");
            return 0;
        }
        List<String> vars = r.variables();
        for (String v : vars) {
            xml(sb.append("<variable name=\""), v).append("\"/>\n");
        }
        sb.append("</head>\n<results>\n");
        long n = 0;
        for (; r.hasNext(); n++) {
            String[] row = r.next();
            sb.append("<result>\n");
            for (int i = 0; i < row.length; i++) {
                String t = row[i];
                if (t == null) {
                    continue;
                }
                xml(sb.append("<binding name=\""), vars.get(i)).append("\">");
                if (RdfTerms.isLiteral(t)) {
                    String lang = RdfTerms.language(t);
                    String dt = RdfTerms.datatype(t);
                    sb.append("<literal");
                    if (lang != null) {
                        xml(sb.append(" xml:lang=\""), lang).append('"');
                    } else if (!dt.equals(RdfTerms.XSD_STRING)) {
                        xml(sb.append(" datatype=\""), resolve(dt, base)).append('"');
                    }
                    xml(sb.append('>'), RdfTerms.lexicalForm(t)).append("</literal>");
                } else if (RdfTerms.isBlank(t)) {
                    xml(sb.append("<bnode>"), RdfTerms.blankLabel(t)).append("</bnode>");
                } else {
                    xml(sb.append("<uri>"), resolve(t, base)).append("</uri>");
                }
                sb.append("</binding>\n");
            }
            sb.append("</result>\n");
            out.drain(false);
        }
        sb.append("</results>\n</sparql>\n");
        return n;
    }

    /**
     * Text for XML content and attribute values alike: markup characters, and tab and line
     * breaks (which attribute values would otherwise lose), as references; characters XML 1.0
     * excludes as U+FFFD.
     */
    private static StringBuilder xml(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '&') {
                sb.append("&amp;");
            } else if (c == '<') {
                sb.append("&lt;");
            } else if (c == '>') {
                sb.append("&gt;");
            } else if (c == '"') {
                sb.append("&quot;");
            } else if (c == '\t' || c == '\n' || c == '\r') {
                sb.append("&#").append((int) c).append(';');
            } else if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb;
    }

    private static long table(QueryResult r, boolean ask, boolean csv, Sink out, String base) throws IOException {
        StringBuilder sb = out.sb;
        String eol = csv ? "\r\n" : "\n";
        if (ask) {
            sb.append(csv ? "_askResult" : "?_askResult").append(eol).append(r.askAnswer()).append(eol);
            return 0;
        }
        List<String> vars = r.variables();
        for (int i = 0; i < vars.size(); i++) {
            sb.append(i == 0 ? "" : csv ? "," : "\t").append(csv ? "" : "?").append(vars.get(i));
        }
        sb.append(eol);
        long n = 0;
        for (; r.hasNext(); n++) {
            String[] row = r.next();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append(csv ? ',' : '\t');
                }
                String t = row[i];
                if (t == null) {
                    continue;
                }
                t = resolve(t, base);
                if (!csv) {
                    sb.append(NTriplesWriter.term(t));
                    continue;
                }
                String v = RdfTerms.isLiteral(t) ? RdfTerms.lexicalForm(t) : t;
                if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                    sb.append('"');
                    for (int k = 0; k < v.length(); k++) {
                        char c = v.charAt(k);
                        if (c == '"') {
                            sb.append('"');
                        }
                        sb.append(c);
                    }
                    sb.append('"');
                } else {
                    sb.append(v);
                }
            }
            sb.append(eol);
            out.drain(false);
        }
        return n;
    }

    /** The term with its IRI, or its literal's datatype IRI, after {@code base} if that IRI has no scheme. */
    static String resolve(String term, String base) {
        if (base == null || RdfTerms.isBlank(term)) {
            return term;
        }
        if (!RdfTerms.isLiteral(term)) {
            return hasScheme(term) ? term : base + term;
        }
        if (term.endsWith(">")) {
            String dt = RdfTerms.datatype(term);
            if (!hasScheme(dt)) {
                return RdfTerms.literal(RdfTerms.lexicalForm(term), null, base + dt);
            }
        }
        return term;
    }

    /** Whether an IRI starts with a scheme: a letter, then letters, digits, '+', '-' or '.', then ':'. */
    static boolean hasScheme(String iri) {
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            boolean letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            if (c == ':') {
                return i > 0;
            }
            if (!(letter || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
                return false;
            }
        }
        return false;
    }

    /**
     * The output: text gathers in {@link #sb} and goes on to the Appendable, or as UTF-8 to the
     * stream, every 8 KiB and at the end. A Writer so that the RDF writers can write to it.
     */
    private static final class Sink extends Writer {
        final StringBuilder sb = new StringBuilder();
        private final Appendable text;
        private final OutputStream bytes;

        Sink(Appendable text, OutputStream bytes) {
            this.text = text;
            this.bytes = bytes;
        }

        /** Hands on what has gathered: all of it if {@code all}, else once there is enough. */
        void drain(boolean all) throws IOException {
            int len = sb.length();
            if (len == 0 || (!all && len < 8192)) {
                return;
            }
            if (text != null) {
                text.append(sb);
                sb.setLength(0);
                return;
            }
            if (!all && Character.isHighSurrogate(sb.charAt(len - 1))) {
                len--; // the pair's second half is still to come
            }
            bytes.write(Utf8.encodeReplacing(sb.substring(0, len)));
            sb.delete(0, len);
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            sb.append(buf, off, len);
            drain(false);
        }

        @Override
        public void write(String s) throws IOException {
            sb.append(s);
            drain(false);
        }

        @Override
        public void flush() throws IOException {
            drain(true);
            Object target = text != null ? text : bytes;
            if (target instanceof Flushable) {
                ((Flushable) target).flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
