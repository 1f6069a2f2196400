// The visit planner: a month's plan for the organisation (run, read, publish).
// Visits are grouped by visiting session, trips by escort; pairs left out are
// listed with the planner's reason; the figures are set against the same month
// planned first-come.
import { useState } from "preact/hooks";
import { api, listAll, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { fullName, lookup, nameOf } from "../lookups";
import { useI18n, type MessageKey } from "../i18n";
import { useSession } from "../session";

interface PlanVisit {
  id: number;
  child_id: number;
  parent_id: number;
  session_id: number;
  trip_id: number;
  status: string;
  needs_review: boolean;
}
interface PlanTrip {
  id: number;
  escort_id: number;
  home_id: number;
  facility_id: number;
  date: string;
  depart: string;
  return: string;
  status: string;
}
interface Plan {
  id: number;
  month: string;
  status: "draft" | "published";
  coverage: number;
  bound: number;
  gap: number;
  proven_optimal: boolean;
  travel_cost: number;
  baseline: { coverage: number; visits: number; trips: number; travel_cost: number };
  visits: PlanVisit[];
  trips: PlanTrip[];
  unscheduled: { requirement_id: number; child_id: number; parent_id: number; reason: string }[];
}
interface VisitSession {
  id: number;
  facility_id: number;
  date: string;
  start_time: string;
  end_time: string;
}

export const planRoles = ["administrator", "programme_coordinator", "visits_officer"];

const reasonKey: Record<string, MessageKey> = {
  restriction: "plan.reason.restriction",
  no_session_this_month: "plan.reason.no_session_this_month",
  child_unavailable: "plan.reason.child_unavailable",
  no_escort: "plan.reason.no_escort",
  no_route: "plan.reason.no_route",
  capacity: "plan.reason.capacity",
  parent_released: "plan.reason.parent_released",
};

export function nextMonth(today = new Date()): string {
  const next = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  return next.toISOString().slice(0, 7);
}

interface Names {
  children: RecordRow[];
  parents: RecordRow[];
  staff: RecordRow[];
  facilities: RecordRow[];
}

async function loadNames(): Promise<Names> {
  const [children, parents, staff, facilities] = await Promise.all([
    listAll<RecordRow>("/children").catch(() => []),
    listAll<RecordRow>("/parents").catch(() => []),
    listAll<RecordRow>("/staff").catch(() => []),
    lookup("facilities"),
  ]);
  return { children, parents, staff, facilities };
}

const personName = (rows: RecordRow[], id: number): string => {
  const row = rows.find((one) => one.id === id);
  return row ? fullName(row) : "#" + id;
};

export function VisitPlanner() {
  const i18n = useI18n();
  const { me } = useSession();
  const [month, setMonth] = useState(nextMonth());
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const organisations = useAsync(() => lookup("organisations"), []);
  const orgId = me.organisation_id ?? (organisations.data?.[0]?.id as number | undefined);
  const names = useAsync(loadNames, []);
  const plans = useAsync(
    () => (orgId ? api<{ items: Plan[] }>(`/organisations/${orgId}/plans`).then((r) => r.items) : Promise.resolve([] as Plan[])),
    [orgId],
  );
  const sessions = useAsync(async () => {
    if (!plan) return [] as VisitSession[];
    const facilities = [...new Set(plan.trips.map((trip) => trip.facility_id))];
    const lists = await Promise.all(
      facilities.map((id) => api<{ items: VisitSession[] }>(`/facilities/${id}/visit-sessions`, { query: { month: plan.month } }).then((r) => r.items)),
    );
    return lists.flat();
  }, [plan?.id, plan?.month]);

  const run = async () => {
    if (!orgId) return;
    setBusy(true);
    setError(null);
    try {
      setPlan(await api<Plan>(`/organisations/${orgId}/plans`, { body: { month } }));
      plans.reload();
    } catch (failure) {
      setError(i18n.error(failure));
    } finally {
      setBusy(false);
    }
  };
  const open = async (id: number) => {
    setError(null);
    try {
      setPlan(await api<Plan>(`/plans/${id}`));
    } catch (failure) {
      setError(i18n.error(failure));
    }
  };
  const publish = async () => {
    if (!plan) return;
    setBusy(true);
    setError(null);
    try {
      setPlan(await api<Plan>(`/plans/${plan.id}/publish`, { method: "POST" }));
      plans.reload();
    } catch (failure) {
      setError(i18n.error(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="plan-title">
      <h1 id="plan-title">{i18n.t("plan.title")}</h1>
      <div class="card form-card">
        <div class="filters">
          <div class="field">
            <label for="plan-month">{i18n.t("plan.month")}</label>
            <input id="plan-month" type="month" value={month} onInput={(event) => setMonth((event.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <button type="button" class="primary" onClick={run} disabled={busy || !month}>
              {busy ? i18n.t("plan.running") : i18n.t("plan.run")}
            </button>
          </div>
        </div>
        {error && (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <Loaded state={plans}>
          {(list) =>
            list.length > 0 && (
              <details>
                <summary>{i18n.t("plan.previous", { n: list.length })}</summary>
                <ul class="plain-list">
                  {list.map((row) => (
                    <li key={row.id}>
                      <button type="button" class="link" onClick={() => open(row.id)}>
                        {i18n.month(row.month)} · {i18n.t(row.status === "published" ? "plan.published" : "plan.draft")} ·{" "}
                        {i18n.t("plan.coverage")} {i18n.number(row.coverage)}
                      </button>
                    </li>
                  ))}
                </ul>
              </details>
            )
          }
        </Loaded>
      </div>
      {plan && (
        <Loaded state={names}>
          {(people) => <PlanView plan={plan} names={people} sessions={sessions.data ?? []} onPublish={publish} busy={busy} />}
        </Loaded>
      )}
    </section>
  );
}

function PlanView({ plan, names, sessions, onPublish, busy }: { plan: Plan; names: Names; sessions: VisitSession[]; onPublish: () => void; busy: boolean }) {
  const i18n = useI18n();
  const planned = plan.visits.filter((visit) => visit.status === "planned");
  const trips = plan.trips.filter((trip) => trip.status === "planned");
  const sessionOf = (id: number) => sessions.find((session) => session.id === id);
  // Visits grouped by session, sessions in date order.
  const bySession = new Map<number, PlanVisit[]>();
  for (const visit of planned) bySession.set(visit.session_id, [...(bySession.get(visit.session_id) ?? []), visit]);
  const sessionKey = (id: number) => {
    const session = sessionOf(id);
    return session ? session.date + session.start_time : "9999" + String(id).padStart(8, "0");
  };
  const sessionIds = [...bySession.keys()].sort((a, b) => sessionKey(a).localeCompare(sessionKey(b)));
  const byEscort = new Map<number, PlanTrip[]>();
  for (const trip of trips) byEscort.set(trip.escort_id, [...(byEscort.get(trip.escort_id) ?? []), trip]);
  const tripOf = (id: number) => plan.trips.find((trip) => trip.id === id);
  const fmt = (value: number) => i18n.number(value, { maximumFractionDigits: 1 });
  return (
    <div data-testid="plan">
      <div class="title-row">
        <h2>
          {i18n.t("plan.planFor", { month: i18n.month(plan.month) })}{" "}
          <span class={"tag" + (plan.status === "published" ? " tag-ok" : "")} data-testid="plan-status">
            {i18n.t(plan.status === "published" ? "plan.published" : "plan.draft")}
          </span>
        </h2>
        {plan.status === "draft" && (
          <button type="button" class="primary" onClick={onPublish} disabled={busy}>
            {i18n.t("plan.publish")}
          </button>
        )}
      </div>
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
      {sessionIds.length === 0 ? (
        <p class="muted">{i18n.t("plan.noVisits")}</p>
      ) : (
        <ul class="cards wide">
          {sessionIds.map((id) => {
            const session = sessionOf(id);
            return (
              <li key={id} class="card" data-testid="plan-session">
                <h4 class="card-heading">
                  {session ? `${i18n.date(session.date)} ${session.start_time}–${session.end_time}` : "#" + id}
                  {session ? " · " + nameOf(names.facilities, session.facility_id) : ""}
                </h4>
                <ul class="plain-list">
                  {bySession.get(id)!.map((visit) => {
                    const trip = tripOf(visit.trip_id);
                    return (
                      <li key={visit.id}>
                        {personName(names.children, visit.child_id)} → {personName(names.parents, visit.parent_id)}
                        {trip && (
                          <span class="muted small">
                            {" "}
                            · {i18n.t("plan.escort")}: {personName(names.staff, trip.escort_id)}
                          </span>
                        )}
                        {visit.needs_review && <span class="tag tag-alert">{i18n.t("plan.review")}</span>}
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ul>
      )}

      <h3>{i18n.t("plan.byEscort")}</h3>
      <ul class="cards wide">
        {[...byEscort.entries()].map(([escort, list]) => (
          <li key={escort} class="card" data-testid="plan-escort">
            <h4 class="card-heading">
              {personName(names.staff, escort)} · {i18n.t("plan.tripCount", { n: list.length })}
            </h4>
            <ul class="plain-list">
              {list
                .sort((a, b) => (a.date + a.depart).localeCompare(b.date + b.depart))
                .map((trip) => (
                  <li key={trip.id}>
                    {i18n.date(trip.date)} {trip.depart}–{trip.return} · {nameOf(names.facilities, trip.facility_id)} ·{" "}
                    {i18n.t("plan.children", { n: plan.visits.filter((visit) => visit.trip_id === trip.id && visit.status === "planned").length })}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>

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
    </div>
  );
}
