package org.nervusdb.engine;

/**
 * The key layout of the triple store inside the key-value engine (see docs/format/keys.md).
 * The first byte of a key names its keyspace:
 *
 * <pre>
 * 0x00 meta      0x00 'L' -> layout version u32 | 0x00 'n' -> next id u64 | 0x00 'c' -> triples u64
 * 0x01 term->id  0x01 utf8(term)        -> id
 * 0x02 id->term  0x02 id                -> utf8(term)
 * 0x10 SPO       0x10 id(s) id(p) id(o) -> (empty)
 * 0x11 POS       0x11 id(p) id(o) id(s) -> (empty)
 * 0x12 OSP       0x12 id(o) id(s) id(p) -> (empty)
 * 0x13 SPOG      0x13 id(s) id(p) id(o) id(g) -> (empty)    named graphs only; the default
 * 0x14 POSG      0x14 id(p) id(o) id(s) id(g) -> (empty)    graph's triples are in 0x10-0x12
 * 0x15 OSPG      0x15 id(o) id(s) id(p) id(g) -> (empty)
 * 0x16 GSPO      0x16 id(g) id(s) id(p) id(o) -> (empty)
 * 0x17 GPOS      0x17 id(g) id(p) id(o) id(s) -> (empty)
 * 0x18 GOSP      0x18 id(g) id(o) id(s) id(p) -> (empty)
 * 0x19 graphs    0x19 id(g)                   -> (empty)    every named graph that exists
 * 0x20 node properties       0x20 id(node)                        -> encoded map
 * 0x21 node property index   0x21 esc(name) ix(value) id(node)    -> (empty)
 * 0x22 edge properties       0x22 id(s) id(p) id(o)               -> encoded map
 * 0x23 edge property index   0x23 esc(name) ix(value) id(s) id(p) id(o) -> (empty)
 * 0x24 labels                0x24 id(node) utf8(label)            -> (empty)
 * 0x25 label index           0x25 esc(label) id(node)             -> (empty)
 * </pre>
 *
 * Ids use the order-preserving encoding of {@link Bytes#putId}; maps, {@code ix} and {@code esc}
 * are {@link PropertyValues}' encodings. Stores are written in layout {@link #LAYOUT_VERSION}.
 * Tags 0x03-0x0f, 0x1a-0x1f and 0x26-0xff are reserved for later keyspaces.
 */
final class Keys {
    static final byte TERM = 0x01;
    static final byte ID = 0x02;
    static final byte SPO = 0x10;
    static final byte POS = 0x11;
    static final byte OSP = 0x12;
    static final byte SPOG = 0x13;
    static final byte POSG = 0x14;
    static final byte OSPG = 0x15;
    static final byte GSPO = 0x16;
    static final byte GPOS = 0x17;
    static final byte GOSP = 0x18;
    static final byte GRAPHS = 0x19;
    static final byte NODE_PROPS = 0x20;
    static final byte NODE_PROP_INDEX = 0x21;
    static final byte EDGE_PROPS = 0x22;
    static final byte EDGE_PROP_INDEX = 0x23;
    static final byte LABELS = 0x24;
    static final byte LABEL_INDEX = 0x25;
    /** Layout of a store with triples only, language tags in lower case. */
    static final int LAYOUT_TRIPLES = 1;
    /** Layout 1 with properties and labels (keyspaces 0x20-0x25). */
    static final int LAYOUT_PROPERTIES = 2;
    /**
     * The current layout: as 2 (properties may be present), with the language tags of stored
     * literals in BCP 47 case ({@code "x"@en-US}); stores of layouts 1 and 2 are upgraded when
     * opened.
     */
    static final int LAYOUT_LANGUAGE_TAGS = 3;
    /**
     * The current layout: as 3, with named graphs (keyspaces 0x13-0x19, the counter of quads in
     * named graphs and the base IRI of plain names); stores of layout 3 gain the two meta keys
     * when opened, older ones are upgraded to 3 first.
     */
    static final int LAYOUT_VERSION = 4;
    static final byte[] LAYOUT = {0, 'L'};
    static final byte[] NEXT_ID = {0, 'n'};
    /** Triples in the default graph. */
    static final byte[] COUNT = {0, 'c'};
    /** Quads in named graphs. */
    static final byte[] QUADS = {0, 'q'};
    /** The base IRI of relative IRIs (plain names), UTF-8. */
    static final byte[] BASE = {0, 'b'};

    /**
     * Bloom filters hold the one- and two-id prefixes of index keys, and whole keys except POS
     * and OSP index keys: a whole triple is only ever looked up in SPO order.
     */
    static final KeyShape SHAPE = new KeyShape() {
        @Override
        public int prefixes(byte[] key, int[] out) {
            if (key.length == 0 || key[0] < SPO || key[0] > GOSP) {
                return 0;
            }
            // Triples: the one- and two-id prefixes; quads also the three-id prefix.
            int n = key[0] <= OSP ? 2 : 3;
            int at = 1;
            for (int i = 0; i < n; i++) {
                int l = idLen(key, at);
                if (l < 0) {
                    return i;
                }
                at += l;
                out[i] = at;
            }
            return n;
        }

        @Override
        public boolean filterWholeKey(byte[] key) {
            // Whole triples and quads are looked up in SPO and GSPO order only.
            return key.length == 0 || key[0] < SPO || key[0] > GOSP || key[0] == SPO || key[0] == GSPO;
        }

        @Override
        public StatsCollector statistics() {
            return new TripleStats.Collector();
        }
    };

    private Keys() {
    }

    /** The length of the id encoding at {@code off}, or -1 if there is none. */
    static int idLen(byte[] key, int off) {
        if (off >= key.length) {
            return -1;
        }
        int n = key[off];
        return n >= 1 && n <= 8 && off + 1 + n <= key.length ? 1 + n : -1;
    }

