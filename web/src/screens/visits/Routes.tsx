// The coordinator's routes (issue 16): the travel between each home and
// facility that the planner uses (GET /organisations/{id}/visit-distances:
// the great-circle estimate at the organisation's speed and cost per km, or
// the route override where one is set), each override marked as set by hand
// (GET /organisations/{id}/routes; an override no pair travels yet is a row
// too), and a form to set an override (POST /organisations/{id}/routes:
// minutes from 1 to 1440, a cost not negative). Every refusal shows under its
// field at once and nothing is saved; the form is a draft until saved.
import { useEffect, useState } from "preact/hooks";
import { api, type RecordRow } from "../../api";
import { Loaded, useAsync } from "../../components/Async";
import { SelectField, TextField } from "../../components/Field";
import { useDraft } from "../../draft";
import { useI18n } from "../../i18n";
import { lookup, nameOf } from "../../lookups";
import { useSession } from "../../session";
import { fieldErrors, FormError, Saved } from "../care";
import { nextMonth } from "../VisitPlanner";
import { ProgrammeNav, useOrganisationId } from "./ProgrammeNav";

const kFields = ["home_id", "facility_id", "travel_minutes", "cost"];

interface PairDistance {
  home_id: number | null;
  facility_id: number;
  km: number | null;
  travel_minutes: number | null;
  travel_cost: number | null;
  far: boolean;
}
interface DistanceReport {
  pairs: PairDistance[];
  far_km: number;
}
interface Route {
  home_id: number;
  facility_id: number;
  km: number | null;
  travel_minutes: number | null;
  travel_cost: number | null;
  far: boolean;
  pairs: number;
  override: boolean; // set by hand (the planner uses it instead of the estimate)
}
interface RouteOverride {
  id: number;
  home_id: number;
  facility_id: number;
  travel_minutes: number;
  cost: number;
}

// One row per home and facility, however many pairs travel it, and one per
// override that no pair travels yet.
function routesOf(report: DistanceReport, overrides: RouteOverride[]): Route[] {
  const routes = new Map<string, Route>();
  const overridden = new Set(overrides.map((route) => `${route.home_id}-${route.facility_id}`));
  for (const pair of report.pairs) {
    if (pair.home_id === null) continue;
    const key = `${pair.home_id}-${pair.facility_id}`;
    const known = routes.get(key);
    if (known) known.pairs += 1;
    else routes.set(key, { ...pair, home_id: pair.home_id, pairs: 1, override: overridden.has(key) });
  }
  for (const route of overrides) {
    const key = `${route.home_id}-${route.facility_id}`;
    if (!routes.has(key)) {
      routes.set(key, { home_id: route.home_id, facility_id: route.facility_id, km: null, travel_minutes: route.travel_minutes, travel_cost: route.cost, far: false, pairs: 0, override: true });
    }
  }
  return [...routes.values()].sort((a, b) => (b.km ?? 0) - (a.km ?? 0));
}

