// (e2) a database that was never flushed: everything lives in the WAL.
// Also shows the id-shift hazard: replay applies all adds, then all deletes, then props,
// so ids created by a delete (or inside an aborted batch) are re-assigned differently on reopen.
import { freshSample, open } from './lib.mjs';
const p = freshSample('e2_wal_only', { description: 'never flushed: everything in the WAL; shows the id-shift of WAL replay', readerModesDiffer: true });
const db = await open(p);
db.addFact({ subject: 'A', predicate: 'p', object: 'B' });          // ids A=0 p=1 B=2
db.deleteFact({ subject: 'X', predicate: 'q', object: 'Y' });       // ids X=3 q=4 Y=5 (new strings!)
db.addFact({ subject: 'C', predicate: 'p', object: 'D' });          // ids C=6 D=7
db.setNodeProperties(db.getNodeId('C'), { name: 'C props' });       // WAL stores node id 6
db.setEdgeProperties({ subjectId: db.getNodeId('C'), predicateId: db.getNodeId('p'), objectId: db.getNodeId('D') }, { e: 'C-p-D' });
process.exit(0);
