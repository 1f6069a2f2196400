// Administration of the nursery's reference data: the needs catalogue (items
// by age band; an edit carries the version it was read at, so a stale edit is
// refused with 412 and the form says so and reloads), and the default health
// schedule (check-ups and vaccines by age; entries are added, retired and
// restored, never edited in place, so past appointments keep their meaning).
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type I18n, type MessageKey } from "../i18n";
import { fieldErrors, FormError } from "./care";

interface SupplyItem {
  id: number;
  version: number;
  archived: boolean;
  code: string;
  name_es: string;
  name_en: string;
  unit: string;
  from_months: number;
  to_months: number | null;
  quantity: number;
  kind: "durable" | "monthly";
}
interface ScheduleEntry {
  id: number;
  kind: "checkup" | "vaccine";
  name: string;
  age_months: number;
  active: boolean;
}

const units = ["piece", "tin", "jar", "kit", "nappy", "set"];
const itemFields = ["code", "name_es", "name_en", "unit", "from_months", "to_months", "quantity", "kind"];
const unitLabel = (i18n: I18n, unit: string) => {
  const key = "supply.unit." + unit;
  return i18n.has(key) ? i18n.t(key as MessageKey, { n: 2 }) : unit;
};
// "3" → 3, "" → undefined, anything else is sent as typed so the API names it.
const whole = (text: string): number | string | undefined => (text.trim() === "" ? undefined : /^-?\d+$/.test(text.trim()) ? Number(text) : text);

