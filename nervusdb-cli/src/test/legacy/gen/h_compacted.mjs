// (h) a database after the bundled compaction CLI (dist/compact.js --force, rewrite mode),
// then one more session appending to it.
import { freshSample, open } from './lib.mjs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
const p = freshSample('h_compacted', { description: 'three flushes (several pages per primary) + deletes, then dist/compact.js --force, then one more session' });
let db = await open(p);
for (let r = 0; r < 3; r++) {
  for (let i = 0; i < 10; i++) db.addFact({ subject: `s${i % 3}`, predicate: `p${r}`, object: `o${i}` });
  await db.flush();
}
db.deleteFact({ subject: 's0', predicate: 'p1', object: 'o0' });
await db.close();
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '@nervusdb', 'core', 'dist');
console.log(execFileSync(process.execPath, [join(dist, 'compact.js'), p, '--force'], { encoding: 'utf8' }));
db = await open(p);
db.addFact({ subject: 's0', predicate: 'p9', object: 'after-compaction' });
await db.close();
