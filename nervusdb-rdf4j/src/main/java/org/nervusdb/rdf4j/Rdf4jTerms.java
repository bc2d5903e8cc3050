package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.base.AbstractIRI;
import org.nervusdb.rdf.RdfTerms;

/**
 * RDF4J values and NervusDB's stored terms, both ways, without loss: an IRI is stored as itself,
 * a blank node as {@code _:} and its ID (the same node on every read and after reopening), a
 * literal in N-Triples syntax in NervusDB's one spelling (language tags in BCP 47 case,
 * {@code "x"^^xsd:string} as {@code "x"}), so equal RDF terms are equal strings.
 *
 * <p>A stored IRI without a scheme (a plain name such as {@code alice}, as NervusDB's own API
 * may store it) reads as a {@link RelativeIri}, an {@link IRI} whose string is that name: RDF4J's
 * value factories refuse such IRIs, but writing it back stores the same term.
 *
 * <p>Refused with {@link UnsupportedTermException}: triple terms (RDF-star / RDF 1.2, which
 * NervusDB does not store) and IRIs NervusDB would read as another kind of term (starting with
 * {@code "} or {@code _:}).
 */
public final class Rdf4jTerms {
    private Rdf4jTerms() {
    }

    /** The stored term of a value. */
    public static String toTerm(Value v) {
        if (v == null) {
            throw new UnsupportedTermException("null value");
        }
        if (v.isIRI()) {
            String iri = v.stringValue();
            if (!RdfTerms.isIri(iri)) {
                throw new UnsupportedTermException("NervusDB would read this IRI as a literal or a blank node: <" + iri + ">");
            }
            return iri;
        }
        if (v.isBNode()) {
            return RdfTerms.blank(((BNode) v).getID());
        }
        if (v.isLiteral()) {
            Literal l = (Literal) v;
            if (l.getLanguage().isPresent()) {
                return RdfTerms.literal(l.getLabel(), l.getLanguage().get(), null);
            }
            return RdfTerms.literal(l.getLabel(), null, l.getDatatype().stringValue());
        }
        if (v.isTriple()) {
            throw new UnsupportedTermException("NervusDB stores no triple terms (RDF-star): " + v);
        }
        throw new UnsupportedTermException("not an RDF term: " + v);
    }

    /** The stored term of a pattern position: null for a wildcard. */
    static String toPattern(Value v) {
        return v == null ? null : toTerm(v);
    }

    /** The stored name of a context: null for the default graph ({@code null}). */
    static String graphTerm(Resource context) {
        return context == null ? null : toTerm(context);
    }

    /** The value of a stored term. */
    public static Value toValue(String term, ValueFactory vf) {
        if (RdfTerms.isLiteral(term)) {
            String lex = RdfTerms.lexicalForm(term);
            String lang = RdfTerms.language(term);
            if (lang != null) {
                return vf.createLiteral(lex, lang);
            }
            String dt = RdfTerms.datatype(term);
            if (dt.equals(RdfTerms.XSD_STRING)) {
                return vf.createLiteral(lex);
            }
            return vf.createLiteral(lex, iri(dt, vf));
        }
        if (RdfTerms.isBlank(term)) {
            return vf.createBNode(RdfTerms.blankLabel(term));
        }
        return iri(term, vf);
    }

    /** The resource of a stored subject or graph name. */
    static Resource toResource(String term, ValueFactory vf) {
        Value v = toValue(term, vf);
        if (v instanceof Resource) {
            return (Resource) v;
        }
        // A literal in subject position (NervusDB's own API allows it): RDF4J has no such statements.
        throw new UnsupportedTermException("a literal in subject or graph position cannot be an RDF4J resource: " + term);
    }

    static IRI iri(String term, ValueFactory vf) {
        return term.indexOf(':') > 0 ? vf.createIRI(term) : new RelativeIri(term);
    }

    /** An IRI without a scheme, as NervusDB may store it (a plain name such as {@code alice}). */
    public static final class RelativeIri extends AbstractIRI {
        private static final long serialVersionUID = 1L;
        private final String value;

        public RelativeIri(String value) {
            this.value = value;
        }

        @Override
        public String stringValue() {
            return value;
        }

        @Override
        public String getNamespace() {
            return "";
        }

        @Override
        public String getLocalName() {
            return value;
        }
    }

    /** A term NervusDB cannot store, or a value that is not a term. */
    public static final class UnsupportedTermException extends org.eclipse.rdf4j.sail.SailException {
        private static final long serialVersionUID = 1L;

        public UnsupportedTermException(String message) {
            super(message);
        }
    }
}
