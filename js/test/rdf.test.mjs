// The RDF model through the package: named graphs (quads) in the storage calls, values stored
// as typed literals, SPARQL CONSTRUCT and DESCRIBE, SPARQL Update, the union default graph and
// the result formats. Runs in Node and in the browser, on either backend (on disk:
// test/node/rdf.test.mjs).
import { assert } from 'chai';
import { ANY_GRAPH, DEFAULT_GRAPH, NervusDB, XSD, literal } from '../src/index.mjs';
import { assertNervusError, rejection } from './support/errors.mjs';

async function opened(options) {
  const db = new NervusDB(':memory:', options);
  await db.open();
  return db;
}

const t = (subject, predicate, object) => ({ subject, predicate, object });
const q = (subject, predicate, object, graph) => ({ subject, predicate, object, graph });
const int = (n) => `"${n}"^^<${XSD}integer>`;
const byTerms = (a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b));
const sorted = (list) => [...list].sort(byTerms);

/** Everything the database holds, in every graph, as sorted quads. */
async function everything(db) {
  return sorted(await db.find({ graph: ANY_GRAPH }).all());
}

describe('RDF: named graphs', () => {
  it('add, find, count, contains and delete take an optional graph; triples calls are unchanged', async () => {
    const db = await opened();
    assert.isTrue(await db.add(t('alice', 'knows', 'bob')));
    assert.isTrue(await db.add(q('alice', 'knows', 'carol', 'g1')));
    assert.isFalse(await db.add(q('alice', 'knows', 'carol', 'g1')));
    assert.isTrue(await db.add(q('alice', 'knows', 'bob', 'g2')), 'the same triple in another graph is another quad');
    assert.isFalse(await db.add(q('alice', 'knows', 'bob', DEFAULT_GRAPH)), 'DEFAULT_GRAPH is the default graph');
    assert.isFalse(await db.add(q('alice', 'knows', 'bob', null)), 'in a write, null is the default graph');

    // Triples: the default graph only, results as before.
    assert.strictEqual(await db.count(), 1);
    assert.deepEqual(await db.find({ subject: 'alice' }).all(), [t('alice', 'knows', 'bob')]);
    assert.deepEqual(await db.query().whereSubject('alice').execute(), [t('alice', 'knows', 'bob')]);
    assert.isFalse(await db.contains(t('alice', 'knows', 'carol')));

    // Quads: one graph, the default graph, every graph.
    assert.deepEqual(await db.find({ graph: 'g1' }).all(), [q('alice', 'knows', 'carol', 'g1')]);
    assert.deepEqual(await db.find({ subject: 'alice', graph: DEFAULT_GRAPH }).all(), [q('alice', 'knows', 'bob', DEFAULT_GRAPH)]);
    const any = await db.find({ graph: ANY_GRAPH }).all();
    assert.deepEqual(any[0], q('alice', 'knows', 'bob', DEFAULT_GRAPH), 'the default graph first');
    assert.deepEqual(sorted(any), sorted([q('alice', 'knows', 'bob', DEFAULT_GRAPH), q('alice', 'knows', 'carol', 'g1'),
      q('alice', 'knows', 'bob', 'g2')]));
    assert.deepEqual(sorted(await db.find({ object: 'bob', graph: null }).all()),
      sorted([q('alice', 'knows', 'bob', DEFAULT_GRAPH), q('alice', 'knows', 'bob', 'g2')]));
    assert.deepEqual(await db.find({ graph: 'nowhere' }).all(), []);
    assert.deepEqual(await db.find({ subject: 'nobody', graph: null }).all(), []);
    assert.deepEqual(await db.graphs(), ['g1', 'g2']);
    assert.strictEqual(await db.count({ graph: null }), 3);
    assert.strictEqual(await db.count({ graph: 'g1' }), 1);
    assert.strictEqual(await db.count({ graph: DEFAULT_GRAPH }), 1);
    assert.strictEqual(await db.count({ object: 'bob', graph: null }), 2);
    assert.strictEqual(await db.count({ object: 'bob' }), 1, 'criteria without a graph count the default graph');
    assert.isTrue(await db.contains(q('alice', 'knows', 'carol', 'g1')));
    assert.isTrue(await db.contains(q('alice', 'knows', 'carol', ANY_GRAPH)));
    assert.isFalse(await db.contains(q('alice', 'knows', 'carol', 'g2')));
    assert.isFalse(await db.contains(q('alice', 'knows', 'carol', DEFAULT_GRAPH)));

    // Paging and counting a quad query.
    const all = db.find({ graph: null });
    assert.deepEqual(await db.find({ graph: null }).skip(1).take(1).all(), [any[1]]);
    assert.deepEqual(await db.find({ graph: null }).skip(2).all(), [any[2]]);
    assert.strictEqual(await db.find({ graph: null }).offset(1).count(), 2);
    assert.strictEqual(await db.find({ graph: null }).limit(0).count(), 0);
    assert.deepEqual(await db.find({ graph: null }).limit(0).all(), []);
    const seen = [];
    for await (const x of all) {
      seen.push(x.graph);
    }
    assert.deepEqual(seen, any.map((x) => x.graph));
    const batches = [];
    for await (const b of db.find({ graph: null }).batch(2)) {
      batches.push(b.length);
    }
    assert.deepEqual(batches, [2, 1]);

    // Deletes: of one graph only; the graph stays, empty.
    assert.isFalse(await db.delete(q('alice', 'knows', 'carol', 'g2')));
    assert.isTrue(await db.delete(q('alice', 'knows', 'carol', 'g1')));
    assert.isTrue(await db.delete(t('alice', 'knows', 'bob')));
    assert.deepEqual(await everything(db), [q('alice', 'knows', 'bob', 'g2')]);
    assert.deepEqual(await db.graphs(), ['g1', 'g2']);
    await db.close();
  });

  it('addBatch and deleteBatch mix triples and quads in one commit', async () => {
    const db = await opened();
    const batch = [t('s', 'p', 'o'), q('s', 'p', 'o', 'g'), q('s', 'p', 'o2', 'g'), q('s', 'p', 'o3', 'h'), q('s', 'p', 'o', 'g')];
    assert.strictEqual(await db.addBatch(batch), 4);
    assert.strictEqual(await db.addBatch(batch), 0);
    assert.strictEqual(await db.count({ graph: null }), 4);
    assert.deepEqual(await db.graphs(), ['g', 'h']);
    // U+0000 and quads together take the transaction path too.
    assert.strictEqual(await db.addBatch([t('a\u0000b', 'p', 'o'), q('a\u0000b', 'p', 'o', 'g\u0000')]), 2);
    assert.deepEqual(await db.find({ graph: 'g\u0000' }).all(), [q('a\u0000b', 'p', 'o', 'g\u0000')]);
    assert.strictEqual(await db.deleteBatch([q('s', 'p', 'o', 'g'), q('s', 'p', 'o3', 'g'), t('s', 'p', 'o'), q('x', 'y', 'z', 'h')]), 2);
    assert.deepEqual(await everything(db), sorted([
      q('a\u0000b', 'p', 'o', DEFAULT_GRAPH), q('s', 'p', 'o2', 'g'), q('s', 'p', 'o3', 'h'), q('a\u0000b', 'p', 'o', 'g\u0000')]));
    // A bad quad anywhere: the typed error, and nothing of the batch written.
    assertNervusError(await rejection(() => db.addBatch([q('n', 'p', 'o', 'g'), q('n', 'p', 'o', '"lit"')])), 'INVALID_TERM');
    assertNervusError(await rejection(() => db.addBatch([q('n', 'p', 'o', 'g'), q('n', 'p', 'o', 42)])), 'INVALID_TERM');
    assert.strictEqual(await db.count({ subject: 'n', graph: null }), 0);
    await db.close();
  });

  it('graph names and quad patterns are checked', async () => {
    const db = await opened();
    assertNervusError(await rejection(() => db.add(q('s', 'p', 'o', '"a literal"'))), 'INVALID_TERM');
    assertNervusError(await rejection(() => db.add(q('s', 'p', 'o', 7))), 'INVALID_TERM');
    assertNervusError(assert.throws(() => db.find({ graph: '"a literal"' })), 'INVALID_TERM');
    assertNervusError(assert.throws(() => db.find({ subject: { prefix: 'a' }, graph: 'g' })), 'INVALID_ARGUMENT');
    assertNervusError(assert.throws(() => db.find({ graph: 'g' }, { anchor: 'subject' })), 'INVALID_ARGUMENT');
    assertNervusError(assert.throws(() => db.find({ graf: 'g' })), 'INVALID_ARGUMENT');
    assertNervusError(await rejection(() => db.count({ graf: 'g' })), 'INVALID_ARGUMENT');
    assertNervusError(await rejection(() => db.count({ object: { gt: 3 } })), 'INVALID_ARGUMENT');
    // Properties and labels belong to facts of the default graph.
    assertNervusError(await rejection(() => db.addFact(q('s', 'p', 'o', 'g'), { edgeProperties: { w: 1 } })), 'UNSUPPORTED');
    assertNervusError(await rejection(() => db.deleteFact(q('s', 'p', 'o', 'g'))), 'UNSUPPORTED');
    assert.strictEqual(await db.count({ graph: null }), 0);
    await db.close();
  });

  it('SPARQL reads the named graphs written by add(), and add() reads what SPARQL wrote', async () => {
    const db = await opened();
    await db.addBatch([q('alice', 'knows', 'bob', 'people'), t('alice', 'name', literal('Alice'))]);
    const r = await db.sparql('SELECT ?g ?o WHERE { GRAPH ?g { <alice> <knows> ?o } }');
    assert.deepEqual(r.rows, [{ g: 'people', o: 'bob' }]);
    assert.strictEqual(await db.sparql('INSERT DATA { GRAPH <people> { <bob> <knows> <carol> } }'), 1);
    assert.deepEqual(await db.find({ subject: 'bob', graph: 'people' }).all(), [q('bob', 'knows', 'carol', 'people')]);
    await db.close();
  });
});

