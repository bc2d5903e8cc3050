package org.nervusdb.js;

import org.teavm.extension.spi.substitution.SimpleSubstitutionPolicy;
import org.teavm.extension.spi.substitution.SubstitutionSink;

/**
 * Tells the TeaVM compiler (through META-INF/services) which core classes the JavaScript and
 * WebAssembly builds replace with classes of this module: {@code org.nervusdb.query.DoubleText}
 * becomes {@link JsDoubleText}. Runs in the compiler only; not part of the compiled output.
 */
public final class Substitutions extends SimpleSubstitutionPolicy {
    @Override
    public void contribute(SubstitutionSink sink) {
        sink.selectClasses(named("org.nervusdb.query.DoubleText"))
                .replacePackage("org.nervusdb.query", "org.nervusdb.js")
                .simpleNamePrefix("Js");
    }
}
