// A facility's visiting sessions of one month (seats taken, wing, blocked)
// and the templates that make them, read on demand: a national deployment
// has hundreds of facilities, so nothing is fetched until the reader opens
// the section. Prison staff of the facility and care organisations' staff
// read them (visit_service.cc, CheckSessionReader); others do not see it.
import { useState } from "preact/hooks";
import { api, type Me, type RecordRow } from "../../api";
import { can } from "../../session";
import { Loaded, useAsync } from "../../components/Async";
import { useI18n, type I18n, type MessageKey } from "../../i18n";
import type { VisitSession } from "./types";

interface SessionTemplate {
  id: number;
  space_id: number | null;
  pattern: string;
  interval: number;
  weekday: number;
  nth: number;
  month_day: number;
  valid_from: string;
  valid_to: string | null;
  start_time: string;
  end_time: string;
  capacity_families: number;
  capacity_people: number;
  capacity_unit?: "families" | "pairs" | "people";
  wing: string;
}

export const sessionReaders = (me: Me): boolean => can(me, "listVisitSessions");

function weekdayName(i18n: I18n, weekday: number): string {
  // 2024-01-01 was a Monday (ISO weekday 1).
  return new Intl.DateTimeFormat(i18n.lang === "es" ? "es-PE" : "en-GB", { weekday: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

export function recurrenceText(i18n: I18n, template: SessionTemplate): string {
  switch (template.pattern) {
    case "weekly":
      return template.interval > 1
        ? i18n.t("fs.everyNWeeks", { n: template.interval, day: weekdayName(i18n, template.weekday) })
        : i18n.t("fs.weekly", { day: weekdayName(i18n, template.weekday) });
    case "every_n_days":
      return template.interval === 1 ? i18n.t("fs.daily") : i18n.t("fs.everyNDays", { n: template.interval });
    case "monthly_day":
      return i18n.t("fs.monthlyDay", { n: template.month_day });
    case "monthly_nth_weekday":
      return template.nth < 0
        ? i18n.t("fs.monthlyLast", { day: weekdayName(i18n, template.weekday) })
        : i18n.t("fs.monthlyNth", { n: template.nth, day: weekdayName(i18n, template.weekday) });
    default:
      return template.pattern;
  }
}

const wingKey = (wing: string): MessageKey => (wing === "women" ? "fs.wing.women" : wing === "men" ? "fs.wing.men" : "fs.wing.any");

export function FacilitySessions({ facilityId, month, spaces }: { facilityId: number; month: string; spaces: RecordRow[] }) {
  const i18n = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details class="facility-sessions" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>{i18n.t("fs.sessions", { month: i18n.month(month) })}</summary>
      {open && <SessionTables facilityId={facilityId} month={month} spaces={spaces} />}
    </details>
  );
}

function SessionTables({ facilityId, month, spaces }: { facilityId: number; month: string; spaces: RecordRow[] }) {
  const i18n = useI18n();
  const state = useAsync(async () => {
    const [sessions, templates] = await Promise.all([
      api<{ items: VisitSession[] }>(`/facilities/${facilityId}/visit-sessions`, { query: { month } }).then((r) => r.items),
      api<{ items: SessionTemplate[] }>(`/facilities/${facilityId}/session-templates`).then((r) => r.items),
    ]);
    return { sessions, templates };
  }, [facilityId, month]);
  const spaceName = (id: number | null | undefined) => (id ? String(spaces.find((one) => one.id === id)?.name ?? "#" + id) : i18n.t("app.none"));
  return (
    <Loaded state={state}>
      {({ sessions, templates }) => (
        <>
          {sessions.length === 0 ? (
            <p class="muted">{i18n.t("fs.noSessions")}</p>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("fs.sessions", { month: i18n.month(month) })}>
              <table class="session-list" data-testid="facility-sessions">
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("fs.date")}</th>
                    <th scope="col">{i18n.t("fs.time")}</th>
                    <th scope="col">{i18n.t("fs.families")}</th>
                    <th scope="col">{i18n.t("fs.wing")}</th>
                    <th scope="col">{i18n.t("fs.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...sessions]
                    .sort((a, b) => (a.date + a.start_time).localeCompare(b.date + b.start_time))
                    .map((session) => (
                      <tr key={session.id}>
                        <td>{i18n.date(session.date)}</td>
                        <td>
                          {session.start_time}–{session.end_time}
                        </td>
                        <td>
                          {i18n.number(session.booked_families)}/{i18n.number(session.capacity_families)}
                        </td>
                        <td>{i18n.t(wingKey(session.wing))}</td>
                        <td>
                          {session.status === "open" ? (
                            session.booked_families >= session.capacity_families ? (
                              <span class="tag tag-alert">{i18n.t("vv.full")}</span>
                            ) : (
                              i18n.t("fs.open")
                            )
                          ) : (
                            <span class="tag">
                              {i18n.t("vv.blocked")}
                              {session.blocked_reason ? `: ${session.blocked_reason}` : ""}
                            </span>
                          )}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )}
          <h4>{i18n.t("fs.templates")}</h4>
          {templates.length === 0 ? (
            <p class="muted">{i18n.t("fs.noTemplates")}</p>
          ) : (
            <ul class="plain-list" data-testid="facility-templates">
              {templates.map((template) => (
                <li key={template.id}>
                  <strong>{recurrenceText(i18n, template)}</strong>, {template.start_time}–{template.end_time} ·{" "}
                  {i18n.t(template.capacity_unit === "pairs" ? "fs.capacityPairs" : template.capacity_unit === "people" ? "fs.capacityPeople" : "fs.capacity", { families: template.capacity_families, people: template.capacity_people })} ·{" "}
                  {i18n.t(wingKey(template.wing))} · {i18n.t("fs.space")}: {spaceName(template.space_id)} ·{" "}
                  {i18n.t("fs.valid", { from: i18n.date(template.valid_from), to: template.valid_to ? i18n.date(template.valid_to) : "…" })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Loaded>
  );
}
