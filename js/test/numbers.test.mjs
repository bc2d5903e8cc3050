// Integers and decimals of any size in SPARQL, on whichever backend this run selects: the
// JavaScript and WebAssembly builds compute big numbers with the host's BigInt, and must give
// what java.math gives (the cases in support/numbers.mjs are checked against java.math by the
// JVM's DecimalTest).
import { assert } from 'chai';
import { NervusDB } from '../src/index.mjs';
import { arithmetic } from './support/numbers.mjs';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

describe('numbers of any size', () => {
  let db;
  before(async () => {
    db = new NervusDB(':memory:');
    await db.open();
  });
  after(async () => db.close());

  it(`${arithmetic.length} operations on integers and decimals of 1 to 200 digits agree with java.math`, async () => {
    for (const [op, x, y, expected] of arithmetic) {
      const r = await db.sparql(`SELECT (((${x}) ${op} (${y})) AS ?r) WHERE {}`);
      const decimal = op === '/' || x.includes('.') || y.includes('.');
      assert.strictEqual(r.rows[0].r, `"${expected}"^^<${XSD}${decimal ? 'decimal' : 'integer'}>`, `${x} ${op} ${y}`);
    }
  });

  it('MAX, ORDER BY and FILTER order long numbers by value', async () => {
    const values = arithmetic.slice(0, 60).map(([, x]) => x);
    const facts = values.map((v, i) => ({
      subject: `u${i}`, predicate: 'm', object: `"${v}"^^<${XSD}${v.includes('.') ? 'decimal' : 'integer'}>`,
    }));
    await db.addBatch(facts);
    // Exact order by value, from BigInt: scale every value to the same number of fractional digits.
    const frac = Math.max(...values.map((v) => (v.split('.')[1] ?? '').length));
    const scaled = (v) => {
      const [whole, f = ''] = v.split('.');
      return BigInt(whole + f.padEnd(frac, '0'));
    };
    const sorted = [...values].sort((a, b) => (scaled(a) < scaled(b) ? -1 : scaled(a) > scaled(b) ? 1 : 0));
    const lexical = (term) => term.slice(1, term.indexOf('"', 1));
    const asc = await db.sparql('SELECT ?v WHERE { ?u <m> ?v } ORDER BY ?v');
    assert.deepEqual(asc.rows.map((r) => scaled(lexical(r.v))), sorted.map(scaled));
    const max = await db.sparql('SELECT (MAX(?v) AS ?x) WHERE { ?u <m> ?v }');
    assert.strictEqual(scaled(lexical(max.rows[0].x)), scaled(sorted[sorted.length - 1]));
    const threshold = '123456789012345678901234567890';
    const above = values.filter((v) => scaled(v) > scaled(threshold)).length;
    const filtered = await db.sparql(`SELECT ?u WHERE { ?u <m> ?v FILTER(?v > ${threshold}) }`);
    assert.strictEqual(filtered.rows.length, above);
    assert.ok(above > 0 && above < values.length);
  });
});
