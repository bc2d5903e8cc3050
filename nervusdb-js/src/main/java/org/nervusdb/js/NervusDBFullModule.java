package org.nervusdb.js;

import java.io.IOException;
import java.util.List;
import org.nervusdb.QueryOptions;
import org.nervusdb.QueryResult;
import org.nervusdb.TripleReader;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.QueryEngine;
import org.nervusdb.query.ResultWriter;
import org.nervusdb.query.Sparql;
import org.nervusdb.query.UpdateEngine;
import org.nervusdb.query.algebra.Query;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSExportClasses;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Entry point of the full module ({@code nervusdb-full.wasm}, {@code nervusdb-full.mjs}):
 * everything of the storage core ({@link NervusDBModule}, with the same exports) plus SPARQL
 * queries and updates, as {@link #sparql} and {@link #explain}, which take a store this module opened. The package
 * loads it on a database's first SPARQL query and moves the database to it.
 */
@JSExportClasses(JsNervusDB.class)
public final class NervusDBFullModule {
    private NervusDBFullModule() {
    }

    /** As {@link NervusDBModule#openInMemory}. */
    @JSExport
    public static double openInMemory() {
        return JsNervusDB.register(JsNervusDB.inMemory(0, 0));
    }

    /** As {@link NervusDBModule#openInMemorySized}. */
    @JSExport
    public static double openInMemorySized(double memtableBytes, double blockCacheBytes) {
        return JsNervusDB.register(JsNervusDB.inMemory((long) memtableBytes, (long) blockCacheBytes));
    }

    /** As {@link NervusDBModule#openInMemoryFrom}. */
    @JSExport
    public static double openInMemoryFrom(MemoryFiles files, double memtableBytes, double blockCacheBytes) {
        return JsNervusDB.register(JsNervusDB.inMemoryFrom(files, (long) memtableBytes, (long) blockCacheBytes));
    }

    /** As {@link NervusDBModule#openDirectory}. */
    @JSExport
    public static double openDirectory(FsHost host, boolean syncOnCommit, double memtableBytes,
            double blockCacheBytes) {
        return JsNervusDB.register(NervusDBModule.directory(host, syncOnCommit, memtableBytes, blockCacheBytes));
    }

    /**
     * Opens the database on {@code host} for reading only, beside a writer in another process:
     * no lock, nothing created, written or deleted ({@link TripleStore#openReadOnly}); the
     * package opens read-only databases with this module only.
     */
    @JSExport
    public static double openDirectoryReadOnly(FsHost host, double memtableBytes, double blockCacheBytes) {
        StoreOptions options = new StoreOptions();
        if (memtableBytes > 0) {
            options.memtableBytes = (long) memtableBytes;
        }
        if (blockCacheBytes > 0) {
            options.blockCacheBytes = (long) blockCacheBytes;
        }
        try {
            return JsNervusDB.register(new JsNervusDB(TripleStore.openReadOnly(new HostFileSystem(host), options)));
        } catch (RuntimeException e) {
            throw JsNervusDB.failed(e);
        }
    }

    /** Of a database opened read-only: reads the commits made since it opened or last refreshed; whether any were. */
    @JSExport
    public static boolean refresh(double h) {
        try {
            return JsNervusDB.of(h).store().refresh();
        } catch (RuntimeException e) {
            throw JsNervusDB.failed(e);
        }
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
     * Runs a SPARQL 1.1 query or update request on {@code db} (a store this module opened).
     * Queries read what its pin holds while pinned; an update request (or, with flag {@code w},
     * only an update request) runs on the store as one atomic commit, durable on return when
     * the store syncs on commit, and LOAD is refused ({@code UNSUPPORTED}: this runtime reads
     * no documents). {@code flags} may hold {@code u} (the default graph is the union of all
     * graphs) and {@code w}. {@code format} empty, or one of json, xml, csv, tsv (SELECT and
     * ASK, and graphs as tables), nt, nq, ttl (CONSTRUCT and DESCRIBE): the result as that
     * document, IRIs without a scheme written after the store's base IRI. Returns one flat
     * array: {@code ["u", n]} for an update, n the quads added that were absent plus those
     * removed that were present; {@code ["t", text]} with a format; {@code ["a", "true" or
     * "false"]} for ASK; for SELECT {@code ["s", n, var1 .. varn]} followed by the rows,
     * n cells each (a stored term, or null where unbound), and the number of rows; for CONSTRUCT and DESCRIBE the same
     * with {@code "g"} and the columns subject, predicate, object. {@code timeoutMillis} 0
     * means no time limit. The list comes as one {@link JsNervusDB#begin results} array.
     */
    @JSExport
    public static Int8Array sparql(double h, String text, double timeoutMillis, String flags, String format) {
        JsNervusDB db = JsNervusDB.of(h);
        JsNervusDB out = db.begin();
        try {
            QueryOptions options = QueryOptions.defaults().timeoutMillis((long) timeoutMillis)
                    .unionDefaultGraph(flags.indexOf('u') >= 0);
            if (flags.indexOf('w') >= 0 || Sparql.isUpdate(text)) {
                if (!format.isEmpty()) {
                    throw new IllegalArgumentException("an update request has no result to write as " + format);
                }
                long n = UpdateEngine.run(db.store(), Sparql.parseUpdate(text, null), options, null);
                out.text("u");
                out.text(Long.toString(n));
                return out.finish();
            }
            ResultWriter.Format f = format.isEmpty() ? null : format(format);
            try (QueryResult r = run(db.reader(), Sparql.parse(text, null), options)) {
                if (f != null) {
                    StringBuilder sb = new StringBuilder();
                    ResultWriter.write(r, f, sb, db.store().baseIri());
                    out.text("t");
                    out.text(sb.toString());
                } else if (r.kind() == QueryResult.Kind.ASK) {
                    out.text("a");
                    out.text(String.valueOf(r.askAnswer()));
                } else {
                    List<String> vars = r.variables();
                    out.text(r.kind() == QueryResult.Kind.GRAPH ? "g" : "s");
                    out.text(Integer.toString(vars.size()));
                    for (String v : vars) {
                        out.text(v);
                    }
                    long rows = 0;
                    for (; r.hasNext(); rows++) {
                        for (String cell : r.next()) {
                            out.text(cell);
                        }
                    }
                    out.text(Long.toString(rows));
                }
                return out.finish();
            }
        } catch (IOException e) {
            out.abort();
            throw JsNervusDB.failed(new IllegalStateException(e.getMessage(), e));
        } catch (RuntimeException e) {
            out.abort();
            throw JsNervusDB.failed(e);
        }
    }

    private static ResultWriter.Format format(String name) {
        switch (name) {
            case "json":
                return ResultWriter.Format.JSON;
            case "xml":
                return ResultWriter.Format.XML;
            case "csv":
                return ResultWriter.Format.CSV;
            case "tsv":
                return ResultWriter.Format.TSV;
            case "nt":
            case "nq": // a graph result's triples are N-Quads of the default graph, written the same
                return ResultWriter.Format.NTRIPLES;
            case "ttl":
                return ResultWriter.Format.TURTLE;
            default:
                throw new IllegalArgumentException("unknown result format " + name
                        + ": json, xml, csv, tsv (SELECT and ASK), nt, nq, ttl (CONSTRUCT and DESCRIBE)");
        }
    }

    private static QueryResult run(TripleReader reader, Query q, QueryOptions options) {
        return reader instanceof TripleStore.StoreSnapshot
                ? QueryEngine.run((TripleStore.StoreSnapshot) reader, q, options)
                : QueryEngine.run((TripleStore) reader, q, options);
    }

    /** Runs a query on {@code db} to its end and describes the chosen plan with rows per operator. */
    @JSExport
    public static String explain(double h, String query) {
        try {
            return QueryEngine.explain(JsNervusDB.of(h).store(), Sparql.parse(query, null), QueryOptions.defaults());
        } catch (RuntimeException e) {
            throw JsNervusDB.failed(e);
        }
    }
}
