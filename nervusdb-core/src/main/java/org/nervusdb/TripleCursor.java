package org.nervusdb;

import java.util.Iterator;

/**
 * A lazy, closeable iterator over query results read from one consistent snapshot. Close it (or
 * exhaust it inside try-with-resources) so the files it reads from can be released.
 */
public interface TripleCursor extends Iterator<Triple>, AutoCloseable {
    @Override
    void close();
}
