// A tiny typed dictionary: t(key, params) in the current language, and Intl
// for dates and numbers in the user's locale.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { ApiError } from "../api";
import { en } from "./en";
import { es, type MessageKey } from "./es";
import { fieldProblemMessages, problemMessages } from "./problems";

export type Language = "es" | "en";
export type { MessageKey };
const dictionaries: Record<Language, Record<MessageKey, string>> = { es, en };
const locales: Record<Language, string> = { es: "es-PE", en: "en-GB" };

export interface I18n {
  lang: Language;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  has: (key: string) => key is MessageKey;
  date: (iso: string | null | undefined) => string;
  month: (isoMonth: string) => string;
  number: (value: number | null | undefined, options?: Intl.NumberFormatOptions) => string;
  error: (error: unknown) => string;
}

export function makeI18n(lang: Language): I18n {
  const dict = dictionaries[lang];
  const locale = locales[lang];
  const dateFormat = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  // Plural forms (Intl.PluralRules): with a count `n`, a key's variant for
  // the count's category ("nursery.days.one": "{n} día") replaces the key's
  // own text, which is the "other" form; a formatted count ("1") counts too.
  const plurals = new Intl.PluralRules(locale);
  const t = (key: MessageKey, params?: Record<string, string | number>) => {
    let text = dict[key] ?? key;
    const count = typeof params?.n === "string" && /^\d+$/.test(params.n) ? Number(params.n) : params?.n;
    if (typeof count === "number") {
      const category = plurals.select(count);
      const variant = category === "other" ? undefined : dict[`${key}.${category}` as MessageKey];
      if (variant !== undefined) text = variant;
    }
    for (const [name, value] of Object.entries(params ?? {})) text = text.replace(`{${name}}`, String(value));
    return text;
  };
  const i18n: I18n = {
    lang,
    t,
    has: (key: string): key is MessageKey => key in dict,
    date: (iso) => {
      if (!iso) return dict["app.none"];
      const parsed = new Date(iso.length === 10 ? iso + "T00:00:00Z" : iso);
      return Number.isNaN(parsed.getTime()) ? iso : dateFormat.format(parsed);
    },
    month: (isoMonth) => {
      const parsed = new Date(isoMonth.slice(0, 7) + "-01T00:00:00Z");
      return Number.isNaN(parsed.getTime()) ? isoMonth : monthFormat.format(parsed);
    },
    number: (value, options) => (value === null || value === undefined ? dict["app.none"] : new Intl.NumberFormat(locale, options).format(value)),
    error: (error) => errorText(i18n, error),
  };
  return i18n;
}

// A refusal in the user's language, from its stable `code` (and the field it
// names, i18n/problems.ts); an unknown code falls back to a message for the
// HTTP status (and, in English, the server's own words).
function errorText(i18n: I18n, error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t("error.500");
  const { status, detail, code, field } = error.problem;
  if (status === 0) return i18n.t("error.network");
  const key = (code && field ? fieldProblemMessages[field]?.[code] : undefined) ?? (code ? problemMessages[code] : undefined);
  if (key) return i18n.t(key);
  const statusKey = `error.${status}`;
  const general = i18n.has(statusKey) ? i18n.t(statusKey) : i18n.t("error.500");
  return i18n.lang === "en" && detail ? `${general} ${detail}` : general;
}

export const I18nContext = createContext<I18n>(makeI18n("es"));
export const useI18n = (): I18n => useContext(I18nContext);
