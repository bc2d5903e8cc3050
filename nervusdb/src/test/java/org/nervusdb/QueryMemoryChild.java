package org.nervusdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM for {@link HostileQueriesTest}: loads 3,000 + 3,000 triples into DIR, runs ORDER BY over
 * their cross product with default options and prints the error code it ends with.
 */
public final class QueryMemoryChild {
    private QueryMemoryChild() {
    }

    public static void main(String[] args) {
        try (NervusDB db = NervusDB.open(Path.of(args[0]))) {
            List<Triple> ts = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                ts.add(Triple.of("a" + i, "p", "b" + i));
                ts.add(Triple.of("c" + i, "q", "d" + i));
            }
            db.addAll(ts);
            long n = 0;
            try (QueryResult r = db.sparql("SELECT * WHERE { ?a <p> ?b . ?c <q> ?d } ORDER BY ?b ?d")) {
                while (r.hasNext()) {
                    r.next();
                    n++;
                }
                System.out.println("rows " + n);
            } catch (NervusDBException e) {
                System.out.println(e.code() + ": " + e.getMessage());
            }
        }
    }
}
