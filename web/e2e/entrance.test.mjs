// The list at the prison's special entrance (issue 15) in a real chromium
// against a real server over a fresh demo database: today's session at the
// first prison with two families on the caregiver's trip, the father of one
// released meanwhile. The facility's visits officer opens the entrance list:
// today's session, each child with the parent visited and the escort, the
// released father's visit marked for review in words; printed, the list
// stands alone (no menu, no form). The village's coordinator chooses the
// prison and sees her organisation's families there. axe-core and
// screenshots at 360 and 1280 px, nothing scrolls sideways.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiAs, caregiverVisitsToday, checkBothWidths, login, newPage, screenshot, todayIso, useServerAndBrowser } from "./harness.mjs";

const suite = useServerAndBrowser(); // this file's server and chromium

describe("the entrance list", () => {
  test("the visits officer prints today's list with a visit to review marked; the coordinator sees her families", async () => {
    const { coordinator, planId, mine } = await caregiverVisitsToday(suite.server.baseUrl, 2);
    const plan = (await coordinator("GET", `/plans/${planId}`)).body;
    const flaggedVisit = plan.visits.find((visit) => visit.id === mine[0]);
    const parent = (await coordinator("GET", `/parents/${flaggedVisit.parent_id}`)).body;
    const released = await coordinator("PATCH", `/parents/${parent.id}`, { custody_status: "released", released_on: todayIso() }, { "If-Match": `"${parent.version}"` });
    assert.equal(released.status, 200, JSON.stringify(released.body));

    const officer = await apiAs(suite.server.baseUrl, "visitas");
    const sessions = (await officer("GET", `/facilities/1/visit-sessions?month=${todayIso().slice(0, 7)}`)).body.items.filter((one) => one.date === todayIso());
    let expected = 0;
    let review = 0;
    for (const session of sessions) {
      const visitors = (await officer("GET", `/visit-sessions/${session.id}/visitors`)).body.items;
      expected += visitors.length;
      review += visitors.filter((visitor) => visitor.needs_review).length;
    }
    assert.ok(expected >= 2, "today's visitors");
    assert.ok(review >= 1, "the released father's visit is flagged");

    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "visitas");
    await page.getByRole("link", { name: "Lista de ingreso", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /Lista de ingreso/ }).waitFor();
    await page.getByTestId("entrance-list").first().waitFor();
    assert.equal(await page.locator("[data-testid=entrance-list] tbody tr").count(), expected);
    assert.equal(await page.locator("[data-testid=entrance-list] tbody tr[data-review=true]").count(), review);
    const marked = page.getByTestId("entrance-review").first();
    assert.match(await marked.innerText(), /Revisar antes del ingreso: salida en libertad/);
    const text = await page.getByTestId("entrance-list").first().innerText();
    assert.match(text, new RegExp(parent.given_names));
    await checkBothWidths(page, "entrance-list");

    // Printed: the list alone, no menu and no form.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".topbar").isVisible(), false);
    assert.equal(await page.locator("#entrance_date").isVisible(), false);
    assert.equal(await page.getByTestId("entrance-list").first().isVisible(), true);
    await screenshot(page, "entrance-list-print");
    await page.emulateMedia({ media: "screen" });

    // Another day: no session.
    await page.getByLabel("Día", { exact: true }).fill("2020-01-01");
    await page.getByTestId("entrance-none").waitFor();
    assert.equal(page.errors.length, 0, page.errors.join("\n"));

    // The coordinator chooses the prison: her organisation's families.
    const own = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(own, "coordinadora");
    await own.goto("/entrance");
    await own.getByLabel("Establecimiento", { exact: true }).selectOption("1");
    await own.getByTestId("entrance-list").first().waitFor();
    assert.ok((await own.locator("[data-testid=entrance-list] tbody tr").count()) >= 2);
    await checkBothWidths(own, "entrance-list-coordinator");
    assert.equal(own.errors.length, 0, own.errors.join("\n"));
  });
});
