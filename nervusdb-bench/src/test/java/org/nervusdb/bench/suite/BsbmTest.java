package org.nervusdb.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BSBM on a tiny generated data set: every store answers both mixes, and the answers agree. */
class BsbmTest {
    @TempDir
    Path tmp;

    static final String F = "\"^^<http://www.w3.org/2001/XMLSchema#float>";
    static final String D = "\"^^<http://www.w3.org/2001/XMLSchema#decimal>";

    @Test
    void everyStoreRunsBothMixesWithTheSameAnswers() throws Exception {
        Path out = tmp.resolve("bsbm.json");
        int rc = Bsbm.run(new String[] {"--products", "20", "--warmup", "0", "--runs", "2", "--compare", "2", "--dir", tmp.toString(),
            "--out", out.toString(), "--queries-out", tmp.resolve("queries").toString()});
        assertThat(rc).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertThat(doc.path("mismatches")).isEmpty();
        Map<String, Set<String>> byStore = new HashMap<>();
        for (JsonNode r : doc.path("results")) {
            byStore.computeIfAbsent(r.path("store").asText(), k -> new HashSet<>()).add(r.path("mix").asText() + " " + r.path("workload").asText());
            assertThat(r.path("value").asDouble()).as(r.toString()).isPositive();
        }
        assertThat(byStore.keySet()).containsExactlyInAnyOrder("NervusDB", "Jena TDB2", "RDF4J LMDB");
        // The explore mix has DESCRIBE (Q9) and CONSTRUCT (Q12); BI has 8 queries.
        assertThat(byStore.get("NervusDB")).contains("explore QMpH", "explore Q9 mean", "explore Q12 mean", "bi QMpH", "bi Q8 mean",
            "load bytes per triple after load");
        assertThat(byStore.get("Jena TDB2")).isEqualTo(byStore.get("NervusDB"));
        assertThat(byStore.get("RDF4J LMDB")).isEqualTo(byStore.get("NervusDB"));
        assertThat(tmp.resolve("queries").resolve("bsbm-20-explore.json")).exists();
    }

    @Test
    void answersAgreeOnValuesNotOnTheSpellingOfComputedNumbers() {
        assertThat(Bsbm.agree(List.of("?a=<x>\t?r=\"2.0" + F), List.of("?a=<x>\t?r=\"2.0E0" + F))).isTrue();
        assertThat(Bsbm.agree(List.of("?r=\"1.50" + D), List.of("?r=\"1.5" + D))).isTrue();
        // The last digits of a float sum depend on the order of addition.
        assertThat(Bsbm.agree(List.of("?r=\"5469.28" + F), List.of("?r=\"5469.2773" + F))).isTrue();
        assertThat(Bsbm.agree(List.of("?r=\"5469.28" + F), List.of("?r=\"5470.28" + F))).isFalse();
        assertThat(Bsbm.agree(List.of("?r=\"1.5" + D), List.of("?r=\"1.50001" + D))).isFalse();
        assertThat(Bsbm.agree(List.of("?r=\"2.0" + F), List.of("?s=\"2.0" + F))).isFalse();
        assertThat(Bsbm.agree(List.of("?r=\"2\""), List.of("?r=\"2.0\""))).isFalse();
        assertThat(Bsbm.agree(List.of("?a=<x>", "?a=<y>"), List.of("?a=<x>"))).isFalse();
        // Rows are matched by everything but their numbers, then by the numbers.
        assertThat(Bsbm.agree(List.of("?a=<x>\t?r=\"1.0" + F, "?a=<y>\t?r=\"7.0" + F),
            List.of("?a=<x>\t?r=\"1.0E0" + F, "?a=<y>\t?r=\"7.0E0" + F))).isTrue();
        assertThat(Bsbm.agree(List.of("?a=<x>\t?r=\"1.0" + F, "?a=<y>\t?r=\"7.0" + F),
            List.of("?a=<x>\t?r=\"7.0E0" + F, "?a=<y>\t?r=\"1.0E0" + F))).isFalse();
    }
}
