// The original NervusDB API (npm @nervusdb/core 0.1.x) on this package: properties, labels,
// findBy*, the builder's whereProperty / whereLabel / union / anchors, batches and snapshots.
// Runs under mocha in Node and in the browser, on whichever backend this run selects.
import { assert } from 'chai';
import { NervusDB } from '../src/index.mjs';
import { assertNervusError as assertCode, rejection } from './support/errors.mjs';

async function opened(options) {
  return new NervusDB(':memory:', options).open();
}

const fact = (subject, predicate, object) => ({ subject, predicate, object });
const triples = (records) => records.map((r) => `${r.subject} ${r.predicate} ${r.object}`).sort();

/** alice -knows-> bob -knows-> carol -knows-> alice, dave -likes-> alice; properties and labels. */
async function social() {
  const db = await opened();
  await db.addFact(fact('alice', 'knows', 'bob'), {
    subjectProperties: { age: 30, city: 'Oslo', labels: ['Person', 'Admin'] },
    objectProperties: { age: 25, labels: ['Person'] },
    edgeProperties: { since: 2010 },
  });
  await db.addFact(fact('bob', 'knows', 'carol'), { objectProperties: { age: 'forty' } });
  await db.addFact(fact('carol', 'knows', 'alice'), { edgeProperties: { since: 2020 } });
  await db.addFact(fact('dave', 'likes', 'alice'), { subjectProperties: { labels: ['Robot'] } });
  return db;
}

