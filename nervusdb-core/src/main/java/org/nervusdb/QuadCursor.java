package org.nervusdb;

import java.util.Iterator;

/**
 * A lazy, closeable iterator over quads read from one consistent snapshot. Close it (or exhaust
 * it) so the files it reads from can be released.
 */
public interface QuadCursor extends Iterator<Quad>, AutoCloseable {
    @Override
    void close();
}
