// The two modules in a browser: a database that only uses the storage API neither loads nor
// fetches the full module, and the first sparql() moves a database to it with its data, in
// memory and in the Origin Private File System, opened in a worker and from the page (whose
// database lives in the worker the package starts). The move's finer points (batches,
// snapshots, iterators, concurrent calls) are in test/modules.test.mjs, which runs here too.
import { assert } from 'chai';
import { NervusDB } from '../../src/index.mjs';
import { opfsMissing, requireOpfs } from '../support/opfs.mjs';
import { useWasmSetting } from '../support/settings.mjs';

const useWasm = useWasmSetting() !== 'false';
const backend = useWasm ? 'wasm-gc' : 'js';
const file = useWasm ? ['nervusdb-core.wasm', 'nervusdb-full.wasm'] : ['nervusdb-core.mjs', 'nervusdb-full.mjs'];
const names = [];
const fresh = (tag) => {
  const name = `nervusdb-test-${tag}-${backend}-${Date.now()}-${names.length}`;
  names.push(name);
  return name;
};

function inWorker(name) {
  const worker = new Worker(new URL('./modules-worker.mjs', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.error) {
        reject(new Error(data.error));
      } else {
        resolve(data);
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage({ name, useWasm });
  });
}

describe(`modules in the browser (${backend})`, function () {
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

  it('in a worker: storage only loads and fetches the core module; the first sparql() the full one, with the data', async () => {
    const report = await inWorker(fresh('worker'));
    assert.deepEqual(report.storage.modules, ['core', 'core']);
    assert.deepEqual(report.storage.loaded, [`${backend}-core`]);
    assert.include(report.storage.fetched, file[0]);
    assert.notInclude(report.storage.fetched, file[1], 'the full module was not fetched');
    assert.deepEqual(report.sparql.modules, ['full', 'full']);
    assert.deepEqual(report.sparql.loaded, [`${backend}-core`, `${backend}-full`]);
    assert.include(report.sparql.fetched, file[1]);
    const one = [[{ f: 'bob' }], '"1500"^^<http://www.w3.org/2001/XMLSchema#integer>', { age: 30 }, ['Person']];
    assert.deepEqual(report.sparql.answers, [...one, ...one], 'in memory and in OPFS');
    assert.deepEqual(report.reopened, { module: 'core', count: 1502, verified: true });
  });

  it("from the page: the database's worker moves it to the full module on its first sparql()", async () => {
    const name = fresh('page');
    const db = new NervusDB(name, { useWasm, memtableSize: 16 * 1024 });
    await db.open();
    assert.match(db.backendReason, /worker/);
    assert.strictEqual(db.module, 'core');
    const batch = [];
    for (let i = 0; i < 1500; i++) {
      batch.push({ subject: `n${i}`, predicate: 'next', object: `n${i + 1}` });
    }
    await db.addBatch(batch);
    db.beginBatch();
    await db.addFact({ subject: 'alice', predicate: 'knows', object: 'bob' }, { edgeProperties: { since: 2001 } });
    const [rows, count] = await Promise.all([
      db.sparql('SELECT (COUNT(*) AS ?n) WHERE { ?s <next> ?o }'),
      db.count(),
    ]);
    assert.strictEqual(rows.rows[0].n, '"1500"^^<http://www.w3.org/2001/XMLSchema#integer>');
    assert.strictEqual(count, 1500);
    assert.strictEqual(db.module, 'full');
    await db.commitBatch();
    assert.isTrue(await db.sparql('ASK { <alice> <knows> <bob> }'));
    assert.deepEqual(await db.getEdgeProperties({ subject: 'alice', predicate: 'knows', object: 'bob' }), { since: 2001 });
    await db.close();
    const again = new NervusDB(name, { useWasm, module: 'full' });
    await again.open();
    assert.strictEqual(again.module, 'full');
    assert.strictEqual(await again.count(), 1501);
    await again.close();
  });

  it("from the page: an update as the first sparql() moves the worker's database, quads and typed values go through it, and OPFS keeps them", async () => {
    const name = fresh('page-update');
    const db = new NervusDB(name, { useWasm, memtableSize: 16 * 1024 });
    await db.open();
    const batch = [];
    for (let i = 0; i < 1500; i++) {
      batch.push({ subject: `n${i}`, predicate: 'v', object: i, graph: i % 3 === 0 ? 'third' : undefined });
    }
    await db.addBatch(batch);
    assert.deepEqual(await db.graphs(), ['third']);
    assert.strictEqual(db.module, 'core');
    const [changed, count] = await Promise.all([
      db.sparql('INSERT { GRAPH <big> { ?s <v> ?o } } WHERE { ?s <v> ?o FILTER(?o >= 1400) }'),
      db.count(),
    ]);
    assert.strictEqual(changed, 67, 'the values >= 1400 that are not multiples of 3');
    assert.strictEqual(count, 1000);
    assert.strictEqual(db.module, 'full');
    assert.deepEqual(await db.sparql('CONSTRUCT { ?s <v> ?o } WHERE { GRAPH <big> { ?s <v> ?o FILTER(?o = 1499) } }'),
      [{ subject: 'n1499', predicate: 'v', object: '"1499"^^<http://www.w3.org/2001/XMLSchema#integer>' }]);
    assert.strictEqual(JSON.parse(await db.sparql('SELECT ?s WHERE { ?s <v> 3 }', { format: 'json', unionDefaultGraph: true }))
      .results.bindings[0].s.value, 'http://nervusdb.invalid/n3');
    assert.strictEqual(await db.update('DROP GRAPH <third>'), 500);
    await db.close();
    const again = new NervusDB(name, { useWasm });
    await again.open();
    assert.deepEqual(await again.graphs(), ['big']);
    assert.strictEqual(await again.count({ graph: null }), 1067);
    assert.isTrue(await again.contains({ subject: 'n1400', predicate: 'v', object: 1400, graph: 'big' }));
    await again.close();
  });
});
