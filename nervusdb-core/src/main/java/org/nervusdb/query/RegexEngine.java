package org.nervusdb.query;

/**
 * Regular expressions for SPARQL's REGEX and REPLACE. The core does not carry an engine of its
 * own, to stay small when compiled to JavaScript and WebAssembly: the JVM library installs one
 * built on {@code java.util.regex}, the JavaScript builds one built on the host's RegExp. Without
 * one, REGEX and REPLACE are evaluation errors naming the reason.
 */
public interface RegexEngine {

    /**
     * A compiled pattern. The text comes as a CharSequence whose reads may throw (a query past
     * its deadline, cancelled, or its store closed): engines that read it character by
     * character let such exceptions through, which bounds the time a match can take.
     */
    interface Compiled {
        boolean find(CharSequence text);

        /**
         * Replaces every match; {@code $n} in the replacement names group n. An invalid
         * replacement is IllegalArgumentException or IndexOutOfBoundsException.
         */
        String replaceAll(CharSequence text, String replacement);

        /** Whether the pattern matches the empty string. */
        boolean matchesEmpty();
    }

    /**
     * Compiles {@code pattern} with SPARQL's flags ({@code i}, {@code s}, {@code m}, {@code x},
     * {@code q}); throws IllegalArgumentException for an invalid pattern or flag.
     */
    Compiled compile(String pattern, String flags);

    /** The engine REGEX and REPLACE use, or null. */
    static RegexEngine installed() {
        return Holder.engine;
    }

    /** Installs the engine for this process (idempotent for the same engine). */
    static void install(RegexEngine engine) {
        Holder.engine = engine;
    }

    /** Holds the installed engine. */
    final class Holder {
        static volatile RegexEngine engine;

        private Holder() {
        }
    }
}
