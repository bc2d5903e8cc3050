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
 * is never written with {@code ^^<...#string>}; language tags are in the letter case BCP 47
 * recommends ({@link #languageTag}: {@code en-US}, {@code zh-Hant-TW});</li>
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

    /**
     * A literal with a language tag (in BCP 47 case, {@link #languageTag}) or, if {@code lang} is
     * null, a datatype.
     */
    public static String literal(String lexical, String lang, String datatype) {
        if (lang != null && !lang.isEmpty()) {
            return quote(lexical).append('@').append(languageTag(lang)).toString();
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

    /**
     * A language tag in the letter case BCP 47 recommends (RFC 5646, section 2.1.1), the one
     * spelling NervusDB stores, so that tags that differ only in case (equal in RDF) make one
     * term: the first subtag and every subtag after a singleton ({@code x}, {@code u}, ...) in
     * lower case; other two-letter subtags (regions) in upper case; a four-letter subtag right
     * after the language and its three-letter extensions (the script) with a capital initial;
     * the rest in lower case. {@code EN-us} is {@code en-US}, {@code zh-hant-tw}
     * {@code zh-Hant-TW}, {@code sgn-be-fr} {@code sgn-BE-FR}, {@code en-US-x-Twain}
     * {@code en-US-x-twain}. Letters other than ASCII ones are left as they are.
     */
    public static String languageTag(String tag) {
        StringBuilder sb = new StringBuilder(tag.length());
        boolean singleton = false;
        boolean scriptPlace = true;
        int start = 0;
        for (int index = 0; start <= tag.length(); index++) {
            int end = tag.indexOf('-', start);
            if (end < 0) {
                end = tag.length();
            }
            int len = end - start;
            boolean upper = index > 0 && !singleton && len == 2;
            boolean title = index > 0 && !singleton && len == 4 && scriptPlace;
            for (int i = start; i < end; i++) {
                char c = tag.charAt(i);
                boolean up = upper || (title && i == start);
                sb.append(up && c >= 'a' && c <= 'z' ? (char) (c - 32) : !up && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            singleton |= len == 1;
            if (index > 0 && !(len == 3 && isAsciiLetters(tag, start, end))) {
                scriptPlace = false;
            }
            if (end < tag.length()) {
                sb.append('-');
            }
            start = end + 1;
        }
        return sb.toString();
    }

    private static boolean isAsciiLetters(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = (char) (s.charAt(i) | 0x20);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static final String STRING_SUFFIX = "^^<" + XSD_STRING + ">";

    /**
     * The length of the scheme of an IRI including its ':' (RFC 3986: a letter, then letters,
     * digits, '+', '-' or '.', then ':'), or 0 if it has none (a relative IRI such as a plain
     * name).
     */
    public static int schemeLength(String iri) {
        int n = iri.length();
        for (int i = 0; i < n; i++) {
            char c = iri.charAt(i);
            if (c == ':') {
                return i > 0 ? i + 1 : 0;
            }
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * A stored IRI term as an absolute IRI: a relative one (no scheme, such as the plain name
     * {@code alice}) is {@code base} followed by it; an absolute one, a literal or a blank node
     * is returned as it is, as is every term when {@code base} is null.
     */
    public static String resolve(String term, String base) {
        if (base == null || (!term.isEmpty() && (term.charAt(0) == '"' || term.startsWith("_:"))) || schemeLength(term) > 0) {
            return term;
        }
        return base + term;
    }

    /**
     * The one stored spelling of a term given in N-Triples syntax: a literal's language tag in
     * BCP 47 case ({@link #languageTag}), and no {@code ^^xsd:string} (a simple literal); any
     * other term as it is. The same instance when it is that spelling already, which the first
     * and last characters tell for most terms.
     */
    public static String canonicalTerm(String term) {
        if (term == null || term.length() < 3 || term.charAt(0) != '"') {
            return term;
        }
        char last = term.charAt(term.length() - 1);
        if (last == '"') {
            return term;
        }
        if (last != '>') {
            return withLanguageTagCase(term);
        }
        if (!term.endsWith(STRING_SUFFIX)) {
            return term;
        }
        try {
            int end = closingQuote(term);
            return end + 1 + STRING_SUFFIX.length() == term.length() ? term.substring(0, end + 1) : term;
        } catch (InvalidTermException e) {
            return term;
        }
    }

    /**
     * The term with its language tag in BCP 47 case ({@link #languageTag}); the same instance if
     * it has no tag or its tag is so already. For stores written when tags were kept in lower
     * case.
     */
    public static String withLanguageTagCase(String term) {
        if (!isLiteral(term)) {
            return term;
        }
        int end;
        try {
            end = closingQuote(term);
        } catch (InvalidTermException e) {
            return term;
        }
        if (end + 1 >= term.length() || term.charAt(end + 1) != '@') {
            return term;
        }
        String tag = term.substring(end + 2);
        String cased = languageTag(tag);
        return cased.equals(tag) ? term : term.substring(0, end + 2) + cased;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
