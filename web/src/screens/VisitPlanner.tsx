// The visit planner: a month's plan for the organisation (run, read, publish,
// then change by hand). The plan is read as a calendar and as trips per
// escort, with the pairs left out and the planner's reason (visits/PlanView);
// the figures are set against the same month planned first-come.
import { useState } from "preact/hooks";
import { api } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { lookup } from "../lookups";
import { useI18n } from "../i18n";
import type { Me } from "../api";
import { useLocation } from "../router";
import { can, useSession } from "../session";
import { PlanView } from "./visits/PlanView";
import { ProgrammeNav } from "./visits/ProgrammeNav";
import { VisitSettings } from "./visits/VisitSettings";
import { loadEscorts, loadNames, loadSessions, type Plan } from "./visits/types";

// The planner screen: those who build the month's plans, and the facility's
// visits officers (its sessions and visitors).
export const seesPlanner = (me: Me): boolean => can(me, "buildPlan") || can(me, "listSessionVisitors");

export function nextMonth(today = new Date()): string {
  const next = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  return next.toISOString().slice(0, 7);
}

export function VisitPlanner() {
  const i18n = useI18n();
  const { me } = useSession();
  // A link may name the month (the home's "pairs left out" and "plan to publish").
  const linked = useLocation().query.get("month") ?? "";
  const [month, setMonth] = useState(/^\d{4}-\d{2}$/.test(linked) ? linked : nextMonth());
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
  const canPlan = can(me, "buildPlan");
  // Trips name their escort by id; the escorts of the month give her staff record.
  const escorts = useAsync(
    () => (plan && orgId ? loadEscorts(orgId, plan.month) : Promise.resolve([])),
    [orgId, plan?.month],
  );
  // The month's sessions at every facility of the plan (for the calendar and
  // for moves), read again after each change so the seats taken are current.
  const sessions = useAsync(
    () => (plan ? loadSessions(plan.trips.map((trip) => trip.facility_id), plan.month) : Promise.resolve([])),
    [plan],
  );

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
  const open = async (id: number, keepMessage = false) => {
    if (!keepMessage) setError(null);
    try {
      setPlan(await api<Plan>(`/plans/${id}`));
    } catch (failure) {
      setError(i18n.error(failure));
    }
  };
  const publish = async () => {
    if (!plan) return;
    // Publishing tells escorts and prisons: asked first (issue 16).
    if (!window.confirm(i18n.t("plan.confirmPublish", { month: i18n.month(plan.month) }))) return;
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
      <ProgrammeNav current="/plan" />
      <div class="card form-card no-print">
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
                      <button type="button" class="link" data-plan-id={row.id} onClick={() => open(row.id)}>
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
      {orgId && canPlan && <VisitSettings orgId={orgId} />}
      {plan && (
        <Loaded state={names}>
          {(people) => (
            <PlanView
              plan={plan}
              names={{ ...people, escorts: escorts.data }}
              sessions={sessions.data ?? []}
              onPublish={publish}
              onChanged={() => open(plan.id, true)}
              busy={busy}
              canPlan={canPlan}
            />
          )}
        </Loaded>
      )}
    </section>
  );
}
