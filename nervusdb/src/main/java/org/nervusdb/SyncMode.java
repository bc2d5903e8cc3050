package org.nervusdb;

import org.jspecify.annotations.NullMarked;

/** When commits reach stable storage. */
@NullMarked
public enum SyncMode {
    /** Every commit is fsynced before the call returns (a batch shares one fsync). The default. */
    ALWAYS,
    /**
     * Commits return once written to the operating system; a background thread fsyncs the log
     * every {@link Options#syncInterval(java.time.Duration) interval}. A process crash loses
     * nothing; a power failure can lose the last interval's commits.
     */
    INTERVAL,
    /**
     * The log is fsynced only when the memtable is flushed and on close. A process crash loses
     * nothing; a power failure can lose the commits since the last flush, and the store reopens
     * at the state of an earlier commit (never a partial one).
     */
    NONE
}
