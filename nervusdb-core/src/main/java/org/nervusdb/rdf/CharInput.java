package org.nervusdb.rdf;

import java.io.IOException;
import java.io.Reader;

/**
 * The characters of a document as Unicode code points, with lookahead and the line and column of
 * the next one. A surrogate pair becomes one code point; a lone surrogate is returned as its own
 * value (0xD800 to 0xDFFF) and {@link #next()} refuses it, so that no parser can turn it into a
 * term. Lines end at LF, CR or CR LF.
 */
final class CharInput {
    static final int EOF = -1;

    private final Reader reader;
    private final char[] buf = new char[8192];
    private int bufPos;
    private int bufLen;
    /** A char read past a high surrogate that did not pair with it. */
    private int pendingChar = -2;

    /** Lookahead code points, a ring buffer. */
    private int[] ahead = new int[16];
    private int aheadStart;
    private int aheadCount;

    private int line = 1;
    private int column = 1;
    private boolean afterCr;

    CharInput(Reader reader) {
        this.reader = reader;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    /** The next code point without consuming it, or {@link #EOF}. */
    int peek() throws IOException {
        return peek(0);
    }

    /** The code point {@code k} places ahead (0 = the next one), or {@link #EOF}. */
    int peek(int k) throws IOException {
        while (aheadCount <= k) {
            if (aheadCount == ahead.length) {
                int[] bigger = new int[ahead.length * 2];
                for (int i = 0; i < aheadCount; i++) {
                    bigger[i] = ahead[(aheadStart + i) % ahead.length];
                }
                ahead = bigger;
                aheadStart = 0;
            }
            ahead[(aheadStart + aheadCount) % ahead.length] = readCodePoint();
            aheadCount++;
        }
        return ahead[(aheadStart + k) % ahead.length];
    }

    /**
     * Consumes the next code point and returns it ({@link #EOF} at the end, which is not
     * consumed). A lone surrogate is consumed, then refused.
     */
    int next() throws IOException {
        int c = peek(0);
        if (c == EOF) {
            return EOF;
        }
        advance(c);
        if (c >= 0xD800 && c <= 0xDFFF) {
            throw new RdfSyntaxException("lone surrogate U+" + hex(c) + " (invalid UTF-16)", line, column - 1);
        }
        return c;
    }

    /** Consumes the next code point whatever it is (for skipping a bad statement). */
    int skip() throws IOException {
        int c = peek(0);
        if (c != EOF) {
            advance(c);
        }
        return c;
    }

    private void advance(int c) {
        aheadStart = (aheadStart + 1) % ahead.length;
        aheadCount--;
        if (c == '\n') {
            if (!afterCr) {
                line++;
            }
            column = 1;
            afterCr = false;
        } else if (c == '\r') {
            line++;
            column = 1;
            afterCr = true;
        } else {
            column++;
            afterCr = false;
        }
    }

    /** An error at the next character. */
    RdfSyntaxException error(String message) {
        return new RdfSyntaxException(message, line, column);
    }

    private int readChar() throws IOException {
        if (pendingChar != -2) {
            int c = pendingChar;
            pendingChar = -2;
            return c;
        }
        if (bufPos == bufLen) {
            int n;
            do {
                n = reader.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return EOF;
            }
            bufPos = 0;
            bufLen = n;
        }
        return buf[bufPos++];
    }

    private int readCodePoint() throws IOException {
        int c = readChar();
        if (c >= 0xD800 && c <= 0xDBFF) {
            int d = readChar();
            if (d >= 0xDC00 && d <= 0xDFFF) {
                return 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
            }
            pendingChar = d;
        }
        return c;
    }

    /** Upper-case hex digits of {@code v}, at least four. */
    static String hex(int v) {
        String digits = "0123456789ABCDEF";
        StringBuilder sb = new StringBuilder();
        do {
            sb.insert(0, digits.charAt(v & 15));
            v >>>= 4;
        } while (v != 0);
        while (sb.length() < 4) {
            sb.insert(0, '0');
        }
        return sb.toString();
    }

    /** A code point for messages: the character, or U+XXXX when it is not printable. */
    static String describe(int c) {
        if (c == EOF) {
            return "end of input";
        }
        if (c > 0x20 && c < 0x7F) {
            return "'" + (char) c + "'";
        }
        if (c >= 0xA0 && (c < 0xD800 || c > 0xDFFF)) {
            return "'" + new String(Character.toChars(c)) + "' (U+" + hex(c) + ")";
        }
        return "U+" + hex(c);
    }
}
