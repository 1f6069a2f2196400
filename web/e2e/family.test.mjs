// The family view (issue 15) in a real chromium against a real server over a
// fresh demo database: the village's coordinator opens the child of the family
// split across two prisons (mother in Huamanga, father in Huanta, the two
// children in two homes), follows the child page's link to the family, and
// finds both parents in their prisons, both children in their homes, the
// distances between them, the pairs' visits and the family's timeline; a link
// that would make the child her own sibling is refused under the field, in
// Spanish, and nothing is written. Another facility's nursery officer, who
// sees none of the family, gets "not found"; the auditor has no family screen.
// axe-core and screenshots at 360 and 1280 px, and nothing scrolls sideways at
// 390 px. A moved release date is listed under its parent, and the release
// countdown (/releases) lists the parents released soonest first.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiAs, checkBothWidths, login, newPage, useServerAndBrowser } from "./harness.mjs";

const suite = useServerAndBrowser(); // this file's server and chromium

describe("a family seen together", () => {
  test("coordinator reads the family split across two prisons and is refused a child as her own sibling", async () => {
    const coordinator = await apiAs(suite.server.baseUrl, "coordinadora");
    const facilities = (await coordinator("GET", "/facilities?limit=200")).body.items;
    const huanta = facilities.find((one) => one.name.includes("Huanta"));
    assert.ok(huanta, "the demo's second prison");
    const parents = (await coordinator("GET", "/parents?limit=200")).body.items;
    const father = parents.find((one) => one.facility_id === huanta.id);
    assert.ok(father, "a father held in Huanta");
    const links = (await coordinator("GET", `/parent_child_links?parent_id=${father.id}`)).body.items;
    assert.equal(links.length, 2, "two children");
    const childId = links[0].child_id;

    // The API: two parents in two prisons, two children in two homes.
    const family = await coordinator("GET", `/children/${childId}/family`);
    assert.equal(family.status, 200, JSON.stringify(family.body));
    assert.equal(family.body.parents.length, 2);
    assert.equal(new Set(family.body.parents.map((one) => one.place.facility.id)).size, 2);
    assert.equal(family.body.children.length, 2);
    assert.equal(new Set(family.body.children.map((one) => one.place.home.id)).size, 2);
    assert.equal(family.body.distances.length, 6);

    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "coordinadora");
    await page.goto(`/children/${childId}`);
    await page.getByTestId("child-family-link").click();
    await page.getByRole("heading", { level: 1, name: /Familia de/ }).waitFor();
    const members = page.getByTestId("family-members");
    assert.equal(await members.locator("li[data-kind=child]").count(), 2);
    assert.equal(await members.locator("li[data-kind=parent]").count(), 2);
    const parentText = await members.locator("li[data-kind=parent]").allInnerTexts();
    assert.ok(parentText.some((text) => text.includes("Huanta")), parentText.join("\n"));
    assert.ok(parentText.every((text) => /Libertad prevista/.test(text)), parentText.join("\n"));
    assert.equal(await page.getByTestId("family-distances").locator("tbody tr").count(), 6);
    assert.ok((await page.getByTestId("family-timeline").locator("li").count()) >= 6);
    assert.equal(await page.getByTestId("family-timeline").locator("li").first().getAttribute("data-kind"), "born");
    await checkBothWidths(page, "family");
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the family at 390px scrolls sideways by ${overflow}px`);
    await page.setViewportSize({ width: 1280, height: 860 });

    // A child cannot be her own sibling: 422 under the field, nothing written.
    await page.getByLabel("Hermana o hermano", { exact: true }).selectOption(String(childId));
    await page.getByLabel("Parentesco", { exact: true }).selectOption("full");
    await page.getByRole("button", { name: "Registrar", exact: true }).click();
    const error = page.locator("#sibling_id-error");
    await error.waitFor();
    assert.match(await error.innerText(), /no puede ser su propia hermana/);
    const again = await coordinator("GET", `/children/${childId}/family`);
    assert.equal(again.body.siblings.length, family.body.siblings.length);
    assert.equal(page.errors.length, 0, page.errors.join("\n"));

    // Scoped like its members: a nursery officer of the Mexican prison sees
    // no one of this family, and reads it as a child that does not exist.
    const officer = await apiAs(suite.server.baseUrl, "oficial.guarderia");
    const foreign = await officer("GET", `/children/${childId}/family`);
    const missing = await officer("GET", "/children/999999/family");
    assert.equal(foreign.status, 404);
    assert.equal(missing.status, 404);
    assert.equal(foreign.body.code, missing.body.code);
    const auditor = await apiAs(suite.server.baseUrl, "auditora");
    assert.equal((await auditor("GET", `/children/${childId}/family`)).status, 403);
    assert.ok(!(await auditor("GET", "/auth/me")).body.capabilities.includes("getFamily"));
  });

  test("a moved release date keeps its history and the countdown lists the parents released soon", async () => {
    const coordinator = await apiAs(suite.server.baseUrl, "coordinadora");
    const parents = (await coordinator("GET", "/parents?limit=200")).body.items;
    const parent = parents.find((one) => one.custody_status === "incarcerated" && one.expected_release_date);
    const links = (await coordinator("GET", `/parent_child_links?parent_id=${parent.id}`)).body.items;
    const soon = new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const moved = await coordinator("PATCH", `/parents/${parent.id}`, { expected_release_date: soon }, { "If-Match": `"${parent.version}"` });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));

    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "coordinadora");
    await page.goto(`/children/${links[0].child_id}/family`);
    await page.getByTestId("family-release-history").first().waitFor();
    await page.goto("/releases");
    const table = page.getByTestId("release-countdown");
    await table.waitFor();
    assert.match(await table.innerText(), new RegExp(parent.given_names));
    assert.equal(page.errors.length, 0, page.errors.join("\n"));
    await checkBothWidths(page, "release-countdown");
  });
});
