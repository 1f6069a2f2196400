// A caregiver's own trips: the published plans of her organisation as the
// server shows them to her (only the trips her staff record escorts, and
// their visits), this month first, with the visit record on the day of the
// visit or after. A caregiver linked to no staff record has no trips.
import { useState } from "preact/hooks";
import { api } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { useI18n } from "../i18n";
import type { Me } from "../api";
import { can, useSession } from "../session";
import { Trips } from "./visits/PlanView";
import { VisitControls, type VisitAction } from "./visits/VisitActions";
import { currentMonth, loadNames, personName, type Plan, type PlanVisit } from "./visits/types";

// The escorts' screen: those who record their visits but do not plan them.
export const tripsOf = (me: Me): boolean => can(me, "recordVisit") && !can(me, "buildPlan");

async function loadTrips(organisationId: number | null): Promise<Plan[]> {
  if (!organisationId) return [];
  const summaries = (await api<{ items: Plan[] }>(`/organisations/${organisationId}/plans`)).items;
  // This month first, then the months ahead, then the months gone (latest first).
  const now = currentMonth();
  const rank = (month: string) => (month >= now ? month : "~" + String(9999 - Number(month.slice(0, 4))) + String(12 - Number(month.slice(5))).padStart(2, "0"));
  const published = summaries.filter((plan) => plan.status === "published").sort((a, b) => rank(a.month).localeCompare(rank(b.month)));
  return Promise.all(published.map((plan) => api<Plan>(`/plans/${plan.id}`)));
}

export function MyTrips() {
  const i18n = useI18n();
  const { me } = useSession();
  const plans = useAsync(() => loadTrips(me.organisation_id), [me.organisation_id]);
  const names = useAsync(loadNames, []);
  const [open, setOpen] = useState<{ visit: number; action: VisitAction } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section aria-labelledby="trips-title">
      <h1 id="trips-title">{i18n.t("vv.myTrips")}</h1>
      <p class="muted">{i18n.t("vv.myTripsIntro")}</p>
      {message && (
        <p class="notice" role="status" data-testid="trips-message">
          {message}
        </p>
      )}
      <Loaded state={plans}>
        {(list) => (
          <Loaded state={names}>
            {(people) => {
              const withTrips = list.filter((plan) => plan.trips.some((trip) => trip.status === "planned"));
              if (withTrips.length === 0) return <p class="muted">{i18n.t("vv.noTrips")}</p>;
              const controls = (visit: PlanVisit, date: string | undefined) => (
                <VisitControls
                  visit={visit}
                  date={date}
                  sessions={[]}
                  canPlan={false}
                  canRecord
                  open={open?.visit === visit.id ? open.action : null}
                  setOpen={(action) => {
                    setMessage(null);
                    setOpen(action ? { visit: visit.id, action } : null);
                  }}
                  onChanged={(text) => {
                    setMessage(text);
                    plans.reload();
                  }}
                  label={`${personName(people.children, visit.child_id)} → ${personName(people.parents, visit.parent_id)}`}
                />
              );
              return withTrips.map((plan) => (
                <div key={plan.id} data-testid="my-plan">
                  <h2>{i18n.month(plan.month)}</h2>
                  <Trips
                    plan={plan}
                    names={people}
                    trips={plan.trips.filter((trip) => trip.status === "planned")}
                    sessions={[]}
                    controls={controls}
                    nameEscort={() => i18n.t("vv.myTripsHeading")}
                  />
                </div>
              ));
            }}
          </Loaded>
        )}
      </Loaded>
    </section>
  );
}
