// The nursery board: children living inside with the days left before they
// age out, coloured by alert level, the status of each transition plan (with
// a link to it; "plan needed" past the threshold without an approved plan),
// and co-residence extensions.
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { fieldErrors } from "./care";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type I18n, type MessageKey } from "../i18n";
import { can, useSession } from "../session";

interface AgeOutRow {
  child_id: number;
  pseudonym: string;
  name: string | null;
  facility: string;
  date_of_birth: string;
  alert_level: string;
  age_out_date: string | null;
  days_remaining: number | null;
  rule: { basis: string; max_age_months: number | null; source: string; extension_id: number | null } | null;
  problem?: string;
  transition_plan: "missing" | "draft" | "approved";
  needs_plan: boolean;
  // The leave not yet returned (issue 15): booked, out or overdue.
  leave: { id: number; state: "booked" | "out" | "overdue"; left_at: string; due_back_at: string } | null;
  // A change of the co-residence rules that would move the kept date (issue 15).
  proposal: AgeOutProposal | null;
}

export interface AgeOutProposal {
  id: number;
  version: number;
  child_id: number;
  kept_date: string;
  proposed_date: string;
  reason: string;
  reason_code: string; // rule_added ... facility_limit_changed, other (translated below)
  reason_rule_id: number | null;
  status: string;
}

interface Extension {
  id: number;
  status: string;
  new_age_out_date: string;
}

const alertKey: Record<string, MessageKey> = {
  overdue: "nursery.overdue",
  critical: "nursery.urgent",
  warning: "nursery.soon",
  notice: "nursery.ok",
  none: "nursery.ok",
};


