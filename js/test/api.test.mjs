// The NervusDB API on whichever backend this run selects: the default (WebAssembly GC where
// the engine has it), or the JavaScript build with NERVUSDB_USE_WASM=false.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NervusDB, NervusDBError, wasmGcSupported } from '../src/index.mjs';

const expected = process.env.NERVUSDB_USE_WASM === 'false' || !wasmGcSupported() ? 'js' : 'wasm-gc';

async function opened(options) {
  const db = new NervusDB(':memory:', options);
  await db.open();
  return db;
}

test(`backend is ${expected}`, async () => {
  const db = await opened();
  assert.equal(db.backend, expected);
  assert.ok(db.backendReason.length > 0);
  await db.close();
});

test('useWasm: false selects the JavaScript build', async () => {
  const db = await opened({ useWasm: false });
  assert.equal(db.backend, 'js');
  assert.equal(db.backendReason, 'useWasm: false');
  await db.close();
});

test('add, addBatch, query, delete, close', async () => {
  const db = await opened();
  assert.equal(await db.add({ subject: 's1', predicate: 'p', object: 'o1' }), true);
  assert.equal(await db.add({ subject: 's1', predicate: 'p', object: 'o1' }), false);
  const batch = [];
  for (let i = 0; i < 1000; i++) {
    batch.push({ subject: `s${i % 10}`, predicate: `p${i % 3}`, object: `o${i}` });
  }
  assert.equal(await db.addBatch(batch), 1000); // none equals (s1, p, o1): the batch uses p0..p2
  assert.equal(await db.addBatch(batch.slice(0, 10)), 0);
  assert.equal(await db.count(), 1001);
  const rows = await db.query().whereSubject('s1').execute();
  assert.equal(rows.length, 101);
  assert.ok(rows.every((r) => r.subject === 's1'));
  assert.deepEqual(await db.query().whereSubject('s1').wherePredicate('p').execute(),
    [{ subject: 's1', predicate: 'p', object: 'o1' }]);
  assert.equal((await db.query().wherePredicate('p2').limit(5).execute()).length, 5);
  assert.equal(await db.query().whereSubject('s1').whereSubject('s2').count(), 0);
  const seen = [];
  for await (const t of db.query().whereObject('o7')) {
    seen.push(t);
  }
  assert.deepEqual(seen, [{ subject: 's7', predicate: 'p1', object: 'o7' }]);
  assert.equal(await db.delete({ subject: 's1', predicate: 'p', object: 'o1' }), true);
  assert.equal(await db.delete({ subject: 's1', predicate: 'p', object: 'o1' }), false);
  assert.equal(await db.contains({ subject: 's1', predicate: 'p', object: 'o1' }), false);
  await db.flush();
  await db.compact();
  assert.equal(await db.count(), 1000);
  await db.close();
  await db.close(); // idempotent
  await assert.rejects(() => db.add({ subject: 'a', predicate: 'b', object: 'c' }),
    (e) => e instanceof NervusDBError && e.code === 'CLOSED');
});

test('unicode terms round-trip', async () => {
  const db = await opened();
  const t = { subject: 'café ☕', predicate: 'naïve', object: '𝄞 music' };
  await db.add(t);
  assert.deepEqual(await db.query().whereObject('𝄞 music').execute(), [t]);
  await db.close();
});

test('bad input gets typed errors and writes nothing', async () => {
  const db = await opened();
  await assert.rejects(() => db.add({ subject: 's', predicate: null, object: 'o' }),
    (e) => e instanceof NervusDBError && e.code === 'INVALID_TERM');
  await assert.rejects(() => db.addBatch([{ subject: 'a', predicate: 'b', object: 'c' }, 42]),
    (e) => e instanceof NervusDBError && e.code === 'INVALID_TERM');
  await assert.rejects(() => db.add({ subject: 'bad \uD800 surrogate', predicate: 'p', object: 'o' }),
    (e) => e instanceof NervusDBError && /surrogate/i.test(e.message));
  assert.equal(await db.count(), 0);
  assert.throws(() => db.query().limit(-1), (e) => e.code === 'INVALID_ARGUMENT');
  await db.close();
});

test('on-disk paths are refused clearly until file storage exists', async () => {
  const db = new NervusDB('/tmp/nervusdb-js-test.db');
  await assert.rejects(() => db.open(), (e) => e instanceof NervusDBError && e.code === 'UNSUPPORTED');
});

test('calls before open are refused', async () => {
  const db = new NervusDB();
  await assert.rejects(() => db.count(), (e) => e.code === 'NOT_OPEN');
});
