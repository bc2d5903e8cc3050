// The Node side of the side-by-side suite: NervusDB for JavaScript (WebAssembly GC and the
// JavaScript build) against the original TypeScript NervusDB (@nervusdb/core), Oxigraph and
// N3.js, on generated social-graph data (data.mjs), each through its own public API
// (stores.mjs). Writes one result file in the format of nervusdb-bench/RESULTS.md.
//
//   node --expose-gc peers.mjs [--scale 100000] [--rounds 3] [--warmup 1] [--queries 1000]
//        [--hops 300] [--reps 5] [--seed 42] [--stores nervusdb-wasm,nervusdb-js,...]
//        [--out results-node.json]
//
// Every store runs in child processes of its own (one for the timed workloads, a fresh one for
// the memory figure), so no store's heap, JIT state or WebAssembly memory disturbs another's.
// A store that fails to load or throws is recorded with null results and a note; the others
// go on. Every workload checks a count, which must equal the one computed from the generated
// data; the script writes the file and exits with status 1 if any store returned a wrong
// answer. Progress goes to stderr.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWS, LIVES_IN, TYPE, generate, ntriples, person, rng } from './data.mjs';
import { STORES, describe } from './stores.mjs';
import {
  collect, lastLines, machine, median, memory, now, parseArgs, round3, runChild, settle, storeIds, writeResults,
} from './common.mjs';

const USAGE = 'usage: node --expose-gc peers.mjs [--scale N] [--rounds N] [--warmup N] [--queries N] [--hops N] '
  + '[--reps N] [--seed N] [--passes N] [--stores id,...] [--out file]\nstores: ' + Object.keys(STORES).join(', ');

const SPEC = {
  scale: 100_000, rounds: 3, warmup: 1, queries: 1000, hops: 300, reps: 5, seed: 42, passes: 1,
  stores: Object.keys(STORES).join(','), out: 'results-node.json', child: '', part: '',
};

// ------------------------------------------------------------------ workloads

const LOOKUPS = ['s??', 'sp?', '?po', '??o', 's?o', 'spo'];
const DISK = new Set(['nervusdb-wasm', 'nervusdb-js', 'nervusdb-core']);

/** Every workload: its name in the result file, unit, direction and what its check counts. */
const W = {
  batch1k: { name: 'insert 1K, one batch', unit: 'ms', better: 'lower' },
  single1k: { name: 'insert 1K, single adds', unit: 'ms', better: 'lower' },
  diskSync1k: { name: 'insert 1K, single adds, on disk, fsync each', unit: 'ms', better: 'lower' },
  diskNoSync1k: { name: 'insert 1K, single adds, on disk, no fsync', unit: 'ms', better: 'lower' },
  indexBuild: { name: 'index build', unit: 'ms', better: 'lower' },
  compaction: { name: 'compaction', unit: 'ms', better: 'lower' },
  load: { name: 'load, in memory', unit: 's', better: 'lower' },
  ...Object.fromEntries(LOOKUPS.map((s) => [`lookup ${s}`, { name: `lookup ${s}`, unit: 'us', better: 'lower' }])),
  twoHop: { name: '2-hop join', unit: 'us', better: 'lower' },
  twoHopFollow: { name: '2-hop join, query builder', unit: 'us', better: 'lower' },
  delete10: { name: 'delete 10%', unit: 'ms', better: 'lower' },
  memory: { name: 'memory after load', unit: 'bytes/triple', better: 'lower' },
  memoryRss: { name: 'RSS after load', unit: 'bytes/triple', better: 'lower' },
};

/** The queries of the lookups, the people of the 2-hop joins and the triples to delete. */
function querySets(data, seed, queries, hops) {
  const r = rng(seed);
  const T = data.triples;
  const pick = () => T[Math.floor(r() * T.length)];
  // rdf:type objects match every person: not a point lookup.
  const pickLink = () => {
    for (;;) {
      const t = pick();
      if (t.predicate !== TYPE) {
        return t;
      }
    }
  };
  const gen = {
    's??': () => ({ s: pick().subject }),
    'sp?': () => { const t = pick(); return { s: t.subject, p: t.predicate }; },
    '?po': () => { const t = pickLink(); return { p: t.predicate, o: t.object }; },
    '??o': () => ({ o: pickLink().object }),
    's?o': () => { const t = pick(); return { s: t.subject, o: t.object }; },
    spo: () => { const t = pick(); return { s: t.subject, p: t.predicate, o: t.object }; },
  };
  const lookups = Object.fromEntries(LOOKUPS.map((shape) => [shape, Array.from({ length: queries }, gen[shape])]));
  const people = Array.from({ length: hops }, () => person(Math.floor(r() * data.people)));
  const deletes = T.filter((_, i) => i % 10 === 5);
  return { lookups, people, deletes };
}

