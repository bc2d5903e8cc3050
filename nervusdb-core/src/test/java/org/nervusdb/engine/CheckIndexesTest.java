package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nervusdb.Triple;

/** {@link TripleStore#checkIndexes}: quiet on a consistent store, names each kind of damage. */
class CheckIndexesTest {

    private static TripleStore store() {
        TripleStore store = TripleStore.openInMemory(new StoreOptions());
        List<Triple> ts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ts.add(Triple.of("s" + (i % 50), "p" + (i % 7), "o" + i));
        }
        store.addAll(ts);
        store.flush();
        store.add("late", "p1", "o1");
        store.delete("s0", "p0", "o0");
        return store;
    }

    @Test
    void aConsistentStoreHasNoProblems() {
        try (TripleStore store = store()) {
            assertThat(store.checkIndexes(100)).isEmpty();
            store.compact();
            assertThat(store.checkIndexes(100)).isEmpty();
        }
    }

    @Test
    void eachKindOfDamageIsNamed() {
        try (TripleStore store = store(); TripleStore.StoreSnapshot snap = store.snapshot()) {
            long s = snap.lookup("s1");
            long p = snap.lookup("p1");
            long o = snap.lookup("o1");
            WriteBatch b = new WriteBatch();
            b.delete(Keys.index(Keys.POS, p, o, s));
            store.engine.write(b);
            assertThat(store.checkIndexes(100)).anyMatch(m -> m.startsWith("POS lacks the triple (" + s + ", " + p + ", " + o + ")"))
                    .anyMatch(m -> m.startsWith("index sizes differ"));
            WriteBatch c = new WriteBatch();
            c.put(Keys.index(Keys.SPO, s, p, 999_999), Bytes.EMPTY);
            store.engine.write(c);
            assertThat(store.checkIndexes(100)).anyMatch(m -> m.equals("id 999999 used by SPO has no term"))
                    .anyMatch(m -> m.startsWith("the triple count says"));
            WriteBatch d = new WriteBatch();
            d.put(Keys.id(o), "o2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            store.engine.write(d);
            assertThat(store.checkIndexes(100)).anyMatch(m -> m.startsWith("id " + o + " maps to a term that maps back to"));
            assertThat(store.checkIndexes(2)).hasSize(2);
        }
    }
}
