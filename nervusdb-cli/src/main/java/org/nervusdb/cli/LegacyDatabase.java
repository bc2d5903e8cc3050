package org.nervusdb.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.nervusdb.engine.Utf8;

/**
 * A database written by the original TypeScript NervusDB (npm {@code @nervusdb/core} 0.1.x,
 * "SynapseDB" format 2), read without its code: the main file (magic {@code SYNAPSEDB}, version
 * 2: dictionary and properties), its write-ahead log ({@code <main>.wal}, magic {@code SYNWAL},
 * version 2, replayed as the original replays it) and its page index ({@code <main>.pages/}:
 * {@code index-manifest.json}, the {@code SPO.idxpage} pages and the tombstones).
 * docs/MIGRATION.md describes the format and the rules.
 *
 * <p>Live facts are the SPO pages plus the committed adds of the log, without the tombstoned
 * ones. Properties are the main file's, replaced by the log's writes in order; labels are the
 * strings of a node's {@code labels} property (an array), as the original derives them.
 *
 * <p>Two behaviours of the original after a crash are reproduced by default, because that is
 * what its users saw: a delete that was only in the log is forgotten when the page index already
 * had tombstones, and ids of strings new in the log are assigned adds first, then deletes (so
 * property writes in the log may land on other nodes than the writer meant). {@code intended}
 * reads instead what the writer did (correct for a log written by one process; the bytes cannot
 * show whether a log spans a reopen). Both cases are reported in {@link #warnings}.
 */
final class LegacyDatabase {
    static final byte[] MAGIC = "SYNAPSEDB".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WAL_MAGIC = "SYNWAL".getBytes(StandardCharsets.US_ASCII);
    private static final JsonFactory JSON = new JsonFactory();

    /** Strings by id (id = position); shared by subjects, predicates and objects. */
    final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    /** Live facts as ids {s, p, o}, in the order the original lists them (pages, then the log's adds). */
    final Set<IdTriple> facts = new LinkedHashSet<>();
    /** Node id to its property object (a map of the model, possibly empty), in first-write order. */
    final Map<Integer, Map<String, Object>> nodeProperties = new LinkedHashMap<>();
    /** Edge to its property object, in first-write order (also for facts that are no longer live). */
    final Map<IdTriple, Map<String, Object>> edgeProperties = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    /** Counts for the report: pages read, pages skipped (bad checksum), log records replayed. */
    int pagesRead;
    int pagesSkipped;
    int logRecords;

    /** Three ids. */
    record IdTriple(int s, int p, int o) {
    }

    private final String file;

    private LegacyDatabase(String file) {
        this.file = file;
    }

    /** Thrown for a file that is not such a database, or is damaged beyond what the original tolerates. */
    static final class FormatException extends CliException {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /**
     * Reads the database whose main file is {@code main}. {@code indexDir} (null: {@code
     * <main>.pages}, or the one sibling directory holding an {@code index-manifest.json})
     * locates the page index; {@code txDedupe} replays as the original did when opened with
     * {@code enablePersistentTxDedupe}.
     */
    static LegacyDatabase read(Path main, Path indexDir, boolean intended, boolean txDedupe) throws IOException {
        LegacyDatabase db = new LegacyDatabase(main.toString());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(main);
        } catch (IOException e) {
            throw new FormatException("cannot read " + main + ": " + e.getMessage());
        }
        Path dir = indexDir != null ? indexDir : findIndexDir(main);
        List<IdTriple> sessionTriples = db.readMain(bytes);
        Set<String> seenTxIds = txDedupe && dir != null ? readTxIds(dir.resolve("txids.json")) : Set.of();
        Replay log = db.readWal(Path.of(main + ".wal"), seenTxIds);

