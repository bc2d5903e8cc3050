package org.nervusdb;

/**
 * A consistent, read-only view of the database at the moment it was taken: later commits are not
 * visible through it. Holds the files it needs until closed; close it promptly. Safe to share
 * between threads.
 */
public interface Snapshot extends TripleReader, AutoCloseable {
    @Override
    void close();
}
