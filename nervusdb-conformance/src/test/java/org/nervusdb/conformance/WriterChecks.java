package org.nervusdb.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nervusdb.QueryResult;
import org.nervusdb.rdf.RdfTerms;

/**
 * Checks of the engine's result writers on the answers of the suite's queries:
 * <ul>
 * <li>every SELECT and ASK answer is written as SPARQL JSON, SPARQL XML and (SELECT) TSV, read
 * back by RDF4J's parsers of those formats, and compared with the expected result by the rules
 * of {@link ResultComparison}; every SELECT answer is also written as CSV, which must read back
 * ({@link #parseCsv}, strictly: CRLF line ends) as exactly the answer's header and fields;</li>
 * <li>every CONSTRUCT answer is written as N-Triples and Turtle, read back by RDF4J, and compared
 * with the expected graph ({@link Isomorphism});</li>
 * <li>the CSV result format tests compare the CSV writer's document with the expected one
 * ({@link #csvDifference}).</li>
 * </ul>
 * Each returns null when all is well, else which writer and how its document differed.
 */
final class WriterChecks {
    private static final String BASE = "http://example.org/written/";

    private WriterChecks() {
    }

    static String selectOrAsk(QueryEngine engine, Answer answer, Solutions expected, QueryText text, boolean lax)
            throws IOException {
        boolean ask = answer.kind == QueryResult.Kind.ASK;
        String[][] formats = {{"JSON", ".srj"}, {"XML", ".srx"}, {"TSV", ".tsv"}};
        for (String[] f : formats) {
            if (ask && f[0].equals("TSV")) {
                continue; // TSV defines no boolean answers
            }
            String doc = engine.write(answer.replay(), f[0]);
            Solutions back;
            try {
                back = ExpectedResults.parse(doc.getBytes(StandardCharsets.UTF_8), f[1], BASE);
            } catch (IOException | RuntimeException e) {
                return f[0] + " writer: RDF4J cannot read its document (" + e.getMessage() + ")";
            }
            String reason = ResultComparison.compare(expected, back, text, lax);
            if (reason != null) {
                return f[0] + " writer: its document reads back as another answer: " + reason;
            }
        }
        if (!ask) {
            String doc = engine.write(answer.replay(), "CSV");
            List<List<String>> back;
            try {
                back = parseCsv(doc, true);
            } catch (IllegalArgumentException e) {
                return "CSV writer: " + e.getMessage();
            }
            List<List<String>> want = csvTable(answer);
            if (!back.equals(want)) {
                for (int i = 0; i < Math.min(back.size(), want.size()); i++) {
                    if (!back.get(i).equals(want.get(i))) {
                        return "CSV writer: line " + (i + 1) + " reads back as " + back.get(i) + ", expected " + want.get(i);
                    }
                }
                return "CSV writer: " + back.size() + " lines, expected " + want.size();
            }
        }
        return null;
    }

    static String graph(QueryEngine engine, Answer answer, List<String[]> expected) throws IOException {
        String[][] formats = {{"NTRIPLES", ".nt"}, {"TURTLE", ".ttl"}};
        for (String[] f : formats) {
            String doc = engine.write(answer.replay(), f[0]);
            List<String[]> back;
            try {
                back = ExpectedResults.graph(doc.getBytes(StandardCharsets.UTF_8), f[1], BASE);
            } catch (IOException | RuntimeException e) {
                return f[0] + " writer: RDF4J cannot read its document (" + e.getMessage() + ")";
            }
            String reason = Isomorphism.difference(expected, back);
            if (reason != null) {
                return f[0] + " writer: its document reads back as another graph: " + reason;
            }
        }
        return null;
    }

    /**
     * The CSV table an answer should give: the header, then per row IRIs, lexical forms,
     * _:labels, or empty. Without variables every line is empty, which CSV reads as one empty
     * field.
     */
    static List<List<String>> csvTable(Answer answer) {
        List<List<String>> out = new ArrayList<>();
        out.add(answer.variables.isEmpty() ? List.of("") : answer.variables);
        for (String[] row : answer.rows) {
            List<String> fields = new ArrayList<>();
            if (row.length == 0) {
                fields.add("");
            }
            for (String t : row) {
                fields.add(t == null ? "" : RdfTerms.isLiteral(t) ? RdfTerms.lexicalForm(t) : t);
            }
            out.add(fields);
        }
        return out;
    }

