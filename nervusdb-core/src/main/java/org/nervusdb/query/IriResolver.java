package org.nervusdb.query;

/**
 * Reference resolution of RFC 3986, section 5.2: a relative IRI reference against a base. An IRI
 * that has a scheme is returned exactly as written (stored terms are compared as strings, so the
 * query must name them as they were stored); without a base, references stay as written too,
 * which is how NervusDB's plain names such as {@code <alice>} are queried.
 */
public final class IriResolver {
    private IriResolver() {
    }

    /** The five components of a reference; null for an undefined one. */
    private static final class Parts {
        String scheme;
        String authority;
        String path;
        String query;
        String fragment;

        Parts(String ref) {
            int i = schemeEnd(ref);
            int p = 0;
            if (i > 0) {
                scheme = ref.substring(0, i);
                p = i + 1;
            }
            int n = ref.length();
            if (ref.startsWith("//", p)) {
                int end = p + 2;
                while (end < n && ref.charAt(end) != '/' && ref.charAt(end) != '?' && ref.charAt(end) != '#') {
                    end++;
                }
                authority = ref.substring(p + 2, end);
                p = end;
            }
            int end = p;
            while (end < n && ref.charAt(end) != '?' && ref.charAt(end) != '#') {
                end++;
            }
            path = ref.substring(p, end);
            p = end;
            if (p < n && ref.charAt(p) == '?') {
                end = p + 1;
                while (end < n && ref.charAt(end) != '#') {
                    end++;
                }
                query = ref.substring(p + 1, end);
                p = end;
            }
            if (p < n && ref.charAt(p) == '#') {
                fragment = ref.substring(p + 1);
            }
        }
    }

    /** The index of the ':' that ends a scheme at the start of {@code ref}, or -1. */
    static int schemeEnd(String ref) {
        if (ref.isEmpty() || !isAlpha(ref.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!(isAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return -1;
            }
        }
        return -1;
    }

    static boolean isAbsolute(String iri) {
        return schemeEnd(iri) > 0;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** {@code ref} resolved against {@code base} (null: no base, {@code ref} as it is). */
    public static String resolve(String base, String ref) {
        if (base == null || isAbsolute(ref)) {
            return ref;
        }
        Parts r = new Parts(ref);
        Parts b = new Parts(base);
        String authority;
        String path;
        String query;
        if (r.authority != null) {
            authority = r.authority;
            path = removeDotSegments(r.path);
            query = r.query;
        } else {
            authority = b.authority;
            if (r.path.isEmpty()) {
                path = b.path;
                query = r.query != null ? r.query : b.query;
            } else {
                if (r.path.charAt(0) == '/') {
                    path = removeDotSegments(r.path);
                } else {
                    path = removeDotSegments(merge(b, r.path));
                }
                query = r.query;
            }
        }
        StringBuilder sb = new StringBuilder(base.length() + ref.length());
        if (b.scheme != null) {
            sb.append(b.scheme).append(':');
        }
        if (authority != null) {
            sb.append("//").append(authority);
        }
        sb.append(path);
        if (query != null) {
            sb.append('?').append(query);
        }
        if (r.fragment != null) {
            sb.append('#').append(r.fragment);
        }
        return sb.toString();
    }

    private static String merge(Parts base, String path) {
        if (base.authority != null && base.path.isEmpty()) {
            return "/" + path;
        }
        int slash = base.path.lastIndexOf('/');
        return slash < 0 ? path : base.path.substring(0, slash + 1) + path;
    }

    /**
     * RFC 3986, section 5.2.4; a relative path (from a relative base) stays relative rather than
     * gaining the leading '/' the algorithm gives it when ".." climbs past its start.
     */
    static String removeDotSegments(String path) {
        if (path.indexOf('.') < 0) {
            return path;
        }
        int n = path.length();
        int i = 0;
        StringBuilder out = new StringBuilder(n);
        while (i < n) {
            if (path.startsWith("../", i)) {
                i += 3;
            } else if (path.startsWith("./", i)) {
                i += 2;
            } else if (path.startsWith("/./", i)) {
                i += 2;
            } else if (i + 2 == n && path.startsWith("/.", i)) {
                out.append('/');
                break;
            } else if (path.startsWith("/../", i)) {
                i += 3;
                removeLastSegment(out);
            } else if (i + 3 == n && path.startsWith("/..", i)) {
                removeLastSegment(out);
                out.append('/');
                break;
            } else if ((i + 1 == n && path.charAt(i) == '.') || (i + 2 == n && path.startsWith("..", i))) {
                break;
            } else {
                int next = path.indexOf('/', path.charAt(i) == '/' ? i + 1 : i);
                if (next < 0) {
                    next = n;
                }
                out.append(path, i, next);
                i = next;
            }
        }
        if (path.charAt(0) != '/' && out.length() > 0 && out.charAt(0) == '/') {
            return out.substring(1);
        }
        return out.toString();
    }

    private static void removeLastSegment(StringBuilder out) {
        int slash = out.lastIndexOf("/");
        out.setLength(slash < 0 ? 0 : slash);
    }
}
