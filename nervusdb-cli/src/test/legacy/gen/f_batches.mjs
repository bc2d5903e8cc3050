// (f) beginBatch/commitBatch/abortBatch (flushed), incl. nested batches and txId/sessionId.
import { freshSample, open } from './lib.mjs';
const p = freshSample('f_batches', { description: 'batch sequence (commit/abort/nested/txId/durable), flushed' });
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
// nested: inner commit is applied immediately even though the outer batch is aborted
db.beginBatch();
db.addFact({ subject: 'OUTER', predicate: 'r', object: 'X' });
db.beginBatch();
db.addFact({ subject: 'INNER', predicate: 'r', object: 'X' });
db.commitBatch();
db.abortBatch();
await db.flush();
await db.close();
