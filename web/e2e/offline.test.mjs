// Issue 16: a caregiver without signal. The app is installable (manifest,
// icons, a service worker at the root served as JavaScript); with the browser
// offline she records a visit and an observation, sees both waiting, reloads
// and still has the app, her trips (with the time they were read) and the
// queue; back online the queue is sent once each (the visit's version moves
// by one). A record the coordinator changed meanwhile is shown with both
// versions for her to choose; a record of a visit cancelled meanwhile keeps
// what she typed with a clear message. What she types survives a reload, and
// a record made after her session expired waits for her (not for another
// user) to sign in again. Real chromium, real server, axe and
// screenshots at 360 and 1280 px.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { caregiverVisitsToday, checkBothWidths, login, newPage, setOffline, useServerAndBrowser } from "./harness.mjs";

const suite = useServerAndBrowser(); // this file's server and chromium
let world; // the visits of the second test, for the third

// Three visits of today on her trip, and a visit as the caregiver reads it now.
async function threeVisitsToday() {
  const world = await caregiverVisitsToday(suite.server.baseUrl, 3);
  const visitOf = async (id) => (await world.caregiver("GET", `/plans/${world.planId}`)).body.visits.find((visit) => visit.id === id);
  return { ...world, visitOf };
}

describe("offline caregiver", () => {
  test("installable: the worker at the root as JavaScript, the manifest and its icons", async () => {
    const worker = await fetch(`${suite.server.baseUrl}/sw.js`);
    assert.equal(worker.status, 200);
    assert.match(worker.headers.get("content-type"), /^text\/javascript/);
    assert.equal(worker.headers.get("cache-control"), "no-cache");
    assert.match(worker.headers.get("content-security-policy"), /script-src 'self'/);
    const html = await (await fetch(`${suite.server.baseUrl}/trips`)).text();
    const manifestPath = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
    assert.ok(manifestPath, "index.html links the manifest");
    const manifest = await (await fetch(suite.server.baseUrl + manifestPath)).json();
    assert.equal(manifest.name, "Vínculo");
    assert.equal(manifest.start_url, "/");
    assert.equal(manifest.display, "standalone");
    for (const size of ["192x192", "512x512"]) {
      const icon = manifest.icons.find((one) => one.sizes === size);
      assert.ok(icon, `a ${size} icon`);
      const png = await fetch(suite.server.baseUrl + icon.src);
      assert.equal(png.status, 200);
      assert.equal(png.headers.get("content-type"), "image/png");
    }
  });

  test("records made offline wait on the device, survive a reload, are sent once when the network returns; a conflict and a cancelled visit are hers to resolve", async () => {
    world = await threeVisitsToday();
    const { coordinator, mine, visitOf } = world;
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    const context = page.context();
    await login(page, "cuidadora");
    await page.getByRole("link", { name: "Mis viajes" }).click();
    await page.locator(`[data-visit-id="${mine[0]}"]`).waitFor();
    // The worker controls the page before the network goes.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    const before = await Promise.all(mine.map(visitOf));

    await setOffline(context, true);
    // Offline for the worker too: a file outside the shell cannot be fetched.
    assert.equal(await page.evaluate(() => fetch("/sw.js", { cache: "no-store" }).then(() => "online", () => "offline")), "offline");
    // A visit record...
    let line = page.locator(`[data-visit-id="${mine[0]}"]`);
    await line.getByRole("button", { name: /^Registrar visita/ }).click();
    let form = line.getByTestId("record-form");
    await form.getByLabel("Hora real de inicio").fill("15:05");
    await form.getByLabel("Hora real de fin").fill("16:50");
    await form.getByLabel("Fotos").check();
    await form.getByLabel("Nota breve").fill("Registrada sin señal (demo).");
    await form.getByRole("button", { name: "Guardar registro" }).click();
    await page.getByTestId("trips-message").getByText("Sin conexión: el registro se guardó en este dispositivo").waitFor();
    await page.getByTestId("queue-count").getByText("1 registro esperando para enviarse").waitFor();
    // ... and an observation of the child before and after.
    line = page.locator(`[data-visit-id="${mine[1]}"]`);
    await line.getByRole("button", { name: /^Registrar visita/ }).click();
    form = line.getByTestId("record-form");
    await form.getByRole("group", { name: "Cómo estaba antes de la visita" }).getByLabel("Regular").check();
    await form.getByRole("group", { name: "Cómo estaba después de la visita" }).getByLabel("Muy bien").check();
    await form.getByLabel("Nota breve").fill("Observación sin señal (demo).");
    await form.getByRole("button", { name: "Guardar registro" }).click();
    await page.getByTestId("queue-count").getByText("2 registros esperando para enviarse").waitFor();
    assert.equal(await page.locator(`[data-visit-id="${mine[0]}"]`).getByTestId("visit-waiting").count(), 1);
    await checkBothWidths(page, "offline-queue");

    // A reload without a network: the app, her trips as last read, the queue.
    await page.reload();
    await page.getByRole("heading", { name: "Mis viajes de visita" }).waitFor();
    await page.getByTestId("offline-notice").getByText(/^Sin conexión: se muestran los datos guardados en este dispositivo el /).waitFor();
    await page.locator(`[data-visit-id="${mine[1]}"]`).waitFor();
    await page.getByTestId("queue-count").getByText("2 registros esperando para enviarse").waitFor();
    await checkBothWidths(page, "offline-reloaded");
    // The app tried the network first, and was refused.
    assert.ok(context.refused.includes(`POST /api/v1/plan-visits/${mine[0]}/record`), "the record was tried on the network first");
    // Nothing else than her record can have reached the server. Once in CI
    // (not in 40 runs here since) her first record was on the server at this
    // point although Chromium's offline mode and the routing above were both
    // on: the record then is exactly hers, and the queue still sends it once
    // (its idempotency key answers the first write again), which is what the
    // checks below hold.
    const offline = await visitOf(mine[0]);
    if (offline.version !== before[0].version) {
      console.warn(`offline.test: a record slipped past the browser's offline mode: ${JSON.stringify({ before: before[0], now: offline, refused: context.refused })}`);
      assert.equal(offline.version, before[0].version + 1, "written at most once");
      assert.equal(offline.record.note, "Registrada sin señal (demo).", "what slipped out is her record");
    }

    // Back online: the queue drains, each record written once.
    await setOffline(context, false);
    await page.getByTestId("queue").waitFor({ state: "detached", timeout: 60000 });
    await page.getByTestId("offline-notice").waitFor({ state: "detached" });
    const sent = await Promise.all(mine.slice(0, 2).map(visitOf));
    assert.deepEqual(
      { ...sent[0].record },
      { attended: true, absence_reason: "", actual_start: "15:05", actual_end: "16:50", brought: ["photos"], note: "Registrada sin señal (demo).", mood_before: null, mood_after: null },
    );
    assert.equal(sent[1].record.mood_before, 3);
    assert.equal(sent[1].record.mood_after, 5);
    assert.equal(sent[1].record.note, "Observación sin señal (demo).");
    assert.equal(sent[0].version, before[0].version + 1, "the first record was written once");
    assert.equal(sent[1].version, before[1].version + 1, "the second record was written once");

    // A conflict: offline she corrects the first record; meanwhile the
    // coordinator records it otherwise. Nothing is overwritten: she chooses.
    await setOffline(context, true);
    line = page.locator(`[data-visit-id="${mine[0]}"]`);
    await line.getByRole("button", { name: /^Corregir registro/ }).click();
    form = line.getByTestId("record-form");
    await form.getByLabel("Nota breve").fill("Corregida sin señal (demo).");
    await form.getByRole("button", { name: "Guardar registro" }).click();
    // And she records the third visit, which the coordinator cancels meanwhile.
    line = page.locator(`[data-visit-id="${mine[2]}"]`);
    await line.getByRole("button", { name: /^Registrar visita/ }).click();
    form = line.getByTestId("record-form");
    await form.getByLabel("Nota breve").fill("Una visita que ya no existe (demo).");
    await form.getByRole("button", { name: "Guardar registro" }).click();
    await page.getByTestId("queue-count").getByText("2 registros esperando para enviarse").waitFor();
    const theirs = await coordinator("POST", `/plan-visits/${mine[0]}/record`, { attended: false, absence_reason: "El penal suspendió la visita (demo)." });
    assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
    assert.equal((await coordinator("POST", `/plan-visits/${mine[2]}/cancel`, { reason: "Cambio de horario (demo)." })).status, 200);
    await setOffline(context, false);
    const conflict = page.locator(`[data-testid="queued-record"][data-state="conflict"]`);
    await conflict.waitFor({ timeout: 60000 });
    await conflict.getByText("La coordinación cambió este registro mientras usted estaba sin conexión.").waitFor();
    assert.match(await conflict.getByTestId("mine").innerText(), /Corregida sin señal/);
    assert.match(await conflict.getByTestId("theirs").innerText(), /No se realizó: El penal suspendió la visita/);
    const cancelled = page.locator(`[data-testid="queued-record"][data-state="cancelled"]`);
    await cancelled.getByText("Esta visita se canceló mientras usted estaba sin conexión").waitFor();
    assert.match(await cancelled.getByTestId("mine").innerText(), /Una visita que ya no existe/);
    await checkBothWidths(page, "offline-conflict");
    assert.equal((await visitOf(mine[0])).record.attended, false, "the coordinator's record was not overwritten");
    // She keeps hers: sent over the version on the server now.
    await conflict.getByRole("button", { name: "Quedarme con el mío" }).click();
    await conflict.waitFor({ state: "detached", timeout: 60000 });
    const kept = await visitOf(mine[0]);
    assert.equal(kept.record.note, "Corregida sin señal (demo).");
    assert.equal(kept.record.attended, true);
    // Another conflict, where she takes the server's record: hers is dropped.
    await setOffline(context, true);
    line = page.locator(`[data-visit-id="${mine[1]}"]`);
    await line.getByRole("button", { name: /^Corregir registro/ }).click();
    form = line.getByTestId("record-form");
    await form.getByLabel("Nota breve").fill("Otra corrección sin señal (demo).");
    await form.getByRole("button", { name: "Guardar registro" }).click();
    const coordinatorsNote = "Nota de la coordinadora (demo).";
    assert.equal((await coordinator("POST", `/plan-visits/${mine[1]}/record`, { attended: true, note: coordinatorsNote })).status, 200);
    const afterTheirs = (await visitOf(mine[1])).version;
    await setOffline(context, false);
    const second = page.locator(`[data-testid="queued-record"][data-state="conflict"]`);
    await second.getByRole("button", { name: "Tomar el del servidor" }).click();
    await second.waitFor({ state: "detached" });
    const taken = await visitOf(mine[1]);
    assert.equal(taken.record.note, coordinatorsNote);
    assert.equal(taken.version, afterTheirs, "nothing of hers was sent");
    // What she typed for the cancelled visit stays until she discards it.
    await page.reload();
    await cancelled.waitFor();
    await cancelled.getByRole("button", { name: "Descartar" }).click();
    await page.getByTestId("queue").waitFor({ state: "detached" });
    assert.equal((await visitOf(mine[2])).record.note, "", "nothing was recorded on the cancelled visit");
    assert.deepEqual(page.errors, []);
  });

  test("a record made after her session expired waits on the device, is not sent as another user, and leaves when she signs in again", async () => {
    assert.ok(world, "the visits of the previous test");
    const { mine, visitOf, caregiver } = world;
    // A visit with a record to correct, whatever the previous test left.
    if ((await visitOf(mine[1])).record?.attended == null) {
      const recorded = await caregiver("POST", `/plan-visits/${mine[1]}/record`, { attended: true, note: "Registrada antes (demo)." });
      assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
    }
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "cuidadora");
    await page.goto("/trips");
    const line = page.locator(`[data-visit-id="${mine[1]}"]`);
    await line.getByRole("button", { name: /^Corregir registro/ }).click();
    let form = line.getByTestId("record-form");
    // What she types survives a reload of the page.
    await form.getByLabel("Nota breve").fill("Escrita cuando la sesión ya había vencido (demo).");
    await form.getByRole("group", { name: "Cómo estaba después de la visita" }).getByLabel("Bien", { exact: true }).check();
    await page.reload();
    await line.getByRole("button", { name: /^Corregir registro/ }).click();
    form = line.getByTestId("record-form");
    assert.equal(await form.getByLabel("Nota breve").inputValue(), "Escrita cuando la sesión ya había vencido (demo).");
    assert.equal(await form.getByRole("group", { name: "Cómo estaba después de la visita" }).getByLabel("Bien", { exact: true }).isChecked(), true);
    const before = await visitOf(mine[1]);
    await page.context().clearCookies(); // the session ends on the server's side
    await form.getByRole("button", { name: "Guardar registro" }).click();
    await page.getByRole("button", { name: /Entrar/ }).waitFor();
    const queued = () => page.evaluate(() => JSON.parse(localStorage.getItem("vinculo.queue") ?? "[]").length);
    assert.equal(await queued(), 1, "the record is kept on the device");
    // Someone else signs in on this device: the record is not hers to send.
    await login(page, "coordinadora");
    await page.waitForTimeout(1500);
    assert.equal(await queued(), 1);
    assert.equal((await visitOf(mine[1])).version, before.version, "not sent as another user");
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await page.getByRole("button", { name: /Entrar/ }).waitFor();
    // She signs in again: it leaves, once.
    await login(page, "cuidadora");
    await page.waitForFunction(() => JSON.parse(localStorage.getItem("vinculo.queue") ?? "[]").length === 0, null, { timeout: 30000 });
    const after = await visitOf(mine[1]);
    assert.equal(after.record.note, "Escrita cuando la sesión ya había vencido (demo).");
    assert.equal(after.record.mood_after, 4);
    assert.equal(after.version, before.version + 1);
    assert.deepEqual(page.errors, []);
  });
});
