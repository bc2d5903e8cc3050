package org.nervusdb.rdf4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.rdf4j.common.iteration.CloseableIteration;
import org.eclipse.rdf4j.common.transaction.IsolationLevels;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.QueryResults;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.Repository;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.sail.SailConflictException;
import org.eclipse.rdf4j.sail.SailConnection;
import org.eclipse.rdf4j.sail.memory.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;
import org.nervusdb.Quad;

/** The sail's own promises: durability, atomicity, namespaces, Rio round trips, same answers as the MemoryStore, no leaks. */
class SailBehaviourTest {
    private static final ValueFactory VF = SimpleValueFactory.getInstance();
    private static final String EX = "http://example.org/";

    @TempDir
    Path dir;

    private static final String DATA = "@prefix ex: <http://example.org/> .\n"
            + "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            + "ex:alice ex:knows ex:bob , ex:carol ; ex:name \"Alice\" ; ex:age 30 .\n"
            + "ex:bob ex:knows ex:carol ; ex:name \"Bob\"@en ; ex:age 25 .\n"
            + "ex:carol ex:name \"Carol\" ; ex:age \"41\"^^xsd:integer ; ex:height 1.7 .\n"
            + "ex:g1 { ex:alice ex:likes ex:pizza . _:b1 ex:about ex:alice . }\n"
            + "ex:g2 { ex:bob ex:likes ex:pizza , ex:pasta . _:b1 ex:about ex:bob . }\n";

    private static Model parse(String text, RDFFormat format) throws Exception {
        return Rio.parse(new StringReader(text), EX, format);
    }

    @Test
    void sameQueryResultsAsMemoryStore() throws Exception {
        Model data = parse(DATA, RDFFormat.TRIG);
        Repository nervus = new SailRepository(new NervusSail(dir.resolve("db")));
        Repository memory = new SailRepository(new MemoryStore());
        List<String> queries = List.of(
                "SELECT ?s ?o WHERE { ?s <http://example.org/knows> ?o }",
                "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s <http://example.org/knows> ?o } GROUP BY ?s",
                "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
                "SELECT ?s WHERE { ?s <http://example.org/age> ?a FILTER(?a > 26) }",
                "SELECT ?n WHERE { ?s <http://example.org/name> ?n FILTER(langMatches(lang(?n), 'en')) }",
                "SELECT ?s ?l WHERE { ?s <http://example.org/knows> ?x OPTIONAL { ?s <http://example.org/likes> ?l } }",
                "SELECT ?s WHERE { { ?s <http://example.org/likes> <http://example.org/pizza> } UNION { ?s <http://example.org/age> 25 } }",
                "SELECT ?s ?o WHERE { ?s <http://example.org/knows>+ ?o }",
                "SELECT ?s ?o FROM <http://example.org/g2> WHERE { ?s ?p ?o }",
                "SELECT ?g ?s FROM NAMED <http://example.org/g1> WHERE { GRAPH ?g { ?s ?p ?o } }",
                "SELECT (SUM(?a) AS ?t) (AVG(?a) AS ?m) WHERE { ?s <http://example.org/age> ?a }",
                "SELECT ?s WHERE { ?s <http://example.org/name> ?n } ORDER BY DESC(?n) LIMIT 2",
                "ASK { <http://example.org/alice> <http://example.org/knows> <http://example.org/bob> }",
                "SELECT ?s WHERE { ?s ?p ?o MINUS { ?s <http://example.org/age> ?a } }");
        try (RepositoryConnection n = nervus.getConnection(); RepositoryConnection m = memory.getConnection()) {
            n.add(data);
            m.add(data);
            for (String q : queries) {
                if (q.startsWith("ASK")) {
                    assertThat(n.prepareBooleanQuery(q).evaluate()).as(q).isEqualTo(m.prepareBooleanQuery(q).evaluate());
                    continue;
                }
                List<BindingSet> expected = QueryResults.asList(m.prepareTupleQuery(q).evaluate());
                List<BindingSet> actual = QueryResults.asList(n.prepareTupleQuery(q).evaluate());
                if (q.contains("ORDER BY")) {
                    assertThat(actual).as(q).isEqualTo(expected);
                } else {
                    assertThat(canonical(actual)).as(q).isEqualTo(canonical(expected));
                }
            }
            String construct = "CONSTRUCT { ?o ?p ?s } WHERE { GRAPH ?g { ?s ?p ?o } }";
            assertThat(Models.isomorphic(QueryResults.asModel(n.prepareGraphQuery(construct).evaluate()),
                    QueryResults.asModel(m.prepareGraphQuery(construct).evaluate()))).isTrue();
            String update = "DELETE { ?s <http://example.org/age> ?a } INSERT { ?s <http://example.org/age> ?b } "
                    + "WHERE { ?s <http://example.org/age> ?a BIND(?a + 1 AS ?b) }";
            n.prepareUpdate(update).execute();
            m.prepareUpdate(update).execute();
            assertThat(Models.isomorphic(QueryResults.asModel(n.getStatements(null, null, null)),
                    QueryResults.asModel(m.getStatements(null, null, null)))).isTrue();
        } finally {
            nervus.shutDown();
            memory.shutDown();
        }
    }

