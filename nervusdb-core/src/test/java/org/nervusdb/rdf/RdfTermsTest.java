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
        assertThat(lang).isEqualTo("\"chat\"@fr-BE");
        assertThat(RdfTerms.language(lang)).isEqualTo("fr-BE");
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

    /** Tags in the case BCP 47 recommends (RFC 5646, 2.1.1), as Apache Jena 5 writes them too. */
    @Test
    void languageTagsTakeTheirBcp47Case() {
        String[][] cases = {
            {"en-us", "en-US"}, {"EN", "en"}, {"EN-GB-OED", "en-GB-oed"}, {"zh-hant-tw", "zh-Hant-TW"},
            {"sgn-be-fr", "sgn-BE-FR"}, {"en-us-x-twain", "en-US-x-twain"}, {"de-ch-1996", "de-CH-1996"},
            {"es-419", "es-419"}, {"i-klingon", "i-klingon"}, {"x-private", "x-private"},
            {"az-latn-x-latn", "az-Latn-x-latn"}, {"en-us-latn", "en-US-latn"}, {"en-a-bbb-x-a-ccc", "en-a-bbb-x-a-ccc"},
            {"zh-cmn-hans-cn", "zh-cmn-Hans-CN"}, {"QAA-qaaa-qm-X-SOUTHERN", "qaa-Qaaa-QM-x-southern"},
            {"en-Latn-GB-boont-r-extended-sequence-x-private", "en-Latn-GB-boont-r-extended-sequence-x-private"},
        };
        for (String[] c : cases) {
            assertThat(RdfTerms.languageTag(c[0])).as(c[0]).isEqualTo(c[1]);
            assertThat(RdfTerms.languageTag(c[1])).as("already cased: " + c[1]).isEqualTo(c[1]);
        }
        assertThat(RdfTerms.withLanguageTagCase("\"x\"@en-us")).isEqualTo("\"x\"@en-US");
        String same = "\"x\"@en-US";
        assertThat(RdfTerms.withLanguageTagCase(same)).isSameAs(same);
        assertThat(RdfTerms.withLanguageTagCase("http://a/b@en-us")).isEqualTo("http://a/b@en-us");
        assertThat(RdfTerms.withLanguageTagCase("\"a\\\"@en-us\"")).isEqualTo("\"a\\\"@en-us\"");
    }
}
