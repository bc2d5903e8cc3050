// The two modules on disk in Node, with each backend this Node can run: a database that only
// uses the storage API never loads the full module (checked in a fresh process, whose module
// cache starts empty), and one on disk moves to the full module on its first sparql() with all
// its data, its directory lock held throughout.
import { describe, it, before, after } from 'mocha';
import { assert } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NervusDB, NervusDBError, wasmGcSupported } from '../../src/index.mjs';

const backends = wasmGcSupported() ? [true, false] : [false];
const INDEX = new URL('../../src/index.mjs', import.meta.url).href;

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    assert.instanceOf(e, NervusDBError);
    return e;
  }
  assert.fail('expected a rejection');
}

const t = (subject, predicate, object) => ({ subject, predicate, object });

// Every storage call of the package, then what was loaded; in a process of its own.
const STORAGE_ONLY = `
import { NervusDB, loadedModules } from ${JSON.stringify(INDEX)};
const [dir, useWasm] = [process.argv[1], process.argv[2] === 'true'];
const out = [];
for (const where of [':memory:', dir]) {
  const db = new NervusDB(where, { useWasm, memtableSize: 16 * 1024 });
  await db.open();
  const batch = [];
  for (let i = 0; i < 2000; i++) batch.push({ subject: 'n' + i, predicate: 'next', object: 'n' + (i + 1) });
  await db.addBatch(batch);
  await db.add({ subject: 'alice', predicate: 'knows', object: 'bob' });
  await db.delete({ subject: 'n5', predicate: 'next', object: 'n6' });
  await db.deleteBatch([{ subject: 'n7', predicate: 'next', object: 'n8' }]);
  await db.addFact({ subject: 'bob', predicate: 'knows', object: 'carol' }, { subjectProperties: { age: 30, labels: ['P'] }, edgeProperties: { w: 1 } });
  await db.setNodeProperties('carol', { age: 20 });
  await db.addLabels('carol', ['P']);
  db.beginBatch();
  await db.addFact({ subject: 'carol', predicate: 'knows', object: 'dave' });
  await db.commitBatch({ durable: true });
  await db.snapshot(async (d) => d.find({ subject: 'alice' }).all());
  await db.query().whereSubject('n0').wherePredicate('next').followPath('next', { min: 0 }).nodes();
  await db.query().wherePredicate('knows').follow('knows').followReverse('knows').orderBy('object', 'desc').offset(1).limit(5).values('subject');
  await db.query().wherePredicate('next').whereObject({ regex: '^n1', flags: 'i' }).countBy('subject');
  await db.find({ subject: 'alice' }).union(db.find({ subject: 'bob' })).withProperties().all();
  await db.findByLabel('P').all();
  await db.findByNodeProperty({ propertyName: 'age', range: { min: 10 } }).count();
  await db.findByEdgeProperty({ propertyName: 'w', value: 1 }).all();
  await db.query().whereProperty('age', '>', 25).whereLabel('P').all();
  for await (const x of db.query().wherePredicate('knows')) void x;
  await db.getNodeProperties('bob'); await db.getEdgeProperties({ subject: 'bob', predicate: 'knows', object: 'carol' });
  await db.getLabels('bob'); await db.getNodeValue(await db.getNodeId('alice'));
  await db.contains({ subject: 'alice', predicate: 'knows', object: 'bob' });
  await db.add({ subject: 'alice', predicate: 'age', object: 31, graph: 'g' });
  await db.addBatch([{ subject: 'bob', predicate: 'born', object: new Date(0), graph: 'g' }, { subject: 'x', predicate: 'y', object: true }]);
  await db.find({ graph: null }).skip(1).all(); await db.find({ object: 31, graph: 'g' }).count();
  await db.graphs(); await db.count({ graph: 'g' }); await db.contains({ subject: 'x', predicate: 'y', object: true, graph: null });
  await db.delete({ subject: 'alice', predicate: 'age', object: 31, graph: 'g' });
  await db.deleteBatch([{ subject: 'bob', predicate: 'born', object: new Date(0), graph: 'g' }]);
  await db.flush(); await db.compact(); await db.verify(); await db.count();
  out.push(db.module);
  await db.close();
}
console.log(JSON.stringify({ modules: out, loaded: loadedModules() }));
`;

