// Helpers shared by peers.mjs and memory-cycles.mjs: arguments, child processes, the machine's
// description and the result file of nervusdb-bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';

export const now = () => performance.now();
const turn = () => new Promise((resolve) => setImmediate(resolve));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Lets the event loop turn (finalization callbacks of the WebAssembly runtimes run then). */
export async function settle() {
  await turn();
  await turn();
}

/** Full collections with event-loop turns between them; needs node --expose-gc. */
export async function collect() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await tick();
  }
  globalThis.gc();
}

export function memory() {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external, rss: m.rss };
}

export function median(xs) {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) {
    return null;
  }
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Rounds to 3 significant digits (at least), keeping integers whole. */
export function round3(x) {
  if (x === null || !Number.isFinite(x)) {
    return x;
  }
  if (Math.abs(x) >= 1000) {
    return Math.round(x);
  }
  return Number(x.toPrecision(3));
}

/**
 * The store ids of a comma-separated `--stores` list; exits with status 2 on an id not in
 * `known`, or when the process was not started with --expose-gc.
 */
export function storeIds(list, known, usage) {
  const ids = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) {
    if (!(id in known)) {
      console.error(`unknown store ${id}\n${usage}`);
      process.exit(2);
    }
  }
  if (typeof globalThis.gc !== 'function') {
    console.error(`run with node --expose-gc\n${usage}`);
    process.exit(2);
  }
  return ids;
}

/**
 * --name value pairs and --flag switches into an object; `spec` maps names to defaults (a
 * number default makes the value a number, a boolean one a switch).
 */
export function parseArgs(argv, spec, usage) {
  const o = { ...spec };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      console.log(usage);
      process.exit(0);
    }
    const eq = a.indexOf('=');
    const key = a.startsWith('--') ? (eq > 0 ? a.slice(2, eq) : a.slice(2)) : null;
    if (key === null || !(key in spec)) {
      console.error(`unknown argument ${a}\n${usage}`);
      process.exit(2);
    }
    if (typeof spec[key] === 'boolean') {
      o[key] = true;
      continue;
    }
    const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined) {
      console.error(`--${key} needs a value\n${usage}`);
      process.exit(2);
    }
    if (typeof spec[key] === 'number') {
      if (!/^\d+$/.test(v)) {
        console.error(`--${key} takes a whole number, got ${v}\n${usage}`);
        process.exit(2);
      }
      o[key] = Number(v);
    } else {
      o[key] = v;
    }
  }
  return o;
}

export function machine() {
  const cpus = os.cpus();
  return { cpus: cpus.length, memoryBytes: os.totalmem(), os: `${os.type()} ${os.release()}`, cpu: cpus[0]?.model ?? null };
}

/**
 * Runs this Node on `args` in a child process: stdout is the child's JSON answer, stderr goes
 * through (and its tail is kept for error reports). Resolves to { code, signal, stdout, tail }.
 */
export function runChild(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let tail = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      process.stderr.write(d);
      tail = (tail + d).slice(-2000);
    });
    child.on('error', (e) => resolve({ code: null, signal: null, stdout, tail: `${tail}\n${e.message}` }));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, tail }));
  });
}

/** The last few lines of a child's stderr, for a note. */
export function lastLines(text, n = 3) {
  return text.trim().split('\n').slice(-n).join(' | ').slice(0, 600);
}

export function writeResults(file, body) {
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
}
