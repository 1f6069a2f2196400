// The dashboard: figures every role may see (auditors see only these), as
// charts with their data tables: children inside per facility, occupancy
// against capacity, age-outs in the next 12 months, children by placement.
import { api, ApiError } from "../api";
import { useAsync, Loaded } from "../components/Async";
import { BarChart } from "../components/Chart";
import { MonthlyReport, reportKinds } from "../components/MonthlyReport";
import { useI18n, type MessageKey } from "../i18n";
import { lookup, nameOf } from "../lookups";
import { can, useSession } from "../session";

interface CountRow {
  key: string;
  facility_id?: number;
  count: number | null;
}
interface Summary {
  as_of: string;
  small_cells_suppressed_below: number | null;
  children_by_placement: CountRow[];
  children_inside_by_facility: CountRow[];
  facilities: { facility_id: number; name: string; official_capacity: number | null; current_population: number | null; occupancy_percent: number | null }[];
}
interface ForecastMonth {
  facility_id: number;
  facility: string;
  month: string;
  children: number;
  age_outs: number;
}

export const colors = { primary: "#1d5fa8", secondary: "#b8560b", tertiary: "#2f7a3d" };

interface Upcoming {
  child_id: number;
  pseudonym: string;
  name: string | null;
  facility: string;
  age_out_date: string | null;
  days_remaining: number | null;
  alert_level: string;
}

interface WorkshopFigures {
  cohorts: { cohort_id: number; facility_id: number; group_kind: string; attendance_rate: number | null; sessions_held: number }[];
}
interface PlanCounts {
  month: string;
  planned: number;
  done: number;
}

// Visits planned and visits that happened (recorded as attended), per month,
// from the organisation's plans (the latest plan of each month).
async function visitsPerMonth(organisationId: number): Promise<PlanCounts[]> {
  const plans = (await api<{ items: { id: number; month: string; status: string }[] }>(`/organisations/${organisationId}/plans`)).items;
  const latest = new Map<string, { id: number; status: string }>();
  for (const plan of plans) {
    const seen = latest.get(plan.month);
    if (!seen || (plan.status === "published" && seen.status !== "published") || (plan.status === seen.status && plan.id > seen.id)) latest.set(plan.month, plan);
  }
  const months = [...latest.keys()].sort().slice(-12);
  return Promise.all(
    months.map(async (month) => {
      const plan = await api<{ visits: { status: string; record?: { attended: boolean | null } }[] }>(`/plans/${latest.get(month)!.id}`);
      const planned = plan.visits.filter((visit) => visit.status === "planned");
      return { month, planned: planned.length, done: planned.filter((visit) => visit.record?.attended === true).length };
    }),
  );
}

// A card that a role may not load (403) is left out rather than shown as an error.
const forbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

