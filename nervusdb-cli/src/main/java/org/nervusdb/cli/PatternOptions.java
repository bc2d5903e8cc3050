package org.nervusdb.cli;

import org.nervusdb.QueryBuilder;
import picocli.CommandLine.Option;

/** The {@code -s/-p/-o} options: a pattern's subject, predicate and object (omitted: any). */
final class PatternOptions {
    @Option(names = {"-s", "--subject"}, paramLabel = "S", description = "Match this subject.")
    String subject;

    @Option(names = {"-p", "--predicate"}, paramLabel = "P", description = "Match this predicate.")
    String predicate;

    @Option(names = {"-o", "--object"}, paramLabel = "O", description = "Match this object.")
    String object;

    boolean any() {
        return subject != null || predicate != null || object != null;
    }

    /** Adds the given positions to {@code q} as equality conditions. */
    QueryBuilder apply(QueryBuilder q) {
        if (subject != null) {
            q.whereSubject(subject);
        }
        if (predicate != null) {
            q.wherePredicate(predicate);
        }
        if (object != null) {
            q.whereObject(object);
        }
        return q;
    }
}
