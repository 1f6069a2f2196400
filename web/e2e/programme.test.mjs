// Journeys through the programme screens (visit planner, workshops, nursery
// needs and donations) in a real chromium against a real server over a fresh
// demo database: each with axe-core and screenshots at 360 px and 1280 px.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiAs, checkBothWidths, login, newPage, useServerAndBrowser } from "./harness.mjs";

const suite = useServerAndBrowser(); // this file's server and chromium

function nextMonth() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}

describe("programme screens", () => {
  test("coordinator runs next month's visit plan, reads it and publishes it", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "coordinadora");
    await page.getByRole("link", { name: "Plan de visitas" }).click();
    await page.getByRole("heading", { name: "Plan de visitas del mes" }).waitFor();
    assert.equal(await page.getByLabel("Mes", { exact: true }).inputValue(), nextMonth());
    await page.getByRole("button", { name: "Calcular el plan" }).click();
    await page.getByTestId("plan").waitFor({ timeout: 60000 });
    assert.equal(await page.getByTestId("plan-status").innerText(), "Borrador");
    // Visits grouped by session (with the session's date), trips per escort, figures against first-come.
    await page.getByTestId("plan-session").first().waitFor();
    assert.match(await page.getByTestId("plan-session").first().innerText(), /\d{4}/);
    assert.ok((await page.getByTestId("plan-escort").count()) > 0);
    const figures = await page.getByRole("table", { name: /Cifras del plan/ }).innerText();
    assert.match(figures, /Cobertura/);
    assert.match(figures, /Orden de llegada/);
    assert.match(figures, /Viajes/);
    // The demo leaves some pairs out; their reason is translated, not an API code.
    const unscheduled = page.getByTestId("unscheduled");
    if (await unscheduled.count()) {
      const text = await unscheduled.innerText();
      assert.doesNotMatch(text, /no_escort|capacity|no_session_this_month/);
    }
    await checkBothWidths(page, "visit-plan");

    await page.getByRole("button", { name: "Publicar el plan" }).click();
    await page.getByTestId("plan-status").getByText("Publicado").waitFor();
    assert.equal(await page.getByRole("button", { name: "Publicar el plan" }).count(), 0);

    const call = await apiAs(suite.server.baseUrl, "coordinadora");
    const plans = await call("GET", "/organisations/1/plans");
    assert.ok(plans.body.items.some((plan) => plan.month === nextMonth() && plan.status === "published"));
    // The demo also has the three months before this one published (and recorded).
    const published = await call("GET", `/plans/${plans.body.items.find((plan) => plan.month === nextMonth() && plan.status === "published").id}`);
    const planned = published.body.visits.filter((visit) => visit.status === "planned").length;

    // The dashboard charts visits planned and done per month, and workshop attendance.
    await page.getByRole("link", { name: "Inicio" }).click();
    const visitsChart = page.locator("figure.chart", { hasText: "Visitas planificadas y realizadas por mes" });
    await visitsChart.locator("canvas").waitFor();
    await visitsChart.getByText("Datos del gráfico").click();
    const row = await visitsChart.locator("tbody tr").last().innerText();
    assert.match(row, new RegExp(`\\b${planned}\\b`));
    await page.locator("figure.chart", { hasText: "Asistencia a los talleres por grupo" }).locator("canvas").waitFor();
    // The monthly programme report (issue 18): last month by default, downloaded as a PDF.
    const report = page.getByRole("link", { name: "Descargar informe" });
    const href = await report.getAttribute("href");
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    assert.equal(href, `/api/v1/organisations/1/reports/monthly?month=${lastMonth}&format=pdf&lang=es`);
    const pdf = await page.request.get(suite.server.baseUrl + href);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()["content-type"], "application/pdf");
    assert.equal((await pdf.body()).subarray(0, 5).toString(), "%PDF-");
    await checkBothWidths(page, "dashboard-coordinator");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("administrator downloads a facility's report, a jurisdiction's open data and the children as Excel", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "admin");
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const download = page.getByRole("link", { name: "Descargar informe" });
    // The facility report of the demo's first prison, as a workbook.
    await page.getByLabel("Informe", { exact: true }).selectOption("facility");
    await page.getByLabel("Establecimiento", { exact: true }).selectOption({ label: "Establecimiento Penitenciario Sintético de Huamanga" });
    await page.getByLabel("Formato").selectOption("xlsx");
    const facilityHref = await download.getAttribute("href");
    assert.match(facilityHref, new RegExp(`^/api/v1/facilities/\\d+/reports/monthly\\?month=${lastMonth}&format=xlsx&lang=es$`));
    const workbook = await page.request.get(suite.server.baseUrl + facilityHref);
    assert.equal(workbook.status(), 200);
    assert.equal(workbook.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert.equal((await workbook.body()).subarray(0, 2).toString(), "PK");
    // The open data of the jurisdiction (CSV or XLSX; no language to pick).
    await page.getByLabel("Informe", { exact: true }).selectOption("openData");
    assert.equal(await page.getByLabel("Idioma del informe").count(), 0);
    await page.getByLabel("Jurisdicción", { exact: true }).selectOption({ index: 1 });
    const openDataHref = await download.getAttribute("href");
    assert.match(openDataHref, new RegExp(`^/api/v1/jurisdictions/\\d+/open-data\\?month=${lastMonth}&format=csv$`));
    const openData = await page.request.get(suite.server.baseUrl + openDataHref);
    assert.equal(openData.status(), 200);
    assert.match(openData.headers()["content-type"], /^text\/csv/);
    await page.getByLabel("Formato").selectOption("xlsx");
    const openDataBook = await page.request.get(suite.server.baseUrl + (await download.getAttribute("href")));
    assert.equal(openDataBook.status(), 200);
    assert.equal((await openDataBook.body()).subarray(0, 2).toString(), "PK");
    await checkBothWidths(page, "dashboard-admin-reports");
    // The children's list exports as Excel and CSV, pseudonymised.
    await page.getByRole("link", { name: "Niñas y niños" }).click();
    const excel = page.getByTestId("export-children-xlsx");
    await excel.waitFor();
    const children = await page.request.get(suite.server.baseUrl + (await excel.getAttribute("href")));
    assert.equal(children.status(), 200);
    assert.equal((await children.body()).subarray(0, 2).toString(), "PK");
    const csv = await page.request.get(suite.server.baseUrl + (await page.getByTestId("export-children-csv").getAttribute("href")));
    assert.equal(csv.status(), 200);
    const text = (await csv.body()).toString("utf8");
    assert.equal(text.charCodeAt(0), 0xfeff, "a byte order mark for Excel");
    assert.match(text, /NNA-/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("social worker takes attendance for a past workshop session in a few taps", async () => {
    const call = await apiAs(suite.server.baseUrl, "psicologa");
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "psicologa");
    await page.getByRole("link", { name: "Talleres" }).click();
    await page.getByRole("heading", { name: "Talleres de crianza" }).waitFor();
    await page.getByTestId("cohort").first().waitFor();
    await checkBothWidths(page, "workshops");

    const link = page.getByTestId("cohort").first().getByRole("link");
    const cohortId = Number(/\/workshops\/(\d+)/.exec(await link.getAttribute("href"))[1]);
    await link.click();
    await page.getByTestId("enrolments").waitFor();
    const before = (await call("GET", `/workshops/cohorts/${cohortId}/enrolments`)).body.items.filter((row) => row.status === "enrolled");
    assert.ok(before.length > 1, "the demo cohort has enrolled parents");

    // The latest session that has happened.
    await page.getByRole("button", { name: "Pasar lista" }).last().click();
    const form = page.getByRole("form", { name: /Asistencia de la sesión/ });
    await form.waitFor();
    const rows = form.getByTestId("attendance-row");
    assert.equal(await rows.count(), before.length);
    // Everyone starts present: one tap marks the first absent, one more the second excused.
    await rows.nth(0).getByLabel("Ausente").check();
    await rows.nth(1).getByLabel("Justificada").check();
    // An absence without a reason is refused by the API; the error shows next to the reason.
    await form.getByRole("button", { name: "Guardar asistencia" }).click();
    await rows.nth(0).getByText("Indique el motivo de la ausencia.").waitFor();
    await checkBothWidths(page, "workshop-attendance");
    await rows.nth(0).getByLabel("Motivo de la ausencia").selectOption("health");
    await form.getByRole("button", { name: "Guardar asistencia" }).click();
    await page.getByRole("status").getByText(/Asistencia del .* guardada/).waitFor();

    const after = (await call("GET", `/workshops/cohorts/${cohortId}/enrolments`)).body.items;
    const first = after.find((row) => row.parent_id === before[0].parent_id);
    const second = after.find((row) => row.parent_id === before[1].parent_id);
    assert.ok(first.absent + first.present + first.excused > 0);
    assert.ok(first.absent >= 1, "the first parent is marked absent");
    assert.ok(second.excused >= 1, "the second parent is excused");
    // The table on screen shows the new counts.
    const table = await page.getByTestId("enrolments").innerText();
    assert.match(table, /Descargar PDF|—/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("nursery officer reads the needs and records a donation; stock goes up", async () => {
    const call = await apiAs(suite.server.baseUrl, "oficial.guarderia");
    const me = (await call("GET", "/auth/me")).body;
    const stockOf = async (itemId) =>
      (await call("GET", `/facilities/${me.facility_id}/stock`)).body.items.find((line) => line.item_id === itemId)?.quantity ?? 0;
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "oficial.guarderia");
    await page.getByRole("link", { name: "Necesidades y donaciones" }).click();
    await page.getByRole("heading", { name: "Necesidades de la guardería y donaciones" }).waitFor();
    await page.getByTestId("needs-now").waitFor();
    await page.getByTestId("needs-next").waitFor();
    assert.match(await page.getByTestId("needs-now").innerText(), /Faltan/);
    await page.getByTestId("stock").waitFor();
    await checkBothWidths(page, "supplies");

    const items = (await call("GET", "/nursery/supply-items")).body.items;
    const formula = items.find((item) => item.code === "formula") ?? items[0];
    const before = await stockOf(formula.id);
    await page.getByLabel("Artículo").selectOption(String(formula.id));
    // A quantity of 0 is refused by the API; its explanation appears next to the field.
    await page.getByLabel("Cantidad").fill("0");
    await page.getByLabel("Quién dona").selectOption("charity");
    await page.getByLabel("Nombre de quien dona (opcional)").fill("Asociación Sintética de Apoyo (demo)");
    await page.getByRole("button", { name: "Registrar donación" }).click();
    await page.locator("#quantity-error").getByText("Escriba un número entero mayor que cero.").waitFor();
    assert.equal(await page.getByLabel("Cantidad").getAttribute("aria-invalid"), "true");
    assert.equal(await stockOf(formula.id), before, "a refused donation changes nothing");
    await checkBothWidths(page, "supplies-error");

    await page.getByLabel("Cantidad").fill("12");
    await page.getByRole("button", { name: "Registrar donación" }).click();
    await page.getByRole("status").getByText(/Donación registrada/).waitFor();
    assert.equal(await stockOf(formula.id), before + 12);
    // The stock on screen follows.
    await page.getByTestId(`stock-${formula.id}`).getByText(new RegExp(`^${before + 12}$`)).waitFor();
    // The list of donations is read again after the stock: waited for, not read at once.
    await page.getByTestId("donations").getByText(/Asociación Sintética de Apoyo/).waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("an auditor sees needs and stock only: no donors, no donation form, no plans or workshops", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "auditora");
    await page.getByRole("link", { name: "Necesidades y donaciones" }).click();
    await page.getByTestId("needs-now").waitFor();
    await page.getByTestId("stock").waitFor();
    assert.equal(await page.getByRole("button", { name: "Registrar donación" }).count(), 0);
    assert.equal(await page.getByTestId("donations").count(), 0);
    assert.doesNotMatch(await page.locator("main").innerText(), /\(demo\)/);
    await checkBothWidths(page, "auditor-supplies");
    await page.context().close();
  });

  test("Issue17: the menu follows capabilities: a care organisation's coordinator has no needs and donations", async () => {
    const call = await apiAs(suite.server.baseUrl, "coordinadora");
    const me = (await call("GET", "/auth/me")).body;
    assert.ok(me.capabilities.includes("buildPlan"));
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "coordinadora");
    await page.getByRole("link", { name: "Plan de visitas" }).waitFor();
    const expected = me.nursery_facility_ids.length > 0 ? 1 : 0;
    assert.equal(await page.getByRole("link", { name: "Necesidades y donaciones" }).count(), expected);
    await page.context().close();
  });

  test("an auditor has no visit planner in the menu and cannot open it", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "auditora");
    assert.equal(await page.getByRole("link", { name: "Plan de visitas" }).count(), 0);
    assert.equal(await page.getByRole("link", { name: "Talleres" }).count(), 0);
    await page.goto("/plan");
    await page.getByText("Su rol no puede ver esta pantalla.").waitFor();
    await page.context().close();
  });
});
