// BSBM on Oxigraph (npm oxigraph, in Node): the query mixes and the reference answers come from
// the JVM side (org.nervusdb.bench.suite.Bsbm --queries-out DIR), so Oxigraph answers exactly
// the queries the JVM stores answered, and its answers are compared with theirs.
//
//   node --expose-gc bsbm.mjs --data DIR/data/products-2785/dataset.nt \
//     --queries DIR/queries/bsbm-2785-explore.json[,DIR/queries/bsbm-2785-bi.json] --out results-bsbm-oxigraph.json
//
// Per mix file: the first `warmupMixes` mixes untimed, then `timedMixes` timed ones (the counts
// the file names), QMpH and each query's mean time, as the JVM harness reports them; the answers
// of the mixes that carry reference rows are compared (computed numbers by value, floats to a
// relative 1e-4, as the JVM harness compares them; DESCRIBE differences are listed apart).
// Exits with status 1 when an answer differs.
import { readFileSync } from 'node:fs';
import { collect, machine, memory, now, parseArgs, writeResults } from './common.mjs';

const USAGE = 'usage: node --expose-gc bsbm.mjs --data dataset.nt --queries mix.json[,mix.json] [--out results.json]';
const args = parseArgs(process.argv.slice(2), { data: '', queries: '', out: 'results-bsbm-oxigraph.json' }, USAGE);
if (!args.data || !args.queries) {
  console.error(USAGE);
  process.exit(2);
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;

/** A term in NervusDB's stored spelling (as the JVM harness's rows have it). */
function spell(t) {
  if (t.termType === 'NamedNode') {
    return t.value;
  }
  if (t.termType === 'BlankNode') {
    return `_:${t.value}`;
  }
  const lex = `"${t.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  if (t.language) {
    return `${lex}@${t.language}`;
  }
  return t.datatype && t.datatype.value !== XSD_STRING ? `${lex}^^<${t.datatype.value}>` : lex;
}

/** One solution as the JVM harness's Store.row: ?name=term for each bound variable, by name, tab-separated. */
function row(bindings) {
  return [...bindings.entries()].filter(([, v]) => v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `?${k}=${spell(v)}`).join('\t');
}

function rowsOf(result) {
  if (typeof result === 'boolean') {
    return [String(result)];
  }
  const out = [];
  for (const r of result) {
    if (r.subject !== undefined && r.predicate !== undefined) {
      out.push(row(new Map([['subject', r.subject], ['predicate', r.predicate], ['object', r.object]])));
    } else {
      out.push(row(r));
    }
  }
  return [...new Set(out)].sort();
}

/**
 * Runs a query and reads the text of every term of its answer (so that lazy term decoding is
 * timed, as the JVM adapters read theirs); the characters read.
 */
function run(store, text) {
  const result = store.query(text);
  if (typeof result === 'boolean') {
    return 1;
  }
  let chars = 0;
  for (const r of result) {
    if (r.subject !== undefined && r.predicate !== undefined) {
      chars += r.subject.value.length + r.predicate.value.length + r.object.value.length;
    } else {
      for (const v of r.values()) {
        if (v) {
          chars += v.value.length;
        }
      }
    }
  }
  return chars;
}

// ------------------------------------------------------------ answers compared as the JVM does

const NUMERIC = { [`${XSD}float`]: 'float', [`${XSD}double`]: 'double', [`${XSD}decimal`]: 'decimal' };

function numberCell(cell) {
  const eq = cell.indexOf('=');
  const close = cell.lastIndexOf('"^^<');
  if (eq < 0 || close <= eq || cell[eq + 1] !== '"' || !cell.endsWith('>')) {
    return null;
  }
  const type = NUMERIC[cell.slice(close + 4, -1)];
  if (!type) {
    return null;
  }
  const v = Number(cell.slice(eq + 2, close).trim());
  return Number.isFinite(v) ? { name: cell.slice(0, eq), type, v } : null;
}

function shapeKey(cells) {
  return cells.map((c) => {
    const n = numberCell(c);
    return n ? `${n.name}=#` : c;
  }).join('\t');
}

function byShape(rows) {
  const split = rows.map((r) => r.split('\t'));
  return split.map((cells) => ({ cells, key: shapeKey(cells), nums: cells.map((c) => numberCell(c)?.v ?? null) }))
    .sort((a, b) => {
      if (a.key !== b.key) {
        return a.key < b.key ? -1 : 1;
      }
      for (let i = 0; i < a.nums.length; i++) {
        if (a.nums[i] !== null && b.nums[i] !== null && a.nums[i] !== b.nums[i]) {
          return a.nums[i] - b.nums[i];
        }
      }
      return 0;
    });
}

export function agree(a, b) {
  if (a.length !== b.length) {
    return false;
  }
  if (a.every((x, i) => x === b[i])) {
    return true;
  }
  const x = byShape(a);
  const y = byShape(b);
  for (let i = 0; i < x.length; i++) {
    if (x[i].cells.length !== y[i].cells.length) {
      return false;
    }
    for (let k = 0; k < x[i].cells.length; k++) {
      const c = x[i].cells[k];
      const d = y[i].cells[k];
      if (c === d) {
        continue;
      }
      const p = numberCell(c);
      const q = numberCell(d);
      if (!p || !q || p.type !== q.type || p.name !== q.name) {
        return false;
      }
      const tol = p.type === 'decimal' ? 1e-15 : p.type === 'float' ? 1e-4 : 1e-9;
      if (Math.abs(p.v - q.v) > tol * Math.max(Math.abs(p.v), Math.abs(q.v))) {
        return false;
      }
    }
  }
  return true;
}

