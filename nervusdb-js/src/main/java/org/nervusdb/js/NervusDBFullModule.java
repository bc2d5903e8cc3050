package org.nervusdb.js;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nervusdb.TripleReader;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.QueryEngine;
import org.nervusdb.query.QueryOptions;
import org.nervusdb.query.QueryResult;
import org.nervusdb.query.Sparql;
import org.nervusdb.query.algebra.Query;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSExportClasses;

/**
 * Entry point of the full module ({@code nervusdb-full.wasm}, {@code nervusdb-full.mjs}):
 * everything of the storage core ({@link NervusDBModule}, with the same exports) plus SPARQL,
 * as {@link #sparql} and {@link #explain}, which take a store this module opened. The package
 * loads it on a database's first SPARQL query and moves the database to it.
 */
@JSExportClasses(JsNervusDB.class)
public final class NervusDBFullModule {
    private NervusDBFullModule() {
    }

    /** As {@link NervusDBModule#openInMemory}. */
    @JSExport
    public static JsNervusDB openInMemory() {
        return new JsNervusDB();
    }

    /** As {@link NervusDBModule#openInMemorySized}. */
    @JSExport
    public static JsNervusDB openInMemorySized(double memtableBytes, double blockCacheBytes) {
        return JsNervusDB.inMemory((long) memtableBytes, (long) blockCacheBytes);
    }

    /** As {@link NervusDBModule#openInMemoryFrom}. */
    @JSExport
    public static JsNervusDB openInMemoryFrom(MemoryFiles files, double memtableBytes, double blockCacheBytes) {
        return JsNervusDB.inMemoryFrom(files, (long) memtableBytes, (long) blockCacheBytes);
    }

    /** As {@link NervusDBModule#openDirectory}. */
    @JSExport
    public static JsNervusDB openDirectory(FsHost host, boolean syncOnCommit, double memtableBytes,
            double blockCacheBytes) {
        return NervusDBModule.directory(host, syncOnCommit, memtableBytes, blockCacheBytes);
    }

    /** Which module this is: "full" (this one) or "core". */
    @JSExport
    public static String module() {
        return "full";
    }

    /** Version of the bindings. */
    @JSExport
    public static String version() {
        return NervusDBModule.VERSION;
    }

    /**
     * Runs a SPARQL SELECT or ASK query on {@code db} (a store this module opened), reading what
     * its pin holds while pinned. Returns one flat array: for ASK {@code ["a", "true" or
     * "false"]}; for SELECT {@code ["s", n, rows, var1 .. varn]} followed by the rows, n cells
     * each: a stored term, or null where the variable is unbound. {@code timeoutMillis} 0 means
     * no time limit.
     */
    @JSExport
    public static String[] sparql(JsNervusDB db, String query, double timeoutMillis) {
        try (QueryResult r = run(db.reader(), Sparql.parse(query, null),
                QueryOptions.defaults().timeoutMillis((long) timeoutMillis))) {
            List<String> out = new ArrayList<>();
            if (r.kind() == QueryResult.Kind.ASK) {
                out.add("a");
                out.add(String.valueOf(r.askAnswer()));
            } else {
                out.add("s");
                out.add(Integer.toString(r.variables().size()));
                out.add(null); // the number of rows, set below
                out.addAll(r.variables());
                int rows = 0;
                for (; r.hasNext(); rows++) {
                    out.addAll(Arrays.asList(r.next()));
                }
                out.set(2, Integer.toString(rows));
            }
            return out.toArray(new String[0]);
        } catch (RuntimeException e) {
            throw JsNervusDB.failed(e);
        }
    }

    private static QueryResult run(TripleReader reader, Query q, QueryOptions options) {
        return reader instanceof TripleStore.StoreSnapshot
                ? QueryEngine.run((TripleStore.StoreSnapshot) reader, q, options)
                : QueryEngine.run((TripleStore) reader, q, options);
    }

    /** Runs a query on {@code db} to its end and describes the chosen plan with rows per operator. */
    @JSExport
    public static String explain(JsNervusDB db, String query) {
        try {
            return QueryEngine.explain(db.store(), Sparql.parse(query, null), QueryOptions.defaults());
        } catch (RuntimeException e) {
            throw JsNervusDB.failed(e);
        }
    }
}
