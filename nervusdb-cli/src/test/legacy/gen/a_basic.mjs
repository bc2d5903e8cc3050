// (a) a few facts only, flushed and closed.
import { freshSample, open } from './lib.mjs';
const p = freshSample('a_basic', { description: '4 distinct facts (+1 duplicate add), flushed and closed' });
const db = await open(p);
db.addFact({ subject: 'Alice', predicate: 'knows', object: 'Bob' });
db.addFact({ subject: 'Bob', predicate: 'knows', object: 'Carol' });
db.addFact({ subject: 'Alice', predicate: 'likes', object: 'Pizza' });
db.addFact({ subject: 'Carol', predicate: 'worksAt', object: 'Acme' });
db.addFact({ subject: 'Alice', predicate: 'knows', object: 'Bob' }); // duplicate
await db.flush();
await db.close();
