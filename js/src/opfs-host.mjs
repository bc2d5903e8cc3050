// A database directory in the browser's Origin Private File System, in the shape the core's
// FsHost expects. Only a dedicated worker can use OPFS synchronously, through sync access
// handles; everything else OPFS offers (opening a handle, creating, renaming, deleting a file)
// returns a promise. So:
//
// - every file of the directory gets its sync access handle when the database opens, and reads,
//   writes, sizes, truncation and flushes go straight to it;
// - a new file takes a "spare", an empty file opened in advance under a name of the form
//   .spare-N, or, when no spare is left, a buffer in memory;
// - renames, deletions and the naming of spares are queued and carried out in order by
//   `settle()`, which the package awaits after every call into the core, before that call's
//   promise resolves.
//
// The files are the JVM library's files, with the same names and bytes; a crash before
// `settle()` finishes leaves the directory as the core left it at some earlier point of the
// same call, which recovery handles as it handles a crash on disk. Spares left over by a crash
// are reused. The LOCK file's sync access handle, held while the database is open, keeps other
// tabs and workers out.
const SPARE = /^\.spare-\d+$/;

function locked(e) {
  return e && (e.name === 'NoModificationAllowedError' || e.name === 'InvalidStateError');
}

/**
 * Opens (creating) the OPFS directory at `segments` (names below the origin's root), keeping
 * `spareCount` spares ready, and returns `{ host, settle, release }`.
 */
