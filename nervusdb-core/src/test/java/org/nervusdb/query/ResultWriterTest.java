package org.nervusdb.query;

import org.nervusdb.QueryResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.ResultWriter.Format;

/** The result formats, byte for byte. */
class ResultWriterTest {
    private static final String INT = "^^<http://www.w3.org/2001/XMLSchema#integer>";

    /** A result of fixed rows. */
    static QueryResult result(QueryResult.Kind kind, List<String> vars, String[]... rows) {
        Iterator<String[]> it = Arrays.asList(rows).iterator();
        return new QueryResult() {
            @Override
            public Kind kind() {
                return kind;
            }

            @Override
            public List<String> variables() {
                return vars;
            }

            @Override
            public boolean hasNext() {
                return kind != Kind.ASK && it.hasNext();
            }

            @Override
            public String[] next() {
                return it.next();
            }

            @Override
            public boolean askAnswer() {
                return rows.length > 0;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Every kind of term: relative and absolute IRIs, literals plain, tagged and typed, blank nodes, unbound. */
    static QueryResult select() {
        return result(QueryResult.Kind.SELECT, Arrays.asList("x", "y"),
                new String[] {"alice", "\"say \\\"hi\\\", then\\nleave\""},
                new String[] {"http://e/x", "\"chat\"@en-GB"},
                new String[] {"_:b1", "\"42\"" + INT},
                new String[] {null, "\"a\tb <&> \u0001\""},
                new String[] {"_:odd label", "\"1\"^^<rel-type>"},
                new String[] {null, null});
    }

    static String write(QueryResult r, Format f, String base) throws IOException {
        StringBuilder sb = new StringBuilder();
        ResultWriter.write(r, f, sb, base);
        return sb.toString();
    }

    @Test
    void json() throws IOException {
        assertThat(write(select(), Format.JSON, null)).isEqualTo("{\"head\":{\"vars\":[\"x\",\"y\"]},\"results\":{\"bindings\":[\n"
                + "{\"x\":{\"type\":\"uri\",\"value\":\"alice\"},\"y\":{\"type\":\"literal\",\"value\":\"say \\\"hi\\\", then\\nleave\"}},\n"
                + "{\"x\":{\"type\":\"uri\",\"value\":\"http://e/x\"},\"y\":{\"type\":\"literal\",\"value\":\"chat\",\"xml:lang\":\"en-GB\"}},\n"
                + "{\"x\":{\"type\":\"bnode\",\"value\":\"b1\"},\"y\":{\"type\":\"literal\",\"value\":\"42\","
                + "\"datatype\":\"http://www.w3.org/2001/XMLSchema#integer\"}},\n"
                + "{\"y\":{\"type\":\"literal\",\"value\":\"a\\tb <&> \\u0001\"}},\n"
                + "{\"x\":{\"type\":\"bnode\",\"value\":\"odd label\"},\"y\":{\"type\":\"literal\",\"value\":\"1\",\"datatype\":\"rel-type\"}},\n"
                + "{}\n]}}\n");
        assertThat(write(result(QueryResult.Kind.SELECT, Arrays.asList("x")), Format.JSON, null))
                .isEqualTo("{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[]}}\n");
        assertThat(write(result(QueryResult.Kind.ASK, List.of(), new String[0]), Format.JSON, null))
                .isEqualTo("{\"head\":{},\"boolean\":true}\n");
    }

    @Test
    void xml() throws IOException {
        assertThat(write(select(), Format.XML, null)).isEqualTo("<?xml version=\"1.0\"?>\n"
                + "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head>\n"
                + "<variable name=\"x\"/>\n<variable name=\"y\"/>\n</head>\n<results>\n"
                + "<result>\n<binding name=\"x\"><uri>alice</uri></binding>\n"
                + "<binding name=\"y\"><literal>say &quot;hi&quot;, then&#10;leave</literal></binding>\n</result>\n"
                + "<result>\n<binding name=\"x\"><uri>http://e/x</uri></binding>\n"
                + "<binding name=\"y\"><literal xml:lang=\"en-GB\">chat</literal></binding>\n</result>\n"
                + "<result>\n<binding name=\"x\"><bnode>b1</bnode></binding>\n"
                + "<binding name=\"y\"><literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">42</literal></binding>\n</result>\n"
                + "<result>\n<binding name=\"y\"><literal>a&#9;b &lt;&amp;&gt; \uFFFD</literal></binding>\n</result>\n"
                + "<result>\n<binding name=\"x\"><bnode>odd label</bnode></binding>\n"
                + "<binding name=\"y\"><literal datatype=\"rel-type\">1</literal></binding>\n</result>\n"
                + "<result>\n</result>\n</results>\n</sparql>\n");
        assertThat(write(result(QueryResult.Kind.ASK, List.of()), Format.XML, null)).isEqualTo("<?xml version=\"1.0\"?>\n"
                + "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head>\n</head>\n<boolean>false</boolean>\n</sparql>\n");
    }

    @Test
    void csv() throws IOException {
        assertThat(write(select(), Format.CSV, null)).isEqualTo("x,y\r\n"
                + "alice,\"say \"\"hi\"\", then\nleave\"\r\n"
                + "http://e/x,chat\r\n"
                + "_:b1,42\r\n"
                + ",a\tb <&> \u0001\r\n"
                + "_:odd label,1\r\n"
                + ",\r\n");
        assertThat(write(result(QueryResult.Kind.ASK, List.of(), new String[0]), Format.CSV, null)).isEqualTo("_askResult\r\ntrue\r\n");
    }

    @Test
    void tsv() throws IOException {
        assertThat(write(select(), Format.TSV, null)).isEqualTo("?x\t?y\n"
                + "<alice>\t\"say \\\"hi\\\", then\\nleave\"\n"
                + "<http://e/x>\t\"chat\"@en-GB\n"
                + "_:b1\t\"42\"" + INT + "\n"
                + "\t\"a\\u0009b <&> \\u0001\"\n"
                + "_:u-006F006400640020006C006100620065006C\t\"1\"^^<rel-type>\n"
                + "\t\n");
        assertThat(write(result(QueryResult.Kind.ASK, List.of()), Format.TSV, null)).isEqualTo("?_askResult\nfalse\n");
    }

    @Test
    void aBaseIsPutBeforeIrisWithoutAScheme() throws IOException {
        QueryResult r = result(QueryResult.Kind.SELECT, Arrays.asList("x", "y"),
                new String[] {"alice", "\"1\"^^<rel-type>"}, new String[] {"urn:x:y", "\"1\"" + INT}, new String[] {"a/b:c", "_:b"});
        assertThat(write(r, Format.TSV, "http://base/")).isEqualTo("?x\t?y\n<http://base/alice>\t\"1\"^^<http://base/rel-type>\n"
                + "<urn:x:y>\t\"1\"" + INT + "\n<http://base/a/b:c>\t_:b\n");
        assertThat(ResultWriter.hasScheme("http://x")).isTrue();
        assertThat(ResultWriter.hasScheme("a+b.c-d:x")).isTrue();
        assertThat(ResultWriter.hasScheme("1a:x")).isFalse();
        assertThat(ResultWriter.hasScheme(":x")).isFalse();
        assertThat(ResultWriter.hasScheme("x#y:z")).isFalse();
    }

    @Test
    void graphsAsNTriplesAndTurtle() throws IOException {
        try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
            store.add("alice", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "Person");
            store.add("alice", "name", "\"Alice\"@en");
            store.add("alice", "name", "\"Ally\"");
            store.add("bob", "age", "\"31\"" + INT);
            String q = "CONSTRUCT WHERE { ?s ?p ?o }";
            String nt;
            try (QueryResult r = Sparql.execute(store, q, null)) {
                nt = write(r, Format.NTRIPLES, "http://e/");
            }
            // In the order of the subject-first index: by term id, which follows the order of the first writes.
            assertThat(nt).isEqualTo("<http://e/alice> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/Person> .\n"
                    + "<http://e/alice> <http://e/name> \"Alice\"@en .\n"
                    + "<http://e/alice> <http://e/name> \"Ally\" .\n"
                    + "<http://e/bob> <http://e/age> \"31\"" + INT + " .\n");
            try (QueryResult r = Sparql.execute(store, q, null)) {
                assertThat(write(r, Format.TURTLE, null)).isEqualTo("<alice> a <Person> ;\n    <name> \"Alice\"@en ,\n"
                        + "        \"Ally\" .\n<bob> <age> \"31\"" + INT + " .\n");
            }
            try (QueryResult r = Sparql.execute(store, q, null)) {
                assertThat(write(r, Format.CSV, null)).startsWith("subject,predicate,object\r\n"
                        + "alice,http://www.w3.org/1999/02/22-rdf-syntax-ns#type,Person\r\nalice,name,Alice\r\n");
            }
            try (QueryResult r = Sparql.execute(store, "SELECT * { ?s ?p ?o }", null)) {
                assertThatThrownBy(() -> write(r, Format.TURTLE, null)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("TURTLE holds the triples of CONSTRUCT and DESCRIBE, not a SELECT result");
            }
        }
    }

    @Test
    void bytesAreUtf8AndStream() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(new String[] {"\"\uD83D\uDE00 caf\u00E9 " + i + "\""});
        }
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                all.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
                all.write(b, off, len);
            }
        };
        long n = ResultWriter.write(result(QueryResult.Kind.SELECT, List.of("v"), rows.toArray(new String[0][])),
                Format.CSV, out, null);
        assertThat(n).isEqualTo(5000);
        String text = new String(all.toByteArray(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("v\r\n\uD83D\uDE00 caf\u00E9 0\r\n").endsWith("\uD83D\uDE00 caf\u00E9 4999\r\n");
        assertThat(text.split("\r\n")).hasSize(5001);
        assertThat(writes.size()).isGreaterThan(5); // handed on as it goes, not at the end only
        assertThat(text).doesNotContain("?").doesNotContain("\uFFFD");
    }
}