        // The log's strings get ids as the original's replay gives them: all adds, then all deletes
        // (intended: in the order the writer logged them).
        if (intended) {
            for (String[] r : log.everyFactRecord) {
                db.id(r[0]);
                db.id(r[1]);
                db.id(r[2]);
            }
        }
        Set<IdTriple> memory = new LinkedHashSet<>();
        for (String[] a : log.adds) {
            memory.add(new IdTriple(db.id(a[0]), db.id(a[1]), db.id(a[2])));
        }
        Set<IdTriple> logTombstones = new HashSet<>();
        for (String[] d : log.deletes) {
            logTombstones.add(new IdTriple(db.id(d[0]), db.id(d[1]), db.id(d[2])));
        }
        if (log.idsDiffer) {
            db.warnings.add("the log holds strings that replay numbers differently from the order they were written in; "
                    + (intended ? "ids follow the order written (right for a log of one process)"
                            : "property writes in the log follow the original's replay numbering, as the original showed them"));
        }
        for (Object[] w : log.nodeWrites) {
            db.nodeProperties.put((Integer) w[0], properties(w[1], false));
        }
        for (Object[] w : log.edgeWrites) {
            db.edgeProperties.put((IdTriple) w[0], properties(w[1], false));
        }

        Set<IdTriple> tombstones = new HashSet<>();
        List<IdTriple> pages;
        if (dir != null && Files.isRegularFile(dir.resolve("index-manifest.json"))) {
            Manifest m = db.readManifest(dir.resolve("index-manifest.json"));
            pages = db.readSpoPages(dir, m);
            if (!m.tombstones.isEmpty()) {
                tombstones.addAll(m.tombstones);
                if (!intended && !logTombstones.isEmpty() && !m.tombstones.containsAll(logTombstones)) {
                    db.warnings.add("deletes that were only in the log are not applied, as the original did not apply them "
                            + "when the page index already held tombstones (--intended applies them)");
                }
            }
            if (intended || m.tombstones.isEmpty()) {
                tombstones.addAll(logTombstones);
            }
        } else {
            // No page index: the original rebuilds it from the main file's triples.
            db.warnings.add("no page index found; facts come from the main file's triples section, as the original rebuilds them");
            pages = sessionTriples;
            tombstones.addAll(logTombstones);
        }
        for (IdTriple t : pages) {
            if (!tombstones.contains(t)) {
                db.facts.add(t);
            }
        }
        for (IdTriple t : memory) {
            if (!tombstones.contains(t)) {
                db.facts.add(t);
            }
        }
        int n = db.strings.size();
        db.facts.removeIf(t -> {
            boolean bad = t.s() >= n || t.p() >= n || t.o() >= n || t.s() < 0 || t.p() < 0 || t.o() < 0;
            if (bad) {
                db.warnings.add("a page holds a fact with an id outside the dictionary: " + t + " (left out)");
            }
            return bad;
        });
        return db;
    }

