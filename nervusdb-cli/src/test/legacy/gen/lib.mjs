// Shared helpers of the sample generators: each writes one database with the original package.
import { NervusDB } from '@nervusdb/core';
import { rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Where samples go: $NERVUSDB_LEGACY_OUT (set by generate.mjs).
export const ROOT = process.env.NERVUSDB_LEGACY_OUT;
if (!ROOT) {
  throw new Error('NERVUSDB_LEGACY_OUT is not set; run generate.mjs');
}
export { NervusDB };

/**
 * A fresh sample directory; returns the path of its main database file. sample.json records a
 * description, the open options the original needs to read it as written, and the migrate
 * options that read it the same way.
 */
export function freshSample(name, meta = {}) {
  const dir = join(ROOT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sample.json'), JSON.stringify({ name, db: 'db.synapsedb', ...meta }, null, 2));
  return join(dir, 'db.synapsedb');
}

export const open = (p, o) => NervusDB.open(p, o);

/**
 * The batch sequence of the f_* samples: a commit, a commit with a transaction id and
 * durable, an aborted batch, and an inner commit inside an outer batch that is aborted.
 */
export function batchSequence(db) {
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
  // The inner commit applies at once, although the outer batch is aborted.
  db.beginBatch();
  db.addFact({ subject: 'OUTER', predicate: 'r', object: 'X' });
  db.beginBatch();
  db.addFact({ subject: 'INNER', predicate: 'r', object: 'X' });
  db.commitBatch();
  db.abortBatch();
}
