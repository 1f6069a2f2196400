// One plan read three ways: as a calendar (dates, their sessions with seats
// taken, the visits in each), as trips per escort, and the pairs left out
// with the planner's reason. On a published plan each visit can be moved,
// cancelled or recorded (VisitActions).
import { useState } from "preact/hooks";
import { useI18n, type MessageKey } from "../../i18n";
import { nameOf } from "../../lookups";
import { placesText, RecordSummary, VisitControls, type VisitAction } from "./VisitActions";
import { escortName, personName, type Names, type Plan, type PlanTrip, type PlanVisit, type VisitSession } from "./types";

const reasonKey: Record<string, MessageKey> = {
  restriction: "plan.reason.restriction",
  no_session_this_month: "plan.reason.no_session_this_month",
  child_unavailable: "plan.reason.child_unavailable",
  no_escort: "plan.reason.no_escort",
  no_route: "plan.reason.no_route",
  capacity: "plan.reason.capacity",
  notice: "plan.reason.notice",
  parent_released: "plan.reason.parent_released",
  not_due: "plan.reason.not_due",
  min_interval: "plan.reason.min_interval",
  family_larger_than_car: "plan.reason.family_larger_than_car",
  longest_child_day: "plan.reason.longest_child_day",
};

export function PlanView({
  plan,
  names,
  sessions,
  onPublish,
  onChanged,
  busy,
  canPlan,
}: {
  plan: Plan;
  names: Names;
  sessions: VisitSession[];
  onPublish: () => void;
  onChanged: () => void;
  busy: boolean;
  canPlan: boolean;
}) {
  const i18n = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const short = plan.short_of_frequency ?? [];
  const [open, setOpen] = useState<{ visit: number; action: VisitAction } | null>(null);
  const planned = plan.visits.filter((visit) => visit.status === "planned");
  const trips = plan.trips.filter((trip) => trip.status === "planned");
  const fmt = (value: number) => i18n.number(value, { maximumFractionDigits: 1 });
  const changed = (text: string) => {
    setMessage(text);
    onChanged();
  };
  const published = plan.status === "published";
  const controls = (visit: PlanVisit, date: string | undefined) =>
    published && (
      <VisitControls
        visit={visit}
        date={date}
        sessions={sessions}
        canPlan={canPlan}
        canRecord={canPlan}
        open={open?.visit === visit.id ? open.action : null}
        setOpen={(action) => {
          setMessage(null);
          setOpen(action ? { visit: visit.id, action } : null);
        }}
        onChanged={changed}
        label={`${personName(names.children, visit.child_id)} → ${personName(names.parents, visit.parent_id)}`}
      />
    );
  return (
    <div data-testid="plan" class="printable">
      <div class="title-row">
        <h2>
          {i18n.t("plan.planFor", { month: i18n.month(plan.month) })}{" "}
          <span class={"tag" + (published ? " tag-ok" : "")} data-testid="plan-status">
            {i18n.t(published ? "plan.published" : "plan.draft")}
          </span>
        </h2>
        {!published && canPlan && (
          <button type="button" class="primary" onClick={onPublish} disabled={busy}>
            {i18n.t("plan.publish")}
          </button>
        )}
        <button type="button" class="no-print" onClick={() => window.print()}>
          {i18n.t("ent.print")}
        </button>
      </div>
      {published && canPlan && <p class="muted no-print">{i18n.t("vv.publishedHint")}</p>}
      {message && (
        <p class="notice" role="status" data-testid="plan-message">
          {message}
        </p>
      )}
      <div class="table-wrap card" tabIndex={0} role="region" aria-label={i18n.t("plan.figures")}>
        <table>
          <caption class="card-heading">{i18n.t("plan.figures")}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t("plan.figure")}</th>
              <th scope="col">{i18n.t("plan.planner")}</th>
              <th scope="col">{i18n.t("plan.baseline")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{i18n.t("plan.coverage")}</th>
              <td data-testid="coverage">{fmt(plan.coverage)}</td>
              <td>{fmt(plan.baseline.coverage)}</td>
            </tr>
            <tr>
              <th scope="row">{i18n.t("plan.visits")}</th>
              <td>{i18n.number(planned.length)}</td>
              <td>{i18n.number(plan.baseline.visits)}</td>
            </tr>
            <tr>
              <th scope="row">{i18n.t("plan.trips")}</th>
              <td>{i18n.number(trips.length)}</td>
              <td>{i18n.number(plan.baseline.trips)}</td>
            </tr>
            <tr>
              <th scope="row">{i18n.t("plan.travelCost")}</th>
              <td>{fmt(plan.travel_cost)}</td>
              <td>{fmt(plan.baseline.travel_cost)}</td>
            </tr>
            <tr>
              <th scope="row">{i18n.t("plan.gap")}</th>
              <td>
                {i18n.number(plan.gap * 100, { maximumFractionDigits: 2 })} % {plan.proven_optimal ? "· " + i18n.t("plan.optimal") : ""}
              </td>
              <td>{i18n.t("app.none")}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <h3>{i18n.t("plan.bySession")}</h3>
      <Calendar plan={plan} names={names} sessions={sessions} controls={controls} />
      <h3>{i18n.t("plan.byEscort")}</h3>
      <Trips plan={plan} names={names} trips={trips} sessions={sessions} controls={() => null} />

      {plan.unscheduled.length > 0 || canPlan ? (
        <>
          <h3>{i18n.t("plan.unscheduled", { n: plan.unscheduled.length })}</h3>
          {plan.unscheduled.length === 0 ? (
            <p class="muted">{i18n.t("plan.allScheduled")}</p>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("plan.unscheduled", { n: plan.unscheduled.length })}>
              <table data-testid="unscheduled">
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("plan.child")}</th>
                    <th scope="col">{i18n.t("plan.parent")}</th>
                    <th scope="col">{i18n.t("plan.why")}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.unscheduled.map((row) => (
                    <tr key={row.requirement_id}>
                      <td>{personName(names.children, row.child_id)}</td>
                      <td>{personName(names.parents, row.parent_id)}</td>
                      <td>{reasonKey[row.reason] ? i18n.t(reasonKey[row.reason]) : row.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      {short.length > 0 ? (
        <>
          <h3>{i18n.t("plan.short", { n: short.length })}</h3>
          <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("plan.short", { n: short.length })}>
            <table data-testid="short-of-frequency">
              <thead>
                <tr>
                  <th scope="col">{i18n.t("plan.child")}</th>
                  <th scope="col">{i18n.t("plan.parent")}</th>
                  <th scope="col">{i18n.t("plan.visitsGiven")}</th>
                  <th scope="col">{i18n.t("plan.why")}</th>
                </tr>
              </thead>
              <tbody>
                {short.map((row) => (
                  <tr key={row.requirement_id}>
                    <td>{personName(names.children, row.child_id)}</td>
                    <td>{personName(names.parents, row.parent_id)}</td>
                    <td>{i18n.t("plan.visitsOf", { planned: row.visits_planned ?? 0, wanted: row.visits_wanted ?? 0 })}</td>
                    <td>{reasonKey[row.reason] ? i18n.t(reasonKey[row.reason]) : row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}

type Controls = (visit: PlanVisit, date: string | undefined) => preact.ComponentChildren;

function VisitLine({
  visit,
  names,
  trip,
  showEscort,
  controls,
  date,
  testId,
}: {
  visit: PlanVisit;
  names: Names;
  trip?: PlanTrip;
  showEscort: boolean;
  controls: Controls;
  date?: string;
  testId: string;
}) {
  const i18n = useI18n();
  const cancelled = visit.status !== "planned";
  return (
    <li class={"visit-line" + (cancelled ? " cancelled" : "")} data-testid={testId} data-visit-id={visit.id}>
      <span>
        {personName(names.children, visit.child_id)} → {personName(names.parents, visit.parent_id)}
        {showEscort && trip && (
          <span class="muted small">
            {" "}
            · {i18n.t("plan.escort")}: {escortName(names, trip.escort_id, i18n.t("vv.escortN", { n: trip.escort_id }))}
          </span>
        )}{" "}
        {cancelled && <span class="tag">{i18n.t("vv.cancelledTag")}</span>}
        {visit.needs_review && <span class="tag tag-alert">{i18n.t("plan.review")}</span>} <RecordSummary visit={visit} />
      </span>
      {controls(visit, date)}
    </li>
  );
}

// Dates in order; under each date its sessions (time, facility, seats taken),
// under each session its visits.
function Calendar({ plan, names, sessions, controls }: { plan: Plan; names: Names; sessions: VisitSession[]; controls: Controls }) {
  const i18n = useI18n();
  const tripOf = (id: number) => plan.trips.find((trip) => trip.id === id);
  const sessionIds = [...new Set(plan.visits.map((visit) => visit.session_id))];
  const known = sessionIds.map((id) => sessions.find((one) => one.id === id));
  const byDate = new Map<string, number[]>();
  sessionIds.forEach((id, index) => {
    const date = known[index]?.date ?? tripOf(plan.visits.find((visit) => visit.session_id === id)!.trip_id)?.date ?? "";
    byDate.set(date, [...(byDate.get(date) ?? []), id]);
  });
  const dates = [...byDate.keys()].sort();
  if (dates.length === 0) return <p class="muted">{i18n.t("plan.noVisits")}</p>;
  return (
    <ol class="plain-list calendar" aria-label={i18n.t("plan.bySession")}>
      {dates.map((date) => (
        <li key={date} class="card calendar-day" data-testid="plan-day">
          <h4 class="card-heading">{date ? i18n.date(date) : i18n.t("app.none")}</h4>
          <ul class="plain-list">
            {byDate
              .get(date)!
              .map((id) => sessions.find((one) => one.id === id) ?? ({ id } as VisitSession))
              .sort((a, b) => (a.start_time ?? "").localeCompare(b.start_time ?? ""))
              .map((session) => {
                const visits = plan.visits.filter((visit) => visit.session_id === session.id);
                return (
                  <li key={session.id} class="calendar-session" data-testid="plan-session" data-session-id={session.id}>
                    <h5>
                      {session.start_time ? `${i18n.date(session.date)} ${session.start_time}–${session.end_time}` : "#" + session.id}
                      {session.facility_id ? " · " + nameOf(names.facilities, session.facility_id) : ""}
                      {session.capacity_families !== undefined && (
                        <span class="muted small"> · {placesText(i18n, session.booked_families ?? 0, session.capacity_families, session.capacity_unit)}</span>
                      )}
                    </h5>
                    <ul class="plain-list">
                      {visits.map((visit) => (
                        <VisitLine key={visit.id} visit={visit} names={names} trip={tripOf(visit.trip_id)} showEscort controls={controls} date={session.date ?? date} testId="plan-visit" />
                      ))}
                    </ul>
                  </li>
                );
              })}
          </ul>
        </li>
      ))}
    </ol>
  );
}

// Each escort's trips in date order: when she leaves and returns, where to,
// and the children she takes.
export function Trips({
  plan,
  names,
  trips,
  sessions,
  controls,
  nameEscort,
}: {
  plan: Plan;
  names: Names;
  trips: PlanTrip[];
  sessions: VisitSession[];
  controls: Controls;
  nameEscort?: (escortId: number) => string;
}) {
  const i18n = useI18n();
  const byEscort = new Map<number, PlanTrip[]>();
  for (const trip of trips) byEscort.set(trip.escort_id, [...(byEscort.get(trip.escort_id) ?? []), trip]);
  if (byEscort.size === 0) return <p class="muted">{i18n.t("vv.noTrips")}</p>;
  const sessionOf = (id: number) => sessions.find((one) => one.id === id);
  return (
    <ul class="cards wide">
      {[...byEscort.entries()].map(([escort, list]) => (
        <li key={escort} class="card" data-testid="plan-escort">
          <h3 class="card-heading">
            {nameEscort ? nameEscort(escort) : escortName(names, escort, i18n.t("vv.escortN", { n: escort }))} · {i18n.t("plan.tripCount", { n: list.length })}
          </h3>
          <ol class="plain-list">
            {[...list]
              .sort((a, b) => (a.date + a.depart).localeCompare(b.date + b.depart))
              .map((trip) => {
                const visits = plan.visits.filter((visit) => visit.trip_id === trip.id);
                return (
                  <li key={trip.id} class="trip" data-testid="trip">
                    <strong>
                      {i18n.date(trip.date)} · {nameOf(names.facilities, trip.facility_id)}
                    </strong>
                    <span class="muted small">
                      {" "}
                      · {i18n.t("vv.departReturn", { depart: trip.depart, back: trip.return })} ·{" "}
                      {i18n.t("plan.children", { n: new Set(visits.filter((visit) => visit.status === "planned").map((visit) => visit.child_id)).size })}
                    </span>
                    <ul class="plain-list">
                      {visits.map((visit) => {
                        const session = sessionOf(visit.session_id);
                        return (
                          <VisitLine
                            key={visit.id}
                            visit={visit}
                            names={names}
                            showEscort={false}
                            controls={controls}
                            date={session?.date ?? trip.date}
                            testId="trip-visit"
                          />
                        );
                      })}
                    </ul>
                  </li>
                );
              })}
          </ol>
        </li>
      ))}
    </ul>
  );
}
