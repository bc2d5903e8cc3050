// (f2) the same batch sequence as f_batches but left un-flushed in the WAL (process exits).
import { freshSample, open } from './lib.mjs';
const p = freshSample('f2_batches_wal', { description: 'batch sequence (commit/abort/nested/txId) left un-flushed in the WAL', readerModesDiffer: true });
const db = await open(p);
db.beginBatch();
db.addFact({ subject: 'A', predicate: 'r', object: 'B' }, { subjectProperties: { committed: true } });
db.commitBatch();
db.beginBatch({ txId: 'T1', sessionId: 'S1' });
db.addFact({ subject: 'B', predicate: 'r', object: 'C' });
db.commitBatch({ durable: true });
db.beginBatch();
db.addFact({ subject: 'AB1', predicate: 'r', object: 'X' });
db.deleteFact({ subject: 'A', predicate: 'r', object: 'B' });
db.abortBatch();
db.beginBatch();
db.addFact({ subject: 'OUTER', predicate: 'r', object: 'X' });
db.beginBatch();
db.addFact({ subject: 'INNER', predicate: 'r', object: 'X' });
db.commitBatch();
db.abortBatch();
db.beginBatch({ txId: 'T2' });
db.addFact({ subject: 'LAST', predicate: 'r', object: 'Y' });
db.commitBatch();
// give the async durable sync a moment, then die without flush/close
setTimeout(() => process.exit(0), 50);