// Its own page at /figures, and below the home's items (embedded: a second-level heading).
export function Dashboard({ embedded = false }: { embedded?: boolean; params?: Record<string, string> }) {
  const i18n = useI18n();
  const { me } = useSession();
  const summary = useAsync(() => api<Summary>("/figures/summary"), []);
  const forecast = useAsync(() => api<{ items: ForecastMonth[] }>("/nursery/forecast", { query: { months: 12 } }), []);
  const upcoming = useAsync(
    () => (me.sees_case_records ? api<{ items: Upcoming[] }>("/nursery/ageouts", { query: { within_days: 90 } }) : Promise.resolve({ items: [] })),
    [],
  );
  const workshops = useAsync(() => Promise.all([api<WorkshopFigures>("/workshops/figures"), lookup("facilities")]), []);
  const seesPlans = can(me, "buildPlan") && me.organisation_id !== null;
  const visits = useAsync(() => (seesPlans ? visitsPerMonth(me.organisation_id!) : Promise.resolve([] as PlanCounts[])), []);
  return (
    <section aria-labelledby="dash-title">
      {embedded ? <h2 id="dash-title">{i18n.t("dash.figures")}</h2> : <h1 id="dash-title">{i18n.t("dash.figures")}</h1>}
      <div class="grid">
        {!forbidden(summary.error) && (
          <Loaded state={summary}>
            {(data) => (
              <>
                <p class="muted span-all">
                  {i18n.t("dash.asOf", { date: i18n.date(data.as_of) })}
                  {data.small_cells_suppressed_below !== null && " " + i18n.t("dash.suppressed", { n: data.small_cells_suppressed_below })}
                </p>
                <div class="card">
                  <BarChart
                    title={i18n.t("dash.childrenInside")}
                    horizontal
                    labels={data.children_inside_by_facility.map((row) => row.key)}
                    series={[{ label: i18n.t("dash.children"), values: data.children_inside_by_facility.map((row) => row.count), color: colors.primary }]}
                  />
                </div>
                <div class="card">
                  <BarChart
                    title={i18n.t("dash.occupancy")}
                    horizontal
                    labels={data.facilities.map((row) => row.name)}
                    series={[
                      { label: i18n.t("dash.population"), values: data.facilities.map((row) => row.current_population), color: colors.secondary },
                      { label: i18n.t("dash.capacity"), values: data.facilities.map((row) => row.official_capacity), color: colors.primary },
                    ]}
                  />
                </div>
              </>
            )}
          </Loaded>
        )}
        {!forbidden(forecast.error) && (
          <div class="card">
            <Loaded state={forecast}>
              {(rows) => {
                const months = [...new Set(rows.items.map((row) => row.month))].sort();
                const totals = months.map((month) => rows.items.filter((row) => row.month === month).reduce((sum, row) => sum + row.age_outs, 0));
                return (
                  <BarChart
                    title={i18n.t("dash.ageouts")}
                    labels={months.map((month) => i18n.month(month))}
                    series={[{ label: i18n.t("dash.ageoutsSeries"), values: totals, color: colors.tertiary }]}
                  />
                );
              }}
            </Loaded>
          </div>
        )}
        {!forbidden(summary.error) && summary.data && (
          <div class="card">
            <BarChart
              title={i18n.t("dash.byPlacement")}
              horizontal
              labels={summary.data.children_by_placement.map((row) => (i18n.has("placement." + row.key) ? i18n.t(("placement." + row.key) as MessageKey) : row.key))}
              series={[{ label: i18n.t("dash.children"), values: summary.data.children_by_placement.map((row) => row.count), color: colors.primary }]}
            />
          </div>
        )}
        {reportKinds(me).length > 0 && <MonthlyReport me={me} />}
        {seesPlans && !forbidden(visits.error) && (
          <div class="card">
            <Loaded state={visits}>
              {(rows) =>
                rows.length === 0 ? (
                  <>
                    <h2 class="card-heading">{i18n.t("dash.visits")}</h2>
                    <p class="muted">{i18n.t("dash.noPlans")}</p>
                  </>
                ) : (
                  <BarChart
                    title={i18n.t("dash.visits")}
                    labels={rows.map((row) => i18n.month(row.month))}
                    series={[
                      { label: i18n.t("dash.visitsPlanned"), values: rows.map((row) => row.planned), color: colors.primary },
                      { label: i18n.t("dash.visitsDone"), values: rows.map((row) => row.done), color: colors.tertiary },
                    ]}
                  />
                )
              }
            </Loaded>
          </div>
        )}
        {!forbidden(workshops.error) && (
          <div class="card">
            <Loaded state={workshops}>
              {([figures, facilities]) =>
                figures.cohorts.length === 0 ? (
                  <>
                    <h2 class="card-heading">{i18n.t("dash.workshops")}</h2>
                    <p class="muted">{i18n.t("dash.noFigures")}</p>
                  </>
                ) : (
                  <BarChart
                    title={i18n.t("dash.workshops")}
                    horizontal
                    labels={figures.cohorts.map(
                      (row) =>
                        `${nameOf(facilities, row.facility_id)} · ${i18n.has("ws.group." + row.group_kind) ? i18n.t(("ws.group." + row.group_kind) as MessageKey) : row.group_kind} (#${row.cohort_id})`,
                    )}
                    series={[
                      {
                        label: i18n.t("dash.attendanceRate"),
                        values: figures.cohorts.map((row) => (row.attendance_rate === null ? null : Math.round(row.attendance_rate * 100))),
                        color: colors.secondary,
                      },
                    ]}
                  />
                )
              }
            </Loaded>
          </div>
        )}
        {me.sees_case_records && !forbidden(upcoming.error) && (
          <div class="card">
            <h2 class="card-heading">{i18n.t("dash.upcoming")}</h2>
            <Loaded state={upcoming}>
              {(data) =>
                data.items.length === 0 ? (
                  <p class="muted">{i18n.t("nursery.empty")}</p>
                ) : (
                  <ul class="plain-list">
                    {data.items.slice(0, 8).map((row) => (
                      <li key={row.child_id}>
                        <span class={"tag alert-tag-" + row.alert_level}>{row.days_remaining === null ? "?" : i18n.t("nursery.days", { n: i18n.number(row.days_remaining) })}</span>{" "}
                        <a href={"/children/" + row.child_id}>{row.name ?? row.pseudonym}</a> · {i18n.date(row.age_out_date)}
                      </li>
                    ))}
                  </ul>
                )
              }
            </Loaded>
          </div>
        )}
      </div>
    </section>
  );
}
