package org.nervusdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.nervusdb.engine.BulkLoader;
import org.nervusdb.engine.Utf8;

/**
 * The threads of a bulk load on the JVM: a reading thread for a {@link NervusDB.Producer}, whose
 * triples cross to the loading thread as UTF-8 bytes in batches (with their hashes, worked out on
 * the reading thread), and two threads for the tables
 * at the end. The loader sorts its full chunks on a thread of its own meanwhile ({@link #THREADS}).
 */
final class BulkLoads {
    /** Bytes of term text per batch (a triple larger than that gets a batch of its own). */
    static final int BATCH_BYTES = 1 << 20;
    /** Triples per batch at most. */
    static final int BATCH_TRIPLES = 16_384;
    private static final int QUEUE = 8;

    private BulkLoads() {
    }

    /** Background tasks of a bulk load as daemon threads. */
    static final BulkLoader.Background THREADS = (task, name) -> {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return () -> joinUninterruptibly(t);
    };

    /** Adds the triples of the iterator, then {@link #finish}. */
    static long load(BulkLoader l, Iterator<Triple> triples, String name) {
        while (triples.hasNext()) {
            Triple t = triples.next();
            if (t == null) {
                throw new InvalidTermException("triple " + l.inputTriples() + " is null");
            }
            l.add(t.subject(), t.predicate(), t.object());
        }
        return finish(l, name);
    }

