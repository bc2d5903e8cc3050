// Child process of the interoperability test: commits batches of 50 triples durably and
// prints "acked N" after each commit returns, until it is killed.
import { NervusDB } from '../../src/index.mjs';

const [dir, useWasm] = process.argv.slice(2);
const db = new NervusDB(dir, { useWasm: useWasm === 'true', syncOnCommit: true, memtableSize: 64 * 1024 });
await db.open();
for (let n = 0; ; n++) {
  const batch = [];
  for (let i = 0; i < 50; i++) {
    batch.push({ subject: `batch${n}`, predicate: 'item', object: String(i) });
  }
  await db.addBatch(batch);
  process.stdout.write(`acked ${n}\n`);
}
