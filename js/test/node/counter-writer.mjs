// Child process of the read-only test: commits batch k (items k-0 .. k-9, object "k", and the
// counter moved from "k" to "k + 1") as one durable commit and prints "acked k" once it returns,
// until it is killed. A small memtable makes flushes and compactions that replace files frequent.
import { writeSync } from 'node:fs';
import { NervusDB } from '../../src/index.mjs';

const [dir, useWasm] = process.argv.slice(2);
const db = new NervusDB(dir, { useWasm: useWasm === 'true', syncOnCommit: true, memtableSize: 64 * 1024 });
await db.open();
writeSync(1, 'ready\n');
for (let k = 0; ; k++) {
  db.beginBatch();
  for (let j = 0; j < 10; j++) {
    await db.addFact({ subject: `s${k}-${j}`, predicate: 'item', object: `"${k}"` });
  }
  if (k > 0) {
    await db.deleteFact({ subject: 'counter', predicate: 'value', object: `"${k}"` });
  }
  await db.addFact({ subject: 'counter', predicate: 'value', object: `"${k + 1}"` });
  await db.commitBatch();
  // Straight into the pipe: this loop never yields to Node's event loop, which would write
  // process.stdout's queue, and a kill would lose what is queued.
  writeSync(1, `acked ${k}\n`);
  if (k % 100 === 99) {
    await db.compact();
  }
}
