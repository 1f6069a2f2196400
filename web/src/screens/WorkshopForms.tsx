// Forming and filling workshop cohorts: a new cohort (course, facility,
// group, facilitator, space, start date and rhythm), enrolling a parent (the
// server checks eligibility and puts the parent on the waiting list when the
// space is full), and the workshop calendar with its filters (facility,
// facilitator, dates). Errors from the API appear next to the field at fault.
import { useState } from "preact/hooks";
import { api, listAll, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type MessageKey } from "../i18n";
import { fullName, lookup, nameOf } from "../lookups";
import { navigate } from "../router";
import { can, useSession } from "../session";
import { fieldOf, todayIso } from "./visits/types";

interface Course {
  id: number;
  title_es: string;
  title_en: string;
}
interface CohortSummary {
  id: number;
  facilitator_user_id: number;
  course_title_es: string;
  course_title_en: string;
}
interface CalendarSession {
  id: number;
  cohort_id: number;
  course_title_es: string;
  course_title_en: string;
  facility_id: number;
  facilitator_user_id: number;
  group_kind: string;
  position: number;
  session_date: string;
  start_time: string;
  end_time: string;
  status: string;
  topic_es?: string;
  topic_en?: string;
}

const groups = ["women", "men", "mixed"] as const;
const groupKey: Record<string, MessageKey> = { women: "ws.group.women", men: "ws.group.men", mixed: "ws.group.mixed" };
const addDays = (iso: string, days: number) => new Date(Date.parse(iso + "T00:00:00Z") + days * 86400000).toISOString().slice(0, 10);

// The facilitators a user can choose: every active social worker for an
// administrator (who lists users); for others, those who already lead a
// cohort of the organisation, and herself if she is a social worker.
async function loadFacilitators(me: ReturnType<typeof useSession>["me"], cohorts: CohortSummary[]): Promise<{ id: number; name: string }[]> {
  const found = new Map<number, string>();
  if (can(me, "listUsers")) {
    const users = await api<{ items: { id: number; username: string; display_name?: string; role: string; disabled?: boolean }[] }>("/users")
      .then((r) => r.items)
      .catch(() => []);
    for (const user of users) if (user.role === "social_worker" && !user.disabled) found.set(user.id, user.display_name || user.username);
  }
  if (me.role === "social_worker") found.set(me.user_id, me.username);
  for (const cohort of cohorts) if (!found.has(cohort.facilitator_user_id)) found.set(cohort.facilitator_user_id, "");
  return [...found.entries()].map(([id, name]) => ({ id, name }));
}

