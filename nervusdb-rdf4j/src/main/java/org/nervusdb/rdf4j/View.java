package org.nervusdb.rdf4j;

import java.util.concurrent.atomic.AtomicInteger;
import org.nervusdb.engine.TripleStore;

/**
 * A NervusDB snapshot shared by its readers (statement iterations, query results): closed once it
 * is retired (its transaction ended, or a newer view of the transaction's writes replaced it) and
 * the last reader has let it go.
 */
final class View {
    final TripleStore.StoreSnapshot snapshot;
    private final AtomicInteger open;
    private int readers;
    private boolean retired;
    private boolean closed;

    View(TripleStore.StoreSnapshot snapshot, AtomicInteger open) {
        this.snapshot = snapshot;
        this.open = open;
        open.incrementAndGet();
    }

    synchronized void acquire() {
        if (closed) {
            throw new IllegalStateException("view closed");
        }
        readers++;
    }

    synchronized void release() {
        readers--;
        closeIfUnused();
    }

    /** No new readers from now on; closes when the current ones are done. */
    synchronized void retire() {
        retired = true;
        closeIfUnused();
    }

    synchronized boolean isRetired() {
        return retired;
    }

    private void closeIfUnused() {
        if (retired && readers <= 0 && !closed) {
            closed = true;
            open.decrementAndGet();
            snapshot.close();
        }
    }
}
