package org.nervusdb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The bytes of a line-oriented input (CSV, JSON Lines), read one record at a time: a record is
 * the bytes a source {@link #append appends} after {@link #start}, and may span lines (a CSV cell
 * in quotes). Knows the line and column of every byte of the record, checks that it is UTF-8 and
 * decodes parts of it.
 *
 * <p>Positions are 1-based; lines end at LF, CR or CR LF; columns count characters (Unicode code
 * points: a character outside the BMP counts once), as the RDF parsers count them. Not
 * thread-safe.
 */
final class RecordBytes {
    private final String file;
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    /** The line of the next byte read. */
    private long line = 1;

    private byte[] rec = new byte[4096];
    private int len;
    /** The line of the record's first byte, and where each of its lines starts in {@link #rec}. */
    private long firstLine;
    private int[] lineStarts = new int[4];
    private int lines;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars = CharBuffer.allocate(1024);

    RecordBytes(String file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** The next byte without reading it, or -1 at the end. */
    int peek() {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    /** Reads the next byte, or -1 at the end; a line break (CR LF read as one) moves to the next line. */
    int read() {
        if (pos == lim && !fill()) {
            return -1;
        }
        int b = buf[pos++] & 0xff;
        if (b == '\n' || (b == '\r' && peek() != '\n')) {
            line++;
        }
        return b;
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Starts a record at the next byte. */
    void start() {
        len = 0;
        firstLine = line;
        lines = 1;
        lineStarts[0] = 0;
    }

    /** Adds a byte read to the record; after a line break (LF, or a CR not before an LF) a new line of it starts. */
    void append(int b) {
        if (len == rec.length) {
            rec = java.util.Arrays.copyOf(rec, rec.length * 2);
        }
        rec[len++] = (byte) b;
        if (b == '\n' || (b == '\r' && peek() != '\n')) {
            if (lines == lineStarts.length) {
                lineStarts = java.util.Arrays.copyOf(lineStarts, lines * 2);
            }
            lineStarts[lines++] = len;
        }
    }

    /** The length of the record so far: the index of the next byte appended. */
    int length() {
        return len;
    }

    /** The byte at {@code at} in the record. */
    int byteAt(int at) {
        return rec[at] & 0xff;
    }

    /** The line of the record's byte at {@code at} (or of the position just after the record). */
    long line(int at) {
        return firstLine + lineIndex(at);
    }

    /** The column of the record's byte at {@code at}: the characters before it on its line, plus one. */
    long column(int at) {
        long column = 1;
        for (int i = lineStarts[lineIndex(at)]; i < at; i++) {
            if ((rec[i] & 0xc0) != 0x80) {
                column++; // the first byte of a character; the bytes before {@code at} are UTF-8
            }
        }
        return column;
    }

    private int lineIndex(int at) {
        int k = lines - 1;
        while (k > 0 && lineStarts[k] > at) {
            k--;
        }
        return k;
    }

    /** An error at the record's byte {@code at}. */
    BadInputException error(int at, String message) {
        return new BadInputException(file, line(at), column(at), message);
    }

    /**
     * The index of the first byte of the first malformed UTF-8 sequence in {@code [from, to)} of
     * the record, or -1.
     */
    int malformed(int from, int to) {
        decoder.reset();
        if (chars.capacity() < to - from) {
            chars = CharBuffer.allocate(Math.max(to - from, chars.capacity() * 2));
        }
        chars.clear();
        ByteBuffer bytes = ByteBuffer.wrap(rec, from, to - from);
        CoderResult r = decoder.decode(bytes, chars, true);
        if (!r.isError()) {
            r = decoder.flush(chars);
        }
        return r.isError() ? bytes.position() : -1;
    }

    /** The error for malformed UTF-8 at the record's byte {@code at}. */
    BadInputException malformedError(int at) {
        return error(at, "malformed UTF-8 (byte 0x" + Integer.toHexString(byteAt(at)).toUpperCase(Locale.ROOT) + ")");
    }

    /** The record's bytes {@code [from, to)} as text; they must be UTF-8 (checked with {@link #malformed}). */
    String text(int from, int to) {
        return new String(rec, from, to - from, StandardCharsets.UTF_8);
    }

    void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
