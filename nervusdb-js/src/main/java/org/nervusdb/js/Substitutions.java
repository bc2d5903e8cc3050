package org.nervusdb.js;

import java.util.Set;
import org.teavm.extension.spi.substitution.SimpleSubstitutionPolicy;
import org.teavm.extension.spi.substitution.SubstitutionSink;

/**
 * Tells the TeaVM compiler (through META-INF/services) which core classes the JavaScript and
 * WebAssembly builds replace with classes of this module, named with the prefix "Js":
 * {@code org.nervusdb.query.DoubleText} becomes {@link JsDoubleText},
 * {@code org.nervusdb.query.LetterCase} {@link JsLetterCase},
 * {@code org.nervusdb.query.BigDigits} {@link JsBigDigits} and
 * {@code org.nervusdb.query.RegexText} {@link JsRegexText}. Runs in the compiler only; not part
 * of the compiled output.
 */
public final class Substitutions extends SimpleSubstitutionPolicy {
    private static final Set<String> REPLACED = Set.of(
            "org.nervusdb.query.BigDigits",
            "org.nervusdb.query.DoubleText",
            "org.nervusdb.query.LetterCase",
            "org.nervusdb.query.RegexText");

    @Override
    public void contribute(SubstitutionSink sink) {
        sink.selectClasses(REPLACED::contains)
                .replacePackage("org.nervusdb.query", "org.nervusdb.js")
                .simpleNamePrefix("Js");
    }
}
