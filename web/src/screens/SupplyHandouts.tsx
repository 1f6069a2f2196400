// Supply hand-outs and donation corrections (issue 16), on the needs and
// donations screen. A hand-out gives stock to a child living inside the
// facility (POST /facilities/{id}/allocations): not enough stock is a 409
// naming quantity, a child not living there a 422 naming child_id, and
// nothing changes; the recent hand-outs are listed with the child's name
// (GET .../allocations, case data: not for auditors). A donation is corrected
// with a new quantity and a reason (POST .../donations/{id}/correction; 0
// withdraws it, asked first); taking back stock already handed out is a 409
// naming quantity. Both forms keep a draft until saved.
import { useState } from "preact/hooks";
import { api, ApiError, listAll, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type I18n } from "../i18n";
import { fullName } from "../lookups";
import { fieldErrors, FormError, Saved, todayIso } from "./care";

export interface SupplyItemName {
  id: number;
  name_es: string;
  name_en: string;
  unit: string;
  archived?: boolean;
}
interface Allocation {
  id: number;
  item_id: number;
  child_id: number;
  quantity: number;
  allocated_on: string;
  note: string | null;
}
export interface CorrectableDonation {
  id: number;
  item_id: number;
  quantity: number;
  received_quantity?: number;
  correction_reason?: string | null;
}

const itemLabel = (i18n: I18n, item: SupplyItemName | undefined, id: number) => (item ? (i18n.lang === "es" ? item.name_es : item.name_en) : "#" + id);
const wholeNumber = (text: string): number | string | undefined => (text.trim() === "" ? undefined : /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text);

// The children living inside the facility, for the hand-out form and names.
const childrenInside = (facilityId: number) => listAll<RecordRow>("/children", { placement: "inside_with_mother", facility_id: facilityId });

