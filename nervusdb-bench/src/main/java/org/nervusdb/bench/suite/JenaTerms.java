package org.nervusdb.bench.suite;

import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.nervusdb.rdf.RdfTerms;

/**
 * Stored term spellings ({@link Store}) as Apache Jena {@link Node}s.
 *
 * <ul>
 * <li>IRI: {@link NodeFactory#createURI}.</li>
 * <li>Literal: the lexical form, language tag and datatype read with {@link RdfTerms}; a simple
 * literal is an xsd:string literal, as in RDF 1.1. Jena 5 puts every language tag in RFC 5646
 * case ({@code en-GB}), both when it parses a file and here, so {@code "x"@en-gb} (the stored
 * spelling) finds what a file wrote as {@code "x"@en-GB}.</li>
 * <li>Blank node {@code _:label}: the Jena blank node whose label is {@code label}
 * ({@link NodeFactory#createBlankNode(String)}); TDB2 keeps that label in its node table, so the
 * same {@code _:label} is the same node in every call and after a reopen. {@link JenaTdb2Store}
 * bulk loads with the parser's labels as given, so {@code _:b1} in the file is this node too
 * (as it is in NervusDB, where the label is the term).</li>
 * <li>{@code null}: {@link Node#ANY}, the wildcard of {@code find}.</li>
 * </ul>
 */
final class JenaTerms {
    private JenaTerms() {
    }

    /** The node of a term, or {@link Node#ANY} for null. */
    static Node node(String term) {
        if (term == null) {
            return Node.ANY;
        }
        if (RdfTerms.isLiteral(term)) {
            String lexical = RdfTerms.lexicalForm(term);
            String lang = RdfTerms.language(term);
            if (lang != null) {
                return NodeFactory.createLiteralLang(lexical, lang);
            }
            String datatype = RdfTerms.datatype(term);
            if (datatype.equals(RdfTerms.XSD_STRING)) {
                return NodeFactory.createLiteralString(lexical);
            }
            return NodeFactory.createLiteralDT(lexical, TypeMapper.getInstance().getSafeTypeByName(datatype));
        }
        if (RdfTerms.isBlank(term)) {
            return NodeFactory.createBlankNode(RdfTerms.blankLabel(term));
        }
        return NodeFactory.createURI(term);
    }

    /** The stored spelling of a (concrete) node: the inverse of {@link #node}. */
    static String term(Node n) {
        if (n.isURI()) {
            return n.getURI();
        }
        if (n.isLiteral()) {
            String lang = n.getLiteralLanguage();
            return RdfTerms.literal(n.getLiteralLexicalForm(), lang.isEmpty() ? null : lang, n.getLiteralDatatypeURI());
        }
        if (n.isBlank()) {
            return RdfTerms.blank(n.getBlankNodeLabel());
        }
        throw new IllegalArgumentException("not a concrete RDF term: " + n);
    }

    /** The length of a node's text: an IRI, a literal's lexical form, a blank node's label. */
    static int textLength(Node n) {
        if (n.isURI()) {
            return n.getURI().length();
        }
        if (n.isLiteral()) {
            return n.getLiteralLexicalForm().length();
        }
        if (n.isBlank()) {
            return n.getBlankNodeLabel().length();
        }
        return n.toString().length();
    }

    /** The triple of three (non-null) terms. */
    static Triple triple(String s, String p, String o) {
        return Triple.create(concrete(s), concrete(p), concrete(o));
    }

    static Triple triple(String[] spo) {
        return triple(spo[0], spo[1], spo[2]);
    }

    private static Node concrete(String term) {
        if (term == null) {
            throw new IllegalArgumentException("a triple to write has no null terms");
        }
        return node(term);
    }
}
