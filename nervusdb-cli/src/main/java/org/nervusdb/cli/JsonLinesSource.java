package org.nervusdb.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.nervusdb.rdf.RdfTerms;

/**
 * Triples from JSON Lines: one object per line with string members {@code subject},
 * {@code predicate} and {@code object}. The object may also be a number (an xsd:integer,
 * xsd:decimal or xsd:double literal) or a boolean (xsd:boolean); other members are ignored.
 * Blank lines are skipped.
 */
final class JsonLinesSource implements TripleSource {
    private static final JsonFactory JSON = new JsonFactory();
    private final String file;
    private final BufferedReader reader;
    private long line;
    private boolean pendingBad;

    JsonLinesSource(String file, InputStream in) {
        this.file = file;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    @Override
    public boolean next(String[] spo) {
        while (true) {
            String text;
            try {
                text = reader.readLine();
            } catch (IOException e) {
                throw new BadInputException(file, line + 1, 0, "cannot read: " + e.getMessage());
            }
            if (text == null) {
                return false;
            }
            line++;
            if (text.isBlank()) {
                continue;
            }
            pendingBad = true;
            parse(text, spo);
            pendingBad = false;
            return true;
        }
    }

    private void parse(String text, String[] spo) {
        spo[0] = null;
        spo[1] = null;
        spo[2] = null;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad(p, "expected a JSON object");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int at = "subject".equals(name) ? 0 : "predicate".equals(name) ? 1 : "object".equals(name) ? 2 : -1;
                if (at < 0) {
                    p.skipChildren();
                    continue;
                }
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
                    throw bad(p, "'" + name + "' must be a string" + (at == 2 ? ", number or boolean" : ""));
                }
            }
            if (p.nextToken() != null) {
                throw bad(p, "text after the object");
            }
        } catch (JsonProcessingException e) {
            long col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new BadInputException(file, line, col, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < 3; i++) {
            if (spo[i] == null) {
                throw new BadInputException(file, line, 0, "missing '" + (i == 0 ? "subject" : i == 1 ? "predicate" : "object") + "'");
            }
        }
    }

    private BadInputException bad(JsonParser p, String message) {
        return new BadInputException(file, line, p.currentLocation().getColumnNr(), message);
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public boolean skipBad() {
        boolean ok = pendingBad;
        pendingBad = false;
        return ok;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
