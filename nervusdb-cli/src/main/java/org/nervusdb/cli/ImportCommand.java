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
import org.nervusdb.Quad;
import org.nervusdb.Triple;
import org.nervusdb.engine.TripleStore;
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
                "Formats, from --format or the file name (before any .gz): nt (N-Triples), nq (N-Quads), ttl (Turtle), "
                        + "trig (TriG), rdfxml (RDF/XML: .rdf, .owl, .xml), jsonld (JSON-LD), csv, jsonl (also .ndjson). "
                        + "IRIs without a scheme (NervusDB's plain names) are accepted; blank node labels get a "
                        + "prefix per file and run unless --keep-blank-labels.",
                "Statements of named graphs (N-Quads, TriG, JSON-LD) go into their graphs (--graph keep, the default), "
                        + "into the default graph with --graph ignore, or are refused with --graph refuse; --into IRI puts "
                        + "the default graph's statements into that named graph.",
                "Triples are committed in batches; on an error the batches before it stay imported (with --bulk: "
                        + "nothing is imported). Errors name FILE:LINE:COLUMN, from 1, the column in characters (not bytes); "
                        + "files must be UTF-8, and malformed UTF-8 is an error at its first byte.",
                "Progress goes to standard error: a bar on a terminal, a line every 5 s otherwise."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Input files; - reads standard input (with --format).")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "nt, nq, ttl, trig, rdfxml, jsonld, csv or jsonl (default: from the file name).")
    String format;

    @Option(names = "--graph", paramLabel = "MODE",
            description = {"Statements of named graphs: keep (the default: each into its graph), ignore (merge every "
                    + "graph into the default graph) or refuse (a named graph is an error)."})
    String graphMode;

    @Option(names = "--into", paramLabel = "IRI",
            description = "Put the statements of the files' default graph into this named graph.")
    String into;

    @Option(names = "--base", paramLabel = "IRI",
            description = "Base IRI for relative IRIs in Turtle, TriG, RDF/XML and JSON-LD (without one they stay relative).")
    String base;

    @Option(names = "--bulk", description = {"Load all files as one bulk load that bypasses the write-ahead log: "
            + "sorted runs in temporary files, tables written directly, one atomic switch at the end. All or nothing: "
            + "an error or a kill leaves the database as it was. Faster for large imports. Named graphs are kept, "
            + "merged or refused as --graph says, as without --bulk. Holds every distinct term in memory until the end "
            + "(its UTF-8 length plus about 30 bytes each) and up to 128 MiB of triples, and as much again for quads "
            + "of named graphs once there is one."})
    boolean bulk;

    @Option(names = "--keep-blank-labels", description = "Store blank node labels as written (files share them), not prefixed per file.")
    boolean keepBlankLabels;

    @Option(names = "--columns", paramLabel = "S,P,O",
            description = {"CSV mapping, repeatable (one triple per mapping and row): each part a column (header name or "
                    + "number from 1), =TEXT for a constant, or lit:COLUMN for the cell as a string literal. "
                    + "Default: 1,2,3."})
    List<String> columns = new ArrayList<>();

    @Option(names = "--skip-invalid", description = {"Skip malformed statements and invalid terms, count them "
            + "(skipped: N), and go on. N-Triples, N-Quads and JSON Lines skip the bad line, CSV the bad row "
            + "(or, for an invalid term, that row's triple).",
            "Turtle and TriG skip the bad statement: from the error to just after its final '.' (a '.' in a string, IRI, "
            + "comment, name or number does not count), or to the end of a line when the next line begins in its "
            + "first column with something that can begin a statement (not white space, '#', a digit or one of "
            + "; , . ] ) \" ' ^ + -). A short string, IRI or comment still open at the end of its line ends there. "
            + "So a garbage line, or a line with an unclosed \"string, is one bad statement and the statement on the "
            + "next line is read; continuation lines of a statement should be indented. In TriG a bad statement "
            + "inside a graph block is skipped alone, a block with a bad graph name whole. RDF/XML and JSON-LD "
            + "skip only invalid terms: a syntax error stops the import."})
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
        if (graphMode != null && !graphMode.equals("keep") && !graphMode.equals("ignore") && !graphMode.equals("refuse")) {
            throw new ParameterException(spec.commandLine(), "--graph must be keep, ignore or refuse, got " + graphMode);
        }
        if (into != null && (into.isEmpty() || into.startsWith("\"") || into.startsWith("_:"))) {
            throw new ParameterException(spec.commandLine(), "--into must be an IRI, got " + into);
        }
        if (!List.of("auto", "bar", "lines", "none").contains(progressMode)) {
            // Checked before the database is opened, so a mistyped option creates nothing.
            throw new ParameterException(spec.commandLine(), "--progress must be auto, bar, lines or none, got " + progressMode);
        }
        int stdin = 0;
        for (Path f : files) {
            if (InputFiles.isStdin(f)) {
                if (++stdin > 1 || format == null) {
                    throw new ParameterException(spec.commandLine(), stdin > 1 ? "standard input ('-') can be read once"
                            : "reading standard input ('-') needs --format");
                }
            } else if (!Files.isRegularFile(f)) {
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
        // A database this import creates, and which a failure leaves without a statement, is
        // removed again: a mistyped file name or a file rejected at its first line leaves nothing.
        boolean existed = Files.exists(db.dir);
        boolean fresh = !Files.exists(db.dir.resolve(org.nervusdb.engine.FileNames.MANIFEST))
                && (!existed || isEmptyDirectory(db.dir));
        try (NervusDB d = db.openOrCreate()) {
            if (bulk) {
                long[] counts = bulkImport(d, err);
                read = counts[0];
                added = counts[1];
                skipped = counts[2];
            } else {
                String run = Long.toString(System.currentTimeMillis(), 36);
                for (int fi = 0; fi < files.size(); fi++) {
                    Path f = files.get(fi);
                    InputFiles.Opened in = InputFiles.open(f);
                    Progress progress = progress(err, f, in);
                    Loader loader = new Loader(d::addQuads, f, progress);
                    try {
                        readFile(f, in, loader, run, fi);
                    } finally {
                        loader.finish(); // what was read before an error stays, as documented
                        progress.done();
                        read += loader.read;
                        added += loader.added;
                        skipped += loader.skipped;
                    }
                }
            }
        } catch (RuntimeException e) {
            if (fresh && added == 0) {
                removeNewDatabase(existed);
            }
            throw e;
        }
        out.printf(Locale.ROOT, "read: %d triples%nadded: %d (new)%nskipped: %d%nseconds: %.2f%n",
                read, added, skipped, (System.nanoTime() - t0) / 1e9);
        out.flush();
        return Main.EXIT_OK;
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Deletes the files of a database this import created (and its directory, if it made that too). */
    private void removeNewDatabase(boolean keepDirectory) {
        try (java.util.stream.Stream<Path> s = Files.list(db.dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.deleteIfExists(f);
            }
            if (!keepDirectory) {
                Files.deleteIfExists(db.dir);
            }
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("warning: could not remove the empty database " + db.dir + ": " + e.getMessage());
        }
    }

    private void readFile(Path f, InputFiles.Opened in, Loader loader, String run, int fi) {
        String fmt = formatOf(f);
        loader.mergeGraphs = "ignore".equals(graphMode);
        loader.refuseGraphs = "refuse".equals(graphMode);
        if (fmt.equals("csv") || fmt.equals("jsonl")) {
            readTable(f, in, fmt, loader);
        } else {
            readRdf(f, in, fmt, loader, keepBlankLabels ? "" : "i" + run + "f" + fi + "_");
        }
    }

    /**
     * One bulk load of all files: {@link NervusDB#bulkLoad(NervusDB.Producer)} reads them on its
     * reading thread while it sorts and writes. Returns {read, added, skipped}.
     */
    private long[] bulkImport(NervusDB d, PrintWriter err) {
        long[] counts = new long[3];
        counts[1] = d.bulkLoad(sink -> {
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (int fi = 0; fi < files.size(); fi++) {
                Path f = files.get(fi);
                InputFiles.Opened in = InputFiles.open(f);
                Progress progress = progress(err, f, in);
                Loader loader = new Loader(sink, f, progress);
                try {
                    readFile(f, in, loader, run, fi);
                    loader.finish();
                } finally {
                    progress.done();
                    counts[0] += loader.read;
                    counts[2] += loader.skipped;
                }
            }
        });
        return counts;
    }

    /**
     * Batches the triples of one file into commits, or hands them straight to a bulk load's sink;
     * counts what it read, added and skipped. Every statement reaches the database through
     * {@link #add} or {@link #acceptUtf8}, with the graph {@link #graph} chose for it.
     */
    private final class Loader {
        final java.util.function.ToLongFunction<List<Quad>> commit;
        final NervusDB.TripleSink direct;
        final Path file;
        final Progress progress;
        final List<Quad> pending = new ArrayList<>();
        /** --graph ignore: statements of named graphs go into the default graph; --graph refuse: they are an error. */
        boolean mergeGraphs;
        boolean refuseGraphs;
        private byte[] intoUtf8;
        long read;
        long added;
        long skipped;

        Loader(java.util.function.ToLongFunction<List<Quad>> commit, Path file, Progress progress) {
            this.commit = commit;
            this.direct = null;
            this.file = file;
            this.progress = progress;
        }

        Loader(NervusDB.TripleSink direct, Path file, Progress progress) {
            this.commit = null;
            this.direct = direct;
            this.file = file;
            this.progress = progress;
        }

        /**
         * Takes one statement as UTF-8 (well-formed and within the term limit, from the byte
         * parser); its graph in {@code b[go .. go + gl)}, the default graph if {@code gl < 0}. A
         * bulk load gets the bytes as they are, the graph's too when it is kept.
         */
        void acceptUtf8(byte[] b, int so, int sl, int po, int pl, int oo, int ol, int go, int gl, Positions at) {
            String g = gl < 0 ? null : Utf8.decode(b, go, gl);
            if (direct == null) {
                add(Utf8.decode(b, so, sl), Utf8.decode(b, po, pl), Utf8.decode(b, oo, ol), g, at);
                return;
            }
            String target = graph(g, at);
            if (target == null) {
                direct.addUtf8(b, so, sl, po, pl, oo, ol);
            } else if (target == g) {
                direct.addUtf8(b, so, sl, po, pl, oo, ol, b, go, gl);
            } else {
                byte[] t = intoUtf8();
                direct.addUtf8(b, so, sl, po, pl, oo, ol, t, 0, t.length);
            }
            read++;
            progress.update(read);
        }

        /** The --into graph's name in UTF-8. */
        private byte[] intoUtf8() {
            if (intoUtf8 == null) {
                intoUtf8 = Utf8.encode(into, "--into");
            }
            return intoUtf8;
        }

        /**
         * Takes one statement; an invalid term is skipped (counted) or thrown, as --skip-invalid says,
         * named by its place in the source.
         */
        void accept(String s, String p, String o, String g, Positions at) {
            String[] spog = {s, p, o, g};
            for (int k = 0; k < 4; k++) {
                String why = spog[k] == null ? null : invalid(spog[k]);
                if (why != null) {
                    if (skipInvalid) {
                        skipped++;
                        return;
                    }
                    if (at.line(k) < 1) {
                        throw new CliException(file + ": " + why);
                    }
                    throw new InvalidTerm(file.toString(), at.line(k), at.column(k), why);
                }
            }
            add(s, p, o, g, at);
        }

        /** Takes one statement whose terms the store accepts (the RDF parsers refuse the others). */
        void add(String s, String p, String o, String g, Positions at) {
            String target = graph(g, at);
            read++;
            if (direct != null) {
                direct.add(s, p, o, target);
                progress.update(read);
                return;
            }
            pending.add(Quad.of(s, p, o, target));
            if (pending.size() >= batch) {
                added += commit.applyAsLong(pending);
                pending.clear();
            }
            progress.update(read);
        }

        /**
         * The one place where a statement's graph is decided, for every format and both ways of
         * loading: the graph to store it in (null: the default graph). A statement of a named
         * graph ({@code g} not null; {@code at} says where its graph term is) goes into that graph,
         * or into the default graph with --graph ignore, or is refused with --graph refuse; one of
         * the default graph goes into the --into graph if there is one.
         */
        private String graph(String g, Positions at) {
            if (g == null) {
                return into;
            }
            if (mergeGraphs) {
                return into;
            }
            if (!refuseGraphs) {
                return g;
            }
            throw refused(g + ") and --graph refuse", at);
        }

        private RuntimeException refused(String why, Positions at) {
            if (at.line(3) < 1) {
                return new CliException(file + ": a named graph (" + why);
            }
            return new BadInputException(file.toString(), at.line(3), at.column(3), "a named graph (" + why);
        }

        void finish() {
            if (commit != null && !pending.isEmpty()) {
                added += commit.applyAsLong(pending);
                pending.clear();
            }
        }
    }

    private void readTable(Path f, InputFiles.Opened in, String fmt, Loader loader) {
        String[] spo = new String[4];
        try (TripleSource src = fmt.equals("csv") ? new CsvSource(f.toString(), in.in, columns) : new JsonLinesSource(f.toString(), in.in)) {
            while (true) {
                try {
                    if (!src.next(spo)) {
                        break;
                    }
                } catch (BadInputException e) {
                    if (skipInvalid && src.skipBad()) {
                        loader.skipped++;
                        continue;
                    }
                    throw e;
                }
                loader.accept(spo[0], spo[1], spo[2], spo[3], src);
            }
        }
    }

    /** N-Triples and N-Quads, read as bytes (terms reach a bulk load without becoming strings). */
    private void readNTriples(Path f, InputFiles.Opened in, String fmt, Loader loader, String blankPrefix) {
        org.nervusdb.rdf.NTriplesByteParser p = fmt.equals("nq") ? org.nervusdb.rdf.NTriplesByteParser.nQuads()
                : org.nervusdb.rdf.NTriplesByteParser.nTriples();
        p.blankNodePrefix(blankPrefix).relativeIris(true).maxTermBytes(TripleStore.MAX_TERM_BYTES);
        Positions at = new Positions() {
            @Override
            public long line(int term) {
                return p.line();
            }

            @Override
            public long column(int term) {
                return p.column(term);
            }
        };
        java.util.function.Consumer<org.nervusdb.rdf.RdfSyntaxException> onInvalid = skipInvalid ? e -> loader.skipped++ : null;
        try (java.io.InputStream r = in.in) {
            p.parse(r, (b, so, sl, po, pl, oo, ol, go, gl) ->
                    loader.acceptUtf8(b, so, sl, po, pl, oo, ol, go, gl, at), onInvalid);
        } catch (org.nervusdb.rdf.RdfSyntaxException e) {
            throw new BadInputException(f.toString(), e.line(), e.column(), e.detail());
        } catch (java.io.IOException e) {
            throw new CliException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private void readRdf(Path f, InputFiles.Opened in, String fmt, Loader loader, String blankPrefix) {
        if (fmt.equals("nt") || fmt.equals("nq")) {
            readNTriples(f, in, fmt, loader, blankPrefix);
            return;
        }
        if (fmt.equals("rdfxml") || fmt.equals("jsonld")) {
            try (java.io.InputStream r = in.in) {
                new RioReader(f.toString(), base, blankPrefix).read(r, fmt,
                        (s, p, o, g) -> loader.accept(s, p, o, g, Positions.UNKNOWN));
            } catch (java.io.IOException e) {
                throw new CliException("cannot read " + f + ": " + e.getMessage(), e);
            }
            return;
        }
        java.util.function.Consumer<org.nervusdb.rdf.RdfSyntaxException> onInvalid = skipInvalid ? e -> loader.skipped++ : null;
        try (java.io.InputStream r = in.in) {
            org.nervusdb.rdf.TurtleParser p = fmt.equals("trig") ? org.nervusdb.rdf.TurtleParser.trig(base)
                    : new org.nervusdb.rdf.TurtleParser(base);
            Positions at = new Positions() {
                @Override
                public long line(int term) {
                    return term == 3 ? p.graphLine() : 0;
                }

                @Override
                public long column(int term) {
                    return term == 3 ? p.graphColumn() : 0;
                }
            };
            p.blankNodePrefix(blankPrefix).maxTermBytes(TripleStore.MAX_TERM_BYTES)
                    .parse(r, (s, pr, o, g) -> loader.add(s, pr, o, g, at), onInvalid);
        } catch (org.nervusdb.rdf.RdfSyntaxException e) {
            throw new BadInputException(f.toString(), e.line(), e.column(), e.detail());
        } catch (java.io.IOException e) {
            throw new CliException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** An invalid term in an otherwise well-formed statement: skippable. */
    static final class InvalidTerm extends BadInputException {
        private static final long serialVersionUID = 1L;

        InvalidTerm(String file, long line, long column, String message) {
            super(file, line, column, message);
        }
    }

    /** Why the store cannot take {@code t} (a lone surrogate, too long), or null. */
    private static String invalid(String t) {
        boolean plain = t.length() < 4096;
        for (int i = 0; plain && i < t.length(); i++) {
            plain = t.charAt(i) < 0xd800 || t.charAt(i) > 0xdfff;
        }
        if (!plain) {
            try {
                if (Utf8.encode(t, "term").length > TripleStore.MAX_TERM_BYTES) {
                    return "term longer than " + TripleStore.MAX_TERM_BYTES + " bytes of UTF-8";
                }
            } catch (InvalidTermException e) {
                return e.getMessage();
            }
        }
        return null;
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
        long size = 0; // unknown for standard input
        try {
            if (!InputFiles.isStdin(f)) {
                size = Files.size(f);
            }
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
            case "nt":
            case "ntriples":
                return "nt";
            case "nq":
            case "nquads":
                return "nq";
            case "ttl":
            case "turtle":
                return "ttl";
            case "trig":
                return "trig";
            case "rdfxml":
            case "rdf":
            case "owl":
            case "xml":
                return "rdfxml";
            case "jsonld":
            case "json-ld":
                return "jsonld";
            default:
                throw new ParameterException(spec.commandLine(), "unknown format '" + fmt + "' for " + f
                        + " (use --format nt, nq, ttl, trig, rdfxml, jsonld, csv or jsonl)");
        }
    }

}
