// A child's family seen together (GET /children/{id}/family, issue 15): every
// child, parent and carer the user may see, where each is now, the distances
// between them, the next and last visit of each child-parent pair, siblings
// who have not seen each other for N days, and the family's one timeline. A
// member the user may not see is simply absent (the server leaves it out).
// Roles that change family links get a form to record two children as siblings.
// What is typed in either form is kept as a draft (a reload or an expired
// session loses nothing); the sibling form's until the link is saved.
import { useState } from "preact/hooks";
import { api, listAll, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type I18n, type MessageKey } from "../i18n";
import { fullName } from "../lookups";
import { can, useSession } from "../session";
import { fieldErrors, FormError } from "./care";

interface Place {
  kind: string;
  facility: { id: number; name: string } | null;
  home: { id: number; name: string } | null;
  since: string | null;
}
interface VisitRef {
  visit_id: number;
  date: string;
  start_time: string;
  facility: { id: number; name: string };
}
interface Member {
  kind: "child" | "parent";
  id: number;
}
export interface Family {
  child_id: number;
  as_of: string;
  apart_days: number;
  children: { record: RecordRow; place: Place }[];
  parents: {
    record: RecordRow;
    place: Place;
    days_to_release: number | null;
    release_history: { expected_release_date: string | null; previous_date: string | null; changed_at: string }[];
  }[];
  carers: { staff_id: number; given_names: string; family_names: string; home: { id: number; name: string } }[];
  parent_links: { parent_id: number; child_id: number; relation: string }[];
  siblings: { child_id: number; sibling_id: number; relation: string; link_id: number | null }[];
  distances: { relation: string; from: Member; to: Member; km: number }[];
  pairs: { child_id: number; parent_id: number; next_planned: VisitRef | null; last_attended: VisitRef | null }[];
  siblings_apart: { child_id: number; sibling_id: number; last_seen_on: string | null; days_apart: number | null }[];
  timeline: {
    on: string;
    kind: string;
    child_id: number | null;
    parent_id: number | null;
    facility_id: number | null;
    home_id: number | null;
    status: string;
    detail: string;
  }[];
}

// Beyond 160 km (100 miles) a visit is a long journey (docs/domain.md).
const kFarKm = 160;

function placeText(i18n: I18n, place: Place): string {
  const where = place.facility?.name ?? place.home?.name;
  const kind = i18n.t(("family.place." + place.kind) as MessageKey);
  const text = where ? `${kind}: ${where}` : kind;
  return place.since ? text + " · " + i18n.t("child.from", { date: i18n.date(place.since) }) : text;
}

function visitText(i18n: I18n, visit: VisitRef | null): string {
  if (!visit) return i18n.t("app.none");
  return `${i18n.date(visit.date)}, ${visit.start_time} · ${visit.facility.name}`;
}

