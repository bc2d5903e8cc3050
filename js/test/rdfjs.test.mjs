// The RDF/JS interfaces: the DataFactory, conversion between RDF/JS terms and NervusDB's stored
// spelling (both ways, lossless), and RdfStore's match, countQuads, import, remove,
// removeMatches and deleteGraph with their streams and event emitters. Runs in Node and in the
// browser, on either backend; RDF/JS libraries themselves (N3.js, Comunica) are tried in
// test/rdfjs-consumers/.
import { assert } from 'chai';
import { DEFAULT_GRAPH, NervusDB, RdfStore, XSD, dataFactory as f, fromStoredQuad, fromStoredTerm, literal,
  toStoredQuad, toStoredTerm } from '../src/index.mjs';
import { EventEmitter, ObjectStream, languageTagCase } from '../src/rdfjs.mjs';
import { assertNervusError, rejection } from './support/errors.mjs';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const EX = 'http://example.org/';
const ex = (local) => f.namedNode(EX + local);
const typedLiteral = (value, datatype) => f.literal(value, f.namedNode(datatype));

async function opened() {
  const db = new NervusDB(':memory:');
  await db.open();
  return db;
}

/** All items of a stream, read in flowing mode ('data' and 'end'); rejects on 'error'. */
function collect(stream) {
  return new Promise((resolve, reject) => {
    const items = [];
    stream.on('data', (q) => items.push(q)).on('end', () => resolve(items)).on('error', reject);
  });
}

/** Resolves on the emitter's 'end', rejects on its 'error'. */
function ended(emitter) {
  return new Promise((resolve, reject) => {
    emitter.on('end', resolve).on('error', reject);
  });
}

/** The error an emitter emits; fails if it ends instead. */
function errorOf(emitter) {
  return new Promise((resolve, reject) => {
    emitter.on('error', resolve).on('end', () => reject(new Error('expected an error, got end')));
  });
}

/** A stream of the given quads that emits them as 'data', without pause() or read(), as a minimal RDF/JS Stream. */
function plainStream(quads, { failAfter } = {}) {
  const s = new EventEmitter();
  setTimeout(() => {
    quads.forEach((q, i) => {
      if (failAfter === i) {
        s.emit('error', new Error('source failed'));
      }
      if (failAfter === undefined || i < failAfter) {
        s.emit('data', q);
      }
    });
    if (failAfter === undefined) {
      s.emit('end');
    }
  }, 0);
  return s;
}

const key = (q) => [q.subject, q.predicate, q.object, q.graph].map(toStoredTerm).join(' ');
const keys = (quads) => quads.map(key).sort();

// Literals with every character the stored spelling escapes, and others it keeps as they are.
const LONG = `${'long "text" \\ with\nnewlines\r\tand tabs é 🚀 '.repeat(4000)}end`;
const AWKWARD_LEXICALS = [
  '',
  'plain',
  '"',
  '""',
  'say "hello"',
  '\\',
  'ends with a backslash \\',
  '\\"',
  '\\n is not a newline',
  'a\nb',
  'a\r\nb',
  '\r',
  'tab\there',
  'nul-free control \u0001\u001f\u007f',
  'é à ü ß',
  '日本語のテキスト',
  'emoji 🚀👩‍👩‍👧 and astral 𝄞',
  'combining e\u0301 and rtl \u05e9\u05dc\u05d5\u05dd',
  '@en',
  '"^^<http://example.org/not-a-datatype>',
  '_:not-a-blank-node',
  '<http://example.org/not-an-iri>',
  LONG,
];

