package org.nervusdb.rdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import org.nervusdb.engine.Utf8;

/**
 * The characters of a document as Unicode code points, with lookahead and the line and column of
 * the next one, read from characters (a {@link Reader}) or from UTF-8 bytes (an
 * {@link InputStream}). Lines end at LF, CR or CR LF; columns count code points.
 *
 * <p>From characters, a surrogate pair becomes one code point; a lone surrogate is returned as its
 * own value (0xD800 to 0xDFFF) and {@link #next()} refuses it, so that no parser can turn it into
 * a term. From bytes, a malformed UTF-8 sequence (its first byte and the continuation bytes that
 * fit it: one column) is a value below {@link #EOF}, which matches no character a parser looks
 * for: {@link #next()} refuses it without consuming it, and an {@link #error} at it is the error
 * {@code malformed UTF-8 (byte 0xXX)} at its line and column, whatever the parser was looking for.
 * ({@link #peek()} does not check, to keep the frames of a parser's recursion small.)
 */
final class CharInput {
    static final int EOF = -1;
    /** A malformed UTF-8 sequence starting with byte b is {@code MALFORMED + b}. */
    private static final int MALFORMED = -0x200;

    private final Reader reader;
    private final char[] buf;
    private int bufPos;
    private int bufLen;
    /** A char read past a high surrogate that did not pair with it. */
    private int pendingChar = -2;

    private final InputStream bytes;
    private final byte[] byteBuf;

    /** Lookahead code points, a ring buffer. */
    private int[] ahead = new int[16];
    private int aheadStart;
    private int aheadCount;

    private int line = 1;
    private int column = 1;
    private boolean afterCr;

    CharInput(Reader reader) {
        this.reader = reader;
        this.buf = new char[8192];
        this.bytes = null;
        this.byteBuf = null;
    }

    CharInput(InputStream bytes) {
        this.reader = null;
        this.buf = null;
        this.bytes = bytes;
        this.byteBuf = new byte[8192];
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    /** The next code point without consuming it, or {@link #EOF}, or a value below EOF for malformed UTF-8. */
    int peek() throws IOException {
        return peek(0);
    }

    /**
     * The code point {@code k} places ahead (0 = the next one), or {@link #EOF}, or a value below
     * EOF for malformed UTF-8 (which {@link #next()} and {@link #error} refuse).
     */
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
     * Throws for malformed UTF-8 among the {@code k} code points after the next one, which must
     * all be on the next one's line.
     */
    void refuseMalformedAhead(int k) throws IOException {
        for (int i = 1; i <= k; i++) {
            int c = peek(i);
            if (c < EOF) {
                throw new RdfSyntaxException(malformed(c), line, column + i);
            }
        }
    }

    private static String malformed(int c) {
        return "malformed UTF-8 (byte 0x" + Integer.toHexString(c - MALFORMED).toUpperCase(java.util.Locale.ROOT) + ")";
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
        if (c < EOF) {
            throw error(malformed(c));
        }
        advance(c);
        if (c >= 0xD800 && c <= 0xDFFF) {
            throw new RdfSyntaxException("lone surrogate U+" + hex(c) + " (invalid UTF-16)", line, column - 1);
        }
        return c;
    }

    /** Consumes the next code point whatever it is, malformed UTF-8 too (for skipping a bad statement). */
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

    /** An error at the next character; malformed UTF-8 there is the error then, whatever the message. */
    RdfSyntaxException error(String message) throws IOException {
        int c = peek(0);
        return new RdfSyntaxException(c < EOF ? malformed(c) : message, line, column);
    }

    /**
     * An error at {@code line:column}, before the next character; when the next character is
     * malformed UTF-8 (which stopped what was being read), that is the error.
     */
    RdfSyntaxException error(String message, int line, int column) throws IOException {
        return peek(0) < EOF ? error(message) : new RdfSyntaxException(message, line, column);
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
        if (bytes != null) {
            return readUtf8();
        }
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

    /** The next byte, or EOF; with {@code consume} false it stays the next one. */
    private int readByte(boolean consume) throws IOException {
        if (bufPos == bufLen) {
            int n;
            do {
                n = bytes.read(byteBuf, 0, byteBuf.length);
            } while (n == 0);
            if (n < 0) {
                return EOF;
            }
            bufPos = 0;
            bufLen = n;
        }
        return consume ? byteBuf[bufPos++] & 0xff : byteBuf[bufPos] & 0xff;
    }

    /**
     * Decodes one code point; a malformed sequence (no surrogates, no overlong forms, nothing
     * beyond U+10FFFF) is MALFORMED plus its first byte, with the continuation bytes read that fit.
     */
    private int readUtf8() throws IOException {
        int b = readByte(true);
        if (b < 0x80) {
            return b;
        }
        int n = Utf8.sequenceLength(b) - 1; // continuation bytes
        if (n < 1) {
            return MALFORMED + b;
        }
        int c = b & (0x7F >> (n + 1));
        for (int i = 0; i < n; i++) {
            int x = readByte(false);
            if (i == 0 ? !Utf8.validSecond(b, x) : (x & 0xC0) != 0x80) {
                return MALFORMED + b;
            }
            readByte(true);
            c = (c << 6) | (x & 0x3F);
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
        if (c < EOF) {
            return malformed(c);
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