export function SupplyCatalogue() {
  const i18n = useI18n();
  const [notice, setNotice] = useState("");
  const [editing, setEditing] = useState<number | null>(null);
  const state = useAsync(() => api<{ items: SupplyItem[] }>("/nursery/supply-items", { query: { archived: "true" } }).then((page) => page.items), []);
  const archive = async (item: SupplyItem) => {
    if (!window.confirm(i18n.t("care.catalogue.confirmArchive", { name: i18n.lang === "es" ? item.name_es : item.name_en }))) return;
    try {
      await api(`/nursery/supply-items/${item.id}/archive`, { method: "POST", ifMatch: item.version });
      setNotice(i18n.t("care.catalogue.archived", { name: i18n.lang === "es" ? item.name_es : item.name_en }));
    } catch (error) {
      setNotice(i18n.error(error));
    }
    state.reload();
  };
  return (
    <section aria-labelledby="catalogue-title" class="card">
      <h2 id="catalogue-title">{i18n.t("care.catalogue.title")}</h2>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <Loaded state={state}>
        {(items) => (
          <>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("care.catalogue.title")}>
              <table data-testid="catalogue" class="stack">
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("supply.item")}</th>
                    <th scope="col">{i18n.t("care.catalogue.band")}</th>
                    <th scope="col">{i18n.t("care.catalogue.quantity")}</th>
                    <th scope="col">
                      <span class="sr-only">{i18n.t("care.catalogue.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <Fragment key={item.id}>
                      <tr class={item.archived ? "muted" : ""} data-testid="catalogue-row" data-code={item.code}>
                        <th scope="row">
                          {i18n.lang === "es" ? item.name_es : item.name_en}
                          {item.archived && <span class="tag"> {i18n.t("care.catalogue.isArchived")}</span>}
                        </th>
                        <td data-label={i18n.t("care.catalogue.band")}>
                          {item.to_months === null
                            ? i18n.t("care.catalogue.fromOn", { from: item.from_months })
                            : i18n.t("care.catalogue.fromTo", { from: item.from_months, to: item.to_months })}
                        </td>
                        <td data-label={i18n.t("care.catalogue.quantity")}>
                          {i18n.number(item.quantity)} {unitLabel(i18n, item.unit)} · {i18n.t(item.kind === "monthly" ? "supply.monthly" : "supply.durable")}
                        </td>
                        <td>
                          {!item.archived && (
                            <div class="actions">
                              <button
                                type="button"
                                aria-expanded={editing === item.id}
                                aria-label={i18n.t("care.catalogue.editNamed", { name: i18n.lang === "es" ? item.name_es : item.name_en })}
                                onClick={() => setEditing(editing === item.id ? null : item.id)}
                              >
                                {i18n.t("care.catalogue.edit")}
                              </button>
                              <button type="button" aria-label={i18n.t("care.catalogue.archiveNamed", { name: i18n.lang === "es" ? item.name_es : item.name_en })} onClick={() => archive(item)}>
                                {i18n.t("care.catalogue.archive")}
                              </button>
                            </div>
                          )}
                        </td>
                      </tr>
                      {editing === item.id && (
                        <tr>
                          <td colSpan={4}>
                            <ItemForm
                              item={item}
                              onCancel={() => setEditing(null)}
                              onStale={() => state.reload()}
                              onSaved={(saved) => {
                                setEditing(null);
                                setNotice(i18n.t("care.catalogue.saved", { name: i18n.lang === "es" ? saved.name_es : saved.name_en }));
                                state.reload();
                              }}
                            />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
            <details class="form-card">
              <summary>{i18n.t("care.catalogue.add")}</summary>
              <ItemForm
                onSaved={(saved) => {
                  setNotice(i18n.t("care.catalogue.added", { name: i18n.lang === "es" ? saved.name_es : saved.name_en }));
                  state.reload();
                }}
              />
            </details>
          </>
        )}
      </Loaded>
    </section>
  );
}

// Edits an item (PATCH with If-Match: the version it was read at) or adds one.
function ItemForm({ item, onSaved, onCancel, onStale }: { item?: SupplyItem; onSaved: (item: SupplyItem) => void; onCancel?: () => void; onStale?: () => void }) {
  const i18n = useI18n();
  const initial = {
    code: item?.code ?? "",
    name_es: item?.name_es ?? "",
    name_en: item?.name_en ?? "",
    unit: item?.unit ?? "",
    from_months: item ? String(item.from_months) : "",
    to_months: item?.to_months === null || item?.to_months === undefined ? "" : String(item.to_months),
    quantity: item ? String(item.quantity) : "",
    kind: item?.kind ?? "",
  };
  const prefix = item ? `item-${item.id}-` : "new-item-";
  const [form, setForm, clear] = useDraft(item ? `catalogue.${item.id}.${item.version}` : "catalogue.new", initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (name: keyof typeof initial) => (value: string) => setForm({ ...form, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    const body: Record<string, unknown> = {};
    for (const name of itemFields) {
      const value = form[name as keyof typeof initial];
      if (item && value === initial[name as keyof typeof initial]) continue; // send what changed
      if (name === "to_months" && value === "" && item) body.to_months = null;
      else if (["from_months", "to_months", "quantity"].includes(name)) {
        if (whole(value) !== undefined) body[name] = whole(value);
      } else if (value !== "") body[name] = value;
    }
    try {
      const saved = item
        ? await api<SupplyItem>(`/nursery/supply-items/${item.id}`, { method: "PATCH", body, ifMatch: item.version })
        : await api<SupplyItem>("/nursery/supply-items", { body });
      clear();
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        // Someone changed the item since it was read: say so, keep what was typed, reload the row.
        setErrors({ form: i18n.t("care.catalogue.stale") });
        onStale?.();
        return;
      }
      setErrors(fieldErrors(i18n, error, itemFields));
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={item ? i18n.t("care.catalogue.editNamed", { name: i18n.lang === "es" ? item.name_es : item.name_en }) : i18n.t("care.catalogue.add")}>
      <div class="form-grid">
        {!item && <TextField id={prefix + "code"} label={i18n.t("care.catalogue.code")} value={form.code} error={errors.code} onInput={set("code")} />}
        <TextField id={prefix + "name_es"} label={i18n.t("care.catalogue.nameEs")} value={form.name_es} error={errors.name_es} onInput={set("name_es")} />
        <TextField id={prefix + "name_en"} label={i18n.t("care.catalogue.nameEn")} value={form.name_en} error={errors.name_en} onInput={set("name_en")} />
        <SelectField
          id={prefix + "unit"}
          label={i18n.t("care.catalogue.unit")}
          value={form.unit}
          placeholder={i18n.t("field.choose")}
          error={errors.unit}
          options={[...units, ...(form.unit && !units.includes(form.unit) ? [form.unit] : [])].map((value) => ({ value, label: unitLabel(i18n, value) }))}
          onChange={set("unit")}
        />
        <TextField id={prefix + "from_months"} inputMode="numeric" label={i18n.t("care.catalogue.fromMonths")} value={form.from_months} error={errors.from_months} onInput={set("from_months")} />
        <TextField id={prefix + "to_months"} inputMode="numeric" label={i18n.t("care.catalogue.toMonths")} value={form.to_months} error={errors.to_months} onInput={set("to_months")} />
        <TextField id={prefix + "quantity"} inputMode="numeric" label={i18n.t("care.catalogue.quantity")} value={form.quantity} error={errors.quantity} onInput={set("quantity")} />
        <SelectField
          id={prefix + "kind"}
          label={i18n.t("care.catalogue.kind")}
          value={form.kind}
          placeholder={i18n.t("field.choose")}
          error={errors.kind}
          options={[
            { value: "durable", label: i18n.t("supply.durable") },
            { value: "monthly", label: i18n.t("supply.monthly") },
          ]}
          onChange={set("kind")}
        />
      </div>
      <FormError text={errors.form} />
      <div class="actions">
        <button type="submit" class="primary">
          {i18n.t(item ? "care.catalogue.save" : "care.catalogue.addButton")}
        </button>
        {onCancel && (
          <button
            type="button"
            onClick={() => {
              clear();
              onCancel();
            }}
          >
            {i18n.t("care.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

export function HealthScheduleAdmin() {
  const i18n = useI18n();
  const [notice, setNotice] = useState("");
  const state = useAsync(() => api<{ items: ScheduleEntry[] }>("/nursery/health-schedule").then((page) => page.items), []);
  const setActive = async (entry: ScheduleEntry, active: boolean) => {
    try {
      await api(`/nursery/health-schedule/${entry.id}/${active ? "restore" : "retire"}`, { method: "POST" });
      setNotice(i18n.t(active ? "care.schedule.restored" : "care.schedule.retired", { name: entry.name }));
    } catch (error) {
      setNotice(i18n.error(error));
    }
    state.reload();
  };
  return (
    <section aria-labelledby="schedule-title" class="card">
      <h2 id="schedule-title">{i18n.t("care.schedule.title")}</h2>
      <p class="muted small">{i18n.t("care.schedule.explain")}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <Loaded state={state}>
        {(entries) => (
          <>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("care.schedule.title")}>
              <table data-testid="schedule" class="stack compact">
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("care.health.name")}</th>
                    <th scope="col">{i18n.t("care.health.kind")}</th>
                    <th scope="col">{i18n.t("care.schedule.age")}</th>
                    <th scope="col">
                      <span class="sr-only">{i18n.t("care.catalogue.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...entries]
                    .sort((a, b) => a.age_months - b.age_months || a.name.localeCompare(b.name))
                    .map((entry) => (
                      <tr key={entry.id} class={entry.active ? "" : "muted"} data-testid="schedule-row">
                        <th scope="row">
                          {entry.name}
                          {!entry.active && <span class="tag"> {i18n.t("care.schedule.isRetired")}</span>}
                        </th>
                        <td>{i18n.t(("care.kind." + entry.kind) as MessageKey)}</td>
                        <td>{i18n.t("nursery.months", { n: i18n.number(entry.age_months) })}</td>
                        <td>
                          <button
                            type="button"
                            aria-label={i18n.t(entry.active ? "care.schedule.retireNamed" : "care.schedule.restoreNamed", { name: entry.name })}
                            onClick={() => setActive(entry, !entry.active)}
                          >
                            {i18n.t(entry.active ? "care.schedule.retire" : "care.schedule.restore")}
                          </button>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
            <ScheduleForm
              onSaved={(name) => {
                setNotice(i18n.t("care.schedule.added", { name }));
                state.reload();
              }}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}

function ScheduleForm({ onSaved }: { onSaved: (name: string) => void }) {
  const i18n = useI18n();
  const initial = { kind: "", name: "", age_months: "" };
  const [form, setForm, clear] = useDraft("schedule.new", initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (name: keyof typeof initial) => (value: string) => setForm({ ...form, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    try {
      const saved = await api<ScheduleEntry>("/nursery/health-schedule", {
        body: { kind: form.kind || undefined, name: form.name, age_months: whole(form.age_months) },
      });
      clear();
      onSaved(saved.name);
    } catch (error) {
      setErrors(fieldErrors(i18n, error, Object.keys(initial)));
    }
  };
  return (
    <form class="form-card" onSubmit={submit} noValidate aria-labelledby="schedule-form-title">
      <h3 id="schedule-form-title">{i18n.t("care.schedule.add")}</h3>
      <div class="form-grid">
        <SelectField
          id="schedule_kind"
          label={i18n.t("care.health.kind")}
          value={form.kind}
          placeholder={i18n.t("field.choose")}
          error={errors.kind}
          options={["checkup", "vaccine"].map((value) => ({ value, label: i18n.t(("care.kind." + value) as MessageKey) }))}
          onChange={set("kind")}
        />
        <TextField id="schedule_name" label={i18n.t("care.health.name")} value={form.name} error={errors.name} onInput={set("name")} />
        <TextField id="schedule_age_months" inputMode="numeric" label={i18n.t("care.schedule.age")} value={form.age_months} error={errors.age_months} onInput={set("age_months")} />
      </div>
      <FormError text={errors.form} />
      <button type="submit" class="primary">
        {i18n.t("care.schedule.addButton")}
      </button>
    </form>
  );
}