describe('RDF: typed values', () => {
  it('literal() spells values as the JVM library does', () => {
    const cases = [
      [31, int(31)],
      [-7, int(-7)],
      [-0, int(0)],
      [2n ** 70n, int('1180591620717411303424')],
      [3.5, `"3.5"^^<${XSD}double>`],
      [0.1, `"0.1"^^<${XSD}double>`],
      [100.25, `"100.25"^^<${XSD}double>`],
      [123456.789, `"123456.789"^^<${XSD}double>`],
      [0.001 + 0.0000001, `"0.0010001"^^<${XSD}double>`],
      [9.99e-4, `"9.99E-4"^^<${XSD}double>`],
      [1e-7, `"1.0E-7"^^<${XSD}double>`],
      [12345678.5, `"1.23456785E7"^^<${XSD}double>`],
      [1e21, `"1.0E21"^^<${XSD}double>`],
      [5e-324, `"4.9E-324"^^<${XSD}double>`],
      [-2.5, `"-2.5"^^<${XSD}double>`],
      [Number.MAX_VALUE, `"1.7976931348623157E308"^^<${XSD}double>`],
      [NaN, `"NaN"^^<${XSD}double>`],
      [Infinity, `"INF"^^<${XSD}double>`],
      [-Infinity, `"-INF"^^<${XSD}double>`],
      [true, `"true"^^<${XSD}boolean>`],
      [false, `"false"^^<${XSD}boolean>`],
      [new Date(0), `"1970-01-01T00:00:00Z"^^<${XSD}dateTime>`],
      [new Date(120), `"1970-01-01T00:00:00.12Z"^^<${XSD}dateTime>`],
      [new Date(1700000000123), `"2023-11-14T22:13:20.123Z"^^<${XSD}dateTime>`],
      [new Date(-1), `"1969-12-31T23:59:59.999Z"^^<${XSD}dateTime>`],
      ['say "hi"\n\\', '"say \\"hi\\"\\n\\\\"'],
      [{ value: 'chat', language: 'fr' }, '"chat"@fr'],
      [{ value: '3.0', datatype: `${XSD}double` }, `"3.0"^^<${XSD}double>`],
      [{ value: 'plain', datatype: `${XSD}string` }, '"plain"'],
      [{ value: 'plain' }, '"plain"'],
    ];
    for (const [value, term] of cases) {
      assert.strictEqual(literal(value), term, String(value));
    }
    for (const bad of [null, undefined, Symbol('s'), () => 1, {}, { value: 3 }, new Date(NaN), { value: 'x', language: 'en us' },
      { value: 'x', datatype: 'no scheme' }, { value: 'x', language: 'en', datatype: `${XSD}string` }, [1]]) {
      assertNervusError(assert.throws(() => literal(bad)), 'INVALID_TERM');
    }
  });

  it('values become typed literals that SPARQL compares by value; strings keep meaning stored terms', async () => {
    const db = await opened();
    const born = new Date(Date.UTC(1990, 4, 1, 12));
    await db.addBatch([
      t('alice', 'age', 31), t('bob', 'age', 4), t('carol', 'age', 100.5), t('dave', 'age', 30n),
      t('erin', 'age', '45'), // a string: the stored term 45, an IRI, not a number
      t('alice', 'admin', true), t('bob', 'admin', false),
      t('alice', 'born', born),
      t('alice', 'greeting', { value: 'Bonjour', language: 'FR-ca' }),
    ]);
    const older = await db.sparql('SELECT ?s WHERE { ?s <age> ?a FILTER(?a > 30) } ORDER BY ?s');
    assert.deepEqual(older.rows, [{ s: 'alice' }, { s: 'carol' }], '4 < 30 < 31 < 100.5, numerically');
    const sum = await db.sparql('SELECT (SUM(?a) AS ?n) WHERE { ?s <age> ?a FILTER(isNumeric(?a)) }');
    assert.match(sum.rows[0].n, new RegExp(`^"[^"]+"\\^\\^<${XSD}double>$`));
    assert.strictEqual(Number(sum.rows[0].n.slice(1, sum.rows[0].n.indexOf('"', 1))), 165.5, 'an integer sum would be 65');
    assert.deepEqual((await db.sparql('SELECT ?s WHERE { ?s <admin> true }')).rows, [{ s: 'alice' }]);
    const after = await db.sparql(`SELECT ?s WHERE { ?s <born> ?d FILTER(?d > "1990-01-01T00:00:00Z"^^<${XSD}dateTime>) }`);
    assert.deepEqual(after.rows, [{ s: 'alice' }]);
    const lang = await db.sparql('SELECT (LANG(?g) AS ?l) (STR(?g) AS ?v) WHERE { <alice> <greeting> ?g }');
    assert.deepEqual(lang.rows, [{ l: '"fr-CA"', v: '"Bonjour"' }], 'tags are stored in BCP 47 case');
    assert.deepEqual((await db.sparql('SELECT ?s WHERE { ?s <age> <45> }')).rows, [{ s: 'erin' }]);
    // The storage calls and the builder take the same values.
    assert.isTrue(await db.contains(t('alice', 'age', 31)));
    assert.isFalse(await db.contains(t('alice', 'age', '31')));
    assert.isTrue(await db.contains(t('alice', 'greeting', { value: 'Bonjour', language: 'fr-CA' })));
    assert.deepEqual(await db.find({ object: 31 }).all(), [t('alice', 'age', int(31))]);
    assert.deepEqual(await db.find({ object: born, graph: null }).all(), [q('alice', 'born', literal(born), DEFAULT_GRAPH)]);
    assert.deepEqual(await db.query().wherePredicate('age').whereObject(4n).values('subject'), ['bob']);
    assert.deepEqual(await db.query().wherePredicate('admin').whereObject({ ne: true }).values('subject'), ['bob']);
    assert.deepEqual(await db.query().wherePredicate('age').whereObject({ gt: 30 }).orderBy('subject').values('subject'),
      ['alice', 'carol']);
    assert.strictEqual(await db.count({ predicate: 'age', object: 100.5 }), 1);
    assert.isTrue(await db.delete(t('carol', 'age', 100.5)));
    assert.isFalse(await db.contains(t('carol', 'age', 100.5)));
    // Bad values: typed errors, nothing written.
    const n = await db.count();
    assertNervusError(await rejection(() => db.add(t('x', 'p', { value: 1 }))), 'INVALID_TERM');
    assertNervusError(await rejection(() => db.addBatch([t('x', 'p', 1), t('x', 'p', new Date('nope'))])), 'INVALID_TERM');
    assertNervusError(await rejection(() => db.add(t('x', 'p', null))), 'INVALID_TERM');
    assertNervusError(await rejection(() => db.add({ subject: 5, predicate: 'p', object: 'o' })), 'INVALID_TERM');
    assert.strictEqual(await db.count(), n);
    await db.close();
  });
});

