package org.nervusdb;

import org.jspecify.annotations.Nullable;

/** An immutable subject–predicate–object fact. Terms are arbitrary Unicode strings. */
public final class Triple implements Comparable<Triple> {
    private final String subject;
    private final String predicate;
    private final String object;

    public Triple(String subject, String predicate, String object) {
        this.subject = subject;
        this.predicate = predicate;
        this.object = object;
    }

    public static Triple of(String subject, String predicate, String object) {
        return new Triple(subject, predicate, object);
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

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Triple)) {
            return false;
        }
        Triple t = (Triple) o;
        return eq(subject, t.subject) && eq(predicate, t.predicate) && eq(object, t.object);
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    @Override
    public int hashCode() {
        int h = subject == null ? 0 : subject.hashCode();
        h = 31 * h + (predicate == null ? 0 : predicate.hashCode());
        return 31 * h + (object == null ? 0 : object.hashCode());
    }

    /** Orders by subject, then predicate, then object, comparing UTF-16 code units. */
    @Override
    public int compareTo(Triple o) {
        int c = subject.compareTo(o.subject);
        if (c != 0) {
            return c;
        }
        c = predicate.compareTo(o.predicate);
        return c != 0 ? c : object.compareTo(o.object);
    }

    @Override
    public String toString() {
        return "(" + subject + ", " + predicate + ", " + object + ")";
    }
}
