package org.nervusdb.rdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.function.Consumer;
import org.nervusdb.engine.Utf8;

/**
 * A streaming N-Triples and N-Quads parser over bytes (UTF-8) for bulk loads: it hands each
 * statement's terms to a {@link Utf8Sink} as byte ranges holding the stored terms' UTF-8 (see
 * {@link RdfTerms}), without making strings.
 *
 * <p>Lines are read straight from the bytes when they are plain: IRIs without escapes, literals
 * without backslashes whose language tag is in the case it is stored in ({@link RdfTerms#languageTag}),
 * ASCII blank node labels without dots. Every other line (escapes, tags in another letter case,
 * comments in odd places, any error) is decoded and
 * parsed by {@link NTriplesParser} with the same options, so both parsers accept exactly the same
 * documents, emit the same terms and report the same errors with the same line and column.
 * Malformed UTF-8 is an {@link RdfSyntaxException} naming its line and column. A line longer
 * than {@link #MAX_LINE_BYTES} is an error too. Not thread-safe; one parse at a time.
 */
public final class NTriplesByteParser {
    /** The longest line read (a line holds at most four terms of at most 1 MiB each, plus spaces). */
    public static final int MAX_LINE_BYTES = 16 << 20;
    private static final int NEED = -1;
    private static final int SLOW = -2;
    private static final byte[] XSD_STRING = RdfTerms.XSD_STRING.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final boolean[] IRI_BAD = new boolean[128];
    private static final boolean[] LABEL = new boolean[128];

