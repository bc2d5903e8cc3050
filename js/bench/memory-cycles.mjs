// Memory over a long run: cycles of open, insert 1,000 triples in one batch, a subject lookup,
// close, for each store in a child process of its own; every K cycles the heap after a full
// GC, external memory, the resident set, open file descriptors and the number of process
// listeners (exit, SIGINT, SIGTERM) are recorded. Writes a result file in the format of
// nervusdb-bench/RESULTS.md: the growth over the run as results, the measurements as series.
//
//   node --expose-gc memory-cycles.mjs [--cycles 2000] [--every 100] [--stores id,...]
//        [--out results-memory-cycles.json]
//
// Stores: NervusDB on both backends (':memory:'), @nervusdb/core (':memory:', which is a set of
// temporary files; default options, and again with enableLock: true as its README opens it),
// Oxigraph (a new Store each cycle, free()d) and N3.js (a new Store each cycle, dropped).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './data.mjs';
import { CoreAdapter, STORES, describe } from './stores.mjs';
import {
  collect, lastLines, machine, memory, now, parseArgs, round3, runChild, settle, storeIds, writeResults,
} from './common.mjs';

const VARIANTS = {
  ...Object.fromEntries(Object.keys(STORES).map((id) => [id, { store: id, make: STORES[id], label: '' }])),
  'nervusdb-core-lock': { store: 'nervusdb-core', make: () => new CoreAdapter({ enableLock: true }), label: ' (enableLock: true)' },
};
const ORDER = ['nervusdb-wasm', 'nervusdb-js', 'nervusdb-core', 'nervusdb-core-lock', 'oxigraph', 'n3'];

const USAGE = 'usage: node --expose-gc memory-cycles.mjs [--cycles N] [--every N] [--stores id,...] [--out file]\n'
  + `stores: ${ORDER.join(', ')}`;
const SPEC = { cycles: 2000, every: 0, stores: ORDER.join(','), out: 'results-memory-cycles.json', child: '' };

const openFds = () => (fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : null);
const listeners = () => ['exit', 'SIGINT', 'SIGTERM'].reduce((a, e) => a + process.listenerCount(e), 0);

async function child(opts) {
  const variant = VARIANTS[opts.child];
  const adapter = variant.make();
  const warnings = new Map();
  process.on('warning', (w) => warnings.set(w.name, (warnings.get(w.name) ?? 0) + 1));
  const batch = generate(1000).triples;
  const subject = batch[0].subject;
  const expectedRows = batch.filter((t) => t.subject === subject).length;
  const every = opts.every || Math.max(1, Math.floor(opts.cycles / 20));
  try {
    await adapter.init();
    const batchIn = adapter.prepareBatch(batch);
    const query = adapter.prepareMatch({ s: subject });
    let rowsTotal = 0;
    const cycle = async () => {
      await adapter.open({});
      await adapter.addBatch(batchIn);
      const rows = await adapter.match(query);
      if (rows !== expectedRows) {
        throw new Error(`the lookup returned ${rows} rows, expected ${expectedRows}`);
      }
      rowsTotal += rows;
      await adapter.close();
      await settle();
    };
    await cycle(); // loads the library: not growth
    rowsTotal = 0;
    const points = [];
    const sample = async (i) => {
      await collect();
      const m = memory();
      points.push({ cycle: i, heap: m.heap, external: m.external, rss: m.rss, fds: openFds(), listeners: listeners() });
    };
    await sample(0);
    const t0 = now();
    for (let i = 1; i <= opts.cycles; i++) {
      await cycle();
      if (i % every === 0 || i === opts.cycles) {
        const t = now();
        await sample(i);
        if (i % (every * 5) === 0 || i === opts.cycles) {
          const p = points[points.length - 1];
          console.error(`  ${adapter.name}${variant.label}: cycle ${i}, heap ${(p.heap / 1e6).toFixed(1)} MB, rss ${(p.rss / 1e6).toFixed(0)} MB, `
            + `listeners ${p.listeners}, ${((t - t0) / i).toFixed(1)} ms/cycle`);
        }
      }
    }
    const ms = now() - t0 - 0;
    process.stdout.write(JSON.stringify({ points, rowsTotal, msPerCycle: ms / opts.cycles, warnings: Object.fromEntries(warnings) }));
  } catch (e) {
    console.error(`${adapter.name}${variant.label}: ${e && e.stack ? e.stack : e}`);
    process.stdout.write(JSON.stringify({ error: `${e && e.message ? e.message : String(e)}`.slice(0, 500) }));
  }
}

