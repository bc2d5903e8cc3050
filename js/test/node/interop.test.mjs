// One file format for the JVM and Node: databases written by the JVM library open in Node with
// both backends and the reverse, including unflushed log records, tables, compaction output and
// deletes; locks are honoured across runtimes; damage is reported as CORRUPTION; a Node process
// killed with SIGKILL keeps every commit it acknowledged.
//
// Needs java and the command-line tool's jar (NERVUSDB_CLI_JAR, default
// ../nervusdb-cli/target/nervusdb-cli.jar, built by ./mvnw package).
import { describe, it, before, after } from 'mocha';
import { assert } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { NervusDB, NervusDBError, wasmGcSupported } from '../../src/index.mjs';
import { escape, interop, jar, java, jvmDump, key, runJava } from './jvm.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

// Both backends where this Node has WebAssembly GC; CI runs this file on such a Node.
const backends = wasmGcSupported() ? [true, false] : [false];

function jvmApply(dir, lines) {
  const r = runJava('apply', dir, lines.join('\n') + '\n');
  assert.equal(r.status, 0, `JVM apply failed: ${r.out}${r.err}`);
}

// Deterministic terms that exercise the encodings: ASCII, Latin-1, CJK, emoji (surrogate
// pairs), the escaped characters, an empty string and a long term.
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const flavours = ['', 'é', '数据库', '😀🚀', 'tab\there', 'line\nbreak', 'back\\slash', 'x'.repeat(3000)];
function triples(n, seed, tag) {
  const rnd = mulberry32(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    const f = flavours[Math.floor(rnd() * flavours.length)];
    out.push({
      subject: `http://example.org/${tag}/s${Math.floor(rnd() * 300)}`,
      predicate: `p${Math.floor(rnd() * 12)}${i % 50 === 0 ? f : ''}`,
      object: i % 97 === 0 ? '' : `${tag}-${i}-${f.slice(0, 40)}`,
    });
  }
  return out;
}

function addLines(list) {
  return list.map((t) => `+\t${escape(t.subject)}\t${escape(t.predicate)}\t${escape(t.object)}`);
}

async function nodeOpen(dir, useWasm, options = {}) {
  const db = new NervusDB(dir, { useWasm, ...options });
  await db.open();
  assert.equal(db.backend, useWasm ? 'wasm-gc' : 'js');
  return db;
}

async function nodeKeys(db) {
  const rows = await db.query().execute();
  const keys = new Set(rows.map(key));
  assert.equal(keys.size, rows.length, 'no duplicate rows');
  assert.equal(await db.count(), rows.length);
  return keys;
}

function assertSameSet(actual, expected, what) {
  const missing = [...expected].filter((k) => !actual.has(k));
  const extra = [...actual].filter((k) => !expected.has(k));
  assert.deepEqual({ missing: missing.slice(0, 3), extra: extra.slice(0, 3), sizes: [actual.size, expected.size] },
    { missing: [], extra: [], sizes: [expected.size, expected.size] }, what);
}

let root;
before(() => {
  assert.ok(fs.existsSync(jar), `the command-line jar ${jar} is missing; build it with ./mvnw package`);
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nervusdb-interop-'));
});
after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