    /** The rows as a sorted list of sorted "name=value" strings: a multiset, whatever the order. */
    private static List<String> canonical(List<BindingSet> rows) {
        List<String> out = new ArrayList<>();
        for (BindingSet b : rows) {
            List<String> cells = new ArrayList<>();
            b.forEach(x -> cells.add(x.getName() + "=" + x.getValue()));
            java.util.Collections.sort(cells);
            out.add(String.join(" ", cells));
        }
        java.util.Collections.sort(out);
        return out;
    }

    @Test
    void rioRoundTrips() throws Exception {
        Model data = parse(DATA, RDFFormat.TRIG);
        for (RDFFormat format : List.of(RDFFormat.TURTLE, RDFFormat.TRIG, RDFFormat.NQUADS)) {
            Path db = dir.resolve("rio-" + format.getDefaultFileExtension());
            Repository repo = new SailRepository(new NervusSail(db));
            try (RepositoryConnection c = repo.getConnection()) {
                Model in = format == RDFFormat.TURTLE ? new org.eclipse.rdf4j.model.impl.LinkedHashModel(data.filter(null, null, null, (org.eclipse.rdf4j.model.Resource) null)) : data;
                StringWriter text = new StringWriter();
                Rio.write(in, text, format);
                c.add(new StringReader(text.toString()), EX, format);
                StringWriter out = new StringWriter();
                c.export(Rio.createWriter(format, out));
                Model back = parse(out.toString(), format);
                assertThat(Models.isomorphic(back, in)).as(format + "\n" + out).isTrue();
            } finally {
                repo.shutDown();
            }
        }
    }

    @Test
    void commitsAreDurableAndAtomic() throws Exception {
        Path db = dir.resolve("durable");
        IRI s = VF.createIRI(EX + "s");
        IRI p = VF.createIRI(EX + "p");
        IRI g = VF.createIRI(EX + "g");
        Repository repo = new SailRepository(new NervusSail(db));
        try (RepositoryConnection c = repo.getConnection()) {
            c.begin();
            for (int i = 0; i < 100; i++) {
                c.add(s, p, VF.createLiteral(i), i % 2 == 0 ? null : g);
            }
            c.setNamespace("ex", EX);
            c.commit();
            c.begin();
            c.add(s, p, VF.createLiteral("never"));
            c.remove(s, p, null);
            c.rollback();
        } finally {
            repo.shutDown();
        }
        repo = new SailRepository(new NervusSail(db));
        try (RepositoryConnection c = repo.getConnection()) {
            assertThat(c.size()).isEqualTo(100);
            assertThat(c.size(g)).isEqualTo(50);
            assertThat(c.size((org.eclipse.rdf4j.model.Resource) null)).isEqualTo(50);
            assertThat(c.getNamespace("ex")).isEqualTo(EX);
            assertThat(QueryResults.asList(c.getContextIDs())).containsExactly(g);
        } finally {
            repo.shutDown();
        }
        // The namespaces are a hidden graph of the database, not data.
        try (NervusDB raw = NervusDB.open(db)) {
            assertThat(raw.graphs()).contains(NervusSail.NAMESPACE_GRAPH, EX + "g");
            assertThat(raw.countQuads(null, null, null, Quad.DEFAULT_GRAPH)).isEqualTo(50);
        }
    }

    @Test
    void snapshotWritersConflict() {
        NervusSail sail = new NervusSail(dir.resolve("conflict"));
        sail.init();
        try (SailConnection a = sail.getConnection(); SailConnection b = sail.getConnection()) {
            a.begin(IsolationLevels.SNAPSHOT);
            b.begin(IsolationLevels.SNAPSHOT);
            a.addStatement(VF.createIRI(EX + "a"), VF.createIRI(EX + "p"), VF.createLiteral(1));
            b.addStatement(VF.createIRI(EX + "b"), VF.createIRI(EX + "p"), VF.createLiteral(2));
            a.commit();
            assertThatThrownBy(b::commit).isInstanceOf(SailConflictException.class);
            b.rollback();
            assertThat(a.size()).isEqualTo(1);
        } finally {
            sail.shutDown();
        }
    }

