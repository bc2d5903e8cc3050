package org.nervusdb.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nervusdb.StorageException;
import org.nervusdb.io.FileHandle;
import org.nervusdb.io.FileSystem;

/**
 * An in-memory file system that models what survives a power cut. Each file has its current
 * content and its durable content (as of its last {@code sync}); the directory has its current
 * names and its durable names (as of the last {@code syncDirectory}). {@link #crashImage} builds
 * the state a machine would find after losing power now: durable names only, each with its
 * durable content plus, optionally, a random prefix of the unsynced bytes (a partial write-back),
 * in which {@link #crashImage(Random, boolean)} can also leave random 512-byte sectors unwritten
 * (zero), as a disk does that writes back pages out of order.
 *
 * <p>Fault switches: {@link #failAt(long)} makes the N-th mutating operation throw (an I/O error);
 * {@link #powerCutAt(long)} makes the N-th and every later operation throw {@link PowerCut}.
 */
public final class FaultInjectingFileSystem implements FileSystem {

    /** Thrown by every operation once the simulated power cut has happened. */
    public static final class PowerCut extends StorageException {
        private static final long serialVersionUID = 1L;

        PowerCut() {
            super("simulated power cut");
        }
    }

    /**
     * Closes a store (null: none) after an injected fault or power cut: its file system may be
     * gone, so closing may fail too, and that failure is expected.
     */
    public static void closeAfterFault(AutoCloseable store) {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } catch (Exception expected) {
            // The file system is gone.
        }
    }

    private static final class Node {
        byte[] data = new byte[0];
        int length;
        byte[] durable; // null: never synced

        byte[] current() {
            return Arrays.copyOf(data, length);
        }
    }

    private final Map<String, Node> names = new HashMap<>();
    private Map<String, Node> durableNames = new HashMap<>();
    private long ops;
    private long failAt = -1;
    private long cutAt = -1;
    private boolean cut;

    public synchronized long operations() {
        return ops;
    }

    public synchronized void failAt(long n) {
        failAt = n;
    }

    public synchronized void powerCutAt(long n) {
        cutAt = n;
    }

    public synchronized boolean isCut() {
        return cut;
    }

    private void op() {
        if (cut) {
            throw new PowerCut();
        }
        ops++;
        if (ops == cutAt) {
            cut = true;
            throw new PowerCut();
        }
        if (ops == failAt) {
            throw new StorageException("injected I/O error at operation " + ops);
        }
    }

    private void readOp() {
        if (cut) {
            throw new PowerCut();
        }
    }

    /**
     * The file system as found after a power cut now. With {@code random} null only synced data
     * survives; otherwise each file also keeps a random-length prefix of its unsynced tail.
     */
    public synchronized FaultInjectingFileSystem crashImage(Random random) {
        return crashImage(random, false);
    }

    /**
     * As {@link #crashImage(Random)}; with {@code reorder}, each 512-byte sector of the kept
     * unsynced bytes is independently written back or left as zeros.
     */
    public synchronized FaultInjectingFileSystem crashImage(Random random, boolean reorder) {
        FaultInjectingFileSystem img = new FaultInjectingFileSystem();
        for (Map.Entry<String, Node> e : durableNames.entrySet()) {
            Node n = e.getValue();
            byte[] durable = n.durable == null ? new byte[0] : n.durable;
            byte[] content = durable;
            if (random != null && n.length > durable.length && startsWith(n.current(), durable)) {
                int extra = random.nextInt(n.length - durable.length + 1);
                content = Arrays.copyOf(n.data, durable.length + extra);
                if (reorder) {
                    for (int sector = durable.length / 512; sector * 512 < content.length; sector++) {
                        if (random.nextBoolean()) {
                            int from = Math.max(durable.length, sector * 512);
                            Arrays.fill(content, from, Math.min(content.length, sector * 512 + 512), (byte) 0);
                        }
                    }
                }
            }
            Node c = new Node();
            c.data = content;
            c.length = content.length;
            c.durable = content.clone();
            img.names.put(e.getKey(), c);
        }
        img.durableNames = new HashMap<>(img.names);
        return img;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Direct access for corruption tests: the current bytes of a file. */
    public synchronized byte[] content(String name) {
        Node n = names.get(name);
        return n == null ? null : n.current();
    }

    /** Direct access for corruption tests: replaces a file's content (durably). */
    public synchronized void setContent(String name, byte[] content) {
        Node n = names.computeIfAbsent(name, k -> new Node());
        n.data = content.clone();
        n.length = content.length;
        n.durable = content.clone();
        durableNames.put(name, n);
    }

    @Override
    public synchronized FileHandle open(String name) {
        readOp();
        Node n = names.get(name);
        if (n == null) {
            throw new StorageException("no such file: " + name);
        }
        return new Handle(name, n);
    }

    @Override
    public synchronized FileHandle create(String name) {
        op();
        Node n = new Node();
        names.put(name, n);
        return new Handle(name, n);
    }

    @Override
    public synchronized boolean exists(String name) {
        readOp();
        return names.containsKey(name);
    }

    @Override
    public synchronized List<String> list() {
        readOp();
        return new ArrayList<>(names.keySet());
    }

    @Override
    public synchronized void delete(String name) {
        op();
        names.remove(name);
    }

    @Override
    public synchronized void rename(String from, String to) {
        op();
        Node n = names.remove(from);
        if (n == null) {
            throw new StorageException("no such file: " + from);
        }
        names.put(to, n);
    }

    @Override
    public synchronized void syncDirectory() {
        op();
        durableNames = new HashMap<>(names);
    }

    @Override
    public String describe() {
        return "fault-injecting memory";
    }

    private final class Handle implements FileHandle {
        private final String name;
        private final Node node;
        private boolean closed;

        Handle(String name, Node node) {
            this.name = name;
            this.node = node;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long size() {
            synchronized (FaultInjectingFileSystem.this) {
                readOp();
                return node.length;
            }
        }

        @Override
        public void read(long position, byte[] dst, int off, int len) {
            synchronized (FaultInjectingFileSystem.this) {
                readOp();
                if (closed) {
                    throw new StorageException("closed: " + name);
                }
                if (position < 0 || position + len > node.length) {
                    throw new StorageException("read past end of " + name);
                }
                System.arraycopy(node.data, (int) position, dst, off, len);
            }
        }

        @Override
        public void write(long position, byte[] src, int off, int len) {
            synchronized (FaultInjectingFileSystem.this) {
                op();
                if (closed) {
                    throw new StorageException("closed: " + name);
                }
                int end = (int) position + len;
                if (end > node.data.length) {
                    node.data = Arrays.copyOf(node.data, Math.max(end, node.data.length * 2));
                }
                System.arraycopy(src, off, node.data, (int) position, len);
                node.length = Math.max(node.length, end);
            }
        }

        @Override
        public void sync() {
            synchronized (FaultInjectingFileSystem.this) {
                op();
                node.durable = node.current();
            }
        }

        @Override
        public void truncate(long size) {
            synchronized (FaultInjectingFileSystem.this) {
                op();
                node.length = (int) Math.min(node.length, size);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