    /**
     * Ends the input and writes the tables on two threads (this one and a helper): the SPO, POS
     * and OSP tables, the six quad tables if the load had quads of named graphs, and the
     * dictionary, each taken by whichever thread is free; then installs.
     */
    static long finish(BulkLoader l, String name) {
        l.prepare();
        List<Runnable> list = new ArrayList<>();
        // The larger tables first: quad tables (their keys are longer), then the triples', and
        // the dictionary between them.
        for (int order = l.indexCount() - 1; order >= 3; order--) {
            int o = order;
            list.add(() -> l.writeIndex(o));
        }
        list.add(() -> l.writeIndex(0));
        list.add(() -> l.writeIndex(1));
        list.add(l::writeDictionary);
        list.add(() -> l.writeIndex(2));
        Runnable[] tasks = list.toArray(new Runnable[0]);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < tasks.length) {
                try {
                    tasks[i].run();
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        Thread helper = new Thread(worker, "nervusdb-bulk " + name);
        helper.setDaemon(true);
        helper.start();
        try {
            worker.run();
        } finally {
            joinUninterruptibly(helper);
        }
        rethrow(failure.get());
        return l.install();
    }

    private static void rethrow(Throwable f) {
        if (f == null) {
            return;
        }
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
        throw new StorageException("bulk load failed: " + f, f);
    }

    /**
     * Triples as UTF-8: term bytes in {@code data}, six offsets and lengths per triple in
     * {@code spans}, three hashes in {@code hashes}; or, once the load has had a quad of a named
     * graph, statements with eight spans and four hashes each (a triple's graph length -1), for
     * {@link BulkLoader#addQuads}.
     */
    private static final class Batch {
        byte[] data = new byte[BATCH_BYTES];
        final boolean quads;
        final int[] spans;
        final long[] hashes;
        int count;
        int used;

        Batch(boolean quads) {
            this.quads = quads;
            this.spans = new int[(quads ? 8 : 6) * BATCH_TRIPLES];
            this.hashes = new long[(quads ? 4 : 3) * BATCH_TRIPLES];
        }
    }

    /**
     * Runs {@code producer} on a reading thread and adds what it reads on this thread, then
     * {@link #finish}. The producer's failure (an {@link IOException} wrapped in
     * {@link UncheckedIOException}) ends the load and is rethrown here; a failing load stops the
     * producer.
     */
    static long load(BulkLoader l, NervusDB.Producer producer, String name) {
        BlockingQueue<Object> full = new ArrayBlockingQueue<>(QUEUE);
        BlockingQueue<Batch> free = new ArrayBlockingQueue<>(QUEUE + 2);
        AtomicBoolean stop = new AtomicBoolean();
        Object end = new Object();
        Thread reader = new Thread(() -> {
            Object last = end;
            try {
                BatchingSink sink = new BatchingSink(full, free, stop);
                producer.produce(sink);
                sink.flush();
            } catch (CancellationException e) {
                return; // the load failed and stopped this reader
            } catch (IOException e) {
                last = new UncheckedIOException(e);
            } catch (RuntimeException | Error e) {
                last = e;
            }
            try {
                hand(full, last, stop);
            } catch (CancellationException e) {
                // the load has ended already
            }
        }, "nervusdb-bulk-reader " + name);
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Object o;
                try {
                    o = full.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("bulk load interrupted", e);
                }
                if (o == end) {
                    break;
                }
                if (o instanceof RuntimeException) {
                    throw (RuntimeException) o;
                }
                if (o instanceof Error) {
                    throw (Error) o;
                }
                Batch b = (Batch) o;
                if (b.quads) {
                    l.addQuads(b.data, b.spans, b.hashes, b.count);
                } else {
                    l.add(b.data, b.spans, b.hashes, b.count);
                }
                b.count = 0;
                b.used = 0;
                free.offer(b);
            }
        } finally {
            stop.set(true);
            joinUninterruptibly(reader);
        }
        return finish(l, name);
    }

    /**
     * The reading thread's sink: copies each statement into the current batch, handing full ones
     * over. Batches hold triples only until the first quad of a named graph; from then on they
     * hold statements with a graph each (the default graph's as length -1).
     */
    private static final class BatchingSink implements NervusDB.TripleSink {
        private final BlockingQueue<Object> full;
        private final BlockingQueue<Batch> free;
        private final AtomicBoolean stop;
        private Batch batch;
        private boolean quads;
        private static final byte[] DEFAULT_GRAPH = Utf8.encode(Quad.DEFAULT_GRAPH, "graph");
        // The last graph name added as a string, and its UTF-8.
        private String lastGraph;
        private byte[] lastGraphUtf8;

        BatchingSink(BlockingQueue<Object> full, BlockingQueue<Batch> free, AtomicBoolean stop) {
            this.full = full;
            this.free = free;
            this.stop = stop;
        }

        @Override
        public void add(String subject, String predicate, String object) {
            byte[] s = encode(subject, "subject");
            byte[] p = encode(predicate, "predicate");
            byte[] o = encode(object, "object");
            int sl = s.length;
            int pl = p.length;
            Batch b = room(sl + pl + o.length);
            byte[] d = b.data;
            int at = b.used;
            System.arraycopy(s, 0, d, at, sl);
            System.arraycopy(p, 0, d, at + sl, pl);
            System.arraycopy(o, 0, d, at + sl + pl, o.length);
            record(b, at, sl, pl, o.length, -1);
        }

        @Override
        public void add(String subject, String predicate, String object, String graph) {
            if (graph == null || graph.equals(Quad.DEFAULT_GRAPH)) {
                add(subject, predicate, object);
                return;
            }
            byte[] s = encode(subject, "subject");
            byte[] p = encode(predicate, "predicate");
            byte[] o = encode(object, "object");
            byte[] g;
            if (graph.equals(lastGraph)) {
                g = lastGraphUtf8;
            } else {
                g = encode(graph, "graph");
                lastGraph = graph;
                lastGraphUtf8 = g;
            }
            addQuad(s, 0, s.length, p, 0, p.length, o, 0, o.length, g, 0, g.length);
        }

        private static byte[] encode(String term, String what) {
            if (term == null) {
                throw new InvalidTermException(what + " is null");
            }
            return Utf8.encode(term, what);
        }

        @Override
        public void addUtf8(byte[] bytes, int sOff, int sLen, int pOff, int pLen, int oOff, int oLen) {
            Batch b = room(sLen + pLen + oLen);
            byte[] d = b.data;
            int at = b.used;
            System.arraycopy(bytes, sOff, d, at, sLen);
            System.arraycopy(bytes, pOff, d, at + sLen, pLen);
            System.arraycopy(bytes, oOff, d, at + sLen + pLen, oLen);
            record(b, at, sLen, pLen, oLen, -1);
        }

        @Override
        public void addUtf8(byte[] bytes, int sOff, int sLen, int pOff, int pLen, int oOff, int oLen, byte[] g, int gOff, int gLen) {
            if (g == null || (gLen == DEFAULT_GRAPH.length && java.util.Arrays.equals(g, gOff, gOff + gLen, DEFAULT_GRAPH, 0, gLen))) {
                addUtf8(bytes, sOff, sLen, pOff, pLen, oOff, oLen);
                return;
            }
            addQuad(bytes, sOff, sLen, bytes, pOff, pLen, bytes, oOff, oLen, g, gOff, gLen);
        }

        /** A statement of a named graph: switches to batches of quads first if need be. */
        private void addQuad(byte[] s, int sOff, int sLen, byte[] p, int pOff, int pLen, byte[] o, int oOff, int oLen,
                byte[] g, int gOff, int gLen) {
            if (!quads) {
                flush(); // the triples so far, as triples
                quads = true;
            }
            Batch b = room(sLen + pLen + oLen + gLen);
            byte[] d = b.data;
            int at = b.used;
            System.arraycopy(s, sOff, d, at, sLen);
            System.arraycopy(p, pOff, d, at + sLen, pLen);
            System.arraycopy(o, oOff, d, at + sLen + pLen, oLen);
            System.arraycopy(g, gOff, d, at + sLen + pLen + oLen, gLen);
            record(b, at, sLen, pLen, oLen, gLen);
        }

        /** The batch to write {@code need} bytes into, handing over the current one if it is full. */
        private Batch room(int need) {
            Batch b = batch;
            if (b != null && (b.count == BATCH_TRIPLES || b.data.length - b.used < need)) {
                flush();
                b = null;
            }
            if (b == null) {
                b = free.poll();
                while (b != null && b.quads != quads) {
                    b = free.poll(); // a batch of triples after the switch to quads: left to the collector
                }
                if (b == null) {
                    b = new Batch(quads);
                }
                if (b.data.length < need) {
                    b.data = new byte[need];
                }
                batch = b;
            }
            return b;
        }

        /** Records the statement just copied to {@code at}; {@code gl} -1 for the default graph. */
        private void record(Batch b, int at, int sl, int pl, int ol, int gl) {
            int[] sp = b.spans;
            int k = b.count * (b.quads ? 8 : 6);
            sp[k] = at;
            sp[k + 1] = sl;
            sp[k + 2] = at + sl;
            sp[k + 3] = pl;
            sp[k + 4] = at + sl + pl;
            sp[k + 5] = ol;
            // The hashes are worked out here, on the reading thread, and spare the loading thread.
            byte[] d = b.data;
            long[] h = b.hashes;
            int j = b.count * (b.quads ? 4 : 3);
            h[j] = BulkLoader.termHash(d, at, sl);
            h[j + 1] = BulkLoader.termHash(d, at + sl, pl);
            h[j + 2] = BulkLoader.termHash(d, at + sl + pl, ol);
            int end = at + sl + pl + ol;
            if (b.quads) {
                sp[k + 6] = end;
                sp[k + 7] = gl;
                if (gl >= 0) {
                    h[j + 3] = BulkLoader.termHash(d, end, gl);
                    end += gl;
                }
            }
            b.used = end;
            if (++b.count == BATCH_TRIPLES) {
                flush();
            }
        }

        void flush() {
            if (batch != null && batch.count > 0) {
                hand(full, batch, stop);
            }
            batch = null;
        }
    }

    /** Puts {@code o} on the queue, waiting while it is full; CancellationException once {@code stop} is set. */
    private static void hand(BlockingQueue<Object> queue, Object o, AtomicBoolean stop) {
        try {
            while (!queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
                if (stop.get()) {
                    throw new CancellationException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException();
        }
    }

    static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
