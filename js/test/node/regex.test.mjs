// A backtracking regular expression stops at the query's time limit in Node (both builds):
// REGEX and REPLACE of patterns that could backtrack for long run through node:vm with the time
// left (src/node-regex.mjs). Node only: a browser's RegExp cannot be stopped mid-match.
import { assert } from 'chai';
import { NervusDB } from '../../src/index.mjs';
import { mayBacktrack } from '../../src/node-regex.mjs';
import { assertNervusError, rejection } from '../support/errors.mjs';

describe('regular expressions under a time limit (Node)', function () {
  this.timeout(60000);
  let db;
  before(async () => {
    db = new NervusDB(':memory:');
    await db.open();
    const facts = [];
    for (let i = 0; i < 2000; i++) {
      facts.push({ subject: `t${i}`, predicate: 'slowtext', object: `"${'a'.repeat(30)}!"` });
    }
    facts.push({ subject: 'ok', predicate: 'text', object: '"aaaa"' });
    await db.addBatch(facts);
  });
  after(async () => db.close());

  it('a pattern that backtracks for ever ends with QUERY_TIMEOUT near the limit', async () => {
    const started = Date.now();
    const e = await rejection(() => db.sparql(
      'SELECT ?s WHERE { ?s <slowtext> ?o FILTER(REGEX(?o, "^(a+){2,30}$")) }', { timeout: 500 }));
    assertNervusError(e, 'QUERY_TIMEOUT');
    const r = await rejection(() => db.sparql(
      'SELECT (REPLACE(?o, "^(a+){2,30}$", "x") AS ?r) WHERE { ?s <slowtext> ?o }', { timeout: 500 }));
    assertNervusError(r, 'QUERY_TIMEOUT');
    // Each of these matches alone takes minutes.
    assert.isBelow(Date.now() - started, 20000);
  });

  it('the same patterns answer where they match quickly, with and without a limit', async () => {
    for (const options of [{}, { timeout: 5000 }]) {
      const r = await db.sparql('SELECT ?s WHERE { ?s <text> ?o FILTER(REGEX(?o, "^(a+){2,30}$")) }', options);
      assert.deepEqual(r.rows, [{ s: 'ok' }]);
      const q = await db.sparql('SELECT (REPLACE(?o, "(a+)+", "b") AS ?r) WHERE { <ok> <text> ?o }', options);
      assert.deepEqual(q.rows, [{ r: '"b"' }]);
    }
  });

  it('tells patterns that could backtrack for long from the rest', () => {
    for (const p of ['^(a+){2,30}$', '(a|aa)*', '(x+x+)+y', '.*a.*b', '(\\d+)*', '^(\\w+\\s?)*$', '(a{1,5}){2,}']) {
      assert.isTrue(mayBacktrack(p), p);
    }
    for (const p of ['^abc$', '^[a-z]+$', 'colou?r', '(ab)?c', '(a+)?b', '^\\d{4}-\\d{2}', '[(]+x', 'a\\(b+\\)']) {
      assert.isFalse(mayBacktrack(p), p);
    }
  });
});
