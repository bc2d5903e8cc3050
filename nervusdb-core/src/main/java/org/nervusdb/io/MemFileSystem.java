package org.nervusdb.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nervusdb.StorageException;

/**
 * A {@link FileSystem} held entirely in memory: the backing store of in-memory databases and of
 * most engine tests. Handles stay valid after their file is deleted or renamed over, as on POSIX.
 *
 * <p>Thread safety: all methods synchronize on the file system or on the file.
 */
public final class MemFileSystem implements FileSystem {
    private final Map<String, MemFile> files = new HashMap<>();

    @Override
    public synchronized FileHandle open(String name) {
        MemFile f = files.get(name);
        if (f == null) {
            throw new StorageException("no such file: " + name);
        }
        return new Handle(name, f);
    }

    @Override
    public synchronized FileHandle create(String name) {
        MemFile f = new MemFile();
        files.put(name, f);
        return new Handle(name, f);
    }

    @Override
    public synchronized boolean exists(String name) {
        return files.containsKey(name);
    }

    @Override
    public synchronized List<String> list() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public synchronized void delete(String name) {
        files.remove(name);
    }

    @Override
    public synchronized void rename(String from, String to) {
        MemFile f = files.remove(from);
        if (f == null) {
            throw new StorageException("no such file: " + from);
        }
        files.put(to, f);
    }

    @Override
    public void syncDirectory() {
        // Nothing to make durable.
    }

    @Override
    public String describe() {
        return "memory";
    }

    /** Total bytes of all files, for statistics. */
    public synchronized long totalBytes() {
        long n = 0;
        for (MemFile f : files.values()) {
            n += f.length();
        }
        return n;
    }

    private static final class MemFile {
        private byte[] data = new byte[0];
        private int length;

        synchronized int length() {
            return length;
        }

        synchronized void read(long pos, byte[] dst, int off, int len, String name) {
            if (pos < 0 || pos + len > length) {
                throw new StorageException("read past end of " + name + ": " + pos + "+" + len + " > " + length);
            }
            System.arraycopy(data, (int) pos, dst, off, len);
        }

        synchronized void write(long pos, byte[] src, int off, int len, String name) {
            long end = pos + len;
            if (pos < 0 || end > Integer.MAX_VALUE - 8) {
                throw new StorageException("in-memory file too large: " + name);
            }
            if (end > data.length) {
                long cap = Math.max(end, Math.min((long) data.length * 2, Integer.MAX_VALUE - 8));
                byte[] n = new byte[(int) Math.max(cap, 64)];
                System.arraycopy(data, 0, n, 0, length);
                data = n;
            }
            if (pos > length) {
                for (int i = length; i < pos; i++) {
                    data[i] = 0;
                }
            }
            System.arraycopy(src, off, data, (int) pos, len);
            if (end > length) {
                length = (int) end;
            }
        }

        synchronized void truncate(long size) {
            if (size < length) {
                length = (int) size;
            }
        }
    }

    /**
     * The array holding the file of {@code h}, a handle of a file of this kind: its first {@code
     * h.size()} bytes are the file, read in place, without a copy. Only for files no longer
     * written: a write may move the file to a new array.
     */
    public static byte[] contents(FileHandle h) {
        MemFile f = ((Handle) h).file;
        synchronized (f) {
            return f.data;
        }
    }

    private static final class Handle implements FileHandle {
        private final String name;
        private final MemFile file;
        private volatile boolean closed;

        Handle(String name, MemFile file) {
            this.name = name;
            this.file = file;
        }

        private void check() {
            if (closed) {
                throw new StorageException("file handle closed: " + name);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long size() {
            check();
            return file.length();
        }

        @Override
        public void read(long position, byte[] dst, int off, int len) {
            check();
            file.read(position, dst, off, len, name);
        }

        @Override
        public void write(long position, byte[] src, int off, int len) {
            check();
            file.write(position, src, off, len, name);
        }

        @Override
        public void sync() {
            check();
        }

        @Override
        public void truncate(long size) {
            check();
            file.truncate(size);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
