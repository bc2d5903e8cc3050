// The README's first code block runs as written: extracted, given the package in place of the
// import of 'nervusdb', and run in a directory of its own, where its database goes; the values
// its comments give are checked too.
import { assert } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const README = new URL('../../README.md', import.meta.url);
const ENTRY = new URL('../../src/node.mjs', import.meta.url).href;

describe('README', () => {
  it('the first code block runs as written, and gives what its comments say', function () {
    this.timeout(60000);
    const block = /```js\n([\s\S]*?)```/.exec(readFileSync(README, 'utf8'))[1];
    assert.include(block, "from 'nervusdb'");
    const code = `${block.replace("from 'nervusdb'", `from ${JSON.stringify(ENTRY)}`)}
console.log(JSON.stringify({ facts, cities, adults, byCity: [...byCity], rows, variables }));\n`;
    const dir = mkdtempSync(join(tmpdir(), 'nervusdb-readme-'));
    try {
      writeFileSync(join(dir, 'first.mjs'), code);
      const out = execFileSync(process.execPath, ['first.mjs'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
      assert.match(out[0], /^(wasm-gc|js) /);
      const r = JSON.parse(out[out.length - 1]);
      assert.deepEqual(r.facts, [{ subject: 's1', predicate: 'p', object: 'o1' }]);
      assert.deepEqual(r.cities, ['Paris']);
      assert.deepEqual(r.adults, ['alice']);
      assert.sameDeepMembers(r.byCity, [['Lyon', 1], ['Paris', 1]]);
      assert.deepEqual(r.variables, ['f']);
      assert.deepEqual(r.rows, [{ f: 'bob' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
