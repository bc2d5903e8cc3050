package org.nervusdb.js;

import java.util.Arrays;

/**
 * Strings into the core as UTF-8 bytes. An array of JavaScript strings crosses the WebAssembly
 * boundary one string at a time, each wrapped and tracked for the garbage collector; their UTF-8
 * bytes cross in one copy, made by JavaScript's TextEncoder natively. A list travels as its
 * strings, each followed by a zero byte, which UTF-8 uses for U+0000 alone.
 */
final class Utf8Transfer {
    private Utf8Transfer() {
    }

    /** How many zero bytes {@code b} holds. */
    static int terminators(byte[] b) {
        int zeros = 0;
        for (byte x : b) {
            zeros += x == 0 ? 1 : 0;
        }
        return zeros;
    }

    /**
     * The {@code expected} strings of a list of zero-terminated UTF-8 strings.
     *
     * @throws IllegalArgumentException if the bytes are not that many zero-terminated UTF-8 strings
     */
    static String[] decodeList(byte[] b, int expected) {
        String[] out = new String[expected];
        char[] buf = new char[64];
        int k = 0;
        int i = 0;
        while (i < b.length) {
            if (k == expected) {
                throw new IllegalArgumentException("more than " + expected + " strings");
            }
            int n = 0;
            for (;;) {
                if (i == b.length) {
                    throw new IllegalArgumentException("string " + k + " is not terminated");
                }
                int c = b[i++] & 0xFF;
                if (c == 0) {
                    break;
                }
                if (buf.length - n < 2) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                if (c < 0x80) {
                    buf[n++] = (char) c;
                    continue;
                }
                int extra;
                int cp;
                if (c >= 0xC2 && c <= 0xDF) {
                    extra = 1;
                    cp = c & 0x1F;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    extra = 2;
                    cp = c & 0x0F;
                } else if (c >= 0xF0 && c <= 0xF4) {
                    extra = 3;
                    cp = c & 0x07;
                } else {
                    throw new IllegalArgumentException("invalid UTF-8 in string " + k);
                }
                for (int j = 0; j < extra; j++) {
                    int d = i < b.length ? b[i++] & 0xFF : 0;
                    if ((d & 0xC0) != 0x80) {
                        throw new IllegalArgumentException("invalid UTF-8 in string " + k);
                    }
                    cp = (cp << 6) | (d & 0x3F);
                }
                if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
                    throw new IllegalArgumentException("invalid UTF-8 in string " + k);
                }
                if (cp >= 0x10000) {
                    buf[n++] = (char) (0xD7C0 + (cp >> 10));
                    buf[n++] = (char) (0xDC00 | (cp & 0x3FF));
                } else {
                    buf[n++] = (char) cp;
                }
            }
            out[k++] = new String(buf, 0, n);
        }
        if (k != expected) {
            throw new IllegalArgumentException(k + " strings, expected " + expected);
        }
        return out;
    }
}