export function Handouts({ facilityId, tick, onSaved }: { facilityId: number; tick: number; onSaved: () => void }) {
  const i18n = useI18n();
  const state = useAsync(async () => {
    const [children, items, allocations] = await Promise.all([
      childrenInside(facilityId),
      api<{ items: SupplyItemName[] }>("/nursery/supply-items").then((r) => r.items),
      api<{ items: Allocation[] }>(`/facilities/${facilityId}/allocations`).then((r) => r.items),
    ]);
    return { children, items, allocations };
  }, [facilityId, tick]);
  return (
    <Loaded state={state}>
      {({ children, items, allocations }) => (
        <>
          <HandoutForm facilityId={facilityId} children={children} items={items.filter((item) => !item.archived)} onSaved={onSaved} />
          <h2>{i18n.t("handout.recent")}</h2>
          {allocations.length === 0 ? (
            <p class="muted" data-testid="handouts-none">
              {i18n.t("handout.none")}
            </p>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("handout.recent")}>
              <table data-testid="handouts">
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("handout.date")}</th>
                    <th scope="col">{i18n.t("handout.child")}</th>
                    <th scope="col">{i18n.t("supply.item")}</th>
                    <th scope="col">{i18n.t("supply.quantity")}</th>
                  </tr>
                </thead>
                <tbody>
                  {allocations.slice(0, 20).map((row) => {
                    const child = children.find((one) => one.id === row.child_id);
                    return (
                      <tr key={row.id}>
                        <td>{i18n.date(row.allocated_on)}</td>
                        <td>{child ? fullName(child) : "#" + row.child_id}</td>
                        <td>{itemLabel(i18n, items.find((one) => one.id === row.item_id), row.item_id)}</td>
                        <td>{i18n.number(row.quantity)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Loaded>
  );
}

const kHandoutFields = ["child_id", "item_id", "quantity", "allocated_on", "note"];

function HandoutForm({ facilityId, children, items, onSaved }: { facilityId: number; children: RecordRow[]; items: SupplyItemName[]; onSaved: () => void }) {
  const i18n = useI18n();
  const [form, setForm, clear] = useDraft("handout." + facilityId, { child_id: "", item_id: "", quantity: "", allocated_on: todayIso(), note: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setDone("");
    setBusy(true);
    try {
      await api(`/facilities/${facilityId}/allocations`, {
        body: {
          child_id: form.child_id ? Number(form.child_id) : undefined,
          item_id: form.item_id ? Number(form.item_id) : undefined,
          quantity: wholeNumber(form.quantity),
          allocated_on: form.allocated_on || undefined,
          note: form.note.trim() || undefined,
        },
      });
      const child = children.find((one) => String(one.id) === form.child_id);
      const item = items.find((one) => String(one.id) === form.item_id);
      setDone(i18n.t("handout.saved", { n: form.quantity.trim(), item: itemLabel(i18n, item, Number(form.item_id)), child: child ? fullName(child) : "" }));
      clear();
      onSaved();
    } catch (error) {
      const found = fieldErrors(i18n, error, kHandoutFields);
      if (error instanceof ApiError && error.field === "quantity" && error.status === 409) found.quantity = i18n.t("handout.error.stock");
      if (error instanceof ApiError && error.field === "child_id" && error.problem.code === "invalid_argument") found.child_id = i18n.t("handout.error.child");
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card form-card" onSubmit={submit} noValidate aria-labelledby="handout-title">
      <h2 id="handout-title" class="card-heading">
        {i18n.t("handout.title")}
      </h2>
      <div class="form-grid">
        <SelectField
          id="handout-child"
          label={i18n.t("handout.child")}
          value={form.child_id}
          placeholder={i18n.t("field.choose")}
          error={errors.child_id}
          options={children.map((row) => ({ value: String(row.id), label: fullName(row) }))}
          onChange={(child_id) => setForm({ ...form, child_id })}
        />
        <SelectField
          id="handout-item"
          label={i18n.t("handout.item")}
          value={form.item_id}
          placeholder={i18n.t("supply.chooseItem")}
          error={errors.item_id}
          options={items.map((item) => ({ value: String(item.id), label: itemLabel(i18n, item, item.id) }))}
          onChange={(item_id) => setForm({ ...form, item_id })}
        />
        <TextField id="handout-quantity" label={i18n.t("handout.quantity")} inputMode="numeric" value={form.quantity} error={errors.quantity} onInput={(quantity) => setForm({ ...form, quantity })} />
        <TextField id="handout-date" type="date" label={i18n.t("handout.date")} value={form.allocated_on} error={errors.allocated_on} onInput={(allocated_on) => setForm({ ...form, allocated_on })} />
      </div>
      <TextField id="handout-note" label={i18n.t("supply.note")} value={form.note} error={errors.note} onInput={(note) => setForm({ ...form, note })} />
      <FormError text={errors.form} />
      <Saved text={done} />
      <button type="submit" class="primary" disabled={busy}>
        {i18n.t("handout.save")}
      </button>
    </form>
  );
}

export function CorrectionForm({ facilityId, donation, item, onSaved }: { facilityId: number; donation: CorrectableDonation; item: string; onSaved: () => void }) {
  const i18n = useI18n();
  const [form, setForm, clear] = useDraft(`donation-correction.${donation.id}`, { quantity: String(donation.quantity), reason: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    const quantity = wholeNumber(form.quantity);
    // Withdrawing the donation takes its stock back: asked first.
    if (quantity === 0 && !window.confirm(i18n.t("correction.confirmWithdraw", { item }))) return;
    setBusy(true);
    try {
      await api(`/facilities/${facilityId}/donations/${donation.id}/correction`, { body: { quantity, reason: form.reason.trim() || undefined } });
      clear();
      onSaved();
    } catch (error) {
      const found = fieldErrors(i18n, error, ["quantity", "reason"]);
      if (error instanceof ApiError && error.field === "quantity" && error.status === 409) found.quantity = i18n.t("correction.error.handedOut");
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={i18n.t("correction.title", { item })} class="form-card">
      <p class="hint">{i18n.t("correction.hint")}</p>
      <div class="form-grid">
        <TextField id={`correction-quantity-${donation.id}`} label={i18n.t("correction.quantity")} inputMode="numeric" value={form.quantity} error={errors.quantity} onInput={(quantity) => setForm({ ...form, quantity })} />
        <TextField id={`correction-reason-${donation.id}`} label={i18n.t("correction.reason")} value={form.reason} error={errors.reason} onInput={(reason) => setForm({ ...form, reason })} />
      </div>
      <FormError text={errors.form} />
      <button type="submit" class="primary" disabled={busy}>
        {i18n.t("correction.save")}
      </button>
    </form>
  );
}
