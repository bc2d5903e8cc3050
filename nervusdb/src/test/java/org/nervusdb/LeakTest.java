package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nervusdb.testing.Seeds;

/**
 * 10,000 cycles of open, add 1,000 triples, query, close. Afterwards the heap after GC, the
 * open file descriptors and the live threads must be back at their baseline.
 */
class LeakTest {

    private static long usedHeapAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(30);
            Runtime rt = Runtime.getRuntime();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    private static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static void deleteTree(Path p) throws Exception {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }

    private static void cycle(Path dir, List<Triple> batch) {
        try (NervusDB db = NervusDB.open(dir)) {
            db.addAll(batch);
            List<Triple> r = db.query().whereSubject("s7").execute();
            if (r.size() != 10) {
                throw new AssertionError("expected 10 results, got " + r.size());
            }
            try (Stream<Triple> s = db.find(null, "p3", null)) {
                if (s.count() != 100) {
                    throw new AssertionError("pattern count");
                }
            }
        }
    }

    @Test
    void openAddQueryCloseCyclesReturnToBaseline(@TempDir Path tmp) throws Exception {
        int cycles = 10_000 * Seeds.scale();
        List<Triple> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(Triple.of("s" + (i / 10), "p" + (i % 10), "o" + i));
        }
        Path dir = tmp.resolve("db");
        for (int i = 0; i < 50; i++) {
            cycle(dir, batch);
            deleteTree(dir);
        }
        long heap0 = usedHeapAfterGc();
        int fd0 = openFds();
        int threads0 = ManagementFactory.getThreadMXBean().getThreadCount();
        long t0 = System.nanoTime();
        for (int i = 0; i < cycles; i++) {
            cycle(dir, batch);
            deleteTree(dir);
        }
        long secs = (System.nanoTime() - t0) / 1_000_000_000L;
        long heap1 = usedHeapAfterGc();
        int fd1 = openFds();
        Thread.sleep(100);
        int threads1 = ManagementFactory.getThreadMXBean().getThreadCount();
        System.out.printf("LeakTest: %d cycles in %d s; heap after GC %.2f MB -> %.2f MB (%+.2f MB); fds %d -> %d; threads %d -> %d%n",
                cycles, secs, heap0 / 1e6, heap1 / 1e6, (heap1 - heap0) / 1e6, fd0, fd1, threads0, threads1);
        assertThat(Math.abs(heap1 - heap0)).as("heap growth").isLessThan(5_000_000L);
        assertThat(fd1).as("open file descriptors").isEqualTo(fd0);
        // JVM-internal threads may come and go (the count can drop); ours must all be gone.
        assertThat(threads1).as("threads").isLessThanOrEqualTo(threads0);
        assertThat(Thread.getAllStackTraces().keySet()).as("NervusDB threads still running")
                .noneMatch(t -> t.getName().startsWith("nervusdb"));
    }
}
