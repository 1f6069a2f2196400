// Nursery needs and donations: what the children living inside a facility need
// now and a month from now against the stock (with the shortfall), the stock
// per item, and a form to record a donation. Auditors see the figures only
// (needs and stock), never donors.
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import { api, type RecordRow } from "../api";
import { fieldErrors } from "./care";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { lookup } from "../lookups";
import { useI18n, type I18n, type MessageKey } from "../i18n";
import { can, useSession } from "../session";
import { CorrectionForm, Handouts } from "./SupplyHandouts";


interface ItemNeed {
  item_id: number;
  name_es: string;
  name_en: string;
  unit: string;
  kind: string;
  children: number;
  needed: number;
  allocated: number;
  in_stock: number;
  shortfall: number;
}
interface NeedsOnDate {
  date: string;
  children: number;
  items: ItemNeed[];
}
interface FacilityNeeds {
  facility_id: number;
  facility: string;
  children_inside: number;
  now: NeedsOnDate;
  next_month: NeedsOnDate;
}
interface StockLine {
  item_id: number;
  name_es: string;
  name_en: string;
  unit: string;
  quantity: number;
}
interface Donation {
  id: number;
  item_id: number;
  quantity: number;
  received_quantity?: number;
  correction_reason?: string | null;
  donated_on: string;
  donor_type: string;
  donor_name: string | null;
}
interface SupplyItem {
  id: number;
  name_es: string;
  name_en: string;
  unit: string;
  archived?: boolean;
}

const itemName = (i18n: I18n, row: { name_es: string; name_en: string }) => (i18n.lang === "es" ? row.name_es : row.name_en);
const unitName = (i18n: I18n, unit: string, n: number) => {
  const key = "supply.unit." + unit;
  return i18n.has(key) ? i18n.t(key as MessageKey, { n }) : unit;
};
const donorKey: Record<string, MessageKey> = { family: "supply.donor.family", charity: "supply.donor.charity", other: "supply.donor.other" };

export function Supplies() {
  const i18n = useI18n();
  const { me } = useSession();
  const writes = can(me, "recordDonation");
  const facilities = useAsync(() => lookup("facilities").then((rows) => rows.filter((row) => me.nursery_facility_ids.includes(row.id))), []);
  const [chosen, setChosen] = useState<string>("");
  const facilityId = me.facility_id ?? (chosen ? Number(chosen) : (facilities.data?.[0]?.id as number | undefined));
  const [tick, setTick] = useState(0);
  const needs = useAsync(() => (facilityId ? api<FacilityNeeds>(`/facilities/${facilityId}/needs`) : Promise.resolve(null)), [facilityId, tick]);
  const stock = useAsync(
    () => (facilityId ? api<{ items: StockLine[] }>(`/facilities/${facilityId}/stock`).then((r) => r.items) : Promise.resolve([] as StockLine[])),
    [facilityId, tick],
  );
  const refresh = () => setTick((value) => value + 1);
  return (
    <section aria-labelledby="supply-title">
      <h1 id="supply-title">{i18n.t("supply.title")}</h1>
      {me.facility_id === null && (
        <Loaded state={facilities}>
          {(rows: RecordRow[]) => (
            <div class="filters">
              <SelectField
                id="supply-facility"
                label={i18n.t("supply.facility")}
                value={String(facilityId ?? "")}
                options={rows.map((row) => ({ value: String(row.id), label: String(row.name) }))}
                onChange={setChosen}
              />
            </div>
          )}
        </Loaded>
      )}
      <Loaded state={needs}>
        {(data) =>
          data && (
            <>
              <p>
                <strong>{data.facility}</strong> · {i18n.t("supply.childrenInside", { n: data.children_inside })}
              </p>
              <NeedsTable title={i18n.t("supply.needsNow", { date: i18n.date(data.now.date) })} needs={data.now} testid="needs-now" />
              <NeedsTable title={i18n.t("supply.needsNext", { date: i18n.date(data.next_month.date) })} needs={data.next_month} testid="needs-next" />
            </>
          )
        }
      </Loaded>
      <div class="grid">
        <div class="card">
          <h2 class="card-heading">{i18n.t("supply.stock")}</h2>
          <Loaded state={stock}>
            {(lines) => (
              <ul class="plain-list" data-testid="stock">
                {lines.map((line) => (
                  <li key={line.item_id} data-item={line.item_id}>
                    {itemName(i18n, line)}: <strong data-testid={"stock-" + line.item_id}>{i18n.number(line.quantity)}</strong> {unitName(i18n, line.unit, line.quantity)}
                  </li>
                ))}
              </ul>
            )}
          </Loaded>
        </div>
        {writes && facilityId && <DonationForm facilityId={facilityId} onSaved={refresh} />}
      </div>
      {can(me, "allocateSupply") && facilityId && <Handouts facilityId={facilityId} tick={tick} onSaved={refresh} />}
      {writes && facilityId && <Donations facilityId={facilityId} tick={tick} corrects={can(me, "correctDonation")} onCorrected={refresh} />}
    </section>
  );
}

