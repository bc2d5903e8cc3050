package org.nervusdb.bench.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.nervusdb.NervusDB;
import org.nervusdb.QueryResult;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.bench.LoadComparison;

/** NervusDB through its public JVM API, default options (every commit fsynced). */
public final class NervusStore implements Store {
    private NervusDB db;
    private long charsRead;

    @Override
    public String name() {
        return "NervusDB";
    }

    @Override
    public String notes() {
        return "default options (fsync per commit); bulk load through NervusDB.bulkLoad";
    }

    @Override
    public String version() {
        String v = NervusDB.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    @Override
    public void open(Path dir) {
        db = NervusDB.open(dir);
    }

    @Override
    public void bulkLoad(Path ntriples) {
        LoadComparison.bulkLoad(db, ntriples);
    }

    @Override
    public void addDurable(String s, String p, String o) {
        db.add(s, p, o);
    }

    private static List<Triple> triples(String[][] t) {
        List<Triple> out = new ArrayList<>(t.length);
        for (String[] x : t) {
            out.add(Triple.of(x[0], x[1], x[2]));
        }
        return out;
    }

    @Override
    public void addBatch(String[][] triples) {
        db.addAll(triples(triples));
    }

    @Override
    public void deleteBatch(String[][] triples) {
        db.deleteAll(triples(triples));
    }

    @Override
    public long match(String s, String p, String o) {
        long n = 0;
        try (TripleCursor c = db.cursor(s, p, o)) {
            long chars = 0;
            while (c.hasNext()) {
                Triple t = c.next();
                chars += t.subject().length() + t.predicate().length() + t.object().length();
                n++;
            }
            charsRead += chars;
        }
        return n;
    }

    @Override
    public long select(String sparql) {
        long n = 0;
        try (QueryResult r = db.sparql(sparql)) {
            if (r.kind() == QueryResult.Kind.ASK) {
                return r.askAnswer() ? 1 : 0;
            }
            long chars = 0;
            while (r.hasNext()) {
                for (String term : r.next()) {
                    if (term != null) {
                        chars += term.length();
                    }
                }
                n++;
            }
            charsRead += chars;
        }
        return n;
    }

    @Override
    public List<String> rows(String sparql) {
        List<String> out = new ArrayList<>();
        try (QueryResult r = db.sparql(sparql)) {
            if (r.kind() == QueryResult.Kind.ASK) {
                return List.of(Boolean.toString(r.askAnswer()));
            }
            List<String> vars = r.variables();
            while (r.hasNext()) {
                String[] terms = r.next();
                TreeMap<String, String> b = new TreeMap<>();
                for (int i = 0; i < terms.length; i++) {
                    if (terms[i] != null) {
                        b.put(vars.get(i), terms[i]);
                    }
                }
                out.add(Store.row(b));
            }
        }
        out.sort(null);
        return out;
    }

    /** The plan NervusDB chooses for a query, with rows per operator (the query runs to its end). */
    public String explain(String sparql) {
        return db.explain(sparql);
    }

    @Override
    public long charsRead() {
        return charsRead;
    }

    @Override
    public long size() {
        return db.count(null, null, null);
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
