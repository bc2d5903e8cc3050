package org.nervusdb.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.nervusdb.CorruptionException;
import org.nervusdb.NervusDB;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a database: every block checksum and key order of every table, then that the "
                + "three indexes, the triple count and the dictionary agree.",
                "Prints 'ok' and exits 0 when all is well; otherwise prints each problem on a line "
                        + "starting with 'problem:' and exits 1."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Option(names = "--max-problems", paramLabel = "N", defaultValue = "100",
            description = "Stop after N problems (default ${DEFAULT-VALUE}).")
    int maxProblems;

    @Option(names = "--blocks-only", description = "Check only block checksums and order (faster).")
    boolean blocksOnly;

    @Override
    public Integer call() {
        if (maxProblems < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-problems must be >= 1, got " + maxProblems);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (NervusDB d = db.openExisting()) {
            long entries;
            try {
                entries = d.verify();
            } catch (CorruptionException e) {
                out.println("problem: [" + e.code() + "] " + e.getMessage());
                out.flush();
                return Main.EXIT_FAILURE;
            }
            out.println("blocks: " + entries + " entries checked");
            if (!blocksOnly) {
                List<String> problems = d.checkIndexes(maxProblems);
                for (String p : problems) {
                    out.println("problem: " + p);
                }
                if (!problems.isEmpty()) {
                    out.flush();
                    return Main.EXIT_FAILURE;
                }
                out.println("indexes: consistent");
            }
            out.println("ok");
        } finally {
            out.flush();
        }
        return Main.EXIT_OK;
    }
}
