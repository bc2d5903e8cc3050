package org.nervusdb.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nervusdb.InvalidTermException;
import org.nervusdb.NervusDB;
import org.nervusdb.Triple;
import org.nervusdb.engine.Utf8;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Adds the triples of one or more files to a database (created if missing), streaming: "
                + "memory stays bounded whatever the file size. Gzip input is recognised by its first bytes.",
                "Formats, from --format or the file name (before any .gz): csv, jsonl (also .ndjson).",
                "Triples are committed in batches; on an error the batches before it stay imported.",
                "Progress goes to standard error: a bar on a terminal, a line every 5 s otherwise."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Input files.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv or jsonl (default: from the file name).")
    String format;

    @Option(names = "--columns", paramLabel = "S,P,O",
            description = {"CSV mapping, repeatable (one triple per mapping and row): each part a column (header name or "
                    + "number from 1), =TEXT for a constant, or lit:COLUMN for the cell as a string literal. "
                    + "Default: 1,2,3."})
    List<String> columns = new ArrayList<>();

    @Option(names = "--skip-invalid", description = "Skip malformed statements and invalid terms, count them, and go on.")
    boolean skipInvalid;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100000", description = "Triples per commit (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (a bar on a terminal, lines otherwise), bar, lines or none.")
    String progressMode;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new CliException("cannot read " + f + ": not a file");
            }
            formatOf(f);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long added = 0;
        long read = 0;
        long skipped = 0;
        long t0 = System.nanoTime();
        try (NervusDB d = db.openOrCreate()) {
            for (Path f : files) {
                InputFiles.Opened in = InputFiles.open(f);
                Progress progress = progress(err, f, in);
                List<Triple> pending = new ArrayList<>(Math.min(batch, 1 << 20));
                String[] spo = new String[3];
                try (TripleSource src = source(f, in)) {
                    while (true) {
                        try {
                            if (!src.next(spo)) {
                                break;
                            }
                            check(spo, f, src.line());
                        } catch (BadInputException e) {
                            if (skipInvalid && (src.skipBad() || e instanceof InvalidTerm)) {
                                skipped++;
                                continue;
                            }
                            throw e;
                        }
                        pending.add(Triple.of(spo[0], spo[1], spo[2]));
                        read++;
                        if (pending.size() >= batch) {
                            added += d.addAll(pending);
                            pending.clear();
                        }
                        progress.update(read);
                    }
                } finally {
                    if (!pending.isEmpty()) {
                        added += d.addAll(pending); // what was read before an error stays, as documented
                    }
                    progress.done();
                }
            }
        }
        out.printf(Locale.ROOT, "read: %d triples%nadded: %d (new)%nskipped: %d%nseconds: %.2f%n",
                read, added, skipped, (System.nanoTime() - t0) / 1e9);
        out.flush();
        return Main.EXIT_OK;
    }

    /** An invalid term in an otherwise well-formed statement: skippable. */
    static final class InvalidTerm extends BadInputException {
        private static final long serialVersionUID = 1L;

        InvalidTerm(String file, long line, String message) {
            super(file, line, 0, message);
        }
    }

    private static void check(String[] spo, Path f, long line) {
        for (String t : spo) {
            boolean plain = t.length() < 4096;
            for (int i = 0; plain && i < t.length(); i++) {
                plain = t.charAt(i) < 0xd800 || t.charAt(i) > 0xdfff;
            }
            if (!plain) {
                try {
                    if (Utf8.encode(t, "term").length > (1 << 20)) {
                        throw new InvalidTermException("term longer than 1 MiB of UTF-8");
                    }
                } catch (InvalidTermException e) {
                    throw new InvalidTerm(f.toString(), line, e.getMessage());
                }
            }
        }
    }

    private Progress progress(PrintWriter err, Path f, InputFiles.Opened in) {
        boolean terminal;
        switch (progressMode) {
            case "auto":
                terminal = System.console() != null;
                break;
            case "bar":
                terminal = true;
                break;
            case "lines":
                terminal = false;
                break;
            case "none":
                return Progress.none(err);
            default:
                throw new ParameterException(spec.commandLine(), "--progress must be auto, bar, lines or none, got " + progressMode);
        }
        long size;
        try {
            size = Files.size(f);
        } catch (java.io.IOException e) {
            size = 0;
        }
        return new Progress(err, terminal, size, () -> in.raw.count);
    }

    private String formatOf(Path f) {
        String fmt = format;
        if (fmt == null) {
            String n = InputFiles.baseName(f);
            fmt = n.substring(n.lastIndexOf('.') + 1);
        }
        switch (fmt) {
            case "csv":
                return "csv";
            case "jsonl":
            case "ndjson":
                return "jsonl";
            default:
                throw new ParameterException(spec.commandLine(), "unknown format '" + fmt + "' for " + f + " (use --format csv or jsonl)");
        }
    }

    private TripleSource source(Path f, InputFiles.Opened in) {
        switch (formatOf(f)) {
            case "csv":
                return new CsvSource(f.toString(), in.in, columns);
            default:
                return new JsonLinesSource(f.toString(), in.in);
        }
    }
}
