package org.nervusdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;
import org.nervusdb.Quad;

/**
 * Datasets with named graphs through import and export: what export writes loads in Apache
 * Jena with strict checking (no relative IRIs, valid terms) and is isomorphic to the source
 * file, for N-Quads and TriG in and out, with batched and bulk imports.
 */
class GraphRoundTripTest {
    private static final String TRIG = """
            @prefix ex: <http://example.org/> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            ex:alice ex:knows ex:bob ; ex:age 31 .
            ex:g1 { ex:alice ex:name "Alice"@en-US ; ex:seen "2024-05-01"^^xsd:date . _:x ex:p ex:alice . }
            GRAPH ex:g2 { ex:bob ex:name "Bob" ; ex:score 2.5e0 . ex:alice ex:knows ex:bob . }
            _:gb { ex:carol ex:knows _:y . _:y ex:name "Y\\tz" . }
            """;

    private static DatasetGraph jena(Path file, Lang lang) {
        // Strict: a relative IRI or a malformed term is an error, not a warning.
        return RDFParser.source(file).lang(lang).strict(true).toDatasetGraph();
    }

    @Test
    void trigAndNQuadsGoThroughImportAndExportUnchanged(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("in.trig");
        Files.writeString(src, TRIG);
        String db = dir.resolve("db").toString();
        CliRun imp = CliRun.of("import", "--db", db, src);
        assertThat(imp.exit()).as(imp.err()).isZero();
        DatasetGraph expected = jena(src, Lang.TRIG);
        for (String fmt : List.of("nq", "trig")) {
            Path out = dir.resolve("out." + fmt);
            CliRun exp = CliRun.of("export", "--db", db, "--format", fmt, "--output", out);
            assertThat(exp.exit()).as(exp.err()).isZero();
            DatasetGraph got = jena(out, fmt.equals("nq") ? Lang.NQUADS : Lang.TRIG);
            assertThat(IsoMatcher.isomorphic(expected, got)).as(fmt + ":\n" + Files.readString(out)).isTrue();
            // And back: a second database from the export holds the same dataset.
            String db2 = dir.resolve("db-" + fmt).toString();
            assertThat(CliRun.of("import", "--db", db2, out).exit()).isZero();
            Path again = dir.resolve("again." + fmt);
            assertThat(CliRun.of("export", "--db", db2, "--format", fmt, "--output", again).exit()).isZero();
            assertThat(IsoMatcher.isomorphic(expected, jena(again, fmt.equals("nq") ? Lang.NQUADS : Lang.TRIG))).isTrue();
        }
        try (NervusDB d = NervusDB.open(Path.of(db))) {
            assertThat(d.graphs()).hasSize(3);
            assertThat(d.countQuads(null, null, null, "http://example.org/g2")).isEqualTo(3);
            assertThat(d.count(null, null, null)).isEqualTo(2);
        }
        // A bulk import keeps the graphs just the same.
        String bulk = dir.resolve("bulk").toString();
        CliRun b = CliRun.of("import", "--db", bulk, "--bulk", src);
        assertThat(b.exit()).as(b.err()).isZero();
        Path out = dir.resolve("bulk.nq");
        assertThat(CliRun.of("export", "--db", bulk, "--format", "nq", "--output", out).exit()).isZero();
        assertThat(IsoMatcher.isomorphic(expected, jena(out, Lang.NQUADS))).as(Files.readString(out)).isTrue();
        // And an N-Quads file (read as bytes) into a second bulk import.
        String bulk2 = dir.resolve("bulk2").toString();
        assertThat(CliRun.of("import", "--db", bulk2, "--bulk", out).exit()).isZero();
        Path again = dir.resolve("bulk2.trig");
        assertThat(CliRun.of("export", "--db", bulk2, "--format", "trig", "--output", again).exit()).isZero();
        assertThat(IsoMatcher.isomorphic(expected, jena(again, Lang.TRIG))).isTrue();
        try (NervusDB d = NervusDB.open(Path.of(bulk2))) {
            assertThat(d.graphs()).hasSize(3);
            assertThat(d.countQuads(null, null, null, "http://example.org/g2")).isEqualTo(3);
            assertThat(d.count(null, null, null)).isEqualTo(2);
            assertThat(d.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void constructAnswersInEachGraphFormatLoadInJenaAsTheGraphTheyDescribe(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("in.trig");
        Files.writeString(src, TRIG);
        String db = dir.resolve("db").toString();
        assertThat(CliRun.of("import", "--db", db, src).exit()).isZero();
        org.apache.jena.graph.Graph g2 = jena(src, Lang.TRIG).getGraph(org.apache.jena.graph.NodeFactory.createURI("http://example.org/g2"));
        String q = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://example.org/g2> { ?s ?p ?o } }";
        for (String fmt : List.of("nt", "nq", "ttl")) {
            CliRun r = CliRun.of("query", "--db", db, "--format", fmt, q);
            assertThat(r.exit()).as(r.err()).isZero();
            Path out = dir.resolve("construct." + fmt);
            Files.writeString(out, r.out());
            Lang lang = fmt.equals("nt") ? Lang.NTRIPLES : fmt.equals("nq") ? Lang.NQUADS : Lang.TURTLE;
            org.apache.jena.graph.Graph got = jena(out, lang).getDefaultGraph();
            assertThat(got.isIsomorphicWith(g2)).as(fmt + ":\n" + r.out()).isTrue();
        }
        // SELECT answers are not graphs: a graph format is a usage error naming the ones that fit.
        CliRun wrong = CliRun.of("query", "--db", db, "--format", "nq", "SELECT * WHERE { ?s ?p ?o }");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("table, csv, tsv, json or xml");
    }

    @Test
    void plainNamesExportAsIrisOtherToolsLoad(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        try (NervusDB d = NervusDB.open(db)) {
            d.add("bob", "knows", "carol");
            d.add("carol", "age", 31);
            d.add("bob", "knows", "dave", "friends");
        }
        for (String fmt : List.of("nt", "ttl", "nq", "trig")) {
            Path out = dir.resolve("plain." + fmt);
            CliRun exp = CliRun.of("export", "--db", db, "--format", fmt, "--output", out);
            assertThat(exp.exit()).as(exp.err()).isZero();
            Lang lang = fmt.equals("nt") ? Lang.NTRIPLES : fmt.equals("ttl") ? Lang.TURTLE : fmt.equals("nq") ? Lang.NQUADS : Lang.TRIG;
            DatasetGraph got = jena(out, lang);
            assertThat(got.getDefaultGraph().size()).as(fmt).isEqualTo(2);
            assertThat(Files.readString(out)).as(fmt).contains(fmt.startsWith("n") ? "<http://nervusdb.invalid/bob>" : ":bob");
            if (fmt.equals("ttl") || fmt.equals("trig")) {
                // Prefixes: the base IRI of plain names as the empty one, and the common vocabularies.
                assertThat(Files.readString(out)).as(fmt).contains("@prefix : <http://nervusdb.invalid/> .")
                        .contains("@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .").contains(":bob :knows :carol")
                        .contains("\"31\"^^xsd:integer");
            }
            if (fmt.equals("nq") || fmt.equals("trig")) {
                assertThat(got.getGraph(org.apache.jena.graph.NodeFactory.createURI("http://nervusdb.invalid/friends")).size()).isEqualTo(1);
            }
        }
        // Named graphs that a triples format cannot hold are named, not dropped silently.
        CliRun nt = CliRun.of("export", "--db", db, "--format", "nt");
        assertThat(nt.err()).contains("1 named graph");
        // --relative keeps NervusDB's own spelling, for NervusDB's import.
        CliRun rel = CliRun.of("export", "--db", db, "--format", "nt", "--relative");
        assertThat(rel.out()).contains("<bob> <knows> <carol> .");
        assertThat(Quad.DEFAULT_GRAPH).isEqualTo("urn:x-arq:DefaultGraph");
    }

    @Test
    void nQuadsGraphsAreKeptUnlessToldOtherwiseWithOrWithoutBulk(@TempDir Path dir) throws Exception {
        Path nq = dir.resolve("in.nq");
        Files.writeString(nq, "<http://e/s> <http://e/p> <http://e/o> <http://e/g> .\n<http://e/s> <http://e/p> <http://e/o2> .\n"
                + "_:b <http://e/p> <http://e/o> _:g .\n<http://e/s> <http://e/p> <http://e/o> <http://e/g> .\n");
        for (boolean bulk : new boolean[] {false, true}) {
            String b = bulk ? "--bulk" : "--batch=1";
            String keep = dir.resolve("keep-" + bulk).toString();
            CliRun kept = CliRun.of("import", "--db", keep, b, "--keep-blank-labels", nq);
            assertThat(kept.exit()).as(kept.err()).isZero();
            assertThat(kept.out()).contains("read: 4 triples", "added: 3 (new)");
            String merge = dir.resolve("merge-" + bulk).toString();
            assertThat(CliRun.of("import", "--db", merge, b, "--keep-blank-labels", "--graph", "ignore", nq).exit()).isZero();
            String into = dir.resolve("into-" + bulk).toString();
            assertThat(CliRun.of("import", "--db", into, b, "--keep-blank-labels", "--into", "http://e/target", nq).exit()).isZero();
            String intoMerged = dir.resolve("into-merged-" + bulk).toString();
            assertThat(CliRun.of("import", "--db", intoMerged, b, "--graph", "ignore", "--into", "http://e/target", nq).exit()).isZero();
            CliRun refuse = CliRun.of("import", "--db", dir.resolve("refuse-" + bulk).toString(), b, "--graph", "refuse", nq);
            assertThat(refuse.exit()).isNotZero();
            assertThat(refuse.err()).isEqualTo("error: " + nq + ":1:40: a named graph (http://e/g) and --graph refuse\n");
            try (NervusDB k = NervusDB.open(Path.of(keep)); NervusDB m = NervusDB.open(Path.of(merge)); NervusDB i = NervusDB.open(Path.of(into));
                    NervusDB im = NervusDB.open(Path.of(intoMerged))) {
                assertThat(quads(k)).as("bulk " + bulk).containsExactlyInAnyOrder(new Quad("http://e/s", "http://e/p", "http://e/o", "http://e/g"),
                        new Quad("http://e/s", "http://e/p", "http://e/o2", null), new Quad("_:b", "http://e/p", "http://e/o", "_:g"));
                assertThat(k.graphs()).containsExactlyInAnyOrder("http://e/g", "_:g");
                assertThat(k.stats().quads()).isEqualTo(2);
                assertThat(quads(m)).containsExactlyInAnyOrder(new Quad("http://e/s", "http://e/p", "http://e/o", null),
                        new Quad("http://e/s", "http://e/p", "http://e/o2", null), new Quad("_:b", "http://e/p", "http://e/o", null));
                assertThat(m.graphs()).isEmpty();
                assertThat(quads(i)).containsExactlyInAnyOrder(new Quad("http://e/s", "http://e/p", "http://e/o", "http://e/g"),
                        new Quad("http://e/s", "http://e/p", "http://e/o2", "http://e/target"), new Quad("_:b", "http://e/p", "http://e/o", "_:g"));
                assertThat(i.count(null, null, null)).isZero();
                assertThat(im.graphs()).containsExactly("http://e/target");
                assertThat(im.countQuads(null, null, null, "http://e/target")).isEqualTo(3);
                assertThat(k.checkIndexes(10)).isEmpty();
                assertThat(i.checkIndexes(10)).isEmpty();
            }
        }
    }

    private static java.util.Set<Quad> quads(NervusDB d) {
        try (java.util.stream.Stream<Quad> s = d.findQuads(null, null, null, null)) {
            return s.collect(java.util.stream.Collectors.toSet());
        }
    }

    /** Runs the command line in this JVM. */
    record CliRun(int exit, String out, String err) {
        static CliRun of(Object... args) {
            QueryAnswersCommandTest.Run r = QueryAnswersCommandTest.run(args);
            return new CliRun(r.exit(), r.out(), r.err());
        }
    }
}
