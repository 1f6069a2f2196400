// A child's visits on her page, in a real chromium against a real server over
// a fresh demo database: the coordinator of the care organisation publishes
// this month's plan with a visiting session today, records one visit with the
// caregiver's observation before and after, and finds the visit and the
// observation in the child's timeline; the auditor is refused the list.
// axe-core and screenshots at 360 and 1280 px.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiAs, checkBothWidths, login, newPage, useServerAndBrowser } from "./harness.mjs";

const suite = useServerAndBrowser(); // this file's server and chromium

const today = () => new Date().toISOString().slice(0, 10);
const thisMonth = () => today().slice(0, 7);

describe("a child's visits in her timeline", () => {
  test("coordinator publishes a plan, records a visit with an observation and sees both on the child's page", async () => {
    const admin = await apiAs(suite.server.baseUrl, "admin");
    const coordinator = await apiAs(suite.server.baseUrl, "coordinadora");
    // Today: a session at the first prison, so a visit can be recorded now.
    const template = await admin("POST", "/facilities/1/session-templates", {
      pattern: "every_n_days",
      interval: 1,
      anchor_date: today(),
      valid_from: today(),
      valid_to: today(),
      start_time: "15:00",
      end_time: "17:00",
      capacity_families: 20,
      capacity_people: 80,
    });
    assert.equal(template.status, 201, JSON.stringify(template.body));
    const sessions = (await coordinator("GET", `/facilities/1/visit-sessions?month=${thisMonth()}`)).body.items;
    const session = sessions.find((one) => one.template_id === template.body.id);
    assert.ok(session, "today's session");

    // The demo caregiver escorts today (a trip needs an available escort).
    const caregiver = await apiAs(suite.server.baseUrl, "cuidadora");
    const me = (await caregiver("GET", "/auth/me")).body;
    assert.ok(me.staff_id, "the demo caregiver is linked to her staff record");
    const escort = await coordinator("POST", "/organisations/1/escorts", { staff_id: me.staff_id, available_dates: [today()] });
    assert.equal(escort.status, 200, JSON.stringify(escort.body));

    const built = await coordinator("POST", "/organisations/1/plans", { month: thisMonth() });
    assert.equal(built.status, 201, JSON.stringify(built.body));
    const planId = built.body.id;
    assert.equal((await coordinator("POST", `/plans/${planId}/publish`)).status, 200);
    const plan = (await coordinator("GET", `/plans/${planId}`)).body;
    // One published visit on today's session: already there, moved there, or
    // booked there by hand for a pair of the caregiver's home.
    let visit = plan.visits.find((one) => one.status === "planned" && one.session_id === session.id);
    for (const candidate of plan.visits.filter((one) => one.status === "planned")) {
      if (visit) break;
      const moved = await coordinator("POST", `/plan-visits/${candidate.id}/move`, { session_id: session.id });
      if (moved.status === 200) visit = moved.body;
    }
    if (!visit) {
      const homeOf = (await coordinator("GET", `/staff/${me.staff_id}`)).body.home_id;
      const children = (await coordinator("GET", "/children?limit=200")).body.items;
      const parents = (await coordinator("GET", "/parents?limit=200")).body.items;
      const requirements = (await coordinator("GET", "/organisations/1/visit-requirements")).body.items;
      for (const requirement of requirements) {
        const child = children.find((one) => one.id === requirement.child_id);
        const parent = parents.find((one) => one.id === requirement.parent_id);
        if (!child || child.home_id !== homeOf || parent?.facility_id !== 1) continue;
        if (plan.visits.some((one) => one.requirement_id === requirement.id && one.status === "planned")) continue;
        const booked = await coordinator("POST", `/plans/${planId}/visits`, { requirement_id: requirement.id, session_id: session.id, escort_id: escort.body.id });
        if (booked.status === 201) {
          visit = booked.body;
          break;
        }
      }
    }
    assert.ok(visit, "a visit of this month's plan on today's session");

    const recorded = await coordinator("POST", `/plan-visits/${visit.id}/record`, {
      attended: true,
      actual_start: "15:05",
      actual_end: "16:50",
      brought: ["drawings"],
      note: "Le llevó un dibujo (demo)",
      mood_before: 2,
      mood_after: 4,
    });
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body));

    // The API: the child's list has it, recorded, with the observation.
    const list = await coordinator("GET", `/children/${visit.child_id}/visits`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const listed = list.body.items.find((one) => one.id === visit.id);
    assert.equal(listed.status, "recorded");
    assert.equal(listed.date, today());
    assert.equal(listed.facility.id, 1);
    assert.deepEqual([listed.record.mood_before, listed.record.mood_after], [2, 4]);
    // Auditors see figures only.
    const auditor = await apiAs(suite.server.baseUrl, "auditora");
    assert.equal((await auditor("GET", `/children/${visit.child_id}/visits`)).status, 403);

    // The page: the visit in the timeline with the parent, facility and observation.
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "coordinadora");
    await page.goto(`/children/${visit.child_id}`);
    const timeline = page.getByTestId("timeline");
    await timeline.waitFor();
    const entry = timeline.locator("li[data-kind=visit]").filter({ hasText: "Registrada" }).filter({ hasText: "antes: Mal, después: Bien" });
    await entry.first().waitFor();
    const text = await entry.first().innerText();
    assert.match(text, /Visita a .+ en .+/);
    assert.match(text, /asistió/);
    assert.match(text, /Le llevó un dibujo \(demo\)/);
    assert.equal(page.errors.length, 0, page.errors.join("\n"));
    await checkBothWidths(page, "child-visits");

    // Issue 15: a parent transferred with a visit still to come; the child's
    // page says the visit is to be reviewed, and why.
    let upcoming = null;
    for (const candidate of plan.visits.filter((one) => one.status === "planned" && one.id !== visit.id)) {
      const listedVisits = (await coordinator("GET", `/children/${candidate.child_id}/visits`)).body.items;
      const found = listedVisits.find((one) => one.id === candidate.id && one.date >= today() && one.status === "planned");
      if (found) {
        upcoming = found;
        break;
      }
    }
    assert.ok(upcoming, "a visit still to come in this month's plan");
    const parent = (await admin("GET", `/parents/${upcoming.parent.id}`)).body;
    const facilities = (await admin("GET", "/facilities?limit=200")).body.items;
    const elsewhere = facilities.find((one) => one.id !== parent.facility_id && !one.archived);
    const transfer = await admin("POST", `/parents/${parent.id}/transfers`, { to_facility_id: elsewhere.id, transferred_on: today(), reason: "traslado (demo)" }, { "If-Match": `"${parent.version}"` });
    assert.equal(transfer.status, 200, JSON.stringify(transfer.body));
    const flagged = (await coordinator("GET", `/children/${upcoming.child_id}/visits`)).body.items.find((one) => one.id === upcoming.id);
    assert.equal(flagged.needs_review, true);
    assert.equal(flagged.review_reason, "the parent was transferred to another facility");
    await page.goto(`/children/${upcoming.child_id}`);
    const review = page.getByTestId("timeline").locator("li[data-kind=visit]").filter({ hasText: "revisar: traslado a otro penal" });
    await review.first().waitFor();
    assert.equal(page.errors.length, 0, page.errors.join("\n"));
    await checkBothWidths(page, "child-visits-review");
  });
});
