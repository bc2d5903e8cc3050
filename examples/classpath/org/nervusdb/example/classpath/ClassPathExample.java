package org.nervusdb.example.classpath;

import java.util.List;
import java.util.Map;
import org.nervusdb.NervusDB;
import org.nervusdb.QueryResult;
import org.nervusdb.Transaction;
import org.nervusdb.Triple;

/** The same library on the class path (one jar, no JSpecify at run time): an in-memory database. */
public final class ClassPathExample {
    public static void main(String[] args) {
        try (NervusDB db = NervusDB.openInMemory()) {
            db.addAll(List.of(Triple.of("alice", "knows", "bob"), Triple.of("bob", "knows", "carol")));
            db.commit(new Transaction().setNodeProperties("alice", Map.of("age", 30)));
            int rows = 0;
            try (QueryResult r = db.sparql("SELECT ?x WHERE { <alice> <knows> ?x OPTIONAL { ?x <age> ?age } }")) {
                for (String[] row : r) {
                    System.out.println(row[0]);
                    rows++;
                }
            }
            if (rows != 1 || !db.nodeProperties("alice").get("age").equals(30L)) {
                throw new AssertionError("unexpected answers");
            }
            if (NervusDB.class.getModule().isNamed()) {
                throw new AssertionError("expected the unnamed module on the class path");
            }
            System.out.println("class path: ok (" + db.count(null, null, null) + " triples)");
        }
    }
}
