// Runs the package's mocha suite (test/*.test.mjs and test/browser/*.test.mjs) in a headless
// browser: once on the default backend, which must be WebAssembly GC, and once with the
// JavaScript build forced. Serves js/ (sources, dist/ and node_modules/) over http on 127.0.0.1
// with cross-origin isolation, and drives a browser installed from Debian; never downloads one.
//
//   node test/browser/run.mjs [--browser NAME]   run both backends in chromium (the default),
//                                  firefox or webkit (repeatable, or comma-separated); exits
//                                  non-zero on any failure
//   node test/browser/run.mjs --serve            only serve, to open the test page by hand
//
// chromium: /usr/bin/chromium (CHROMIUM_PATH) through playwright-core (DevTools protocol).
// firefox:  /usr/bin/firefox-esr (FIREFOX_PATH) through puppeteer-core over WebDriver BiDi.
// webkit:   WebKitGTK's MiniBrowser through /usr/bin/WebKitWebDriver (WEBKIT_WEBDRIVER_PATH,
//           Debian's webkit2gtk-driver), classic WebDriver over HTTP with fetch; WebKitGTK has no
//           headless mode, so without $DISPLAY the driver runs under xvfb-run (Debian's xvfb).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NervusDB, wasmGcSupported } from '../../src/index.mjs';
import { jvmAvailable, jvmDump, key } from '../node/jvm.mjs';

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
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
    await rm(dir, { recursive: true, force: true });
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
  await rm(dir, { recursive: true, force: true }); // the next browser's run starts from nothing
  return ok;
}

// --- Drivers. Each one launches its browser and opens sessions (a fresh browser context, or a
// fresh browser for WebDriver) with goto(url), waitDone(timeout), evaluate(fn) for a no-argument
// async function, errors() (page errors seen) and close().

const CONSOLE_SHOWN = new Set(['error', 'warning', 'warn']);

// playwright-core and puppeteer-core pages: the same events, two spellings of waitForFunction.
function devtoolsSession(page, label, waitFor, close) {
  let pageErrors = 0;
  page.on('console', (msg) => {
    if (CONSOLE_SHOWN.has(msg.type())) {
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
  return {
    goto: (url) => page.goto(url, { timeout: RUN_TIMEOUT_MS }),
    waitDone: () => waitFor(page, () => window.__mochaResult?.done === true),
    evaluate: (fn) => page.evaluate(fn),
    errors: () => pageErrors,
    close,
  };
}

const chromiumDriver = {
  name: 'chromium',
  async launch() {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      timeout: LAUNCH_TIMEOUT_MS,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return {
      version: `Chromium ${browser.version()}`,
      async open(label) {
        const context = await browser.newContext();
        const page = await context.newPage();
        return devtoolsSession(page, label,
          (p, fn) => p.waitForFunction(fn, null, { timeout: RUN_TIMEOUT_MS, polling: 100 }),
          () => context.close());
      },
      close: () => browser.close(),
    };
  },
};

const firefoxDriver = {
  name: 'firefox',
  async launch() {
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
      headless: true,
      timeout: LAUNCH_TIMEOUT_MS,
      // Offline: no updates, telemetry or remote settings (puppeteer sets most of these too).
      extraPrefsFirefox: {
        'app.update.disabledForTesting': true,
        'browser.safebrowsing.update.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
      },
    });
    return {
      version: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
      async open(label) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        return devtoolsSession(page, label,
          (p, fn) => p.waitForFunction(fn, { timeout: RUN_TIMEOUT_MS, polling: 100 }),
          () => context.close());
      },
      close: () => browser.close(),
    };
  },
};

