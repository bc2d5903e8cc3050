package org.nervusdb.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.nervusdb.NervusDBException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code nervusdb} command-line tool.
 *
 * <p>Exit codes: {@value #EXIT_OK} on success, {@value #EXIT_FAILURE} when the operation failed
 * (the database reported an error, which is printed as {@code error [CODE]: message}), and
 * {@value #EXIT_USAGE} for invalid command-line input.
 */
@Command(name = "nervusdb",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "NervusDB, an embedded triple store: subject-predicate-object facts in a local directory.",
        subcommands = {DemoCommand.class, StatsCommand.class, FindCommand.class, AddCommand.class, QueryCommand.class,
                CompactCommand.class, VerifyCommand.class, ImportCommand.class, ExportCommand.class, DumpCommand.class,
                BenchCommand.class, ReplCommand.class, MigrateCommand.class,
                org.nervusdb.server.ServeCommand.class, CompletionCommand.class},
        exitCodeOnInvalidInput = Main.EXIT_USAGE,
        exitCodeOnExecutionException = Main.EXIT_FAILURE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed", "2:invalid usage"})
public final class Main implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        // Terms are Unicode; write them as UTF-8 whatever the platform default is.
        cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cl.execute(args));
    }

    /** The configured command line; tests and embedders may redirect its output before executing it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handleError);
        cl.setParameterExceptionHandler(Main::handleUsageError);
        return cl;
    }

    /** Running {@code nervusdb} without a subcommand is a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /**
     * A usage error: the message, picocli's suggestions for a mistyped name, and one line
     * pointing to the command's help (the whole help only for {@code nervusdb} alone).
     */
    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        if (cl.getParent() == null && e.getMessage().startsWith("Missing required subcommand")) {
            cl.usage(err);
        } else {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int handleError(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof NervusDBException) {
            err.println("error [" + ((NervusDBException) e).code() + "]: " + e.getMessage());
        } else if (e instanceof CliException) {
            err.println("error: " + e.getMessage());
        } else if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            // A file the command reads or writes: say which and why, in one line.
            java.io.IOException io = e instanceof java.io.IOException ? (java.io.IOException) e
                    : ((java.io.UncheckedIOException) e).getCause();
            err.println("error [IO]: " + describe(io));
        } else {
            // Not an expected failure: keep the trace, it is the only clue.
            err.println("error: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** An I/O failure as a person reads it: what happened to which file. */
    static String describe(java.io.IOException e) {
        if (e instanceof java.nio.file.FileSystemException) {
            java.nio.file.FileSystemException f = (java.nio.file.FileSystemException) e;
            String what = f instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : f instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : f instanceof java.nio.file.FileAlreadyExistsException ? "file already exists"
                    : f instanceof java.nio.file.NotDirectoryException ? "not a directory"
                    : f instanceof java.nio.file.DirectoryNotEmptyException ? "directory not empty"
                    : f.getReason() != null ? f.getReason() : "cannot be used";
            String file = f.getFile() == null ? "" : f.getFile();
            return f.getOtherFile() == null ? file + ": " + what : file + " -> " + f.getOtherFile() + ": " + what;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** Reports the version recorded in the jar's manifest at build time. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"nervusdb " + (v == null ? "(development build)" : v)};
        }
    }
}
