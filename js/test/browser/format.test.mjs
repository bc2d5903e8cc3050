// One file format for the JVM, Node and the browser: a database the test runner wrote in Node
// opens here from OPFS, and a database written here is uploaded to the runner, which opens it
// in Node and in the JVM after the page's run (test/browser/run.mjs reports that check).
import { assert } from 'chai';
import { NervusDB } from '../../src/index.mjs';
import { opfsMissing, requireOpfs } from '../support/opfs.mjs';
import { useWasmSetting } from '../support/settings.mjs';

const useWasm = useWasmSetting() !== 'false';
const backend = useWasm ? 'wasm-gc' : 'js';
const key = (t) => `${t.subject}\u0000${t.predicate}\u0000${t.object}`;

async function opfsDir(name, create) {
  const root = await navigator.storage.getDirectory();
  if (create) {
    await root.removeEntry(name, { recursive: true }).catch(() => {});
  }
  return root.getDirectoryHandle(name, { create });
}

describe(`one file format (${backend})`, function () {
  this.timeout(60_000);
  const names = [];

  beforeEach(requireOpfs);

  after(async () => {
    if (opfsMissing() !== null) {
      return;
    }
    const root = await navigator.storage.getDirectory();
    for (const name of names) {
      await root.removeEntry(name, { recursive: true }).catch(() => {});
    }
  });

  it('a database written by Node opens from OPFS', async () => {
    const index = await (await fetch('/exchange/fixture/index.json')).json();
    assert.isAbove(index.files.length, 2);
    const name = `nervusdb-test-fixture-${backend}`;
    names.push(name);
    const dir = await opfsDir(name, true);
    for (const f of index.files) {
      const bytes = new Uint8Array(await (await fetch(`/exchange/fixture/${f}`)).arrayBuffer());
      const writable = await (await dir.getFileHandle(f, { create: true })).createWritable();
      await writable.write(bytes);
      await writable.close();
    }
    const db = new NervusDB(name, { useWasm });
    await db.open();
    assert.isAbove(await db.verify(), 0);
    const got = (await db.query().execute()).map(key).sort();
    assert.deepEqual(got, index.expected);
    await db.close();
  });

  it('a database written here is uploaded for Node and the JVM to open', async () => {
    const name = `nervusdb-test-upload-${backend}`;
    names.push(name);
    await opfsDir(name, true);
    const triples = [];
    for (let i = 0; i < 500; i++) {
      triples.push({
        subject: `http://example.org/browser/s${i % 23}`,
        predicate: ['name', 'knows', 'ländercode', '属性', 'rocket🚀'][i % 5],
        object: i % 40 === 0 ? '' : `browser value ${i} ${[...'ü字🚀\t\n'].slice(0, i % 5).join('')}`,
      });
    }
    const db = new NervusDB(name, { useWasm, memtableSize: 16 * 1024 });
    await db.open();
    await db.addBatch(triples.slice(0, 300));
    await db.compact();
    await db.addBatch(triples.slice(300)); // partly only in the log
    await db.delete(triples[7]);
    await db.close();
    const expected = triples.filter((_, i) => i !== 7).map(key);
    const dir = await opfsDir(name, false);
    const uploaded = [];
    for await (const [f, handle] of dir.entries()) {
      if (f.startsWith('.spare-') || f === 'LOCK') {
        continue;
      }
      const body = await (await handle.getFile()).arrayBuffer();
      const r = await fetch(`/exchange/upload/${backend}/${f}`, { method: 'PUT', body });
      assert.isTrue(r.ok, `upload of ${f}`);
      uploaded.push(f);
    }
    assert.include(uploaded, 'MANIFEST');
    const r = await fetch(`/exchange/upload/${backend}/expected.json`, { method: 'PUT', body: JSON.stringify(expected) });
    assert.isTrue(r.ok);
  });
});
