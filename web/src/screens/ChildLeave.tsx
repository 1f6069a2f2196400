// The leave book. Per child: the adults authorised to take her out (added and
// revoked by writers; document ids only for the roles that manage the list),
// recording a leave out and the return, and her leave history. For a
// facility: every leave, newest first, the overdue returns highlighted (in
// words as well as colour), or only the overdue ones.
import { useEffect, useState } from "preact/hooks";
import { api, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type MessageKey } from "../i18n";
import { lookup, nameOf } from "../lookups";
import { can, useSession } from "../session";
import { ChildHeader, dateTime, fieldErrors, FormError, loadChild, localInput, toTimestamp } from "./care";

interface Adult {
  id: number;
  full_name: string;
  relationship: string;
  document_id: string | null;
  active: boolean;
}
export interface Leave {
  id: number;
  child_id: number;
  facility_id: number;
  adult_id: number;
  adult_name: string;
  reason: string;
  left_at: string;
  due_back_at: string;
  returned_at: string | null;
  note: string;
  state: "booked" | "out" | "overdue" | "returned";
}

const reasons = ["weekend_with_relatives", "hospital", "court", "other"];

export function ChildLeave({ params }: { params: Record<string, string> }) {
  const i18n = useI18n();
  const { me } = useSession();
  const state = useAsync(async () => {
    const [child, adults, leaves] = await Promise.all([
      loadChild(params.id),
      api<{ items: Adult[] }>(`/children/${params.id}/authorised-adults`).then((page) => page.items),
      api<{ items: Leave[] }>("/nursery/leaves", { query: { child_id: params.id } }).then((page) => page.items),
    ]);
    return { child, adults, leaves };
  }, [params.id]);
  const [notice, setNotice] = useState("");
  const done = (text: string) => {
    setNotice(text);
    state.reload();
  };
  return (
    <Loaded state={state}>
      {({ child, adults, leaves }) => {
        // Out (or overdue) first; a leave booked ahead meanwhile is in the history (issue 15).
        const open = leaves.filter((leave) => !leave.returned_at).sort((a, b) => a.left_at.localeCompare(b.left_at))[0];
        const active = adults.filter((adult) => adult.active);
        return (
          <section aria-labelledby="leave-title">
            <ChildHeader child={child} current="leave" titleId="leave-title" title={i18n.t("care.leave.title")} />
            {notice && (
              <p class="notice" role="status">
                {notice}
              </p>
            )}
            {child.placement !== "inside_with_mother" && <p class="muted">{i18n.t("care.notInside")}</p>}
            <div class="grid">
              <div class="card" data-testid="leave-now">
                <h2 class="card-heading">{i18n.t("care.leave.now")}</h2>
                {open ? (
                  <>
                    <p class={"leave-state leave-" + open.state}>
                      <span class={"tag leave-tag-" + open.state}>{i18n.t(("care.leave.state." + open.state) as MessageKey)}</span>{" "}
                      {i18n.t(open.state === "booked" ? "care.leave.bookedWith" : "care.leave.outWith", { adult: open.adult_name, date: dateTime(i18n, open.left_at) })}
                      <br />
                      {i18n.t("care.leave.dueBack", { date: dateTime(i18n, open.due_back_at) })}
                    </p>
                    {open.state === "booked"
                      ? can(me, "cancelBookedLeave") && (
                          <button
                            type="button"
                            data-testid="cancel-leave"
                            onClick={() =>
                              api(`/leaves/${open.id}/cancel`, { method: "POST" })
                                .then(() => done(i18n.t("care.leave.cancelledNotice")))
                                .catch((error) => setNotice(i18n.error(error)))
                            }
                          >
                            {i18n.t("care.leave.cancel")}
                          </button>
                        )
                      : can(me, "returnFromLeave") && <ReturnForm leave={open} onDone={() => done(i18n.t("care.leave.returnedNotice"))} />}
                    {open.state !== "booked" && can(me, "startLeave") && child.placement === "inside_with_mother" && (
                      <details class="book-ahead" data-testid="book-next-leave">
                        <summary>{i18n.t("care.leave.bookNext")}</summary>
                        <LeaveForm childId={child.id} adults={active} onDone={() => done(i18n.t("care.leave.startedNotice"))} />
                      </details>
                    )}
                  </>
                ) : (
                  <>
                    <p>{i18n.t("care.leave.inside")}</p>
                    {can(me, "startLeave") && child.placement === "inside_with_mother" && (
                      <LeaveForm childId={child.id} adults={active} onDone={() => done(i18n.t("care.leave.startedNotice"))} />
                    )}
                  </>
                )}
              </div>
              <Adults childId={child.id} adults={adults} onChange={state.reload} inside={child.placement === "inside_with_mother"} />
            </div>
            <h2>{i18n.t("care.leave.history")}</h2>
            <LeaveTable leaves={leaves} />
          </section>
        );
      }}
    </Loaded>
  );
}

