// Changes to one visit of a published plan: move it to another session of
// its facility, cancel it (with a reason, after a confirmation), record it
// (attended or not, times, what the child brought, a note, how the child was
// before and after). The server checks the hard rules; its refusal appears
// next to the field at fault and nothing changes.
import { useState } from "preact/hooks";
import { api, ApiError, idempotencyKeyFor } from "../../api";
import { SelectField, TextField } from "../../components/Field";
import { useDraft } from "../../draft";
import { useI18n, type MessageKey } from "../../i18n";
import { enqueue, isNetworkError, kRecordWaitMs, type RecordBody } from "../../offline";
import { fieldOf, type PlanVisit, type VisitSession } from "./types";

interface FormError {
  field: string;
  text: string;
}

function useSubmit(onDone: () => void) {
  const i18n = useI18n();
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  // `kept` may take a failure over (a record kept on the device): true when it did.
  const run = async (call: () => Promise<unknown>, kept?: (failure: unknown) => boolean) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      onDone();
    } catch (failure) {
      if (kept?.(failure)) return;
      setError({ field: fieldOf(failure), text: i18n.error(failure) });
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function FormError({ error, fields }: { error: FormError | null; fields: string[] }) {
  if (!error || fields.includes(error.field)) return null;
  return (
    <p class="error" role="alert">
      {error.text}
    </p>
  );
}

// A session's places taken and offered, in the unit they count (issue 19:
// families by default, or pairs, or people).
export function placesText(i18n: ReturnType<typeof useI18n>, booked: number, capacity: number, unit?: string): string {
  const key: MessageKey = unit === "pairs" ? "vv.seatsPairs" : unit === "people" ? "vv.seatsPeople" : "vv.seats";
  return i18n.t(key, { n: booked, capacity });
}

export function sessionLabel(i18n: ReturnType<typeof useI18n>, session: VisitSession): string {
  const full = session.booked_families >= session.capacity_families || session.booked_people >= session.capacity_people;
  return (
    `${i18n.date(session.date)} ${session.start_time}–${session.end_time} · ` +
    placesText(i18n, session.booked_families, session.capacity_families, session.capacity_unit) +
    (session.status !== "open" ? " · " + i18n.t("vv.blocked") : full ? " · " + i18n.t("vv.full") : "")
  );
}

export function MoveForm({
  visit,
  sessions,
  onDone,
  onClose,
}: {
  visit: PlanVisit;
  sessions: VisitSession[];
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const current = sessions.find((one) => one.id === visit.session_id);
  const choices = sessions
    .filter((one) => one.id !== visit.session_id && (!current || one.facility_id === current.facility_id))
    .sort((a, b) => (a.date + a.start_time).localeCompare(b.date + b.start_time));
  // Kept across an expired session or a reload (issue 16), until it is sent.
  const [draft, setDraft, clearDraft] = useDraft(`visits.move.${visit.id}`, { session_id: "" });
  const sessionId = draft.session_id;
  const setSessionId = (value: string) => setDraft({ session_id: value });
  const { error, busy, run } = useSubmit(() => {
    const chosen = sessions.find((one) => String(one.id) === sessionId);
    clearDraft();
    onDone(i18n.t("vv.moved", { date: chosen ? i18n.date(chosen.date) : sessionId }));
  });
  const id = `move-${visit.id}`;
  // A refused move names the session (full, blocked) or the escort (already
  // travelling that day): both are about the session chosen here.
  const fieldError = error && ["session_id", "escort_id"].includes(error.field) ? error.text : undefined;
  const submit = (event: Event) => {
    event.preventDefault();
    run(() => api(`/plan-visits/${visit.id}/move`, { body: { session_id: Number(sessionId) } }));
  };
  return (
    <form class="visit-action" onSubmit={submit} noValidate aria-label={i18n.t("vv.moveTitle")} data-testid="move-form">
      <SelectField
        id={id + "-session"}
        label={i18n.t("vv.moveTo")}
        value={sessionId}
        onChange={setSessionId}
        placeholder={i18n.t("field.choose")}
        options={choices.map((one) => ({ value: String(one.id), label: sessionLabel(i18n, one) }))}
        error={fieldError}
        hint={i18n.t("vv.moveHint")}
      />
      <FormError error={error} fields={["session_id", "escort_id"]} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !sessionId}>
          {i18n.t("vv.move")}
        </button>
        <button type="button" onClick={onClose}>
          {i18n.t("app.cancel")}
        </button>
      </div>
    </form>
  );
}

export function CancelForm({ visit, onDone, onClose }: { visit: PlanVisit; onDone: (message: string) => void; onClose: () => void }) {
  const i18n = useI18n();
  const [draft, setDraft, clearDraft] = useDraft(`visits.cancel.${visit.id}`, { reason: "" });
  const reason = draft.reason;
  const setReason = (value: string) => setDraft({ reason: value });
  const { error, busy, run } = useSubmit(() => {
    clearDraft();
    onDone(i18n.t("vv.cancelledDone"));
  });
  const submit = (event: Event) => {
    event.preventDefault();
    run(() => api(`/plan-visits/${visit.id}/cancel`, { body: { reason } }));
  };
  return (
    <form class="visit-action" onSubmit={submit} noValidate aria-label={i18n.t("vv.cancelTitle")} data-testid="cancel-form">
      <p>{i18n.t("vv.cancelConfirm")}</p>
      <TextField
        id={`cancel-${visit.id}-reason`}
        label={i18n.t("vv.cancelReason")}
        value={reason}
        onInput={setReason}
        error={error?.field === "reason" ? error.text : undefined}
      />
      <FormError error={error} fields={["reason"]} />
      <div class="actions">
        <button type="submit" class="danger" disabled={busy}>
          {i18n.t("vv.confirmCancel")}
        </button>
        <button type="button" onClick={onClose}>
          {i18n.t("vv.keepVisit")}
        </button>
      </div>
    </form>
  );
}

const broughtItems = ["photos", "notebook", "homework", "drawings", "letters"] as const;
const moods = [1, 2, 3, 4, 5] as const;

// Where a record goes when the network or the session is gone: the device's
// queue of the user who made it (src/offline.ts); `pending` is a record of
// this visit still waiting there, which the form shows again.
export interface OfflineRecord {
  userId: number;
  planId: number;
  label: string;
  pending?: RecordBody;
}

export function RecordForm({
  visit,
  offline,
  onDone,
  onClose,
}: {
  visit: PlanVisit;
  offline?: OfflineRecord;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const old = offline?.pending ?? visit.record;
  // What she types is kept in the tab (src/draft.ts) until it is saved, kept
  // on the device or cancelled: a reload or a new sign-in loses nothing.
  const [form, setForm, clearDraft] = useDraft(`record.${visit.id}.${visit.version}`, {
    attended: old?.attended === false ? "no" : "yes",
    absence: old?.absence_reason ?? "",
    start: old?.actual_start ?? "",
    end: old?.actual_end ?? "",
    brought: (old?.brought ?? []).join(","),
    note: old?.note ?? "",
    before: String(old?.mood_before ?? ""),
    after: String(old?.mood_after ?? ""),
  });
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });
  const attended = form.attended === "no" ? "no" : "yes";
  const { absence, start, end, note } = form;
  const brought = form.brought ? form.brought.split(",") : [];
  const before = form.before ? Number(form.before) : null;
  const after = form.after ? Number(form.after) : null;
  const [setAttended, setAbsence, setStart, setEnd, setNote] = [set("attended"), set("absence"), set("start"), set("end"), set("note")];
  const setBrought = (items: string[]) => set("brought")(items.join(","));
  const setBefore = (mood: number) => set("before")(String(mood));
  const setAfter = (mood: number) => set("after")(String(mood));
  const { error, busy, run } = useSubmit(() => {
    clearDraft();
    onDone(i18n.t("vv.recorded"));
  });
  const id = `record-${visit.id}`;
  const errorFor = (field: string) => (error?.field === field ? error.text : undefined);
  const submit = (event: Event) => {
    event.preventDefault();
    const yes = attended === "yes";
    const body: RecordBody = {
      attended: yes,
      ...(yes ? {} : { absence_reason: absence }),
      ...(yes && start ? { actual_start: start } : {}),
      ...(yes && end ? { actual_end: end } : {}),
      brought: yes ? brought : [],
      note,
      ...(yes && before ? { mood_before: before } : {}),
      ...(yes && after ? { mood_after: after } : {}),
    };
    const path = `/plan-visits/${visit.id}/record`;
    // The key this attempt sends, kept with the record if it gets no answer.
    const key = idempotencyKeyFor(path, body);
    const keep = (failure: unknown): boolean => {
      const expired = failure instanceof ApiError && failure.status === 401;
      if (!offline || !(isNetworkError(failure) || expired)) return false;
      enqueue({ key, userId: offline.userId, planId: offline.planId, visitId: visit.id, version: visit.version, body, label: offline.label });
      clearDraft();
      onDone(i18n.t("offline.kept"));
      return true;
    };
    // Always tried first: the browser's own idea of being online
    // (navigator.onLine) is wrong both ways (true on a signal that carries
    // nothing, false on a network with no route out), so only the request's
    // own failure, or no answer in time, keeps the record on the device.
    run(() => api(path, { body, ifMatch: visit.version, idempotencyKey: key, ...(offline ? { timeoutMs: kRecordWaitMs } : {}) }), keep);
  };
  const moodScale = (name: string, legend: MessageKey, value: number | null, set: (mood: number) => void) => (
    <fieldset class={"mood" + (errorFor(name) ? " field-invalid" : "")} aria-describedby={errorFor(name) ? `${id}-${name}-error` : undefined}>
      <legend>{i18n.t(legend)}</legend>
      <div class="segmented">
        {moods.map((mood) => (
          <label key={mood} class={value === mood ? "on" : ""}>
            <input type="radio" name={`${id}-${name}`} value={String(mood)} checked={value === mood} onChange={() => set(mood)} />
            {i18n.t(("vv.mood." + mood) as MessageKey)}
          </label>
        ))}
      </div>
      {errorFor(name) && (
        <small id={`${id}-${name}-error`} class="error" role="alert">
          {errorFor(name)}
        </small>
      )}
    </fieldset>
  );
  return (
    <form class="visit-action" onSubmit={submit} noValidate aria-label={i18n.t("vv.recordTitle")} data-testid="record-form">
      <fieldset class={errorFor("attended") ? "field-invalid" : ""} aria-describedby={errorFor("attended") ? `${id}-attended-error` : undefined}>
        <legend>{i18n.t("vv.attended")}</legend>
        <div class="segmented">
          {(["yes", "no"] as const).map((choice) => (
            <label key={choice} class={attended === choice ? "on" : ""}>
              <input type="radio" name={`${id}-attended`} value={choice} checked={attended === choice} onChange={() => setAttended(choice)} />
              {i18n.t(choice === "yes" ? "vv.attendedYes" : "vv.attendedNo")}
            </label>
          ))}
        </div>
        {errorFor("attended") && (
          <small id={`${id}-attended-error`} class="error" role="alert">
            {errorFor("attended")}
          </small>
        )}
      </fieldset>
      {attended === "no" ? (
        <TextField id={`${id}-absence`} label={i18n.t("vv.absenceReason")} value={absence} onInput={setAbsence} error={errorFor("absence_reason")} />
      ) : (
        <>
          <div class="field-row">
            <TextField id={`${id}-start`} type="time" label={i18n.t("vv.actualStart")} value={start} onInput={setStart} error={errorFor("actual_start")} />
            <TextField id={`${id}-end`} type="time" label={i18n.t("vv.actualEnd")} value={end} onInput={setEnd} error={errorFor("actual_end")} />
          </div>
          <fieldset class={errorFor("brought") ? "field-invalid" : ""}>
            <legend>{i18n.t("vv.brought")}</legend>
            <div class="segmented">
              {broughtItems.map((item) => (
                <label key={item} class={brought.includes(item) ? "on" : ""}>
                  <input
                    type="checkbox"
                    name={`${id}-brought`}
                    value={item}
                    checked={brought.includes(item)}
                    onChange={(event) =>
                      setBrought((event.target as HTMLInputElement).checked ? [...brought, item] : brought.filter((one) => one !== item))
                    }
                  />
                  {i18n.t(("vv.item." + item) as MessageKey)}
                </label>
              ))}
            </div>
            {errorFor("brought") && (
              <small class="error" role="alert">
                {errorFor("brought")}
              </small>
            )}
          </fieldset>
          {moodScale("mood_before", "vv.moodBefore", before, setBefore)}
          {moodScale("mood_after", "vv.moodAfter", after, setAfter)}
        </>
      )}
      <div class={"field" + (errorFor("note") ? " field-invalid" : "")}>
        <label for={`${id}-note`}>{i18n.t("vv.note")}</label>
        <textarea
          id={`${id}-note`}
          rows={3}
          maxLength={2000}
          value={note}
          aria-invalid={errorFor("note") ? "true" : undefined}
          aria-describedby={errorFor("note") ? `${id}-note-error` : undefined}
          onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)}
        />
        {errorFor("note") && (
          <small id={`${id}-note-error`} class="error" role="alert">
            {errorFor("note")}
          </small>
        )}
      </div>
      <FormError error={error} fields={["attended", "absence_reason", "actual_start", "actual_end", "brought", "note", "mood_before", "mood_after"]} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {i18n.t("vv.saveRecord")}
        </button>
        <button
          type="button"
          onClick={() => {
            clearDraft();
            onClose();
          }}
        >
          {i18n.t("app.cancel")}
        </button>
      </div>
    </form>
  );
}

