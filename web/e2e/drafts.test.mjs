// Issue 16, "no lost input": every form of the web UI keeps what was typed
// across a reload, an expired session and going offline, in a real chromium
// against a real server over a fresh demo database.
// - One test per form (table below): a role that may use it signs in, opens
//   it, types into it, reloads the page and finds what she typed.
// - An expired session (cookies cleared) while saving a follow-up contact and
//   while saving a workshop's attendance, and before a reload on the placement
//   form: she signs in again as herself and comes back to what she typed; the
//   contact, saved then, leaves no draft behind a reload.
// - Another user signing in on the same tab gets none of those drafts.
// - Offline: a reunification step refused for want of a network keeps what
//   was typed; the release countdown's filter survives a reload offline.
// axe and screenshots at 360 and 1280 px for one restored form.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { apiAs, checkBothWidths, DEMO_PASSWORD, login, newPage, setOffline, useServerAndBrowser, viewports } from "./harness.mjs";

const world = useServerAndBrowser();
const daysAgo = (n) => new Date(Date.now() - n * 24 * 3600 * 1000).toISOString().slice(0, 10);
const exact = { exact: true };

// Demo records the forms are about, found or prepared through the API.
const fixture = {};
async function prepare() {
  const coordinator = await apiAs(world.server.baseUrl, "coordinadora");
  // The father with a reunification plan (the countdown flags its overdue step).
  const countdown = (await coordinator("GET", "/release-countdown?alerts_only=true")).body.items;
  fixture.planParent = countdown.find((entry) => entry.reunification_plan_id !== null).parent.id;
  // Another father with a child, released 40 days ago: his follow-up contacts;
  // his child's placement.
  const parents = (await coordinator("GET", "/parents?limit=200")).body.items;
  for (const parent of parents.filter((one) => one.custody_status === "incarcerated" && one.id !== fixture.planParent)) {
    const links = (await coordinator("GET", `/parent_child_links?parent_id=${parent.id}`)).body.items;
    if (links.length === 0) continue;
    const released = await coordinator("PATCH", `/parents/${parent.id}`, { custody_status: "released", released_on: daysAgo(40) }, { "If-Match": `"${parent.version}"` });
    if (released.status !== 200) continue;
    fixture.releasedParent = parent.id;
    fixture.child = links[0].child_id;
    break;
  }
  assert.ok(fixture.releasedParent, "a demo parent released");
  // The social worker's first workshop cohort (it has sessions that happened).
  const socialWorker = await apiAs(world.server.baseUrl, "psicologa");
  fixture.cohort = (await socialWorker("GET", "/workshops/cohorts")).body.items[0].id;
  // A child of the nursery out on a leave that is overdue (the demo's).
  const officer = await apiAs(world.server.baseUrl, "oficial.guarderia");
  fixture.leaveChild = (await officer("GET", "/nursery/leaves")).body.items.find((leave) => leave.state === "overdue").child_id;
  fixture.coordinator = coordinator;
  fixture.admin = await apiAs(world.server.baseUrl, "admin");
}

// Waits until a control shows the expected value (lists of options arrive
// after the form), then asserts it.
async function expectValue(locator, expected, what) {
  let value;
  for (const deadline = Date.now() + 10000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    value = await locator.inputValue({ timeout: 10000 }).catch(() => undefined);
    if (value === expected) return;
  }
  assert.equal(value, expected, what);
}

async function expectChecked(locator, what) {
  await locator.waitFor();
  assert.equal(await locator.isChecked(), true, what);
}

// The login form after a session ended: signs in again as the same user.
async function signInAgain(page, username) {
  await page.getByLabel("Usuario").waitFor();
  assert.match(page.url(), /\/login\?next=/);
  await page.getByLabel("Usuario").fill(username);
  await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.locator("header.topbar").waitFor();
}

const draftKeys = (page) => page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith("vinculo.draft.")));