function LeaveForm({ childId, adults, onDone }: { childId: number; adults: Adult[]; onDone: () => void }) {
  const i18n = useI18n();
  const now = new Date();
  const back = new Date(now.getTime() + 2 * 24 * 3600 * 1000);
  back.setHours(18, 0, 0, 0);
  const initial = { adult_id: "", reason: "", left_at: localInput(now), due_back_at: localInput(back), note: "" };
  const [form, setForm, clear] = useDraft("leave." + childId, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (name: keyof typeof initial) => (value: string) => setForm({ ...form, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    try {
      await api(`/children/${childId}/leaves`, {
        body: {
          adult_id: form.adult_id ? Number(form.adult_id) : undefined,
          reason: form.reason || undefined,
          left_at: toTimestamp(form.left_at),
          due_back_at: toTimestamp(form.due_back_at),
          note: form.note || undefined,
        },
      });
      clear();
      onDone();
    } catch (error) {
      setErrors(fieldErrors(i18n, error, Object.keys(initial)));
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="leave-form-title">
      <h3 id="leave-form-title">{i18n.t("care.leave.record")}</h3>
      <SelectField
        id="adult_id"
        label={i18n.t("care.leave.adult")}
        value={form.adult_id}
        placeholder={i18n.t("field.choose")}
        error={errors.adult_id}
        options={adults.map((adult) => ({ value: String(adult.id), label: `${adult.full_name} (${adult.relationship})` }))}
        onChange={set("adult_id")}
      />
      <SelectField
        id="reason"
        label={i18n.t("care.leave.reason")}
        value={form.reason}
        placeholder={i18n.t("field.choose")}
        error={errors.reason}
        options={reasons.map((value) => ({ value, label: i18n.t(("care.reason." + value) as MessageKey) }))}
        onChange={set("reason")}
      />
      <TextField id="left_at" type="datetime-local" label={i18n.t("care.leave.leftAt")} value={form.left_at} error={errors.left_at} onInput={set("left_at")} />
      <TextField id="due_back_at" type="datetime-local" label={i18n.t("care.leave.dueBackAt")} value={form.due_back_at} error={errors.due_back_at} onInput={set("due_back_at")} />
      <TextField id="leave_note" label={i18n.t("care.note")} value={form.note} error={errors.note} onInput={set("note")} />
      <FormError text={errors.form} />
      <button type="submit" class="primary">
        {i18n.t("care.leave.recordButton")}
      </button>
    </form>
  );
}

function ReturnForm({ leave, onDone, compact }: { leave: Leave; onDone: () => void; compact?: boolean }) {
  const i18n = useI18n();
  // A time she typed is kept as a draft until the return is recorded.
  const [draft, setDraft, clear] = useDraft("return." + leave.id, { returned_at: localInput(new Date()) });
  const returnedAt = draft.returned_at;
  const setReturnedAt = (returned_at: string) => setDraft({ returned_at });
  const [error, setError] = useState("");
  const submit = async (event: Event) => {
    event.preventDefault();
    setError("");
    try {
      await api(`/leaves/${leave.id}/return`, { body: { returned_at: toTimestamp(returnedAt) } });
      clear();
      onDone();
    } catch (failure) {
      setError(i18n.error(failure));
    }
  };
  const id = `returned_at-${leave.id}`;
  // Opened from a row's button, which it replaces: the keyboard goes on to the time.
  useEffect(() => {
    if (compact) document.getElementById(id)?.focus();
  }, []);
  return (
    <form onSubmit={submit} noValidate class={compact ? "inline-form" : ""} aria-label={i18n.t("care.leave.returnTitle")}>
      <TextField id={id} type="datetime-local" label={i18n.t("care.leave.returnedAt")} value={returnedAt} error={error} onInput={setReturnedAt} />
      <button type="submit" class="primary">
        {i18n.t("care.leave.returnButton")}
      </button>
    </form>
  );
}

function Adults({ childId, adults, onChange, inside }: { childId: number; adults: Adult[]; onChange: () => void; inside: boolean }) {
  const i18n = useI18n();
  const { me } = useSession();
  const writes = can(me, "addAuthorisedAdult");
  const [error, setError] = useState("");
  const revoke = async (adult: Adult) => {
    // She may no longer collect the child: asked first (issue 16).
    if (!window.confirm(i18n.t("care.adults.confirmRevoke", { name: adult.full_name }))) return;
    setError("");
    try {
      await api(`/authorised-adults/${adult.id}/revoke`, { method: "POST" });
      onChange();
    } catch (failure) {
      setError(i18n.error(failure));
    }
  };
  return (
    <div class="card" data-testid="adults">
      <h2 class="card-heading">{i18n.t("care.adults.title")}</h2>
      {adults.length === 0 ? (
        <p class="muted">{i18n.t("care.adults.none")}</p>
      ) : (
        <ul class="plain-list">
          {adults.map((adult) => (
            <li key={adult.id} class={adult.active ? "" : "muted"}>
              <strong>{adult.full_name}</strong> · {adult.relationship}
              {adult.document_id ? <span class="muted"> · {adult.document_id}</span> : null}
              {!adult.active && <span class="tag"> {i18n.t("care.adults.revoked")}</span>}
              {writes && adult.active && (
                <>
                  {" "}
                  <button type="button" class="link" aria-label={i18n.t("care.adults.revokeNamed", { name: adult.full_name })} onClick={() => revoke(adult)}>
                    {i18n.t("care.adults.revoke")}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError text={error} />
      {writes && inside && <AdultForm childId={childId} onDone={onChange} />}
    </div>
  );
}

function AdultForm({ childId, onDone }: { childId: number; onDone: () => void }) {
  const i18n = useI18n();
  const initial = { full_name: "", relationship: "", document_id: "" };
  const [form, setForm, clear] = useDraft("adult." + childId, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (name: keyof typeof initial) => (value: string) => setForm({ ...form, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    try {
      await api(`/children/${childId}/authorised-adults`, { body: form });
      clear();
      onDone();
    } catch (error) {
      setErrors(fieldErrors(i18n, error, Object.keys(initial)));
    }
  };
  return (
    <details class="inline-form">
      <summary>{i18n.t("care.adults.add")}</summary>
      <form onSubmit={submit} noValidate aria-label={i18n.t("care.adults.add")}>
        <TextField id="adult_full_name" label={i18n.t("care.adults.name")} value={form.full_name} error={errors.full_name} onInput={set("full_name")} />
        <TextField id="adult_relationship" label={i18n.t("care.adults.relationship")} value={form.relationship} error={errors.relationship} onInput={set("relationship")} />
        <TextField id="adult_document_id" label={i18n.t("care.adults.document")} value={form.document_id} error={errors.document_id} onInput={set("document_id")} />
        <FormError text={errors.form} />
        <button type="submit">{i18n.t("care.adults.addButton")}</button>
      </form>
    </details>
  );
}

function LeaveTable({ leaves, names, onReturn }: { leaves: Leave[]; names?: Map<number, string>; onReturn?: () => void }) {
  const i18n = useI18n();
  const { me } = useSession();
  const [returning, setReturning] = useState<number | null>(null);
  if (leaves.length === 0) return <p class="muted">{i18n.t("care.leave.empty")}</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("care.leave.history")}>
      <table data-testid="leaves" class="stack">
        <thead>
          <tr>
            {names && <th scope="col">{i18n.t("nursery.child")}</th>}
            <th scope="col">{i18n.t("care.leave.stateCol")}</th>
            <th scope="col">{i18n.t("care.leave.reason")}</th>
            <th scope="col">{i18n.t("care.leave.adult")}</th>
            <th scope="col">{i18n.t("care.leave.leftAt")}</th>
            <th scope="col">{i18n.t("care.leave.dueBackAt")}</th>
            <th scope="col">{i18n.t("care.leave.returnedAt")}</th>
          </tr>
        </thead>
        <tbody>
          {leaves.map((leave) => (
            <tr key={leave.id} class={"leave-" + leave.state} data-testid="leave-row" data-state={leave.state}>
              {names && (
                <th scope="row">
                  <a href={`/children/${leave.child_id}/leave`}>{names.get(leave.child_id) ?? "#" + leave.child_id}</a>
                </th>
              )}
              <td data-label={i18n.t("care.leave.stateCol")}>
                <span class={"tag leave-tag-" + leave.state}>{i18n.t(("care.leave.state." + leave.state) as MessageKey)}</span>
              </td>
              <td data-label={i18n.t("care.leave.reason")}>{i18n.t(("care.reason." + leave.reason) as MessageKey)}</td>
              <td data-label={i18n.t("care.leave.adult")}>{leave.adult_name}</td>
              <td data-label={i18n.t("care.leave.leftAt")}>{dateTime(i18n, leave.left_at)}</td>
              <td data-label={i18n.t("care.leave.dueBackAt")}>{dateTime(i18n, leave.due_back_at)}</td>
              <td data-label={i18n.t("care.leave.returnedAt")}>
                {leave.returned_at ? (
                  dateTime(i18n, leave.returned_at)
                ) : onReturn && can(me, "returnFromLeave") ? (
                  returning === leave.id ? (
                    <ReturnForm leave={leave} compact onDone={onReturn} />
                  ) : (
                    <button type="button" onClick={() => setReturning(leave.id)} aria-label={i18n.t("care.leave.returnNamed", { name: names?.get(leave.child_id) ?? "#" + leave.child_id })}>
                      {i18n.t("care.leave.returnButton")}
                    </button>
                  )
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The facility-wide leave book.
export function LeaveBook() {
  const i18n = useI18n();
  const { me } = useSession();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [chosen, setChosen] = useState("");
  const facilities = useAsync(() => (me.facility_id ? Promise.resolve([] as RecordRow[]) : lookup("facilities").then((rows) => rows.filter((row) => row.has_nursery !== false))), []);
  const facilityId = me.facility_id ?? (chosen ? Number(chosen) : undefined);
  const state = useAsync(async () => {
    const [leaves, board] = await Promise.all([
      api<{ items: Leave[] }>("/nursery/leaves", { query: { facility_id: facilityId, overdue: overdueOnly ? "true" : undefined } }).then((page) => page.items),
      // The names of the facility's children (the board of that facility only).
      api<{ items: { child_id: number; name: string | null; pseudonym: string }[] }>("/nursery/ageouts", { query: { facility_id: facilityId } })
        .then((page) => page.items)
        .catch(() => []),
    ]);
    const names = new Map(board.map((row) => [row.child_id, row.name ?? row.pseudonym]));
    return { leaves, names };
  }, [facilityId, overdueOnly]);
  return (
    <section aria-labelledby="leavebook-title">
      <h1 id="leavebook-title">{i18n.t("care.book.title")}</h1>
      <div class="filters">
        {!me.facility_id && (
          <Loaded state={facilities}>
            {(rows) => (
              <SelectField
                id="leave-facility"
                label={i18n.t("supply.facility")}
                value={chosen}
                placeholder={i18n.t("nursery.all")}
                options={rows.map((row) => ({ value: String(row.id), label: nameOf(rows, row.id) }))}
                onChange={setChosen}
              />
            )}
          </Loaded>
        )}
        <div class="field check">
          <label>
            <input type="checkbox" checked={overdueOnly} onChange={(event) => setOverdueOnly((event.target as HTMLInputElement).checked)} /> {i18n.t("care.book.overdueOnly")}
          </label>
        </div>
      </div>
      <Loaded state={state}>
        {({ leaves, names }) => {
          const overdue = leaves.filter((leave) => leave.state === "overdue").length;
          return (
            <>
              <p class={overdue ? "notice notice-error" : "muted"} data-testid="overdue-count" role="status">
                {overdue ? i18n.t("care.book.overdue", { n: overdue }) : i18n.t("care.book.noOverdue")}
              </p>
              <LeaveTable leaves={leaves} names={names} onReturn={state.reload} />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

