#!/usr/bin/env node
// Writes SAMPLE/expected.json for each sample directory under ROOT: what the original package
// itself reads back from the database: its facts, the non-empty properties of every node (by
// node string) and of every live fact, and its label index. The package opens a temporary copy,
// since opening replays the log and closing flushes.
//
// usage: node expect.mjs ROOT
import { NervusDB } from '@nervusdb/core';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(process.argv[2]);
const nonEmpty = (p) => p !== null && p !== undefined && typeof p === 'object' && Object.keys(p).length > 0;

for (const name of readdirSync(root).sort()) {
  const dir = join(root, name);
  if (!existsSync(join(dir, 'sample.json'))) continue;
  const meta = JSON.parse(readFileSync(join(dir, 'sample.json'), 'utf8'));
  const tmp = mkdtempSync(join(tmpdir(), 'nervusdb-legacy-'));
  cpSync(dir, tmp, { recursive: true });
  const opts = { ...(meta.openOptions ?? {}) };
  if (opts.indexDirectory) opts.indexDirectory = resolve(tmp, opts.indexDirectory);
  // Open with the page size the index was written with: another one makes the package rebuild it.
  const manifest = join(opts.indexDirectory ?? join(tmp, meta.db + '.pages'), 'index-manifest.json');
  if (existsSync(manifest) && opts.pageSize === undefined) {
    opts.pageSize = JSON.parse(readFileSync(manifest, 'utf8')).pageSize;
  }
  const db = await NervusDB.open(join(tmp, meta.db), opts);
  try {
    const seen = new Set();
    const facts = [];
    for (const f of db.listFacts()) {
      const key = JSON.stringify([f.subject, f.predicate, f.object]);
      if (!seen.has(key)) {
        seen.add(key);
        facts.push([f.subject, f.predicate, f.object, f.subjectId, f.predicateId, f.objectId]);
      }
    }
    const nodeProperties = {};
    const size = db.getStore().getDictionarySize();
    for (let id = 0; id < size; id++) {
      const p = db.getNodeProperties(id);
      if (nonEmpty(p)) nodeProperties[db.getNodeValue(id)] = p;
    }
    const edgeProperties = [];
    for (const [s, p, o, subjectId, predicateId, objectId] of facts) {
      const e = db.getEdgeProperties({ subjectId, predicateId, objectId });
      if (nonEmpty(e)) edgeProperties.push([s, p, o, e]);
    }
    const labels = {};
    const li = db.getStore().getLabelIndex();
    for (const l of li.getAllLabels()) {
      labels[l] = [...li.findNodesByLabel(l)].map((id) => db.getNodeValue(id)).sort();
    }
    const expected = { facts: facts.map((f) => f.slice(0, 3)), nodeProperties, edgeProperties, labels };
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected, null, 1));
    console.log(`${name}: ${facts.length} facts, ${Object.keys(nodeProperties).length} nodes and ${edgeProperties.length} edges with properties, ${Object.keys(labels).length} labels`);
  } finally {
    await db.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
