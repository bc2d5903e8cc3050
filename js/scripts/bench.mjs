// Benchmark of the package's two backends, WebAssembly GC ('wasm-gc') and the JavaScript build
// ('js'), on the same generated data in one process, through the public API.
//
//   node scripts/bench.mjs [--rounds 5] [--warmup 1] [--scale full|small] [--seed 42]
//                          [--backends wasm-gc,js] [--json | --markdown]
//
// Needs a Node with WebAssembly GC (22 or later) for 'wasm-gc'. Each round runs every workload
// on both backends (the order alternates between rounds); warm-up rounds run first and are not
// counted. Figures are the median over the rounds, with the lowest and highest round. Every
// workload checks its results (counts, rows, and the rows of sampled queries against the
// generated data); the script exits with status 1 if a backend returns anything wrong, and 2
// on bad arguments or a missing backend. The event loop gets a turn before every timed step; no
// garbage collection is forced (a forced full collection made the JavaScript build's next steps
// two to three times slower, which would skew the comparison). Progress goes to stderr, the
// report to stdout: a text table, JSON with every round's values (--json), or Markdown.
//
// Workloads on ':memory:' databases, for N = 100,000 triples (full) or 10,000 (small):
//   insert 1K, addBatch    1,000 triples in one commit into a new database (median of several)
//   insert 1K, add         1,000 single add() calls, one commit each
//   insert N, addBatch     N triples in commits of 1,000; includes the flushes the memtable
//                          limit of the binding (8 MB) triggers on the way
//   index build            flush() writing the memtable as sorted tables (dictionary and the
//                          SPO, POS, OSP orders); two halves of N/2, each inserted (untimed),
//                          then flushed (timed): the sum of the two flushes. A half fits in
//                          the memtable, so each flush writes all of it.
//   compaction             compact() of that database: merges its two tables into one
//   10 flushes             ten batches of N/10, each addBatch (untimed) then flush() (timed);
//                          the store merges every four like-sized tables during flush(), so
//                          this includes its automatic compactions
//   whereSubject, 10 rows  point queries on random existing subjects of the compacted database
//                          (p50, p99 per query, queries/s)
//   whereSubject, 100 rows the same for subjects with 100 triples
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { NervusDB, wasmGcSupported } from '../src/index.mjs';
// mulberry32, seeded: the same seed gives the same data everywhere.
import { rng } from '../bench/data.mjs';

// ------------------------------------------------------------------ arguments

const USAGE = 'usage: node scripts/bench.mjs [--rounds N] [--warmup N] [--scale full|small] '
  + '[--seed N] [--backends wasm-gc,js] [--json | --markdown]';

function parseArgs(argv) {
  const o = { rounds: 5, warmup: 1, scale: 'full', seed: 42, backends: ['wasm-gc', 'js'], json: false, markdown: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [key, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) {
        usage(`${key} needs a value`);
      }
      return v;
    };
    const int = (min) => {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < min) {
        usage(`${key} takes an integer of at least ${min}, got ${v}`);
      }
      return Number(v);
    };
    switch (key) {
      case '--rounds': o.rounds = int(1); break;
      case '--warmup': o.warmup = int(0); break;
      case '--seed': o.seed = int(0); break;
      case '--scale':
        o.scale = value();
        if (!(o.scale in SCALES)) {
          usage(`--scale is one of ${Object.keys(SCALES).join(', ')}`);
        }
        break;
      case '--backends':
        o.backends = value().split(',').map((s) => s.trim()).filter(Boolean);
        if (o.backends.length === 0 || o.backends.some((b) => b !== 'wasm-gc' && b !== 'js')) {
          usage('--backends takes wasm-gc, js or both');
        }
        break;
      case '--json': o.json = true; break;
      case '--markdown': o.markdown = true; break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default: usage(`unknown argument ${a}`);
    }
  }
  return o;
}

