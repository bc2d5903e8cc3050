package org.nervusdb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.nervusdb.Triple;

/**
 * The deterministic data set shared by the benchmarks, the same shape as {@link QuickFigures}:
 * triple {@code i} is {@code ("s" + i/10, "p" + i%20, "o" + i)}. Every subject therefore has ten
 * triples with ten distinct predicates (subject {@code k} uses {@code p0..p9} when {@code k} is
 * even and {@code p10..p19} when odd), every object is unique, and no triple repeats.
 */
public final class BenchData {
    private BenchData() {
    }

    public static String subject(long i) {
        return "s" + (i / 10);
    }

    public static String predicate(long i) {
        return "p" + (i % 20);
    }

    public static String object(long i) {
        return "o" + i;
    }

    /** Triple number {@code i} of the data set. */
    public static Triple triple(long i) {
        return Triple.of(subject(i), predicate(i), object(i));
    }

    /** Triples {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public static List<Triple> batch(long from, long to) {
        if (to < from) {
            throw new IllegalArgumentException("batch end " + to + " before start " + from);
        }
        List<Triple> list = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            list.add(triple(i));
        }
        return list;
    }

    /** A new empty directory under {@code java.io.tmpdir}. */
    public static Path createTempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    /** Deletes {@code dir} and everything under it; a missing directory is not an error. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
