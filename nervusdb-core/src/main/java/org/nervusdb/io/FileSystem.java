package org.nervusdb.io;

import java.util.List;

/**
 * The engine's only way to reach storage: one flat directory of named files. The JVM supplies a
 * disk implementation, the JavaScript builds supply Node {@code fs} and browser OPFS ones, and
 * {@link MemFileSystem} keeps everything in memory. All failures are thrown as
 * {@link org.nervusdb.StorageException}. Implementations over a real directory never follow a
 * symbolic link found under a file's name: opening, creating or renaming one is refused.
 *
 * <p>Thread safety: implementations must allow concurrent calls on different files, and
 * concurrent positional reads on one handle.
 */
public interface FileSystem {

    /** Opens an existing file for positional reads (and writes, if the engine writes to it). */
    FileHandle open(String name);

    /** Creates an empty file, replacing any file of that name. */
    FileHandle create(String name);

    /** Whether a regular file (or a symbolic link, which opening then refuses) has this name. */
    boolean exists(String name);

    /** Names of all regular files (and symbolic links) in the directory, in no particular order. */
    List<String> list();

    /** Deletes the file if it exists. */
    void delete(String name);

    /** Renames {@code from} to {@code to}, atomically replacing {@code to} if it exists. */
    void rename(String from, String to);

    /** Makes creations, renames and deletions in the directory durable. */
    void syncDirectory();

    /** A short description for error messages, such as the directory path. */
    String describe();
}
