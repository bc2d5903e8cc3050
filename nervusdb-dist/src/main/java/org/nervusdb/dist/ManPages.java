package org.nervusdb.dist;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.CommandLine;

/**
 * Build tool: turns the AsciiDoc manual pages that picocli's ManPageGenerator writes (one per
 * command, {@code nervusdb.adoc}, {@code nervusdb-import.adoc}, ...) into troff man pages
 * ({@code nervusdb.1}, ...) with Asciidoctor's manpage backend.
 *
 * <p>Usage: {@code ManPages ADOC_DIR MAN1_DIR MAIN_CLASS VERSION} (the version goes into each
 * page's footer, as "NervusDB VERSION"). Fails when a command of MAIN_CLASS (a
 * picocli command) has no page, or when a page does not come out as a man page (no {@code .TH}
 * header), so a broken step cannot pass: the generator reports a failure on one command without
 * failing the build, and leaves out the pages of the commands after it.
 */
public final class ManPages {
    private ManPages() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: ManPages ADOC_DIR MAN1_DIR MAIN_CLASS VERSION");
        }
        Attributes attributes = Attributes.builder()
                .attribute("mansource", "NervusDB " + args[3])
                .attribute("manmanual", "NervusDB Manual")
                .build();
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        List<Path> pages;
        try (Stream<Path> s = Files.list(in)) {
            pages = s.filter(p -> p.getFileName().toString().endsWith(".adoc")).sorted().collect(Collectors.toList());
        }
        CommandLine main;
        try {
            main = new CommandLine(Class.forName(args[2]));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + args[2], e);
        }
        String name = main.getCommandName();
        List<String> expected = new ArrayList<>();
        expected.add(name + ".adoc");
        for (String sub : main.getSubcommands().keySet()) {
            expected.add(name + "-" + sub + ".adoc");
        }
        for (String page : expected) {
            if (!Files.isRegularFile(in.resolve(page))) {
                throw new IllegalStateException("no manual page " + page + " in " + in);
            }
        }
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            for (Path page : pages) {
                String base = page.getFileName().toString().replaceFirst("\\.adoc$", "");
                File target = out.resolve(base + ".1").toFile();
                asciidoctor.convertFile(page.toFile(), Options.builder()
                        .backend("manpage").docType("manpage").standalone(true)
                        .safe(SafeMode.UNSAFE).attributes(attributes).toFile(target).build());
                String text = Files.readString(target.toPath());
                if (!text.contains("\n.TH ")) {
                    throw new IllegalStateException(target + " is not a man page");
                }
            }
        }
        System.out.println("man pages: " + pages.size() + " in " + out);
    }
}
