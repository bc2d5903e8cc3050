// (e) un-flushed WAL: session 1 flushes and closes; session 2 writes and the process exits
// without flush/close, so the .wal holds the un-flushed records (and the .lock file is left behind).
import { freshSample, open } from './lib.mjs';
const p = freshSample('e_wal_unflushed', { description: 'flushed session + un-flushed WAL session (add/delete/props/batches), lock file left behind', readerModesDiffer: true });
let db = await open(p);
db.addFact({ subject: 'A', predicate: 'r', object: 'B' });
db.addFact({ subject: 'B', predicate: 'r', object: 'C' });
db.addFact({ subject: 'X', predicate: 'r', object: 'Y' });
db.deleteFact({ subject: 'X', predicate: 'r', object: 'Y' });   // flushed tombstone -> manifest.tombstones non-empty
await db.flush();
await db.close();

db = await open(p, { enableLock: true });
db.addFact({ subject: 'C', predicate: 'r', object: 'D' }, { subjectProperties: { name: 'C', n: 1.5 }, edgeProperties: { w: 9 } });
db.deleteFact({ subject: 'A', predicate: 'r', object: 'B' });   // WAL-only delete (see FORMAT.md: lost on reopen by the package!)
db.setNodeProperties(db.getNodeId('A'), { labels: ['Root'], emoji: '🌳' });
db.beginBatch({ txId: 'tx-1', sessionId: 'sess-A' });
db.addFact({ subject: 'D', predicate: 'r', object: 'E' });
db.setEdgeProperties({ subjectId: db.getNodeId('D'), predicateId: db.getNodeId('r'), objectId: db.getNodeId('E') }, { inBatch: true });
db.commitBatch();
db.beginBatch();
db.addFact({ subject: 'ABORTED', predicate: 'r', object: 'Z' });
db.abortBatch();
db.beginBatch();                                                  // never committed: discarded on replay
db.addFact({ subject: 'OPEN', predicate: 'r', object: 'Z' });
process.exit(0);