function usage(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

// triples: N; commit: addBatch size for the N insert; smallReps: new databases per round for
// the 1K inserts; points/hubQueries: queries per round.
const SCALES = {
  full: { triples: 100_000, commit: 1000, smallReps: 9, points: 10_000, hubQueries: 1000 },
  small: { triples: 10_000, commit: 1000, smallReps: 3, points: 1000, hubQueries: 100 },
};

// ------------------------------------------------------------------ data

const WORDS = ('alpha beta gamma delta river stone maple cedar harbor summit meadow canyon lantern ember quartz '
  + 'violet amber falcon willow orchid granite copper silver marble thistle juniper saffron cobalt pebble '
  + 'aurora breeze comet dune fjord glacier horizon island jungle kestrel lagoon mesa nebula oasis prairie').split(' ');
const CLASSES = ['Person', 'Organization', 'Place', 'Event', 'CreativeWork', 'Product', 'Dataset', 'Article']
  .map((c) => `http://schema.org/${c}`);
// Every ordinary subject has one triple per predicate, so (subject, predicate) is unique and all
// triples are distinct.
const PREDICATES = [
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'class'],
  ['http://www.w3.org/2000/01/rdf-schema#label', 'label'],
  ['http://xmlns.com/foaf/0.1/name', 'name'],
  ['http://xmlns.com/foaf/0.1/knows', 'iri'],
  ['http://purl.org/dc/terms/creator', 'iri'],
  ['http://purl.org/dc/terms/created', 'date'],
  ['http://schema.org/description', 'text'],
  ['http://schema.org/relatedTo', 'iri'],
  ['http://schema.org/identifier', 'uuid'],
  ['http://www.w3.org/2002/07/owl#sameAs', 'external'],
];
const PER_SUBJECT = PREDICATES.length;
const HUB_SIZE = 100;
const MEMBER = 'http://www.w3.org/2000/01/rdf-schema#member';
const subjectIri = (i) => `http://example.org/resource/${i.toString(16).padStart(6, '0')}`;
const hubIri = (j) => `http://example.org/collection/${j}`;

/**
 * n triples (a multiple of 10,000): subjects with ten triples each (IRIs, labels, dates, text,
 * links between subjects), then n/10,000 collections with 100 rdfs:member triples each.
 */
function generate(n, seed) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const int = (k) => Math.floor(r() * k);
  const hubs = n / 10_000;
  const subjects = (n - hubs * HUB_SIZE) / PER_SUBJECT;
  const triples = new Array(n);
  let k = 0;
  for (let s = 0; s < subjects; s++) {
    const subject = subjectIri(s);
    for (const [predicate, kind] of PREDICATES) {
      let object;
      switch (kind) {
        case 'class': object = pick(CLASSES); break;
        case 'label': object = `${pick(WORDS)} ${pick(WORDS)}`; break;
        case 'name': object = `${pick(WORDS)} ${pick(WORDS)} ${int(1000)}`; break;
        case 'iri': object = subjectIri(int(subjects)); break;
        case 'date': object = `${1950 + int(75)}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`; break;
        case 'text': object = Array.from({ length: 4 + int(8) }, () => pick(WORDS)).join(' '); break;
        case 'uuid': object = `urn:uuid:${int(2 ** 32).toString(16)}-${int(2 ** 32).toString(16)}`; break;
        default: object = `https://www.wikidata.org/entity/Q${int(1e7)}`;
      }
      triples[k++] = { subject, predicate, object };
    }
  }
  for (let h = 0; h < hubs; h++) {
    for (let m = 0; m < HUB_SIZE; m++) {
      triples[k++] = { subject: hubIri(h), predicate: MEMBER, object: subjectIri((h * HUB_SIZE + m) % subjects) };
    }
  }
  // Expected rows per subject, for checking query results.
  const bySubject = new Map();
  for (const t of triples) {
    let rows = bySubject.get(t.subject);
    if (rows === undefined) {
      bySubject.set(t.subject, (rows = []));
    }
    rows.push(`${t.predicate}\n${t.object}`);
  }
  return { triples, subjects, hubs, bySubject };
}

// ------------------------------------------------------------------ helpers

class WrongResult extends Error {}

function check(condition, backend, message) {
  if (!condition) {
    throw new WrongResult(`${backend}: ${message}`);
  }
}

const now = () => performance.now();
const turn = () => new Promise((resolve) => setImmediate(resolve));

