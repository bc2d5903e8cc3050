package org.nervusdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.nervusdb.CorruptionException;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.MemFileSystem;

/** A table's index block is read, checked and decoded by the first lookup that needs it, once. */
class TableIndexTest {
    private static final int TRIPLES = 20_000;

    private static TableMeta write(MemFileSystem fs) {
        FileHandle h = fs.create(FileNames.table(5));
        TableBuilder b = new TableBuilder(h, 4096, Keys.SHAPE);
        for (int i = 1; i <= TRIPLES; i++) {
            b.add(Keys.index(Keys.SPO, i, 1, i + 1), new byte[] {(byte) i});
        }
        TableMeta meta = b.finish(5);
        h.close();
        return meta;
    }

    private static TableFooter footer(MemFileSystem fs) {
        FileHandle h = fs.open(FileNames.table(5));
        try {
            byte[] tail = new byte[TableFooter.ENCODED_LENGTH];
            h.read(h.size() - tail.length, tail, 0, tail.length);
            return TableFooter.decode(tail, "t", h.size());
        } finally {
            h.close();
        }
    }

    @Test
    void openingReadsNoIndexAndTheFirstLookupDecodesIt() {
        MemFileSystem fs = new MemFileSystem();
        TableMeta meta = write(fs);
        Table t = Table.open(fs, meta, new BlockCache(1 << 20));
        try {
            assertThat(t.indexLoaded()).isFalse();
            assertThat(t.get(Keys.index(Keys.SPO, 7, 1, 8))).containsExactly(7);
            assertThat(t.indexLoaded()).isTrue();
            for (int i = 1; i <= TRIPLES; i += 37) {
                assertThat(t.get(Keys.index(Keys.SPO, i, 1, i + 1))).containsExactly((byte) i);
                assertThat(t.get(Keys.index(Keys.SPO, i, 2, i + 1))).isNull();
            }
            EntryIterator it = t.iterator();
            int n = 0;
            for (it.seekToFirst(); it.valid(); it.next()) {
                n++;
            }
            assertThat(n).isEqualTo(TRIPLES);
        } finally {
            t.close();
        }
        // Closing a table whose index was never read.
        Table unused = Table.open(fs, meta, new BlockCache(1 << 20));
        unused.close();
        assertThat(unused.indexLoaded()).isFalse();
    }

    @Test
    void threadsRacingToTheFirstLookupAllAnswer() throws Exception {
        MemFileSystem fs = new MemFileSystem();
        TableMeta meta = write(fs);
        for (int round = 0; round < 20; round++) {
            Table t = Table.open(fs, meta, new BlockCache(1 << 20));
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                int first = 1 + k * 1000;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                        for (int i = first; i < first + 1000; i++) {
                            if (t.get(Keys.index(Keys.SPO, i, 1, i + 1)) == null) {
                                throw new AssertionError("key " + i + " not found");
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                th.start();
                threads.add(th);
            }
            go.countDown();
            for (Thread th : threads) {
                th.join();
            }
            t.close();
            assertThat(failure.get()).isNull();
        }
    }

    @Test
    void aDamagedIndexFailsTheLookupsThatNeedItNotTheOpen() {
        MemFileSystem fs = new MemFileSystem();
        TableMeta meta = write(fs);
        TableFooter f = footer(fs);
        FileHandle h = fs.open(FileNames.table(5));
        byte[] b = new byte[1];
        long at = f.indexOffset + f.indexSize / 2;
        h.read(at, b, 0, 1);
        b[0] ^= 0x04;
        h.write(at, b, 0, 1);
        h.close();

        Table t = Table.open(fs, meta, new BlockCache(1 << 20));
        try {
            assertThat(t.covers(Keys.index(Keys.SPO, 5, 1, 6))).isTrue();
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> t.get(Keys.index(Keys.SPO, 5, 1, 6)))
                        .isInstanceOfSatisfying(CorruptionException.class, e -> {
                            assertThat(e.offset()).isEqualTo(f.indexOffset);
                            assertThat(e.getMessage()).contains("checksum");
                        });
            }
            assertThatThrownBy(() -> t.iterator().seekToFirst()).isInstanceOf(CorruptionException.class);
            assertThat(t.indexLoaded()).isFalse();
        } finally {
            t.close();
        }
    }
}
