// Worker for the browser storage tests: opens a database in OPFS directly (this is a dedicated
// worker, where sync access handles exist), commits batches of 50 triples and posts
// { acked: n } after each commit resolves, until it is terminated.
import { NervusDB } from '../../src/index.mjs';

globalThis.onmessage = async ({ data: { name, useWasm } }) => {
  try {
    const db = new NervusDB(name, { useWasm, memtableSize: 32 * 1024 });
    await db.open();
    globalThis.postMessage({ ready: db.backend });
    for (let n = 0; ; n++) {
      const batch = [];
      for (let i = 0; i < 50; i++) {
        batch.push({ subject: `batch${n}`, predicate: 'item', object: String(i) });
      }
      await db.addBatch(batch);
      globalThis.postMessage({ acked: n });
    }
  } catch (e) {
    globalThis.postMessage({ error: `${e.code}: ${e.message}` });
  }
};
