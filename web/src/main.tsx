import { render } from "preact";
import { App } from "./App";
import "./styles.css";

render(<App />, document.getElementById("app")!);

// The service worker keeps the app shell so that the app opens offline
// (issue 16; web/vite-pwa.ts writes it into the build).
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register("/sw.js").catch(() => undefined);
}
