// Issue 16, item 5: the screens that were missing. The coordinator's escorts
// and their dates, visit requirements and routes; editing a child and
// registering a parent; supply hand-outs and donation corrections; the
// auditor's export; print styles. Each journey runs in Debian's chromium
// against a real server over the demo, with axe and screenshots at 360 and
// 1280 px, and a refused input shown under its field with nothing saved.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { apiAs, artifacts, caregiverVisitsToday, checkBothWidths, login, newPage, screenshot, useServerAndBrowser, viewports } from "./harness.mjs";

const world = useServerAndBrowser();

// The month after this one (the planner screens' default) and a day of it.
function nextMonth() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}
const dayOf = (month, day) => `${month}-${String(day).padStart(2, "0")}`;

describe("the missing screens", () => {
  test("a coordinator makes a staff member an escort with two dates; a bad maximum is refused under its field", async () => {
    const coordinator = await apiAs(world.server.baseUrl, "coordinadora");
    const month = nextMonth();
    const staff = (await coordinator("GET", "/staff?limit=200")).body.items;
    const before = (await coordinator("GET", `/organisations/1/escorts?month=${month}`)).body.items;
    // Someone of the team who is not an escort yet, else the first one.
    const person = staff.find((one) => !before.some((escort) => escort.staff_id === one.id)) ?? staff[0];
    const name = `${person.given_names} ${person.family_names}`;
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, "coordinadora");
    await page.goto("/plan");
    await page.getByRole("navigation", { name: "Programa de visitas" }).getByRole("link", { name: "Acompañantes" }).click();
    await page.getByRole("heading", { name: "Acompañantes y fechas disponibles" }).waitFor();
    await page.getByLabel("Persona del equipo").selectOption({ label: name });
    await page.getByLabel("Máximo de niñas y niños por viaje").fill("30");
    await page.getByLabel("Fecha", { exact: true }).fill(dayOf(month, 10));
    await page.getByRole("button", { name: "Añadir fecha" }).click();
    await page.getByLabel("Fecha", { exact: true }).fill(dayOf(month, 17));
    await page.getByRole("button", { name: "Añadir fecha" }).click();
    const dates = page.getByTestId("esc-dates").locator("li");
    await dates.nth(1).waitFor();
    assert.equal(await dates.count(), 2);
    // What she typed survives a reload (a draft). Counted once the screen is
    // drawn again: right after the reload it has no list yet (0 once in a
    // clean-clone run).
    await page.reload();
    await dates.nth(1).waitFor();
    assert.equal(await dates.count(), 2);
    assert.equal(await page.getByLabel("Máximo de niñas y niños por viaje").inputValue(), "30");
    await page.getByRole("button", { name: "Guardar acompañante" }).click();
    await page.locator("#max_children-error").getByText("Escriba un número entero de 1 a 20.").waitFor();
    const unchanged = (await coordinator("GET", `/organisations/1/escorts?month=${month}`)).body.items;
    assert.deepEqual(unchanged, before, "nothing saved");
    await checkBothWidths(page, "escorts-refused");
    await page.getByLabel("Máximo de niñas y niños por viaje").fill("3");
    await page.getByRole("button", { name: "Guardar acompañante" }).click();
    await page.getByRole("status").getByText(`Guardado: ${name}, 2 fechas añadidas.`).waitFor();
    const after = (await coordinator("GET", `/organisations/1/escorts?month=${month}`)).body.items;
    const escort = after.find((one) => one.staff_id === person.id);
    assert.equal(escort.max_children, 3);
    assert.ok(escort.available_dates.includes(dayOf(month, 10)) && escort.available_dates.includes(dayOf(month, 17)));
    const row = page.locator(`[data-escort-id="${escort.id}"]`);
    await row.getByText(name).waitFor();
    // The form is empty again and its draft gone.
    assert.equal(await page.getByLabel("Persona del equipo").inputValue(), "");
    await checkBothWidths(page, "escorts");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
  test("a coordinator changes a pair's frequency and priority; a bad priority is refused, a change meanwhile is said and her input kept", async () => {
    const coordinator = await apiAs(world.server.baseUrl, "coordinadora");
    const requirements = (await coordinator("GET", "/organisations/1/visit-requirements")).body.items;
    const children = (await coordinator("GET", "/children?limit=200")).body.items;
    const requirement = requirements.find((one) => one.frequency === "monthly" && children.some((child) => child.id === one.child_id));
    assert.ok(requirement, "a monthly requirement of the demo");
    const child = children.find((one) => one.id === requirement.child_id);
    const childName = `${child.given_names} ${child.family_names}`;
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, "coordinadora");
    await page.goto("/plan");
    await page.getByRole("navigation", { name: "Programa de visitas" }).getByRole("link", { name: "Requisitos de visita" }).click();
    await page.getByLabel("Filtrar por nombre").fill(child.given_names.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase());
    const row = page.locator(`[data-requirement-id="${requirement.id}"]`);
    await row.waitFor();
    await checkBothWidths(page, "requirements");
    await row.getByRole("button", { name: `Cambiar el requisito de ${childName}` }).click();
    const form = page.getByRole("form", { name: `Requisito de ${childName}` });
    await form.getByLabel("Frecuencia").selectOption("fortnightly");
    await form.getByLabel("Prioridad").fill("500");
    await form.getByRole("button", { name: "Guardar el requisito" }).click();
    await form.getByText("Escriba un número de 0,1 a 100.").waitFor();
    assert.equal((await coordinator("GET", "/organisations/1/visit-requirements")).body.items.find((one) => one.id === requirement.id).version, requirement.version, "nothing saved");
    await checkBothWidths(page, "requirements-refused");
    // Someone else changes it meanwhile: said plainly, her input stays.
    const other = await coordinator("PATCH", `/visit-requirements/${requirement.id}`, { weight: 3 }, { "If-Match": `"${requirement.version}"` });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    await form.getByLabel("Prioridad").fill("2,5");
    await form.getByRole("button", { name: "Guardar el requisito" }).click();
    await form.getByText(/Otra persona cambió este requisito/).waitFor();
    assert.equal(await form.getByLabel("Prioridad").inputValue(), "2,5");
    assert.equal(await form.getByLabel("Frecuencia").inputValue(), "fortnightly");
    await row.getByText("3", { exact: true }).waitFor();
    await form.getByRole("button", { name: "Guardar el requisito" }).click();
    await page.getByRole("status").getByText(`Requisito de ${childName} guardado.`).waitFor();
    const saved = (await coordinator("GET", "/organisations/1/visit-requirements")).body.items.find((one) => one.id === requirement.id);
    assert.equal(saved.frequency, "fortnightly");
    assert.equal(saved.weight, 2.5);
    await row.getByText("Quincenal").waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
  test("a coordinator sets the route from a home to a prison; minutes out of range and a negative cost are refused at once and nothing changes", async () => {
    const coordinator = await apiAs(world.server.baseUrl, "coordinadora");
    const distances = async () => (await coordinator("GET", `/organisations/1/visit-distances?month=${nextMonth()}`)).body.pairs;
    const before = await distances();
    const pair = before.find((one) => one.home_id !== null);
    assert.ok(pair, "a pair travelling from a home");
    const route = `${pair.home_id}-${pair.facility_id}`;
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, "coordinadora");
    await page.goto("/plan");
    await page.getByRole("navigation", { name: "Programa de visitas" }).getByRole("link", { name: "Rutas" }).click();
    const row = page.locator(`[data-route="${route}"]`);
    await row.getByRole("button", { name: /^Fijar la ruta de / }).click();
    const form = page.getByRole("form", { name: "Fijar una ruta" });
    // The homes are read after the form opens: the choice is there before its value is read.
    await form.getByLabel("Hogar").locator(`option[value="${pair.home_id}"]`).waitFor({ state: "attached" });
    assert.equal(await form.getByLabel("Hogar").inputValue(), String(pair.home_id));
    assert.equal(await form.getByLabel("Minutos de viaje por trayecto").inputValue(), String(pair.travel_minutes));
    assert.equal(await row.getByTestId("rt-override").count(), 0, "the estimate, not set by hand");
    await form.getByLabel("Minutos de viaje por trayecto").fill("2000");
    await form.getByLabel("Costo por trayecto").fill("-1");
    await form.getByRole("button", { name: "Guardar la ruta" }).click();
    // The server names both fields at once, and the form marks both.
    await page.locator("#travel_minutes-error").getByText("Escriba un número entero de minutos, de 1 a 1440.").waitFor();
    await page.locator("#cost-error").getByText("El costo no puede ser negativo.").waitFor();
    assert.deepEqual(await distances(), before, "nothing changed");
    assert.deepEqual((await coordinator("GET", "/organisations/1/routes")).body.items, [], "no override stored");
    await checkBothWidths(page, "routes-refused");
    await form.getByLabel("Minutos de viaje por trayecto").fill("95");
    await form.getByLabel("Costo por trayecto").fill("42,5");
    await form.getByRole("button", { name: "Guardar la ruta" }).click();
    await page.getByRole("status").getByText(/^Ruta de .* guardada/).waitFor();
    const after = (await distances()).filter((one) => one.home_id === pair.home_id && one.facility_id === pair.facility_id);
    assert.ok(after.length > 0 && after.every((one) => one.travel_minutes === 95 && one.travel_cost === 42.5), JSON.stringify(after));
    await row.getByText("95", { exact: true }).waitFor();
    await row.getByTestId("rt-override").getByText("fijada a mano").waitFor();
    const overrides = (await coordinator("GET", "/organisations/1/routes")).body.items;
    assert.deepEqual(
      overrides.map(({ home_id, facility_id, travel_minutes, cost }) => ({ home_id, facility_id, travel_minutes, cost })),
      [{ home_id: pair.home_id, facility_id: pair.facility_id, travel_minutes: 95, cost: 42.5 }],
    );
    await checkBothWidths(page, "routes");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a coordinator edits a child's record (a change meanwhile said, her input kept) and registers the child's father", async () => {
    const coordinator = await apiAs(world.server.baseUrl, "coordinadora");
    const child = (await coordinator("GET", "/children?limit=1")).body.items[0];
    const name = `${child.given_names} ${child.family_names}`;
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, "coordinadora");
    await page.goto(`/children/${child.id}`);
    await page.getByTestId("child-edit-link").click();
    await page.getByRole("heading", { name: `Editar los datos ${name}` }).waitFor();
    await page.getByLabel("Grado escolar").fill("2.º de secundaria");
    await page.getByLabel("Fecha de nacimiento").fill("2099-01-01");
    await page.getByRole("button", { name: "Guardar los cambios" }).click();
    await page.locator("#date_of_birth-error").waitFor();
    assert.equal((await coordinator("GET", `/children/${child.id}`)).body.version, child.version, "nothing saved");
    await checkBothWidths(page, "child-edit-refused");
    await page.getByLabel("Fecha de nacimiento").fill(child.date_of_birth);
    // What she typed survives a reload.
    await page.reload();
    assert.equal(await page.getByLabel("Grado escolar").inputValue(), "2.º de secundaria");
    // Someone else changes the record meanwhile.
    const other = await coordinator("PATCH", `/children/${child.id}`, { school_name: "I.E. Sintética Otra" }, { "If-Match": `"${child.version}"` });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    await page.getByRole("button", { name: "Guardar los cambios" }).click();
    await page.getByText(/Otra persona cambió este registro mientras tanto/).waitFor();
    assert.equal(await page.getByLabel("Grado escolar").inputValue(), "2.º de secundaria");
    await page.getByRole("button", { name: "Guardar los cambios" }).click();
    await page.getByRole("heading", { name, exact: true }).waitFor();
    const saved = (await coordinator("GET", `/children/${child.id}`)).body;
    assert.equal(saved.school_grade, "2.º de secundaria");
    assert.equal(saved.school_name, "I.E. Sintética Otra", "the other change is kept");

    await page.getByTestId("child-new-parent-link").click();
    await page.getByLabel("Relación con la niña o el niño").selectOption("father");
    await page.getByLabel("Nombres").fill("Teodoro Sintético");
    await page.getByLabel("Sexo").selectOption("male");
    await page.getByLabel("Establecimiento donde está").selectOption({ index: 1 });
    await page.getByRole("button", { name: "Registrar y vincular" }).click();
    // Both missing fields are marked at once (one request, one refusal).
    await page.locator("#admission_date-error").getByText("Este campo es obligatorio.").waitFor();
    await page.locator("#family_names-error").getByText("Este campo es obligatorio.").waitFor();
    const parents = async () => (await coordinator("GET", "/parents?limit=200")).body.items.filter((one) => one.given_names === "Teodoro Sintético");
    assert.deepEqual(await parents(), [], "nothing saved");
    await checkBothWidths(page, "parent-new-refused");
    await page.getByLabel("Apellidos").fill("Quispe Demo");
    await page.getByLabel("Fecha de ingreso").fill("2025-03-01");
    await page.getByRole("button", { name: "Registrar y vincular" }).click();
    await page.getByRole("heading", { name, exact: true }).waitFor();
    const [father] = await parents();
    assert.ok(father, "the father is registered");
    const links = (await coordinator("GET", `/parent_child_links?child_id=${child.id}`)).body.items;
    assert.ok(links.some((link) => link.parent_id === father.id && link.relation === "father"));
    await page.getByText("Teodoro Sintético Quispe Demo").first().waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a nursery officer hands out stock to a child and corrects a donation; more than the stock, or taking back what was handed out, is refused", async () => {
    const admin = await apiAs(world.server.baseUrl, "admin");
    const officer = await apiAs(world.server.baseUrl, "oficial.guarderia");
    const me = (await officer("GET", "/auth/me")).body;
    const facility = me.facility_id;
    const item = await admin("POST", "/nursery/supply-items", { code: "e2e_bibs", name_es: "Baberos de prueba", name_en: "Test bibs", unit: "piece", from_months: 0, to_months: 36, quantity: 2, kind: "durable" });
    assert.equal(item.status, 201, JSON.stringify(item.body));
    const donation = await officer("POST", `/facilities/${facility}/donations`, { item_id: item.body.id, quantity: 10, donor_type: "charity" });
    assert.equal(donation.status, 201, JSON.stringify(donation.body));
    const stock = async () => (await officer("GET", `/facilities/${facility}/stock`)).body.items.find((line) => line.item_id === item.body.id).quantity;
    const child = (await officer("GET", `/children?placement=inside_with_mother&facility_id=${facility}&limit=1`)).body.items[0];
    assert.ok(child, "a child living inside");
    const childName = `${child.given_names} ${child.family_names}`;
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, "oficial.guarderia");
    await page.goto("/supplies");
    const handout = page.getByRole("form", { name: "Entregar a una niña o niño" });
    await handout.getByLabel("Niña o niño (vive dentro)").selectOption({ label: childName });
    await handout.getByLabel("Qué se entrega").selectOption({ label: "Baberos de prueba" });
    await handout.getByLabel("Cuánto se entrega").fill("11");
    await handout.getByRole("button", { name: "Registrar la entrega" }).click();
    await handout.getByText("No hay tanto en el almacén: no se entregó nada.").waitFor();
    assert.equal(await stock(), 10, "nothing handed out");
    await checkBothWidths(page, "handout-refused");
    await handout.getByLabel("Cuánto se entrega").fill("3");
    await handout.getByRole("button", { name: "Registrar la entrega" }).click();
    await page.getByRole("status").getByText(`Entrega registrada: 3 × Baberos de prueba para ${childName}.`).waitFor();
    assert.equal(await stock(), 7);
    await page.getByTestId("handouts").getByText(childName).first().waitFor();
    // The donation was 10 but 3 are gone: correcting it to 2 would take back 8.
    const row = page.locator(`[data-donation-id="${donation.body.id}"]`);
    await row.getByRole("button", { name: /^Corregir la donación de Baberos de prueba/ }).click();
    const correction = page.getByRole("form", { name: "Corregir la donación de Baberos de prueba" });
    await correction.getByLabel("Cantidad correcta").fill("2");
    await correction.getByLabel("Motivo de la corrección").fill("Se contaron mal las cajas");
    await correction.getByRole("button", { name: "Guardar la corrección" }).click();
    await correction.getByText(/Parte de esa donación ya se entregó/).waitFor();
    assert.equal(await stock(), 7, "nothing changed");
    await checkBothWidths(page, "donation-correction-refused");
    await correction.getByLabel("Cantidad correcta").fill("5");
    await correction.getByRole("button", { name: "Guardar la corrección" }).click();
    await row.getByText("(se registraron 10: Se contaron mal las cajas)").waitFor();
    assert.equal(await stock(), 2);
    // Withdrawing asks first; saying no changes nothing.
    await row.getByRole("button", { name: /^Corregir la donación de Baberos de prueba/ }).click();
    await correction.getByLabel("Cantidad correcta").fill("0");
    await correction.getByLabel("Motivo de la corrección").fill("Duplicada");
    page.answerDialogs = "dismiss";
    await correction.getByRole("button", { name: "Guardar la corrección" }).click();
    assert.deepEqual(page.dialogs, ["¿Retirar la donación de Baberos de prueba? Su cantidad sale del almacén."]);
    assert.equal(await stock(), 2);
    await checkBothWidths(page, "supplies");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the auditor downloads the month's anonymised report and open data from her menu; no names in them", async () => {
    const admin = await apiAs(world.server.baseUrl, "admin");
    const children = (await admin("GET", "/children?limit=200")).body.items;
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, "auditora");
    await page.locator(".topbar nav").getByRole("link", { name: "Informes" }).click();
    await page.getByRole("heading", { name: "Informes del mes" }).waitFor();
    await checkBothWidths(page, "auditor-reports");
    const download = page.getByRole("link", { name: "Descargar informe" });
    const noNames = (text, what) => {
      for (const child of children) assert.ok(!text.includes(`${child.given_names} ${child.family_names}`), `${what} names ${child.given_names}`);
    };
    // The organisation's programme report, as CSV.
    await page.getByLabel("Informe", { exact: true }).selectOption("organisation");
    await page.getByLabel("Organización").selectOption({ index: 1 });
    assert.equal(await page.getByLabel("Mes", { exact: true }).inputValue(), lastMonth);
    await page.getByLabel("Formato").selectOption("csv");
    const reportHref = await download.getAttribute("href");
    assert.match(reportHref, new RegExp(`^/api/v1/organisations/\\d+/reports/monthly\\?month=${lastMonth}&format=csv&lang=es$`));
    const report = await page.request.get(world.server.baseUrl + reportHref);
    assert.equal(report.status(), 200);
    assert.match(report.headers()["content-type"], /^text\/csv/);
    noNames((await report.body()).toString("utf8"), "the report");
    // And as PDF, the way it is sent to the ministry.
    await page.getByLabel("Formato").selectOption("pdf");
    const pdf = await page.request.get(world.server.baseUrl + (await download.getAttribute("href")));
    assert.equal(pdf.status(), 200);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), "%PDF-");
    // The jurisdiction's open data.
    await page.getByLabel("Informe", { exact: true }).selectOption("openData");
    await page.getByLabel("Jurisdicción").selectOption({ index: 1 });
    const openData = await page.request.get(world.server.baseUrl + (await download.getAttribute("href")));
    assert.equal(openData.status(), 200);
    noNames((await openData.body()).toString("utf8"), "the open data");
    // A case export stays closed to her.
    assert.equal((await page.request.get(world.server.baseUrl + "/api/v1/children/export?format=csv")).status(), 403);
    await checkBothWidths(page, "auditor-reports-open-data");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("printed, a caregiver's trip sheet and the coordinator's plan leave out the menu, the forms and the buttons", async () => {
    const { planId } = await caregiverVisitsToday(world.server.baseUrl, 1);
    // What is on paper: the page under print media, as a screenshot and a PDF.
    const printed = async (page, name, onPaper) => {
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.locator(".topbar").isVisible(), false, `${name}: no menu on paper`);
      assert.equal(await page.locator(".printable").getByRole("button").filter({ visible: true }).count(), 0, `${name}: no buttons on paper`);
      await screenshot(page, `${name}-print`);
      mkdirSync(artifacts, { recursive: true });
      const pdf = await page.pdf({ path: path.join(artifacts, `${name}.pdf`), format: "A4" });
      assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
      await onPaper();
      await page.emulateMedia({ media: "screen" });
    };
    const caregiver = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(caregiver, "cuidadora");
    await caregiver.goto("/trips");
    const trip = caregiver.getByTestId("trip").first();
    await trip.waitFor();
    await caregiver.getByRole("button", { name: "Imprimir" }).waitFor();
    await checkBothWidths(caregiver, "trip-sheet");
    await printed(caregiver, "trip-sheet", async () => {
      assert.equal(await trip.isVisible(), true, "the trip is on paper");
      assert.equal(await caregiver.getByRole("button", { name: /^Registrar/ }).filter({ visible: true }).count(), 0, "no record buttons");
    });
    await caregiver.context().close();

    const coordinator = await newPage(world.chromium.browser, world.server.baseUrl);
    await login(coordinator, "coordinadora");
    await coordinator.goto("/plan");
    await coordinator.getByText(/^Planes anteriores/).click();
    await coordinator.locator(`[data-plan-id="${planId}"]`).click();
    await coordinator.getByTestId("plan-day").first().waitFor();
    await checkBothWidths(coordinator, "plan-printable");
    await printed(coordinator, "plan", async () => {
      assert.equal(await coordinator.getByTestId("plan-day").first().isVisible(), true, "the plan is on paper");
      assert.equal(await coordinator.getByLabel("Mes", { exact: true }).isVisible(), false, "the month form is not");
    });
    assert.deepEqual(coordinator.errors, []);
    await coordinator.context().close();
  });
});
