package org.nervusdb.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nervusdb.NervusDB;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Adds one triple, creating the database if DIR holds none yet.")
final class AddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Parameters(index = "0", paramLabel = "SUBJECT")
    String subject;

    @Parameters(index = "1", paramLabel = "PREDICATE")
    String predicate;

    @Parameters(index = "2", paramLabel = "OBJECT")
    String object;

    @Override
    public Integer call() {
        boolean added;
        try (NervusDB d = db.openOrCreate()) {
            added = d.add(subject, predicate, object);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(added ? "added" : "already present");
        out.flush();
        return Main.EXIT_OK;
    }
}
