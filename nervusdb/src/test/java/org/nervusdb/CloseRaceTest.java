package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers and a writer racing {@link NervusDB#close()}: whatever a thread is doing when the
 * database closes (opening a snapshot, iterating a cursor, counting, running SPARQL, adding,
 * flushing, compacting), it either finishes with the whole right answer or fails with the CLOSED
 * error: never an I/O error from a file closed under it, another exception, or a short answer.
 */
class CloseRaceTest {
    private static final int SUBJECTS = 40;
    private static final int PER_SUBJECT = 50;
    private static final long TOTAL = (long) SUBJECTS * PER_SUBJECT;
    /** Four kinds of reader and one writer that also flushes and compacts. */
    private static final int THREADS = 5;

    @Test
    void operationsLosingTheRaceAgainstCloseGetClosedNeverIoOrAShortAnswer(@TempDir Path dir) throws Exception {
        // No block cache and no term cache to speak of, so reading goes to the table files all the time.
        Options o = Options.defaults().blockCacheSize(0).termCacheEntries(16).syncMode(SyncMode.NONE);
        try (NervusDB db = NervusDB.open(dir, o)) {
            for (int s = 0; s < SUBJECTS; s++) {
                List<Triple> batch = new ArrayList<>();
                for (int i = 0; i < PER_SUBJECT; i++) {
                    batch.add(Triple.of("s" + s, "p", "object number " + i + " of subject " + s));
                }
                db.addAll(batch);
                if (s % 10 == 9) {
                    db.flush(); // several tables
                }
            }
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicLong closedSeen = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        int rounds = 60;
        for (int round = 0; round < rounds; round++) {
            NervusDB db = NervusDB.open(dir, o);
            CountDownLatch started = new CountDownLatch(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < THREADS; r++) {
                int kind = r;
                int at = round;
                Thread t = new Thread(() -> {
                    started.countDown();
                    try {
                        while (true) {
                            operateOnce(db, kind, at);
                            completed.incrementAndGet();
                        }
                    } catch (DatabaseClosedException e) {
                        closedSeen.incrementAndGet();
                    } catch (Throwable e) {
                        java.io.StringWriter trace = new java.io.StringWriter();
                        e.printStackTrace(new java.io.PrintWriter(trace));
                        wrong.add(trace.toString());
                    }
                }, "close-race thread " + r);
                t.start();
                threads.add(t);
            }
            started.await();
            Thread.sleep(random.nextInt(20));
            db.close();
            for (Thread t : threads) {
                t.join(30_000);
                assertThat(t.isAlive()).as("thread still running after close").isFalse();
            }
        }
        assertThat(wrong).as("seed " + seed).isEmpty();
        assertThat(closedSeen.get()).isEqualTo((long) THREADS * rounds);
        assertThat(completed.get()).as("operations finished before the closes").isPositive();
    }

    /**
     * One read (or, for kind 4, writes of triples that change no answer, a flush and a compaction);
     * throws AssertionError on an answer other than the stored data's.
     */
    private static void operateOnce(NervusDB db, int kind, int round) {
        switch (kind) {
            case 4: {
                db.add("writer", "round", String.valueOf(round));
                db.flush();
                db.delete("writer", "round", String.valueOf(round));
                db.compact();
                break;
            }
            case 0: {
                long n = 0;
                try (TripleCursor c = db.cursor(null, "p", null)) {
                    while (c.hasNext()) {
                        c.next();
                        n++;
                    }
                }
                check(n == TOTAL, "cursor read " + n + " of " + TOTAL + " triples");
                break;
            }
            case 1: {
                try (Snapshot snap = db.snapshot()) {
                    for (int s = 0; s < SUBJECTS; s += 7) {
                        long n = snap.count("s" + s, null, null);
                        check(n == PER_SUBJECT, "count of s" + s + " was " + n);
                        check(snap.contains("s" + s, "p", "object number 3 of subject " + s), "missing triple of s" + s);
                    }
                }
                break;
            }
            case 2: {
                try (Stream<Triple> st = db.find(null, null, "object number 7 of subject 9")) {
                    long n = st.count();
                    check(n == 1, "find returned " + n + " triples");
                }
                break;
            }
            default: {
                long n = 0;
                try (QueryResult r = db.sparql("SELECT ?s ?o WHERE { ?s <p> ?o }")) {
                    while (r.hasNext()) {
                        r.next();
                        n++;
                    }
                }
                check(n == TOTAL, "SPARQL returned " + n + " of " + TOTAL + " rows");
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
