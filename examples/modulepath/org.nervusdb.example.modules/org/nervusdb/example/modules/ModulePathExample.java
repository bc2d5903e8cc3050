package org.nervusdb.example.modules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nervusdb.NervusDB;
import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import org.nervusdb.QuerySyntaxException;
import org.nervusdb.Transaction;

/** Writes a few triples to a database on disk, reads them back with SPARQL, checks what it read. */
public final class ModulePathExample {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("nervusdb-module-example");
        long rows = 0;
        try (NervusDB db = NervusDB.open(dir.resolve("db"))) {
            db.commit(new Transaction().add("alice", "knows", "bob").add("bob", "knows", "carol"));
            try (QueryResult r = db.sparql("SELECT ?a ?b WHERE { ?a <knows> ?b } ORDER BY ?a",
                    QueryOptions.defaults().timeoutMillis(10_000))) {
                for (String[] row : r) {
                    System.out.println(Arrays.toString(row));
                    rows++;
                }
            }
            try {
                db.sparql("SELECT WHERE {").close();
                throw new AssertionError("a malformed query was accepted");
            } catch (QuerySyntaxException e) {
                System.out.println("syntax error at line " + e.line() + ", column " + e.column());
            }
            if (db.count(null, "knows", null) != 2) {
                throw new AssertionError("expected 2 triples");
            }
        }
        if (rows != 2) {
            throw new AssertionError("expected 2 rows, got " + rows);
        }
        Module m = NervusDB.class.getModule();
        if (!m.isNamed() || !m.getName().equals("org.nervusdb")) {
            throw new AssertionError("NervusDB is not in module org.nervusdb: " + m);
        }
        if (m.isExported("org.nervusdb.engine")) {
            throw new AssertionError("the engine package is exported to everyone");
        }
        System.out.println("module path: ok (" + m.getName() + ", " + rows + " rows)");
    }
}
