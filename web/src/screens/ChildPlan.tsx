// The transition plan of a child living inside: where she goes at age-out,
// who receives her, who was consulted, the dated steps of a gradual
// separation and the visits that keep the bond afterwards. Writers draft and
// edit it (a replaced approved plan is a draft again); approvers approve it.
import { useState } from "preact/hooks";
import { api, ApiError, listAll, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type MessageKey } from "../i18n";
import { fullName } from "../lookups";
import { can, canRead, useSession } from "../session";
import { ChildHeader, fieldErrors, FormError, loadChild, TextArea } from "./care";

interface Step {
  on: string;
  description: string;
}
export interface TransitionPlan {
  id: number;
  child_id: number;
  destination: string;
  receiving_party: string;
  consulted: string;
  steps: Step[];
  visits: { parent_id: number; frequency: string } | null;
  status: "draft" | "approved";
  approved_on: string | null;
  visit_requirements: { id: number; parent_id: number; frequency: string; starts_on: string }[];
  updated_at: string;
}

// GET answers 404 when the child has no plan yet.
export const loadPlan = (childId: string | number) =>
  api<TransitionPlan>(`/children/${childId}/transition-plan`).catch((error) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });

const destinations = ["relatives", "care_organisation", "state_care"];
const frequencies = ["weekly", "fortnightly", "monthly"];

