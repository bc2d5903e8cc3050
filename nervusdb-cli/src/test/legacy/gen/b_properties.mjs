// (b) facts with subject/object/edge properties, every JSON kind, unicode incl. emoji.
import { freshSample, open } from './lib.mjs';
const p = freshSample('b_properties', { description: 'facts with subject/object/edge properties of every JSON kind, unicode + emoji, empty-string node' });
const db = await open(p);
db.addFact({ subject: 'Alice', predicate: 'knows', object: 'Bob' }, {
  subjectProperties: { name: 'Alice', age: 30, height: 1.68, active: true, nickname: null },
  objectProperties: { name: 'Bob', tags: ['a', 1, 2.5, false, null, ['nested', { deep: [1, 2] }]], address: { city: 'Zürich', zip: '8001', geo: { lat: 47.37, lon: 8.54 } } },
  edgeProperties: { since: 2019, weight: 0.75, mutual: false, note: null, meta: { source: 'import', ids: [1, 2, 3] } },
});
db.addFact({ subject: '北京', predicate: '位于', object: '中国' }, {
  subjectProperties: { 名字: '北京市', emoji: '🐉🏯', population: 21540000, big: 9007199254740991, neg: -42, tiny: 1e-300, exp: 6.02e23 },
  objectProperties: { 'key with spaces': 'value "quoted" \\ backslash\n newline\ttab', '': 'empty key' },
  edgeProperties: { 'since🙂': '1949', zero: 0, negzero: -0, emptyList: [], emptyMap: {} },
});
db.addFact({ subject: 'emoji🙂node', predicate: 'rel→', object: '' }, {
  subjectProperties: {},
  edgeProperties: { s: 'x' },
});
db.addFact({ subject: 'Bob', predicate: 'knows', object: 'Carol' }, { edgeProperties: { float: 3.14159, int: 7 } });
await db.flush();
await db.close();
