package org.nervusdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Exclusive ownership of a database directory: an operating-system lock on its LOCK file (freed
 * by the OS when the holder dies, even by kill -9) plus a registry of directories open in this
 * JVM, since OS locks do not exclude a second open from the same process. The holder writes its
 * process id into the file and empties it on close; the file's mere existence means nothing.
 *
 * <p>Node.js has no file locks, so the JavaScript library honours a live process id in the file
 * instead, and writes its own. To exclude it in the other order, a process id found in the file
 * after the OS lock was granted, which is not this process's and belongs to a live process, also
 * counts as a holder. A holder killed by kill -9 leaves a dead process id, which is ignored.
 */
final class DirectoryLock implements AutoCloseable {
    private static final Set<Path> HELD = new HashSet<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) {
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new StorageException("cannot resolve " + dir + ": " + e.getMessage(), e);
        }
        synchronized (HELD) {
            if (HELD.contains(key)) {
                throw new DatabaseLockedException("database " + key + " is already open in this process");
            }
            Path file = key.resolve("LOCK");
            FileChannel ch;
            try {
                // Never through a link: the holder truncates and writes this file.
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                if (Files.isSymbolicLink(file)) {
                    throw DiskFileSystem.symbolicLink(file, e);
                }
                throw new StorageException("cannot open lock file " + file + ": " + e.getMessage(), e);
            }
            try {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l == null) {
                    throw new DatabaseLockedException("database " + key + " is locked by another process"
                            + holder(ch) + "; close it there first");
                }
                long other = pid(ch);
                if (other > 0 && other != ProcessHandle.current().pid()
                        && ProcessHandle.of(other).map(ProcessHandle::isAlive).orElse(false)) {
                    l.release();
                    throw new DatabaseLockedException("database " + key + " is in use by process " + other
                            + " (its process id is in " + file + "); close it there first, or empty that file"
                            + " if no process uses the database");
                }
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                HELD.add(key);
                return new DirectoryLock(key, ch, l);
            } catch (IOException e) {
                closeQuietly(ch);
                throw new StorageException("cannot lock " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                closeQuietly(ch);
                throw e;
            }
        }
    }

    private static String holder(FileChannel ch) {
        long pid = pid(ch);
        return pid > 0 ? " (pid " + pid + ")" : "";
    }

    /** The process id written in the lock file, or 0 if it holds none. */
    private static long pid(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            int n = ch.read(b, 0);
            if (n > 0) {
                String s = new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
                if (!s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return Long.parseLong(s);
                }
            }
        } catch (IOException e) {
            // Unreadable: no holder can be named.
        }
        return 0;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Already failing; the original error matters.
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            try {
                channel.truncate(0);
            } catch (IOException ignored) {
                // A process id left behind is ignored once this process is gone.
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // Closing the channel releases it too.
            } finally {
                closeQuietly(channel);
                HELD.remove(key);
            }
        }
    }
}
