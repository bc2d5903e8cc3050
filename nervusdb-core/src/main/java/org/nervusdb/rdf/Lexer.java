package org.nervusdb.rdf;

import java.io.IOException;

/**
 * The tokens N-Triples, N-Quads and Turtle share (IRI references, quoted strings, blank node
 * labels, language tags, escapes), read from a {@link CharInput}, and the character classes of
 * their grammars.
 */
final class Lexer {
    /**
     * Nesting of collections and blank node property lists allowed in Turtle. Each level takes
     * at most three frames of the Turtle parser's recursion ({@code bracket} or {@code collection},
     * {@code predicateObjectList}, {@code object}), kept small so that the deepest nesting fits a
     * default 1 MiB thread stack with room to spare whether the code runs interpreted or compiled.
     */
    static final int MAX_DEPTH = 1000;

    /** {@link #open} for a long string: its quote plus this. */
    static final int LONG = 0x100;

    private final CharInput in;

    /**
     * The token being read, for a parser that skips a bad statement after an error: '<' inside an
     * IRI, the quote inside a short string, the quote plus {@link #LONG} inside a long string, '#'
     * inside a comment (set by the parser), 0 elsewhere. An error leaves it as it was where the
     * error was found.
     */
    int open;

    Lexer(CharInput in) {
        this.in = in;
    }

