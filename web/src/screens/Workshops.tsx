// Parenting workshops: the cohorts (and a form for a new one), the workshop
// calendar, a cohort's sessions, enrolled and waiting parents (enrol,
// withdraw), attendance for a session that has happened (one tap per parent:
// present, absent with a reason, excused) and completion certificates. The
// attendance being taken (which session, each mark and reason) is kept as a
// draft until it is saved or cancelled: a reload or an expired session
// reopens the same list with the same marks.
import { useState } from "preact/hooks";
import { api, listAll, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { useDraft } from "../draft";
import { fullName, lookup, nameOf } from "../lookups";
import { useI18n, type MessageKey } from "../i18n";
import { useLocation } from "../router";
import { CohortForm, EnrolForm, WorkshopCalendar } from "./WorkshopForms";


interface Cohort {
  id: number;
  facilitator_user_id: number;
  course_title_es: string;
  course_title_en: string;
  facility_id: number;
  group_kind: string;
  start_date: string;
  start_time: string;
  end_time: string;
  status: string;
  enrolled: number;
  waiting: number;
  capacity: number;
  completion_percent: number;
}
interface Session {
  id: number;
  cohort_id: number;
  position: number;
  session_date: string;
  start_time: string;
  end_time: string;
  status: string;
  topic_es?: string;
  topic_en?: string;
}
interface Enrolment {
  id: number;
  parent_id: number;
  status: string;
  present: number;
  absent: number;
  excused: number;
  sessions_total: number;
  completed: boolean;
  waiting_position: number | null;
}

const groupKey: Record<string, MessageKey> = { women: "ws.group.women", men: "ws.group.men", mixed: "ws.group.mixed" };
const reasons = ["court", "health", "transferred", "lockdown", "other"] as const;
const reasonKey: Record<string, MessageKey> = {
  court: "ws.reason.court",
  health: "ws.reason.health",
  transferred: "ws.reason.transferred",
  lockdown: "ws.reason.lockdown",
  other: "ws.reason.other",
};
const today = () => new Date().toISOString().slice(0, 10);

export function Workshops() {
  const i18n = useI18n();
  const cohorts = useAsync(() => api<{ items: Cohort[] }>("/workshops/cohorts").then((r) => r.items), []);
  const facilities = useAsync(() => lookup("facilities"), []);
  return (
    <section aria-labelledby="ws-title">
      <h1 id="ws-title">{i18n.t("ws.title")}</h1>
      <Loaded state={cohorts}>
        {(list) =>
          list.length === 0 ? (
            <p class="muted">{i18n.t("ws.noCohorts")}</p>
          ) : (
            <ul class="cards">
              {list.map((cohort) => (
                <li key={cohort.id} class="card child-card" data-testid="cohort">
                  <a class="card-title" href={"/workshops/" + cohort.id}>
                    {i18n.lang === "es" ? cohort.course_title_es : cohort.course_title_en}
                  </a>
                  <span>
                    {nameOf(facilities.data, cohort.facility_id)} · {i18n.t(groupKey[cohort.group_kind] ?? "ws.group.mixed")}
                  </span>
                  <span>
                    {i18n.t("ws.starts")}: {i18n.date(cohort.start_date)} · {cohort.start_time}–{cohort.end_time}
                  </span>
                  <span>{i18n.t("ws.enrolledCount", { n: cohort.enrolled, capacity: cohort.capacity, waiting: cohort.waiting })}</span>
                  <span class={"tag" + (cohort.status === "running" ? " tag-ok" : "")}>{i18n.t(cohort.status === "running" ? "ws.running" : "ws.closed")}</span>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {cohorts.data && (
        <details class="new-cohort">
          <summary>{i18n.t("wf.newCohort")}</summary>
          <CohortForm cohorts={cohorts.data} />
        </details>
      )}
      {cohorts.data && <WorkshopCalendar cohorts={cohorts.data} />}
    </section>
  );
}

interface CohortData {
  cohort: Cohort & { sessions: Session[] };
  sessions: Session[];
  enrolments: Enrolment[];
  parents: RecordRow[];
  facilities: RecordRow[];
}

async function loadCohort(id: string): Promise<CohortData> {
  const cohort = await api<Cohort & { sessions: Session[] }>(`/workshops/cohorts/${id}`);
  const [withTopics, enrolments, parents, facilities] = await Promise.all([
    api<{ items: Session[] }>("/workshops/sessions", { query: { facility_id: cohort.facility_id } })
      .then((r) => r.items.filter((session) => session.cohort_id === cohort.id))
      .catch(() => [] as Session[]),
    api<{ items: Enrolment[] }>(`/workshops/cohorts/${id}/enrolments`).then((r) => r.items),
    listAll<RecordRow>("/parents").catch(() => [] as RecordRow[]),
    lookup("facilities"),
  ]);
  const sessions = (cohort.sessions ?? []).map((session) => ({ ...session, ...(withTopics.find((one) => one.id === session.id) ?? {}) }));
  return { cohort, sessions, enrolments, parents, facilities };
}

export function WorkshopCohort({ params }: { params: Record<string, string> }) {
  const i18n = useI18n();
  const data = useAsync(() => loadCohort(params.id), [params.id]);
  const [open, setOpen, closeAttendance] = useDraft("attendance.open." + params.id, { session_id: "" });
  const marking = open.session_id ? Number(open.session_id) : null;
  const [saved, setSaved] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const { query } = useLocation();
  const withdraw = async (parentId: number, name: string) => {
    setWithdrawError(null);
    try {
      await api(`/workshops/cohorts/${params.id}/enrolments/${parentId}/withdraw`, { method: "POST" });
      setWithdrawing(null);
      setSaved(i18n.t("wf.withdrawn", { name }));
      data.reload();
    } catch (failure) {
      setWithdrawError(i18n.error(failure));
    }
  };
  return (
    <section aria-labelledby="cohort-title">
      <p>
        <a href="/workshops">← {i18n.t("ws.title")}</a>
      </p>
      <Loaded state={data}>
        {({ cohort, sessions, enrolments, parents, facilities }) => {
          const name = (id: number) => {
            const row = parents.find((one) => one.id === id);
            return row ? fullName(row) : "#" + id;
          };
          const enrolled = enrolments.filter((row) => row.status === "enrolled");
          const waiting = enrolments
            .filter((row) => row.status === "waiting")
            .sort((a, b) => (a.waiting_position ?? 0) - (b.waiting_position ?? 0));
          const holding = enrolments.filter((row) => row.status === "enrolled" || row.status === "waiting").map((row) => row.parent_id);
          const session = sessions.find((one) => one.id === marking && one.status === "scheduled");
          return (
            <>
              <h1 id="cohort-title">{i18n.lang === "es" ? cohort.course_title_es : cohort.course_title_en}</h1>
              <dl class="facts">
                <div>
                  <dt>{i18n.t("ws.facility")}</dt>
                  <dd>{nameOf(facilities, cohort.facility_id)}</dd>
                </div>
                <div>
                  <dt>{i18n.t("ws.group")}</dt>
                  <dd>{i18n.t(groupKey[cohort.group_kind] ?? "ws.group.mixed")}</dd>
                </div>
                <div>
                  <dt>{i18n.t("ws.enrolled")}</dt>
                  <dd data-testid="cohort-enrolled">
                    {i18n.number(cohort.enrolled)} / {i18n.number(cohort.capacity)}
                  </dd>
                </div>
                <div>
                  <dt>{i18n.t("ws.completion")}</dt>
                  <dd>{i18n.number(cohort.completion_percent)} %</dd>
                </div>
              </dl>
              {query.get("created") && !saved && (
                <p class="notice" role="status">
                  {i18n.t("wf.created")}
                </p>
              )}
              {saved && (
                <p class="notice" role="status">
                  {saved}
                </p>
              )}
              {session && (
                <AttendanceForm
                  key={session.id}
                  session={session}
                  parents={enrolled.map((row) => ({ id: row.parent_id, name: name(row.parent_id) }))}
                  onCancel={closeAttendance}
                  onSaved={() => {
                    setSaved(i18n.t("ws.attendanceSaved", { date: i18n.date(session.session_date) }));
                    closeAttendance();
                    data.reload();
                  }}
                />
              )}
              <h2>{i18n.t("ws.sessions")}</h2>
              <ol class="plain-list">
                {sessions.map((one) => (
                  <li key={one.id} class="card" data-testid="ws-session">
                    <strong>
                      {i18n.t("ws.sessionN", { n: one.position })} · {i18n.date(one.session_date)} {one.start_time}–{one.end_time}
                    </strong>
                    {(one.topic_es || one.topic_en) && <span> · {i18n.lang === "es" ? one.topic_es : one.topic_en}</span>}
                    {one.status === "cancelled" && <span class="tag"> {i18n.t("ws.cancelled")}</span>}
                    {one.status === "scheduled" && one.session_date <= today() && enrolled.length > 0 && (
                      <div class="actions">
                        <button
                          type="button"
                          onClick={() => {
                            setSaved(null);
                            setOpen({ session_id: String(one.id) });
                            window.scrollTo(0, 0);
                          }}
                          aria-label={i18n.t("ws.takeAttendanceFor", { date: i18n.date(one.session_date) })}
                        >
                          {i18n.t("ws.takeAttendance")}
                        </button>
                      </div>
                    )}
                  </li>
                ))}
              </ol>
              <h2>{i18n.t("ws.parents")}</h2>
              <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("ws.parents")}>
                <table data-testid="enrolments">
                  <thead>
                    <tr>
                      <th scope="col">{i18n.t("ws.parent")}</th>
                      <th scope="col">{i18n.t("ws.status")}</th>
                      <th scope="col">{i18n.t("ws.present")}</th>
                      <th scope="col">{i18n.t("ws.absent")}</th>
                      <th scope="col">{i18n.t("ws.excused")}</th>
                      <th scope="col">{i18n.t("ws.certificate")}</th>
                      {cohort.status === "running" && <th scope="col">{i18n.t("wf.place")}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {enrolments.map((row) => (
                      <tr key={row.id}>
                        <td>{name(row.parent_id)}</td>
                        <td>{i18n.has("ws.enrolment." + row.status) ? i18n.t(("ws.enrolment." + row.status) as MessageKey) : row.status}</td>
                        <td>{i18n.number(row.present)}</td>
                        <td>{i18n.number(row.absent)}</td>
                        <td>{i18n.number(row.excused)}</td>
                        <td>
                          {row.completed ? (
                            <a href={`/api/v1/workshops/cohorts/${cohort.id}/certificates/${row.parent_id}`} download>
                              {i18n.t("ws.download")}
                              <span class="sr-only"> ({name(row.parent_id)})</span>
                            </a>
                          ) : (
                            i18n.t("app.none")
                          )}
                        </td>
                        {cohort.status === "running" && (
                          <td>
                            {(row.status === "enrolled" || row.status === "waiting") &&
                              (withdrawing === row.parent_id ? (
                                <div class="actions">
                                  <button type="button" class="danger" onClick={() => withdraw(row.parent_id, name(row.parent_id))}>
                                    {i18n.t("wf.confirmWithdraw")}
                                    <span class="sr-only"> ({name(row.parent_id)})</span>
                                  </button>
                                  <button type="button" onClick={() => setWithdrawing(null)}>
                                    {i18n.t("app.cancel")}
                                  </button>
                                  {withdrawError && (
                                    <small class="error" role="alert">
                                      {withdrawError}
                                    </small>
                                  )}
                                </div>
                              ) : (
                                <button
                                  type="button"
                                  onClick={() => {
                                    setWithdrawError(null);
                                    setWithdrawing(row.parent_id);
                                  }}
                                >
                                  {i18n.t("wf.withdraw")}
                                  <span class="sr-only"> ({name(row.parent_id)})</span>
                                </button>
                              ))}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h2>{i18n.t("wf.waitingList", { n: waiting.length })}</h2>
              {waiting.length === 0 ? (
                <p class="muted">{i18n.t("wf.noWaiting", { capacity: cohort.capacity })}</p>
              ) : (
                <ol class="card waiting-list" data-testid="waiting-list">
                  {waiting.map((row) => (
                    <li key={row.id}>{name(row.parent_id)}</li>
                  ))}
                </ol>
              )}
              {cohort.status === "running" && (
                <EnrolForm
                  cohortId={cohort.id}
                  facilityId={cohort.facility_id}
                  holding={holding}
                  onEnrolled={(text) => {
                    setSaved(text);
                    data.reload();
                  }}
                />
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

type Mark = { status: "present" | "absent" | "excused"; reason: string };

function AttendanceForm({
  session,
  parents,
  onCancel,
  onSaved,
}: {
  session: Session;
  parents: { id: number; name: string }[];
  onCancel: () => void;
  onSaved: () => void;
}) {
  const i18n = useI18n();
  // Kept flat (status.<parent>, reason.<parent>) as a draft of this session's list.
  const [flat, setFlat, clear] = useDraft(
    "attendance." + session.id,
    Object.fromEntries(parents.flatMap((parent) => [
      ["status." + parent.id, "present"],
      ["reason." + parent.id, ""],
    ])),
  );
  const marks: Record<number, Mark> = Object.fromEntries(
    parents.map((parent) => [parent.id, { status: (flat["status." + parent.id] ?? "present") as Mark["status"], reason: flat["reason." + parent.id] ?? "" }]),
  );
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (id: number, mark: Partial<Mark>) => {
    const next = { ...marks[id], ...mark };
    setFlat({ ...flat, ["status." + id]: next.status, ["reason." + id]: next.reason });
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api(`/workshops/sessions/${session.id}/attendance`, {
        body: {
          entries: parents.map((parent) => ({
            parent_id: parent.id,
            status: marks[parent.id].status,
            ...(marks[parent.id].status === "absent" ? { reason: marks[parent.id].reason } : {}),
          })),
        },
      });
      clear();
      onSaved();
    } catch (failure) {
      const field = failure && typeof failure === "object" && "field" in failure ? String((failure as { field?: string }).field ?? "form") : "form";
      setError({ field, text: i18n.error(failure) });
    } finally {
      setBusy(false);
    }
  };
  const missingReason = (id: number) => error?.field === "absence_reason" && marks[id].status === "absent" && !marks[id].reason;
  return (
    <form class="card form-card" onSubmit={submit} noValidate aria-labelledby="attendance-title">
      <h2 id="attendance-title" class="card-heading">
        {i18n.t("ws.attendanceFor", { n: session.position, date: i18n.date(session.session_date) })}
      </h2>
      <ul class="plain-list">
        {parents.map((parent) => (
          <li key={parent.id} class="attendance-row" data-testid="attendance-row">
            <fieldset>
              <legend>{parent.name}</legend>
              <div class="segmented">
                {(["present", "absent", "excused"] as const).map((status) => (
                  <label key={status} class={marks[parent.id].status === status ? "on" : ""}>
                    <input
                      type="radio"
                      name={`mark-${parent.id}`}
                      value={status}
                      checked={marks[parent.id].status === status}
                      onChange={() => set(parent.id, { status, reason: status === "absent" ? marks[parent.id].reason : "" })}
                    />
                    {i18n.t(("ws." + status) as MessageKey)}
                  </label>
                ))}
              </div>
              {marks[parent.id].status === "absent" && (
                <div class={"field" + (missingReason(parent.id) ? " field-invalid" : "")}>
                  <label for={`reason-${parent.id}`}>{i18n.t("ws.reason")}</label>
                  <select
                    id={`reason-${parent.id}`}
                    value={marks[parent.id].reason}
                    aria-invalid={missingReason(parent.id) ? "true" : undefined}
                    aria-describedby={missingReason(parent.id) ? `reason-${parent.id}-error` : undefined}
                    onChange={(event) => set(parent.id, { reason: (event.target as HTMLSelectElement).value })}
                  >
                    <option value="">{i18n.t("ws.chooseReason")}</option>
                    {reasons.map((reason) => (
                      <option key={reason} value={reason}>
                        {i18n.t(reasonKey[reason])}
                      </option>
                    ))}
                  </select>
                  {missingReason(parent.id) && (
                    <small id={`reason-${parent.id}-error`} class="error" role="alert">
                      {i18n.t("ws.needsReason")}
                    </small>
                  )}
                </div>
              )}
            </fieldset>
          </li>
        ))}
      </ul>
      {error && error.field !== "absence_reason" && (
        <p class="error" role="alert">
          {error.text}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {i18n.t("ws.saveAttendance")}
        </button>
        <button
          type="button"
          onClick={() => {
            clear();
            onCancel();
          }}
        >
          {i18n.t("app.cancel")}
        </button>
      </div>
    </form>
  );
}
