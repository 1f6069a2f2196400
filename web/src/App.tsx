// The shell: who is signed in, the language, the menu and the current screen.
// An expired session (any 401) goes back to the login form and then returns
// to the same page, where forms restore their drafts.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, setExpiredListener, type Me } from "./api";
import { claimDrafts } from "./draft";
import { forgetMe, isNetworkError, rememberMe, rememberedMe, sendQueue } from "./offline";
import { I18nContext, makeI18n, type Language } from "./i18n";
import { currentUrl, matchPath, navigate, onLinkClick, useLocation } from "./router";
import { Login } from "./screens/Login";
import { screens } from "./screens/registry";
import { SessionContext, type SessionState } from "./session";

const storedLanguage = (): Language => (localStorage.getItem("vinculo.lang") === "en" ? "en" : "es");

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [lang, setLang] = useState<Language>(storedLanguage);
  const [expired, setExpired] = useState(false);
  const { path, query } = useLocation();
  const i18n = useMemo(() => makeI18n(lang), [lang]);

  // After an in-app navigation, keyboard and screen-reader users start at the
  // new screen's content rather than at the top of the menu.
  const firstPath = useRef(path);
  useEffect(() => {
    if (firstPath.current === path) return;
    firstPath.current = path;
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [path]);

  // On a phone the menu is one row scrolled sideways: the current screen's
  // item is brought into view, so that she sees where she is.
  useEffect(() => {
    document.querySelector('.topbar nav a[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [path, me]);

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem("vinculo.lang", lang);
  }, [lang]);

  useEffect(() => {
    setExpiredListener(() => {
      setMe((current) => {
        if (current) {
          setExpired(true);
          if (window.location.pathname !== "/login") navigate("/login?next=" + encodeURIComponent(currentUrl()), true);
        }
        return null;
      });
    });
    // Without a network the app opens as the user who signed in last on
    // this device (issue 16): the server decides again when it answers.
    api<Me>("/auth/me").then(
      (found) => {
        rememberMe(found);
        claimDrafts(found.user_id);
        setMe(found);
        setLang(found.language);
      },
      (error) => {
        const remembered = isNetworkError(error) ? rememberedMe() : null;
        if (remembered) claimDrafts(remembered.user_id);
        setMe(remembered);
        if (remembered) setLang(remembered.language);
      },
    );
  }, []);

  // Records she made offline leave when she is signed in and the network
  // returns, whatever screen is open; never as another user.
  const userId = me?.user_id;
  useEffect(() => {
    if (userId === undefined) return;
    const send = () => void sendQueue(userId);
    send();
    window.addEventListener("online", send);
    return () => window.removeEventListener("online", send);
  }, [userId]);

  const signedIn = (found: Me) => {
    rememberMe(found);
    claimDrafts(found.user_id);
    setMe(found);
    setLang(found.language);
    setExpired(false);
    const next = query.get("next");
    navigate(next && next.startsWith("/") && !next.startsWith("/login") ? next : "/", true);
  };

  const session: SessionState | null = useMemo(
    () =>
      me
        ? {
            me,
            setLanguage: async (next: Language) => {
              setLang(next);
              const updated = await api<Me>("/auth/me", { method: "PATCH", body: { language: next } });
              rememberMe(updated);
              setMe(updated);
            },
            logout: async () => {
              await api("/auth/logout", { method: "POST" }).catch(() => undefined);
              sessionStorage.clear();
              forgetMe(me);
              setMe(null);
              setExpired(false);
              navigate("/login", true);
            },
          }
        : null,
    [me],
  );

  if (me === undefined) return <p class="muted boot">{i18n.t("app.loading")}</p>;

  if (!me || !session) {
    if (path !== "/login") {
      queueMicrotask(() => navigate("/login" + (path !== "/" ? "?next=" + encodeURIComponent(currentUrl()) : ""), true));
    }
    return (
      <I18nContext.Provider value={i18n}>
        <div class="lang-corner">
          <LanguageSelect lang={lang} onChange={setLang} />
        </div>
        <Login expired={expired} onSignedIn={signedIn} />
      </I18nContext.Provider>
    );
  }

  if (path === "/login") queueMicrotask(() => navigate("/", true));
  let content = <p>{i18n.t("app.notFound")}</p>;
  for (const screen of screens) {
    const params = matchPath(screen.path, path);
    if (!params) continue;
    const Component = screen.component;
    content = screen.allowed(me) ? <Component params={params} /> : <p class="notice notice-error">{i18n.t("app.notAllowed")}</p>;
    break;
  }
  const roleKey = `role.${me.role}`;
  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={session}>
        <a class="skip" href="#main">
          {i18n.t("app.skip")}
        </a>
        <div class="shell" onClick={onLinkClick}>
          <header class="topbar">
            <a href="/" class="brand">
              {i18n.t("app.name")}
            </a>
            <nav aria-label={i18n.t("app.menu")}>
              <ul>
                {screens
                  .filter((screen) => screen.nav && screen.allowed(me))
                  .map((screen) => {
                    const active = screen.path === "/" ? path === "/" : path.startsWith(screen.path);
                    return (
                      <li key={screen.path}>
                        <a href={screen.path} aria-current={active ? "page" : undefined}>
                          {i18n.t(screen.nav!)}
                        </a>
                      </li>
                    );
                  })}
              </ul>
            </nav>
            <div class="account">
              <span class="whoami">
                {i18n.t("app.signedInAs", { user: me.username, role: i18n.has(roleKey) ? i18n.t(roleKey) : me.role })}
              </span>
              <a href="/account" aria-current={path === "/account" ? "page" : undefined}>
                {i18n.t("nav.account")}
              </a>
              <LanguageSelect lang={lang} onChange={(next) => session.setLanguage(next).catch(() => undefined)} />
              <button type="button" onClick={() => session.logout()}>
                {i18n.t("app.logout")}
              </button>
            </div>
          </header>
          <main id="main" tabIndex={-1}>
            {content}
          </main>
        </div>
      </SessionContext.Provider>
    </I18nContext.Provider>
  );
}

function LanguageSelect({ lang, onChange }: { lang: Language; onChange: (lang: Language) => void }) {
  const i18n = makeI18n(lang);
  return (
    <label class="lang">
      <span class="sr-only">{i18n.t("app.language")}</span>
      <select id="language" value={lang} onChange={(event) => onChange((event.target as HTMLSelectElement).value as Language)}>
        <option value="es" lang="es">
          Español
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </label>
  );
}

