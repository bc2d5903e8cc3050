package org.nervusdb.cli;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nervusdb.NervusDB;
import org.nervusdb.QueryBuilder;
import org.nervusdb.Triple;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "find", mixinStandardHelpOptions = true,
        description = {"Prints the triples matching a pattern, one per line: subject<TAB>predicate<TAB>object.",
                "Omitted positions match anything. Tabs, line breaks and backslashes inside terms are "
                        + "written as \\t, \\n, \\r and \\\\."})
final class FindCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Mixin
    PatternOptions pattern;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N triples.")
    Long limit;

    @Override
    public Integer call() {
        if (limit != null && limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be >= 0, got " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (NervusDB d = db.openForReading(spec.commandLine().getErr())) {
            QueryBuilder q = d.query();
            pattern.apply(q);
            if (limit != null) {
                q.limit(limit);
            }
            try (Stream<Triple> results = q.stream()) {
                Iterator<Triple> it = results.iterator();
                while (it.hasNext()) {
                    out.print(Tsv.line(it.next()));
                    out.print('\n');
                }
            }
        } finally {
            out.flush();
        }
        return Main.EXIT_OK;
    }
}
