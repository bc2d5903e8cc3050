package org.nervusdb.js;

import org.nervusdb.engine.ByteBuilder;
import org.nervusdb.engine.Bytes;
import org.nervusdb.engine.TripleStore;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Results out of the core as one byte array per call: a list of strings (each may be null)
 * whose text travels as UTF-8 in one block, which JavaScript decodes with one TextDecoder call
 * and cuts by lengths, instead of one boundary crossing per string. Stored terms go through a
 * term cache mirrored on the JavaScript side: slot {@code id % SLOTS} holds the last term sent
 * for it, and a term already there is sent as its slot alone. Term ids are never reused for
 * another term, so a slot's text stays right for as long as the store is open.
 *
 * <p>Layout: {@code headLength} (4 bytes, little-endian), head, text. The head holds one varint per string:
 * <ul>
 * <li>{@code 0}: null;
 * <li>{@code 4n+1}: the next {@code n} UTF-16 units of the text, not cached;
 * <li>{@code 4s+2}: the string in cache slot {@code s};
 * <li>{@code 4n+3} then {@code s}: the next {@code n} UTF-16 units of the text, put in slot {@code s};
 * <li>{@code 4n} ({@code n > 0}) then {@code n} varints: a string that is not valid UTF-16 (a
 * lone surrogate), as its code units.
 * </ul>
 * The JavaScript side must decode each array as soon as the call returns and in call order
 * (the package's engine does, synchronously); a call that fails sends nothing and leaves the
 * mirror as it was.
 */
final class ResultEncoder {
    static final int SLOTS = 1 << 14;

    private final long[] slots = new long[SLOTS]; // the term id in each slot; 0 for none
    private ByteBuilder head = new ByteBuilder(256);
    private ByteBuilder text = new ByteBuilder(1024);
    // Slots changed by the call under way, with their ids before it: restored if it fails.
    private long[] changed = new long[128]; // slot, id before, ...
    private int changes;

    /** Starts a result. */
    ResultEncoder begin() {
        if (changes > 0) {
            abort();
        }
        head.clear();
        text.clear();
        return this;
    }

    /** Adds a stored term, by id, reading its text from {@code snap} unless the mirror has it. */
    void term(long id, TripleStore.StoreSnapshot snap) {
        int slot = (int) id & (SLOTS - 1);
        if (slots[slot] == id) {
            head.putVar(((long) slot << 2) | 2);
            return;
        }
        String s = snap.term(id);
        if (!utf8(s)) {
            units(s);
            return;
        }
        head.putVar(((long) s.length() << 2) | 3).putVar(slot);
        if (changes == changed.length) {
            changed = java.util.Arrays.copyOf(changed, changes * 2);
        }
        changed[changes++] = slot;
        changed[changes++] = slots[slot];
        slots[slot] = id;
    }

    /** Adds a string that is not cached; null as null. */
    void text(String s) {
        if (s == null) {
            head.put(0);
        } else if (utf8(s)) {
            head.putVar(((long) s.length() << 2) | 1);
        } else {
            units(s);
        }
    }

    /** Ends the result: the array to return, and the mirror's changes kept. */
    Int8Array finish() {
        int h = head.length();
        byte[] out = new byte[4 + h + text.length()];
        Bytes.putIntLE(out, 0, h);
        System.arraycopy(head.array(), 0, out, 4, h);
        System.arraycopy(text.array(), 0, out, 4 + h, text.length());
        changes = 0;
        if (text.array().length > 1 << 20 || head.array().length > 1 << 20) {
            head = new ByteBuilder(256); // a large result's buffers are not kept
            text = new ByteBuilder(1024);
        }
        return Int8Array.copyFromJavaArray(out);
    }

    /** Forgets the result under way and restores the mirror. */
    void abort() {
        for (int i = changes - 2; i >= 0; i -= 2) {
            slots[(int) changed[i]] = changed[i + 1];
        }
        changes = 0;
    }

    /** Appends {@code s} to the text as UTF-8; false, appending nothing, if it has a lone surrogate. */
    private boolean utf8(String s) {
        int n = s.length();
        text.ensure(3 * n);
        byte[] b = text.array();
        int at = text.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                char d = i + 1 < n ? s.charAt(i + 1) : 0;
                if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(d)) {
                    return false;
                }
                int cp = Character.toCodePoint(c, d);
                i++;
                b[at++] = (byte) (0xF0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | cp & 0x3F);
            } else {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        text.setLength(at);
        return true;
    }

    /** A string that is not valid UTF-16, as its code units. */
    private void units(String s) {
        head.putVar((long) s.length() << 2);
        for (int i = 0; i < s.length(); i++) {
            head.putVar(s.charAt(i));
        }
    }
}
