// (g) ~20,000 facts over three flushes, so several pages per primary value appear.
import { freshSample, open } from './lib.mjs';
const p = freshSample('g_medium', { description: '20,100 facts in three flushes, 50 deletes, a few properties' });
const db = await open(p);
let n = 0;
for (let round = 0; round < 3; round++) {
  for (let i = 0; i < 6700; i++, n++) {
    // 2 "hub" subjects receive ~1117 facts per flush each -> >1024 entries per primary value in one flush
    const s = n % 3 === 0 ? `hub${n % 2}` : `node${n % 4000}`;
    const pr = `pred${n % 7}`;
    const o = `obj${(n * 7919) % 5000}`;
    if (n % 1000 === 0) db.addFact({ subject: s, predicate: pr, object: o }, { subjectProperties: { i: n }, edgeProperties: { n } });
    else db.addFact({ subject: s, predicate: pr, object: o });
  }
  if (round === 1) for (let k = 0; k < 50; k++) db.deleteFact({ subject: `node${k + 1}`, predicate: `pred${(k + 1) % 7}`, object: `obj${((k + 1) * 7919) % 5000}` });
  await db.flush();
}
await db.close();
console.log('facts written', n);
