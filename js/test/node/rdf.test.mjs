// SPARQL Update and named graphs on disk in Node, with each backend this Node can run: an
// update request is on disk when its promise resolves (a process killed right after keeps it),
// quads and updates survive reopening, and a request that fails leaves the files as they were.
import { describe, it, before, after } from 'mocha';
import { assert } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_GRAPH, NervusDB, wasmGcSupported } from '../../src/index.mjs';

const backends = wasmGcSupported() ? [true, false] : [false];
const INDEX = new URL('../../src/index.mjs', import.meta.url).href;
const int = (n) => `"${n}"^^<http://www.w3.org/2001/XMLSchema#integer>`;

// Opens the directory, runs an update request as the database's first SPARQL call, says
// "acked" once its promise resolved, and waits to be killed.
const UPDATER = `
import { NervusDB } from ${JSON.stringify(INDEX)};
const [dir, useWasm] = [process.argv[1], process.argv[2] === 'true'];
const db = new NervusDB(dir, { useWasm });
await db.open();
await db.add({ subject: 'before', predicate: 'p', object: 1 });
const n = await db.sparql('INSERT DATA { <a> <p> 1 . GRAPH <g> { <a> <p> 2 } } ; DELETE DATA { <before> <p> 1 }');
console.log('acked ' + n + ' ' + db.module);
setInterval(() => {}, 1000);
`;

let root;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nervusdb-rdf-'));
});
after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

for (const useWasm of backends) {
  const backend = useWasm ? 'wasm-gc' : 'js';

  describe(`RDF on disk in Node (${backend})`, function () {
    this.timeout(60_000);
    let n = 0;
    const fresh = () => path.join(root, `${backend}-${n++}`, 'db');
    const open = async (dir, options = {}) => {
      const db = new NervusDB(dir, { useWasm, ...options });
      await db.open();
      return db;
    };

    it('an update request is on disk when its promise resolves: a process killed right after keeps it', async () => {
      const dir = fresh();
      const child = spawn(process.execPath, ['--input-type=module', '-e', UPDATER, dir, String(useWasm)],
        { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      await new Promise((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (out.includes('\n')) {
            child.kill('SIGKILL');
          }
        });
        child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`updater exited: ${code} ${signal}`))));
      });
      assert.strictEqual(out.trim(), 'acked 3 full');
      const db = await open(dir);
      assert.deepEqual(await db.find({ graph: null }).all(), [
        { subject: 'a', predicate: 'p', object: int(1), graph: DEFAULT_GRAPH },
        { subject: 'a', predicate: 'p', object: int(2), graph: 'g' },
      ]);
      assert.deepEqual(await db.graphs(), ['g']);
      await db.close();
    });

    for (const syncOnCommit of [true, false]) {
      it(`updates, quads and typed values survive reopening (syncOnCommit ${syncOnCommit})`, async () => {
        const dir = fresh();
        let db = await open(dir, { syncOnCommit, memtableSize: 16 * 1024 });
        const batch = [];
        for (let i = 0; i < 1500; i++) {
          batch.push({ subject: `s${i}`, predicate: 'v', object: i, graph: i % 2 ? 'odd' : undefined });
        }
        await db.addBatch(batch); // tables and a log
        assert.strictEqual(await db.update('DELETE { GRAPH <odd> { ?s <v> ?o } } INSERT { GRAPH <big> { ?s <v> ?o } } '
          + 'WHERE { GRAPH <odd> { ?s <v> ?o FILTER(?o > 1000) } }'), 500);
        assert.strictEqual(await db.sparql('CREATE GRAPH <empty>'), 0);
        assert.strictEqual(await db.sparql('DROP GRAPH <odd>'), 500, 'the quads it held');
        await db.close();
        db = await open(dir);
        assert.strictEqual(db.module, 'core');
        assert.deepEqual(await db.graphs(), ['big', 'empty']);
        assert.strictEqual(await db.count(), 750);
        assert.strictEqual(await db.count({ graph: 'big' }), 250);
        assert.isTrue(await db.contains({ subject: 's1499', predicate: 'v', object: 1499, graph: 'big' }));
        assert.strictEqual(await db.count({ graph: null }), 1000);
        assert.deepEqual((await db.sparql('SELECT (COUNT(*) AS ?n) WHERE { GRAPH <big> { ?s <v> ?o FILTER(?o > 1400) } }')).rows,
          [{ n: int(50) }]);
        assert.isAbove(await db.verify(), 0);
        await db.close();
      });
    }

    it('a request that fails leaves the files as they were', async () => {
      const dir = fresh();
      let db = await open(dir);
      await db.sparql('INSERT DATA { <a> <p> 1 . GRAPH <g> { <a> <p> 2 } }');
      const e = await db.sparql('CLEAR ALL ; INSERT DATA { <b> <p> 3 } ; CREATE GRAPH <g>').then(() => null, (x) => x);
      assert.strictEqual(e && e.code, 'INVALID_ARGUMENT');
      await db.close();
      db = await open(dir);
      assert.strictEqual(await db.count({ graph: null }), 2);
      assert.isFalse(await db.contains({ subject: 'b', predicate: 'p', object: 3 }));
      await db.close();
    });
  });
}
