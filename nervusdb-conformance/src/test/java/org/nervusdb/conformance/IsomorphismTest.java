package org.nervusdb.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The graph (and dataset) isomorphism check the Turtle and TriG evaluation tests rely on, and the runner's verdicts. */
class IsomorphismTest {

    private static List<String[]> g(String... triples) {
        List<String[]> out = new ArrayList<>();
        for (String t : triples) {
            out.add(t.split(" "));
        }
        return out;
    }

    @Test
    void blankNodesMayBeRenamedButNotMerged() {
        assertNull(Isomorphism.difference(g("_:a p _:b", "_:b p o"), g("_:x p _:y", "_:y p o")));
        assertNotNull(Isomorphism.difference(g("_:a p _:b", "_:b p o"), g("_:x p _:y", "_:x p o")));
        assertNotNull(Isomorphism.difference(g("_:a p o", "_:b p o"), g("_:a p o")));
        assertNotNull(Isomorphism.difference(g("s p o"), g("s p o2")));
        assertNull(Isomorphism.difference(g("s p o", "s p o"), g("s p o")));
        // two 3-cycles against one 6-cycle: every node looks alike locally
        assertNotNull(Isomorphism.difference(
                g("_:a p _:b", "_:b p _:c", "_:c p _:a", "_:d p _:e", "_:e p _:f", "_:f p _:d"),
                g("_:a p _:b", "_:b p _:c", "_:c p _:d", "_:d p _:e", "_:e p _:f", "_:f p _:a")));
    }

    @Test
    void datasetsCompareAsQuadsWithBlankGraphNamesRenamedConsistently() {
        // the fourth term is the graph; none is the default graph
        assertNull(Isomorphism.difference(g("s p o g", "s p o"), g("s p o", "s p o g")));
        assertNotNull(Isomorphism.difference(g("s p o g"), g("s p o")));
        assertNotNull(Isomorphism.difference(g("s p o g"), g("s p o h")));
        // a blank node naming a graph is the same node where it is a subject or object
        assertNull(Isomorphism.difference(g("_:g p o _:g", "s p _:g"), g("_:x p o _:x", "s p _:x")));
        assertNotNull(Isomorphism.difference(g("_:g p o _:g", "s p _:g"), g("_:x p o _:y", "s p _:x")));
        assertNotNull(Isomorphism.difference(g("_:a p o _:g", "_:b p o _:g"), g("_:a p o _:g", "_:b p o _:h")));
    }

    @Test
    void shuffledAndRelabelledGraphsAreIsomorphic() {
        Random r = new Random(7);
        for (int round = 0; round < 100; round++) {
            List<String[]> a = new ArrayList<>();
            int nodes = 2 + r.nextInt(8);
            for (int i = 0; i < 3 * nodes; i++) {
                a.add(new String[] {"_:n" + r.nextInt(nodes), "p" + r.nextInt(2),
                        r.nextBoolean() ? "_:n" + r.nextInt(nodes) : "o" + r.nextInt(3)});
            }
            List<Integer> perm = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                perm.add(i);
            }
            Collections.shuffle(perm, r);
            List<String[]> b = new ArrayList<>();
            for (String[] t : a) {
                String[] u = t.clone();
                for (int k = 0; k < 3; k++) {
                    if (u[k].startsWith("_:n")) {
                        u[k] = "_:m" + perm.get(Integer.parseInt(u[k].substring(3)));
                    }
                }
                b.add(u);
            }
            Collections.shuffle(b, r);
            assertNull(Isomorphism.difference(a, b), "round " + round);
            b.set(0, new String[] {b.get(0)[0], "p9", b.get(0)[2]});
            assertNotNull(Isomorphism.difference(a, b), "round " + round);
        }
    }

    @Test
    void runnerVerdictsFollowTheTestType() throws Exception {
        RdfConformanceTest.RdfSuite suite = RdfConformanceTest.RdfSuite.TURTLE;
        String base = suite.base;
        // a positive test parses; the same file as a negative test fails
        RdfConformanceTest.Entry good = new RdfConformanceTest.Entry(suite, "IRI_subject", "TestTurtleEval", "Approved",
                base + "IRI_subject.ttl", base + "IRI_spo.nt");
        assertEquals(RdfConformanceTest.Status.PASS, RdfConformanceTest.run(good).status());
        RdfConformanceTest.Entry wrongResult = new RdfConformanceTest.Entry(suite, "x", "TestTurtleEval", "Approved",
                base + "IRI_subject.ttl", base + "HYPHEN_MINUS_in_localName.nt");
        assertEquals(RdfConformanceTest.Status.FAIL, RdfConformanceTest.run(wrongResult).status());
        RdfConformanceTest.Entry negative = new RdfConformanceTest.Entry(suite, "x", "TestTurtleNegativeSyntax", "Approved",
                base + "IRI_subject.ttl", null);
        assertEquals(RdfConformanceTest.Status.FAIL, RdfConformanceTest.run(negative).status());
        // TriG: the dataset must match the expected N-Quads, graphs included
        RdfConformanceTest.RdfSuite trig = RdfConformanceTest.RdfSuite.TRIG;
        RdfConformanceTest.Entry graphs = new RdfConformanceTest.Entry(trig, "alternating_iri_graphs", "TestTrigEval",
                "Approved", trig.base + "alternating_iri_graphs.trig", trig.base + "alternating_iri_graphs.nq");
        assertEquals(RdfConformanceTest.Status.PASS, RdfConformanceTest.run(graphs).status());
        RdfConformanceTest.Entry otherGraphs = new RdfConformanceTest.Entry(trig, "x", "TestTrigEval", "Approved",
                trig.base + "alternating_iri_graphs.trig", trig.base + "alternating_bnode_graphs.nq");
        assertEquals(RdfConformanceTest.Status.FAIL, RdfConformanceTest.run(otherGraphs).status());
    }
}
