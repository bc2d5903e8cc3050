// Checks the dashboard of a running `nervusdb serve` in headless Chromium (Debian's
// /usr/bin/chromium, or $CHROMIUM, driven by playwright-core; no browser is downloaded):
// the page loads, every chart's canvas has drawn lines, and the figures move when this script
// sends queries. Usage: node dashboard-check.mjs BASE_URL [SCREENSHOT.png]
// Prints "dashboard check: N passed, 0 failed" and exits 0, or prints what failed and exits 1.
import { chromium } from "playwright-core";

const base = process.argv[2];
const shot = process.argv[3];
if (!base) {
  console.error("usage: node dashboard-check.mjs BASE_URL [SCREENSHOT.png]");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
let passed = 0;
const failures = [];
function check(ok, what) {
  if (ok) passed++; else failures.push(what);
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  const resp = await page.goto(base + "/$/nervusdb/dashboard");
  check(resp && resp.ok(), "dashboard answers 200");
  await page.waitForFunction(() => window.nervusdbDashboard && window.nervusdbDashboard.draws >= 2, null, { timeout: 15000 });
  const before = await page.evaluate(() => window.nervusdbDashboard.lastRaw.queries);

  // Load: queries from 4 clients for about 3 seconds.
  const q = encodeURIComponent("SELECT * WHERE { ?s ?p ?o } LIMIT 20");
  const until = Date.now() + 3000;
  let sent = 0;
  await Promise.all([0, 1, 2, 3].map(async () => {
    while (Date.now() < until) {
      const r = await fetch(base + "/ds/sparql?query=" + q, { headers: { Accept: "application/sparql-results+json" } });
      await r.arrayBuffer();
      if (r.ok) sent++;
    }
  }));
  check(sent > 0, "the load's queries were answered");
  await page.waitForTimeout(2200);

  const after = await page.evaluate(() => window.nervusdbDashboard.lastRaw.queries);
  check(after >= before + sent, `query count moved (${before} -> ${after}, sent ${sent})`);
  const maxQps = await page.evaluate(() => Math.max(0, ...window.nervusdbDashboard.samples.map((s) => s.qps || 0)));
  check(maxQps > 1, `queries per second shown (max ${maxQps.toFixed(1)})`);
  const p50 = await page.evaluate(() => window.nervusdbDashboard.samples.some((s) => s.q50 != null && s.q50 > 0));
  check(p50, "query latency percentiles shown");
  const termHit = await page.evaluate(() => window.nervusdbDashboard.samples.some((s) => s.termHit != null && s.termHit >= 0));
  check(termHit, "term cache hit rate shown");
  const blockHit = await page.evaluate(() => window.nervusdbDashboard.samples.some((s) => s.blockHit != null));
  check(blockHit, "block cache hit rate shown");

  // Every canvas drew: pixels in other colours than the white background and grey grid.
  const canvases = await page.evaluate(() => Array.from(document.querySelectorAll("canvas")).map((c) => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let coloured = 0;
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i], g = d[i + 1], b = d[i + 2];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
    }
    return { id: c.id, coloured, w: c.width, h: c.height };
  }));
  check(canvases.length >= 8, `${canvases.length} charts on the page`);
  for (const c of canvases) {
    if (c.id === "chart-ulatency" || c.id === "chart-fsync") continue; // no writes in this load
    check(c.w > 0 && c.coloured >= 5, `chart ${c.id} drew lines (${c.coloured} coloured pixels)`);
  }
  const rates = canvases.find((c) => c.id === "chart-rates");
  check(rates && rates.coloured > 50, "the requests-per-second chart has a line");
  const status = await page.textContent("#status");
  check(/queries \d+/.test(status) && !/cannot read/.test(status), "status line: " + status);
  check(pageErrors.length === 0, "no script errors: " + pageErrors.join("; "));
  if (shot) await page.screenshot({ path: shot, fullPage: true });
} finally {
  await browser.close();
}
for (const f of failures) console.log("FAILED: " + f);
console.log(`dashboard check: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
