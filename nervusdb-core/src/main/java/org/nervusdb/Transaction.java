package org.nervusdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nervusdb.engine.Bytes;
import org.nervusdb.engine.PropertyValues;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.engine.WriteOp;

/**
 * Writes collected for one atomic commit ({@code NervusDB.commit(Transaction)}): triples added and deleted,
 * node and edge properties set, labels added and removed. They apply in the order given, all
 * or none, as one log record; after a crash the store holds all of them or none.
 *
 * <p>Every term, name and value is validated when the write is added here, so a commit fails
 * only for reasons found at commit time (edge properties on a triple that does not exist, a
 * closed store, an I/O error). Property values are copied (encoded) when added: changing the
 * map afterwards changes nothing. Not thread-safe: one owner builds it and commits it.
 */
public final class Transaction {
    private static final int ADD = WriteOp.ADD;
    private static final int DELETE = WriteOp.DELETE;
    private static final int NODE_PROPERTIES = WriteOp.NODE_PROPERTIES;
    private static final int EDGE_PROPERTIES = WriteOp.EDGE_PROPERTIES;
    private static final int ADD_LABELS = WriteOp.ADD_LABELS;
    private static final int REMOVE_LABELS = WriteOp.REMOVE_LABELS;
    private static final int ADD_QUAD = WriteOp.ADD_QUAD;
    private static final int DELETE_QUAD = WriteOp.DELETE_QUAD;
    private static final int CREATE_GRAPH = WriteOp.CREATE_GRAPH;
    private static final int CLEAR_GRAPH = WriteOp.CLEAR_GRAPH;
    private static final int DROP_GRAPH = WriteOp.DROP_GRAPH;

    static {
        // The engine reads the collected writes through this; they are not part of the API.
        WriteOp.access(t -> t.ops);
    }

    private final List<WriteOp> ops = new ArrayList<>();

    /** Adds a triple (nothing happens at commit if it is present). */
    public Transaction add(String s, String p, String o) {
        s = TripleStore.canonical(s);
        p = TripleStore.canonical(p);
        o = TripleStore.canonical(o);
        ops.add(new WriteOp(ADD, s, p, o, triple(s, p, o), null, null));
        return this;
    }

    /** Deletes a triple and its edge properties (nothing happens if it is absent). */
    public Transaction delete(String s, String p, String o) {
        s = TripleStore.canonical(s);
        p = TripleStore.canonical(p);
        o = TripleStore.canonical(o);
        ops.add(new WriteOp(DELETE, s, p, o, triple(s, p, o), null, null));
        return this;
    }

    /**
     * Adds a quad: to the named graph {@code g}, or to the default graph if {@code g} is null
     * or {@link org.nervusdb.Quad#DEFAULT_GRAPH}. Adding to a named graph creates it.
     */
    public Transaction add(String s, String p, String o, @Nullable String g) {
        g = TripleStore.graphName(TripleStore.canonical(g));
        if (g == null) {
            return add(s, p, o);
        }
        s = TripleStore.canonical(s);
        p = TripleStore.canonical(p);
        o = TripleStore.canonical(o);
        ops.add(new WriteOp(ADD_QUAD, s, p, o, g, quad(s, p, o, g), null, null));
        return this;
    }

    /** Deletes a quad (of the default graph if {@code g} is null); a named graph stays, even if empty. */
    public Transaction delete(String s, String p, String o, @Nullable String g) {
        g = TripleStore.graphName(TripleStore.canonical(g));
        if (g == null) {
            return delete(s, p, o);
        }
        s = TripleStore.canonical(s);
        p = TripleStore.canonical(p);
        o = TripleStore.canonical(o);
        ops.add(new WriteOp(DELETE_QUAD, s, p, o, g, quad(s, p, o, g), null, null));
        return this;
    }

    /** Creates the named graph {@code g}, empty, unless it exists (SPARQL's CREATE). */
    public Transaction createGraph(String g) {
        return graphOp(CREATE_GRAPH, g, false);
    }

    /**
     * Removes every quad of graph {@code g} (the default graph's triples, with their edge
     * properties, if null); a named graph stays, empty (SPARQL's CLEAR).
     */
    public Transaction clearGraph(@Nullable String g) {
        return graphOp(CLEAR_GRAPH, g, true);
    }

    /** Removes the named graph {@code g} and all its quads (SPARQL's DROP); for the default graph, as {@link #clearGraph}. */
    public Transaction dropGraph(@Nullable String g) {
        return graphOp(DROP_GRAPH, g, true);
    }