/** The right answer of every check, from the generated data alone. */
function expectedChecks(data, sets) {
  const T = data.triples;
  const n = T.length;
  const counts = (key) => {
    const m = new Map();
    for (const t of T) {
      const k = key(t);
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const keys = {
    's??': (q) => q.s, 'sp?': (q) => `${q.s} ${q.p}`, '?po': (q) => `${q.p} ${q.o}`, '??o': (q) => q.o,
    's?o': (q) => `${q.s} ${q.o}`, spo: (q) => `${q.s} ${q.p} ${q.o}`,
  };
  const out = {
    [W.batch1k.name]: 1000, [W.single1k.name]: 1000, [W.diskSync1k.name]: 1000, [W.diskNoSync1k.name]: 1000,
    [W.indexBuild.name]: n, [W.compaction.name]: n, [W.load.name]: n, [W.delete10.name]: n - sets.deletes.length,
    [W.memory.name]: n, [W.memoryRss.name]: n,
  };
  for (const shape of LOOKUPS) {
    const m = counts((t) => keys[shape]({ s: t.subject, p: t.predicate, o: t.object }));
    out[`lookup ${shape}`] = sets.lookups[shape].reduce((a, q) => a + (m.get(keys[shape](q)) ?? 0), 0);
  }
  const friends = new Map();
  const home = new Map();
  for (const t of T) {
    if (t.predicate === KNOWS) {
      (friends.get(t.subject) ?? friends.set(t.subject, []).get(t.subject)).push(t.object);
    } else if (t.predicate === LIVES_IN) {
      home.set(t.subject, t.object);
    }
  }
  let hops = 0;
  for (const p of sets.people) {
    hops += new Set((friends.get(p) ?? []).map((f) => home.get(f)).filter((c) => c !== undefined)).size;
  }
  out[W.twoHop.name] = hops;
  out[W.twoHopFollow.name] = hops;
  return out;
}

// ------------------------------------------------------------------ child: one store

function withNt(data) {
  let text = null;
  return { ...data, nt: () => (text ??= ntriples(data.triples)) };
}

async function timed(fn) {
  await settle();
  const t = now();
  await fn();
  return now() - t;
}

function tempDir(id) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `nervusdb-peers-${id}-`));
}

