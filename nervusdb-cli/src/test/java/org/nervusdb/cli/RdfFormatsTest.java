package org.nervusdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;
import org.nervusdb.Triple;
import picocli.CommandLine;

/** Import of TriG, RDF/XML and JSON-LD, named graphs on import, and export as TriG and N-Quads with --base. */
class RdfFormatsTest {
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final String EX = "http://example.org/";

    @TempDir
    Path tmp;

    /** Outcome of one in-process run of the command line. */
    private record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    private static Run run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        cl.setOut(o);
        cl.setErr(e);
        String[] argv = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            argv[i] = String.valueOf(args[i]);
        }
        int code = cl.execute(argv);
        o.flush();
        e.flush();
        return new Run(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    private static Set<Triple> all(Path db) {
        try (NervusDB d = NervusDB.open(db)) {
            return new HashSet<>(d.query().execute());
        }
    }

    /** The triples with every blank node label replaced by "_:", and the number of distinct blank nodes. */
    private static Set<String> shape(Set<Triple> triples) {
        Set<String> out = new TreeSet<>();
        Set<String> blanks = new HashSet<>();
        for (Triple t : triples) {
            StringBuilder sb = new StringBuilder();
            for (String term : List.of(t.subject(), t.predicate(), t.object())) {
                if (term.startsWith("_:")) {
                    blanks.add(term);
                    term = "_:";
                }
                sb.append(term).append(' ');
            }
            out.add(sb.toString());
        }
        out.add("blank nodes: " + blanks.size());
        return out;
    }

    private Run importFiles(String db, Object... args) {
        Object[] argv = new Object[args.length + 5];
        argv[0] = "import";
        argv[1] = "--db";
        argv[2] = tmp.resolve(db);
        argv[3] = "--progress";
        argv[4] = "none";
        System.arraycopy(args, 0, argv, 5, args.length);
        return run(argv);
    }

    /** The same data as RDF/XML, Turtle and JSON-LD. */
    private static final String RDF_XML = "<?xml version=\"1.0\"?>\n"
            + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/\">\n"
            + "  <rdf:Description rdf:about=\"http://example.org/alice\">\n"
            + "    <ex:name xml:lang=\"EN-gb\">Alice</ex:name>\n"
            + "    <ex:age rdf:datatype=\"http://www.w3.org/2001/XMLSchema#integer\">34</ex:age>\n"
            + "    <ex:nick>Al &amp; \"Ally\"</ex:nick>\n"
            + "    <ex:knows rdf:resource=\"bob\"/>\n"
            + "    <ex:address rdf:parseType=\"Resource\"><ex:city>Paris</ex:city></ex:address>\n"
            + "    <ex:pet rdf:nodeID=\"rex\"/>\n"
            + "  </rdf:Description>\n"
            + "  <rdf:Description rdf:nodeID=\"rex\"><ex:name>Rex</ex:name></rdf:Description>\n"
            + "</rdf:RDF>\n";
    private static final String TURTLE = "@prefix ex: <http://example.org/> .\n"
            + "ex:alice ex:name \"Alice\"@en-GB ; ex:age 34 ; ex:nick \"Al & \\\"Ally\\\"\" ; ex:knows <bob> ;\n"
            + "    ex:address [ ex:city \"Paris\" ] ; ex:pet _:rex .\n"
            + "_:rex ex:name \"Rex\" .\n";
    private static final String JSON_LD = "{\n"
            + "  \"@context\": {\"ex\": \"http://example.org/\", \"xsd\": \"http://www.w3.org/2001/XMLSchema#\"},\n"
            + "  \"@id\": \"ex:alice\",\n"
            + "  \"ex:name\": {\"@value\": \"Alice\", \"@language\": \"en-gb\"},\n"
            + "  \"ex:age\": {\"@value\": \"34\", \"@type\": \"xsd:integer\"},\n"
            + "  \"ex:nick\": \"Al & \\\"Ally\\\"\",\n"
            + "  \"ex:knows\": {\"@id\": \"bob\"},\n"
            + "  \"ex:address\": {\"ex:city\": \"Paris\"},\n"
            + "  \"ex:pet\": {\"@id\": \"_:rex\", \"ex:name\": \"Rex\"}\n"
            + "}\n";

    private static Set<Triple> expected(String rexLabel, String addressLabel) {
        return Set.of(
                Triple.of(EX + "alice", EX + "name", "\"Alice\"@en-GB"),
                Triple.of(EX + "alice", EX + "age", "\"34\"^^<" + XSD + "integer>"),
                Triple.of(EX + "alice", EX + "nick", "\"Al & \\\"Ally\\\"\""),
                Triple.of(EX + "alice", EX + "knows", "bob"),
                Triple.of(EX + "alice", EX + "address", addressLabel),
                Triple.of(addressLabel, EX + "city", "\"Paris\""),
                Triple.of(EX + "alice", EX + "pet", rexLabel),
                Triple.of(rexLabel, EX + "name", "\"Rex\""));
    }

    @Test
    void rdfXmlAndJsonLdImportAsTheSameTriplesAsTurtle() throws Exception {
        Path xml = tmp.resolve("people.rdf");
        Files.writeString(xml, RDF_XML);
        Path ttl = tmp.resolve("people.ttl");
        Files.writeString(ttl, TURTLE);
        Path json = tmp.resolve("people.jsonld");
        Files.writeString(json, JSON_LD);

        Run r = importFiles("xml", "--keep-blank-labels", xml);
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.outLines()).contains("read: 8 triples", "added: 8 (new)");
        // labels as written (rdf:nodeID), a node without one as the Turtle parser names them; relative IRIs stay relative
        assertThat(all(tmp.resolve("xml"))).isEqualTo(expected("_:rex", "_:-1"));

        assertThat(importFiles("ttl", "--keep-blank-labels", ttl).exit).isZero();
        assertThat(all(tmp.resolve("ttl"))).isEqualTo(all(tmp.resolve("xml")));

        Run j = importFiles("json", json);
        assertThat(j.exit).as(j.err).isZero();
        assertThat(j.outLines()).contains("read: 8 triples");
        assertThat(shape(all(tmp.resolve("json")))).isEqualTo(shape(all(tmp.resolve("ttl"))));

        // each file's blank nodes are its own unless --keep-blank-labels
        Path twice = tmp.resolve("twice");
        assertThat(importFiles("twice", xml, xml).outLines()).contains("read: 16 triples", "added: 12 (new)");
        assertThat(shape(all(twice))).contains("blank nodes: 4");
        assertThat(importFiles("twice-kept", "--keep-blank-labels", xml, xml).outLines()).contains("added: 8 (new)");

        // --format and the other extensions
        for (String name : List.of("a.owl", "a.xml", "a.RDF.gz")) {
            Path f = tmp.resolve(name);
            if (name.endsWith(".gz")) {
                try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
                    out.write(RDF_XML.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            } else {
                Files.writeString(f, RDF_XML);
            }
            Run e = importFiles("ext-" + name, "--keep-blank-labels", f);
            assertThat(e.exit).as(name + ": " + e.err).isZero();
            assertThat(all(tmp.resolve("ext-" + name))).as(name).isEqualTo(expected("_:rex", "_:-1"));
        }
        Path noExt = tmp.resolve("data.txt");
        Files.writeString(noExt, JSON_LD);
        assertThat(importFiles("fmt", "--format", "jsonld", noExt).exit).isZero();
        assertThat(shape(all(tmp.resolve("fmt")))).isEqualTo(shape(all(tmp.resolve("ttl"))));
        Files.writeString(noExt, RDF_XML);
        assertThat(importFiles("fmt2", "--format", "rdfxml", "--keep-blank-labels", noExt).exit).isZero();
        assertThat(all(tmp.resolve("fmt2"))).isEqualTo(expected("_:rex", "_:-1"));
    }

    @Test
    void aBaseResolvesRelativeIrisOfRdfXmlAndJsonLd() throws Exception {
        Path xml = tmp.resolve("rel.rdf");
        Files.writeString(xml, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/\">\n"
                + "  <rdf:Description rdf:about=\"alice\"><ex:p rdf:resource=\"../up\"/></rdf:Description>\n"
                + "  <rdf:Description rdf:ID=\"frag\"><ex:p rdf:datatype=\"myType\">1</ex:p></rdf:Description>\n"
                + "</rdf:RDF>\n");
        assertThat(importFiles("rel", xml).exit).isZero();
        assertThat(all(tmp.resolve("rel"))).containsExactlyInAnyOrder(
                Triple.of("alice", EX + "p", "up"),
                Triple.of("#frag", EX + "p", "\"1\"^^<myType>"));
        Run b = importFiles("base", "--base", "http://base.org/dir/doc", xml);
        assertThat(b.exit).as(b.err).isZero();
        assertThat(all(tmp.resolve("base"))).containsExactlyInAnyOrder(
                Triple.of("http://base.org/dir/alice", EX + "p", "http://base.org/up"),
                Triple.of("http://base.org/dir/doc#frag", EX + "p", "\"1\"^^<http://base.org/dir/myType>"));
        Path json = tmp.resolve("rel.jsonld");
        Files.writeString(json, "{\"@id\": \"alice\", \"http://example.org/p\": {\"@id\": \"bob\"}}");
        assertThat(importFiles("json-rel", json).exit).isZero();
        assertThat(all(tmp.resolve("json-rel"))).containsExactly(Triple.of("alice", EX + "p", "bob"));
        assertThat(importFiles("json-base", "--base", "http://base.org/", json).exit).isZero();
        assertThat(all(tmp.resolve("json-base"))).containsExactly(Triple.of("http://base.org/alice", EX + "p", "http://base.org/bob"));
    }

    @Test
    void rdfXmlAndJsonLdErrorsNameTheFile() throws Exception {
        Path xml = tmp.resolve("bad.rdf");
        Files.writeString(xml, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/\">\n"
                + "  <rdf:Description rdf:about=\"a\"><ex:p>x</ex:q></rdf:Description>\n</rdf:RDF>\n");
        Run r = importFiles("bad", xml);
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).startsWith("error: " + xml + ":2:");
        Path json = tmp.resolve("bad.jsonld");
        Files.writeString(json, "{\"@id\": \"a\",\n \"http://example.org/p\": }");
        Run j = importFiles("badj", json);
        assertThat(j.exit).isEqualTo(1);
        assertThat(j.err).startsWith("error: " + json + ":");
        // a term the store cannot take: a lone surrogate from a JSON escape, skipped with --skip-invalid
        Path surrogate = tmp.resolve("surrogate.jsonld");
        Files.writeString(surrogate, "[{\"@id\": \"a\", \"http://example.org/p\": \"x\\ud800\"},"
                + " {\"@id\": \"b\", \"http://example.org/p\": \"y\"}]");
        Run s = importFiles("sur", surrogate);
        assertThat(s.exit).isEqualTo(1);
        assertThat(s.err).startsWith("error: " + surrogate + ": ").contains("surrogate");
        Run k = importFiles("sur2", "--skip-invalid", surrogate);
        assertThat(k.exit).as(k.err).isZero();
        assertThat(k.outLines()).contains("read: 1 triples", "skipped: 1");
        assertThat(all(tmp.resolve("sur2"))).containsExactly(Triple.of("b", EX + "p", "\"y\""));
    }

    private static final String TRIG = "@prefix ex: <http://example.org/> .\n"
            + "ex:a ex:p ex:b .\n"
            + "{ ex:a ex:p ex:c }\n"
            + "ex:g1 {\n  ex:a ex:p ex:d .\n}\n"
            + "GRAPH _:g2 { ex:a ex:p [ ex:q ex:e ] }\n";

    @Test
    void trigGraphsAreKeptMergedOrRefusedAsAsked() throws Exception {
        Path defaultOnly = tmp.resolve("default.trig");
        Files.writeString(defaultOnly, "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\n{ ex:a ex:p ex:c . }\n");
        assertThat(importFiles("d", defaultOnly).exit).isZero();
        assertThat(all(tmp.resolve("d"))).containsExactlyInAnyOrder(Triple.of(EX + "a", EX + "p", EX + "b"),
                Triple.of(EX + "a", EX + "p", EX + "c"));

        Path trig = tmp.resolve("graphs.trig");
        Files.writeString(trig, TRIG);
        Run kept = importFiles("g", "--keep-blank-labels", trig);
        assertThat(kept.exit).as(kept.err).isZero();
        try (NervusDB d = NervusDB.open(tmp.resolve("g"))) {
            assertThat(d.count(null, null, null)).isEqualTo(2);
            assertThat(d.countQuads(null, null, null, EX + "g1")).isEqualTo(1);
            assertThat(d.graphs()).hasSize(2).contains(EX + "g1");
            assertThat(d.countQuads(null, null, null, null)).isEqualTo(5);
        }
        for (boolean bulk : new boolean[] {false, true}) {
            String b = bulk ? "--bulk" : "--batch=1";
            Run refuse = importFiles("gr-" + bulk, b, "--graph", "refuse", trig);
            assertThat(refuse.err).isEqualTo("error: " + trig + ":4:1: a named graph (http://example.org/g1) and --graph refuse\n");
            Run merged = importFiles("gm-" + bulk, b, "--graph", "ignore", "--keep-blank-labels", trig);
            assertThat(merged.exit).as(merged.err).isZero();
            assertThat(merged.outLines()).contains("read: 5 triples");
            assertThat(all(tmp.resolve("gm-" + bulk))).containsExactlyInAnyOrder(
                    Triple.of(EX + "a", EX + "p", EX + "b"), Triple.of(EX + "a", EX + "p", EX + "c"),
                    Triple.of(EX + "a", EX + "p", EX + "d"), Triple.of(EX + "a", EX + "p", "_:-1"),
                    Triple.of("_:-1", EX + "q", EX + "e"));
        }
        // A bulk load keeps the graphs as a batched import does, and puts the default graph --into one.
        Run bulk = importFiles("gb", "--bulk", "--keep-blank-labels", trig);
        assertThat(bulk.exit).as(bulk.err).isZero();
        assertThat(bulk.outLines()).contains("read: 5 triples", "added: 5 (new)");
        try (NervusDB d = NervusDB.open(tmp.resolve("gb")); NervusDB batched = NervusDB.open(tmp.resolve("g"))) {
            assertThat(d.count(null, null, null)).isEqualTo(2);
            assertThat(d.countQuads(null, null, null, EX + "g1")).isEqualTo(1);
            assertThat(d.countQuads(EX + "a", EX + "p", EX + "d", EX + "g1")).isEqualTo(1);
            assertThat(d.graphs()).containsExactlyInAnyOrderElementsOf(batched.graphs()).hasSize(2);
            assertThat(d.countQuads(null, null, null, null)).isEqualTo(5);
            assertThat(d.checkIndexes(10)).isEmpty();
        }
        for (boolean b : new boolean[] {false, true}) {
            Run into = importFiles("gi-" + b, b ? "--bulk" : "--batch=1", "--keep-blank-labels", "--into", EX + "t", trig);
            assertThat(into.exit).as(into.err).isZero();
            try (NervusDB d = NervusDB.open(tmp.resolve("gi-" + b))) {
                assertThat(d.count(null, null, null)).isZero();
                assertThat(d.countQuads(null, null, null, EX + "t")).isEqualTo(2);
                assertThat(d.graphs()).hasSize(3).contains(EX + "t", EX + "g1");
            }
        }
        // the position of a blank node graph name
        Path blank = tmp.resolve("blank.trig");
        Files.writeString(blank, "<s> <p> <o> .\n  GRAPH  _:g { <s> <p> <o> }\n");
        assertThat(importFiles("blank", "--keep-blank-labels", "--graph", "refuse", blank).err)
                .startsWith("error: " + blank + ":2:10: a named graph (_:g) and --graph refuse");
        // --graph takes keep, ignore or refuse only, checked before the database is made
        Run bad = importFiles("never", "--graph", "drop", trig);
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err).contains("--graph must be keep, ignore or refuse, got drop");
        assertThat(Files.exists(tmp.resolve("never"))).isFalse();
    }

    @Test
    void jsonLdNamedGraphsAreKept() throws Exception {
        Path json = tmp.resolve("graphs.jsonld");
        Files.writeString(json, "{\"@context\": {\"ex\": \"http://example.org/\"},\n"
                + " \"@graph\": [{\"@id\": \"ex:a\", \"ex:p\": {\"@id\": \"ex:b\"}}],\n"
                + " \"@id\": \"ex:g\"}\n");
        Run r = importFiles("j", json);
        assertThat(r.exit).as(r.err).isZero();
        try (NervusDB d = NervusDB.open(tmp.resolve("j"))) {
            assertThat(d.countQuads(EX + "a", EX + "p", EX + "b", EX + "g")).isEqualTo(1);
        }
        Run refused = importFiles("j1", "--graph", "refuse", json);
        assertThat(refused.err).isEqualTo("error: " + json + ": a named graph (http://example.org/g) and --graph refuse\n");
        assertThat(importFiles("j2", "--graph", "ignore", json).exit).isZero();
        assertThat(all(tmp.resolve("j2"))).containsExactly(Triple.of(EX + "a", EX + "p", EX + "b"));
    }

    @Test
    void trigSkipInvalidSkipsTheBadStatementOfABlock() throws Exception {
        Path trig = tmp.resolve("recover.trig");
        Files.writeString(trig, "{\n<a> <p> <b> .\n<a> <p> \"unclosed .\n<a> <p> <c> .\n}\n<a> <p> <d> .\n");
        Run r = importFiles("r", trig);
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).startsWith("error: " + trig + ":3:20: line break in a string");
        Run s = importFiles("s", "--skip-invalid", trig);
        assertThat(s.exit).as(s.err).isZero();
        assertThat(s.outLines()).contains("read: 3 triples", "skipped: 1");
        assertThat(all(tmp.resolve("s"))).containsExactlyInAnyOrder(Triple.of("a", "p", "b"), Triple.of("a", "p", "c"),
                Triple.of("a", "p", "d"));
    }

    @Test
    void exportAsTrigAndNQuadsWithABaseAndBack() throws Exception {
        Path src = tmp.resolve("src");
        try (NervusDB d = NervusDB.open(src)) {
            d.add("alice", "knows", "bob");
            d.add("alice", "name", "\"Alice\"@en");
            d.add("_:b1", "http://example.org/p", "\"1\"^^<" + XSD + "integer>");
            d.add("http://example.org/s", "http://example.org/p", "_:b1");
        }
        for (String ext : List.of("trig", "nq", "trig.gz")) {
            Path file = tmp.resolve("out." + ext);
            Run e = run("export", "--db", src, "--relative", "--output", file);
            assertThat(e.exit).as(e.err).isZero();
            assertThat(e.out).isEqualTo("exported: 4 statements to " + file + "\n");
            Path copy = tmp.resolve("copy-" + ext);
            Run i = importFiles("copy-" + ext, "--keep-blank-labels", file);
            assertThat(i.exit).as(ext + ": " + i.err).isZero();
            assertThat(all(copy)).as(ext).isEqualTo(all(src));
        }
        Run trig = run("export", "--db", src, "--format", "trig", "--base", "http://ex.org/people/");
        assertThat(trig.exit).as(trig.err).isZero();
        assertThat(trig.out).contains("@prefix : <http://ex.org/people/> .").contains(":alice :knows :bob")
                .contains("<http://example.org/s> <http://example.org/p> _:b1 .").doesNotContain("{");
        Run nq = run("export", "--db", src, "--format", "nquads", "--base", "http://ex.org/people/");
        assertThat(nq.outLines()).contains("<http://ex.org/people/alice> <http://ex.org/people/name> \"Alice\"@en .")
                .hasSize(4);
        // with a base, what is written is strict N-Triples: import reads it back as absolute IRIs
        Path nt = tmp.resolve("base.nt");
        assertThat(run("export", "--db", src, "--output", nt, "--base", "urn:x:").exit).isZero();
        assertThat(Files.readString(nt)).contains("<urn:x:alice> <urn:x:knows> <urn:x:bob> .");
        Path ttl = tmp.resolve("base.ttl");
        assertThat(run("export", "--db", src, "--output", ttl, "--base", "urn:x:").exit).isZero();
        assertThat(importFiles("from-ttl", "--keep-blank-labels", ttl).exit).isZero();
        assertThat(all(tmp.resolve("from-ttl"))).contains(Triple.of("urn:x:alice", "urn:x:knows", "urn:x:bob"));
        // a base must have a scheme
        Run bad = run("export", "--db", src, "--format", "nt", "--base", "people/");
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err).contains("--base must be an IRI with a scheme");
        // the help names the formats
        assertThat(run("export", "--help").out.replaceAll("\\s+", " ")).contains("trig (TriG)").contains("nq (N-Quads)")
                .contains("--base=IRI");
        assertThat(run("import", "--help").out.replaceAll("\\s+", " ")).contains("rdfxml (RDF/XML")
                .contains("jsonld (JSON-LD)").contains("trig (TriG)");
    }

    @Test
    void unknownFormatsListTheKnownOnes() throws Exception {
        Path f = tmp.resolve("data.n3");
        Files.writeString(f, "");
        Run r = importFiles("x", f);
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("use --format nt, nq, ttl, trig, rdfxml, jsonld, csv or jsonl");
        Run e = run("export", "--db", tmp.resolve("x"), "--format", "rdfxml");
        assertThat(e.exit).isEqualTo(2);
        assertThat(e.err).contains("use nt, nq, ttl, trig, csv, jsonl or tsv");
    }
}
