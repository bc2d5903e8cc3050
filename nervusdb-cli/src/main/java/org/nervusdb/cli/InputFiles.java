package org.nervusdb.cli;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening input files: gzip recognised by its magic bytes, bytes counted for progress. */
final class InputFiles {
    private InputFiles() {
    }

    /** The bytes read so far from a file, before decompression. */
    static final class Counting extends FilterInputStream {
        volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** An opened input: the decoded stream and the counter of raw bytes behind it. */
    static final class Opened {
        final InputStream in;
        final Counting raw;
        final boolean gzip;

        Opened(InputStream in, Counting raw, boolean gzip) {
            this.in = in;
            this.raw = raw;
            this.gzip = gzip;
        }
    }

    /** Whether {@code file} names standard input ({@code -}). */
    static boolean isStdin(Path file) {
        return file.toString().equals("-");
    }

    static Opened open(Path file) {
        try {
            // Standard input is read, never closed: the process owns it.
            InputStream source = isStdin(file) ? new FilterInputStream(System.in) {
                @Override
                public void close() {
                }
            } : Files.newInputStream(file);
            Counting raw = new Counting(source);
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new Opened(new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16), raw, true);
            }
            return new Opened(buffered, raw, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file name without a trailing {@code .gz}, lower case, for choosing a format. */
    static String baseName(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
    }
}
