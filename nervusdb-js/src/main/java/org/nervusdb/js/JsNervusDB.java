package org.nervusdb.js;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.nervusdb.Condition;
import org.nervusdb.DatabaseClosedException;
import org.nervusdb.NervusDBException;
import org.nervusdb.Position;
import org.nervusdb.PropertyCondition;
import org.nervusdb.QueryBuilder;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.Transaction;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.io.FileSystem;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.query.JsonText;
import org.nervusdb.query.QueryEngine;
import org.nervusdb.query.QueryOptions;
import org.nervusdb.query.QueryResult;
import org.nervusdb.query.RegexEngine;
import org.nervusdb.query.Sparql;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A store, in memory or in a directory that a {@link FsHost} provides, with an interface shaped
 * for JavaScript callers: only strings, string arrays and numbers cross the boundary. Query
 * results are flat arrays {@code [s0, p0, o0, s1, p1, o1, ...]} or the same triples as a JSON
 * string.
 * A {@code null} (or {@code undefined}) term in a pattern matches anything.
 *
 * <p>Errors reach JavaScript as errors whose message starts with a code in brackets, such as
 * {@code [CORRUPTION] }, which the package turns into its error codes; see {@link #code}.
 */
public final class JsNervusDB {
    static {
        if (RegexEngine.installed() == null) {
            RegexEngine.install(new JsRegexEngine());
        }
    }

    // Dropped at close, so that a handle the JavaScript side still references holds no data.
    private TripleStore store;

    /** A new, empty in-memory store. */
    @JSExport
    public JsNervusDB() {
        this(new MemFileSystem(), memoryOptions());
    }

    JsNervusDB(FileSystem fs, StoreOptions options) {
        try {
            store = TripleStore.open(fs, options);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    static JsNervusDB inMemory(long memtableBytes, long blockCacheBytes) {
        StoreOptions options = memoryOptions();
        if (memtableBytes > 0) {
            options.memtableBytes = memtableBytes;
        }
        if (blockCacheBytes > 0) {
            options.blockCacheBytes = blockCacheBytes;
        }
        return new JsNervusDB(new MemFileSystem(), options);
    }

    private static StoreOptions memoryOptions() {
        StoreOptions options = new StoreOptions();
        options.syncOnCommit = false;
        options.memtableBytes = 8L << 20;
        options.blockCacheBytes = 4L << 20;
        options.termCacheEntries = 1 << 14;
        return options;
    }

    /** The error code JavaScript callers see for {@code e}: the same as on the JVM. */
    static String code(RuntimeException e) {
        if (e instanceof NervusDBException) {
            return ((NervusDBException) e).code();
        }
        return e instanceof IllegalArgumentException ? "INVALID_ARGUMENT" : "ENGINE";
    }

    static RuntimeException failed(RuntimeException e) {
        String message = e.getMessage();
        return new IllegalStateException("[" + code(e) + "] " + (message == null ? e.getClass().getName() : message), e);
    }

    private TripleStore store() {
        TripleStore s = store;
        if (s == null) {
            throw new DatabaseClosedException("database");
        }
        return s;
    }

    /** Adds one triple; true if it was not present. */
    @JSExport
    public boolean add(String s, String p, String o) {
        try {
            return store().add(s, p, o);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * Adds triples given as one flat array {@code [s0, p0, o0, s1, ...]} in one commit. Returns
     * how many were new.
     */
    @JSExport
    public double addBatch(String[] flat) {
        try {
            return store().addAll(triples(flat));
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * As {@link #addBatch} with the flat array's {@code terms} strings as UTF-8, each followed by
     * a zero byte ({@link Utf8Transfer}). Returns -1, adding nothing, when the bytes hold more zero
     * bytes than strings: a string holds U+0000, and the strings go to {@link #addBatch} instead.
     */
    @JSExport
    public double addBatchUtf8(Int8Array data, double terms) {
        try {
            String[] flat = terms(data, terms);
            return flat == null ? -1 : store().addAll(triples(flat));
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Removes triples given as one flat array in one commit. Returns how many were present. */
    @JSExport
    public double deleteBatch(String[] flat) {
        try {
            return store().deleteAll(triples(flat));
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** As {@link #deleteBatch}, the terms as {@link #addBatchUtf8} takes them. */
    @JSExport
    public double deleteBatchUtf8(Int8Array data, double terms) {
        try {
            String[] flat = terms(data, terms);
            return flat == null ? -1 : store().deleteAll(triples(flat));
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** The strings of a zero-terminated UTF-8 list of {@code terms}, or null when it holds more zero bytes. */
    private static String[] terms(Int8Array data, double terms) {
        int n = (int) terms;
        if (n != terms || n < 0) {
            throw new IllegalArgumentException("the term count is not a whole number");
        }
        byte[] b = data.copyToJavaArray();
        return Utf8Transfer.terminators(b) > n ? null : Utf8Transfer.decodeList(b, n);
    }

    private static List<Triple> triples(String[] flat) {
        if (flat.length % 3 != 0) {
            throw new IllegalArgumentException("array length " + flat.length + " is not a multiple of 3");
        }
        List<Triple> triples = new ArrayList<>(flat.length / 3);
        for (int i = 0; i < flat.length; i += 3) {
            triples.add(new Triple(flat[i], flat[i + 1], flat[i + 2]));
        }
        return triples;
    }

    // ------------------------------------------------------------------ transactions, properties, labels

    /**
     * Commits a transaction sent as bytes ({@link Transaction#decode}: triples, property maps in
     * their stored encoding, labels), atomically.
     */
    @JSExport
    public void commit(Int8Array ops) {
        try {
            store().commit(Transaction.decode(ops.copyToJavaArray()));
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** A node's properties in their stored encoding, or null. */
    @JSExport
    public Int8Array nodeProperties(String node) {
        try (TripleStore.StoreSnapshot snap = store().snapshot()) {
            byte[] b = snap.nodePropertiesEncoded(node);
            return b == null ? null : Int8Array.copyFromJavaArray(b);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** An edge's properties in their stored encoding, or null. */
    @JSExport
    public Int8Array edgeProperties(String s, String p, String o) {
        try (TripleStore.StoreSnapshot snap = store().snapshot()) {
            byte[] b = snap.edgePropertiesEncoded(s, p, o);
            return b == null ? null : Int8Array.copyFromJavaArray(b);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** A node's labels. */
    @JSExport
    public String[] labels(String node) {
        try {
            return store().labels(node).toArray(new String[0]);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** The nodes with a label. */
    @JSExport
    public String[] nodesWithLabel(String label) {
        try {
            return store().nodesWithLabel(label).toArray(new String[0]);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * The nodes ({@code edges} false) or edges (flat {@code [s, p, o, ...]}) whose property
     * {@code name} satisfies a condition: equality with the value {@code low} when {@code eq},
     * else the range between {@code low} and {@code high} (each an encoded value, or empty for
     * no bound).
     */
    @JSExport
    public String[] where(boolean edges, String name, boolean eq, Int8Array low, boolean lowInclusive, Int8Array high,
            boolean highInclusive) {
        try {
            byte[] lo = low.copyToJavaArray();
            byte[] hi = high.copyToJavaArray();
            PropertyCondition c = PropertyCondition.encoded(eq, lo.length == 0 ? null : lo, lowInclusive,
                    hi.length == 0 ? null : hi, highInclusive);
            if (!edges) {
                return store().nodesWhere(name, c).toArray(new String[0]);
            }
            List<String> out = new ArrayList<>();
            flat(store().edgesWhere(name, c).iterator(), out);
            return out.toArray(new String[0]);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Removes one triple; true if it was present. */
    @JSExport
    public boolean delete(String s, String p, String o) {
        try {
            return store().delete(s, p, o);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Appends each triple of {@code it} to {@code out} as three strings. */
    private static void flat(Iterator<Triple> it, List<String> out) {
        while (it.hasNext()) {
            Triple t = it.next();
            out.add(t.subject());
            out.add(t.predicate());
            out.add(t.object());
        }
    }

    /**
     * Runs a SPARQL SELECT or ASK query. Returns JSON: {@code {"vars":[...],"rows":[[term or
     * null, ...], ...]}} for SELECT, {@code {"boolean":true}} for ASK; terms are stored terms.
     * {@code timeoutMillis} 0 means no time limit.
     */
    @JSExport
    public String sparqlJson(String query, double timeoutMillis) {
        StringBuilder sb = new StringBuilder();
        try (QueryResult r = QueryEngine.run(store(), Sparql.parse(query, null),
                QueryOptions.defaults().timeoutMillis((long) timeoutMillis))) {
            if (r.kind() == QueryResult.Kind.ASK) {
                return "{\"boolean\":" + r.askAnswer() + "}";
            }
            sb.append("{\"vars\":[");
            List<String> vars = r.variables();
            for (int i = 0; i < vars.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                quote(sb, vars.get(i));
            }
            sb.append("],\"rows\":[");
            boolean first = true;
            while (r.hasNext()) {
                String[] row = r.next();
                sb.append(first ? "[" : ",[");
                first = false;
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    if (row[i] == null) {
                        sb.append("null");
                    } else {
                        quote(sb, row[i]);
                    }
                }
                sb.append(']');
            }
            return sb.append("]}").toString();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Runs a query to its end and describes the chosen plan with rows per operator. */
    @JSExport
    public String explain(String query) {
        try {
            return QueryEngine.explain(store(), Sparql.parse(query, null), QueryOptions.defaults());
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * Runs a builder query given as a flat token list: {@code c pos op value flags} adds a
     * condition ({@code pos} s, p or o; {@code op} as {@link Condition#of}; a number's value as
     * its decimal text), {@code f P} / {@code r P} / {@code p P min max} add traversal
     * steps, {@code o pos a|d} an order key, {@code s n} (offset), {@code l n} (limit) and {@code d} (distinct)
     * the rest, {@code t ms} a time limit. {@code mode} is {@code facts} (flat triples), {@code values} (one position, per
     * {@code arg}), {@code nodes}, {@code count} ({@code [n]}) or {@code countBy} (flat value,
     * count pairs).
     */
    @JSExport
    public String[] queryRun(String[] spec, String mode, String arg) {
        try {
            QueryBuilder q = store().query();
            for (int i = 0; i < spec.length; ) {
                String t = spec[i++];
                switch (t.length() == 1 ? t.charAt(0) : 0) {
                    case 'c':
                        q.where(position(spec[i]), Condition.of(spec[i + 1], spec[i + 2], spec[i + 3]));
                        i += 4;
                        break;
                    case 'f':
                        q.follow(spec[i++]);
                        break;
                    case 'r':
                        q.followReverse(spec[i++]);
                        break;
                    case 'p':
                        q.followPath(spec[i], Integer.parseInt(spec[i + 1]), Integer.parseInt(spec[i + 2]));
                        i += 3;
                        break;
                    case 'o':
                        if (spec[i + 1].equals("d")) {
                            q.orderByDescending(position(spec[i]));
                        } else {
                            q.orderBy(position(spec[i]));
                        }
                        i += 2;
                        break;
                    case 's':
                        q.offset(Long.parseLong(spec[i++]));
                        break;
                    case 'l':
                        q.limit(Long.parseLong(spec[i++]));
                        break;
                    case 'd':
                        q.distinct();
                        break;
                    case 't':
                        q.options(QueryOptions.defaults().timeoutMillis(Long.parseLong(spec[i++])));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown query token " + t);
                }
            }
            List<String> out = new ArrayList<>();
            switch (mode) {
                case "facts":
                    try (TripleCursor c = q.cursor()) {
                        flat(c, out);
                    }
                    break;
                case "values":
                    out = q.values(position(arg));
                    break;
                case "nodes":
                    out = q.nodes();
                    break;
                case "count":
                    out.add(Long.toString(q.count()));
                    break;
                case "countBy":
                    for (Map.Entry<String, Long> e : q.countBy(position(arg)).entrySet()) {
                        out.add(e.getKey());
                        out.add(Long.toString(e.getValue()));
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown query mode " + mode);
            }
            return out.toArray(new String[0]);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    private static Position position(String p) {
        switch (p) {
            case "s":
                return Position.SUBJECT;
            case "p":
                return Position.PREDICATE;
            case "o":
                return Position.OBJECT;
            default:
                throw new IllegalArgumentException("unknown position " + p);
        }
    }

    /** Number of triples in the store. */
    @JSExport
    public double count() {
        return countMatching(null, null, null);
    }

    /** Number of triples matching the pattern. */
    @JSExport
    public double countMatching(String s, String p, String o) {
        try {
            return store().count(s, p, o);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Writes the in-memory tables out as sorted tables. */
    @JSExport
    public void flush() {
        try {
            store().flush();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Merges all sorted tables into one. */
    @JSExport
    public void compact() {
        try {
            store().compact();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * Reads every entry of every table, checking each block's checksum, key order and entry
     * counts; returns the number of entries checked, or throws naming the damaged file.
     */
    @JSExport
    public double verify() {
        try {
            return store().verify();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Releases the store and its files; idempotent. */
    @JSExport
    public void close() {
        TripleStore s = store;
        store = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                throw failed(e);
            }
        }
    }

    private static void quote(StringBuilder sb, String v) {
        JsonText.quote(sb, v);
    }
}
