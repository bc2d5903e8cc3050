// Read-only opens in Node beside a writer: in this process, and in another one that commits
// batches of ten items plus a counter and is killed with SIGKILL. Every open and refresh shows
// whole batches only, never fewer than before; writes are refused; nothing is created.
import { describe, it, before, after } from 'mocha';
import { assert } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { NervusDB, NervusDBError, wasmGcSupported } from '../../src/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const backends = wasmGcSupported() ? [true, false] : [false];

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    assert.instanceOf(e, NervusDBError);
    return e;
  }
  assert.fail('expected a rejection');
}

/** The number of whole batches `db` shows, checked against the items it shows. */
async function whole(db) {
  const counter = await db.find({ subject: 'counter', predicate: 'value' }).all();
  const items = await db.count({ predicate: 'item' });
  if (counter.length === 0) {
    assert.equal(items, 0);
    return 0;
  }
  assert.lengthOf(counter, 1, 'one counter');
  const n = Number(/^"(\d+)"/.exec(counter[0].object)[1]);
  assert.equal(items, 10 * n, `items of ${n} batches`);
  return n;
}

let root;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nervusdb-readonly-'));
});
after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

for (const useWasm of backends) {
  const backend = useWasm ? 'wasm-gc' : 'js';

  describe(`read-only opens in Node (${backend})`, function () {
    this.timeout(120_000);

    it('read beside a writer in this process, refresh, and refuse writes', async () => {
      const dir = path.join(root, `here-${backend}`);
      const missing = path.join(root, `missing-${backend}`);
      let err = await rejection(new NervusDB(missing, { useWasm, readOnly: true }).open());
      assert.include(err.message, 'no database');
      assert.isFalse(fs.existsSync(missing), 'nothing created');
      err = await rejection(new NervusDB(':memory:', { useWasm, readOnly: true }).open());
      assert.equal(err.code, 'INVALID_ARGUMENT');

      const writer = await new NervusDB(dir, { useWasm }).open();
      try {
        await writer.add({ subject: 'a', predicate: 'b', object: 'c' });
        const reader = await new NervusDB(dir, { useWasm, readOnly: true }).open();
        const second = await new NervusDB(dir, { useWasm, readOnly: true }).open();
        try {
          assert.equal(reader.module, 'full');
          assert.isTrue(await reader.contains({ subject: 'a', predicate: 'b', object: 'c' }));
          await writer.add({ subject: 'd', predicate: 'e', object: 'f' });
          assert.isFalse(await reader.contains({ subject: 'd', predicate: 'e', object: 'f' }), 'not before a refresh');
          assert.isTrue(await reader.refresh());
          assert.isTrue(await reader.contains({ subject: 'd', predicate: 'e', object: 'f' }));
          assert.isFalse(await reader.refresh(), 'nothing new');
          const { rows } = await reader.sparql('SELECT ?o WHERE { <d> <e> ?o }');
          assert.lengthOf(rows, 1);
          assert.equal(await second.count(), 1);
          err = await rejection(reader.add({ subject: 'x', predicate: 'y', object: 'z' }));
          assert.equal(err.code, 'READ_ONLY');
          err = await rejection(reader.sparql('INSERT DATA { <x> <y> <z> }'));
          assert.equal(err.code, 'READ_ONLY');
          err = await rejection(writer.refresh());
          assert.equal(err.code, 'INVALID_ARGUMENT');
        } finally {
          await reader.close();
          await second.close();
        }
        // The writer goes on after the readers, and holds its lock throughout.
        await writer.add({ subject: 'g', predicate: 'h', object: 'i' });
        assert.equal(await writer.count(), 3);
      } finally {
        await writer.close();
      }
    });

    it('read beside a writer in another process that is killed with SIGKILL', async () => {
      const dir = path.join(root, `child-${backend}`);
      const child = spawn(process.execPath, [path.join(here, 'counter-writer.mjs'), dir, String(useWasm)],
        { stdio: ['ignore', 'pipe', 'inherit'] });
      let acked = 0;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const lines = readline.createInterface({ input: child.stdout });
      const drained = new Promise((resolve) => lines.once('close', resolve)); // every line read
      const ready = new Promise((resolve) => lines.on('line', (line) => {
        if (line === 'ready') {
          resolve();
        } else if (line.startsWith('acked ')) {
          acked = Number(line.slice(6)) + 1;
        }
      }));
      await ready;
      let last = 0;
      let refreshes = 0;
      const reader = await new NervusDB(dir, { useWasm, readOnly: true }).open();
      try {
        const end = Date.now() + 2500;
        while (Date.now() < end) {
          const fresh = await new NervusDB(dir, { useWasm, readOnly: true }).open();
          try {
            const n = await whole(fresh);
            assert.isAtLeast(n, last, 'a new reader sees at least what an older one saw');
            last = n;
          } finally {
            await fresh.close();
          }
          if (await reader.refresh()) {
            refreshes++;
          }
          assert.isAtLeast(await whole(reader), 0);
        }
        child.kill('SIGKILL');
        await exited;
        await drained;
        const after = await new NervusDB(dir, { useWasm, readOnly: true }).open();
        try {
          const n = await whole(after);
          assert.isAtLeast(n, acked, 'every acknowledged batch');
          assert.isAtMost(n, acked + 1);
        } finally {
          await after.close();
        }
        await reader.refresh();
        assert.isAtLeast(await whole(reader), acked);
      } finally {
        await reader.close();
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
        }
      }
      assert.isAbove(refreshes, 1, 'refreshes that found new batches');
      assert.isAbove(acked, 3, 'the writer committed');
    });
  });
}