describe('original API', () => {
  it('property values round-trip exactly, in their order, replacing what was there', async () => {
    const db = await opened();
    const props = {
      n: null, t: true, f: false, i: -42, big: 2 ** 53, wide: 2n ** 62n, neg: -(2n ** 63n), x: 0.1, e: -1.5e300,
      s: 'ünïcödé ✓ \u0000 end', empty: '', list: [1, 'two', [3], { four: 4 }, null], nested: { a: { b: { c: [] } } },
      ['__proto__']: 'a member, not a prototype', when: new Date(Date.UTC(2024, 0, 2)), gone: undefined,
    };
    // An object literal's __proto__ key sets the prototype; make it a member the JSON way.
    Object.defineProperty(props, '__proto__', { value: 'a member, not a prototype', enumerable: true });
    await db.setNodeProperties('alice', props);
    const back = await db.getNodeProperties('alice');
    const expected = { ...props, when: '2024-01-02T00:00:00.000Z' };
    delete expected.gone;
    Object.defineProperty(expected, '__proto__', { value: 'a member, not a prototype', enumerable: true });
    assert.deepStrictEqual(Object.keys(back), Object.keys(expected));
    for (const k of Object.keys(expected)) {
      assert.deepStrictEqual(back[k], expected[k], k);
    }
    assert.strictEqual(Object.getPrototypeOf(back), Object.prototype);
    assert.strictEqual(typeof back.big, 'number');
    assert.strictEqual(back.wide, 2n ** 62n);
    // Each set replaces the whole map; null or {} removes it; never set is null.
    await db.setNodeProperties('alice', { y: 3 });
    assert.deepStrictEqual(await db.getNodeProperties('alice'), { y: 3 });
    await db.setNodeProperties('alice', {});
    assert.isNull(await db.getNodeProperties('alice'));
    await db.setNodeProperties('alice', { z: 1 });
    await db.setNodeProperties('alice', null);
    assert.isNull(await db.getNodeProperties('alice'));
    assert.isNull(await db.getNodeProperties('nobody'));
    // A read gives a copy.
    await db.setNodeProperties('bob', { list: [1] });
    (await db.getNodeProperties('bob')).list.push(2);
    assert.deepStrictEqual(await db.getNodeProperties('bob'), { list: [1] });
    await db.close();
  });

  it('bad property values get INVALID_PROPERTY and write nothing', async () => {
    const db = await opened();
    await db.setNodeProperties('alice', { keep: 1 });
    const cyclic = { a: 1 };
    cyclic.self = cyclic;
    let deep = 1;
    for (let i = 0; i < 70; i++) {
      deep = [deep];
    }
    const bad = [
      { x: NaN }, { x: Infinity }, { x: () => 1 }, { x: Symbol('s') }, { x: new Map() }, { x: new Uint8Array(2) },
      cyclic, { deep }, { s: 'lone \ud800 surrogate' }, { ['k\udc00']: 1 }, { x: 2n ** 64n }, { x: 'y'.repeat((1 << 20) + 1) },
    ];
    for (const props of bad) {
      assertCode(await rejection(() => db.setNodeProperties('alice', props)), 'INVALID_PROPERTY');
      assertCode(await rejection(() => db.addFact(fact('alice', 'p', 'o'), { edgeProperties: props })), 'INVALID_PROPERTY');
    }
    assertCode(await rejection(() => db.setNodeProperties('alice', [1, 2])), 'INVALID_PROPERTY');
    assertCode(await rejection(() => db.setNodeProperties('alice', 'text')), 'INVALID_PROPERTY');
    assert.deepStrictEqual(await db.getNodeProperties('alice'), { keep: 1 });
    assert.strictEqual(await db.count(), 0, 'addFact with bad properties added no fact');
    await db.close();
  });

  it('edge properties belong to a stored fact: NOT_FOUND otherwise, gone with the fact', async () => {
    const db = await opened();
    assertCode(await rejection(() => db.setEdgeProperties(fact('a', 'p', 'b'), { w: 1 })), 'NOT_FOUND');
    await db.addFact(fact('a', 'p', 'b'), { edgeProperties: { w: 1 } });
    assert.deepStrictEqual(await db.getEdgeProperties(fact('a', 'p', 'b')), { w: 1 });
    // The original's key of ids works too.
    const key = `${await db.getNodeId('a')}:${await db.getNodeId('p')}:${await db.getNodeId('b')}`;
    assert.deepStrictEqual(await db.getEdgeProperties(key), { w: 1 });
    await db.setEdgeProperties(key, { w: 2 });
    assert.deepStrictEqual(await db.getEdgeProperties(fact('a', 'p', 'b')), { w: 2 });
    assert.isTrue(await db.deleteFact(fact('a', 'p', 'b')));
    assert.isFalse(await db.deleteFact(fact('a', 'p', 'b')));
    assert.isNull(await db.getEdgeProperties(fact('a', 'p', 'b')));
    await db.addFact(fact('a', 'p', 'b'));
    assert.isNull(await db.getEdgeProperties(fact('a', 'p', 'b')), 'a re-added fact starts without properties');
    await db.close();
  });

  it('node ids: getNodeId, getNodeValue, and properties by id', async () => {
    const db = await social();
    const id = await db.getNodeId('alice');
    assert.isAbove(id, 0);
    assert.strictEqual(await db.getNodeValue(id), 'alice');
    assert.strictEqual(await db.getNodeValue(String(id)), 'alice');
    assert.deepStrictEqual((await db.getNodeProperties(id)).city, 'Oslo');
    assert.isUndefined(await db.getNodeId('nobody'));
    assert.isUndefined(await db.getNodeId(0));
    for (const bad of [0, -1, 1.5, 2 ** 40, 'x', null]) {
      assert.isUndefined(await db.getNodeValue(bad), String(bad));
    }
    assert.isNull(await db.getNodeProperties(2 ** 40));
    assertCode(await rejection(() => db.setNodeProperties(2 ** 40, { a: 1 })), 'NOT_FOUND');
    await db.close();
  });

  it('labels: from a labels property as in the original, and addLabels / removeLabels', async () => {
    const db = await social();
    assert.deepStrictEqual(await db.getLabels('alice'), ['Admin', 'Person']);
    await db.setNodeProperties('alice', { labels: ['Person', 'Pilot'] });
    assert.deepStrictEqual(await db.getLabels('alice'), ['Person', 'Pilot']);
    await db.setNodeProperties('alice', { age: 31 });
    assert.deepStrictEqual(await db.getLabels('alice'), ['Person', 'Pilot'], 'no labels member: labels stay');
    await db.addLabels('carol', ['Person', 'Chef']);
    await db.removeLabels('carol', 'Chef');
    assert.deepStrictEqual(await db.getLabels('carol'), ['Person']);
    assert.deepStrictEqual(await db.getLabels('nobody'), []);
    assertCode(await rejection(() => db.addLabels('carol', [1])), 'INVALID_PROPERTY');
    assertCode(await rejection(() => db.addLabels('carol', ['x'.repeat(2000)])), 'INVALID_PROPERTY');
    await db.close();
  });

  it('findByLabel gives the facts of the labelled nodes, AND and OR, through the label index', async () => {
    const db = await social();
    assert.deepStrictEqual(triples(await db.findByLabel('Person').all()),
      ['alice knows bob', 'bob knows carol', 'carol knows alice', 'dave likes alice']);
    assert.deepStrictEqual(triples(await db.findByLabel(['Person', 'Admin']).all()),
      ['alice knows bob', 'carol knows alice', 'dave likes alice']);
    assert.deepStrictEqual(triples(await db.findByLabel(['Admin', 'Robot'], { mode: 'OR' }).all()),
      ['alice knows bob', 'carol knows alice', 'dave likes alice']);
    assert.deepStrictEqual(await db.findByLabel(['Robot', 'Admin']).all(), []);
    assert.deepStrictEqual(await db.findByLabel('Nobody').all(), []);
    assert.deepStrictEqual(await db.findByLabel([]).all(), []);
    // The anchor is where the next step starts: dave's facts, then on from dave (subject) or alice (object).
    assert.deepStrictEqual(triples(await db.findByLabel('Robot').follow('likes').all()), ['dave likes alice']);
    assert.deepStrictEqual(triples(await db.findByLabel('Robot', { anchor: 'object' }).follow('knows').all()), ['alice knows bob']);
    assertCode(await rejection(async () => db.findByLabel('Robot', { mode: 'XOR' })), 'INVALID_ARGUMENT');
    await db.close();
  });

  it('findByNodeProperty and findByEdgeProperty: equality and ranges through the property index', async () => {
    const db = await social();
    assert.deepStrictEqual(triples(await db.findByNodeProperty({ propertyName: 'age', value: 30 }).all()), ['alice knows bob']);
    assert.deepStrictEqual(triples(await db.findByNodeProperty({ propertyName: 'age', value: 30 }, { anchor: 'object' }).all()),
      ['carol knows alice', 'dave likes alice']);
    assert.deepStrictEqual(triples(await db.findByNodeProperty({ propertyName: 'age', value: 30 }, { anchor: 'both' }).all()),
      ['alice knows bob', 'carol knows alice', 'dave likes alice']);
    // Ranges compare numbers with numbers and strings with strings: 'forty' is no number.
    assert.deepStrictEqual(triples(await db.findByNodeProperty({ propertyName: 'age', range: { min: 25, max: 30, includeMax: false } }).all()),
      ['bob knows carol']);
    assert.deepStrictEqual(triples(await db.findByNodeProperty({ propertyName: 'age', range: { min: 'a' } }, { anchor: 'object' }).all()),
      ['bob knows carol']);
    assert.deepStrictEqual(await db.findByNodeProperty({ propertyName: 'age', value: '30' }).all(), [], "'30' is not 30");
    assert.deepStrictEqual(triples(await db.findByEdgeProperty({ propertyName: 'since', value: 2020 }).all()), ['carol knows alice']);
    assert.deepStrictEqual(triples(await db.findByEdgeProperty({ propertyName: 'since', range: { max: 2015 } }).all()), ['alice knows bob']);
    assert.deepStrictEqual(triples(await db.findByEdgeProperty({ propertyName: 'since', value: 2020 }, { anchor: 'object' }).follow('knows').all()),
      ['alice knows bob']);
    assertCode(await rejection(async () => db.findByNodeProperty({ propertyName: 'age' })), 'INVALID_ARGUMENT');
    assertCode(await rejection(async () => db.findByNodeProperty({ propertyName: 'age', range: { min: 1, max: 'z' } }).all()), 'INVALID_PROPERTY');
    await db.close();
  });

  it('the builder: whereProperty, whereLabel, union, anchors and find() anchors as in the original', async () => {
    const db = await social();
    assert.deepStrictEqual(triples(await db.find({ predicate: 'knows' }).whereProperty('age', '>', 26).all()),
      ['alice knows bob', 'carol knows alice']);
    assert.deepStrictEqual(triples(await db.find({}).whereProperty('since', '>=', 2015, 'edge').all()), ['carol knows alice']);
    assert.deepStrictEqual(triples(await db.find({}).whereProperty('age', '=', 'forty').all()), ['bob knows carol', 'carol knows alice']);
    assertCode(await rejection(async () => db.find({}).whereProperty('age', '!=', 1)), 'INVALID_ARGUMENT');
    assertCode(await rejection(async () => db.find({}).whereProperty('age', '=', 1, 'both')), 'INVALID_ARGUMENT');
    assert.deepStrictEqual(triples(await db.find({}).whereLabel('Admin').all()), ['alice knows bob', 'carol knows alice', 'dave likes alice']);
    assert.deepStrictEqual(triples(await db.find({}).whereLabel('Admin', { on: 'subject' }).all()), ['alice knows bob']);
    assert.deepStrictEqual(triples(await db.find({}).whereLabel(['Robot', 'Admin'], { mode: 'OR', on: 'subject' }).all()),
      ['alice knows bob', 'dave likes alice']);
    assert.deepStrictEqual(triples(await db.find({}).whereNodeProperty({ propertyName: 'city', value: 'Oslo' }).all()),
      ['alice knows bob', 'carol knows alice', 'dave likes alice']);
    assert.deepStrictEqual(triples(await db.find({}).whereEdgeProperty({ propertyName: 'since', value: 2010 }).all()), ['alice knows bob']);
    // union: the left facts first, each fact once.
    const u = await db.find({ subject: 'dave' }).union(db.find({ predicate: 'knows' })).all();
    assert.deepStrictEqual(u[0], fact('dave', 'likes', 'alice'));
    assert.strictEqual(u.length, 4);
    // find() anchors as the original infers them: a subject keeps the next step at the subject.
    assert.deepStrictEqual(triples(await db.find({ subject: 'alice', predicate: 'knows' }).follow('knows').all()), ['alice knows bob']);
    assert.deepStrictEqual(triples(await db.find({ subject: 'alice', predicate: 'knows' }, { anchor: 'object' }).follow('knows').all()),
      ['bob knows carol']);
    assert.deepStrictEqual(triples(await db.find({ predicate: 'likes' }).follow('knows').all()), ['alice knows bob']);
    assert.deepStrictEqual(triples(await db.find({ subject: 'bob', object: 'carol' }).follow('knows').all()),
      ['bob knows carol', 'carol knows alice'], 'both ends');
    assert.deepStrictEqual(triples(await db.find({ predicate: 'likes' }).anchor('subject').followReverse('likes').all()), []);
    assertCode(await rejection(async () => db.find({}).follow('knows').anchor('both')), 'INVALID_ARGUMENT');
    assertCode(await rejection(async () => db.find({}).union(db.find({})).anchor('both')), 'INVALID_ARGUMENT');
    // Records with properties, as the original's.
    const [r] = await db.find({ subject: 'alice' }).withProperties().all();
    assert.deepStrictEqual(r.edgeProperties, { since: 2010 });
    assert.strictEqual(r.subjectProperties.city, 'Oslo');
    const [bare] = await db.find({ subject: 'dave' }).withProperties().all();
    assert.isUndefined(bare.edgeProperties);
    assert.deepStrictEqual(triples(await db.find({}).take(1).all()).length, 1);
    const sizes = [];
    for await (const b of db.find({}).batch(3)) {
      sizes.push(b.length);
    }
    assert.deepStrictEqual(sizes, [3, 1]);
    // Terms that look like step tokens are terms: anchor 'both' (inferred here) still works.
    await db.addFact(fact('f', 'r', 'p'));
    await db.addFact(fact('p', 'u', 'f'));
    assert.deepStrictEqual(triples(await db.find({ subject: 'f', object: 'p' }).follow('u').all()), ['p u f']);
    await db.close();
  });

  it('batches: atomic commits in call order, pending properties visible, aborts, nesting', async () => {
    const db = await opened();
    db.beginBatch();
    await db.addFact(fact('a', 'p', 'b'), { edgeProperties: { w: 1 } });
    await db.setNodeProperties('a', { n: 1 });
    assert.deepStrictEqual(await db.getNodeProperties('a'), { n: 1 }, 'pending properties are read back');
    assert.deepStrictEqual(await db.getEdgeProperties(fact('a', 'p', 'b')), { w: 1 });
    assert.strictEqual(await db.count(), 0, 'pending facts are not');
    await db.commitBatch();
    assert.strictEqual(await db.count(), 1);
    assert.deepStrictEqual(await db.getEdgeProperties(fact('a', 'p', 'b')), { w: 1 });
    // Call order: add then delete leaves nothing, delete then add leaves the fact.
    db.beginBatch();
    await db.addFact(fact('x', 'p', 'y'));
    await db.deleteFact(fact('x', 'p', 'y'));
    await db.deleteFact(fact('a', 'p', 'b'));
    await db.addFact(fact('a', 'p', 'b'));
    await db.commitBatch();
    assert.deepStrictEqual(triples(await db.find({}).all()), ['a p b']);
    // Abort drops the writes; an inner commit stays when the outer batch aborts.
    db.beginBatch();
    await db.addFact(fact('n1', 'p', 'o'));
    db.beginBatch();
    await db.addFact(fact('n2', 'p', 'o'));
    await db.commitBatch();
    db.abortBatch();
    assert.deepStrictEqual(triples(await db.find({ object: 'o' }).all()), ['n2 p o']);
    // Without a batch, commit and abort do nothing.
    await db.commitBatch();
    db.abortBatch();
    // A failing write fails its commit whole: edge properties of a fact that is not there.
    db.beginBatch();
    await db.addFact(fact('q', 'p', 'r'));
    await db.setEdgeProperties(fact('no', 'such', 'fact'), { w: 1 });
    assertCode(await rejection(() => db.commitBatch()), 'NOT_FOUND');
    assert.strictEqual(await db.find({ subject: 'q' }).count(), 0);
    await db.close();
  });

  it('snapshot(fn): reads inside see the state at the call, and it nests and cleans up', async () => {
    const db = await social();
    const seen = await db.snapshot(async (d) => {
      assert.strictEqual(d, db);
      await d.addFact(fact('eve', 'knows', 'alice'), { subjectProperties: { age: 1 } });
      await d.deleteFact(fact('dave', 'likes', 'alice'));
      const inner = await d.withSnapshot(() => d.count());
      return [await d.count(), inner, await d.getNodeProperties('eve'), (await d.find({ subject: 'dave' }).all()).length];
    });
    assert.deepStrictEqual(seen, [4, 4, null, 1]);
    assert.strictEqual(await db.count(), 4);
    assert.deepStrictEqual(await db.getNodeProperties('eve'), { age: 1 });
    assert.deepStrictEqual(await db.find({ subject: 'dave' }).all(), []);
    const e = await rejection(() => db.snapshot(() => {
      throw new Error('inside');
    }));
    assert.strictEqual(e.message, 'inside');
    await db.addFact(fact('f', 'g', 'h'));
    assert.strictEqual(await db.count(), 5, 'the failed snapshot released its pin');
    assertCode(await rejection(() => db.snapshot()), 'INVALID_ARGUMENT');
    await db.close();
  });
});
