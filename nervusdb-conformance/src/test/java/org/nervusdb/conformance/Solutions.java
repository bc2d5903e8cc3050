package org.nervusdb.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.eclipse.rdf4j.model.Value;

/**
 * A SELECT result or an ASK answer, expected or actual: the variables, and the solutions as maps
 * from variable name to value (unbound variables are absent).
 */
final class Solutions {
    /** Non-null for an ASK answer. */
    final Boolean askAnswer;
    final List<String> variables;
    final List<Map<String, Value>> rows;
    /** Whether the order of {@link #rows} is meaningful (document order, or rs:index). */
    final boolean ordered;

    private Solutions(Boolean askAnswer, List<String> variables, List<Map<String, Value>> rows, boolean ordered) {
        this.askAnswer = askAnswer;
        this.variables = Collections.unmodifiableList(new ArrayList<>(variables));
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
        this.ordered = ordered;
    }

    static Solutions ask(boolean answer) {
        return new Solutions(answer, List.of(), List.of(), false);
    }

    static Solutions select(List<String> variables, List<Map<String, Value>> rows, boolean ordered) {
        return new Solutions(null, variables, rows, ordered);
    }

    boolean isAsk() {
        return askAnswer != null;
    }

    /** A row for reports: {@code {?x=<a>, ?y="b"}}, variables sorted. */
    static String show(Map<String, Value> row) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (Map.Entry<String, Value> e : new TreeMap<>(row).entrySet()) {
            j.add("?" + e.getKey() + "=" + Terms.canonical(e.getValue()));
        }
        return j.toString();
    }
}
