package org.nervusdb.js;

import org.nervusdb.engine.StoreOptions;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSExportClasses;

/**
 * Entry point of the storage core module ({@code nervusdb-core.wasm}, {@code nervusdb-core.mjs}):
 * stores, the query builder, properties, labels, transactions and file hosts, without SPARQL.
 * Its exported static methods become the module's named exports; {@link JsNervusDB} is exported
 * as a class. {@link NervusDBFullModule} is the module with SPARQL, which the package loads on
 * a database's first SPARQL query.
 */
@JSExportClasses(JsNervusDB.class)
public final class NervusDBModule {
    private NervusDBModule() {
    }

    /** Opens a new, empty in-memory store. */
    @JSExport
    public static double openInMemory() {
        return JsNervusDB.register(JsNervusDB.inMemory(0, 0));
    }

    /**
     * Opens a new, empty in-memory store with the given memtable and block cache sizes in bytes
     * (0 for the in-memory defaults: 8 MiB and 16 MiB).
     */
    @JSExport
    public static double openInMemorySized(double memtableBytes, double blockCacheBytes) {
        return JsNervusDB.register(JsNervusDB.inMemory((long) memtableBytes, (long) blockCacheBytes));
    }

    /**
     * Opens an in-memory store on the files of one closed with
     * {@link JsNervusDB#closeKeepingFiles} (in this module or the other), with the given sizes
     * as {@link #openInMemorySized}.
     */
    @JSExport
    public static double openInMemoryFrom(MemoryFiles files, double memtableBytes, double blockCacheBytes) {
        return JsNervusDB.register(JsNervusDB.inMemoryFrom(files, (long) memtableBytes, (long) blockCacheBytes));
    }

    /**
     * Opens (creating if empty) the store in the directory {@code host} provides, recovering
     * committed writes from its log. The files are those the JVM library writes.
     *
     * @param syncOnCommit whether each commit is made durable before it returns
     * @param memtableBytes size of the in-memory table before it is written out; 0 for the default
     * @param blockCacheBytes size of the block cache; 0 for the default
     */
    @JSExport
    public static double openDirectory(FsHost host, boolean syncOnCommit, double memtableBytes,
            double blockCacheBytes) {
        return JsNervusDB.register(directory(host, syncOnCommit, memtableBytes, blockCacheBytes));
    }

    static JsNervusDB directory(FsHost host, boolean syncOnCommit, double memtableBytes, double blockCacheBytes) {
        StoreOptions options = new StoreOptions();
        options.syncOnCommit = syncOnCommit;
        if (memtableBytes > 0) {
            options.memtableBytes = (long) memtableBytes;
        }
        if (blockCacheBytes > 0) {
            options.blockCacheBytes = (long) blockCacheBytes;
        }
        return new JsNervusDB(new HostFileSystem(host), options);
    }

    /** Which module this is: "core" (this one) or "full". */
    @JSExport
    public static String module() {
        return "core";
    }

    /** Version of the bindings. */
    @JSExport
    public static String version() {
        return VERSION;
    }

    static final String VERSION = "0.1.0-SNAPSHOT";
}