    static byte[] term(byte[] utf8) {
        byte[] k = new byte[utf8.length + 1];
        k[0] = TERM;
        System.arraycopy(utf8, 0, k, 1, utf8.length);
        return k;
    }

    static byte[] id(long id) {
        byte[] k = new byte[1 + Bytes.idLength(id)];
        k[0] = ID;
        Bytes.putId(k, 1, id);
        return k;
    }

    static byte[] idValue(long id) {
        byte[] v = new byte[Bytes.idLength(id)];
        Bytes.putId(v, 0, id);
        return v;
    }

    /** An index key (or a prefix of one, when fewer ids are given; pass -1 to stop). */
    static byte[] index(byte tag, long a, long b, long c) {
        int len = 1 + (a >= 0 ? Bytes.idLength(a) : 0) + (b >= 0 ? Bytes.idLength(b) : 0) + (c >= 0 ? Bytes.idLength(c) : 0);
        byte[] k = new byte[len];
        k[0] = tag;
        int p = 1;
        if (a >= 0) {
            p = Bytes.putId(k, p, a);
            if (b >= 0) {
                p = Bytes.putId(k, p, b);
                if (c >= 0) {
                    Bytes.putId(k, p, c);
                }
            }
        }
        return k;
    }

    /** The first {@code n} ids of an index key, in key order. */
    static long[] decodeIds(byte[] key, int n) {
        long[] out = new long[n];
        int at = 1;
        for (int i = 0; i < n; i++) {
            long x = Bytes.getId(key, at, key.length);
            if (x <= 0) {
                throw new org.nervusdb.CorruptionException("(index)", -1, "malformed index key " + Bytes.hex(key, 32));
            }
            out[i] = x;
            at += Bytes.idLength(x);
        }
        if (at != key.length) {
            throw new org.nervusdb.CorruptionException("(index)", -1, "malformed index key " + Bytes.hex(key, 32));
        }
        return out;
    }

    /** A quad index key, or a prefix of one (ids of -1 end it). */
    static byte[] index4(byte tag, long a, long b, long c, long d) {
        if (a < 0) {
            return new byte[] {tag};
        }
        byte[] head = index(tag, a, b, c);
        if (c < 0 || d < 0) {
            return head;
        }
        byte[] k = java.util.Arrays.copyOf(head, head.length + Bytes.idLength(d));
        Bytes.putId(k, head.length, d);
        return k;
    }

    /** {@code tag id(a) [id(b) id(c)]}: a node's properties or labels prefix (b, c < 0), or an edge's properties. */
    static byte[] ids(byte tag, long a, long b, long c) {
        return index(tag, a, b, c);
    }

    /** {@code 0x21 esc(name) ix(value) id(node)}. */
    static byte[] nodePropIndex(byte[] name, Object value, long node) {
        ByteBuilder k = new ByteBuilder(name.length + 24);
        k.put(NODE_PROP_INDEX);
        PropertyValues.escaped(name, k);
        PropertyValues.indexKey(value, k);
        return k.putId(node).toArray();
    }

    /** {@code 0x23 esc(name) ix(value) id(s) id(p) id(o)}. */
    static byte[] edgePropIndex(byte[] name, Object value, long s, long p, long o) {
        ByteBuilder k = new ByteBuilder(name.length + 40);
        k.put(EDGE_PROP_INDEX);
        PropertyValues.escaped(name, k);
        PropertyValues.indexKey(value, k);
        return k.putId(s).putId(p).putId(o).toArray();
    }

    /** As {@link #nodePropIndex(byte[], Object, long)}, for the encoded name and value in {@code map}. */
    static byte[] nodePropIndex(byte[] map, int nameOff, int nameLen, int valueOff, int valueEnd, long node) {
        ByteBuilder k = new ByteBuilder(nameLen + 24);
        k.put(NODE_PROP_INDEX);
        PropertyValues.escaped(map, nameOff, nameLen, k);
        PropertyValues.indexKey(map, valueOff, valueEnd, k);
        return k.putId(node).toArray();
    }

    /** As {@link #edgePropIndex(byte[], Object, long, long, long)}, for the encoded name and value in {@code map}. */
    static byte[] edgePropIndex(byte[] map, int nameOff, int nameLen, int valueOff, int valueEnd, long s, long p, long o) {
        ByteBuilder k = new ByteBuilder(nameLen + 40);
        k.put(EDGE_PROP_INDEX);
        PropertyValues.escaped(map, nameOff, nameLen, k);
        PropertyValues.indexKey(map, valueOff, valueEnd, k);
        return k.putId(s).putId(p).putId(o).toArray();
    }

    /** {@code 0x24 id(node) utf8(label)}. */
    static byte[] label(long node, byte[] label) {
        ByteBuilder k = new ByteBuilder(label.length + 10);
        return k.put(LABELS).putId(node).put(label).toArray();
    }

    /** {@code 0x25 esc(label) id(node)}. */
    static byte[] labelIndex(byte[] label, long node) {
        ByteBuilder k = new ByteBuilder(label.length + 12);
        k.put(LABEL_INDEX);
        PropertyValues.escaped(label, k);
        return k.putId(node).toArray();
    }

    /** The prefix {@code tag esc(name)} of index keys for one property name or label. */
    static byte[] namePrefix(byte tag, byte[] name) {
        ByteBuilder k = new ByteBuilder(name.length + 3);
        k.put(tag);
        PropertyValues.escaped(name, k);
        return k.toArray();
    }

    static byte[] u64(long v) {
        byte[] b = new byte[8];
        Bytes.putLongLE(b, 0, v);
        return b;
    }
}
