// End-to-end harness: a real `vinculo serve` on a loopback port over a fresh
// demo database, and Debian's chromium driven by playwright-core.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
// VINCULO_WEB_ROOT: another build (bench/cold_load.mjs compares two).
export const webRoot = process.env.VINCULO_WEB_ROOT ?? path.resolve(here, "../dist");
export const artifacts = path.resolve(process.env.VINCULO_E2E_ARTIFACTS ?? path.join(repoRoot, "test-artifacts"));
export const DEMO_PASSWORD = "vinculo-demo-2026";
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const viewports = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 860 } };

// A suite's server and browser: a fresh `vinculo serve` over the demo and
// chromium, started before the file's tests and stopped after them. Returns
// the object whose `server` and `chromium` the tests use.
export function useServerAndBrowser(setUp) {
  const world = { server: undefined, chromium: undefined };
  before(async () => {
    world.server = await startServer();
    world.chromium = await launchBrowser();
    // A file's own set-up, once both are up (a second top-level before()
    // hook may run before this one has finished).
    if (setUp) await setUp(world);
  });
  after(async () => {
    await world.chromium?.close();
    await world.server?.stop();
  });
  return world;
}

// The demo as `vinculo init --demo` writes it, made once per binary (its size
// and time) and day, then copied for each file's server (issue 14: the demo
// took two seconds of each file). Two files making it at once both write a
// copy of their own and rename it into place: the same bytes either way.
function demoDatabase(binary) {
  const { size, mtimeMs } = statSync(binary);
  const day = new Date().toISOString().slice(0, 10);
  const key = createHash("sha256").update(`${binary} ${size} ${mtimeMs} ${day}`).digest("hex").slice(0, 16);
  const kept = path.join(tmpdir(), `vinculo-e2e-demo-${key}.db`);
  if (existsSync(kept)) return kept;
  for (const name of readdirSync(tmpdir())) {  // demos of earlier binaries and days, a day old
    const file = path.join(tmpdir(), name);
    if (/^vinculo-e2e-demo-[0-9a-f]+\.db$/.test(name) && Date.now() - statSync(file).mtimeMs > 86400000) {
      rmSync(file, { force: true });
    }
  }
  const building = mkdtempSync(path.join(tmpdir(), "vinculo-e2e-demo-building-"));
  const db = path.join(building, "demo.db");
  const init = spawnSync(binary, ["init", "--db", db, "--demo"], { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`vinculo init failed: ${init.stderr}`);
  renameSync(db, kept);
  rmSync(building, { recursive: true, force: true });
  return kept;
}

export async function startServer() {
  const binary = process.env.VINCULO_BINARY ?? path.join(repoRoot, "build/vinculo");
  if (!existsSync(binary)) throw new Error(`no vinculo binary at ${binary}; build it or set VINCULO_BINARY`);
  if (!existsSync(path.join(webRoot, "index.html"))) throw new Error(`no web build at ${webRoot}; run npm run build`);
  const dir = mkdtempSync(path.join(tmpdir(), "vinculo-e2e-"));
  const db = path.join(dir, "e2e.db");
  copyFileSync(demoDatabase(binary), db);
  const port = process.env.VINCULO_E2E_PORT ?? "0";
  const child = spawn(binary, ["serve", "--db", db, "--host", "127.0.0.1", "--port", port, "--threads", "8", "--web-root", webRoot], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const baseUrl = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`vinculo serve did not start: ${out} ${stderr}`)), 20000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /serving on (http:\/\/[0-9.]+:\d+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`vinculo serve exited with ${code}: ${stderr}`)));
  });
  return {
    baseUrl,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The browser: CHROMIUM if set, else Debian's chromium-headless-shell, else
// Debian's chromium. The headless shell is the same Chromium build (Blink, V8,
// the network stack, service workers) without the desktop browser's shell, as
// Playwright uses for headless runs; the same journeys took about two thirds
// of the CPU in it (docs/benchmarks.md, "The journeys in the headless shell").
// CHROMIUM=/usr/bin/chromium runs them in the full browser.
export const browserPath = process.env.CHROMIUM
  || ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((candidate) => existsSync(candidate))
  || "/usr/bin/chromium";

// playwright-core starts chromium on a fresh, temporary user-data dir of its
// own (removed on close); each test then opens fresh contexts in it.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: browserPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

// The network off or on for a whole context. Chromium's offline emulation
// (navigator.onLine, the service worker, every request) is the device without
// signal. Once, in a loaded CI run, a visit record reached the server while
// it was on (not reproduced since; the app only sends from the page, so the
// emulation let it through), so while offline every API request is also
// refused at the context's routing: nothing the app sends can reach the
// server. The requests refused are kept in context.refused.
const kApi = /\/api\//;
export async function setOffline(context, offline) {
  context.refused ??= [];
  await context.setOffline(offline);
  if (offline) {
    await context.route(kApi, (route) => {
      context.refused.push(`${route.request().method()} ${new URL(route.request().url()).pathname}`);
      return route.abort("internetdisconnected");
    });
  } else {
    await context.unroute(kApi);
  }
}

// A fresh context (no cookies) at the given width.
export async function newPage(browser, baseUrl, viewport = viewports.desktop) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: "es-PE" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.errors = errors;
  // Irreversible actions ask first (window.confirm): every question is kept
  // in page.dialogs and answered with page.answerDialogs ("accept" unless a
  // test says "dismiss").
  page.dialogs = [];
  page.answerDialogs = "accept";
  page.on("dialog", (dialog) => {
    page.dialogs.push(dialog.message());
    void (page.answerDialogs === "dismiss" ? dialog.dismiss() : dialog.accept()).catch(() => undefined);
  });
  return page;
}

