// Databases written when language tags were stored in lower case (key layouts 1 and 2, by the
// previous release; the JVM tests' fixtures) open in Node on each backend this Node can run:
// upgraded in place, their tags read in the case BCP 47 recommends, constants in any case find
// them, and the JVM opens what Node upgraded (test/node/interop covers the rest of the format).
import { describe, it, before, after } from 'mocha';
import { assert } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NervusDB, wasmGcSupported } from '../../src/index.mjs';

const fixtures = fileURLToPath(new URL('../../../nervusdb/src/test/resources/fixtures/', import.meta.url));
const backends = wasmGcSupported() ? [true, false] : [false];
const LABEL = 'http://example.org/label';

let root;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nervusdb-upgrade-'));
});
after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

for (const useWasm of backends) {
  for (const fixture of ['layout-v1', 'layout-v2']) {
    it(`${fixture} opens upgraded (${useWasm ? 'wasm-gc' : 'js'})`, async () => {
      const dir = path.join(root, `${fixture}-${useWasm}`);
      fs.cpSync(path.join(fixtures, fixture), dir, { recursive: true });
      for (let open = 0; open < 2; open++) {
        const db = new NervusDB(dir, { useWasm });
        await db.open();
        try {
          const rows = await db.query().wherePredicate(LABEL).execute();
          assert.deepEqual(rows.map((t) => t.object).sort(), [
            '"Hallo"@de', '"color"@en-US', '"colour"@en-GB', '"later"@fr-CA', '"plain"',
            '"private"@en-x-private', '"sign"@sgn-BE-FR', '"x"@en-US', '"中文"@zh-Hant-TW']);
          const us = await db.sparql(`SELECT ?s WHERE { ?s <${LABEL}> ?l FILTER(LANG(?l) = "en-US") } ORDER BY ?s`);
          assert.deepEqual(us.rows, [{ s: 'item0' }, { s: 'item2' }]);
          const lower = await db.sparql(`SELECT ?s WHERE { ?s <${LABEL}> "later"@fr-ca }`);
          assert.deepEqual(lower.rows, [{ s: 'item9' }]);
          await db.verify();
        } finally {
          await db.close();
        }
      }
    });
  }
}
