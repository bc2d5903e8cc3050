package org.nervusdb.jena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.TextDirection;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.NervusDB;

/** Node to stored term and back, in memory and through a database on disk that is reopened. */
class JenaTermsTest {

    private static final String EX = "http://example.org/";

    private static List<Node> tricky() {
        List<Node> n = new ArrayList<>();
        n.add(NodeFactory.createURI(EX + "s"));
        n.add(NodeFactory.createURI("urn:isbn:0451450523"));
        n.add(NodeFactory.createURI("http://example.org/ü/日本?q=1#f"));
        n.add(NodeFactory.createURI("alice")); // a plain name of NervusDB's API: a relative IRI
        n.add(NodeFactory.createBlankNode("b0"));
        n.add(NodeFactory.createBlankNode("x-1.y_z"));
        n.add(NodeFactory.createBlankNode());
        n.add(NodeFactory.createLiteralString(""));
        n.add(NodeFactory.createLiteralString("plain"));
        n.add(NodeFactory.createLiteralString("quote \" backslash \\ newline \n return \r tab \t"));
        n.add(NodeFactory.createLiteralString("\\n is not a newline, \\\" not a quote"));
        n.add(NodeFactory.createLiteralString("emoji 😀 and 日本語 and \u0000 nul"));
        n.add(NodeFactory.createLiteralString("ends with a backslash \\"));
        n.add(NodeFactory.createLiteralLang("chat", "fr"));
        n.add(NodeFactory.createLiteralLang("color", "en-US"));
        n.add(NodeFactory.createLiteralLang("繁體", "zh-Hant-TW"));
        n.add(NodeFactory.createLiteralDT("42", XSDDatatype.XSDinteger));
        n.add(NodeFactory.createLiteralDT("042", XSDDatatype.XSDinteger)); // not canonical: kept as written
        n.add(NodeFactory.createLiteralDT("1.50", XSDDatatype.XSDdecimal));
        n.add(NodeFactory.createLiteralDT("1.0e3", XSDDatatype.XSDdouble));
        n.add(NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));
        n.add(NodeFactory.createLiteralDT("2024-02-29", XSDDatatype.XSDdate));
        n.add(NodeFactory.createLiteralDT("not a number", XSDDatatype.XSDinteger)); // ill-formed, kept
        n.add(NodeFactory.createLiteral("custom", NodeFactory.getType(EX + "myType")));
        return n;
    }

    @Test
    void everyKindOfTermRoundTrips() {
        for (Node n : tricky()) {
            String term = JenaTerms.toTerm(n);
            assertThat(JenaTerms.toNode(term)).as(term).isEqualTo(n);
            // The stored spelling is NervusDB's canonical one: storing it again gives the same string.
            assertThat(JenaTerms.toTerm(JenaTerms.toNode(term))).isEqualTo(term);
        }
    }

    @Test
    void storedSpellingsAreNervusDbs() {
        assertThat(JenaTerms.toTerm(NodeFactory.createURI("alice"))).isEqualTo("alice");
        assertThat(JenaTerms.toTerm(NodeFactory.createBlankNode("b1"))).isEqualTo("_:b1");
        assertThat(JenaTerms.toTerm(NodeFactory.createLiteralString("a\"b"))).isEqualTo("\"a\\\"b\"");
        assertThat(JenaTerms.toTerm(NodeFactory.createLiteralDT("x", XSDDatatype.XSDstring))).isEqualTo("\"x\"");
        assertThat(JenaTerms.toTerm(NodeFactory.createLiteralDT("7", XSDDatatype.XSDint)))
                .isEqualTo("\"7\"^^<http://www.w3.org/2001/XMLSchema#int>");
        assertThat(JenaTerms.toTerm(NodeFactory.createLiteralLang("x", "en-us"))).isEqualTo("\"x\"@en-US");
        assertThat(JenaTerms.toNode("\"31\"^^<http://www.w3.org/2001/XMLSchema#integer>"))
                .isEqualTo(NodeFactory.createLiteralDT("31", XSDDatatype.XSDinteger));
    }

    @Test
    void languageTagsInAnyCaseNameOneTerm() {
        String a = JenaTerms.toTerm(NodeFactory.createLiteralLang("x", "EN-us"));
        String b = JenaTerms.toTerm(NodeFactory.createLiteralLang("x", "en-US"));
        assertThat(a).isEqualTo(b).isEqualTo("\"x\"@en-US");
        // Read back, the tag is the same language tag (RDF compares tags ignoring case).
        assertThat(JenaTerms.toNode(a).getLiteralLanguage()).isEqualToIgnoringCase("EN-us");
    }

    @Test
    void termsNervusDbCannotHoldAreRefusedClearly() {
        Node dir = NodeFactory.createLiteralDirLang("text", "ar", TextDirection.RTL);
        assertThatThrownBy(() -> JenaTerms.toTerm(dir))
                .isInstanceOf(JenaTerms.UnsupportedTermException.class)
                .hasMessageContaining("base direction");
        Node tripleTerm = NodeFactory.createTripleTerm(NodeFactory.createURI(EX + "s"),
                NodeFactory.createURI(EX + "p"), NodeFactory.createURI(EX + "o"));
        assertThatThrownBy(() -> JenaTerms.toTerm(tripleTerm))
                .isInstanceOf(JenaTerms.UnsupportedTermException.class).hasMessageContaining("triple terms");
        assertThatThrownBy(() -> JenaTerms.toTerm(NodeFactory.createURI("_:looks-blank")))
                .isInstanceOf(JenaTerms.UnsupportedTermException.class);
        assertThatThrownBy(() -> JenaTerms.toTerm(Node.ANY)).isInstanceOf(JenaTerms.UnsupportedTermException.class);

        DatasetGraph dsg = TestDatasets.create();
        try {
            assertThatThrownBy(() -> dsg.add(Quad.defaultGraphIRI, NodeFactory.createURI(EX + "s"),
                    NodeFactory.createURI(EX + "p"), dir)).isInstanceOf(JenaTerms.UnsupportedTermException.class);
            assertThat(dsg.isEmpty()).isTrue();
            // A pattern with such a term matches nothing (nothing stored can be it).
            assertThat(dsg.find(null, null, null, dir).hasNext()).isFalse();
        } finally {
            TestDatasets.closeAll();
        }
    }

    @Test
    void randomLiteralsRoundTripThroughADatabaseOnDisk(@TempDir Path dir) {
        long seed = Long.getLong("nervusdb.seed", System.nanoTime());
        System.out.println("JenaTermsTest seed " + seed);
        Random rnd = new Random(seed);
        Set<Node> objects = new HashSet<>(tricky());
        String[] langs = {"en", "de-CH", "sr-Latn-RS", "x-private"};
        while (objects.size() < 400) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(12);
            for (int i = 0; i < len; i++) {
                int kind = rnd.nextInt(6);
                sb.appendCodePoint(kind == 0 ? "\"\\\n\r\t".charAt(rnd.nextInt(5))
                        : kind == 1 ? 0x1F600 + rnd.nextInt(50)
                        : kind == 2 ? 0x4E00 + rnd.nextInt(500)
                        : 0x20 + rnd.nextInt(95));
            }
            String lex = sb.toString();
            int form = rnd.nextInt(4);
            objects.add(form == 0 ? NodeFactory.createLiteralString(lex)
                    : form == 1 ? NodeFactory.createLiteralLang(lex, langs[rnd.nextInt(langs.length)])
                    : form == 2 ? NodeFactory.createLiteral(lex, NodeFactory.getType(EX + "dt" + rnd.nextInt(3)))
                    : NodeFactory.createBlankNode("r" + rnd.nextInt(100000)));
        }
        Node g = NodeFactory.createURI(EX + "g");
        Node p = NodeFactory.createURI(EX + "p");
        int i = 0;
        try (NervusDB db = NervusDB.open(dir.resolve("db"))) {
            DatasetGraph dsg = NervusJena.wrapGraph(db);
            List<Node> all = new ArrayList<>(objects);
            Txn.executeWrite(dsg, () -> {
                int k = 0;
                for (Node o : all) {
                    Node s = NodeFactory.createURI(EX + "s" + k++);
                    dsg.add(k % 2 == 0 ? g : Quad.defaultGraphIRI, s, p, o);
                }
            });
            i = all.size();
        }
        try (NervusDB db = NervusDB.open(dir.resolve("db"))) {
            DatasetGraph dsg = NervusJena.wrapGraph(db);
            Set<Node> read = new HashSet<>();
            dsg.exec(TxnType.READ, () -> dsg.find(null, null, p, null).forEachRemaining(q -> read.add(q.getObject())));
            assertThat(read).hasSize(i).isEqualTo(objects);
        }
    }
}
