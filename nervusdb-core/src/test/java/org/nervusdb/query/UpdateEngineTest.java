package org.nervusdb.query;

import org.nervusdb.QueryOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nervusdb.NervusDBException;
import org.nervusdb.Quad;
import org.nervusdb.QuadCursor;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;

/** The update engine on its own: order, atomicity, SILENT, new blank nodes, graph operations. */
class UpdateEngineTest {
    private static final String EX = "http://example.org/";

    private static long run(TripleStore st, String request) {
        return Sparql.update(st, request, null, QueryOptions.defaults(), null);
    }

    private static List<String> all(TripleStore st) {
        List<String> out = new ArrayList<>();
        try (TripleStore.StoreSnapshot snap = st.snapshot(); QuadCursor c = snap.findQuads(null, null, null, null)) {
            while (c.hasNext()) {
                Quad q = c.next();
                out.add((q.subject() + " " + q.predicate() + " " + q.object() + (q.graph() == null ? "" : " @" + q.graph())).replace(EX, ""));
            }
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void eachOperationReadsTheOnesBeforeIt() {
        try (TripleStore st = TripleStore.openInMemory(new StoreOptions())) {
            run(st, "INSERT DATA { <" + EX + "a> <" + EX + "p> <" + EX + "b> } ; "
                    + "INSERT { ?o <" + EX + "p> <" + EX + "c> } WHERE { <" + EX + "a> <" + EX + "p> ?o } ; "
                    + "INSERT { GRAPH <" + EX + "g> { ?s ?p ?o } } WHERE { ?s ?p ?o } ; "
                    + "DELETE DATA { <" + EX + "a> <" + EX + "p> <" + EX + "b> }");
            assertThat(all(st)).containsExactly("a p b @g", "b p c", "b p c @g");
            assertThat(st.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void aFailedRequestWritesNothingAndLeavesNoTermBehind() {
        try (TripleStore st = TripleStore.openInMemory(new StoreOptions())) {
            run(st, "INSERT DATA { <" + EX + "x> <" + EX + "p> 1 }");
            long terms = st.stats().terms();
            assertThatThrownBy(() -> run(st, "INSERT DATA { <" + EX + "new1> <" + EX + "new2> <" + EX + "new3> } ; "
                    + "INSERT { ?s <" + EX + "q> ?o } WHERE { ?s ?p ?o } ; CREATE GRAPH <" + EX + "g> ; CREATE GRAPH <" + EX + "g>"))
                    .isInstanceOf(NervusDBException.class).hasMessageContaining("exists");
            assertThat(all(st)).containsExactly("x p \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            assertThat(st.stats().terms()).isEqualTo(terms);
            // The ids the failed request saw are not cached: new terms now get ids of their own.
            st.add(EX + "other", EX + "p", EX + "new1");
            try (TripleStore.StoreSnapshot snap = st.snapshot()) {
                assertThat(snap.term(snap.lookup(EX + "new1"))).isEqualTo(EX + "new1");
                assertThat(snap.lookup(EX + "new2")).isZero();
            }
            assertThat(st.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void silentOperationsThatFailDoNothing() {
        try (TripleStore st = TripleStore.openInMemory(new StoreOptions())) {
            run(st, "INSERT DATA { <" + EX + "a> <" + EX + "p> 1 } ; DROP SILENT GRAPH <" + EX + "none> ; "
                    + "COPY SILENT <" + EX + "none> TO DEFAULT ; LOAD SILENT <file:///nothing.ttl> ; CREATE GRAPH <" + EX + "g> ; "
                    + "CREATE SILENT GRAPH <" + EX + "g>");
            assertThat(all(st)).hasSize(1);
            try (TripleStore.StoreSnapshot snap = st.snapshot()) {
                assertThat(snap.graphs()).containsExactly(EX + "g");
            }
            assertThatThrownBy(() -> run(st, "LOAD <file:///nothing.ttl>")).isInstanceOf(NervusDBException.class)
                    .extracting(e -> ((NervusDBException) e).code()).isEqualTo("UNSUPPORTED");
        }
    }

    @Test
    void blankNodesAreNewPerRequestAndPerSolution() {
        try (TripleStore st = TripleStore.openInMemory(new StoreOptions())) {
            run(st, "INSERT DATA { _:b <" + EX + "p> 1 }");
            run(st, "INSERT DATA { _:b <" + EX + "p> 2 }");
            run(st, "INSERT { _:n <" + EX + "of> ?o } WHERE { ?s <" + EX + "p> ?o }");
            try (TripleStore.StoreSnapshot snap = st.snapshot()) {
                long p = snap.lookup(EX + "p");
                long of = snap.lookup(EX + "of");
                java.util.Set<Long> subjects = new java.util.HashSet<>();
                TripleStore.IdScan s = snap.scanIds(0, p, 0);
                while (s.next()) {
                    subjects.add(s.s());
                }
                assertThat(subjects).as("one blank node per request").hasSize(2);
                java.util.Set<Long> made = new java.util.HashSet<>();
                s = snap.scanIds(0, of, 0);
                while (s.next()) {
                    made.add(s.s());
                }
                assertThat(made).as("one blank node per solution").hasSize(2);
            }
        }
    }

    @Test
    void addCopyAndMoveBetweenGraphs() {
        try (TripleStore st = TripleStore.openInMemory(new StoreOptions())) {
            run(st, "INSERT DATA { <" + EX + "a> <" + EX + "p> 1 . GRAPH <" + EX + "g> { <" + EX + "b> <" + EX + "p> 2 } "
                    + "GRAPH <" + EX + "h> { <" + EX + "c> <" + EX + "p> 3 } }");
            run(st, "ADD <" + EX + "g> TO <" + EX + "h> ; COPY DEFAULT TO <" + EX + "k> ; MOVE <" + EX + "g> TO <" + EX + "g>");
            assertThat(all(st)).containsExactly("a p \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>",
                    "a p \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> @k", "b p \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> @g",
                    "b p \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> @h", "c p \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> @h");
            run(st, "MOVE <" + EX + "h> TO DEFAULT ; CLEAR NAMED");
            assertThat(all(st)).containsExactly("b p \"2\"^^<http://www.w3.org/2001/XMLSchema#integer>",
                    "c p \"3\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            try (TripleStore.StoreSnapshot snap = st.snapshot()) {
                assertThat(snap.graphs()).containsExactlyInAnyOrder(EX + "g", EX + "k"); // cleared, not dropped
            }
            assertThat(st.checkIndexes(10)).isEmpty();
        }
    }
}