describe('RDF: SPARQL CONSTRUCT, DESCRIBE, options and formats', () => {
  async function people() {
    const db = await opened();
    await db.addBatch([
      t('alice', 'knows', 'bob'), t('alice', 'age', 31), t('alice', 'name', literal('Alice')),
      t('bob', 'knows', 'carol'), t('bob', 'age', 24),
      q('carol', 'livesIn', 'Paris', 'places'), q('bob', 'livesIn', 'Lyon', 'places'),
    ]);
    return db;
  }

  it('CONSTRUCT and DESCRIBE resolve to triples', async () => {
    const db = await people();
    const knownBy = await db.sparql('CONSTRUCT { ?b <knownBy> ?a } WHERE { ?a <knows> ?b }');
    assert.deepEqual(sorted(knownBy), sorted([t('bob', 'knownBy', 'alice'), t('carol', 'knownBy', 'bob')]));
    assert.deepEqual(await db.sparql('CONSTRUCT WHERE { <bob> <age> ?a }'), [t('bob', 'age', int(24))]);
    assert.deepEqual(await db.sparql('CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <places> { ?s ?p ?o } } ORDER BY ?s'),
      [t('bob', 'livesIn', 'Lyon'), t('carol', 'livesIn', 'Paris')]);
    assert.deepEqual(await db.sparql('CONSTRUCT { ?s <p> ?o } WHERE { ?s <nothing> ?o }'), []);
    const alice = await db.sparql('DESCRIBE <alice>');
    assert.deepEqual(sorted(alice), sorted([t('alice', 'knows', 'bob'), t('alice', 'age', int(31)), t('alice', 'name', '"Alice"')]));
    assert.deepEqual(sorted(await db.sparql('DESCRIBE ?x WHERE { ?x <age> 24 }')),
      sorted([t('bob', 'knows', 'carol'), t('bob', 'age', int(24))]));
    await db.close();
  });

  it('unionDefaultGraph: a query without FROM reads every graph', async () => {
    const db = await people();
    const text = 'SELECT ?s ?c WHERE { ?s <livesIn> ?c } ORDER BY ?s';
    assert.deepEqual((await db.sparql(text)).rows, []);
    assert.deepEqual((await db.sparql(text, { unionDefaultGraph: true })).rows, [{ s: 'bob', c: 'Lyon' }, { s: 'carol', c: 'Paris' }]);
    assert.isTrue(await db.sparql('ASK { <alice> <knows> <bob> }', { unionDefaultGraph: true }), 'the default graph included');
    assertNervusError(await rejection(() => db.sparql(text, { unionDefaultGraph: 'yes' })), 'INVALID_ARGUMENT');
    await db.close();
  });

  it('format gives the standard documents', async () => {
    const db = await people();
    const base = 'http://nervusdb.invalid/';
    const select = 'SELECT ?s ?a WHERE { ?s <age> ?a } ORDER BY ?s';
    const json = JSON.parse(await db.sparql(select, { format: 'json' }));
    assert.deepEqual(json.head.vars, ['s', 'a']);
    assert.deepEqual(json.results.bindings, [
      { s: { type: 'uri', value: `${base}alice` }, a: { type: 'literal', value: '31', datatype: `${XSD}integer` } },
      { s: { type: 'uri', value: `${base}bob` }, a: { type: 'literal', value: '24', datatype: `${XSD}integer` } },
    ]);
    assert.deepEqual(JSON.parse(await db.sparql('ASK { <alice> <knows> <bob> }', { format: 'json' })), { head: {}, boolean: true });
    const xml = await db.sparql(select, { format: 'xml' });
    assert.match(xml, /^<\?xml version="1.0"/);
    assert.match(xml, new RegExp(`<result>\\s*<binding name="s"><uri>${base}alice</uri></binding>\\s*`
      + `<binding name="a"><literal datatype="${XSD}integer">31</literal></binding>\\s*</result>`));
    assert.strictEqual((xml.match(/<result>/g) ?? []).length, 2);
    assert.strictEqual(await db.sparql(select, { format: 'csv' }), `s,a\r\n${base}alice,31\r\n${base}bob,24\r\n`);
    assert.strictEqual(await db.sparql(select, { format: 'tsv' }),
      `?s\t?a\n<${base}alice>\t${int(31)}\n<${base}bob>\t${int(24)}\n`);
    const construct = 'CONSTRUCT { ?s <age> ?a } WHERE { ?s <age> ?a }';
    const nt = await db.sparql(construct, { format: 'nt' });
    assert.sameMembers(nt.trim().split('\n'), [`<${base}alice> <${base}age> ${int(31)} .`, `<${base}bob> <${base}age> ${int(24)} .`]);
    assert.strictEqual(await db.sparql(construct, { format: 'nq' }), nt, 'the default graph\'s quads are these lines');
    const ttl = await db.sparql(construct, { format: 'ttl' });
    assert.include(ttl, `<${base}alice> <${base}age> ${int(31)}`);
    assert.include(ttl, `<${base}bob> <${base}age> ${int(24)}`);
    const table = JSON.parse(await db.sparql(construct, { format: 'json' }));
    assert.deepEqual(table.head.vars, ['subject', 'predicate', 'object']);
    assert.lengthOf(table.results.bindings, 2);
    // Formats that do not fit the result, or no format at all.
    assertNervusError(await rejection(() => db.sparql(select, { format: 'nt' })), 'INVALID_ARGUMENT');
    assertNervusError(await rejection(() => db.sparql(select, { format: 'rdfxml' })), 'INVALID_ARGUMENT');
    assertNervusError(await rejection(() => db.sparql('INSERT DATA { <a> <b> <c> }', { format: 'json' })), 'INVALID_ARGUMENT');
    assert.isFalse(await db.contains(t('a', 'b', 'c')), 'the refused update did not run');
    await db.close();
  });
});

