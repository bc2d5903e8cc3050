// The two modules of each build: open() runs a database on the storage core module, and its
// first sparql() or explain() moves it to the full module. Data, open batches, snapshots,
// iterators and calls in flight across the move, in memory (on disk: test/node/modules.test.mjs;
// in OPFS: test/browser/modules.test.mjs). Runs in Node and in the browser, on either backend.
import { assert } from 'chai';
import { NervusDB, loadedModules } from '../src/index.mjs';
import { assertNervusError, rejection } from './support/errors.mjs';

async function opened(options) {
  const db = new NervusDB(':memory:', options);
  await db.open();
  return db;
}

const t = (subject, predicate, object) => ({ subject, predicate, object });
const int = (n) => `"${n}"^^<http://www.w3.org/2001/XMLSchema#integer>`;

/** A graph with tables (a small memtable), log records, properties and labels. */
async function filled(options = {}) {
  const db = await opened({ memtableSize: 16 * 1024, ...options });
  const batch = [];
  for (let i = 0; i < 1500; i++) {
    batch.push(t(`n${i}`, 'next', `n${i + 1}`));
  }
  await db.addBatch(batch);
  await db.addBatch([
    t('alice', 'knows', 'bob'), t('alice', 'knows', 'carol'), t('bob', 'knows', 'carol'),
    t('carol', 'livesIn', 'Paris'), t('bob', 'livesIn', 'Lyon'),
    t('alice', 'age', int(34)), t('bob', 'age', int(9)), t('carol', 'age', int(29)),
  ]);
  await db.addFact(t('dave', 'knows', 'alice'), { subjectProperties: { age: 41, labels: ['Person'] }, edgeProperties: { since: 2001 } });
  await db.addLabels('alice', ['Person', 'Admin']);
  await db.delete(t('n7', 'next', 'n8'));
  return db;
}

/** What the storage API and the builder answer about `filled()`'s graph. */
async function answers(db) {
  return {
    count: await db.count(),
    alice: (await db.query().whereSubject('alice').orderBy('object').execute()),
    friendsCities: await db.query().whereSubject('alice').wherePredicate('knows').follow('livesIn').orderBy('object').values('object'),
    path: (await db.query().whereSubject('n0').wherePredicate('next').followPath('next', { min: 0, max: 10 }).nodes()).sort(),
    ages: await db.query().wherePredicate('age').whereObject({ gt: 9 }).orderBy('object', 'desc').values('subject'),
    byPredicate: [...await db.query().countBy('predicate')].slice(0, 3),
    union: (await db.find({ subject: 'bob' }).union(db.find({ subject: 'carol' })).count()),
    persons: (await db.findByLabel('Person').all()).length,
    dave: await db.getNodeProperties('dave'),
    since: await db.getEdgeProperties(t('dave', 'knows', 'alice')),
    labels: (await db.getLabels('alice')).sort(),
    contains: await db.contains(t('n7', 'next', 'n8')),
  };
}

