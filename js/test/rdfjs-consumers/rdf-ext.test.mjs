// rdf-ext with RdfStore: its Dataset.import() reads match() (through readable-stream's
// finished()), RdfStore.import() reads a Dataset's toStream(), rdf-ext's terms serve as patterns
// and as the store's factory; datasets are compared by their canonical N-Quads (blank nodes
// relabelled by RDFC-1.0), so blank nodes count too. rdf-ext keeps a language tag as the parser
// read it ("EN-gb"); RdfStore gives tags in lower case, as the RDF/JS data model has them, so the
// expected dataset has its tags in lower case.
import { assert } from 'chai';
import * as N3 from 'n3';
import rdf from 'rdf-ext';
import { NervusDB, RdfStore } from '../../src/index.mjs';
import { TRIG } from './data.mjs';

function ended(emitter) {
  return new Promise((resolve, reject) => {
    emitter.on('end', resolve).on('error', reject);
  });
}

describe('rdf-ext with RdfStore', () => {
  let db;
  let expected;

  beforeEach(async () => {
    db = await new NervusDB(':memory:').open();
    const lowerCaseTag = (t) => (t.termType === 'Literal' && t.language ? rdf.literal(t.value, t.language.toLowerCase()) : t);
    expected = rdf.dataset(new N3.Parser({ factory: rdf }).parse(TRIG)
      .map((q) => rdf.quad(q.subject, q.predicate, lowerCaseTag(q.object), q.graph)));
  });

  afterEach(async () => {
    await db.close();
  });

  it('a Dataset imports match(), and RdfStore imports a Dataset\'s stream: the same dataset both ways', async () => {
    const store = new RdfStore(db);
    await ended(store.import(rdf.dataset(new N3.Parser({ factory: rdf }).parse(TRIG)).toStream()));
    assert.strictEqual(await store.countQuads(), 20);
    const read = await rdf.dataset().import(store.match());
    assert.strictEqual(read.size, 20);
    assert.isTrue(read.equals(expected), `${read.toCanonical()}\nis not\n${expected.toCanonical()}`);
    const g1 = await rdf.dataset().import(store.match(null, null, null, rdf.namedNode('http://example.org/g1')));
    assert.isTrue(g1.equals(expected.match(null, null, null, rdf.namedNode('http://example.org/g1'))));
    assert.isTrue(read.has(rdf.quad(rdf.namedNode('http://example.org/alice'), rdf.namedNode('http://example.org/greeting'),
      rdf.literal('Hello', 'en-gb'))), 'the tag written EN-gb comes back as en-gb');
    const changed = rdf.dataset(expected).add(rdf.quad(rdf.namedNode('http://example.org/x'), rdf.namedNode('http://example.org/y'), rdf.literal('z')));
    assert.isFalse(read.equals(changed), 'the comparison sees one more quad');
  });

  it('rdf-ext\'s factory makes the terms match() gives', async () => {
    const store = new RdfStore(db, { factory: rdf });
    await store.addQuads(expected);
    const [q] = await store.getQuads(rdf.namedNode('http://example.org/carol'), null, rdf.literal('29', rdf.namedNode('http://www.w3.org/2001/XMLSchema#integer')));
    assert.strictEqual(q.constructor, rdf.quad(rdf.namedNode('a'), rdf.namedNode('b'), rdf.namedNode('c')).constructor);
    assert.strictEqual(q.graph.constructor, rdf.namedNode('g').constructor);
    assert.isTrue(q.graph.equals(rdf.namedNode('http://example.org/g1')));
    await ended(store.deleteGraph(rdf.namedNode('http://example.org/g1')));
    assert.strictEqual((await rdf.dataset().import(store.match())).size, 17);
  });
});
