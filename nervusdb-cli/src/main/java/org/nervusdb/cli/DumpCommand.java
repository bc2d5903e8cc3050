package org.nervusdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nervusdb.NervusDB;
import org.nervusdb.engine.FileNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Lists a database file's contents as the format documents describe them: the MANIFEST's "
                + "fields and tables, a log's records and operations, a table's footer, statistics and entries; keys "
                + "decoded by keyspace. Reads the files directly (the database need not be closed).",
                "Without FILE: the directory's files with their sizes, then the MANIFEST."})
final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "MANIFEST, NNNNNN.wal or NNNNNN.sst.")
    String file;

    @Option(names = "--max", paramLabel = "N", defaultValue = "1000", description = "List at most N entries or operations (default ${DEFAULT-VALUE}).")
    long max;

    @Override
    public Integer call() throws IOException {
        if (max < 0) {
            throw new ParameterException(spec.commandLine(), "--max must be >= 0, got " + max);
        }
        if (!Files.isRegularFile(db.dir.resolve(FileNames.MANIFEST))) {
            throw new CliException("no NervusDB database in " + db.dir);
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (file == null) {
                List<Path> files;
                try (Stream<Path> s = Files.list(db.dir)) {
                    files = s.sorted().collect(Collectors.toList());
                }
                for (Path f : files) {
                    // A link is not one of the database's files, and is not followed (not even for its size).
                    out.println(f.getFileName() + "\t" + (Files.isSymbolicLink(f) ? "symbolic link (not followed)" : Files.size(f)));
                }
                out.println();
                out.print(NervusDB.dump(db.dir, FileNames.MANIFEST, max));
            } else {
                if (!Files.isRegularFile(db.dir.resolve(file))) {
                    throw new CliException("no file " + file + " in " + db.dir);
                }
                out.print(NervusDB.dump(db.dir, file, max));
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        } finally {
            out.flush();
        }
        return Main.EXIT_OK;
    }
}