export function NurseryBoard() {
  const i18n = useI18n();
  const { me } = useSession();
  const [within, setWithin] = useState("365");
  const [open, setOpen] = useState<number | null>(null);
  // Overdue returns from leave, on the board so they are not missed.
  const overdue = useAsync(
    () => api<{ items: { id: number }[] }>("/nursery/leaves", { query: { overdue: "true" } }).then((page) => page.items.length).catch(() => 0),
    [],
  );
  const board = useAsync(() => api<{ items: AgeOutRow[] }>("/nursery/ageouts", { query: { within_days: within || undefined } }), [within]);
  return (
    <section aria-labelledby="nursery-title">
      <h1 id="nursery-title">{i18n.t("nursery.title")}</h1>
      <div class="filters">
        <SelectField
          id="within"
          label={i18n.t("nursery.within")}
          value={within}
          options={[
            { value: "90", label: i18n.t("nursery.withinDays", { n: 90 }) },
            { value: "180", label: i18n.t("nursery.withinDays", { n: 180 }) },
            { value: "365", label: i18n.t("nursery.withinDays", { n: 365 }) },
            { value: "", label: i18n.t("nursery.all") },
          ]}
          onChange={setWithin}
        />
      </div>
      {overdue.data ? (
        <p class="notice notice-error" data-testid="board-overdue-leaves">
          <a href="/leaves">{i18n.t("care.book.overdue", { n: overdue.data })}</a>
        </p>
      ) : null}
      <p class="muted">{i18n.t("nursery.legend")}</p>
      <Loaded state={board}>
        {(data) => <ProposalList rows={data.items.filter((row) => row.proposal)} onDecided={board.reload} />}
      </Loaded>
      <Loaded state={board}>
        {(data) =>
          data.items.length === 0 ? (
            <p class="muted">{i18n.t("nursery.empty")}</p>
          ) : (
            <ul class="cards board">
              {data.items.map((row) => (
                <li key={row.child_id} class={"card ageout alert-" + row.alert_level} data-testid="ageout">
                  <div class="countdown" aria-hidden="true">
                    <span class="days">{row.days_remaining === null ? "?" : i18n.number(row.days_remaining)}</span>
                    <span class="unit">{i18n.t("nursery.daysLeft")}</span>
                  </div>
                  <div class="ageout-body">
                    <a href={"/children/" + row.child_id} class="card-title">
                      {row.name ?? row.pseudonym}
                    </a>
                    <span class={"tag alert-tag-" + row.alert_level}>{i18n.t(alertKey[row.alert_level] ?? "nursery.ok")}</span>
                    {row.leave && (
                      <a href={`/children/${row.child_id}/leave`} class={"tag board-leave leave-tag-" + row.leave.state} data-testid="board-leave" data-state={row.leave.state}>
                        {i18n.t(("nursery.leave." + row.leave.state) as MessageKey, {
                          from: i18n.date(row.leave.left_at.slice(0, 10)),
                          until: i18n.date(row.leave.due_back_at.slice(0, 10)),
                        })}
                      </a>
                    )}
                    <span>
                      {i18n.t("nursery.ageOut")}: {i18n.date(row.age_out_date)} ·{" "}
                      <span class="sr-only">
                        {i18n.t("nursery.daysLeft")}: {row.days_remaining === null ? "?" : i18n.number(row.days_remaining)} ·{" "}
                      </span>
                      {row.facility}
                    </span>
                    {row.rule && (
                      <span class="muted small rule-source" title={row.rule.source}>
                        {i18n.t("nursery.rule")}:{" "}
                        {row.rule.extension_id
                          ? i18n.t("nursery.extension")
                          : row.rule.max_age_months !== null
                            ? i18n.t("nursery.months", { n: i18n.number(row.rule.max_age_months) })
                            : ""}{" "}
                        · {row.rule.source}
                      </span>
                    )}
                    <span class="plan-line" data-testid="board-plan">
                      <a href={`/children/${row.child_id}/plan`}>{i18n.t("care.plan.title")}</a>:{" "}
                      <span class={"tag plan-" + row.transition_plan + (row.needs_plan ? " plan-needed" : "")}>
                        {i18n.t(("care.plan.status." + row.transition_plan) as MessageKey)}
                      </span>
                      {row.needs_plan && <strong class="offence"> {i18n.t("care.plan.needed")}</strong>}
                    </span>
                    {row.proposal && <ProposalNotice proposal={row.proposal} onDecided={board.reload} />}
                    {can(me, "requestCoresidenceExtension") && (
                      <button type="button" class="link" aria-expanded={open === row.child_id} onClick={() => setOpen(open === row.child_id ? null : row.child_id)}>
                        {i18n.t("nursery.requestExtension")}
                      </button>
                    )}
                    {open === row.child_id && <ExtensionForm childId={row.child_id} onDone={board.reload} />}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

function ExtensionForm({ childId, onDone }: { childId: number; onDone: () => void }) {
  const i18n = useI18n();
  const { me } = useSession();
  const [form, setForm, clear] = useDraft("extension." + childId, { reason: "", new_age_out_date: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<Extension | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    try {
      setCreated(await api<Extension>(`/children/${childId}/extensions`, { body: form }));
      clear();
    } catch (error) {
      setErrors(fieldErrors(i18n, error, Object.keys(form)));
    }
  };
  const decide = async (decision: "approved" | "refused") => {
    if (!created) return;
    try {
      setCreated(await api<Extension>(`/extensions/${created.id}/decision`, { body: { decision } }));
      onDone();
    } catch (error) {
      setErrors({ form: i18n.error(error) });
    }
  };
  if (created)
    return (
      <div class="notice" role="status">
        {i18n.t("nursery.extensionRequested")} ({i18n.date(created.new_age_out_date)}, {created.status})
        {created.status === "pending" && can(me, "decideCoresidenceExtension") && (
          <div class="actions">
            <button type="button" onClick={() => decide("approved")}>
              {i18n.t("nursery.approve")}
            </button>
            <button type="button" onClick={() => decide("refused")}>
              {i18n.t("nursery.refuse")}
            </button>
          </div>
        )}
        {errors.form && <p class="error">{errors.form}</p>}
      </div>
    );
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <TextField id={`reason-${childId}`} label={i18n.t("field.reason")} value={form.reason} error={errors.reason} onInput={(reason) => setForm({ ...form, reason })} />
      <TextField
        id={`new-date-${childId}`}
        type="date"
        label={i18n.t("field.new_age_out_date")}
        value={form.new_age_out_date}
        error={errors.new_age_out_date}
        onInput={(new_age_out_date) => setForm({ ...form, new_age_out_date })}
      />
      {errors.form && (
        <p class="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" class="primary">
        {i18n.t("nursery.requestExtension")}
      </button>
    </form>
  );
}

// The children of the board whose kept age-out date a change of the rules
// would move: each waits for a person to accept or reject it (issue 15).
function ProposalList({ rows, onDecided }: { rows: AgeOutRow[]; onDecided: () => void }) {
  const i18n = useI18n();
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="proposals-title" class="card" data-testid="ageout-proposals">
      <h2 id="proposals-title">{i18n.t("ageoutProposal.listTitle")}</h2>
      <p class="muted">{i18n.t("ageoutProposal.listHelp")}</p>
      <ul class="plain">
        {rows.map((row) => (
          <li key={row.child_id} data-testid="ageout-proposal" data-child={row.child_id}>
            <a href={"/children/" + row.child_id}>{row.name ?? row.pseudonym}</a> · {row.facility}
            <ProposalNotice proposal={row.proposal as AgeOutProposal} onDecided={onDecided} />
          </li>
        ))}
      </ul>
    </section>
  );
}

// "A proposal is waiting", with both dates and why, and (for those who may
// decide) accept and reject, each asked again before it is sent.
export function ProposalNotice({ proposal, onDecided }: { proposal: AgeOutProposal; onDecided: () => void }) {
  const i18n = useI18n();
  const { me } = useSession();
  const [confirming, setConfirming] = useState<"accept" | "reject" | null>(null);
  const [error, setError] = useState("");
  const decide = async (what: "accept" | "reject") => {
    setError("");
    try {
      await api(`/ageout-proposals/${proposal.id}/${what}`, { method: "POST", ifMatch: proposal.version });
      setConfirming(null);
      onDecided();
    } catch (failure) {
      setError(i18n.error(failure));
      if (failure instanceof ApiError && (failure.status === 412 || failure.status === 409)) onDecided();
    }
  };
  const dates = { kept: i18n.date(proposal.kept_date), proposed: i18n.date(proposal.proposed_date) };
  return (
    <div class="notice proposal-notice" role="status" data-testid="proposal-notice">
      <strong>{i18n.t("ageoutProposal.waiting")}</strong> {i18n.t("ageoutProposal.dates", dates)}
      <span class="muted small"> ({proposalReason(i18n, proposal)})</span>
      {can(me, "acceptAgeOutProposal") &&
        (confirming ? (
          <div class="actions" role="group" aria-label={i18n.t("ageoutProposal.confirmGroup")}>
            <span>{i18n.t(confirming === "accept" ? "ageoutProposal.confirmAccept" : "ageoutProposal.confirmReject", dates)}</span>
            <button type="button" class="primary" onClick={() => decide(confirming)}>
              {i18n.t(confirming === "accept" ? "ageoutProposal.yesAccept" : "ageoutProposal.yesReject")}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {i18n.t("ageoutProposal.cancel")}
            </button>
          </div>
        ) : (
          <div class="actions">
            <button type="button" onClick={() => setConfirming("accept")}>
              {i18n.t("ageoutProposal.accept")}
            </button>
            <button type="button" onClick={() => setConfirming("reject")}>
              {i18n.t("ageoutProposal.reject")}
            </button>
          </div>
        ))}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

// Why a proposal was made, in the user's language, from its stable code (the
// server's English words only for a reason it has no code for).
function proposalReason(i18n: I18n, proposal: AgeOutProposal): string {
  const key = `ageoutProposal.reason.${proposal.reason_code}`;
  if (proposal.reason_code === "other" || !i18n.has(key)) return proposal.reason;
  return i18n.t(key, { rule: proposal.reason_rule_id ?? "" });
}
