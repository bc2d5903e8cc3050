// Runs the package's mocha suite (test/*.test.mjs and test/browser/*.test.mjs) in headless Chromium: once on the default
// backend, which must be WebAssembly GC there, and once with the JavaScript build forced.
// Serves js/ (sources, dist/ and node_modules/) over http on 127.0.0.1 and drives Debian's
// Chromium with playwright-core; never downloads a browser.
//
//   node test/browser/run.mjs            run both backends, exit non-zero on any failure
//   node test/browser/run.mjs --serve    only serve, to open the test page in a browser by hand
//
// CHROMIUM_PATH overrides /usr/bin/chromium.
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { NervusDB, wasmGcSupported } from '../../src/index.mjs';
import { jvmAvailable, jvmDump, key } from '../node/jvm.mjs';

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const RUN_TIMEOUT_MS = 120_000; // one backend's whole suite
const LAUNCH_TIMEOUT_MS = 60_000;

const RUNS = [
  { name: 'wasm-gc', query: '', backend: 'wasm-gc' },
  { name: 'js', query: 'useWasm=false', backend: 'js' },
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

// Cross-origin isolation, so that storage built on SharedArrayBuffer can be tested here too.
const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

// Files exchanged with the pages (test/browser/format.test.mjs): /exchange/fixture/NAME serves
// a database written here in Node; PUT /exchange/upload/RUN/NAME stores a file of a database
// written in the browser, which the runner then opens in Node and in the JVM.
let exchange;
const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

function readBody(req) {
  return new Promise((ok, fail) => {
    const parts = [];
    req.on('data', (d) => parts.push(d));
    req.on('end', () => ok(Buffer.concat(parts)));
    req.on('error', fail);
  });
}

async function handle(req, res) {
  const send = (status, body, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { ...HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return send(400, 'bad path\n');
  }
  const upload = /^\/exchange\/upload\/([a-z-]+)\/([^/]+)$/.exec(path);
  if (req.method === 'PUT' && upload && RUNS.some((r) => r.name === upload[1]) && SAFE_NAME.test(upload[2])) {
    const dir = join(exchange, `upload-${upload[1]}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, upload[2]), await readBody(req));
    return send(200, 'stored\n');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(405, 'method not allowed\n');
  }
  const fixture = /^\/exchange\/fixture\/([^/]+)$/.exec(path);
  if (fixture) {
    if (!SAFE_NAME.test(fixture[1])) {
      return send(400, 'bad name\n');
    }
    try {
      return send(200, await readFile(join(exchange, 'fixture', fixture[1])), 'application/octet-stream');
    } catch {
      return send(404, 'not found\n');
    }
  }
  const file = resolve(join(ROOT, path));
  if (file !== ROOT && !file.startsWith(ROOT + sep)) {
    return send(403, 'outside the package\n');
  }
  try {
    if (!(await stat(file)).isFile()) {
      return send(404, 'not a file\n');
    }
    send(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
  } catch {
    send(404, 'not found\n');
  }
}

function listen() {
  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.destroy(e);
    });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok(server));
  });
}

// The shared suite (test/*.test.mjs) and the browser's own tests (test/browser/*.test.mjs);
// test/node/ holds tests that need Node.
async function testFiles() {
  const shared = (await readdir(join(ROOT, 'test'))).filter((f) => f.endsWith('.test.mjs')).sort();
  if (shared.length === 0) {
    throw new Error('no test/*.test.mjs files');
  }
  const own = (await readdir(join(ROOT, 'test', 'browser'))).filter((f) => f.endsWith('.test.mjs')).sort();
  return [...shared, ...own.map((f) => `browser/${f}`)];
}

function pageUrl(base, files, query) {
  const params = new URLSearchParams(query);
  for (const f of files) {
    params.append('file', f);
  }
  return `${base}/test/browser/index.html?${params}`;
}

function indent(text, prefix = '      ') {
  return text.split('\n').map((line) => prefix + line).join('\n');
}

// Deterministic triples for the exchange in both directions: the encodings, several tables,
// records only in the log, deletes.
function exchangeTriples(tag) {
  const out = [];
  for (let i = 0; i < 600; i++) {
    out.push({
      subject: `http://example.org/${tag}/s${i % 37}`,
      predicate: ['name', 'knows', 'label', 'städte', '数据', 'emoji😀'][i % 6],
      object: i % 50 === 0 ? '' : `${tag} value ${i} ${[...'é数😀\t\n'].slice(0, i % 6).join('')}`,
    });
  }
  return out;
}

// The fixture: written here by the Node build of the package, in the JVM library's format.
async function writeFixture() {
  const dir = join(exchange, 'fixture');
  const db = new NervusDB(dir, { useWasm: false, memtableSize: 16 * 1024 });
  await db.open();
  const triples = exchangeTriples('node');
  await db.addBatch(triples.slice(0, 400));
  await db.flush();
  await db.addBatch(triples.slice(400));
  await db.delete(triples[1]);
  await db.close();
  const expected = triples.filter((_, i) => i !== 1).map(key).sort();
  const files = (await readdir(dir)).filter((f) => f !== 'LOCK');
  await writeFile(join(dir, 'index.json'), JSON.stringify({ files, expected }));
}

// Opens what a page uploaded in Node (both backends where available) and in the JVM, and
// compares it with the triples the page said it wrote. Returns whether all agreed.
async function checkUpload(run) {
  const dir = join(exchange, `upload-${run.name}`);
  let expected;
  try {
    expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8'));
    await rm(join(dir, 'expected.json'));
  } catch {
    console.log(`  exchange: the page uploaded no database`);
    return false;
  }
  const want = JSON.stringify([...expected].sort());
  let ok = true;
  for (const useWasm of wasmGcSupported() ? [true, false] : [false]) {
    const db = new NervusDB(dir, { useWasm });
    try {
      await db.open();
      await db.verify();
      const got = JSON.stringify((await db.query().execute()).map(key).sort());
      const same = got === want;
      console.log(`  exchange: the browser's database opens in Node (${db.backend}): ${same ? 'same triples' : 'DIFFERENT triples'}`);
      ok &&= same;
    } catch (e) {
      console.log(`  exchange: Node (${useWasm ? 'wasm' : 'js'}) could not open the browser's database: ${e.code} ${e.message}`);
      ok = false;
    } finally {
      await db.close();
    }
  }
  if (jvmAvailable()) {
    try {
      const same = JSON.stringify([...jvmDump(dir)].sort()) === want;
      console.log(`  exchange: the browser's database opens in the JVM: ${same ? 'same triples' : 'DIFFERENT triples'}`);
      ok &&= same;
    } catch (e) {
      console.log(`  exchange: the JVM could not open the browser's database: ${e.message}`);
      ok = false;
    }
  } else {
    console.log('  exchange: no java or command-line jar here; the JVM check did not run');
  }
  return ok;
}

// One backend's run in a fresh browser context; returns { passed, failed, pending, ok }.
async function runOne(browser, base, files, run) {
  const label = `chromium ${run.name}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  let pageErrors = 0;
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      console.log(`  [${label} console.${msg.type()}] ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => {
    pageErrors++;
    console.log(`  [${label} page error] ${err.stack || err}`);
  });
  page.on('requestfailed', (req) => console.log(`  [${label} request failed] ${req.url()}: ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) {
      console.log(`  [${label} http ${res.status()}] ${res.url()}`);
    }
  });

  const out = { passed: 0, failed: 0, pending: 0, ok: false };
  try {
    console.log(`${label}:`);
    await page.goto(pageUrl(base, files, run.query), { timeout: RUN_TIMEOUT_MS });
    await page.waitForFunction(() => window.__mochaResult?.done === true, null, { timeout: RUN_TIMEOUT_MS, polling: 100 });
    const result = await page.evaluate(() => window.__mochaResult);
    if (result.error) {
      console.log(`  could not load the tests:\n${indent(result.error)}`);
      return out;
    }
    for (const t of result.tests) {
      if (t.state === 'passed') {
        out.passed++;
        console.log(`  ✓ ${t.title} (${t.duration} ms)`);
      } else if (t.state === 'failed') {
        out.failed++;
        console.log(`  ✗ ${t.title}\n${indent(t.error ?? '')}`);
      } else {
        out.pending++;
        console.log(`  - ${t.title} (pending)`);
      }
    }
    // The backend the page really got, from the same module instance the tests used.
    const backend = await page.evaluate(async () => {
      const { NervusDB } = await import('/src/index.mjs');
      const db = new NervusDB();
      await db.open();
      await db.close();
      return `${db.backend} (${db.backendReason}), cross-origin isolated: ${globalThis.crossOriginIsolated}`;
    });
    console.log(`  backend: ${backend}`);
    const backendOk = backend.startsWith(`${run.backend} `);
    if (!backendOk) {
      console.log(`  expected backend ${run.backend}`);
    }
    const ran = out.passed + out.failed;
    if (ran === 0) {
      console.log('  no test ran');
    }
    if (pageErrors > 0) {
      console.log(`  ${pageErrors} page error(s)`);
    }
    const exchanged = await checkUpload(run);
    out.ok = backendOk && ran > 0 && out.failed === 0 && pageErrors === 0 && exchanged;
  } catch (e) {
    console.log(`  ${e.name === 'TimeoutError' ? 'timed out' : 'failed'}: ${e.message.split('\n')[0]}`);
  } finally {
    console.log(`${label}: ${out.passed} passed, ${out.failed} failed, ${out.pending} pending`);
    await context.close().catch(() => {});
  }
  return out;
}

async function main() {
  const files = await testFiles();
  exchange = await mkdtemp(join(tmpdir(), 'nervusdb-browser-'));
  await writeFixture();
  const server = await listen();
  const base = `http://127.0.0.1:${server.address().port}`;
  if (process.argv.includes('--serve')) {
    console.log(`serving ${ROOT}; open ${pageUrl(base, files, '')} (add &useWasm=false for the JavaScript build)`);
    return;
  }
  // Last resort if the browser or the server hangs beyond the timeouts below.
  setTimeout(() => {
    console.log('chromium: timed out, giving up');
    process.exit(1);
  }, LAUNCH_TIMEOUT_MS + RUNS.length * 2 * RUN_TIMEOUT_MS + 30_000).unref();
  let browser;
  const totals = { passed: 0, failed: 0 };
  let ok = true;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: LAUNCH_TIMEOUT_MS,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    console.log(`Chromium ${browser.version()}, serving ${ROOT} at ${base}`);
    for (const run of RUNS) {
      const r = await runOne(browser, base, files, run);
      totals.passed += r.passed;
      totals.failed += r.failed;
      ok &&= r.ok;
    }
  } catch (e) {
    console.log(`browser run failed: ${e.stack || e}`);
    ok = false;
  } finally {
    await browser?.close().catch(() => {});
    server.closeAllConnections();
    server.close();
    await rm(exchange, { recursive: true, force: true });
  }
  console.log(`chromium: ${totals.passed} passed, ${totals.failed} failed`);
  if (!ok) {
    console.log('chromium: FAILED');
  }
  process.exitCode = ok ? 0 : 1;
}

await main();
