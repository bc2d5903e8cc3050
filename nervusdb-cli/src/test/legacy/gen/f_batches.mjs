// (f) beginBatch/commitBatch/abortBatch (flushed), incl. nested batches and txId/sessionId.
import { batchSequence, freshSample, open } from './lib.mjs';
const p = freshSample('f_batches', { description: 'batch sequence (commit/abort/nested/txId/durable), flushed' });
const db = await open(p);
batchSequence(db);
await db.flush();
await db.close();