    /**
     * Reads CSV as RFC 4180 defines it: records of fields separated by ',', a field quoted
     * with '"' when it holds ',', '"' or a line break, '"' doubled inside quotes. Records end
     * with CRLF; unless {@code strict}, with LF too (the suite's expected files use LF).
     *
     * @throws IllegalArgumentException if the text is not CSV
     */
    static List<List<String>> parseCsv(String s, boolean strict) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (s.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("a quoted field does not end");
                    }
                    char c = s.charAt(i++);
                    if (c == '"') {
                        if (i < n && s.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                while (i < n && s.charAt(i) != ',' && s.charAt(i) != '\r' && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '"') {
                        throw new IllegalArgumentException("a quote inside an unquoted field, at offset " + i);
                    }
                    field.append(s.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i == n) {
                break;
            }
            char c = s.charAt(i);
            if (c == ',') {
                i++;
                if (i == n) {
                    fields.add("");
                }
                continue;
            }
            if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                i += 2;
            } else if (c == '\n' && !strict) {
                i++;
            } else {
                throw new IllegalArgumentException("a record ends without CRLF, at offset " + i);
            }
            records.add(fields);
            fields = new ArrayList<>();
        }
        if (!fields.isEmpty()) {
            if (strict) {
                throw new IllegalArgumentException("the last record ends without CRLF");
            }
            records.add(fields);
        }
        return records;
    }

    /**
     * How an engine's CSV document differs from the expected one, or null: the same header and
     * the same records. Ordered, record by record, with blank node fields ({@code _:label})
     * matched up to one consistent renaming; otherwise as multisets, blank node labels ignored.
     */
    static String csvDifference(String expected, String actual, boolean ordered) {
        List<List<String>> exp;
        List<List<String>> act;
        try {
            exp = parseCsv(expected, false);
        } catch (IllegalArgumentException e) {
            return "harness: the expected CSV does not parse: " + e.getMessage();
        }
        try {
            act = parseCsv(actual, true);
        } catch (IllegalArgumentException e) {
            return "CSV writer: " + e.getMessage();
        }
        if (exp.isEmpty() || act.isEmpty() || !exp.get(0).equals(act.get(0))) {
            return "CSV header " + (act.isEmpty() ? "missing" : act.get(0)) + ", expected " + (exp.isEmpty() ? "none" : exp.get(0));
        }
        if (exp.size() != act.size()) {
            return (act.size() - 1) + " CSV records, expected " + (exp.size() - 1);
        }
        if (ordered) {
            Map<String, String> map = new HashMap<>();
            Map<String, String> back = new HashMap<>();
            for (int r = 1; r < exp.size(); r++) {
                List<String> e = exp.get(r);
                List<String> a = act.get(r);
                boolean same = e.size() == a.size();
                for (int k = 0; same && k < e.size(); k++) {
                    String x = e.get(k);
                    String y = a.get(k);
                    if (x.startsWith("_:") && y.startsWith("_:")) {
                        same = y.equals(map.computeIfAbsent(x, z -> y)) && x.equals(back.computeIfAbsent(y, z -> x));
                    } else {
                        same = x.equals(y);
                    }
                }
                if (!same) {
                    return "CSV record " + r + " is " + a + ", expected " + e;
                }
            }
            return null;
        }
        List<String> e = new ArrayList<>();
        List<String> a = new ArrayList<>();
        for (int r = 1; r < exp.size(); r++) {
            e.add(String.join("\u0000", exp.get(r)).replaceAll("(^|\u0000)_:[^\u0000]*", "$1_:"));
            a.add(String.join("\u0000", act.get(r)).replaceAll("(^|\u0000)_:[^\u0000]*", "$1_:"));
        }
        e.sort(null);
        a.sort(null);
        return e.equals(a) ? null : "the CSV records differ (order aside)";
    }
}