/** The timed workloads of one store; returns { workload name: { samples, checks, note } }. */
async function timingPart(id, adapter, opts) {
  const data = withNt(generate(opts.scale));
  const sets = querySets(data, opts.seed, opts.queries, opts.hops);
  const n = data.triples.length;
  const out = {};
  const record = (w, warm, sample, check, note) => {
    const e = (out[w.name] ??= { samples: [], checks: [], note });
    if (!warm) {
      if (Array.isArray(sample)) {
        e.samples.push(...sample);
      } else {
        e.samples.push(sample);
      }
    }
    e.checks.push(check);
  };
  const failed = (w, e) => {
    out[w.name] = { samples: [], checks: [], note: `failed: ${e && e.message ? e.message : String(e)}`.slice(0, 500), error: true };
    console.error(`  ${adapter.name}: ${w.name} failed: ${e && e.stack ? e.stack : e}`);
  };
  const skip = new Set();
  // Runs one workload of one round; a failure stops that workload for the rest of the run.
  // Nested workloads (on the loaded store) leave the store open for the next one.
  const attempt = async (w, fn, nested = false) => {
    if (skip.has(w.name)) {
      return;
    }
    try {
      await fn();
    } catch (e) {
      skip.add(w.name);
      failed(w, e);
      if (!nested) {
        try {
          await adapter.close();
        } catch {
          // the failure above is what gets reported
        }
      }
    }
  };
  const first = data.triples.slice(0, 1000);
  const batchIn = adapter.prepareBatch(first);
  const singlesIn = adapter.prepareSingles(first);
  const loadIn = adapter.prepareLoad(data);
  const matchIn = Object.fromEntries(LOOKUPS.map((s) => [s, sets.lookups[s].map((q) => adapter.prepareMatch(q))]));
  const deleteIn = adapter.prepareDelete(sets.deletes);
  const memoryNote = (what) => (id === 'quadstore' ? `${what}; on disk (LevelDB in a temporary directory: quadstore has no in-memory store in this set-up)` : `${what}; in memory${id === 'nervusdb-core' ? ' (\':memory:\': temporary files on disk)' : ''}`);

  for (let round = 0; round < opts.warmup + opts.rounds; round++) {
    const warm = round < opts.warmup;
    const rt = now();

    // Insert 1K: one batch, and single adds, into new in-memory stores.
    await attempt(W.batch1k, async () => {
      const xs = [];
      let check = 0;
      for (let rep = 0; rep < opts.reps; rep++) {
        await adapter.open({});
        xs.push(await timed(() => adapter.addBatch(batchIn)));
        check = await adapter.size();
        await adapter.close();
      }
      record(W.batch1k, warm, xs, check, memoryNote(adapter.batchNote));
    });
    await attempt(W.single1k, async () => {
      const xs = [];
      let check = 0;
      for (let rep = 0; rep < opts.reps; rep++) {
        await adapter.open({});
        xs.push(await timed(async () => {
          for (const t of singlesIn) {
            await adapter.addOne(t);
          }
        }));
        check = await adapter.size();
        await adapter.close();
      }
      record(W.single1k, warm, xs, check, memoryNote(adapter.singleNote));
    });

    // On disk: single adds with and without an fsync per add; index build and compaction.
    if (DISK.has(id)) {
      const nervus = id !== 'nervusdb-core';
      const disk = async (w, sync, note) => attempt(w, async () => {
        const dir = tempDir(id);
        try {
          await adapter.open({ disk: true, dir, sync });
          const ms = await timed(async () => {
            for (const t of singlesIn) {
              await adapter.addOne(t);
            }
          });
          const check = await adapter.size();
          await adapter.close();
          record(w, warm, ms, check, note);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
      if (nervus) {
        await disk(W.diskSync1k, true, `on disk (${os.tmpdir()}), syncOnCommit: true: add() per triple, each commit fsynced before its promise resolves`);
        await disk(W.diskNoSync1k, false, `on disk (${os.tmpdir()}), syncOnCommit: false: add() per triple, each commit written to the log without fsync`);
      } else {
        await disk(W.diskNoSync1k, true, `on disk (${os.tmpdir()}): ${adapter.singleNote}`);
      }

      await attempt(W.indexBuild, async () => {
        const dir = tempDir(id);
        try {
          // A memtable that holds a half, so that each flush() writes all of it.
          await adapter.open({ disk: true, dir, memtableSize: 1 << 30 });
          const half = Math.floor(n / 2);
          let flushMs = 0;
          for (const [from, to] of [[0, half], [half, n]]) {
            await adapter.load(adapter.prepareLoad({ triples: data.triples.slice(from, to) }));
            flushMs += await timed(() => adapter.flush());
          }
          record(W.indexBuild, warm, flushMs, await adapter.size(), nervus
            ? `on disk; flush() after each of two halves loaded with addBatch() (untimed), memtableSize 1 GiB so that each flush writes its whole half as sorted tables (dictionary, SPO, POS, OSP); the sum of the two flushes`
            : 'on disk; flush() after each of two halves loaded in one batch each (untimed): writes the main file and the paged six-order index; the sum of the two flushes');
          let compactMs = 0;
          if (!skip.has(W.compaction.name)) {
            try {
              if (nervus) {
                compactMs = await timed(() => adapter.compact());
              } else {
                await settle();
                compactMs = await adapter.compact((fn) => {
                  const t = now();
                  fn();
                  return now() - t;
                });
              }
              record(W.compaction, warm, compactMs, await adapter.size(), nervus
                ? 'on disk; compact() of the two tables the index build wrote, into one'
                : `on disk; the package's compaction is only in its command line tool: node dist/compact.js <db> --force (rewrite mode) in a child process on the closed database, so the figure includes a Node start-up (${opts.nodeStartMs.toFixed(0)} ms for node -e 0 on this machine)`);
            } catch (e) {
              skip.add(W.compaction.name);
              failed(W.compaction, e);
            }
          }
          await adapter.close();
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    // Load N into a new in-memory store, then lookups, 2-hop joins and deletes on it.
    await attempt(W.load, async () => {
      await adapter.open({});
      const ms = await timed(() => adapter.load(loadIn));
      record(W.load, warm, ms / 1000, await adapter.size(), memoryNote(adapter.loadNote));

      for (const shape of LOOKUPS) {
        const w = W[`lookup ${shape}`];
        await attempt(w, async () => {
          const qs = matchIn[shape];
          let rows = 0;
          const total = await timed(async () => {
            for (const q of qs) {
              rows += await adapter.match(q);
            }
          });
          record(w, warm, (total * 1000) / qs.length, rows,
            memoryNote(`${qs.length} lookups per round, mean per lookup; ${adapter.matchNote}`));
        }, true);
      }
      await attempt(W.twoHop, async () => {
        let sum = 0;
        if (adapter.prepareSparql) {
          await adapter.prepareSparql(); // untimed: a one-time load, as the other stores have SPARQL from the start
        }
        const total = await timed(async () => {
          for (const p of sets.people) {
            sum += await adapter.twoHop(p);
          }
        });
        record(W.twoHop, warm, (total * 1000) / sets.people.length, sum,
          memoryNote(`friends' cities of ${sets.people.length} people, mean per person; ${adapter.twoHopNote}`));
      }, true);
      if (adapter.twoHopFollow) {
        await attempt(W.twoHopFollow, async () => {
          let sum = 0;
          const total = await timed(async () => {
            for (const p of sets.people) {
              sum += await adapter.twoHopFollow(p);
            }
          });
          record(W.twoHopFollow, warm, (total * 1000) / sets.people.length, sum,
            memoryNote(`friends' cities of ${sets.people.length} people, mean per person; ${adapter.followNote}`));
        }, true);
      }
      await attempt(W.delete10, async () => {
        const ms = await timed(() => adapter.deleteAll(deleteIn));
        record(W.delete10, warm, ms, await adapter.size(), memoryNote(`${sets.deletes.length.toLocaleString('en-US')} triples (every tenth); ${adapter.deleteNote}`));
      }, true);
      await adapter.close();
    });

    const m = memory();
    console.error(`  ${adapter.name}: ${warm ? 'warm-up' : 'round'} ${warm ? round + 1 : round - opts.warmup + 1} `
      + `in ${((now() - rt) / 1000).toFixed(1)} s (heap ${(m.heap / 1e6).toFixed(0)} MB, rss ${(m.rss / 1e6).toFixed(0)} MB)`);
  }
  return out;
}

/** Heap and external memory per stored triple after a full collection, in a fresh process. */
async function memoryPart(id, adapter, opts) {
  // Load the library and its code first: its fixed cost is not per triple.
  await adapter.open({});
  const tiny = generate(20).triples;
  await adapter.addBatch(adapter.prepareBatch(tiny));
  await adapter.match(adapter.prepareMatch({ s: tiny[0].subject }));
  await adapter.close();
  await collect();
  const before = memory();

  let data = withNt(generate(opts.scale));
  const n = data.triples.length;
  let input = adapter.prepareLoad(data);
  data = null;
  await adapter.open({});
  await adapter.load(input);
  input = null;
  await collect();
  const after = memory();
  const size = await adapter.size();
  const heap = after.heap - before.heap;
  const external = after.external - before.external;
  const rss = after.rss - before.rss;
  await adapter.close();
  const detail = `after a full GC, less the same before loading (the library already loaded); heap ${(heap / 1e6).toFixed(1)} MB `
    + `+ external ${(external / 1e6).toFixed(1)} MB for ${n.toLocaleString('en-US')} triples`;
  return {
    [W.memory.name]: {
      samples: [(heap + external) / n], checks: [size],
      note: `${detail}; loaded as in "load, in memory"${id === 'oxigraph' ? '; external is WebAssembly linear memory, which never shrinks, so it includes the peak of the load' : ''}`,
    },
    [W.memoryRss.name]: {
      samples: [rss / n], checks: [size],
      note: `resident set growth from before loading to after the load and a full GC (${(rss / 1e6).toFixed(1)} MB); includes memory freed but kept by the allocators`,
    },
  };
}

async function child(opts) {
  const id = opts.child;
  const adapter = STORES[id]();
  let out;
  try {
    await adapter.init();
    out = { results: opts.part === 'memory' ? await memoryPart(id, adapter, opts) : await timingPart(id, adapter, opts) };
  } catch (e) {
    console.error(`${adapter.name}: ${e && e.stack ? e.stack : e}`);
    out = { error: `${e && e.message ? e.message : String(e)}`.slice(0, 500) };
  }
  process.stdout.write(JSON.stringify(out));
}

// ------------------------------------------------------------------ parent

async function nodeStartMs() {
  const xs = [];
  for (let i = 0; i < 5; i++) {
    const t = now();
    await runChild(['-e', '0']);
    xs.push(now() - t);
  }
  return median(xs);
}

async function parent(opts) {
  const ids = storeIds(opts.stores, STORES, USAGE);
  const started = new Date();
  const t0 = now();
  const data = generate(opts.scale);
  const sets = querySets(data, opts.seed, opts.queries, opts.hops);
  const expected = expectedChecks(data, sets);
  const n = data.triples.length;
  const startMs = await nodeStartMs();
  console.error(`${n.toLocaleString('en-US')} triples (${data.people.toLocaleString('en-US')} people); `
    + `${opts.warmup} warm-up and ${opts.rounds} measured rounds; stores ${ids.join(', ')}`);

  const stores = [];
  const results = [];
  let wrong = 0;
  const passOn = ['--scale', opts.scale, '--rounds', opts.rounds, '--warmup', opts.warmup, '--queries', opts.queries,
    '--hops', opts.hops, '--reps', opts.reps, '--seed', opts.seed, '--nodeStartMs', Math.round(startMs)].map(String);

  const runPart = async (id, part, label = '') => {
    const name = describe(id).name;
    const env = id === 'nervusdb-js' ? { NERVUSDB_USE_WASM: 'false' } : {};
    console.error(`${name}: ${part}${label}`);
    const pt = now();
    const res = await runChild(['--expose-gc', fileURLToPath(import.meta.url), '--child', id, '--part', part, ...passOn], env);
    let answer = null;
    try {
      answer = JSON.parse(res.stdout);
    } catch {
      answer = { error: `the child process ended with ${res.signal ? `signal ${res.signal}` : `exit code ${res.code}`}: ${lastLines(res.tail)}` };
    }
    console.error(`${name}: ${part}${label} done in ${((now() - pt) / 1000).toFixed(1)} s`);
    return answer;
  };
  // The timing part of every store, --passes times, the stores taking turns (in a rotated
  // order each pass), so that a slower or busier stretch of the run falls on all of them;
  // each workload's samples from all passes make its median.
  const timings = new Map(ids.map((id) => [id, []]));
  for (let pass = 0; pass < opts.passes; pass++) {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[(k + pass) % ids.length];
      timings.get(id).push(await runPart(id, 'timing', opts.passes > 1 ? ` (pass ${pass + 1} of ${opts.passes})` : ''));
    }
  }
  const merged = (answers) => {
    const failed = answers.find((a) => a.error);
    if (failed) {
      return failed;
    }
    const out = { results: {} };
    for (const a of answers) {
      for (const [name, e] of Object.entries(a.results)) {
        const m = out.results[name];
        if (m === undefined || m.error) {
          out.results[name] = e.error ? e : { ...e, samples: [...e.samples], checks: [...e.checks] };
        } else if (!e.error) {
          m.samples.push(...e.samples);
          m.checks.push(...e.checks);
        }
      }
    }
    return out;
  };

  for (const id of ids) {
    const info = describe(id);
    stores.push(info);
    const seen = new Set();
    for (const part of ['timing', 'memory']) {
      const answer = part === 'timing' ? merged(timings.get(id)) : await runPart(id, part);
      if (answer.error) {
        const names = part === 'memory' ? [W.memory.name, W.memoryRss.name] : [W.load.name];
        for (const name of names) {
          results.push({ shape: 'social', scale: n, workload: name, store: info.name, value: null, unit: unitOf(name), better: betterOf(name), note: `failed: ${answer.error}` });
        }
        continue;
      }
      for (const [name, e] of Object.entries(answer.results)) {
        seen.add(name);
        const r = { shape: 'social', scale: name.startsWith('insert 1K') ? 1000 : n, workload: name, store: info.name };
        if (e.error) {
          results.push({ ...r, value: null, unit: unitOf(name), better: betterOf(name), note: e.note });
          continue;
        }
        const value = median(e.samples);
        Object.assign(r, { value: round3(value), unit: unitOf(name), better: betterOf(name), samples: e.samples.map(round3) });
        const check = e.checks.find((c) => c !== expected[name]) ?? e.checks[0];
        r.check = check;
        r.note = e.note;
        if (check !== expected[name]) {
          wrong++;
          r.note = `WRONG RESULT: check ${check}, expected ${expected[name]}; ${e.note}`;
          console.error(`wrong result: ${info.name}, ${name}: check ${check}, expected ${expected[name]}`);
        }
        results.push(r);
      }
    }
    // Compaction runs on the database the index build wrote: none if that failed.
    if (DISK.has(id) && seen.has(W.indexBuild.name) && !seen.has(W.compaction.name)) {
      results.push({ shape: 'social', scale: n, workload: W.compaction.name, store: info.name, value: null, unit: W.compaction.unit, better: W.compaction.better,
        note: 'not run: the index build, whose database it compacts, failed' });
    }
    // What a store cannot do, said once.
    if (!DISK.has(id)) {
      for (const w of [W.indexBuild, W.compaction, W.diskSync1k, W.diskNoSync1k]) {
        const note = id === 'quadstore'
          ? 'n/a: quadstore writes through LevelDB, which has no separate index build or compaction call; its "in memory" figures are on disk'
          : 'n/a: in memory only in Node; nothing is persisted or indexed separately';
        results.push({ shape: 'social', scale: w === W.indexBuild || w === W.compaction ? n : 1000, workload: w.name, store: info.name, value: null, unit: w.unit, better: w.better, note });
      }
    }
    if (id === 'nervusdb-core' && seen.has(W.diskNoSync1k.name)) {
      results.push({ shape: 'social', scale: 1000, workload: W.diskSync1k.name, store: info.name, value: null, unit: W.diskSync1k.unit, better: W.diskSync1k.better,
        note: 'n/a: addFact() never fsyncs, and commitBatch({durable: true}) starts an fsync that it does not wait for, so no public call returns after a durable add' });
    }
    if (id === 'oxigraph' || id === 'n3' || id === 'quadstore') {
      results.push({ shape: 'social', scale: n, workload: W.twoHopFollow.name, store: info.name, value: null, unit: W.twoHopFollow.unit, better: W.twoHopFollow.better,
        note: id === 'oxigraph' ? 'n/a: no query builder; see 2-hop join (SPARQL)' : 'n/a: no query builder; see 2-hop join (match calls)' });
    }
  }

  const order = Object.values(W).map((w) => w.name);
  results.sort((a, b) => order.indexOf(a.workload) - order.indexOf(b.workload) || ids.indexOf(idOf(stores, a.store)) - ids.indexOf(idOf(stores, b.store)));
  const body = {
    format: 1,
    runtime: 'node',
    runtimeVersion: process.version,
    started: started.toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `node --expose-gc peers.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    machine: machine(),
    stores,
    results,
  };
  const out = path.resolve(opts.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  writeResults(out, body);
  console.error(`wrote ${out} in ${((now() - t0) / 1000).toFixed(0)} s`);
  printSummary(body);
  if (wrong > 0) {
    console.error(`${wrong} wrong result(s)`);
    process.exit(1);
  }
}

function idOf(stores, name) {
  return Object.keys(STORES)[stores.findIndex((s) => s.name === name)] ?? name;
}

function unitOf(name) {
  return Object.values(W).find((w) => w.name === name)?.unit ?? null;
}

function betterOf(name) {
  return Object.values(W).find((w) => w.name === name)?.better ?? 'lower';
}

/** A plain table on stderr: each workload's value per store and the ratio to NervusDB. */
function printSummary(body) {
  const names = body.stores.map((s) => s.name);
  const byWorkload = new Map();
  for (const r of body.results) {
    (byWorkload.get(r.workload) ?? byWorkload.set(r.workload, new Map()).get(r.workload)).set(r.store, r);
  }
  const lines = [['workload', ...names]];
  for (const [w, m] of byWorkload) {
    const base = m.get('NervusDB')?.value;
    lines.push([`${w} [${[...m.values()][0].unit}]`, ...names.map((s) => {
      const r = m.get(s);
      if (!r || r.value === null) {
        return '—';
      }
      const ratio = base && s !== 'NervusDB' ? ` (${(r.value / base).toFixed(2)}x)` : '';
      return `${r.value}${ratio}`;
    })]);
  }
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => String(l[i]).length)));
  for (const l of lines) {
    console.error(l.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
  }
}

const opts = parseArgs(process.argv.slice(2), { ...SPEC, nodeStartMs: 0 }, USAGE);
if (opts.child) {
  await child(opts);
} else {
  await parent(opts);
}
