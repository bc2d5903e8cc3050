package org.nervusdb.js;

import org.teavm.jso.JSByRef;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A directory of files as JavaScript provides it: Node's {@code fs} module or a browser's Origin
 * Private File System. Every method is synchronous and throws a JavaScript error on failure.
 * Files are named by plain names inside the one directory; open files are small integer
 * handles. Positions and sizes are JavaScript numbers (exact below 2^53).
 */
public interface FsHost extends JSObject {

    /** Opens a file; with {@code create}, creates it or cuts an existing one to length 0. */
    int open(String name, boolean create);

    double size(int fd);

    /** Exactly {@code length} bytes from {@code position}, or an error at end of file. */
    Int8Array read(int fd, double position, int length);

    /**
     * Writes {@code src[offset, offset + length)} at {@code position}. The JavaScript build
     * passes the Java array itself; the WebAssembly build passes a copy.
     */
    void write(int fd, double position, @JSByRef(optional = true) byte[] src, int offset, int length);

    void sync(int fd);

    void truncate(int fd, double size);

    void close(int fd);

    boolean exists(String name);

    String[] list();

    /** Deletes the file if it exists. */
    void remove(String name);

    /** Renames, atomically replacing {@code to}. */
    void rename(String from, String to);

    void syncDirectory();

    String describe();
}