// How a recorded visit reads in a list: attended or not, and the change in mood.
export function RecordSummary({ visit }: { visit: PlanVisit }) {
  const i18n = useI18n();
  const record = visit.record;
  if (!record || record.attended === null) return null;
  return (
    <span class={"tag " + (record.attended ? "tag-ok" : "tag-alert")} data-testid="visit-recorded">
      {record.attended ? i18n.t("vv.didAttend") : i18n.t("vv.didNotAttend")}
      {record.attended && record.mood_before && record.mood_after
        ? ` · ${i18n.t(("vv.mood." + record.mood_before) as MessageKey)} → ${i18n.t(("vv.mood." + record.mood_after) as MessageKey)}`
        : ""}
    </span>
  );
}

export type VisitAction = "move" | "cancel" | "record";

// The buttons and the open form of one visit. Recording is offered on the day
// of the visit or after, to coordinators and to the escort; moving and
// cancelling only to those who plan (a visits officer reads the plan only).
export function VisitControls({
  visit,
  date,
  sessions,
  canPlan,
  canRecord,
  open,
  setOpen,
  onChanged,
  label,
  offline,
}: {
  visit: PlanVisit;
  date: string | undefined;
  sessions: VisitSession[];
  canPlan: boolean;
  canRecord: boolean;
  open: VisitAction | null;
  setOpen: (action: VisitAction | null) => void;
  onChanged: (message: string) => void;
  label: string;
  offline?: OfflineRecord;
}) {
  const i18n = useI18n();
  if (visit.status !== "planned") return null;
  const recordable = canRecord && date !== undefined && date <= new Date().toISOString().slice(0, 10);
  const done = (message: string) => {
    setOpen(null);
    onChanged(message);
  };
  const button = (action: VisitAction, text: MessageKey) => (
    <button type="button" class={open === action ? "on" : ""} aria-expanded={open === action} onClick={() => setOpen(open === action ? null : action)}>
      {i18n.t(text)}
      <span class="sr-only"> ({label})</span>
    </button>
  );
  return (
    <>
      <div class="actions visit-buttons">
        {canPlan && button("move", "vv.move")}
        {canPlan && button("cancel", "vv.cancel")}
        {recordable && button("record", visit.record?.attended === null || !visit.record ? "vv.record" : "vv.editRecord")}
      </div>
      {open === "move" && <MoveForm visit={visit} sessions={sessions} onDone={done} onClose={() => setOpen(null)} />}
      {open === "cancel" && <CancelForm visit={visit} onDone={done} onClose={() => setOpen(null)} />}
      {open === "record" && <RecordForm visit={visit} offline={offline} onDone={done} onClose={() => setOpen(null)} />}
    </>
  );
}
