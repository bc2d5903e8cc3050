package org.nervusdb.js;

import org.nervusdb.query.RegexEngine;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * SPARQL's REGEX and REPLACE on the host's RegExp (with the 'u' flag), which keeps the
 * builds small. Flags: i, s and m map to RegExp's; x removes unescaped white space outside
 * character classes; q matches the pattern literally.
 */
final class JsRegexEngine implements RegexEngine {

    @JSBody(params = {"p", "f"}, script = "try { return new RegExp(p, f); } catch (e) { return null; }")
    private static native JSObject create(String pattern, String flags);

    @JSBody(params = {"r", "t"}, script = "r.lastIndex = 0; return r.test(t);")
    private static native boolean test(JSObject regex, String text);

    @JSBody(params = {"r", "t", "s"}, script = "return t.replace(new RegExp(r.source, r.flags + 'g'), s);")
    private static native String replace(JSObject regex, String text, String replacement);

    @JSBody(params = {"p"}, script = "return p.replace(/[.*+?^${}()|[\\]\\\\\\/]/g, '\\\\$&');")
    private static native String quote(String pattern);

    @Override
    public Compiled compile(String pattern, String flags) {
        StringBuilder f = new StringBuilder("u");
        String p = pattern;
        for (int i = 0; i < flags.length(); i++) {
            char c = flags.charAt(i);
            switch (c) {
                case 'i':
                case 's':
                case 'm':
                    if (f.indexOf(String.valueOf(c)) < 0) {
                        f.append(c);
                    }
                    break;
                case 'x':
                    p = stripWhitespace(p);
                    break;
                case 'q':
                    p = quote(pattern);
                    break;
                default:
                    throw new IllegalArgumentException("unknown flag " + c);
            }
        }
        JSObject re = create(p, f.toString());
        if (re == null) {
            throw new IllegalArgumentException("invalid pattern " + pattern);
        }
        return new Compiled() {
            @Override
            public boolean find(CharSequence text) {
                return test(re, text.toString());
            }

            @Override
            public String replaceAll(CharSequence text, String replacement) {
                return replace(re, text.toString(), replacement);
            }

            @Override
            public boolean matchesEmpty() {
                JSObject whole = create("^(?:" + pattern + ")$", "u");
                return whole != null && test(whole, "");
            }
        };
    }

    private static String stripWhitespace(String p) {
        StringBuilder sb = new StringBuilder(p.length());
        boolean inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                sb.append(c).append(p.charAt(++i));
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            }
            if (!inClass && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
