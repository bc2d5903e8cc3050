package org.nervusdb.engine;

import org.nervusdb.Transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.nervusdb.ReadOnlyException;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.io.MemFileSystem;

/**
 * Stores opened read-only beside a writer on the same files (a {@link MemFileSystem}, whose
 * handles outlive deletion as on POSIX): each open and refresh sees a whole number of commits
 * while the writer flushes, compacts and deletes files; writes are refused; views keep what they saw.
 */
class ReadOnlyStoreTest {
    private static final String ITEM = "item";
    private static final String COUNTER = "counter";
    private static final String VALUE = "value";

    private static StoreOptions writerOptions() {
        StoreOptions o = new StoreOptions();
        o.memtableBytes = 16 << 10; // many flushes, logs replaced, compactions that delete tables
        o.syncOnCommit = false;
        return o;
    }

    private static StoreOptions readOnly() {
        StoreOptions o = new StoreOptions();
        o.blockCacheBytes = 1 << 20;
        return o;
    }

    /** Commit k adds ten items and moves the counter from k to k + 1, in one transaction. */
    private static void commit(TripleStore w, int k) {
        Transaction tx = new Transaction();
        for (int j = 0; j < 10; j++) {
            tx.add("s" + k + "-" + j, ITEM, "\"" + k + "\"");
        }
        if (k > 0) {
            tx.delete(COUNTER, VALUE, "\"" + k + "\"");
        }
        tx.add(COUNTER, VALUE, "\"" + (k + 1) + "\"");
        w.commit(tx);
    }

    /** The number of commits a view shows, checked against everything else it shows. */
    private static int checkWhole(TripleStore.StoreSnapshot snap) {
        List<String> counters = new ArrayList<>();
        try (TripleCursor c = snap.find(COUNTER, VALUE, null)) {
            while (c.hasNext()) {
                counters.add(c.next().object());
            }
        }
        if (counters.isEmpty()) {
            assertThat(snap.count(null, ITEM, null)).isZero();
            return 0;
        }
        assertThat(counters).as("one counter").hasSize(1);
        String v = counters.get(0);
        int n = Integer.parseInt(v.substring(1, v.length() - 1));
        assertThat(snap.count(null, ITEM, null)).as("items of %d commits", n).isEqualTo(10L * n);
        assertThat(snap.count(null, null, null)).isEqualTo(10L * n + 1);
        assertThat(snap.contains("s" + (n - 1) + "-9", ITEM, "\"" + (n - 1) + "\"")).isTrue();
        return n;
    }

    @Test
    void readersSeeWholeCommitsWhileTheWriterFlushesAndCompacts() throws Exception {
        MemFileSystem fs = new MemFileSystem();
        int commits = 1500;
        try (TripleStore w = TripleStore.open(fs, writerOptions())) {
            commit(w, 0);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int k = 1; k < commits; k++) {
                        commit(w, k);
                        if (k % 300 == 0) {
                            w.compact();
                        }
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            writer.start();
            int opens = 0;
            int refreshes = 0;
            int last = -1;
            TripleStore r = TripleStore.openReadOnly(fs, readOnly());
            try {
                while (writer.isAlive() || refreshes == 0) {
                    if (opens % 4 == 3) {
                        // A fresh open, now and then, besides refreshes of the long-lived one.
                        try (TripleStore fresh = TripleStore.openReadOnly(fs, readOnly()); TripleStore.StoreSnapshot s = fresh.snapshot()) {
                            assertThat(checkWhole(s)).isGreaterThanOrEqualTo(last);
                        }
                    }
                    opens++;
                    TripleStore.StoreSnapshot before = r.snapshot();
                    int seen = checkWhole(before);
                    assertThat(seen).as("a refresh never goes back").isGreaterThanOrEqualTo(last);
                    last = seen;
                    if (r.refresh()) {
                        refreshes++;
                    }
                    // The older view still shows its own state, whatever the writer deleted since.
                    assertThat(checkWhole(before)).isEqualTo(seen);
                    before.close();
                    try (TripleStore.StoreSnapshot after = r.snapshot()) {
                        last = Math.max(last, checkWhole(after));
                        assertThat(r.count(null, null, null)).isGreaterThanOrEqualTo(10L * last + 1);
                    }
                }
                writer.join();
                assertThat(failed.get()).isNull();
                r.refresh();
                try (TripleStore.StoreSnapshot s = r.snapshot()) {
                    assertThat(checkWhole(s)).isEqualTo(commits);
                }
                assertThat(r.stats().triples()).isEqualTo(10L * commits + 1);
            } finally {
                r.close();
            }
            assertThat(refreshes).as("refreshes that found new commits").isGreaterThan(1);
            assertThat(w.checkIndexes(10)).isEmpty();
        }
    }

    @Test
    void writesAreRefusedAndNothingChanges() {
        MemFileSystem fs = new MemFileSystem();
        try (TripleStore w = TripleStore.open(fs, writerOptions())) {
            commit(w, 0);
            w.flush();
        }
        List<String> files = new ArrayList<>(fs.list());
        try (TripleStore r = TripleStore.openReadOnly(fs, readOnly())) {
            assertThat(r.isReadOnly()).isTrue();
            // Adding what is there already is refused too, not a silent "nothing to do".
            assertThatThrownBy(() -> r.add("s0-0", ITEM, "\"0\"")).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> r.add("x", "y", "z")).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> r.delete("s0-0", ITEM, "\"0\"")).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> r.commit(new Transaction().add("x", "y", "z"))).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> r.addAll(List.of(Triple.of("x", "y", "z")))).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> r.bulkLoader(1 << 20)).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(r::flush).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(r::compact).isInstanceOf(ReadOnlyException.class);
            assertThat(r.compactStep()).isFalse();
            assertThat(r.refresh()).as("nothing new").isFalse();
            try (TripleStore.StoreSnapshot s = r.snapshot()) {
                assertThat(checkWhole(s)).isEqualTo(1);
            }
        }
        assertThat(fs.list()).as("the files a read-only open leaves").containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void anEmptyDirectoryIsNotCreated() {
        MemFileSystem fs = new MemFileSystem();
        assertThatThrownBy(() -> TripleStore.openReadOnly(fs, readOnly())).isInstanceOf(org.nervusdb.NervusDBException.class)
                .hasMessageContaining("manifest");
        assertThat(fs.list()).isEmpty();
    }

    @Test
    void refreshIsOnlyForReadOnlyStores() {
        try (TripleStore w = TripleStore.open(new MemFileSystem(), writerOptions())) {
            assertThatThrownBy(w::refresh).isInstanceOf(IllegalStateException.class);
        }
    }
}
