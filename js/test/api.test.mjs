// The NervusDB API on whichever backend this run selects: the default (WebAssembly GC where
// the engine has it), or the JavaScript build with NERVUSDB_USE_WASM=false. Runs under mocha
// in Node and in the browser (test/browser/run.mjs).
import { assert } from 'chai';
import { NervusDB, NervusDBError, wasmGcSupported } from '../src/index.mjs';
import { useWasmSetting } from './support/settings.mjs';
import { assertNervusError, rejection } from './support/errors.mjs';

const expected = useWasmSetting() === 'false' || !wasmGcSupported() ? 'js' : 'wasm-gc';

async function opened(options) {
  const db = new NervusDB(':memory:', options);
  await db.open();
  return db;
}

describe('NervusDB', () => {
  it(`backend is ${expected}`, async () => {
    const db = await opened();
    assert.strictEqual(db.backend, expected);
    assert.ok(db.backendReason.length > 0);
    await db.close();
  });

  it('useWasm: false selects the JavaScript build', async () => {
    const db = await opened({ useWasm: false });
    assert.strictEqual(db.backend, 'js');
    assert.strictEqual(db.backendReason, 'useWasm: false');
    await db.close();
  });

  it('globalThis.NERVUSDB_USE_WASM = "false" selects the JavaScript build', async () => {
    const before = globalThis.NERVUSDB_USE_WASM;
    globalThis.NERVUSDB_USE_WASM = 'false';
    try {
      const db = await opened();
      assert.strictEqual(db.backend, 'js');
      assert.strictEqual(db.backendReason, 'NERVUSDB_USE_WASM=false');
      await db.close();
    } finally {
      if (before === undefined) {
        delete globalThis.NERVUSDB_USE_WASM;
      } else {
        globalThis.NERVUSDB_USE_WASM = before;
      }
    }
  });

  it('add, addBatch, query, delete, close', async () => {
    const db = await opened();
    assert.strictEqual(await db.add({ subject: 's1', predicate: 'p', object: 'o1' }), true);
    assert.strictEqual(await db.add({ subject: 's1', predicate: 'p', object: 'o1' }), false);
    const batch = [];
    for (let i = 0; i < 1000; i++) {
      batch.push({ subject: `s${i % 10}`, predicate: `p${i % 3}`, object: `o${i}` });
    }
    assert.strictEqual(await db.addBatch(batch), 1000); // none equals (s1, p, o1): the batch uses p0..p2
    assert.strictEqual(await db.addBatch(batch.slice(0, 10)), 0);
    assert.strictEqual(await db.count(), 1001);
    const rows = await db.query().whereSubject('s1').execute();
    assert.strictEqual(rows.length, 101);
    assert.ok(rows.every((r) => r.subject === 's1'));
    assert.deepEqual(await db.query().whereSubject('s1').wherePredicate('p').execute(),
      [{ subject: 's1', predicate: 'p', object: 'o1' }]);
    assert.strictEqual((await db.query().wherePredicate('p2').limit(5).execute()).length, 5);
    assert.strictEqual(await db.query().whereSubject('s1').whereSubject('s2').count(), 0);
    const seen = [];
    for await (const t of db.query().whereObject('o7')) {
      seen.push(t);
    }
    assert.deepEqual(seen, [{ subject: 's7', predicate: 'p1', object: 'o7' }]);
    assert.strictEqual(await db.delete({ subject: 's1', predicate: 'p', object: 'o1' }), true);
    assert.strictEqual(await db.delete({ subject: 's1', predicate: 'p', object: 'o1' }), false);
    assert.strictEqual(await db.contains({ subject: 's1', predicate: 'p', object: 'o1' }), false);
    await db.flush();
    await db.compact();
    assert.strictEqual(await db.count(), 1000);
    await db.close();
    await db.close(); // idempotent
    assertNervusError(await rejection(() => db.add({ subject: 'a', predicate: 'b', object: 'c' })), 'CLOSED');
  });

  it('unicode terms round-trip', async () => {
    const db = await opened();
    const t = { subject: 'café ☕', predicate: 'naïve', object: '𝄞 music' };
    await db.add(t);
    assert.deepEqual(await db.query().whereObject('𝄞 music').execute(), [t]);
    await db.close();
  });

  it('addBatch and deleteBatch take every term exactly: multi-byte UTF-8, U+0000 inside a term, long terms', async () => {
    const db = await opened();
    const batch = [
      { subject: 'café ☕', predicate: 'naïve', object: '𝄞 music' },
      { subject: 'a\u0000b', predicate: 'p', object: 'nul inside' },
      { subject: 's', predicate: '\u0000', object: '\u0000\u0000' },
      { subject: 'x'.repeat(70000), predicate: 'p', object: '\u07FF\u0800\uFFFF\u{10FFFF}' },
    ];
    assert.strictEqual(await db.addBatch(batch), 4);
    for (const t of batch) {
      assert.deepEqual(await db.query().whereSubject(t.subject).wherePredicate(t.predicate).execute(), [t]);
    }
    // The same without U+0000 (the byte path, which a NUL sends back to the array path).
    const plain = batch.filter((t) => !`${t.subject}${t.predicate}${t.object}`.includes('\u0000'))
      .map((t) => ({ ...t, subject: `${t.subject}!` }));
    assert.strictEqual(plain.length, 2);
    assert.strictEqual(await db.addBatch(plain), 2);
    assert.strictEqual(await db.addBatch(plain), 0);
    for (const t of plain) {
      assert.deepEqual(await db.query().whereSubject(t.subject).execute(), [t]);
    }
    assert.strictEqual(await db.addBatch([]), 0);
    assert.strictEqual(await db.count(), 6);
    // deleteBatch: the same terms, on both paths; absent triples count nothing.
    assert.strictEqual(await db.deleteBatch([batch[0], batch[1], { subject: 'absent', predicate: 'p', object: 'o' }]), 2);
    assert.strictEqual(await db.deleteBatch([plain[1], batch[1]]), 1);
    assert.strictEqual(await db.deleteBatch([]), 0);
    assert.deepEqual(await db.query().whereSubject('café ☕').execute(), []);
    assert.deepEqual(await db.query().whereSubject('a\u0000b').execute(), []);
    assert.strictEqual(await db.query().whereObject('𝄞 music').count(), 1);
    assert.strictEqual(await db.count(), 3);
    assert.strictEqual(await db.addBatch([batch[0], batch[1], plain[1]]), 3);
    assert.strictEqual(await db.count(), 6);
    assertNervusError(await rejection(() => db.deleteBatch('nope')), 'INVALID_ARGUMENT');
    assertNervusError(await rejection(() => db.deleteBatch([{ subject: 'a\uD800', predicate: 'p', object: 'o' }, batch[0]])),
      'INVALID_TERM');
    assert.strictEqual(await db.count(), 6);
    // An unpaired surrogate anywhere in a batch: the typed error, and nothing of the batch written.
    const bad = [{ subject: 'fine', predicate: 'p', object: 'o' }, { subject: 'low \uDC00 alone', predicate: 'p', object: 'o' }];
    const e = await rejection(() => db.addBatch(bad));
    assertNervusError(e, 'INVALID_TERM');
    assert.match(e.message, /surrogate/i);
    // Two halves of a pair in adjacent terms do not make a pair.
    const split = [{ subject: 'end \uD83D', predicate: '\uDE00 start', object: 'o' }];
    assertNervusError(await rejection(() => db.addBatch(split)), 'INVALID_TERM');
    assert.strictEqual(await db.count(), 6);
    await db.close();
  });

  it('bad input gets typed errors and writes nothing', async () => {
    const db = await opened();
    assertNervusError(await rejection(() => db.add({ subject: 's', predicate: null, object: 'o' })), 'INVALID_TERM');
    assertNervusError(await rejection(() => db.addBatch([{ subject: 'a', predicate: 'b', object: 'c' }, 42])),
      'INVALID_TERM');
    const e = await rejection(() => db.add({ subject: 'bad \uD800 surrogate', predicate: 'p', object: 'o' }));
    assert.instanceOf(e, NervusDBError);
    assert.match(e.message, /surrogate/i);
    assert.strictEqual(await db.count(), 0);
    assert.strictEqual(assert.throws(() => db.query().limit(-1)).code, 'INVALID_ARGUMENT');
    await db.close();
  });

  it('paths and options that cannot work are refused before anything is opened', async () => {
    assertNervusError(await rejection(() => new NervusDB('').open()), 'INVALID_ARGUMENT');
    assertNervusError(await rejection(() => new NervusDB(42).open()), 'INVALID_ARGUMENT');
    assertNervusError(await rejection(() => new NervusDB(':memory:', { memtableSize: 0 }).open()), 'INVALID_ARGUMENT');
    assertNervusError(await rejection(() => new NervusDB(':memory:', { blockCacheSize: 1.5 }).open()), 'INVALID_ARGUMENT');
  });

  it('calls before open are refused', async () => {
    const db = new NervusDB();
    assert.strictEqual((await rejection(() => db.count())).code, 'NOT_OPEN');
  });

  it('sparql runs SELECT and ASK over the stored terms, with typed errors', async () => {
    const db = await opened();
    await db.addBatch([
      { subject: 'alice', predicate: 'knows', object: 'bob' },
      { subject: 'bob', predicate: 'knows', object: 'carol' },
      { subject: 'carol', predicate: 'livesIn', object: 'Paris' },
      { subject: 'bob', predicate: 'name', object: '"Bob"@en' },
    ]);
    const r = await db.sparql('SELECT ?f ?city WHERE { ?p <knows> ?f OPTIONAL { ?f <livesIn> ?city } } ORDER BY ?f');
    assert.deepEqual(r.variables, ['f', 'city']);
    assert.deepEqual(r.rows, [{ f: 'bob' }, { f: 'carol', city: 'Paris' }]);
    const paths = await db.sparql('SELECT ?x WHERE { <alice> <knows>+ ?x FILTER(?x != <bob>) }');
    assert.deepEqual(paths.rows, [{ x: 'carol' }]);
    const langs = await db.sparql('SELECT (LANG(?n) AS ?l) WHERE { ?s <name> ?n FILTER regex(?n, "^b", "i") }');
    assert.deepEqual(langs.rows, [{ l: '"en"' }]);
    assert.strictEqual(await db.sparql('ASK { <carol> <livesIn> <Paris> }'), true);
    assert.match(await db.explain('SELECT * WHERE { ?a <knows> ?b . ?b <knows> ?c }'), /Bgp.*rows=1/s);
    assertNervusError(await rejection(() => db.sparql('SELECT ?x WHERE { ?x <knows> }')), 'QUERY_SYNTAX');
    assertNervusError(await rejection(() => db.sparql(42)), 'INVALID_ARGUMENT');
    await db.close();
  });

  it('the query builder traverses, filters, orders, pages and counts', async () => {
    const db = await opened();
    const int = (n) => `"${n}"^^<http://www.w3.org/2001/XMLSchema#integer>`;
    await db.addBatch([
      { subject: 'alice', predicate: 'knows', object: 'bob' },
      { subject: 'alice', predicate: 'knows', object: 'carol' },
      { subject: 'alice', predicate: 'knows', object: 'cedric' },
      { subject: 'bob', predicate: 'knows', object: 'carol' },
      { subject: 'carol', predicate: 'livesIn', object: 'Paris' },
      { subject: 'cedric', predicate: 'livesIn', object: 'Paris' },
      { subject: 'bob', predicate: 'livesIn', object: 'Lyon' },
      { subject: 'alice', predicate: 'age', object: int(34) },
      { subject: 'bob', predicate: 'age', object: int(9) },
      { subject: 'carol', predicate: 'age', object: '"29.5"^^<http://www.w3.org/2001/XMLSchema#decimal>' },
      { subject: 'erin', predicate: 'age', object: 'unknown' },
    ]);
    // Conditions apply to the latest step.
    assert.deepEqual(await db.query().whereSubject('alice').wherePredicate('knows').whereObject({ prefix: 'c' })
      .follow('livesIn').nodes(), ['Paris']);
    assert.sameMembers(await db.query().whereSubject('alice').wherePredicate('knows').follow('livesIn').whereObject('Paris')
      .values('subject'), ['carol', 'cedric']);
    assert.deepEqual(await db.query().wherePredicate('age').whereObject({ gt: 9, lte: 34 }).orderBy('object', 'desc')
      .values('subject'), ['alice', 'carol']);
    assert.deepEqual(await db.query().wherePredicate('age').whereObject({ gte: 0 }).orderBy('object').offset(1).limit(1)
      .execute(), [{ subject: 'carol', predicate: 'age', object: '"29.5"^^<http://www.w3.org/2001/XMLSchema#decimal>' }]);
    assert.deepEqual(await db.query().wherePredicate('knows').whereSubject({ regex: '^A', flags: 'i' })
      .whereObject({ ne: 'bob' }).orderBy('object').values('object'), ['carol', 'cedric']);
    assert.deepEqual(await db.query().wherePredicate('knows').distinct().orderBy('object').values('object'),
      ['bob', 'carol', 'cedric']);
    assert.deepEqual([...await db.query().wherePredicate('livesIn').countBy('object')], [['Paris', 2], ['Lyon', 1]]);
    assert.strictEqual(await db.query().wherePredicate('knows').whereObject({ prefix: 'c' }).count(), 3);
    assert.sameMembers(await db.query().whereSubject('alice').wherePredicate('knows').whereObject('bob')
      .followPath('knows', { min: 0, max: Infinity }).nodes(), ['bob', 'carol']);
    assert.deepEqual(await db.query().whereSubject('bob').wherePredicate('livesIn').followReverse('livesIn').nodes(), ['bob']);
    // Bad conditions get typed errors.
    assertNervusError(assert.throws(() => db.query().whereObject({ gt: 'x' })), 'INVALID_ARGUMENT');
    assertNervusError(assert.throws(() => db.query().whereObject({ like: 'x' })), 'INVALID_ARGUMENT');
    assertNervusError(assert.throws(() => db.query().orderBy('name')), 'INVALID_ARGUMENT');
    assertNervusError(assert.throws(() => db.query().timeout(-1)), 'INVALID_ARGUMENT');
    assert.strictEqual(await db.query().wherePredicate('knows').timeout(60000).count(), 4);
    // 20,000 hops cannot take under a millisecond: the time limit stops the path search.
    const chain = [];
    for (let i = 0; i < 20000; i++) {
      chain.push({ subject: `n${i}`, predicate: 'next', object: `n${i + 1}` });
    }
    await db.addBatch(chain);
    assertNervusError(await rejection(() => db.query().whereSubject('n0').wherePredicate('next')
      .followPath('next', { min: 0 }).timeout(1).nodes()), 'QUERY_TIMEOUT');
    assert.strictEqual((await db.query().whereSubject('n0').wherePredicate('next').followPath('next', { min: 0 }).nodes()).length, 20000);
    assertNervusError(await rejection(() => db.query().whereObject({ regex: '(' }).execute()), 'INVALID_ARGUMENT');
    assertNervusError(await rejection(() => db.query().whereObject({ regex: 'a'.repeat(5000) }).count()), 'INVALID_ARGUMENT');
    await db.close();
  });

  it('memtableSize applies to in-memory databases too', async () => {
    // With a 16 KB memtable, 3,000 triples cannot all stay in memory: flushes and merges run,
    // and every triple must still be there.
    const db = await opened({ memtableSize: 16 * 1024, blockCacheSize: 64 * 1024 });
    const batch = [];
    for (let i = 0; i < 3000; i++) {
      batch.push({ subject: `s${i % 50}`, predicate: 'p', object: `o${i}` });
    }
    for (let i = 0; i < batch.length; i += 300) {
      await db.addBatch(batch.slice(i, i + 300));
    }
    assert.strictEqual(await db.count(), 3000);
    assert.isAbove(await db.verify(), 0, 'tables were written, so verify reads entries');
    assert.strictEqual((await db.query().whereSubject('s7').execute()).length, 60);
    await db.close();
  });

  it('sparql hash functions give the standard digests on this build', async () => {
    const db = await opened();
    const r = await db.sparql('SELECT (MD5(?s) AS ?md5) (SHA1(?s) AS ?sha1) (SHA256(?s) AS ?sha256) '
      + '(SHA384(?s) AS ?sha384) (SHA512(?s) AS ?sha512) WHERE { BIND("abc数" AS ?s) }');
    const plain = (term) => term.slice(1, -1);
    const row = r.rows[0];
    assert.strictEqual(plain(row.md5), 'da957d35d5bbb0af61b7bdcaa1bc2135');
    assert.strictEqual(plain(row.sha1), '8bef872aea97e8e32975ad6dd59db6e1ebc9608e');
    assert.strictEqual(plain(row.sha256), '196a0ca92b7db9bb866896884148847ba2d5f285024b331055f9f10ca9978e88');
    assert.strictEqual(plain(row.sha384), 'fa4e33c60de46927bc382f72060734055bcc89ed2ee736a89b2602a51e4cebc10b0142deaf13653095d15c9cb0fc3cb7');
    assert.strictEqual(plain(row.sha512), 'a360bf06c15664f496ae9c6478dffc1a146881c1a847de201d126a32ee142443441cc65c08a1a91658c0f147f291ab2f605743e2c70226a09ac8cd192bc31c05');
    await db.close();
  });

  it('sparql doubles read and print as Java 19+ does (Double.parseDouble, Double.toString)', async () => {
    const db = await opened();
    const cases = [
      ['1', '1.0E0'], ['-0', '-0.0E0'], ['0.1', '1.0E-1'], ['1e7', '1.0E7'], ['9999999.5', '9.9999995E6'],
      ['1e-3', '1.0E-3'], ['.5', '5.0E-1'], ['5.', '5.0E0'], ['+1e+2', '1.0E2'], ['12345.6789e-3', '1.23456789E1'],
      ['1e23', '1.0E23'], ['2e23', '2.0E23'], ['1.0258500890609296E40', '1.0258500890609296E40'],
      ['4.9e-324', '4.9E-324'], ['1e-323', '9.9E-324'], ['1.7976931348623157e308', '1.7976931348623157E308'],
      ['123456789012345678901234567890', '1.2345678901234568E29'], ['1e400', 'INF'], ['-INF', '-INF'],
    ];
    for (const [text, canonical] of cases) {
      const r = await db.sparql(`SELECT (STR(<http://www.w3.org/2001/XMLSchema#double>("${text}")) AS ?d) WHERE {}`);
      assert.strictEqual(r.rows[0].d, `"${canonical}"`, text);
    }
    for (const bad of ['abc', '1x', '0x10', '1d', '.', '1e', 'e5', '']) {
      const r = await db.sparql(`SELECT (<http://www.w3.org/2001/XMLSchema#double>("${bad}") AS ?d) WHERE {}`);
      assert.strictEqual(r.rows[0].d, undefined, bad);
    }
    const d = await db.sparql('SELECT (<http://www.w3.org/2001/XMLSchema#decimal>(1.5e-5) AS ?d) WHERE {}');
    assert.strictEqual(d.rows[0].d, '"0.000015"^^<http://www.w3.org/2001/XMLSchema#decimal>');
    await db.close();
  });

  it('sparql UCASE, LCASE and LANGMATCHES use the full Unicode case mapping, as Java does', async () => {
    const db = await opened();
    const r = await db.sparql('SELECT (UCASE("straße ǆ abc") AS ?u) (LCASE("ΟΔΟΣ İ ABC") AS ?l) '
      + '(LANGMATCHES("EN-gb", "en") AS ?m) (UCASE("x"@en) AS ?t) WHERE {}');
    const row = r.rows[0];
    assert.strictEqual(row.u, '"STRASSE Ǆ ABC"');
    assert.strictEqual(row.l, '"οδος i\u0307 abc"');
    assert.strictEqual(row.m, '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>');
    assert.strictEqual(row.t, '"X"@en');
    await db.close();
  });

  const stackOf = async (debug) => {
    const db = await opened({ debug });
    // A term past the core's 1 MiB limit: refused in the core, so the cause is its exception.
    const e = await rejection(() => db.add({ subject: 'a', predicate: 'b', object: 'x'.repeat((1 << 20) + 1) }));
    assertNervusError(e, 'INVALID_TERM');
    await db.close();
    return String(e.cause && e.cause.stack);
  };

  it('debug: true runs the debug build', async () => {
    const debugDb = await opened({ debug: true });
    assert.strictEqual(debugDb.backend, expected);
    await debugDb.add({ subject: 's', predicate: 'p', object: 'o' });
    assert.strictEqual(await debugDb.count(), 1);
    await debugDb.close();
    assert.strictEqual(debugDb.backend, expected);
  });

  it("debug: true: the debug build's stack traces name the Java classes", async function () {
    const stack = await stackOf(true);
    // SpiderMonkey (Firefox) writes WebAssembly frames in Error.stack without the names of the
    // module's name section ("@…:wasm-function[71]:0x76c8"): there the names cannot show.
    const wasmFrames = stack.split('\n').filter((line) => /wasm-function\[\d+\]/.test(line));
    if (expected === 'wasm-gc' && wasmFrames.length > 0 && wasmFrames.every((line) => /^\s*@/.test(line))) {
      assert.match(stack, /\/debug\//, 'the error comes from the debug build');
      this.test.reason = "this engine's Error.stack does not name WebAssembly functions, so no stack trace can name "
        + 'the Java classes (the debug build itself ran: the error came from dist/debug/)';
      this.skip();
    }
    assert.match(stack, /JsNervusDB(::|_)failed/);
    assert.notMatch(await stackOf(false), /JsNervusDB(::|_)failed/);
  });

  it('addBatch: each distinct term crosses once; spellings of one literal are one term; U+0000 and lone surrogates', async () => {
    const db = await opened();
    const xs = '<http://www.w3.org/2001/XMLSchema#string>';
    const batch = [];
    for (let i = 0; i < 300; i++) {
      batch.push({ subject: `s${i % 7}`, predicate: 'p', object: `o${i % 50}` });
    }
    batch.push({ subject: 's0', predicate: 'q', object: '"a"' }, { subject: 's0', predicate: 'q', object: `"a"^^${xs}` },
      { subject: 's0', predicate: 'q', object: '"b"@EN' }, { subject: 's0', predicate: 'q', object: '"b"@en' });
    // 7 subjects x 50 objects, of which i % 7 and i % 50 meet in 300 distinct pairs (7 and 50 share no factor)
    assert.strictEqual(await db.addBatch(batch), 302);
    assert.strictEqual(await db.count(), 302);
    assert.strictEqual(await db.count({ subject: 's0', predicate: 'q' }), 2);
    assert.deepStrictEqual((await db.find({ subject: 's0', predicate: 'q' }).all()).map((t) => t.object).sort(), ['"a"', '"b"@en']);
    assert.strictEqual(await db.addBatch(batch), 0);
    // A term holding U+0000 goes by the other path, with the rest of its batch.
    assert.strictEqual(await db.addBatch([{ subject: 's0', predicate: 'p', object: 'x\u0000y' }, { subject: 's1', predicate: 'p', object: 'o1' }]), 1);
    assert.strictEqual(await db.count({ object: 'x\u0000y' }), 1);
    const e = await rejection(() => db.addBatch([{ subject: 's9', predicate: 'p', object: 'o' }, { subject: 's9', predicate: 'p', object: '\ud800' }]));
    assertNervusError(e, 'INVALID_TERM');
    assert.strictEqual(await db.count({ subject: 's9' }), 0, 'a refused batch adds nothing');
    assert.strictEqual(await db.add({ subject: 's9', predicate: 'p', object: 'o' }), true);
    assert.strictEqual(await db.add({ subject: 's9', predicate: 'p', object: 'o' }), false);
    await db.close();
  });

  it("answers the original NervusDB's find(criteria)...all(), skip and async iteration", async () => {
    const db = await opened();
    await db.addBatch([
      { subject: 'alice', predicate: 'knows', object: 'bob' },
      { subject: 'alice', predicate: 'knows', object: 'carol' },
      { subject: 'bob', predicate: 'knows', object: 'carol' },
      { subject: 'carol', predicate: 'livesIn', object: 'Paris' },
    ]);
    const all = await db.find({ subject: 'alice' }).all();
    assert.sameDeepMembers(all, [
      { subject: 'alice', predicate: 'knows', object: 'bob' },
      { subject: 'alice', predicate: 'knows', object: 'carol' },
    ]);
    assert.lengthOf(await db.find({ predicate: 'knows' }).all(), 3);
    assert.lengthOf(await db.find().all(), 4);
    assert.lengthOf(await db.find({ predicate: 'knows' }).skip(1).all(), 2);
    assert.deepEqual(await db.find({ subject: 'alice', object: 'carol' }).follow('livesIn').all(),
      [{ subject: 'carol', predicate: 'livesIn', object: 'Paris' }]);
    const seen = [];
    for await (const t of db.find({ object: 'carol' })) {
      seen.push(t.subject);
    }
    assert.sameMembers(seen, ['alice', 'bob']);
    assertNervusError(await rejection(async () => db.find({ subjekt: 'alice' })), 'INVALID_ARGUMENT');
    await db.close();
  });
});
