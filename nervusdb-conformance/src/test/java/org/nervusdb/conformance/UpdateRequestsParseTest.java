package org.nervusdb.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nervusdb.QuerySyntaxException;

/**
 * Every SPARQL Update request ({@code .ru}) of the SPARQL 1.1 suite that no negative syntax test
 * names must parse, those of the update evaluation tests included (which the conformance run
 * also runs against a store).
 */
class UpdateRequestsParseTest {

    @Test
    void everyValidUpdateRequestOfTheSuiteParses() throws IOException {
        Suite suite = Suite.SPARQL_11;
        Set<String> negative = new HashSet<>();
        for (TestCase t : ManifestReader.read(suite).tests) {
            if (t.type.startsWith("Negative") && t.queryIri != null) {
                negative.add(t.queryIri);
            }
        }
        int parsed = 0;
        List<String> failures = new ArrayList<>();
        for (String resource : SuiteFiles.list(suite.resourceRoot, "manifest-all.ttl")) {
            String iri = suite.iriOf(resource);
            if (!resource.endsWith(".ru") || negative.contains(iri)) {
                continue;
            }
            try {
                QueryEngine.NERVUSDB.parseUpdate(new String(SuiteFiles.read(resource), StandardCharsets.UTF_8), iri);
                parsed++;
            } catch (QuerySyntaxException e) {
                failures.add(iri + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(parsed >= 120, "only " + parsed + " update requests found");
    }
}