// ------------------------------------------------------------------------------------- main

const ox = await import('oxigraph');
const oxigraph = ox.default ?? ox;
const version = JSON.parse(readFileSync(new URL('./node_modules/oxigraph/package.json', import.meta.url), 'utf8')).version;
const results = [];
const mismatches = [];
const describeDifferences = [];
const result = (products, mix, workload, value, unit) => {
  results.push({ benchmark: 'bsbm', products, mix, workload, store: 'Oxigraph', storeVersion: version, value, unit });
  console.error(`  ${mix.padEnd(8)} ${workload.padEnd(30)} Oxigraph ${value.toLocaleString('en', { maximumFractionDigits: 3 }).padStart(16)} ${unit}`);
};

const started = new Date().toISOString();
/** Writes the result file with what has been measured so far (a long run may be stopped). */
function save() {
  writeResults(args.out, {
    format: 1, runtime: 'node', runtimeVersion: process.version, started,
    command: `node ${process.execArgv.join(' ')} bsbm.mjs ${process.argv.slice(2).join(' ')}`, machine: machine(),
    results, mismatches, describeDifferences,
  });
}

const files = args.queries.split(',').map((f) => JSON.parse(readFileSync(f, 'utf8')));
const products = files[0].products;
console.error(`Oxigraph ${version} on BSBM ${products} products`);
// Read as bytes and loaded in pieces of whole lines: a JavaScript string holds at most 512 MiB
// (the 5-million-triple file is 1.2 GB).
const bytes = readFileSync(args.data);
let lines = 0;
for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) {
  lines++;
}
await collect();
const before = memory();
const store = new oxigraph.Store();
let t0 = now();
const PIECE = 64 << 20;
for (let start = 0; start < bytes.length;) {
  let end = Math.min(bytes.length, start + PIECE);
  if (end < bytes.length) {
    end = bytes.indexOf(10, end) + 1 || bytes.length;
  }
  store.load(bytes.toString('utf8', start, end), { format: 'application/n-triples' });
  start = end;
}
const load = (now() - t0) / 1000;
const size = store.size;
result(products, 'load', 'bulk load', load, 's'); // the file's pieces decoded inside the timing, as a file load would
result(products, 'load', 'bulk load rate', lines / load, 'triples/s');
result(products, 'load', 'triples', size, 'triples');
await collect();
const after = memory();
result(products, 'load', 'memory after load', (after.heap + after.external - before.heap - before.external) / size, 'bytes/triple');

for (const f of files) {
  const { mix, mixes, warmupMixes, timedMixes } = f;
  for (let r = 0; r < mixes.length; r++) {
    mixes[r].forEach((q, i) => {
      if (!q.rows) {
        return;
      }
      const key = `${products}/${mix}/mix ${r}/query ${i} (Q${q.nr})`;
      let rows;
      try {
        rows = rowsOf(store.query(q.text));
      } catch (e) {
        mismatches.push(`${key}: Oxigraph failed: ${e.message}`);
        return;
      }
      if (!agree(q.rows, rows)) {
        const at = rows.findIndex((x, k) => x !== q.rows[k]);
        const m = `${key}: Oxigraph gave ${rows.length} rows, ${q.rowsFrom} ${q.rows.length}; first difference at row ${at}: `
          + `${String(rows[at]).slice(0, 300)} | reference ${String(q.rows[at]).slice(0, 300)}`;
        (q.form === 'DESCRIBE' ? describeDifferences : mismatches).push(m);
      }
    });
  }
  const perQuery = new Map();
  let total = 0;
  for (let r = 0; r < warmupMixes + timedMixes; r++) {
    for (const q of mixes[r]) {
      t0 = now();
      run(store, q.text);
      const ms = now() - t0;
      if (r >= warmupMixes) {
        total += ms;
        const acc = perQuery.get(q.nr) ?? [0, 0];
        acc[0] += ms;
        acc[1]++;
        perQuery.set(q.nr, acc);
      }
    }
  }
  result(products, mix, 'QMpH', (timedMixes * 3600) / (total / 1000), 'query mixes/hour');
  for (const [nr, [ms, n]] of [...perQuery.entries()].sort((a, b) => a[0] - b[0])) {
    result(products, mix, `Q${nr} mean`, ms / n, 'ms');
  }
  save();
}

save(); // the last of the saves after each mix
if (describeDifferences.length) {
  console.error(`${describeDifferences.length} DESCRIBE answers differ (implementation-defined, not a failure), such as:`);
  describeDifferences.slice(0, 3).forEach((m) => console.error(`  ${m}`));
}
if (mismatches.length) {
  console.error('Oxigraph disagreed:');
  mismatches.forEach((m) => console.error(`  ${m}`));
  process.exit(1);
}
