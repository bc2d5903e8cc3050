// On-disk databases in Node, with each backend this Node can run: persistence, recovery of a
// torn log tail, typed errors for bad paths, bad terms and closed handles, and no leaked file
// descriptors or locks.
import { describe, it, before, after } from 'mocha';
import { assert } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NervusDB, NervusDBError, wasmGcSupported } from '../../src/index.mjs';

const backends = wasmGcSupported() ? [true, false] : [false];

const openFds = () => fs.readdirSync('/proc/self/fd').length;

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    assert.instanceOf(e, NervusDBError);
    return e;
  }
  assert.fail('expected a rejection');
}

let root;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nervusdb-files-'));
});
after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

for (const useWasm of backends) {
  const backend = useWasm ? 'wasm-gc' : 'js';

  describe(`files in Node (${backend})`, function () {
    this.timeout(60_000);
    let n = 0;
    const fresh = () => path.join(root, `${backend}-${n++}`, 'db'); // parent created by open
    const open = async (dir, options = {}) => {
      const db = new NervusDB(dir, { useWasm, ...options });
      await db.open();
      return db;
    };

    it('keeps triples across close and reopen, in the log and in tables', async () => {
      const dir = fresh();
      let db = await open(dir, { syncOnCommit: false });
      await db.add({ subject: 's', predicate: 'p', object: 'in a table' });
      await db.flush();
      await db.add({ subject: 's', predicate: 'p', object: 'in the log' });
      await db.close();
      assert.sameMembers(fs.readdirSync(dir).filter((f) => f !== 'LOCK').map((f) => f.replace(/^\d+/, 'N')),
        ['MANIFEST', 'N.wal', 'N.sst']);
      db = await open(dir);
      assert.deepEqual((await db.query().whereSubject('s').execute()).map((t) => t.object).sort(),
        ['in a table', 'in the log']);
      await db.close();
    });

    it('recovers to the last whole commit when the log tail is torn', async () => {
      const dir = fresh();
      let db = await open(dir);
      await db.addBatch([{ subject: 'a', predicate: 'p', object: '1' }, { subject: 'a', predicate: 'p', object: '2' }]);
      await db.addBatch([{ subject: 'b', predicate: 'p', object: '3' }, { subject: 'b', predicate: 'p', object: '4' }]);
      await db.close();
      const log = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.wal')));
      fs.truncateSync(log, fs.statSync(log).size - 3); // the last record loses its end
      db = await open(dir);
      assert.equal(await db.count(), 2);
      assert.isTrue(await db.contains({ subject: 'a', predicate: 'p', object: '2' }));
      assert.isFalse(await db.contains({ subject: 'b', predicate: 'p', object: '3' }));
      await db.add({ subject: 'c', predicate: 'p', object: '5' }); // writes go on after the cut
      await db.close();
      db = await open(dir);
      assert.equal(await db.count(), 3);
      await db.close();
    });

    it('a damaged manifest is CORRUPTION and the files are left as they were', async () => {
      const dir = fresh();
      let db = await open(dir);
      await db.add({ subject: 'x', predicate: 'y', object: 'z' });
      await db.flush();
      await db.close();
      const manifest = path.join(dir, 'MANIFEST');
      const good = fs.readFileSync(manifest);
      const bad = Buffer.from(good);
      bad[bad.length - 1] ^= 1;
      fs.writeFileSync(manifest, bad);
      const before = fs.readdirSync(dir).sort();
      const e = await rejection(open(dir));
      assert.equal(e.code, 'CORRUPTION');
      assert.include(e.message, 'MANIFEST');
      assert.deepEqual(fs.readdirSync(dir).sort(), before);
      fs.writeFileSync(manifest, good);
      db = await open(dir); // the lock was released by the failed open
      assert.isTrue(await db.contains({ subject: 'x', predicate: 'y', object: 'z' }));
      await db.close();
    });

    it('a path that is a file is refused with code IO', async () => {
      const file = path.join(root, `${backend}-plain-file`);
      fs.writeFileSync(file, 'not a directory');
      const e = await rejection(open(file));
      assert.equal(e.code, 'IO');
    });

    describe('symbolic links planted in the directory', () => {
      const secret = Buffer.from('a file outside the database, not to be touched\n');
      let outside;
      const untouched = () => assert.isTrue(fs.readFileSync(outside).equals(secret), 'the file the link leads to changed');
      const plant = (dir, name) => {
        fs.rmSync(path.join(dir, name), { force: true });
        fs.symlinkSync(outside, path.join(dir, name));
      };
      const made = async () => {
        const dir = fresh();
        const db = await open(dir);
        await db.add({ subject: 'alice', predicate: 'knows', object: 'bob' });
        await db.close();
        outside = path.join(path.dirname(dir), 'outside.txt');
        fs.writeFileSync(outside, secret);
        return dir;
      };
      const refused = async (promise, name) => {
        const e = await rejection(promise);
        assert.equal(e.code, 'IO', e.message);
        assert.include(e.message, name);
        assert.include(e.message, 'symbolic link');
        untouched();
      };

      it('a LOCK link is neither truncated nor written', async () => {
        const dir = await made();
        plant(dir, 'LOCK');
        await refused(open(dir), 'LOCK');
        assert.isTrue(fs.lstatSync(path.join(dir, 'LOCK')).isSymbolicLink());
        fs.rmSync(path.join(dir, 'LOCK'));
        const db = await open(dir); // nothing was left locked
        assert.equal(await db.count(), 1);
        await db.close();
      });

      it('a planted log link is neither replayed nor appended to', async () => {
        const dir = await made();
        plant(dir, '000009.wal');
        await refused(open(dir), '000009.wal');
        await refused(open(dir), '000009.wal');
        fs.rmSync(path.join(dir, '000009.wal'));
        const db = await open(dir);
        assert.equal(await db.count(), 1);
        await db.close();
      });

      it('a linked table or manifest is not read, even one leading to a true copy', async () => {
        const dir = await made();
        let db = await open(dir);
        await db.flush();
        await db.close();
        for (const name of [fs.readdirSync(dir).find((f) => f.endsWith('.sst')), 'MANIFEST']) {
          const copy = path.join(path.dirname(dir), `copy-${name}`);
          fs.renameSync(path.join(dir, name), copy);
          fs.symlinkSync(copy, path.join(dir, name));
          await refused(open(dir), name);
          fs.rmSync(path.join(dir, name));
          fs.renameSync(copy, path.join(dir, name));
        }
        db = await open(dir);
        assert.equal(await db.count(), 1);
        await db.close();
      });

      it('files made while open (tables, logs, the manifest) are never made through a link', async () => {
        const dir = await made();
        const db = await open(dir);
        await db.add({ subject: 'carol', predicate: 'knows', object: 'dave' });
        for (let n = 1; n < 40; n++) {
          for (const name of [`${String(n).padStart(6, '0')}.sst`, `${String(n).padStart(6, '0')}.wal`]) {
            if (!fs.existsSync(path.join(dir, name))) {
              plant(dir, name);
            }
          }
        }
        plant(dir, 'MANIFEST.tmp');
        await refused(db.flush(), 'symbolic link');
        assert.equal(await db.count(), 2, 'reads go on');
        await db.close();
        untouched();
      });

      it('the directory itself may be a link', async () => {
        const dir = await made();
        const link = path.join(path.dirname(dir), 'link-to-db');
        fs.symlinkSync(dir, link);
        let db = await open(link);
        await db.add({ subject: 'carol', predicate: 'knows', object: 'dave' });
        await db.flush();
        await db.close();
        db = await open(dir);
        assert.equal(await db.count(), 2);
        await db.close();
        untouched();
      });
    });

    it('invalid terms, bad options and closed handles get typed errors', async () => {
      const dir = fresh();
      const db = await open(dir);
      assert.equal((await rejection(db.add({ subject: 'bad\ud800', predicate: 'p', object: 'o' }))).code, 'INVALID_TERM');
      assert.equal((await rejection(db.add({ subject: 'x'.repeat((1 << 20) + 1), predicate: 'p', object: 'o' }))).code, 'INVALID_TERM');
      assert.equal(await db.count(), 0);
      await db.close();
      assert.equal((await rejection(db.count())).code, 'CLOSED');
      assert.equal((await rejection(new NervusDB(dir, { useWasm, memtableSize: -1 }).open())).code, 'INVALID_ARGUMENT');
    });

    it('open and close return every file descriptor and the lock', async () => {
      const dir = fresh();
      let db = await open(dir, { memtableSize: 64 * 1024 });
      for (let i = 0; i < 20; i++) {
        const batch = [];
        for (let k = 0; k < 300; k++) {
          batch.push({ subject: `s${k % 40}`, predicate: `p${i}`, object: `o${k}` });
        }
        await db.addBatch(batch); // several flushes and compactions
      }
      await db.close();
      const baseline = openFds();
      for (let i = 0; i < 50; i++) {
        db = await open(dir);
        await db.query().whereSubject('s1').execute();
        await db.close();
      }
      assert.equal(openFds(), baseline);
      assert.equal(fs.readFileSync(path.join(dir, 'LOCK'), 'utf8'), '');
      db = await open(dir);
      assert.equal(await db.count(), 6000);
      await db.close();
    });

    // The original TypeScript NervusDB added process listeners on every open and never removed
    // them, opened and closed files on every lookup, kept a manifest that grew with every
    // distinct key, and rewrote the whole database on every flush. None of that here.
    it('adds no process listeners, however often a database opens', async () => {
      const listeners = () => process.eventNames().reduce((n, e) => n + process.listenerCount(e), 0);
      const dir = fresh();
      let db = await open(dir);
      await db.add({ subject: 'a', predicate: 'b', object: 'c' });
      await db.close();
      const baseline = listeners();
      for (let i = 0; i < 40; i++) {
        db = await open(dir);
        await db.count();
        await db.close();
        const mem = await open(':memory:');
        await mem.close();
      }
      assert.equal(listeners(), baseline);
    });

    it('properties, labels and batches persist; commitBatch({durable}) writes a table without syncOnCommit', async () => {
      const dir = fresh();
      let db = await open(dir, { syncOnCommit: false });
      db.beginBatch();
      await db.addFact({ subject: 'a', predicate: 'p', object: 'b' }, {
        subjectProperties: { n: 1, labels: ['L'] }, edgeProperties: { w: [1, 'x'] },
      });
      assert.isFalse(fs.readdirSync(dir).some((f) => f.endsWith('.sst')));
      await db.commitBatch({ durable: true });
      assert.isTrue(fs.readdirSync(dir).some((f) => f.endsWith('.sst')), 'the durable commit reached a table');
      await db.setNodeProperties('b', { in: 'the log' });
      await db.close();
      db = await open(dir);
      assert.deepStrictEqual(await db.getNodeProperties('a'), { n: 1, labels: ['L'] });
      assert.deepStrictEqual(await db.getNodeProperties('b'), { in: 'the log' });
      assert.deepStrictEqual(await db.getEdgeProperties({ subject: 'a', predicate: 'p', object: 'b' }), { w: [1, 'x'] });
      assert.deepStrictEqual((await db.findByLabel('L').all()).length, 1);
      assert.equal(await db.verify() > 0, true);
      await db.close();
    });

    it('opens no file per lookup, and a flush writes only what is new', async () => {
      const dir = fresh();
      const db = await open(dir, { syncOnCommit: false });
      for (let i = 0; i < 10; i++) {
        const batch = [];
        for (let k = 0; k < 2000; k++) {
          batch.push({ subject: `s${i * 2000 + k}`, predicate: `p${k % 7}`, object: `o${k}` });
        }
        await db.addBatch(batch);
        await db.flush();
      }
      await db.compact();
      const fds = openFds();
      for (let i = 0; i < 300; i++) {
        await db.query().whereSubject(`s${i * 61}`).execute();
      }
      assert.equal(openFds(), fds, 'lookups hold no extra descriptors');
      const tables = () => new Map(fs.readdirSync(dir).filter((f) => f.endsWith('.sst'))
        .map((f) => [f, fs.statSync(path.join(dir, f))]));
      const before = tables();
      const total = [...before.values()].reduce((n, st) => n + st.size, 0);
      await db.add({ subject: 'one', predicate: 'more', object: 'fact' });
      await db.flush();
      const after = tables();
      for (const [name, st] of before) {
        if (after.has(name)) {
          assert.equal(after.get(name).mtimeMs, st.mtimeMs, `${name} was not rewritten`);
        }
      }
      const written = [...after].filter(([name]) => !before.has(name)).reduce((n, [, st]) => n + st.size, 0);
      assert.isAbove(written, 0);
      assert.isBelow(written, total / 20, `a flush of one fact wrote ${written} of ${total} bytes`);
      // The manifest names files, not keys: 20,000 distinct subjects leave it small.
      assert.isBelow(fs.statSync(path.join(dir, 'MANIFEST')).size, 4096);
      await db.close();
    });
  });
}
