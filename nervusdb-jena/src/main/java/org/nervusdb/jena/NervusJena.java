package org.nervusdb.jena;

import java.nio.file.Path;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.sys.JenaSystem;
import org.nervusdb.NervusDB;
import org.nervusdb.Options;

/**
 * NervusDB as a Jena dataset: {@code Dataset ds = NervusJena.createDataset(Path.of("db"));} where
 * one would write {@code TDB2Factory.connectDataset("db")}. SPARQL queries and updates through
 * Jena's {@code QueryExecution} and {@code UpdateExecution} on it run on NervusDB's own engine
 * where it can, and on ARQ's otherwise ({@link NervusDatasetGraph} describes the transactions).
 *
 * <p>The query and update engines are registered with ARQ when Jena initializes (this module
 * is a Jena subsystem) and by {@link #init()}, which the factory methods call.
 */
public final class NervusJena {
    private NervusJena() {
    }

    private static volatile boolean initialized;

    /** Registers NervusDB's query and update engines with ARQ (idempotent). */
    public static void init() {
        if (initialized) {
            return;
        }
        synchronized (NervusJena.class) {
            if (initialized) {
                return;
            }
            JenaSystem.init();
            NervusQueryEngine.registerFactory();
            NervusUpdateEngine.registerFactory();
            initialized = true;
        }
    }

    /**
     * Opens (creating if needed) the database in {@code dir} as a Jena dataset; closing the
     * dataset closes the database.
     */
    public static Dataset createDataset(Path dir) {
        return DatasetFactory.wrap(createDatasetGraph(dir));
    }

    /** As {@link #createDataset(Path)}, with NervusDB's options. */
    public static Dataset createDataset(Path dir, Options options) {
        return DatasetFactory.wrap(createDatasetGraph(dir, options));
    }

    /** As {@link #createDataset(Path)}, as a {@link NervusDatasetGraph}. */
    public static NervusDatasetGraph createDatasetGraph(Path dir) {
        return createDatasetGraph(dir, Options.defaults());
    }

    public static NervusDatasetGraph createDatasetGraph(Path dir, Options options) {
        init();
        return new NervusDatasetGraph(NervusDB.open(dir, options), true);
    }

    /** A dataset in memory only (a NervusDB in-memory database), gone when closed. */
    public static NervusDatasetGraph createInMemoryDatasetGraph() {
        init();
        return new NervusDatasetGraph(NervusDB.openInMemory(), true);
    }

    /** An open database as a Jena dataset; closing the dataset leaves the database open. */
    public static Dataset wrap(NervusDB db) {
        return DatasetFactory.wrap(wrapGraph(db));
    }

    /** As {@link #wrap(NervusDB)}, as a {@link NervusDatasetGraph}. */
    public static NervusDatasetGraph wrapGraph(NervusDB db) {
        init();
        return new NervusDatasetGraph(db, false);
    }
}
