package org.nervusdb.cli;

import org.nervusdb.Triple;

/**
 * Tab-separated output of triples. A term may itself hold tabs, line breaks or backslashes; these
 * are escaped as {@code \t}, {@code \n}, {@code \r} and {@code \\} so every triple stays on one
 * line with exactly three fields.
 */
final class Tsv {
    private Tsv() {
    }

    static String line(Triple t) {
        StringBuilder sb = new StringBuilder();
        escape(t.subject(), sb);
        sb.append('\t');
        escape(t.predicate(), sb);
        sb.append('\t');
        escape(t.object(), sb);
        return sb.toString();
    }

    static void escape(String term, StringBuilder sb) {
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            switch (c) {
                case '\t':
                    sb.append("\\t");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                default:
                    sb.append(c);
            }
        }
    }
}
