package org.nervusdb.jena;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.atlas.lib.Sink;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.modify.UpdateEngine;
import org.apache.jena.sparql.modify.UpdateEngineFactory;
import org.apache.jena.sparql.modify.UpdateEngineMain;
import org.apache.jena.sparql.modify.UpdateEngineRegistry;
import org.apache.jena.sparql.modify.UpdateSink;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.QuadDataAccSink;
import org.apache.jena.sparql.modify.request.UpdateDataDelete;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateException;
import org.apache.jena.update.UpdateRequest;
import org.nervusdb.NervusDBException;
import org.nervusdb.query.Sparql;

/**
 * ARQ's update engine for a {@link NervusDatasetGraph}. A request is always one atomic NervusDB
 * commit, or nothing if it fails:
 * <ul>
 * <li>outside a transaction, a request NervusDB's update parser takes runs on NervusDB's own
 * update engine ({@code NervusDB.update}: one commit, durable on return);</li>
 * <li>otherwise ARQ's update engine runs it on the dataset: inside the caller's transaction
 * (where it commits with it), or, outside one, in a write transaction of its own that commits
 * at the end and aborts on an error. LOAD, initial bindings and requests naming Jena's special
 * graphs go this way.</li>
 * </ul>
 */
final class NervusUpdateEngine implements UpdateEngine {
    private final NervusDatasetGraph dsg;
    private final Binding input;
    private final Context context;
    private final List<Update> operations = new ArrayList<>();

    private NervusUpdateEngine(NervusDatasetGraph dsg, Binding input, Context context) {
        this.dsg = dsg;
        this.input = input;
        this.context = context;
    }

    @Override
    public void startRequest() {
    }

    @Override
    public void finishRequest() {
    }

    @Override
    public UpdateSink getUpdateSink() {
        return new UpdateSink() {
            @Override
            public void send(Update update) {
                operations.add(update);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                run();
            }

            @Override
            public QuadDataAccSink createInsertDataSink() {
                return new QuadDataAccSink(collector(true));
            }

            @Override
            public QuadDataAccSink createDeleteDataSink() {
                return new QuadDataAccSink(collector(false));
            }
        };
    }

    /** The quads of a streamed INSERT DATA or DELETE DATA, kept as one operation. */
    private Sink<Quad> collector(boolean insert) {
        List<Quad> quads = new ArrayList<>();
        return new Sink<Quad>() {
            @Override
            public void send(Quad q) {
                quads.add(q);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                QuadDataAcc acc = new QuadDataAcc(quads);
                operations.add(insert ? new UpdateDataInsert(acc) : new UpdateDataDelete(acc));
            }
        };
    }

    /** The request as NervusDB's update engine is to run it, or null if it is ARQ's. */
    static String nativeText(List<Update> operations, Binding input) {
        if (input != null && !input.isEmpty()) {
            return null;
        }
        UpdateRequest request = new UpdateRequest();
        for (Update u : operations) {
            if (u instanceof UpdateLoad) {
                return null; // ARQ reads documents from anywhere Jena can; NervusDB only local files
            }
            request.add(u);
        }
        String text = request.toString();
        if (text.contains("urn:x-arq:")) {
            return null;
        }
        try {
            Sparql.parseUpdate(text, null);
        } catch (NervusDBException e) {
            return null;
        }
        return text;
    }

    private void run() {
        if (operations.isEmpty()) {
            return;
        }
        if (!dsg.isInTransaction()) {
            String text = nativeText(operations, input);
            if (text != null) {
                dsg.countUpdate(true);
                try {
                    dsg.autocommit(() -> dsg.database().update(text));
                } catch (NervusDBException e) {
                    throw new UpdateException("NervusDB: " + e.getMessage(), e);
                }
                return;
            }
        }
        dsg.countUpdate(false);
        if (dsg.isInTransaction()) {
            runArq();
            return;
        }
        dsg.begin(TxnType.WRITE);
        try {
            runArq();
            dsg.commit();
        } catch (RuntimeException | Error e) {
            if (dsg.isInTransaction()) {
                dsg.abort();
            }
            throw e;
        } finally {
            dsg.end();
        }
    }

    private void runArq() {
        UpdateEngine arq = UpdateEngineMain.getFactory().create(dsg, input, context);
        arq.startRequest();
        try {
            UpdateSink sink = arq.getUpdateSink();
            for (Update u : operations) {
                sink.send(u);
            }
            sink.close();
        } finally {
            arq.finishRequest();
        }
    }

    // ------------------------------------------------------------------ factory

    static final UpdateEngineFactory FACTORY = new UpdateEngineFactory() {
        @Override
        public boolean accept(DatasetGraph datasetGraph, Context context) {
            return datasetGraph instanceof NervusDatasetGraph && !((NervusDatasetGraph) datasetGraph).isPinned();
        }

        @Override
        public UpdateEngine create(DatasetGraph datasetGraph, Binding inputBinding, Context context) {
            return new NervusUpdateEngine((NervusDatasetGraph) datasetGraph, inputBinding, context);
        }
    };

    static void registerFactory() {
        if (!UpdateEngineRegistry.containsFactory(FACTORY)) {
            UpdateEngineRegistry.addFactory(FACTORY);
        }
    }

    static void unregisterFactory() {
        UpdateEngineRegistry.removeFactory(FACTORY);
    }
}
