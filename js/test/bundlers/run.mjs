// The package as web developers and Node users get it: `npm pack` makes the tarball (its prepack
// check included), which is unpacked into each app's node_modules/nervusdb as npm installs a
// tarball. Then:
//
//   - a small app per bundler (vite/, webpack/, esbuild/, rollup/: each with its own
//     package.json and lockfile, installed with npm ci) is built, served over HTTP and opened
//     in headless Chromium (Debian's, driven by playwright-core): a database in the Origin
//     Private File System is written, read back after a page reload with SPARQL (which loads
//     the full module), and ':memory:' answers a query; on the WebAssembly GC build and on the
//     JavaScript build;
//   - the Vite dev server, the same page;
//   - Node: import and require of the package (ESM and CommonJS), on disk, with each Node given;
//   - Deno and Bun from the npm registry, when they can be installed here.
//
//   node test/bundlers/run.mjs [--only vite,webpack,...] [--no-install] [--node PATH]...
//
// --no-install skips npm ci where an app's node_modules is there already; --node adds a Node
// binary for the Node checks (the one running this script is always used). CHROMIUM_PATH
// overrides /usr/bin/chromium. Exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const PACKAGE = resolve(HERE, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const install = !args.includes('--no-install');
const nodes = [process.execPath, ...args.flatMap((a, i) => (a === '--node' ? [args[i + 1]] : []))];
const wanted = (name) => only === null || only.includes(name);

// Each app: its build command and the directory served (index.html at its root).
const APPS = [
  { name: 'vite', build: ['npx', 'vite', 'build'], serve: 'dist' },
  { name: 'webpack', build: ['npx', 'webpack'], serve: '.' },
  { name: 'esbuild', build: ['node', 'build.mjs'], serve: '.' },
  { name: 'rollup', build: ['npx', 'rollup', '-c'], serve: '.' },
];

const results = [];
function report(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

function run(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}

function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).map((l) => `      ${l}`).join('\n');
}

/** npm pack of the package; returns the tarball's path. */
function pack(into) {
  const r = run('npm', ['pack', '--silent', '--pack-destination', into], { cwd: PACKAGE });
  if (!r.ok) {
    throw new Error(`npm pack failed:\n${tail(r.out)}`);
  }
  return join(into, r.out.trim().split('\n').pop());
}

/** The tarball unpacked as node_modules/nervusdb of `dir`, as npm installs it. */
function installTarball(tarball, dir) {
  const target = join(dir, 'node_modules', 'nervusdb');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const r = run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  if (!r.ok) {
    throw new Error(`cannot unpack ${tarball}: ${r.out}`);
  }
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.map': 'application/json',
};

/** A static server of `root` on 127.0.0.1; resolves to its base URL and a close function. */
function serve(root) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) {
      path += 'index.html';
    }
    const file = resolve(join(root, path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({
    base: `http://127.0.0.1:${server.address().port}/`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  })));
}

let browser = null;

