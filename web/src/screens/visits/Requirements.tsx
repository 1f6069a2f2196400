// The coordinator's visit requirements (issue 16): one per child and
// imprisoned parent (GET /organisations/{id}/visit-requirements), with how
// often the pair should meet, its priority (weight), a ban until a date and a
// no-contact order; "create the missing ones" (POST .../generate) and a
// change of one (PATCH /visit-requirements/{id} with If-Match: someone else's
// change meanwhile is said plainly and the row read again, what she typed kept
// as a draft). A refusal shows under its field and nothing is saved.
import { useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { Loaded, useAsync } from "../../components/Async";
import { SelectField, TextField } from "../../components/Field";
import { useDraft } from "../../draft";
import { useI18n, type MessageKey } from "../../i18n";
import { can, useSession } from "../../session";
import { fieldErrors, FormError } from "../care";
import { ProgrammeNav, useOrganisationId } from "./ProgrammeNav";
import { loadNames, personName, type Names } from "./types";

export const kFrequencies = ["weekly", "fortnightly", "monthly", "every_two_months"];
const kFields = ["frequency", "weight", "banned_until", "no_contact"];

export interface Requirement {
  id: number;
  version: number;
  child_id: number;
  parent_id: number;
  frequency: string;
  weight: number;
  banned_until: string | null;
  no_contact: boolean;
  last_visit_on: string | null;
}

export function Requirements() {
  const i18n = useI18n();
  const { me } = useSession();
  const orgId = useOrganisationId(me);
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState("");
  const state = useAsync(async () => {
    if (!orgId) return null;
    const [names, requirements] = await Promise.all([loadNames(), api<{ items: Requirement[] }>(`/organisations/${orgId}/visit-requirements`).then((r) => r.items)]);
    return { names, requirements };
  }, [orgId]);
  const generate = async () => {
    if (!orgId) return;
    setNotice("");
    setError("");
    try {
      const before = state.data?.requirements.length ?? 0;
      const after = await api<{ items: Requirement[] }>(`/organisations/${orgId}/visit-requirements/generate`, { method: "POST" });
      setNotice(i18n.t("req.generated", { n: Math.max(0, after.items.length - before) }));
      state.reload();
    } catch (failure) {
      setError(i18n.error(failure));
    }
  };
  const folded = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  return (
    <section aria-labelledby="req-title">
      <h1 id="req-title">{i18n.t("req.title")}</h1>
      <ProgrammeNav current="/plan/requirements" />
      <p class="hint">{i18n.t("req.hint")}</p>
      <div class="card filters">
        <div class="field">
          <label for="req-q">{i18n.t("req.filter")}</label>
          <input id="req-q" type="search" value={query} onInput={(event) => setQuery((event.target as HTMLInputElement).value)} />
        </div>
        {can(me, "generateVisitRequirements") && (
          <div class="field">
            <button type="button" onClick={generate}>
              {i18n.t("req.generate")}
            </button>
          </div>
        )}
      </div>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <FormError text={error} />
      <Loaded state={state}>
        {(data) => {
          if (!data) return null;
          const { names } = data;
          const wanted = folded(query.trim());
          const rows = data.requirements.filter(
            (row) => !wanted || folded(personName(names.children, row.child_id) + " " + personName(names.parents, row.parent_id)).includes(wanted),
          );
          return rows.length === 0 ? (
            <p class="muted" data-testid="req-none">
              {i18n.t("req.none")}
            </p>
          ) : (
            <table class="stack" data-testid="req-list">
              <caption class="sr-only">{i18n.t("req.caption", { n: rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{i18n.t("plan.child")}</th>
                  <th scope="col">{i18n.t("plan.parent")}</th>
                  <th scope="col">{i18n.t("req.frequency")}</th>
                  <th scope="col">{i18n.t("req.weight")}</th>
                  <th scope="col">{i18n.t("req.limits")}</th>
                  <th scope="col">{i18n.t("req.lastVisit")}</th>
                  <th scope="col">
                    <span class="sr-only">{i18n.t("req.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <RequirementRow
                    key={row.id}
                    row={row}
                    names={names}
                    editing={editing === row.id}
                    onEdit={() => setEditing(editing === row.id ? null : row.id)}
                    onSaved={() => {
                      setEditing(null);
                      setNotice(i18n.t("req.saved", { child: personName(names.children, row.child_id) }));
                      state.reload();
                    }}
                    onStale={state.reload}
                  />
                ))}
              </tbody>
            </table>
          );
        }}
      </Loaded>
    </section>
  );
}

function RequirementRow({ row, names, editing, onEdit, onSaved, onStale }: { row: Requirement; names: Names; editing: boolean; onEdit: () => void; onSaved: () => void; onStale: () => void }) {
  const i18n = useI18n();
  const { me } = useSession();
  const child = personName(names.children, row.child_id);
  const limits = [
    row.no_contact ? i18n.t("req.noContact") : "",
    row.banned_until ? i18n.t("req.bannedUntil", { date: i18n.date(row.banned_until) }) : "",
  ].filter(Boolean);
  return (
    <>
      <tr data-requirement-id={row.id}>
        <th scope="row" data-label={i18n.t("plan.child")}>
          {child}
        </th>
        <td data-label={i18n.t("plan.parent")}>{personName(names.parents, row.parent_id)}</td>
        <td data-label={i18n.t("req.frequency")}>{i18n.t(("req.frequency." + row.frequency) as MessageKey)}</td>
        <td data-label={i18n.t("req.weight")}>{i18n.number(row.weight)}</td>
        <td data-label={i18n.t("req.limits")}>
          {limits.length === 0 ? i18n.t("app.none") : limits.map((text) => <span key={text} class={"tag" + (row.no_contact ? " tag-alert" : "")}>{text}</span>)}
        </td>
        <td data-label={i18n.t("req.lastVisit")}>{i18n.date(row.last_visit_on)}</td>
        <td>
          {can(me, "updateVisitRequirement") && (
            <button type="button" class="link" aria-expanded={editing} onClick={onEdit} aria-label={i18n.t("req.editFor", { child })}>
              {i18n.t("req.edit")}
            </button>
          )}
        </td>
      </tr>
      {editing && (
        <tr class="row-form">
          <td colSpan={7}>
            <RequirementForm row={row} child={child} onSaved={onSaved} onStale={onStale} />
          </td>
        </tr>
      )}
    </>
  );
}

function RequirementForm({ row, child, onSaved, onStale }: { row: Requirement; child: string; onSaved: () => void; onStale: () => void }) {
  const i18n = useI18n();
  const initial = { frequency: row.frequency, weight: String(row.weight), banned_until: row.banned_until ?? "", no_contact: row.no_contact ? "true" : "false" };
  const [form, setForm, clear] = useDraft(`requirement.${row.id}`, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    const weight = Number(form.weight.replace(",", "."));
    if (form.weight.trim() === "" || !Number.isFinite(weight)) return setErrors({ weight: i18n.t("req.error.weight") });
    setBusy(true);
    try {
      await api(`/visit-requirements/${row.id}`, {
        method: "PATCH",
        ifMatch: row.version,
        body: { frequency: form.frequency, weight, banned_until: form.banned_until || null, no_contact: form.no_contact === "true" },
      });
      clear();
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        // Someone changed it meanwhile: her draft stays, the row is read again.
        setErrors({ form: i18n.t("req.stale") });
        onStale();
        return;
      }
      const found = fieldErrors(i18n, error, kFields, { weight: i18n.t("req.error.weight"), frequency: i18n.t("care.error.choose") });
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={i18n.t("req.formTitle", { child })} class="form-card">
      <div class="form-grid">
        <SelectField
          id={`frequency-${row.id}`}
          label={i18n.t("req.frequency")}
          value={form.frequency}
          error={errors.frequency}
          options={kFrequencies.map((value) => ({ value, label: i18n.t(("req.frequency." + value) as MessageKey) }))}
          onChange={(frequency) => setForm({ ...form, frequency })}
        />
        <TextField id={`weight-${row.id}`} label={i18n.t("req.weight")} hint={i18n.t("req.weightHint")} inputMode="text" value={form.weight} error={errors.weight} onInput={(weight) => setForm({ ...form, weight })} />
        <TextField id={`banned_until-${row.id}`} type="date" label={i18n.t("req.bannedUntilLabel")} hint={i18n.t("req.bannedHint")} value={form.banned_until} error={errors.banned_until} onInput={(banned_until) => setForm({ ...form, banned_until })} />
        <div class="field check">
          <label>
            <input type="checkbox" checked={form.no_contact === "true"} onChange={(event) => setForm({ ...form, no_contact: (event.target as HTMLInputElement).checked ? "true" : "false" })} />{" "}
            {i18n.t("req.noContactLabel")}
          </label>
        </div>
      </div>
      <FormError text={errors.form} />
      <button type="submit" class="primary" disabled={busy}>
        {i18n.t("req.save")}
      </button>
    </form>
  );
}
