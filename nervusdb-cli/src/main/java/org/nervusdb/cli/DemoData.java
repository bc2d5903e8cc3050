package org.nervusdb.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nervusdb.Triple;

/**
 * The bundled demo dataset: a small knowledge graph of programming languages, their designers,
 * influences and paradigms, and where those designers were born and worked.
 *
 * <p>Format of {@code demo/facts.tsv}: UTF-8, one fact per line as
 * {@code subject<TAB>predicate<TAB>object}; blank lines and lines starting with {@code #} are skipped.
 */
final class DemoData {
    static final String RESOURCE = "/demo/facts.tsv";

    private DemoData() {
    }

    static List<Triple> load() {
        InputStream in = DemoData.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new CliException("demo dataset " + RESOURCE + " is missing from the class path");
        }
        List<Triple> facts = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw new CliException("demo dataset line " + number + ": expected 3 tab-separated fields, found "
                            + f.length);
                }
                facts.add(Triple.of(f[0], f[1], f[2]));
            }
        } catch (IOException e) {
            throw new CliException("cannot read demo dataset: " + e.getMessage(), e);
        }
        return facts;
    }
}
