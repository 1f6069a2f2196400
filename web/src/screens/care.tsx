// Shared by the nursery care screens (transition plan, leave book, health and
// schooling): the child's heading with links between the child's screens, a
// refusal under its field, and local date-times. What a role may do comes from
// its capabilities (session.ts `can`).
import { ApiError, api, type RecordRow } from "../api";
import { useI18n, type I18n } from "../i18n";
import { fullName } from "../lookups";

// The errors of a refused write, each under the field it names when the form
// has that field, else (the first of them) for the whole form: the server
// names every field at fault at once, and the form marks them all.
// `plain` gives a form's own words for a field whose refusal carries only the
// general code (invalid_argument), e.g. the range a number must be in.
export function fieldErrors(i18n: I18n, error: unknown, fields: string[], plain: Record<string, string> = {}): Record<string, string> {
  if (!(error instanceof ApiError)) return { form: i18n.error(error) };
  const found: Record<string, string> = {};
  for (const each of error.perField) {
    const field = each.field && fields.includes(each.field) ? each.field : "form";
    const own = each.problem.code === "invalid_argument" && each.field ? plain[each.field] : undefined;
    found[field] ??= own ?? i18n.error(each);
  }
  return found;
}

// "2026-11-23T09:30" (an <input type=datetime-local>, local time) and back.
export function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
export function toTimestamp(local: string): string | undefined {
  if (!local) return undefined;
  const parsed = new Date(local);
  if (Number.isNaN(parsed.getTime())) return local;
  return parsed.toISOString().replace(/\.\d{3}Z$/, "Z");
}
export function dateTime(i18n: I18n, iso: string | null | undefined): string {
  if (!iso) return i18n.t("app.none");
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return iso;
  return new Intl.DateTimeFormat(i18n.lang === "es" ? "es-PE" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(parsed);
}
export const todayIso = () => new Date().toISOString().slice(0, 10);

export const loadChild = (id: string) => api<RecordRow>(`/children/${id}`);

// The child's name and the links between her screens.
export function ChildHeader({ child, current, titleId, title }: { child: RecordRow; current: "plan" | "leave" | "health"; titleId: string; title: string }) {
  const i18n = useI18n();
  const inside = child.placement === "inside_with_mother";
  const links: { key: "plan" | "leave" | "health"; href: string; label: string }[] = [
    ...(inside
      ? [
          { key: "plan" as const, href: `/children/${child.id}/plan`, label: i18n.t("care.plan.title") },
          { key: "leave" as const, href: `/children/${child.id}/leave`, label: i18n.t("care.leave.title") },
        ]
      : []),
    { key: "health" as const, href: `/children/${child.id}/health`, label: i18n.t("care.health.title") },
  ];
  return (
    <>
      <p>
        <a href={`/children/${child.id}`}>← {fullName(child)}</a>
      </p>
      <h1 id={titleId}>
        {title} <span class="h1-sub">{fullName(child)}</span>
      </h1>
      <nav aria-label={i18n.t("care.childScreens")} class="subnav">
        <ul>
          {links.map((link) => (
            <li key={link.key}>
              <a href={link.href} aria-current={link.key === current ? "page" : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

// A textarea with its label and error, like TextField.
export function TextArea({ id, label, value, error, onInput, rows = 3 }: { id: string; label: string; value: string; error?: string; onInput: (value: string) => void; rows?: number }) {
  return (
    <div class={"field" + (error ? " field-invalid" : "")}>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        name={id}
        rows={rows}
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? id + "-error" : undefined}
        onInput={(event) => onInput((event.target as HTMLTextAreaElement).value)}
      />
      {error && (
        <small id={id + "-error"} class="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function FormError({ text }: { text?: string }) {
  return text ? (
    <p class="notice notice-error" role="alert">
      {text}
    </p>
  ) : null;
}

// What was just saved, said where the form is (a status, read out once).
export function Saved({ text }: { text?: string }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}