async function launch() {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 60_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

/** Loads `url` in `page` and resolves to what the app put in window.__nervusdb. */
async function appResult(page, url) {
  await page.goto(url, { timeout: 60_000 });
  await page.waitForFunction(() => window.__nervusdb !== undefined, null, { timeout: 60_000, polling: 100 });
  return page.evaluate(() => window.__nervusdb);
}

/**
 * The app at `base` in Chromium, on both builds: write to OPFS, reload and read it back with
 * SPARQL, and ':memory:' with SPARQL. `persist` false checks only open and query (one load).
 */
async function checkApp(label, base, { persist = true } = {}) {
  const b = await launch();
  for (const useWasm of [true, false]) {
    const name = `${label} (${useWasm ? 'wasm-gc' : 'js'})`;
    const context = await b.newContext();
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) {
        problems.push(`HTTP ${r.status()} ${r.url()}`);
      }
    });
    try {
      const token = `t${Date.now()}`;
      const q = (step) => `${base}?step=${step}&useWasm=${useWasm}&token=${token}`;
      const first = await appResult(page, q('write'));
      const second = persist ? await appResult(page, q('read')) : first;
      const backend = useWasm ? 'wasm-gc' : 'js';
      const failures = [];
      for (const [what, r] of persist ? [['write', first], ['read after reload', second]] : [['open', first]]) {
        if (r.error) {
          failures.push(`${what}: ${r.error}`);
          continue;
        }
        if (r.backend !== backend || r.memory.backend !== backend) {
          failures.push(`${what}: ran on ${r.backend} / ${r.memory.backend} (${r.backendReason}), expected ${backend}`);
        }
        if (r.module !== 'full' || JSON.stringify(r.memory.rows) !== '[{"s":"alice"}]') {
          failures.push(`${what}: SPARQL answered ${JSON.stringify(r.memory.rows)} in module ${r.module}`);
        }
        if (!r.persisted.includes(token)) {
          failures.push(`${what}: the database holds ${JSON.stringify(r.persisted)}, not ${token}`);
        }
      }
      if (problems.length > 0) {
        failures.push(...problems);
      }
      report(name, failures.length === 0, failures.length === 0
        ? `${persist ? 'OPFS across a reload, ' : ''}SPARQL; ${second.backendReason}` : failures.join('; '));
    } catch (e) {
      report(name, false, `${e.message.split('\n')[0]}${problems.length ? `; ${problems.join('; ')}` : ''}`);
    } finally {
      await context.close().catch(() => {});
    }
  }
}

/** npm ci of an app (unless --no-install and it has node_modules), then the package unpacked into it. */
function prepare(dir, tarball) {
  if (install || !existsSync(join(dir, 'node_modules'))) {
    const r = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
    if (!r.ok) {
      throw new Error(`npm ci failed:\n${tail(r.out)}`);
    }
  }
  installTarball(tarball, dir);
  copyFileSync(join(HERE, 'app.mjs'), join(dir, 'src', 'app.mjs'));
}

async function bundlerApps(tarball) {
  for (const app of APPS.filter((a) => wanted(a.name))) {
    const dir = join(HERE, app.name);
    const started = Date.now();
    try {
      prepare(dir, tarball);
      const built = run(app.build[0], app.build.slice(1), { cwd: dir });
      if (!built.ok) {
        report(`${app.name} build`, false, `\n${tail(built.out)}`);
        continue;
      }
      report(`${app.name} build`, true, `${((Date.now() - started) / 1000).toFixed(1)} s${install ? ' with npm ci' : ''}`);
      const server = await serve(resolve(dir, app.serve));
      try {
        await checkApp(app.name, server.base);
      } finally {
        server.close();
      }
    } catch (e) {
      report(app.name, false, e.message);
    }
  }
}

