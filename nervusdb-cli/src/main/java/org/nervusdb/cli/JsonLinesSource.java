package org.nervusdb.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.nervusdb.rdf.RdfTerms;

/**
 * Triples from JSON Lines: one object per line with string members {@code subject},
 * {@code predicate} and {@code object}. The object may also be a number (an xsd:integer,
 * xsd:decimal or xsd:double literal) or a boolean (xsd:boolean); other members are ignored.
 * Blank lines are skipped. Lines end at LF, CR or CR LF. A line that is not UTF-8 is an error at
 * its first bad byte; every error names the line and the column (in characters) where it is.
 */
final class JsonLinesSource implements TripleSource {
    private static final JsonFactory JSON = new JsonFactory();
    private final String file;
    private final RecordBytes in;
    private String text;
    /** Where the object of the line begins, and each term's value: columns, from 1. */
    private long objectColumn;
    private final long[] columns = new long[3];
    private boolean pendingBad;

    JsonLinesSource(String file, InputStream in) {
        this.file = file;
        this.in = new RecordBytes(file, in);
    }

    @Override
    public boolean next(String[] spo) {
        while (true) {
            if (in.peek() < 0) {
                return false;
            }
            in.start();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && b != '\r') {
                in.append(b);
            }
            if (b == '\r' && in.peek() == '\n') {
                in.read();
            }
            pendingBad = true;
            int bad = in.malformed(0, in.length());
            if (bad >= 0) {
                throw in.malformedError(bad);
            }
            text = in.text(0, in.length());
            if (text.isBlank()) {
                pendingBad = false;
                continue;
            }
            parse(spo);
            pendingBad = false;
            return true;
        }
    }

    private void parse(String[] spo) {
        spo[0] = null;
        spo[1] = null;
        spo[2] = null;
        spo[3] = null;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad(p.currentTokenLocation(), "expected a JSON object");
            }
            objectColumn = column(p.currentTokenLocation());
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int at = "subject".equals(name) ? 0 : "predicate".equals(name) ? 1 : "object".equals(name) ? 2 : -1;
                if (at < 0) {
                    p.skipChildren();
                    continue;
                }
                columns[at] = column(p.currentTokenLocation());
                if (v == JsonToken.VALUE_STRING) {
                    spo[at] = p.getText();
                } else if (at == 2 && v == JsonToken.VALUE_NUMBER_INT) {
                    spo[2] = RdfTerms.literal(p.getText(), null, RdfTerms.XSD + "integer");
                } else if (at == 2 && v == JsonToken.VALUE_NUMBER_FLOAT) {
                    String num = p.getText();
                    boolean exp = num.indexOf('e') >= 0 || num.indexOf('E') >= 0;
                    spo[2] = RdfTerms.literal(num, null, RdfTerms.XSD + (exp ? "double" : "decimal"));
                } else if (at == 2 && (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE)) {
                    spo[2] = RdfTerms.literal(p.getText(), null, RdfTerms.XSD + "boolean");
                } else {
                    throw bad(p.currentTokenLocation(), "'" + name + "' must be a string" + (at == 2 ? ", number or boolean" : ""));
                }
            }
            if (p.nextToken() != null) {
                throw bad(p.currentTokenLocation(), "text after the object");
            }
        } catch (JsonProcessingException e) {
            throw bad(e.getLocation(), "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < 3; i++) {
            if (spo[i] == null) {
                throw new BadInputException(file, in.line(0), objectColumn,
                        "missing '" + (i == 0 ? "subject" : i == 1 ? "predicate" : "object") + "'");
            }
        }
    }

    /** The column of a place in the line's text (Jackson counts UTF-16 chars; columns count characters). */
    private long column(JsonLocation at) {
        long offset = at == null ? -1 : at.getCharOffset();
        if (offset < 0 || offset > text.length()) {
            return 1;
        }
        return text.codePointCount(0, (int) offset) + 1;
    }

    private BadInputException bad(JsonLocation at, String message) {
        return new BadInputException(file, in.line(0), column(at), message);
    }

    @Override
    public long line(int term) {
        return in.line(0);
    }

    @Override
    public long column(int term) {
        return columns[term];
    }

    @Override
    public boolean skipBad() {
        boolean ok = pendingBad;
        pendingBad = false;
        return ok;
    }

    @Override
    public void close() {
        in.close();
    }
}