function NeedsTable({ title, needs, testid }: { title: string; needs: NeedsOnDate; testid: string }) {
  const i18n = useI18n();
  return (
    <div class="table-wrap card form-card" tabIndex={0} role="region" aria-label={title}>
      <table data-testid={testid}>
        <caption class="card-heading">
          {title} · {i18n.t("supply.childrenCounted", { n: needs.children })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t("supply.item")}</th>
            <th scope="col">{i18n.t("supply.needed")}</th>
            <th scope="col">{i18n.t("supply.allocated")}</th>
            <th scope="col">{i18n.t("supply.inStock")}</th>
            <th scope="col">{i18n.t("supply.shortfall")}</th>
          </tr>
        </thead>
        <tbody>
          {needs.items.map((item) => (
            <tr key={item.item_id}>
              <th scope="row">
                {itemName(i18n, item)} <span class="muted small">({i18n.t(item.kind === "monthly" ? "supply.monthly" : "supply.durable")})</span>
              </th>
              <td>{i18n.number(item.needed)}</td>
              <td>{i18n.number(item.allocated)}</td>
              <td>{i18n.number(item.in_stock)}</td>
              <td class={item.shortfall > 0 ? "offence" : ""}>
                {item.shortfall > 0 ? <strong>{i18n.number(item.shortfall)}</strong> : i18n.number(0)} {unitName(i18n, item.unit, item.shortfall)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const fields = ["item_id", "quantity", "donated_on", "donor_type", "donor_name", "note"];

function DonationForm({ facilityId, onSaved }: { facilityId: number; onSaved: () => void }) {
  const i18n = useI18n();
  const items = useAsync(() => api<{ items: SupplyItem[] }>("/nursery/supply-items").then((r) => r.items.filter((item) => !item.archived)), []);
  const [form, setForm, clear] = useDraft("donation." + facilityId, {
    item_id: "",
    quantity: "",
    donated_on: today(),
    donor_type: "family",
    donor_name: "",
    note: "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setDone(null);
    const quantity = form.quantity.trim() === "" ? undefined : /^-?\d+$/.test(form.quantity.trim()) ? Number(form.quantity) : form.quantity;
    try {
      await api(`/facilities/${facilityId}/donations`, {
        body: {
          item_id: form.item_id ? Number(form.item_id) : undefined,
          quantity,
          donated_on: form.donated_on || undefined,
          donor_type: form.donor_type,
          donor_name: form.donor_name.trim() || undefined,
          note: form.note.trim() || undefined,
        },
      });
      const item = items.data?.find((one) => String(one.id) === form.item_id);
      setDone(i18n.t("supply.recorded", { n: form.quantity, item: item ? itemName(i18n, item) : "" }));
      clear();
      onSaved();
    } catch (error) {
      setErrors(fieldErrors(i18n, error, fields));
    }
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="donation-title">
      <h2 id="donation-title" class="card-heading">
        {i18n.t("supply.recordDonation")}
      </h2>
      <SelectField
        id="item_id"
        label={i18n.t("supply.item")}
        value={form.item_id}
        error={errors.item_id}
        placeholder={i18n.t("supply.chooseItem")}
        options={(items.data ?? []).map((item) => ({ value: String(item.id), label: itemName(i18n, item) }))}
        onChange={(item_id) => setForm({ ...form, item_id })}
      />
      <TextField id="quantity" label={i18n.t("supply.quantity")} inputMode="numeric" value={form.quantity} error={errors.quantity} onInput={(quantity) => setForm({ ...form, quantity })} />
      <TextField id="donated_on" type="date" label={i18n.t("supply.donatedOn")} value={form.donated_on} error={errors.donated_on} onInput={(donated_on) => setForm({ ...form, donated_on })} />
      <SelectField
        id="donor_type"
        label={i18n.t("supply.donorType")}
        value={form.donor_type}
        error={errors.donor_type}
        options={["family", "charity", "other"].map((value) => ({ value, label: i18n.t(donorKey[value]) }))}
        onChange={(donor_type) => setForm({ ...form, donor_type })}
      />
      <TextField id="donor_name" label={i18n.t("supply.donorName")} value={form.donor_name} error={errors.donor_name} onInput={(donor_name) => setForm({ ...form, donor_name })} />
      <TextField id="note" label={i18n.t("supply.note")} value={form.note} error={errors.note} onInput={(note) => setForm({ ...form, note })} />
      {errors.form && (
        <p class="error" role="alert">
          {errors.form}
        </p>
      )}
      {done && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      <button type="submit" class="primary">
        {i18n.t("supply.save")}
      </button>
    </form>
  );
}

function Donations({ facilityId, tick, corrects, onCorrected }: { facilityId: number; tick: number; corrects: boolean; onCorrected: () => void }) {
  const i18n = useI18n();
  const [correcting, setCorrecting] = useState<number | null>(null);
  const donations = useAsync(
    () =>
      Promise.all([
        api<{ items: Donation[] }>(`/facilities/${facilityId}/donations`),
        // The items in use and the archived ones (a donation may name either).
        Promise.all(
          ["false", "true"].map((archived) => api<{ items: SupplyItem[] }>("/nursery/supply-items", { query: { archived } }).catch(() => ({ items: [] as SupplyItem[] }))),
        ).then(([active, archived]) => ({ items: [...active.items, ...archived.items] })),
      ]),
    [facilityId, tick],
  );
  return (
    <>
      <h2>{i18n.t("supply.donations")}</h2>
      <Loaded state={donations}>
        {([list, catalogue]) =>
          list.items.length === 0 ? (
            <p class="muted">{i18n.t("supply.noDonations")}</p>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("supply.donations")}>
              <table data-testid="donations">
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("supply.donatedOn")}</th>
                    <th scope="col">{i18n.t("supply.item")}</th>
                    <th scope="col">{i18n.t("supply.quantity")}</th>
                    <th scope="col">{i18n.t("supply.donor")}</th>
                    {corrects && (
                      <th scope="col">
                        <span class="sr-only">{i18n.t("req.actions")}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {list.items.slice(0, 20).map((row) => {
                    const item = catalogue.items.find((one) => one.id === row.item_id);
                    const name = item ? itemName(i18n, item) : "#" + row.item_id;
                    return (
                      <Fragment key={row.id}>
                        <tr data-donation-id={row.id}>
                          <td>{i18n.date(row.donated_on)}</td>
                          <td>{name}</td>
                          <td>
                            {i18n.number(row.quantity)}
                            {row.correction_reason ? (
                              <span class="muted small">
                                {" "}
                                ({i18n.t("correction.was", { n: i18n.number(row.received_quantity ?? row.quantity), reason: row.correction_reason })})
                              </span>
                            ) : null}
                          </td>
                          <td>
                            {i18n.t(donorKey[row.donor_type] ?? "supply.donor.other")}
                            {row.donor_name ? " · " + row.donor_name : ""}
                          </td>
                          {corrects && (
                            <td>
                              <button
                                type="button"
                                class="link"
                                aria-expanded={correcting === row.id}
                                aria-label={i18n.t("correction.open", { item: name, date: i18n.date(row.donated_on) })}
                                onClick={() => setCorrecting(correcting === row.id ? null : row.id)}
                              >
                                {i18n.t("correction.action")}
                              </button>
                            </td>
                          )}
                        </tr>
                        {corrects && correcting === row.id && (
                          <tr>
                            <td colSpan={5}>
                              <CorrectionForm
                                facilityId={facilityId}
                                donation={row}
                                item={name}
                                onSaved={() => {
                                  setCorrecting(null);
                                  onCorrected();
                                }}
                              />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}
