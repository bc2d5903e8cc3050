package org.nervusdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nervusdb.NervusDB;
import org.nervusdb.query.JsonText;
import org.nervusdb.query.QueryOptions;
import org.nervusdb.query.QueryResult;
import org.nervusdb.rdf.RdfTerms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Runs a SPARQL 1.1 SELECT or ASK query and prints the result.",
                "Stored terms read as RDF terms: plain names are IRIs (<alice>), terms in N-Triples "
                        + "literal syntax are literals, _:x are blank nodes."})
final class QueryCommand implements Callable<Integer> {
    enum Format { table, csv, tsv, json }

    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "The query text (or use --file).")
    String text;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the query from FILE.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output: table (default), csv, tsv or json (SPARQL 1.1 results formats for the last three).")
    Format format;

    @Option(names = "--timeout", paramLabel = "MS", description = "Stop the query after MS milliseconds.")
    long timeoutMillis;

    @Option(names = "--explain", description = "Run the query and print the plan with rows per operator instead of the results.")
    boolean explain;

    @Override
    public Integer call() throws IOException {
        if ((text == null) == (file == null)) {
            throw new ParameterException(spec.commandLine(), "give the query either as an argument or with --file");
        }
        if (timeoutMillis < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be >= 0");
        }
        String query = text != null ? text : new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        try (NervusDB d = db.openExisting()) {
            if (explain) {
                out.print(d.explain(query));
                return Main.EXIT_OK;
            }
            try (QueryResult r = d.sparql(query, QueryOptions.defaults().timeoutMillis(timeoutMillis))) {
                if (r.kind() == QueryResult.Kind.ASK) {
                    boolean a = r.askAnswer();
                    out.println(format == Format.json ? "{\"head\":{},\"boolean\":" + a + "}" : Boolean.toString(a));
                } else {
                    print(r, out);
                }
            }
        } finally {
            out.flush();
        }
        return Main.EXIT_OK;
    }

    private void print(QueryResult r, PrintWriter out) {
        List<String> vars = r.variables();
        switch (format) {
            case csv:
                out.print(String.join(",", vars) + "\r\n");
                while (r.hasNext()) {
                    String[] row = r.next();
                    for (int i = 0; i < row.length; i++) {
                        if (i > 0) {
                            out.print(',');
                        }
                        out.print(csv(row[i]));
                    }
                    out.print("\r\n");
                }
                break;
            case tsv: {
                List<String> head = new ArrayList<>();
                for (String v : vars) {
                    head.add("?" + v);
                }
                out.print(String.join("\t", head) + "\n");
                while (r.hasNext()) {
                    String[] row = r.next();
                    for (int i = 0; i < row.length; i++) {
                        if (i > 0) {
                            out.print('\t');
                        }
                        if (row[i] != null) {
                            out.print(tsv(row[i]));
                        }
                    }
                    out.print('\n');
                }
                break;
            }
            case json:
                json(r, vars, out);
                break;
            default:
                table(r, vars, out);
        }
    }

    /** Aligned columns, terms in SPARQL/Turtle syntax; long results stream after the first 1,000 rows set the widths. */
    private static void table(QueryResult r, List<String> vars, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        int[] width = new int[vars.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = vars.get(i).length() + 1;
        }
        long count = 0;
        while (r.hasNext() && rows.size() < 1000) {
            String[] row = r.next();
            String[] cells = new String[row.length];
            for (int i = 0; i < row.length; i++) {
                cells[i] = row[i] == null ? "" : tsv(row[i]);
                width[i] = Math.max(width[i], Math.min(60, cells[i].length()));
            }
            rows.add(cells);
        }
        String[] head = new String[vars.size()];
        for (int i = 0; i < head.length; i++) {
            head[i] = "?" + vars.get(i);
        }
        out.println(pad(head, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] cells : rows) {
            out.println(pad(cells, width));
            count++;
        }
        while (r.hasNext()) {
            String[] row = r.next();
            String[] cells = new String[row.length];
            for (int i = 0; i < row.length; i++) {
                cells[i] = row[i] == null ? "" : tsv(row[i]);
            }
            out.println(pad(cells, width));
            count++;
        }
        out.println(count + (count == 1 ? " row" : " rows"));
    }

    private static String pad(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(" | ");
            }
            sb.append(cells[i]);
            for (int k = cells[i].length(); k < width[i]; k++) {
                sb.append(' ');
            }
        }
        return sb.toString().stripTrailing();
    }

    /**
     * A term in the SPARQL TSV results format (Turtle syntax). Stored literals are already in
     * N-Triples syntax with line breaks escaped; a tab, which they keep as is, becomes \t.
     */
    static String tsv(String term) {
        StringBuilder sb = new StringBuilder();
        if (RdfTerms.isIri(term)) {
            sb.append('<');
            Tsv.escape(term, sb);
            return sb.append('>').toString();
        }
        return term.replace("\t", "\\t");
    }

    /** A term in the SPARQL CSV results format: IRIs and lexical forms, quoted when needed. */
    static String csv(String term) {
        if (term == null) {
            return "";
        }
        String s = RdfTerms.isLiteral(term) ? RdfTerms.lexicalForm(term) : term;
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static void json(QueryResult r, List<String> vars, PrintWriter out) {
        out.print("{\"head\":{\"vars\":[");
        for (int i = 0; i < vars.size(); i++) {
            out.print((i > 0 ? "," : "") + jsonString(vars.get(i)));
        }
        out.print("]},\"results\":{\"bindings\":[");
        boolean first = true;
        while (r.hasNext()) {
            String[] row = r.next();
            out.print(first ? "\n" : ",\n");
            first = false;
            out.print('{');
            boolean firstCell = true;
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    continue;
                }
                out.print((firstCell ? "" : ",") + jsonString(vars.get(i)) + ":" + jsonTerm(row[i]));
                firstCell = false;
            }
            out.print('}');
        }
        out.println("\n]}}");
    }

    private static String jsonTerm(String t) {
        if (RdfTerms.isBlank(t)) {
            return "{\"type\":\"bnode\",\"value\":" + jsonString(RdfTerms.blankLabel(t)) + "}";
        }
        if (RdfTerms.isIri(t)) {
            return "{\"type\":\"uri\",\"value\":" + jsonString(t) + "}";
        }
        StringBuilder sb = new StringBuilder("{\"type\":\"literal\",\"value\":").append(jsonString(RdfTerms.lexicalForm(t)));
        String lang = RdfTerms.language(t);
        String dt = RdfTerms.datatype(t);
        if (lang != null) {
            sb.append(",\"xml:lang\":").append(jsonString(lang));
        } else if (!dt.equals(RdfTerms.XSD_STRING)) {
            sb.append(",\"datatype\":").append(jsonString(dt));
        }
        return sb.append('}').toString();
    }

    static String jsonString(String s) {
        return JsonText.quote(s);
    }
}
