// Journeys through the nursery care and administration screens (transition
// plans, the leave book, health and schooling, the needs catalogue, the health
// schedule, the staff link of a new user) in a real chromium against a real
// server over a fresh demo database, with axe-core and screenshots at 360 px
// and 1280 px of every screen, and what other facilities and auditors must not
// see. The demo's children inside all live in the Oaxaca nursery, where the
// demo nursery officer works; one of them is a day late back from a weekend.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiAs, checkBothWidths, login, newPage, useServerAndBrowser, viewports } from "./harness.mjs";

let admin;
let officer;
// Children of the demo nursery: one without a plan, adults or leaves yet, and
// the one overdue from leave.
let fresh;
let overdueLeave;

// This file's server and chromium, then its own set-up.
const suite = useServerAndBrowser(async () => {
  admin = await apiAs(suite.server.baseUrl, "admin");
  officer = await apiAs(suite.server.baseUrl, "oficial.guarderia");
  const board = (await officer("GET", "/nursery/ageouts")).body.items;
  const leaves = (await officer("GET", "/nursery/leaves")).body.items;
  overdueLeave = leaves.find((leave) => leave.state === "overdue");
  assert.ok(overdueLeave, "the demo has a leave overdue");
  const busy = new Set(leaves.map((leave) => leave.child_id));
  const candidates = board.filter((row) => row.transition_plan === "missing" && !busy.has(row.child_id));
  for (const row of candidates) {
    if ((await officer("GET", `/children/${row.child_id}/authorised-adults`)).body.items.length === 0) {
      fresh = row;
      break;
    }
  }
  assert.ok(fresh, "the demo has a child inside with no plan, adults or leave");
});

