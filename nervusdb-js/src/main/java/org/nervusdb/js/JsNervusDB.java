package org.nervusdb.js;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.nervusdb.engine.ByteBuilder;
import org.nervusdb.engine.Bytes;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.engine.Utf8;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.query.ChainQuery;
import org.nervusdb.query.RegexEngine;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Stores, in memory or in a directory that a {@link FsHost} provides, with an interface shaped
 * for JavaScript callers: static functions taking a store's handle (a number from the modules'
 * open functions) and strings, numbers and byte arrays. No Java object crosses the boundary,
 * so a closed store leaves nothing behind. Lists come back as one byte array
 * ({@link #begin results}). A {@code null} (or {@code undefined}) term in a pattern matches
 * anything.
 *
 * <p>Errors reach JavaScript as errors whose message starts with a code in brackets, such as
 * {@code [CORRUPTION] }, which the package turns into its error codes; see {@link #code}. A
 * closed store's handle gives {@code [CLOSED]}.
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
        options.blockCacheBytes = 16L << 20; // at 1M triples 4 MiB made lookups read blocks again (2x slower)
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
    public static void pin(double h) {
        JsNervusDB db = of(h);
        try {
            if (db.pins == 0) {
                db.pinned = db.store().snapshot();
            }
            db.pins++;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Releases a pin; the last one lets reads see the current state again. */
    @JSExport
    public static void unpin(double h) {
        JsNervusDB db = of(h);
        if (db.pins > 0 && --db.pins == 0) {
            TripleStore.StoreSnapshot p = db.pinned;
            db.pinned = null;
            p.close();
        }
    }

    /** What reads read: the pinned snapshot, or the store. */
    TripleReader reader() {
        return pinned != null ? pinned : store(); // close() drops the pin
    }

    /** The pinned snapshot, or a new one; {@link #release} after use. */
    TripleStore.StoreSnapshot snap() {
        return pinned != null ? pinned : store().snapshot();
    }

    void release(TripleStore.StoreSnapshot snap) {
        if (snap != pinned) {
            snap.close();
        }
    }

    TripleStore store() {
        TripleStore s = store;
        if (s == null) {
            throw new DatabaseClosedException("database");
        }
        return s;
    }

    /**
     * Adds triples in one commit, given as a list of {@code terms} distinct strings in UTF-8,
     * each followed by a zero byte ({@link #terms}), and three indexes into it a triple
     * ({@code refs}: subject, predicate, object). Returns how many were new, or -1, adding
     * nothing, when the bytes hold more zero bytes than strings: a string holds U+0000, and the
     * triples go to {@link #commit} instead.
     */
    @JSExport
    public static double addBatchUtf8(double h, Int8Array data, double terms, Int32Array refs) {
        JsNervusDB db = of(h);
        try {
            String[] list = terms(data, terms);
            return list == null ? -1 : db.store().addAll(list, refs.copyToJavaArray());
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    // Strings in as UTF-8: an array of JavaScript strings would cross the boundary one string at
    // a time, each wrapped and tracked for the garbage collector; their UTF-8 bytes cross in one
    // copy, made by JavaScript's TextEncoder natively. A list travels as its strings, each
    // followed by a zero byte, which UTF-8 uses for U+0000 alone.

    /**
     * The {@code terms} strings of a list of zero-terminated UTF-8 strings, or null when the bytes
     * hold more zero bytes than that: a string holds U+0000.
     *
     * @throws IllegalArgumentException if the bytes are not that many zero-terminated UTF-8 strings
     */
    static String[] terms(Int8Array data, double terms) {
        int n = (int) terms;
        if (n != terms || n < 0) {
            throw new IllegalArgumentException("the term count is not a whole number");
        }
        byte[] b = data.copyToJavaArray();
        String[] out = new String[n];
        int k = 0;
        int start = 0;
        for (int i = 0; i < b.length && k <= n; i++) {
            if (b[i] == 0) {
                String s = k < n ? Utf8.decode(b, start, i - start) : null;
                if (s == null) {
                    if (k == n) {
                        return null;
                    }
                    break;
                }
                out[k++] = s;
                start = i + 1;
            }
        }
        if (k != n || start != b.length) {
            throw new IllegalArgumentException("the batch is not " + n + " terms in UTF-8, each ended by a zero byte");
        }
        return out;
    }

    // ------------------------------------------------------------------ transactions, properties, labels

    /**
     * Commits a transaction sent as bytes ({@link Transaction#decode}: triples, property maps in
     * their stored encoding, labels), atomically. Returns how many triples it added that were
     * absent plus how many it removed that were present.
     */
    @JSExport
    public static double commit(double h, Int8Array ops) {
        JsNervusDB db = of(h);
        try {
            return db.store().commit(Transaction.decode(ops.copyToJavaArray()));
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * One read, as strings: {@code n} a node's properties ({@code a}) and {@code e} an edge's
     * ({@code a b c}), each the stored encoding one char per byte, or nothing; {@code l} a
     * node's labels; {@code L} the nodes with label {@code a}; {@code i} the dictionary id of
     * term {@code a} (the original's getNodeId; "0" if not stored); {@code t} the term with id
     * {@code a} (decimal digits; the original's getNodeValue), or nothing; {@code c} the number
     * of triples of the default graph matching the pattern {@code a b c} (null: any term), in
     * decimal digits.
     */
    @JSExport
    public static Int8Array read(double h, String kind, String a, String b, String c) {
        JsNervusDB db = of(h);
        TripleStore.StoreSnapshot snap = db.snap();
        try {
            List<String> list = new ArrayList<>();
            switch (kind.charAt(0)) {
                case 'n':
                case 'e': {
                    byte[] m = kind.equals("n") ? snap.nodePropertiesEncoded(a) : snap.edgePropertiesEncoded(a, b, c);
                    if (m != null) {
                        list.add(latin1(m));
                    }
                    break;
                }
                case 'l':
                    list = snap.labels(a);
                    break;
                case 'L':
                    list = snap.nodesWithLabel(a);
                    break;
                case 'i':
                    list.add(Long.toString(snap.lookup(a)));
                    break;
                case 'c':
                    list.add(Long.toString(snap.count(a, b, c)));
                    break;
                default: {
                    String t = snap.termOrNull(Long.parseLong(a));
                    if (t != null) {
                        list.add(t);
                    }
                }
            }
            texts(list, db.begin());
            return db.finish();
        } catch (RuntimeException e) {
            throw failed(e);
        } finally {
            db.release(snap);
        }
    }

    /**
     * The nodes ({@code edges} false) or edges (flat {@code [s, p, o, ...]}) whose property
     * {@code name} satisfies a condition: equality with the value {@code low} when {@code eq},
     * else the range between {@code low} and {@code high} (each an encoded value one char per
     * byte, or empty for no bound).
     */
    @JSExport
    public static Int8Array where(double h, boolean edges, String name, boolean eq, String low, boolean lowInclusive, String high,
            boolean highInclusive) {
        JsNervusDB db = of(h);
        try {
            PropertyCondition c = PropertyCondition.encoded(eq, latin1(low), lowInclusive, latin1(high), highInclusive);
            JsNervusDB r = db.begin();
            if (!edges) {
                texts(db.reader().nodesWhere(name, c), r);
            } else {
                for (Triple t : db.reader().edgesWhere(name, c)) {
                    r.text(t.subject());
                    r.text(t.predicate());
                    r.text(t.object());
                }
            }
            return r.finish();
        } catch (RuntimeException e) {
            throw failed(e);
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
     * full module (the package reads a single pattern with {@link #quads} instead). The list comes as one
     * {@link #begin results} array.
     */
    @JSExport
    public static Int8Array queryRun(double h, String[] spec, String mode, String arg) {
        JsNervusDB db = of(h);
        JsNervusDB r = db.begin();
        try {
            // By the mode's first letter: facts, values, nodes, count, countBy.
            char m = mode.isEmpty() ? 0 : mode.charAt(0);
            ChainQuery q = db.build(spec, 0, spec.length).chain();
            if (m == 'f') {
                for (Triple t : q.facts()) {
                    r.text(t.subject());
                    r.text(t.predicate());
                    r.text(t.object());
                }
            } else if (m == 'v' || m == 'n') {
                texts(m == 'v' ? q.values(position(arg)) : q.nodes(), r);
            } else if (mode.equals("count")) {
                r.text(Long.toString(q.count()));
            } else if (mode.equals("countBy")) {
                for (Map.Entry<String, Long> e : q.countBy(position(arg)).entrySet()) {
                    r.text(e.getKey());
                    r.text(Long.toString(e.getValue()));
                }
            } else {
                throw new IllegalArgumentException("unknown query mode " + mode);
            }
            return r.finish();
        } catch (RuntimeException e) {
            r.abort();
            throw failed(e);
        }
    }

    private static void texts(List<String> values, JsNervusDB r) {
        for (String v : values) {
            r.text(v);
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
        int i = p.length() == 1 ? "spo".indexOf(p.charAt(0)) : -1;
        if (i < 0) {
            throw new IllegalArgumentException("unknown position " + p);
        }
        return Position.values()[i];
    }

    /**
     * Quads matching a pattern, read from the pin or a snapshot: a null subject, predicate or
     * object matches any term; the graph {@code g} null matches every graph (the default graph
     * first), {@link Quad#DEFAULT_GRAPH} the default graph only, another term that named graph.
     * {@code limit} 0 gives the names of the named graphs; negative, the number of matching
     * quads, {@code [n]}; else, flat {@code [s, p, o, g, ...]} (g null for the default graph),
     * at most {@code limit} of them from the {@code offset}-th on. The list comes as one
     * {@link #begin results} array.
     */
    @JSExport
    public static Int8Array quads(double h, String s, String p, String o, String g, double offset, double limit) {
        JsNervusDB db = of(h);
        JsNervusDB r = db.begin();
        try {
            if (limit == 0) {
                TripleStore.StoreSnapshot snap = db.snap();
                try {
                    texts(snap.graphs(), r);
                } finally {
                    db.release(snap);
                }
            } else {
                // Numbers from JavaScript: Infinity (or any count past 2^62) means no limit.
                long from = offset >= 0x1p62 ? 1L << 62 : (long) offset;
                db.quadsInto(s, p, o, g, true, from, limit < 0 || limit >= 0x1p62 ? -1 : (long) limit, limit < 0, r);
            }
            return r.finish();
        } catch (RuntimeException e) {
            r.abort();
            throw failed(e);
        }
    }

    /**
     * Writes into {@code r} the quads matching a pattern (flat; with their graphs, null for the
     * default graph, when {@code withGraph}), at most {@code limit} (all when negative) from the {@code
     * offset}-th on; or, when {@code count}, only their number.
     */
    private void quadsInto(String s, String p, String o, String g, boolean withGraph, long offset, long limit, boolean count, JsNervusDB r) {
        TripleStore.StoreSnapshot snap = snap();
        try {
            String[] terms = {s, p, o};
            long[] ids = new long[3];
            boolean none = false;
            for (int i = 0; i < 3; i++) {
                none |= terms[i] != null && (ids[i] = snap.lookup(terms[i])) == 0;
            }
            boolean named = g != null && !g.equals(Quad.DEFAULT_GRAPH);
            long graph = g == null ? TripleStore.ANY_NAMED : named ? snap.lookup(g) : TripleStore.DEFAULT_GRAPH;
            none |= named && graph == 0;
            long n = 0;
            long end = limit < 0 ? Long.MAX_VALUE : offset + limit;
            for (int part = g == null ? 0 : 1; part < 2 && !none; part++) {
                TripleStore.IdScan scan = snap.scanQuads(part == 0 ? TripleStore.DEFAULT_GRAPH : graph, ids[0], ids[1], ids[2]);
                for (; n < end && scan.next(); n++) {
                    if (!count && n >= offset) {
                        r.term(scan.s(), snap);
                        r.term(scan.p(), snap);
                        r.term(scan.o(), snap);
                        if (withGraph) {
                            if (scan.g() == 0) {
                                r.text(null);
                            } else {
                                r.term(scan.g(), snap);
                            }
                        }
                    }
                }
            }
            if (count) {
                r.text(Long.toString(n));
            }
        } finally {
            release(snap);
        }
    }

    /** Writes the in-memory tables out as sorted tables. */
    @JSExport
    public static void flush(double h) {
        JsNervusDB db = of(h);
        try {
            db.store().flush();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Merges all sorted tables into one. */
    @JSExport
    public static void compact(double h) {
        JsNervusDB db = of(h);
        try {
            db.store().compact();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * Reads every entry of every table, checking each block's checksum, key order and entry
     * counts; returns the number of entries checked, or throws naming the damaged file.
     */
    @JSExport
    public static double verify(double h) {
        JsNervusDB db = of(h);
        try {
            return db.store().verify();
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
    public static void closeKeepingFiles(double h) {
        of(h).shut();
    }

    /** The names of the files {@link #closeKeepingFiles} kept; empty for a store in a directory. */
    @JSExport
    public static Int8Array memoryFiles(double h) {
        JsNervusDB db = of(h);
        if (db.store != null) {
            throw failed(new IllegalStateException("the store is open: closeKeepingFiles() first"));
        }
        JsNervusDB r = db.begin();
        if (db.memory != null) {
            texts(db.memory.list(), r);
        }
        return r.finish();
    }

    /** The bytes of a file {@link #closeKeepingFiles} kept. */
    @JSExport
    public static Int8Array memoryFile(double h, String name) {
        JsNervusDB db = of(h);
        try {
            if (db.store != null || db.memory == null) {
                throw new IllegalStateException("no kept files: closeKeepingFiles() first");
            }
            FileHandle file = db.memory.open(name);
            try {
                long size = file.size();
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException(name + " is too large to hand over");
                }
                byte[] b = new byte[(int) size];
                file.read(0, b, 0, b.length);
                return Int8Array.copyFromJavaArray(b);
            } finally {
                file.close();
            }
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Releases the store and its files (also those {@link #closeKeepingFiles} kept); idempotent. */
    @JSExport
    public static void close(double h) {
        int slot = slot(h);
        if (slot < 0) {
            return;
        }
        JsNervusDB db = open[slot];
        open[slot] = null;
        db.memory = null;
        db.shut();
    }

    /** Closes the store (what it holds written out), keeping an in-memory store's files. */
    private void shut() {
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

    // ------------------------------------------------------------------ results out

    /**
     * Results out of the core as one byte array per call: a list of strings (each may be null)
     * whose text travels as UTF-8 in one block, which JavaScript decodes with one TextDecoder call
     * and cuts by lengths, instead of one boundary crossing per string. Stored terms go through a
     * term cache mirrored on the JavaScript side: slot {@code id % SLOTS} holds the last term sent
     * for it, and a term already there is sent as its slot alone. Term ids are never reused for
     * another term, so a slot's text stays right for as long as the store is open.
     *
     * <p>Layout: {@code headLength} (4 bytes, little-endian), head, text. The head holds one varint per string:
     * <ul>
     * <li>{@code 0}: null;
     * <li>{@code 4n+1}: the next {@code n} UTF-16 units of the text, not cached;
     * <li>{@code 4s+2}: the string in cache slot {@code s};
     * <li>{@code 4n+3} then {@code s}: the next {@code n} UTF-16 units of the text, put in slot {@code s};
     * <li>{@code 4n} ({@code n > 0}) then {@code n} varints: a string that is not valid UTF-16 (a
     * lone surrogate), as its code units.
     * </ul>
     * The JavaScript side must decode each array as soon as the call returns and in call order
     * (the package's engine does, synchronously); a call that fails sends nothing and leaves the
     * mirror as it was.
     */
    private static final int SLOTS = 1 << 14;

    private final long[] slots = new long[SLOTS]; // the term id in each slot; 0 for none
    private ByteBuilder head = new ByteBuilder(256);
    private ByteBuilder text = new ByteBuilder(1024);
    // Slots changed by the call under way, with their ids before it: restored if it fails.
    private long[] changed = new long[128]; // slot, id before, ...
    private int changes;

    /** Starts a result. */
    JsNervusDB begin() {
        if (changes > 0) {
            abort();
        }
        head.clear();
        text.clear();
        return this;
    }

    /** Adds a stored term, by id, reading its text from {@code snap} unless the mirror has it. */
    void term(long id, TripleStore.StoreSnapshot snap) {
        int slot = (int) id & (SLOTS - 1);
        if (slots[slot] == id) {
            head.putVar(((long) slot << 2) | 2);
            return;
        }
        String s = snap.term(id);
        if (!utf8(s)) {
            units(s);
            return;
        }
        head.putVar(((long) s.length() << 2) | 3).putVar(slot);
        if (changes == changed.length) {
            changed = java.util.Arrays.copyOf(changed, changes * 2);
        }
        changed[changes++] = slot;
        changed[changes++] = slots[slot];
        slots[slot] = id;
    }

    /** Adds a string that is not cached; null as null. */
    void text(String s) {
        if (s == null) {
            head.put(0);
        } else if (utf8(s)) {
            head.putVar(((long) s.length() << 2) | 1);
        } else {
            units(s);
        }
    }

    /** Ends the result: the array to return, and the mirror's changes kept. */
    Int8Array finish() {
        int h = head.length();
        byte[] out = new byte[4 + h + text.length()];
        Bytes.putIntLE(out, 0, h);
        System.arraycopy(head.array(), 0, out, 4, h);
        System.arraycopy(text.array(), 0, out, 4 + h, text.length());
        changes = 0;
        if (text.array().length > 1 << 20 || head.array().length > 1 << 20) {
            head = new ByteBuilder(256); // a large result's buffers are not kept
            text = new ByteBuilder(1024);
        }
        return Int8Array.copyFromJavaArray(out);
    }

    /** Forgets the result under way and restores the mirror. */
    void abort() {
        for (int i = changes - 2; i >= 0; i -= 2) {
            slots[(int) changed[i]] = changed[i + 1];
        }
        changes = 0;
    }

    /** Appends {@code s} to the text as UTF-8; false, appending nothing, if it has a lone surrogate. */
    private boolean utf8(String s) {
        text.ensure(3 * s.length());
        int end = Utf8.encodeInto(s, text.array(), text.length(), false);
        if (end >= 0) {
            text.setLength(end);
        }
        return end >= 0;
    }

    /** A string that is not valid UTF-16, as its code units. */
    private void units(String s) {
        head.putVar((long) s.length() << 2);
        for (int i = 0; i < s.length(); i++) {
            head.putVar(s.charAt(i));
        }
    }

    // ------------------------------------------------------------------ handles

    // The open stores by handle: JavaScript holds numbers, not Java objects, so a closed store
    // leaves nothing behind on either side, even in a loop that never lets finalizers run.
    private static JsNervusDB[] open = new JsNervusDB[8];
    private static int[] uses = new int[8];
    private double handle;

    /** A handle for {@code db}: its slot plus 65,536 times the number of stores the slot has held. */
    static double register(JsNervusDB db) {
        int i = 0;
        while (i < open.length && open[i] != null) {
            i++;
        }
        if (i == 1 << 16) {
            db.shut();
            throw failed(new IllegalStateException("65,536 databases are open in this module: close some first"));
        }
        if (i == open.length) {
            open = Arrays.copyOf(open, i * 2);
            uses = Arrays.copyOf(uses, i * 2);
        }
        open[i] = db;
        db.handle = ++uses[i] * 65536.0 + i;
        return db.handle;
    }

    /** The slot of an open store's handle, or -1. */
    private static int slot(double h) {
        int i = (int) (h % 65536);
        return i >= 0 && i < open.length && open[i] != null && open[i].handle == h ? i : -1;
    }

    /** The store of a handle, which must be open (or closed keeping its files). */
    static JsNervusDB of(double h) {
        int i = slot(h);
        if (i < 0) {
            throw failed(new DatabaseClosedException("database"));
        }
        return open[i];
    }
}