export function Routes() {
  const i18n = useI18n();
  const { me } = useSession();
  const orgId = useOrganisationId(me);
  const [formKey, setFormKey] = useState(0);
  const [chosen, setChosen] = useState<Route | null>(null);
  const state = useAsync(async () => {
    if (!orgId) return null;
    const [report, overrides, homes, facilities] = await Promise.all([
      api<DistanceReport>(`/organisations/${orgId}/visit-distances`, { query: { month: nextMonth() } }),
      api<{ items: RouteOverride[] }>(`/organisations/${orgId}/routes`),
      lookup("homes"),
      lookup("facilities"),
    ]);
    return { routes: routesOf(report, overrides.items), farKm: report.far_km, homes: homes.filter((home) => home.organisation_id === orgId), facilities };
  }, [orgId]);
  return (
    <section aria-labelledby="rt-title">
      <h1 id="rt-title">{i18n.t("rt.title")}</h1>
      <ProgrammeNav current="/plan/routes" />
      <p class="hint">{i18n.t("rt.hint")}</p>
      <Loaded state={state}>
        {(data) =>
          data && (
            <>
              {data.routes.length === 0 ? (
                <p class="muted">{i18n.t("rt.none")}</p>
              ) : (
                <table class="stack" data-testid="rt-list">
                  <caption class="sr-only">{i18n.t("rt.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{i18n.t("rt.home")}</th>
                      <th scope="col">{i18n.t("rt.facility")}</th>
                      <th scope="col">{i18n.t("rt.km")}</th>
                      <th scope="col">{i18n.t("rt.minutes")}</th>
                      <th scope="col">{i18n.t("rt.cost")}</th>
                      <th scope="col">{i18n.t("rt.pairs")}</th>
                      <th scope="col">
                        <span class="sr-only">{i18n.t("req.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.routes.map((route) => {
                      const home = nameOf(data.homes, route.home_id);
                      const facility = nameOf(data.facilities, route.facility_id);
                      return (
                        <tr key={`${route.home_id}-${route.facility_id}`} data-route={`${route.home_id}-${route.facility_id}`}>
                          <th scope="row" data-label={i18n.t("rt.home")}>
                            {home}
                          </th>
                          <td data-label={i18n.t("rt.facility")}>{facility}</td>
                          <td data-label={i18n.t("rt.km")}>
                            {i18n.number(route.km, { maximumFractionDigits: 0 })}{" "}
                            {route.far && <span class="tag tag-alert">{i18n.t("rt.far", { km: data.farKm })}</span>}
                          </td>
                          <td data-label={i18n.t("rt.minutes")}>
                            <span>{i18n.number(route.travel_minutes)}</span> {route.override && <span class="tag" data-testid="rt-override">{i18n.t("rt.override")}</span>}
                          </td>
                          <td data-label={i18n.t("rt.cost")}>{i18n.number(route.travel_cost, { maximumFractionDigits: 2 })}</td>
                          <td data-label={i18n.t("rt.pairs")}>{i18n.number(route.pairs)}</td>
                          <td>
                            <button
                              type="button"
                              class="link"
                              aria-label={i18n.t("rt.setFor", { home, facility })}
                              onClick={() => {
                                setChosen(route);
                                setFormKey(formKey + 1);
                                document.getElementById("rt-form-title")?.scrollIntoView();
                              }}
                            >
                              {i18n.t("rt.set")}
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
              {orgId && <RouteForm key={formKey} orgId={orgId} chosen={chosen} homes={data.homes} facilities={data.facilities} onSaved={state.reload} />}
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function RouteForm({ orgId, chosen, homes, facilities, onSaved }: { orgId: number; chosen: Route | null; homes: RecordRow[]; facilities: RecordRow[]; onSaved: () => void }) {
  const i18n = useI18n();
  const initial = { home_id: "", facility_id: "", travel_minutes: "", cost: "" };
  const [form, setForm, clear] = useDraft("routes." + orgId, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  // A route chosen in the table fills the form (what was typed before is replaced).
  useEffect(() => {
    if (chosen) setForm({ home_id: String(chosen.home_id), facility_id: String(chosen.facility_id), travel_minutes: String(chosen.travel_minutes ?? ""), cost: String(chosen.travel_cost ?? "") });
  }, [chosen]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setDone("");
    const local: Record<string, string> = {};
    if (!form.home_id) local.home_id = i18n.t("error.required");
    if (!form.facility_id) local.facility_id = i18n.t("error.required");
    if (!/^\d+$/.test(form.travel_minutes.trim())) local.travel_minutes = i18n.t("rt.error.minutes");
    const cost = Number(form.cost.replace(",", "."));
    if (form.cost.trim() === "" || !Number.isFinite(cost)) local.cost = i18n.t("error.number");
    if (Object.keys(local).length > 0) return setErrors(local);
    setBusy(true);
    try {
      await api(`/organisations/${orgId}/routes`, {
        body: { home_id: Number(form.home_id), facility_id: Number(form.facility_id), travel_minutes: Number(form.travel_minutes), cost },
      });
      setDone(i18n.t("rt.saved", { home: nameOf(homes, Number(form.home_id)), facility: nameOf(facilities, Number(form.facility_id)) }));
      clear();
      onSaved();
    } catch (error) {
      const found = fieldErrors(i18n, error, kFields, { travel_minutes: i18n.t("rt.error.minutes"), cost: i18n.t("rt.error.cost"), home_id: i18n.t("rt.error.home") });
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="rt-form-title" class="card form-card">
      <h2 id="rt-form-title">{i18n.t("rt.formTitle")}</h2>
      <div class="form-grid">
        <SelectField
          id="home_id"
          label={i18n.t("rt.home")}
          value={form.home_id}
          placeholder={i18n.t("field.choose")}
          error={errors.home_id}
          options={homes.map((row) => ({ value: String(row.id), label: String(row.name) }))}
          onChange={(home_id) => setForm({ ...form, home_id })}
        />
        <SelectField
          id="facility_id"
          label={i18n.t("rt.facility")}
          value={form.facility_id}
          placeholder={i18n.t("field.choose")}
          error={errors.facility_id}
          options={facilities.map((row) => ({ value: String(row.id), label: String(row.name) }))}
          onChange={(facility_id) => setForm({ ...form, facility_id })}
        />
        <TextField id="travel_minutes" label={i18n.t("rt.minutesLabel")} inputMode="numeric" value={form.travel_minutes} error={errors.travel_minutes} onInput={(travel_minutes) => setForm({ ...form, travel_minutes })} />
        <TextField id="cost" label={i18n.t("rt.costLabel")} inputMode="text" value={form.cost} error={errors.cost} onInput={(cost) => setForm({ ...form, cost })} />
      </div>
      <FormError text={errors.form} />
      <Saved text={done} />
      <button type="submit" class="primary" disabled={busy}>
        {i18n.t("rt.save")}
      </button>
    </form>
  );
}
