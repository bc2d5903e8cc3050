package org.nervusdb.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's driver and report on tiny data sets: every store runs every workload and agrees. */
class SuiteTest {
    @TempDir
    Path tmp;

    @Test
    void everyStoreRunsEveryWorkloadWithTheSameAnswersAndTheReportComparesThem() throws Exception {
        Suite suite = new Suite();
        Suite.registerPeersInto(suite);
        suite.configure(1, 200, 10);
        for (String shape : List.of("social", "university")) {
            Dataset d = Dataset.create(shape, 3000, tmp.resolve("data"));
            assertThat(d.lines).as("about the target").isBetween(2000L, 200_000L);
            assertThat(d.sample).isNotEmpty();
            for (String key : List.of("nervusdb", "tdb2", "lmdb")) {
                suite.run(suite.factory(key), d, tmp.resolve("stores").resolve(key + "-" + shape));
            }
        }
        assertThat(suite.mismatches()).isEmpty();
        Path out = tmp.resolve("results.json");
        suite.write(out, "test");
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertThat(doc.path("format").asInt()).isEqualTo(1);
        Map<String, Set<String>> workloadsByStore = new HashMap<>();
        for (JsonNode r : doc.path("results")) {
            workloadsByStore.computeIfAbsent(r.path("store").asText(), k -> new HashSet<>()).add(r.path("shape").asText() + "/" + r.path("workload").asText());
            assertThat(r.path("value").asDouble()).as(r.toString()).isPositive();
        }
        assertThat(workloadsByStore.keySet()).containsExactlyInAnyOrder("NervusDB", "Jena TDB2", "RDF4J LMDB");
        assertThat(workloadsByStore.get("Jena TDB2")).isEqualTo(workloadsByStore.get("NervusDB"));
        assertThat(workloadsByStore.get("RDF4J LMDB")).isEqualTo(workloadsByStore.get("NervusDB")).hasSize(2 * 17);

        Path docFile = tmp.resolve("PERFORMANCE.md");
        Files.writeString(docFile, "# Performance\n\nhand-written\n\n" + Report.BEGIN + "\nold\n" + Report.END + "\n\nafter\n");
        Report.main(new String[] {docFile.toString(), tmp.resolve("charts").toString(), out.toString()});
        String text = Files.readString(docFile);
        assertThat(text).startsWith("# Performance\n\nhand-written\n\n").endsWith("\n\nafter\n").doesNotContain("\nold\n")
                .contains("| bulk load | s, lower is better |").contains("vs Jena TDB2").contains("vs RDF4J LMDB");
        try (var charts = Files.list(tmp.resolve("charts"))) {
            assertThat(charts.map(p -> p.getFileName().toString())).contains("jvm-social-3000.png", "jvm-university-3000.png");
        }
    }

    @Test
    void advantageIsAboveOneWhenNervusDbIsBetter() {
        assertThat(Report.advantage(2.0, 6.0, "lower")).isEqualTo(3.0);
        assertThat(Report.advantage(6.0, 2.0, "higher")).isEqualTo(3.0);
        assertThat(Report.advantage(6.0, 2.0, "lower")).isEqualTo(1.0 / 3);
    }
}
