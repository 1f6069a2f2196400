// Change a child's placement (POST /children/{id}/placements, If-Match the
// child's version; issue 15): the new placement, from when, the facility
// (living inside) or the care home, a note, and for administrators the
// documented exception to the co-residence rule. The server decides: a move
// inside where the law in force or the facility (no nursery) forbids it is a
// 422 naming facility_id, "with the released parent" without a released
// parent a 422 naming placement; each error shows under its field and nothing
// is saved. Reached from the child's page. What she types is kept as a draft
// (a reload or an expired session loses nothing) until the move is saved; the
// version sent is always the one just read, never a kept one.
import { useState } from "preact/hooks";
import { api, ApiError, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useI18n, type MessageKey } from "../i18n";
import { useDraft } from "../draft";
import { fullName, lookup, nameOf } from "../lookups";
import { navigate } from "../router";
import { useSession } from "../session";
import { fieldErrors, FormError, TextArea, todayIso } from "./care";
import { placements } from "./Children";
import type { ScreenProps } from "./registry";

const kFields = ["placement", "started_on", "facility_id", "home_id", "note", "coresidence_exception"];

export function ChildPlacement({ params }: ScreenProps) {
  const i18n = useI18n();
  const state = useAsync(async () => {
    const [child, facilities, homes] = await Promise.all([api<RecordRow>(`/children/${params.id}`), lookup("facilities"), lookup("homes")]);
    return { child, facilities, homes };
  }, [params.id]);
  return (
    <article aria-labelledby="pc-title">
      <p>
        <a href={`/children/${params.id}`}>← {i18n.t("pc.back")}</a>
      </p>
      <Loaded state={state}>
        {({ child, facilities, homes }) => (
          <>
            <h1 id="pc-title">
              {i18n.t("pc.title")} <span class="h1-sub">{fullName(child)}</span>
            </h1>
            <p data-testid="pc-current">
              {i18n.t("pc.current")}: <strong>{i18n.t(("placement." + child.placement) as MessageKey)}</strong>
              {child.facility_id ? " · " + nameOf(facilities, child.facility_id) : ""}
              {child.home_id ? " · " + nameOf(homes, child.home_id) : ""}
            </p>
            <PlacementForm child={child} facilities={facilities} homes={homes} />
          </>
        )}
      </Loaded>
    </article>
  );
}

function PlacementForm({ child, facilities, homes }: { child: RecordRow; facilities: RecordRow[]; homes: RecordRow[] }) {
  const i18n = useI18n();
  const { me } = useSession();
  const [form, setForm, clear] = useDraft("placement." + child.id, {
    placement: "",
    started_on: todayIso(),
    facility_id: "",
    home_id: "",
    note: "",
    coresidence_exception: "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });
  const inside = form.placement === "inside_with_mother";
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setBusy(true);
    try {
      await api(`/children/${child.id}/placements`, {
        ifMatch: child.version,
        body: {
          placement: form.placement || undefined,
          started_on: form.started_on || undefined,
          facility_id: inside && form.facility_id ? Number(form.facility_id) : undefined,
          home_id: form.placement === "care_home" && form.home_id ? Number(form.home_id) : undefined,
          note: form.note || undefined,
          coresidence_exception: inside && form.coresidence_exception ? form.coresidence_exception : undefined,
        },
      });
      clear();
      navigate(`/children/${child.id}`);
    } catch (error) {
      const errors = fieldErrors(i18n, error, kFields);
      // The law in force or the facility (no nursery) refuses her living
      // inside: the server's generic refusal naming facility_id, in words.
      if (error instanceof ApiError && error.field === "facility_id" && error.problem.code === "invalid_argument") errors.facility_id = i18n.t("pc.error.facility");
      setErrors(errors);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="pc-form-title" class="card form-card">
      <h2 id="pc-form-title">{i18n.t("pc.new")}</h2>
      <SelectField
        id="placement"
        label={i18n.t("field.placement")}
        value={form.placement}
        placeholder={i18n.t("field.choose")}
        error={errors.placement}
        options={placements.map((value) => ({ value, label: i18n.t(("placement." + value) as MessageKey) }))}
        onChange={set("placement")}
      />
      {form.placement === "with_released_parent" && <p class="muted small">{i18n.t("pc.releasedHint")}</p>}
      <TextField id="started_on" type="date" label={i18n.t("pc.startedOn")} value={form.started_on} error={errors.started_on} onInput={set("started_on")} />
      {inside && (
        <SelectField
          id="facility_id"
          label={i18n.t("field.facility_id")}
          value={form.facility_id}
          placeholder={i18n.t("field.choose")}
          error={errors.facility_id}
          options={facilities.map((row) => ({ value: String(row.id), label: String(row.name) + (row.has_nursery === false ? " · " + i18n.t("pc.noNursery") : "") }))}
          onChange={set("facility_id")}
        />
      )}
      {form.placement === "care_home" && (
        <SelectField
          id="home_id"
          label={i18n.t("pc.home")}
          value={form.home_id}
          placeholder={i18n.t("field.choose")}
          error={errors.home_id}
          options={homes.map((row) => ({ value: String(row.id), label: String(row.name) }))}
          onChange={set("home_id")}
        />
      )}
      {inside && me.role === "administrator" && (
        <TextArea id="coresidence_exception" label={i18n.t("pc.exception")} value={form.coresidence_exception} error={errors.coresidence_exception} onInput={set("coresidence_exception")} />
      )}
      <TextArea id="note" label={i18n.t("pc.note")} value={form.note} error={errors.note} onInput={set("note")} />
      <FormError text={errors.form} />
      <button type="submit" class="primary" disabled={busy}>
        {i18n.t("pc.save")}
      </button>
    </form>
  );
}
