package org.nervusdb.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nervusdb.CorruptionException;
import org.nervusdb.InvalidPropertyException;
import org.nervusdb.InvalidTermException;
import org.nervusdb.PropertyCondition;

/**
 * Property values: the JSON-like model, their stored encoding, and the order-preserving encoding
 * of the secondary indexes (docs/format/keys.md, "Properties and labels").
 *
 * <p>The model: {@code null}, {@link Boolean}, integers ({@link Long}; {@link Integer},
 * {@link Short} and {@link Byte} are accepted and read back as {@code Long}), finite
 * floating-point numbers ({@link Double}; {@link Float} accepted), {@link String} (well-formed
 * UTF-16), lists ({@link List}, or a Java array of these values) and maps with string keys
 * ({@link Map}; read back as an insertion-ordered map). Read values are immutable.
 *
 * <p>Stored encoding, a tag byte then: 0x00 null; 0x01 false; 0x02 true; 0x03 integer, zigzag
 * varint; 0x04 float, IEEE 754 binary64 little-endian; 0x05 string, varint byte length and
 * UTF-8; 0x06 list, varint count and the items; 0x07 map, varint count and, per entry, the key
 * (varint byte length and UTF-8) and the value.
 *
 * <p>Index encoding (unsigned byte order is the order of values of one kind; self-delimiting):
 * 0x01 null; 0x02 false; 0x03 true; 0x04 number, the 8 big-endian bytes of the value as a
 * binary64 with its bits mapped to sort in numeric order (integers and floats share it, so
 * {@code 1} and {@code 1.0} index alike; an integer beyond 2^53 indexes as its nearest double,
 * and lookups check the stored value exactly); 0x05 string, UTF-8 with each 0x00 byte written
 * as 0x00 0xFF, ended by 0x00 0x00 (strings sort by code point); 0x06 list or map, the stored
 * encoding escaped and ended the same way (equality only).
 */
public final class PropertyValues {
    /** Deepest nesting of lists and maps. */
    public static final int MAX_DEPTH = 64;
    /** Largest stored value, in bytes. */
    public static final int MAX_VALUE_BYTES = 1 << 20;
    /** Longest property name or label, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 1024;

    static final int NULL = 0x00;
    static final int FALSE = 0x01;
    static final int TRUE = 0x02;
    static final int INT = 0x03;
    static final int FLOAT = 0x04;
    static final int STRING = 0x05;
    static final int LIST = 0x06;
    public static final int MAP = 0x07;

    static final int IX_NULL = 0x01;
    static final int IX_FALSE = 0x02;
    static final int IX_TRUE = 0x03;
    static final int IX_NUMBER = 0x04;
    static final int IX_STRING = 0x05;
    static final int IX_COMPOSITE = 0x06;

    private PropertyValues() {
    }

    // ------------------------------------------------------------------ names

    /** A property name or label as UTF-8: not null, well-formed, at most {@link #MAX_NAME_BYTES} (the empty string is a name). */
    public static byte[] name(String name, String what) {
        if (name == null) {
            throw new InvalidPropertyException(what + " is null");
        }
        byte[] b;
        try {
            b = Utf8.encode(name, what);
        } catch (InvalidTermException e) {
            throw new InvalidPropertyException(e.getMessage());
        }
        if (b.length > MAX_NAME_BYTES) {
            throw new InvalidPropertyException(what + " is " + b.length + " bytes in UTF-8; the limit is " + MAX_NAME_BYTES);
        }
        return b;
    }

    // ------------------------------------------------------------------ stored encoding

    /** The stored encoding of {@code value}; throws {@link InvalidPropertyException} naming {@code what}. */
    public static byte[] encode(Object value, String what) {
        ByteBuilder out = new ByteBuilder(16);
        encode(value, out, what, 0, new IdentityHashMap<>());
        if (out.length() > MAX_VALUE_BYTES) {
            throw new InvalidPropertyException(what + " is " + out.length() + " bytes encoded; the limit is " + MAX_VALUE_BYTES);
        }
        return out.toArray();
    }

