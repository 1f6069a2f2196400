// The organisation's travel estimates for the planner: speed and cost per km
// of the great-circle estimate where no route override exists, changed by
// the organisation's planners (If-Match on the version read). What she types
// is kept as a draft until it is saved (a reload or an expired session loses
// nothing); the draft keeps only the two figures, never the version: a save
// sends the version just read. Someone else's change while she edits (412)
// replaces the form with theirs, as the notice says.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { Loaded, useAsync } from "../../components/Async";
import { TextField } from "../../components/Field";
import { hasDraft, useDraft } from "../../draft";
import { useI18n } from "../../i18n";

interface Settings {
  organisation_id: number;
  travel_speed_kmh: number;
  cost_per_km: number;
  version: number;
  defaults: boolean;
  updated_at: string | null;
}

export function VisitSettings({ orgId }: { orgId: number }) {
  const i18n = useI18n();
  const state = useAsync(() => api<Settings>(`/organisations/${orgId}/visit-settings`), [orgId]);
  // Unfolded when she comes back to figures she had typed.
  const [unfolded] = useState(() => hasDraft(draftKey(orgId)));
  return (
    <details class="card form-card no-print" id="visit-settings" open={unfolded}>
      <summary>
        <h2 class="inline-heading">{i18n.t("vs.title")}</h2>
      </summary>
      <Loaded state={state}>
        {(settings) => <SettingsForm settings={settings} onSaved={state.reload} />}
      </Loaded>
    </details>
  );
}

const draftKey = (orgId: number) => `visit-settings.${orgId}`;

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const i18n = useI18n();
  const stored = { travel_speed_kmh: String(settings.travel_speed_kmh), cost_per_km: String(settings.cost_per_km) };
  const [form, setForm, clear] = useDraft(draftKey(settings.organisation_id), stored);
  const { travel_speed_kmh: speed, cost_per_km: cost } = form;
  const setSpeed = (value: string) => setForm({ ...form, travel_speed_kmh: value });
  const setCost = (value: string) => setForm({ ...form, cost_per_km: value });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState("");
  // A newer version read (after her save, or someone else's): the form shows
  // it; the version the form opened with keeps a restored draft.
  const shownVersion = useRef(settings.version);
  useEffect(() => {
    if (shownVersion.current === settings.version) return;
    shownVersion.current = settings.version;
    setForm(stored);
  }, [settings.version]);

  const summary = i18n.t(settings.defaults ? "vs.summaryDefaults" : "vs.summary", {
    speed: i18n.number(settings.travel_speed_kmh),
    cost: i18n.number(settings.cost_per_km),
  });
  const number = (text: string) => (text.trim() === "" ? NaN : Number(text.replace(",", ".")));
  const save = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setNotice("");
    const body = { travel_speed_kmh: number(speed), cost_per_km: number(cost) };
    const local: Record<string, string> = {};
    if (!Number.isFinite(body.travel_speed_kmh)) local.travel_speed_kmh = i18n.t("error.number");
    if (!Number.isFinite(body.cost_per_km)) local.cost_per_km = i18n.t("error.number");
    if (Object.keys(local).length > 0) return setErrors(local);
    try {
      await api(`/organisations/${settings.organisation_id}/visit-settings`, { method: "PUT", body, ifMatch: settings.version });
      setNotice(i18n.t("vs.saved"));
      clear();
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setNotice(i18n.t("vs.stale"));
        onSaved();
      } else if (error instanceof ApiError && error.field === "travel_speed_kmh") {
        setErrors({ travel_speed_kmh: i18n.t("vs.speedRange") });
      } else if (error instanceof ApiError && error.field === "cost_per_km") {
        setErrors({ cost_per_km: i18n.t("vs.costRange") });
      } else {
        setErrors({ form: i18n.error(error) });
      }
    }
  };
  return (
    <form onSubmit={save} noValidate aria-label={i18n.t("vs.title")}>
      <p data-testid="visit-settings-summary">{summary}</p>
      <p class="hint">{i18n.t("vs.hint")}</p>
      <div class="form-grid">
        <TextField id="vs-speed" label={i18n.t("vs.speed")} value={speed} inputMode="text" error={errors.travel_speed_kmh} onInput={setSpeed} />
        <TextField id="vs-cost" label={i18n.t("vs.cost")} value={cost} inputMode="text" error={errors.cost_per_km} onInput={setCost} />
      </div>
      {errors.form && (
        <p class="notice notice-error" role="alert">
          {errors.form}
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <button type="submit" class="primary">
        {i18n.t("vs.save")}
      </button>
    </form>
  );
}
