// Issue 15's journey through the kept age-out decision: an administrator adds
// a back-dated version of Mexico's co-residence rule on the admin screen; the
// age-out date of a child in the Oaxaca nursery does not move; the demo
// nursery officer finds the proposal on the board (with both dates), accepts
// it after confirming, and only then the date moves, on her record too. In a
// real chromium against a real server over a fresh demo database, with axe-core
// and screenshots at 360 px and 1280 px.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiAs, checkBothWidths, login, newPage, useServerAndBrowser } from "./harness.mjs";

let officer;
// A child of the demo nursery born after the back-dated law's date, whose
// date the jurisdiction's rule decides.
let child;
let mexico; // the jurisdiction's name as the admin screen lists it

const LAW_FROM = "2024-01-01";

// This file's server and chromium, then its own set-up.
const suite = useServerAndBrowser(async () => {
  officer = await apiAs(suite.server.baseUrl, "oficial.guarderia");
  const admin = await apiAs(suite.server.baseUrl, "admin");
  mexico = (await admin("GET", "/jurisdictions?code=MX")).body.items.find((row) => row.code === "MX")?.name;
  assert.ok(mexico, "the demo has Mexico's rules");
  const board = (await officer("GET", "/nursery/ageouts")).body.items;
  child = board.find((row) => row.date_of_birth >= LAW_FROM && row.rule && row.rule.basis === "jurisdiction_rule" && row.rule.max_age_months > 24 && !row.proposal);
  assert.ok(child, "the demo nursery has a child born after " + LAW_FROM + " under the jurisdiction's rule");
});

const ageOutOf = async (childId) => (await officer("GET", `/children/${childId}`)).body;

describe("a back-dated law change waits for the nursery officer", () => {
  test("the administrator adds a back-dated rule version, the officer accepts the proposal", async () => {
    const before = await ageOutOf(child.child_id);
    assert.equal(before.age_out_date, child.age_out_date);

    // The administrator's form: Mexico, 24 months, in force from 2024-01-01.
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "admin");
    await page.goto("/admin");
    const form = page.getByTestId("rule-version-form");
    await form.locator("summary").click();
    await form.getByLabel("Jurisdicción").selectOption({ label: mexico });
    await form.getByLabel("Edad máxima (meses)").fill("24");
    await form.getByLabel("Tipo").selectOption("law");
    await form.getByLabel("Vigente desde").fill(LAW_FROM);
    await form.getByLabel("Fuente (ley, reglamento)").fill("Ley sintética retroactiva (e2e)");
    await form.getByRole("button", { name: "Añadir una versión de la norma" }).click();
    await form.getByRole("status").filter({ hasText: "Versión añadida" }).waitFor();
    await checkBothWidths(page, "admin-rule-version");

    // Her date did not move; a proposal waits with the new one.
    const after = await ageOutOf(child.child_id);
    assert.equal(after.age_out_date, before.age_out_date, "a law change does not move a kept date");
    assert.ok(after.age_out_proposed_date, "a proposal waits");
    assert.notEqual(after.age_out_proposed_date, before.age_out_date);
    await page.close();

    // The nursery officer: the board lists the proposal; accept, confirm.
    const board = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(board, "oficial.guarderia");
    await board.goto("/nursery");
    const item = board.getByTestId("ageout-proposal").and(board.locator(`[data-child="${child.child_id}"]`));
    await item.waitFor();
    // Why, in her language (the reason's code, not the server's English words).
    await item.getByText(/se agregó la versión \d+ de la regla/).waitFor();
    await checkBothWidths(board, "ageout-proposals");
    await item.getByRole("button", { name: "Aceptar la nueva fecha" }).click();
    await item.getByRole("group", { name: "Confirmar la decisión" }).waitFor();
    await item.getByRole("button", { name: "Sí, aceptar" }).click();
    await item.waitFor({ state: "detached" });

    const moved = await ageOutOf(child.child_id);
    assert.equal(moved.age_out_date, after.age_out_proposed_date, "accepted: the date moves");
    assert.equal(moved.age_out_proposal_id, null);

    // Her record shows the kept decision, no proposal left.
    await board.goto(`/children/${child.child_id}`);
    await board.getByTestId("child-ageout-decision").waitFor();
    assert.equal(await board.getByTestId("proposal-notice").count(), 0);
    await checkBothWidths(board, "child-kept-ageout");
    await board.close();
  });
});