/** The Vite dev server on the vite app: open, persist and query, on both builds. */
async function viteDev(tarball) {
  const dir = join(HERE, 'vite');
  if (!wanted('vite') || !existsSync(join(dir, 'node_modules', 'nervusdb'))) {
    prepare(dir, tarball);
  }
  rmSync(join(dir, 'node_modules', '.vite'), { recursive: true, force: true }); // a fresh dependency optimization
  const child = spawn('npx', ['vite', '--host', '127.0.0.1', '--port', '0', '--strictPort', 'false'], {
    cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let out = '';
  try {
    const base = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`the dev server did not start:\n${tail(out)}`)), 60_000);
      const read = (d) => {
        out += d;
        // eslint-disable-next-line no-control-regex
        const m = /Local:\s+(http:\/\/\S+)/.exec(out.replace(/\x1b\[[0-9;]*m/g, ''));
        if (m) {
          clearTimeout(timer);
          ok(m[1].endsWith('/') ? m[1] : `${m[1]}/`);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => fail(new Error(`the dev server exited (${code}):\n${tail(out)}`)));
    });
    await checkApp('vite dev server', base);
  } catch (e) {
    report('vite dev server', false, e.message);
  } finally {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

// Node: the package from ESM (import, the `node` export) and from CommonJS (require, the
// CommonJS entry), on disk, with a SPARQL query; and the README's first code block.
const ESM_CHECK = `
import { NervusDB } from 'nervusdb';
const dir = process.argv[2];
const db = new NervusDB(dir);
await db.open();
await db.add({ subject: 'alice', predicate: 'age', object: 31 });
await db.close();
const again = await new NervusDB(dir).open();
const r = await again.sparql('SELECT ?a WHERE { <alice> <age> ?a }');
console.log(JSON.stringify({ backend: again.backend, rows: r.rows.length }));
await again.close();
`;
const CJS_CHECK = `
const { open, load, XSD } = require('nervusdb');
(async () => {
  const db = await open(process.argv[2]);
  await db.add({ subject: 'alice', predicate: 'age', object: 31 });
  const r = await db.sparql('SELECT ?a WHERE { <alice> <age> ?a }');
  const { NervusDB } = await load();
  console.log(JSON.stringify({ backend: db.backend, rows: r.rows.length, same: db instanceof NervusDB && typeof XSD === 'string' }));
  await db.close();
})().catch((e) => { console.error(e); process.exit(1); });
`;

function checkScript(label, cmd, argv, dir) {
  const r = run(cmd, argv, { cwd: dir, timeout: 120_000 });
  const last = r.out.trim().split('\n').pop();
  let parsed = null;
  try {
    parsed = JSON.parse(last);
  } catch {
    // reported below
  }
  const ok = r.ok && parsed !== null && parsed.rows === 1 && parsed.same !== false;
  report(label, ok, ok ? `${parsed.backend}, on disk, SPARQL` : `\n${tail(r.out)}`);
}

function nodeChecks(tarball, work) {
  const dir = join(work, 'node-app');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  installTarball(tarball, dir);
  writeFileSync(join(dir, 'check.mjs'), ESM_CHECK);
  writeFileSync(join(dir, 'check.cjs'), CJS_CHECK);
  for (const node of nodes) {
    const version = run(node, ['--version']).out.trim();
    checkScript(`node ${version} ESM import`, node, ['check.mjs', join(work, `esm-${version}`)], dir);
    checkScript(`node ${version} CommonJS require`, node, ['check.cjs', join(work, `cjs-${version}`)], dir);
  }
  return dir;
}

/** Deno and Bun from the npm registry, run on the Node app's directory. */
function otherRuntimes(dir, work) {
  const tools = join(tmpdir(), 'nervusdb-bundlers-runtimes');
  for (const [name, pkg, argv] of [
    ['deno', 'deno', (bin) => [bin, ['run', '--allow-read', '--allow-write', '--allow-env', '--allow-sys', 'check.mjs', join(work, 'deno-db')]]],
    ['bun', 'bun', (bin) => [bin, ['check.mjs', join(work, 'bun-db')]]],
  ]) {
    if (!wanted(name)) {
      continue;
    }
    const bin = join(tools, 'node_modules', '.bin', name);
    if (!existsSync(bin)) {
      const r = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', tools, pkg]);
      if (!r.ok || !existsSync(bin)) {
        console.log(`skip ${name}: could not be installed from npm:\n${tail(r.out, 5)}`);
        continue;
      }
    }
    const version = run(bin, ['--version']).out.trim().split('\n')[0];
    if (!version) {
      console.log(`skip ${name}: installed but does not run here`);
      continue;
    }
    const [cmd, argv2] = argv(bin);
    const label = version.startsWith(name) ? version : `${name} ${version}`;
    checkScript(`${label} ESM import`, cmd, argv2, dir);
    if (name === 'bun') {
      checkScript(`${label} CommonJS require`, bin, ['check.cjs', join(work, 'bun-cjs')], dir);
    }
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'nervusdb-bundlers-'));
  let tarball;
  try {
    tarball = pack(work);
    console.log(`packed ${tarball} (${statSync(tarball).size} bytes)`);
    await bundlerApps(tarball);
    if (wanted('vite-dev')) {
      await viteDev(tarball);
    }
    if (wanted('node')) {
      const dir = nodeChecks(tarball, work);
      otherRuntimes(dir, work);
    } else if (wanted('deno') || wanted('bun')) {
      otherRuntimes(nodeChecks(tarball, work), work);
    }
  } catch (e) {
    report('bundler checks', false, e.message);
  } finally {
    await browser?.close().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`bundlers: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length === 0 && results.length > 0 ? 0 : 1;
}

await main();
