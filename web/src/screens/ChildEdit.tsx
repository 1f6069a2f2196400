// Edit a child's record and register a parent, from the child's page (issue
// 16). The child's own fields change with PATCH /children/{id} and If-Match
// the version read: someone else's change meanwhile is said plainly, the
// record read again and what she typed kept (a draft, also across reloads and
// an expired session). Placement, facility and home change only through a
// placement change (ChildPlacement), which keeps the history. A parent is
// registered (POST /parents) and linked to the child (POST
// /parent_child_links) in two steps: when the link is refused after the
// parent was saved, the form says so and sending again only links. Each
// refusal shows under the field it names; nothing else is saved.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type MessageKey } from "../i18n";
import { clearLookups, fullName, lookup } from "../lookups";
import { navigate } from "../router";
import { useSession } from "../session";
import { fieldErrors, FormError } from "./care";
import { sexes } from "./Children";
import type { ScreenProps } from "./registry";

const kChildFields = ["given_names", "family_names", "date_of_birth", "sex", "organisation_id", "home_address", "school_name", "school_grade"] as const;
type ChildForm = Record<(typeof kChildFields)[number], string>;

const formOf = (child: RecordRow): ChildForm =>
  Object.fromEntries(kChildFields.map((name) => [name, child[name] === null || child[name] === undefined ? "" : String(child[name])])) as ChildForm;

export function ChildEdit({ params }: ScreenProps) {
  const i18n = useI18n();
  const [tick, setTick] = useState(0);
  const state = useAsync(async () => {
    const [child, organisations] = await Promise.all([api<RecordRow>(`/children/${params.id}`), lookup("organisations")]);
    return { child, organisations };
  }, [params.id, tick]);
  return (
    <article aria-labelledby="ce-title">
      <p>
        <a href={`/children/${params.id}`}>← {i18n.t("pc.back")}</a>
      </p>
      <Loaded state={state}>
        {({ child, organisations }) => (
          <>
            <h1 id="ce-title">
              {i18n.t("ce.title")} <span class="h1-sub">{fullName(child)}</span>
            </h1>
            <p class="hint">{i18n.t("ce.hint")}</p>
            <ChildForm child={child} organisations={organisations} onStale={() => setTick(tick + 1)} />
          </>
        )}
      </Loaded>
    </article>
  );
}

