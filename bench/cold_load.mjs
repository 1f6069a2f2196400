// Issue 16: a cold first load of the web UI on loopback (target: under 1 s).
// Method: a real `vinculo serve` over the demo database (web/e2e/harness.mjs)
// and Debian's chromium; each round opens a fresh browser context (no cache,
// no service worker) and times, from the navigation's start, until the login
// form is on the screen (the bundle fetched, parsed and run). The anchor, in
// the same round, is a cold navigation to one of the build's tiny files (the
// browser's own cost of a context and a navigation on this machine), so the
// ratio says how much the app's files add whatever the machine's load.
// Usage: node bench/cold_load.mjs [rounds]; VINCULO_BINARY and
// VINCULO_WEB_ROOT choose the server and the build (defaults: this tree's).
import { launchBrowser, startServer, viewports } from "../web/e2e/harness.mjs";

const rounds = Number(process.argv[2] ?? 9);
const server = await startServer();
const chromium = await launchBrowser();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function cold(url, ready) {
  const context = await chromium.browser.newContext({ viewport: viewports.phone, locale: "es-PE" });
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url);
  await ready(page);
  const elapsed = performance.now() - started;
  const transferred = await page.evaluate(() =>
    performance.getEntriesByType("resource").reduce((sum, entry) => sum + entry.transferSize, 0) +
    performance.getEntriesByType("navigation").reduce((sum, entry) => sum + entry.transferSize, 0),
  );
  await context.close();
  return { elapsed, transferred };
}

try {
  const html = await (await fetch(`${server.baseUrl}/`)).text();
  const icon = /href="(\/assets\/icon-[^"]+\.svg)"/.exec(html)?.[1];
  const app = [];
  const anchor = [];
  let bytes = 0;
  for (let round = 0; round < rounds; round += 1) {
    const loaded = await cold(`${server.baseUrl}/login`, (page) => page.getByLabel(/Usuario|Username/).waitFor());
    app.push(loaded.elapsed);
    bytes = loaded.transferred;
    anchor.push((await cold(server.baseUrl + icon, (page) => page.waitForLoadState("load"))).elapsed);
  }
  const result = {
    rounds,
    cold_load_ms_median: Math.round(median(app)),
    cold_load_ms_worst: Math.round(Math.max(...app)),
    anchor_ms_median: Math.round(median(anchor)),
    ratio_to_anchor: Number((median(app) / median(anchor)).toFixed(2)),
    bytes_transferred: bytes,
  };
  console.log(JSON.stringify(result));
} finally {
  await chromium.close();
  await server.stop();
}
