package org.nervusdb.rdf;

import org.nervusdb.InvalidTermException;

/** Stored terms spelled as N-Triples and Turtle terms, for the writers. */
final class TermFormat {
    private TermFormat() {
    }

    /** The N-Triples spelling of a stored term. */
    static String nTriples(String term) {
        StringBuilder sb = new StringBuilder(term.length() + 8);
        appendTerm(sb, term, null);
        return sb.toString();
    }

    /** A stored term; an IRI without a scheme gets {@code base} (null: none) in front. */
    static void appendTerm(StringBuilder sb, String term, String base) {
        if (RdfTerms.isLiteral(term)) {
            appendLiteral(sb, term, null, base);
        } else if (RdfTerms.isBlank(term)) {
            sb.append("_:").append(blankLabel(RdfTerms.blankLabel(term)));
        } else {
            appendIri(sb, term, base);
        }
    }

    /** {@code base + iri} when {@code iri} has no scheme and {@code base} is not null, else {@code iri} ({@link RdfTerms#resolve}). */
    static String withBase(String iri, String base) {
        return RdfTerms.resolve(iri, base);
    }

    /** Checks a writer's base IRI: null, or an IRI with a scheme. */
    static String checkBase(String base) {
        if (base != null && !Lexer.hasScheme(base)) {
            throw new IllegalArgumentException("base IRI has no scheme: " + base);
        }
        return base;
    }

    /**
     * A literal; with {@code datatypeShort} (Turtle), a datatype it can abbreviate is written as
     * the string that function returns (given the datatype with {@code base} applied).
     */
    static void appendLiteral(StringBuilder sb, String term, java.util.function.Function<String, String> datatypeShort,
            String base) {
        String lexical = RdfTerms.lexicalForm(term);
        String lang = RdfTerms.language(term);
        String datatype = RdfTerms.datatype(term);
        sb.append('"');
        for (int i = 0; i < lexical.length(); i++) {
            char c = lexical.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                default:
                    checkSurrogate(lexical, i, term);
                    if (c < 0x20 || c == 0x7F) {
                        appendUchar(sb, c);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
        if (lang != null) {
            sb.append('@').append(lang);
        } else if (!datatype.equals(RdfTerms.XSD_STRING)) {
            sb.append("^^");
            datatype = withBase(datatype, base);
            String shortName = datatypeShort == null ? null : datatypeShort.apply(datatype);
            if (shortName != null) {
                sb.append(shortName);
            } else {
                appendIri(sb, datatype, null);
            }
        }
    }

    /**
     * {@code <iri>} ({@code <base + iri>} when it has no scheme and base is not null), with the
     * characters IRIREF excludes (controls, space, {@code <>"{}|^`\}) and the other controls
     * (U+007F to U+009F) percent-encoded: the bytes of their UTF-8 as {@code %XX}.
     */
    static void appendIri(StringBuilder sb, String iri, String base) {
        sb.append('<');
        appendIriChars(sb, withBase(iri, base));
        sb.append('>');
    }

    private static void appendIriChars(StringBuilder sb, String iri) {
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            checkSurrogate(iri, i, iri);
            if (c <= 0x20 || (c >= 0x7F && c <= 0x9F) || "<>\"{}|^`\\".indexOf(c) >= 0) {
                if (c >= 0x80) {
                    percent(sb, 0xC0 | (c >> 6));
                    c = (char) (0x80 | (c & 0x3F));
                }
                percent(sb, c);
            } else {
                sb.append(c);
            }
        }
    }

    private static void appendUchar(StringBuilder sb, char c) {
        sb.append("\\u").append(CharInput.hex(c));
    }

    private static void percent(StringBuilder sb, int b) {
        sb.append('%').append("0123456789ABCDEF".charAt(b >> 4)).append("0123456789ABCDEF".charAt(b & 15));
    }

    private static void checkSurrogate(String s, int i, String term) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                return;
            }
        } else if (!Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
            return;
        }
        throw new InvalidTermException("term has a lone surrogate and cannot be written: "
                + (term.length() <= 60 ? term : term.substring(0, 60) + "..."));
    }

    /**
     * The label written for a stored blank node label. A label valid in N-Triples and Turtle is
     * written as it is, unless it starts with "g-" or "u-"; a label that is valid once 'g' is put
     * before it (as those the Turtle parser makes, "-1", "-2" ...) gets that 'g'; any other is
     * written as "u-" and the hex digits of its UTF-16 units, four each. Distinct labels
     * therefore stay distinct.
     */
    static String blankLabel(String label) {
        if (validLabel(label) && !label.startsWith("g-") && !label.startsWith("u-")) {
            return label;
        }
        if (label.startsWith("-") && validLabel("g" + label)) {
            return "g" + label;
        }
        StringBuilder sb = new StringBuilder("u-");
        for (int i = 0; i < label.length(); i++) {
            String h = CharInput.hex(label.charAt(i));
            sb.append(h);
        }
        return sb.toString();
    }

    static boolean validLabel(String label) {
        if (label.isEmpty()) {
            return false;
        }
        int first = label.codePointAt(0);
        if (!(Lexer.isPnCharsU(first) || (first >= '0' && first <= '9'))) {
            return false;
        }
        for (int i = Character.charCount(first); i < label.length(); ) {
            int c = label.codePointAt(i);
            if (!(Lexer.isPnChars(c) || c == '.')) {
                return false;
            }
            i += Character.charCount(c);
        }
        return label.charAt(label.length() - 1) != '.';
    }
}
