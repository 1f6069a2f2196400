// A journey through calendar subscriptions (issue 18) in a real chromium
// against a real server over a fresh demo database: the demo visits officer
// makes a subscription address for her facility's visiting sessions on her
// account screen, a calendar application (a plain fetch, no cookie, no
// token) reads the feed there, she revokes it after confirming, and the
// address answers 404; axe-core and screenshots at 360 px and 1280 px.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiAs, checkBothWidths, login, newPage, useServerAndBrowser } from "./harness.mjs";

const suite = useServerAndBrowser(); // this file's server and chromium

describe("calendar subscriptions", () => {
  test("a visits officer subscribes to her facility's sessions and revokes the address", async () => {
    const page = await newPage(suite.chromium.browser, suite.server.baseUrl);
    await login(page, "visitas");
    await page.goto("/account");
    const section = page.getByTestId("calendar-subscriptions");
    await section.getByText("No tiene suscripciones de calendario.").waitFor();

    await page.getByLabel("Calendario", { exact: true }).selectOption("facility");
    await page.getByLabel("Establecimiento").waitFor();
    await page.getByRole("button", { name: "Crear dirección de suscripción" }).click();
    const address = await page.getByTestId("calsub-url").inputValue();
    assert.match(address, /\/api\/v1\/calendars\/[A-Za-z0-9_-]{43}\.ics$/);
    await section.getByTestId("calsub-item").first().waitFor();
    await checkBothWidths(page, "calendar-subscriptions");

    // What a calendar application does: a GET with no sign-in.
    const feed = await fetch(address);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get("content-type") ?? "", /^text\/calendar/);
    const text = await feed.text();
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.match(text, /TZID:America\/Lima/);

    // The list, through the API, never holds the token.
    const visitas = await apiAs(suite.server.baseUrl, "visitas");
    const listed = await visitas("GET", "/calendar-subscriptions");
    assert.equal(listed.body.items.length, 1);
    assert.ok(!JSON.stringify(listed.body).includes(address.split("/").pop().replace(".ics", "")));

    // Revoking asks first; then the address is dead.
    await section.getByRole("button", { name: "Revocar" }).click();
    await section.getByText(/revocada el/).waitFor();
    assert.equal(page.dialogs.length, 1, "revoking asked first");
    assert.equal((await fetch(address)).status, 404);
    assert.deepEqual(page.errors, []);
  });
});
