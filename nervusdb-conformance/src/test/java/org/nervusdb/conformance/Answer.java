package org.nervusdb.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.rdf4j.model.Value;
import org.nervusdb.QueryResult;

/**
 * An engine's answer read whole, as the stored terms it gave, so that it can be compared and
 * also handed to the engine's result writers again ({@link #replay}).
 */
final class Answer {
    final QueryResult.Kind kind;
    final List<String> variables;
    final List<String[]> rows;
    final boolean askAnswer;

    private Answer(QueryResult.Kind kind, List<String> variables, List<String[]> rows, boolean askAnswer) {
        this.kind = kind;
        this.variables = List.copyOf(variables);
        this.rows = rows;
        this.askAnswer = askAnswer;
    }

    /** Reads a result to its end; more than {@code maxRows} rows, or rows of the wrong width, are a wrong answer. */
    static Answer read(QueryResult result, int maxRows) throws ConformanceRunner.WrongAnswer {
        if (result.kind() == QueryResult.Kind.ASK) {
            return new Answer(result.kind(), List.of(), List.of(), result.askAnswer());
        }
        List<String> variables = result.variables();
        List<String[]> rows = new ArrayList<>();
        while (result.hasNext()) {
            if (rows.size() == maxRows) {
                throw new ConformanceRunner.WrongAnswer("more than " + maxRows + " rows");
            }
            String[] terms = result.next();
            if (terms.length != variables.size()) {
                throw new ConformanceRunner.WrongAnswer("row " + (rows.size() + 1) + " has " + terms.length + " terms for "
                        + variables.size() + " variables");
            }
            rows.add(terms);
        }
        return new Answer(result.kind(), variables, rows, false);
    }

    /** The SELECT or ASK answer with its terms read back into RDF values ({@link Terms#fromStored}). */
    Solutions solutions() throws ConformanceRunner.WrongAnswer {
        if (kind == QueryResult.Kind.ASK) {
            return Solutions.ask(askAnswer);
        }
        List<Map<String, Value>> out = new ArrayList<>();
        for (String[] terms : rows) {
            Map<String, Value> row = new HashMap<>();
            for (int i = 0; i < terms.length; i++) {
                if (terms[i] != null) {
                    row.put(variables.get(i), value(terms[i], "row " + (out.size() + 1) + ", ?" + variables.get(i)));
                }
            }
            out.add(row);
        }
        return Solutions.select(variables, out, true);
    }

    /** The triples of a graph answer; each term must be an RDF term, and no entry null. */
    List<String[]> triples() throws ConformanceRunner.WrongAnswer {
        if (kind != QueryResult.Kind.GRAPH) {
            throw new ConformanceRunner.WrongAnswer("expected a graph (CONSTRUCT or DESCRIBE), got a " + kind + " result");
        }
        for (int r = 0; r < rows.size(); r++) {
            for (String term : rows.get(r)) {
                if (term == null) {
                    throw new ConformanceRunner.WrongAnswer("triple " + (r + 1) + " has an unbound position");
                }
                value(term, "triple " + (r + 1));
            }
        }
        return rows;
    }

    private static Value value(String term, String where) throws ConformanceRunner.WrongAnswer {
        try {
            return Terms.fromStored(term);
        } catch (RuntimeException e) {
            throw new ConformanceRunner.WrongAnswer(where + ": not an RDF term (" + e.getMessage() + "): " + term);
        }
    }

    /** The same answer as a fresh result, for a writer. */
    QueryResult replay() {
        Iterator<String[]> it = rows.iterator();
        return new QueryResult() {
            @Override
            public Kind kind() {
                return kind;
            }

            @Override
            public List<String> variables() {
                return variables;
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String[] next() {
                return it.next();
            }

            @Override
            public boolean askAnswer() {
                return askAnswer;
            }

            @Override
            public void close() {
            }
        };
    }
}
