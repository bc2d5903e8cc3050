package org.nervusdb.engine;

import org.nervusdb.Transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nervusdb.testing.Maps.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nervusdb.FormatVersionException;
import org.nervusdb.InvalidPropertyException;
import org.nervusdb.NotFoundException;
import org.nervusdb.PropertyCondition;
import org.nervusdb.StorageException;
import org.nervusdb.Triple;
import org.nervusdb.io.MemFileSystem;
import org.nervusdb.testing.FaultInjectingFileSystem;
import org.nervusdb.testing.Seeds;

/**
 * Node and edge properties, labels and their secondary indexes: what is stored reads back,
 * every index answer equals a scan of a model, writes of one transaction are atomic (also
 * across power cuts), and bad values are refused before anything is written.
 */
class PropertiesTest {

    private static StoreOptions small() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 16 << 10;
        o.blockCacheBytes = 64 << 10;
        return o;
    }

    @Test
    void valuesOfEveryKindReadBackAsStored() {
        try (TripleStore s = TripleStore.openInMemory(small())) {
            Map<String, Object> nested = map("list", Arrays.asList(1L, 2.5, "x", null, true, map("deep", List.of())),
                    "empty", map());
            Map<String, Object> props = map("name", "Zoë 😀", "age", 42, "height", 1.75, "alive", true, "nothing", null,
                    "nested", nested, "big", Long.MAX_VALUE, "small", Long.MIN_VALUE, "array", new Object[] {"a", 1});
            s.commit(new Transaction().add("alice", "knows", "bob").setNodeProperties("alice", props)
                    .setEdgeProperties("alice", "knows", "bob", map("since", 2020, "weight", 0.5)));
            Map<String, Object> back = s.nodeProperties("alice");
            assertThat(back.keySet()).containsExactly("name", "age", "height", "alive", "nothing", "nested", "big", "small", "array");
            assertThat(back.get("name")).isEqualTo("Zoë 😀");
            assertThat(back.get("age")).isEqualTo(42L);
            assertThat(back.get("height")).isEqualTo(1.75);
            assertThat(back.get("alive")).isEqualTo(true);
            assertThat(back).containsEntry("nothing", null);
            assertThat(back.get("nested")).isEqualTo(map("list", Arrays.asList(1L, 2.5, "x", null, true, map("deep", List.of())),
                    "empty", map()));
            assertThat(back.get("big")).isEqualTo(Long.MAX_VALUE);
            assertThat(back.get("small")).isEqualTo(Long.MIN_VALUE);
            assertThat(back.get("array")).isEqualTo(List.of("a", 1L));
            assertThatThrownBy(() -> back.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
            assertThat(s.edgeProperties("alice", "knows", "bob")).isEqualTo(map("since", 2020L, "weight", 0.5));
            assertThat(s.nodeProperties("bob")).isEmpty();
            assertThat(s.nodeProperties("nobody")).isEmpty();
            assertThat(s.edgeProperties("bob", "knows", "alice")).isEmpty();

            // Setting replaces the whole map; null clears it.
            s.commit(new Transaction().setNodeProperties("alice", map("age", 43)));
            assertThat(s.nodeProperties("alice")).isEqualTo(map("age", 43L));
            assertThat(s.nodesWhere("name", PropertyCondition.eq("Zoë 😀"))).isEmpty();
            assertThat(s.nodesWhere("age", PropertyCondition.eq(43))).containsExactly("alice");
            s.commit(new Transaction().setNodeProperties("alice", null));
            assertThat(s.nodeProperties("alice")).isEmpty();
            assertThat(s.nodesWhere("age", PropertyCondition.ge(0))).isEmpty();
        }
    }

    @Test
    void aNodeWithoutTriplesCanHoldPropertiesAndLabels() {
        try (TripleStore s = TripleStore.openInMemory(small())) {
            s.commit(new Transaction().setNodeProperties("lonely", map("x", 1)).addLabels("lonely", List.of("Thing")));
            assertThat(s.count(null, null, null)).isZero();
            assertThat(s.nodeProperties("lonely")).isEqualTo(map("x", 1L));
            assertThat(s.labels("lonely")).containsExactly("Thing");
            assertThat(s.nodesWithLabel("Thing")).containsExactly("lonely");
        }
    }

    @Test
    void edgePropertiesNeedTheTripleAndGoWithIt() {
        try (TripleStore s = TripleStore.openInMemory(small())) {
            // No triple: the whole transaction fails and nothing of it is written.
            assertThatThrownBy(() -> s.commit(new Transaction().add("a", "p", "b").setNodeProperties("a", map("k", 1))
                    .setEdgeProperties("a", "q", "b", map("w", 1)))).isInstanceOf(NotFoundException.class);
            assertThat(s.count(null, null, null)).isZero();
            assertThat(s.nodeProperties("a")).isEmpty();

            // Added earlier in the same transaction: fine.
            s.commit(new Transaction().add("a", "p", "b").setEdgeProperties("a", "p", "b", map("w", 1)));
            assertThat(s.edgesWhere("w", PropertyCondition.eq(1))).containsExactly(Triple.of("a", "p", "b"));
            // Deleting the triple (either way) deletes its properties and their index entries.
            s.delete("a", "p", "b");
            assertThat(s.edgeProperties("a", "p", "b")).isEmpty();
            assertThat(s.edgesWhere("w", PropertyCondition.eq(1))).isEmpty();
            s.commit(new Transaction().add("a", "p", "b").setEdgeProperties("a", "p", "b", map("w", 2)).delete("a", "p", "b")
                    .add("a", "p", "b"));
            assertThat(s.edgeProperties("a", "p", "b")).isEmpty();
            assertThat(s.edgesWhere("w", PropertyCondition.ge(0))).isEmpty();
            assertThat(s.contains("a", "p", "b")).isTrue();
        }
    }

    @Test
    void labelsAddAndRemove() {
        try (TripleStore s = TripleStore.openInMemory(small())) {
            s.commit(new Transaction().addLabels("alice", List.of("Person", "Admin")).addLabels("bob", List.of("Person"))
                    .addLabels("café", List.of("Place", "Person")));
            assertThat(s.labels("alice")).containsExactly("Admin", "Person");
            assertThat(s.nodesWithLabel("Person")).containsExactlyInAnyOrder("alice", "bob", "café");
            s.commit(new Transaction().removeLabels("alice", List.of("Person", "Never")).removeLabels("nobody", List.of("Person")));
            assertThat(s.labels("alice")).containsExactly("Admin");
            assertThat(s.nodesWithLabel("Person")).containsExactlyInAnyOrder("bob", "café");
            assertThat(s.nodesWithLabel("Nothing")).isEmpty();
            // A label that is a prefix of another is not confused with it; the empty label is a label.
            s.commit(new Transaction().addLabels("x", List.of("Per", "")).setNodeProperties("x", map("", "empty name")));
            assertThat(s.nodesWithLabel("Per")).containsExactly("x");
            assertThat(s.nodesWithLabel("")).containsExactly("x");
            assertThat(s.labels("x")).containsExactly("", "Per");
            assertThat(s.nodesWhere("", PropertyCondition.eq("empty name"))).containsExactly("x");
        }
    }

    @Test
    void badValuesAreRefusedBeforeAnythingIsWritten() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        Object deep = "leaf";
        for (int i = 0; i < PropertyValues.MAX_DEPTH + 1; i++) {
            deep = List.of(deep);
        }
        Map<Object, Object> nonStringKey = new HashMap<>();
        nonStringKey.put(1, "x");
        Map<String, Object> nullName = new HashMap<>();
        nullName.put(null, 1);
        List<Map<String, ?>> bad = List.of(map("x", Double.NaN), map("x", Double.POSITIVE_INFINITY), cyclic, map("x", deep),
                map("x", "\ud800"), map("x", new java.math.BigDecimal("1.5")), map("x", new Object()),
                map("x", map("k\udc00", 1)), map("x", "y".repeat(PropertyValues.MAX_VALUE_BYTES)), nullName);
        try (TripleStore s = TripleStore.openInMemory(small())) {
            for (Map<String, ?> m : bad) {
                assertThatThrownBy(() -> new Transaction().setNodeProperties("n", m)).isInstanceOf(InvalidPropertyException.class);
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<String, ?> raw = (Map) nonStringKey;
            assertThatThrownBy(() -> new Transaction().setNodeProperties("n", raw)).isInstanceOf(InvalidPropertyException.class);
            assertThatThrownBy(() -> new Transaction().addLabels("n", Arrays.asList("ok", null))).isInstanceOf(InvalidPropertyException.class);
            assertThatThrownBy(() -> new Transaction().addLabels("n", List.of("x".repeat(PropertyValues.MAX_NAME_BYTES + 1))))
                    .isInstanceOf(InvalidPropertyException.class);
            assertThatThrownBy(() -> PropertyCondition.gt(List.of(1))).isInstanceOf(InvalidPropertyException.class);
            assertThatThrownBy(() -> PropertyCondition.range(1, true, "a", true)).isInstanceOf(InvalidPropertyException.class);
            assertThat(s.engineStats().walBytes).isLessThan(200);
            assertThat(s.nodeProperties("n")).isEmpty();
        }
    }

    @Test
    void aStoreWithPropertiesKeepsTheCurrentLayoutAndANewerLayoutIsRefused() {
        MemFileSystem fs = new MemFileSystem();
        try (TripleStore s = TripleStore.open(fs, small())) {
            s.add("a", "p", "b");
            s.commit(new Transaction().addLabels("a", List.of("L")));
            try (Engine.View v = s.engine.view()) {
                assertThat(Bytes.getIntLE(v.get(Keys.LAYOUT), 0)).isEqualTo(Keys.LAYOUT_VERSION);
            }
        }
        try (TripleStore s = TripleStore.open(fs, small())) {
            assertThat(s.labels("a")).containsExactly("L");
            WriteBatch b = new WriteBatch();
            byte[] lv = new byte[4];
            Bytes.putIntLE(lv, 0, Keys.LAYOUT_VERSION + 1);
            b.put(Keys.LAYOUT, lv);
            s.engine.write(b);
        }
        assertThatThrownBy(() -> TripleStore.open(fs, small())).isInstanceOf(FormatVersionException.class);
    }

    @Test
    void conditionsCompareNumbersExactlyAndStringsByCodePoint() {
        long two53 = 1L << 53;
        assertThat(PropertyCondition.eq(1).test(1.0)).isTrue();
        assertThat(PropertyCondition.eq(two53 + 1).test((double) two53)).isFalse();
        assertThat(PropertyCondition.gt((double) two53).test(two53 + 1)).isTrue();
        assertThat(PropertyCondition.gt(two53 + 1).test((double) (two53 + 2))).isTrue();
        assertThat(PropertyCondition.lt(two53 + 1).test((double) two53)).isTrue();
        assertThat(PropertyCondition.le(-0.0).test(0)).isTrue();
        assertThat(PropertyCondition.gt(0.5).test(1)).isTrue();
        assertThat(PropertyCondition.lt(0.5).test(0)).isTrue();
        assertThat(PropertyCondition.gt(Long.MAX_VALUE).test(0x1p63)).isTrue();
        assertThat(PropertyCondition.lt(Long.MIN_VALUE).test(-0x1p63)).isFalse();
        assertThat(PropertyCondition.gt("\uffff").test("😀")).isTrue();
        assertThat(PropertyCondition.gt("a").test("a\u0000")).isTrue();
        assertThat(PropertyCondition.lt("b").test("a\uffff")).isTrue();
        assertThat(PropertyCondition.gt(1).test("2")).isFalse();
        assertThat(PropertyCondition.lt("z").test(1)).isFalse();
        assertThat(PropertyCondition.eq(List.of(1, map("a", 2))).test(List.of(1.0, map("a", 2L)))).isTrue();
        assertThat(PropertyCondition.eq(map("a", 1, "b", 2)).test(map("b", 2, "a", 1))).isTrue();
        assertThat(PropertyCondition.eq(null).test(null)).isTrue();
        assertThat(PropertyCondition.eq(false).test(null)).isFalse();
    }

    @Test
    void checkIndexesFindsPropertiesAndLabelsOutOfStepWithTheirIndexes() {
        try (TripleStore s = TripleStore.openInMemory(small())) {
            s.commit(new Transaction().add("a", "p", "b").setNodeProperties("a", map("age", 3, "name", "x"))
                    .setEdgeProperties("a", "p", "b", map("w", 1)).addLabels("a", List.of("L")));
            assertThat(s.checkIndexes(10)).isEmpty();
            long a;
            try (TripleStore.StoreSnapshot snap = s.snapshot()) {
                a = snap.lookup("a");
            }
            byte[] age = Utf8.encode("age", "n");
            WriteBatch b = new WriteBatch();
            b.delete(Keys.nodePropIndex(age, 3L, a));
            b.put(Keys.nodePropIndex(age, 4L, a), Bytes.EMPTY);
            b.delete(Keys.labelIndex(Utf8.encode("L", "l"), a));
            s.engine.write(b);
            assertThat(s.checkIndexes(10)).anySatisfy(p -> assertThat(p).contains("property age of node"))
                    .anySatisfy(p -> assertThat(p).contains("label index"));
        }
    }

    @Test
    void indexKeysFromStoredBytesEqualThoseFromReadValues() {
        Random r = new Random(Seeds.base());
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> m = map(NAMES[r.nextInt(NAMES.length)], randomValue(r), "z\u0000", randomValue(r));
            byte[] enc = PropertyValues.encode(m, "m");
            Map<?, ?> back = (Map<?, ?>) PropertyValues.decode(enc, "m");
            List<String> fromBytes = new ArrayList<>();
            int[] e = PropertyValues.entries(enc, "m");
            for (int j = 0; j < e.length; j += 4) {
                fromBytes.add(Bytes.hex(Keys.nodePropIndex(enc, e[j], e[j + 1], e[j + 2], e[j + 3], 7), 999));
            }
            List<String> fromValues = new ArrayList<>();
            back.forEach((k, v) -> fromValues.add(Bytes.hex(Keys.nodePropIndex(Utf8.encode((String) k, "k"), v, 7), 999)));
            assertThat(fromBytes).as("map %s", m).isEqualTo(fromValues);
        }
    }

    /** The bytes of a string as {@link Transaction#decode} reads them. */
    private static void str(ByteBuilder b, String s) {
        byte[] u = Utf8.encode(s, "s");
        b.putVar(u.length).put(u);
    }

    @Test
    void aTransactionSentAsBytesAppliesAsBuiltInJava() {
        ByteBuilder b = new ByteBuilder();
        b.put(Transaction.OP_ADD);
        str(b, "alice");
        str(b, "knows");
        str(b, "bob");
        byte[] props = PropertyValues.encode(map("age", 30, "tags", List.of("x")), "p");
        b.put(Transaction.OP_NODE_PROPERTIES);
        str(b, "alice");
        b.putVar(props.length).put(props);
        byte[] edge = PropertyValues.encode(map("w", 0.5), "e");
        b.put(Transaction.OP_EDGE_PROPERTIES);
        str(b, "alice");
        str(b, "knows");
        str(b, "bob");
        b.putVar(edge.length).put(edge);
        b.put(Transaction.OP_ADD_LABELS);
        str(b, "alice");
        b.putVar(2);
        str(b, "Person");
        str(b, "Admin");
        b.put(Transaction.OP_REMOVE_LABELS);
        str(b, "alice");
        b.putVar(1);
        str(b, "Admin");
        try (TripleStore s = TripleStore.openInMemory(small())) {
            s.commit(Transaction.decode(b.toArray()));
            assertThat(s.contains("alice", "knows", "bob")).isTrue();
            assertThat(s.nodeProperties("alice")).isEqualTo(map("age", 30L, "tags", List.of("x")));
            assertThat(s.edgeProperties("alice", "knows", "bob")).isEqualTo(map("w", 0.5));
            assertThat(s.labels("alice")).containsExactly("Person");
            try (TripleStore.StoreSnapshot snap = s.snapshot()) {
                assertThat(snap.nodePropertiesEncoded("alice")).isEqualTo(props);
                assertThat(snap.edgePropertiesEncoded("alice", "knows", "bob")).isEqualTo(edge);
                assertThat(snap.nodePropertiesEncoded("bob")).isNull();
            }
            // An empty encoded map (or length 0) removes.
            ByteBuilder clear = new ByteBuilder().put(Transaction.OP_NODE_PROPERTIES);
            str(clear, "alice");
            clear.putVar(0);
            s.commit(Transaction.decode(clear.toArray()));
            assertThat(s.nodeProperties("alice")).isEmpty();
        }
        // Malformed: cut short, unknown kind, bad UTF-8, and maps that decode would refuse.
        byte[] whole = b.toArray();
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(whole, cut);
            try {
                Transaction.decode(part);
            } catch (IllegalArgumentException | InvalidPropertyException | org.nervusdb.InvalidTermException expected) {
                continue;
            }
            // A cut that happens to fall between whole writes is a valid, shorter transaction.
            assertThat(Transaction.decode(part).size()).isLessThan(5);
        }
        assertThatThrownBy(() -> Transaction.decode(new byte[] {9})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transaction.decode(new byte[] {0, 2, (byte) 0xc3, 0x28, 0, 0})).isInstanceOf(IllegalArgumentException.class);
        byte[][] badMaps = {
            {PropertyValues.LIST, 0},                                      // not a map
            {PropertyValues.MAP, 1, 1, 'a', PropertyValues.FLOAT, 0, 0, 0, 0, 0, 0, (byte) 0xf8, 0x7f}, // NaN
            {PropertyValues.MAP, 2, 1, 'a', PropertyValues.NULL, 1, 'a', PropertyValues.NULL},   // repeated key
            {PropertyValues.MAP, 1, 1, 'a', PropertyValues.STRING, 1, (byte) 0xff},              // bad UTF-8
            {PropertyValues.MAP, 1, 1, 'a', 9},                                                  // unknown tag
            {PropertyValues.MAP, 1, 1, 'a', PropertyValues.NULL, 0},                             // trailing byte
        };
        for (byte[] m : badMaps) {
            assertThatThrownBy(() -> new Transaction().setNodePropertiesEncoded("n", m)).isInstanceOf(InvalidPropertyException.class);
        }
    }

    // ------------------------------------------------------------------ model-based

    /** What the store should hold. */
    private static final class Model {
        final Set<Triple> triples = new java.util.HashSet<>();
        final Map<String, Map<String, Object>> nodes = new TreeMap<>();
        final Map<Triple, Map<String, Object>> edges = new HashMap<>();
        final Map<String, Set<String>> labels = new TreeMap<>();

        Model copy() {
            Model m = new Model();
            m.triples.addAll(triples);
            m.nodes.putAll(nodes);
            m.edges.putAll(edges);
            labels.forEach((k, v) -> m.labels.put(k, new TreeSet<>(v)));
            return m;
        }

        /** Applies a write as the store should; false if the store must refuse the transaction. */
        boolean apply(Object[] w) {
            String kind = (String) w[0];
            switch (kind) {
                case "add":
                    triples.add((Triple) w[1]);
                    return true;
                case "delete":
                    triples.remove(w[1]);
                    edges.remove(w[1]);
                    return true;
                case "node": {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) w[2];
                    if (m == null || m.isEmpty()) {
                        nodes.remove(w[1]);
                    } else {
                        nodes.put((String) w[1], normalize(m));
                    }
                    return true;
                }
                case "edge": {
                    if (!triples.contains(w[1])) {
                        return false;
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) w[2];
                    if (m == null || m.isEmpty()) {
                        edges.remove(w[1]);
                    } else {
                        edges.put((Triple) w[1], normalize(m));
                    }
                    return true;
                }
                case "label+":
                    labels.computeIfAbsent((String) w[1], k -> new TreeSet<>()).add((String) w[2]);
                    return true;
                case "label-": {
                    Set<String> l = labels.get(w[1]);
                    if (l != null) {
                        l.remove(w[2]);
                        if (l.isEmpty()) {
                            labels.remove(w[1]);
                        }
                    }
                    return true;
                }
                default:
                    throw new IllegalStateException(kind);
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> normalize(Map<String, Object> m) {
            return (Map<String, Object>) PropertyValues.normalize(m, "model");
        }
    }

    private static final String[] NODES = {"n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7"};
    private static final String[] NAMES = {"age", "name", "score", "tags"};
    private static final String[] LABELS = {"A", "B", "AB", "Bé"};

    private static Object randomValue(Random r) {
        switch (r.nextInt(9)) {
            case 0:
                return r.nextInt(20) - 10;
            case 1:
                return (r.nextInt(40) - 20) / 4.0;
            case 2:
                return (1L << 53) + r.nextInt(5) - 2; // around the last exactly representable integers
            case 3:
                return new String[] {"", "a", "ab", "b", "a\u0000", "\uffff", "😀", "é", "Z"}[r.nextInt(9)];
            case 4:
                return r.nextBoolean();
            case 5:
                return null;
            case 6:
                return List.of(r.nextInt(3), "x");
            case 7:
                return r.nextBoolean() ? map("k", 1, "j", 2) : map("j", 2.0, "k", 1);
            default:
                return (double) ((1L << 53) + 2 * (r.nextInt(3) - 1));
        }
    }

    private static Object[] randomWrite(Random r) {
        Triple t = Triple.of(NODES[r.nextInt(4)], "p" + r.nextInt(2), NODES[r.nextInt(NODES.length)]);
        switch (r.nextInt(8)) {
            case 0:
            case 1:
                return new Object[] {"add", t};
            case 2:
                return new Object[] {"delete", t};
            case 3:
            case 4: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    m.put(NAMES[r.nextInt(NAMES.length)], randomValue(r));
                }
                return new Object[] {"node", NODES[r.nextInt(NODES.length)], m};
            }
            case 5: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    m.put(NAMES[r.nextInt(NAMES.length)], randomValue(r));
                }
                return new Object[] {"edge", t, m};
            }
            case 6:
                return new Object[] {"label+", NODES[r.nextInt(NODES.length)], LABELS[r.nextInt(LABELS.length)]};
            default:
                return new Object[] {"label-", NODES[r.nextInt(NODES.length)], LABELS[r.nextInt(LABELS.length)]};
        }
    }

    private static Transaction transaction(List<Object[]> writes) {
        Transaction tx = new Transaction();
        for (Object[] w : writes) {
            Triple t = w[1] instanceof Triple ? (Triple) w[1] : null;
            @SuppressWarnings("unchecked")
            Map<String, Object> m = w.length > 2 && w[2] instanceof Map ? (Map<String, Object>) w[2] : null;
            switch ((String) w[0]) {
                case "add":
                    tx.add(t.subject(), t.predicate(), t.object());
                    break;
                case "delete":
                    tx.delete(t.subject(), t.predicate(), t.object());
                    break;
                case "node":
                    tx.setNodeProperties((String) w[1], m);
                    break;
                case "edge":
                    tx.setEdgeProperties(t.subject(), t.predicate(), t.object(), m);
                    break;
                case "label+":
                    tx.addLabels((String) w[1], List.of((String) w[2]));
                    break;
                default:
                    tx.removeLabels((String) w[1], List.of((String) w[2]));
            }
        }
        return tx;
    }

    private static final List<PropertyCondition> CONDITIONS = new ArrayList<>();

    static {
        Object[] bounds = {-3, 0, 2.5, 1L << 53, (1L << 53) + 1, (double) (1L << 53), "", "a", "a\u0000", "b", "\uffff", "😀"};
        for (Object b : bounds) {
            CONDITIONS.add(PropertyCondition.eq(b));
            CONDITIONS.add(PropertyCondition.gt(b));
            CONDITIONS.add(PropertyCondition.ge(b));
            CONDITIONS.add(PropertyCondition.lt(b));
            CONDITIONS.add(PropertyCondition.le(b));
        }
        CONDITIONS.add(PropertyCondition.between(-5, 5));
        CONDITIONS.add(PropertyCondition.range(-2.5, false, 1L << 53, false));
        CONDITIONS.add(PropertyCondition.between("a", "b"));
        CONDITIONS.add(PropertyCondition.eq(true));
        CONDITIONS.add(PropertyCondition.eq(false));
        CONDITIONS.add(PropertyCondition.eq(null));
        CONDITIONS.add(PropertyCondition.eq(List.of(1, "x")));
        CONDITIONS.add(PropertyCondition.eq(map("k", 1.0, "j", 2)));
    }

    /** Compares everything the store answers with the model. */
    private static void check(TripleStore s, Model m, String ctx) {
        Set<Triple> found = new java.util.HashSet<>();
        try (org.nervusdb.TripleCursor c = s.find(null, null, null)) {
            c.forEachRemaining(found::add);
        }
        assertThat(found).as(ctx + " triples").isEqualTo(m.triples);
        for (String n : NODES) {
            assertThat(s.nodeProperties(n)).as(ctx + " properties of " + n).isEqualTo(m.nodes.getOrDefault(n, Map.of()));
            assertThat(s.labels(n)).as(ctx + " labels of " + n)
                    .containsExactlyInAnyOrderElementsOf(m.labels.getOrDefault(n, Set.of()));
        }
        for (String l : LABELS) {
            List<String> expect = new ArrayList<>();
            m.labels.forEach((node, ls) -> {
                if (ls.contains(l)) {
                    expect.add(node);
                }
            });
            assertThat(s.nodesWithLabel(l)).as(ctx + " label " + l).containsExactlyInAnyOrderElementsOf(expect);
        }
        for (Triple t : m.triples) {
            assertThat(s.edgeProperties(t.subject(), t.predicate(), t.object())).as(ctx + " edge " + t)
                    .isEqualTo(m.edges.getOrDefault(t, Map.of()));
        }
        for (String name : NAMES) {
            for (PropertyCondition c : CONDITIONS) {
                List<String> nodes = new ArrayList<>();
                m.nodes.forEach((node, props) -> {
                    if (props.containsKey(name) && c.test(props.get(name))) {
                        nodes.add(node);
                    }
                });
                assertThat(s.nodesWhere(name, c)).as(ctx + " nodes where " + name + " " + c).containsExactlyInAnyOrderElementsOf(nodes);
                List<Triple> edges = new ArrayList<>();
                m.edges.forEach((edge, props) -> {
                    if (props.containsKey(name) && c.test(props.get(name))) {
                        edges.add(edge);
                    }
                });
                assertThat(s.edgesWhere(name, c)).as(ctx + " edges where " + name + " " + c).containsExactlyInAnyOrderElementsOf(edges);
            }
        }
    }

    @Test
    void indexesAnswerAsAScanOfTheModel() {
        long base = Seeds.base();
        for (int w = 0; w < 6 * Seeds.scale(); w++) {
            long seed = base + w;
            Random r = new Random(seed);
            MemFileSystem fs = new MemFileSystem();
            Model m = new Model();
            TripleStore s = TripleStore.open(fs, small());
            try {
                for (int step = 0; step < 150; step++) {
                    List<Object[]> writes = new ArrayList<>();
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        writes.add(randomWrite(r));
                    }
                    Model next = m.copy();
                    boolean ok = true;
                    for (Object[] x : writes) {
                        ok &= next.apply(x);
                    }
                    if (ok) {
                        s.commit(transaction(writes));
                        m = next;
                    } else {
                        TripleStore store = s;
                        assertThatThrownBy(() -> store.commit(transaction(writes))).isInstanceOf(NotFoundException.class);
                    }
                    if (step % 50 == 49) {
                        check(s, m, "seed " + seed + " step " + step);
                        if (r.nextBoolean()) {
                            s.compact();
                        } else {
                            s.close();
                            s = TripleStore.open(fs, small());
                        }
                    }
                }
                check(s, m, "seed " + seed + " end");
                assertThat(s.checkIndexes(10)).isEmpty();
            } finally {
                s.close();
            }
        }
    }

    @Test
    void aTransactionSurvivesAPowerCutWholeOrNotAtAll() {
        long seed = Seeds.base() + 77;
        FaultInjectingFileSystem probe = new FaultInjectingFileSystem();
        List<Model> states = runForCrash(probe, seed);
        long total = probe.operations();
        int checked = 0;
        for (long cut = 1; cut <= total + 1; cut++) {
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem();
            fs.powerCutAt(cut);
            List<Model> acked = runForCrash(fs, seed);
            FaultInjectingFileSystem image = fs.crashImage(new Random(seed + cut));
            try (TripleStore s = TripleStore.open(image, small())) {
                // The last acknowledged state, or the one after the transaction in flight.
                int last = acked.size() - 1;
                AssertionError first = null;
                boolean matched = false;
                for (int i = last; i <= Math.min(last + 1, states.size() - 1); i++) {
                    try {
                        check(s, states.get(i), "cut " + cut + " state " + i);
                        matched = true;
                        break;
                    } catch (AssertionError e) {
                        first = first == null ? e : first;
                    }
                }
                if (!matched) {
                    throw first;
                }
                checked++;
            }
        }
        assertThat(checked).as("seed " + seed).isGreaterThan(20);
    }

    /** Runs seeded transactions until done or the file system fails; returns the model after each acknowledged commit. */
    private static List<Model> runForCrash(FaultInjectingFileSystem fs, long seed) {
        Random r = new Random(seed);
        List<Model> acked = new ArrayList<>();
        Model m = new Model();
        acked.add(m.copy());
        TripleStore s = null;
        try {
            s = TripleStore.open(fs, small());
            for (int step = 0; step < 30; step++) {
                List<Object[]> writes = new ArrayList<>();
                for (int k = 1 + r.nextInt(5); k > 0; k--) {
                    writes.add(randomWrite(r));
                }
                Model next = m.copy();
                boolean ok = true;
                for (Object[] x : writes) {
                    ok &= next.apply(x);
                }
                if (!ok) {
                    continue;
                }
                s.commit(transaction(writes));
                m = next;
                acked.add(m.copy());
                if (step % 10 == 9) {
                    s.flush();
                }
            }
            s.close();
        } catch (StorageException e) {
            FaultInjectingFileSystem.closeAfterFault(s);
        }
        return acked;
    }
}