const AWKWARD_TERMS = [
  ...AWKWARD_LEXICALS.map((v) => f.literal(v)),
  ...AWKWARD_LEXICALS.slice(0, 12).map((v) => f.literal(v, 'en')),
  ...AWKWARD_LEXICALS.slice(0, 12).map((v) => typedLiteral(v, `${EX}datatype`)),
  f.literal('chat', 'fr'),
  f.literal('colour', 'en-gb'),
  f.literal('x', 'zh-hant-tw'),
  f.literal('x', 'de-ch-1996'),
  f.literal('x', 'en-us-x-twain'),
  typedLiteral('31', `${XSD}integer`),
  typedLiteral('-0.5e3', `${XSD}double`),
  typedLiteral('2024-05-01T12:00:00Z', `${XSD}dateTime`),
  typedLiteral('<b>bold</b>', `${RDF}HTML`),
  typedLiteral('x', 'urn:example:dt>with>angles'),
  f.namedNode('alice'),
  f.namedNode(`${EX}path/with?query=1#frag`),
  f.namedNode('http://example.org/ünïcödé/日本'),
  f.namedNode('urn:isbn:0451450523'),
  f.namedNode(DEFAULT_GRAPH),
  f.blankNode('b0'),
  f.blankNode('n3-12'),
  f.blankNode('with.dots_and-dashes'),
  f.blankNode('b1_x'),
  f.blankNode(),
];

describe('RDF/JS: DataFactory', () => {
  it('makes terms with termType, value and equals(), as the RDF/JS specification says', () => {
    const n = f.namedNode(`${EX}a`);
    assert.strictEqual(n.termType, 'NamedNode');
    assert.strictEqual(n.value, `${EX}a`);
    assert.isTrue(n.equals(f.namedNode(`${EX}a`)));
    assert.isFalse(n.equals(f.namedNode(`${EX}b`)));
    assert.isFalse(n.equals(f.blankNode(`${EX}a`)), 'another term type with the same value');
    assert.isFalse(n.equals(null));
    assert.isFalse(n.equals(undefined));

    const b = f.blankNode('x');
    assert.deepInclude(b, { termType: 'BlankNode', value: 'x' });
    const b1 = f.blankNode();
    const b2 = f.blankNode();
    assert.strictEqual(b1.termType, 'BlankNode');
    assert.notStrictEqual(b1.value, b2.value, 'fresh blank nodes have fresh labels');
    assert.isFalse(b1.equals(b2));

    const plain = f.literal('hi');
    assert.deepInclude(plain, { termType: 'Literal', value: 'hi', language: '', direction: '' });
    assert.strictEqual(plain.datatype.value, `${XSD}string`);
    assert.strictEqual(plain.datatype.termType, 'NamedNode');
    const tagged = f.literal('hi', 'EN-GB');
    assert.strictEqual(tagged.language, 'en-gb', 'RDF/JS language tags are lower case');
    assert.strictEqual(tagged.datatype.value, `${RDF}langString`);
    const typed = typedLiteral('1', `${XSD}integer`);
    assert.strictEqual(typed.language, '');
    assert.strictEqual(typed.datatype.value, `${XSD}integer`);
    assert.isTrue(typed.equals(typedLiteral('1', `${XSD}integer`)));
    assert.isFalse(typed.equals(typedLiteral('1', `${XSD}decimal`)));
    assert.isFalse(tagged.equals(f.literal('hi', 'en')));
    assert.isFalse(plain.equals(f.literal('hi', 'en')));
    const directional = f.literal('hi', { language: 'ar', direction: 'rtl' });
    assert.deepInclude(directional, { language: 'ar', direction: 'rtl' });
    assert.strictEqual(directional.datatype.value, `${RDF}dirLangString`);
    assert.isFalse(directional.equals(f.literal('hi', 'ar')));

    const v = f.variable('s');
    assert.deepInclude(v, { termType: 'Variable', value: 's' });
    assert.strictEqual(f.defaultGraph().termType, 'DefaultGraph');
    assert.strictEqual(f.defaultGraph().value, '');
    assert.isTrue(f.defaultGraph().equals(f.defaultGraph()));

    const q = f.quad(n, ex('p'), plain, ex('g'));
    assert.strictEqual(q.termType, 'Quad');
    assert.strictEqual(q.value, '');
    assert.isTrue(q.equals(f.quad(f.namedNode(`${EX}a`), ex('p'), f.literal('hi'), ex('g'))));
    assert.isFalse(q.equals(f.quad(n, ex('p'), plain, f.defaultGraph())));
    assert.isTrue(f.quad(n, ex('p'), plain).graph.equals(f.defaultGraph()), 'quad() without a graph is in the default graph');
    assert.isTrue(f.triple(n, ex('p'), plain).equals(f.quad(n, ex('p'), plain, f.defaultGraph())));
  });

  it('fromTerm and fromQuad copy terms of other factories (plain objects here), and equals() compares across factories', () => {
    const foreign = {
      termType: 'Quad', value: '',
      subject: { termType: 'BlankNode', value: 'b' },
      predicate: { termType: 'NamedNode', value: `${EX}p` },
      object: { termType: 'Literal', value: 'v', language: 'en', datatype: { termType: 'NamedNode', value: `${RDF}langString` } },
      graph: { termType: 'DefaultGraph', value: '' },
    };
    const copy = f.fromQuad(foreign);
    assert.isTrue(copy.equals(f.quad(f.blankNode('b'), ex('p'), f.literal('v', 'en'))));
    assert.isTrue(f.fromTerm(foreign).equals(copy));
    assert.isTrue(f.literal('v', 'en').equals(foreign.object), 'our literal equals the foreign one');
    assert.isTrue(f.fromTerm({ termType: 'Variable', value: 'x' }).equals(f.variable('x')));
    assert.isTrue(f.fromTerm({ termType: 'DefaultGraph', value: '' }).equals(f.defaultGraph()));
    assert.throws(() => f.fromTerm({ termType: 'Nothing', value: '' }), /termType Nothing/);
    const { literal: lit, namedNode } = f; // the methods work detached, as some libraries call them
    assert.isTrue(lit('1', namedNode(`${XSD}integer`)).equals(typedLiteral('1', `${XSD}integer`)));
  });
});

