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
