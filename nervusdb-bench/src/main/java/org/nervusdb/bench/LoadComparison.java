package org.nervusdb.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.nervusdb.NervusDB;
import org.nervusdb.TripleCursor;
import org.nervusdb.Triple;
import org.nervusdb.rdf.NTriplesByteParser;
import org.nervusdb.rdf.NTriplesWriter;

/**
 * Bulk load of one N-Triples file into NervusDB ({@link NervusDB#bulkLoad}) and into Apache Jena
 * TDB2 (its phased loader, which {@code tdb2.tdbloader} picks for an empty database), one after
 * the other in the same JVM, each into a new directory. The file is the {@link SocialGraph} of
 * PEOPLE people with plain names made absolute under {@value #BASE}. Both times include parsing
 * the file. Usage:
 * {@code java -Xmx4g -cp benchmarks.jar org.nervusdb.bench.LoadComparison [PEOPLE [DIR]]}
 * (57,500 people make about 1 million triples, 575,000 about 10 million). Without DIR a
 * temporary directory is used and deleted at the end.
 */
public final class LoadComparison {
    public static final String BASE = "http://example.org/";

    private LoadComparison() {
    }

    /** A plain name made absolute; literals, blank nodes and absolute IRIs stay as they are. */
    public static String absolute(String term) {
        if (term.startsWith("\"") || term.startsWith("_:") || term.indexOf(':') >= 0) {
            return term;
        }
        return BASE + term;
    }

    /** Writes the social graph of {@code people} as N-Triples; returns the number of lines. */
    public static long writeFile(long people, Path file) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            NTriplesWriter nt = new NTriplesWriter(w);
            for (Iterator<Triple> it = BulkLoadFigures.stream(people); it.hasNext(); ) {
                Triple t = it.next();
                nt.write(absolute(t.subject()), absolute(t.predicate()), absolute(t.object()));
            }
            nt.flush();
            return nt.count();
        }
    }

    /**
     * Bulk-loads an N-Triples file: {@link NTriplesByteParser} on the load's reading thread hands
     * the terms over as UTF-8, as {@code nervusdb import --bulk} does. Returns the triples added.
     */
    public static long bulkLoad(NervusDB db, Path file) {
        return db.bulkLoad(sink -> {
            try (InputStream in = Files.newInputStream(file)) {
                NTriplesByteParser.nTriples().parse(in, (b, so, sl, po, pl, oo, ol, go, gl) -> sink.addUtf8(b, so, sl, po, pl, oo, ol));
            }
        });
    }

    /** Bytes of all files under {@code dir}. */
    public static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Bytes allocated under {@code dir} as {@code du -sk} reports them, or -1 without du. */
    static long allocated(Path dir) {
        try {
            Process p = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? Long.parseLong(out.split("\\s+")[0]) * 1024 : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public static void main(String[] args) throws Exception {
        long people = args.length > 0 ? Long.parseLong(args[0]) : 57_500;
        Path root = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("nervusdb-vs-tdb2");
        Files.createDirectories(root);
        Path file = root.resolve("social-" + people + ".nt");
        Path nervus = root.resolve("nervusdb");
        Path tdb2 = root.resolve("tdb2");
        deleteTree(nervus);
        deleteTree(tdb2);
        try {
            long t0 = System.nanoTime();
            long lines = writeFile(people, file);
            System.out.printf(Locale.ROOT, "file: %s, %,d triples, %,d bytes, written in %.2f s%n", file, lines,
                    Files.size(file), (System.nanoTime() - t0) / 1e9);

            // (a) NervusDB: parse bytes on a reading thread, bulk load on this one (as `nervusdb import --bulk` does).
            long nCount;
            double nSecs;
            long nBytes;
            try (NervusDB db = NervusDB.open(nervus)) {
                long t1 = System.nanoTime();
                bulkLoad(db, file);
                nSecs = (System.nanoTime() - t1) / 1e9;
            }
            nBytes = bytes(nervus);
            try (NervusDB db = NervusDB.open(nervus)) {
                long c = 0;
                try (TripleCursor cur = db.cursor(null, null, null)) {
                    for (; cur.hasNext(); cur.next()) {
                        c++;
                    }
                }
                nCount = c;
                if (c != db.count(null, null, null)) {
                    System.out.printf(Locale.ROOT, "NervusDB: counted %,d triples, count() says %,d%n", c, db.count(null, null, null));
                }
            }
            print("NervusDB bulkLoad", nCount, nSecs, nBytes, allocated(nervus));

            // (b) Jena TDB2: the phased loader, tdb2.tdbloader's default for an empty database.
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(tdb2.toString());
            DataLoader loader = LoaderFactory.phasedLoader(dsg, null, (fmt, a) -> { });
            long t2 = System.nanoTime();
            loader.startBulk();
            loader.load(file.toString());
            loader.finishBulk();
            double jSecs = (System.nanoTime() - t2) / 1e9;
            long jCount = Txn.calculateRead(dsg, () -> {
                long c = 0;
                for (Iterator<?> it = dsg.getDefaultGraph().find(); it.hasNext(); it.next()) {
                    c++;
                }
                return c;
            });
            TDBInternal.expel(dsg);
            long jBytes = bytes(tdb2);
            print("Jena TDB2 phased loader (" + loader.getClass().getSimpleName() + ")", jCount, jSecs, jBytes, allocated(tdb2));

            System.out.printf(Locale.ROOT, "ratio (NervusDB triples/s over TDB2 triples/s): %.2f; file bytes NervusDB/TDB2: %.2f%n",
                    jSecs / nSecs, nBytes / (double) jBytes);
            if (nCount != jCount) {
                System.out.printf(Locale.ROOT, "MISMATCH: NervusDB holds %,d triples, TDB2 %,d%n", nCount, jCount);
                System.exit(1);
            }
            System.out.printf(Locale.ROOT, "both stores hold %,d distinct triples (the file has %,d lines)%n", nCount, lines);
        } finally {
            if (args.length < 2) {
                deleteTree(root);
            }
        }
    }

    private static void print(String what, long triples, double secs, long bytes, long allocated) {
        System.out.printf(Locale.ROOT, "%-45s %,12d triples %8.2f s %,12.0f triples/s; files %,d bytes (%.1f bytes/triple), allocated (du) %,d bytes%n",
                what, triples, secs, triples / secs, bytes, bytes / (double) triples, allocated);
    }
}