function ChildForm({ child, organisations, onStale }: { child: RecordRow; organisations: RecordRow[]; onStale: () => void }) {
  const i18n = useI18n();
  const stored = formOf(child);
  // The draft keeps the record as she first read it (base), so that only what
  // she changed is sent: a field someone else changed meanwhile and she did
  // not touch takes their value when the record is read again.
  const [draft, setDraft, clear] = useDraft(`child-edit.${child.id}`, { ...stored, base: JSON.stringify({ version: child.version, ...stored }) });
  const base = JSON.parse(draft.base) as ChildForm & { version: number };
  const form: ChildForm = draft;
  const setForm = (next: ChildForm) => setDraft({ ...draft, ...next });
  useEffect(() => {
    if (base.version === child.version) return;
    const rebased: Record<string, string> = { ...draft };
    for (const name of kChildFields) if (draft[name] === base[name]) rebased[name] = stored[name];
    setDraft({ ...(rebased as typeof draft), base: JSON.stringify({ version: child.version, ...stored }) });
  }, [child.version]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // The version refused as stale: saving waits until the record is read again.
  const [staleVersion, setStaleVersion] = useState<number | null>(null);
  const set = (name: keyof ChildForm) => (value: string) => setForm({ ...form, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    // Only what she changed; an emptied optional field is cleared (null).
    const body: Record<string, unknown> = {};
    for (const name of kChildFields) {
      if (form[name] === base[name]) continue;
      body[name] = form[name] === "" ? null : name === "organisation_id" ? Number(form[name]) : form[name].trim();
    }
    if (Object.keys(body).length === 0) return navigate(`/children/${child.id}`);
    setBusy(true);
    try {
      await api(`/children/${child.id}`, { method: "PATCH", ifMatch: child.version, body });
      clear();
      clearLookups();
      navigate(`/children/${child.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setErrors({ form: i18n.t("ce.stale") });
        setStaleVersion(child.version);
        onStale();
      } else {
        setErrors(fieldErrors(i18n, error, [...kChildFields]));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ce-form-title" class="card form-card">
      <h2 id="ce-form-title" class="sr-only">
        {i18n.t("ce.title")}
      </h2>
      <div class="form-grid">
        <NameFields form={form} errors={errors} set={set} />
        <TextField id="date_of_birth" type="date" label={i18n.t("field.date_of_birth")} value={form.date_of_birth} required error={errors.date_of_birth} onInput={set("date_of_birth")} />
        <SelectField
          id="sex"
          label={i18n.t("field.sex")}
          value={form.sex}
          required
          error={errors.sex}
          options={sexes.map((value) => ({ value, label: i18n.t(("sex." + value) as MessageKey) }))}
          onChange={set("sex")}
        />
        <SelectField
          id="organisation_id"
          label={i18n.t("field.organisation_id")}
          value={form.organisation_id}
          placeholder={i18n.t("app.none")}
          error={errors.organisation_id}
          options={organisations.map((row) => ({ value: String(row.id), label: String(row.name) }))}
          onChange={set("organisation_id")}
        />
        <TextField id="home_address" label={i18n.t("field.home_address")} value={form.home_address} error={errors.home_address} onInput={set("home_address")} />
        <TextField id="school_name" label={i18n.t("field.school_name")} value={form.school_name} error={errors.school_name} onInput={set("school_name")} />
        <TextField id="school_grade" label={i18n.t("field.school_grade")} value={form.school_grade} error={errors.school_grade} onInput={set("school_grade")} />
      </div>
      <FormError text={errors.form} />
      {/* Saving waits while the record is read again after a change meanwhile. */}
      <FormActions label={i18n.t("ce.save")} disabled={busy || staleVersion === child.version} onCancel={clear} childId={child.id} />
    </form>
  );
}

const kParentFields = ["given_names", "family_names", "sex", "date_of_birth", "facility_id", "prisoner_number", "custody_status", "admission_date", "expected_release_date", "offence_category", "language"];
const kOffences = ["drug_transport", "theft", "sexual_abuse", "trafficking", "extortion", "violent", "other"];
const kRelations = ["mother", "father", "legal_guardian"];

export function NewParent({ params }: ScreenProps) {
  const i18n = useI18n();
  const state = useAsync(async () => {
    const [child, facilities] = await Promise.all([api<RecordRow>(`/children/${params.id}`), lookup("facilities")]);
    return { child, facilities };
  }, [params.id]);
  return (
    <article aria-labelledby="np-title">
      <p>
        <a href={`/children/${params.id}`}>← {i18n.t("pc.back")}</a>
      </p>
      <Loaded state={state}>
        {({ child, facilities }) => (
          <>
            <h1 id="np-title">
              {i18n.t("np.title")} <span class="h1-sub">{fullName(child)}</span>
            </h1>
            <ParentForm child={child} facilities={facilities} />
          </>
        )}
      </Loaded>
    </article>
  );
}

function ParentForm({ child, facilities }: { child: RecordRow; facilities: RecordRow[] }) {
  const i18n = useI18n();
  const { me } = useSession();
  const initial = {
    relation: "",
    given_names: "",
    family_names: "",
    sex: "",
    date_of_birth: "",
    facility_id: child.facility_id ? String(child.facility_id) : "",
    prisoner_number: "",
    custody_status: "incarcerated",
    admission_date: "",
    expected_release_date: "",
    offence_category: "",
    language: "es",
  };
  const [form, setForm, clear] = useDraft(`parent-new.${child.id}`, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof initial) => (value: string) => setForm({ ...form, [name]: value });
  // The parent and her link to the child in one request, one transaction
  // (POST /children/{id}/parents): a refusal writes neither, and every field
  // at fault is marked at once.
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    if (!form.relation) return setErrors({ relation: i18n.t("error.required") });
    setBusy(true);
    try {
      const body: Record<string, unknown> = { organisation_id: child.organisation_id ?? undefined };
      for (const name of kParentFields) {
        const value = form[name as keyof typeof initial].trim();
        if (value !== "") body[name] = name === "facility_id" ? Number(value) : value;
      }
      await api<RecordRow>(`/children/${child.id}/parents`, { body, query: { relation: form.relation } });
      clear();
      navigate(`/children/${child.id}`);
    } catch (error) {
      setErrors(fieldErrors(i18n, error, [...kParentFields, "relation"]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="np-form-title" class="card form-card">
      <h2 id="np-form-title" class="sr-only">
        {i18n.t("np.title")}
      </h2>
      <SelectField
        id="relation"
        label={i18n.t("np.relation")}
        value={form.relation}
        required
        placeholder={i18n.t("field.choose")}
        error={errors.relation}
        options={kRelations.map((value) => ({ value, label: i18n.t(("relation." + value) as MessageKey) }))}
        onChange={set("relation")}
      />
      <fieldset class="date-picker">
        <legend>{i18n.t("np.parent")}</legend>
        <div class="form-grid">
          <NameFields form={form} errors={errors} set={set} />
          <SelectField
            id="sex"
            label={i18n.t("field.sex")}
            value={form.sex}
            required
            placeholder={i18n.t("field.choose")}
            error={errors.sex}
            options={["female", "male"].map((value) => ({ value, label: i18n.t(("sex." + value) as MessageKey) }))}
            onChange={set("sex")}
          />
          <TextField id="date_of_birth" type="date" label={i18n.t("field.date_of_birth")} value={form.date_of_birth} error={errors.date_of_birth} onInput={set("date_of_birth")} />
          <SelectField
            id="facility_id"
            label={i18n.t("np.facility")}
            value={form.facility_id}
            required
            placeholder={i18n.t("field.choose")}
            error={errors.facility_id}
            options={facilities.map((row) => ({ value: String(row.id), label: String(row.name) }))}
            onChange={set("facility_id")}
          />
          <TextField id="prisoner_number" label={i18n.t("np.prisonerNumber")} value={form.prisoner_number} error={errors.prisoner_number} onInput={set("prisoner_number")} />
          <SelectField
            id="custody_status"
            label={i18n.t("np.custody")}
            value={form.custody_status}
            required
            error={errors.custody_status}
            options={["incarcerated", "released"].map((value) => ({ value, label: i18n.t(("np.custody." + value) as MessageKey) }))}
            onChange={set("custody_status")}
          />
          <TextField id="admission_date" type="date" label={i18n.t("np.admission")} value={form.admission_date} required error={errors.admission_date} onInput={set("admission_date")} />
          <TextField id="expected_release_date" type="date" label={i18n.t("np.expectedRelease")} value={form.expected_release_date} error={errors.expected_release_date} onInput={set("expected_release_date")} />
          {me.sees_restricted_fields && (
            <SelectField
              id="offence_category"
              label={i18n.t("child.offence")}
              value={form.offence_category}
              placeholder={i18n.t("app.none")}
              error={errors.offence_category}
              options={kOffences.map((value) => ({ value, label: i18n.t(("offence." + value) as MessageKey) }))}
              onChange={set("offence_category")}
            />
          )}
          <SelectField
            id="language"
            label={i18n.t("field.language")}
            value={form.language}
            error={errors.language}
            options={["es", "en"].map((value) => ({ value, label: i18n.t(("np.language." + value) as MessageKey) }))}
            onChange={set("language")}
          />
        </div>
      </fieldset>
      <FormError text={errors.form} />
      <FormActions label={i18n.t("np.save")} disabled={busy} onCancel={clear} childId={child.id} />
    </form>
  );
}

// Given and family names, the same two fields for a child and a parent.
function NameFields({ form, errors, set }: { form: { given_names: string; family_names: string }; errors: Record<string, string>; set: (name: "given_names" | "family_names") => (value: string) => void }) {
  const i18n = useI18n();
  return (
    <>
      <TextField id="given_names" label={i18n.t("field.given_names")} value={form.given_names} required error={errors.given_names} onInput={set("given_names")} />
      <TextField id="family_names" label={i18n.t("field.family_names")} value={form.family_names} required error={errors.family_names} onInput={set("family_names")} />
    </>
  );
}

// Save, or cancel: the draft is dropped and she is back on the child's page.
function FormActions({ label, disabled, onCancel, childId }: { label: string; disabled: boolean; onCancel: () => void; childId: number }) {
  const i18n = useI18n();
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={disabled}>
        {label}
      </button>
      <button
        type="button"
        onClick={() => {
          onCancel();
          navigate(`/children/${childId}`);
        }}
      >
        {i18n.t("app.cancel")}
      </button>
    </div>
  );
}
