// (d) deleted facts + overwritten properties, across two sessions.
import { freshSample, open } from './lib.mjs';
const p = freshSample('d_delete_overwrite', { description: 'deletes, property overwrites, delete of a non-existing fact, re-add of a deleted fact; two sessions' });
let db = await open(p);
db.addFact({ subject: 'A', predicate: 'r', object: 'B' }, { subjectProperties: { v: 1 }, edgeProperties: { w: 1 } });
db.addFact({ subject: 'A', predicate: 'r', object: 'C' });
db.addFact({ subject: 'B', predicate: 'r', object: 'C' });
db.addFact({ subject: 'C', predicate: 's', object: 'D' });
await db.flush();
db.deleteFact({ subject: 'A', predicate: 'r', object: 'C' });
db.setNodeProperties(db.getNodeId('A'), { v: 2, extra: 'x' });            // overwrite (replace)
db.setEdgeProperties({ subjectId: db.getNodeId('A'), predicateId: db.getNodeId('r'), objectId: db.getNodeId('B') }, { w: 2 });
db.deleteFact({ subject: 'Nope', predicate: 'r', object: 'Nothing' });  // delete of a non-existing fact: creates ids + tombstone
await db.flush();
await db.close();
// session 2
db = await open(p);
db.deleteFact({ subject: 'B', predicate: 'r', object: 'C' });
db.addFact({ subject: 'A', predicate: 'r', object: 'C' });               // re-add a deleted fact (tombstone stays!)
db.addFact({ subject: 'D', predicate: 's', object: 'E' });
db.setNodeProperties(db.getNodeId('A'), { v: 3 });
db.setNodeProperties(db.getNodeId('D'), { d: true });
db.setNodeProperties(db.getNodeId('D'), {});                             // overwrite with empty object
await db.close();                                                        // close() flushes when dirty
