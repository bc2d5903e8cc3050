package org.nervusdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;

/**
 * The engine's files in one local directory, through {@link FileChannel}: positional reads and
 * writes, {@code force} for fsync, and a directory fsync after creations and renames (skipped
 * where the platform cannot open a directory, as on Windows).
 *
 * <p>Symbolic links: the directory itself may be one, but a file in it never is followed. Files
 * are opened and created with {@link LinkOption#NOFOLLOW_LINKS} (O_NOFOLLOW), so a link planted
 * under a database file's name, leading anywhere, is refused with a {@link StorageException}
 * naming it instead of being read, written or truncated through; a rename neither takes nor
 * replaces one, and a delete removes the link itself.
 *
 * <p>Thread safety: FileChannel positional I/O is safe from several threads.
 */
final class DiskFileSystem implements FileSystem {
    private final Path dir;
    // fsyncs of the write-ahead log (files named *.wal): how many and the time they took, for stats
    final java.util.concurrent.atomic.AtomicLong logSyncs = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong logSyncNanos = new java.util.concurrent.atomic.AtomicLong();
    // Files opened for reading only, and nothing created, deleted or renamed (a read-only open).
    private final boolean readOnly;

    DiskFileSystem(Path dir) {
        this(dir, false);
    }

    DiskFileSystem(Path dir, boolean readOnly) {
        this.dir = dir;
        this.readOnly = readOnly;
    }

    private void checkWritable(String what, String name) {
        if (readOnly) {
            throw new ReadOnlyException("cannot " + what + " " + name + ": the database was opened read-only", null);
        }
    }

    private Path path(String name) {
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.equals("..") || name.equals(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return dir.resolve(name);
    }

    @Override
    public FileHandle open(String name) {
        Path p = path(name);
        try {
            FileChannel ch = readOnly ? FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)
                    : FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            return new Handle(name, p, ch, this);
        } catch (NoSuchFileException e) {
            throw new StorageException("no such file: " + p, e);
        } catch (IOException e) {
            throw failure("open", p, e);
        }
    }

    @Override
    public FileHandle create(String name) {
        checkWritable("create", name);
        Path p = path(name);
        try {
            return new Handle(name, p, FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS), this);
        } catch (IOException e) {
            throw failure("create", p, e);
        }
    }

    /** The error for a failed open of {@code p}: the refusal of a symbolic link, or the I/O error. */
    private static StorageException failure(String what, Path p, IOException e) {
        if (Files.isSymbolicLink(p)) {
            return symbolicLink(p, e);
        }
        return new StorageException("cannot " + what + " " + p + ": " + e.getMessage(), e);
    }

    /** Refuses a symbolic link where a database file belongs (it may lead outside the directory). */
    static StorageException symbolicLink(Path p, Throwable cause) {
        return new StorageException(p + " is a symbolic link; NervusDB does not follow links to its own files"
                + " (one could lead outside the database directory): replace it with the file itself", cause);
    }

    @Override
    public boolean exists(String name) {
        Path p = path(name);
        // A link exists too, whatever it leads to: opening it is refused, not skipped.
        return Files.isRegularFile(p) || Files.isSymbolicLink(p);
    }

    @Override
    public List<String> list() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                // Links too (whatever they lead to), so that a planted one is refused when opened.
                if (Files.isRegularFile(p) || Files.isSymbolicLink(p)) {
                    out.add(p.getFileName().toString());
                }
            });
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void delete(String name) {
        checkWritable("delete", name);
        try {
            Files.deleteIfExists(path(name));
        } catch (IOException e) {
            throw new StorageException("cannot delete " + path(name) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void rename(String from, String to) {
        checkWritable("rename", from);
        // rename(2) follows no link, but a link under either name is not a file of ours.
        for (String n : new String[] {from, to}) {
            if (Files.isSymbolicLink(path(n))) {
                throw symbolicLink(path(n), null);
            }
        }
        // The manifest is replaced by this rename; without an atomic one a crash could leave
        // neither the old nor the new manifest, so refuse rather than fall back to a copy.
        try {
            Files.move(path(from), path(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StorageException("the file system of " + dir + " cannot rename atomically", e);
        } catch (IOException e) {
            throw new StorageException("cannot rename " + from + " to " + to + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void syncDirectory() {
        syncDirectory(dir);
    }

    static void syncDirectory(Path dir) {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw new StorageException("cannot fsync directory " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    private static final class Handle implements FileHandle {
        private final String name;
        private final Path path;
        private final FileChannel ch;
        private final DiskFileSystem timed; // null: not the write-ahead log

        Handle(String name, Path path, FileChannel ch, DiskFileSystem fs) {
            this.name = name;
            this.path = path;
            this.ch = ch;
            this.timed = name.endsWith(".wal") ? fs : null;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long size() {
            try {
                return ch.size();
            } catch (IOException e) {
                throw new StorageException("cannot stat " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void read(long position, byte[] dst, int off, int len) {
            ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
            long pos = position;
            try {
                while (bb.hasRemaining()) {
                    int n = ch.read(bb, pos);
                    if (n < 0) {
                        throw new StorageException("unexpected end of " + path + " at " + pos + " (wanted " + len
                                + " bytes at " + position + ")");
                    }
                    pos += n;
                }
            } catch (IOException e) {
                throw new StorageException("cannot read " + path + " at " + position + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void write(long position, byte[] src, int off, int len) {
            ByteBuffer bb = ByteBuffer.wrap(src, off, len);
            long pos = position;
            try {
                while (bb.hasRemaining()) {
                    pos += ch.write(bb, pos);
                }
            } catch (IOException e) {
                throw new StorageException("cannot write " + path + " at " + position + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void sync() {
            try {
                if (timed != null) {
                    long t0 = System.nanoTime();
                    ch.force(false);
                    timed.logSyncNanos.addAndGet(System.nanoTime() - t0);
                    timed.logSyncs.incrementAndGet();
                    return;
                }
                ch.force(false);
            } catch (IOException e) {
                throw new StorageException("fsync failed on " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void truncate(long size) {
            try {
                ch.truncate(size);
            } catch (IOException e) {
                throw new StorageException("cannot truncate " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                ch.close();
            } catch (IOException e) {
                throw new StorageException("cannot close " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
