package org.nervusdb.bench.suite;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nervusdb.bench.LoadComparison;
import org.nervusdb.bench.SocialGraph;
import org.nervusdb.rdf.NTriplesParser;

/**
 * A generated data set of the suite, written once as an N-Triples file, with the sample triples
 * and queries its workloads use. Three shapes: {@code social} (the query benchmarks'
 * {@link SocialGraph}, names made absolute under {@value #SOCIAL}) and {@code university}
 * ({@link UniversityGraph}, LUBM-like), whose target is a number of triples, and
 * {@value #QUERIES} ({@link QueryShapes}), whose target is its largest number of keys and which
 * has its own queries. Samples are triples of the file drawn uniformly (a reservoir over its
 * lines, fixed seed), so every store is asked the same questions.
 */
public final class Dataset {
    public static final String SOCIAL = LoadComparison.BASE;
    /** The data set of the query-shapes workloads. */
    public static final String QUERIES = "queries";
    static final int SAMPLE = 20_000;

    public final String shape;
    public final long target;
    public final Path file;
    public final long lines;
    /** Triples of the file, drawn uniformly. */
    public final List<String[]> sample;

    private Dataset(String shape, long target, Path file, long lines, List<String[]> sample) {
        this.shape = shape;
        this.target = target;
        this.file = file;
        this.lines = lines;
        this.sample = sample;
    }

    /**
     * Writes (or reuses, if it is there with its line count) the data set of about {@code target}
     * triples ({@value #QUERIES}: of {@code target} keys) under {@code dir}.
     */
    public static Dataset create(String shape, long target, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(shape + "-" + target + ".nt");
        Path count = dir.resolve(shape + "-" + target + ".lines");
        long lines;
        if (Files.exists(file) && Files.exists(count)) {
            lines = Long.parseLong(Files.readString(count).trim());
        } else {
            switch (shape) {
                case "social":
                    lines = LoadComparison.writeFile(Math.max(10, Math.round(target / 17.5)), file);
                    break;
                case "university":
                    try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                        lines = writeUniversity(w, target);
                    }
                    break;
                case QUERIES:
                    try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                        lines = QueryShapes.write(w, target);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown shape " + shape + " (social, university or " + QUERIES + ")");
            }
            Files.writeString(count, Long.toString(lines));
        }
        return new Dataset(shape, target, file, lines, sample(file, SAMPLE, 42));
    }

    private static long writeUniversity(Writer w, long target) throws IOException {
        // Universities one after the other until the target is reached (about 130,000 triples each).
        long lines = 0;
        int u = 0;
        while (lines < target) {
            lines += UniversityGraph.writeOne(w, u++, Math.max(1000, (int) (target / 100_000)));
        }
        return lines;
    }

    /** {@code n} lines of the file drawn uniformly (reservoir sampling), parsed. */
    static List<String[]> sample(Path file, int n, long seed) throws IOException {
        Random r = new Random(seed);
        String[] keep = new String[n];
        long seen = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                if (seen < n) {
                    keep[(int) seen] = line;
                } else {
                    long j = (long) (r.nextDouble() * (seen + 1));
                    if (j < n) {
                        keep[(int) j] = line;
                    }
                }
                seen++;
            }
        }
        List<String[]> out = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < Math.min(n, seen); i++) {
            all.append(keep[i]).append('\n');
        }
        NTriplesParser.nTriples().parse(new StringReader(all.toString()), (s, p, o, g) -> out.add(new String[] {s, p, o}));
        return out;
    }

    /** The i-th sampled triple (wrapping around). */
    public String[] sampled(int i) {
        return sample.get(Math.floorMod(i, sample.size()));
    }

    /** Predicate IRI of the shape's vocabulary. */
    String term(String local) {
        return shape.equals("social") ? SOCIAL + local : UniversityGraph.ONTO + local;
    }

    /**
     * Start nodes for the join and traversal queries: subjects of sampled triples with the
     * shape's linking predicate ({@code knows}; {@code takesCourse}).
     */
    List<String> starts(int n) {
        String link = shape.equals("social") ? term("knows") : term("takesCourse");
        List<String> out = new ArrayList<>();
        for (String[] t : sample) {
            if (t[1].equals(link) && out.size() < n) {
                out.add(t[0]);
            }
        }
        return out;
    }

    /** A two-pattern join from {@code start}: friends' cities; the teachers of a student's courses. */
    String twoHop(String start) {
        if (shape.equals("social")) {
            return "SELECT ?f ?c WHERE { <" + start + "> <" + term("knows") + "> ?f . ?f <" + term("livesIn") + "> ?c }";
        }
        return "SELECT ?c ?t WHERE { <" + start + "> <" + term("takesCourse") + "> ?c . ?t <" + term("teacherOf") + "> ?c }";
    }

    /** A three-pattern join from {@code start}: friends of friends' employers; the departments of a student's teachers. */
    String threeHop(String start) {
        if (shape.equals("social")) {
            return "SELECT ?f ?g ?w WHERE { <" + start + "> <" + term("knows") + "> ?f . ?f <" + term("knows") + "> ?g . ?g <"
                    + term("worksAt") + "> ?w }";
        }
        return "SELECT ?c ?t ?d WHERE { <" + start + "> <" + term("takesCourse") + "> ?c . ?t <" + term("teacherOf") + "> ?c . ?t <"
                + term("worksFor") + "> ?d }";
    }

    /** A traversal: the distinct nodes three {@code knows} away; the distinct co-students of a student's courses' teachers' students. */
    String traversal(String start) {
        if (shape.equals("social")) {
            String k = "<" + term("knows") + ">";
            return "SELECT DISTINCT ?z WHERE { <" + start + "> " + k + "/" + k + "/" + k + " ?z }";
        }
        return "SELECT DISTINCT ?z WHERE { <" + start + "> <" + term("takesCourse") + ">/^<" + term("takesCourse") + "> ?z }";
    }

    /** New triples no data set holds: {@code n} of them, numbered from {@code from}. */
    static String[][] fresh(String tag, long from, int n) {
        String[][] out = new String[n][];
        for (int i = 0; i < n; i++) {
            long k = from + i;
            out[i] = new String[] {"http://bench.example/" + tag + "/s" + (k / 10), "http://bench.example/p" + (k % 7),
                "\"value " + k + "\""};
        }
        return out;
    }
}