describe('RDF/JS: terms and the stored spelling', () => {
  it('converts each kind of term to the stored spelling NervusDB uses', () => {
    assert.strictEqual(toStoredTerm(f.namedNode('alice')), 'alice');
    assert.strictEqual(toStoredTerm(ex('a')), `${EX}a`);
    assert.strictEqual(toStoredTerm(f.blankNode('b1')), '_:b1');
    assert.strictEqual(toStoredTerm(f.literal('text')), '"text"');
    assert.strictEqual(toStoredTerm(typedLiteral('text', `${XSD}string`)), '"text"', 'xsd:string is written without a datatype');
    assert.strictEqual(toStoredTerm(f.literal('a"b\\c\nd\re\tf')), '"a\\"b\\\\c\\nd\\re\tf"');
    assert.strictEqual(toStoredTerm(f.literal('chat', 'fr')), literal({ value: 'chat', language: 'fr' }));
    assert.strictEqual(toStoredTerm(f.literal('x', 'zh-hant-tw')), '"x"@zh-Hant-TW', 'tags in the BCP 47 case NervusDB stores');
    assert.strictEqual(toStoredTerm(typedLiteral('31', `${XSD}integer`)), literal(31));
    assert.strictEqual(toStoredTerm(typedLiteral('true', `${XSD}boolean`)), literal(true));
    assert.strictEqual(toStoredTerm(typedLiteral('3.5', `${XSD}double`)), literal(3.5));
    assert.strictEqual(toStoredTerm(f.defaultGraph()), DEFAULT_GRAPH);
    assert.deepEqual(toStoredQuad(f.quad(f.namedNode('s'), f.namedNode('p'), f.literal('o'))),
      { subject: 's', predicate: 'p', object: '"o"', graph: DEFAULT_GRAPH });
    assert.deepEqual(toStoredQuad(f.quad(f.blankNode('s'), f.namedNode('p'), f.namedNode('o'), f.blankNode('g'))),
      { subject: '_:s', predicate: 'p', object: 'o', graph: '_:g' });
    // A term of another library, as a plain object.
    assert.strictEqual(toStoredTerm({ termType: 'Literal', value: 'v', language: 'EN-us', datatype: { value: `${RDF}langString` } }),
      '"v"@en-US');
  });

  it('reads each stored spelling as the RDF/JS term', () => {
    assert.isTrue(fromStoredTerm('alice').equals(f.namedNode('alice')));
    assert.isTrue(fromStoredTerm('_:b1').equals(f.blankNode('b1')));
    assert.isTrue(fromStoredTerm('"a\\"b\\\\c\\nd\\re\tf"').equals(f.literal('a"b\\c\nd\re\tf')));
    assert.isTrue(fromStoredTerm('"x"@zh-Hant-TW').equals(f.literal('x', 'zh-hant-tw')));
    assert.strictEqual(fromStoredTerm('"x"@zh-Hant-TW').language, 'zh-hant-tw');
    assert.isTrue(fromStoredTerm(literal(31)).equals(typedLiteral('31', `${XSD}integer`)));
    assert.isTrue(fromStoredTerm(literal(1e21)).equals(typedLiteral('1.0E21', `${XSD}double`)));
    assert.isTrue(fromStoredTerm('"2"^^<urn:dt>').equals(typedLiteral('2', 'urn:dt')));
    assert.isTrue(fromStoredTerm(DEFAULT_GRAPH).equals(f.namedNode(DEFAULT_GRAPH)), 'as a term it is an IRI; as a graph the default graph');
    assert.isTrue(fromStoredQuad({ subject: 's', predicate: 'p', object: '"o"', graph: DEFAULT_GRAPH })
      .equals(f.quad(f.namedNode('s'), f.namedNode('p'), f.literal('o'), f.defaultGraph())));
    assert.isTrue(fromStoredQuad({ subject: 's', predicate: 'p', object: 'o' }).graph.equals(f.defaultGraph()));
    assert.isTrue(fromStoredQuad({ subject: 's', predicate: 'p', object: 'o', graph: 'g' }).graph.equals(f.namedNode('g')));
    for (const bad of ['"unterminated', '"bad escape \\t"', '"x"junk', '"x"^^<dt', 7, null]) {
      assertNervusError(rejectionSync(() => fromStoredTerm(bad)), 'INVALID_TERM');
    }
  });

  it('round-trips awkward terms: RDF/JS -> stored -> RDF/JS, and stored -> RDF/JS -> stored', () => {
    for (const term of AWKWARD_TERMS) {
      const stored = toStoredTerm(term);
      const back = fromStoredTerm(stored);
      assert.isTrue(back.equals(term), `${JSON.stringify(term).slice(0, 80)} came back as ${JSON.stringify(back).slice(0, 80)}`);
      assert.strictEqual(toStoredTerm(back), stored);
    }
    assert.strictEqual(fromStoredTerm(toStoredTerm(f.literal(LONG))).value.length, LONG.length);
  });

  it('round-trips awkward terms through a database, and reads literals SPARQL wrote', async () => {
    const db = await opened();
    const store = new RdfStore(db);
    const quads = AWKWARD_TERMS.map((o, i) => f.quad(ex(`s${i}`), ex('p'), o, i % 3 === 0 ? f.defaultGraph() : ex(`g${i % 2}`)));
    quads.push(f.quad(f.blankNode('subject.blank'), f.namedNode('p'), f.literal('x'), f.blankNode('graph-blank')));
    assert.strictEqual(await store.addQuads(quads), quads.length);
    const read = await collect(store.match());
    assert.deepEqual(keys(read), keys(quads));
    for (const q of quads) {
      const [found] = await collect(store.match(q.subject, q.predicate, q.object, q.graph));
      assert.isOk(found, `no match for ${key(q).slice(0, 80)}`);
      assert.isTrue(found.equals(q), `${key(found).slice(0, 80)} is not ${key(q).slice(0, 80)}`);
      assert.isTrue(await store.has(q));
    }
    // Literals written by the core's SPARQL parser read as the same RDF/JS literals.
    await db.update(`INSERT DATA { <${EX}t> <${EX}p> "a\\"b\\\\c\\nd\\te" , "chat"@FR-ca , "7"^^<${XSD}integer> , `
      + `"\\u00e9\\U0001F680" , "plain"^^<${XSD}string> }`);
    const written = await store.getQuads(ex('t'));
    assert.deepEqual(written.map((q) => toStoredTerm(q.object)).sort(), [
      toStoredTerm(f.literal('a"b\\c\nd\te')),
      toStoredTerm(f.literal('chat', 'fr-ca')),
      toStoredTerm(typedLiteral('7', `${XSD}integer`)),
      toStoredTerm(f.literal('é🚀')),
      toStoredTerm(f.literal('plain')),
    ].sort());
    assert.isTrue(written.some((q) => q.object.equals(f.literal('chat', 'fr-ca'))));
    await db.close();
  });

  it('refuses what NervusDB cannot store, with INVALID_TERM', async () => {
    const cases = [
      f.variable('x'),
      f.quad(ex('s'), ex('p'), ex('o')),
      f.literal('hi', { language: 'ar', direction: 'rtl' }),
      f.namedNode('"quoted'),
      f.namedNode('_:looks-blank'),
      f.blankNode(''),
      { termType: 'Literal', value: 'x', language: '', datatype: { termType: 'NamedNode', value: `${RDF}langString` } },
      f.literal('x', 'not a tag'),
      { termType: 'Literal', value: 3, language: '', datatype: { termType: 'NamedNode', value: `${XSD}integer` } },
      null,
      'alice',
    ];
    for (const c of cases) {
      assertNervusError(rejectionSync(() => toStoredTerm(c)), 'INVALID_TERM');
    }
    assertNervusError(rejectionSync(() => toStoredQuad(f.quad(ex('s'), ex('p'), ex('o'), f.literal('g')))), 'INVALID_TERM');
    const store = new RdfStore(await opened());
    assertNervusError(await rejection(() => store.addQuads([f.quad(f.variable('s'), ex('p'), ex('o'))])), 'INVALID_TERM');
    assertNervusError(await errorOf(store.import(plainStream([f.quad(ex('s'), ex('p'), f.literal('x', { language: 'ar', direction: 'rtl' }))]))),
      'INVALID_TERM');
    assert.strictEqual(await store.db.count({ graph: null }), 0);
  });

  it('cases language tags as BCP 47 recommends, as the core does', () => {
    const cases = { en: 'en', 'EN-us': 'en-US', 'zh-hant-tw': 'zh-Hant-TW', 'sgn-be-fr': 'sgn-BE-FR', 'en-us-x-TWAIN': 'en-US-x-twain',
      'az-latn': 'az-Latn', 'zh-yue-hk': 'zh-yue-HK', 'de-ch-1996': 'de-CH-1996', 'x-private': 'x-private' };
    for (const [tag, cased] of Object.entries(cases)) {
      assert.strictEqual(languageTagCase(tag), cased, tag);
    }
  });
});

