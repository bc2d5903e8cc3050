package org.nervusdb.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nervusdb.DatabaseLockedException;
import org.nervusdb.NervusDB;
import org.nervusdb.Options;
import org.nervusdb.engine.FileNames;
import picocli.CommandLine.Option;

/** The {@code --db DIR} option shared by the commands that work on an existing directory. */
final class DbOption {
    @Option(names = "--db", required = true, paramLabel = "DIR", description = "Database directory.")
    Path dir;

    /** Opens the database, creating it if the directory holds none yet. */
    NervusDB openOrCreate() {
        return NervusDB.open(dir);
    }

    /** Opens the database, refusing to create one: reading commands must not litter a mistyped path. */
    NervusDB openExisting() {
        requireDatabase();
        return NervusDB.open(dir);
    }

    private void requireDatabase() {
        if (!Files.isRegularFile(dir.resolve(FileNames.MANIFEST))) {
            throw new CliException("no NervusDB database in " + dir);
        }
    }

    /**
     * Opens the database for a command that only reads: as {@link #openExisting}, or, while
     * another process has it open for writing, read-only beside it (a consistent snapshot of
     * what it had committed), saying so on {@code err}.
     */
    NervusDB openForReading(PrintWriter err) {
        requireDatabase();
        try {
            return NervusDB.open(dir);
        } catch (DatabaseLockedException e) {
            NervusDB d = NervusDB.open(dir, Options.defaults().readOnly(true));
            err.println("note: " + e.getMessage() + "; reading what it has committed, read-only");
            err.flush();
            return d;
        }
    }
}
