// A small history-API router: the current path as a signal-like hook, and
// navigate() for links and redirects.
import { useEffect, useState } from "preact/hooks";

type Listener = () => void;
const listeners = new Set<Listener>();

export function navigate(to: string, replace = false): void {
  if (to === currentUrl()) return;
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  listeners.forEach((listener) => listener());
  window.scrollTo(0, 0);
}

window.addEventListener("popstate", () => listeners.forEach((listener) => listener()));

export function currentUrl(): string {
  return window.location.pathname + window.location.search;
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((tick) => tick + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

// Matches "/children/:id" against "/children/12" and returns { id: "12" }.
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    "^" + pattern.replace(/:([a-z_]+)/g, (_, name: string) => (names.push(name), "([^/]+)")) + "/?$",
  );
  const match = regex.exec(path);
  if (!match) return null;
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
}

// Intercepts a click on an in-app link so it does not reload the page.
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.target as HTMLElement).closest("a");
  if (!anchor || anchor.target || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  const href = anchor.getAttribute("href");
  if (!href || !href.startsWith("/") || href.startsWith("/api/")) return;
  event.preventDefault();
  navigate(href);
}