// Each form: who uses it, where, how to open it, what she types and how that
// is checked again (after a reload, or after signing in again).
const forms = {
  placement: {
    screen: "ChildPlacement",
    user: "coordinadora",
    path: () => `/children/${fixture.child}/placement`,
    form: (page) => page.getByRole("form", { name: "Nueva ubicación" }),
    async type(form) {
      await form.getByLabel("Situación", exact).selectOption("care_home");
      const home = form.getByLabel("Hogar de acogida", exact);
      await home.locator("option").nth(1).waitFor({ state: "attached" });
      this.home = await home.locator("option").nth(1).getAttribute("value");
      await home.selectOption(this.home);
      await form.getByLabel("Desde", exact).fill(daysAgo(2));
      await form.getByLabel("Nota", exact).fill("Se muda con su abuela (borrador)");
    },
    async expect(form) {
      await expectValue(form.getByLabel("Situación", exact), "care_home", "placement");
      await expectValue(form.getByLabel("Hogar de acogida", exact), this.home, "care home");
      await expectValue(form.getByLabel("Desde", exact), daysAgo(2), "from");
      await expectValue(form.getByLabel("Nota", exact), "Se muda con su abuela (borrador)", "note");
    },
  },
  family: {
    screen: "ChildFamily (siblings apart, sibling link)",
    user: "coordinadora",
    path: () => `/children/${fixture.child}/family`,
    form: (page) => page.locator("article[aria-labelledby=family-title]"),
    async type(page) {
      await page.getByLabel("Sin verse al menos (días)", exact).fill("45");
      const link = page.getByRole("form", { name: "Registrar hermana o hermano" });
      const sibling = link.getByLabel("Hermana o hermano", exact);
      await sibling.locator("option").nth(1).waitFor({ state: "attached" });
      this.sibling = await sibling.locator("option").nth(1).getAttribute("value");
      await sibling.selectOption(this.sibling);
      await link.getByLabel("Parentesco", exact).selectOption("half");
    },
    async expect(page) {
      await expectValue(page.getByLabel("Sin verse al menos (días)", exact), "45", "days apart");
      const link = page.getByRole("form", { name: "Registrar hermana o hermano" });
      await expectValue(link.getByLabel("Hermana o hermano", exact), this.sibling, "sibling");
      await expectValue(link.getByLabel("Parentesco", exact), "half", "relation");
    },
  },
  followUp: {
    screen: "FollowUpContacts",
    user: "coordinadora",
    path: () => `/parents/${fixture.releasedParent}/follow-ups`,
    form: (page) => page.getByRole("form", { name: "Registrar un contacto" }),
    async type(form) {
      await form.getByLabel("Fecha del contacto", exact).fill(daysAgo(3));
      await form.getByLabel("Tipo de contacto", exact).selectOption("phone");
      await form.getByLabel("Qué se encontró", exact).fill("Llamó la abuela: los niños están bien");
    },
    async expect(form) {
      await expectValue(form.getByLabel("Fecha del contacto", exact), daysAgo(3), "date");
      await expectValue(form.getByLabel("Tipo de contacto", exact), "phone", "kind");
      await expectValue(form.getByLabel("Qué se encontró", exact), "Llamó la abuela: los niños están bien", "note");
    },
  },
  releases: {
    screen: "Releases (countdown filter)",
    user: "coordinadora",
    path: () => "/releases",
    form: (page) => page.locator("article[aria-labelledby=releases-title]"),
    async type(page) {
      await page.getByLabel("Liberación en los próximos (días)", exact).fill("400");
    },
    async expect(page) {
      await expectValue(page.getByLabel("Liberación en los próximos (días)", exact), "400", "within days");
    },
  },
  reunification: {
    screen: "Reunification (a new step)",
    user: "coordinadora",
    path: () => `/parents/${fixture.planParent}/reunification`,
    form: (page) => page.getByRole("form", { name: "Agregar un paso" }),
    async type(form) {
      await form.getByLabel("Paso", exact).selectOption("housing");
      await form.getByLabel("Qué hay que hacer", exact).fill("Buscar un cuarto cerca del colegio");
      const owner = form.getByLabel("Responsable", exact);
      await owner.locator("option").nth(1).waitFor({ state: "attached" });
      this.owner = await owner.locator("option").nth(1).getAttribute("value");
      await owner.selectOption(this.owner);
      await form.getByLabel("Fecha límite", exact).fill("2031-02-20");
    },
    async expect(form) {
      await expectValue(form.getByLabel("Paso", exact), "housing", "kind");
      await expectValue(form.getByLabel("Qué hay que hacer", exact), "Buscar un cuarto cerca del colegio", "description");
      await expectValue(form.getByLabel("Responsable", exact), this.owner, "owner");
      await expectValue(form.getByLabel("Fecha límite", exact), "2031-02-20", "due");
    },
  },
  attendance: {
    screen: "Workshops (attendance)",
    user: "psicologa",
    path: () => `/workshops/${fixture.cohort}`,
    async open(page) {
      await page.getByTestId("enrolments").waitFor();
      await page.getByRole("button", { name: "Pasar lista" }).last().click();
    },
    form: (page) => page.getByRole("form", { name: /Asistencia de la sesión/ }),
    async type(form) {
      const rows = form.getByTestId("attendance-row");
      await rows.nth(0).getByLabel("Ausente").check();
      await rows.nth(0).getByLabel("Motivo de la ausencia").selectOption("court");
      await rows.nth(1).getByLabel("Justificada").check();
    },
    async expect(form) {
      const rows = form.getByTestId("attendance-row");
      await expectChecked(rows.nth(0).getByLabel("Ausente"), "the first parent absent");
      await expectValue(rows.nth(0).getByLabel("Motivo de la ausencia"), "court", "reason");
      await expectChecked(rows.nth(1).getByLabel("Justificada"), "the second parent excused");
    },
  },
  visitSettings: {
    screen: "visits/VisitSettings",
    user: "coordinadora",
    path: () => "/plan",
    async open(page) {
      await page.getByText("Estimaciones de viaje").click();
    },
    form: (page) => page.getByRole("form", { name: "Estimaciones de viaje" }),
    async type(form) {
      await form.getByLabel("Velocidad media (km/h)").fill("55");
      await form.getByLabel("Costo por km").fill("1,5");
    },
    async expect(form) {
      // Unfolded by itself: she sees the figures she typed.
      await form.getByLabel("Velocidad media (km/h)").waitFor();
      await expectValue(form.getByLabel("Velocidad media (km/h)"), "55", "speed");
      await expectValue(form.getByLabel("Costo por km"), "1,5", "cost");
    },
  },
  calendar: {
    screen: "CalendarSubscriptions",
    user: "visitas",
    path: () => "/account",
    form: (page) => page.getByTestId("calendar-subscriptions"),
    async type(section) {
      await section.getByLabel("Calendario", exact).selectOption("facility");
      this.subject = await section.getByLabel("Establecimiento", exact).inputValue();
      assert.ok(this.subject, "her facility chosen");
    },
    async expect(section) {
      await expectValue(section.getByLabel("Calendario", exact), "facility", "feed");
      await expectValue(section.getByLabel("Establecimiento", exact), this.subject, "facility");
    },
  },
  returnFromLeave: {
    screen: "ChildLeave (a return)",
    user: "oficial.guarderia",
    path: () => `/children/${fixture.leaveChild}/leave`,
    form: (page) => page.getByRole("form", { name: "Registrar el regreso" }),
    async type(form) {
      await form.getByLabel("Regreso", exact).fill(`${daysAgo(0)}T08:15`);
    },
    async expect(form) {
      await expectValue(form.getByLabel("Regreso", exact), `${daysAgo(0)}T08:15`, "returned at");
    },
  },
  editUser: {
    screen: "Admin (editing a user)",
    user: "admin",
    path: () => "/admin",
    async open(page) {
      await page.getByRole("button", { name: "Editar auditora" }).click();
    },
    form: (page) => page.getByRole("form", { name: "Editar a auditora" }),
    async type(form) {
      await form.getByLabel("Nombre visible", exact).fill("Auditora Sintética (borrador)");
      await form.getByLabel("Idioma", exact).selectOption("en");
    },
    async expect(form) {
      await expectValue(form.getByLabel("Nombre visible", exact), "Auditora Sintética (borrador)", "display name");
      await expectValue(form.getByLabel("Idioma", exact), "en", "language");
    },
  },
  entrance: {
    screen: "Entrance (facility and day)",
    user: "coordinadora",
    path: () => "/entrance",
    form: (page) => page.locator("article.entrance"),
    async type(page) {
      await page.getByLabel("Establecimiento", exact).selectOption("1");
      await page.getByLabel("Día", exact).fill("2020-01-01");
      await page.getByTestId("entrance-none").waitFor();
    },
    async expect(page) {
      await expectValue(page.getByLabel("Establecimiento", exact), "1", "facility");
      await expectValue(page.getByLabel("Día", exact), "2020-01-01", "day");
      await page.getByTestId("entrance-none").waitFor();
    },
  },
};