    private Transaction graphOp(int kind, String g, boolean defaultAllowed) {
        g = TripleStore.graphName(TripleStore.canonical(g));
        if (g == null && !defaultAllowed) {
            throw new org.nervusdb.InvalidTermException("the default graph always exists: name a graph to create");
        }
        ops.add(new WriteOp(kind, null, null, null, g, new byte[][] {g == null ? null : TripleStore.encode(g, "graph")}, null, null));
        return this;
    }

    /**
     * Replaces all properties of a node (any term, with or without triples) with
     * {@code properties}; null or an empty map removes them.
     */
    public Transaction setNodeProperties(String node, @Nullable Map<String, ?> properties) {
        node = TripleStore.canonical(node);
        byte[] n = TripleStore.encode(node, "node");
        ops.add(new WriteOp(NODE_PROPERTIES, node, null, null, new byte[][] {n}, encodeMap(properties, "node properties"), null));
        return this;
    }

    /**
     * Replaces all properties of the edge (triple) {@code s p o}, which must exist when the
     * commit reaches this write; null or an empty map removes them.
     */
    public Transaction setEdgeProperties(String s, String p, String o, @Nullable Map<String, ?> properties) {
        s = TripleStore.canonical(s);
        p = TripleStore.canonical(p);
        o = TripleStore.canonical(o);
        ops.add(new WriteOp(EDGE_PROPERTIES, s, p, o, triple(s, p, o), encodeMap(properties, "edge properties"), null));
        return this;
    }

    /**
     * As {@link #setNodeProperties}, with the map already in the stored property encoding
     * (as the JavaScript binding sends it; see docs/format), checked when added. Null or an
     * empty map removes the properties.
     */
    public Transaction setNodePropertiesEncoded(String node, byte @Nullable [] map) {
        node = TripleStore.canonical(node);
        byte[] n = TripleStore.encode(node, "node");
        ops.add(new WriteOp(NODE_PROPERTIES, node, null, null, new byte[][] {n}, encoded(map, "node properties"), null));
        return this;
    }

    /** As {@link #setEdgeProperties}, with the map encoded (see {@link #setNodePropertiesEncoded}). */
    public Transaction setEdgePropertiesEncoded(String s, String p, String o, byte @Nullable [] map) {
        s = TripleStore.canonical(s);
        p = TripleStore.canonical(p);
        o = TripleStore.canonical(o);
        ops.add(new WriteOp(EDGE_PROPERTIES, s, p, o, triple(s, p, o), encoded(map, "edge properties"), null));
        return this;
    }

    private static byte[] encoded(byte[] map, String what) {
        if (map == null || map.length == 0 || (map.length == 2 && map[0] == PropertyValues.MAP && map[1] == 0)) {
            return null;
        }
        PropertyValues.validateMap(map, what);
        return map.clone();
    }

    /** Kinds of writes in {@link #decode}. */
    public static final int OP_ADD = ADD;
    public static final int OP_DELETE = DELETE;
    public static final int OP_NODE_PROPERTIES = NODE_PROPERTIES;
    public static final int OP_EDGE_PROPERTIES = EDGE_PROPERTIES;
    public static final int OP_ADD_LABELS = ADD_LABELS;
    public static final int OP_REMOVE_LABELS = REMOVE_LABELS;
    public static final int OP_ADD_QUAD = ADD_QUAD;
    public static final int OP_DELETE_QUAD = DELETE_QUAD;
    public static final int OP_CREATE_GRAPH = CREATE_GRAPH;
    public static final int OP_CLEAR_GRAPH = CLEAR_GRAPH;
    public static final int OP_DROP_GRAPH = DROP_GRAPH;

