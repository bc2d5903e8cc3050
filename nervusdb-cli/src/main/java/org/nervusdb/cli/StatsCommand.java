package org.nervusdb.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nervusdb.NervusDB;
import org.nervusdb.Stats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Prints size and activity figures of a database, one 'name: value' per line.")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Override
    public Integer call() {
        Stats s;
        try (NervusDB d = db.openForReading(spec.commandLine().getErr())) {
            s = d.stats();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("triples: " + s.triples());
        out.println("quads: " + s.quads());
        out.println("graphs: " + s.graphs());
        out.println("baseIri: " + s.baseIri());
        out.println("terms: " + s.terms());
        out.println("files: " + s.files());
        out.println("bytes: " + s.bytes());
        out.println("memtableBytes: " + s.memtableBytes());
        out.println("tables: " + s.tables());
        out.println("walBytes: " + s.walBytes());
        out.println("blockCacheBytes: " + s.blockCacheBytes());
        out.println("blockCacheHits: " + s.blockCacheHits());
        out.println("blockCacheMisses: " + s.blockCacheMisses());
        out.println("termCacheHits: " + s.termCacheHits());
        out.println("termCacheMisses: " + s.termCacheMisses());
        out.println("flushes: " + s.flushes());
        out.println("compactions: " + s.compactions());
        out.flush();
        return Main.EXIT_OK;
    }
}
