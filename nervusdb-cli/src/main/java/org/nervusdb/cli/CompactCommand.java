package org.nervusdb.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nervusdb.NervusDB;
import org.nervusdb.Stats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Writes the memtable out and merges all table files into one, dropping deleted entries; "
                + "prints the tables and bytes before and after.")
final class CompactCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (NervusDB d = db.openExisting()) {
            Stats before = d.stats();
            long t0 = System.nanoTime();
            d.flush();
            d.compact();
            Stats after = d.stats();
            out.printf(java.util.Locale.ROOT, "before: %d tables, %d bytes%nafter: %d tables, %d bytes%ntriples: %d%nseconds: %.2f%n",
                    before.tables(), before.bytes(), after.tables(), after.bytes(), after.triples(), (System.nanoTime() - t0) / 1e9);
        } finally {
            out.flush();
        }
        return Main.EXIT_OK;
    }
}
