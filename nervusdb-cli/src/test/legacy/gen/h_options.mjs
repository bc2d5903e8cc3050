// (h) open options that change the on-disk bytes.
import { freshSample, open } from './lib.mjs';
async function fill(db, tag) {
  for (let i = 0; i < 40; i++) db.addFact({ subject: `s${i % 2}`, predicate: `p${i % 3}`, object: `o${i}` }, i === 0 ? { subjectProperties: { tag } } : {});
  db.deleteFact({ subject: 's1', predicate: 'p1', object: 'o1' });
}
// brotli-compressed pages (compression only takes effect when the manifest is created/rebuilt)
{
  const p = freshSample('h_brotli', { description: 'pages compressed with brotli (compression option at creation)', openOptions: { compression: { codec: 'brotli', level: 6 } } });
  const db = await open(p, { compression: { codec: 'brotli', level: 6 } });
  await fill(db, 'brotli'); await db.flush();
  db.addFact({ subject: 'late', predicate: 'p0', object: 'o0' });
  await db.close();
}
// small page size -> many pages
{
  const p = freshSample('h_pagesize16', { description: 'pageSize 16: more, smaller pages; manifest pageSize 16', openOptions: { pageSize: 16 } });
  const db = await open(p, { pageSize: 16 });
  await fill(db, 'ps16'); await db.close();
}
// lsm-lite staging: extra .pages/lsm/seg-*.bin + lsm-manifest.json
{
  const p = freshSample('h_lsm', { description: "stagingMode 'lsm-lite': extra lsm/ segments + lsm-manifest.json", openOptions: { stagingMode: 'lsm-lite' } });
  let db = await open(p, { stagingMode: 'lsm-lite' });
  await fill(db, 'lsm'); await db.flush();
  db.addFact({ subject: 'second', predicate: 'p0', object: 'o0' });
  await db.flush();
  await db.close();
}
// persistent tx dedupe: .pages/txids.json
{
  const p = freshSample('h_txdedupe', { description: 'enablePersistentTxDedupe: txids.json', openOptions: { enablePersistentTxDedupe: true, maxRememberTxIds: 100 } });
  const db = await open(p, { enablePersistentTxDedupe: true, maxRememberTxIds: 100 });
  db.beginBatch({ txId: 'order-1', sessionId: 'worker-7' });
  db.addFact({ subject: 'o1', predicate: 'status', object: 'paid' });
  db.commitBatch();
  await new Promise((r) => setTimeout(r, 100));
  await db.flush(); await db.close();
}
// custom indexDirectory (pages not next to the main file)
{
  const p = freshSample('h_indexdir', { description: 'indexDirectory option: pages in custom-index/ instead of db.synapsedb.pages/', openOptions: { indexDirectory: 'custom-index' }, migrateArgs: ['--index-dir', 'custom-index'] });
  const db = await open(p, { indexDirectory: p.replace(/db\.synapsedb$/, 'custom-index') });
  await fill(db, 'idxdir'); await db.close();
}
