package org.nervusdb.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import org.nervusdb.engine.TripleStore;

/** A SPARQL query's answer as rows of terms (null for unbound), for tests. */
final class Answers {
    private Answers() {
    }

    static List<List<String>> rows(TripleStore s, String query) {
        List<List<String>> out = new ArrayList<>();
        try (QueryResult r = QueryEngine.run(s, Sparql.parse(query, null), QueryOptions.defaults())) {
            while (r.hasNext()) {
                out.add(Arrays.asList(r.next()));
            }
        }
        return out;
    }
}
