package org.nervusdb.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reports of a run: tables of counts (per category, per suite, per test type, and the reasons
 * tests are not applicable), the list of failing tests, and one line per test.
 */
final class ConformanceReport {
    private final ConformanceRunner.Run run;

    ConformanceReport(ConformanceRunner.Run run) {
        this.run = run;
    }

    /** Counts of outcomes, indexed by {@link Outcome.Status#ordinal()}. */
    static final class Counts {
        final int[] byStatus = new int[Outcome.Status.values().length];

        void add(Outcome o) {
            byStatus[o.status.ordinal()]++;
        }

        int get(Outcome.Status s) {
            return byStatus[s.ordinal()];
        }

        int total() {
            int n = 0;
            for (int c : byStatus) {
                n += c;
            }
            return n;
        }
    }

    /** Counts per category, categories in suite order, then alphabetically. */
    Map<String, Counts> byCategory() {
        Map<String, Counts> out = new LinkedHashMap<>();
        for (Suite suite : Suite.values()) {
            out.putAll(byCategory(suite));
        }
        return out;
    }

    private Map<String, Counts> byCategory(Suite suite) {
        Map<String, Counts> out = new TreeMap<>();
        for (Outcome o : run.outcomes) {
            if (o.test.suite == suite) {
                out.computeIfAbsent(o.test.category, k -> new Counts()).add(o);
            }
        }
        return out;
    }

    /** Passed tests per category (every category that has tests, zeros included). */
    Map<String, Integer> passesByCategory() {
        Map<String, Integer> out = new LinkedHashMap<>();
        byCategory().forEach((c, n) -> out.put(c, n.get(Outcome.Status.PASS)));
        return out;
    }

    Counts totals() {
        Counts c = new Counts();
        run.outcomes.forEach(c::add);
        return c;
    }

    /** The Markdown report. */
    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# SPARQL conformance\n\n");
        sb.append("The W3C SPARQL test suites from `org.eclipse.rdf4j:rdf4j-sparql-testsuite:").append(run.suiteVersion)
                .append("`, run against `").append(run.engine).append("`.\n");
        sb.append("Run of ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(": ")
                .append(run.outcomes.size()).append(" tests in ").append(String.format("%.1f", run.millis / 1000.0))
                .append(" s, at most ").append(run.options.timeout.toSeconds()).append(" s per test");
        if (run.options.filter != null) {
            sb.append(", only tests matching `").append(run.options.filter.pattern()).append('`');
        }
        sb.append(".\n");
        if (run.abandonedThreads > 0) {
            sb.append(run.abandonedThreads).append(" test(s) timed out and left a thread running.\n");
        }
        sb.append(summaryTables());
        sb.append("\n## By test type\n\n");
        Map<String, Counts> byType = new TreeMap<>();
        for (Outcome o : run.outcomes) {
            byType.computeIfAbsent(o.test.type, k -> new Counts()).add(o);
        }
        table(sb, "type", byType, false);

        sb.append("\n## Not applicable or unapproved, by reason\n\n| reason | tests | categories |\n|---|---:|---|\n");
        Map<String, List<Outcome>> reasons = new TreeMap<>();
        for (Outcome o : run.outcomes) {
            if (o.status == Outcome.Status.NOT_APPLICABLE || o.status == Outcome.Status.UNAPPROVED) {
                String key = o.status == Outcome.Status.UNAPPROVED ? "unapproved (" + o.reason + ")" : reasonClass(o.reason);
                reasons.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
            }
        }
        reasons.forEach((reason, list) -> {
            Set<String> categories = new TreeSet<>();
            list.forEach(o -> categories.add(o.test.category));
            sb.append("| ").append(reason).append(" | ").append(list.size()).append(" | ")
                    .append(String.join(", ", categories)).append(" |\n");
        });

        sb.append("\n## Manifests\n\n");
        for (ManifestReader.Result r : run.suites) {
            sb.append("- ").append(r.suite.title).append(": ").append(r.manifests.size())
                    .append(" manifests read, starting from `")
                    .append(String.join("`, `", r.suite.entryManifests.stream().map(m -> r.suite.resourceRoot + m).toList()))
                    .append("` and following mf:include; ").append(r.tests.size()).append(" entries.\n");
            r.unreached.forEach((iri, n) -> sb.append("  - not included by the suite, so not run: `")
                    .append(iri.substring(r.suite.officialBase.length())).append("` (").append(n).append(" entries)\n"));
        }
        return sb.toString();
    }