export function CohortForm({ cohorts }: { cohorts: CohortSummary[] }) {
  const i18n = useI18n();
  const { me } = useSession();
  const options = useAsync(async () => {
    const [courses, facilities, spaces, facilitators] = await Promise.all([
      api<{ items: Course[] }>("/workshops/courses").then((r) => r.items),
      lookup("facilities"),
      listAll<RecordRow>("/spaces").catch(() => [] as RecordRow[]),
      loadFacilitators(me, cohorts),
    ]);
    return { courses, facilities, spaces, facilitators };
  }, [cohorts.length]);
  // Kept across an expired session or a reload (issue 16), until it is sent.
  const [form, setForm, clearForm] = useDraft("workshops.cohort", {
    course_id: "",
    facility_id: "",
    group_kind: "women",
    facilitator_user_id: "",
    space_id: "",
    start_date: addDays(todayIso(), 7),
    recurrence_days: "15",
    start_time: "14:00",
    end_time: "16:00",
    completion_percent: "75",
  });
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value, ...(name === "facility_id" ? { space_id: "" } : {}) });
  const errorFor = (field: string) => (error?.field === field ? error.text : undefined);
  const fields = ["course_id", "facility_id", "group_kind", "facilitator_user_id", "space_id", "start_date", "recurrence_days", "start_time", "end_time", "start_minute", "end_minute", "completion_percent"];
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const number = (text: string) => (text.trim() === "" ? undefined : Number(text));
      const created = await api<{ id: number }>("/workshops/cohorts", {
        body: {
          course_id: number(form.course_id),
          facility_id: number(form.facility_id),
          group_kind: form.group_kind,
          facilitator_user_id: number(form.facilitator_user_id),
          space_id: number(form.space_id),
          start_date: form.start_date || undefined,
          recurrence_days: number(form.recurrence_days),
          start_time: form.start_time || undefined,
          end_time: form.end_time || undefined,
          completion_percent: number(form.completion_percent),
        },
      });
      clearForm();
      navigate(`/workshops/${created.id}?created=1`);
    } catch (failure) {
      setError({ field: fieldOf(failure), text: i18n.error(failure) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Loaded state={options}>
      {({ courses, facilities, spaces, facilitators }) => (
        <form class="card form-card" onSubmit={submit} noValidate aria-labelledby="new-cohort-title" data-testid="cohort-form">
          <h2 id="new-cohort-title" class="card-heading">
            {i18n.t("wf.newCohort")}
          </h2>
          <div class="field-row cohort-grid">
            <SelectField
              id="cohort-course"
              label={i18n.t("wf.course")}
              value={form.course_id}
              onChange={set("course_id")}
              placeholder={i18n.t("field.choose")}
              options={courses.map((course) => ({ value: String(course.id), label: i18n.lang === "es" ? course.title_es : course.title_en }))}
              error={errorFor("course_id")}
            />
            <SelectField
              id="cohort-facility"
              label={i18n.t("ws.facility")}
              value={form.facility_id}
              onChange={set("facility_id")}
              placeholder={i18n.t("field.choose")}
              options={facilities.map((facility) => ({ value: String(facility.id), label: String(facility.name) }))}
              error={errorFor("facility_id")}
            />
            <SelectField
              id="cohort-group"
              label={i18n.t("ws.group")}
              value={form.group_kind}
              onChange={set("group_kind")}
              options={groups.map((group) => ({ value: group, label: i18n.t(groupKey[group]) }))}
              error={errorFor("group_kind")}
            />
            <SelectField
              id="cohort-facilitator"
              label={i18n.t("wf.facilitator")}
              value={form.facilitator_user_id}
              onChange={set("facilitator_user_id")}
              placeholder={i18n.t("field.choose")}
              options={facilitators.map((one) => ({ value: String(one.id), label: one.name || i18n.t("wf.facilitatorN", { n: one.id }) }))}
              error={errorFor("facilitator_user_id")}
            />
            <SelectField
              id="cohort-space"
              label={i18n.t("wf.space")}
              value={form.space_id}
              onChange={set("space_id")}
              placeholder={form.facility_id ? i18n.t("field.choose") : i18n.t("wf.chooseFacilityFirst")}
              options={spaces
                .filter((space) => String(space.facility_id) === form.facility_id)
                .map((space) => ({
                  value: String(space.id),
                  label: `${String(space.name)} · ${i18n.t("fs.people", { n: i18n.number(space.capacity_people as number) })}`,
                }))}
              error={errorFor("space_id")}
              hint={i18n.t("wf.spaceHint")}
            />
            <TextField id="cohort-start" type="date" label={i18n.t("wf.startDate")} value={form.start_date} onInput={set("start_date")} error={errorFor("start_date")} />
            <TextField
              id="cohort-every"
              type="number"
              inputMode="numeric"
              label={i18n.t("wf.everyDays")}
              value={form.recurrence_days}
              onInput={set("recurrence_days")}
              error={errorFor("recurrence_days") ?? errorFor("recurrence")}
            />
            <TextField id="cohort-from" type="time" label={i18n.t("wf.startTime")} value={form.start_time} onInput={set("start_time")} error={errorFor("start_time") ?? errorFor("start_minute")} />
            <TextField id="cohort-to" type="time" label={i18n.t("wf.endTime")} value={form.end_time} onInput={set("end_time")} error={errorFor("end_time") ?? errorFor("end_minute")} />
            <TextField
              id="cohort-completion"
              type="number"
              inputMode="numeric"
              label={i18n.t("wf.completion")}
              value={form.completion_percent}
              onInput={set("completion_percent")}
              error={errorFor("completion_percent")}
            />
          </div>
          {error && !fields.includes(error.field) && (
            <p class="error" role="alert">
              {error.text}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {i18n.t("wf.create")}
            </button>
          </div>
        </form>
      )}
    </Loaded>
  );
}

// Enrol a parent held at the cohort's facility who holds no place in it.
export function EnrolForm({
  cohortId,
  facilityId,
  holding,
  onEnrolled,
}: {
  cohortId: number;
  facilityId: number;
  holding: number[];
  onEnrolled: (message: string) => void;
}) {
  const i18n = useI18n();
  const parents = useAsync(() => listAll<RecordRow>("/parents").catch(() => [] as RecordRow[]), [facilityId]);
  const [draft, setDraft, clearDraft] = useDraft(`workshops.enrol.${cohortId}`, { parent_id: "" });
  const parentId = draft.parent_id;
  const setParentId = (value: string) => (value === "" ? clearDraft() : setDraft({ parent_id: value }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event, name: string) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const enrolment = await api<{ status: string; waiting_position: number | null }>(`/workshops/cohorts/${cohortId}/enrolments`, {
        body: { parent_id: parentId ? Number(parentId) : undefined },
      });
      setParentId("");
      onEnrolled(
        enrolment.status === "waiting"
          ? i18n.t("wf.waitingDone", { name, n: enrolment.waiting_position ?? "" })
          : i18n.t("wf.enrolledDone", { name }),
      );
    } catch (failure) {
      setError(i18n.error(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Loaded state={parents}>
      {(list) => {
        const free = list
          .filter((parent) => parent.facility_id === facilityId && !holding.includes(parent.id) && parent.custody_status !== "released")
          .sort((a, b) => fullName(a).localeCompare(fullName(b)));
        const chosen = free.find((parent) => String(parent.id) === parentId);
        return (
          <form class="card form-card" onSubmit={(event) => submit(event, chosen ? fullName(chosen) : parentId)} noValidate aria-labelledby="enrol-title" data-testid="enrol-form">
            <h2 id="enrol-title" class="card-heading">
              {i18n.t("wf.enrol")}
            </h2>
            <SelectField
              id="enrol-parent"
              label={i18n.t("ws.parent")}
              value={parentId}
              onChange={setParentId}
              placeholder={i18n.t("field.choose")}
              options={free.map((parent) => ({
                value: String(parent.id),
                label: fullName(parent) + (i18n.has("sex." + parent.sex) ? ` (${i18n.t(("sex." + parent.sex) as MessageKey)})` : ""),
              }))}
              error={error ?? undefined}
              hint={i18n.t("wf.enrolHint")}
            />
            <div class="actions">
              <button type="submit" class="primary" disabled={busy}>
                {i18n.t("wf.enrolSubmit")}
              </button>
            </div>
          </form>
        );
      }}
    </Loaded>
  );
}

// The workshop sessions between two dates, by facility or facilitator.
export function WorkshopCalendar({ cohorts }: { cohorts: CohortSummary[] }) {
  const i18n = useI18n();
  const { me } = useSession();
  const [facility, setFacility] = useState("");
  const [facilitator, setFacilitator] = useState("");
  const facilitators = useAsync(() => loadFacilitators(me, cohorts), [cohorts.length]);
  const [from, setFrom] = useState(todayIso());
  const [to, setTo] = useState(addDays(todayIso(), 60));
  const facilities = useAsync(() => lookup("facilities"), []);
  const sessions = useAsync(
    () =>
      api<{ items: CalendarSession[] }>("/workshops/sessions", {
        query: { facility_id: facility || undefined, facilitator_user_id: facilitator || undefined, from: from || undefined, to: to || undefined },
      }).then(
        (r) => r.items,
      ),
    [facility, facilitator, from, to],
  );
  const byDate = new Map<string, CalendarSession[]>();
  for (const session of sessions.data ?? []) byDate.set(session.session_date, [...(byDate.get(session.session_date) ?? []), session]);
  return (
    <section aria-labelledby="ws-calendar-title" class="ws-calendar">
      <h2 id="ws-calendar-title">{i18n.t("wf.calendar")}</h2>
      <div class="filters">
        <SelectField
          id="calendar-facility"
          label={i18n.t("ws.facility")}
          value={facility}
          onChange={setFacility}
          placeholder={i18n.t("children.any")}
          options={(facilities.data ?? []).map((one) => ({ value: String(one.id), label: String(one.name) }))}
        />
        <SelectField
          id="calendar-facilitator"
          label={i18n.t("wf.facilitator")}
          value={facilitator}
          onChange={setFacilitator}
          placeholder={i18n.t("children.any")}
          options={(facilitators.data ?? []).map((one) => ({ value: String(one.id), label: one.name || i18n.t("wf.facilitatorN", { n: one.id }) }))}
        />
        <TextField id="calendar-from" type="date" label={i18n.t("wf.from")} value={from} onInput={setFrom} error={sessions.error && fieldOf(sessions.error) === "from" ? i18n.error(sessions.error) : undefined} />
        <TextField id="calendar-to" type="date" label={i18n.t("wf.to")} value={to} onInput={setTo} error={sessions.error && fieldOf(sessions.error) === "to" ? i18n.error(sessions.error) : undefined} />
      </div>
      {sessions.error && !["from", "to"].includes(fieldOf(sessions.error)) && (
        <p class="notice notice-error" role="alert">
          {i18n.error(sessions.error)}
        </p>
      )}
      {!sessions.error && sessions.data && byDate.size === 0 && <p class="muted">{i18n.t("wf.noSessions")}</p>}
      {!sessions.error && byDate.size > 0 && (
        <ol class="plain-list" data-testid="ws-calendar">
          {[...byDate.keys()].sort().map((date) => (
            <li key={date} class="card">
              <h3 class="card-heading">{i18n.date(date)}</h3>
              <ul class="plain-list">
                {byDate
                  .get(date)!
                  .sort((a, b) => a.start_time.localeCompare(b.start_time))
                  .map((session) => (
                    <li key={session.id} data-testid="ws-calendar-session">
                      <strong>
                        {session.start_time}–{session.end_time}
                      </strong>{" "}
                      <a href={`/workshops/${session.cohort_id}`}>{i18n.lang === "es" ? session.course_title_es : session.course_title_en}</a> ·{" "}
                      {i18n.t(groupKey[session.group_kind] ?? "ws.group.mixed")} · {nameOf(facilities.data, session.facility_id)} ·{" "}
                      {i18n.t("ws.sessionN", { n: session.position })}
                      {session.status === "cancelled" && <span class="tag"> {i18n.t("ws.cancelled")}</span>}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
