package org.nervusdb.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the harness needs to know about a query before running it, found by a small tokenizer
 * (comments, strings and IRIs are skipped; no SPARQL parser is involved): its form, whether it
 * names a dataset or a named graph, whether it calls a remote SERVICE, and the keys of its
 * top-level ORDER BY.
 *
 * <p>The tokenizer reads {@code <...>} as an IRI when it closes before any character an IRI may
 * not contain, and as the less-than operator otherwise, which is the rule of the SPARQL grammar.
 */
final class QueryText {

    /** SELECT, ASK, CONSTRUCT or DESCRIBE; null if none was found. */
    final String form;
    /** FROM, FROM NAMED or GRAPH occurs. */
    final boolean usesDataset;
    /** SERVICE occurs. */
    final boolean usesService;
    /**
     * The top-level ORDER BY keys, empty if there is none. A key is a variable name (for
     * {@code ?x}, {@code ASC(?x)}, {@code DESC(?x)}) or null for any other expression.
     */
    final List<String> orderKeys;

    private QueryText(String form, boolean usesDataset, boolean usesService, List<String> orderKeys) {
        this.form = form;
        this.usesDataset = usesDataset;
        this.usesService = usesService;
        this.orderKeys = Collections.unmodifiableList(orderKeys);
    }

    boolean ordered() {
        return !orderKeys.isEmpty();
    }

    /** Whether every ORDER BY key is a plain variable. */
    boolean orderedByVariablesOnly() {
        return ordered() && !orderKeys.contains(null);
    }

    static QueryText of(String query) {
        List<Token> tokens = tokenize(query);
        String form = null;
        boolean dataset = false;
        boolean service = false;
        List<String> orderKeys = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind != Kind.WORD) {
                continue;
            }
            String w = t.text.toUpperCase(Locale.ROOT);
            switch (w) {
                case "SELECT":
                case "ASK":
                case "CONSTRUCT":
                case "DESCRIBE":
                    if (form == null && t.depth == 0) {
                        form = w;
                    }
                    break;
                case "FROM":
                case "GRAPH":
                    dataset = true;
                    break;
                case "SERVICE":
                    service = true;
                    break;
                case "ORDER":
                    if (t.depth == 0 && i + 1 < tokens.size() && tokens.get(i + 1).isWord("BY")) {
                        orderKeys = orderKeys(tokens, i + 2);
                    }
                    break;
                default:
                    break;
            }
        }
        return new QueryText(form, dataset, service, orderKeys);
    }

    /** Reads order conditions from {@code start} up to LIMIT, OFFSET, VALUES or the end. */
    private static List<String> orderKeys(List<Token> tokens, int start) {
        List<String> keys = new ArrayList<>();
        int i = start;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.isWord("LIMIT") || t.isWord("OFFSET") || t.isWord("VALUES")) {
                break;
            }
            if (t.kind == Kind.VAR) {
                keys.add(t.text);
                i++;
                continue;
            }
            // ASC( ... ), DESC( ... ), a function call f( ... ) or a bracketed ( ... ) expression
            int open = t.isPunct('(') ? i : (i + 1 < tokens.size() && tokens.get(i + 1).isPunct('(') ? i + 1 : -1);
            if (open < 0) {
                keys.add(null); // something the harness does not understand: compare whole rows
                i++;
                continue;
            }
            int close = matching(tokens, open);
            boolean direction = open == i + 1 && (t.isWord("ASC") || t.isWord("DESC"));
            boolean bracket = open == i;
            if ((direction || bracket) && close == open + 2 && tokens.get(open + 1).kind == Kind.VAR) {
                keys.add(tokens.get(open + 1).text);
            } else {
                keys.add(null);
            }
            i = close + 1;
        }
        return keys;
    }

    private static int matching(List<Token> tokens, int open) {
        int level = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.get(j).isPunct('(')) {
                level++;
            } else if (tokens.get(j).isPunct(')') && --level == 0) {
                return j;
            }
        }
        return tokens.size() - 1;
    }

    private enum Kind { WORD, VAR, PUNCT }

    private static final class Token {
        final Kind kind;
        final String text;
        /** Nesting depth in braces. */
        final int depth;

        Token(Kind kind, String text, int depth) {
            this.kind = kind;
            this.text = text;
            this.depth = depth;
        }

        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isPunct(char c) {
            return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == c;
        }
    }

    /**
     * Words (keywords, prefixed names, numbers: letters, digits and {@code _ - . :}), variables
     * (without '?' or '$') and single punctuation characters.
     */
    private static List<Token> tokenize(String q) {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && q.charAt(i) != '\n' && q.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                i = skipString(q, i);
            } else if (c == '<' && iriEnd(q, i) > 0) {
                i = iriEnd(q, i) + 1;
            } else if ((c == '?' || c == '$') && i + 1 < n && isNameChar(q.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isNameChar(q.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.VAR, q.substring(i + 1, j), depth));
                i = j;
            } else if (isNameChar(c) || c == ':') {
                int j = i;
                while (j < n && (isNameChar(q.charAt(j)) || q.charAt(j) == ':' || q.charAt(j) == '-'
                        || q.charAt(j) == '.')) {
                    j++;
                }
                int end = j;
                while (end > i + 1 && q.charAt(end - 1) == '.') {
                    end--; // a name does not end with '.': that is the end of a triple pattern
                }
                out.add(new Token(Kind.WORD, q.substring(i, end), depth));
                i = end;
            } else {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth = Math.max(0, depth - 1);
                }
                out.add(new Token(Kind.PUNCT, String.valueOf(c), depth));
                i++;
            }
        }
        return out;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** The index of the '>' closing an IRI that starts at {@code start}, or -1. */
    private static int iriEnd(String q, int start) {
        for (int j = start + 1; j < q.length(); j++) {
            char c = q.charAt(j);
            if (c == '>') {
                return j;
            }
            if (c <= ' ' || "<\"{}|^`\\".indexOf(c) >= 0) {
                return -1;
            }
        }
        return -1;
    }

    /** The index just after a string literal (short or long form) starting at {@code start}. */
    private static int skipString(String q, int start) {
        char quote = q.charAt(start);
        boolean isLong = q.startsWith(String.valueOf(quote).repeat(3), start);
        int i = start + (isLong ? 3 : 1);
        while (i < q.length()) {
            char c = q.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (isLong && q.startsWith(String.valueOf(quote).repeat(3), i)) {
                return i + 3;
            } else if (!isLong && (c == quote || c == '\n' || c == '\r')) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }
}