function freePort() {
  return new Promise((ok, fail) => {
    const s = createNetServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// Classic WebDriver over HTTP (WebKitWebDriver), with fetch.
async function webdriver(base, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(RUN_TIMEOUT_MS),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json.value?.error) {
    throw new Error(`WebDriver ${method} ${path}: ${res.status} ${json.value?.error ?? ''} ${json.value?.message ?? ''}`);
  }
  return json.value;
}

const webkitDriver = {
  name: 'webkit',
  async launch() {
    const driverPath = process.env.WEBKIT_WEBDRIVER_PATH || '/usr/bin/WebKitWebDriver';
    const miniBrowser = process.env.WEBKIT_MINIBROWSER_PATH
      || ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
        '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'].find((f) => existsSync(f));
    if (!existsSync(driverPath) || !miniBrowser) {
      throw new Error(`WebKitWebDriver or MiniBrowser not found (apt-get install webkit2gtk-driver)`);
    }
    const port = await freePort();
    // WebKitGTK draws into an X display even under automation: a virtual one if there is none.
    const argv = process.env.DISPLAY ? [driverPath, `--port=${port}`]
      : ['xvfb-run', '--auto-servernum', '--server-args=-screen 0 1280x1024x24', driverPath, `--port=${port}`];
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    let exited = null;
    child.once('exit', (code, signal) => {
      exited = `exited with ${code ?? signal}`;
    });
    child.once('error', (e) => {
      exited = e.message;
    });
    const kill = () => {
      try {
        process.kill(-child.pid, 'SIGTERM'); // the group: xvfb-run, Xvfb, the driver and MiniBrowser
      } catch {}
    };
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + LAUNCH_TIMEOUT_MS;
    for (;;) {
      if (exited !== null) {
        throw new Error(`WebKitWebDriver ${exited}: ${stderr.trim()}`);
      }
      if (await webdriver(base, 'GET', '/status').then((v) => v.ready !== false, () => false)) {
        break;
      }
      if (Date.now() > deadline) {
        kill();
        throw new Error(`WebKitWebDriver did not start: ${stderr.trim()}`);
      }
      await sleep(200);
    }
    // WebKitGTK as shipped: its Storage API (navigator.storage) and File System API (OPFS) are
    // switched off, so persistent databases are refused and the OPFS tests say they do not apply.
    // WEBKIT_FEATURES (MiniBrowser's --features, e.g. '+StorageAPI,+FileSystem,+AccessHandle')
    // turns them on; in WebKitGTK 2.50 that does not give working storage: under WebDriver
    // navigator.storage.getDirectory() rejects (UnknownError), and in a plain MiniBrowser window
    // createSyncAccessHandle() fails (NotSupportedError: "Backend does not support this operation").
    const features = process.env.WEBKIT_FEATURES ?? '';
    const capabilities = {
      alwaysMatch: {
        'webkitgtk:browserOptions': {
          binary: miniBrowser,
          args: ['--automation', ...(features === '' ? [] : [`--features=${features}`])],
        },
      },
    };
    let version = 'WebKitGTK';
    return {
      get version() {
        return version;
      },
      async open(label) {
        const session = await webdriver(base, 'POST', '/session', { capabilities });
        version = `WebKitGTK ${session.capabilities.browserVersion} (${session.capabilities.browserName})`;
        const at = `/session/${session.sessionId}`;
        await webdriver(base, 'POST', `${at}/timeouts`, { script: RUN_TIMEOUT_MS, pageLoad: RUN_TIMEOUT_MS });
        const evaluate = async (fn) => {
          const r = await webdriver(base, 'POST', `${at}/execute/async`, {
            script: `const done = arguments[arguments.length - 1];
              Promise.resolve().then(${fn}).then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));`,
            args: [],
          });
          if (r.error) {
            throw new Error(r.error);
          }
          return r.value;
        };
        let pageErrors = 0;
        return {
          goto: (url) => webdriver(base, 'POST', `${at}/url`, { url }),
          async waitDone() {
            const until = Date.now() + RUN_TIMEOUT_MS;
            while (!(await evaluate(() => window.__mochaResult?.done === true))) {
              if (Date.now() > until) {
                throw Object.assign(new Error('the page did not finish'), { name: 'TimeoutError' });
              }
              await sleep(250);
            }
            // No event channel here: the page's own record of uncaught errors (index.html).
            for (const e of await evaluate(() => window.__pageErrors ?? [])) {
              pageErrors++;
              console.log(`  [${label} page error] ${e}`);
            }
          },
          evaluate,
          errors: () => pageErrors,
          close: () => webdriver(base, 'DELETE', at),
        };
      },
      async close() {
        kill();
      },
    };
  },
};

const DRIVERS = { chromium: chromiumDriver, firefox: firefoxDriver, webkit: webkitDriver };

// What the engine offers, read in a page of the test origin: WebAssembly GC, cross-origin
// isolation, OPFS, and sync access handles in a dedicated worker.
async function engineFeatures(session) {
  return session.evaluate(async () => {
    const { wasmGcSupported } = await import('/src/index.mjs');
    const worker = new Worker(URL.createObjectURL(new Blob([`
      onmessage = async () => {
        let sah = 'no';
        try {
          const root = await navigator.storage.getDirectory();
          const fh = await root.getFileHandle('nervusdb-probe', { create: true });
          if (typeof fh.createSyncAccessHandle === 'function') {
            const h = await fh.createSyncAccessHandle();
            h.close();
            sah = 'yes';
          }
          await root.removeEntry('nervusdb-probe');
        } catch (e) {
          sah = 'no (' + e.name + ': ' + e.message + ')';
        }
        postMessage(sah);
      };`], { type: 'text/javascript' })));
    const sah = await new Promise((ok) => {
      worker.onmessage = (e) => ok(e.data);
      worker.onerror = (e) => ok(`no (worker error: ${e.message})`);
      worker.postMessage(null);
    });
    worker.terminate();
    return `WebAssembly GC: ${wasmGcSupported() ? 'yes' : 'no'}; cross-origin isolated: ${globalThis.crossOriginIsolated === true ? 'yes' : 'no'}; `
      + `OPFS: ${typeof navigator.storage?.getDirectory === 'function' ? 'yes' : 'no'}; sync access handles in a worker: ${sah}`;
  });
}

// One backend's run in a fresh session; returns { passed, failed, pending, ok }.
async function runOne(launched, browserName, base, files, run) {
  const label = `${browserName} ${run.name}`;
  const out = { passed: 0, failed: 0, pending: 0, ok: false };
  let unexplained = 0; // pending tests that did not say why they do not apply
  let session;
  try {
    console.log(`${label}:`);
    session = await launched.open(label);
    await session.goto(pageUrl(base, files, run.query));
    await session.waitDone();
    const result = await session.evaluate(() => window.__mochaResult);
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
        unexplained += t.reason ? 0 : 1;
        console.log(`  - ${t.title} (pending${t.reason ? `: ${t.reason}` : ', no reason given: counts as a failure'})`);
      }
    }
    // The backend the page really got, from the same module instance the tests used.
    const backend = await session.evaluate(async () => {
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
    if (session.errors() > 0) {
      console.log(`  ${session.errors()} page error(s)`);
    }
    // The exchange needs the page's upload, which needs OPFS: where that test did not apply, it
    // said why above.
    const upload = result.tests.find((t) => t.title.includes('is uploaded for Node and the JVM to open'));
    let exchanged;
    if (upload?.state === 'pending' && upload.reason) {
      console.log('  exchange: not applicable here (no database could be stored in the browser, see above)');
      await rm(join(exchange, `upload-${run.name}`), { recursive: true, force: true });
      exchanged = true;
    } else {
      exchanged = await checkUpload(run);
    }
    out.ok = backendOk && ran > 0 && out.failed === 0 && unexplained === 0 && session.errors() === 0 && exchanged;
  } catch (e) {
    console.log(`  ${e.name === 'TimeoutError' ? 'timed out' : 'failed'}: ${e.message.split('\n')[0]}`);
  } finally {
    console.log(`${label}: ${out.passed} passed, ${out.failed} failed, ${out.pending} pending`);
    await session?.close().catch(() => {});
  }
  return out;
}

function browsersWanted() {
  const names = [];
  process.argv.forEach((arg, i) => {
    if (arg === '--browser') {
      names.push(...(process.argv[i + 1] ?? '').split(','));
    } else if (arg.startsWith('--browser=')) {
      names.push(...arg.slice('--browser='.length).split(','));
    }
  });
  const wanted = names.length === 0 ? ['chromium'] : names;
  for (const n of wanted) {
    if (!DRIVERS[n]) {
      throw new Error(`unknown browser ${n}: one of ${Object.keys(DRIVERS).join(', ')}`);
    }
  }
  return wanted;
}

async function runBrowser(driver, base, files) {
  const name = driver.name;
  const totals = { passed: 0, failed: 0, pending: 0 };
  let ok = true;
  let launched;
  try {
    launched = await driver.launch();
    const probe = await launched.open(`${name} probe`);
    try {
      await probe.goto(`${base}/test/browser/index.html`);
      console.log(`${launched.version}, serving ${ROOT} at ${base}`);
      console.log(`  engine: ${await engineFeatures(probe)}`);
    } finally {
      await probe.close().catch(() => {});
    }
    for (const run of RUNS) {
      const r = await runOne(launched, name, base, files, run);
      totals.passed += r.passed;
      totals.failed += r.failed;
      totals.pending += r.pending;
      ok &&= r.ok;
    }
  } catch (e) {
    console.log(`${name}: browser run failed: ${e.stack || e}`);
    ok = false;
  } finally {
    await launched?.close().catch(() => {});
  }
  console.log(`${name}: ${totals.passed} passed, ${totals.failed} failed, ${totals.pending} pending`);
  if (!ok) {
    console.log(`${name}: FAILED`);
  }
  return ok;
}

async function main() {
  const files = await testFiles();
  const wanted = browsersWanted();
  exchange = await mkdtemp(join(tmpdir(), 'nervusdb-browser-'));
  await writeFixture();
  const server = await listen();
  const base = `http://127.0.0.1:${server.address().port}`;
  if (process.argv.includes('--serve')) {
    console.log(`serving ${ROOT}; open ${pageUrl(base, files, '')} (add &useWasm=false for the JavaScript build)`);
    return;
  }
  // Last resort if a browser or the server hangs beyond the timeouts below.
  setTimeout(() => {
    console.log(`${wanted.join(', ')}: timed out, giving up`);
    process.exit(1);
  }, wanted.length * (LAUNCH_TIMEOUT_MS + (RUNS.length + 1) * 2 * RUN_TIMEOUT_MS) + 30_000).unref();
  let ok = true;
  try {
    for (const name of wanted) {
      ok = (await runBrowser(DRIVERS[name], base, files)) && ok;
    }
  } finally {
    server.closeAllConnections();
    server.close();
    await rm(exchange, { recursive: true, force: true });
  }
  process.exitCode = ok ? 0 : 1;
}

await main();
