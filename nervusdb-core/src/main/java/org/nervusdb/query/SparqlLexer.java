package org.nervusdb.query;

import org.nervusdb.QuerySyntaxException;

/**
 * Splits SPARQL 1.1 query text into tokens (section 19.8 of the specification), on demand, by
 * the longest-match rule. Written by hand: the core compiles to JavaScript and WebAssembly,
 * where java.util.regex is not available.
 *
 * <p>Codepoint escapes ({@code \}{@code u0041}, {@code \}{@code U0001F600}) are honoured inside
 * strings, IRIs, variable names and the local parts of prefixed names, which is where queries use
 * them. Columns count UTF-16 code units from 1.
 */
final class SparqlLexer {
    static final int EOF = 0;
    /** {@code <...>}: text is the IRI as written, escapes decoded, not yet resolved. */
    static final int IRI = 1;
    /** {@code prefix:local}: text is the prefix, local the local part (escapes removed). */
    static final int PNAME = 2;
    /** {@code _:label}: text is the label. */
    static final int BNODE = 3;
    /** {@code ?name} or {@code $name}: text is the name. */
    static final int VAR = 4;
    /** A string in any of the four quotings: text is its value. */
    static final int STRING = 5;
    /** {@code @lang}: text is the tag without '@'. */
    static final int LANGTAG = 6;
    static final int INTEGER = 7;
    static final int DECIMAL = 8;
    static final int DOUBLE = 9;
    /** A bare word (keyword, function name, {@code a}, {@code true}): text as written, upper in upper case. */
    static final int WORD = 10;
    /** Punctuation and operators: text is the symbol. */
    static final int PUNCT = 11;

    static final class Token {
        final int kind;
        final String text;
        final String local;
        final String upper;
        final int start;
        final int end;

        Token(int kind, String text, String local, int start, int end) {
            this.kind = kind;
            this.text = text;
            this.local = local;
            this.upper = kind == WORD ? upperAscii(text) : null;
            this.start = start;
            this.end = end;
        }

        boolean is(String punct) {
            return kind == PUNCT && text.equals(punct);
        }

        boolean isWord(String keyword) {
            return kind == WORD && upper.equals(keyword);
        }
    }

    private final String in;
    private final int n;
    private int pos;
    /** Offsets at which lines start, for line and column numbers of errors; built on first use. */
    private int[] lineStarts;

    SparqlLexer(String in) {
        this.in = in;
        this.n = in.length();
    }

    String source(Token t) {
        return in.substring(t.start, t.end);
    }

    /** The line (from 1) of an offset. */
    int line(int offset) {
        return lineIndex(offset) + 1;
    }

    /** The column (from 1) of an offset. */
    int column(int offset) {
        return offset - lineStarts[lineIndex(offset)] + 1;
    }

