package org.nervusdb.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints a bash and zsh completion script for the command line, generated from its options by picocli. */
@Command(name = "generate-completion", mixinStandardHelpOptions = true,
        description = "Prints a completion script for bash and zsh: source <(nervusdb generate-completion)")
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("nervusdb", spec.parent().commandLine()));
        out.flush();
        return Main.EXIT_OK;
    }
}
