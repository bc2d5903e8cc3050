package org.nervusdb.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.nervusdb.NervusDB;
import org.nervusdb.NervusDBException;
import org.nervusdb.QueryResult;
import org.nervusdb.Stats;
import org.nervusdb.Triple;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"An interactive session on a database (created if missing), with line editing and history.",
                "SPARQL queries run when a line ends with ';'. Commands start with '.': type .help.",
                "With standard input not a terminal, lines are read as a script, without prompts or history."})
final class ReplCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Option(names = "--history", paramLabel = "FILE",
            description = "History file of sessions on a terminal (default ~/.nervusdb_history), readable by its owner only.")
    Path history;

    /** Streams for tests; null: the process's terminal. */
    InputStream in;
    OutputStream out;
    /** For tests: the terminal of an interactive session; null: the process's own, if it has one. */
    Terminal terminal;

    private QueryCommand.Format format = QueryCommand.Format.table;
    // Where diagnostics go: the terminal itself, or standard error for piped input (a script),
    // whose standard output then holds results only; and whether any command failed.
    private PrintWriter diag;
    private boolean failed;

    static final String HELP = String.join("\n",
            "SELECT ... ;            run a SPARQL query or update (it may span lines; ';' ends it)",
            ".add S P O              add a triple (terms separated by tabs, or by spaces if there is no tab)",
            ".delete S P O           delete a triple",
            ".find [S|*] [P|*] [O|*] list matching triples",
            ".explain QUERY          show the plan with estimated and actual rows",
            ".format table|csv|tsv|json",
            ".count  .stats  .flush  .compact  .verify",
            ".help  .quit");

    @Override
    public Integer call() throws IOException {
        Path hist = history != null ? history : Path.of(System.getProperty("user.home"), ".nervusdb_history");
        boolean interactive = terminal != null || (in == null && onTerminal());
        if (interactive) {
            OutputPaths.refuseInsideDatabase(hist, "--history");
        }
        try (NervusDB d = db.openOrCreate()) {
            if (interactive) {
                Terminal t = terminal != null ? terminal : TerminalBuilder.builder().name("nervusdb").system(true).build();
                try {
                    LineReaderBuilder b = LineReaderBuilder.builder().terminal(t).appName("nervusdb");
                    if (keepPrivate(hist, spec.commandLine().getErr())) {
                        b.variable(LineReader.HISTORY_FILE, hist);
                    }
                    LineReader reader = b.build();
                    diag = t.writer();
                    session(d, t.writer(), prompt -> {
                        while (true) {
                            try {
                                return reader.readLine(prompt);
                            } catch (UserInterruptException e) {
                                return "";
                            } catch (EndOfFileException e) {
                                return null;
                            }
                        }
                    });
                    reader.getHistory().save();
                } finally {
                    if (t != terminal) {
                        t.close();
                    }
                }
            } else {
                // Piped input (a script): plain lines, no prompts, and no history: a script's lines
                // (data included) are not something a person typed and would recall.
                BufferedReader r = new BufferedReader(new InputStreamReader(in != null ? in : System.in, StandardCharsets.UTF_8));
                PrintWriter w = out != null ? new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true)
                        : spec.commandLine().getOut();
                diag = spec.commandLine().getErr();
                session(d, w, prompt -> r.readLine());
                // As a shell runs a script: results on standard output, diagnostics on standard
                // error, and the exit code says whether every command succeeded.
                return failed ? Main.EXIT_FAILURE : Main.EXIT_OK;
            }
        }
        return Main.EXIT_OK;
    }

    /**
     * Whether standard input and output are a terminal. Before Java 22 a console exists only
     * then; from Java 22 on it may exist for pipes too, and its {@code isTerminal()} tells.
     */
    private static boolean onTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /**
     * Makes the history file readable and writable by its owner only, as it holds what was typed
     * (data, and queries naming it): creates it so, or takes the group's and others' permissions
     * from an existing one (never adds any). Where the file system has no POSIX permissions (as on
     * Windows, whose profile directory is the owner's) it is left as it is. Returns false, after a
     * warning, when that fails: the session then keeps no history file.
     */
    static boolean keepPrivate(Path hist, PrintWriter err) {
        if (!hist.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return true;
        }
        try {
            Path parent = hist.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createFile(hist, PosixFilePermissions.asFileAttribute(
                        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            } catch (FileAlreadyExistsException e) {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(hist);
                if (p.removeAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE))) {
                    Files.setPosixFilePermissions(hist, p);
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            err.println("warning: keeping no history: cannot make " + hist + " readable by its owner only: " + e.getMessage());
            err.flush();
            return false;
        }
    }

    /** Reads one line after showing a prompt; null at the end of the input. */
    interface Lines {
        String read(String prompt) throws IOException;
    }

    private void session(NervusDB d, PrintWriter w, Lines lines) throws IOException {
        diag.println("NervusDB " + d.count(null, null, null) + " triples in " + db.dir + "; .help for commands");
        diag.flush();
        StringBuilder pending = new StringBuilder();
        while (true) {
            String line = lines.read(pending.length() == 0 ? "nervusdb> " : "     ...> ");
            if (line == null) {
                break;
            }
            String t = line.trim();
            if (pending.length() == 0 && t.startsWith(".")) {
                if (!command(t, d, w)) {
                    break;
                }
            } else if (!t.isEmpty()) {
                pending.append(line).append('\n');
                if (t.endsWith(";")) {
                    String q = pending.toString().trim();
                    pending.setLength(0);
                    run(q.substring(0, q.length() - 1), d, w);
                }
            }
            w.flush();
            diag.flush();
        }
        w.flush();
    }

    private void error(String message) {
        failed = true;
        diag.println(message);
        diag.flush();
    }

    private void run(String query, NervusDB d, PrintWriter w) {
        long t0 = System.nanoTime();
        try {
            if (org.nervusdb.query.Sparql.isUpdate(query)) {
                w.println("changed: " + d.update(query));
            } else {
                try (QueryResult r = d.sparql(query)) {
                    if (r.kind() == QueryResult.Kind.ASK) {
                        w.println(r.askAnswer());
                    } else {
                        QueryCommand.print(r, w, format);
                    }
                }
            }
            w.flush();
            diag.printf(Locale.ROOT, "(%.1f ms)%n", (System.nanoTime() - t0) / 1e6);
        } catch (NervusDBException e) {
            error("error [" + e.code() + "]: " + e.getMessage());
        }
    }

    /** Runs a dot command; false to end the session. */
    private boolean command(String line, NervusDB d, PrintWriter w) {
        int sp = line.indexOf(' ');
        String name = sp < 0 ? line : line.substring(0, sp);
        String rest = sp < 0 ? "" : line.substring(sp + 1).trim();
        try {
            switch (name) {
                case ".quit":
                case ".exit":
                    return false;
                case ".help":
                    w.println(HELP);
                    break;
                case ".add":
                case ".delete": {
                    String[] t = terms(rest, 3, name);
                    if (t != null) {
                        boolean changed = name.equals(".add") ? d.add(t[0], t[1], t[2]) : d.delete(t[0], t[1], t[2]);
                        w.println(changed ? (name.equals(".add") ? "added" : "deleted") : (name.equals(".add") ? "already present" : "not present"));
                    }
                    break;
                }
                case ".find": {
                    String[] t = rest.isEmpty() ? new String[3] : terms(rest, 3, name);
                    if (t != null) {
                        long n = 0;
                        try (Stream<Triple> s = d.find(star(t[0]), star(t[1]), star(t[2]))) {
                            for (Triple x : (Iterable<Triple>) s::iterator) {
                                w.println(Tsv.line(x));
                                n++;
                            }
                        }
                        w.println(n + (n == 1 ? " triple" : " triples"));
                    }
                    break;
                }
                case ".explain":
                    w.print(d.explain(rest.endsWith(";") ? rest.substring(0, rest.length() - 1) : rest));
                    break;
                case ".format":
                    try {
                        format = QueryCommand.Format.valueOf(rest);
                        w.println("format " + format);
                    } catch (IllegalArgumentException e) {
                        error("error: .format takes table, csv, tsv or json");
                    }
                    break;
                case ".count":
                    w.println(d.count(null, null, null));
                    break;
                case ".stats": {
                    Stats s = d.stats();
                    w.println(s);
                    break;
                }
                case ".flush":
                    d.flush();
                    w.println("flushed");
                    break;
                case ".compact":
                    d.flush();
                    d.compact();
                    w.println("compacted");
                    break;
                case ".verify": {
                    long n = d.verify();
                    List<String> problems = d.checkIndexes(20);
                    if (problems.isEmpty()) {
                        w.println("ok: " + n + " entries checked, indexes consistent");
                    } else {
                        error(String.join("\n", problems));
                    }
                    break;
                }
                default:
                    error("error: unknown command " + name + "; .help lists them");
            }
        } catch (NervusDBException e) {
            error("error [" + e.code() + "]: " + e.getMessage());
        }
        return true;
    }

    private static String star(String t) {
        return t == null || t.equals("*") ? null : t;
    }

    private static String[] terms(String rest, int n, String name) {
        String[] parts = rest.indexOf('\t') >= 0 ? rest.split("\t") : rest.split("\\s+");
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        if (out.size() != n) {
            throw new CliUsage(name + " takes " + n + " terms, got " + out.size());
        }
        return out.toArray(new String[0]);
    }

    /** A mistyped command: reported in the session, which goes on. */
    static final class CliUsage extends NervusDBException {
        private static final long serialVersionUID = 1L;

        CliUsage(String message) {
            super("USAGE", message);
        }
    }
}
