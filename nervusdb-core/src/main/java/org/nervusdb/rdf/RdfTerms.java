package org.nervusdb.rdf;

import org.nervusdb.InvalidTermException;

/**
 * How a stored term (a plain string) reads as an RDF term, for SPARQL and for RDF import and
 * export. The rule is fixed and total:
 * <ul>
 * <li>a term that starts with {@code "} is a <b>literal</b>, written as in N-Triples:
 * {@code "lexical form"}, {@code "lexical form"@lang} or {@code "lexical form"^^<datatype IRI>};
 * inside the quotes {@code \"}, {@code \\}, {@code \n} and {@code \r} are escaped and every other
 * character stands for itself. A literal without a tag or datatype has datatype xsd:string, and
 * is never written with {@code ^^<...#string>}; language tags are lower case;</li>
 * <li>a term that starts with {@code _:} is a <b>blank node</b> with that label;</li>
 * <li>any other term is an <b>IRI</b>: the term itself, without angle brackets. Plain names such
 * as {@code alice} are therefore relative IRIs, which is how SPARQL's {@code <alice>} finds
 * them.</li>
 * </ul>
 * {@link #literal} and the other factories produce the one canonical spelling of each literal,
 * so equal RDF terms are equal strings.
 */
public final class RdfTerms {
    public static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    public static final String XSD_STRING = XSD + "string";
    public static final String RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

    private RdfTerms() {
    }

    /** The value of an ASCII hexadecimal digit, or -1 (other Unicode digits are not hex digits here). */
    public static int hexDigit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    public static boolean isLiteral(String term) {
        return !term.isEmpty() && term.charAt(0) == '"';
    }

    public static boolean isBlank(String term) {
        return term.startsWith("_:");
    }

    public static boolean isIri(String term) {
        return !isLiteral(term) && !isBlank(term);
    }

    /** A simple literal (xsd:string). */
    public static String literal(String lexical) {
        return quote(lexical).toString();
    }

    /** A literal with a language tag (lower-cased) or, if {@code lang} is null, a datatype. */
    public static String literal(String lexical, String lang, String datatype) {
        if (lang != null && !lang.isEmpty()) {
            return quote(lexical).append('@').append(lowerAscii(lang)).toString();
        }
        if (datatype == null || datatype.equals(XSD_STRING)) {
            return literal(lexical);
        }
        return quote(lexical).append("^^<").append(datatype).append('>').toString();
    }

    /** A blank node with the given label (letters, digits, '_', '-', '.'). */
    public static String blank(String label) {
        return "_:" + label;
    }

    /** The end of the quoted lexical form of a literal: the index of its closing quote. */
    private static int closingQuote(String term) {
        for (int i = 1; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw new InvalidTermException("literal term has no closing quote: " + abbreviate(term));
    }

    /** The lexical form of a literal term, unescaped. */
    public static String lexicalForm(String literal) {
        requireLiteral(literal);
        int end = closingQuote(literal);
        StringBuilder sb = new StringBuilder(end);
        for (int i = 1; i < end; i++) {
            char c = literal.charAt(i);
            if (c == '\\') {
                char e = literal.charAt(++i);
                switch (e) {
                    case 'n':
                        sb.append('\n');
                        break;
                    case 'r':
                        sb.append('\r');
                        break;
                    case '"':
                    case '\\':
                        sb.append(e);
                        break;
                    default:
                        throw new InvalidTermException("literal term has an unknown escape \\" + e + ": " + abbreviate(literal));
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The language tag of a literal term, or null. */
    public static String language(String literal) {
        requireLiteral(literal);
        int end = closingQuote(literal);
        return end + 1 < literal.length() && literal.charAt(end + 1) == '@' ? literal.substring(end + 2) : null;
    }

    /** The datatype IRI of a literal term: xsd:string, rdf:langString, or the one written. */
    public static String datatype(String literal) {
        requireLiteral(literal);
        int end = closingQuote(literal);
        if (end + 1 == literal.length()) {
            return XSD_STRING;
        }
        if (literal.charAt(end + 1) == '@') {
            return RDF_LANG_STRING;
        }
        if (literal.startsWith("^^<", end + 1) && literal.endsWith(">")) {
            return literal.substring(end + 4, literal.length() - 1);
        }
        throw new InvalidTermException("literal term has text after its closing quote: " + abbreviate(literal));
    }

    /** The label of a blank node term. */
    public static String blankLabel(String blank) {
        if (!isBlank(blank)) {
            throw new IllegalArgumentException("not a blank node term: " + abbreviate(blank));
        }
        return blank.substring(2);
    }

    private static void requireLiteral(String term) {
        if (!isLiteral(term)) {
            throw new IllegalArgumentException("not a literal term: " + abbreviate(term));
        }
    }

    private static StringBuilder quote(String lexical) {
        StringBuilder sb = new StringBuilder(lexical.length() + 2).append('"');
        for (int i = 0; i < lexical.length(); i++) {
            char c = lexical.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.append('"');
    }

    private static String lowerAscii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
