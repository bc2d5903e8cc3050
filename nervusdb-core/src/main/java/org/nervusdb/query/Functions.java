package org.nervusdb.query;

import java.util.List;
import org.nervusdb.engine.Utf8;
import org.nervusdb.query.ExprEval.ExprError;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.rdf.RdfTerms;

/** SPARQL's built-in functions other than the operators (SPARQL 1.1 section 17.4). */
final class Functions {
    private Functions() {
    }

    static String call(ExprEval ev, String name, List<Expr> a, ExprEval.Scope scope) {
        switch (name) {
            case "STR": {
                String v = ev.eval(a.get(0), scope);
                if (RdfTerms.isBlank(v)) {
                    throw new ExprError("STR of a blank node");
                }
                return RdfTerms.literal(ExprEval.isLiteral(v) ? ExprEval.lex(v) : v);
            }
            case "LANG": {
                String v = literal(ev.eval(a.get(0), scope));
                String l = RdfTerms.language(v);
                return RdfTerms.literal(l == null ? "" : l);
            }
            case "DATATYPE": {
                return ExprEval.datatype(literal(ev.eval(a.get(0), scope)));
            }
            case "LANGMATCHES": {
                String tag = simpleString(ev.eval(a.get(0), scope));
                String range = simpleString(ev.eval(a.get(1), scope));
                return ExprEval.bool(langMatches(tag, range));
            }
            case "REGEX": {
                String text = stringArg(ev.eval(a.get(0), scope));
                String pattern = simpleString(ev.eval(a.get(1), scope));
                String flags = a.size() > 2 ? simpleString(ev.eval(a.get(2), scope)) : "";
                return ExprEval.bool(ev.regex(pattern, flags).find(ev.matchText(ExprEval.lex(text))));
            }
            case "STRLEN": {
                String s = ExprEval.lex(stringArg(ev.eval(a.get(0), scope)));
                return integer(s.codePointCount(0, s.length()));
            }
            case "UCASE":
            case "LCASE": {
                String v = stringArg(ev.eval(a.get(0), scope));
                String s = ExprEval.lex(v);
                return sameKind(v, name.equals("UCASE") ? LetterCase.upper(s) : LetterCase.lower(s));
            }
            case "SUBSTR": {
                String v = stringArg(ev.eval(a.get(0), scope));
                String s = ExprEval.lex(v);
                double start = ExprEval.number(ev.eval(a.get(1), scope)).doubleValue();
                double len = a.size() > 2 ? ExprEval.number(ev.eval(a.get(2), scope)).doubleValue() : Double.POSITIVE_INFINITY;
                StringBuilder sb = new StringBuilder();
                double from = Math.round(start);
                double to = from + Math.round(len);
                int pos = 1;
                for (int i = 0; i < s.length(); pos++) {
                    int cp = s.codePointAt(i);
                    i += Character.charCount(cp);
                    if (pos >= from && pos < to) {
                        sb.appendCodePoint(cp);
                    }
                }
                return sameKind(v, sb.toString());
            }
            case "STRSTARTS":
            case "STRENDS":
            case "CONTAINS":
            case "STRBEFORE":
            case "STRAFTER": {
                String x = stringArg(ev.eval(a.get(0), scope));
                String y = stringArg(ev.eval(a.get(1), scope));
                compatible(x, y);
                String s = ExprEval.lex(x);
                String t = ExprEval.lex(y);
                switch (name) {
                    case "STRSTARTS":
                        return ExprEval.bool(s.startsWith(t));
                    case "STRENDS":
                        return ExprEval.bool(s.endsWith(t));
                    case "CONTAINS":
                        return ExprEval.bool(s.contains(t));
                    case "STRBEFORE": {
                        int i = s.indexOf(t);
                        return i < 0 ? RdfTerms.literal("") : t.isEmpty() ? sameKind(x, "") : sameKind(x, s.substring(0, i));
                    }
                    default: {
                        int i = s.indexOf(t);
                        return i < 0 ? RdfTerms.literal("") : sameKind(x, s.substring(i + t.length()));
                    }
                }
            }
            case "CONCAT": {
                StringBuilder sb = new StringBuilder();
                String lang = null;
                boolean allSameLang = true;
                boolean allStrings = true;
                for (Expr x : a) {
                    String v = stringArg(ev.eval(x, scope));
                    sb.append(ExprEval.lex(v));
                    if (sb.length() > ExprEval.MAX_STRING) {
                        throw new ExprError("CONCAT result too long");
                    }
                    String l = RdfTerms.language(v);
                    if (l == null) {
                        allSameLang = false;
                    } else if (lang == null) {
                        lang = l;
                        allStrings = false;
                    } else if (!lang.equals(l)) {
                        allSameLang = false;
                    }
                    if (l != null) {
                        allStrings = false;
                    }
                }
                return allSameLang && lang != null && !allStrings ? RdfTerms.literal(sb.toString(), lang, null)
                        : RdfTerms.literal(sb.toString());
            }
            case "REPLACE": {
                String v = stringArg(ev.eval(a.get(0), scope));
                String pattern = simpleString(ev.eval(a.get(1), scope));
                String replacement = simpleString(ev.eval(a.get(2), scope));
                String flags = a.size() > 3 ? simpleString(ev.eval(a.get(3), scope)) : "";
                RegexEngine.Compiled p = ev.regex(pattern, flags);
                if (p.matchesEmpty()) {
                    throw new ExprError("REPLACE pattern matches the empty string");
                }
                String out;
                try {
                    out = p.replaceAll(ev.matchText(ExprEval.lex(v)), replacement);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    throw new ExprError("invalid replacement " + replacement);
                }
                if (out.length() > ExprEval.MAX_STRING) {
                    throw new ExprError("REPLACE result too long");
                }
                return sameKind(v, out);
            }
            case "ENCODE_FOR_URI": {
                String s = ExprEval.lex(stringArg(ev.eval(a.get(0), scope)));
                return RdfTerms.literal(encodeForUri(s));
            }
            case "ABS":
            case "CEIL":
            case "FLOOR":
            case "ROUND": {
                String v = ev.eval(a.get(0), scope);
                Number n = ExprEval.number(v);
                int r = ExprEval.rank(ExprEval.datatype(v));
                if (n instanceof Double) {
                    double d = n.doubleValue();
                    double res = name.equals("ABS") ? Math.abs(d) : name.equals("CEIL") ? Math.ceil(d)
                            : name.equals("FLOOR") ? Math.floor(d) : Math.floor(d + 0.5);
                    return ExprEval.numeric(res, r);
                }
                Decimal b = (Decimal) n;
                Decimal res = name.equals("ABS") ? b.abs() : name.equals("CEIL") ? b.ceil()
                        : name.equals("FLOOR") ? b.floor() : b.round();
                return ExprEval.numeric(res, r);
            }
            case "STRLANG": {
                String s = simpleString(ev.eval(a.get(0), scope));
                String lang = simpleString(ev.eval(a.get(1), scope));
                if (lang.isEmpty()) {
                    throw new ExprError("empty language tag");
                }
                return RdfTerms.literal(s, lang, null);
            }
            case "STRDT": {
                String s = simpleString(ev.eval(a.get(0), scope));
                String dt = ev.eval(a.get(1), scope);
                if (!RdfTerms.isIri(dt)) {
                    throw new ExprError("STRDT needs an IRI");
                }
                return RdfTerms.literal(s, null, dt);
            }
            case "IRI":
            case "URI": {
                String v = ev.eval(a.get(0), scope);
                String iri = RdfTerms.isIri(v) ? v : simpleString(v);
                return ev.base == null ? iri : IriResolver.resolve(ev.base, iri);
            }
            case "BNODE":
                if (a.isEmpty()) {
                    return scope.freshBlank(null);
                }
                return scope.freshBlank(simpleString(ev.eval(a.get(0), scope)));
            case "RAND":
                return ExprEval.numeric(ev.random(), 3);
            case "NOW":
                return RdfTerms.literal(DateTimes.format(ev.now()), null, ExprEval.DATETIME);
            case "UUID":
                return "urn:uuid:" + uuid(ev);
            case "STRUUID":
                return RdfTerms.literal(uuid(ev));
            case "MD5":
            case "SHA1":
            case "SHA256":
            case "SHA384":
            case "SHA512":
                return RdfTerms.literal(Digests.hex(name, simpleString(ev.eval(a.get(0), scope))));
            case "YEAR":
            case "MONTH":
            case "DAY":
            case "HOURS":
            case "MINUTES":
            case "SECONDS":
            case "TIMEZONE":
            case "TZ":
                return dateField(name, ev.eval(a.get(0), scope));
            default:
                throw new ExprError("unsupported function " + name);
        }
    }