export function ChildPlan({ params }: { params: Record<string, string> }) {
  const i18n = useI18n();
  const { me } = useSession();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState("");
  const state = useAsync(async () => {
    const [child, plan] = await Promise.all([loadChild(params.id), loadPlan(params.id)]);
    const links = canRead(me, "parent_child_links") ? await listAll<RecordRow>("/parent_child_links", { child_id: params.id }).catch(() => []) : [];
    const parents = await Promise.all(
      links.map(async (link) => ({ id: Number(link.parent_id), name: canRead(me, "parents") ? await api<RecordRow>(`/parents/${link.parent_id}`).then(fullName).catch(() => "#" + link.parent_id) : "#" + link.parent_id })),
    );
    return { child, plan, parents };
  }, [params.id]);
  const approve = async (plan: TransitionPlan) => {
    setError("");
    try {
      await api(`/transition-plans/${plan.id}/approve`, { method: "POST" });
      setNotice(i18n.t("care.plan.approvedNotice"));
      state.reload();
    } catch (failure) {
      setError(i18n.error(failure));
    }
  };
  return (
    <Loaded state={state}>
      {({ child, plan, parents }) => (
        <section aria-labelledby="plan-title">
          <ChildHeader child={child} current="plan" titleId="plan-title" title={i18n.t("care.plan.title")} />
          {notice && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
          <FormError text={error} />
          {child.placement !== "inside_with_mother" ? (
            <p class="muted">{i18n.t("care.notInside")}</p>
          ) : editing || (!plan && can(me, "saveTransitionPlan")) ? (
            <PlanForm
              childId={child.id}
              plan={plan}
              parents={parents}
              onCancel={plan ? () => setEditing(false) : undefined}
              onSaved={() => {
                setEditing(false);
                setNotice(i18n.t("care.plan.savedNotice"));
                state.reload();
              }}
            />
          ) : !plan ? (
            <p class="muted" data-testid="plan-missing">
              {i18n.t("care.plan.none")}
            </p>
          ) : (
            <div class="card" data-testid="plan">
              <p>
                <span class={"tag plan-" + plan.status} data-testid="plan-status">
                  {i18n.t(plan.status === "approved" ? "care.plan.approved" : "care.plan.draft")}
                </span>{" "}
                {plan.approved_on && <span class="muted">{i18n.t("care.plan.approvedOn", { date: i18n.date(plan.approved_on) })}</span>}
              </p>
              <dl class="facts">
                <div>
                  <dt>{i18n.t("care.plan.destination")}</dt>
                  <dd>{i18n.t(("care.destination." + plan.destination) as MessageKey)}</dd>
                </div>
                <div>
                  <dt>{i18n.t("care.plan.receiving")}</dt>
                  <dd>{plan.receiving_party}</dd>
                </div>
                <div>
                  <dt>{i18n.t("care.plan.consulted")}</dt>
                  <dd>{plan.consulted}</dd>
                </div>
                {plan.visits && (
                  <div>
                    <dt>{i18n.t("care.plan.visitsAfter")}</dt>
                    <dd>
                      {parents.find((one) => one.id === plan.visits!.parent_id)?.name ?? "#" + plan.visits.parent_id} ·{" "}
                      {i18n.t(("care.frequency." + plan.visits.frequency) as MessageKey)}
                    </dd>
                  </div>
                )}
              </dl>
              <h2>{i18n.t("care.plan.steps")}</h2>
              <ol class="timeline" data-testid="plan-steps">
                {plan.steps.map((step, index) => (
                  <li key={index}>
                    <strong>{i18n.date(step.on)}</strong>
                    <br />
                    {step.description}
                  </li>
                ))}
              </ol>
              {plan.visit_requirements.length > 0 && (
                <p class="muted">
                  {i18n.t("care.plan.requirement", {
                    date: i18n.date(plan.visit_requirements[plan.visit_requirements.length - 1].starts_on),
                  })}
                </p>
              )}
              <div class="actions">
                {can(me, "saveTransitionPlan") && (
                  <button type="button" onClick={() => setEditing(true)}>
                    {i18n.t("care.plan.edit")}
                  </button>
                )}
                {plan.status === "draft" && can(me, "approveTransitionPlan") && (
                  <button type="button" class="primary" onClick={() => approve(plan)}>
                    {i18n.t("care.plan.approve")}
                  </button>
                )}
              </div>
            </div>
          )}
        </section>
      )}
    </Loaded>
  );
}

const planFields = ["destination", "receiving_party", "consulted", "steps", "visit_parent_id", "visit_frequency"];

function PlanForm({
  childId,
  plan,
  parents,
  onSaved,
  onCancel,
}: {
  childId: number;
  plan: TransitionPlan | null;
  parents: { id: number; name: string }[];
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const i18n = useI18n();
  const initial = {
    destination: plan?.destination ?? "",
    receiving_party: plan?.receiving_party ?? "",
    consulted: plan?.consulted ?? "",
    steps: JSON.stringify(plan?.steps.length ? plan.steps : [{ on: "", description: "" }]),
    visit_parent_id: plan?.visits ? String(plan.visits.parent_id) : "",
    visit_frequency: plan?.visits?.frequency ?? "",
  };
  // The draft survives an expired session; steps are kept as JSON text.
  const [form, setForm, clear] = useDraft(`plan.${childId}.${plan?.id ?? "new"}`, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const steps: Step[] = (() => {
    try {
      return JSON.parse(form.steps) as Step[];
    } catch {
      return [{ on: "", description: "" }];
    }
  })();
  const setSteps = (next: Step[]) => setForm({ ...form, steps: JSON.stringify(next) });
  const set = (name: keyof typeof initial) => (value: string) => setForm({ ...form, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    try {
      await api(`/children/${childId}/transition-plan`, {
        body: {
          destination: form.destination || undefined,
          receiving_party: form.receiving_party,
          consulted: form.consulted,
          steps: steps.filter((step) => step.on || step.description),
          ...(form.visit_parent_id ? { visit_parent_id: Number(form.visit_parent_id) } : {}),
          ...(form.visit_frequency ? { visit_frequency: form.visit_frequency } : {}),
        },
      });
      clear();
      onSaved();
    } catch (error) {
      setErrors(fieldErrors(i18n, error, planFields));
    }
  };
  return (
    <form class="card form-card" onSubmit={submit} noValidate aria-labelledby="plan-form-title">
      <h2 id="plan-form-title" class="card-heading">
        {i18n.t(plan ? "care.plan.editTitle" : "care.plan.newTitle")}
      </h2>
      {plan?.status === "approved" && <p class="notice notice-warn">{i18n.t("care.plan.reapprove")}</p>}
      <div class="form-grid">
        <SelectField
          id="destination"
          label={i18n.t("care.plan.destination")}
          value={form.destination}
          placeholder={i18n.t("field.choose")}
          error={errors.destination}
          options={destinations.map((value) => ({ value, label: i18n.t(("care.destination." + value) as MessageKey) }))}
          onChange={set("destination")}
        />
        <TextField id="receiving_party" label={i18n.t("care.plan.receiving")} value={form.receiving_party} error={errors.receiving_party} onInput={set("receiving_party")} />
      </div>
      <TextArea id="consulted" label={i18n.t("care.plan.consulted")} value={form.consulted} error={errors.consulted} onInput={set("consulted")} rows={2} />
      <fieldset class={"steps" + (errors.steps ? " field-invalid" : "")} aria-describedby={errors.steps ? "steps-error" : undefined}>
        <legend>{i18n.t("care.plan.steps")}</legend>
        {steps.map((step, index) => (
          <div class="step-row" key={index} data-testid="step-row">
            <TextField
              id={`step-on-${index}`}
              type="date"
              label={i18n.t("care.plan.stepOn", { n: index + 1 })}
              value={step.on}
              onInput={(on) => setSteps(steps.map((one, at) => (at === index ? { ...one, on } : one)))}
            />
            <TextField
              id={`step-description-${index}`}
              label={i18n.t("care.plan.stepWhat", { n: index + 1 })}
              value={step.description}
              onInput={(description) => setSteps(steps.map((one, at) => (at === index ? { ...one, description } : one)))}
            />
            {steps.length > 1 && (
              <button type="button" class="link" onClick={() => setSteps(steps.filter((_, at) => at !== index))}>
                {i18n.t("care.plan.removeStep", { n: index + 1 })}
              </button>
            )}
          </div>
        ))}
        {errors.steps && (
          <small id="steps-error" class="error" role="alert">
            {errors.steps}
          </small>
        )}
        <button type="button" onClick={() => setSteps([...steps, { on: "", description: "" }])}>
          {i18n.t("care.plan.addStep")}
        </button>
      </fieldset>
      <div class="form-grid">
        <SelectField
          id="visit_parent_id"
          label={i18n.t("care.plan.visitParent")}
          value={form.visit_parent_id}
          placeholder={i18n.t("care.plan.noVisits")}
          error={errors.visit_parent_id}
          options={parents.map((parent) => ({ value: String(parent.id), label: parent.name }))}
          onChange={set("visit_parent_id")}
        />
        <SelectField
          id="visit_frequency"
          label={i18n.t("care.plan.visitFrequency")}
          value={form.visit_frequency}
          placeholder={i18n.t("app.none")}
          error={errors.visit_frequency}
          options={frequencies.map((value) => ({ value, label: i18n.t(("care.frequency." + value) as MessageKey) }))}
          onChange={set("visit_frequency")}
        />
      </div>
      <FormError text={errors.form} />
      <div class="actions">
        <button type="submit" class="primary">
          {i18n.t("care.plan.save")}
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