export function ChildFamily({ params }: { params: Record<string, string> }) {
  const i18n = useI18n();
  const { me } = useSession();
  const [apart, setApart] = useDraft("family.apart." + params.id, { apart_days: "" });
  const apartDays = apart.apart_days;
  const [reload, setReload] = useState(0);
  const state = useAsync<Family>(
    () => api<Family>(`/children/${params.id}/family`, { query: { apart_days: apartDays || undefined } }),
    [params.id, reload],
  );
  return (
    <Loaded state={state}>
      {(family) => {
        const names = new Map<string, string>();
        for (const child of family.children) names.set("child" + child.record.id, fullName(child.record));
        for (const parent of family.parents) names.set("parent" + parent.record.id, fullName(parent.record));
        const nameOf = (kind: string, id: number | null) => (id === null ? "" : names.get(kind + id) ?? "#" + id);
        const anchor = family.children.find((child) => child.record.id === family.child_id);
        return (
          <article aria-labelledby="family-title">
            <p>
              <a href={`/children/${family.child_id}`}>← {anchor ? fullName(anchor.record) : i18n.t("child.title")}</a>
            </p>
            <h1 id="family-title">{i18n.t("family.title", { name: anchor ? fullName(anchor.record) : "" })}</h1>
            <p class="muted small">{i18n.t("family.scope")}</p>

            <h2>{i18n.t("family.members")}</h2>
            <ul class="cards" data-testid="family-members">
              {family.children.map((child) => (
                <li key={"c" + child.record.id} class="card" data-kind="child">
                  <a href={`/children/${child.record.id}`}>
                    <strong>{fullName(child.record)}</strong>
                  </a>{" "}
                  <span class="tag">{i18n.t("family.child")}</span>
                  <br />
                  <span data-testid="family-place">{placeText(i18n, child.place)}</span>
                </li>
              ))}
              {family.parents.map((parent) => {
                const relations = [...new Set(family.parent_links.filter((link) => link.parent_id === parent.record.id).map((link) => link.relation))];
                return (
                  <li key={"p" + parent.record.id} class="card" data-kind="parent">
                    <strong>{fullName(parent.record)}</strong>{" "}
                    {relations.map((relation) => (
                      <span key={relation} class="tag">
                        {i18n.t(("relation." + relation) as MessageKey)}
                      </span>
                    ))}
                    <br />
                    <span data-testid="family-place">{placeText(i18n, parent.place)}</span>
                    {parent.release_history.length > 1 && (
                      <>
                        <br />
                        <span class="muted small" data-testid="family-release-history">
                          {i18n.t("release.history", { dates: parent.release_history.map((change) => i18n.date(change.expected_release_date)).join(" → ") })}
                        </span>
                      </>
                    )}
                    {can(me, "getReunificationPlan") && (
                      <>
                        <br />
                        <a href={`/parents/${parent.record.id}/reunification`} data-testid="family-reunification-link">
                          {i18n.t("reunification.link")}
                        </a>
                      </>
                    )}
                    {parent.days_to_release !== null && (
                      <>
                        <br />
                        <span class={parent.days_to_release <= 365 ? "tag tag-alert" : "muted"} data-testid="family-release">
                          {i18n.t("family.release", { date: i18n.date(parent.record.expected_release_date as string), n: i18n.number(parent.days_to_release) })}
                        </span>
                      </>
                    )}
                  </li>
                );
              })}
              {family.carers.map((carer) => (
                <li key={"s" + carer.staff_id} class="card" data-kind="carer">
                  <strong>
                    {carer.given_names} {carer.family_names}
                  </strong>{" "}
                  <span class="tag">{i18n.t("family.carer")}</span>
                  <br />
                  {i18n.t("family.place.home")}: {carer.home.name}
                </li>
              ))}
            </ul>

            <h2>{i18n.t("family.distances")}</h2>
            {family.distances.length === 0 ? (
              <p class="muted">{i18n.t("family.noDistances")}</p>
            ) : (
              <table class="stack" data-testid="family-distances">
                <caption class="sr-only">{i18n.t("family.distances")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("family.from")}</th>
                    <th scope="col">{i18n.t("family.to")}</th>
                    <th scope="col">{i18n.t("family.km")}</th>
                  </tr>
                </thead>
                <tbody>
                  {family.distances.map((distance) => (
                    <tr key={`${distance.from.kind}${distance.from.id}-${distance.to.kind}${distance.to.id}`} data-relation={distance.relation}>
                      <td data-label={i18n.t("family.from")}>{nameOf(distance.from.kind, distance.from.id)}</td>
                      <td data-label={i18n.t("family.to")}>{nameOf(distance.to.kind, distance.to.id)}</td>
                      <td data-label={i18n.t("family.km")}>
                        {i18n.t("care.distance.km", { km: i18n.number(Math.round(distance.km)) })}
                        {distance.km > kFarKm ? " · " + i18n.t("care.distance.far") : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}

            <h2>{i18n.t("family.visits")}</h2>
            {family.pairs.length === 0 ? (
              <p class="muted">{i18n.t("child.noParents")}</p>
            ) : (
              <table class="stack" data-testid="family-pairs">
                <caption class="sr-only">{i18n.t("family.visits")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("family.pair")}</th>
                    <th scope="col">{i18n.t("family.next")}</th>
                    <th scope="col">{i18n.t("family.last")}</th>
                  </tr>
                </thead>
                <tbody>
                  {family.pairs.map((pair) => (
                    <tr key={`${pair.child_id}-${pair.parent_id}`}>
                      <td data-label={i18n.t("family.pair")}>
                        {nameOf("child", pair.child_id)} → {nameOf("parent", pair.parent_id)}
                      </td>
                      <td data-label={i18n.t("family.next")}>{visitText(i18n, pair.next_planned)}</td>
                      <td data-label={i18n.t("family.last")}>{visitText(i18n, pair.last_attended)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}

            <h2>{i18n.t("family.apart")}</h2>
            <form
              class="actions"
              onSubmit={(event) => {
                event.preventDefault();
                setReload(reload + 1);
              }}
            >
              <TextField id="apart_days" type="number" inputMode="numeric" label={i18n.t("family.apartDays")} value={apartDays || String(family.apart_days)} onInput={(value) => setApart({ apart_days: value })} />
              <button type="submit">{i18n.t("family.apartShow")}</button>
            </form>
            {family.siblings_apart.length === 0 ? (
              <p class="muted">{i18n.t("family.noneApart", { n: family.apart_days })}</p>
            ) : (
              <ul data-testid="family-apart">
                {family.siblings_apart.map((pair) => (
                  <li key={`${pair.child_id}-${pair.sibling_id}`} class="alert">
                    {nameOf("child", pair.child_id)} · {nameOf("child", pair.sibling_id)}:{" "}
                    {pair.last_seen_on
                      ? i18n.t("family.lastSeen", { date: i18n.date(pair.last_seen_on), n: i18n.number(pair.days_apart) })
                      : i18n.t("family.neverSeen")}
                  </li>
                ))}
              </ul>
            )}

            <h2>{i18n.t("family.timeline")}</h2>
            <ol class="timeline" data-testid="family-timeline">
              {family.timeline.map((event, index) => (
                <li key={index} class={"event-" + event.kind + (event.status === "missed" ? " alert" : "")} data-kind={event.kind}>
                  <span class="tag">{i18n.t(("family.event." + event.kind) as MessageKey)}</span>{" "}
                  <strong>{[nameOf("child", event.child_id), nameOf("parent", event.parent_id)].filter(Boolean).join(" → ")}</strong>
                  <br />
                  <span class="muted">
                    {i18n.date(event.on)}
                    {event.kind === "visit" ? " · " + i18n.t(("family.visit." + event.status) as MessageKey) : ""}
                    {event.kind === "placement" ? " · " + i18n.t(("placement." + event.status) as MessageKey) : ""}
                    {event.detail ? " · " + event.detail : ""}
                  </span>
                </li>
              ))}
            </ol>

            {can(me, "linkSiblings") && <SiblingForm childId={family.child_id} family={family} onDone={() => setReload(reload + 1)} />}
          </article>
        );
      }}
    </Loaded>
  );
}

// Records that this child and another the user can see are siblings.
function SiblingForm({ childId, family, onDone }: { childId: number; family: Family; onDone: () => void }) {
  const i18n = useI18n();
  const [form, setForm, clear] = useDraft("sibling." + childId, { sibling_id: "", relation: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState("");
  const candidates = useAsync(() => listAll<RecordRow>("/children"), []);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setNotice("");
    try {
      await api(`/children/${childId}/sibling-links`, {
        body: { sibling_id: form.sibling_id ? Number(form.sibling_id) : undefined, relation: form.relation || undefined },
      });
      setNotice(i18n.t("family.linked"));
      clear();
      onDone();
    } catch (error) {
      setErrors(fieldErrors(i18n, error, ["sibling_id", "relation"]));
    }
  };
  const linked = new Set(family.siblings.flatMap((pair) => (pair.child_id === childId ? [pair.sibling_id] : pair.sibling_id === childId ? [pair.child_id] : [])));
  return (
    <form onSubmit={submit} noValidate aria-labelledby="sibling-form-title" class="card form-card">
      <h2 id="sibling-form-title">{i18n.t("family.link")}</h2>
      <SelectField
        id="sibling_id"
        label={i18n.t("family.sibling")}
        value={form.sibling_id}
        placeholder={i18n.t("field.choose")}
        error={errors.sibling_id}
        options={(candidates.data ?? [])
          .filter((child) => !linked.has(child.id))
          .map((child) => ({ value: String(child.id), label: fullName(child) }))}
        onChange={(value) => setForm({ ...form, sibling_id: value })}
      />
      <SelectField
        id="relation"
        label={i18n.t("family.relation")}
        value={form.relation}
        placeholder={i18n.t("field.choose")}
        error={errors.relation}
        options={["full", "half", "step"].map((value) => ({ value, label: i18n.t(("family.relation." + value) as MessageKey) }))}
        onChange={(value) => setForm({ ...form, relation: value })}
      />
      <FormError text={errors.form} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <button type="submit" class="primary">
        {i18n.t("family.linkButton")}
      </button>
    </form>
  );
}