    @Test
    void readsInTransactionSeeOwnWritesAndBeginSnapshot() {
        NervusSail sail = new NervusSail(dir.resolve("own"));
        sail.init();
        IRI s = VF.createIRI(EX + "s");
        IRI p = VF.createIRI(EX + "p");
        try (SailConnection a = sail.getConnection(); SailConnection b = sail.getConnection()) {
            a.begin(IsolationLevels.SNAPSHOT);
            assertThat(a.size()).isZero();
            b.begin();
            b.addStatement(s, p, VF.createLiteral("b"));
            b.commit();
            assertThat(a.size()).isZero(); // its snapshot
            a.commit();
            a.begin(IsolationLevels.READ_COMMITTED);
            a.addStatement(s, p, VF.createLiteral("a"));
            assertThat(a.size()).isEqualTo(2); // latest commits under its own writes
            assertThat(b.size()).isEqualTo(1);
            a.commit();
            assertThat(b.size()).isEqualTo(2);
        } finally {
            sail.shutDown();
        }
    }

    @Test
    void refusesTripleTermsAndReservedGraph() {
        NervusSail sail = new NervusSail();
        sail.init();
        IRI s = VF.createIRI(EX + "s");
        try (SailConnection c = sail.getConnection()) {
            c.begin();
            assertThatThrownBy(() -> c.addStatement(s, s, VF.createTriple(s, s, s)))
                    .isInstanceOf(Rdf4jTerms.UnsupportedTermException.class).hasMessageContaining("triple terms");
            assertThatThrownBy(() -> c.addStatement(s, s, s, VF.createIRI(NervusSail.NAMESPACE_GRAPH)))
                    .hasMessageContaining("reserved");
            c.commit();
            assertThat(c.size()).isZero();
        } finally {
            sail.shutDown();
        }
    }

    @Test
    void noSnapshotLeaks() throws Exception {
        NervusSail sail = new NervusSail(dir.resolve("leak"));
        Repository repo = new SailRepository(sail);
        try (RepositoryConnection c = repo.getConnection()) {
            c.add(parse(DATA, RDFFormat.TRIG));
            assertThat(sail.openSnapshots()).isZero();
            try (TupleQueryResult r = c.prepareTupleQuery("SELECT * WHERE { ?s ?p ?o }").evaluate()) {
                r.next(); // left unfinished, then closed
            }
            try (var st = c.getStatements(null, null, null)) {
                st.next();
            }
            c.begin(IsolationLevels.SNAPSHOT);
            c.add(VF.createIRI(EX + "x"), VF.createIRI(EX + "p"), VF.createLiteral(1));
            QueryResults.asList(c.getStatements(null, null, null));
            QueryResults.asList(c.prepareTupleQuery("SELECT * WHERE { ?s ?p ?o }").evaluate());
            c.commit();
            c.begin(IsolationLevels.SNAPSHOT_READ);
            c.add(VF.createIRI(EX + "y"), VF.createIRI(EX + "p"), VF.createLiteral(1));
            Set<Statement> all = new HashSet<>(QueryResults.asList(c.getStatements(null, null, null)));
            assertThat(all).hasSize(17);
            c.rollback();
            QueryResults.asList(c.getContextIDs());
            QueryResults.asList(c.getNamespaces());
            assertThat(sail.openSnapshots()).isZero();
        } finally {
            repo.shutDown();
        }
        assertThat(sail.openSnapshots()).isZero();
    }

    @Test
    void sailLevelIterationsCloseTheirSnapshots() {
        NervusSail sail = new NervusSail(dir.resolve("iter"));
        sail.init();
        try (SailConnection c = sail.getConnection()) {
            c.begin();
            c.addStatement(VF.createIRI(EX + "s"), VF.createIRI(EX + "p"), VF.createLiteral(1));
            c.commit();
            List<CloseableIteration<? extends Statement>> open = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                open.add(c.getStatements(null, null, null, false));
            }
            assertThat(sail.openSnapshots()).isEqualTo(5);
            open.forEach(CloseableIteration::close);
            assertThat(sail.openSnapshots()).isZero();
        } finally {
            sail.shutDown();
        }
    }
}
