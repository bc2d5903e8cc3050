package org.nervusdb.jena;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.nervusdb.NervusDB;
import org.nervusdb.Options;

/** In-memory NervusDB datasets for the contract tests, all closed by {@link #closeAll()} after each test. */
final class TestDatasets {
    private static final List<NervusDatasetGraph> OPEN = new ArrayList<>();

    private TestDatasets() {
    }

    static synchronized NervusDatasetGraph create() {
        NervusJena.init();
        NervusDatasetGraph dsg = new NervusDatasetGraph(NervusDB.openInMemory(Options.defaults().backgroundCompaction(false)), true);
        OPEN.add(dsg);
        return dsg;
    }

    static Dataset createDataset() {
        return DatasetFactory.wrap(create());
    }

    static synchronized void closeAll() {
        for (NervusDatasetGraph d : OPEN) {
            d.close();
        }
        OPEN.clear();
    }
}
