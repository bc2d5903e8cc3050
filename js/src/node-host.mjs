// A database directory on disk through Node's fs module, in the shape the core's FsHost
// expects: synchronous calls, small integer handles, errors thrown. The files are exactly the
// JVM library's (same names, same bytes), so either runtime opens what the other wrote.
import fs from 'node:fs';
import path from 'node:path';

const open = new Set(); // real paths of directories open in this process

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
    text = fs.readFileSync(file, 'latin1').trim();
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
  fs.writeFileSync(file, `${process.pid}\n`);
  if (readPid(file) !== process.pid) {
    throw new LockedError(`database ${dir} is locked by another process; close it there first`);
  }
  return () => {
    try {
      if (readPid(file) === process.pid) {
        fs.truncateSync(file, 0);
      }
    } catch {
      // The directory may be gone; nothing holds the lock either way.
    }
  };
}

/**
 * Opens a directory (created if missing) and returns `{ host, release }`: the FsHost for the
 * core, and a function that closes every file still open and gives up the lock.
 */
export function openNodeDirectory(dir, LockedError) {
  fs.mkdirSync(dir, { recursive: true });
  const real = fs.realpathSync(dir);
  if (open.has(real)) {
    throw new LockedError(`database ${real} is already open in this process`);
  }
  const unlock = lock(real, LockedError);
  open.add(real);
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
      if (create) {
        fd = fs.openSync(at(name), 'w+');
      } else {
        try {
          fd = fs.openSync(at(name), 'r+');
        } catch (e) {
          if (e.code !== 'EACCES' && e.code !== 'EPERM' && e.code !== 'EROFS') {
            throw e;
          }
          fd = fs.openSync(at(name), 'r');
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
      let done = 0;
      while (done < length) {
        done += fs.writeSync(owned(fd), src, offset + done, length - done, position + done);
      }
    },
    sync(fd) {
      fs.fsyncSync(owned(fd));
    },
    truncate(fd, size) {
      fs.ftruncateSync(owned(fd), size);
    },
    close(fd) {
      fds.delete(owned(fd));
      fs.closeSync(fd);
    },
    exists(name) {
      try {
        return fs.statSync(at(name)).isFile();
      } catch (e) {
        if (e.code === 'ENOENT') {
          return false;
        }
        throw e;
      }
    },
    list() {
      return fs.readdirSync(real, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
    },
    remove(name) {
      fs.rmSync(at(name), { force: true });
    },
    rename(from, to) {
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
    open.delete(real);
  };
  return { host, release };
}
