package org.nervusdb.js;

import org.nervusdb.QueryAbortedException;
import org.nervusdb.query.RegexEngine;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * SPARQL's REGEX and REPLACE on the host's RegExp (with the 'u' flag), which keeps the
 * builds small. Flags: i, s and m map to RegExp's; x removes unescaped white space outside
 * character classes; q matches the pattern literally.
 *
 * <p>A match cannot be checked from here while it runs. In a query with a time limit, the
 * match goes to the host's {@code Symbol.for('nervusdb.regex')} when there is one (the package
 * installs it in Node: js/src/node-regex.mjs), which stops a pattern that could backtrack for
 * long at the time left and reports it; the query then ends with QUERY_TIMEOUT.
 */
final class JsRegexEngine implements RegexEngine {
    /** The time left of the query whose match comes next, or -1 (set by {@link JsRegexText}). */
    static long millisLeft = -1;

    @JSBody(params = {"p", "f"}, script = "try { return new RegExp(p, f); } catch (e) { return null; }")
    private static native JSObject create(String pattern, String flags);

    /** 1 for a match, 0 for none, 2 when stopped at the time limit {@code ms} (-1: none). */
    @JSBody(params = {"r", "t", "ms"}, script = "var h = globalThis[Symbol.for('nervusdb.regex')];"
            + " if (ms >= 0 && h) return h.test(r, t, ms); r.lastIndex = 0; return r.test(t) ? 1 : 0;")
    private static native int test(JSObject regex, String text, double ms);

    /** Every match replaced, or null when stopped at the time limit {@code ms} (-1: none). */
    @JSBody(params = {"r", "t", "s", "ms"}, script = "var h = globalThis[Symbol.for('nervusdb.regex')];"
            + " if (ms >= 0 && h) return h.replace(r, t, s, ms); return t.replace(new RegExp(r.source, r.flags + 'g'), s);")
    private static native String replace(JSObject regex, String text, String replacement, double ms);

    private static QueryAbortedException timeout() {
        return new QueryAbortedException("QUERY_TIMEOUT", "query ran past its time limit");
    }

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
                int r = test(re, text.toString(), millisLeft);
                if (r == 2) {
                    throw timeout();
                }
                return r == 1;
            }

            @Override
            public String replaceAll(CharSequence text, String replacement) {
                String out = replace(re, text.toString(), replacement, millisLeft);
                if (out == null) {
                    throw timeout();
                }
                return out;
            }

            @Override
            public boolean matchesEmpty() {
                JSObject whole = create("^(?:" + pattern + ")$", "u");
                return whole != null && test(whole, "", -1) == 1;
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