    /** {@code <main>.pages}, or else the only sibling directory that holds an index manifest. */
    private static Path findIndexDir(Path main) throws IOException {
        Path def = Path.of(main + ".pages");
        if (Files.isDirectory(def)) {
            return def;
        }
        Path parent = main.toAbsolutePath().getParent();
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(parent)) {
            s.filter(p -> Files.isDirectory(p) && Files.isRegularFile(p.resolve("index-manifest.json"))).forEach(found::add);
        }
        if (found.size() > 1) {
            throw new FormatException("several page index directories next to " + main + ": " + found + "; name one with --index-dir");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The id of a string, created as the original creates it (the next position). */
    private int id(String s) {
        Integer id = ids.get(s);
        if (id != null) {
            return id;
        }
        int x = strings.size();
        strings.add(s);
        ids.put(s, x);
        return x;
    }

    // ------------------------------------------------------------------ main file

    private List<IdTriple> readMain(byte[] b) {
        if (b.length < 64 || !startsWith(b, MAGIC)) {
            throw new FormatException(file + " is not a NervusDB 0.1 (SynapseDB) database: no SYNAPSEDB header");
        }
        int version = u32(b, 9);
        if (version != 2) {
            throw new FormatException(file + " has SynapseDB format version " + version + "; migrate reads version 2");
        }
        int[][] sections = new int[4][];
        for (int i = 0; i < 4; i++) {
            long off = u32(b, 16 + 8 * i) & 0xffffffffL;
            long len = u32(b, 20 + 8 * i) & 0xffffffffL;
            if (len > 0 && (off < 64 || off + len > b.length)) {
                throw new FormatException(file + ": section " + i + " lies outside the file");
            }
            sections[i] = new int[] {(int) off, (int) len};
        }
        Cursor c = new Cursor(b, sections[0][0], sections[0][1], "dictionary");
        if (sections[0][1] > 0) {
            long count = c.u32();
            for (long i = 0; i < count; i++) {
                // Read back with get-or-create, as the original does (a repeated string would merge).
                id(c.string());
            }
        }
        List<IdTriple> triples = new ArrayList<>();
        if (sections[1][1] > 0) {
            Cursor t = new Cursor(b, sections[1][0], sections[1][1], "triples");
            long count = t.u32();
            for (long i = 0; i < count; i++) {
                triples.add(new IdTriple(t.u32(), t.u32(), t.u32()));
            }
        }
        if (sections[3][1] > 0) {
            Cursor p = new Cursor(b, sections[3][0], sections[3][1], "properties");
            long nodes = p.u32();
            for (long i = 0; i < nodes; i++) {
                int node = p.u32();
                nodeProperties.put(node, properties(p.string(), true));
            }
            long edges = p.u32();
            for (long i = 0; i < edges; i++) {
                IdTriple e = new IdTriple(p.u32(), p.u32(), p.u32());
                edgeProperties.put(e, properties(p.string(), true));
            }
        }
        return triples;
    }

    /**
     * A stored property blob as the original reads it: JSON that does not parse is {@code {}};
     * an object with a {@code data} member (the main file's {@code {"__v":N,"data":{...}}}
     * wrapper) is that member; any other object is itself; anything else is {@code {}}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Object json, boolean wrapped) {
        Object v;
        try {
            v = parseJson((String) json);
        } catch (IOException | RuntimeException e) {
            return new LinkedHashMap<>();
        }
        if (!(v instanceof Map)) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> m = (Map<String, Object>) v;
        if (wrapped && m.containsKey("data")) {
            Object d = m.get("data");
            return d instanceof Map ? (Map<String, Object>) d : new LinkedHashMap<>();
        }
        return m;
    }

    /**
     * JSON text as values of NervusDB's property model: objects as insertion-ordered maps (a
     * repeated key keeps its last value, as JavaScript does), arrays as lists, integers that fit
     * in 64 bits as {@code Long}, other numbers as {@code Double}.
     */
    static Object parseJson(String text) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonParseException(p, "empty JSON", p.currentTokenLocation());
            }
            Object v = value(p, t, 0);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "trailing JSON", p.currentTokenLocation());
            }
            return v;
        }
    }

    /** The JSON value of a file; malformed UTF-8 or JSON is an error naming its line and column. */
    static Object jsonFile(Path file) {
        TextFile t = TextFile.read(file);
        try {
            return parseJson(t.text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw t.error(at == null ? 0 : (int) at.getCharOffset(), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e); // not thrown by a String source
        }
    }

    private static Object value(JsonParser p, JsonToken t, int depth) throws IOException {
        if (depth > 1000) {
            throw new JsonParseException(p, "JSON nested too deep", p.currentTokenLocation());
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken(), depth + 1));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
                    l.add(value(p, x, depth + 1));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return Double.valueOf(p.getDoubleValue()); // beyond 64 bits, as JavaScript holds it
                }
                return Long.valueOf(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(p, "unexpected JSON token " + t, p.currentTokenLocation());
        }
    }

    // ------------------------------------------------------------------ write-ahead log

    /** What replaying the log yields. */
    private static final class Replay {
        final List<String[]> adds = new ArrayList<>();
        final List<String[]> deletes = new ArrayList<>();
        final List<Object[]> nodeWrites = new ArrayList<>();
        final List<Object[]> edgeWrites = new ArrayList<>();
        /** Every add and delete record, committed or not, in log order. */
        final List<String[]> everyFactRecord = new ArrayList<>();
        boolean idsDiffer;
    }

    /** One open batch: its writes, in order ({kind, payload}), and its transaction id. */
    private static final class Frame {
        final List<Object[]> writes = new ArrayList<>();
        final String txId;

        Frame(String txId) {
            this.txId = txId;
        }
    }

    private Replay readWal(Path wal, Set<String> seenTxIds) throws IOException {
        Replay r = new Replay();
        if (!Files.isRegularFile(wal)) {
            return r;
        }
        byte[] b = Files.readAllBytes(wal);
        if (b.length < 12 || !startsWith(b, WAL_MAGIC)) {
            if (b.length > 0) {
                warnings.add(wal + " has no SYNWAL header; the original discards such a log, and so does migrate");
            }
            return r;
        }
        int version = u32(b, 6);
        if (version != 2) {
            throw new FormatException(wal + " has log version " + version + "; migrate reads version 2");
        }
        Deque<Frame> frames = new ArrayDeque<>();
        List<Object[]> out = new ArrayList<>();
        int pos = 12;
        while (pos + 9 <= b.length) {
            int type = b[pos] & 0xff;
            long len = u32(b, pos + 1) & 0xffffffffL;
            int sum = u32(b, pos + 5);
            if (pos + 9 + len > b.length) {
                warnings.add(wal + ": the last record is cut short at offset " + pos + "; replay stops there, as in the original");
                break;
            }
            int start = pos + 9;
            int end = (int) (start + len);
            int actual = 0;
            for (int i = start; i < end; i++) {
                actual += b[i] & 0xff;
            }
            if (actual != sum) {
                warnings.add(wal + ": checksum mismatch at offset " + pos + "; replay stops there, as in the original");
                break;
            }
            pos = end;
            logRecords++;
            Object[] w;
            Cursor c = new Cursor(b, start, end - start, "log record");
            switch (type) {
                case 0x10:
                case 0x20: {
                    String[] f = {c.string(), c.string(), c.string()};
                    r.everyFactRecord.add(f);
                    w = new Object[] {type, f};
                    break;
                }
                case 0x30:
                    w = new Object[] {type, c.u32(), c.string()};
                    break;
                case 0x31:
                    w = new Object[] {type, new IdTriple(c.u32(), c.u32(), c.u32()), c.string()};
                    break;
                case 0x40: {
                    String txId = null;
                    if (end > start) {
                        int flags = c.u8();
                        if ((flags & 1) != 0) {
                            txId = c.string();
                        }
                        if ((flags & 2) != 0) {
                            c.string(); // session id
                        }
                    }
                    frames.push(new Frame(txId));
                    continue;
                }
                case 0x41: {
                    if (frames.isEmpty()) {
                        continue;
                    }
                    Frame f = frames.pop();
                    // An inner commit applies at once (survives an abort of the outer batch); an
                    // outer one is skipped when transaction dedupe knows its id.
                    if (frames.isEmpty() && f.txId != null && seenTxIds.contains(f.txId)) {
                        continue;
                    }
                    out.addAll(f.writes);
                    continue;
                }
                case 0x42:
                    if (!frames.isEmpty()) {
                        frames.pop();
                    }
                    continue;
                default:
                    continue; // unknown type with a good checksum: skipped, as the original does
            }
            if (frames.isEmpty()) {
                out.add(w);
            } else {
                frames.peek().writes.add(w);
            }
        }
        if (!frames.isEmpty()) {
            warnings.add(wal + ": " + frames.size() + " batch(es) never committed; their writes are left out, as in the original");
        }
        for (Object[] w : out) {
            int type = (Integer) w[0];
            if (type == 0x10) {
                r.adds.add((String[]) w[1]);
            } else if (type == 0x20) {
                r.deletes.add((String[]) w[1]);
            } else if (type == 0x30) {
                r.nodeWrites.add(new Object[] {w[1], w[2]});
            } else {
                r.edgeWrites.add(new Object[] {w[1], w[2]});
            }
        }
        // Whether replay (adds, then deletes, committed only) numbers new strings as the writer did
        // (every record in log order).
        Map<String, Integer> replayOrder = new HashMap<>();
        Map<String, Integer> writerOrder = new HashMap<>();
        int base = strings.size();
        for (List<String[]> list : List.of(r.adds, r.deletes)) {
            for (String[] f : list) {
                for (String s : f) {
                    if (!ids.containsKey(s)) {
                        replayOrder.putIfAbsent(s, base + replayOrder.size());
                    }
                }
            }
        }
        for (String[] f : r.everyFactRecord) {
            for (String s : f) {
                if (!ids.containsKey(s)) {
                    writerOrder.putIfAbsent(s, base + writerOrder.size());
                }
            }
        }
        for (Map.Entry<String, Integer> e : replayOrder.entrySet()) {
            if (!e.getValue().equals(writerOrder.get(e.getKey()))) {
                r.idsDiffer = true;
                break;
            }
        }
        return r;
    }

    private static Set<String> readTxIds(Path file) throws IOException {
        Set<String> out = new HashSet<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        Object v = jsonFile(file);
        if (v instanceof Map<?, ?> m && m.get("txIds") instanceof List<?> l) {
            for (Object x : l) {
                if (x instanceof Map<?, ?> e && e.get("id") instanceof String id) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ page index

    /** The parts of {@code index-manifest.json} migrate needs. */
    private static final class Manifest {
        String codec = "none";
        final List<long[]> spoPages = new ArrayList<>(); // offset, length, rawLength, crc32
        final Set<IdTriple> tombstones = new LinkedHashSet<>();
    }

    private Manifest readManifest(Path file) throws IOException {
        Object v = jsonFile(file);
        if (!(v instanceof Map<?, ?> root)) {
            throw new FormatException(file + " is not a JSON object");
        }
        Manifest m = new Manifest();
        if (root.get("compression") instanceof Map<?, ?> comp && comp.get("codec") instanceof String codec) {
            m.codec = codec;
        }
        if (!m.codec.equals("none") && !m.codec.equals("brotli")) {
            throw new FormatException(file + ": unknown page compression " + m.codec);
        }
        if (root.get("lookups") instanceof List<?> lookups) {
            for (Object l : lookups) {
                if (l instanceof Map<?, ?> lookup && "SPO".equals(lookup.get("order")) && lookup.get("pages") instanceof List<?> ps) {
                    for (Object p : ps) {
                        if (!(p instanceof Map<?, ?> page)) {
                            throw new FormatException(file + ": malformed page entry");
                        }
                        m.spoPages.add(new long[] {num(page, "offset", file), num(page, "length", file),
                                page.containsKey("rawLength") ? num(page, "rawLength", file) : -1,
                                page.containsKey("crc32") ? num(page, "crc32", file) : -1});
                    }
                }
            }
        }
        if (root.get("tombstones") instanceof List<?> ts) {
            for (Object t : ts) {
                if (!(t instanceof List<?> x) || x.size() != 3) {
                    throw new FormatException(file + ": malformed tombstone " + t);
                }
                m.tombstones.add(new IdTriple(intOf(x.get(0), file), intOf(x.get(1), file), intOf(x.get(2), file)));
            }
        }
        return m;
    }

    private static long num(Map<?, ?> m, String key, Path file) {
        if (!(m.get(key) instanceof Long x) || x < 0) {
            throw new FormatException(file + ": page entry without a valid " + key);
        }
        return x;
    }

    private static int intOf(Object v, Path file) {
        if (!(v instanceof Long x) || x < 0 || x > 0xffffffffL) {
            throw new FormatException(file + ": malformed id " + v);
        }
        return (int) (long) x;
    }

    private List<IdTriple> readSpoPages(Path dir, Manifest m) throws IOException {
        List<IdTriple> out = new ArrayList<>();
        if (m.spoPages.isEmpty()) {
            return out;
        }
        Path f = dir.resolve("SPO.idxpage");
        if (!Files.isRegularFile(f)) {
            throw new FormatException(dir + " lists SPO pages but has no SPO.idxpage");
        }
        byte[] all = Files.readAllBytes(f);
        for (long[] p : m.spoPages) {
            long off = p[0];
            long len = p[1];
            if (off + len > all.length) {
                warnings.add(f + ": a page at " + off + " runs past the end of the file (skipped)");
                pagesSkipped++;
                continue;
            }
            if (p[3] >= 0) {
                CRC32 crc = new CRC32();
                crc.update(all, (int) off, (int) len);
                if (crc.getValue() != p[3]) {
                    // The original skips such a page silently; say so.
                    warnings.add(f + ": the page at " + off + " fails its checksum (skipped, as the original skips it)");
                    pagesSkipped++;
                    continue;
                }
            }
            byte[] raw;
            if (m.codec.equals("brotli")) {
                try (InputStream in = new org.brotli.dec.BrotliInputStream(new ByteArrayInputStream(all, (int) off, (int) len))) {
                    raw = in.readAllBytes();
                } catch (IOException e) {
                    warnings.add(f + ": the page at " + off + " does not decompress (skipped)");
                    pagesSkipped++;
                    continue;
                }
            } else {
                raw = java.util.Arrays.copyOfRange(all, (int) off, (int) (off + len));
            }
            if (raw.length % 12 != 0 || (p[2] >= 0 && p[2] != raw.length)) {
                warnings.add(f + ": the page at " + off + " is " + raw.length + " bytes, not whole triples (skipped)");
                pagesSkipped++;
                continue;
            }
            for (int i = 0; i < raw.length; i += 12) {
                out.add(new IdTriple(u32(raw, i), u32(raw, i + 4), u32(raw, i + 8)));
            }
            pagesRead++;
        }
        return out;
    }

    // ------------------------------------------------------------------ labels and helpers

    /** A node's labels as the original derives them: the string entries of its {@code labels} array, sorted, once each. */
    static List<String> labels(Map<String, Object> props) {
        TreeSet<String> out = new TreeSet<>();
        if (props.get("labels") instanceof List<?> l) {
            for (Object x : l) {
                if (x instanceof String s) {
                    out.add(s);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && java.util.Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    static int u32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    /** Reads u8, u32 and length-prefixed UTF-8 strings within one section, failing clearly past its end. */
    private final class Cursor {
        final byte[] b;
        int pos;
        final int end;
        final String what;

        Cursor(byte[] b, int off, int len, String what) {
            this.b = b;
            this.pos = off;
            this.end = off + len;
            this.what = what;
        }

        private void need(long n) {
            if (pos + n > end) {
                throw new FormatException(file + ": the " + what + " ends in the middle of an entry (offset " + pos + ")");
            }
        }

        int u8() {
            need(1);
            return b[pos++] & 0xff;
        }

        int u32() {
            need(4);
            int v = LegacyDatabase.u32(b, pos);
            pos += 4;
            return v;
        }

        String string() {
            long len = u32() & 0xffffffffL;
            need(len);
            String s = Utf8.decode(b, pos, (int) len);
            if (s == null) {
                throw new FormatException(file + ": the " + what + " holds a string that is not UTF-8 (offset " + pos + ")");
            }
            pos += (int) len;
            return s;
        }
    }
}