// "2026-11-23T09:30" for an <input type=datetime-local>, `hours` from now, in the browser's zone (the test's).
function localInput(hours) {
  const date = new Date(Date.now() + hours * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
function isoDate(days) {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

describe("nursery care and administration screens", () => {
  test("a nursery officer drafts a transition plan from the board and an administrator approves it", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "oficial.guarderia");
    await page.getByRole("link", { name: "Guardería" }).first().click();
    const row = page.getByTestId("ageout").filter({ hasText: fresh.name });
    await row.getByTestId("board-plan").getByText("Sin plan").waitFor();
    // The overdue leave is on the board too.
    await page.getByTestId("board-overdue-leaves").getByText("1 con regreso vencido").waitFor();
    // Issue 15: and on the overdue child's own line of the board.
    await page.locator(`[data-testid="board-leave"][data-state="overdue"]`).first().waitFor();
    await checkBothWidths(page, "nursery-board-plans");
    await row.getByRole("link", { name: "Plan de transición" }).click();
    await page.getByRole("heading", { name: /Plan de transición/ }).waitFor();
    const form = page.getByRole("form", { name: "Nuevo plan de transición" });
    await form.waitFor();

    // Without a receiving party the API refuses, naming the field; the error shows next to it.
    await form.getByLabel("Destino").selectOption("relatives");
    await form.getByLabel("Personas consultadas").fill("La madre; la psicóloga del penal; la tía");
    await form.getByLabel("Fecha del paso 1").fill(isoDate(10));
    await form.getByLabel("Qué ocurre en el paso 1").fill("La tía visita la guardería dos tardes");
    await form.getByRole("button", { name: "Guardar borrador" }).click();
    await page.locator("#receiving_party-error").getByText("Este campo es obligatorio.").waitFor();
    assert.equal((await officer("GET", `/children/${fresh.child_id}/transition-plan`)).status, 404, "a refused plan changes nothing");
    await checkBothWidths(page, "transition-plan-error");

    await form.getByLabel("Quién la/lo recibe").fill("Tía materna, Rosa Núñez Sintética");
    await form.getByRole("button", { name: "Añadir un paso" }).click();
    await form.getByLabel("Fecha del paso 2").fill(isoDate(30));
    await form.getByLabel("Qué ocurre en el paso 2").fill("Mudanza con la tía");
    const parents = await form.getByLabel("Visitas a (madre o padre)").locator("option").count();
    if (parents > 1) {
      await form.getByLabel("Visitas a (madre o padre)").selectOption({ index: 1 });
      await form.getByLabel("Frecuencia de las visitas").selectOption("monthly");
    }
    await form.getByRole("button", { name: "Guardar borrador" }).click();
    await page.getByRole("status").getByText("Borrador del plan guardado.").waitFor();
    await page.getByTestId("plan-status").getByText("Borrador").waitFor();
    assert.equal(await page.getByTestId("plan-steps").locator("li").count(), 2);
    const drafted = (await officer("GET", `/children/${fresh.child_id}/transition-plan`)).body;
    assert.equal(drafted.status, "draft");
    assert.equal(drafted.receiving_party, "Tía materna, Rosa Núñez Sintética");
    assert.deepEqual(
      drafted.steps.map((step) => step.on),
      [isoDate(10), isoDate(30)],
    );
    await checkBothWidths(page, "transition-plan-draft");
    // The board shows the draft.
    await page.goto("/nursery");
    await page.getByTestId("ageout").filter({ hasText: fresh.name }).getByTestId("board-plan").getByText("Borrador").waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();

    // An administrator (an approver) approves it.
    const adminPage = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(adminPage, "admin");
    await adminPage.goto(`/children/${fresh.child_id}/plan`);
    await adminPage.getByRole("button", { name: "Aprobar el plan" }).click();
    await adminPage.getByRole("status").getByText("Plan de transición aprobado.").waitFor();
    await adminPage.getByTestId("plan-status").getByText("Aprobado").waitFor();
    assert.equal(await adminPage.getByRole("button", { name: "Aprobar el plan" }).count(), 0);
    const approved = (await admin("GET", `/children/${fresh.child_id}/transition-plan`)).body;
    assert.equal(approved.status, "approved");
    if (parents > 1) assert.equal(approved.visit_requirements.length, 1, "approval hands the visits to the visit programme");
    await checkBothWidths(adminPage, "transition-plan-approved");
    await adminPage.goto("/nursery");
    await adminPage.getByTestId("ageout").filter({ hasText: fresh.name }).getByTestId("board-plan").getByText("Aprobado").waitFor();
    assert.deepEqual(adminPage.errors, []);
    await adminPage.context().close();
  });

  test("a nursery officer sees the overdue leave highlighted, records that return, then authorises an adult and records a leave out and back", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "oficial.guarderia");
    await page.getByRole("link", { name: "Salidas" }).click();
    await page.getByRole("heading", { name: "Libro de salidas de la guardería" }).waitFor();
    await page.getByTestId("overdue-count").getByText("1 con regreso vencido").waitFor();
    const late = page.locator(`[data-testid="leave-row"][data-state="overdue"]`);
    assert.equal(await late.count(), 1);
    assert.match(await late.getAttribute("class"), /leave-overdue/);
    assert.match(await late.innerText(), /Regreso vencido/);
    await checkBothWidths(page, "leave-book");
    // Only the overdue ones.
    await page.getByLabel("Solo regresos vencidos").check();
    await page.waitForLoadState("networkidle");
    await page.locator(`[data-testid="leave-row"][data-state="returned"]`).first().waitFor({ state: "detached" });
    assert.equal(await page.getByTestId("leave-row").count(), 1);

    // The child's own leave screen: a return before the leave began is refused next to the field.
    await late.getByRole("link").click();
    await page.getByRole("heading", { name: /Salidas/ }).waitFor();
    const now = page.getByTestId("leave-now");
    await now.getByText("Regreso vencido").waitFor();
    await now.getByLabel("Regreso", { exact: true }).fill(localInput(-24 * 5));
    await now.getByRole("button", { name: "Registrar el regreso" }).click();
    await now.getByText("El regreso no puede ser anterior a la salida.").waitFor();
    assert.equal((await officer("GET", "/nursery/leaves?overdue=true")).body.items.length, 1, "a refused return changes nothing");
    await checkBothWidths(page, "child-leave-overdue");
    await now.getByLabel("Regreso", { exact: true }).fill(localInput(0));
    await now.getByRole("button", { name: "Registrar el regreso" }).click();
    await page.getByRole("status").getByText("Regreso registrado.").waitFor();
    assert.equal((await officer("GET", "/nursery/leaves?overdue=true")).body.items.length, 0);
    const returned = (await officer("GET", `/nursery/leaves?child_id=${overdueLeave.child_id}`)).body.items.find((leave) => leave.id === overdueLeave.id);
    assert.equal(returned.state, "returned");

    // A child with nobody authorised: authorise her grandmother, then a leave out and back.
    await page.goto(`/children/${fresh.child_id}/leave`);
    await page.getByTestId("adults").getByText("Nadie autorizado todavía.").waitFor();
    await page.getByText("Autorizar a una persona").click();
    await page.getByLabel("Nombre completo").fill("Carmen Núñez Sintética");
    await page.getByLabel("Parentesco").fill("abuela");
    await page.getByLabel("Documento de identidad").fill("INE 0000000099");
    await page.getByRole("button", { name: "Autorizar", exact: true }).click();
    await page.getByTestId("adults").getByText("Carmen Núñez Sintética").waitFor();
    const adults = (await officer("GET", `/children/${fresh.child_id}/authorised-adults`)).body.items;
    assert.equal(adults.length, 1);

    const leaveForm = page.getByRole("form", { name: "Registrar una salida" });
    await leaveForm.getByLabel("Persona autorizada").selectOption(String(adults[0].id));
    await leaveForm.getByLabel("Motivo").selectOption("hospital");
    // Due back before leaving: refused, next to the field.
    await leaveForm.getByLabel("Regreso previsto").fill(localInput(-2));
    await leaveForm.getByRole("button", { name: "Registrar la salida" }).click();
    await page.locator("#due_back_at-error").getByText("El regreso previsto debe ser posterior a la salida.").waitFor();
    assert.equal((await officer("GET", `/nursery/leaves?child_id=${fresh.child_id}`)).body.items.length, 0);
    await checkBothWidths(page, "child-leave-form");
    await leaveForm.getByLabel("Salida", { exact: true }).fill(localInput(-1));
    await leaveForm.getByLabel("Regreso previsto").fill(localInput(6));
    await leaveForm.getByRole("button", { name: "Registrar la salida" }).click();
    await page.getByRole("status").getByText("Salida registrada.").waitFor();
    await page.getByTestId("leave-now").getByText("Fuera", { exact: true }).waitFor();
    let leaves = (await officer("GET", `/nursery/leaves?child_id=${fresh.child_id}`)).body.items;
    assert.equal(leaves.length, 1);
    assert.equal(leaves[0].state, "out");
    assert.equal(leaves[0].reason, "hospital");
    await checkBothWidths(page, "child-leave-out");
    await page.getByTestId("leave-now").getByRole("button", { name: "Registrar el regreso" }).click();
    await page.getByRole("status").getByText("Regreso registrado.").waitFor();
    leaves = (await officer("GET", `/nursery/leaves?child_id=${fresh.child_id}`)).body.items;
    assert.equal(leaves[0].state, "returned");
    await page.getByTestId("leaves").getByText("Volvió").waitFor();

    // Issue 15: a leave booked ahead is "Reservada" here and on the board,
    // and the booking can be cancelled before it begins.
    await leaveForm.getByLabel("Persona autorizada").selectOption(String(adults[0].id));
    await leaveForm.getByLabel("Motivo").selectOption("court");
    await leaveForm.getByLabel("Salida", { exact: true }).fill(localInput(48));
    await leaveForm.getByLabel("Regreso previsto").fill(localInput(56));
    await leaveForm.getByRole("button", { name: "Registrar la salida" }).click();
    await page.getByTestId("leave-now").getByText("Reservada", { exact: true }).waitFor();
    leaves = (await officer("GET", `/nursery/leaves?child_id=${fresh.child_id}`)).body.items;
    assert.equal(leaves[0].state, "booked");
    await checkBothWidths(page, "child-leave-booked");
    await page.getByRole("link", { name: "Guardería" }).first().click();
    await page.getByTestId("ageout").filter({ hasText: fresh.name }).locator(`[data-testid="board-leave"][data-state="booked"]`).waitFor();
    await checkBothWidths(page, "nursery-board-leaves");
    await page.goto(`/children/${fresh.child_id}/leave`);
    await page.getByTestId("cancel-leave").click();
    await page.getByRole("status").getByText("Reserva anulada.").waitFor();
    leaves = (await officer("GET", `/nursery/leaves?child_id=${fresh.child_id}`)).body.items;
    assert.equal(leaves.length, 1);
    assert.equal(leaves[0].state, "returned");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a nursery officer records a health appointment and an enrolment; the child's page shows the timeline and her parents' distance", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "oficial.guarderia");
    await page.goto(`/children/${fresh.child_id}`);
    await page.getByTestId("timeline").waitFor();
    // Issue 15: her age-out date comes with the rule behind it.
    const record = (await officer("GET", `/children/${fresh.child_id}`)).body;
    assert.ok(record.age_out_date, "a child inside carries her age-out date");
    await page.getByTestId("child-ageout-rule").getByText(record.age_out_source, { exact: false }).waitFor();
    await page.getByRole("link", { name: "Salud y escolaridad" }).click();
    await page.getByTestId("health").waitFor();
    const before = (await officer("GET", `/children/${fresh.child_id}/health`)).body.items;
    // Issue 15: what fell due before the child was registered is not overdue;
    // entering its history records it.
    const pending = before.find((item) => item.schedule_id !== null && (item.status === "overdue" || item.status === "before_registration"));
    assert.ok(pending, "the child has a check-up or vaccine from before her registration");
    assert.match(await page.getByTestId("health-summary").innerText(), /Antes del registro/);
    await page.locator(`tr[data-status="${pending.status}"]`).first().waitFor();
    await checkBothWidths(page, "child-health");

    const form = page.getByRole("form", { name: "Registrar una cita de salud" });
    // The row's own button chooses it in the form and moves the focus there.
    await page.getByRole("button", { name: `Registrar ${pending.name}`, exact: true }).click();
    await page.waitForFunction((value) => document.getElementById("appointment_what")?.value === value, String(pending.schedule_id), { timeout: 5000 });
    await page.waitForFunction(() => document.activeElement?.id === "appointment_what", null, { timeout: 5000 });
    // Done tomorrow is refused, next to the field.
    await form.getByLabel(/Fecha en que se hizo/).fill(isoDate(1));
    await form.getByRole("button", { name: "Registrar la cita" }).click();
    await page.locator("#appointment_done_on-error").getByText("No puede ser una fecha futura.").waitFor();
    await checkBothWidths(page, "child-health-error");
    await form.getByLabel(/Fecha en que se hizo/).fill(isoDate(0));
    await form.getByRole("button", { name: "Registrar la cita" }).click();
    await page.getByRole("status").getByText(`Cita registrada: ${pending.name}.`).waitFor();
    const after = (await officer("GET", `/children/${fresh.child_id}/health`)).body.items.find((item) => item.schedule_id === pending.schedule_id);
    assert.equal(after.status, "done");
    assert.equal(after.done_on, isoDate(0));

    await page.getByText("Registrar una matrícula").click();
    await page.getByLabel("Dónde").selectOption("daycare");
    await page.getByLabel("Institución").fill("Guardería Sintética del penal");
    await page.getByLabel("Nivel o grado").fill("Maternal");
    await page.getByLabel("Desde", { exact: true }).fill(isoDate(-30));
    await page.getByRole("button", { name: "Registrar la matrícula" }).click();
    await page.getByRole("status").getByText("Matrícula registrada.").waitFor();
    assert.match(await page.getByTestId("schooling").innerText(), /Guardería Sintética del penal/);

    // The child's page: the timeline has her placement, the leave, the check-up, the enrolment and the approved plan.
    await page.goto(`/children/${fresh.child_id}`);
    const timeline = page.getByTestId("timeline");
    await timeline.waitFor();
    for (const kind of ["placement", "leave", "health", "school", "plan"]) {
      assert.ok((await timeline.locator(`li[data-kind="${kind}"]`).count()) > 0, `the timeline shows ${kind}`);
    }
    assert.match(await timeline.innerText(), new RegExp(pending.name));
    assert.equal(await page.getByTestId("child-plan-status").innerText(), "Aprobado");
    // Her mother is held where she lives.
    await page.getByTestId("parent-distance").first().waitFor();
    assert.match(await page.getByTestId("parent-distance").first().innerText(), /mismo establecimiento|km/);
    await checkBothWidths(page, "child-page-timeline");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("an administrator edits a needs-catalogue item (a stale edit is explained), the health schedule, and links a new user to a staff record", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "admin");
    await page.getByRole("link", { name: "Administración" }).click();
    await page.getByTestId("catalogue").waitFor();
    await page.getByTestId("schedule").waitFor();
    await checkBothWidths(page, "admin-nursery");

    const items = (await admin("GET", "/nursery/supply-items")).body.items;
    const nappies = items.find((item) => item.code === "nappies") ?? items[0];
    await page.getByRole("button", { name: `Editar ${nappies.name_es}` }).click();
    const edit = page.getByRole("form", { name: `Editar ${nappies.name_es}` });
    // An upper age below the lower one is refused, next to the field.
    await edit.getByLabel(/Hasta la edad de/).fill("0");
    await edit.getByRole("button", { name: "Guardar cambios" }).click();
    await page.locator(`#item-${nappies.id}-to_months-error`).getByText("La edad final debe ser mayor que la inicial.").waitFor();
    await checkBothWidths(page, "admin-catalogue-error");
    await edit.getByLabel(/Hasta la edad de/).fill(String(nappies.to_months ?? 48));
    await edit.getByLabel("Cantidad por niña/o").fill(String(nappies.quantity + 30));
    await edit.getByRole("button", { name: "Guardar cambios" }).click();
    await page.getByRole("status").getByText(`Artículo guardado: ${nappies.name_es}.`).waitFor();
    const saved = (await admin("GET", `/nursery/supply-items/${nappies.id}`)).body;
    assert.equal(saved.quantity, nappies.quantity + 30);

    // Someone else saves the item while it is open here: the edit is refused with a clear message.
    await page.getByRole("button", { name: `Editar ${nappies.name_es}` }).click();
    const again = page.getByRole("form", { name: `Editar ${nappies.name_es}` });
    await again.getByLabel("Nombre en inglés").fill("Nappies (edited here)");
    const elsewhere = await fetch(`${suite.server.baseUrl}/api/v1/nursery/supply-items/${nappies.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", "If-Match": `"${saved.version}"`, Authorization: `Bearer ${await tokenOf("admin")}` },
      body: JSON.stringify({ name_en: "Nappies (edited elsewhere)" }),
    });
    assert.equal(elsewhere.status, 200);
    await again.getByRole("button", { name: "Guardar cambios" }).click();
    await again.getByText(/Otra persona cambió este artículo mientras usted lo editaba/).waitFor();
    assert.equal((await admin("GET", `/nursery/supply-items/${nappies.id}`)).body.name_en, "Nappies (edited elsewhere)", "the stale edit changed nothing");
    await checkBothWidths(page, "admin-catalogue-stale");

    // The health schedule: a new entry (a bad age is refused next to the field), retired, then restored.
    const schedule = page.getByRole("form", { name: "Agregar una entrada" });
    await schedule.getByLabel("Tipo").selectOption("checkup");
    await schedule.getByLabel("Nombre").fill("Control del desarrollo, 30 meses (e2e)");
    await schedule.getByLabel("Edad (meses)").fill("300");
    await schedule.getByRole("button", { name: "Agregar la entrada" }).click();
    await page.locator("#schedule_age_months-error").getByText(/número entero de meses/).waitFor();
    await schedule.getByLabel("Edad (meses)").fill("30");
    await schedule.getByRole("button", { name: "Agregar la entrada" }).click();
    await page.getByRole("status").getByText("Entrada agregada: Control del desarrollo, 30 meses (e2e).").waitFor();
    let entry = (await admin("GET", "/nursery/health-schedule")).body.items.find((one) => one.name === "Control del desarrollo, 30 meses (e2e)");
    assert.equal(entry.age_months, 30);
    assert.equal(entry.active, true);
    await page.getByRole("button", { name: "Retirar Control del desarrollo, 30 meses (e2e)" }).click();
    await page.getByRole("status").getByText("Entrada retirada: Control del desarrollo, 30 meses (e2e).").waitFor();
    entry = (await admin("GET", "/nursery/health-schedule")).body.items.find((one) => one.id === entry.id);
    assert.equal(entry.active, false);
    await page.getByRole("button", { name: "Restaurar Control del desarrollo, 30 meses (e2e)" }).click();
    await page.getByRole("status").getByText("Entrada restaurada: Control del desarrollo, 30 meses (e2e).").waitFor();
    assert.equal((await admin("GET", "/nursery/health-schedule")).body.items.find((one) => one.id === entry.id).active, true);

    // A new caregiver linked to her staff record, offered from her organisation's staff only.
    const staff = (await admin("GET", "/staff?limit=200")).body.items;
    const caregiver = staff.find((row) => row.staff_role === "caregiver");
    const newUser = page.getByRole("form", { name: "Agregar usuario" });
    await newUser.getByLabel("Usuario", { exact: true }).fill("cuidadora.enlazada");
    await newUser.getByLabel("Contraseña").fill("clave-enlazada-e2e-2026");
    await newUser.getByLabel("Rol", { exact: true }).selectOption("caregiver");
    await newUser.getByLabel("Organización").selectOption(String(caregiver.organisation_id));
    const offered = await newUser.getByLabel("Ficha de personal").locator("option").evaluateAll((options) => options.map((option) => option.value).filter(Boolean));
    assert.deepEqual(
      offered.map(Number).sort((a, b) => a - b),
      staff.filter((row) => row.organisation_id === caregiver.organisation_id).map((row) => row.id).sort((a, b) => a - b),
    );
    await newUser.getByLabel("Ficha de personal").selectOption(String(caregiver.id));
    await newUser.getByRole("button", { name: "Agregar usuario" }).click();
    await page.getByRole("status").getByText("Usuario agregado: cuidadora.enlazada").waitFor();
    const created = (await admin("GET", "/users")).body.items.find((user) => user.username === "cuidadora.enlazada");
    assert.equal(created.staff_id, caregiver.id);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a nursery officer of another facility sees none of this nursery's children, plans or leaves", async () => {
    const visits = (await (await apiAs(suite.server.baseUrl, "visitas"))("GET", "/auth/me")).body;
    const made = await admin("POST", "/users", {
      username: "oficial.otra",
      password: "otra-clave-e2e-2026",
      role: "nursery_officer",
      facility_id: visits.facility_id,
      display_name: "Oficial de otra guardería (e2e)",
      language: "es",
    });
    assert.equal(made.status, 201);
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "oficial.otra", "otra-clave-e2e-2026");
    await page.getByRole("link", { name: "Salidas" }).click();
    await page.getByTestId("overdue-count").waitFor();
    assert.equal(await page.getByTestId("leave-row").count(), 0);
    assert.doesNotMatch(await page.locator("main").innerText(), /Sintétic|Marisol|Carmen/);
    await checkBothWidths(page, "leave-book-other-facility");
    for (const screen of ["plan", "leave", "health"]) {
      await page.goto(`/children/${fresh.child_id}/${screen}`);
      await page.getByText("No encontrado, o fuera de su ámbito.").waitFor();
      const text = await page.locator("main").innerText();
      assert.ok(!text.includes(fresh.name), `${screen}: the child's name is not shown`);
      assert.doesNotMatch(text, /Carmen Núñez|Rosa Núñez|INE/);
    }
    await checkBothWidths(page, "child-plan-other-facility");
    await page.goto("/nursery");
    await page.getByText("Ningún egreso en este plazo.").waitFor();
    assert.equal(await page.getByTestId("board-overdue-leaves").count(), 0);
    await page.context().close();
  });

  test("an auditor has no leave book, no care screens and no administration", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "auditora");
    assert.equal(await page.getByRole("link", { name: "Salidas" }).count(), 0);
    assert.equal(await page.getByRole("link", { name: "Administración" }).count(), 0);
    for (const path of ["/leaves", `/children/${fresh.child_id}/plan`, `/children/${fresh.child_id}/leave`, `/children/${fresh.child_id}/health`, "/admin"]) {
      await page.goto(path);
      await page.getByText("Su rol no puede ver esta pantalla.").waitFor();
      assert.doesNotMatch(await page.locator("main").innerText(), /Sintétic|INE|Núñez/);
    }
    await checkBothWidths(page, "auditor-care-screen");
    const auditor = await apiAs(suite.server.baseUrl, "auditora");
    assert.equal((await auditor("GET", "/nursery/leaves")).status, 403);
    assert.equal((await auditor("GET", `/children/${fresh.child_id}/transition-plan`)).status, 403);
    await page.context().close();
  });

  test("an expired session while drafting a transition plan returns to the plan with what was typed, steps included", async () => {
    const board = (await officer("GET", "/nursery/ageouts")).body.items;
    const other = board.find((row) => row.transition_plan === "missing" && row.child_id !== fresh.child_id);
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl, viewports.phone);
    await login(page, "oficial.guarderia");
    await page.goto(`/children/${other.child_id}/plan`);
    const form = page.getByRole("form", { name: "Nuevo plan de transición" });
    await form.getByLabel("Destino").selectOption("care_organisation");
    await form.getByLabel("Quién la/lo recibe").fill("Aldea Infantil Sintética");
    await form.getByLabel("Personas consultadas").fill("La madre y la trabajadora social");
    await form.getByLabel("Fecha del paso 1").fill(isoDate(14));
    await form.getByLabel("Qué ocurre en el paso 1").fill("Visita a la aldea");
    await form.getByRole("button", { name: "Añadir un paso" }).click();
    await form.getByLabel("Qué ocurre en el paso 2").fill("Mudanza a la aldea");
    await page.context().clearCookies();
    await form.getByRole("button", { name: "Guardar borrador" }).click();
    await page.getByText("Su sesión terminó.", { exact: false }).waitFor();
    assert.match(page.url(), /\/login\?next=/);
    await page.getByLabel("Usuario").fill("oficial.guarderia");
    await page.getByLabel("Contraseña").fill("vinculo-demo-2026");
    await page.getByRole("button", { name: "Entrar" }).click();
    const back = page.getByRole("form", { name: "Nuevo plan de transición" });
    await back.waitFor();
    assert.equal(await back.getByLabel("Destino").inputValue(), "care_organisation");
    assert.equal(await back.getByLabel("Quién la/lo recibe").inputValue(), "Aldea Infantil Sintética");
    assert.equal(await back.getByLabel("Fecha del paso 1").inputValue(), isoDate(14));
    assert.equal(await back.getByLabel("Qué ocurre en el paso 2").inputValue(), "Mudanza a la aldea");
    assert.equal((await officer("GET", `/children/${other.child_id}/transition-plan`)).status, 404, "nothing was saved");
    await page.context().close();
  });

  test("keyboard only: a nursery officer records a return from the leave book", async () => {
    // A child out since two hours ago with an adult on her list.
    const adult = (await officer("GET", `/children/${overdueLeave.child_id}/authorised-adults`)).body.items.find((one) => one.active);
    const started = await officer("POST", `/children/${overdueLeave.child_id}/leaves`, {
      adult_id: adult.id,
      reason: "court",
      left_at: new Date(Date.now() - 2 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      due_back_at: new Date(Date.now() + 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    });
    assert.equal(started.status, 201);
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "oficial.guarderia");
    await page.goto("/leaves");
    const out = page.locator(`[data-testid="leave-row"][data-state="out"]`);
    await out.waitFor();
    await page.getByLabel("Solo regresos vencidos").focus();
    const button = out.getByRole("button", { name: /Registrar el regreso de/ });
    for (let presses = 0; presses < 10 && !(await button.evaluate((element) => element === document.activeElement)); presses++) {
      await page.keyboard.press("Tab");
    }
    assert.ok(await button.evaluate((element) => element === document.activeElement), "Tab reaches the row's return button");
    await page.keyboard.press("Enter");
    // The time field takes the focus; Enter submits the return.
    await page.waitForFunction((id) => document.activeElement?.id === id, `returned_at-${started.body.id}`, { timeout: 5000 });
    await page.keyboard.press("Enter");
    await page.locator(`[data-testid="leave-row"][data-state="out"]`).waitFor({ state: "detached" });
    const leave = (await officer("GET", `/nursery/leaves?child_id=${overdueLeave.child_id}`)).body.items.find((one) => one.id === started.body.id);
    assert.equal(leave.state, "returned");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("in English: the leave book, a child's plan and health screens", async () => {
    const made = await admin("POST", "/users", {
      username: "nursery.officer.en",
      password: "english-officer-e2e-2026",
      role: "nursery_officer",
      facility_id: fresh.facility_id,
      display_name: "Nursery officer (e2e)",
      language: "en",
    });
    assert.equal(made.status, 201);
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "nursery.officer.en", "english-officer-e2e-2026");
    await page.getByRole("link", { name: "Leave book" }).click();
    await page.getByRole("heading", { name: "Nursery leave book" }).waitFor();
    await page.getByTestId("overdue-count").getByText("No overdue returns.").waitFor();
    await checkBothWidths(page, "leave-book-en");
    await page.goto(`/children/${fresh.child_id}/plan`);
    await page.getByTestId("plan-status").getByText("Approved").waitFor();
    assert.match(await page.locator("main").innerText(), /Steps of the gradual separation/);
    await checkBothWidths(page, "transition-plan-en");
    await page.goto(`/children/${fresh.child_id}/health`);
    await page.getByRole("heading", { name: /Health and school/ }).waitFor();
    assert.match(await page.getByTestId("health-summary").innerText(), /Done/);
    await checkBothWidths(page, "child-health-en");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

async function tokenOf(username, password = "vinculo-demo-2026") {
  const response = await fetch(`${suite.server.baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return (await response.json()).token;
}
