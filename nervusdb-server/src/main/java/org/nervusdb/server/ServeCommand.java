package org.nervusdb.server;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nervusdb serve}: a SPARQL server over a database until stopped (SIGTERM or Ctrl-C: a
 * clean shutdown). Only this command's {@link #call()} touches the server classes, so the
 * other commands of the tool start without loading Jetty or Fuseki.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a database over HTTP: SPARQL 1.1 query, update and Graph Store protocols, "
                + "Prometheus metrics and a live dashboard.",
                "URLs (NAME is --name, 'ds' by default): /NAME/sparql and /NAME/query (queries), /NAME/update (updates), "
                        + "/NAME/data (Graph Store read/write), /NAME/get (Graph Store read), /metrics, /$/nervusdb/dashboard.",
                "Read-only unless --allow-updates, and then writes need the bearer token of --token-file or a user "
                        + "and password of --password-file."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "DIR", description = "Database directory.")
    Path dir;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "3030",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "ds",
            description = "Dataset name in the URLs (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--allow-updates", description = "Serve SPARQL Update and Graph Store writes (with a credential only).")
    boolean allowUpdates;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File whose first line is the bearer token that writes need (Authorization: Bearer TOKEN).")
    Path tokenFile;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File of 'user:password' lines; writes need HTTP basic authentication as one of them.")
    Path passwordFile;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "10MB",
            description = "Largest request body accepted, e.g. 10MB, 512KB, 1GB (default: ${DEFAULT-VALUE}); larger ones get 413.")
    String maxBody;

    @Option(names = "--query-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Time limit of a query, e.g. 30s, 500ms, 2m; 0 for none (default: ${DEFAULT-VALUE}).")
    String queryTimeout;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long a shutdown waits for requests in flight (default: ${DEFAULT-VALUE}).")
    String grace;

    /** Runs the command alone: {@code java -cp ... org.nervusdb.server.ServeCommand --db DIR ...}. */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new ServeCommand());
        cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("error: " + e.getMessage());
            return 1;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        CommandLine cl = spec.commandLine();
        ServerConfig c = new ServerConfig();
        c.db = dir;
        c.host = host;
        c.port = port;
        c.name = name.replaceAll("^/+|/+$", "");
        if (c.name.isEmpty() || c.name.contains("/") || c.name.startsWith("$")) {
            throw new ParameterException(cl, "--name must be one plain path segment, got '" + name + "'");
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(cl, "--port must be 0 to 65535, got " + port);
        }
        c.allowUpdates = allowUpdates;
        c.maxBodyBytes = parseSize(cl, "--max-body", maxBody);
        c.queryTimeoutMillis = parseMillis(cl, "--query-timeout", queryTimeout);
        c.graceMillis = parseMillis(cl, "--shutdown-grace", grace);
        if (c.maxBodyBytes <= 0) {
            throw new ParameterException(cl, "--max-body must be more than 0");
        }
        if (allowUpdates && tokenFile == null && passwordFile == null) {
            throw new ParameterException(cl, "--allow-updates needs a credential: --token-file FILE or --password-file FILE");
        }
        if (!allowUpdates && (tokenFile != null || passwordFile != null)) {
            throw new ParameterException(cl, "--token-file and --password-file guard updates: give --allow-updates too");
        }
        if (tokenFile != null) {
            List<String> lines = Files.readAllLines(tokenFile, StandardCharsets.UTF_8);
            String token = lines.isEmpty() ? "" : lines.get(0).trim();
            if (token.length() < 8) {
                throw new ParameterException(cl, "the token in " + tokenFile + " is empty or shorter than 8 characters");
            }
            c.token = token;
        }
        if (passwordFile != null) {
            Map<String, String> users = new LinkedHashMap<>();
            for (String line : Files.readAllLines(passwordFile, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int colon = l.indexOf(':');
                if (colon <= 0 || colon == l.length() - 1) {
                    throw new ParameterException(cl, passwordFile + ": a line is not 'user:password'");
                }
                users.put(l.substring(0, colon), l.substring(colon + 1));
            }
            if (users.isEmpty()) {
                throw new ParameterException(cl, passwordFile + " names no user");
            }
            c.passwords = users;
        }
        NervusServer server;
        try {
            server = NervusServer.start(c);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage());
        }
        PrintWriter out = cl.getOut();
        // SIGTERM, SIGINT (Ctrl-C): stop taking requests, finish those in flight, close the database.
        Thread hook = new Thread(() -> {
            out.println("stopping: finishing requests in flight (at most " + c.graceMillis + " ms)");
            out.flush();
            server.stop();
            out.println("stopped");
            out.flush();
        }, "nervusdb-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("serving " + dir + (server.isReadOnlyBeside() ? " (read-only beside the process that has it open for writing)" : "")
                + " at " + server.datasetUrl() + (allowUpdates ? " (updates allowed with a credential)" : " (read-only)"));
        out.println("  query: " + server.datasetUrl() + "/sparql  " + server.datasetUrl() + "/query");
        if (allowUpdates) {
            out.println("  update: " + server.datasetUrl() + "/update");
        }
        out.println("  graph store: " + server.datasetUrl() + "/data  " + server.datasetUrl() + "/get");
        out.println("  dashboard: " + server.baseUrl() + NervusServer.DASHBOARD_PATH + "  metrics: " + server.baseUrl()
                + NervusServer.METRICS_PATH);
        out.println("listening on port " + server.port());
        out.flush();
        server.awaitStop();
        return 0;
    }

    static long parseSize(CommandLine cl, String option, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long mult = 1;
        String[][] units = {{"GIB", "1073741824"}, {"MIB", "1048576"}, {"KIB", "1024"}, {"GB", "1073741824"},
                {"MB", "1048576"}, {"KB", "1024"}, {"G", "1073741824"}, {"M", "1048576"}, {"K", "1024"}, {"B", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                mult = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ParameterException(cl, option + ": not a size: '" + text + "' (e.g. 10MB, 512KB, 1048576)");
        }
    }

    static long parseMillis(CommandLine cl, String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long mult = 1000;
        if (t.endsWith("ms")) {
            mult = 1;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            mult = 60_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            mult = 3_600_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Math.multiplyExact(Long.parseLong(t.trim()), mult);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ParameterException(cl, option + ": not a duration: '" + text + "' (e.g. 30s, 500ms, 2m)");
        }
    }
}
