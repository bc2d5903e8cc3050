package org.nervusdb.rdf4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.junit.jupiter.api.Test;

/** Values to stored terms and back, without loss; what NervusDB cannot store is refused. */
class Rdf4jTermsTest {
    private final ValueFactory vf = SimpleValueFactory.getInstance();

    @Test
    void roundTrip() {
        List<Value> values = List.of(
                vf.createIRI("http://example.org/a#b"),
                vf.createIRI("urn:x:y"),
                vf.createBNode("b0"),
                vf.createBNode("node1abc-x.y_z"),
                vf.createLiteral("plain"),
                vf.createLiteral("quote \" backslash \\ newline \n return \r tab \t end"),
                vf.createLiteral("chat", "fr"),
                vf.createLiteral("colour", "en-GB"),
                vf.createLiteral("42", XSD.INTEGER),
                vf.createLiteral("not a number", XSD.INTEGER),
                vf.createLiteral("2009", XSD.GYEAR),
                vf.createLiteral("x", vf.createIRI("http://example.org/dt")),
                vf.createLiteral("Александър"),
                vf.createLiteral("😀 emoji"));
        for (Value v : values) {
            String term = Rdf4jTerms.toTerm(v);
            assertThat(Rdf4jTerms.toValue(term, vf)).as(term).isEqualTo(v);
            assertThat(Rdf4jTerms.toTerm(Rdf4jTerms.toValue(term, vf))).isEqualTo(term);
        }
    }

    @Test
    void spellings() {
        assertThat(Rdf4jTerms.toTerm(vf.createIRI("http://e/x"))).isEqualTo("http://e/x");
        assertThat(Rdf4jTerms.toTerm(vf.createBNode("b1"))).isEqualTo("_:b1");
        assertThat(Rdf4jTerms.toTerm(vf.createLiteral("a"))).isEqualTo("\"a\"");
        assertThat(Rdf4jTerms.toTerm(vf.createLiteral("a", XSD.STRING))).isEqualTo("\"a\"");
        assertThat(Rdf4jTerms.toTerm(vf.createLiteral("a", "EN-us"))).isEqualTo("\"a\"@en-US");
        assertThat(Rdf4jTerms.toTerm(vf.createLiteral("1", XSD.INT))).isEqualTo("\"1\"^^<" + XSD.INT + ">");
    }

    @Test
    void plainNamesReadAsRelativeIris() {
        Value v = Rdf4jTerms.toValue("alice", vf);
        assertThat(v.isIRI()).isTrue();
        assertThat(v.stringValue()).isEqualTo("alice");
        assertThat(Rdf4jTerms.toTerm(v)).isEqualTo("alice");
    }

    @Test
    void refusesTripleTerms() {
        Value t = vf.createTriple(vf.createIRI("urn:s"), vf.createIRI("urn:p"), vf.createIRI("urn:o"));
        assertThatThrownBy(() -> Rdf4jTerms.toTerm(t)).isInstanceOf(Rdf4jTerms.UnsupportedTermException.class)
                .hasMessageContaining("triple terms");
    }
}
