// Child process of the interoperability test: commits batches of 50 triples durably and prints
// "acked N" after each commit returns, until it is killed. Odd batches go through the original
// NervusDB API: beginBatch, 50 addFact with edge properties, the batch node's properties and
// label, commitBatch: one transaction.
import { NervusDB } from '../../src/index.mjs';

const [dir, useWasm] = process.argv.slice(2);
const db = new NervusDB(dir, { useWasm: useWasm === 'true', syncOnCommit: true, memtableSize: 64 * 1024 });
await db.open();
for (let n = 0; ; n++) {
  if (n % 2 === 1) {
    db.beginBatch();
    for (let i = 0; i < 50; i++) {
      await db.addFact({ subject: `batch${n}`, predicate: 'item', object: String(i) }, { edgeProperties: { i } });
    }
    await db.setNodeProperties(`batch${n}`, { n, items: 50, labels: ['Batch'] });
    await db.commitBatch();
  } else {
    const batch = [];
    for (let i = 0; i < 50; i++) {
      batch.push({ subject: `batch${n}`, predicate: 'item', object: String(i) });
    }
    await db.addBatch(batch);
  }
  process.stdout.write(`acked ${n}\n`);
}
