// Names of reference records (facilities, organisations, homes) for selects
// and labels, fetched once per session; a role that cannot read a kind gets
// an empty list.
import { listAll, type RecordRow } from "./api";

const cache = new Map<string, Promise<RecordRow[]>>();

export function lookup(kind: "facilities" | "organisations" | "homes" | "jurisdictions"): Promise<RecordRow[]> {
  let found = cache.get(kind);
  if (!found) {
    found = listAll<RecordRow>("/" + kind).catch(() => {
      cache.delete(kind);
      return [];
    });
    cache.set(kind, found);
  }
  return found;
}

export function clearLookups(): void {
  cache.clear();
}

export const nameOf = (rows: RecordRow[] | undefined, id: unknown): string => {
  const row = rows?.find((one) => one.id === id);
  return row ? String(row.name ?? row.id) : id === null || id === undefined ? "—" : "#" + String(id);
};

export const fullName = (row: RecordRow): string =>
  [row.given_names, row.family_names].filter(Boolean).join(" ") || String(row.pseudonym ?? "#" + row.id);

// Whole years and months between an ISO date of birth and today.
export function ageText(dateOfBirth: unknown, lang: "es" | "en"): string {
  if (typeof dateOfBirth !== "string") return "—";
  const birth = new Date(dateOfBirth + "T00:00:00Z");
  const now = new Date();
  let months = (now.getUTCFullYear() - birth.getUTCFullYear()) * 12 + now.getUTCMonth() - birth.getUTCMonth();
  if (now.getUTCDate() < birth.getUTCDate()) months -= 1;
  if (months < 0) return "—";
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const unit = (n: number, es1: string, esN: string, en1: string, enN: string) =>
    `${n} ${lang === "es" ? (n === 1 ? es1 : esN) : n === 1 ? en1 : enN}`;
  if (years === 0) return unit(rest, "mes", "meses", "month", "months");
  return unit(years, "año", "años", "year", "years") + (rest ? " " + unit(rest, "mes", "meses", "month", "months") : "");
}