    static {
        for (int c = 0; c <= 0x20; c++) {
            IRI_BAD[c] = true;
        }
        for (char c : "<>\"{}|^`\\".toCharArray()) {
            IRI_BAD[c] = true;
        }
        for (int c = 0; c < 128; c++) {
            LABEL[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }
    }

    /** Receives statements as ranges of UTF-8 bytes, valid during the call only. */
    @FunctionalInterface
    public interface Utf8Sink {
        /** One statement; {@code gLen} is -1 when the line has no graph term (always for N-Triples). */
        void statement(byte[] b, int sOff, int sLen, int pOff, int pLen, int oOff, int oLen, int gOff, int gLen);
    }

    private final boolean quads;
    private final NTriplesParser slow;
    private byte[] blankPrefix = new byte[0];
    private boolean relativeIris;
    private int maxTermBytes = Integer.MAX_VALUE;

    private byte[] buf = new byte[1 << 20];
    private int lim;
    private boolean eof;
    private byte[] scratch = new byte[4096];
    private long line;
    private long bytesRead;

    // The spans of the line being read: s, p, o, g (offset, length, blank flag).
    private final int[] off = new int[4];
    private final int[] len = new int[4];
    private final boolean[] blank = new boolean[4];
    private int termEnd;
    /** The start of the plain line whose statement the sink is given; -1 while the full parser reads. */
    private int lineStart = -1;
    private final int[] scratchOff = new int[4];
    private final int[] scratchLen = new int[4];

    private NTriplesByteParser(boolean quads) {
        this.quads = quads;
        this.slow = quads ? NTriplesParser.nQuads() : NTriplesParser.nTriples();
    }

    /** A parser for N-Triples: a fourth term on a line is an error. */
    public static NTriplesByteParser nTriples() {
        return new NTriplesByteParser(false);
    }

    /** A parser for N-Quads: the optional graph term goes to the sink. */
    public static NTriplesByteParser nQuads() {
        return new NTriplesByteParser(true);
    }

    /** As {@link NTriplesParser#blankNodePrefix}. */
    public NTriplesByteParser blankNodePrefix(String prefix) {
        slow.blankNodePrefix(prefix);
        this.blankPrefix = Utf8.encode(prefix, "blank node prefix");
        return this;
    }

    /** As {@link NTriplesParser#relativeIris}. */
    public NTriplesByteParser relativeIris(boolean allow) {
        slow.relativeIris(allow);
        this.relativeIris = allow;
        return this;
    }

    /** As {@link NTriplesParser#maxTermBytes}. */
    public NTriplesByteParser maxTermBytes(int max) {
        slow.maxTermBytes(max);
        this.maxTermBytes = max;
        return this;
    }

    /** The line being read (from 1), for progress reports. */
    public long line() {
        return line;
    }

    /**
     * The column (from 1, in code points) where term {@code term} (0 subject, 1 predicate, 2
     * object, 3 graph) of the statement being handed to the sink begins; during the sink's call.
     */
    public int column(int term) {
        return lineStart >= 0 ? column(lineStart, termStart(term)) : slow.termColumns[term];
    }

    /** Bytes read from the input so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Parses the whole input; stops at the first error. Returns the number of statements. */
    public long parse(InputStream in, Utf8Sink sink) throws IOException {
        return parse(in, sink, null);
    }

    /**
     * Parses the whole input. With {@code onInvalid} null the first error is thrown; otherwise each
     * bad line is skipped and its error handed to {@code onInvalid}. Returns the number of
     * statements emitted.
     */
    public long parse(InputStream in, Utf8Sink sink, Consumer<RdfSyntaxException> onInvalid) throws IOException {
        lim = 0;
        eof = false;
        line = 1;
        bytesRead = 0;
        long count = 0;
        int pos = 0;
        boolean afterCr = false; // the previous line ended with '\r': a '\n' now is part of that break
        while (true) {
            if (afterCr) {
                if (pos == lim && !eof) {
                    pos = fill(in, pos);
                    continue;
                }
                if (pos < lim && buf[pos] == '\n') {
                    pos++;
                }
                afterCr = false;
            }
            if (pos == lim) {
                if (eof) {
                    return count;
                }
                pos = fill(in, pos);
                continue;
            }
            int r = fast(pos);
            if (r == NEED && !eof) {
                pos = fill(in, pos);
                continue;
            }
            int end;
            if (r >= 0) {
                RdfSyntaxException tooLong = tooLong(pos);
                if (tooLong == null) {
                    lineStart = pos;
                    try {
                        emit(sink);
                    } finally {
                        lineStart = -1;
                    }
                    count++;
                } else if (onInvalid == null) {
                    throw tooLong;
                } else {
                    onInvalid.accept(tooLong);
                }
                end = r;
            } else {
                int eol = lineEnd(pos);
                if (eol < 0) {
                    pos = fill(in, pos);
                    continue;
                }
                count += slowLine(pos, eol, sink, onInvalid);
                end = eol;
            }
            // end is at the line break (or the end of the input)
            if (end < lim) {
                afterCr = buf[end] == '\r';
                end++;
            }
            line++;
            pos = end;
        }
    }

    /** Moves the unread bytes to the front and reads more; returns the new position of {@code pos}. */
    private int fill(InputStream in, int pos) throws IOException {
        int rest = lim - pos;
        if (pos == 0 && lim == buf.length) {
            if (buf.length >= MAX_LINE_BYTES) {
                throw new RdfSyntaxException("line longer than " + MAX_LINE_BYTES + " bytes", (int) Math.min(line, Integer.MAX_VALUE), 1);
            }
            buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE_BYTES, buf.length * 2));
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, rest);
        }
        lim = rest;
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
        } else {
            lim += n;
            bytesRead += n;
        }
        return 0;
    }

    /** The index of the line break ending the line at {@code pos}, lim at the end of the input, or -1 to read more. */
    private int lineEnd(int pos) {
        for (int i = pos; i < lim; i++) {
            byte c = buf[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return eof ? lim : -1;
    }

    // ------------------------------------------------------------------ the plain lines

    /**
     * Reads a plain statement line at {@code i}: returns the index of its line break (or lim at
     * the end of the input), with the spans set; or NEED for more bytes, SLOW for the full parser
     * (which also takes blank and comment lines).
     */
    private int fast(int i) {
        termCount = 0;
        i = skipSpace(i);
        if (i >= lim) {
            return eof ? SLOW : NEED;
        }
        byte c = buf[i];
        if (c == '#' || c == '\n' || c == '\r') {
            return SLOW; // rare: left to the full parser, which skips them
        }
        if (!term(i, 0, false)) {
            return termEnd;
        }
        i = skipSpace(termEnd);
        if (i >= lim) {
            return eof ? SLOW : NEED;
        }
        if (buf[i] != '<') {
            return SLOW;
        }
        if (!iriTerm(i, 1)) {
            return termEnd;
        }
        i = skipSpace(termEnd);
        if (!term(i, 2, true)) {
            return termEnd;
        }
        i = skipSpace(termEnd);
        if (i >= lim) {
            return eof ? SLOW : NEED;
        }
        termCount = 3;
        if (quads && buf[i] != '.') {
            if (!term(i, 3, false)) {
                return termEnd;
            }
            termCount = 4;
            i = skipSpace(termEnd);
            if (i >= lim) {
                return eof ? SLOW : NEED;
            }
        }
        if (buf[i] != '.') {
            return SLOW;
        }
        i = skipSpace(i + 1);
        if (i >= lim) {
            return eof ? lim : NEED;
        }
        c = buf[i];
        if (c == '\n' || c == '\r') {
            return i;
        }
        return SLOW; // a comment after the statement, or an error
    }

    private int termCount;

    private int skipSpace(int i) {
        while (i < lim && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * Reads a subject (k 0), object (k 2, literals allowed) or graph term (k 3) at {@code i} into
     * span k; false with {@link #termEnd} set to NEED or SLOW when it cannot.
     */
    private boolean term(int i, int k, boolean literal) {
        if (i >= lim) {
            termEnd = eof ? SLOW : NEED;
            return false;
        }
        byte c = buf[i];
        if (c == '<') {
            return iriTerm(i, k);
        }
        if (c == '_') {
            return blankTerm(i, k);
        }
        if (c == '"' && literal) {
            return literalTerm(i, k);
        }
        termEnd = SLOW;
        return false;
    }

    private boolean iriTerm(int i, int k) {
        int end = iri(i);
        if (end < 0) {
            termEnd = end;
            return false;
        }
        off[k] = i + 1;
        len[k] = end - i - 1;
        blank[k] = false;
        termEnd = end + 1;
        return true;
    }

    /** The index of the '>' closing the IRI whose '<' is at {@code i}, or NEED or SLOW. */
    private int iri(int i) {
        int j = i + 1;
        while (true) {
            if (j >= lim) {
                return eof ? SLOW : NEED;
            }
            int c = buf[j];
            if (c == '>') {
                break;
            }
            if (c >= 0) {
                if (IRI_BAD[c]) {
                    return SLOW;
                }
                j++;
            } else {
                int n = utf8(j);
                if (n < 0) {
                    return n;
                }
                j += n;
            }
        }
        if (!relativeIris && !hasScheme(i + 1, j)) {
            return SLOW;
        }
        return j;
    }

    private boolean hasScheme(int from, int to) {
        if (from >= to || !isLetter(buf[from])) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            byte c = buf[i];
            if (c == ':') {
                return true;
            }
            if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return false;
    }

    private static boolean isLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * The length of the well-formed UTF-8 sequence of two to four bytes at {@code j}; NEED when it
     * runs past the bytes read, SLOW when malformed (the full parser reports it).
     */
    private int utf8(int j) {
        int x = buf[j] & 0xff;
        int n = Utf8.sequenceLength(x);
        if (n < 2) {
            return SLOW;
        }
        if (j + n > lim) {
            return eof ? SLOW : NEED;
        }
        if (!Utf8.validSecond(x, buf[j + 1] & 0xff)) {
            return SLOW;
        }
        for (int m = 2; m < n; m++) {
            if ((buf[j + m] & 0xc0) != 0x80) {
                return SLOW;
            }
        }
        return n;
    }

    private boolean blankTerm(int i, int k) {
        if (i + 2 >= lim) {
            termEnd = eof ? SLOW : NEED;
            return false;
        }
        if (buf[i + 1] != ':') {
            termEnd = SLOW;
            return false;
        }
        int j = i + 2;
        int c = buf[j];
        if (c < 0 || c == '-' || !LABEL[c]) {
            termEnd = SLOW;
            return false;
        }
        j++;
        while (j < lim && buf[j] >= 0 && LABEL[buf[j]]) {
            j++;
        }
        if (j >= lim) {
            termEnd = eof ? SLOW : NEED;
            return false;
        }
        c = buf[j];
        if (c != ' ' && c != '\t') {
            if (c != '.') {
                termEnd = SLOW; // another character of a label, or an error
                return false;
            }
            // "_:b1." ends the label unless the dots continue it: the full parser decides then.
            int d = j;
            while (d < lim && buf[d] == '.') {
                d++;
            }
            if (d >= lim && !eof) {
                termEnd = NEED;
                return false;
            }
            if (d < lim && (buf[d] < 0 || LABEL[buf[d]] || buf[d] == '.')) {
                termEnd = SLOW;
                return false;
            }
        }
        off[k] = i + 2;
        len[k] = j - i - 2;
        blank[k] = true;
        termEnd = j;
        return true;
    }

    private boolean literalTerm(int i, int k) {
        int j = i + 1;
        while (true) {
            if (j >= lim) {
                termEnd = eof ? SLOW : NEED;
                return false;
            }
            int c = buf[j];
            if (c == '"') {
                break;
            }
            if (c >= 0) {
                if (c == '\\' || c == '\n' || c == '\r') {
                    termEnd = SLOW;
                    return false;
                }
                j++;
            } else {
                int n = utf8(j);
                if (n < 0) {
                    termEnd = n;
                    return false;
                }
                j += n;
            }
        }
        int close = j;
        j++;
        int end = j;
        if (j >= lim) {
            if (!eof) {
                termEnd = NEED;
                return false;
            }
        } else if (buf[j] == '@') {
            j++;
            int start = j;
            while (j < lim && isLetter(buf[j])) {
                j++;
            }
            if (j == start) {
                termEnd = j >= lim && !eof ? NEED : SLOW;
                return false;
            }
            while (j < lim && buf[j] == '-') {
                int sub = ++j;
                while (j < lim && (isLetter(buf[j]) || (buf[j] >= '0' && buf[j] <= '9'))) {
                    j++;
                }
                if (j == sub) {
                    termEnd = j >= lim && !eof ? NEED : SLOW;
                    return false;
                }
            }
            if (j >= lim) {
                termEnd = eof ? SLOW : NEED;
                return false;
            }
            int c = buf[j];
            if (c >= '0' && c <= '9') {
                termEnd = SLOW; // an error
                return false;
            }
            String tag = new String(buf, start, j - start, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (!RdfTerms.languageTag(tag).equals(tag)) {
                termEnd = SLOW; // stored in another letter case
                return false;
            }
            end = j;
        } else if (buf[j] == '^') {
            if (j + 2 >= lim) {
                termEnd = eof ? SLOW : NEED;
                return false;
            }
            if (buf[j + 1] != '^' || buf[j + 2] != '<') {
                termEnd = SLOW;
                return false;
            }
            int gt = iri(j + 2);
            if (gt < 0) {
                termEnd = gt;
                return false;
            }
            int dtLen = gt - j - 3;
            if (dtLen == XSD_STRING.length && same(buf, j + 3, XSD_STRING)) {
                end = close + 1; // xsd:string is stored as a simple literal
            } else {
                end = gt + 1;
            }
            j = gt + 1;
        }
        off[k] = i;
        len[k] = end - i;
        blank[k] = false;
        termEnd = j;
        return true;
    }

    /** The error for the first term of the plain line at {@code lineStart} longer than allowed, or null. */
    private RdfSyntaxException tooLong(int lineStart) {
        for (int k = 0; k < termCount; k++) {
            if (len[k] + (blank[k] ? 2 + blankPrefix.length : 0) > maxTermBytes) {
                return Lexer.tooLong(maxTermBytes, (int) Math.min(line, Integer.MAX_VALUE), column(lineStart, termStart(k)));
            }
        }
        return null;
    }

    /** Where term k of the plain line just read begins: its quote, '<' or '_'. */
    private int termStart(int k) {
        return blank[k] ? off[k] - 2 : buf[off[k]] == '"' ? off[k] : off[k] - 1;
    }

    /** The column of byte {@code at} of the well-formed UTF-8 line at {@code lineStart}: its code points before it, plus one. */
    private int column(int lineStart, int at) {
        int column = 1;
        for (int i = lineStart; i < at; i++) {
            if ((buf[i] & 0xc0) != 0x80) {
                column++;
            }
        }
        return column;
    }

    private static boolean same(byte[] b, int at, byte[] x) {
        for (int i = 0; i < x.length; i++) {
            if (b[at + i] != x[i]) {
                return false;
            }
        }
        return true;
    }

    /** Hands the spans of the line just read to the sink; blank nodes are written out with the prefix first. */
    private void emit(Utf8Sink sink) {
        int n = termCount;
        if (n == 0) {
            return;
        }
        int gOff = -1;
        int gLen = -1;
        if (!blank[0] && !blank[2] && (n < 4 || !blank[3])) {
            if (n == 4) {
                gOff = off[3];
                gLen = len[3];
            }
            sink.statement(buf, off[0], len[0], off[1], len[1], off[2], len[2], gOff, gLen);
            return;
        }
        int need = 0;
        for (int k = 0; k < n; k++) {
            need += len[k] + (blank[k] ? 2 + blankPrefix.length : 0);
        }
        if (scratch.length < need) {
            scratch = new byte[Math.max(need, scratch.length * 2)];
        }
        int at = 0;
        int[] so = scratchOff;
        int[] sl = scratchLen;
        for (int k = 0; k < n; k++) {
            so[k] = at;
            if (blank[k]) {
                scratch[at++] = '_';
                scratch[at++] = ':';
                System.arraycopy(blankPrefix, 0, scratch, at, blankPrefix.length);
                at += blankPrefix.length;
            }
            System.arraycopy(buf, off[k], scratch, at, len[k]);
            at += len[k];
            sl[k] = at - so[k];
        }
        if (n == 4) {
            gOff = so[3];
            gLen = sl[3];
        }
        sink.statement(scratch, so[0], sl[0], so[1], sl[1], so[2], sl[2], gOff, gLen);
    }

    // ------------------------------------------------------------------ everything else

    /**
     * Parses the line {@code [from, to)}, and its line break at {@code to} if any, with the full
     * parser; returns the statements emitted (0 or 1).
     */
    private int slowLine(int from, int to, Utf8Sink sink, Consumer<RdfSyntaxException> onInvalid) throws IOException {
        int lineNo = (int) Math.min(line, Integer.MAX_VALUE);
        // With its line break, if it has one: an error at the end of the line names that character.
        int end = to < lim ? to + 1 : to;
        String text = Utf8.decode(buf, from, end - from);
        if (text == null) {
            RdfSyntaxException e = malformed(from, to, lineNo);
            if (onInvalid == null) {
                throw e;
            }
            onInvalid.accept(e);
            return 0;
        }
        int[] emitted = {0};
        RdfSyntaxException[] failed = {null};
        slow.parse(new StringReader(text), (s, p, o, g) -> {
            byte[] bs = Utf8.encode(s, "subject");
            byte[] bp = Utf8.encode(p, "predicate");
            byte[] bo = Utf8.encode(o, "object");
            byte[] bg = g == null ? null : Utf8.encode(g, "graph");
            int need = bs.length + bp.length + bo.length + (bg == null ? 0 : bg.length);
            if (scratch.length < need) {
                scratch = new byte[Math.max(need, scratch.length * 2)];
            }
            int at = 0;
            System.arraycopy(bs, 0, scratch, at, bs.length);
            at += bs.length;
            System.arraycopy(bp, 0, scratch, at, bp.length);
            at += bp.length;
            System.arraycopy(bo, 0, scratch, at, bo.length);
            at += bo.length;
            if (bg != null) {
                System.arraycopy(bg, 0, scratch, at, bg.length);
            }
            emitted[0]++;
            sink.statement(scratch, 0, bs.length, bs.length, bp.length, bs.length + bp.length, bo.length,
                    bg == null ? -1 : at, bg == null ? -1 : bg.length);
        }, e -> failed[0] = e);
        if (failed[0] != null) {
            RdfSyntaxException e = failed[0];
            RdfSyntaxException moved = new RdfSyntaxException(e.detail(), lineNo + e.line() - 1, e.column());
            if (onInvalid == null) {
                throw moved;
            }
            onInvalid.accept(moved);
        }
        return emitted[0];
    }

    /** The error for the first malformed UTF-8 sequence in {@code [from, to)}; columns count code points. */
    private RdfSyntaxException malformed(int from, int to, int lineNo) {
        int column = 1;
        int i = from;
        while (i < to) {
            int x = buf[i] & 0xff;
            if (x < 0x80) {
                i++;
            } else {
                int saveLim = lim;
                boolean saveEof = eof;
                lim = to;
                eof = true;
                int n = utf8(i);
                lim = saveLim;
                eof = saveEof;
                if (n < 0) {
                    return new RdfSyntaxException("malformed UTF-8 (byte 0x" + Integer.toHexString(x).toUpperCase(java.util.Locale.ROOT) + ")", lineNo, column);
                }
                i += n;
            }
            column++;
        }
        return new RdfSyntaxException("malformed UTF-8", lineNo, column);
    }
}