async function parent(opts) {
  const ids = storeIds(opts.stores, VARIANTS, USAGE);
  const started = new Date();
  const every = opts.every || Math.max(1, Math.floor(opts.cycles / 20));
  const stores = [];
  const results = [];
  const series = [];
  let failed = 0;
  for (const id of ids) {
    const variant = VARIANTS[id];
    const info = describe(variant.store);
    if (!stores.some((s) => s.name === info.name)) {
      stores.push(info);
    }
    console.error(`${info.name}${variant.label}: ${opts.cycles} cycles`);
    const env = variant.store === 'nervusdb-js' ? { NERVUSDB_USE_WASM: 'false' } : {};
    const res = await runChild(['--expose-gc', fileURLToPath(import.meta.url), '--child', id, '--cycles', String(opts.cycles), '--every', String(every)], env);
    let answer;
    try {
      answer = JSON.parse(res.stdout);
    } catch {
      answer = { error: `the child process ended with ${res.signal ? `signal ${res.signal}` : `exit code ${res.code}`}: ${lastLines(res.tail)}` };
    }
    const base = { shape: 'cycles', scale: opts.cycles, store: info.name };
    const label = variant.label;
    if (answer.error) {
      failed++;
      results.push({ ...base, workload: `memory cycles: heap growth${label}`, value: null, unit: 'MB', better: 'lower', note: `failed: ${answer.error}` });
      continue;
    }
    const p = answer.points;
    const first = p[0];
    const last = p[p.length - 1];
    const mb = (x) => round3(x / 1e6);
    const warned = Object.entries(answer.warnings).map(([k, v]) => `${k} x${v}`).join(', ');
    const what = `${opts.cycles} cycles of open (':memory:'${variant.store === 'nervusdb-core' ? ', temporary files' : ''}), one batch of 1,000 triples, `
      + `a subject lookup, close; after a full GC, from the first sample (after one cycle) to the last`;
    results.push({ ...base, workload: `memory cycles: heap growth${label}`, value: mb(last.heap - first.heap), unit: 'MB', better: 'lower',
      check: answer.rowsTotal, note: `${what}; heap ${mb(first.heap)} -> ${mb(last.heap)} MB${warned ? `; Node warnings: ${warned}` : ''}` });
    results.push({ ...base, workload: `memory cycles: external growth${label}`, value: mb(last.external - first.external), unit: 'MB', better: 'lower',
      check: answer.rowsTotal, note: `${what}; external (Buffers, WebAssembly memory) ${mb(first.external)} -> ${mb(last.external)} MB` });
    results.push({ ...base, workload: `memory cycles: RSS growth${label}`, value: mb(last.rss - first.rss), unit: 'MB', better: 'lower',
      check: answer.rowsTotal, note: `${what}; RSS ${mb(first.rss)} -> ${mb(last.rss)} MB` });
    results.push({ ...base, workload: `memory cycles: process listeners added${label}`, value: last.listeners - first.listeners, unit: 'count', better: 'lower',
      check: answer.rowsTotal, note: `exit, SIGINT and SIGTERM listeners on process: ${first.listeners} -> ${last.listeners}` });
    results.push({ ...base, workload: `memory cycles: time per cycle${label}`, value: round3(answer.msPerCycle), unit: 'ms', better: 'lower',
      check: answer.rowsTotal, note: `${what}; includes the samples' collections` });
    const s = (name, unit, f) => series.push({ name: `${name}${label}`, store: info.name, unit, x: 'cycle', points: p.map((q) => [q.cycle, f(q)]) });
    s('heap after GC', 'MB', (q) => mb(q.heap));
    s('external after GC', 'MB', (q) => mb(q.external));
    s('RSS', 'MB', (q) => mb(q.rss));
    s('process listeners', 'count', (q) => q.listeners);
    if (first.fds !== null) {
      s('open file descriptors', 'count', (q) => q.fds);
    }
  }
  const body = {
    format: 1,
    runtime: 'node',
    runtimeVersion: process.version,
    started: started.toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `node --expose-gc memory-cycles.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    machine: machine(),
    stores,
    results,
    series,
  };
  const out = path.resolve(opts.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  writeResults(out, body);
  console.error(`wrote ${out}`);
  for (const r of results) {
    if (r.workload.startsWith('memory cycles: heap growth') || r.workload.startsWith('memory cycles: process')) {
      console.error(`${r.store.padEnd(22)} ${r.workload.padEnd(60)} ${r.value} ${r.unit}`);
    }
  }
  if (failed > 0) {
    process.exit(1);
  }
}

const opts = parseArgs(process.argv.slice(2), SPEC, USAGE);
if (opts.child) {
  await child(opts);
} else {
  await parent(opts);
}
