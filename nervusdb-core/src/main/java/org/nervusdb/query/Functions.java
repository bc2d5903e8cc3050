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

    // Dispatch by a number from one table instead of a switch on strings: a string switch
    // compiles to a hash switch with an equals() per case, which costs the WebAssembly build.
    private static final int F_STR = 0;
    private static final int F_LANG = 1;
    private static final int F_DATATYPE = 2;
    private static final int F_LANGMATCHES = 3;
    private static final int F_REGEX = 4;
    private static final int F_STRLEN = 5;
    private static final int F_UCASE = 6;
    private static final int F_LCASE = 7;
    private static final int F_SUBSTR = 8;
    private static final int F_STRSTARTS = 9;
    private static final int F_STRENDS = 10;
    private static final int F_CONTAINS = 11;
    private static final int F_STRBEFORE = 12;
    private static final int F_STRAFTER = 13;
    private static final int F_CONCAT = 14;
    private static final int F_REPLACE = 15;
    private static final int F_ENCODE_FOR_URI = 16;
    private static final int F_ABS = 17;
    private static final int F_CEIL = 18;
    private static final int F_FLOOR = 19;
    private static final int F_ROUND = 20;
    private static final int F_STRLANG = 21;
    private static final int F_STRDT = 22;
    private static final int F_IRI = 23;
    private static final int F_URI = 24;
    private static final int F_BNODE = 25;
    private static final int F_RAND = 26;
    private static final int F_NOW = 27;
    private static final int F_UUID = 28;
    private static final int F_STRUUID = 29;
    private static final int F_MD5 = 30;
    private static final int F_SHA1 = 31;
    private static final int F_SHA256 = 32;
    private static final int F_SHA384 = 33;
    private static final int F_SHA512 = 34;
    private static final int F_YEAR = 35;
    private static final int F_MONTH = 36;
    private static final int F_DAY = 37;
    private static final int F_HOURS = 38;
    private static final int F_MINUTES = 39;
    private static final int F_SECONDS = 40;
    private static final int F_TIMEZONE = 41;
    private static final int F_TZ = 42;
    private static final String[] NAMES = {
            "STR", "LANG", "DATATYPE", "LANGMATCHES", "REGEX", "STRLEN", "UCASE", "LCASE", "SUBSTR",
            "STRSTARTS", "STRENDS", "CONTAINS", "STRBEFORE", "STRAFTER", "CONCAT", "REPLACE",
            "ENCODE_FOR_URI", "ABS", "CEIL", "FLOOR", "ROUND", "STRLANG", "STRDT", "IRI", "URI", "BNODE",
            "RAND", "NOW", "UUID", "STRUUID", "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "YEAR", "MONTH",
            "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ"
    };
    private static final java.util.HashMap<String, Integer> CODES = ExprEval.codes(NAMES);

    private static int code(String name) {
        return ExprEval.code(CODES, name);
    }

    static String call(ExprEval ev, String name, List<Expr> a, ExprEval.Scope scope) {
        switch (code(name)) {
            case F_STR: {
                String v = ev.eval(a.get(0), scope);
                if (RdfTerms.isBlank(v)) {
                    throw new ExprError("STR of a blank node");
                }
                return RdfTerms.literal(ExprEval.isLiteral(v) ? ExprEval.lex(v) : v);
            }
            case F_LANG: {
                String v = literal(ev.eval(a.get(0), scope));
                String l = RdfTerms.language(v);
                return RdfTerms.literal(l == null ? "" : l);
            }
            case F_DATATYPE: {
                return ExprEval.datatype(literal(ev.eval(a.get(0), scope)));
            }
            case F_LANGMATCHES: {
                String tag = simpleString(ev.eval(a.get(0), scope));
                String range = simpleString(ev.eval(a.get(1), scope));
                return ExprEval.bool(langMatches(tag, range));
            }
            case F_REGEX: {
                String text = stringArg(ev.eval(a.get(0), scope));
                String pattern = simpleString(ev.eval(a.get(1), scope));
                String flags = a.size() > 2 ? simpleString(ev.eval(a.get(2), scope)) : "";
                return ExprEval.bool(ev.regex(pattern, flags).find(ev.matchText(ExprEval.lex(text))));
            }
            case F_STRLEN: {
                String s = ExprEval.lex(stringArg(ev.eval(a.get(0), scope)));
                return integer(s.codePointCount(0, s.length()));
            }
            case F_UCASE:
            case F_LCASE: {
                String v = stringArg(ev.eval(a.get(0), scope));
                String s = ExprEval.lex(v);
                return sameKind(v, name.equals("UCASE") ? LetterCase.upper(s) : LetterCase.lower(s));
            }
            case F_SUBSTR: {
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
            case F_STRSTARTS:
            case F_STRENDS:
            case F_CONTAINS:
            case F_STRBEFORE:
            case F_STRAFTER: {
                String x = stringArg(ev.eval(a.get(0), scope));
                String y = stringArg(ev.eval(a.get(1), scope));
                compatible(x, y);
                String s = ExprEval.lex(x);
                String t = ExprEval.lex(y);
                switch (code(name)) {
                    case F_STRSTARTS:
                        return ExprEval.bool(s.startsWith(t));
                    case F_STRENDS:
                        return ExprEval.bool(s.endsWith(t));
                    case F_CONTAINS:
                        return ExprEval.bool(s.contains(t));
                    case F_STRBEFORE: {
                        int i = s.indexOf(t);
                        return i < 0 ? RdfTerms.literal("") : t.isEmpty() ? sameKind(x, "") : sameKind(x, s.substring(0, i));
                    }
                    default: {
                        int i = s.indexOf(t);
                        return i < 0 ? RdfTerms.literal("") : sameKind(x, s.substring(i + t.length()));
                    }
                }
            }
            case F_CONCAT: {
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
            case F_REPLACE: {
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
            case F_ENCODE_FOR_URI: {
                String s = ExprEval.lex(stringArg(ev.eval(a.get(0), scope)));
                return RdfTerms.literal(encodeForUri(s));
            }
            case F_ABS:
            case F_CEIL:
            case F_FLOOR:
            case F_ROUND: {
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
            case F_STRLANG: {
                String s = simpleString(ev.eval(a.get(0), scope));
                String lang = simpleString(ev.eval(a.get(1), scope));
                if (lang.isEmpty()) {
                    throw new ExprError("empty language tag");
                }
                return RdfTerms.literal(s, lang, null);
            }
            case F_STRDT: {
                String s = simpleString(ev.eval(a.get(0), scope));
                String dt = ev.eval(a.get(1), scope);
                if (!RdfTerms.isIri(dt)) {
                    throw new ExprError("STRDT needs an IRI");
                }
                return RdfTerms.literal(s, null, dt);
            }
            case F_IRI:
            case F_URI: {
                String v = ev.eval(a.get(0), scope);
                String iri = RdfTerms.isIri(v) ? v : simpleString(v);
                return ev.base == null ? iri : IriResolver.resolve(ev.base, iri);
            }
            case F_BNODE:
                if (a.isEmpty()) {
                    return scope.freshBlank(null);
                }
                return scope.freshBlank(simpleString(ev.eval(a.get(0), scope)));
            case F_RAND:
                return ExprEval.numeric(ev.random(), 3);
            case F_NOW:
                return RdfTerms.literal(DateTimes.format(ev.now()), null, ExprEval.DATETIME);
            case F_UUID:
                return "urn:uuid:" + uuid(ev);
            case F_STRUUID:
                return RdfTerms.literal(uuid(ev));
            case F_MD5:
            case F_SHA1:
            case F_SHA256:
            case F_SHA384:
            case F_SHA512:
                return RdfTerms.literal(Digests.hex(name, simpleString(ev.eval(a.get(0), scope))));
            case F_YEAR:
            case F_MONTH:
            case F_DAY:
            case F_HOURS:
            case F_MINUTES:
            case F_SECONDS:
            case F_TIMEZONE:
            case F_TZ:
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
        switch (code(name)) {
            case F_YEAR:
                return integer(t.year);
            case F_MONTH:
                return integer(t.month);
            case F_DAY:
                return integer(t.day);
            case F_HOURS:
                return integer(t.hour);
            case F_MINUTES:
                return integer(t.minute);
            case F_SECONDS:
                return RdfTerms.literal(ExprEval.canonicalDecimal(t.second), null, ExprEval.DECIMAL);
            case F_TZ:
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