    /** Reads {@code <...>} (the next character must be '<') and returns the IRI, unescaped. */
    String iriRef() throws IOException {
        expect('<');
        open = '<';
        StringBuilder sb = new StringBuilder();
        while (true) {
            int line = in.line();
            int column = in.column();
            int c = in.peek();
            if (c == '\n' || c == '\r') {
                // left unread: the line break still ends the line, so that after this error a parser
                // that skips bad lines goes on with the next line instead of skipping that one too
                throw new RdfSyntaxException("character " + CharInput.describe(c) + " is not allowed in an IRI",
                        line, column);
            }
            c = in.next();
            if (c == '>') {
                open = 0;
                return sb.toString();
            }
            if (c == CharInput.EOF) {
                throw in.error("IRI not closed with '>'");
            }
            if (c == '\\') {
                int e = in.peek();
                if (e != 'u' && e != 'U') {
                    throw new RdfSyntaxException("only \\u and \\U escapes are allowed in an IRI", line, column);
                }
                c = uchar(line, column, sb);
                if (c < 0) {
                    continue;
                }
            }
            if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^'
                    || c == '`' || c == '\\') {
                throw new RdfSyntaxException("character " + CharInput.describe(c) + " is not allowed in an IRI",
                        line, column);
            }
            sb.appendCodePoint(c);
        }
    }

    /**
     * Reads the rest of a UCHAR after its backslash ({@code uXXXX} or {@code UXXXXXXXX}) and returns
     * the code point. A high surrogate escape followed by a low surrogate escape is one character
     * (appended to {@code sb}; -1 is returned then); any other surrogate is an error.
     */
    int uchar(int line, int column, StringBuilder sb) throws IOException {
        int c = hexDigits(in.next() == 'u' ? 4 : 8, line, column);
        if (c >= 0xD800 && c <= 0xDBFF && in.peek() == '\\' && in.peek(1) == 'u') {
            int l2 = in.line();
            int c2 = in.column();
            in.next();
            in.next();
            int low = hexDigits(4, l2, c2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                sb.appendCodePoint(0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00));
                return -1;
            }
        }
        if (c >= 0xD800 && c <= 0xDFFF) {
            throw new RdfSyntaxException("escape of a lone surrogate U+" + CharInput.hex(c) + " (not a character)",
                    line, column);
        }
        if (c > 0x10FFFF) {
            throw new RdfSyntaxException("escape U+" + CharInput.hex(c) + " is beyond U+10FFFF", line, column);
        }
        return c;
    }

    private int hexDigits(int n, int line, int column) throws IOException {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int h = hexValue(in.peek());
            if (h < 0) {
                throw in.error("bad escape: expected " + n + " hex digits, found " + CharInput.describe(in.peek()), line, column);
            }
            in.next();
            v = v * 16 + h;
        }
        return v;
    }

    static int hexValue(int c) {
        return RdfTerms.hexDigit(c);
    }

    /**
     * Reads a quoted string whose opening quote (one or three of {@code quote}) has been consumed,
     * through its closing quote, and returns the lexical form, unescaped.
     */
    String string(int quote, boolean isLong) throws IOException {
        open = isLong ? quote + LONG : quote;
        StringBuilder sb = new StringBuilder();
        while (true) {
            int line = in.line();
            int column = in.column();
            int c = in.peek();
            if (c == CharInput.EOF) {
                throw in.error("string not closed");
            }
            if (c == quote) {
                if (!isLong) {
                    in.next();
                    open = 0;
                    return sb.toString();
                }
                if (in.peek(1) == quote && in.peek(2) == quote) {
                    // the first three quotes close the string (its content never ends with a quote)
                    in.next();
                    in.next();
                    in.next();
                    open = 0;
                    return sb.toString();
                }
                in.next();
                sb.append((char) c);
                continue;
            }
            if (!isLong && (c == '\n' || c == '\r')) {
                throw in.error("line break in a string (use \\n or a long string)");
            }
            in.next();
            if (c == '\\') {
                int e = in.peek();
                switch (e) {
                    case 't': sb.append('\t'); break;
                    case 'b': sb.append('\b'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 'f': sb.append('\f'); break;
                    case '"': sb.append('"'); break;
                    case '\'': sb.append('\''); break;
                    case '\\': sb.append('\\'); break;
                    case 'u':
                    case 'U': {
                        int u = uchar(line, column, sb);
                        if (u >= 0) {
                            sb.appendCodePoint(u);
                        }
                        continue;
                    }
                    default:
                        throw in.error("unknown escape \\" + (e < 0 ? "" : new String(Character.toChars(e))), line, column);
                }
                in.next();
                continue;
            }
            sb.appendCodePoint(c);
        }
    }

    /** Reads {@code _:label} (the next character must be '_') and returns the label. */
    String blankLabel() throws IOException {
        expect('_');
        expect(':');
        int c = in.peek();
        if (!(isPnCharsU(c) || (c >= '0' && c <= '9'))) {
            throw in.error("blank node label expected after '_:', found " + CharInput.describe(c));
        }
        StringBuilder sb = new StringBuilder();
        sb.appendCodePoint(in.next());
        while (true) {
            c = in.peek();
            if (isPnChars(c)) {
                sb.appendCodePoint(in.next());
            } else if (c == '.' && dotContinues(1)) {
                sb.append('.');
                in.next();
            } else {
                return sb.toString();
            }
        }
    }

    /** Whether the dots from {@code k} places ahead on are followed by a name character. */
    boolean dotContinues(int k) throws IOException {
        int c;
        while ((c = in.peek(k)) == '.') {
            k++;
        }
        return isPnChars(c);
    }

    /** Reads {@code @tag} (the next character must be '@') and returns the tag as written. */
    String langTag() throws IOException {
        expect('@');
        StringBuilder sb = new StringBuilder();
        if (!isAsciiLetter(in.peek())) {
            throw in.error("language tag expected after '@', found " + CharInput.describe(in.peek()));
        }
        while (isAsciiLetter(in.peek())) {
            sb.append((char) in.next());
        }
        while (in.peek() == '-') {
            int c = in.peek(1);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9'))) {
                throw new RdfSyntaxException("language tag subtag expected after '-'", in.line(), in.column() + 1);
            }
            sb.append((char) in.next());
            while (isAsciiLetter(in.peek()) || (in.peek() >= '0' && in.peek() <= '9')) {
                sb.append((char) in.next());
            }
        }
        return sb.toString();
    }

    void expect(int c) throws IOException {
        int found = in.peek();
        if (found != c) {
            throw in.error("expected '" + (char) c + "', found " + CharInput.describe(found));
        }
        in.next();
    }

    static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isPnCharsBase(int c) {
        return isAsciiLetter(c)
                || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
                || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
                || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
                || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
    }

    static boolean isPnCharsU(int c) {
        return c == '_' || isPnCharsBase(c);
    }

    static boolean isPnChars(int c) {
        return isPnCharsU(c) || c == '-' || (c >= '0' && c <= '9') || c == 0xB7
                || (c >= 0x300 && c <= 0x36F) || c == 0x203F || c == 0x2040;
    }

    /** Whether {@code term} takes more than {@code max} bytes in UTF-8 (it holds no lone surrogate). */
    static boolean longerThan(String term, int max) {
        int n = term.length();
        if (n <= max / 3) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = term.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes > max;
    }

    /** The error for a term longer than {@code max} bytes that begins at line:column. */
    static RdfSyntaxException tooLong(int max, int line, int column) {
        return new RdfSyntaxException("term longer than " + max + " bytes of UTF-8", line, column);
    }

    /** Whether the IRI has a scheme (is absolute). */
    static boolean hasScheme(String iri) {
        if (iri.isEmpty() || !isAsciiLetter(iri.charAt(0))) {
            return false;
        }
        for (int i = 1; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c == ':') {
                return true;
            }
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return false;
    }
}
