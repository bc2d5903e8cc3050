package org.nervusdb.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reference resolution against the examples of RFC 3986, section 5.4. */
class IriResolverTest {
    static final String BASE = "http://a/b/c/d;p?q";

    static final String[][] NORMAL = {
        {"g:h", "g:h"}, {"g", "http://a/b/c/g"}, {"./g", "http://a/b/c/g"}, {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"}, {"//g", "http://g"}, {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"}, {"g#s", "http://a/b/c/g#s"}, {"g?y#s", "http://a/b/c/g?y#s"},
        {";x", "http://a/b/c/;x"}, {"g;x", "http://a/b/c/g;x"}, {"g;x?y#s", "http://a/b/c/g;x?y#s"},
        {"", "http://a/b/c/d;p?q"}, {".", "http://a/b/c/"}, {"./", "http://a/b/c/"}, {"..", "http://a/b/"},
        {"../", "http://a/b/"}, {"../g", "http://a/b/g"}, {"../..", "http://a/"}, {"../../", "http://a/"},
        {"../../g", "http://a/g"},
    };

    static final String[][] ABNORMAL = {
        {"../../../g", "http://a/g"}, {"../../../../g", "http://a/g"}, {"/./g", "http://a/g"}, {"/../g", "http://a/g"},
        {"g.", "http://a/b/c/g."}, {".g", "http://a/b/c/.g"}, {"g..", "http://a/b/c/g.."}, {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"}, {"./g/.", "http://a/b/c/g/"}, {"g/./h", "http://a/b/c/g/h"},
        {"g/../h", "http://a/b/c/h"}, {"g;x=1/./y", "http://a/b/c/g;x=1/y"}, {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"}, {"g?y/../x", "http://a/b/c/g?y/../x"},
        {"g#s/./x", "http://a/b/c/g#s/./x"}, {"g#s/../x", "http://a/b/c/g#s/../x"}, {"http:g", "http:g"},
    };

    @Test
    void normalExamples() {
        for (String[] e : NORMAL) {
            assertThat(IriResolver.resolve(BASE, e[0])).as(e[0]).isEqualTo(e[1]);
        }
    }

    @Test
    void abnormalExamples() {
        for (String[] e : ABNORMAL) {
            assertThat(IriResolver.resolve(BASE, e[0])).as(e[0]).isEqualTo(e[1]);
        }
    }

    @Test
    void withoutABaseReferencesStayAsWritten() {
        assertThat(IriResolver.resolve(null, "alice")).isEqualTo("alice");
        assertThat(IriResolver.resolve(null, "../x/./y")).isEqualTo("../x/./y");
    }

    @Test
    void absoluteIrisAreNotNormalized() {
        assertThat(IriResolver.resolve(BASE, "http://x/a/../b")).isEqualTo("http://x/a/../b");
    }

    @Test
    void aRelativeBaseMergesPaths() {
        assertThat(IriResolver.resolve("people/", "alice")).isEqualTo("people/alice");
        assertThat(IriResolver.resolve("people/x", "../alice")).isEqualTo("alice");
    }

    @Test
    void authorityWithoutPath() {
        assertThat(IriResolver.resolve("http://a", "g")).isEqualTo("http://a/g");
        assertThat(IriResolver.resolve("http://a", "?q")).isEqualTo("http://a?q");
    }

    @Test
    void schemes() {
        assertThat(IriResolver.isAbsolute("urn:isbn:1")).isTrue();
        assertThat(IriResolver.isAbsolute("a+b-c.d:x")).isTrue();
        assertThat(IriResolver.isAbsolute("1a:x")).isFalse();
        assertThat(IriResolver.isAbsolute("a/b:c")).isFalse();
        assertThat(IriResolver.isAbsolute("alice")).isFalse();
    }
}
