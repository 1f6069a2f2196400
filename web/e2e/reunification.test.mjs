// Release and reunification (issue 15) in a real chromium against a real
// server over a fresh demo database: the village's coordinator finds the
// demo's parent released in 45 days flagged on the release
// countdown, follows the link to his reunification plan, sees its four steps
// with their owners, due dates and statuses (the school place overdue), marks
// the overdue step done and adds a step; a step without an owner is refused
// under the field, in Spanish, and nothing is written. The plan is also
// reached from the family screen. Follow-ups due after release are listed.
// axe-core and screenshots at 360 and 1280 px, nothing scrolls sideways.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiAs, checkBothWidths, login, newPage, useServerAndBrowser } from "./harness.mjs";

const suite = useServerAndBrowser(); // this file's server and chromium

describe("a reunification plan before release", () => {
  test("the coordinator follows the countdown to the plan, completes the overdue step and adds one", async () => {
    const coordinator = await apiAs(suite.server.baseUrl, "coordinadora");
    const countdown = await coordinator("GET", "/release-countdown?alerts_only=true");
    assert.equal(countdown.status, 200, JSON.stringify(countdown.body));
    const flagged = countdown.body.items.find((entry) => entry.reunification_plan_id !== null);
    assert.ok(flagged, "the demo's father with a plan is flagged");
    assert.deepEqual(flagged.alerts, ["overdue_steps"]);
    const plan = await coordinator("GET", `/parents/${flagged.parent.id}/reunification-plan`);
    assert.equal(plan.body.steps.length, 4);

    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "coordinadora");
    await page.goto("/releases");
    const table = page.getByTestId("release-countdown");
    await table.waitFor();
    assert.match(await table.innerText(), /Pasos vencidos/);
    await checkBothWidths(page, "release-countdown-alerts");
    await table.getByRole("link", { name: flagged.parent.name }).click();
    await page.getByRole("heading", { level: 1, name: /Plan de reunificación/ }).waitFor();
    const steps = page.getByTestId("reunification-steps");
    assert.equal(await steps.locator("tbody tr").count(), 4);
    assert.equal(await steps.locator("tbody tr[data-overdue=true]").count(), 1);
    await page.getByTestId("reunification-overdue").waitFor();
    await checkBothWidths(page, "reunification-plan");

    // The overdue school place is done: no overdue step is left.
    await page.getByLabel("Estado de Vacante escolar", { exact: true }).selectOption("done");
    await page.getByTestId("reunification-overdue").waitFor({ state: "detached" });
    assert.equal(await steps.locator("tbody tr[data-overdue=true]").count(), 0);

    // A step without an owner: refused under the field, nothing written.
    await page.getByLabel("Paso", { exact: true }).selectOption("income");
    await page.getByLabel("Qué hay que hacer", { exact: true }).fill("Inscripción en un programa de empleo");
    await page.getByLabel("Fecha límite", { exact: true }).fill("2031-01-15");
    await page.getByRole("button", { name: "Agregar paso", exact: true }).click();
    const error = page.locator("#owner_user_id-error");
    await error.waitFor();
    assert.ok((await error.innerText()).length > 0);
    assert.equal((await coordinator("GET", `/parents/${flagged.parent.id}/reunification-plan`)).body.steps.length, 4);

    // With an owner it is added.
    await page.getByLabel("Responsable", { exact: true }).selectOption({ index: 1 });
    await page.getByRole("button", { name: "Agregar paso", exact: true }).click();
    await steps.locator("tbody tr").nth(4).waitFor();
    assert.equal((await coordinator("GET", `/parents/${flagged.parent.id}/reunification-plan`)).body.steps.length, 5);
    assert.equal(page.errors.length, 0, page.errors.join("\n"));

    // From the family screen too.
    const links = (await coordinator("GET", `/parent_child_links?parent_id=${flagged.parent.id}`)).body.items;
    await page.goto(`/children/${links[0].child_id}/family`);
    await page.getByTestId("family-reunification-link").first().waitFor();
    await page.locator(`a[href="/parents/${flagged.parent.id}/reunification"]`).click();
    await page.getByTestId("reunification-steps").waitFor();

    // Follow-ups after release: the screen answers (the demo has no family
    // released within its period unless one is released here).
    await page.goto("/follow-ups");
    await page.getByRole("heading", { level: 1, name: /seguimiento/i }).waitFor();
    await checkBothWidths(page, "follow-ups");
    assert.equal(page.errors.length, 0, page.errors.join("\n"));

    // Another facility's nursery officer reads the plan as a missing one; the
    // auditor has no plan.
    const officer = await apiAs(suite.server.baseUrl, "oficial.guarderia");
    const foreign = await officer("GET", `/parents/${flagged.parent.id}/reunification-plan`);
    const missing = await officer("GET", "/parents/999999/reunification-plan");
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, missing.body.code);
    const auditor = await apiAs(suite.server.baseUrl, "auditora");
    assert.equal((await auditor("GET", `/parents/${flagged.parent.id}/reunification-plan`)).status, 403);
  });
});