    private int lineIndex(int offset) {
        if (lineStarts == null) {
            int count = 1;
            for (int i = 0; i < n; i++) {
                char c = in.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= n || in.charAt(i + 1) != '\n'))) {
                    count++;
                }
            }
            int[] starts = new int[count];
            int k = 1;
            for (int i = 0; i < n; i++) {
                char c = in.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= n || in.charAt(i + 1) != '\n'))) {
                    starts[k++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    QuerySyntaxException error(String message, int offset) {
        return new QuerySyntaxException(message, line(offset), column(offset));
    }

    /** The next token; EOF forever at the end. */
    Token next() {
        skipSpace();
        int start = pos;
        if (pos >= n) {
            return new Token(EOF, "", null, n, n);
        }
        char c = in.charAt(pos);
        switch (c) {
            case '<':
                return iriOrLess();
            case '"':
            case '\'':
                return string(c);
            case '?':
            case '$':
                if (pos + 1 < n && isVarStart(nameCodePoint(pos + 1))) {
                    StringBuilder name = new StringBuilder();
                    int p = pos + 1;
                    while (p < n) {
                        int cp = nameCodePoint(p);
                        if (!isVarChar(cp)) {
                            break;
                        }
                        name.appendCodePoint(cp);
                        p += nameCodePointLength(p);
                    }
                    pos = p;
                    return new Token(VAR, name.toString(), null, start, p);
                }
                if (c == '$') {
                    throw error("'$' must start a variable name", start);
                }
                return punct(1);
            case '_':
                if (pos + 1 < n && in.charAt(pos + 1) == ':') {
                    return blankNode();
                }
                throw error("unexpected character '_' (blank node labels start with '_:')", start);
            case '@':
                return langTag();
            case '.':
                if (pos + 1 < n && isDigit(in.charAt(pos + 1))) {
                    return number();
                }
                return punct(1);
            case ':':
                pos++;
                return prefixedName(start, "");
            case '{':
            case '}':
            case '(':
            case ')':
            case '[':
            case ']':
            case ',':
            case ';':
            case '*':
            case '/':
            case '+':
            case '-':
            case '=':
                return punct(1);
            case '!':
            case '>':
                return punct(pos + 1 < n && in.charAt(pos + 1) == '=' ? 2 : 1);
            case '&':
                if (pos + 1 < n && in.charAt(pos + 1) == '&') {
                    return punct(2);
                }
                throw error("unexpected character '&' (did you mean '&&'?)", start);
            case '|':
                return punct(pos + 1 < n && in.charAt(pos + 1) == '|' ? 2 : 1);
            case '^':
                return punct(pos + 1 < n && in.charAt(pos + 1) == '^' ? 2 : 1);
            default:
                if (isDigit(c)) {
                    return number();
                }
                int cp = in.codePointAt(pos);
                if (isNameStartChar(cp)) {
                    return nameOrPrefixedName();
                }
                throw error("unexpected character " + describeChar(cp), start);
        }
    }

    private void skipSpace() {
        while (pos < n) {
            char c = in.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < n && in.charAt(pos) != '\n' && in.charAt(pos) != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token punct(int length) {
        int start = pos;
        pos += length;
        return new Token(PUNCT, in.substring(start, pos), null, start, pos);
    }

    /** {@code <iri>} if the text from '<' reads as one (longest match), else '<' or '<='. */
    private Token iriOrLess() {
        int start = pos;
        StringBuilder sb = new StringBuilder();
        int p = pos + 1;
        while (p < n) {
            char c = in.charAt(p);
            if (c == '>') {
                pos = p + 1;
                return new Token(IRI, sb.toString(), null, start, pos);
            }
            if (c <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`') {
                break;
            }
            if (c == '\\') {
                int cp = codepointEscape(p, false);
                if (cp < 0) {
                    break;
                }
                if (cp <= 0x20 || cp == '<' || cp == '>' || cp == '"' || cp == '{' || cp == '}' || cp == '|'
                        || cp == '^' || cp == '`' || cp == '\\') {
                    throw error("the escape " + in.substring(p, p + (in.charAt(p + 1) == 'u' ? 6 : 10))
                            + " stands for a character that is not allowed in an IRI", p);
                }
                sb.appendCodePoint(cp);
                p += in.charAt(p + 1) == 'u' ? 6 : 10;
                continue;
            }
            sb.append(c);
            p++;
        }
        return punct(pos + 1 < n && in.charAt(pos + 1) == '=' ? 2 : 1);
    }

    /**
     * The code point of {@code \}{@code uXXXX} or {@code \}{@code UXXXXXXXX} at {@code p}; -1 if the text
     * there is not such an escape (or, if {@code strict}, throws).
     */
    private int codepointEscape(int p, boolean strict) {
        if (p + 1 >= n) {
            return -1;
        }
        char kind = in.charAt(p + 1);
        int digits = kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
        if (digits == 0) {
            return -1;
        }
        if (p + 2 + digits > n) {
            if (strict) {
                throw error("\\" + kind + " must be followed by " + digits + " hexadecimal digits", p);
            }
            return -1;
        }
        int value = 0;
        for (int i = 0; i < digits; i++) {
            int d = hexValue(in.charAt(p + 2 + i));
            if (d < 0) {
                if (strict) {
                    throw error("\\" + kind + " must be followed by " + digits + " hexadecimal digits", p);
                }
                return -1;
            }
            if (value > 0x10FFFF) {
                break;
            }
            value = value * 16 + d;
        }
        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
            throw error("the escape " + in.substring(p, p + 2 + digits) + " is not a Unicode character", p);
        }
        return value;
    }

    /**
     * The code point at {@code p} of a name (variable or local part of a prefixed name), where a
     * codepoint escape stands for its character; -1 at the end.
     */
    private int nameCodePoint(int p) {
        if (p >= n) {
            return -1;
        }
        if (in.charAt(p) == '\\') {
            int cp = codepointEscape(p, false);
            if (cp >= 0) {
                return cp;
            }
        }
        return in.codePointAt(p);
    }

    private int nameCodePointLength(int p) {
        if (in.charAt(p) == '\\' && codepointEscape(p, false) >= 0) {
            return in.charAt(p + 1) == 'u' ? 6 : 10;
        }
        return Character.charCount(in.codePointAt(p));
    }

    private Token string(char quote) {
        int start = pos;
        boolean isLong = pos + 2 < n && in.charAt(pos + 1) == quote && in.charAt(pos + 2) == quote;
        int p = pos + (isLong ? 3 : 1);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (p >= n) {
                throw error("string is not closed (it starts here)", start);
            }
            char c = in.charAt(p);
            if (c == quote) {
                if (!isLong) {
                    p++;
                    break;
                }
                if (p + 2 < n && in.charAt(p + 1) == quote && in.charAt(p + 2) == quote) {
                    p += 3;
                    break;
                }
                sb.append(c);
                p++;
            } else if (c == '\\') {
                if (p + 1 >= n) {
                    throw error("string is not closed (it starts here)", start);
                }
                char e = in.charAt(p + 1);
                switch (e) {
                    case 't':
                        sb.append('\t');
                        break;
                    case 'b':
                        sb.append('\b');
                        break;
                    case 'n':
                        sb.append('\n');
                        break;
                    case 'r':
                        sb.append('\r');
                        break;
                    case 'f':
                        sb.append('\f');
                        break;
                    case '"':
                    case '\'':
                    case '\\':
                        sb.append(e);
                        break;
                    case 'u':
                    case 'U':
                        sb.appendCodePoint(codepointEscape(p, true));
                        p += e == 'u' ? 4 : 8;
                        break;
                    default:
                        throw error("invalid escape sequence " + describeEscape(p) + " in a string", p);
                }
                p += 2;
            } else if (!isLong && (c == '\n' || c == '\r')) {
                throw error("line break in a string (write \\n, or use a long string: \"\"\"...\"\"\")", p);
            } else {
                sb.append(c);
                p++;
            }
        }
        pos = p;
        return new Token(STRING, sb.toString(), null, start, p);
    }

    private String describeEscape(int p) {
        int cp = in.codePointAt(p + 1);
        return "'\\" + new String(Character.toChars(cp)) + "'";
    }

    private Token langTag() {
        int start = pos;
        int p = pos + 1;
        if (p >= n || !isAsciiLetter(in.charAt(p))) {
            throw error("'@' must be followed by a language tag such as @en", start);
        }
        while (p < n && isAsciiLetter(in.charAt(p))) {
            p++;
        }
        while (p + 1 < n && in.charAt(p) == '-' && isAsciiLetterOrDigit(in.charAt(p + 1))) {
            p++;
            while (p < n && isAsciiLetterOrDigit(in.charAt(p))) {
                p++;
            }
        }
        pos = p;
        return new Token(LANGTAG, in.substring(start + 1, p), null, start, p);
    }

    private Token number() {
        int start = pos;
        int p = pos;
        while (p < n && isDigit(in.charAt(p))) {
            p++;
        }
        int kind = INTEGER;
        if (p < n && in.charAt(p) == '.' && p + 1 < n && isDigit(in.charAt(p + 1))) {
            p++;
            while (p < n && isDigit(in.charAt(p))) {
                p++;
            }
            kind = DECIMAL;
        } else if (p < n && in.charAt(p) == '.' && p > start && exponentLength(p + 1) > 0) {
            p++;
        }
        int exp = exponentLength(p);
        if (exp > 0) {
            p += exp;
            kind = DOUBLE;
        }
        pos = p;
        return new Token(kind, in.substring(start, p), null, start, p);
    }

    private int exponentLength(int p) {
        if (p >= n || (in.charAt(p) != 'e' && in.charAt(p) != 'E')) {
            return 0;
        }
        int q = p + 1;
        if (q < n && (in.charAt(q) == '+' || in.charAt(q) == '-')) {
            q++;
        }
        if (q >= n || !isDigit(in.charAt(q))) {
            return 0;
        }
        while (q < n && isDigit(in.charAt(q))) {
            q++;
        }
        return q - p;
    }

    private Token blankNode() {
        int start = pos;
        int p = pos + 2;
        if (p >= n || !(isNameStartCharU(in.codePointAt(p)) || isDigit(in.charAt(p)))) {
            throw error("'_:' must be followed by a blank node label", start);
        }
        p += Character.charCount(in.codePointAt(p));
        int end = p;
        while (p < n) {
            int cp = in.codePointAt(p);
            if (cp == '.') {
                p++;
            } else if (isNameChar(cp)) {
                p += Character.charCount(cp);
                end = p;
            } else {
                break;
            }
        }
        pos = end;
        return new Token(BNODE, in.substring(start + 2, end), null, start, end);
    }

    /** A prefixed name (if a ':' follows a PN_PREFIX) or else a bare word of letters, digits and '_'. */
    private Token nameOrPrefixedName() {
        int start = pos;
        int p = pos + Character.charCount(in.codePointAt(pos));
        int end = p;
        while (p < n) {
            int cp = in.codePointAt(p);
            if (cp == '.') {
                p++;
            } else if (isNameChar(cp)) {
                p += Character.charCount(cp);
                end = p;
            } else {
                break;
            }
        }
        if (end < n && in.charAt(end) == ':') {
            pos = end + 1;
            return prefixedName(start, in.substring(start, end));
        }
        p = start;
        while (p < n) {
            int cp = in.codePointAt(p);
            if (isNameStartCharU(cp) || isDigit(cp)) {
                p += Character.charCount(cp);
            } else {
                break;
            }
        }
        pos = p;
        return new Token(WORD, in.substring(start, p), null, start, p);
    }

    /** The local part after {@code prefix:}; pos is just after the ':'. */
    private Token prefixedName(int start, String prefix) {
        StringBuilder sb = new StringBuilder();
        int p = pos;
        int keepLength = 0;
        int keepPos = p;
        boolean first = true;
        while (p < n) {
            int cp = in.codePointAt(p);
            boolean escaped = cp == '\\' && codepointEscape(p, false) >= 0;
            if (escaped) {
                cp = codepointEscape(p, false);
            }
            if (cp == '%' && !escaped) {
                if (p + 2 >= n || hexValue(in.charAt(p + 1)) < 0 || hexValue(in.charAt(p + 2)) < 0) {
                    throw error("'%' in a prefixed name must be followed by two hexadecimal digits", p);
                }
                sb.append(in, p, p + 3);
                p += 3;
            } else if (cp == '\\' && !escaped) {
                char e = p + 1 < n ? in.charAt(p + 1) : ' ';
                if ("_~.-!$&'()*+,;=/?#@%".indexOf(e) < 0) {
                    throw error("invalid escape " + (p + 1 < n ? describeEscape(p) : "'\\'") + " in a prefixed name", p);
                }
                sb.append(e);
                p += 2;
            } else if (cp == '.' && !first) {
                sb.append('.');
                p += escaped ? nameCodePointLength(p) : 1;
                first = false;
                continue;
            } else if (cp == ':' || isDigit(cp) || (first ? isNameStartCharU(cp) : isNameChar(cp))) {
                sb.appendCodePoint(cp);
                p += escaped ? nameCodePointLength(p) : Character.charCount(cp);
            } else {
                break;
            }
            first = false;
            keepLength = sb.length();
            keepPos = p;
        }
        pos = keepPos;
        sb.setLength(keepLength);
        return new Token(PNAME, prefix, sb.toString(), start, keepPos);
    }

    // Character classes of the SPARQL grammar (PN_CHARS_BASE and friends).

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || isDigit(c);
    }

    private static int hexValue(char c) {
        return org.nervusdb.rdf.RdfTerms.hexDigit(c);
    }

    /** PN_CHARS_BASE. */
    static boolean isNameStartChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6)
                || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF)
                || (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF)
                || (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0xEFFFF);
    }

    /** PN_CHARS_U. */
    static boolean isNameStartCharU(int c) {
        return c == '_' || isNameStartChar(c);
    }

    /** PN_CHARS. */
    static boolean isNameChar(int c) {
        return isNameStartCharU(c) || c == '-' || isDigit(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F)
                || (c >= 0x203F && c <= 0x2040);
    }

    private static boolean isVarStart(int c) {
        return isNameStartCharU(c) || isDigit(c);
    }

    private static boolean isVarChar(int c) {
        return isNameStartCharU(c) || isDigit(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
    }

    private static String describeChar(int cp) {
        if (cp < 0x20 || cp == 0x7F) {
            String hex = upperAscii(Integer.toHexString(cp));
            return "U+" + "0000".substring(hex.length()) + hex;
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    static String upperAscii(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) (c - 32));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
