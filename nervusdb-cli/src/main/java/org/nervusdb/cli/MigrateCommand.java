package org.nervusdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nervusdb.InvalidPropertyException;
import org.nervusdb.NervusDB;
import org.nervusdb.Transaction;
import org.nervusdb.Triple;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Imports a database of the original TypeScript NervusDB (npm @nervusdb/core 0.1.x; main file with "
                + "the SYNAPSEDB header, version 2, with its .wal and .pages directory) into a new NervusDB database: "
                + "facts, node and edge properties, and labels (the strings of a node's 'labels' property).",
                "All or nothing: the database is built in a temporary directory next to --db and renamed to --db at the "
                        + "end. The source is only read; copy it first if a process may still be writing to it.",
                "Prints what it imported and any warnings (pages skipped for a bad checksum, a torn log, log writes "
                        + "the original ignores after a crash)."})
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "PATH",
            description = "The original database: its main file (such as data.synapsedb), or the directory holding it.")
    Path from;

    @Option(names = "--db", required = true, paramLabel = "DIR", description = "The new NervusDB database directory (must not exist, or be empty).")
    Path target;

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "The page index directory, when it was moved with the original's indexDirectory option (default: <main file>.pages).")
    Path indexDir;

    @Option(names = "--intended", description = {"After a crash, read what the writer did rather than what the original showed "
            + "on reopening: apply deletes that were only in the log, and number new strings in the order they were logged. "
            + "Right for a log written by one process; wrong if the original was reopened after the crash and wrote more."})
    boolean intended;

    @Option(names = "--tx-dedupe", description = "Replay the log as the original did when opened with enablePersistentTxDedupe "
            + "(skip committed batches whose transaction id is in txids.json).")
    boolean txDedupe;

    @Option(names = "--dry-run", description = "Read and report only; write nothing.")
    boolean dryRun;

    /** Property and label writes per commit. */
    static final int BATCH = 5_000;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path main = mainFile(from);
        if (!dryRun) {
            checkTarget(target);
        }
        long t0 = System.nanoTime();
        LegacyDatabase src = LegacyDatabase.read(main, indexDir, intended, txDedupe);
        Report r = new Report();
        List<String> problems = new ArrayList<>(src.warnings);
        Transaction props = plan(src, r, problems);
        if (!dryRun) {
            write(src, props);
        }
        for (String w : problems) {
            err.println("warning: " + w);
        }
        out.printf(Locale.ROOT, "source: %s%nstrings: %d%nfacts: %d%nnode properties: %d%nedge properties: %d%n"
                        + "edge properties skipped (fact deleted): %d%nnodes with labels: %d%nlabels: %d%npages read: %d%n"
                        + "pages skipped: %d%nlog records: %d%nwarnings: %d%n%s%nseconds: %.2f%n",
                main, src.strings.size(), src.facts.size(), r.nodeProperties, r.edgeProperties, r.edgePropertiesSkipped,
                r.labelledNodes, r.labels, src.pagesRead, src.pagesSkipped, src.logRecords, problems.size(),
                dryRun ? "written: nothing (--dry-run)" : "written: " + target, (System.nanoTime() - t0) / 1e9);
        out.flush();
        return Main.EXIT_OK;
    }

    /** Counts for the report. */
    private static final class Report {
        long nodeProperties;
        long edgeProperties;
        long edgePropertiesSkipped;
        long labelledNodes;
        long labels;
    }

    /** The main file: {@code from} itself, or the one file with the SYNAPSEDB header in directory {@code from}. */
    static Path mainFile(Path from) throws IOException {
        if (Files.isRegularFile(from)) {
            return from;
        }
        if (!Files.isDirectory(from)) {
            throw new CliException("cannot read " + from + ": no such file or directory");
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p) && hasMagic(p)) {
                    found.add(p);
                }
            }
        }
        if (found.size() != 1) {
            throw new CliException(from + (found.isEmpty() ? " holds no file with a SYNAPSEDB header"
                    : " holds several databases " + found + "; name the main file with --from"));
        }
        return found.get(0);
    }

    private static boolean hasMagic(Path p) throws IOException {
        try (var in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(LegacyDatabase.MAGIC.length);
            return java.util.Arrays.equals(b, LegacyDatabase.MAGIC);
        }
    }

    private static void checkTarget(Path target) throws IOException {
        OutputPaths.refuseInsideDatabase(target, "--db");
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new CliException(target + " exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new CliException(target + " is not empty; migrate writes a new database");
                }
            }
        }
    }

    /** The properties and labels to write, as one transaction (committed in slices); fills the report. */
    private static Transaction plan(LegacyDatabase src, Report r, List<String> problems) {
        Transaction tx = new Transaction();
        int n = src.strings.size();
        for (Map.Entry<Integer, Map<String, Object>> e : src.nodeProperties.entrySet()) {
            int id = e.getKey();
            if (id < 0 || id >= n) {
                problems.add("properties of node id " + Integer.toUnsignedString(id) + ", which is not in the dictionary (left out)");
                continue;
            }
            Map<String, Object> p = e.getValue();
            if (p.isEmpty()) {
                continue;
            }
            String node = src.strings.get(id);
            try {
                tx.setNodeProperties(node, p);
            } catch (InvalidPropertyException ex) {
                throw new CliException("properties of node " + node + " cannot be stored: " + ex.getMessage());
            }
            r.nodeProperties++;
            List<String> labels = LegacyDatabase.labels(p);
            if (!labels.isEmpty()) {
                tx.addLabels(node, labels);
                r.labelledNodes++;
                r.labels += labels.size();
            }
        }
        for (Map.Entry<LegacyDatabase.IdTriple, Map<String, Object>> e : src.edgeProperties.entrySet()) {
            LegacyDatabase.IdTriple t = e.getKey();
            if (e.getValue().isEmpty()) {
                continue;
            }
            if (!src.facts.contains(t)) {
                // NervusDB keeps edge properties with their triple; the original kept them after a delete too.
                r.edgePropertiesSkipped++;
                continue;
            }
            try {
                tx.setEdgeProperties(src.strings.get(t.s()), src.strings.get(t.p()), src.strings.get(t.o()), e.getValue());
            } catch (InvalidPropertyException ex) {
                throw new CliException("properties of edge " + t + " cannot be stored: " + ex.getMessage());
            }
            r.edgeProperties++;
        }
        if (r.edgePropertiesSkipped > 0) {
            problems.add(r.edgePropertiesSkipped + " edge properties belong to deleted facts (left out)");
        }
        return tx;
    }

    /** Builds the database in a temporary sibling directory and renames it to the target. */
    private void write(LegacyDatabase src, Transaction props) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".migrating-" + ProcessHandle.current().pid());
        deleteTree(tmp);
        boolean done = false;
        try {
            try (NervusDB db = NervusDB.open(tmp)) {
                Iterator<LegacyDatabase.IdTriple> it = src.facts.iterator();
                db.bulkLoad(new Iterator<Triple>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Triple next() {
                        LegacyDatabase.IdTriple t = it.next();
                        return Triple.of(src.strings.get(t.s()), src.strings.get(t.p()), src.strings.get(t.o()));
                    }
                });
                for (Transaction slice : props.slices(BATCH)) {
                    db.commit(slice);
                }
                db.flush();
            }
            if (Files.exists(abs)) {
                Files.delete(abs); // empty, checked before
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs);
            }
            done = true;
        } finally {
            if (!done) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
