// Worker for test/browser/modules.test.mjs: a fresh module registry, so what it loads is what
// its databases needed. Opens one database in memory and one in OPFS (directly: this is a
// dedicated worker), uses only the storage API and the builder, reports the modules loaded and
// the files fetched; then the first sparql() on each, and reports again; then reopens the OPFS
// database.
import { NervusDB, loadedModules } from '../../src/index.mjs';

const fetched = () => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop())
  .filter((f) => f.startsWith('nervusdb'));

globalThis.onmessage = async ({ data: { name, useWasm } }) => {
  try {
    const dbs = [new NervusDB(':memory:', { useWasm, memtableSize: 16 * 1024 }),
      new NervusDB(name, { useWasm, memtableSize: 16 * 1024 })];
    const report = { storage: {}, sparql: {} };
    for (const db of dbs) {
      await db.open();
      const batch = [];
      for (let i = 0; i < 1500; i++) {
        batch.push({ subject: `n${i}`, predicate: 'next', object: `n${i + 1}` });
      }
      await db.addBatch(batch);
      await db.addFact({ subject: 'alice', predicate: 'knows', object: 'bob' }, { subjectProperties: { age: 30 } });
      await db.addLabels('alice', ['Person']);
      await db.query().whereSubject('n0').wherePredicate('next').followPath('next', { min: 0, max: 5 }).nodes();
      await db.findByLabel('Person').follow('knows').all();
      await db.query().countBy('predicate');
      await db.snapshot(async (d) => d.count());
      await db.flush();
    }
    report.storage = { modules: dbs.map((db) => db.module), loaded: loadedModules(), fetched: fetched() };
    const answers = [];
    for (const db of dbs) {
      answers.push((await db.sparql('SELECT ?f WHERE { <alice> <knows> ?f }')).rows,
        (await db.sparql('SELECT (COUNT(*) AS ?n) WHERE { ?s <next> ?o }')).rows[0].n,
        await db.getNodeProperties('alice'), await db.getLabels('alice'));
    }
    report.sparql = { modules: dbs.map((db) => db.module), loaded: loadedModules(), fetched: fetched(), answers };
    await dbs[1].add({ subject: 'after', predicate: 'the', object: 'move' });
    for (const db of dbs) {
      await db.close();
    }
    const again = new NervusDB(name, { useWasm });
    await again.open();
    report.reopened = { module: again.module, count: await again.count(), verified: await again.verify() > 0 };
    await again.close();
    globalThis.postMessage(report);
  } catch (e) {
    globalThis.postMessage({ error: `${e.code}: ${e.message}\n${e.stack}` });
  }
};