    private static String literal(String v) {
        if (!ExprEval.isLiteral(v)) {
            throw new ExprError("not a literal: " + v);
        }
        return v;
    }

    /** A simple literal or xsd:string: its lexical form. */
    private static String simpleString(String v) {
        if (!ExprEval.isLiteral(v) || !ExprEval.datatype(v).equals(RdfTerms.XSD_STRING)) {
            throw new ExprError("not a simple literal: " + v);
        }
        return ExprEval.lex(v);
    }

    /** A string literal: simple, xsd:string, or language-tagged. */
    private static String stringArg(String v) {
        if (!ExprEval.isLiteral(v)) {
            throw new ExprError("not a string literal: " + v);
        }
        String dt = ExprEval.datatype(v);
        if (!dt.equals(RdfTerms.XSD_STRING) && !dt.equals(RdfTerms.RDF_LANG_STRING)) {
            throw new ExprError("not a string literal: " + v);
        }
        return v;
    }

    /** Argument compatibility of the two-string functions (SPARQL 17.4.3.1.2). */
    private static void compatible(String x, String y) {
        String lx = RdfTerms.language(x);
        String ly = RdfTerms.language(y);
        if (ly != null && !ly.equals(lx)) {
            throw new ExprError("incompatible string arguments");
        }
    }

