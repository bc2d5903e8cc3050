package org.nervusdb.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nervusdb.engine.FileNames;

/**
 * Files the tool writes of its own (an export, the REPL's history, a migrated database) never go
 * into a database directory, where they could replace or damage one of its files (an export to
 * {@code DIR/000001.wal} would overwrite the live log). The check follows links as writing would.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Throws a {@link CliException} when {@code file} (what {@code option} names) lies in a
     * directory holding a NervusDB database, as {@link DbOption#openExisting} recognises one: by
     * its MANIFEST.
     */
    static void refuseInsideDatabase(Path file, String option) {
        Path target = file.toAbsolutePath();
        try {
            // A link, even a dangling one, is written through: check where it leads.
            for (int hops = 0; hops < 40 && Files.isSymbolicLink(target); hops++) {
                target = target.resolveSibling(Files.readSymbolicLink(target)).toAbsolutePath();
            }
        } catch (IOException e) {
            return; // unreadable link: the write reports the problem
        }
        Path parent = target.getParent();
        if (parent == null) {
            return;
        }
        Path dir;
        try {
            dir = parent.toRealPath();
        } catch (IOException e) {
            return; // a directory that does not exist holds no database
        }
        if (Files.isRegularFile(dir.resolve(FileNames.MANIFEST))) {
            throw new CliException(option + " " + file + " is inside the database directory " + dir
                    + ", where it could replace one of the database's files; choose a path outside it");
        }
    }
}
