package org.nervusdb;

import org.jspecify.annotations.Nullable;

/**
 * An immutable statement in a graph: a triple and the name of the graph that holds it. A null
 * graph, or {@link #DEFAULT_GRAPH}, is the default graph; any other term names a named graph.
 * In patterns ({@code find}, {@code count}) a null position, the graph included, matches
 * anything, and {@link #DEFAULT_GRAPH} matches the default graph only.
 */
public final class Quad implements Comparable<Quad> {
    /**
     * The name that stands for the default graph, the one Apache Jena uses
     * ({@code urn:x-arq:DefaultGraph}): a quad in this graph is a triple of the default graph,
     * and it cannot name a named graph.
     */
    public static final String DEFAULT_GRAPH = "urn:x-arq:DefaultGraph";

    private final String subject;
    private final String predicate;
    private final String object;
    private final @Nullable String graph;

    public Quad(String subject, String predicate, String object, @Nullable String graph) {
        this.subject = subject;
        this.predicate = predicate;
        this.object = object;
        this.graph = DEFAULT_GRAPH.equals(graph) ? null : graph;
    }

    public static Quad of(String subject, String predicate, String object, @Nullable String graph) {
        return new Quad(subject, predicate, object, graph);
    }

    /** A quad of the default graph. */
    public static Quad of(Triple t) {
        return new Quad(t.subject(), t.predicate(), t.object(), null);
    }

    public String subject() {
        return subject;
    }

    public String predicate() {
        return predicate;
    }

    public String object() {
        return object;
    }

    /** The graph's name, or null for the default graph. */
    public @Nullable String graph() {
        return graph;
    }

    public boolean inDefaultGraph() {
        return graph == null;
    }

    public Triple triple() {
        return new Triple(subject, predicate, object);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Quad)) {
            return false;
        }
        Quad q = (Quad) o;
        return eq(subject, q.subject) && eq(predicate, q.predicate) && eq(object, q.object) && eq(graph, q.graph);
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    @Override
    public int hashCode() {
        int h = subject == null ? 0 : subject.hashCode();
        h = 31 * h + (predicate == null ? 0 : predicate.hashCode());
        h = 31 * h + (object == null ? 0 : object.hashCode());
        return 31 * h + (graph == null ? 0 : graph.hashCode());
    }

    /** Orders by graph (the default graph first), then subject, predicate and object. */
    @Override
    public int compareTo(Quad o) {
        if (graph == null || o.graph == null) {
            if (graph != o.graph) {
                return graph == null ? -1 : 1;
            }
        } else {
            int c = graph.compareTo(o.graph);
            if (c != 0) {
                return c;
            }
        }
        int c = subject.compareTo(o.subject);
        if (c != 0) {
            return c;
        }
        c = predicate.compareTo(o.predicate);
        return c != 0 ? c : object.compareTo(o.object);
    }

    @Override
    public String toString() {
        return "(" + subject + ", " + predicate + ", " + object + (graph == null ? "" : ", " + graph) + ")";
    }
}