describe('RDF: SPARQL Update', () => {
  const PREFIX = 'PREFIX : <http://example.org/> ';

  it('runs each update form and resolves to the number of changes', async () => {
    const db = await opened();
    assert.strictEqual(await db.sparql('INSERT DATA { <a> <p> 1 . <b> <p> 2 . GRAPH <g> { <a> <p> 1 } }'), 3);
    assert.strictEqual(await db.sparql('INSERT DATA { <a> <p> 1 }'), 0, 'already there');
    assert.strictEqual(await db.sparql('DELETE DATA { <b> <p> 2 }'), 1);
    assert.strictEqual(await db.sparql('DELETE { ?s <p> ?o } INSERT { ?s <q> ?n } WHERE { ?s <p> ?o BIND(?o * 10 AS ?n) }'), 2);
    assert.deepEqual(await everything(db), sorted([q('a', 'q', int(10), DEFAULT_GRAPH), q('a', 'p', int(1), 'g')]));
    assert.strictEqual(await db.sparql('WITH <g> INSERT { ?s <r> ?o } WHERE { ?s <p> ?o }'), 1);
    assert.strictEqual(await db.sparql('DELETE WHERE { GRAPH <g> { ?s <r> ?o } }'), 1);
    assert.strictEqual(await db.sparql(`${PREFIX}INSERT { GRAPH :h { ?s ?p ?o } } USING <g> WHERE { ?s ?p ?o }`), 1);
    assert.deepEqual(await db.find({ graph: 'http://example.org/h' }).all(), [q('a', 'p', int(1), 'http://example.org/h')]);
    // Graph management.
    assert.strictEqual(await db.sparql('CREATE GRAPH <empty>'), 0);
    assert.deepEqual(await db.graphs(), ['g', 'http://example.org/h', 'empty']);
    assert.strictEqual(await db.sparql('CREATE SILENT GRAPH <empty>'), 0);
    assert.strictEqual(await db.sparql('COPY <g> TO <copy>'), 1);
    assert.strictEqual(await db.sparql('ADD <g> TO DEFAULT'), 1);
    assert.strictEqual(await db.sparql('MOVE <copy> TO <moved>'), 2, 'one quad added to <moved>, one removed from <copy>');
    assert.deepEqual(await db.find({ graph: 'moved' }).all(), [q('a', 'p', int(1), 'moved')]);
    assert.notInclude(await db.graphs(), 'copy', 'MOVE drops the source graph');
    assert.strictEqual(await db.sparql('CLEAR GRAPH <moved>'), 1);
    assert.include(await db.graphs(), 'moved', 'CLEAR keeps the graph, empty');
    assert.strictEqual(await db.sparql('DROP GRAPH <moved>'), 0);
    assert.notInclude(await db.graphs(), 'moved');
    assert.strictEqual(await db.sparql('CLEAR DEFAULT'), 2);
    assert.strictEqual(await db.count(), 0);
    assert.strictEqual(await db.sparql('DROP NAMED'), 2);
    assert.deepEqual(await db.graphs(), []);
    await db.sparql('INSERT DATA { <x> <y> <z> . GRAPH <g> { <x> <y> <z> } }');
    assert.strictEqual(await db.sparql('CLEAR ALL'), 2);
    assert.strictEqual(await db.count({ graph: null }), 0);
    // Several operations in one request: each reads what the ones before it wrote.
    assert.strictEqual(await db.sparql('INSERT DATA { <n> <v> 1 } ; INSERT { <n> <w> ?x } WHERE { <n> <v> ?x } ; DELETE DATA { <n> <v> 1 }'), 3);
    assert.deepEqual(await db.find({ subject: 'n' }).all(), [t('n', 'w', int(1))]);
    // update() runs update requests only.
    assert.strictEqual(await db.update('INSERT DATA { <m> <v> true }'), 1);
    assert.strictEqual(await db.update('DELETE WHERE { <m> ?p ?o }', { timeout: 60000 }), 1);
    assertNervusError(await rejection(() => db.update('SELECT * WHERE { ?s ?p ?o }')), 'QUERY_SYNTAX');
    assertNervusError(await rejection(() => db.update('INSERT DATA { <a> <b> <c> }', { format: 'json' })), 'INVALID_ARGUMENT');
    assertNervusError(await rejection(() => db.update(42)), 'INVALID_ARGUMENT');
    // A prologue and comments before the operation, and an empty request.
    assert.strictEqual(await db.sparql(`# a comment with SELECT\nBASE <http://example.org/>\n${PREFIX}\nINSERT DATA { :k <v> 1 }`), 1);
    assert.isTrue(await db.contains(t('http://example.org/k', 'http://example.org/v', 1)));
    assert.strictEqual(await db.sparql('# nothing to do\n'), 0);
    await db.close();
  });

  it('LOAD reads no documents here: UNSUPPORTED, and LOAD SILENT does nothing', async () => {
    const db = await opened();
    const e = await rejection(() => db.sparql('INSERT DATA { <a> <b> <c> } ; LOAD <http://example.org/data.ttl>'));
    assertNervusError(e, 'UNSUPPORTED');
    assert.match(e.message, /LOAD <http:\/\/example.org\/data.ttl>/);
    assert.strictEqual(await db.count(), 0, 'the request is atomic');
    assert.strictEqual(await db.sparql('INSERT DATA { <a> <b> <c> } ; LOAD SILENT <file:///data.nt> INTO GRAPH <g>'), 1);
    assert.deepEqual(await db.graphs(), []);
    await db.close();
  });

  it('a request that fails changes nothing', async () => {
    const db = await opened();
    await db.sparql('INSERT DATA { <a> <p> 1 . GRAPH <g> { <a> <p> 2 } }');
    const before = await everything(db);
    const failing = [
      ['INSERT DATA { <b> <p> 3 . GRAPH <h> { <b> <p> 4 } } ; CREATE GRAPH <g>', 'INVALID_ARGUMENT'],
      ['DELETE DATA { <a> <p> 1 } ; DROP GRAPH <missing>', 'NOT_FOUND'],
      ['CLEAR DEFAULT ; COPY <missing> TO <g>', 'NOT_FOUND'],
      ['INSERT DATA { <c> <p> 5 } ; INSERT DATA { <c> <p> 6 ', 'QUERY_SYNTAX'],
      ['DROP ALL ; INSERT DATA { GRAPH "literal" { <c> <p> 7 } }', 'QUERY_SYNTAX'],
    ];
    for (const [text, code] of failing) {
      assertNervusError(await rejection(() => db.sparql(text)), code);
      assert.deepEqual(await everything(db), before, text);
      assert.deepEqual(await db.graphs(), ['g'], text);
    }
    // A time limit that ends a request's WHERE: nothing written either.
    const chain = [];
    for (let i = 0; i < 3000; i++) {
      chain.push(t(`n${i}`, 'next', `n${i + 1}`));
    }
    await db.addBatch(chain);
    const n = await db.count();
    assertNervusError(await rejection(() => db.sparql('INSERT { ?a <far> ?b } WHERE { ?a <next>+ ?b }', { timeout: 1 })),
      'QUERY_TIMEOUT');
    assert.strictEqual(await db.count(), n);
    await db.close();
  });

  it('an update as the first sparql() call moves the database to the full module with its data', async () => {
    const db = await opened({ memtableSize: 16 * 1024 });
    const batch = [];
    for (let i = 0; i < 1000; i++) {
      batch.push(t(`s${i}`, 'p', i));
    }
    await db.addBatch(batch);
    await db.add(q('s1', 'p', 'x', 'g'));
    assert.strictEqual(db.module, 'core');
    const calls = [db.add(t('before', 'p', 1)), db.sparql('DELETE { ?s <p> ?o } INSERT { ?s <big> ?o } WHERE { ?s <p> ?o FILTER(?o >= 500) }'),
      db.count(), db.add(t('after', 'p', 2)), db.count({ predicate: 'big' })];
    const [added, changed, countThen, addedAfter, big] = await Promise.all(calls);
    assert.strictEqual(db.module, 'full');
    assert.isTrue(added);
    assert.strictEqual(changed, 1000, '500 removed, 500 added');
    assert.strictEqual(countThen, 1001, 'count() waits for the update called before it');
    assert.isTrue(addedAfter);
    assert.strictEqual(big, 500);
    assert.deepEqual(await db.find({ graph: 'g' }).all(), [q('s1', 'p', 'x', 'g')]);
    assert.strictEqual(await db.count({ predicate: 'p' }), 502);
    await db.close();
  });

  it('an update while a snapshot is pinned: the snapshot keeps its state, the database has the update', async () => {
    for (const first of [true, false]) {
      const db = await opened();
      await db.addBatch([t('a', 'p', 1), q('a', 'p', 1, 'g')]);
      if (first) {
        await db.sparql('ASK {}'); // already in the full module
      }
      const seen = await db.snapshot(async (d) => {
        const changed = await d.sparql('INSERT DATA { <b> <p> 2 . GRAPH <g> { <b> <p> 2 } } ; DELETE DATA { <a> <p> 1 }');
        return {
          changed,
          count: await d.count(),
          quads: await d.count({ graph: null }),
          rows: (await d.sparql('SELECT ?s WHERE { ?s <p> ?o }')).rows,
          found: await d.find({ subject: 'b' }).all(),
        };
      });
      assert.deepEqual(seen, { changed: 3, count: 1, quads: 2, rows: [{ s: 'a' }], found: [] }, `in the full module before: ${first}`);
      assert.deepEqual(await everything(db), sorted([q('b', 'p', int(2), DEFAULT_GRAPH), q('a', 'p', int(1), 'g'), q('b', 'p', int(2), 'g')]));
      assert.deepEqual((await db.sparql('SELECT ?s WHERE { ?s <p> ?o }')).rows, [{ s: 'b' }]);
      await db.close();
    }
  });

  it('a snapshot that wrote before an update that would move the database: UNSUPPORTED, nothing written by the update', async () => {
    const db = await opened();
    await db.snapshot(async (d) => {
      await d.add(t('a', 'p', 'o'));
      assertNervusError(await rejection(() => d.sparql('INSERT DATA { <b> <p> <o> }')), 'UNSUPPORTED');
      assert.strictEqual(d.module, 'core');
    });
    assert.isFalse(await db.contains(t('b', 'p', 'o')));
    assert.strictEqual(await db.sparql('INSERT DATA { <b> <p> <o> }'), 1);
    assert.strictEqual(await db.count(), 2);
    await db.close();
  });
});
