package org.nervusdb.bench.suite;

import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.nervusdb.rdf.RdfTerms;

/**
 * Stored term spellings ({@link Store}) as Eclipse RDF4J {@link Value}s, made by the store's own
 * value factory.
 *
 * <ul>
 * <li>IRI: {@link ValueFactory#createIRI(String)}.</li>
 * <li>Literal: the lexical form, language tag and datatype read with {@link RdfTerms}; a simple
 * literal is an xsd:string literal, as in RDF 1.1 (and RDF4J).</li>
 * <li>Blank node {@code _:label}: {@link ValueFactory#createBNode(String)} with that label; the
 * LMDB store keeps blank nodes by label, so the same {@code _:label} is the same node in every
 * call and after a reopen. {@link Rdf4jLmdbStore} bulk loads with
 * {@code PRESERVE_BNODE_IDS}, so {@code _:b1} in the file is this node too (as it is in
 * NervusDB, where the label is the term).</li>
 * <li>{@code null}: {@code null}, RDF4J's wildcard.</li>
 * </ul>
 */
final class Rdf4jTerms {
    private final ValueFactory vf;

    Rdf4jTerms(ValueFactory vf) {
        this.vf = vf;
    }

    Value value(String term) {
        if (term == null) {
            return null;
        }
        if (RdfTerms.isLiteral(term)) {
            String lexical = RdfTerms.lexicalForm(term);
            String lang = RdfTerms.language(term);
            if (lang != null) {
                return vf.createLiteral(lexical, lang);
            }
            String datatype = RdfTerms.datatype(term);
            if (datatype.equals(RdfTerms.XSD_STRING)) {
                return vf.createLiteral(lexical);
            }
            return vf.createLiteral(lexical, vf.createIRI(datatype));
        }
        return resource(term);
    }

    Resource resource(String term) {
        if (term == null) {
            return null;
        }
        if (RdfTerms.isBlank(term)) {
            return vf.createBNode(RdfTerms.blankLabel(term));
        }
        if (RdfTerms.isLiteral(term)) {
            throw new IllegalArgumentException("a literal is not a subject: " + term);
        }
        return vf.createIRI(term);
    }

    IRI iri(String term) {
        if (term == null) {
            return null;
        }
        if (!RdfTerms.isIri(term)) {
            throw new IllegalArgumentException("a predicate is an IRI: " + term);
        }
        return vf.createIRI(term);
    }

    /** The stored spelling of a value: the inverse of {@link #value}. */
    static String term(Value v) {
        if (v instanceof Literal l) {
            return RdfTerms.literal(l.getLabel(), l.getLanguage().orElse(null), l.getDatatype().stringValue());
        }
        if (v instanceof BNode b) {
            return RdfTerms.blank(b.getID());
        }
        return v.stringValue();
    }
}
