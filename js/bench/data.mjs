// The generated data of the Node side-by-side suite: the social graph of the JVM suite
// (org.nervusdb.bench.SocialGraph: the same SplitMix64 mixing, so the same people, cities,
// employers, ages and links), with absolute IRIs under http://example.org/, each person's
// links without repeats, cut at exactly `triples` distinct triples. Deterministic: no seed
// needed for the data; query samples use a seeded generator (rng below).
//
// Terms are spelled the way NervusDB stores them: an IRI is the IRI itself, a literal its
// N-Triples spelling ("Person 12", "42"^^<http://www.w3.org/2001/XMLSchema#integer>).

export const EX = 'http://example.org/';
export const TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const PERSON = `${EX}Person`;
export const NAME = `${EX}name`;
export const AGE = `${EX}age`;
export const LIVES_IN = `${EX}livesIn`;
export const WORKS_AT = `${EX}worksAt`;
export const KNOWS = `${EX}knows`;
export const XSD_INTEGER = 'http://www.w3.org/2001/XMLSchema#integer';
export const CITIES = 1000;
export const COMPANIES = 20_000;
/** Triples per person on average (5 fixed, 5 to 20 links, a few repeats removed). */
export const PER_PERSON = 17.5;

export const person = (i) => `${EX}person${i}`;
export const city = (i) => `${EX}city${i}`;
export const company = (i) => `${EX}company${i}`;

const M64 = (1n << 64n) - 1n;

/** SplitMix64's finaliser on 64-bit values (BigInt), as SocialGraph.mix. */
function mix(x) {
  x = (x + 0x9E3779B97F4A7C15n) & M64;
  x = ((x ^ (x >> 30n)) * 0xBF58476D1CE4E5B9n) & M64;
  x = ((x ^ (x >> 27n)) * 0x94D049BB133111EBn) & M64;
  return x ^ (x >> 31n);
}

/**
 * Exactly `triples` distinct triples: returns { triples: [{subject, predicate, object}],
 * people (the number of people whose triples are all there), peopleBound (the number the link
 * targets were drawn from) }.
 */
export function generate(triples) {
  const peopleBound = Math.ceil(triples / PER_PERSON * 1.1) + 1;
  const P = BigInt(peopleBound);
  const out = [];
  let people = 0;
  for (let i = 0; out.length < triples; i++) {
    const I = BigInt(i);
    const s = person(i);
    const rows = [
      [TYPE, PERSON],
      [NAME, `"Person ${i}"`],
      [AGE, `"${18n + mix(I * 3n + 2n) % 63n}"^^<${XSD_INTEGER}>`],
      [LIVES_IN, city(Number(mix(I * 3n + 1n) % BigInt(CITIES)))],
      [WORKS_AT, company(Number(mix(I * 3n + 3n) % BigInt(COMPANIES)))],
    ];
    const h = mix(I);
    const friends = 5 + Number(h % 16n);
    const seen = new Set();
    for (let k = 0; k < friends; k++) {
      const r = mix((h + BigInt(k) + 1n) & M64);
      let j;
      if ((k & 1) === 0) {
        j = I + 1n + r % 50n; // a neighbour
      } else {
        const u = Number(r >> 11n) * 2 ** -53;
        j = BigInt(Math.floor(u * u * u * peopleBound)); // skewed towards low numbers: hubs
      }
      j = ((j % P) + P) % P;
      if (j !== I && !seen.has(j)) {
        seen.add(j);
        rows.push([KNOWS, person(Number(j))]);
      }
    }
    if (out.length + rows.length <= triples) {
      people = i + 1; // all of this person's triples are in
    }
    for (const [p, o] of rows) {
      if (out.length === triples) {
        break;
      }
      out.push({ subject: s, predicate: p, object: o });
    }
  }
  return { triples: out, people, peopleBound };
}

/** One triple as an N-Triples line. */
export function ntLine(t) {
  const o = t.object.charCodeAt(0) === 34 /* " */ ? t.object : `<${t.object}>`;
  return `<${t.subject}> <${t.predicate}> ${o} .\n`;
}

export function ntriples(triples) {
  let s = '';
  for (const t of triples) {
    s += ntLine(t);
  }
  return s;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
