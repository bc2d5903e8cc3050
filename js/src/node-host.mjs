// A database directory on disk through Node's fs module, in the shape the core's FsHost
// expects: synchronous calls, small integer handles, errors thrown. The files are exactly the
// JVM library's (same names, same bytes), so either runtime opens what the other wrote.
//
// Symbolic links: the directory itself may be one, but no file in it is ever followed. Files are
// opened with O_NOFOLLOW (where the platform has no such flag, after an lstat), so a link planted
// under a database file's name, leading anywhere, is refused instead of being read, written or
// truncated through; a rename neither takes nor replaces one, and a delete removes the link itself.
import fs from 'node:fs';
import path from 'node:path';

const open = new Set(); // real paths of directories open in this process
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_NOFOLLOW = 0 } = fs.constants;

function isLink(file) {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function linkError(file) {
  return new Error(`${file} is a symbolic link; NervusDB does not follow links to its own files`
    + ' (one could lead outside the database directory): replace it with the file itself');
}

/** fs.openSync with numeric flags, never through a symbolic link. */
function openFile(file, flags) {
  if (O_NOFOLLOW === 0 && isLink(file)) {
    throw linkError(file);
  }
  try {
    return fs.openSync(file, flags | O_NOFOLLOW);
  } catch (e) {
    if (isLink(file)) {
      throw linkError(file);
    }
    throw e;
  }
}

/** Opens `file` with `flags`, runs `use(fd)` and closes it. */
function withFile(file, flags, use) {
  const fd = openFile(file, flags);
  try {
    return use(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM'; // exists, owned by someone else
  }
}

function readPid(file) {
  let text;
  try {
    text = withFile(file, O_RDONLY, (fd) => fs.readFileSync(fd, 'latin1')).trim();
  } catch (e) {
    if (e.code === 'ENOENT') {
      return 0;
    }
    throw e;
  }
  return /^\d+$/.test(text) ? Number(text) : 0;
}

/**
 * Takes the directory's LOCK. The JVM library holds an operating-system lock on LOCK and writes
 * its process id into it, clearing it on close; Node has no file locks, so it honours a live
 * process id found there and writes its own. Two Node processes racing to open the same
 * directory within microseconds are not excluded; a process and the JVM are, in both orders.
 */
function lock(dir, LockedError) {
  const file = path.join(dir, 'LOCK');
  const holder = readPid(file);
  if (holder !== 0 && holder !== process.pid && isAlive(holder)) {
    throw new LockedError(`database ${dir} is locked by another process (pid ${holder}); close it there first`);
  }
  withFile(file, O_WRONLY | O_CREAT | O_TRUNC, (fd) => fs.writeSync(fd, `${process.pid}\n`));
  if (readPid(file) !== process.pid) {
    throw new LockedError(`database ${dir} is locked by another process; close it there first`);
  }
  return () => {
    try {
      if (readPid(file) === process.pid) {
        withFile(file, O_WRONLY, (fd) => fs.ftruncateSync(fd, 0));
      }
    } catch {
      // The directory may be gone; nothing holds the lock either way.
    }
  };
}

/**
 * Opens a directory (created if missing) and returns `{ host, release }`: the FsHost for the
 * core, and a function that closes every file still open and gives up the lock. With
 * `readOnly`, an existing database is opened without the lock, files for reading only, and the
 * host refuses every change.
 */
export function openNodeDirectory(dir, LockedError, readOnly = false) {
  if (readOnly) {
    // Beside the writer (here or in another process, the JVM's too): no lock, nothing created.
    if (!fs.existsSync(path.join(dir, 'MANIFEST'))) {
      throw new Error(`no database at ${dir}: a read-only open needs an existing database`);
    }
  } else {
    fs.mkdirSync(dir, { recursive: true });
  }
  const real = fs.realpathSync(dir);
  if (!readOnly && open.has(real)) {
    throw new LockedError(`database ${real} is already open in this process`);
  }
  const unlock = readOnly ? () => {} : lock(real, LockedError);
  if (!readOnly) {
    open.add(real);
  }
  const refuse = (what) => {
    throw new Error(`cannot ${what}: the database was opened read-only`);
  };
  const fds = new Set();
  const at = (name) => {
    if (name.includes('/') || name.includes('\\') || name === '..' || name === '.') {
      throw new Error(`invalid file name ${JSON.stringify(name)}`);
    }
    return path.join(real, name);
  };
  const owned = (fd) => {
    if (!fds.has(fd)) {
      throw new Error(`file handle ${fd} is not open`);
    }
    return fd;
  };
  const host = {
    open(name, create) {
      let fd;
      if (readOnly) {
        if (create) {
          refuse(`create ${name}`);
        }
        fd = openFile(at(name), O_RDONLY);
      } else if (create) {
        fd = openFile(at(name), O_RDWR | O_CREAT | O_TRUNC);
      } else {
        try {
          fd = openFile(at(name), O_RDWR);
        } catch (e) {
          if (e.code !== 'EACCES' && e.code !== 'EPERM' && e.code !== 'EROFS') {
            throw e;
          }
          fd = openFile(at(name), O_RDONLY);
        }
      }
      fds.add(fd);
      return fd;
    },
    size(fd) {
      return fs.fstatSync(owned(fd)).size;
    },
    read(fd, position, length) {
      const out = new Int8Array(length);
      let done = 0;
      while (done < length) {
        const n = fs.readSync(owned(fd), out, done, length - done, position + done);
        if (n === 0) {
          throw new Error(`end of file after ${position + done} bytes`);
        }
        done += n;
      }
      return out;
    },
    write(fd, position, src, offset, length) {
      if (readOnly) {
        refuse('write');
      }
      let done = 0;
      while (done < length) {
        done += fs.writeSync(owned(fd), src, offset + done, length - done, position + done);
      }
    },
    sync(fd) {
      if (readOnly) {
        refuse('sync');
      }
      fs.fsyncSync(owned(fd));
    },
    truncate(fd, size) {
      if (readOnly) {
        refuse('truncate');
      }
      fs.ftruncateSync(owned(fd), size);
    },
    close(fd) {
      fds.delete(owned(fd));
      fs.closeSync(fd);
    },
    exists(name) {
      try {
        // A link exists too, whatever it leads to: opening it is refused, not skipped.
        const st = fs.lstatSync(at(name));
        return st.isFile() || st.isSymbolicLink();
      } catch (e) {
        if (e.code === 'ENOENT') {
          return false;
        }
        throw e;
      }
    },
    list() {
      return fs.readdirSync(real, { withFileTypes: true })
        .filter((d) => d.isFile() || d.isSymbolicLink()).map((d) => d.name);
    },
    remove(name) {
      if (readOnly) {
        refuse('remove');
      }
      fs.rmSync(at(name), { force: true });
    },
    rename(from, to) {
      if (readOnly) {
        refuse('rename');
      }
      for (const file of [at(from), at(to)]) {
        if (isLink(file)) {
          throw linkError(file);
        }
      }
      fs.renameSync(at(from), at(to));
    },
    syncDirectory() {
      if (process.platform === 'win32') {
        return; // directories cannot be opened for fsync there; renames are durable on NTFS
      }
      const fd = fs.openSync(real, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    },
    describe() {
      return real;
    },
  };
  let released = false;
  const release = () => {
    if (released) {
      return;
    }
    released = true;
    for (const fd of fds) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing or closed; the lock must still go.
      }
    }
    fds.clear();
    unlock();
    if (!readOnly) {
      open.delete(real);
    }
  };
  return { host, release };
}
