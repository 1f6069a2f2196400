// After a parent's release (issue 15) in a real chromium against a real
// server over a fresh demo database. The village's coordinator records the
// release of a demo father, then:
// - follows him from the follow-ups list to his follow-up contacts: the
//   release date, the period and "contact due"; a contact dated before the
//   release is refused under the date field, in Spanish, and nothing is
//   written; a contact of today is listed and the family is no longer due;
// - changes his child's placement from her page: inside a prison without a
//   nursery is refused under the facility field (422 naming facility_id) and
//   nothing is written; "with the released parent" is saved and shown.
// axe-core and screenshots at 360 and 1280 px, nothing scrolls sideways.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiAs, checkBothWidths, login, newPage, useServerAndBrowser } from "./harness.mjs";

let coordinator;
let father;
let childId;

const daysAgo = (n) => new Date(Date.now() - n * 24 * 3600 * 1000).toISOString().slice(0, 10);

// This file's server and chromium, then its own set-up.
const suite = useServerAndBrowser(async () => {
  coordinator = await apiAs(suite.server.baseUrl, "coordinadora");
  // A father in custody with a child of the village's: released 40 days ago.
  const parents = (await coordinator("GET", "/parents?limit=200")).body.items;
  for (const parent of parents.filter((one) => one.custody_status === "incarcerated")) {
    const links = (await coordinator("GET", `/parent_child_links?parent_id=${parent.id}`)).body.items;
    if (links.length === 0) continue;
    const released = await coordinator("PATCH", `/parents/${parent.id}`, { custody_status: "released", released_on: daysAgo(40) }, { "If-Match": `"${parent.version}"` });
    if (released.status !== 200) continue;
    father = released.body;
    childId = links[0].child_id;
    break;
  }
  assert.ok(father, "a demo parent released");
});

describe("after a parent's release", () => {
  test("the coordinator records a follow-up contact; one dated before the release is refused under its field", async () => {
    const contacts = `/parents/${father.id}/follow-up-contacts`;
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "coordinadora");
    await page.goto("/follow-ups");
    const list = page.getByTestId("follow-ups");
    await list.waitFor();
    await list.getByRole("link", { name: `${father.given_names} ${father.family_names}` }).click();
    await page.getByRole("heading", { level: 1, name: /Contactos de seguimiento/ }).waitFor();
    await page.getByTestId("fuc-none").waitFor();
    await page.getByTestId("fuc-due").waitFor();
    assert.match(await page.getByTestId("fuc-period").innerText(), /180/);
    await checkBothWidths(page, "follow-up-contacts");

    // Before the release: refused under the date, nothing written.
    await page.getByLabel("Fecha del contacto", { exact: true }).fill(daysAgo(45));
    await page.getByLabel("Tipo de contacto", { exact: true }).selectOption("phone");
    await page.getByRole("button", { name: "Guardar el contacto", exact: true }).click();
    const error = page.locator("#contacted_on-error");
    await error.waitFor();
    assert.match(await error.innerText(), /anterior a la liberación/);
    assert.equal(await page.locator("#contacted_on").getAttribute("aria-invalid"), "true");
    assert.equal((await coordinator("GET", contacts)).body.items.length, 0);
    await checkBothWidths(page, "follow-up-contacts-error");

    // Today, a home visit: listed, and the family is no longer due.
    await page.getByLabel("Fecha del contacto", { exact: true }).fill(daysAgo(0));
    await page.getByLabel("Tipo de contacto", { exact: true }).selectOption("home_visit");
    await page.getByLabel("Qué se encontró", { exact: true }).fill("Los niños volvieron a la escuela");
    await page.getByRole("button", { name: "Guardar el contacto", exact: true }).click();
    await page.getByTestId("fuc-list").waitFor();
    assert.match(await page.getByTestId("fuc-list").innerText(), /Visita domiciliaria[\s\S]*volvieron a la escuela/);
    await page.getByTestId("fuc-due").waitFor({ state: "detached" });
    const stored = (await coordinator("GET", contacts)).body.items;
    assert.equal(stored.length, 1);
    assert.equal(stored[0].kind, "home_visit");
    assert.equal(stored[0].contacted_on, daysAgo(0));
    assert.equal(page.errors.length, 0, page.errors.join("\n"));

  });

  test("the coordinator changes the child's placement: inside a prison without a nursery is refused, with the released parent is saved", async () => {
    const placements = `/children/${childId}/placements`;
    const before = (await coordinator("GET", placements)).body.items.length;
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "coordinadora");
    await page.goto(`/children/${childId}`);
    await page.getByTestId("child-placement-link").click();
    await page.getByRole("heading", { level: 1, name: /Cambiar ubicación/ }).waitFor();
    await checkBothWidths(page, "placement-change");

    // Inside a prison marked without a nursery: 422 naming facility_id.
    await page.getByLabel("Situación", { exact: true }).selectOption("inside_with_mother");
    const facility = page.getByLabel("Establecimiento", { exact: true });
    const noNursery = await facility.locator("option", { hasText: "sin guardería" }).first().getAttribute("value");
    assert.ok(noNursery, "the demo has a prison without a nursery");
    await facility.selectOption(noNursery);
    await page.getByRole("button", { name: "Guardar la ubicación", exact: true }).click();
    const error = page.locator("#facility_id-error");
    await error.waitFor();
    assert.match(await error.innerText(), /no tiene guardería o la ley vigente no permite la convivencia/);
    assert.equal((await coordinator("GET", placements)).body.items.length, before);
    await checkBothWidths(page, "placement-change-refused");

    // Back with the released father.
    await page.getByLabel("Situación", { exact: true }).selectOption("with_released_parent");
    await page.getByRole("button", { name: "Guardar la ubicación", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /Cambiar ubicación/ }).waitFor({ state: "detached" });
    await page.getByTestId("timeline").waitFor();
    assert.match(await page.locator("dl.facts").innerText(), /Con la madre o el padre liberado/);
    const after = (await coordinator("GET", placements)).body.items;
    assert.equal(after.length, before + 1);
    assert.equal(after.at(-1).placement, "with_released_parent");
    assert.equal(page.errors.length, 0, page.errors.join("\n"));
  });
});
