package org.nervusdb.engine;

import java.util.Map;
import org.nervusdb.CorruptionException;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;

/**
 * Readable listings of a database's files, for inspection and support (see docs/format): the
 * manifest's fields and tables, a log's records and their operations, a table's footer,
 * statistics and entries. Keys are shown decoded by keyspace (meta, term to id, id to term,
 * SPO / POS / OSP ids). Reads the files directly, without opening the database.
 */
public final class Dump {
    private Dump() {
    }

    /** Lists the file {@code name} (MANIFEST, NNNNNN.wal or NNNNNN.sst) of {@code fs}, at most {@code max} entries or records. */
    public static String file(FileSystem fs, String name, long max) {
        StringBuilder out = new StringBuilder();
        if (name.equals(FileNames.MANIFEST)) {
            manifest(fs, out);
        } else if (name.endsWith(".wal")) {
            log(fs, name, out, max);
        } else if (name.endsWith(".sst")) {
            table(fs, name, out, max);
        } else {
            throw new IllegalArgumentException("not a NervusDB file name: " + name + " (MANIFEST, NNNNNN.wal or NNNNNN.sst)");
        }
        return out.toString();
    }

    private static byte[] readAll(FileSystem fs, String name) {
        try (FileHandle f = fs.open(name)) {
            long size = f.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException(name + " is too large to list whole");
            }
            byte[] b = new byte[(int) size];
            f.read(0, b, 0, b.length);
            return b;
        }
    }

    static void manifest(FileSystem fs, StringBuilder out) {
        Manifest m = Manifest.decode(readAll(fs, FileNames.MANIFEST), FileNames.MANIFEST);
        out.append("MANIFEST version ").append(Manifest.VERSION).append('\n');
        out.append("nextFileNumber: ").append(m.nextFileNumber).append('\n');
        out.append("logNumber: ").append(m.logNumber).append(" (").append(FileNames.wal(m.logNumber)).append(")\n");
        out.append("lastSequence: ").append(m.lastSequence).append('\n');
        out.append("tables: ").append(m.tables.size()).append('\n');
        for (TableMeta t : m.tables) {
            out.append("  ").append(FileNames.table(t.number)).append(": ").append(t.fileSize).append(" bytes, ")
                    .append(t.entries).append(" entries, ").append(t.tombstones).append(" tombstones, keys ")
                    .append(key(t.smallest)).append(" .. ").append(key(t.largest)).append('\n');
        }
    }

    static void log(FileSystem fs, String name, StringBuilder out, long max) {
        long[] shown = {0};
        try (FileHandle f = fs.open(name)) {
            out.append(name).append(": ").append(f.size()).append(" bytes\n");
            Wal.ReplayResult r = Wal.replay(f, (payload, offset) -> {
                if (shown[0] >= max) {
                    return;
                }
                WriteBatch b;
                try {
                    b = WriteBatch.decode(payload);
                } catch (IllegalStateException e) {
                    out.append("record at ").append(offset).append(": undecodable batch (").append(e.getMessage()).append(")\n");
                    return;
                }
                out.append("record at ").append(offset).append(": sequence ").append(WriteBatch.sequenceOf(payload))
                        .append(", ").append(b.count()).append(" operations\n");
                byte[] d = b.data();
                for (int i = 0; i < b.count() && shown[0] < max; i++) {
                    byte[] k = java.util.Arrays.copyOfRange(d, b.keyOff[i], b.keyOff[i] + b.keyLen[i]);
                    out.append("  ").append(b.valLen[i] < 0 ? "delete " : "put    ").append(key(k));
                    if (b.valLen[i] > 0) {
                        out.append(" = ").append(value(k, java.util.Arrays.copyOfRange(d, b.valOff[i], b.valOff[i] + b.valLen[i])));
                    }
                    out.append('\n');
                    shown[0]++;
                }
            });
            out.append(r.records).append(" complete records; ").append(r.validLength).append(" valid bytes")
                    .append(r.tailDiscarded() ? ", a torn tail of " + (r.fileLength - r.validLength) + " bytes that recovery cuts" : "")
                    .append('\n');
        }
    }

    static void table(FileSystem fs, String name, StringBuilder out, long max) {
        long number = FileNames.tableNumber(name);
        TableMeta meta = null;
        if (fs.exists(FileNames.MANIFEST)) {
            for (TableMeta t : Manifest.decode(readAll(fs, FileNames.MANIFEST), FileNames.MANIFEST).tables) {
                if (t.number == number) {
                    meta = t;
                }
            }
        }
        TableFooter footer;
        long size;
        try (FileHandle f = fs.open(name)) {
            size = f.size();
            if (size < TableFooter.V1_LENGTH) {
                throw new CorruptionException(name, 0, "table shorter than its footer");
            }
            byte[] fb = new byte[(int) Math.min(size, TableFooter.ENCODED_LENGTH)];
            f.read(size - fb.length, fb, 0, fb.length);
            footer = TableFooter.decode(fb, name, size);
        }
        out.append(name).append(": ").append(size).append(" bytes").append(meta == null ? " (not listed in the manifest)" : "").append('\n');
        out.append("footer: ").append(footer.entries).append(" entries, ").append(footer.tombstones).append(" tombstones, index at ")
                .append(footer.indexOffset).append(" (").append(footer.indexSize).append(" bytes), filter at ").append(footer.filterOffset)
                .append(" (").append(footer.filterSize).append(" bytes)");
        if (footer.statsSize > 0) {
            out.append(", statistics at ").append(footer.statsOffset).append(" (").append(footer.statsSize).append(" bytes)");
        }
        out.append('\n');
        if (meta == null) {
            meta = new TableMeta(number, size, footer.entries, footer.tombstones, Bytes.EMPTY, Bytes.EMPTY);
        }
        Table t = Table.open(fs, meta, new BlockCache(1 << 20));
        try {
            TripleStats st = t.stats == null ? null : TripleStats.decode(t.stats);
            if (st != null) {
                out.append("statistics").append(st.truncated ? " (more predicates than recorded)" : "").append(":\n");
                for (Map.Entry<Long, long[]> e : new java.util.TreeMap<>(st.byPredicate).entrySet()) {
                    long[] f = e.getValue();
                    out.append("  ").append(e.getKey() == 0 ? "all predicates" : "predicate id " + e.getKey()).append(": ")
                            .append(f[TripleStats.TRIPLES]).append(" triples, ").append(f[TripleStats.TOMBSTONES]).append(" tombstones, ")
                            .append(f[TripleStats.SUBJECTS]).append(" subjects, ").append(f[TripleStats.OBJECTS]).append(" objects\n");
                }
            }
            EntryIterator it = t.iterator();
            long n = 0;
            for (it.seekToFirst(); it.valid() && n < max; it.next(), n++) {
                byte[] k = it.key();
                out.append(it.isTombstone() ? "delete " : "put    ").append(key(k));
                byte[] v = it.isTombstone() ? null : it.value();
                if (v != null && v.length > 0) {
                    out.append(" = ").append(value(k, v));
                }
                out.append('\n');
            }
            if (n < footer.entries) {
                out.append("... ").append(footer.entries - n).append(" more entries\n");
            }
        } finally {
            t.close();
        }
    }

    /** A key decoded by keyspace. */
    static String key(byte[] k) {
        if (k.length == 0) {
            return "(empty)";
        }
        switch (k[0]) {
            case 0:
                if (k.length == 2) {
                    return k[1] == 'L' ? "meta layout" : k[1] == 'n' ? "meta nextId" : k[1] == 'c' ? "meta tripleCount"
                            : k[1] == 'q' ? "meta quadCount" : k[1] == 'b' ? "meta baseIri" : "meta " + Bytes.hex(k, 8);
                }
                break;
            case Keys.TERM: {
                String t = Utf8.decode(k, 1, k.length - 1);
                return t == null ? "term (invalid UTF-8) " + Bytes.hex(k, 32) : "term " + quote(t);
            }
            case Keys.ID: {
                long id = Bytes.getId(k, 1, k.length);
                return id < 0 ? "id (malformed) " + Bytes.hex(k, 32) : "id " + id;
            }
            case Keys.SPO:
            case Keys.POS:
            case Keys.OSP: {
                long[] ids = new long[3];
                int at = 1;
                for (int i = 0; i < 3; i++) {
                    ids[i] = Bytes.getId(k, at, k.length);
                    if (ids[i] < 0) {
                        return "index (malformed) " + Bytes.hex(k, 32);
                    }
                    at += Bytes.idLength(ids[i]);
                }
                String name = k[0] == Keys.SPO ? "SPO" : k[0] == Keys.POS ? "POS" : "OSP";
                return name + " (" + ids[0] + ", " + ids[1] + ", " + ids[2] + ")";
            }
            case Keys.SPOG:
            case Keys.POSG:
            case Keys.OSPG:
            case Keys.GSPO:
            case Keys.GPOS:
            case Keys.GOSP:
            case Keys.GRAPHS: {
                int n = k[0] == Keys.GRAPHS ? 1 : 4;
                long[] ids;
                try {
                    ids = Keys.decodeIds(k, n);
                } catch (RuntimeException e) {
                    return "index (malformed) " + Bytes.hex(k, 32);
                }
                if (n == 1) {
                    return "graph " + ids[0];
                }
                String[] names = {"SPOG", "POSG", "OSPG", "GSPO", "GPOS", "GOSP"};
                return names[k[0] - Keys.SPOG] + " (" + ids[0] + ", " + ids[1] + ", " + ids[2] + ", " + ids[3] + ")";
            }
            case Keys.NODE_PROPS:
            case Keys.EDGE_PROPS:
            case Keys.LABELS: {
                int n = k[0] == Keys.EDGE_PROPS ? 3 : 1;
                StringBuilder sb = new StringBuilder(k[0] == Keys.NODE_PROPS ? "node properties (" : k[0] == Keys.EDGE_PROPS
                        ? "edge properties (" : "label (");
                int at = 1;
                for (int i = 0; i < n; i++) {
                    long id = Bytes.getId(k, at, k.length);
                    if (id < 0) {
                        return "properties or label (malformed) " + Bytes.hex(k, 32);
                    }
                    sb.append(i == 0 ? "" : ", ").append(id);
                    at += Bytes.idLength(id);
                }
                sb.append(')');
                if (k[0] == Keys.LABELS) {
                    String l = Utf8.decode(k, at, k.length - at);
                    sb.append(' ').append(l == null ? "(invalid UTF-8)" : quote(l));
                }
                return sb.toString();
            }
            case Keys.NODE_PROP_INDEX:
                return "node property index " + Bytes.hex(k, 48);
            case Keys.EDGE_PROP_INDEX:
                return "edge property index " + Bytes.hex(k, 48);
            case Keys.LABEL_INDEX:
                return "label index " + Bytes.hex(k, 48);
            default:
                break;
        }
        return Bytes.hex(k, 32);
    }

    private static String value(byte[] k, byte[] v) {
        if (k.length > 0 && k[0] == Keys.ID) {
            String t = Utf8.decode(v, 0, v.length);
            return t == null ? "(invalid UTF-8) " + Bytes.hex(v, 32) : quote(t);
        }
        if (k.length > 0 && k[0] == Keys.TERM) {
            long id = Bytes.getId(v, 0, v.length);
            return id < 0 ? Bytes.hex(v, 16) : "id " + id;
        }
        if (k.length > 0 && (k[0] == Keys.NODE_PROPS || k[0] == Keys.EDGE_PROPS)) {
            try {
                String j = PropertyValues.toJson(PropertyValues.decode(v, "(properties)"));
                return j.length() > 200 ? j.substring(0, 200) + "..." : j;
            } catch (org.nervusdb.CorruptionException e) {
                return "(malformed) " + Bytes.hex(v, 32);
            }
        }
        if (k.length == 2 && k[0] == 0 && k[1] == 'b') {
            String t = Utf8.decode(v, 0, v.length);
            return t == null ? "(invalid UTF-8) " + Bytes.hex(v, 32) : quote(t);
        }
        if (k.length == 2 && k[0] == 0 && v.length >= 4) {
            return v.length >= 8 ? Long.toString(Bytes.getLongLE(v, 0)) : Integer.toString(Bytes.getIntLE(v, 0));
        }
        return Bytes.hex(v, 32);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : "\\u" + Integer.toHexString(0x10000 | c).substring(1));
            } else {
                sb.append(c);
            }
        }
        return sb.append(s.length() > 200 ? "...\"" : "\"").toString();
    }
}
