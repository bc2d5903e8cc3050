package org.nervusdb.cli;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nervusdb.rdf.RdfTerms;

/**
 * Triples from CSV (RFC 4180, UTF-8, first row a header). Each mapping {@code S,P,O} makes one
 * triple per row; each of its three parts is a column (its header name, or its number from 1),
 * {@code =text} (a constant term) or {@code lit:COLUMN} (the cell as a string literal). A row
 * whose mapped cell is empty gives no triple for that mapping.
 *
 * <p>Rows: cells are separated by ',' and rows end at a line break (LF, CR or CR LF) or at the end
 * of the input. A cell that begins with '"' is quoted: it runs to the next '"' that is not doubled
 * ({@code ""} is one quote in it), may hold ',' and line breaks, and is followed by ',' or the end
 * of its row. A '"' inside an unquoted cell is kept as written. A blank line is a row of one empty
 * cell; the line break at the end of the input starts no row.
 *
 * <p>Errors name the line and column (in characters) where they are: malformed UTF-8 at its first
 * byte, text after the closing quote of a cell, a quoted cell not closed (at its opening quote),
 * a row too short for a mapping (at its end). After any of them {@link #skipBad} moves to the
 * next row.
 */
final class CsvSource implements TripleSource {
    private final String file;
    private final RecordBytes in;
    private final List<int[]> columns = new ArrayList<>(); // per mapping, per position: column index or -1
    private final List<String[]> constants = new ArrayList<>();
    private final List<boolean[]> literal = new ArrayList<>();
    // The row read: its cells as byte ranges of the record (a quoted cell with its quotes), and as text.
    private int[] cellFrom = new int[16];
    private int[] cellTo = new int[16];
    private String[] row = new String[16];
    private int cells;
    private boolean haveRow;
    private int nextMapping;
    /** The mapping of the last triple read. */
    private int mapping;
    private boolean pendingBad;

    CsvSource(String file, InputStream in, List<String> mappings) {
        this.file = file;
        this.in = new RecordBytes(file, in);
        List<String> header = new ArrayList<>();
        try {
            if (readRow()) {
                header.addAll(Arrays.asList(row).subList(0, cells));
            }
        } catch (RuntimeException e) {
            this.in.close();
            throw e;
        }
        if (mappings.isEmpty()) {
            if (header.size() < 3) {
                throw new BadInputException(file, 1, 1, "no --columns given and the header has fewer than 3 columns");
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

    /**
     * Reads the next row into {@link #row}; false at the end of the input. A bad row is read to its
     * end, then thrown, so that reading goes on with the next one.
     */
    private boolean readRow() {
        if (in.peek() < 0) {
            return false;
        }
        in.start();
        cells = 0;
        int errorAt = -1;
        String error = null;
        while (true) {
            int from = in.length();
            int b = in.peek();
            if (b == '"') {
                in.append(in.read());
                while (true) {
                    b = in.read();
                    if (b < 0) {
                        if (errorAt < 0) {
                            errorAt = from;
                            error = "malformed CSV: quoted cell not closed";
                        }
                        break;
                    }
                    in.append(b);
                    if (b == '"') {
                        if (in.peek() != '"') {
                            break;
                        }
                        in.append(in.read());
                    }
                }
                if (!endOfCell(in.peek()) && errorAt < 0) {
                    errorAt = in.length();
                    error = "malformed CSV: text after the closing quote of a cell (',' or the end of the row expected)";
                }
            }
            while (!endOfCell(b = in.peek())) {
                in.append(in.read());
            }
            cell(from, in.length());
            b = in.read();
            if (b == ',') {
                in.append(b);
                continue;
            }
            if (b == '\r' && in.peek() == '\n') {
                in.read();
            }
            break;
        }
        int bad = in.malformed(0, in.length());
        if (bad >= 0 && (errorAt < 0 || bad < errorAt)) {
            throw in.malformedError(bad);
        }
        if (errorAt >= 0) {
            throw in.error(errorAt, error);
        }
        for (int i = 0; i < cells; i++) {
            int from = cellFrom[i];
            int to = cellTo[i];
            boolean quoted = to > from && in.byteAt(from) == '"';
            row[i] = quoted ? in.text(from + 1, to - 1).replace("\"\"", "\"") : in.text(from, to);
        }
        return true;
    }

    private static boolean endOfCell(int b) {
        return b == ',' || b == '\n' || b == '\r' || b < 0;
    }

    private void cell(int from, int to) {
        if (cells == cellFrom.length) {
            cellFrom = Arrays.copyOf(cellFrom, cells * 2);
            cellTo = Arrays.copyOf(cellTo, cells * 2);
            row = Arrays.copyOf(row, cells * 2);
        }
        cellFrom[cells] = from;
        cellTo[cells] = to;
        cells++;
    }

    @Override
    public boolean next(String[] spo) {
        spo[3] = null;
        while (true) {
            if (!haveRow || nextMapping == columns.size()) {
                haveRow = false;
                pendingBad = true; // a bad row was read to its end
                if (!readRow()) {
                    pendingBad = false;
                    return false;
                }
                pendingBad = false;
                haveRow = true;
                nextMapping = 0;
            }
            int m = nextMapping++;
            mapping = m;
            boolean empty = false;
            for (int i = 0; i < 3; i++) {
                int col = columns.get(m)[i];
                if (col < 0) {
                    spo[i] = constants.get(m)[i];
                    continue;
                }
                if (col >= cells) {
                    pendingBad = true;
                    nextMapping = columns.size();
                    throw in.error(in.length(), "row has " + cells + " cells, the mapping needs column " + (col + 1));
                }
                String cell = row[col];
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
    public long line(int term) {
        int col = columns.get(mapping)[term];
        return in.line(col < 0 ? 0 : cellFrom[col]);
    }

    @Override
    public long column(int term) {
        int col = columns.get(mapping)[term];
        return in.column(col < 0 ? 0 : cellFrom[col]);
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
