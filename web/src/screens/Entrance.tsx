// The list at a prison's special entrance (issue 15): a facility's visiting
// sessions of one day (GET /facilities/{id}/visit-sessions) and, for each,
// who is coming (GET /visit-sessions/{id}/visitors): the child, the parent
// visited and the escort, a visit flagged for review (the parent transferred
// or released, the session blocked) marked in words, not only in colour.
// Printable: the print styles (styles.css, @media print) leave a clean A4
// list without the menus and the form. The facility's visits officers see
// every family; a programme coordinator her organisation's (the server
// decides). The facility and day chosen are written into the address, so a
// reload, an expired session (which returns to the same address) or a link
// shows the same list.
import { api, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useI18n } from "../i18n";
import { lookup, nameOf } from "../lookups";
import { navigate, useLocation } from "../router";
import { useSession } from "../session";
import { todayIso } from "./care";
import { reviewReason } from "./Child";
import type { VisitSession } from "./visits/types";

interface Visitor {
  visit_id: number;
  child_id: number;
  pseudonym: string;
  child_name: string | null;
  parent_id: number;
  parent_name: string;
  escort_id: number;
  escort_name: string;
  needs_review: boolean;
  review_reason: string | null;
}

async function loadDay(facilityId: number, date: string) {
  const sessions = (await api<{ items: VisitSession[] }>(`/facilities/${facilityId}/visit-sessions`, { query: { month: date.slice(0, 7) } })).items
    .filter((session) => session.date === date)
    .sort((a, b) => a.start_time.localeCompare(b.start_time));
  return Promise.all(
    sessions.map(async (session) => ({
      session,
      visitors: session.status === "open" ? (await api<{ items: Visitor[] }>(`/visit-sessions/${session.id}/visitors`)).items : [],
    })),
  );
}

export function Entrance() {
  const i18n = useI18n();
  const { me } = useSession();
  const facilities = useAsync(() => lookup("facilities"), []);
  // A link may name the facility and the day (the home's "today's entrance list").
  const { query } = useLocation();
  const facility = me.facility_id ? String(me.facility_id) : (query.get("facility_id") ?? "");
  const date = /^\d{4}-\d{2}-\d{2}$/.test(query.get("date") ?? "") ? (query.get("date") as string) : todayIso();
  const choose = (next: { facility_id?: string; date?: string }) => {
    const chosen = new URLSearchParams(query);
    for (const [name, value] of Object.entries(next)) {
      if (value) chosen.set(name, value);
      else chosen.delete(name);
    }
    navigate("/entrance?" + chosen.toString(), true);
  };
  const chosen = Number(facility);
  return (
    <article aria-labelledby="entrance-title" class="entrance">
      <h1 id="entrance-title">
        {i18n.t("ent.title")}{" "}
        <span class="h1-sub" data-testid="entrance-heading">
          {chosen ? nameOf(facilities.data, chosen) + " · " : ""}
          {i18n.date(date)}
        </span>
      </h1>
      <form class="filters no-print" onSubmit={(event) => event.preventDefault()}>
        {!me.facility_id && (
          <SelectField
            id="entrance_facility"
            label={i18n.t("field.facility_id")}
            value={facility}
            placeholder={i18n.t("field.choose")}
            options={(facilities.data ?? []).map((row: RecordRow) => ({ value: String(row.id), label: String(row.name) }))}
            onChange={(value) => choose({ facility_id: value })}
          />
        )}
        <TextField id="entrance_date" type="date" label={i18n.t("ent.date")} value={date} onInput={(value) => value && choose({ date: value })} />
        <button type="button" onClick={() => window.print()}>
          {i18n.t("ent.print")}
        </button>
      </form>
      {chosen ? <Day facilityId={chosen} date={date} /> : <p class="muted">{i18n.t("ent.chooseFacility")}</p>}
    </article>
  );
}

function Day({ facilityId, date }: { facilityId: number; date: string }) {
  const i18n = useI18n();
  const state = useAsync(() => loadDay(facilityId, date), [facilityId, date]);
  return (
    <Loaded state={state}>
      {(day) =>
        day.length === 0 ? (
          <p class="muted" data-testid="entrance-none">
            {i18n.t("ent.noSessions")}
          </p>
        ) : (
          <>
            {day.map(({ session, visitors }) => {
              const flagged = visitors.filter((visitor) => visitor.needs_review).length;
              return (
                <section key={session.id} class="entrance-session" aria-labelledby={`entrance-session-${session.id}`} data-testid="entrance-session">
                  <h2 id={`entrance-session-${session.id}`}>
                    {session.start_time}–{session.end_time} ·{" "}
                    {i18n.t("ent.families", { n: i18n.number(new Set(visitors.map((visitor) => visitor.parent_id)).size), children: i18n.number(visitors.length) })}
                    {flagged > 0 && (
                      <>
                        {" "}
                        <span class="tag tag-alert">{i18n.t("ent.flagged", { n: i18n.number(flagged) })}</span>
                      </>
                    )}
                  </h2>
                  {session.status !== "open" ? (
                    <p class="notice">
                      {i18n.t("vv.blocked")}
                      {session.blocked_reason ? `: ${session.blocked_reason}` : ""}
                    </p>
                  ) : visitors.length === 0 ? (
                    <p class="muted">{i18n.t("ent.nobody")}</p>
                  ) : (
                    <table class="stack entrance-list" data-testid="entrance-list">
                      <caption class="sr-only">{i18n.t("ent.title") + " " + session.start_time}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{i18n.t("ent.child")}</th>
                          <th scope="col">{i18n.t("ent.parent")}</th>
                          <th scope="col">{i18n.t("ent.escort")}</th>
                          <th scope="col">{i18n.t("ent.check")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {[...visitors]
                          .sort((a, b) => a.parent_name.localeCompare(b.parent_name))
                          .map((visitor) => (
                            <tr key={visitor.visit_id} class={visitor.needs_review ? "review" : ""} data-review={visitor.needs_review ? "true" : "false"}>
                              <td data-label={i18n.t("ent.child")}>
                                {visitor.child_name ?? visitor.pseudonym}
                                {visitor.child_name && <span class="muted small"> ({visitor.pseudonym})</span>}
                              </td>
                              <td data-label={i18n.t("ent.parent")}>{visitor.parent_name}</td>
                              <td data-label={i18n.t("ent.escort")}>{visitor.escort_name || i18n.t("app.none")}</td>
                              <td data-label={i18n.t("ent.check")}>
                                {visitor.needs_review ? (
                                  <strong class="tag tag-alert" data-testid="entrance-review">
                                    {i18n.t("ent.review", { reason: reviewReason(i18n, visitor.review_reason) })}
                                  </strong>
                                ) : (
                                  <>
                                    <span class="entrance-box" aria-hidden="true">
                                      ☐
                                    </span>
                                    <span class="sr-only">{i18n.t("ent.arrived")}</span>
                                  </>
                                )}
                              </td>
                            </tr>
                          ))}
                      </tbody>
                    </table>
                  )}
                </section>
              );
            })}
          </>
        )
      }
    </Loaded>
  );
}