// Lets the event loop turn before a timed step: the WebAssembly runtime frees JavaScript handles
// in finalization callbacks, which run only then.
async function settle() {
  await turn();
  await turn();
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Nearest-rank percentile of an ascending array.
function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function open(kind) {
  const db = await new NervusDB(':memory:', { useWasm: kind === 'wasm-gc' }).open();
  check(db.backend === kind, kind, `opened the ${db.backend} backend instead (${db.backendReason})`);
  return db;
}

async function addInCommits(db, triples, from, to, size) {
  let added = 0;
  for (let i = from; i < to; i += size) {
    added += await db.addBatch(triples.slice(i, Math.min(to, i + size)));
  }
  return added;
}

async function expectCount(db, kind, expected, what) {
  const n = await db.count();
  check(n === expected, kind, `${what}: count() is ${n}, expected ${expected}`);
}

// Compares the rows of sampled subjects (and a missing one) with the generated data.
async function checkContent(db, kind, data, r, what) {
  const sample = [];
  for (let i = 0; i < 100; i++) {
    sample.push(subjectIri(Math.floor(r() * data.subjects)));
  }
  for (let h = 0; h < data.hubs; h++) {
    sample.push(hubIri(h));
  }
  for (const s of sample) {
    const rows = await db.query().whereSubject(s).execute();
    const got = rows.map((t) => {
      check(t.subject === s, kind, `${what}: whereSubject(${s}) returned subject ${t.subject}`);
      return `${t.predicate}\n${t.object}`;
    }).sort();
    const want = [...data.bySubject.get(s)].sort();
    check(got.length === want.length && got.every((x, i) => x === want[i]), kind,
      `${what}: whereSubject(${s}) returned ${got.length} rows that differ from the ${want.length} inserted`);
  }
  const none = await db.query().whereSubject('http://example.org/resource/missing').execute();
  check(none.length === 0, kind, `${what}: a missing subject returned ${none.length} rows`);
}

// ------------------------------------------------------------------ workloads

// One round of every workload on one backend; returns { workload id: value }.
async function round(kind, data, scale, roundSeed) {
  const { triples } = data;
  const n = triples.length;
  const out = {};
  const r = rng(roundSeed);

  // Insert 1K: one addBatch commit, and 1,000 single add() commits, into new databases.
  const first = triples.slice(0, 1000);
  const batchTimes = [];
  const addTimes = [];
  for (let rep = 0; rep < scale.smallReps; rep++) {
    let db = await open(kind);
    await settle();
    let t = now();
    const added = await db.addBatch(first);
    batchTimes.push(now() - t);
    check(added === 1000, kind, `addBatch of 1,000 new triples returned ${added}`);
    await expectCount(db, kind, 1000, 'insert 1K, addBatch');
    await db.close();

    db = await open(kind);
    await settle();
    let fresh = 0;
    t = now();
    for (const tr of first) {
      if (await db.add(tr)) {
        fresh++;
      }
    }
    addTimes.push(now() - t);
    check(fresh === 1000, kind, `add() returned true for ${fresh} of 1,000 new triples`);
    await expectCount(db, kind, 1000, 'insert 1K, add');
    await db.close();
  }
  out.insertSmallBatch = median(batchTimes);
  out.insertSmallSingle = median(addTimes);

  // Insert N in commits of scale.commit.
  {
    const db = await open(kind);
    await settle();
    const t = now();
    const added = await addInCommits(db, triples, 0, n, scale.commit);
    out.insertLarge = now() - t;
    check(added === n, kind, `addBatch calls for ${n} new triples returned ${added} in total`);
    await expectCount(db, kind, n, `insert ${n}`);
    await db.close();
  }

  // Index build: two halves, each inserted then flushed; then compaction and queries on it.
  {
    const db = await open(kind);
    const half = n / 2;
    let flushMs = 0;
    for (let part = 0; part < 2; part++) {
      const added = await addInCommits(db, triples, part * half, (part + 1) * half, scale.commit);
      check(added === half, kind, `index build: ${added} of ${half} triples added`);
      await settle();
      const t = now();
      await db.flush();
      flushMs += now() - t;
      await expectCount(db, kind, (part + 1) * half, 'index build, after flush()');
    }
    out.indexBuild = flushMs;
    await checkContent(db, kind, data, r, 'after two flushes');

    await settle();
    let t = now();
    await db.compact();
    out.compact = now() - t;
    await expectCount(db, kind, n, 'after compact()');
    await checkContent(db, kind, data, r, 'after compact()');

    // Point queries on random existing subjects: ten rows each.
    const subjects = Array.from({ length: scale.points }, () => subjectIri(Math.floor(r() * data.subjects)));
    const lat = new Float64Array(subjects.length);
    await settle();
    const t0 = now();
    for (let i = 0; i < subjects.length; i++) {
      t = now();
      const rows = await db.query().whereSubject(subjects[i]).execute();
      lat[i] = now() - t;
      if (rows.length !== PER_SUBJECT || rows[0].subject !== subjects[i]) {
        check(false, kind, `whereSubject(${subjects[i]}) returned ${rows.length} rows, expected ${PER_SUBJECT}`);
      }
    }
    const total = now() - t0;
    lat.sort();
    out.pointP50 = percentile(lat, 0.5) * 1000;
    out.pointP99 = percentile(lat, 0.99) * 1000;
    out.pointQps = subjects.length / (total / 1000);

    // Queries returning 100 rows.
    const hubs = Array.from({ length: scale.hubQueries }, () => hubIri(Math.floor(r() * data.hubs)));
    const hlat = new Float64Array(hubs.length);
    await settle();
    const h0 = now();
    for (let i = 0; i < hubs.length; i++) {
      t = now();
      const rows = await db.query().whereSubject(hubs[i]).execute();
      hlat[i] = now() - t;
      if (rows.length !== HUB_SIZE) {
        check(false, kind, `whereSubject(${hubs[i]}) returned ${rows.length} rows, expected ${HUB_SIZE}`);
      }
    }
    const htotal = now() - h0;
    hlat.sort();
    out.hubP50 = percentile(hlat, 0.5) * 1000;
    out.hubP99 = percentile(hlat, 0.99) * 1000;
    out.hubQps = hubs.length / (htotal / 1000);
    await db.close();
  }

  // Ten batches, each flushed; the store merges tables inside flush().
  {
    const db = await open(kind);
    const batch = n / 10;
    let flushMs = 0;
    for (let b = 0; b < 10; b++) {
      const added = await db.addBatch(triples.slice(b * batch, (b + 1) * batch));
      check(added === batch, kind, `10 flushes: batch ${b + 1} added ${added} of ${batch}`);
      await settle();
      const t = now();
      await db.flush();
      flushMs += now() - t;
    }
    out.flushes = flushMs;
    await expectCount(db, kind, n, '10 flushes');
    await checkContent(db, kind, data, r, 'after 10 flushes');
    await db.close();
  }
  await settle();
  return out;
}

function workloads(scale) {
  const n = scale.triples;
  const k = (x) => (x >= 1000 ? `${x / 1000}K` : String(x));
  return [
    { id: 'insertSmallBatch', name: 'insert 1K triples, addBatch (1 commit)', unit: 'ms', better: 'lower', rate: 1000 },
    { id: 'insertSmallSingle', name: 'insert 1K triples, add() (1,000 commits)', unit: 'ms', better: 'lower', rate: 1000 },
    { id: 'insertLarge', name: `insert ${k(n)} triples, addBatch (commits of ${scale.commit.toLocaleString('en-US')})`, unit: 'ms', better: 'lower', rate: n },
    { id: 'indexBuild', name: `index build: flush() of 2 × ${k(n / 2)} triples`, unit: 'ms', better: 'lower', rate: n },
    { id: 'compact', name: `compaction: compact() of 2 tables (${k(n)} triples)`, unit: 'ms', better: 'lower', rate: n },
    { id: 'flushes', name: `10 × flush() of ${k(n / 10)} (with automatic merges)`, unit: 'ms', better: 'lower', rate: n },
    { id: 'pointP50', name: 'whereSubject, 10 rows: p50', unit: 'µs', better: 'lower' },
    { id: 'pointP99', name: 'whereSubject, 10 rows: p99', unit: 'µs', better: 'lower' },
    { id: 'pointQps', name: 'whereSubject, 10 rows: queries/s', unit: 'q/s', better: 'higher' },
    { id: 'hubP50', name: 'whereSubject, 100 rows: p50', unit: 'µs', better: 'lower' },
    { id: 'hubP99', name: 'whereSubject, 100 rows: p99', unit: 'µs', better: 'lower' },
    { id: 'hubQps', name: 'whereSubject, 100 rows: queries/s', unit: 'q/s', better: 'higher' },
  ];
}

// ------------------------------------------------------------------ report

function fileSizes() {
  const dist = new URL('../dist/', import.meta.url);
  const files = {
    'wasm-gc': ['nervusdb-core.wasm', 'nervusdb-full.wasm', 'nervusdb.wasm-runtime.mjs'],
    js: ['nervusdb-core.mjs', 'nervusdb-full.mjs'],
  };
  const out = {};
  for (const [kind, names] of Object.entries(files)) {
    out[kind] = {};
    for (const name of names) {
      try {
        const bytes = readFileSync(new URL(name, dist));
        out[kind][name] = { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
      } catch {
        out[kind][name] = null;
      }
    }
  }
  return out;
}

function fmt(x) {
  if (x >= 100) {
    return Math.round(x).toLocaleString('en-US');
  }
  return x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function table(result) {
  const kinds = result.backends;
  const head = ['workload', ...kinds.map((k) => `${k} median (min–max)`), ...(kinds.length === 2 ? ['wasm-gc/js'] : [])];
  const rows = result.workloads.map((w) => [
    `${w.name} [${w.unit}]`,
    ...kinds.map((k) => {
      const s = w[k];
      const rate = w.rate ? `, ${fmt(w.rate / (s.median / 1000))} triples/s` : '';
      return `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})${rate}`;
    }),
    ...(kinds.length === 2 ? [w.ratio.toFixed(2)] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

function markdown(result) {
  const kinds = result.backends;
  const pair = kinds.length === 2;
  const lines = [
    `| workload | ${kinds.map((k) => `${k}, median (range)`).join(' | ')} |${pair ? ' wasm-gc / js |' : ''}`,
    `|---|${kinds.map(() => '---|').join('')}${pair ? '---|' : ''}`,
  ];
  for (const w of result.workloads) {
    const cells = kinds.map((k) => `${fmt(w[k].median)} ${w.unit} (${fmt(w[k].min)}–${fmt(w[k].max)})`);
    lines.push(`| ${w.name} | ${cells.join(' | ')} |${pair ? ` ${w.ratio.toFixed(2)} |` : ''}`);
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------ main

const opts = parseArgs(process.argv.slice(2));
const scale = SCALES[opts.scale];
const log = (...a) => console.error(...a);

if (opts.backends.includes('wasm-gc') && !wasmGcSupported()) {
  console.error(`this Node (${process.version}) has no WebAssembly GC; use Node 22 or later, or --backends js`);
  process.exit(2);
}

try {
  const started = new Date();
  const t0 = now();
  const data = generate(scale.triples, opts.seed);
  log(`${scale.triples.toLocaleString('en-US')} triples generated (seed ${opts.seed}); `
    + `${opts.warmup} warm-up and ${opts.rounds} measured rounds on ${opts.backends.join(', ')}`);

  const samples = Object.fromEntries(opts.backends.map((k) => [k, []]));
  for (let i = 0; i < opts.warmup + opts.rounds; i++) {
    const warm = i < opts.warmup;
    // Alternate which backend goes first, so neither always runs on the other's leftovers.
    const order = i % 2 === 0 ? opts.backends : [...opts.backends].reverse();
    for (const kind of order) {
      const rt = now();
      const values = await round(kind, data, scale, opts.seed * 1000 + i);
      const mem = process.memoryUsage();
      log(`${warm ? 'warm-up' : 'round'} ${warm ? i + 1 : i - opts.warmup + 1} ${kind}: ${((now() - rt) / 1000).toFixed(1)} s`
        + ` (heap ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB)`);
      if (!warm) {
        samples[kind].push(values);
      }
    }
  }

  const result = {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    date: started.toISOString(),
    seconds: +((now() - t0) / 1000).toFixed(1),
    command: `node ${[...process.execArgv, 'scripts/bench.mjs', ...process.argv.slice(2)].join(' ')}`,
    scale: opts.scale,
    triples: scale.triples,
    rounds: opts.rounds,
    warmup: opts.warmup,
    seed: opts.seed,
    backends: opts.backends,
    sizes: fileSizes(),
    workloads: workloads(scale).map((w) => {
      const entry = { ...w };
      for (const kind of opts.backends) {
        const xs = samples[kind].map((v) => v[w.id]);
        entry[kind] = { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs };
      }
      if (opts.backends.length === 2) {
        entry.ratio = entry['wasm-gc'].median / entry.js.median;
      }
      return entry;
    }),
  };

  if (opts.json) {
    console.log(JSON.stringify(result, null, 2));
  } else if (opts.markdown) {
    console.log(markdown(result));
  } else {
    console.log(`NervusDB backends, ${result.node}, ${result.cpus} cpus, ${result.date}; N = ${scale.triples.toLocaleString('en-US')}, `
      + `median over ${opts.rounds} round(s) after ${opts.warmup} warm-up`);
    console.log(table(result));
    if (opts.backends.length === 2) {
      console.log('wasm-gc/js: ratio of the medians; below 1 means WebAssembly GC is faster, except for queries/s (above 1).');
    }
  }
} catch (e) {
  if (e instanceof WrongResult) {
    console.error(`wrong result: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
