// The coordinator's escorts and the dates they can travel (issue 16): the
// organisation's escorts with their available dates in a month (GET
// /organisations/{id}/escorts?month=), and a form to make a staff member an
// escort or add dates to one (POST: dates are added to those already known,
// never removed; max_children from 1 to 20). A refusal shows under its field
// and nothing is saved; the form is a draft until it is saved.
import { useState } from "preact/hooks";
import { api, listAll, type RecordRow } from "../../api";
import { Loaded, useAsync } from "../../components/Async";
import { SelectField, TextField } from "../../components/Field";
import { useDraft } from "../../draft";
import { useI18n } from "../../i18n";
import { fullName, lookup, nameOf } from "../../lookups";
import { useSession } from "../../session";
import { fieldErrors, FormError, Saved } from "../care";
import { nextMonth } from "../VisitPlanner";
import { ProgrammeNav, useOrganisationId } from "./ProgrammeNav";
import type { Escort } from "./types";

const kFields = ["staff_id", "max_children", "available_dates"];
const kDefaultMaxChildren = "4";

export function Escorts() {
  const i18n = useI18n();
  const { me } = useSession();
  const orgId = useOrganisationId(me);
  const [month, setMonth] = useState(nextMonth());
  const people = useAsync(async () => {
    const [staff, homes] = await Promise.all([listAll<RecordRow>("/staff"), lookup("homes")]);
    return { staff: staff.filter((row) => !orgId || row.organisation_id === orgId), homes };
  }, [orgId]);
  const escorts = useAsync(
    () => (orgId && /^\d{4}-\d{2}$/.test(month) ? api<{ items: Escort[] }>(`/organisations/${orgId}/escorts`, { query: { month } }).then((r) => r.items) : Promise.resolve([] as Escort[])),
    [orgId, month],
  );
  return (
    <section aria-labelledby="esc-title">
      <h1 id="esc-title">{i18n.t("esc.title")}</h1>
      <ProgrammeNav current="/plan/escorts" />
      <Loaded state={people}>
        {({ staff, homes }) => (
          <>
            <div class="card">
              <div class="field">
                <label for="esc-month">{i18n.t("plan.month")}</label>
                <input id="esc-month" type="month" value={month} onInput={(event) => setMonth((event.target as HTMLInputElement).value)} />
              </div>
              <Loaded state={escorts}>
                {(rows) =>
                  rows.length === 0 ? (
                    <p class="muted" data-testid="esc-none">
                      {i18n.t("esc.none")}
                    </p>
                  ) : (
                    <table class="stack" data-testid="esc-list">
                      <caption class="sr-only">{i18n.t("esc.listCaption", { month: i18n.month(month) })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{i18n.t("esc.escort")}</th>
                          <th scope="col">{i18n.t("esc.home")}</th>
                          <th scope="col">{i18n.t("esc.maxChildren")}</th>
                          <th scope="col">{i18n.t("esc.dates")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((escort) => {
                          const person = staff.find((row) => row.id === escort.staff_id);
                          return (
                            <tr key={escort.id} data-escort-id={escort.id}>
                              <th scope="row" data-label={i18n.t("esc.escort")}>
                                {person ? fullName(person) : "#" + escort.staff_id}
                              </th>
                              <td data-label={i18n.t("esc.home")}>{nameOf(homes, escort.home_id)}</td>
                              <td data-label={i18n.t("esc.maxChildren")}>{i18n.number(escort.max_children)}</td>
                              <td data-label={i18n.t("esc.dates")}>
                                {escort.available_dates.length === 0
                                  ? i18n.t("esc.noDates")
                                  : [...escort.available_dates].sort().map((date) => i18n.date(date)).join(", ")}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  )
                }
              </Loaded>
            </div>
            {orgId && <EscortForm orgId={orgId} staff={staff} escorts={escorts.data ?? []} onSaved={escorts.reload} />}
          </>
        )}
      </Loaded>
    </section>
  );
}

function EscortForm({ orgId, staff, escorts, onSaved }: { orgId: number; staff: RecordRow[]; escorts: Escort[]; onSaved: () => void }) {
  const i18n = useI18n();
  const initial = { staff_id: "", max_children: kDefaultMaxChildren, date: "", available_dates: "" };
  const [form, setForm, clear] = useDraft("escorts." + orgId, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const dates = form.available_dates ? form.available_dates.split(",") : [];
  const chooseStaff = (staff_id: string) => {
    // An escort already known keeps her maximum unless it is changed here.
    const known = escorts.find((escort) => String(escort.staff_id) === staff_id);
    setForm({ ...form, staff_id, max_children: known ? String(known.max_children) : form.max_children });
  };
  const addDate = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) return setErrors({ available_dates: i18n.t("error.date") });
    setErrors({});
    if (!dates.includes(form.date)) setForm({ ...form, date: "", available_dates: [...dates, form.date].sort().join(",") });
  };
  const removeDate = (date: string) => setForm({ ...form, available_dates: dates.filter((one) => one !== date).join(",") });
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setDone("");
    const local: Record<string, string> = {};
    if (!form.staff_id) local.staff_id = i18n.t("error.required");
    if (!/^\d+$/.test(form.max_children.trim())) local.max_children = i18n.t("esc.error.max");
    if (Object.keys(local).length > 0) return setErrors(local);
    setBusy(true);
    try {
      await api(`/organisations/${orgId}/escorts`, {
        body: { staff_id: Number(form.staff_id), max_children: Number(form.max_children), available_dates: dates },
      });
      const person = staff.find((row) => String(row.id) === form.staff_id);
      setDone(i18n.t("esc.saved", { name: person ? fullName(person) : "", n: dates.length }));
      clear();
      onSaved();
    } catch (error) {
      const found = fieldErrors(i18n, error, kFields, { staff_id: i18n.t("esc.error.staff"), max_children: i18n.t("esc.error.max") });
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="esc-form-title" class="card form-card">
      <h2 id="esc-form-title">{i18n.t("esc.formTitle")}</h2>
      <p class="hint">{i18n.t("esc.hint")}</p>
      <div class="form-grid">
        <SelectField
          id="staff_id"
          label={i18n.t("esc.staff")}
          value={form.staff_id}
          placeholder={i18n.t("field.choose")}
          error={errors.staff_id}
          options={staff.map((row) => ({ value: String(row.id), label: fullName(row) }))}
          onChange={chooseStaff}
        />
        <TextField id="max_children" label={i18n.t("esc.maxChildren")} inputMode="numeric" value={form.max_children} error={errors.max_children} onInput={(max_children) => setForm({ ...form, max_children })} />
      </div>
      <fieldset class="date-picker">
        <legend>{i18n.t("esc.dates")}</legend>
        <div class="inline-add">
          <TextField id="available_dates" type="date" label={i18n.t("esc.date")} value={form.date} error={errors.available_dates} onInput={(date) => setForm({ ...form, date })} />
          <button type="button" onClick={addDate}>
            {i18n.t("esc.addDate")}
          </button>
        </div>
        {dates.length === 0 ? (
          <p class="muted small">{i18n.t("esc.noDatesYet")}</p>
        ) : (
          <ul class="chips" data-testid="esc-dates" aria-label={i18n.t("esc.chosen", { n: dates.length })}>
            {dates.map((date) => (
              <li key={date}>
                {i18n.date(date)}{" "}
                <button type="button" class="link" aria-label={i18n.t("esc.removeDate", { date: i18n.date(date) })} onClick={() => removeDate(date)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <FormError text={errors.form} />
      <Saved text={done} />
      <button type="submit" class="primary" disabled={busy}>
        {i18n.t("esc.save")}
      </button>
    </form>
  );
}