    /** The per-category tables of both suites and the grand total, as Markdown. */
    String summaryTables() {
        StringBuilder sb = new StringBuilder();
        for (Suite suite : Suite.values()) {
            Map<String, Counts> cats = byCategory(suite);
            if (cats.isEmpty()) {
                continue;
            }
            sb.append("\n## ").append(suite.title).append("\n\n");
            table(sb, "category", cats, true);
        }
        sb.append("\n## All\n\n");
        Map<String, Counts> all = new LinkedHashMap<>();
        for (Suite suite : Suite.values()) {
            Counts c = new Counts();
            run.outcomes.stream().filter(o -> o.test.suite == suite).forEach(c::add);
            all.put(suite.title, c);
        }
        table(sb, "suite", all, true);
        return sb.toString();
    }

    private static void table(StringBuilder sb, String first, Map<String, Counts> rows, boolean withTotal) {
        sb.append("| ").append(first).append(" | passed | failed | errors | not applicable | unapproved | total |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        Counts total = new Counts();
        rows.forEach((name, c) -> {
            row(sb, name, c);
            for (int i = 0; i < c.byStatus.length; i++) {
                total.byStatus[i] += c.byStatus[i];
            }
        });
        if (withTotal) {
            row(sb, "**total**", total);
        }
    }

    private static void row(StringBuilder sb, String name, Counts c) {
        sb.append("| ").append(name)
                .append(" | ").append(c.get(Outcome.Status.PASS))
                .append(" | ").append(c.get(Outcome.Status.FAIL))
                .append(" | ").append(c.get(Outcome.Status.ERROR))
                .append(" | ").append(c.get(Outcome.Status.NOT_APPLICABLE))
                .append(" | ").append(c.get(Outcome.Status.UNAPPROVED))
                .append(" | ").append(c.total()).append(" |\n");
    }

    /** "datasets: FROM or GRAPH in the query" is in the class "datasets". */
    private static String reasonClass(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    /** The failing and erring tests, one line each: status, label, IRI, reason. */
    String failures() {
        StringBuilder sb = new StringBuilder();
        run.outcomes.stream()
                .filter(o -> o.status == Outcome.Status.FAIL || o.status == Outcome.Status.ERROR)
                .sorted(Comparator.comparing((Outcome o) -> o.test.suite).thenComparing(o -> o.test.category)
                        .thenComparing(o -> o.test.name))
                .forEach(o -> sb.append(o.status).append('\t').append(o.test.label()).append('\t')
                        .append(o.test.iri).append('\t').append(o.reason).append('\n'));
        return sb.toString();
    }

    /** Every test, one tab-separated line each, in manifest order. */
    String allResults() {
        StringBuilder sb = new StringBuilder("status\tcategory\tname\ttype\tmillis\tiri\treason\n");
        for (Outcome o : run.outcomes) {
            sb.append(o.status).append('\t').append(o.test.category).append('\t').append(o.test.name).append('\t')
                    .append(o.test.type).append('\t').append(o.millis).append('\t').append(o.test.iri).append('\t')
                    .append(o.reason).append('\n');
        }
        return sb.toString();
    }

    /** Writes sparql.md, sparql-failures.txt and sparql-results.tsv into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("sparql.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("sparql-failures.txt"), failures(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("sparql-results.tsv"), allResults(), StandardCharsets.UTF_8);
    }
}
