package org.nervusdb.js;

import java.util.ArrayList;
import java.util.List;
import org.nervusdb.StorageException;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The engine's {@link FileSystem} over a {@link FsHost}. Errors the host throws become
 * {@link StorageException}s naming the operation, the file and the directory.
 */
final class HostFileSystem implements FileSystem {
    private final FsHost host;
    private final String where;

    HostFileSystem(FsHost host) {
        this.host = host;
        this.where = host.describe();
    }

    private StorageException failure(String what, String name, Throwable cause) {
        String detail = cause.getMessage();
        return new StorageException("cannot " + what + " " + name + " in " + where
                + (detail == null ? "" : ": " + detail), cause);
    }

    @Override
    public FileHandle open(String name) {
        try {
            return new Handle(name, host.open(name, false));
        } catch (Throwable e) {
            throw failure("open", name, e);
        }
    }

    @Override
    public FileHandle create(String name) {
        try {
            return new Handle(name, host.open(name, true));
        } catch (Throwable e) {
            throw failure("create", name, e);
        }
    }

    @Override
    public boolean exists(String name) {
        try {
            return host.exists(name);
        } catch (Throwable e) {
            throw failure("look up", name, e);
        }
    }

    @Override
    public List<String> list() {
        String[] names;
        try {
            names = host.list();
        } catch (Throwable e) {
            throw failure("list", "files", e);
        }
        List<String> out = new ArrayList<>(names.length);
        for (String n : names) {
            out.add(n);
        }
        return out;
    }

    @Override
    public void delete(String name) {
        try {
            host.remove(name);
        } catch (Throwable e) {
            throw failure("delete", name, e);
        }
    }

    @Override
    public void rename(String from, String to) {
        try {
            host.rename(from, to);
        } catch (Throwable e) {
            throw failure("rename", from + " to " + to, e);
        }
    }

    @Override
    public void syncDirectory() {
        try {
            host.syncDirectory();
        } catch (Throwable e) {
            throw failure("sync", "the directory", e);
        }
    }

    @Override
    public String describe() {
        return where;
    }

    private final class Handle implements FileHandle {
        private final String name;
        private final int fd;
        private boolean closed;

        Handle(String name, int fd) {
            this.name = name;
            this.fd = fd;
        }

        private void check() {
            if (closed) {
                throw new StorageException("file " + name + " in " + where + " is closed");
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long size() {
            check();
            try {
                return (long) host.size(fd);
            } catch (Throwable e) {
                throw failure("get the size of", name, e);
            }
        }

        @Override
        public void read(long position, byte[] dst, int off, int len) {
            check();
            if (len == 0) {
                return;
            }
            byte[] data;
            try {
                Int8Array a = host.read(fd, position, len);
                data = a.copyToJavaArray();
            } catch (Throwable e) {
                throw failure("read " + len + " bytes at " + position + " of", name, e);
            }
            if (data.length != len) {
                throw new StorageException("short read of " + name + " in " + where + ": " + data.length
                        + " of " + len + " bytes at " + position);
            }
            System.arraycopy(data, 0, dst, off, len);
        }

        @Override
        public void write(long position, byte[] src, int off, int len) {
            check();
            if (len == 0) {
                return;
            }
            try {
                host.write(fd, position, src, off, len);
            } catch (Throwable e) {
                throw failure("write " + len + " bytes at " + position + " of", name, e);
            }
        }

        @Override
        public void sync() {
            check();
            try {
                host.sync(fd);
            } catch (Throwable e) {
                throw failure("sync", name, e);
            }
        }

        @Override
        public void truncate(long size) {
            check();
            try {
                host.truncate(fd, size);
            } catch (Throwable e) {
                throw failure("truncate", name, e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                host.close(fd);
            } catch (Throwable e) {
                throw failure("close", name, e);
            }
        }
    }
}
