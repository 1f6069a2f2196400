// Journeys through two settings screens in a real chromium against a real
// server over a fresh demo database: a coordinator's travel estimates in the
// visit planner (speed and cost per km, refused values next to the field, a
// stale save) and an administrator editing a user (role, name, language, staff
// link, a stale save), with axe-core and screenshots at 360 px and 1280 px.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import path from "node:path";
import { apiAs, artifacts, checkBothWidths, login, newPage, screenshot, useServerAndBrowser, viewports } from "./harness.mjs";

let coordinator;
let admin;
let orgId;

// This file's server and chromium, then its own set-up.
const suite = useServerAndBrowser(async () => {
  coordinator = await apiAs(suite.server.baseUrl, "coordinadora");
  admin = await apiAs(suite.server.baseUrl, "admin");
  orgId = (await coordinator("GET", "/auth/me")).body.organisation_id;
  assert.ok(orgId, "the demo coordinator belongs to an organisation");
});

describe("settings screens", () => {
  test("a coordinator sets the travel estimates the planner uses", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "coordinadora");
    await page.goto("/plan");
    await page.getByText("Estimaciones de viaje").click();
    const summary = page.getByTestId("visit-settings-summary");
    await summary.getByText(/60 km\/h .*valores por defecto/).waitFor();
    await checkBothWidths(page, "visit-settings");

    // A speed of 0 is refused next to the field, and nothing is stored.
    await page.getByLabel("Velocidad media (km/h)").fill("0");
    await page.getByRole("button", { name: "Guardar estimaciones" }).click();
    await page.locator("#vs-speed-error").getByText("Indique una velocidad mayor que 0 y de hasta 200 km/h.").waitFor();
    assert.equal((await coordinator("GET", `/organisations/${orgId}/visit-settings`)).body.defaults, true);

    // 45 km/h and 0,8 per km (a Spanish decimal comma) are saved.
    await page.getByLabel("Velocidad media (km/h)").fill("45");
    await page.getByLabel("Costo por km").fill("0,8");
    await page.getByRole("button", { name: "Guardar estimaciones" }).click();
    await page.getByRole("status").getByText("Estimaciones de viaje guardadas.").waitFor();
    await summary.getByText(/45 km\/h y 0[.,]8 por km/).waitFor();
    let stored = (await coordinator("GET", `/organisations/${orgId}/visit-settings`)).body;
    assert.equal(stored.travel_speed_kmh, 45);
    assert.equal(stored.cost_per_km, 0.8);
    assert.equal(stored.defaults, false);

    // Someone else saves first: this form's save is refused, nothing of it is
    // stored, and the form shows the other person's values.
    const other = await coordinator("PUT", `/organisations/${orgId}/visit-settings`, { travel_speed_kmh: 50, cost_per_km: 1 }, { "If-Match": `"${stored.version}"` });
    assert.equal(other.status, 200);
    await page.getByLabel("Velocidad media (km/h)").fill("70");
    await page.getByRole("button", { name: "Guardar estimaciones" }).click();
    await page.getByRole("status").getByText(/Otra persona cambió las estimaciones/).waitFor();
    await summary.getByText(/50 km\/h y 1 por km/).waitFor();
    stored = (await coordinator("GET", `/organisations/${orgId}/visit-settings`)).body;
    assert.equal(stored.travel_speed_kmh, 50);
    assert.deepEqual(page.errors, []);
  });

  test("a visits officer sees no travel estimates to change", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "visitas");
    await page.goto("/plan");
    await page.getByRole("heading", { name: "Plan de visitas del mes" }).first().waitFor();
    assert.equal(await page.getByText("Estimaciones de viaje").count(), 0);
  });

  test("an administrator changes a user's role, name, language and staff link", async () => {
    const users = (await admin("GET", "/users")).body.items;
    const caregiver = users.find((user) => user.username === "cuidadora");
    assert.ok(caregiver?.staff_id, "the demo caregiver is linked to her staff record");
    const staff = (await admin("GET", "/staff?limit=100")).body.items.filter(
      (row) => row.organisation_id === caregiver.organisation_id && row.id !== caregiver.staff_id,
    );
    assert.ok(staff.length > 0, "her organisation has other staff records");
    const otherStaff = staff[0];

    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "admin");
    await page.goto("/admin");
    await page.getByRole("button", { name: "Editar cuidadora" }).click();
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Editar a cuidadora" }) });
    await form.waitFor();
    await checkBothWidths(page, "admin-edit-user");
    // The whole page is long (every user, rule and catalogue item); the form alone, at phone width.
    await page.setViewportSize(viewports.phone);
    await form.screenshot({ path: path.join(artifacts, "admin-edit-user-form-phone.png") });
    await page.setViewportSize(viewports.desktop);
    await form.getByLabel("Nombre visible").fill("Cuidadora (editada)");
    await form.getByLabel("Idioma").selectOption("en");
    await form.getByLabel("Ficha de personal").selectOption(String(otherStaff.id));
    await form.getByRole("button", { name: "Guardar cambios" }).click();
    await page.getByRole("status").getByText("Se actualizó a cuidadora.").waitFor();
    const changed = (await admin("GET", `/users/${caregiver.id}`)).body;
    assert.equal(changed.display_name, "Cuidadora (editada)");
    assert.equal(changed.language, "en");
    assert.equal(changed.staff_id, otherStaff.id);
    assert.equal(changed.role, "caregiver");

    // Someone else changes her first: this form's save is refused and nothing of it is stored.
    await page.getByRole("button", { name: "Editar cuidadora" }).click();
    const patched = await admin("PATCH", `/users/${caregiver.id}`, { display_name: "Otra mano" }, { "If-Match": `"${changed.version}"` });
    assert.equal(patched.status, 200);
    await form.getByLabel("Rol").selectOption("social_worker");
    await form.getByRole("button", { name: "Guardar cambios" }).click();
    await form.getByRole("alert").getByText(/Otra persona cambió este usuario/).waitFor();
    const after = (await admin("GET", `/users/${caregiver.id}`)).body;
    assert.equal(after.role, "caregiver");
    assert.equal(after.display_name, "Otra mano");

    // Her own row offers no role change (an administrator keeps her role).
    await form.getByRole("button", { name: "Cancelar" }).click();
    await page.getByRole("button", { name: "Editar admin" }).click();
    await page.getByRole("heading", { name: "Editar a admin" }).waitFor();
    assert.equal(await page.locator("#edit_role").count(), 0);
    assert.deepEqual(page.errors, []);
  });
  test("a user changes her own password (issue 13)", async () => {
    const made = await admin("POST", "/users", {
      username: "cuidadora.clave",
      password: "primera-clave-e2e-2026",
      role: "caregiver",
      organisation_id: orgId,
      display_name: "Cuidadora que cambia su clave (e2e)",
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    // A session of hers on another device, to be ended by the change.
    const otherDevice = await apiAs(suite.server.baseUrl, "cuidadora.clave", "primera-clave-e2e-2026");
    assert.equal((await otherDevice("GET", "/auth/me")).status, 200);

    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "cuidadora.clave", "primera-clave-e2e-2026");
    await page.getByRole("link", { name: "Mi cuenta" }).click();
    await page.getByRole("heading", { name: "Cambiar mi contraseña" }).waitFor();
    await checkBothWidths(page, "account");

    // The two new ones differ: said next to the field, nothing sent.
    await page.getByLabel("Contraseña actual").fill("primera-clave-e2e-2026");
    await page.getByLabel("Contraseña nueva", { exact: true }).fill("segunda-clave-e2e-2026");
    await page.getByLabel("Repita la contraseña nueva").fill("otra-cosa-e2e-2026");
    await page.getByRole("button", { name: "Cambiar contraseña" }).click();
    await page.locator("#repeat_password-error").getByText("Las dos contraseñas nuevas no coinciden.").waitFor();

    // A wrong current password is refused next to its field; she stays signed in.
    await page.getByLabel("Contraseña actual").fill("no-es-la-clave-2026");
    await page.getByLabel("Repita la contraseña nueva").fill("segunda-clave-e2e-2026");
    await page.getByRole("button", { name: "Cambiar contraseña" }).click();
    await page.locator("#current_password-error").getByText("Esa no es su contraseña actual.").waitFor();
    assert.equal(new URL(page.url()).pathname, "/account");

    // A guessable new password is refused next to its field.
    await page.getByLabel("Contraseña actual").fill("primera-clave-e2e-2026");
    await page.getByLabel("Contraseña nueva", { exact: true }).fill("1234567890");
    await page.getByLabel("Repita la contraseña nueva").fill("1234567890");
    await page.getByRole("button", { name: "Cambiar contraseña" }).click();
    await page.locator("#new_password-error").getByText(/Elija otra contraseña/).waitFor();

    // The change: confirmed, her other session ended, this one goes on.
    await page.getByLabel("Contraseña nueva", { exact: true }).fill("segunda-clave-e2e-2026");
    await page.getByLabel("Repita la contraseña nueva").fill("segunda-clave-e2e-2026");
    await page.getByRole("button", { name: "Cambiar contraseña" }).click();
    await page.getByRole("status").getByText("Contraseña cambiada. Sus otras sesiones se cerraron.").waitFor();
    assert.equal((await otherDevice("GET", "/auth/me")).status, 401);
    await page.getByRole("link", { name: "Inicio" }).click();
    await page.locator("header.topbar").waitFor();
    assert.equal(new URL(page.url()).pathname, "/");
    await assert.rejects(apiAs(suite.server.baseUrl, "cuidadora.clave", "primera-clave-e2e-2026"));
    await apiAs(suite.server.baseUrl, "cuidadora.clave", "segunda-clave-e2e-2026");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
