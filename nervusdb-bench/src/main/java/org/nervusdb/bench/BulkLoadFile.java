package org.nervusdb.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nervusdb.NervusDB;
import org.nervusdb.rdf.NTriplesByteParser;
import org.nervusdb.rdf.NTriplesParser;

/**
 * Times the bulk load of one N-Triples file into a new NervusDB database, nothing else in the
 * run, parsed by {@link NTriplesByteParser} (with {@code --chars} first: by {@link NTriplesParser}
 * from a UTF-8 reader) on the load's reading thread. Usage:
 * {@code java -Xmx4g -cp benchmarks.jar org.nervusdb.bench.BulkLoadFile [--chars] FILE DIR [PEOPLE]};
 * with PEOPLE, FILE is first written as the social graph of that many people (as
 * {@link LoadComparison} writes it). DIR is deleted first and kept afterwards.
 */
public final class BulkLoadFile {
    private BulkLoadFile() {
    }

    public static void main(String[] args) throws Exception {
        boolean chars = args.length > 0 && args[0].equals("--chars");
        if (chars) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        Path file = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        if (args.length > 2) {
            long t0 = System.nanoTime();
            long lines = LoadComparison.writeFile(Long.parseLong(args[2]), file);
            System.out.printf(Locale.ROOT, "file: %s, %,d triples, %,d bytes, written in %.2f s%n", file, lines,
                    Files.size(file), (System.nanoTime() - t0) / 1e9);
        }
        LoadComparison.deleteTree(dir);
        long added;
        long t1 = System.nanoTime();
        try (NervusDB db = NervusDB.open(dir)) {
            added = !chars ? LoadComparison.bulkLoad(db, file) : db.bulkLoad(sink -> {
                try (Reader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                        StandardCharsets.UTF_8.newDecoder()), 1 << 16)) {
                    NTriplesParser.nTriples().parse(r, (s, p, o, g) -> sink.add(s, p, o));
                }
            });
        }
        double secs = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "bulk load of %s: %,d triples added in %.2f s = %,.0f triples/s; %,d bytes on disk%n",
                file.getFileName(), added, secs, added / secs, LoadComparison.bytes(dir));
    }
}
