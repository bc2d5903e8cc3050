package org.nervusdb.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nervusdb.InvalidTermException;

class RdfTermsTest {

    @Test
    void kindsAreDecidedByTheFirstCharacters() {
        assertThat(RdfTerms.isIri("http://example.org/a")).isTrue();
        assertThat(RdfTerms.isIri("alice")).isTrue();
        assertThat(RdfTerms.isIri("")).isTrue();
        assertThat(RdfTerms.isBlank("_:b0")).isTrue();
        assertThat(RdfTerms.isLiteral("\"x\"")).isTrue();
        assertThat(RdfTerms.isLiteral("x\"")).isFalse();
        assertThat(RdfTerms.blankLabel("_:b0")).isEqualTo("b0");
    }

    @Test
    void literalsHaveOneCanonicalSpellingAndReadBack() {
        String tricky = "say \"hi\"\n\\ \r\t😀";
        String simple = RdfTerms.literal(tricky);
        assertThat(simple).isEqualTo("\"say \\\"hi\\\"\\n\\\\ \\r\t😀\"");
        assertThat(RdfTerms.lexicalForm(simple)).isEqualTo(tricky);
        assertThat(RdfTerms.datatype(simple)).isEqualTo(RdfTerms.XSD_STRING);
        assertThat(RdfTerms.language(simple)).isNull();
        assertThat(RdfTerms.literal("x", null, RdfTerms.XSD_STRING)).isEqualTo("\"x\"");

        String lang = RdfTerms.literal("chat", "FR-be", null);
        assertThat(lang).isEqualTo("\"chat\"@fr-be");
        assertThat(RdfTerms.language(lang)).isEqualTo("fr-be");
        assertThat(RdfTerms.datatype(lang)).isEqualTo(RdfTerms.RDF_LANG_STRING);

        String typed = RdfTerms.literal("42", null, RdfTerms.XSD + "integer");
        assertThat(typed).isEqualTo("\"42\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        assertThat(RdfTerms.datatype(typed)).isEqualTo(RdfTerms.XSD + "integer");
        assertThat(RdfTerms.lexicalForm(typed)).isEqualTo("42");
        assertThat(RdfTerms.lexicalForm("\"a\\\"b\"@en")).isEqualTo("a\"b");
    }

    @Test
    void malformedLiteralTermsAreRefused() {
        assertThatThrownBy(() -> RdfTerms.lexicalForm("\"open")).isInstanceOf(InvalidTermException.class);
        assertThatThrownBy(() -> RdfTerms.lexicalForm("\"a\\tb\"")).isInstanceOf(InvalidTermException.class);
        assertThatThrownBy(() -> RdfTerms.datatype("\"a\"xyz")).isInstanceOf(InvalidTermException.class);
        assertThatThrownBy(() -> RdfTerms.lexicalForm("iri")).isInstanceOf(IllegalArgumentException.class);
    }
}
