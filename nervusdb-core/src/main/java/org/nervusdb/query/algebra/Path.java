package org.nervusdb.query.algebra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A property path (SPARQL 1.1), plus bounded repetition for the query builder. */
public abstract class Path {
    private Path() {
    }

    /** One predicate. */
    public static final class Link extends Path {
        public final String iri;

        public Link(String iri) {
            this.iri = iri;
        }

        @Override
        public String toString() {
            return "<" + iri + ">";
        }
    }

    /** {@code ^path}. */
    public static final class Inverse extends Path {
        public final Path path;

        public Inverse(Path path) {
            this.path = path;
        }

        @Override
        public String toString() {
            return "^(" + path + ")";
        }
    }

    /** {@code a / b}. */
    public static final class Seq extends Path {
        public final Path first;
        public final Path second;

        public Seq(Path first, Path second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public String toString() {
            return "(" + first + " / " + second + ")";
        }
    }

    /** {@code a | b}. */
    public static final class Alt extends Path {
        public final Path first;
        public final Path second;

        public Alt(Path first, Path second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public String toString() {
            return "(" + first + " | " + second + ")";
        }
    }

    /**
     * Between {@code min} and {@code max} steps of {@code path} ({@code max} -1: unbounded), each
     * node reached once: {@code *} is (0, -1), {@code +} is (1, -1), {@code ?} is (0, 1).
     * Evaluation follows SPARQL's set semantics for these (no duplicate paths).
     */
    public static final class Repeat extends Path {
        public final Path path;
        public final int min;
        public final int max;

        public Repeat(Path path, int min, int max) {
            this.path = path;
            this.min = min;
            this.max = max;
        }

        @Override
        public String toString() {
            String q = min == 0 && max == -1 ? "*" : min == 1 && max == -1 ? "+" : min == 0 && max == 1 ? "?"
                    : "{" + min + "," + (max < 0 ? "" : max) + "}";
            return "(" + path + ")" + q;
        }
    }

    /** {@code !(a | ^b)}: any predicate but the listed ones, forwards or backwards. */
    public static final class NegatedSet extends Path {
        public final List<String> forward;
        public final List<String> inverse;

        public NegatedSet(List<String> forward, List<String> inverse) {
            this.forward = Collections.unmodifiableList(new ArrayList<>(forward));
            this.inverse = Collections.unmodifiableList(new ArrayList<>(inverse));
        }

        @Override
        public String toString() {
            return "!(" + forward + " ^" + inverse + ")";
        }
    }
}
