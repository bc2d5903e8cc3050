// (h) enablePersistentTxDedupe + crash before flush: txids.json already lists the txId,
// so a package opened WITH the option skips the committed batch on replay.
import { freshSample, open } from './lib.mjs';
const p = freshSample('h_txdedupe_wal', { description: 'enablePersistentTxDedupe, committed batch with txId, process exit before flush', openOptions: { enablePersistentTxDedupe: true }, migrateArgs: ['--tx-dedupe'] });
const db = await open(p, { enablePersistentTxDedupe: true });
db.addFact({ subject: 'plain', predicate: 'p', object: 'x' });
db.beginBatch({ txId: 'order-42', sessionId: 'w1' });
db.addFact({ subject: 'o42', predicate: 'status', object: 'paid' });
db.commitBatch();
setTimeout(() => process.exit(0), 200);   // let the async txids.json write finish
