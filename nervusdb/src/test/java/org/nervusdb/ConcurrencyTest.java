package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers on several threads while one writer commits batches, flushes and compacts. Each batch
 * adds exactly 20 triples for a fresh subject, so a reader must see every subject with 0 or 20
 * triples (never half a commit), and a snapshot's total never changes while it is held.
 */
class ConcurrencyTest {

    @Test
    void readersSeeWholeCommitsOnly(@TempDir Path dir) throws Exception {
        Options o = Options.defaults().memtableSize(64 << 10).syncMode(SyncMode.NONE);
        try (NervusDB db = NervusDB.open(dir, o)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                Thread t = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            try (Snapshot snap = db.snapshot()) {
                                long total = snap.count(null, null, null);
                                Map<String, Integer> perSubject = new HashMap<>();
                                long n = 0;
                                try (TripleCursor c = snap.find(null, "member", null)) {
                                    while (c.hasNext()) {
                                        perSubject.merge(c.next().subject(), 1, Integer::sum);
                                        n++;
                                    }
                                }
                                for (Map.Entry<String, Integer> e : perSubject.entrySet()) {
                                    if (e.getValue() != 20) {
                                        throw new AssertionError("partial commit visible: " + e);
                                    }
                                }
                                if (n != total || snap.count(null, null, null) != total) {
                                    throw new AssertionError("snapshot changed: " + n + " vs " + total);
                                }
                            }
                            try (Stream<Triple> s = db.find("g1", null, null)) {
                                long k = s.count();
                                if (k != 0 && k != 20) {
                                    throw new AssertionError("partial subject g1: " + k);
                                }
                            }
                            reads.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                t.start();
                readers.add(t);
            }
            int batches = 600;
            for (int g = 0; g < batches; g++) {
                List<Triple> batch = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    batch.add(Triple.of("g" + g, "member", "item-" + g + "-" + i));
                }
                db.addAll(batch);
                if (g % 150 == 149) {
                    db.compact();
                }
            }
            stop.set(true);
            for (Thread t : readers) {
                t.join(30_000);
            }
            assertThat(errors).isEmpty();
            assertThat(reads.get()).isGreaterThan(10);
            assertThat(db.count(null, null, null)).isEqualTo(batches * 20L);
            System.out.println("ConcurrencyTest: " + reads.get() + " reader passes during " + batches + " commits");
        }
    }
}
