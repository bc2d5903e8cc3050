package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;
import org.nervusdb.io.MemFileSystem;

/**
 * A failure of background work (here: the flush of a full memtable, whose table file cannot be
 * created) is logged through System.Logger (logger {@code org.nervusdb}, ERROR) once, when it
 * happens, not only reported by the next write.
 */
class BackgroundFailureLogTest {

    /** A file system whose table files cannot be created once {@code failTables} is set. */
    private static final class FailingTables implements FileSystem {
        private final MemFileSystem fs = new MemFileSystem();
        volatile boolean failTables;
        // Logs created since failTables was set: a new one means a memtable was frozen.
        final java.util.concurrent.atomic.AtomicInteger newLogs = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public FileHandle open(String name) {
            return fs.open(name);
        }

        @Override
        public FileHandle create(String name) {
            if (failTables && name.endsWith(".sst")) {
                throw new StorageException("cannot create " + name + ": no space left on device (injected)");
            }
            if (failTables && name.endsWith(".wal")) {
                newLogs.incrementAndGet();
            }
            return fs.create(name);
        }

        @Override
        public boolean exists(String name) {
            return fs.exists(name);
        }

        @Override
        public List<String> list() {
            return fs.list();
        }

        @Override
        public void delete(String name) {
            fs.delete(name);
        }

        @Override
        public void rename(String from, String to) {
            fs.rename(from, to);
        }

        @Override
        public void syncDirectory() {
            fs.syncDirectory();
        }

        @Override
        public String describe() {
            return "failing tables";
        }
    }

    @Test
    void aFailedBackgroundFlushIsLoggedOnceWhenItHappens() throws Exception {
        Logger logger = Logger.getLogger("org.nervusdb");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (records) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(h);
        FailingTables fs = new FailingTables();
        Options o = Options.defaults().memtableSize(64 << 10).backgroundCompaction(true);
        try (NervusDB db = NervusDB.start(fs, null, o, SyncMode.NONE, "failing-test")) {
            db.add("before", "the", "failure");
            fs.failTables = true;
            // Fill the memtable until it is frozen (on this thread, which starts a new log), then
            // stop: the worker writes the frozen memtable out, and fails. (Filling a second one
            // would make this thread write the first itself, and get the failure directly.)
            int i = 0;
            while (fs.newLogs.get() == 0) {
                db.add("s" + i, "p", "o" + i + "-".repeat(64));
                i++;
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < end && snapshot(records).isEmpty()) {
                Thread.sleep(10);
            }
            List<LogRecord> seen = snapshot(records);
            assertThat(seen).as("a log record of the background failure").hasSize(1);
            LogRecord r = seen.get(0);
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(r.getMessage()).contains("failing-test").contains("background").contains("refuses writes");
            assertThat(r.getThrown()).hasMessageContaining("no space left on device");
            // Writes are refused from then on; reads go on; nothing more is logged for the same failure.
            assertThatThrownBy(() -> db.add("after", "the", "failure")).isInstanceOf(ReadOnlyException.class);
            assertThat(db.contains("before", "the", "failure")).isTrue();
            Thread.sleep(200); // a few more polls of the worker
            assertThat(snapshot(records)).hasSize(1);
        } finally {
            logger.removeHandler(h);
        }
    }

    private static List<LogRecord> snapshot(List<LogRecord> records) {
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }
}
