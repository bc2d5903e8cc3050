package org.nervusdb.query;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@link RegexEngine} on {@code java.util.regex}, which the JVM library installs. Nothing in
 * the core refers to it, so the JavaScript and WebAssembly builds leave it out.
 */
public final class JavaRegexEngine implements RegexEngine {

    @Override
    public Compiled compile(String pattern, String flags) {
        int f = 0;
        for (int i = 0; i < flags.length(); i++) {
            switch (flags.charAt(i)) {
                case 'i':
                    f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                    break;
                case 's':
                    f |= Pattern.DOTALL;
                    break;
                case 'm':
                    f |= Pattern.MULTILINE;
                    break;
                case 'x':
                    f |= Pattern.COMMENTS;
                    break;
                case 'q':
                    f |= Pattern.LITERAL;
                    break;
                default:
                    throw new IllegalArgumentException("unknown flag " + flags.charAt(i));
            }
        }
        Pattern p;
        try {
            p = Pattern.compile(pattern, f);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription(), e);
        }
        return new Compiled() {
            @Override
            public boolean find(CharSequence text) {
                return p.matcher(text).find();
            }

            @Override
            public String replaceAll(CharSequence text, String replacement) {
                Matcher m = p.matcher(text);
                return m.replaceAll(replacement);
            }

            @Override
            public boolean matchesEmpty() {
                return p.matcher("").matches();
            }
        };
    }
}