function rejectionSync(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return assert.fail('expected an exception');
}

describe('RDF/JS: RdfStore', () => {
  let db;
  let store;
  const data = [
    f.quad(ex('alice'), ex('knows'), ex('bob')),
    f.quad(ex('alice'), ex('age'), typedLiteral('31', `${XSD}integer`)),
    f.quad(ex('bob'), ex('name'), f.literal('Bob', 'en')),
    f.quad(ex('alice'), ex('knows'), ex('carol'), ex('g1')),
    f.quad(ex('carol'), ex('age'), typedLiteral('29', `${XSD}integer`), ex('g1')),
    f.quad(ex('alice'), ex('knows'), ex('bob'), ex('g2')),
    f.quad(f.blankNode('b1'), ex('says'), f.literal('hi'), f.blankNode('g3')),
  ];

  beforeEach(async () => {
    db = await opened();
    store = new RdfStore(db);
    await store.addQuads(data);
  });

  afterEach(async () => {
    await db.close();
  });

  it('match(): wildcards (undefined, null, variables), exact terms, and graphs as RDF/JS says', async () => {
    assert.deepEqual(keys(await collect(store.match())), keys(data));
    assert.deepEqual(keys(await collect(store.match(null, null, null, null))), keys(data));
    assert.deepEqual(keys(await collect(store.match(f.variable('s'), f.variable('p'), f.variable('o'), f.variable('g')))), keys(data));
    assert.deepEqual(keys(await collect(store.match(ex('alice')))), keys(data.filter((q) => q.subject.equals(ex('alice')))));
    assert.deepEqual(keys(await collect(store.match(undefined, ex('knows'), ex('bob')))), keys([data[0], data[5]]));
    assert.deepEqual(keys(await collect(store.match(null, null, null, f.defaultGraph()))), keys(data.slice(0, 3)));
    assert.deepEqual(keys(await collect(store.match(null, null, null, ex('g1')))), keys(data.slice(3, 5)));
    assert.deepEqual(keys(await collect(store.match(null, null, null, f.blankNode('g3')))), keys([data[6]]));
    assert.deepEqual(keys(await collect(store.match(null, null, typedLiteral('29', `${XSD}integer`)))), keys([data[4]]));
    assert.deepEqual(keys(await collect(store.match(null, null, f.literal('bob', 'EN')))), [], 'lexical forms differ');
    assert.deepEqual(keys(await collect(store.match(null, null, f.literal('Bob', 'EN')))), keys([data[2]]), 'tags match in any case');
    assert.deepEqual(await collect(store.match(ex('nobody'))), []);
    assert.deepEqual(await collect(store.match(null, null, null, ex('nowhere'))), []);
    assert.deepEqual(await collect(store.match(null, null, null, f.literal('g1'))), [], 'a literal names no graph');
    assert.deepEqual(await collect(store.match(f.quad(ex('a'), ex('b'), ex('c')))), [], 'NervusDB holds no triple terms');
    const [first] = await collect(store.match(ex('alice'), ex('knows'), ex('bob')));
    assert.strictEqual(first.graph.termType, 'DefaultGraph', 'every graph: the default graph first');
    assertNervusError(await rejection(() => collect(store.match(f.literal('x', { language: 'ar', direction: 'ltr' })))), 'INVALID_TERM');
  });

  it('match() gives the state at the call: remove(match()) removes what matched', async () => {
    const stream = store.match(ex('alice'));
    await store.addQuads([f.quad(ex('alice'), ex('likes'), ex('tea'))]);
    assert.strictEqual((await collect(stream)).length, 4, 'the quad added after the call is not in the stream');
    await ended(store.remove(store.match(null, null, null, f.defaultGraph())));
    assert.strictEqual(await store.countQuads(null, null, null, f.defaultGraph()), 0);
    assert.strictEqual(await store.countQuads(), 4);
  });

  it('countQuads(), getQuads() and has()', async () => {
    assert.strictEqual(await store.countQuads(), data.length);
    assert.strictEqual(await store.countQuads(ex('alice')), 4);
    assert.strictEqual(await store.countQuads(f.variable('s'), ex('knows'), null, f.variable('g')), 3);
    assert.strictEqual(await store.countQuads(null, null, null, f.defaultGraph()), 3);
    assert.strictEqual(await store.countQuads(null, null, null, ex('g1')), 2);
    assert.strictEqual(await store.countQuads(null, null, null, f.literal('x')), 0);
    assert.deepEqual(keys(await store.getQuads(null, ex('age'))), keys([data[1], data[4]]));
    assert.isTrue(await store.has(data[4]));
    assert.isFalse(await store.has(f.quad(ex('carol'), ex('age'), typedLiteral('29', `${XSD}integer`))), 'not in the default graph');
  });

  it('the stream can be read with read() and readable, as asynciterator and Node consumers do', async () => {
    const stream = store.match(null, null, null, f.defaultGraph());
    const items = await new Promise((resolve, reject) => {
      const out = [];
      stream.on('readable', () => {
        let q;
        while ((q = stream.read()) !== null) {
          out.push(q);
        }
      });
      stream.on('end', () => resolve(out));
      stream.on('error', reject);
    });
    assert.deepEqual(keys(items), keys(data.slice(0, 3)));
    assert.isFalse(stream.readable);
    assert.strictEqual(stream.read(), null);
  });

  it('an empty result ends only once it is read, even when the consumer comes late', async () => {
    const stream = store.match(ex('nobody'));
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(await collect(stream), []);
  });

  it('pause() stops data until resume(); for await reads the stream; destroy() stops it', async () => {
    const many = Array.from({ length: 10000 }, (_, i) => f.quad(ex(`n${i}`), ex('v'), typedLiteral(String(i), `${XSD}integer`)));
    await store.addQuads(many);
    const stream = store.match(null, ex('v'));
    let seen = 0;
    await new Promise((resolve, reject) => {
      stream.on('data', () => {
        seen++;
        if (seen === 100) {
          stream.pause();
          assert.isTrue(stream.isPaused());
          setTimeout(() => {
            assert.strictEqual(seen, 100, 'no data while paused');
            stream.resume();
          }, 20);
        }
      }).on('end', resolve).on('error', reject);
    });
    assert.strictEqual(seen, 10000);

    const values = [];
    for await (const q of store.match(null, ex('v'))) {
      values.push(Number(q.object.value));
    }
    assert.deepEqual(values.sort((a, b) => a - b), many.map((_, i) => i));

    let taken = 0;
    const early = store.match(null, ex('v'));
    for await (const q of early) {
      assert.strictEqual(q.predicate.value, `${EX}v`);
      if (++taken === 5) {
        break;
      }
    }
    assert.isTrue(early.destroyed, 'leaving the loop early destroys the stream');

    const destroyed = store.match();
    let data2 = 0;
    destroyed.on('data', () => data2++);
    destroyed.destroy();
    await new Promise((r) => setTimeout(r, 20));
    assert.strictEqual(data2, 0);
  });

  it('pipe() writes into a writable and waits for its drain', async () => {
    const written = [];
    let full = false;
    const sink = new EventEmitter();
    sink.write = (q) => {
      assert.isFalse(full, 'no write while the sink is full');
      written.push(q);
      if (written.length % 2 === 0) {
        full = true;
        setTimeout(() => {
          full = false;
          sink.emit('drain');
        }, 1);
        return false;
      }
      return true;
    };
    const finished = new Promise((resolve) => {
      sink.end = resolve;
    });
    assert.strictEqual(store.match().pipe(sink), sink);
    await finished;
    assert.deepEqual(keys(written), keys(data));
  });

  it('import() adds a stream\'s quads in commits of batchSize, pausing the stream during each', async () => {
    const target = await opened();
    const calls = [];
    const addBatch = target.addBatch.bind(target);
    target.addBatch = (quads) => {
      calls.push(quads.length);
      return addBatch(quads);
    };
    const into = new RdfStore(target, { batchSize: 1000 });
    const many = Array.from({ length: 2500 }, (_, i) => f.quad(ex(`n${i}`), ex('v'), f.literal(`v${i}`), i % 2 ? ex('g') : f.defaultGraph()));
    await store.addQuads(many);
    const source = store.match();
    let pausedDuringCommit = false;
    target.addBatch = (quads) => {
      calls.push(quads.length);
      pausedDuringCommit ||= source.isPaused();
      return addBatch(quads);
    };
    await ended(into.import(source));
    assert.deepEqual(calls, [1000, 1000, 507], 'three commits, not one per quad');
    assert.isTrue(pausedDuringCommit);
    assert.deepEqual(keys(await collect(into.match())), keys([...data, ...many]));

    // A minimal stream, without pause(): all its quads arrive, in the same commits.
    calls.length = 0;
    const other = new RdfStore(await opened(), { batchSize: 1000 });
    const otherAdd = other.db.addBatch.bind(other.db);
    other.db.addBatch = (quads) => {
      calls.push(quads.length);
      return otherAdd(quads);
    };
    await ended(other.import(plainStream(many)));
    assert.deepEqual(calls, [1000, 1000, 500]);
    assert.strictEqual(await other.countQuads(), 2500);
    await other.db.close();
    await target.close();
  });

  it('import() reports a failing stream with error, keeping the commits before it', async () => {
    const many = Array.from({ length: 30 }, (_, i) => f.quad(ex(`n${i}`), ex('v'), f.literal(`v${i}`)));
    const small = new RdfStore(await opened(), { batchSize: 10 });
    const e = await errorOf(small.import(plainStream(many, { failAfter: 25 })));
    assert.strictEqual(e.message, 'source failed');
    await new Promise((r) => setTimeout(r, 20));
    assert.strictEqual(await small.countQuads(), 20, 'the two full commits before the error stay');
    const notStream = await errorOf(small.import(null));
    assertNervusError(notStream, 'INVALID_ARGUMENT');
    await small.db.close();
  });

  it('remove(), removeMatches() and deleteGraph() delete quads and emit end', async () => {
    await ended(store.remove(plainStream([data[0], data[3], f.quad(ex('never'), ex('was'), ex('there'))])));
    assert.deepEqual(keys(await collect(store.match())), keys(data.filter((_, i) => i !== 0 && i !== 3)));

    await ended(store.removeMatches(null, ex('age'), f.variable('o')));
    assert.deepEqual(keys(await collect(store.match())), keys([data[2], data[5], data[6]]));

    await ended(store.deleteGraph(ex('g2')));
    assert.deepEqual(keys(await collect(store.match())), keys([data[2], data[6]]));
    assert.include(await db.graphs(), `${EX}g2`, 'NervusDB keeps the emptied graph\'s name until it is dropped');

    await ended(store.deleteGraph('_:g3'));
    await ended(store.deleteGraph(f.defaultGraph()));
    assert.strictEqual(await store.countQuads(), 0);

    assertNervusError(await errorOf(store.deleteGraph(f.variable('g'))), 'INVALID_ARGUMENT');
    assertNervusError(await errorOf(store.removeMatches(f.variable('s'), f.literal('x', { language: 'en', direction: 'ltr' }))),
      'INVALID_TERM');
  });

  it('removeMatches() deletes in commits of batchSize', async () => {
    const small = new RdfStore(db, { batchSize: 2 });
    const calls = [];
    const deleteBatch = db.deleteBatch.bind(db);
    db.deleteBatch = (quads) => {
      calls.push(quads.length);
      return deleteBatch(quads);
    };
    await ended(small.removeMatches());
    assert.deepEqual(calls, [2, 2, 2, 1]);
    assert.strictEqual(await small.countQuads(), 0);
  });

  it('gives terms of another factory when asked', async () => {
    const made = [];
    const counting = { ...f };
    counting.namedNode = (v) => {
      made.push(v);
      return f.namedNode(v);
    };
    const other = new RdfStore(db, { factory: counting });
    assert.strictEqual(other.factory, counting);
    await collect(other.match(null, null, null, ex('g1')));
    assert.include(made, `${EX}carol`);
    assert.throws(() => new RdfStore({}), /wraps a NervusDB/);
    assert.throws(() => new RdfStore(db, { batchSize: 0 }), /batchSize/);
  });
});

describe('RDF/JS: ObjectStream and EventEmitter', () => {
  it('once(), off() and emit() behave as Node\'s; an unheard error is thrown', () => {
    const e = new EventEmitter();
    const heard = [];
    const fn = (x) => heard.push(`on ${x}`);
    e.on('x', fn).once('x', (x) => heard.push(`once ${x}`));
    assert.isTrue(e.emit('x', 1));
    e.emit('x', 2);
    e.off('x', fn);
    e.emit('x', 3);
    assert.deepEqual(heard, ['on 1', 'once 1', 'on 2']);
    assert.isFalse(e.emit('nothing'));
    const once = () => {};
    e.once('y', once);
    assert.deepEqual(e.listeners('y'), [once]);
    e.removeListener('y', once);
    assert.strictEqual(e.listenerCount('y'), 0);
    assert.throws(() => e.emit('error', new Error('boom')), 'boom');
  });

  it('a stream that fails emits error and then close', async () => {
    const s = new ObjectStream();
    const events = [];
    s.on('error', (err) => events.push(`error ${err.message}`)).on('close', () => events.push('close'));
    s._push([1, 2]);
    s._fail(new Error('bad'));
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(events, ['error bad', 'close']);
    assert.strictEqual(s.read(), null);
  });
});
