// Browser storage: databases in the Origin Private File System, opened from the page (the
// database runs in a worker it starts) and directly in a worker. Persistence, locking, a worker
// terminated in the middle of writes, files created beyond the spare files, and the JVM's file
// layout.
import { assert } from 'chai';
import { NervusDB, NervusDBError } from '../../src/index.mjs';
import { opfsMissing, requireOpfs } from '../support/opfs.mjs';
import { useWasmSetting } from '../support/settings.mjs';

const useWasm = useWasmSetting() !== 'false';
const backend = useWasm ? 'wasm-gc' : 'js';
const names = [];
const fresh = (tag) => {
  const name = `nervusdb-test-${tag}-${backend}-${Date.now()}-${names.length}`;
  names.push(name);
  return name;
};

async function opened(name, options = {}) {
  const db = new NervusDB(name, { useWasm, ...options });
  await db.open();
  return db;
}

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    assert.instanceOf(e, NervusDBError);
    return e;
  }
  assert.fail('expected a rejection');
}

async function filesOf(name) {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(name);
  const out = new Map();
  for await (const [n, h] of dir.entries()) {
    out.set(n, new Uint8Array(await (await h.getFile()).arrayBuffer()));
  }
  return out;
}

describe(`OPFS storage (${backend})`, function () {
  this.timeout(60_000);

  beforeEach(requireOpfs);

  after(async () => {
    if (opfsMissing() !== null) {
      return;
    }
    const root = await navigator.storage.getDirectory();
    for (const name of names) {
      await root.removeEntry(name, { recursive: true }).catch(() => {});
    }
  });

  it('a database opened on the page persists across close and reopen', async () => {
    const name = fresh('persist');
    let db = await opened(name);
    assert.equal(db.backend, backend);
    assert.match(db.backendReason, /worker/);
    assert.equal(await db.addBatch([
      { subject: 'ada', predicate: 'wrote', object: 'notes' },
      { subject: 'ada', predicate: 'knew', object: 'babbage' },
    ]), 2);
    await db.flush();
    assert.isTrue(await db.add({ subject: 'ada', predicate: 'born', object: '1815' }));
    assert.isTrue(await db.delete({ subject: 'ada', predicate: 'knew', object: 'babbage' }));
    await db.close();
    assert.equal((await rejection(db.count())).code, 'CLOSED');
    db = await opened(name);
    assert.deepEqual((await db.query().whereSubject('ada').execute()).map((t) => t.object).sort(), ['1815', 'notes']);
    assert.isAbove(await db.verify(), 0);
    assert.equal((await rejection(db.add({ subject: 'bad\ud800', predicate: 'p', object: 'o' }))).code, 'INVALID_TERM');
    await db.close();
  });

  it('a second open is LOCKED until the first is closed', async () => {
    const name = fresh('lock');
    const db = await opened(name);
    assert.equal((await rejection(opened(name))).code, 'LOCKED');
    await db.close();
    const again = await opened(name);
    assert.equal(await again.count(), 0);
    await again.close();
  });

  it('a worker terminated in the middle of writes loses no acknowledged commit', async () => {
    const name = fresh('crash');
    const worker = new Worker(new URL('./opfs-writer.mjs', import.meta.url), { type: 'module' });
    const acked = [];
    await new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.error) {
          reject(new Error(data.error));
        } else if (data.ready) {
          assert.equal(data.ready, backend);
        } else if (data.acked !== undefined) {
          acked.push(data.acked);
          if (acked.length === 40) {
            worker.terminate(); // no close: like a tab closed or crashed mid-write
            resolve();
          }
        }
      };
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({ name, useWasm });
    });
    // The terminated worker's file handles are released asynchronously.
    let db;
    for (let attempt = 0; ; attempt++) {
      try {
        db = await opened(name);
        break;
      } catch (e) {
        if (e.code !== 'LOCKED' || attempt === 50) {
          throw e;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const rows = await db.query().wherePredicate('item').execute();
    const perBatch = new Map();
    for (const t of rows) {
      perBatch.set(t.subject, (perBatch.get(t.subject) ?? 0) + 1);
    }
    for (const n of acked) {
      assert.equal(perBatch.get(`batch${n}`), 50, `acknowledged batch ${n} is whole`);
    }
    for (const [subject, count] of perBatch) {
      assert.equal(count, 50, `${subject} is all or nothing`);
    }
    assert.isAbove(await db.verify(), 0);
    await db.close();
  });

  it('files created beyond the spare files are written out before the call resolves', async () => {
    const name = fresh('nospare');
    let db = await opened(name, { memtableSize: 16 * 1024, opfsSpareFiles: 0 });
    const batch = [];
    for (let i = 0; i < 3000; i++) {
      batch.push({ subject: `s${i % 97}`, predicate: `p${i % 5}`, object: `o${i}` });
    }
    assert.equal(await db.addBatch(batch), 3000); // several flushes in one call
    await db.compact();
    await db.close();
    const files = await filesOf(name);
    assert.isTrue([...files.keys()].some((n) => n.endsWith('.sst')), 'tables are in OPFS');
    assert.isFalse([...files.keys()].some((n) => n.startsWith('.spare-')), 'no spare files were made');
    db = await opened(name);
    assert.equal(await db.count(), 3000);
    assert.equal((await db.query().whereSubject('s1').execute()).length, 31);
    await db.close();
  });

  it('the directory holds the files the JVM library writes, and no others', async () => {
    const name = fresh('layout');
    const db = await opened(name, { memtableSize: 16 * 1024 });
    const batch = [];
    for (let i = 0; i < 2000; i++) {
      batch.push({ subject: `s${i % 10}`, predicate: 'p', object: `o${i}` });
    }
    await db.addBatch(batch);
    await db.close();
    const files = await filesOf(name);
    const names = [...files.keys()].filter((n) => !n.startsWith('.spare-')).sort();
    assert.includeMembers(names, ['LOCK', 'MANIFEST']);
    for (const n of names) {
      assert.match(n, /^(\d{6}\.(wal|sst)|MANIFEST|LOCK)$/);
    }
    assert.equal(new TextDecoder().decode(files.get('MANIFEST').subarray(0, 8)), 'NVDB-MAN');
    for (const n of [...files.keys()].filter((k) => k.startsWith('.spare-'))) {
      assert.equal(files.get(n).length, 0, `${n} is empty`);
    }
  });
});

// Applies everywhere: what the package does with a persistent database depends on the engine.
describe(`OPFS storage (${backend}) where the engine has none`, function () {
  this.timeout(60_000);

  it("a persistent database opens where the engine has OPFS and is refused with UNSUPPORTED where it has none; ':memory:' works either way", async () => {
    const name = `nervusdb-test-presence-${backend}-${Date.now()}`;
    const db = new NervusDB(name, { useWasm });
    if (opfsMissing() === null) {
      await db.open();
      assert.equal(db.backend, backend);
      await db.close();
      await (await navigator.storage.getDirectory()).removeEntry(name, { recursive: true });
    } else {
      const e = await rejection(db.open());
      assert.equal(e.code, 'UNSUPPORTED');
      assert.match(e.message, /persistent databases need Node, or a dedicated worker with the Origin Private File System/);
    }
    const mem = await opened(':memory:');
    assert.equal(mem.backend, backend);
    assert.isTrue(await mem.add({ subject: 'a', predicate: 'b', object: 'c' }));
    assert.equal(await mem.count(), 1);
    await mem.close();
  });
});