export async function openOpfsDirectory(segments, LockedError, spareCount = 4) {
  let dir = await navigator.storage.getDirectory();
  for (const s of segments) {
    dir = await dir.getDirectoryHandle(s, { create: true });
  }
  const where = `opfs:/${segments.join('/')}`;
  let lockHandle;
  try {
    lockHandle = await (await dir.getFileHandle('LOCK', { create: true })).createSyncAccessHandle();
  } catch (e) {
    if (locked(e)) {
      throw new LockedError(`database ${where} is open elsewhere (another handle, tab or worker); close it there first`);
    }
    throw e;
  }

  // name -> file: { fh, sah } on OPFS, or { mem, size } while only in memory. `placed` says
  // where each file is in OPFS at the moment, which lags behind `files` until settle().
  const files = new Map();
  const placed = new Map();
  const spares = [];
  let spareNumber = 0;
  try {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind !== 'file' || name === 'LOCK') {
        continue;
      }
      const sah = await handle.createSyncAccessHandle();
      const f = { fh: handle, sah };
      placed.set(f, name);
      if (SPARE.test(name)) {
        sah.truncate(0);
        spares.push(f);
        spareNumber = Math.max(spareNumber, Number(name.slice(7)) + 1);
      } else {
        files.set(name, f);
      }
    }
  } catch (e) {
    lockHandle.close();
    placed.forEach((_, f) => f.sah.close());
    throw locked(e) ? new LockedError(`database ${where} is open elsewhere (another handle, tab or worker)`) : e;
  }

  const queue = []; // directory changes not yet made in OPFS, in the core's order
  const fds = new Map();
  let nextFd = 1;
  const file = (fd) => {
    const f = fds.get(fd);
    if (f === undefined) {
      throw new Error(`file handle ${fd} is not open`);
    }
    return f;
  };
  const grow = (f, end) => {
    if (end > f.mem.length) {
      const bigger = new Int8Array(Math.max(end, f.mem.length * 2, 4096));
      bigger.set(f.mem.subarray(0, f.size));
      f.mem = bigger;
    }
  };

  const host = {
    open(name, create) {
      let f = files.get(name);
      if (create) {
        if (f !== undefined) {
          if (f.sah) {
            f.sah.truncate(0);
          } else {
            f.size = 0;
          }
        } else {
          f = spares.shift() ?? { mem: new Int8Array(4096), size: 0 };
          files.set(name, f);
          queue.push(f.sah ? { op: 'move', f, to: name } : { op: 'write-out', f, to: name });
        }
      } else if (f === undefined) {
        throw new Error(`no such file: ${name}`);
      }
      const fd = nextFd++;
      fds.set(fd, f);
      return fd;
    },
    size(fd) {
      const f = file(fd);
      return f.sah ? f.sah.getSize() : f.size;
    },
    read(fd, position, length) {
      const f = file(fd);
      const out = new Int8Array(length);
      if (f.sah) {
        let done = 0;
        while (done < length) {
          const n = f.sah.read(out.subarray(done), { at: position + done });
          if (n === 0) {
            throw new Error(`end of file after ${position + done} bytes`);
          }
          done += n;
        }
      } else {
        if (position + length > f.size) {
          throw new Error(`end of file after ${f.size} bytes`);
        }
        out.set(f.mem.subarray(position, position + length));
      }
      return out;
    },
    write(fd, position, src, offset, length) {
      const f = file(fd);
      const data = src.subarray(offset, offset + length);
      if (f.sah) {
        let done = 0;
        while (done < length) {
          done += f.sah.write(data.subarray(done), { at: position + done });
        }
      } else {
        grow(f, position + length);
        f.mem.set(data, position);
        f.size = Math.max(f.size, position + length);
      }
    },
    sync(fd) {
      const f = file(fd);
      if (f.sah) {
        f.sah.flush();
      }
      // A file still in memory is written out and flushed by settle().
    },
    truncate(fd, size) {
      const f = file(fd);
      if (f.sah) {
        f.sah.truncate(size);
      } else {
        grow(f, size);
        if (size > f.size) {
          f.mem.fill(0, f.size, size);
        }
        f.size = size;
      }
    },
    close(fd) {
      file(fd);
      fds.delete(fd);
    },
    exists(name) {
      return files.has(name);
    },
    list() {
      return [...files.keys()];
    },
    remove(name) {
      const f = files.get(name);
      if (f !== undefined) {
        files.delete(name);
        queue.push({ op: 'remove', f });
      }
    },
    rename(from, to) {
      const f = files.get(from);
      if (f === undefined) {
        throw new Error(`no such file: ${from}`);
      }
      files.delete(from);
      files.set(to, f);
      queue.push({ op: 'move', f, to });
    },
    syncDirectory() {
      // Directory changes are made by settle(), in order, before the call's promise resolves.
    },
    describe() {
      return where;
    },
  };

  // Closes and forgets whatever file sits at `name` in OPFS, other than `keep`.
  function evict(name, keep) {
    for (const [g, at] of placed) {
      if (at === name && g !== keep) {
        g.sah.close();
        placed.delete(g);
      }
    }
  }

  async function move(f, to) {
    if (placed.get(f) === to) {
      return;
    }
    f.sah.flush();
    f.sah.close();
    evict(to, f);
    try {
      try {
        await f.fh.move(to);
      } catch (e) {
        // Engines whose move() does not replace an existing file: remove it first.
        if (e.name !== 'InvalidModificationError' && e.name !== 'NoModificationAllowedError') {
          throw e;
        }
        await dir.removeEntry(to);
        await f.fh.move(to);
      }
      placed.set(f, to);
    } finally {
      // Moved or not, the file stays usable, and a later settle() retries a failed move.
      f.sah = await f.fh.createSyncAccessHandle();
    }
  }

  // Carries out the queued changes in order, then tops up the spares. Callers that arrive
  // while it runs share the run, which goes on until both are done.
  async function drain() {
    for (;;) {
      const step = queue[0];
      if (step !== undefined) {
        const f = step.f;
        if (step.op === 'move') {
          await move(f, step.to);
        } else if (step.op === 'write-out') {
          evict(step.to, f);
          f.fh = await dir.getFileHandle(step.to, { create: true });
          const sah = await f.fh.createSyncAccessHandle();
          sah.truncate(0);
          sah.write(f.mem.subarray(0, f.size), { at: 0 });
          sah.flush();
          f.sah = sah;
          f.mem = null;
          placed.set(f, step.to);
        } else {
          const at = placed.get(f);
          f.sah.close();
          placed.delete(f);
          await dir.removeEntry(at);
        }
        queue.shift();
      } else if (spares.length < spareCount) {
        const name = `.spare-${spareNumber++}`;
        const fh = await dir.getFileHandle(name, { create: true });
        const f = { fh, sah: await fh.createSyncAccessHandle() };
        placed.set(f, name);
        spares.push(f);
      } else {
        return;
      }
    }
  }

  let running = null;
  function settle() {
    if (running === null) {
      running = drain().finally(() => {
        running = null;
      });
    }
    return running;
  }

  let released = false;
  function release() {
    if (released) {
      return;
    }
    released = true;
    for (const f of placed.keys()) {
      f.sah.close();
    }
    placed.clear();
    lockHandle.close();
  }
  try {
    await settle(); // the first spares
  } catch (e) {
    release();
    throw e;
  }
  return { host, settle, release };
}