for (const useWasm of backends) {
  const backend = useWasm ? 'wasm-gc' : 'js';

  describe(`JVM and Node (${backend}) share one file format`, function () {
    this.timeout(120_000);

    it('a database the JVM wrote opens in Node, and Node\'s changes open in the JVM', async () => {
      const dir = path.join(root, `jvm-first-${backend}`);
      const expected = new Set();
      const lines = [];
      const rounds = [triples(3000, 1, 'a'), triples(3000, 2, 'b'), triples(3000, 3, 'c')];
      rounds.forEach((round, r) => {
        for (let i = 0; i < round.length; i += 500) {
          lines.push(...addLines(round.slice(i, i + 500)), 'commit');
        }
        round.forEach((t) => expected.add(key(t)));
        if (r === 0) {
          lines.push('flush');
        }
        if (r === 1) {
          lines.push('compact');
        }
      });
      // Deletes, some of which reach tables and some only the log.
      for (const t of rounds[0].filter((_, i) => i % 10 === 0)) {
        lines.push(`-\t${escape(t.subject)}\t${escape(t.predicate)}\t${escape(t.object)}`);
        expected.delete(key(t));
      }
      jvmApply(dir, lines);
      assert.isTrue(fs.readdirSync(dir).some((n) => n.endsWith('.sst')), 'the JVM wrote tables');

      let db = await nodeOpen(dir, useWasm);
      assert.isAbove(await db.verify(), 0);
      assertSameSet(await nodeKeys(db), expected, 'Node reads what the JVM wrote');
      const first = rounds[0][1];
      assert.deepEqual(await db.query().whereSubject(first.subject).wherePredicate(first.predicate).whereObject(first.object).execute(), [first]);

      const more = triples(2000, 4, 'd');
      await db.addBatch(more);
      more.forEach((t) => expected.add(key(t)));
      await db.flush();
      for (const t of rounds[1].slice(0, 300)) {
        await db.delete(t);
        expected.delete(key(t));
      }
      const tail = triples(100, 5, 'e');
      await db.addBatch(tail); // stays in Node's log: the JVM must replay it
      tail.forEach((t) => expected.add(key(t)));
      await db.close();

      assertSameSet(jvmDump(dir), expected, 'the JVM reads what Node changed');
      db = await nodeOpen(dir, !useWasm && wasmGcSupported());
      assertSameSet(await nodeKeys(db), expected, 'the other backend reads it too');
      await db.close();
    });

    it('a database Node created opens in the JVM', async () => {
      const dir = path.join(root, `node-first-${backend}`);
      const db = await nodeOpen(dir, useWasm, { memtableSize: 128 * 1024 });
      const expected = new Set();
      for (let r = 0; r < 4; r++) {
        const batch = triples(2500, 10 + r, `n${r}`);
        const fresh = [...new Set(batch.map(key))].filter((k) => !expected.has(k)).length;
        assert.equal(await db.addBatch(batch), fresh, 'addBatch counts the new triples');
        batch.forEach((t) => expected.add(key(t)));
      }
      await db.compact();
      const single = { subject: 'solo', predicate: 'added', object: 'one at a time' };
      assert.isTrue(await db.add(single));
      expected.add(key(single));
      await db.close();
      assert.ok(fs.existsSync(path.join(dir, 'MANIFEST')));
      assertSameSet(jvmDump(dir), expected, 'the JVM reads a database Node created');
    });

    it('properties and labels written in Node read the same in the JVM, and the reverse', async () => {
      const dir = path.join(root, `props-${backend}`);
      const db = await nodeOpen(dir, useWasm);
      const props = { n: null, b: false, i: 42, neg: -3, f: 1.5, e: 1e300, s: 'é 数据 😀 "q" \\ \n', l: [1, ['x'], {}], m: { z: 1, a: [] } };
      await db.addFact({ subject: 'node', predicate: 'wrote', object: 'it' }, {
        subjectProperties: { ...props, labels: ['Writer', 'Node'] },
        edgeProperties: { w: 2 },
      });
      await db.addLabels('it', ['Thing']);
      await db.flush();
      await db.setNodeProperties('it', { after: 'flush' });
      await db.close();
      const r = runJava('props', dir, 'n\tnode\nn\tit\ne\tnode\twrote\tit\n');
      assert.equal(r.status, 0, r.out + r.err);
      const lines = r.out.trim().split('\n');
      const [nodeJson, nodeLabels] = lines[0].split('\t');
      assert.deepEqual(JSON.parse(nodeJson), { ...props, labels: ['Writer', 'Node'] });
      assert.equal(nodeLabels, 'Node,Writer');
      assert.deepEqual(lines[1].split('\t'), ['{"after":"flush"}', 'Thing']);
      assert.equal(lines[2], '{"w":2}');
      assert.equal(lines[3], 'problems 0', 'the JVM finds the property and label indexes Node wrote complete');

      const jdir = path.join(root, `props-jvm-${backend}`);
      const w = runJava('props-write', jdir);
      assert.equal(w.status, 0, w.out + w.err);
      const jdb = await nodeOpen(jdir, useWasm);
      assert.deepStrictEqual(await jdb.getNodeProperties('jvm'),
        { n: null, b: true, i: -7, big: 2n ** 62n, f: 0.25, s: '数据 😀', l: [1, 'x', [false]], m: { k: {} } });
      assert.deepStrictEqual(await jdb.getLabels('jvm'), ['Jvm', 'Writer']);
      assert.deepStrictEqual(await jdb.getEdgeProperties({ subject: 'jvm', predicate: 'wrote', object: 'it' }), { w: 1.5 });
      assert.deepStrictEqual((await jdb.findByNodeProperty({ propertyName: 'i', range: { max: 0 } }).all()).length, 1);
      assert.deepStrictEqual((await jdb.findByLabel('Jvm').all()).length, 1);
      await jdb.close();
    });

    it('locks are honoured in both directions', async () => {
      const dir = path.join(root, `lock-${backend}`);
      const holder = spawn(java, ['-cp', jar, interop, 'hold', dir], { stdio: ['pipe', 'pipe', 'inherit'] });
      try {
        const ready = await new Promise((resolve, reject) => {
          readline.createInterface({ input: holder.stdout }).once('line', resolve);
          holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
        });
        assert.equal(ready, 'ready');
        const db = new NervusDB(dir, { useWasm });
        const err = await db.open().then(() => null, (e) => e);
        assert.instanceOf(err, NervusDBError);
        assert.equal(err.code, 'LOCKED');
        assert.include(err.message, `pid ${holder.pid}`);
      } finally {
        holder.stdin.end();
        await new Promise((resolve) => (holder.exitCode !== null ? resolve() : holder.once('exit', resolve)));
      }
      const db = await nodeOpen(dir, useWasm);
      await db.add({ subject: 'node', predicate: 'holds', object: 'lock' });
      const refused = runJava('dump', dir);
      assert.equal(refused.status, 3, refused.out + refused.err);
      assert.match(refused.out, /^error LOCKED .*in use by process \d+/);
      const again = await new NervusDB(dir, { useWasm }).open().then(() => null, (e) => e);
      assert.equal(again?.code, 'LOCKED');
      await db.close();
      assert.equal(fs.readFileSync(path.join(dir, 'LOCK'), 'utf8'), '', 'close empties the lock file');
      assert.include(jvmDump(dir), key({ subject: 'node', predicate: 'holds', object: 'lock' }));
    });

    it('a damaged table is reported as CORRUPTION, not as wrong answers', async () => {
      const dir = path.join(root, `damage-${backend}`);
      jvmApply(dir, [...addLines(triples(3000, 20, 'z')), 'compact']);
      const table = fs.readdirSync(dir).find((n) => n.endsWith('.sst'));
      const file = path.join(dir, table);
      const bytes = fs.readFileSync(file);
      bytes[100] ^= 0x40; // inside the first data block
      fs.writeFileSync(file, bytes);
      let err = null;
      try {
        const db = await nodeOpen(dir, useWasm);
        try {
          await db.verify();
        } catch (e) {
          err = e;
        }
        await db.close();
      } catch (e) {
        err = err ?? e;
      }
      assert.instanceOf(err, NervusDBError);
      assert.equal(err.code, 'CORRUPTION');
      assert.include(err.message, table);
    });

    it('a Node process killed with SIGKILL keeps every acknowledged commit', async () => {
      const dir = path.join(root, `kill-${backend}`);
      const child = spawn(process.execPath, [path.join(here, 'writer.mjs'), dir, String(useWasm)],
        { stdio: ['ignore', 'pipe', 'inherit'] });
      const acked = [];
      await new Promise((resolve, reject) => {
        const lines = readline.createInterface({ input: child.stdout });
        lines.on('line', (line) => {
          if (line.startsWith('acked ')) {
            acked.push(Number(line.slice(6)));
            if (acked.length === 40) {
              child.kill('SIGKILL');
            }
          }
        });
        child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited: ${code} ${signal}`))));
      });
      const found = jvmDump(dir);
      for (const batch of acked) {
        for (let i = 0; i < 50; i++) {
          assert.isTrue(found.has(key({ subject: `batch${batch}`, predicate: 'item', object: String(i) })),
            `batch ${batch} item ${i} was acknowledged and must survive`);
        }
      }
      // Batches are all-or-nothing, acknowledged or not.
      const counts = new Map();
      for (const k of found) {
        const b = k.split('\u0000')[0];
        counts.set(b, (counts.get(b) ?? 0) + 1);
      }
      for (const [b, n] of counts) {
        assert.equal(n, 50, `${b} is complete`);
      }
      const db = await nodeOpen(dir, useWasm);
      assertSameSet(await nodeKeys(db), found, 'Node recovers the same state as the JVM');
      // The original API's batches: their properties and labels came with their facts, whole.
      for (const b of counts.keys()) {
        const n = Number(b.slice('batch'.length));
        if (n % 2 === 1) {
          assert.deepStrictEqual(await db.getNodeProperties(b), { n, items: 50, labels: ['Batch'] }, b);
          assert.deepStrictEqual(await db.getLabels(b), ['Batch'], b);
          assert.deepStrictEqual(await db.getEdgeProperties({ subject: b, predicate: 'item', object: '49' }), { i: 49 }, b);
        } else {
          assert.isNull(await db.getNodeProperties(b), b);
        }
      }
      assert.isAbove([...counts.keys()].filter((b) => Number(b.slice(5)) % 2 === 1).length, 10);
      assert.equal((await db.findByLabel('Batch').all()).length,
        [...counts.keys()].filter((b) => Number(b.slice(5)) % 2 === 1).length * 50);
      await db.close();
      const check = runJava('props', dir, '');
      assert.equal(check.out.trim(), 'problems 0', 'the JVM finds the indexes complete after the kill');
    });
  });
}
