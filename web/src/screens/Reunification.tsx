// Release and reunification (issue 15): a parent's reunification plan
// (GET /parents/{id}/reunification-plan) with its steps, each with an owner,
// a due date and a status, a form to add a step and a status to change in
// place; and the released families due for a follow-up (GET /follow-ups-due).
// Reached from the family screen and the release countdown. What a role may
// do comes from its capabilities; what she sees is what the server's scope
// gives her (another organisation's parent reads as not found). A step being
// typed is kept as a draft until it is added.
import { useState } from "preact/hooks";
import { ApiError, api } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { useDraft } from "../draft";
import { SelectField, TextField } from "../components/Field";
import { useI18n, type MessageKey } from "../i18n";
import { can, useSession } from "../session";
import { fieldErrors, FormError, TextArea } from "./care";
import type { ScreenProps } from "./registry";

export const stepKinds = ["housing", "income", "school_place", "custody_legal", "contact_before_release", "other"];
const stepStatuses = ["pending", "in_progress", "done", "cancelled"];

interface Step {
  id: number;
  kind: string;
  description: string;
  owner: { id: number; name: string };
  due_on: string;
  status: string;
  overdue: boolean;
  version: number;
}
export interface Plan {
  id: number;
  parent: { id: number; name: string; custody_status: string | null; expected_release_date: string | null; released_on: string | null };
  status: string;
  note: string;
  version: number;
  overdue_steps: number;
  steps: Step[];
}

// The open plan, or null when the parent has none (404 with a parent that exists).
async function loadPlan(parentId: string): Promise<{ plan: Plan | null; parent: { id: number; given_names: string; family_names: string } }> {
  const parent = await api<{ id: number; given_names: string; family_names: string }>(`/parents/${parentId}`);
  try {
    return { plan: await api<Plan>(`/parents/${parentId}/reunification-plan`), parent };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { plan: null, parent };
    throw error;
  }
}

export function ReunificationPlan({ params }: ScreenProps) {
  const i18n = useI18n();
  const { me } = useSession();
  const [reload, setReload] = useState(0);
  const [error, setError] = useState("");
  const state = useAsync(() => loadPlan(params.id), [params.id, reload]);
  const writes = can(me, "addReunificationStep");
  const open = async () => {
    setError("");
    try {
      await api(`/parents/${params.id}/reunification-plan`, { body: {} });
      setReload(reload + 1);
    } catch (failure) {
      setError(i18n.error(failure));
    }
  };
  return (
    <article aria-labelledby="reunification-title">
      <p>
        <a href="/releases">← {i18n.t("release.title")}</a>
      </p>
      <Loaded state={state}>
        {({ plan, parent }) => (
          <>
            <h1 id="reunification-title">
              {i18n.t("reunification.title")}{" "}
              <span class="h1-sub">
                {parent.given_names} {parent.family_names}
              </span>
            </h1>
            {plan === null ? (
              <>
                <p class="muted" data-testid="reunification-none">
                  {i18n.t("reunification.none")}
                </p>
                <FormError text={error} />
                {writes && (
                  <button type="button" class="primary" onClick={open}>
                    {i18n.t("reunification.open")}
                  </button>
                )}
              </>
            ) : (
              <>
                {plan.parent.expected_release_date && <p>{i18n.t("release.date") + ": " + i18n.date(plan.parent.expected_release_date)}</p>}
                {plan.parent.released_on && (
                  <p>
                    <a href={`/parents/${plan.parent.id}/follow-ups`} data-testid="reunification-follow-ups">
                      {i18n.t("fuc.title")}
                    </a>
                  </p>
                )}
                {plan.overdue_steps > 0 && (
                  <p class="notice notice-error" data-testid="reunification-overdue">
                    {i18n.t("reunification.overdueCount", { n: i18n.number(plan.overdue_steps) })}
                  </p>
                )}
                <StepTable plan={plan} writes={writes} onChanged={() => setReload(reload + 1)} />
                {writes && <StepForm plan={plan} onDone={() => setReload(reload + 1)} />}
              </>
            )}
          </>
        )}
      </Loaded>
    </article>
  );
}

