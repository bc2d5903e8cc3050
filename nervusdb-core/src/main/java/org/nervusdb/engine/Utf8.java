package org.nervusdb.engine;

import org.nervusdb.InvalidTermException;

/**
 * Strict UTF-8 for terms. Unlike {@code String.getBytes}, encoding rejects lone surrogates
 * instead of replacing them, and decoding rejects malformed, overlong and surrogate sequences,
 * so a term always round-trips exactly.
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * As {@code s.getBytes(StandardCharsets.UTF_8)}: each lone surrogate becomes '?'. Spares the
     * JavaScript and WebAssembly builds the class library's charset machinery.
     */
    public static byte[] encodeReplacing(String s) {
        byte[] out = new byte[3 * s.length()];
        return java.util.Arrays.copyOf(out, encodeInto(s, out, 0, true));
    }

    /** Encodes {@code s}, or throws {@link InvalidTermException} naming the bad position. */
    public static byte[] encode(String s, String what) {
        byte[] out = new byte[3 * s.length()];
        int end = encodeInto(s, out, 0, false);
        if (end < 0) {
            int i = -1 - end;
            throw new InvalidTermException(what + " has a lone " + (Character.isHighSurrogate(s.charAt(i)) ? "high" : "low") + " surrogate at index " + i);
        }
        return java.util.Arrays.copyOf(out, end);
    }

    /**
     * Writes {@code s} in UTF-8 into {@code out} from {@code p}, which has room for three bytes
     * a char; returns where it ends. A lone surrogate at index {@code i} becomes '?' when {@code
     * replace}, else the answer is {@code -1 - i}.
     */
    public static int encodeInto(String s, byte[] out, int p, boolean replace) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xc0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (!replace) {
                        return -1 - i;
                    }
                    out[p++] = '?';
                    continue;
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[p++] = (byte) (0xf0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                out[p++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                out[p++] = (byte) (0xe0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return p;
    }

    /**
     * The length of the UTF-8 sequence that {@code lead} (a byte, 0 to 255) starts: 1 to 4, or
     * 0 for a byte that starts no well-formed sequence (a continuation byte, C0, C1, F5 to FF).
     */
    public static int sequenceLength(int lead) {
        return lead < 0x80 ? 1 : lead < 0xc2 ? 0 : lead <= 0xdf ? 2 : lead <= 0xef ? 3 : lead <= 0xf4 ? 4 : 0;
    }

    /**
     * Whether {@code second} may follow the lead byte {@code lead} of a sequence of two to four
     * bytes: a continuation byte, narrowed where the lead byte alone would allow an overlong
     * form (E0, F0), a surrogate (ED) or a code point beyond U+10FFFF (F4).
     */
    public static boolean validSecond(int lead, int second) {
        int lo = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
        int hi = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
        return second >= lo && second <= hi;
    }

    /** Decodes strictly; returns null if the bytes are not well-formed UTF-8. */
    public static String decode(byte[] b, int off, int len) {
        char[] out = new char[len];
        int p = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            int x = b[i] & 0xff;
            if (x < 0x80) {
                out[p++] = (char) x;
                i++;
                continue;
            }
            int need;
            int cp;
            int min;
            if (x >= 0xc2 && x <= 0xdf) {
                need = 1;
                cp = x & 0x1f;
                min = 0x80;
            } else if (x >= 0xe0 && x <= 0xef) {
                need = 2;
                cp = x & 0x0f;
                min = 0x800;
            } else if (x >= 0xf0 && x <= 0xf4) {
                need = 3;
                cp = x & 0x07;
                min = 0x10000;
            } else {
                return null;
            }
            if (i + need >= end) {
                return null;
            }
            for (int k = 1; k <= need; k++) {
                int y = b[i + k] & 0xff;
                if ((y & 0xc0) != 0x80) {
                    return null;
                }
                cp = (cp << 6) | (y & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return null;
            }
            if (cp >= 0x10000) {
                out[p++] = Character.highSurrogate(cp);
                out[p++] = Character.lowSurrogate(cp);
            } else {
                out[p++] = (char) cp;
            }
            i += need + 1;
        }
        return new String(out, 0, p);
    }
}
