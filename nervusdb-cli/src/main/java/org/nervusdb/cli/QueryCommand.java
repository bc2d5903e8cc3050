package org.nervusdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nervusdb.NervusDB;
import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import org.nervusdb.QuerySyntaxException;
import org.nervusdb.query.JsonText;
import org.nervusdb.rdf.RdfTerms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Runs a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) or update request (INSERT, DELETE, "
                + "LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD: one atomic commit), or a builder query given by options, "
                + "and prints the result.",
                "Stored terms read as RDF terms: plain names are IRIs (<alice>), terms in N-Triples "
                        + "literal syntax are literals, _:x are blank nodes.",
                "Builder queries: -s/-p/-o match a first pattern; --follow, --reverse and --path add traversal "
                        + "steps and --where conditions on the latest step, in the order given; results are the "
                        + "last step's facts, or --nodes, --values, --count, --count-by."})
final class QueryCommand implements Callable<Integer> {
    enum Format { table, csv, tsv, json, xml, nt, nq, ttl }

    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Mixin
    PatternOptions pattern;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "The query text (or use --file).")
    String text;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Read the query from FILE (UTF-8; - reads standard input); its errors are given as FILE:LINE:COLUMN.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output: table (default), csv, tsv, json or xml (SPARQL 1.1 results formats for the last four); "
                    + "nt, nq or ttl for CONSTRUCT and DESCRIBE (plain names written against the database's base IRI; "
                    + "nq writes the lines of nt: the answer is one graph).")
    Format format;

    @Option(names = "--timeout", paramLabel = "MS", description = "Stop the query after MS milliseconds.")
    long timeoutMillis;

    @Option(names = "--max-memory", paramLabel = "MIB",
            description = "Stop the query when what it holds in memory passes MIB mebibytes (default: a quarter of the heap).")
    long maxMemoryMib;

    @Option(names = "--explain", description = "Run the query and print the plan with rows per operator instead of the results.")
    boolean explain;

    @Option(names = "--follow", paramLabel = "P", description = "Builder step: along P from the nodes reached.")
    List<String> follows = new ArrayList<>();

    @Option(names = "--reverse", paramLabel = "P", description = "Builder step: against P to the nodes reached.")
    List<String> reverses = new ArrayList<>();

    @Option(names = "--path", paramLabel = "P:MIN:MAX", description = "Builder step: along P for MIN to MAX hops (MAX -1: no bound).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--where", paramLabel = "POS:OP:VALUE",
            description = "Builder condition on the latest step: POS subject|predicate|object, OP eq|ne|prefix|regex|gt|ge|lt|le.")
    List<String> wheres = new ArrayList<>();

    @Option(names = "--order", paramLabel = "POS[:desc]", description = "Builder: order by a position of the last step's facts.")
    List<String> orders = new ArrayList<>();

    @Option(names = "--offset", paramLabel = "N", description = "Builder: skip N results.")
    long offset;

    @Option(names = "--limit", paramLabel = "N", description = "Builder: at most N results.")
    Long limit;

    @Option(names = "--distinct", description = "Builder: --values gives each value once.")
    boolean distinct;

    @Option(names = "--nodes", description = "Builder: print the distinct nodes the last step reached.")
    boolean nodes;

    @Option(names = "--values", paramLabel = "POS", description = "Builder: print one position of each result.")
    String values;

    @Option(names = "--count", description = "Builder: print the number of results.")
    boolean count;

    @Option(names = "--count-by", paramLabel = "POS", description = "Builder: print the number of results per value, largest first.")
    String countBy;

    /** The query's limits from --timeout and --max-memory. */
    @Option(names = "--union-default-graph",
            description = "The default graph of a query without FROM is the union of all graphs (else the default graph alone).")
    boolean unionDefaultGraph;

    private QueryOptions limits() {
        QueryOptions o = QueryOptions.defaults().timeoutMillis(Math.max(0, timeoutMillis)).unionDefaultGraph(unionDefaultGraph);
        if (maxMemoryMib > 0) {
            o.maxMemoryBytes(maxMemoryMib << 20);
        }
        return o;
    }

    @Override
    public Integer call() throws IOException {
        if (text == null && file == null && builderQuery()) {
            return runBuilder();
        }
        if ((text == null) == (file == null)) {
            throw new ParameterException(spec.commandLine(), "give the query either as an argument or with --file");
        }
        if (timeoutMillis < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be >= 0");
        }
        if (maxMemoryMib < 0) {
            throw new ParameterException(spec.commandLine(), "--max-memory must be >= 0 (0: the default)");
        }
        QueryOptions options = limits();
        TextFile queryFile = file == null ? null : TextFile.read(file);
        String query = text != null ? text : queryFile.text;
        PrintWriter out = spec.commandLine().getOut();
        boolean update = !explain && org.nervusdb.query.Sparql.isUpdate(query);
        try (NervusDB d = update ? db.openExisting() : db.openForReading(spec.commandLine().getErr())) {
            if (explain) {
                out.print(d.explain(query, options));
                return Main.EXIT_OK;
            }
            if (org.nervusdb.query.Sparql.isUpdate(query)) {
                long changed = d.update(query, options);
                out.println("changed: " + changed);
                return Main.EXIT_OK;
            }
            try (QueryResult r = d.sparql(query, options)) {
                boolean graph = r.kind() == QueryResult.Kind.GRAPH;
                if (format == Format.xml || format == Format.nt || format == Format.nq || format == Format.ttl) {
                    if (graph != (format != Format.xml)) {
                        throw new ParameterException(spec.commandLine(), "--format " + format + " is for "
                                + (graph ? "SELECT and ASK results; use nt, nq or ttl" : "CONSTRUCT and DESCRIBE results; use table, csv, tsv, json or xml"));
                    }
                    org.nervusdb.query.ResultWriter.write(r, format == Format.xml ? org.nervusdb.query.ResultWriter.Format.XML
                            // A graph result is in the default graph: its N-Quads lines are its N-Triples lines.
                            : format == Format.nt || format == Format.nq ? org.nervusdb.query.ResultWriter.Format.NTRIPLES
                            : org.nervusdb.query.ResultWriter.Format.TURTLE, out, d.baseIri());
                    return Main.EXIT_OK;
                }
                if (r.kind() == QueryResult.Kind.ASK) {
                    boolean a = r.askAnswer();
                    out.println(format == Format.json ? "{\"head\":{},\"boolean\":" + a + "}" : Boolean.toString(a));
                } else {
                    print(r, out, format);
                }
            }
        } catch (QuerySyntaxException e) {
            if (queryFile == null) {
                throw e;
            }
            // The query's own position (a column of UTF-16 chars) as the file's line and column.
            String where = "line " + e.line() + ", column " + e.column() + ": ";
            String detail = e.getMessage().startsWith(where) ? e.getMessage().substring(where.length()) : e.getMessage();
            throw queryFile.error(queryFile.offset(e.line(), e.column()), detail);
        } finally {
            out.flush();
        }
        return Main.EXIT_OK;
    }

    private boolean builderQuery() {
        return pattern.any() || !follows.isEmpty() || !reverses.isEmpty()
                || !paths.isEmpty() || !wheres.isEmpty() || nodes || values != null || count || countBy != null;
    }

    private static org.nervusdb.Position position(String p, String option) {
        switch (p) {
            case "subject":
            case "s":
                return org.nervusdb.Position.SUBJECT;
            case "predicate":
            case "p":
                return org.nervusdb.Position.PREDICATE;
            case "object":
            case "o":
                return org.nervusdb.Position.OBJECT;
            default:
                throw new CliException(option + ": position must be subject, predicate or object, got '" + p + "'");
        }
    }

    private static org.nervusdb.Condition condition(String op, String value, String option) {
        try {
            return org.nervusdb.Condition.of(op, value, null);
        } catch (IllegalArgumentException e) {
            throw new CliException(option + ": " + e.getMessage());
        }
    }

    /** Steps and conditions in command-line order (picocli keeps each option's values, not their interleaving). */
    private void applySteps(org.nervusdb.QueryBuilder q) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (!name.equals("--follow") && !name.equals("--reverse") && !name.equals("--path") && !name.equals("--where")) {
                continue;
            }
            if (value == null) {
                value = args.get(++i);
            }
            switch (name) {
                case "--follow":
                    q.follow(value);
                    break;
                case "--reverse":
                    q.followReverse(value);
                    break;
                case "--path": {
                    int c2 = value.lastIndexOf(':');
                    int c1 = c2 < 0 ? -1 : value.lastIndexOf(':', c2 - 1);
                    if (c1 < 0) {
                        throw new CliException("--path takes P:MIN:MAX, got '" + value + "'");
                    }
                    try {
                        q.followPath(value.substring(0, c1), Integer.parseInt(value.substring(c1 + 1, c2)),
                                Integer.parseInt(value.substring(c2 + 1)));
                    } catch (NumberFormatException e) {
                        throw new CliException("--path takes P:MIN:MAX with whole numbers, got '" + value + "'");
                    }
                    break;
                }
                default: {
                    int c1 = value.indexOf(':');
                    int c2 = c1 < 0 ? -1 : value.indexOf(':', c1 + 1);
                    if (c2 < 0) {
                        throw new CliException("--where takes POS:OP:VALUE, got '" + value + "'");
                    }
                    q.where(position(value.substring(0, c1), "--where"),
                            condition(value.substring(c1 + 1, c2), value.substring(c2 + 1), "--where"));
                }
            }
        }
    }

    private Integer runBuilder() {
        int modes = (nodes ? 1 : 0) + (values != null ? 1 : 0) + (count ? 1 : 0) + (countBy != null ? 1 : 0);
        if (modes > 1) {
            throw new ParameterException(spec.commandLine(), "give at most one of --nodes, --values, --count, --count-by");
        }
        if (explain) {
            throw new ParameterException(spec.commandLine(), "--explain is for SPARQL queries");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (NervusDB d = db.openForReading(spec.commandLine().getErr())) {
            org.nervusdb.QueryBuilder q = d.query();
            pattern.apply(q);
            applySteps(q);
            for (String o : orders) {
                String[] parts = o.split(":", 2);
                org.nervusdb.Position pos = position(parts[0], "--order");
                if (parts.length == 2 && parts[1].equals("desc")) {
                    q.orderByDescending(pos);
                } else if (parts.length == 1 || parts[1].equals("asc")) {
                    q.orderBy(pos);
                } else {
                    throw new CliException("--order takes POS, POS:asc or POS:desc, got '" + o + "'");
                }
            }
            if (offset < 0 || (limit != null && limit < 0)) {
                throw new ParameterException(spec.commandLine(), "--offset and --limit must be >= 0");
            }
            q.offset(offset);
            if (limit != null) {
                q.limit(limit);
            }
            if (distinct) {
                q.distinct();
            }
            q.options(limits());
            List<String> vars;
            List<String[]> rows = new ArrayList<>();
            if (count) {
                vars = List.of("count");
                rows.add(new String[] {RdfTerms.literal(Long.toString(q.count()), null, RdfTerms.XSD + "integer")});
            } else if (countBy != null) {
                vars = List.of("value", "count");
                for (java.util.Map.Entry<String, Long> e : q.countBy(position(countBy, "--count-by")).entrySet()) {
                    rows.add(new String[] {e.getKey(), RdfTerms.literal(Long.toString(e.getValue()), null, RdfTerms.XSD + "integer")});
                }
            } else if (nodes || values != null) {
                vars = List.of(nodes ? "node" : "value");
                for (String v : nodes ? q.nodes() : q.values(position(values, "--values"))) {
                    rows.add(new String[] {v});
                }
            } else {
                vars = List.of("subject", "predicate", "object");
                for (org.nervusdb.Triple t : q.execute()) {
                    rows.add(new String[] {t.subject(), t.predicate(), t.object()});
                }
            }
            print(rows(vars, rows), out, format);
        } finally {
            out.flush();
        }
        return Main.EXIT_OK;
    }

    /** Rows already computed, as a result to print. */
    private static QueryResult rows(List<String> vars, List<String[]> rows) {
        java.util.Iterator<String[]> it = rows.iterator();
        return new QueryResult() {
            @Override
            public Kind kind() {
                return Kind.SELECT;
            }

            @Override
            public List<String> variables() {
                return vars;
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String[] next() {
                return it.next();
            }

            @Override
            public boolean askAnswer() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Prints a SELECT result in a format; the REPL shares it. */
    static void print(QueryResult r, PrintWriter out, Format format) {
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
