package org.nervusdb.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nervusdb.NervusDB;
import org.nervusdb.Options;
import org.nervusdb.Triple;

/**
 * Memory over a long run, on the JVM: for each store, cycles of open, add 1,000 triples (one
 * transaction), 100 lookups, close, on one directory (so the data grows) and then on a new
 * directory each cycle; every {@code --every} cycles, after two full collections, the heap in
 * use, the process's resident set (VmRSS) and its open file descriptors are recorded. Also
 * NervusDB's heap per triple held in its memtable. Writes a result file with {@code series}
 * (see nervusdb-bench/RESULTS.md). Usage:
 * {@code java -Xmx1g -cp benchmarks.jar org.nervusdb.bench.suite.MemorySuite [--cycles 2000] [--every 100]
 * [--stores nervusdb,tdb2,lmdb] [--dir DIR] [--out FILE]}.
 */
public final class MemorySuite {
    private MemorySuite() {
    }

    static double heapMb() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    }

    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1e3;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    static long openFiles() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static Map<String, Object> series(String name, String store, String unit, List<double[]> points) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("store", store);
        m.put("unit", unit);
        m.put("x", "cycle");
        m.put("points", points);
        return m;
    }

    public static void main(String[] args) throws Exception {
        Instant started = Instant.now();
        int cycles = 2000;
        int every = 100;
        List<String> stores = new ArrayList<>(List.of("nervusdb", "tdb2", "lmdb"));
        Path dir = Path.of("target/suite/memory");
        Path out = Path.of("target/suite/results-jvm-memory.json");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cycles" -> cycles = Integer.parseInt(args[i + 1]);
                case "--every" -> every = Integer.parseInt(args[i + 1]);
                case "--stores" -> stores = List.of(args[i + 1].split(","));
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        Suite registry = new Suite();
        Suite.registerPeersInto(registry);
        List<Map<String, Object>> allSeries = new ArrayList<>();
        List<Map<String, Object>> results = new ArrayList<>();
        List<Map<String, Object>> seen = new ArrayList<>();
        for (String key : stores) {
            Supplier<Store> factory = registry.factory(key);
            if (factory == null) {
                System.err.println("store " + key + " is not built in; skipped");
                continue;
            }
            String name;
            try (Store probe = factory.get()) {
                name = probe.name();
                seen.add(Map.of("name", probe.name(), "version", probe.version(), "notes", probe.notes()));
            }
            for (boolean fresh : new boolean[] {false, true}) {
                Path root = dir.resolve(key + (fresh ? "-fresh" : "-growing"));
                Suite.deleteTree(root);
                Files.createDirectories(root);
                List<double[]> heap = new ArrayList<>();
                List<double[]> rss = new ArrayList<>();
                List<double[]> fds = new ArrayList<>();
                for (int c = 0; c <= cycles; c++) {
                    if (c % every == 0) {
                        heap.add(new double[] {c, Math.round(heapMb() * 10) / 10.0});
                        rss.add(new double[] {c, Math.round(rssMb() * 10) / 10.0});
                        fds.add(new double[] {c, openFiles()});
                        Suite.log("%s %s cycle %d: heap %.1f MB, RSS %.1f MB, %d files", name, fresh ? "fresh" : "growing", c,
                                heap.get(heap.size() - 1)[1], rss.get(rss.size() - 1)[1], (long) fds.get(fds.size() - 1)[1]);
                    }
                    if (c == cycles) {
                        break;
                    }
                    Path d = fresh ? root.resolve("c" + c) : root.resolve("db");
                    try (Store st = factory.get()) {
                        st.open(d);
                        st.addBatch(Dataset.fresh("cycle", c * 1000L, 1000));
                        for (int i = 0; i < 100; i++) {
                            String[] t = Dataset.fresh("cycle", c * 1000L + i * 7, 1)[0];
                            st.match(t[0], null, null);
                        }
                    }
                    if (fresh) {
                        Suite.deleteTree(d);
                    }
                }
                String what = fresh ? "a new database each cycle" : "one growing database";
                allSeries.add(series("heap after GC, " + what, name, "MB", heap));
                allSeries.add(series("RSS, " + what, name, "MB", rss));
                allSeries.add(series("open files, " + what, name, "files", fds));
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("shape", "cycles");
                r.put("scale", cycles);
                r.put("workload", "heap growth over the run, " + what);
                r.put("store", name);
                r.put("value", Math.round((heap.get(heap.size() - 1)[1] - heap.get(1 < heap.size() ? 1 : 0)[1]) * 10) / 10.0);
                r.put("unit", "MB");
                r.put("better", "lower");
                r.put("note", "heap after GC at the end minus after the first " + every + " cycles");
                results.add(r);
                Suite.deleteTree(root);
            }
        }
        if (stores.contains("nervusdb")) {
            results.add(memtableBytesPerTriple(dir.resolve("memtable")));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", 1);
        doc.put("runtime", "jvm");
        doc.put("runtimeVersion", System.getProperty("java.version"));
        doc.put("started", started.toString());
        doc.put("command", "java " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + " -cp benchmarks.jar " + MemorySuite.class.getName() + " " + String.join(" ", args));
        doc.put("machine", Suite.machine());
        doc.put("stores", seen);
        doc.put("results", results);
        doc.put("series", allSeries);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);
        Suite.log("results: %s", out);
    }

    /** Heap per triple held in NervusDB's memtable: 200,000 triples added without a flush. */
    static Map<String, Object> memtableBytesPerTriple(Path dir) throws IOException {
        Suite.deleteTree(dir);
        int n = 200_000;
        double delta;
        try (NervusDB db = NervusDB.open(dir, Options.defaults().memtableSize(512L << 20))) {
            db.add("warm", "up", "triple");
            double before = heapMb();
            for (int b = 0; b < n; b += 10_000) {
                List<Triple> batch = new ArrayList<>();
                for (int i = b; i < b + 10_000; i++) {
                    batch.add(Triple.of("http://bench.example/s" + (i / 10), "http://bench.example/p" + (i % 7), "\"value " + i + "\""));
                }
                db.addAll(batch);
            }
            delta = heapMb() - before;
        }
        Suite.deleteTree(dir);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("shape", "memtable");
        r.put("scale", n);
        r.put("workload", "heap per triple in the memtable");
        r.put("store", "NervusDB");
        r.put("value", Math.round(delta * 1e6 / n * 10) / 10.0);
        r.put("unit", "bytes/triple");
        r.put("better", "lower");
        r.put("note", "heap after GC with 200,000 new triples (20,000 subjects, 7 predicates, distinct literals) in the memtable, "
                + "minus before, over 200,000; terms and three index entries each");
        return r;
    }
}
