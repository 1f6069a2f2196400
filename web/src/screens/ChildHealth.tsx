// A child's health and schooling: the paediatric schedule applied to her date
// of birth with each check-up or vaccine done, due (within 30 days), overdue
// or upcoming; recording an appointment (from the schedule or another one);
// and her daycare or school enrolments.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type MessageKey } from "../i18n";
import { can, useSession } from "../session";
import { ChildHeader, fieldErrors, FormError, loadChild, todayIso } from "./care";

export interface HealthItem {
  schedule_id: number | null;
  appointment_id: number | null;
  kind: string;
  name: string;
  due_on: string;
  done_on: string | null;
  status: "done" | "due" | "overdue" | "upcoming" | "before_registration";
}
export interface Enrolment {
  id: number;
  setting: string;
  institution: string;
  level: string;
  started_on: string;
}

export function ChildHealth({ params }: { params: Record<string, string> }) {
  const i18n = useI18n();
  const { me } = useSession();
  const [notice, setNotice] = useState("");
  // A row's "record" button chooses that entry in the form below.
  const [chosen, setChosen] = useState<{ scheduleId: number; tick: number } | null>(null);
  const state = useAsync(async () => {
    const [child, health, schooling] = await Promise.all([
      loadChild(params.id),
      api<{ items: HealthItem[] }>(`/children/${params.id}/health`).then((page) => page.items),
      api<{ items: Enrolment[] }>(`/children/${params.id}/schooling`).then((page) => page.items),
    ]);
    return { child, health, schooling };
  }, [params.id]);
  const done = (text: string) => {
    setNotice(text);
    state.reload();
  };
  return (
    <Loaded state={state}>
      {({ child, health, schooling }) => {
        const counts = { overdue: 0, due: 0, upcoming: 0, done: 0, before_registration: 0 };
        for (const item of health) counts[item.status] += 1;
        return (
          <section aria-labelledby="health-title">
            <ChildHeader child={child} current="health" titleId="health-title" title={i18n.t("care.health.title")} />
            {notice && (
              <p class="notice" role="status">
                {notice}
              </p>
            )}
            <p data-testid="health-summary">
              {(["overdue", "due", "upcoming", "done", "before_registration"] as const).map((status) => (
                <span key={status} class={"tag health-" + status}>
                  {i18n.t(("care.health.status." + status) as MessageKey)}: {i18n.number(counts[status])}
                </span>
              ))}
            </p>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("care.health.schedule")}>
              <table data-testid="health" class="stack compact">
                <caption class="sr-only">{i18n.t("care.health.schedule")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("care.health.what")}</th>
                    <th scope="col">{i18n.t("care.health.dueOn")}</th>
                    <th scope="col">{i18n.t("care.health.statusCol")}</th>
                    <th scope="col">{i18n.t("care.health.doneOn")}</th>
                    {can(me, "recordAppointment") && (
                      <th scope="col">
                        <span class="sr-only">{i18n.t("care.catalogue.actions")}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {health.map((item, index) => (
                    <tr key={index} class={"health-row-" + item.status} data-status={item.status}>
                      <th scope="row">
                        {item.name} <span class="muted small">({i18n.t(("care.kind." + item.kind) as MessageKey)})</span>
                      </th>
                      <td data-label={i18n.t("care.health.dueOn")}>{i18n.date(item.due_on)}</td>
                      <td>
                        <span class={"tag health-" + item.status}>{i18n.t(("care.health.status." + item.status) as MessageKey)}</span>
                      </td>
                      <td data-label={i18n.t("care.health.doneOn")} class={item.done_on ? "" : "empty"}>
                        {item.done_on ? i18n.date(item.done_on) : "—"}
                      </td>
                      {can(me, "recordAppointment") && (
                        <td>
                          {item.schedule_id !== null && item.status !== "done" && (
                            <button
                              type="button"
                              class="link"
                              aria-label={i18n.t("care.health.recordNamed", { name: item.name })}
                              onClick={() => setChosen({ scheduleId: item.schedule_id!, tick: (chosen?.tick ?? 0) + 1 })}
                            >
                              {i18n.t("care.health.recordShort")}
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {can(me, "recordAppointment") && (
              <AppointmentForm childId={child.id} items={health} chosen={chosen} onDone={(name) => done(i18n.t("care.health.recorded", { name }))} />
            )}
            <h2>{i18n.t("care.school.title")}</h2>
            {schooling.length === 0 ? (
              <p class="muted">{i18n.t("care.school.none")}</p>
            ) : (
              <ul class="plain-list" data-testid="schooling">
                {schooling.map((row) => (
                  <li key={row.id}>
                    <strong>{i18n.t(("care.setting." + row.setting) as MessageKey)}</strong> · {row.institution}
                    {row.level ? " · " + row.level : ""} · {i18n.t("child.from", { date: i18n.date(row.started_on) })}
                  </li>
                ))}
              </ul>
            )}
            {can(me, "enrolChild") && <SchoolForm childId={child.id} onDone={() => done(i18n.t("care.school.recorded"))} />}
          </section>
        );
      }}
    </Loaded>
  );
}

function AppointmentForm({
  childId,
  items,
  chosen,
  onDone,
}: {
  childId: number;
  items: HealthItem[];
  chosen: { scheduleId: number; tick: number } | null;
  onDone: (name: string) => void;
}) {
  const i18n = useI18n();
  const pending = items.filter((item) => item.schedule_id !== null && item.status !== "done");
  const initial = { what: "", kind: "", name: "", due_on: "", done_on: todayIso(), note: "" };
  const [form, setForm, clear] = useDraft("appointment." + childId, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (name: keyof typeof initial) => (value: string) => setForm({ ...form, [name]: value });
  const other = form.what === "other";
  useEffect(() => {
    if (!chosen) return;
    setForm({ ...form, what: String(chosen.scheduleId) });
    const select = document.getElementById("appointment_what");
    select?.scrollIntoView({ block: "center" });
    select?.focus();
  }, [chosen?.tick]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    const body: Record<string, unknown> = { done_on: form.done_on || undefined, note: form.note || undefined, due_on: form.due_on || undefined };
    if (other) Object.assign(body, { kind: form.kind || undefined, name: form.name });
    else if (form.what) body.schedule_id = Number(form.what);
    else {
      setErrors({ what: i18n.t("error.required") });
      return;
    }
    try {
      const saved = await api<{ name: string }>(`/children/${childId}/appointments`, { body });
      clear();
      onDone(saved.name);
    } catch (error) {
      const found = fieldErrors(i18n, error, ["schedule_id", "kind", "name", "due_on", "done_on", "note"]);
      if (found.schedule_id) found.what = found.schedule_id;
      setErrors(found);
    }
  };
  return (
    <form class="card form-card" onSubmit={submit} noValidate aria-labelledby="appointment-title">
      <h2 id="appointment-title" class="card-heading">
        {i18n.t("care.health.record")}
      </h2>
      <div class="form-grid">
        <SelectField
          id="appointment_what"
          label={i18n.t("care.health.what")}
          value={form.what}
          placeholder={i18n.t("field.choose")}
          error={errors.what}
          options={[
            ...pending.map((item) => ({ value: String(item.schedule_id), label: `${item.name} (${i18n.date(item.due_on)})` })),
            { value: "other", label: i18n.t("care.health.other") },
          ]}
          onChange={set("what")}
        />
        {other && (
          <SelectField
            id="appointment_kind"
            label={i18n.t("care.health.kind")}
            value={form.kind}
            placeholder={i18n.t("field.choose")}
            error={errors.kind}
            options={["checkup", "vaccine", "other"].map((value) => ({ value, label: i18n.t(("care.kind." + value) as MessageKey) }))}
            onChange={set("kind")}
          />
        )}
        {other && <TextField id="appointment_name" label={i18n.t("care.health.name")} value={form.name} error={errors.name} onInput={set("name")} />}
        <TextField
          id="appointment_due_on"
          type="date"
          label={other ? i18n.t("care.health.dueOn") : i18n.t("care.health.dueOnOptional")}
          value={form.due_on}
          error={errors.due_on}
          onInput={set("due_on")}
        />
        <TextField id="appointment_done_on" type="date" label={i18n.t("care.health.doneOnOptional")} value={form.done_on} error={errors.done_on} onInput={set("done_on")} />
        <TextField id="appointment_note" label={i18n.t("care.note")} value={form.note} error={errors.note} onInput={set("note")} />
      </div>
      <FormError text={errors.form} />
      <button type="submit" class="primary">
        {i18n.t("care.health.recordButton")}
      </button>
    </form>
  );
}

function SchoolForm({ childId, onDone }: { childId: number; onDone: () => void }) {
  const i18n = useI18n();
  const initial = { setting: "", institution: "", level: "", started_on: "" };
  const [form, setForm, clear] = useDraft("school." + childId, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (name: keyof typeof initial) => (value: string) => setForm({ ...form, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    try {
      await api(`/children/${childId}/schooling`, {
        body: { setting: form.setting || undefined, institution: form.institution, level: form.level, started_on: form.started_on || undefined },
      });
      clear();
      onDone();
    } catch (error) {
      setErrors(fieldErrors(i18n, error, Object.keys(initial)));
    }
  };
  return (
    <details class="card form-card">
      <summary>{i18n.t("care.school.add")}</summary>
      <form onSubmit={submit} noValidate aria-label={i18n.t("care.school.add")}>
        <div class="form-grid">
          <SelectField
            id="school_setting"
            label={i18n.t("care.school.setting")}
            value={form.setting}
            placeholder={i18n.t("field.choose")}
            error={errors.setting}
            options={["daycare", "school"].map((value) => ({ value, label: i18n.t(("care.setting." + value) as MessageKey) }))}
            onChange={set("setting")}
          />
          <TextField id="school_institution" label={i18n.t("care.school.institution")} value={form.institution} error={errors.institution} onInput={set("institution")} />
          <TextField id="school_level" label={i18n.t("care.school.level")} value={form.level} error={errors.level} onInput={set("level")} />
          <TextField id="school_started_on" type="date" label={i18n.t("care.school.startedOn")} value={form.started_on} error={errors.started_on} onInput={set("started_on")} />
        </div>
        <FormError text={errors.form} />
        <button type="submit">{i18n.t("care.school.addButton")}</button>
      </form>
    </details>
  );
}
