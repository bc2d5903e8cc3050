package org.nervusdb.query;

/** JSON string literals, for the query result formats of the command line and JavaScript. */
public final class JsonText {
    private JsonText() {
    }

    /** Appends {@code v} as a JSON string literal. */
    public static StringBuilder quote(StringBuilder sb, String v) {
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (ch < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 15, 16));
                    } else {
                        sb.append(ch);
                    }
            }
        }
        return sb.append('"');
    }

    public static String quote(String v) {
        return quote(new StringBuilder(v.length() + 2), v).toString();
    }
}
