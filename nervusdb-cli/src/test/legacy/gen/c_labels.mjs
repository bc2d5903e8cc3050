// (c) node labels: in 0.1.3 labels are the node property "labels" (array of strings).
import { freshSample, open } from './lib.mjs';
const p = freshSample('c_labels', { description: 'node labels via the labels node property (array of strings)' });
const db = await open(p);
db.addFact({ subject: 'Alice', predicate: 'worksAt', object: 'Acme' }, {
  subjectProperties: { labels: ['Person', 'Employee'], name: 'Alice' },
  objectProperties: { labels: ['Company'], founded: 1999 },
});
db.addFact({ subject: 'Bob', predicate: 'worksAt', object: 'Acme' }, { subjectProperties: { labels: ['Person'] } });
db.addFact({ subject: 'Carol', predicate: 'knows', object: 'Bob' });
// setNodeProperties replaces the whole property object
db.setNodeProperties(db.getNodeId('Carol'), { labels: ['Person', 'Manager', 'Person'], level: 3 });
// non-string entries in labels are ignored by the label index
db.addFact({ subject: 'Dave', predicate: 'knows', object: 'Alice' }, { subjectProperties: { labels: ['Person', 1, null, { x: 1 }] } });
// labels that is not an array: ignored by the label index
db.addFact({ subject: 'Eve', predicate: 'knows', object: 'Alice' }, { subjectProperties: { labels: 'Person' } });
await db.flush();
await db.close();
