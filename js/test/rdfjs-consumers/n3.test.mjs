// N3.js reading into and writing from a NervusDB database through RdfStore: N3.StreamParser
// into import(), N3.StreamWriter and N3.Writer from match(), N3.Store in both directions, and
// N3.js terms as patterns. What comes back is compared with N3.js's own terms (equals()).
import { Readable } from 'node:stream';
import { assert } from 'chai';
import * as N3 from 'n3';
import { NervusDB, RdfStore, XSD, toStoredTerm } from '../../src/index.mjs';
import { TRIG } from './data.mjs';

const { namedNode, literal, quad, defaultGraph } = N3.DataFactory;


async function opened(options) {
  const db = new NervusDB(':memory:');
  await db.open();
  return new RdfStore(db, options);
}

function ended(emitter) {
  return new Promise((resolve, reject) => {
    emitter.on('end', resolve).on('error', reject);
  });
}

function collect(stream) {
  return new Promise((resolve, reject) => {
    const items = [];
    stream.on('data', (x) => items.push(x)).on('end', () => resolve(items)).on('error', reject);
  });
}

/** Each of `expected` (N3.js quads) equals one of `actual`, and the counts agree. */
function assertSameQuads(actual, expected) {
  assert.strictEqual(actual.length, expected.length);
  for (const e of expected) {
    assert.isTrue(actual.some((a) => e.equals(a)), `missing ${JSON.stringify(e)}`);
  }
}

/** Parses TriG (or N-Quads) text into an N3.js quad array, keeping blank node labels. */
function parse(text, format = 'application/trig') {
  return new N3.Parser({ format, blankNodePrefix: '' }).parse(text);
}

describe('N3.js with RdfStore', () => {
  it('N3.StreamParser into import(): the parsed quads come back equal from match()', async () => {
    const store = await opened();
    const parser = new N3.StreamParser({ format: 'application/trig' });
    const parsed = [];
    parser.on('data', (q) => parsed.push(q));
    Readable.from([TRIG.slice(0, 200), TRIG.slice(200)]).pipe(parser);
    await ended(store.import(parser));
    assert.strictEqual(parsed.length, 20);
    assertSameQuads(await collect(store.match()), parsed);
    const tagged = await collect(store.match(null, namedNode('http://example.org/greeting'), literal('Hello', 'en-GB')));
    assert.strictEqual(tagged.length, 1, 'N3.js terms work as patterns');
    assert.strictEqual(tagged[0].object.language, 'en-gb');
    const odd = parsed.find((q) => q.object.value.startsWith('back'));
    assert.strictEqual(odd.object.value, 'back\\slash "quoted" tab\t cr\r nl\n é 🚀 é 🚀');
    assert.strictEqual(await store.countQuads(null, null, null, defaultGraph()), 15);
    await store.db.close();
  });

  it('N3.StreamWriter from match() (import and pipe), read back by N3.Parser', async () => {
    const store = await opened();
    const quads = parse(TRIG);
    await store.addQuads(quads);
    for (const how of ['import', 'pipe']) {
      const writer = new N3.StreamWriter({ format: 'application/n-quads' });
      const text = collect(writer).then((chunks) => chunks.join(''));
      if (how === 'import') {
        writer.import(store.match());
      } else {
        store.match().pipe(writer);
      }
      assertSameQuads(parse(await text, 'application/n-quads'), quads);
    }
    await store.db.close();
  });

  it('N3.Writer writes Turtle of the default graph from match(), with plain names as relative IRIs', async () => {
    const store = await opened();
    await store.db.addBatch([
      { subject: 'alice', predicate: 'age', object: 31 },
      { subject: 'alice', predicate: 'name', object: { value: 'Alice "A"', language: 'en' } },
      { subject: 'alice', predicate: 'knows', object: '_:b1' },
    ]);
    const writer = new N3.Writer({ prefixes: { xsd: XSD } });
    for (const q of await collect(store.match(null, null, null, defaultGraph()))) {
      writer.addQuad(q);
    }
    const turtle = await new Promise((resolve, reject) => writer.end((e, out) => (e ? reject(e) : resolve(out))));
    assert.include(turtle, '<alice> <age> 31');
    const back = new N3.Parser({ baseIRI: 'http://base.example/', blankNodePrefix: '' }).parse(turtle);
    assertSameQuads(back, [
      quad(namedNode('http://base.example/alice'), namedNode('http://base.example/age'), literal('31', namedNode(`${XSD}integer`))),
      quad(namedNode('http://base.example/alice'), namedNode('http://base.example/name'), literal('Alice "A"', 'en')),
      quad(namedNode('http://base.example/alice'), namedNode('http://base.example/knows'), N3.DataFactory.blankNode('b1')),
    ]);
    await store.db.close();
  });

  it('N3.Store and RdfStore copy each other\'s quads; remove() takes an N3.js stream', async () => {
    const store = await opened();
    await store.addQuads(parse(TRIG));
    const n3 = new N3.Store();
    await ended(n3.import(store.match()));
    assert.strictEqual(n3.size, 20);
    const copy = await opened();
    await ended(copy.import(n3.match()));
    assertSameQuads(await collect(copy.match()), n3.getQuads());
    await ended(copy.remove(n3.match(null, null, null, namedNode('http://example.org/g1'))));
    assert.strictEqual(await copy.countQuads(), 17);
    await ended(copy.removeMatches(N3.DataFactory.blankNode('bob')));
    assert.strictEqual(await copy.countQuads(), 15);
    await store.db.close();
    await copy.db.close();
  });

  it('a large N-Triples stream is imported in commits of batchSize quads', async function () {
    this.timeout(240000);
    const n = 100000;
    const store = await opened();
    const calls = [];
    const addBatch = store.db.addBatch.bind(store.db);
    store.db.addBatch = (quads) => {
      calls.push(quads.length);
      return addBatch(quads);
    };
    function* lines() {
      for (let i = 0; i < n; i += 1000) {
        let chunk = '';
        for (let j = i; j < i + 1000; j++) {
          chunk += `<http://example.org/n${j}> <http://example.org/v> "${j}"^^<${XSD}integer> <http://example.org/g${j % 3}> .\n`;
        }
        yield chunk;
      }
    }
    const parser = new N3.StreamParser({ format: 'application/n-quads' });
    const started = Date.now();
    await ended(store.import(Readable.from(lines()).pipe(parser)));
    const seconds = (Date.now() - started) / 1000;
    assert.strictEqual(calls.length, 10, 'ten commits of 10,000 quads');
    assert.isTrue(calls.every((c) => c === 10000));
    assert.strictEqual(await store.countQuads(), n);
    assert.strictEqual(await store.countQuads(null, null, null, namedNode('http://example.org/g1')), 33333);
    const [q] = await collect(store.match(namedNode('http://example.org/n77777')));
    assert.strictEqual(toStoredTerm(q.object), `"77777"^^<${XSD}integer>`);
    assert.isTrue(q.graph.equals(namedNode('http://example.org/g2')));
    console.log(`      (${n} quads imported in ${seconds.toFixed(1)} s)`);
    await store.db.close();
  });
});
