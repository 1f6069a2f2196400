// Issue 16: search as people type (accents, case, parts of names, a full
// name, a pseudonym; done by the server), a search too long for the server
// told plainly with what was typed kept; the phone header small enough to
// leave the screen to the page; the app's files sent as the build
// compressed them. Real chromium, real server, axe and screenshots.
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";
import { apiAs, checkBothWidths, login, newPage, useServerAndBrowser, viewports } from "./harness.mjs";

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const world = useServerAndBrowser();

describe("search, the phone header and the app's files", () => {
  test("a coordinator finds Ángela by typing 'angela huaman', by part of a name and by her pseudonym", async () => {
    const coordinator = await apiAs(world.server.baseUrl, "coordinadora");
    const made = await coordinator("POST", "/children", {
      given_names: "Ángela Rocío",
      family_names: "Huamán Sintética",
      date_of_birth: "2020-05-01",
      sex: "female",
      placement: "relatives",
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const pseudonym = made.body.pseudonym;
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, "coordinadora");
    await page.goto("/children");
    const search = page.getByLabel("Buscar por nombre o seudónimo");
    const cards = page.locator(".child-card");
    const onlyHer = async () => {
      await cards.filter({ hasText: "Ángela Rocío Huamán Sintética" }).waitFor();
      await page.waitForLoadState("networkidle");
      assert.equal(await cards.count(), 1);
    };
    // As she types, without accents or capitals.
    await search.pressSequentially("angela huaman", { delay: 20 });
    await onlyHer();
    await checkBothWidths(page, "search-accents");
    await page.setViewportSize(viewports.phone);
    await search.fill("HUAMAN sint");
    await onlyHer();
    await search.fill(pseudonym.toLowerCase());
    await onlyHer();
    // A search the server will not take: said plainly, what she typed stays.
    const long = "ángela ".repeat(20);
    await search.fill(long);
    await page.getByRole("alert").getByText("La búsqueda es demasiado larga").waitFor();
    assert.equal(await search.inputValue(), long);
    await search.fill("angela");
    await cards.first().waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("on a phone the header takes two short rows for every role", async () => {
    for (const username of ["admin", "coordinadora", "cuidadora", "oficial.guarderia", "visitas", "auditora"]) {
      const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
      await login(page, username);
      await page.waitForLoadState("networkidle");
      const height = await page.locator(".topbar").evaluate((header) => header.getBoundingClientRect().height);
      assert.ok(height <= 100, `${username}: the header is ${height} px high at 360 px`);
      // The menu is one row; the current screen's item is in view.
      const current = page.locator('.topbar nav a[aria-current="page"]');
      assert.equal(await current.isVisible(), true);
      await page.context().close();
    }
  });

  test("the app's files are sent as the build compressed them, once", async () => {
    const html = await (await fetch(`${world.server.baseUrl}/`)).text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, "index.html loads the bundle");
    const file = path.join(dist, script);
    for (const [accept, encoding, suffix] of [
      ["gzip, deflate, br", "br", ".br"],
      ["gzip", "gzip", ".gz"],
      ["identity", null, ""],
    ]) {
      const reply = await fetch(world.server.baseUrl + script, { headers: { "Accept-Encoding": accept } });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get("content-encoding"), encoding, accept);
      assert.equal(Number(reply.headers.get("content-length")), statSync(file + suffix).size, accept);
      assert.equal(reply.headers.get("cache-control"), "public, max-age=31536000, immutable");
      // fetch decodes: whatever was sent, the script is the build's.
      assert.equal(await reply.text(), readFileSync(file, "utf8"));
    }
  });
  test("disabling a user asks first; saying no changes nothing", async () => {
    const admin = await apiAs(world.server.baseUrl, "admin");
    const auditor = () => admin("GET", "/users").then((reply) => reply.body.items.find((user) => user.username === "auditora"));
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, "admin");
    await page.goto("/admin");
    const disable = page.getByRole("button", { name: "Desactivar auditora" });
    page.answerDialogs = "dismiss";
    await disable.click();
    assert.deepEqual(page.dialogs, ["¿Desactivar a auditora? Sus sesiones se cierran en este momento."]);
    await page.waitForLoadState("networkidle");
    assert.equal((await auditor()).disabled, false, "nothing changed");
    page.answerDialogs = "accept";
    await disable.click();
    await page.getByRole("button", { name: "Activar auditora" }).waitFor();
    assert.equal((await auditor()).disabled, true);
    // Enabling again is not asked.
    await page.getByRole("button", { name: "Activar auditora" }).click();
    await disable.waitFor();
    assert.equal(page.dialogs.length, 2);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
