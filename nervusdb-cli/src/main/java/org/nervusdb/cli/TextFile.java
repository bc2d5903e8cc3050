package org.nervusdb.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small text file read whole (a query, a JSON manifest), and positions in it as
 * {@link BadInputException} names them: lines from 1 ending at LF, CR or CR LF, columns from 1 in
 * characters.
 */
final class TextFile {
    final String file;
    final String text;

    private TextFile(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** Reads {@code path}, which must be UTF-8: malformed UTF-8 is an error at its first byte. */
    static TextFile read(Path path) {
        byte[] bytes;
        try {
            bytes = path.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CliException("cannot read " + path + ": " + e.getMessage(), e);
        }
        RecordBytes r = new RecordBytes(path.toString(), new ByteArrayInputStream(bytes));
        r.start();
        for (int b = r.read(); b >= 0; b = r.read()) {
            r.append(b);
        }
        int bad = r.malformed(0, r.length());
        if (bad >= 0) {
            throw r.malformedError(bad);
        }
        return new TextFile(path.toString(), r.text(0, r.length()));
    }

    /** The error {@code message} at {@code offset}, an index into the text (UTF-16 chars). */
    BadInputException error(int offset, String message) {
        offset = Math.max(0, Math.min(offset, text.length()));
        long line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new BadInputException(file, line, text.codePointCount(lineStart, offset) + 1, message);
    }

    /** The index into the text of line {@code line}, column {@code column} counted in UTF-16 chars. */
    int offset(long line, long column) {
        int i = 0;
        for (long l = 1; l < line && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                l++;
            }
        }
        return (int) Math.min(text.length(), i + Math.max(0, column - 1));
    }
}