function StepTable({ plan, writes, onChanged }: { plan: Plan; writes: boolean; onChanged: () => void }) {
  const i18n = useI18n();
  const [error, setError] = useState("");
  if (plan.steps.length === 0) return <p class="muted">{i18n.t("reunification.noSteps")}</p>;
  const change = async (step: Step, status: string) => {
    setError("");
    try {
      await api(`/reunification-steps/${step.id}`, { method: "PATCH", body: { status }, ifMatch: step.version });
      onChanged();
    } catch (failure) {
      setError(i18n.error(failure));
    }
  };
  return (
    <>
      <FormError text={error} />
      <table class="stack" data-testid="reunification-steps">
        <caption class="sr-only">{i18n.t("reunification.steps")}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t("reunification.kind")}</th>
            <th scope="col">{i18n.t("reunification.description")}</th>
            <th scope="col">{i18n.t("reunification.owner")}</th>
            <th scope="col">{i18n.t("reunification.due")}</th>
            <th scope="col">{i18n.t("reunification.status")}</th>
          </tr>
        </thead>
        <tbody>
          {plan.steps.map((step) => (
            <tr key={step.id} data-overdue={step.overdue ? "true" : "false"}>
              <td data-label={i18n.t("reunification.kind")}>{i18n.t(("reunification.kind." + step.kind) as MessageKey)}</td>
              <td data-label={i18n.t("reunification.description")}>{step.description}</td>
              <td data-label={i18n.t("reunification.owner")}>{step.owner.name}</td>
              <td data-label={i18n.t("reunification.due")}>
                {i18n.date(step.due_on)} {step.overdue && <span class="tag tag-alert">{i18n.t("reunification.overdue")}</span>}
              </td>
              <td data-label={i18n.t("reunification.status")}>
                {writes ? (
                  <SelectField
                    id={`step-status-${step.id}`}
                    label={i18n.t("reunification.statusOf", { kind: i18n.t(("reunification.kind." + step.kind) as MessageKey) })}
                    value={step.status}
                    options={stepStatuses.map((value) => ({ value, label: i18n.t(("reunification.status." + value) as MessageKey) }))}
                    onChange={(value) => change(step, value)}
                  />
                ) : (
                  i18n.t(("reunification.status." + step.status) as MessageKey)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function StepForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const i18n = useI18n();
  const empty = { kind: "", description: "", owner_user_id: "", due_on: "" };
  const [form, setForm, clear] = useDraft("reunification-step." + plan.id, empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const owners = useAsync(() => api<{ items: { id: number; name: string }[] }>(`/reunification-plans/${plan.id}/owners`).then((page) => page.items), [plan.id]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    try {
      await api(`/reunification-plans/${plan.id}/steps`, {
        body: {
          kind: form.kind || undefined,
          description: form.description || undefined,
          owner_user_id: form.owner_user_id ? Number(form.owner_user_id) : undefined,
          due_on: form.due_on || undefined,
        },
      });
      clear();
      onDone();
    } catch (error) {
      setErrors(fieldErrors(i18n, error, ["kind", "description", "owner_user_id", "due_on"]));
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="step-form-title" class="card form-card">
      <h2 id="step-form-title">{i18n.t("reunification.addStep")}</h2>
      <SelectField
        id="kind"
        label={i18n.t("reunification.kind")}
        value={form.kind}
        placeholder={i18n.t("field.choose")}
        error={errors.kind}
        options={stepKinds.map((value) => ({ value, label: i18n.t(("reunification.kind." + value) as MessageKey) }))}
        onChange={(value) => setForm({ ...form, kind: value })}
      />
      <TextArea id="description" label={i18n.t("reunification.description")} value={form.description} error={errors.description} onInput={(value) => setForm({ ...form, description: value })} />
      <SelectField
        id="owner_user_id"
        label={i18n.t("reunification.owner")}
        value={form.owner_user_id}
        placeholder={i18n.t("field.choose")}
        error={errors.owner_user_id}
        options={(owners.data ?? []).map((owner) => ({ value: String(owner.id), label: owner.name }))}
        onChange={(value) => setForm({ ...form, owner_user_id: value })}
      />
      <TextField id="due_on" type="date" label={i18n.t("reunification.due")} value={form.due_on} error={errors.due_on} onInput={(value) => setForm({ ...form, due_on: value })} />
      <FormError text={errors.form} />
      <button type="submit" class="primary">
        {i18n.t("reunification.addButton")}
      </button>
    </form>
  );
}

interface FollowUpItem {
  parent: { id: number; name: string };
  released_on: string;
  follow_up_until: string;
  last_contacted_on: string | null;
  contacts: number;
  due: boolean;
}

// Released families within the organisation's follow-up period, those due first.
export function FollowUps() {
  const i18n = useI18n();
  const state = useAsync(() => api<{ follow_up_days: number; items: FollowUpItem[] }>("/follow-ups-due"), []);
  return (
    <article aria-labelledby="follow-ups-title">
      <h1 id="follow-ups-title">{i18n.t("followUp.title")}</h1>
      <Loaded state={state}>
        {(list) => (
          <>
            <p class="muted">{i18n.t("followUp.period", { n: i18n.number(list.follow_up_days) })}</p>
            {list.items.length === 0 ? (
              <p class="muted">{i18n.t("followUp.none")}</p>
            ) : (
              <table class="stack" data-testid="follow-ups">
                <caption class="sr-only">{i18n.t("followUp.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("release.parent")}</th>
                    <th scope="col">{i18n.t("followUp.released")}</th>
                    <th scope="col">{i18n.t("followUp.last")}</th>
                    <th scope="col">{i18n.t("followUp.until")}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...list.items]
                    .sort((a, b) => Number(b.due) - Number(a.due))
                    .map((item) => (
                      <tr key={item.parent.id}>
                        <td data-label={i18n.t("release.parent")}>
                          <a href={`/parents/${item.parent.id}/follow-ups`}>{item.parent.name}</a>{" "}
                          {item.due && <span class="tag tag-alert">{i18n.t("followUp.due")}</span>}
                        </td>
                        <td data-label={i18n.t("followUp.released")}>{i18n.date(item.released_on)}</td>
                        <td data-label={i18n.t("followUp.last")}>{item.last_contacted_on ? i18n.date(item.last_contacted_on) : i18n.t("app.none")}</td>
                        <td data-label={i18n.t("followUp.until")}>{i18n.date(item.follow_up_until)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Loaded>
    </article>
  );
}
