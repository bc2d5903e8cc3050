// Results out of the core: lists as one byte array per call (src/results.mjs), with a term
// cache mirrored on both sides of the boundary, and stores as handles. Runs on whichever
// backend this run selects, in Node and in the browser.
import { assert } from 'chai';
import { DEFAULT_GRAPH, NervusDB } from '../src/index.mjs';
import { CACHE_SLOTS, decodeList, termCache } from '../src/results.mjs';

async function opened(options = {}) {
  return new NervusDB(':memory:', options).open();
}

/** A deterministic generator of 32-bit numbers. */
function rng(seed) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

describe('results across the boundary', function () {
  this.timeout(120_000);

  it('terms of every shape come back whole: BOM first, astral, U+0000, empty, long, Latin-1', async () => {
    const db = await opened();
    const objects = ['\uFEFFstarts with a BOM', 'astral \u{1F600}\u{10FFFF} end', 'nul \u0000 inside', '""', '"é"@fr',
      'x'.repeat(20_000), 'ÿ\u0080\u07FF\u0800\uFFFF', '"\u{1F600}"'];
    await db.addBatch(objects.map((o, i) => ({ subject: '\uFEFFs', predicate: `p${i}`, object: o })));
    const viaBuilder = await db.query().whereSubject('\uFEFFs').execute();
    assert.sameMembers(viaBuilder.map((t) => t.object), objects);
    const viaFind = await db.find({ subject: '\uFEFFs', graph: DEFAULT_GRAPH }).all();
    assert.sameMembers(viaFind.map((q) => q.object), objects);
    assert.isTrue(viaFind.every((q) => q.subject === '\uFEFFs'));
    const { rows } = await db.sparql('SELECT ?p ?o WHERE { ?s ?p ?o }');
    assert.strictEqual(rows.length, objects.length);
    await db.close();
  });

  it('the term cache: more terms than slots, read in random order, against a model', async () => {
    const db = await opened();
    const n = CACHE_SLOTS + 3000; // ids i and i + CACHE_SLOTS share a slot
    const triples = [];
    for (let i = 0; i < n; i++) {
      triples.push({ subject: `s${i % 997}`, predicate: `p${i % 3}`, object: `o${i}` });
    }
    await db.addBatch(triples);
    const model = new Map();
    for (const t of triples) {
      const rows = model.get(t.subject) ?? [];
      rows.push(`${t.predicate} ${t.object}`);
      model.set(t.subject, rows);
    }
    const next = rng(42);
    for (let k = 0; k < 3000; k++) {
      const s = `s${next() % 997}`;
      const rows = (k % 2 === 0 ? await db.query().whereSubject(s).execute() : await db.find({ subject: s }).all());
      assert.sameMembers(rows.map((t) => `${t.predicate} ${t.object}`), model.get(s), s);
      assert.isTrue(rows.every((t) => t.subject === s));
    }
    await db.close();
  });

  it('two stores side by side each have their own cache; a store moved to the full module starts a new one', async () => {
    const a = await opened();
    const b = await opened();
    await a.addBatch([{ subject: 'x', predicate: 'p', object: 'from a' }, { subject: 'y', predicate: 'p', object: 'a2' }]);
    await b.addBatch([{ subject: 'y', predicate: 'p', object: 'from b' }, { subject: 'x', predicate: 'p', object: 'b2' }]);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual((await a.find({ subject: 'x' }).all()).map((t) => t.object), ['from a']);
      assert.deepEqual((await b.find({ subject: 'x' }).all()).map((t) => t.object), ['b2']);
      assert.deepEqual((await a.find({ subject: 'y' }).all()).map((t) => t.object), ['a2']);
      assert.deepEqual((await b.find({ subject: 'y' }).all()).map((t) => t.object), ['from b']);
    }
    assert.deepEqual((await a.sparql('SELECT ?o WHERE { <x> <p> ?o }')).rows, [{ o: 'from a' }]);
    assert.strictEqual(a.module, 'full');
    await a.add({ subject: 'x', predicate: 'q', object: 'later' });
    assert.sameMembers((await a.find({ subject: 'x' }).all()).map((t) => t.object), ['from a', 'later']);
    assert.deepEqual((await b.find({ subject: 'x' }).all()).map((t) => t.object), ['b2']);
    await a.close();
    await b.close();
  });

  it('builder queries of one pattern page like the core builder: the last offset and limit hold', async () => {
    const db = await opened();
    await db.addBatch(Array.from({ length: 10 }, (_, i) => ({ subject: 's', predicate: 'p', object: `o${i}` })));
    const all = await db.query().whereSubject('s').execute();
    assert.strictEqual(all.length, 10);
    assert.deepEqual(await db.query().whereSubject('s').skip(2).take(3).execute(), all.slice(2, 5));
    assert.deepEqual(await db.query().whereSubject('s').skip(9).skip(1).limit(1).limit(2).execute(), all.slice(1, 3));
    assert.deepEqual(await db.query().whereSubject('s').limit(0).execute(), []);
    assert.deepEqual(await db.query().whereSubject('s').whereSubject('t').execute(), []);
    assert.deepEqual(await db.query().whereSubject('s').whereObject('o4').execute(), [all.find((t) => t.object === 'o4')]);
    await db.close();
  });

  it('decodeList reads what the layout says and refuses a truncated array', () => {
    // head: null; "hé" uncached; "hé" into slot 5; slot 5; a lone surrogate as units.
    const text = new TextEncoder().encode('héhé');
    const head = [0, (2 << 2) | 1, (2 << 2) | 3, 5, (5 << 2) | 2, (1 << 2), 0xd8, 0xb7, 0x03];
    const bytes = new Uint8Array(4 + head.length + text.length);
    new DataView(bytes.buffer).setUint32(0, head.length, true);
    bytes.set(head, 4);
    bytes.set(text, 4 + head.length);
    const cache = termCache();
    assert.deepEqual(decodeList(new Int8Array(bytes.buffer), cache), [null, 'hé', 'hé', 'hé', '\uDBD8']);
    assert.strictEqual(cache[5], 'hé');
    assert.throws(() => decodeList(new Int8Array(bytes.buffer, 0, 6), termCache()), RangeError);
  });

  it('a closed database leaves no handle: calls after close fail with CLOSED, and close is idempotent', async () => {
    const db = await opened();
    await db.add({ subject: 'a', predicate: 'b', object: 'c' });
    await db.close();
    await db.close();
    const e = await db.count().then(() => null, (x) => x);
    assert.strictEqual(e && e.code, 'CLOSED');
  });
});
