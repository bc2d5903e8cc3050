// (f2) the same batch sequence as f_batches but left un-flushed in the WAL (process exits).
import { batchSequence, freshSample, open } from './lib.mjs';
const p = freshSample('f2_batches_wal', { description: 'batch sequence (commit/abort/nested/txId) left un-flushed in the WAL', readerModesDiffer: true });
const db = await open(p);
batchSequence(db);
db.beginBatch({ txId: 'T2' });
db.addFact({ subject: 'LAST', predicate: 'r', object: 'Y' });
db.commitBatch();
// give the async durable sync a moment, then die without flush/close
setTimeout(() => process.exit(0), 50);
