package org.nervusdb.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.MemFileSystem;

/** Sorting a write batch into a memtable run, the sort it uses, and the log it is written to. */
class SortedRunTest {
    private static final java.util.Comparator<byte[]> UNSIGNED = (a, b) -> Bytes.compare(a, 0, a.length, b, 0, b.length);

    /** Keys made to defeat a sort by leading bytes: long shared prefixes, zero bytes, prefixes of each other. */
    private static byte[] key(Random r) {
        int shape = r.nextInt(6);
        byte[] prefix;
        switch (shape) {
            case 0:
                prefix = new byte[0];
                break;
            case 1:
                prefix = "Thttp://example.org/person".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                break;
            case 2:
                prefix = new byte[r.nextInt(300)]; // zero bytes, past the 256 bytes sorted by number
                break;
            case 3:
                prefix = new byte[] {(byte) 0xff, (byte) 0x80, 0, 1};
                break;
            default:
                prefix = new byte[] {(byte) r.nextInt(4)};
        }
        byte[] k = Arrays.copyOf(prefix, prefix.length + r.nextInt(12));
        for (int i = prefix.length; i < k.length; i++) {
            k[i] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(256));
        }
        return k;
    }

    @Test
    void aRunHoldsTheLastOperationOnEachKeyInKeyOrder() {
        Random r = new Random(42);
        for (int round = 0; round < 40; round++) {
            int ops = round < 20 ? r.nextInt(60) : 2000 + r.nextInt(5000);
            List<byte[]> pool = new ArrayList<>();
            for (int i = 0; i < Math.max(1, ops / 3); i++) {
                pool.add(key(r));
            }
            WriteBatch b = new WriteBatch();
            TreeMap<byte[], byte[]> model = new TreeMap<>(UNSIGNED);
            for (int i = 0; i < ops; i++) {
                byte[] k = pool.get(r.nextInt(pool.size()));
                if (r.nextInt(5) == 0) {
                    b.delete(k);
                    model.put(k, null);
                } else {
                    byte[] v = new byte[r.nextInt(3)];
                    r.nextBytes(v);
                    b.put(k, v);
                    model.put(k, v);
                }
            }
            MemRun run = MemRun.fromBatch(b);
            assertEquals(model.size(), run.size, "round " + round);
            int i = 0;
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                assertArrayEquals(e.getKey(), run.key(i), "round " + round + " entry " + i);
                if (e.getValue() == null) {
                    assertNull(run.value(i));
                } else {
                    assertArrayEquals(e.getValue(), run.value(i));
                }
                i++;
            }
        }
    }

    @Test
    void anEmptyValueIsSharedAndATombstoneIsNull() {
        WriteBatch b = new WriteBatch();
        b.put(new byte[] {1}, new byte[0]);
        b.delete(new byte[] {2});
        MemRun run = MemRun.fromBatch(b);
        assertSame(Bytes.EMPTY, run.value(0));
        assertNull(run.value(1));
    }

    @Test
    void sortByKeyIsAStableSortOfPairs() {
        Random r = new Random(7);
        for (int round = 0; round < 50; round++) {
            int n = r.nextInt(round < 25 ? 40 : 5000);
            long[] k = new long[n];
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                k[i] = round % 3 == 0 ? r.nextInt(5) : round % 3 == 1 ? r.nextLong() : i - r.nextInt(3); // many ties; any; nearly sorted
                v[i] = i;
            }
            long[][] expected = new long[n][];
            for (int i = 0; i < n; i++) {
                expected[i] = new long[] {k[i], v[i]};
            }
            Arrays.sort(expected, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
            IntSort.sortByKey(k, v, new long[n], new int[n], 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i][0], k[i], "round " + round);
                assertEquals(expected[i][1], v[i], "round " + round + ": not stable");
            }
        }
    }

    @Test
    void theLogReadsBackRecordsOfEverySize() {
        MemFileSystem fs = new MemFileSystem();
        Random r = new Random(3);
        int[] sizes = {0, 1, 100, (64 << 10) - 1, 64 << 10, 70_000, Wal.MAX_FRAGMENT, Wal.MAX_FRAGMENT + 1, 3 * Wal.MAX_FRAGMENT + 12_345, 5};
        List<byte[]> written = new ArrayList<>();
        FileHandle h = fs.create("log");
        try (Wal.Writer w = Wal.Writer.create(h)) {
            for (int size : sizes) {
                byte[] p = new byte[size + 7];
                r.nextBytes(p);
                w.append(p, 7, size); // from an offset, as a batch's array is
                written.add(Arrays.copyOfRange(p, 7, 7 + size));
            }
            w.sync();
        }
        List<byte[]> read = new ArrayList<>();
        FileHandle in = fs.open("log");
        try {
            Wal.ReplayResult result = Wal.replay(in, (payload, offset) -> read.add(payload));
            assertEquals(sizes.length, result.records);
            assertEquals(result.fileLength, result.validLength);
        } finally {
            in.close();
        }
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            assertArrayEquals(written.get(i), read.get(i), "record of " + sizes[i] + " bytes");
        }
    }
}
