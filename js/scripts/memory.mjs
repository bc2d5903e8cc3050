// Memory check: cycles of open, add 1,000 triples, whereSubject query, close, forced GC;
// prints the heap after GC at the start and end, the trend over the run, RSS, and open file
// descriptors.
//
//   node --expose-gc scripts/memory.mjs [cycles=10] [--json] [--disk] [--sparql] [--adds]
//        [--no-turns] [--minutes M [--sample-seconds S]] [--max-slope BYTES_PER_CYCLE]
//   NERVUSDB_USE_WASM=false node --expose-gc scripts/memory.mjs 100000
//
// --disk opens each cycle's database in a new directory on disk (removed after close) instead
// of in memory. --sparql adds a SPARQL query to each cycle, which moves the database from the
// storage core module to the full module (the store closed in the one, opened in the other).
// Exits with status 1 when the heap grew by 10 MB or more, or when file
// descriptors were left open.
//
// --adds adds the 1,000 triples with 1,000 awaited add() calls instead of one addBatch().
// --no-turns never lets the event loop turn: no timer or I/O callback, and so no finalization
// callback, runs during the whole run (awaits only run microtasks), and the heap is measured
// after a synchronous forced GC. --minutes runs for that long instead of a number of cycles,
// sampling every --sample-seconds (default 60): the long-run check, on either build.
// --max-slope fails the run when the heap's trend over it is more than that many bytes a cycle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NervusDB } from '../src/index.mjs';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}

const args = process.argv.slice(2);
const cycles = Number(args.find((a, i) => /^\d+$/.test(a) && !/^--(minutes|sample-seconds)$/.test(args[i - 1] ?? '')) ?? 10);
const json = args.includes('--json');
const disk = args.includes('--disk');
const sparql = args.includes('--sparql');
const adds = args.includes('--adds');
const noTurns = args.includes('--no-turns');
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const minutes = option('--minutes', 0);
const maxSlope = option('--max-slope', Infinity); // bytes per cycle, over the run's least-squares trend
const sampleSeconds = option('--sample-seconds', 60);
const root = disk ? fs.mkdtempSync(path.join(os.tmpdir(), 'nervusdb-memory-')) : null;
const openFds = () => (fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : null);

const batch = [];
for (let i = 0; i < 1000; i++) {
  batch.push({ subject: `s${i % 100}`, predicate: `p${i % 7}`, object: `o${i}` });
}

// The WebAssembly GC runtime releases JavaScript handles of Java objects from finalization
// callbacks, which run only when the event loop gets a turn; an application doing I/O gives it
// one all the time, so the loop yields every cycle and before each measurement.
const turn = () => new Promise((resolve) => setImmediate(resolve));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function heapAfterGc() {
  for (let i = 0; i < 3 && !noTurns; i++) {
    globalThis.gc();
    await tick();
  }
  globalThis.gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers, fds: openFds() };
}

let serial = 0;
async function cycle() {
  const dir = disk ? path.join(root, String(serial++)) : ':memory:';
  const db = new NervusDB(dir, { syncOnCommit: false });
  await db.open();
  if (adds) {
    for (const t of batch) {
      await db.add(t);
    }
  } else {
    await db.addBatch(batch);
  }
  const rows = await db.query().whereSubject('s7').execute();
  if (rows.length !== 10) {
    throw new Error(`expected 10 rows, got ${rows.length}`);
  }
  if (sparql) {
    const r = await db.sparql('SELECT ?o WHERE { <s7> ?p ?o }');
    if (r.rows.length !== 10 || db.module !== 'full') {
      throw new Error(`expected 10 rows in the full module, got ${r.rows.length} in ${db.module}`);
    }
  }
  const backend = db.backend;
  await db.close();
  if (disk) {
    fs.rmSync(dir, { recursive: true });
  }
  return backend;
}

// One cycle first, so loading the module is not counted as growth.
const backend = await cycle();
const start = await heapAfterGc();
const samples = [];
const every = Math.max(1, Math.floor(cycles / 20));
const t0 = Date.now();
let done = 0;
let nextSample = t0 + sampleSeconds * 1000;
for (let i = 1; minutes > 0 ? Date.now() - t0 < minutes * 60_000 : i <= cycles; i++) {
  await cycle();
  if (!noTurns) {
    await turn();
  }
  done = i;
  const due = minutes > 0 ? Date.now() >= nextSample : i % every === 0 || i === cycles;
  if (due) {
    samples.push({ cycle: i, seconds: Math.round((Date.now() - t0) / 1000), ...(await heapAfterGc()) });
    nextSample += sampleSeconds * 1000;
    if (minutes > 0) {
      const x = samples[samples.length - 1];
      console.error(`${x.seconds} s, cycle ${i}: heap ${(x.heap / 1e6).toFixed(2)} MB, external ${(x.external / 1e6).toFixed(2)} MB, rss ${(x.rss / 1e6).toFixed(1)} MB, fds ${x.fds}`);
    }
  }
}
if (samples.length === 0 || samples[samples.length - 1].cycle !== done) {
  samples.push({ cycle: done, seconds: Math.round((Date.now() - t0) / 1000), ...(await heapAfterGc()) });
}
const end = samples[samples.length - 1];
const growth = end.heap - start.heap;
// Least-squares slope of a measure over cycle, in bytes per 1,000 cycles.
function slopeOf(field) {
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.cycle, 0) / n;
  const my = samples.reduce((a, s) => a + s[field], 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const s of samples) {
    sxy += (s.cycle - mx) * (s[field] - my);
    sxx += (s.cycle - mx) ** 2;
  }
  return sxx === 0 ? 0 : (sxy / sxx) * 1000;
}
const slope = slopeOf('heap');
if (root !== null) {
  fs.rmSync(root, { recursive: true, force: true });
}
const result = {
  backend,
  storage: disk ? 'disk' : 'memory',
  sparql,
  adds,
  turns: !noTurns,
  node: process.version,
  cycles: done,
  seconds: (Date.now() - t0) / 1000,
  heapStartMB: +(start.heap / 1e6).toFixed(2),
  heapEndMB: +(end.heap / 1e6).toFixed(2),
  growthMB: +(growth / 1e6).toFixed(2),
  slopeBytesPer1000Cycles: Math.round(slope),
  rssStartMB: +(start.rss / 1e6).toFixed(1),
  rssEndMB: +(end.rss / 1e6).toFixed(1),
  rssSlopeBytesPer1000Cycles: Math.round(slopeOf('rss')),
  externalStartMB: +(start.external / 1e6).toFixed(2),
  externalEndMB: +(end.external / 1e6).toFixed(2),
  externalSlopeBytesPer1000Cycles: Math.round(slopeOf('external')),
  fdsStart: start.fds,
  fdsEnd: end.fds,
  heapMBByCycle: Object.fromEntries(samples.map((x) => [x.cycle, +(x.heap / 1e6).toFixed(3)])),
  samples: minutes > 0 ? samples : undefined,
};
console.log(json ? JSON.stringify(result) : result);
if (growth >= 10e6) {
  console.error(`heap grew by ${result.growthMB} MB over ${done} cycles`);
  process.exit(1);
}
if (slope / 1000 > maxSlope) {
  console.error(`the heap grew by ${(slope / 1000).toFixed(1)} bytes per cycle (trend over ${done} cycles), more than ${maxSlope}`);
  process.exit(1);
}
if (start.fds !== null && end.fds > start.fds) {
  console.error(`${end.fds - start.fds} file descriptors were left open`);
  process.exit(1);
}
