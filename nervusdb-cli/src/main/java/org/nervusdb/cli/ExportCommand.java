package org.nervusdb.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.nervusdb.NervusDB;
import org.nervusdb.QueryBuilder;
import org.nervusdb.Quad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the statements of a database (or those matching a pattern) from one snapshot, streaming.",
                "Formats: nt (N-Triples), nq (N-Quads), ttl (Turtle, grouped by subject, with prefixes: the base IRI as the empty one, rdf, rdfs, xsd, owl), trig (TriG), csv (header "
                        + "subject,predicate,object; RFC 4180), jsonl ({subject, predicate, object} per line), tsv (as "
                        + "'find' prints). Output: standard output, or --output FILE (gzip-compressed when FILE ends in .gz). "
                        + "N-Quads and TriG write every graph (the default graph and the named graphs); the other formats "
                        + "write the default graph, or the graph --graph names.",
                "Plain names (IRIs without a scheme) are written in RDF formats as the database's base IRI followed by "
                        + "the name (see 'stats'), or --base IRI's, so every RDF tool reads them; --relative writes them "
                        + "as they are stored (<alice>), which only NervusDB's import reads. A name "
                        + "that no IRI can hold (a space, <, >, \\\", {, }, |, ^, ` or a control character) cannot be written "
                        + "in an RDF format: export stops naming it; use csv or jsonl for such data."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Mixin
    PatternOptions pattern;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "nt, nq, ttl, trig, csv, jsonl or tsv (default: from --output's name, else tsv).")
    String format;

    @Option(names = "--base", paramLabel = "IRI",
            description = "For nt, nq, ttl and trig: write IRIs without a scheme (plain names) as IRI followed by the name "
                    + "(default: the database's base IRI).")
    String base;

    @Option(names = "--relative", description = "For nt, nq, ttl and trig: write plain names as relative IRIs, as stored.")
    boolean relative;

    @Option(names = "--graph", paramLabel = "IRI",
            description = "Write only this named graph (or 'default' for the default graph).")
    String graph;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of standard output (- is standard output).")
    Path output;

    private static final String[][] PREFIXES = {
        {"", null},
        {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
        {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
        {"xsd", "http://www.w3.org/2001/XMLSchema#"},
        {"owl", "http://www.w3.org/2002/07/owl#"},
    };

    @Override
    public Integer call() throws IOException {
        if (output != null && output.toString().equals("-")) {
            output = null; // standard output, as without --output
        }
        String fmt = format(format, output);
        if (base != null && relative) {
            throw new ParameterException(spec.commandLine(), "--base and --relative exclude each other");
        }
        if (base != null && !base.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            throw new ParameterException(spec.commandLine(), "--base must be an IRI with a scheme (such as http:), got " + base);
        }
        if (output != null) {
            OutputPaths.refuseInsideDatabase(output, "--output");
        }
        long n = 0;
        try (NervusDB d = db.openForReading(spec.commandLine().getErr())) {
            if (graph == null && !(fmt.equals("nq") || fmt.equals("trig")) && !d.graphs().isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("note: the database has " + d.graphs().size() + " named graph(s), which " + fmt
                        + " cannot hold; writing the default graph (use nq or trig, or --graph IRI)");
                err.flush();
            }
            OutputStream file = null;
            Writer w;
            if (output != null) {
                file = Files.newOutputStream(output);
                if (output.getFileName().toString().endsWith(".gz")) {
                    file = new GZIPOutputStream(file, 1 << 16);
                }
                w = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), 1 << 16);
            } else {
                w = spec.commandLine().getOut();
            }
            String writeBase = relative ? null : base != null ? base : d.baseIri();
            boolean quadFormat = fmt.equals("nq") || fmt.equals("trig");
            String g = graph == null ? (quadFormat ? null : Quad.DEFAULT_GRAPH) : graph.equals("default") ? Quad.DEFAULT_GRAPH : graph;
            try (Stream<Quad> quads = d.findQuads(pattern.subject, pattern.predicate, pattern.object, g)) {
                n = write(fmt, quads.iterator(), w, writeBase);
            } finally {
                w.flush();
                if (file != null) {
                    w.close();
                }
            }
        }
        if (output != null) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "exported: %d statements to %s%n", n, output);
            out.flush();
        }
        return Main.EXIT_OK;
    }

    private String format(String f, Path out) {
        String fmt = f;
        if (fmt == null) {
            fmt = out == null ? "tsv" : InputFiles.baseName(out).substring(InputFiles.baseName(out).lastIndexOf('.') + 1);
        }
        switch (fmt) {
            case "csv":
            case "tsv":
            case "nt":
            case "nq":
            case "ttl":
            case "trig":
                return fmt;
            case "ntriples":
                return "nt";
            case "nquads":
                return "nq";
            case "turtle":
                return "ttl";
            case "jsonl":
            case "ndjson":
                return "jsonl";
            default:
                throw new ParameterException(spec.commandLine(), "unknown export format '" + fmt + "' (use nt, nq, ttl, trig, csv, jsonl or tsv)");
        }
    }

    /** Refuses an IRI term that N-Triples and Turtle cannot write as it is. */
    private static void iriOnly(String term) {
        if (!org.nervusdb.rdf.RdfTerms.isIri(term)) {
            return;
        }
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c <= 0x20 || "<>\"{}|^`\\".indexOf(c) >= 0) {
                throw new CliException("the term '" + term.replace("\n", "\\n") + "' is not a valid IRI ('"
                        + (c < 0x20 ? "\\u" + Integer.toHexString(0x10000 | c).substring(1) : String.valueOf(c))
                        + "' at " + i + "); export it as csv or jsonl");
            }
        }
    }

    /** Writes the statements in one of the RDF formats; N-Quads and TriG with their graphs. */
    private static long writeRdf(String fmt, Iterator<Quad> it, Writer w, String base) throws IOException {
        org.nervusdb.rdf.NTriplesWriter nt = fmt.equals("nt") ? new org.nervusdb.rdf.NTriplesWriter(w, base) : null;
        org.nervusdb.rdf.NQuadsWriter nq = fmt.equals("nq") ? new org.nervusdb.rdf.NQuadsWriter(w, base) : null;
        org.nervusdb.rdf.TurtleWriter ttl = fmt.equals("ttl") ? new org.nervusdb.rdf.TurtleWriter(w, base) : null;
        org.nervusdb.rdf.TrigWriter trig = fmt.equals("trig") ? new org.nervusdb.rdf.TrigWriter(w, base) : null;
        // Turtle and TriG abbreviate: the base IRI of plain names as the empty prefix, and the
        // vocabularies every RDF file uses.
        for (String[] p : PREFIXES) {
            if (p[0].isEmpty() && base == null) {
                continue;
            }
            String ns = p[0].isEmpty() ? base : p[1];
            if (ttl != null) {
                ttl.prefix(p[0], ns);
            } else if (trig != null) {
                trig.prefix(p[0], ns);
            }
        }
        long n = 0;
        while (it.hasNext()) {
            Quad t = it.next();
            iriOnly(t.subject());
            iriOnly(t.predicate());
            iriOnly(t.object());
            String graph = t.graph();
            if (graph != null) {
                iriOnly(graph);
            }
            if (nt != null) {
                nt.write(t.subject(), t.predicate(), t.object());
            } else if (nq != null) {
                nq.write(t.subject(), t.predicate(), t.object(), graph);
            } else if (ttl != null) {
                ttl.write(t.subject(), t.predicate(), t.object());
            } else {
                trig.write(t.subject(), t.predicate(), t.object(), graph);
            }
            n++;
        }
        if (ttl != null) {
            ttl.finish();
        } else if (trig != null) {
            trig.finish();
        }
        w.flush();
        return n;
    }

    private static long write(String fmt, Iterator<Quad> it, Writer w, String base) throws IOException {
        long n = 0;
        switch (fmt) {
            case "nt":
            case "nq":
            case "ttl":
            case "trig":
                return writeRdf(fmt, it, w, base);
            case "csv": {
                CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader("subject", "predicate", "object").get());
                while (it.hasNext()) {
                    Quad t = it.next();
                    csv.printRecord(t.subject(), t.predicate(), t.object());
                    n++;
                }
                csv.flush();
                return n;
            }
            case "jsonl": {
                JsonGenerator g = new JsonFactory().createGenerator(w);
                g.setRootValueSeparator(null);
                try {
                    while (it.hasNext()) {
                        Quad t = it.next();
                        g.writeStartObject();
                        g.writeStringField("subject", t.subject());
                        g.writeStringField("predicate", t.predicate());
                        g.writeStringField("object", t.object());
                        g.writeEndObject();
                        g.flush();
                        w.write('\n');
                        n++;
                    }
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                g.flush();
                return n;
            }
            default:
                while (it.hasNext()) {
                    w.write(Tsv.line(it.next().triple()));
                    w.write('\n');
                    n++;
                }
                return n;
        }
    }
}