    /** A string like {@code like}: same language tag, or the same (simple or xsd:string) kind. */
    private static String sameKind(String like, String lexical) {
        String lang = RdfTerms.language(like);
        if (lang != null) {
            return RdfTerms.literal(lexical, lang, null);
        }
        return RdfTerms.literal(lexical);
    }

    private static String integer(long n) {
        return RdfTerms.literal(Long.toString(n), null, ExprEval.INTEGER);
    }

    static boolean langMatches(String tag, String range) {
        if (range.equals("*")) {
            return !tag.isEmpty();
        }
        String t = LetterCase.lower(tag);
        String r = LetterCase.lower(range);
        return t.equals(r) || t.startsWith(r + "-");
    }

    private static final String UPPER_HEX = "0123456789ABCDEF";

    private static String encodeForUri(String s) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = Utf8.encodeReplacing(s);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(UPPER_HEX.charAt(c >> 4)).append(UPPER_HEX.charAt(c & 15));
            }
        }
        return sb.toString();
    }

    private static String uuid(ExprEval ev) {
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                sb.append('-');
            }
            int d = (int) (ev.random() * 16);
            if (i == 12) {
                d = 4;
            } else if (i == 16) {
                d = 8 | (d & 3);
            }
            sb.append(Character.forDigit(d, 16));
        }
        return sb.toString();
    }

    private static String dateField(String name, String v) {
        if (!ExprEval.isLiteral(v) || !ExprEval.datatype(v).equals(ExprEval.DATETIME)) {
            throw new ExprError(name + " needs an xsd:dateTime");
        }
        DateTimes.DateTime t = DateTimes.parse(ExprEval.lex(v));
        switch (name) {
            case "YEAR":
                return integer(t.year);
            case "MONTH":
                return integer(t.month);
            case "DAY":
                return integer(t.day);
            case "HOURS":
                return integer(t.hour);
            case "MINUTES":
                return integer(t.minute);
            case "SECONDS":
                return RdfTerms.literal(ExprEval.canonicalDecimal(t.second), null, ExprEval.DECIMAL);
            case "TZ":
                return RdfTerms.literal(t.zoneText);
            default: {
                if (t.zone == Integer.MIN_VALUE) {
                    throw new ExprError("no time zone");
                }
                int z = t.zone;
                StringBuilder sb = new StringBuilder(z < 0 ? "-PT" : "PT");
                z = Math.abs(z);
                if (z == 0) {
                    return RdfTerms.literal("PT0S", null, RdfTerms.XSD + "dayTimeDuration");
                }
                if (z / 60 > 0) {
                    sb.append(z / 60).append('H');
                }
                if (z % 60 > 0) {
                    sb.append(z % 60).append('M');
                }
                return RdfTerms.literal(sb.toString(), null, RdfTerms.XSD + "dayTimeDuration");
            }
        }
    }
}
