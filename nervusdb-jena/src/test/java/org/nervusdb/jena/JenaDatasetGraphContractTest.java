package org.nervusdb.jena;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.JenaTransactionException;
import org.apache.jena.sparql.core.AbstractDatasetGraphFind;
import org.apache.jena.sparql.core.AbstractDatasetGraphFindPatterns;
import org.apache.jena.sparql.core.AbstractDatasetGraphTests;
import org.apache.jena.sparql.core.AbstractTestDataset;
import org.apache.jena.sparql.core.AbstractTestGraphOverDatasetGraph;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.modify.AbstractTestUpdateGraph;
import org.apache.jena.sparql.modify.AbstractTestUpdateGraphMgt;
import org.apache.jena.sparql.transaction.AbstractTestTransPromote;
import org.apache.jena.sparql.transaction.AbstractTestTransactionIsolation;
import org.apache.jena.sparql.transaction.AbstractTestTransactionLifecycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Nested;

/**
 * Jena's own contract tests for datasets and transactions (from jena-arq's published test jar),
 * run on {@link NervusDatasetGraph} over an in-memory NervusDB database.
 */
class JenaDatasetGraphContractTest {
    private static final String NO_SCRIPTS = "reads testing/Update/*.ru from Jena's source tree, which the published test jar does not carry";

    @AfterEach
    void closeDatasets() {
        TestDatasets.closeAll();
    }

    @Nested
    class DatasetGraphTests extends AbstractDatasetGraphTests {
        @Override
        protected DatasetGraph emptyDataset() {
            return TestDatasets.create();
        }
    }

    @Nested
    class DatasetGraphFind extends AbstractDatasetGraphFind {
        @Override
        protected DatasetGraph create() {
            return TestDatasets.create();
        }
    }

    @Nested
    class DatasetGraphFindPatterns extends AbstractDatasetGraphFindPatterns {
        @Override
        protected DatasetGraph create() {
            return TestDatasets.create();
        }
    }

    @Nested
    class DatasetTests extends AbstractTestDataset {
        @Override
        protected Dataset createDataset() {
            return TestDatasets.createDataset();
        }
    }

    @Nested
    class TransactionLifecycle extends AbstractTestTransactionLifecycle {
        @Override
        protected Dataset create() {
            return TestDatasets.createDataset();
        }
    }

    @Nested
    class TransactionIsolation extends AbstractTestTransactionIsolation {
        @Override
        protected DatasetGraph create() {
            return TestDatasets.create();
        }
    }

    @Nested
    class TransactionPromotion extends AbstractTestTransPromote {
        TransactionPromotion() {
            super(new String[0]);
        }

        @Override
        protected Class<? extends Exception> getTransactionExceptionClass() {
            return JenaTransactionException.class;
        }

        @Override
        protected DatasetGraph create() {
            return TestDatasets.create();
        }
    }

    @Nested
    class GraphOverDatasetGraph extends AbstractTestGraphOverDatasetGraph {
        @Override
        protected DatasetGraph createBaseDSG() {
            return TestDatasets.create();
        }

        @Override
        protected Graph makeNamedGraph(DatasetGraph dsg, Node gn) {
            return dsg.getGraph(gn);
        }

        @Override
        protected Graph makeDefaultGraph(DatasetGraph dsg) {
            return dsg.getDefaultGraph();
        }
    }

    /** SPARQL Update through UpdateExecution (NervusDB's update engine, or ARQ's in a write transaction). */
    @Nested
    class UpdateGraph extends AbstractTestUpdateGraph {
        @Override
        protected DatasetGraph getEmptyDatasetGraph() {
            return TestDatasets.create();
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateScript1() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateScript2() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateScript3() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateScript4() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateScript5() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateScript6() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateScript7() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateScript8() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateBad1() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateBad2() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testUpdateBad3() {
        }
    }

    @Nested
    class UpdateGraphManagement extends AbstractTestUpdateGraphMgt {
        @Override
        protected DatasetGraph getEmptyDatasetGraph() {
            return TestDatasets.create();
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testCreateDrop3() {
        }

        @Override
        @Test
        @Disabled(NO_SCRIPTS)
        public void testCreateDrop4() {
        }
    }
}
