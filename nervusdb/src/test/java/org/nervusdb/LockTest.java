package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockTest {

    @Test
    void secondOpenInSameProcessIsRefused(@TempDir Path dir) {
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("a", "b", "c");
            assertThatThrownBy(() -> NervusDB.open(dir))
                    .isInstanceOf(DatabaseLockedException.class)
                    .hasMessageContaining("already open in this process")
                    .extracting(e -> ((NervusDBException) e).code()).isEqualTo("LOCKED");
            assertThatThrownBy(() -> NervusDB.open(dir.resolve(".")))
                    .isInstanceOf(DatabaseLockedException.class);
        }
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.contains("a", "b", "c")).isTrue();
        }
    }

    @Test
    void otherProcessIsRefusedAndKillFreesTheLock(@TempDir Path dir) throws Exception {
        Process p = ChildProcess.start("hold", dir.toString());
        try {
            BufferedReader r = ChildProcess.out(p);
            assertThat(r.readLine()).isEqualTo("ready");
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> NervusDB.open(dir))
                    .isInstanceOf(DatabaseLockedException.class)
                    .hasMessageContaining("locked by another process (pid " + p.pid() + ")");
            long refusalMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("LockTest: refusal took " + refusalMs + " ms");
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.contains("held", "by", "child")).isTrue();
        }
    }

    /**
     * Node.js takes no OS lock; it writes its process id into LOCK and empties it on close. A
     * live process id found there (here a sleeping child standing in for a Node process) makes
     * the open fail; once that process is gone, the open succeeds.
     */
    @Test
    void liveProcessIdInLockFileIsRefusedAndDeadOneIgnored(@TempDir Path dir) throws Exception {
        try (NervusDB db = NervusDB.open(dir)) {
            db.add("a", "b", "c");
        }
        Path lockFile = dir.resolve("LOCK");
        assertThat(Files.readString(lockFile)).as("close empties the lock file").isEmpty();
        Process other = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(lockFile, other.pid() + "\n", StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> NervusDB.open(dir))
                    .isInstanceOf(DatabaseLockedException.class)
                    .hasMessageContaining("in use by process " + other.pid());
            assertThat(Files.readString(lockFile)).as("a refused open leaves the holder's id").isEqualTo(other.pid() + "\n");
        } finally {
            other.destroyForcibly();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (NervusDB db = NervusDB.open(dir)) {
            assertThat(db.contains("a", "b", "c")).isTrue();
            assertThat(Files.readString(lockFile).trim()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }
}