// A copy of the package whose full module cannot be loaded (missing) or cannot open a store
// (a stand-in that refuses to), to see a failed move leave the database working in the core
// module. The JavaScript build, whose modules are ES modules a stand-in can replace.
function brokenPackage(dir, fullModule) {
  const pkg = fileURLToPath(new URL('../..', import.meta.url));
  fs.cpSync(path.join(pkg, 'src'), path.join(dir, 'src'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.copyFileSync(path.join(pkg, 'dist', 'nervusdb-core.mjs'), path.join(dir, 'dist', 'nervusdb-core.mjs'));
  if (fullModule !== null) {
    fs.writeFileSync(path.join(dir, 'dist', 'nervusdb-full.mjs'), fullModule);
  }
  return pathToFileURL(path.join(dir, 'src', 'index.mjs')).href;
}

const FAILED_MOVE = (index) => `
import { NervusDB, loadedModules } from ${JSON.stringify(index)};
const out = {};
for (const where of [':memory:', process.argv[1]]) {
  const db = new NervusDB(where, { useWasm: false, memtableSize: 16 * 1024 });
  await db.open();
  const batch = [];
  for (let i = 0; i < 1000; i++) batch.push({ subject: 'n' + i, predicate: 'next', object: 'n' + (i + 1) });
  await db.addBatch(batch);
  const pending = db.count();
  const e = await db.sparql('ASK {}').then(() => null, (x) => x);
  const again = await db.explain('ASK {}').then(() => null, (x) => x);
  await db.add({ subject: 'after', predicate: 'the', object: 'failure' });
  out[where === ':memory:' ? 'memory' : 'disk'] = {
    error: e && e.code, again: again && again.code, module: db.module, pending: await pending,
    count: await db.count(), path: (await db.query().whereSubject('n0').followPath('next', { min: 1, max: 3 }).nodes()).length,
  };
  await db.close();
}
console.log(JSON.stringify(out));
`;

let root;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nervusdb-modules-'));
});
after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('modules in Node: a move that fails', function () {
  this.timeout(60_000);
  const cases = {
    'the full module cannot be loaded': [null, 'ENGINE'],
    'the full module cannot open the store': [`export * from './nervusdb-core.mjs';
export function openInMemoryFrom() { throw new Error('[IO] cannot open it here'); }
export function openDirectory() { throw new Error('[IO] cannot open it here'); }
`, 'IO'],
  };
  for (const [title, [fullModule, code]] of Object.entries(cases)) {
    it(`${title}: sparql() fails with ${code}, and the database goes on in the core module with its data`, () => {
      const dir = fs.mkdtempSync(path.join(root, 'broken-'));
      const index = brokenPackage(dir, fullModule);
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', FAILED_MOVE(index), path.join(dir, 'db')], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout.trim().split('\n').pop());
      for (const where of ['memory', 'disk']) {
        assert.deepEqual(out[where], { error: code, again: code, module: 'core', pending: 1000, count: 1001, path: 3 }, where);
      }
    });
  }
});

for (const useWasm of backends) {
  const backend = useWasm ? 'wasm-gc' : 'js';

  describe(`modules in Node (${backend})`, function () {
    this.timeout(60_000);
    let n = 0;
    const fresh = () => path.join(root, `${backend}-${n++}`, 'db');

    it('a database using only the storage API and the builder never loads the full module', () => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', STORAGE_ONLY, fresh(), String(useWasm)], {
        encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, NERVUSDB_USE_WASM: String(useWasm) },
      });
      assert.strictEqual(r.status, 0, r.stderr);
      const { modules, loaded } = JSON.parse(r.stdout.trim().split('\n').pop());
      assert.deepEqual(modules, ['core', 'core']);
      assert.deepEqual(loaded, [`${backend}-core`], 'only the core module was loaded');
    });

    for (const syncOnCommit of [true, false]) {
      it(`on disk (syncOnCommit ${syncOnCommit}): everything written before the first sparql() is there after it and after reopening`, async () => {
        const dir = fresh();
        const db = new NervusDB(dir, { useWasm, syncOnCommit, memtableSize: 16 * 1024 });
        await db.open();
        const batch = [];
        for (let i = 0; i < 2000; i++) {
          batch.push(t(`n${i}`, 'next', `n${i + 1}`));
        }
        await db.addBatch(batch); // several tables, and a log
        await db.addFact(t('alice', 'knows', 'bob'), { subjectProperties: { age: 30 } });
        await db.addLabels('alice', ['Person']);
        await db.delete(t('n5', 'next', 'n6'));
        assert.strictEqual(db.module, 'core');
        const r = await db.sparql('SELECT (COUNT(*) AS ?n) WHERE { ?s <next> ?o }');
        assert.strictEqual(db.module, 'full');
        assert.strictEqual(r.rows[0].n, '"1999"^^<http://www.w3.org/2001/XMLSchema#integer>');
        assert.deepEqual(await db.getNodeProperties('alice'), { age: 30 });
        assert.deepEqual(await db.getLabels('alice'), ['Person']);
        // The directory stays locked through the move.
        assert.strictEqual((await rejection(new NervusDB(dir, { useWasm }).open())).code, 'LOCKED');
        await db.add(t('after', 'the', 'move'));
        await db.close();
        const again = new NervusDB(dir, { useWasm });
        await again.open();
        assert.strictEqual(again.module, 'core');
        assert.strictEqual(await again.count(), 2001);
        assert.isTrue(await again.contains(t('after', 'the', 'move')));
        assert.isFalse(await again.contains(t('n5', 'next', 'n6')));
        assert.deepEqual(await again.getNodeProperties('alice'), { age: 30 });
        assert.isAbove(await again.verify(), 0);
        await again.close();
      });
    }

    it('on disk: close() during the move leaves the directory closed and unlocked', async () => {
      const dir = fresh();
      const db = new NervusDB(dir, { useWasm });
      await db.open();
      await db.add(t('a', 'b', 'c'));
      const pending = db.sparql('ASK {}');
      await db.close();
      assert.strictEqual((await rejection(pending)).code, 'CLOSED');
      const again = new NervusDB(dir, { useWasm, module: 'full' });
      await again.open();
      assert.isTrue(await again.sparql('ASK { <a> <b> <c> }'));
      await again.close();
    });
  });
}
