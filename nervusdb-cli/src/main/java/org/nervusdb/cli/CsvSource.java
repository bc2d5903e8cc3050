package org.nervusdb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nervusdb.rdf.RdfTerms;

/**
 * Triples from CSV (RFC 4180, UTF-8, first row a header). Each mapping {@code S,P,O} makes one
 * triple per row; each of its three parts is a column (its header name, or its number from 1),
 * {@code =text} (a constant term) or {@code lit:COLUMN} (the cell as a string literal). A row
 * whose mapped cell is empty gives no triple for that mapping.
 */
final class CsvSource implements TripleSource {
    private final String file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<int[]> columns = new ArrayList<>(); // per mapping, per position: column index or -1
    private final List<String[]> constants = new ArrayList<>();
    private final List<boolean[]> literal = new ArrayList<>();
    private CSVRecord row;
    private int nextMapping;
    private boolean pendingBad;

    CsvSource(String file, InputStream in, List<String> mappings) {
        this.file = file;
        try {
            InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(file, 1, 0, "cannot read the CSV header: " + message(e));
        }
        List<String> header = parser.getHeaderNames();
        if (mappings.isEmpty()) {
            if (header.size() < 3) {
                throw new BadInputException(file, 1, 0, "no --columns given and the header has fewer than 3 columns");
            }
            mappings = List.of("1,2,3");
        }
        for (String m : mappings) {
            String[] parts = m.split(",", -1);
            if (parts.length != 3) {
                throw new CliException("--columns takes SUBJECT,PREDICATE,OBJECT, got '" + m + "'");
            }
            int[] cols = new int[3];
            String[] consts = new String[3];
            boolean[] lits = new boolean[3];
            for (int i = 0; i < 3; i++) {
                String part = parts[i];
                if (part.startsWith("=")) {
                    cols[i] = -1;
                    consts[i] = part.substring(1);
                    continue;
                }
                if (part.startsWith("lit:")) {
                    lits[i] = true;
                    part = part.substring(4);
                }
                cols[i] = column(header, part, m);
            }
            columns.add(cols);
            constants.add(consts);
            literal.add(lits);
        }
        records = parser.iterator();
    }

    private static int column(List<String> header, String name, String mapping) {
        int at = header.indexOf(name);
        if (at >= 0) {
            return at;
        }
        try {
            int n = Integer.parseInt(name);
            if (n >= 1 && n <= header.size()) {
                return n - 1;
            }
        } catch (NumberFormatException e) {
            // not a number: reported below
        }
        throw new CliException("--columns '" + mapping + "': no column '" + name + "' (header: " + header + ")");
    }

    private static String message(Exception e) {
        Throwable c = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    @Override
    public boolean next(String[] spo) {
        while (true) {
            if (row == null || nextMapping == columns.size()) {
                try {
                    if (!records.hasNext()) {
                        return false;
                    }
                    row = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    pendingBad = false; // the parser cannot resynchronise inside a broken record
                    throw new BadInputException(file, parser.getCurrentLineNumber() + 1, 0, "malformed CSV: " + message(e));
                }
                nextMapping = 0;
            }
            int m = nextMapping++;
            boolean empty = false;
            for (int i = 0; i < 3; i++) {
                int col = columns.get(m)[i];
                if (col < 0) {
                    spo[i] = constants.get(m)[i];
                    continue;
                }
                if (col >= row.size()) {
                    pendingBad = true;
                    nextMapping = columns.size();
                    throw new BadInputException(file, row.getRecordNumber() + 1, col + 1,
                            "row has " + row.size() + " cells, the mapping needs column " + (col + 1));
                }
                String cell = row.get(col);
                if (cell.isEmpty()) {
                    empty = true;
                    break;
                }
                spo[i] = literal.get(m)[i] ? RdfTerms.literal(cell) : cell;
            }
            if (!empty) {
                return true;
            }
        }
    }

    @Override
    public long line() {
        return parser.getCurrentLineNumber();
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
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
