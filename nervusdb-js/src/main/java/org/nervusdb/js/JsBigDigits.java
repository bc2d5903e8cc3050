package org.nervusdb.js;

import org.teavm.jso.JSBody;

/**
 * Stands in for {@code org.nervusdb.query.BigDigits} in the JavaScript and WebAssembly builds
 * ({@link Substitutions} tells the compiler): integers of any size, as decimal text, computed
 * with the host's {@code BigInt} instead of the compiled {@code java.math}. {@code BigInt}'s
 * division and remainder round towards zero, as {@code java.math.BigInteger}'s do. Nothing
 * refers to this class by name.
 */
public final class JsBigDigits {
    private JsBigDigits() {
    }

    @JSBody(params = {"a", "b"}, script = "return (BigInt(a) + BigInt(b)).toString();")
    public static native String add(String a, String b);

    @JSBody(params = {"a", "b"}, script = "return (BigInt(a) * BigInt(b)).toString();")
    public static native String multiply(String a, String b);

    @JSBody(params = {"a", "b"}, script = "return (BigInt(a) / BigInt(b)).toString();")
    public static native String quotient(String a, String b);

    @JSBody(params = {"a", "b"}, script = "return (BigInt(a) % BigInt(b)).toString();")
    public static native String remainder(String a, String b);
}
