package org.nervusdb.js;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.nervusdb.Condition;
import org.nervusdb.DatabaseClosedException;
import org.nervusdb.NervusDBException;
import org.nervusdb.Position;
import org.nervusdb.PropertyCondition;
import org.nervusdb.Quad;
import org.nervusdb.QueryBuilder;
import org.nervusdb.QueryOptions;
import org.nervusdb.Transaction;
import org.nervusdb.Triple;
import org.nervusdb.TripleReader;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.query.ChainQuery;
import org.nervusdb.query.RegexEngine;
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
    // An in-memory store's files: kept by closeKeepingFiles() for memoryFile(), dropped by close().
    private MemFileSystem memory;

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
        memory = fs instanceof MemFileSystem ? (MemFileSystem) fs : null;
    }

    /** A store opened elsewhere: the full module's read-only opens. */
    JsNervusDB(TripleStore store) {
        this.store = store;
    }

    static JsNervusDB inMemory(long memtableBytes, long blockCacheBytes) {
        return inMemory(new MemFileSystem(), memtableBytes, blockCacheBytes);
    }

    /** An in-memory store on {@code fs}, which may hold the files of one written before. */
    static JsNervusDB inMemory(MemFileSystem fs, long memtableBytes, long blockCacheBytes) {
        StoreOptions options = memoryOptions();
        if (memtableBytes > 0) {
            options.memtableBytes = memtableBytes;
        }
        if (blockCacheBytes > 0) {
            options.blockCacheBytes = blockCacheBytes;
        }
        return new JsNervusDB(fs, options);
    }

    /**
     * An in-memory store on the files {@code source} gives: those of an in-memory store another
     * module closed with {@link #closeKeepingFiles}, read one at a time.
     */
    static JsNervusDB inMemoryFrom(MemoryFiles source, long memtableBytes, long blockCacheBytes) {
        MemFileSystem fs = new MemFileSystem();
        try {
            for (String name : source.names()) {
                byte[] b = source.read(name).copyToJavaArray();
                FileHandle h = fs.create(name);
                try {
                    h.write(0, b, 0, b.length);
                } finally {
                    h.close();
                }
            }
        } catch (RuntimeException e) {
            throw failed(e);
        }
        return inMemory(fs, memtableBytes, blockCacheBytes);
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

    // While pinned (snapshot(fn) in the package), reads see the state of the first pin.
    private TripleStore.StoreSnapshot pinned;
    private int pins;

    /** Pins the current state for reads until the matching {@link #unpin}; pins nest. */
    @JSExport
    public void pin() {
        try {
            if (pins == 0) {
                pinned = store().snapshot();
            }
            pins++;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Releases a pin; the last one lets reads see the current state again. */
    @JSExport
    public void unpin() {
        if (pins > 0 && --pins == 0) {
            TripleStore.StoreSnapshot p = pinned;
            pinned = null;
            p.close();
        }
    }

    /** What reads read: the pinned snapshot, or the store. */
    TripleReader reader() {
        return pinned != null ? pinned : store(); // close() drops the pin
    }

    TripleStore store() {
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
     * Adds triples in one commit, given as the {@code terms} strings of a flat array {@code [s0,
     * p0, o0, s1, ...]} in UTF-8, each followed by a zero byte ({@link Utf8Transfer}). Returns how
     * many were new, or -1, adding nothing, when the bytes hold more zero bytes than strings: a
     * string holds U+0000, and the triples go to {@link #commit} instead.
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
     * their stored encoding, labels), atomically. Returns how many triples it added that were
     * absent plus how many it removed that were present.
     */
    @JSExport
    public double commit(Int8Array ops) {
        try {
            return store().commit(Transaction.decode(ops.copyToJavaArray()));
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * One read, as strings: {@code n} a node's properties ({@code a}) and {@code e} an edge's
     * ({@code a b c}), each the stored encoding one char per byte, or nothing; {@code l} a
     * node's labels; {@code L} the nodes with label {@code a}; {@code i} the dictionary id of
     * term {@code a} (the original's getNodeId; "0" if not stored); {@code t} the term with id
     * {@code a} (decimal digits; the original's getNodeValue), or nothing.
     */
    @JSExport
    public String[] read(String kind, String a, String b, String c) {
        TripleStore.StoreSnapshot snap = pinned != null ? pinned : store().snapshot();
        try {
            List<String> out = new ArrayList<>();
            switch (kind.charAt(0)) {
                case 'n':
                case 'e': {
                    byte[] m = kind.equals("n") ? snap.nodePropertiesEncoded(a) : snap.edgePropertiesEncoded(a, b, c);
                    if (m != null) {
                        out.add(latin1(m));
                    }
                    break;
                }
                case 'l':
                    out = snap.labels(a);
                    break;
                case 'L':
                    out = snap.nodesWithLabel(a);
                    break;
                case 'i':
                    out.add(Long.toString(snap.lookup(a)));
                    break;
                default: {
                    String t = snap.termOrNull(Long.parseLong(a));
                    if (t != null) {
                        out.add(t);
                    }
                }
            }
            return out.toArray(new String[0]);
        } catch (RuntimeException e) {
            throw failed(e);
        } finally {
            if (snap != pinned) {
                snap.close();
            }
        }
    }

    /**
     * The nodes ({@code edges} false) or edges (flat {@code [s, p, o, ...]}) whose property
     * {@code name} satisfies a condition: equality with the value {@code low} when {@code eq},
     * else the range between {@code low} and {@code high} (each an encoded value one char per
     * byte, or empty for no bound).
     */
    @JSExport
    public String[] where(boolean edges, String name, boolean eq, String low, boolean lowInclusive, String high,
            boolean highInclusive) {
        try {
            PropertyCondition c = PropertyCondition.encoded(eq, latin1(low), lowInclusive, latin1(high), highInclusive);
            if (!edges) {
                return reader().nodesWhere(name, c).toArray(new String[0]);
            }
            List<String> out = new ArrayList<>();
            flat(reader().edgesWhere(name, c).iterator(), out);
            return out.toArray(new String[0]);
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
     * Runs a builder query given as a flat token list: {@code c pos op value flags} adds a
     * condition ({@code pos} s, p or o; {@code op} as {@link Condition#of}; a number's value as
     * its decimal text), {@code i pos n t1..tn} a set of terms, {@code b all ends n l1..ln} a label filter ({@code all} 1 or 0; {@code ends} letters
     * of positions, empty for subject or object), {@code v edge name ends eq low li high hi} a
     * property filter (bounds as encoded values, one char per byte, empty for none; flags 1 or
     * 0), {@code a pos} the anchor, {@code f P} / {@code r P} / {@code p P min max} traversal
     * steps, {@code u n tokens..} a union with the query of the next n tokens, {@code o pos a|d}
     * an order key, {@code s n} (offset), {@code l n} (limit), {@code d} (distinct), {@code t ms} a
     * time limit. {@code mode} is {@code facts} (flat triples), {@code values} (one position, per
     * {@code arg}), {@code nodes}, {@code count} ({@code [n]}) or {@code countBy} (flat value,
     * count pairs). It runs stage by stage on the indexes ({@link QueryBuilder#chain()}), in both
     * modules, so a builder query answers the same before and after a database moves to the
     * full module.
     */
    @JSExport
    public String[] queryRun(String[] spec, String mode, String arg) {
        try {
            ChainQuery q = build(spec, 0, spec.length).chain();
            List<String> out = new ArrayList<>();
            switch (mode) {
                case "facts":
                    flat(q.facts().iterator(), out);
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

    private QueryBuilder build(String[] spec, int from, int to) {
        QueryBuilder q = reader().query();
        for (int i = from; i < to; ) {
            String t = spec[i++];
            switch (t.length() == 1 ? t.charAt(0) : 0) {
                case 'c':
                    q.where(position(spec[i]), Condition.of(spec[i + 1], spec[i + 2], spec[i + 3]));
                    i += 4;
                    break;
                case 'i': {
                    int n = number(spec[i + 1]);
                    q.whereIn(position(spec[i]), Arrays.asList(Arrays.copyOfRange(spec, i + 2, i + 2 + n)));
                    i += 2 + n;
                    break;
                }
                case 'b': {
                    int n = number(spec[i + 2]);
                    q.whereLabel(Arrays.asList(Arrays.copyOfRange(spec, i + 3, i + 3 + n)), spec[i].equals("1"), positions(spec[i + 1]));
                    i += 3 + n;
                    break;
                }
                case 'v': {
                    String name = spec[i + 1];
                    PropertyCondition c = PropertyCondition.encoded(spec[i + 3].equals("1"), latin1(spec[i + 4]),
                            spec[i + 5].equals("1"), latin1(spec[i + 6]), spec[i + 7].equals("1"));
                    if (spec[i].equals("1")) {
                        q.whereEdgeProperty(name, c);
                    } else {
                        q.whereProperty(name, c, positions(spec[i + 2]));
                    }
                    i += 8;
                    break;
                }
                case 'a':
                    q.anchor(position(spec[i++]));
                    break;
                case 'f':
                    q.follow(spec[i++]);
                    break;
                case 'r':
                    q.followReverse(spec[i++]);
                    break;
                case 'p':
                    q.followPath(spec[i], number(spec[i + 1]), number(spec[i + 2]));
                    i += 3;
                    break;
                case 'u': {
                    int n = number(spec[i]);
                    q.union(build(spec, i + 1, i + 1 + n));
                    i += 1 + n;
                    break;
                }
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
        return q;
    }

    /** A number in a query spec: an int. */
    private static int number(String s) {
        long v = Long.parseLong(s);
        if (v != (int) v) {
            throw new IllegalArgumentException("number out of range: " + s);
        }
        return (int) v;
    }

    /** Positions named by their letters ({@code "so"}: subject and object). */
    private static Position[] positions(String letters) {
        Position[] out = new Position[letters.length()];
        for (int k = 0; k < out.length; k++) {
            out[k] = position(letters.substring(k, k + 1));
        }
        return out;
    }

    /** Bytes as a string of one char per byte, as JavaScript reads them. */
    private static String latin1(byte[] b) {
        char[] chars = new char[b.length];
        for (int k = 0; k < b.length; k++) {
            chars[k] = (char) (b[k] & 0xff);
        }
        return new String(chars);
    }

    /** Bytes sent as a string of one char per byte; null for the empty string. */
    private static byte[] latin1(String s) {
        if (s.isEmpty()) {
            return null;
        }
        byte[] b = new byte[s.length()];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) s.charAt(k);
        }
        return b;
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

    /**
     * Quads matching a pattern, read from the pin or a snapshot: a null subject, predicate or
     * object matches any term; the graph {@code g} null matches every graph (the default graph
     * first), {@link Quad#DEFAULT_GRAPH} the default graph only, another term that named graph.
     * {@code limit} 0 gives the names of the named graphs; negative, the number of matching
     * quads, {@code [n]}; else, flat {@code [s, p, o, g, ...]} (g null for the default graph),
     * at most {@code limit} of them from the {@code offset}-th on.
     */
    @JSExport
    public String[] quads(String s, String p, String o, String g, double offset, double limit) {
        TripleStore.StoreSnapshot snap = pinned != null ? pinned : store().snapshot();
        try {
            List<String> out = new ArrayList<>();
            if (limit == 0) {
                return snap.graphs().toArray(new String[0]);
            }
            String[] terms = {s, p, o};
            long[] ids = new long[3];
            boolean none = false;
            for (int i = 0; i < 3; i++) {
                none |= terms[i] != null && (ids[i] = snap.lookup(terms[i])) == 0;
            }
            long graph = g == null ? TripleStore.ANY_NAMED : g.equals(Quad.DEFAULT_GRAPH) ? TripleStore.DEFAULT_GRAPH : snap.lookup(g);
            none |= graph == 0 && g != null && !g.equals(Quad.DEFAULT_GRAPH);
            long n = 0;
            for (int part = g == null ? 0 : 1; part < 2 && !none; part++) {
                TripleStore.IdScan scan = snap.scanQuads(part == 0 ? TripleStore.DEFAULT_GRAPH : graph, ids[0], ids[1], ids[2]);
                for (; (limit < 0 || n < offset + limit) && scan.next(); n++) {
                    if (limit > 0 && n >= offset) {
                        out.add(snap.term(scan.s()));
                        out.add(snap.term(scan.p()));
                        out.add(snap.term(scan.o()));
                        out.add(scan.g() == 0 ? null : snap.term(scan.g()));
                    }
                }
            }
            if (limit < 0) {
                out.add(Long.toString(n));
            }
            return out.toArray(new String[0]);
        } catch (RuntimeException e) {
            throw failed(e);
        } finally {
            if (snap != pinned) {
                snap.close();
            }
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
            return reader().count(s, p, o);
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

    /**
     * Closes the store, writing out what it holds, and keeps an in-memory store's files for
     * {@link #memoryFiles} and {@link #memoryFile} until {@link #close}: how an in-memory
     * database moves to another module. Idempotent.
     */
    @JSExport
    public void closeKeepingFiles() {
        MemFileSystem m = memory;
        try {
            close();
        } finally {
            memory = m;
        }
    }

    /** The names of the files {@link #closeKeepingFiles} kept; empty for a store in a directory. */
    @JSExport
    public String[] memoryFiles() {
        if (store != null) {
            throw failed(new IllegalStateException("the store is open: closeKeepingFiles() first"));
        }
        return memory == null ? new String[0] : memory.list().toArray(new String[0]);
    }

    /** The bytes of a file {@link #closeKeepingFiles} kept. */
    @JSExport
    public Int8Array memoryFile(String name) {
        try {
            if (store != null || memory == null) {
                throw new IllegalStateException("no kept files: closeKeepingFiles() first");
            }
            FileHandle h = memory.open(name);
            try {
                long size = h.size();
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException(name + " is too large to hand over");
                }
                byte[] b = new byte[(int) size];
                h.read(0, b, 0, b.length);
                return Int8Array.copyFromJavaArray(b);
            } finally {
                h.close();
            }
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Releases the store and its files (also those {@link #closeKeepingFiles} kept); idempotent. */
    @JSExport
    public void close() {
        memory = null;
        TripleStore s = store;
        store = null;
        if (pinned != null) {
            pinned.close();
            pinned = null;
            pins = 0;
        }
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                throw failed(e);
            }
        }
    }
}