describe('modules: the storage core, and the full module from the first sparql()', () => {
  it('open() runs a database on the core module; module: "full" loads the full module at once', async () => {
    const db = await opened();
    assert.strictEqual(db.module, 'core');
    assert.include(loadedModules(), `${db.backend}-core`);
    await db.add(t('a', 'b', 'c'));
    await db.query().whereSubject('a').follow('b').count();
    assert.strictEqual(db.module, 'core', 'the storage API and the builder stay in the core module');
    await db.close();
    assert.strictEqual(db.module, 'core', 'a closed database says where it ran');

    const full = await opened({ module: 'full' });
    assert.strictEqual(full.module, 'full');
    assert.include(loadedModules(), `${full.backend}-full`);
    assert.deepEqual((await full.sparql('SELECT * WHERE { ?s ?p ?o }')).rows, []);
    await full.close();
    assertNervusError(await rejection(() => new NervusDB(':memory:', { module: 'sparql' }).open()), 'INVALID_ARGUMENT');
    assert.strictEqual(new NervusDB().module, null);
  });

  it('data written before the first sparql() is there after it, for SPARQL and every other API', async () => {
    const db = await filled();
    const before = await answers(db);
    assert.strictEqual(db.module, 'core');
    const r = await db.sparql('SELECT ?f WHERE { <alice> <knows> ?f } ORDER BY ?f');
    assert.strictEqual(db.module, 'full');
    assert.deepEqual(r.rows, [{ f: 'bob' }, { f: 'carol' }]);
    assert.strictEqual(await db.sparql('ASK { <n7> <next> <n8> }'), false);
    assert.strictEqual((await db.sparql('SELECT (COUNT(*) AS ?n) WHERE { ?s <next> ?o }')).rows[0].n, int(1499));
    assert.deepEqual(await answers(db), before);
    assert.isAbove(await db.verify(), 0);
    // Writes after the move, then everything again.
    await db.add(t('erin', 'knows', 'alice'));
    await db.flush();
    await db.compact();
    assert.strictEqual(await db.count(), before.count + 1);
    assert.deepEqual((await db.sparql('SELECT ?s WHERE { ?s <knows> <alice> } ORDER BY ?s')).rows, [{ s: 'dave' }, { s: 'erin' }]);
    await db.close();
  });

  it("debug: true moves to the full module's debug build", async () => {
    const db = await opened({ debug: true });
    await db.add(t('a', 'b', 'c'));
    assert.isTrue(await db.sparql('ASK { <a> <b> <c> }'));
    assert.strictEqual(db.module, 'full');
    assert.includeMembers(loadedModules(), [`${db.backend}-core-debug`, `${db.backend}-full-debug`]);
    await db.close();
  });

  it('explain() moves the database too', async () => {
    const db = await filled();
    assert.match(await db.explain('SELECT * WHERE { ?a <knows> ?b }'), /rows=/);
    assert.strictEqual(db.module, 'full');
    await db.close();
  });

  it('a batch open across the move is kept and commits afterwards', async () => {
    const db = await filled();
    db.beginBatch();
    await db.addFact(t('frank', 'knows', 'alice'), { subjectProperties: { age: 50 } });
    await db.addLabels('frank', ['Person']);
    assert.deepEqual(await db.getNodeProperties('frank'), { age: 50 }, 'the batch reads its pending value');
    const inside = await db.sparql('SELECT ?s WHERE { ?s <knows> <alice> }');
    assert.deepEqual(inside.rows, [{ s: 'dave' }], 'SPARQL reads committed data only');
    assert.strictEqual(db.module, 'full');
    await db.commitBatch();
    assert.deepEqual((await db.sparql('SELECT ?s WHERE { ?s <knows> <alice> } ORDER BY ?s')).rows, [{ s: 'dave' }, { s: 'frank' }]);
    assert.deepEqual(await db.getLabels('frank'), ['Person']);
    assert.deepEqual(await db.getNodeProperties('frank'), { age: 50 });
    // A batch begun and aborted across the move leaves nothing.
    const db2 = await filled();
    db2.beginBatch();
    await db2.add(t('x', 'y', 'z')); // add() is not batched: it commits at once
    await db2.deleteFact(t('alice', 'knows', 'bob'));
    await db2.sparql('ASK {}');
    db2.abortBatch();
    assert.isTrue(await db2.contains(t('alice', 'knows', 'bob')));
    assert.isTrue(await db2.contains(t('x', 'y', 'z')));
    await db.close();
    await db2.close();
  });

  it('snapshot(fn) across the move: the pinned state goes with it', async () => {
    const db = await filled();
    const n = await db.count();
    const seen = await db.snapshot(async (d) => {
      const rows = (await d.sparql('SELECT ?f WHERE { <alice> <knows> ?f }')).rows.length; // moves, pinned
      assert.strictEqual(d.module, 'full');
      await d.add(t('alice', 'knows', 'zoe')); // made now, not seen until the snapshot ends
      return {
        rows,
        rowsAfter: (await d.sparql('SELECT ?f WHERE { <alice> <knows> ?f }')).rows.length,
        count: await d.count(),
        friends: (await d.query().whereSubject('alice').wherePredicate('knows').execute()).length,
      };
    });
    assert.deepEqual(seen, { rows: 2, rowsAfter: 2, count: n, friends: 2 });
    assert.strictEqual(await db.count(), n + 1);
    assert.strictEqual((await db.sparql('SELECT ?f WHERE { <alice> <knows> ?f }')).rows.length, 3);
    await db.close();
  });

  it('snapshot(fn) that wrote before its first sparql(): UNSUPPORTED, and the database goes on in the core module', async () => {
    const db = await filled();
    const n = await db.count();
    await db.snapshot(async (d) => {
      await d.add(t('alice', 'knows', 'yves'));
      const e = await rejection(() => d.sparql('SELECT * WHERE { ?s ?p ?o }'));
      assertNervusError(e, 'UNSUPPORTED');
      assert.match(e.message, /module: 'full'/);
      assert.strictEqual(d.module, 'core');
      assert.strictEqual(await d.count(), n, 'still pinned');
    });
    assert.strictEqual(await db.count(), n + 1);
    assert.strictEqual((await db.sparql('SELECT ?f WHERE { <alice> <knows> ?f }')).rows.length, 3);
    assert.strictEqual(db.module, 'full');
    await db.close();
    // Opened with module: 'full', the same snapshot works.
    const full = await filled({ module: 'full' });
    const rows = await full.snapshot(async (d) => {
      await d.add(t('alice', 'knows', 'yves'));
      return (await d.sparql('SELECT ?f WHERE { <alice> <knows> ?f }')).rows.length;
    });
    assert.strictEqual(rows, 2);
    await full.close();
  });

  it('an async iterator begun before the move yields all its results', async () => {
    const db = await filled();
    const seen = [];
    for await (const f of db.query().wherePredicate('knows').orderBy('object')) {
      seen.push(f.object);
      if (seen.length === 1) {
        await db.sparql('ASK { ?s ?p ?o }');
        await db.add(t('zed', 'knows', 'zz')); // results were read when iteration began
      }
    }
    assert.deepEqual(seen, ['alice', 'bob', 'carol', 'carol']);
    const batches = [];
    const db2 = await filled();
    for await (const b of db2.find({ predicate: 'next' }).batch(500)) {
      batches.push(b.length);
      if (batches.length === 1) {
        await db2.sparql('ASK {}');
      }
    }
    assert.deepEqual(batches, [500, 500, 499]);
    await db.close();
    await db2.close();
  });

  it('calls made while the database moves wait for it, in order, and see every earlier write', async () => {
    const db = await filled();
    const n = await db.count();
    const calls = [];
    for (let i = 0; i < 20; i++) {
      calls.push(db.add(t(`c${i}`, 'p', 'o')));
      if (i === 5) {
        calls.push(db.sparql(`SELECT (COUNT(*) AS ?n) WHERE { ?s <p> <o> }`));
      }
      calls.push(db.count());
      calls.push(db.query().wherePredicate('p').count());
    }
    calls.push(db.sparql(`SELECT (COUNT(*) AS ?n) WHERE { ?s <p> <o> }`));
    const results = await Promise.all(calls);
    // Each count() sees exactly the adds called before it; a builder query (which prepares its
    // tokens first and so reaches the core a little later) at least those.
    let added = 0;
    let k = 0;
    for (let i = 0; i < 20; i++) {
      assert.isTrue(results[k++]);
      added++;
      if (i === 5) {
        assert.strictEqual(results[k++].rows[0].n, int(6));
      }
      assert.strictEqual(results[k++], n + added);
      assert.isAtLeast(results[k], added);
      assert.isAtMost(results[k++], 20);
    }
    assert.strictEqual(results[k].rows[0].n, int(20));
    assert.strictEqual(db.module, 'full');
    await db.close();
  });

  it('two sparql() calls at once move the database once; both answer', async () => {
    const db = await filled();
    const [a, b, c] = await Promise.all([
      db.sparql('SELECT ?f WHERE { <alice> <knows> ?f }'),
      db.explain('SELECT ?f WHERE { <alice> <knows> ?f }'),
      db.sparql('ASK { <bob> <livesIn> <Lyon> }'),
    ]);
    assert.lengthOf(a.rows, 2);
    assert.match(b, /rows=2/);
    assert.isTrue(c);
    await db.close();
  });

  it('close() while the database moves: the sparql() call rejects with CLOSED', async () => {
    const db = await filled();
    const pending = db.sparql('ASK {}');
    await db.close();
    assertNervusError(await rejection(() => pending), 'CLOSED');
    assertNervusError(await rejection(() => db.count()), 'CLOSED');
  });

  it('several databases move independently', async () => {
    const a = await filled();
    const b = await filled();
    await a.sparql('ASK {}');
    assert.strictEqual(a.module, 'full');
    assert.strictEqual(b.module, 'core');
    assert.deepEqual(await answers(b), await answers(a));
    await a.close();
    await b.close();
  });
});