    private static void encode(Object v, ByteBuilder out, String what, int depth, IdentityHashMap<Object, Boolean> open) {
        if (out.length() > MAX_VALUE_BYTES) {
            throw new InvalidPropertyException(what + " is larger than the limit of " + MAX_VALUE_BYTES + " bytes");
        }
        if (v == null) {
            out.put(NULL);
        } else if (v instanceof Boolean) {
            out.put((Boolean) v ? TRUE : FALSE);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            long x = ((Number) v).longValue();
            out.put(INT).putVar((x << 1) ^ (x >> 63));
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidPropertyException(what + " is not a finite number");
            }
            out.put(FLOAT).putLongLE(Double.doubleToLongBits(d));
        } else if (v instanceof String) {
            byte[] b;
            try {
                b = Utf8.encode((String) v, what);
            } catch (InvalidTermException e) {
                throw new InvalidPropertyException(e.getMessage());
            }
            out.put(STRING).putVar(b.length).put(b);
        } else if (v instanceof List || v instanceof Object[]) {
            List<?> list = v instanceof List ? (List<?>) v : java.util.Arrays.asList((Object[]) v);
            enter(v, what, depth, open);
            out.put(LIST).putVar(list.size());
            int i = 0;
            for (Object item : list) {
                encode(item, out, what + "[" + i + "]", depth + 1, open);
                i++;
            }
            open.remove(v);
        } else if (v instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) v;
            enter(v, what, depth, open);
            out.put(MAP).putVar(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new InvalidPropertyException(what + " has a key that is not a string");
                }
                String key = (String) e.getKey();
                byte[] kb;
                try {
                    kb = Utf8.encode(key, what + " key");
                } catch (InvalidTermException ex) {
                    throw new InvalidPropertyException(ex.getMessage());
                }
                out.putVar(kb.length).put(kb);
                encode(e.getValue(), out, what + "." + key, depth + 1, open);
            }
            open.remove(v);
        } else {
            throw new InvalidPropertyException(what + " is not a value of the model: null, a boolean, a number, a string, a list or a map");
        }
    }

    private static void enter(Object v, String what, int depth, IdentityHashMap<Object, Boolean> open) {
        if (depth >= MAX_DEPTH) {
            throw new InvalidPropertyException(what + " nests lists and maps deeper than " + MAX_DEPTH);
        }
        if (open.put(v, Boolean.TRUE) != null) {
            throw new InvalidPropertyException(what + " contains itself");
        }
    }

    /** Decodes a stored value; throws {@link CorruptionException} naming {@code where} if malformed. */
    public static Object decode(byte[] b, String where) {
        int[] pos = {0};
        Object v;
        try {
            v = decode(b, pos, 0);
        } catch (IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw new CorruptionException(where, -1, "malformed property value: " + e.getMessage());
        }
        if (pos[0] != b.length) {
            throw new CorruptionException(where, -1, "malformed property value: trailing bytes");
        }
        return v;
    }

    private static Object decode(byte[] b, int[] pos, int depth) {
        if (pos[0] >= b.length) {
            throw new IllegalStateException("value cut short");
        }
        int tag = b[pos[0]++];
        switch (tag) {
            case NULL:
                return null;
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case INT: {
                long z = Bytes.readVarLong(b, pos, b.length);
                return (z >>> 1) ^ -(z & 1);
            }
            case FLOAT: {
                if (pos[0] + 8 > b.length) {
                    throw new IllegalStateException("float cut short");
                }
                double d = Double.longBitsToDouble(Bytes.getLongLE(b, pos[0]));
                pos[0] += 8;
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new IllegalStateException("float not finite");
                }
                return d;
            }
            case STRING:
                return string(b, pos);
            case LIST: {
                int n = count(b, pos, depth);
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(decode(b, pos, depth + 1));
                }
                return Collections.unmodifiableList(list);
            }
            case MAP: {
                int n = count(b, pos, depth);
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String key = string(b, pos);
                    if (map.containsKey(key)) {
                        throw new IllegalStateException("repeated map key");
                    }
                    map.put(key, decode(b, pos, depth + 1));
                }
                return Collections.unmodifiableMap(map);
            }
            default:
                throw new IllegalStateException("unknown value tag " + tag);
        }
    }

    private static int count(byte[] b, int[] pos, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalStateException("nested too deep");
        }
        int n = Bytes.readVarInt(b, pos, b.length);
        if (n > b.length - pos[0]) {
            throw new IllegalStateException("count larger than the value");
        }
        return n;
    }

    /** The length-prefixed, strict UTF-8 text at {@code pos[0]}, moving past it. */
    public static String string(byte[] b, int[] pos) {
        int len = Bytes.readVarInt(b, pos, b.length);
        if (len > b.length - pos[0]) {
            throw new IllegalStateException("string cut short");
        }
        String s = Utf8.decode(b, pos[0], len);
        if (s == null) {
            throw new IllegalStateException("string not well-formed UTF-8");
        }
        pos[0] += len;
        return s;
    }

    /** A read value as JSON text (floats with a fraction or exponent as Java prints them). */
    public static String toJson(Object v) {
        StringBuilder sb = new StringBuilder();
        json(v, sb);
        return sb.toString();
    }

    private static void json(Object v, StringBuilder sb) {
        if (v instanceof String) {
            String s = (String) v;
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r"
                            : "\\u" + Integer.toHexString(0x10000 | c).substring(1));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object x : (List<?>) v) {
                sb.append(first ? "" : ",");
                json(x, sb);
                first = false;
            }
            sb.append(']');
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(first ? "" : ",");
                json(e.getKey(), sb);
                sb.append(':');
                json(e.getValue(), sb);
                first = false;
            }
            sb.append('}');
        } else {
            sb.append(v);
        }
    }

    // ------------------------------------------------------------------ stored bytes, without decoding

    /**
     * The top-level entries of an encoded map (as {@link #encode} writes a {@link Map}), read
     * without building Java objects, as offsets: entry {@code i}'s name is the {@code e[4i + 1]}
     * bytes from {@code e[4i]}, its value the bytes from {@code e[4i + 2]} to {@code e[4i + 3]}.
     * Throws {@link CorruptionException} naming {@code where} if the bytes are not a well-formed map.
     */
    static int[] entries(byte[] map, String where) {
        try {
            int[] pos = {0};
            if (map.length == 0 || map[0] != MAP) {
                throw new IllegalStateException("not a map");
            }
            pos[0] = 1;
            int n = count(map, pos, 0);
            int[] e = new int[4 * n];
            for (int i = 0; i < 4 * n; i += 4) {
                int len = Bytes.readVarInt(map, pos, map.length);
                if (len > map.length - pos[0]) {
                    throw new IllegalStateException("name cut short");
                }
                e[i] = pos[0];
                e[i + 1] = len;
                pos[0] += len;
                e[i + 2] = pos[0];
                skip(map, pos, 1);
                e[i + 3] = pos[0];
            }
            if (pos[0] != map.length) {
                throw new IllegalStateException("trailing bytes");
            }
            return e;
        } catch (IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw new CorruptionException(where, -1, "malformed property value: " + e.getMessage());
        }
    }

    /**
     * Checks bytes given as an encoded property map (by the JavaScript binding, which encodes
     * values itself) as {@link #decode} would, without building Java values: a map at the top,
     * well-formed throughout, strict UTF-8, finite floats, distinct keys in each map, nesting
     * within {@link #MAX_DEPTH}, at most {@link #MAX_VALUE_BYTES}, top-level names within
     * {@link #MAX_NAME_BYTES}.
     *
     * @throws InvalidPropertyException naming {@code what} if not
     */
    public static void validateMap(byte[] b, String what) {
        if (b.length > MAX_VALUE_BYTES) {
            throw new InvalidPropertyException(what + " is " + b.length + " bytes encoded; the limit is " + MAX_VALUE_BYTES);
        }
        try {
            if (b.length == 0 || b[0] != MAP) {
                throw new IllegalStateException("not a map");
            }
            int[] pos = {0};
            check(b, pos, 0, true);
            if (pos[0] != b.length) {
                throw new IllegalStateException("trailing bytes");
            }
        } catch (IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidPropertyException(what + " is not a well-formed encoded map: " + e.getMessage());
        }
    }

    /** Moves {@code pos[0]} past the encoded value there, checking its structure. */
    private static void skip(byte[] b, int[] pos, int depth) {
        walk(b, pos, depth, false, false);
    }

    /** As {@link #skip}, also checking what {@link #decode} checks (and top-level name lengths). */
    private static void check(byte[] b, int[] pos, int depth, boolean top) {
        walk(b, pos, depth, true, top);
    }

    /**
     * Moves {@code pos[0]} past the encoded value there: its structure is always checked; with
     * {@code strict} also strict UTF-8, finite floats and distinct map keys, and with {@code top}
     * the length of the map's keys as property names.
     */
    private static void walk(byte[] b, int[] pos, int depth, boolean strict, boolean top) {
        if (pos[0] >= b.length) {
            throw new IllegalStateException("value cut short");
        }
        int tag = b[pos[0]++];
        switch (tag) {
            case NULL:
            case FALSE:
            case TRUE:
                return;
            case INT:
                Bytes.readVarLong(b, pos, b.length);
                return;
            case FLOAT: {
                if (pos[0] + 8 > b.length) {
                    throw new IllegalStateException("float cut short");
                }
                double d = Double.longBitsToDouble(Bytes.getLongLE(b, pos[0]));
                if (strict && (Double.isNaN(d) || Double.isInfinite(d))) {
                    throw new IllegalStateException("a float that is not finite");
                }
                pos[0] += 8;
                return;
            }
            case STRING:
                text(b, pos, strict);
                return;
            case LIST: {
                int n = count(b, pos, depth);
                for (int i = 0; i < n; i++) {
                    walk(b, pos, depth + 1, strict, false);
                }
                return;
            }
            case MAP: {
                int n = count(b, pos, depth);
                java.util.HashSet<String> keys = strict ? new java.util.HashSet<>() : null;
                for (int i = 0; i < n; i++) {
                    int[] len = {pos[0]};
                    String key = text(b, pos, strict);
                    if (top && Bytes.readVarInt(b, len, b.length) > MAX_NAME_BYTES) {
                        throw new IllegalStateException("a property name longer than " + MAX_NAME_BYTES + " bytes");
                    }
                    if (strict && !keys.add(key)) {
                        throw new IllegalStateException("a repeated key");
                    }
                    walk(b, pos, depth + 1, strict, false);
                }
                return;
            }
            default:
                throw new IllegalStateException("unknown value tag " + tag);
        }
    }

    /** Moves past a length-prefixed text: with {@code strict} checked as UTF-8 and returned, else null. */
    private static String text(byte[] b, int[] pos, boolean strict) {
        if (strict) {
            return string(b, pos);
        }
        int len = Bytes.readVarInt(b, pos, b.length);
        if (len > b.length - pos[0]) {
            throw new IllegalStateException("text cut short");
        }
        pos[0] += len;
        return null;
    }

    /** Appends the index encoding of the encoded value {@code b[off .. end)}; as {@link #indexKey(Object, ByteBuilder)}. */
    static void indexKey(byte[] b, int off, int end, ByteBuilder out) {
        switch (b[off]) {
            case NULL:
                out.put(IX_NULL);
                return;
            case FALSE:
                out.put(IX_FALSE);
                return;
            case TRUE:
                out.put(IX_TRUE);
                return;
            case INT: {
                int[] pos = {off + 1};
                long z = Bytes.readVarLong(b, pos, end);
                out.put(IX_NUMBER);
                putSortableDouble((double) ((z >>> 1) ^ -(z & 1)), out);
                return;
            }
            case FLOAT:
                out.put(IX_NUMBER);
                putSortableDouble(Double.longBitsToDouble(Bytes.getLongLE(b, off + 1)), out);
                return;
            case STRING: {
                int[] pos = {off + 1};
                int len = Bytes.readVarInt(b, pos, end);
                out.put(IX_STRING);
                escaped(b, pos[0], len, out);
                return;
            }
            default:
                out.put(IX_COMPOSITE);
                escaped(b, off, end - off, out);
        }
    }

    // ------------------------------------------------------------------ conditions on stored bytes

    /** Whether the tag at {@code off} is a number (integer or float). */
    static boolean isNumberAt(byte[] b, int off) {
        return b[off] == INT || b[off] == FLOAT;
    }

    /** The integer at {@code off} (tag INT). */
    static long intAt(byte[] b, int off) {
        int[] pos = {off + 1};
        long z = Bytes.readVarLong(b, pos, b.length);
        return (z >>> 1) ^ -(z & 1);
    }

    /** The number at {@code off} as a binary64 (an integer rounds to the nearest). */
    static double doubleAt(byte[] b, int off) {
        return b[off] == INT ? (double) intAt(b, off) : Double.longBitsToDouble(Bytes.getLongLE(b, off + 1));
    }

    /** Compares the numbers at {@code a[ao]} and {@code b[bo]} exactly. */
    static int compareNumbersAt(byte[] a, int ao, byte[] b, int bo) {
        boolean ai = a[ao] == INT;
        boolean bi = b[bo] == INT;
        if (ai && bi) {
            return Long.compare(intAt(a, ao), intAt(b, bo));
        }
        if (!ai && !bi) {
            return Double.compare(doubleAt(a, ao) + 0.0, doubleAt(b, bo) + 0.0);
        }
        return ai ? -compareDoubleLong(doubleAt(b, bo), intAt(a, ao)) : compareDoubleLong(doubleAt(a, ao), intAt(b, bo));
    }

    /** The byte range {@code [start, end)} of the UTF-8 of the string at {@code off}: {start, end}. */
    private static int[] stringAt(byte[] b, int off) {
        int[] pos = {off + 1};
        int len = Bytes.readVarInt(b, pos, b.length);
        return new int[] {pos[0], pos[0] + len};
    }

    /** Compares the strings at {@code a[ao]} and {@code b[bo]} by their UTF-8 bytes (code point order). */
    static int compareStringsAt(byte[] a, int ao, byte[] b, int bo) {
        int[] x = stringAt(a, ao);
        int[] y = stringAt(b, bo);
        return Bytes.compare(a, x[0], x[1] - x[0], b, y[0], y[1] - y[0]);
    }

    /** Equality of the encoded values at {@code a[ao]} and {@code b[bo]}: numbers by value (1 equals 1.0), maps whatever their order. */
    static boolean equalAt(byte[] a, int ao, byte[] b, int bo) {
        if (isNumberAt(a, ao) && isNumberAt(b, bo)) {
            return compareNumbersAt(a, ao, b, bo) == 0;
        }
        if (a[ao] != b[bo]) {
            return false;
        }
        switch (a[ao]) {
            case STRING:
                return compareStringsAt(a, ao, b, bo) == 0;
            case LIST: {
                int[] pa = {ao + 1};
                int[] pb = {bo + 1};
                int n = Bytes.readVarInt(a, pa, a.length);
                if (n != Bytes.readVarInt(b, pb, b.length)) {
                    return false;
                }
                for (int i = 0; i < n; i++) {
                    if (!equalAt(a, pa[0], b, pb[0])) {
                        return false;
                    }
                    skip(a, pa, 0);
                    skip(b, pb, 0);
                }
                return true;
            }
            case MAP: {
                int[] pa = {ao + 1};
                int n = Bytes.readVarInt(a, pa, a.length);
                int[] pb = {bo + 1};
                if (n != Bytes.readVarInt(b, pb, b.length)) {
                    return false;
                }
                for (int i = 0; i < n; i++) {
                    int len = Bytes.readVarInt(a, pa, a.length);
                    int at = find(b, bo, a, pa[0], len);
                    pa[0] += len;
                    if (at < 0 || !equalAt(a, pa[0], b, at)) {
                        return false;
                    }
                    skip(a, pa, 0);
                }
                return true;
            }
            default:
                return true; // null, false, true
        }
    }

    /**
     * The offset of the value of key {@code name[nameOff .. nameOff + nameLen)} in the map at
     * {@code map[mapOff]}, or -1 if it has none.
     */
    static int find(byte[] map, int mapOff, byte[] name, int nameOff, int nameLen) {
        int[] p = {mapOff + 1};
        int n = Bytes.readVarInt(map, p, map.length);
        for (int i = 0; i < n; i++) {
            int len = Bytes.readVarInt(map, p, map.length);
            boolean same = Bytes.compare(map, p[0], len, name, nameOff, nameLen) == 0;
            p[0] += len;
            if (same) {
                return p[0];
            }
            skip(map, p, 0);
        }
        return -1;
    }

    /**
     * Whether the property {@code name} (UTF-8) of a stored map satisfies a condition given by
     * encoded bounds: equality with {@code low}, or the range between {@code low} and {@code high}
     * (either null for no bound) over numbers or over strings.
     */
    static boolean satisfiesAt(byte[] map, byte[] name, boolean eq, byte[] low, boolean lowInclusive, byte[] high,
            boolean highInclusive) {
        if (map == null) {
            return false;
        }
        int v = find(map, 0, name, 0, name.length);
        if (v < 0) {
            return false;
        }
        if (eq) {
            return equalAt(map, v, low, 0);
        }
        byte[] bound = low != null ? low : high;
        boolean strings = bound[0] == STRING;
        if (strings ? map[v] != STRING : !isNumberAt(map, v)) {
            return false;
        }
        if (low != null) {
            int k = strings ? compareStringsAt(map, v, low, 0) : compareNumbersAt(map, v, low, 0);
            if (k < 0 || (k == 0 && !lowInclusive)) {
                return false;
            }
        }
        if (high != null) {
            int k = strings ? compareStringsAt(map, v, high, 0) : compareNumbersAt(map, v, high, 0);
            if (k > 0 || (k == 0 && !highInclusive)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks one encoded value (a condition's bound, sent as bytes): well-formed as
     * {@link #validateMap} checks a map's values.
     *
     * @throws InvalidPropertyException if not
     */
    public static void validateValue(byte[] b, String what) {
        try {
            int[] pos = {0};
            check(b, pos, 0, false);
            if (pos[0] != b.length) {
                throw new IllegalStateException("trailing bytes");
            }
        } catch (IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidPropertyException(what + " is not a well-formed encoded value: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ comparison

    private static int compareDoubleLong(double d, long x) {
        // Doubles at or beyond 2^63 in magnitude lie outside the range of long.
        if (d >= 0x1p63) {
            return 1;
        }
        if (d < -0x1p63) {
            return -1;
        }
        long whole = (long) d; // truncates toward zero, exact in this range
        if (whole != x) {
            return Long.compare(whole, x);
        }
        double frac = d - whole;
        return frac > 0 ? 1 : frac < 0 ? -1 : 0;
    }

    /** Whether a value of the model satisfies a condition (numbers exactly, strings by code point). */
    public static boolean satisfies(Object v, PropertyCondition c) {
        ByteBuilder map = new ByteBuilder().put(MAP).putVar(1).putVar(0);
        map.put(encode(v, "value"));
        return satisfiesAt(map.toArray(), Bytes.EMPTY, c.isEquality(), c.encodedLow(), c.lowInclusive(), c.encodedHigh(),
                c.highInclusive());
    }

    /** 1 for a number, 2 for a string, 0 for any other encoded value (range bounds are numbers or strings). */
    public static int rangeKind(byte[] b) {
        return b.length == 0 ? 0 : isNumberAt(b, 0) ? 1 : b[0] == STRING ? 2 : 0;
    }

    // ------------------------------------------------------------------ index encoding

    /** Appends the index encoding of a read value (from {@link #decode}, or normalized by {@link #normalize}). */
    static void indexKey(Object v, ByteBuilder out) {
        if (v == null) {
            out.put(IX_NULL);
        } else if (v instanceof Boolean) {
            out.put((Boolean) v ? IX_TRUE : IX_FALSE);
        } else if (v instanceof Long || v instanceof Double) {
            out.put(IX_NUMBER);
            putSortableDouble(((Number) v).doubleValue(), out);
        } else if (v instanceof String) {
            out.put(IX_STRING);
            escaped(Utf8.encode((String) v, "value"), out);
        } else {
            out.put(IX_COMPOSITE);
            escaped(encode(v, "value"), out);
        }
    }

    /** The 8 bytes of {@code d} (-0.0 as 0.0) whose unsigned big-endian order is numeric order. */
    static void putSortableDouble(double d, ByteBuilder out) {
        long bits = Double.doubleToLongBits(d + 0.0);
        bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        for (int i = 7; i >= 0; i--) {
            out.put((int) (bits >>> (8 * i)));
        }
    }

    /** The double written by {@link #putSortableDouble} at {@code off}. */
    static double sortableDouble(byte[] k, int off) {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (k[off + i] & 0xff);
        }
        bits = bits < 0 ? bits ^ Long.MIN_VALUE : ~bits;
        return Double.longBitsToDouble(bits);
    }

    /** {@code b} with each 0x00 written as 0x00 0xFF, then the terminator 0x00 0x00. */
    static void escaped(byte[] b, ByteBuilder out) {
        escaped(b, 0, b.length, out);
    }

    static void escaped(byte[] b, int off, int len, ByteBuilder out) {
        for (int i = off; i < off + len; i++) {
            byte x = b[i];
            out.put(x);
            if (x == 0) {
                out.put(0xff);
            }
        }
        out.put(0).put(0);
    }

    /**
     * The length of the escaped, terminated run starting at {@code off} of {@code key} (the bytes
     * {@link #escaped} wrote), or -1 if it does not end properly within {@code limit}.
     */
    static int escapedLength(byte[] key, int off, int limit) {
        for (int i = off; i + 1 < limit; i++) {
            if (key[i] == 0) {
                if (key[i + 1] == 0) {
                    return i + 2 - off;
                }
                if (key[i + 1] != (byte) 0xff) {
                    return -1;
                }
                i++;
            }
        }
        return -1;
    }

    /** The length of the index encoding of a value at {@code off}, or -1 if malformed. */
    static int indexKeyLength(byte[] key, int off, int limit) {
        if (off >= limit) {
            return -1;
        }
        switch (key[off]) {
            case IX_NULL:
            case IX_FALSE:
            case IX_TRUE:
                return 1;
            case IX_NUMBER:
                return off + 9 <= limit ? 9 : -1;
            case IX_STRING:
            case IX_COMPOSITE: {
                int n = escapedLength(key, off + 1, limit);
                return n < 0 ? -1 : 1 + n;
            }
            default:
                return -1;
        }
    }

    /**
     * A value given by a caller in the form {@link #decode} returns: integers as {@code Long},
     * floats as {@code Double}, arrays as lists (validated as {@link #encode} does).
     */
    public static Object normalize(Object value, String what) {
        return decode(encode(value, what), what);
    }
}
