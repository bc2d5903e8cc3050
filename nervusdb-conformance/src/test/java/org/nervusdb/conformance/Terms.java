package org.nervusdb.conformance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.nervusdb.rdf.RdfTerms;

/**
 * Converts between RDF4J values and NervusDB's stored terms, both ways through
 * {@link RdfTerms}, and writes values in one canonical spelling for comparison and reports.
 */
final class Terms {
    private static final ValueFactory VF = SimpleValueFactory.getInstance();

    private static final Set<String> INTEGER_TYPES = Set.of("integer", "long", "int", "short", "byte",
            "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong",
            "unsignedInt", "unsignedShort", "unsignedByte");

    private Terms() {
    }

    /**
     * The stored term for an RDF4J value. Blank nodes get a label from {@code blankLabels}, which
     * the caller keeps for one dataset so that labels are unique within it.
     */
    static String toStored(Value v, Map<String, String> blankLabels, String scope) {
        if (v instanceof IRI) {
            return v.stringValue();
        }
        if (v instanceof BNode) {
            String label = blankLabels.computeIfAbsent(scope + "\u0000" + ((BNode) v).getID(),
                    k -> "b" + blankLabels.size());
            return RdfTerms.blank(label);
        }
        if (v instanceof Literal) {
            Literal l = (Literal) v;
            return RdfTerms.literal(l.getLabel(), l.getLanguage().orElse(null), l.getDatatype().stringValue());
        }
        throw new IllegalArgumentException("not an RDF term the store can hold: " + v);
    }

    /**
     * The RDF4J value of a stored term from a query result.
     *
     * @throws IllegalArgumentException if the term is not a well-formed RDF term (for example a
     *         relative IRI, which can never be in an expected result)
     */
    static Value fromStored(String term) {
        if (RdfTerms.isBlank(term)) {
            return VF.createBNode(RdfTerms.blankLabel(term));
        }
        if (RdfTerms.isLiteral(term)) {
            String lexical = RdfTerms.lexicalForm(term);
            String lang = RdfTerms.language(term);
            return lang != null ? VF.createLiteral(lexical, lang) : VF.createLiteral(lexical, VF.createIRI(RdfTerms.datatype(term)));
        }
        if (term.indexOf(':') < 0) {
            throw new IllegalArgumentException("relative IRI " + term);
        }
        return VF.createIRI(term);
    }

    /**
     * A canonical N-Triples-like spelling: {@code <iri>}, {@code "lex"}, {@code "lex"@lang} (tag in
     * lower case, as RDF compares tags without regard to case), {@code "lex"^^<dt>}, or
     * {@code _:id}. Two values that are the same RDF term have the same spelling.
     */
    static String canonical(Value v) {
        if (v instanceof IRI) {
            return "<" + v.stringValue() + ">";
        }
        if (v instanceof BNode) {
            return "_:" + ((BNode) v).getID();
        }
        Literal l = (Literal) v;
        return RdfTerms.literal(l.getLabel(), l.getLanguage().map(t -> t.toLowerCase(Locale.ROOT)).orElse(null),
                l.getDatatype().stringValue());
    }

    /**
     * The key two values are compared by: {@link #canonical}, except that a number's lexical
     * form is replaced by a normal spelling of its value, so that {@code "2.0E-1"^^xsd:double}
     * equals {@code "0.2"^^xsd:double} and {@code "1.50"^^xsd:decimal} equals
     * {@code "1.5"^^xsd:decimal}. The datatype still has to be the same: {@code 1} (integer) and
     * {@code 1.0} (decimal) differ. The suite's expected results do not use one lexical form
     * for numbers consistently, and SPARQL leaves the lexical form of computed numbers open.
     */
    static String comparisonKey(Value v) {
        if (v instanceof Literal) {
            Literal l = (Literal) v;
            String dt = l.getDatatype().stringValue();
            if (dt.startsWith(RdfTerms.XSD) && l.getLanguage().isEmpty()) {
                String number = normalNumber(dt.substring(RdfTerms.XSD.length()), l.getLabel().trim());
                if (number != null) {
                    return RdfTerms.literal(number, null, dt);
                }
            }
        }
        return canonical(v);
    }

    /** A normal spelling of a number of the given XSD type, or null (not numeric, or ill-formed). */
    private static String normalNumber(String type, String lexical) {
        try {
            if (INTEGER_TYPES.contains(type)) {
                return new BigInteger(lexical).toString();
            }
            switch (type) {
                case "decimal":
                    BigDecimal d = new BigDecimal(lexical);
                    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
                case "double":
                    return Double.toString(Double.parseDouble(xsdFloat(lexical)));
                case "float":
                    return Float.toString(Float.parseFloat(xsdFloat(lexical)));
                default:
                    return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** XSD writes infinities as INF and -INF; Java as Infinity. */
    private static String xsdFloat(String lexical) {
        if (lexical.equals("INF") || lexical.equals("+INF")) {
            return "Infinity";
        }
        return lexical.equals("-INF") ? "-Infinity" : lexical;
    }
}
