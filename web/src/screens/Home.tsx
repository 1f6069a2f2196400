// The home (issue 16): what needs the signed-in user today, as the server
// says for her role and scope (GET /me/today), each thing one tap from its
// action (the route the server gives); then the figures' charts, which keep
// their own page at /figures. No role rule is copied here: which items a role
// gets and what they count is the server's.
import { api } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { useI18n, type I18n, type MessageKey } from "../i18n";
import { Dashboard } from "./Dashboard";

interface TodayEntry {
  route: string;
  count?: number;
  parts?: TodayEntry[];
  [member: string]: unknown;
}
interface TodayItem {
  kind: string;
  count: number;
  route: string;
  entries: TodayEntry[];
}
interface Today {
  as_of: string;
  items: TodayItem[];
}

const locale = (i18n: I18n) => (i18n.lang === "es" ? "es-PE" : "en-GB");

// "3 salidas vencidas", "1 overdue return": the language's plural rules.
function countText(i18n: I18n, base: string, n: number): string {
  const form = new Intl.PluralRules(locale(i18n)).select(n) === "one" ? "one" : "other";
  const key = `${base}.${form}`;
  return i18n.has(key) ? i18n.t(key, { n: i18n.number(n) }) : `${base} (${n})`;
}

const text = (entry: TodayEntry, member: string): string => (typeof entry[member] === "string" ? (entry[member] as string) : "");
const who = (entry: TodayEntry): string => text(entry, "name").trim() || text(entry, "pseudonym") || "#" + String(entry.child_id ?? entry.parent_id ?? "");
const reasonText = (i18n: I18n, reason: string): string => (i18n.has("plan.reason." + reason) ? i18n.t(("plan.reason." + reason) as MessageKey) : reason);

// One entry as a line of text, by its item's kind.
function entryText(i18n: I18n, kind: string, entry: TodayEntry): string {
  const n = entry.count ?? 0;
  switch (kind) {
    case "overdue_leave_returns":
      return `${who(entry)} · ${i18n.t("today.dueBack", { date: i18n.date(text(entry, "due_back_at")) })}`;
    case "age_outs_without_plan":
      return [
        who(entry),
        text(entry, "age_out_date") ? i18n.t("today.agesOut", { date: i18n.date(text(entry, "age_out_date")) }) : "",
        i18n.t(text(entry, "transition_plan") === "draft" ? "today.planDraft" : "today.planMissing"),
      ]
        .filter(Boolean)
        .join(" · ");
    case "low_stock":
      return `${text(entry, i18n.lang === "es" ? "name_es" : "name_en")} · ${text(entry, "facility")} · ${countText(i18n, "today.short", n)}`;
    case "todays_trips":
      return `${text(entry, "depart_time")}–${text(entry, "return_time")} · ${countText(i18n, "today.visits", n)}`;
    case "unscheduled_pairs":
      return `${i18n.month(text(entry, "month"))} · ${reasonText(i18n, text(entry, "reason"))} · ${countText(i18n, "today.pairs", n)}`;
    case "plan_to_publish":
      return i18n.t("today.publishMonth", { month: i18n.month(text(entry, "month")) });
    case "families_not_seen": {
      const last = text(entry, "last_contacted_on");
      return `${who(entry)} · ${last ? i18n.t("today.lastContact", { date: i18n.date(last) }) : i18n.t("today.released", { date: i18n.date(text(entry, "released_on")) })}`;
    }
    case "entrance_lists":
      return `${text(entry, "start_time")}–${text(entry, "end_time")} · ${countText(i18n, "today.booked", n)}`;
    case "month_figures": {
      const figure = text(entry, "figure");
      const label = i18n.has("today.figure." + figure) ? i18n.t(("today.figure." + figure) as MessageKey) : figure;
      const withheld = Number(text(entry, "withheld_cells") || 0);
      return `${label}: ${i18n.number(n)}${withheld > 0 ? " · " + countText(i18n, "today.withheld", withheld) : ""}`;
    }
    default:
      return entry.route;
  }
}

function ItemCard({ item }: { item: TodayItem }) {
  const i18n = useI18n();
  const titleId = `today-${item.kind}`;
  return (
    <li class="card today-item" data-kind={item.kind} aria-labelledby={titleId}>
      <h3 id={titleId} class="card-heading">
        <a href={item.route}>{countText(i18n, `today.kind.${item.kind}`, item.count)}</a>
      </h3>
      <ul class="plain-list">
        {item.entries.map((entry, idx) => (
          <li key={idx} data-testid="today-entry">
            <a href={entry.route}>{entryText(i18n, item.kind, entry)}</a>
            {entry.parts && entry.parts.length > 0 && (
              <ul class="today-parts">
                {entry.parts.map((part, partIdx) => (
                  <li key={partIdx}>
                    {text(part, "start_time")}–{text(part, "end_time")} · {who(part)}
                    {text(part, "review_reason") && <span class="tag"> {i18n.t("today.review")}</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {item.count > item.entries.length && (
        <p class="small">
          <a href={item.route}>{i18n.t("today.more", { n: i18n.number(item.count - item.entries.length) })}</a>
        </p>
      )}
    </li>
  );
}

export function Home() {
  const i18n = useI18n();
  const today = useAsync(() => api<Today>("/me/today"), []);
  return (
    <>
      <section aria-labelledby="today-title">
        <h1 id="home-title">{i18n.t("dash.title")}</h1>
        <h2 id="today-title">{i18n.t("today.title")}</h2>
        <Loaded state={today}>
          {(data) =>
            data.items.length === 0 ? (
              <p class="muted">{i18n.t("today.nothing")}</p>
            ) : (
              <ul class="plain-list today-list">
                {data.items.map((item) => (
                  <ItemCard key={item.kind} item={item} />
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
      <Dashboard embedded />
    </>
  );
}
