package org.nervusdb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.base.AbstractValueFactory;
import org.eclipse.rdf4j.rio.RDFHandlerException;
import org.eclipse.rdf4j.rio.RDFParseException;
import org.eclipse.rdf4j.rio.RDFParser;
import org.eclipse.rdf4j.rio.helpers.AbstractRDFHandler;
import org.eclipse.rdf4j.rio.jsonld.JSONLDParser;
import org.eclipse.rdf4j.rio.rdfxml.RDFXMLParser;
import org.nervusdb.rdf.RdfTerms;

/**
 * RDF/XML and JSON-LD, read with RDF4J's parsers (Rio), as stored terms (see {@link RdfTerms}):
 * IRIs as themselves, literals in their canonical spelling ({@link RdfTerms#literal}), blank nodes
 * as {@code _:} + the file's blank node prefix + their label (an RDF/XML {@code rdf:nodeID} as
 * written, a node without one {@code -1}, {@code -2}, ... as the Turtle parser names them; JSON-LD
 * relabels every blank node {@code b0}, {@code b1}, ... itself).
 *
 * <p>Without a base IRI, relative IRIs stay relative, as in Turtle: they are resolved against a
 * placeholder base ({@link #NO_BASE}), which is then taken off again. So {@code rdf:about="alice"}
 * is stored as {@code alice} and {@code rdf:ID="x"} as {@code #x}; only RFC 3986 resolution shows
 * ({@code a/../b} becomes {@code b}, {@code /b} becomes {@code b}). RDF/XML is read streaming;
 * a JSON-LD document is read whole (the JSON-LD algorithms need all of it).
 */
final class RioReader {
    /**
     * The base that stands for none: an IRI resolved against it is stored without it. It is the
     * default base IRI of a database, a name that never resolves, against which plain names are
     * meant to be written in files for other tools.
     */
    static final String NO_BASE = org.nervusdb.engine.TripleStore.DEFAULT_BASE;

    /** Receives each statement: stored terms, the graph null for the default graph. */
    interface Sink {
        void statement(String s, String p, String o, String g);
    }

    private final String file;
    private final String base;
    private final String blankPrefix;

    RioReader(String file, String base, String blankPrefix) {
        this.file = file;
        this.base = base;
        this.blankPrefix = blankPrefix;
    }

    /** Blank nodes without a label get {@code -1}, {@code -2}, ... (no RDF/XML node ID starts with '-'). */
    private static final class Values extends AbstractValueFactory {
        private long blanks;

        @Override
        public BNode createBNode() {
            return createBNode("-" + (++blanks));
        }
    }

    /** Reads {@code in}, {@code format} "rdfxml" or "jsonld", into {@code sink}. */
    void read(InputStream in, String format, Sink sink) {
        RDFParser parser = format.equals("rdfxml") ? new RDFXMLParser() : new JSONLDParser();
        parser.setValueFactory(new Values());
        parser.setPreserveBNodeIDs(true);
        parser.setRDFHandler(new AbstractRDFHandler() {
            @Override
            public void handleStatement(Statement st) {
                try {
                    sink.statement(term(st.getSubject()), term(st.getPredicate()), term(st.getObject()),
                            st.getContext() == null ? null : term(st.getContext()));
                } catch (RuntimeException e) {
                    throw new RDFHandlerException(e);
                }
            }
        });
        try {
            parser.parse(in, base == null ? NO_BASE : base);
        } catch (RDFParseException e) {
            CliException ours = ours(e);
            if (ours != null) {
                throw ours;
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage().replaceAll(" \\[line -?\\d+(, column -?\\d+)?\\]$", "");
            long line = e.getLineNumber();
            long column = e.getColumnNumber();
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                // JSON-LD: the JSON parser's error, which says where, under the JSON-LD library's own
                if (t instanceof jakarta.json.stream.JsonParsingException && ((jakarta.json.stream.JsonParsingException) t).getLocation() != null) {
                    jakarta.json.stream.JsonLocation at = ((jakarta.json.stream.JsonParsingException) t).getLocation();
                    line = at.getLineNumber();
                    column = at.getColumnNumber();
                    message = message + ": " + t.getMessage();
                } else if (t.getMessage() != null && !message.contains(t.getMessage())) {
                    message = message + ": " + t.getMessage();
                }
            }
            if (line >= 1) {
                throw new BadInputException(file, line, Math.max(1, column), message);
            }
            throw new CliException(file + ": " + message, e);
        } catch (RDFHandlerException e) {
            CliException ours = ours(e);
            if (ours != null) {
                throw ours;
            }
            throw new CliException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The import's own error that stopped the parser, if that is what did. */
    private static CliException ours(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CliException) {
                return (CliException) t;
            }
        }
        return null;
    }

    /** A value as a stored term. */
    String term(Value v) {
        if (v instanceof IRI) {
            return iri(v.stringValue());
        }
        if (v instanceof BNode) {
            return "_:" + blankPrefix + ((BNode) v).getID();
        }
        if (v instanceof Literal) {
            Literal l = (Literal) v;
            Optional<String> lang = l.getLanguage();
            return lang.isPresent() ? RdfTerms.literal(l.getLabel(), lang.get(), null)
                    : RdfTerms.literal(l.getLabel(), null, iri(l.getDatatype().stringValue()));
        }
        throw new CliException(file + ": the RDF-star triple term " + v + " cannot be stored");
    }

    private String iri(String iri) {
        return base == null && iri.startsWith(NO_BASE) ? iri.substring(NO_BASE.length()) : iri;
    }
}
