package org.nervusdb.jena;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.nervusdb.rdf.RdfTerms;

/**
 * Jena nodes and NervusDB's stored terms, both ways, without loss: an IRI is stored as itself
 * (a relative IRI, such as a plain name NervusDB's API stored, reads as a relative IRI node), a
 * blank node as {@code _:} and its label (so a label is the same wherever it is read), a literal
 * in N-Triples syntax in NervusDB's one spelling (language tags in BCP 47 case, no
 * {@code ^^xsd:string}), so equal RDF terms are equal strings.
 *
 * <p>Refused with {@link UnsupportedTermException}: literals with a base direction (RDF 1.2
 * {@code "text"@en--ltr}), triple terms, variables and wildcards, and IRIs NervusDB would read as
 * another kind of term (starting with {@code "} or {@code _:}).
 */
public final class JenaTerms {
    private JenaTerms() {
    }

    /** The stored term of a concrete node. */
    public static String toTerm(Node n) {
        if (n == null) {
            throw new UnsupportedTermException("null node");
        }
        if (n.isURI()) {
            String iri = n.getURI();
            if (!RdfTerms.isIri(iri)) {
                throw new UnsupportedTermException("NervusDB would read this IRI as a literal or a blank node: <" + iri + ">");
            }
            return iri;
        }
        if (n.isBlank()) {
            return RdfTerms.blank(n.getBlankNodeLabel());
        }
        if (n.isLiteral()) {
            if (n.getLiteralBaseDirection() != null) {
                throw new UnsupportedTermException("NervusDB stores no base direction of a literal (RDF 1.2 \"...\"@"
                        + n.getLiteralLanguage() + "--" + n.getLiteralBaseDirection() + ")");
            }
            String lang = n.getLiteralLanguage();
            if (lang != null && !lang.isEmpty()) {
                return RdfTerms.literal(n.getLiteralLexicalForm(), lang, null);
            }
            return RdfTerms.literal(n.getLiteralLexicalForm(), null, n.getLiteralDatatypeURI());
        }
        if (n.isTripleTerm()) {
            throw new UnsupportedTermException("NervusDB stores no triple terms: " + n);
        }
        throw new UnsupportedTermException("not a concrete RDF term: " + n);
    }

    /** The stored term of a pattern position: null for a wildcard (null, {@code Node.ANY}, a variable). */
    static String toPattern(Node n) {
        return n == null || !n.isConcrete() ? null : toTerm(n);
    }

    /** The node of a stored term. */
    public static Node toNode(String term) {
        if (RdfTerms.isLiteral(term)) {
            String lex = RdfTerms.lexicalForm(term);
            String lang = RdfTerms.language(term);
            if (lang != null) {
                return NodeFactory.createLiteralLang(lex, lang);
            }
            String dt = RdfTerms.datatype(term);
            if (dt.equals(RdfTerms.XSD_STRING)) {
                return NodeFactory.createLiteralString(lex);
            }
            RDFDatatype type = TypeMapper.getInstance().getSafeTypeByName(dt);
            return NodeFactory.createLiteralDT(lex, type);
        }
        if (RdfTerms.isBlank(term)) {
            return NodeFactory.createBlankNode(RdfTerms.blankLabel(term));
        }
        return NodeFactory.createURI(term);
    }

    /**
     * The stored graph name of a quad's graph node: null for the default graph (null,
     * {@link Quad#defaultGraphIRI}, {@link Quad#defaultGraphNodeGenerated}).
     */
    static String graphTerm(Node g) {
        if (g == null || Quad.isDefaultGraph(g)) {
            return null;
        }
        if (g.isLiteral()) {
            throw new UnsupportedTermException("a literal cannot name a graph: " + g);
        }
        return toTerm(g);
    }

    /** A term NervusDB cannot store, or a node that is not a term. */
    public static final class UnsupportedTermException extends org.apache.jena.shared.JenaException {
        private static final long serialVersionUID = 1L;

        public UnsupportedTermException(String message) {
            super(message);
        }
    }
}