export async function login(page, username, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/Usuario|Username/).fill(username);
  await page.getByLabel(/Contraseña|Password/).fill(password);
  await page.getByRole("button", { name: /Entrar|Sign in/ }).click();
  await page.locator("header.topbar").waitFor();
}

// axe-core in the page: the serious and critical violations, as text.
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, not as an inline <script>: the
  // server's Content-Security-Policy (script-src 'self') rightly refuses those,
  // and the app itself runs under that policy unchanged.
  // Once per document: the app changes screens without reloading it, and
  // axe's 500 kB parsed again for every check cost about a tenth of its time.
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const outcome = await axe.run(document, { resultTypes: ["violations"] });
    return outcome.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
  });
  return result.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  // A full-page capture of a long screen can take over 30 s on a loaded
  // 2-core machine (it timed out once in a clean-clone run): 90 s.
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true, timeout: 90_000 });
}

// The API as a script: a Bearer token from a login, then JSON calls.
export async function apiAs(baseUrl, username, password = DEMO_PASSWORD) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  const { token } = await response.json();
  return async (method, apiPath, body, headers = {}) => {
    const reply = await fetch(`${baseUrl}/api/v1${apiPath}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await reply.text();
    return { status: reply.status, body: text ? JSON.parse(text) : undefined };
  };
}

// No serious or critical axe violations on the page as it is now.
export async function expectAccessible(page, screen) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${screen}: serious or critical axe violations\n${JSON.stringify(violations, null, 2)}`);
}

// The page as it is now at phone and desktop width: a screenshot of each
// (test-artifacts/<name>-phone.png, -desktop.png), axe at each, and nothing
// scrolling sideways; ends at desktop width.
export async function checkBothWidths(page, name) {
  for (const [width, viewport] of Object.entries(viewports)) {
    await page.setViewportSize(viewport);
    await page.waitForLoadState("networkidle");
    await screenshot(page, `${name}-${width}`);
    await expectAccessible(page, `${name} at ${viewport.width}px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `${name} at ${viewport.width}px scrolls sideways by ${overflow}px`);
  }
  await page.setViewportSize(viewports.desktop);
}

// Today's date and this month in UTC, as the server's clock reads them.
export const todayIso = () => new Date().toISOString().slice(0, 10);

// Visits of today on the demo caregiver's own trip: a session today at the
// first prison, her staff record available today as an escort, this month's
// plan published, and `count` of its visits on her trip in today's session
// (moved there, or booked by hand). Returns the API callers, the plan's id,
// her visits' ids and whether a visit of the plan is hers.
export async function caregiverVisitsToday(baseUrl, count) {
  const today = todayIso();
  const admin = await apiAs(baseUrl, "admin");
  const coordinator = await apiAs(baseUrl, "coordinadora");
  const caregiver = await apiAs(baseUrl, "cuidadora");
  const me = (await caregiver("GET", "/auth/me")).body;
  assert.ok(me.staff_id, "the demo caregiver is linked to her staff record");
  const template = await admin("POST", "/facilities/1/session-templates", {
    pattern: "every_n_days",
    interval: 1,
    anchor_date: today,
    valid_from: today,
    valid_to: today,
    start_time: "15:00",
    end_time: "17:00",
    capacity_families: 20,
    capacity_people: 80,
  });
  assert.equal(template.status, 201, JSON.stringify(template.body));
  const escort = await coordinator("POST", "/organisations/1/escorts", { staff_id: me.staff_id, available_dates: [today] });
  assert.equal(escort.status, 200, JSON.stringify(escort.body));
  const sessions = await coordinator("GET", `/facilities/1/visit-sessions?month=${today.slice(0, 7)}`);
  assert.equal(sessions.status, 200, JSON.stringify(sessions.body));
  const session = sessions.body.items.find((one) => one.template_id === template.body.id);
  assert.ok(session, "today's session");
  const built = await coordinator("POST", "/organisations/1/plans", { month: today.slice(0, 7) });
  assert.equal(built.status, 201, JSON.stringify(built.body));
  const planId = built.body.id;
  assert.equal((await coordinator("POST", `/plans/${planId}/publish`)).status, 200);
  const plan = (await coordinator("GET", `/plans/${planId}`)).body;
  const hers = (visit, trips = plan.trips) => trips.find((trip) => trip.id === visit.trip_id)?.escort_id === escort.body.id;
  const homeOf = (await coordinator("GET", `/staff/${me.staff_id}`)).body.home_id;
  const children = (await coordinator("GET", "/children?limit=200")).body.items;
  const parents = (await coordinator("GET", "/parents?limit=200")).body.items;
  const requirements = (await coordinator("GET", "/organisations/1/visit-requirements")).body.items;
  const mine = [];
  for (const visit of plan.visits.filter((one) => one.status === "planned" && hers(one))) {
    if (mine.length === count) break;
    if (visit.session_id !== session.id) {
      const reply = await coordinator("POST", `/plan-visits/${visit.id}/move`, { session_id: session.id });
      if (reply.status !== 200) continue;
    }
    mine.push(visit.id);
  }
  for (const requirement of requirements) {
    if (mine.length === count) break;
    const child = children.find((one) => one.id === requirement.child_id);
    const parent = parents.find((one) => one.id === requirement.parent_id);
    if (!child || child.home_id !== homeOf || parent?.facility_id !== 1) continue;
    if (plan.visits.some((visit) => visit.requirement_id === requirement.id && visit.status === "planned")) continue;
    const booked = await coordinator("POST", `/plans/${planId}/visits`, { requirement_id: requirement.id, session_id: session.id, escort_id: escort.body.id });
    if (booked.status === 201) mine.push(booked.body.id);
  }
  assert.equal(mine.length, count, `${count} visits of today on the caregiver's trip`);
  return { coordinator, caregiver, planId, mine, hers };
}