async function openForm(page, entry) {
  await page.goto(entry.path());
  if (entry.open) await entry.open(page);
  const form = entry.form(page);
  await form.waitFor();
  return form;
}

describe("no lost input: every form keeps what was typed", () => {
  before(prepare);
  for (const [name, entry] of Object.entries(forms)) {
    test(`${entry.screen}: what ${entry.user} typed survives a reload`, async () => {
      const page = await newPage(world.chromium.browser, world.server.baseUrl, name === "attendance" ? viewports.phone : viewports.desktop);
      await login(page, entry.user);
      await entry.type(await openForm(page, entry));
      await page.reload();
      const form = entry.form(page);
      await form.waitFor();
      await entry.expect(form);
      if (name === "placement") await checkBothWidths(page, "draft-restored-placement");
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  test("a session that ends while a follow-up contact is saved: she signs in again, finds it, saves it; no draft is left", async () => {
    const entry = forms.followUp;
    const contacts = `/parents/${fixture.releasedParent}/follow-up-contacts`;
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, entry.user);
    await entry.type(await openForm(page, entry));
    await page.context().clearCookies();
    await entry.form(page).getByRole("button", { name: "Guardar el contacto" }).click();
    await page.getByText("Su sesión terminó.", { exact: false }).waitFor();
    await signInAgain(page, entry.user);
    const form = entry.form(page);
    await form.waitFor();
    await entry.expect(form);
    assert.equal((await fixture.coordinator("GET", contacts)).body.items.length, 0, "nothing was saved");

    await form.getByRole("button", { name: "Guardar el contacto" }).click();
    await page.getByTestId("fuc-list").waitFor();
    assert.equal((await fixture.coordinator("GET", contacts)).body.items.length, 1);
    await page.reload();
    await entry.form(page).waitFor();
    assert.equal(await entry.form(page).getByLabel("Qué se encontró", exact).inputValue(), "");
    assert.equal(await entry.form(page).getByLabel("Tipo de contacto", exact).inputValue(), "");
    assert.deepEqual(
      (await draftKeys(page)).filter((key) => key.startsWith("vinculo.draft.follow-up.")),
      [],
      "the saved contact left no draft",
    );
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a session that ends while attendance is saved: the same list opens again with the same marks", async () => {
    const entry = forms.attendance;
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, entry.user);
    await entry.type(await openForm(page, entry));
    await page.context().clearCookies();
    await entry.form(page).getByRole("button", { name: "Guardar asistencia" }).click();
    await page.getByText("Su sesión terminó.", { exact: false }).waitFor();
    await signInAgain(page, entry.user);
    const form = entry.form(page);
    await form.waitFor();
    await entry.expect(form);
    // Saved now: the list closes and stays closed after a reload.
    await form.getByRole("button", { name: "Guardar asistencia" }).click();
    await page.getByRole("status").getByText(/Asistencia del .* guardada/).waitFor();
    await page.reload();
    await page.getByTestId("enrolments").waitFor();
    assert.equal(await entry.form(page).count(), 0);
    assert.deepEqual((await draftKeys(page)).filter((key) => key.startsWith("vinculo.draft.attendance")), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a session that ended before a reload: she signs in again and the placement she typed is back", async () => {
    const entry = forms.placement;
    const page = await newPage(world.chromium.browser, world.server.baseUrl, viewports.phone);
    await login(page, entry.user);
    await entry.type(await openForm(page, entry));
    await page.context().clearCookies();
    await page.reload();
    await signInAgain(page, entry.user);
    assert.equal(new URL(page.url()).pathname, entry.path());
    const form = entry.form(page);
    await form.waitFor();
    await entry.expect(form);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("an edited user changed by someone else meanwhile: her change is kept over the newest record, never the old version", async () => {
    const auditor = async () => (await fixture.admin("GET", "/users")).body.items.find((user) => user.username === "auditora");
    const page = await newPage(world.chromium.browser, world.server.baseUrl);
    await login(page, "admin");
    const form = await openForm(page, forms.editUser);
    await form.getByLabel("Nombre visible", exact).fill("Auditora del Programa");
    // Meanwhile someone else gives her English.
    const read = await auditor();
    const other = await fixture.admin("PATCH", `/users/${read.id}`, { language: read.language === "en" ? "es" : "en" }, { "If-Match": `"${read.version}"` });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    await page.reload();
    const again = forms.editUser.form(page);
    await again.waitFor();
    await expectValue(again.getByLabel("Nombre visible", exact), "Auditora del Programa", "her change");
    await expectValue(again.getByLabel("Idioma", exact), other.body.language, "the other change, as read now");
    await again.getByRole("button", { name: "Guardar cambios" }).click();
    await page.getByRole("status").getByText("Se actualizó a auditora.").waitFor();
    const saved = await auditor();
    assert.equal(saved.display_name, "Auditora del Programa");
    assert.equal(saved.language, other.body.language);
    await page.reload();
    await page.getByRole("button", { name: "Editar auditora" }).waitFor();
    assert.equal(await forms.editUser.form(page).count(), 0, "the saved form stays closed");
    assert.deepEqual((await draftKeys(page)).filter((key) => key !== "vinculo.draft.login"), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("another user signing in on the same tab finds none of the drafts", async () => {
    const entry = forms.reunification;
    const page = await newPage(world.chromium.browser, world.server.baseUrl);
    await login(page, entry.user);
    await entry.type(await openForm(page, entry));
    assert.ok((await draftKeys(page)).some((key) => key.startsWith("vinculo.draft.reunification-step.")));
    await page.context().clearCookies();
    await page.reload();
    await signInAgain(page, "admin");
    assert.deepEqual(
      (await draftKeys(page)).filter((key) => key !== "vinculo.draft.login"),
      [],
      "the coordinator's drafts are gone",
    );
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("offline: a step refused for want of a network keeps what was typed; the countdown's filter survives a reload offline", async () => {
    const entry = forms.reunification;
    const page = await newPage(world.chromium.browser, world.server.baseUrl);
    const context = page.context();
    await login(page, entry.user);
    const form = await openForm(page, entry);
    await entry.type(form);
    const before = (await fixture.coordinator("GET", `/parents/${fixture.planParent}/reunification-plan`)).body.steps.length;
    await setOffline(context, true);
    await form.getByRole("button", { name: "Agregar paso", exact: true }).click();
    await form.getByRole("alert").waitFor();
    await entry.expect(form);
    await setOffline(context, false);
    await page.reload();
    await entry.form(page).waitFor();
    await entry.expect(entry.form(page));
    assert.equal((await fixture.coordinator("GET", `/parents/${fixture.planParent}/reunification-plan`)).body.steps.length, before);

    // The app's shell from the device (its service worker), the filter from the draft.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    await page.goto(forms.releases.path());
    await forms.releases.type(page);
    await setOffline(context, true);
    await page.reload();
    await forms.releases.expect(page);
    await setOffline(context, false);
    await context.close();
  });
});