    /**
     * A transaction sent as bytes (by the JavaScript binding): writes back to back, each a kind
     * byte ({@code OP_*}) then its arguments. A string is a varint byte length and UTF-8; a map
     * is a varint byte length (0: none) and its stored encoding.
     *
     * <pre>
     * add, delete:         s p o
     * add, delete quad:    s p o g
     * create, clear, drop: g (clear and drop: the empty string for the default graph)
     * node properties:     node map
     * edge properties:     s p o map
     * add, remove labels:  node varint(count) label*
     * </pre>
     *
     * @throws IllegalArgumentException if the bytes are malformed (then nothing is added)
     */
    public static Transaction decode(byte[] b) {
        Transaction t = new Transaction();
        int[] pos = {0};
        try {
            while (pos[0] < b.length) {
                int kind = b[pos[0]++];
                switch (kind) {
                    case ADD:
                        t.add(str(b, pos), str(b, pos), str(b, pos));
                        break;
                    case DELETE:
                        t.delete(str(b, pos), str(b, pos), str(b, pos));
                        break;
                    case ADD_QUAD:
                        t.add(str(b, pos), str(b, pos), str(b, pos), str(b, pos));
                        break;
                    case DELETE_QUAD:
                        t.delete(str(b, pos), str(b, pos), str(b, pos), str(b, pos));
                        break;
                    case CREATE_GRAPH:
                        t.createGraph(str(b, pos));
                        break;
                    case CLEAR_GRAPH:
                    case DROP_GRAPH: {
                        String g = str(b, pos);
                        t.graphOp(kind, g.isEmpty() ? null : g, true);
                        break;
                    }
                    case NODE_PROPERTIES:
                        t.setNodePropertiesEncoded(str(b, pos), bytes(b, pos));
                        break;
                    case EDGE_PROPERTIES:
                        t.setEdgePropertiesEncoded(str(b, pos), str(b, pos), str(b, pos), bytes(b, pos));
                        break;
                    case ADD_LABELS:
                    case REMOVE_LABELS: {
                        String node = str(b, pos);
                        int n = Bytes.readVarInt(b, pos, b.length);
                        if (n > b.length - pos[0]) {
                            throw new IllegalArgumentException("label count past the end");
                        }
                        List<String> labels = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            labels.add(str(b, pos));
                        }
                        if (kind == ADD_LABELS) {
                            t.addLabels(node, labels);
                        } else {
                            t.removeLabels(node, labels);
                        }
                        break;
                    }
                    default:
                        throw new IllegalArgumentException("unknown write kind " + kind);
                }
            }
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("malformed transaction bytes: " + e.getMessage());
        }
        return t;
    }

    private static byte[] bytes(byte[] b, int[] pos) {
        int len = Bytes.readVarInt(b, pos, b.length);
        if (len > b.length - pos[0]) {
            throw new IllegalArgumentException("a value runs past the end");
        }
        byte[] out = java.util.Arrays.copyOfRange(b, pos[0], pos[0] + len);
        pos[0] += len;
        return out;
    }

    private static String str(byte[] b, int[] pos) {
        return PropertyValues.string(b, pos); // malformed: IllegalStateException, reported by decode
    }

    /** Gives a node these labels (those it has already stay). */
    public Transaction addLabels(String node, Collection<String> labels) {
        node = TripleStore.canonical(node);
        byte[] n = TripleStore.encode(node, "node");
        ops.add(new WriteOp(ADD_LABELS, node, null, null, new byte[][] {n}, null, labels(labels)));
        return this;
    }

    /** Takes these labels from a node (those it lacks are ignored). */
    public Transaction removeLabels(String node, Collection<String> labels) {
        node = TripleStore.canonical(node);
        byte[] n = TripleStore.encode(node, "node");
        ops.add(new WriteOp(REMOVE_LABELS, node, null, null, new byte[][] {n}, null, labels(labels)));
        return this;
    }

    /** The number of writes collected. */
    public int size() {
        return ops.size();
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /**
     * This transaction's writes cut, in order, into transactions of at most {@code max} writes
     * each: for work too large for one commit, where atomicity per slice is enough.
     */
    public List<Transaction> slices(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i += max) {
            Transaction t = new Transaction();
            t.ops.addAll(ops.subList(i, Math.min(ops.size(), i + max)));
            out.add(t);
        }
        return out;
    }

    /** Drops the writes collected after the first {@code size} (those of a failed part of a request). */
    public void truncate(int size) {
        if (size < 0 || size > ops.size()) {
            throw new IllegalArgumentException("size " + size + " out of 0.." + ops.size());
        }
        ops.subList(size, ops.size()).clear();
    }

    /** Drops every write collected (an abort). */
    public void clear() {
        ops.clear();
    }

    private static byte[][] quad(String s, String p, String o, String g) {
        return new byte[][] {TripleStore.encode(s, "subject"), TripleStore.encode(p, "predicate"), TripleStore.encode(o, "object"),
            TripleStore.encode(g, "graph")};
    }

    private static byte[][] triple(String s, String p, String o) {
        return new byte[][] {TripleStore.encode(s, "subject"), TripleStore.encode(p, "predicate"), TripleStore.encode(o, "object")};
    }

    private static byte[] encodeMap(Map<String, ?> properties, String what) {
        if (properties == null || properties.isEmpty()) {
            return null;
        }
        for (Object name : properties.keySet()) {
            if (name != null && !(name instanceof String)) {
                throw new InvalidPropertyException("property name " + name + " is not a string");
            }
            PropertyValues.name((String) name, "property name");
        }
        return PropertyValues.encode(properties, what);
    }

    private static byte[][] labels(Collection<String> labels) {
        if (labels == null) {
            throw new InvalidPropertyException("labels is null");
        }
        byte[][] out = new byte[labels.size()][];
        int i = 0;
        for (String l : labels) {
            out[i++] = PropertyValues.name(l, "label");
        }
        return out;
    }
}
