#!/usr/bin/env node
// Writes sample databases with the original TypeScript NervusDB (npm @nervusdb/core 0.1.3), one
// generator script per sample (several end their process on purpose, to leave an un-flushed log),
// then records in each sample's expected.json what the original itself reads back from it.
//
// usage: node generate.mjs OUT_DIR [--skip-large]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node generate.mjs OUT_DIR [--skip-large]');
  process.exit(2);
}
const root = resolve(out);
mkdirSync(root, { recursive: true });
const skipLarge = process.argv.includes('--skip-large');
const generators = readdirSync(join(here, 'gen')).filter((f) => f.endsWith('.mjs') && f !== 'lib.mjs').sort()
  .filter((f) => !(skipLarge && f === 'g_medium.mjs'));
for (const g of generators) {
  const r = spawnSync(process.execPath, [join(here, 'gen', g)], {
    env: { ...process.env, NERVUSDB_LEGACY_OUT: root }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    console.error(`generator ${g} failed with status ${r.status}`);
    process.exit(1);
  }
}
const e = spawnSync(process.execPath, [join(here, 'expect.mjs'), root], { stdio: 'inherit' });
process.exit(e.status ?? 1);
