// A child's page: her record, a timeline of placements, leaves out of the
// nursery, health appointments, schooling, her transition plan and her visits
// to her parents (published plans, with the record and the caregiver's
// observation before and after), links to
// her plan, leave book and health screens, and her parents with the
// facilities where they are held and how far (offence only for roles allowed).
import { api, listAll, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { useI18n, type I18n, type MessageKey } from "../i18n";
import { ageText, fullName, lookup, nameOf } from "../lookups";
import { can, canRead, canWrite, useSession } from "../session";
import { dateTime } from "./care";
import type { Leave } from "./ChildLeave";
import type { Enrolment, HealthItem } from "./ChildHealth";
import { loadPlan, type TransitionPlan } from "./ChildPlan";
import { ProposalNotice, type AgeOutProposal } from "./NurseryBoard";

interface Placement {
  id: number;
  placement: string;
  started_on: string;
  ended_on: string | null;
  facility_id: number | null;
  home_id: number | null;
  note: string;
}

// A visit as GET /children/{id}/visits gives it (published plans only).
export interface ChildVisit {
  id: number;
  date: string;
  start_time: string;
  end_time: string;
  facility: { id: number; name: string };
  parent: { id: number; name: string };
  status: "planned" | "cancelled" | "recorded";
  needs_review: boolean;
  review_reason: string | null;
  record: {
    attended: boolean;
    absence_reason: string;
    actual_start: string | null;
    actual_end: string | null;
    brought: string[];
    note: string;
    mood_before: number | null;
    mood_after: number | null;
  } | null;
}

interface ChildData {
  child: RecordRow;
  placements: Placement[];
  parents: { link: RecordRow; parent: RecordRow | null }[];
  siblings: RecordRow[];
  facilities: RecordRow[];
  homes: RecordRow[];
  ageOut: {
    age_out_date: string | null;
    days_remaining: number | null;
    alert_level: string;
    transition_plan?: string;
    needs_plan?: boolean;
    // The kept decision and a proposal waiting (issue 15), from the board.
    decision?: { policy: string; decided_at: string; occasion: string } | null;
    proposal?: AgeOutProposal | null;
  } | null;
  leaves: Leave[];
  health: HealthItem[];
  schooling: Enrolment[];
  plan: TransitionPlan | null;
  visits: ChildVisit[];
}

// One line of the timeline, newest first.
interface Event {
  on: string;
  key: string;
  kind: "placement" | "leave" | "health" | "school" | "plan" | "visit";
  current?: boolean;
  title: string;
  detail: string;
  alert?: boolean;
}

// Great-circle distance in km (the same formula as src/domain/geo, Earth
// radius 6371 km): straight-line, not road, distance.
export function kmBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
const pointOf = (row: RecordRow | undefined, lat = "latitude", lon = "longitude") =>
  row && typeof row[lat] === "number" && typeof row[lon] === "number" ? { lat: row[lat] as number, lon: row[lon] as number } : null;

// The server's reasons for a review (domain/visit_rules.h) in the reader's
// language; any other reason as written.
const reviewReasons: Record<string, MessageKey> = {
  "the parent was transferred to another facility": "cv.reason.transferred",
  "the parent was released": "cv.reason.released",
};
export function reviewReason(i18n: I18n, reason: string | null): string {
  if (!reason) return "";
  return reviewReasons[reason] ? i18n.t(reviewReasons[reason]) : reason;
}

// "5 Dec 2026, 09:00–11:00 · Recorded: attended · mood 2 → 4 · note".
function visitDetail(i18n: I18n, visit: ChildVisit): string {
  const parts = [i18n.date(visit.date) + ", " + visit.start_time + "–" + visit.end_time, i18n.t(("cv.status." + visit.status) as MessageKey)];
  const record = visit.record;
  if (record) {
    parts.push(record.attended ? i18n.t("cv.attended") : i18n.t("cv.notAttended", { reason: record.absence_reason }));
    if (record.mood_before !== null || record.mood_after !== null) {
      const mood = (value: number | null) => (value === null ? "—" : i18n.t(("vv.mood." + value) as MessageKey));
      parts.push(i18n.t("cv.observation", { before: mood(record.mood_before), after: mood(record.mood_after) }));
    }
    if (record.note) parts.push(record.note);
  } else if (visit.status === "cancelled" && visit.review_reason) {
    parts.push(visit.review_reason.replace(/^cancelled: /, ""));
  } else if (visit.needs_review) {
    parts.push(i18n.t("cv.review", { reason: reviewReason(i18n, visit.review_reason) }));
  }
  return parts.join(" · ");
}

export function Child({ params }: { params: Record<string, string> }) {
  const i18n = useI18n();
  const { me } = useSession();
  const state = useAsync<ChildData>(async () => {
    const id = params.id;
    const [child, placements, links, siblings, facilities, homes] = await Promise.all([
      api<RecordRow>(`/children/${id}`),
      api<{ items: Placement[] }>(`/children/${id}/placements`).then((page) => page.items),
      canRead(me, "parent_child_links") ? listAll<RecordRow>("/parent_child_links", { child_id: id }).catch(() => []) : Promise.resolve([]),
      api<{ items: RecordRow[] }>(`/children/${id}/siblings`).then((page) => page.items).catch(() => []),
      lookup("facilities"),
      lookup("homes"),
    ]);
    const parents = await Promise.all(
      links.map(async (link) => ({ link, parent: canRead(me, "parents") ? await api<RecordRow>(`/parents/${link.parent_id}`).catch(() => null) : null })),
    );
    // A child living inside has an age-out date on the nursery board, and
    // on her own record with the rule behind it (issue 15).
    const ageOut =
      child.placement === "inside_with_mother"
        ? ((
            await api<{ items: (ChildData["ageOut"] & { child_id: number })[] }>("/nursery/ageouts", {
              // Her facility's board only (hundreds of rows), not the whole installation's.
              query: { facility_id: typeof child.facility_id === "number" ? child.facility_id : undefined },
            }).catch(() => ({ items: [] }))
          ).items.find(
            (row) => row?.child_id === child.id,
          ) ?? (child.age_out_date ? { age_out_date: child.age_out_date as string, days_remaining: null, alert_level: "none" } : null))
        : null;
    // Care records: a role that may not read them (or a child they do not
    // apply to) leaves the part out rather than failing the page.
    // Visits: roles outside the visit programme get 403 or 404 and see none.
    const [leaves, health, schooling, plan, visits] = await Promise.all([
      api<{ items: Leave[] }>("/nursery/leaves", { query: { child_id: id } }).then((page) => page.items).catch(() => []),
      api<{ items: HealthItem[] }>(`/children/${id}/health`).then((page) => page.items).catch(() => []),
      api<{ items: Enrolment[] }>(`/children/${id}/schooling`).then((page) => page.items).catch(() => []),
      child.placement === "inside_with_mother" ? loadPlan(id).catch(() => null) : Promise.resolve(null),
      api<{ items: ChildVisit[] }>(`/children/${id}/visits`).then((page) => page.items).catch(() => []),
    ]);
    return { child, placements, parents, siblings, facilities, homes, ageOut, leaves, health, schooling, plan, visits };
  }, [params.id]);
  return (
    <Loaded state={state}>
      {({ child, placements, parents, siblings, facilities, homes, ageOut, leaves, health, schooling, plan, visits }) => {
        const events: Event[] = [
          ...placements.map((placement) => ({
            on: placement.started_on,
            key: "p" + placement.id,
            kind: "placement" as const,
            current: !placement.ended_on,
            title:
              i18n.t(("placement." + placement.placement) as MessageKey) +
              (placement.facility_id ? " · " + nameOf(facilities, placement.facility_id) : "") +
              (placement.home_id ? " · " + nameOf(homes, placement.home_id) : ""),
            detail:
              i18n.t("child.from", { date: i18n.date(placement.started_on) }) +
              (placement.ended_on ? " " + i18n.t("child.until", { date: i18n.date(placement.ended_on) }) : ` (${i18n.t("child.current")})`) +
              (placement.note ? " · " + placement.note : ""),
          })),
          ...leaves.map((leave) => ({
            on: leave.left_at,
            key: "l" + leave.id,
            kind: "leave" as const,
            current: !leave.returned_at,
            alert: leave.state === "overdue",
            title: i18n.t("care.timeline.leave", { reason: i18n.t(("care.reason." + leave.reason) as MessageKey), adult: leave.adult_name }),
            detail:
              dateTime(i18n, leave.left_at) +
              " → " +
              (leave.returned_at ? dateTime(i18n, leave.returned_at) : i18n.t("care.leave.dueBack", { date: dateTime(i18n, leave.due_back_at) })) +
              " · " +
              i18n.t(("care.leave.state." + leave.state) as MessageKey),
          })),
          // What was done; what is overdue is counted above the timeline.
          ...health
            .filter((item) => item.done_on)
            .map((item, index) => ({
              on: item.done_on!,
              key: "h" + index,
              kind: "health" as const,
              title: item.name,
              detail: i18n.t(("care.kind." + item.kind) as MessageKey) + " · " + i18n.t("care.timeline.done", { date: i18n.date(item.done_on) }),
            })),
          ...schooling.map((row) => ({
            on: row.started_on,
            key: "s" + row.id,
            kind: "school" as const,
            title: i18n.t(("care.setting." + row.setting) as MessageKey) + " · " + row.institution,
            detail: i18n.t("child.from", { date: i18n.date(row.started_on) }) + (row.level ? " · " + row.level : ""),
          })),
          ...(plan?.approved_on
            ? [{ on: plan.approved_on, key: "plan", kind: "plan" as const, title: i18n.t("care.timeline.planApproved"), detail: i18n.t(("care.destination." + plan.destination) as MessageKey) + " · " + plan.receiving_party }]
            : []),
          ...visits.map((visit) => ({
            on: visit.date,
            key: "v" + visit.id,
            kind: "visit" as const,
            alert: visit.record ? !visit.record.attended : visit.status === "planned" && visit.needs_review,
            title: i18n.t("cv.title", { parent: visit.parent.name, facility: visit.facility.name }),
            detail: visitDetail(i18n, visit),
          })),
        ].sort((a, b) => b.on.localeCompare(a.on));
        const inside = child.placement === "inside_with_mother";
        const childPoint = inside
          ? pointOf(facilities.find((row) => row.id === child.facility_id))
          : child.home_id
            ? pointOf(homes.find((row) => row.id === child.home_id))
            : pointOf(child, "home_latitude", "home_longitude");
        const planStatus = plan ? plan.status : ageOut?.transition_plan ?? "missing";
        const overdueHealth = health.filter((item) => item.status === "overdue").length;
        return (
        <article aria-labelledby="child-title">
          <p>
            <a href="/children">← {i18n.t("children.title")}</a>
          </p>
          <h1 id="child-title">{fullName(child)}</h1>
          <dl class="facts card">
            <div>
              <dt>{i18n.t("children.pseudonym")}</dt>
              <dd>{String(child.pseudonym ?? "—")}</dd>
            </div>
            <div>
              <dt>{i18n.t("field.date_of_birth")}</dt>
              <dd>
                {i18n.date(child.date_of_birth as string)} ({ageText(child.date_of_birth, i18n.lang)})
              </dd>
            </div>
            <div>
              <dt>{i18n.t("field.sex")}</dt>
              <dd>{i18n.t(("sex." + child.sex) as MessageKey)}</dd>
            </div>
            <div>
              <dt>{i18n.t("field.placement")}</dt>
              <dd>{i18n.t(("placement." + child.placement) as MessageKey)}</dd>
            </div>
            {child.facility_id ? (
              <div>
                <dt>{i18n.t("field.facility_id")}</dt>
                <dd>{nameOf(facilities, child.facility_id)}</dd>
              </div>
            ) : null}
            {ageOut ? (
              <div>
                <dt>{i18n.t("child.ageout")}</dt>
                <dd>
                  {i18n.date(ageOut.age_out_date)}{" "}
                  {ageOut.days_remaining !== null && (
                    <span class={"tag alert-tag-" + ageOut.alert_level}>{i18n.t("nursery.days", { n: i18n.number(ageOut.days_remaining) })}</span>
                  )}
                  {child.age_out_source ? (
                    <span class="muted small rule-source" data-testid="child-ageout-rule">
                      <br />
                      {i18n.t("nursery.rule")}:{" "}
                      {child.age_out_max_age_months !== null && child.age_out_max_age_months !== undefined
                        ? i18n.t("nursery.months", { n: i18n.number(child.age_out_max_age_months as number) }) + " · "
                        : ""}
                      {String(child.age_out_source)}
                    </span>
                  ) : null}
                  {ageOut.decision ? (
                    <span class="muted small" data-testid="child-ageout-decision">
                      <br />
                      {i18n.t("ageoutProposal.kept", {
                        on: i18n.date(ageOut.decision.decided_at.slice(0, 10)),
                        policy: i18n.t(ageOut.decision.policy === "rule_in_force" ? "ageoutProposal.policyInForce" : "ageoutProposal.policyAtAdmission"),
                      })}
                    </span>
                  ) : null}
                  {ageOut.proposal ? <ProposalNotice proposal={ageOut.proposal} onDecided={state.reload} /> : null}
                </dd>
              </div>
            ) : null}
            {child.school_name ? (
              <div>
                <dt>{i18n.t("field.school_name")}</dt>
                <dd>{String(child.school_name)}</dd>
              </div>
            ) : null}
          </dl>

          <nav aria-label={i18n.t("care.childScreens")} class="subnav">
            <ul>
              {inside && (
                <li>
                  <a href={`/children/${child.id}/plan`}>
                    {i18n.t("care.plan.title")}:{" "}
                    <span class={"tag plan-" + planStatus + (ageOut?.needs_plan ? " plan-needed" : "")} data-testid="child-plan-status">
                      {i18n.t(("care.plan.status." + planStatus) as MessageKey)}
                    </span>
                  </a>
                </li>
              )}
              {inside && (
                <li>
                  <a href={`/children/${child.id}/leave`}>{i18n.t("care.leave.title")}</a>
                </li>
              )}
              <li>
                <a href={`/children/${child.id}/health`}>{i18n.t("care.health.title")}</a>
              </li>
              {can(me, "changeChildPlacement") && canWrite(me, "children") && (
                <li>
                  <a href={`/children/${child.id}/placement`} data-testid="child-placement-link">
                    {i18n.t("pc.title")}
                  </a>
                </li>
              )}
              {can(me, "updateChild") && (
                <li>
                  <a href={`/children/${child.id}/edit`} data-testid="child-edit-link">
                    {i18n.t("ce.nav")}
                  </a>
                </li>
              )}
              {can(me, "createParent") && can(me, "createParentChildLink") && (
                <li>
                  <a href={`/children/${child.id}/parents/new`} data-testid="child-new-parent-link">
                    {i18n.t("np.nav")}
                  </a>
                </li>
              )}
              {can(me, "getFamily") && (
                <li>
                  <a href={`/children/${child.id}/family`} data-testid="child-family-link">
                    {i18n.t("family.nav")}
                  </a>
                </li>
              )}
            </ul>
          </nav>

          <h2>{i18n.t("child.timeline")}</h2>
          <p class="muted small">{i18n.t("care.timeline.legend")}</p>
          {overdueHealth > 0 && (
            <p class="notice notice-error" data-testid="child-health-overdue">
              <a href={`/children/${child.id}/health`}>{i18n.t("care.timeline.healthOverdue", { n: overdueHealth })}</a>
            </p>
          )}
          {leaves.some((leave) => leave.state === "overdue") && (
            <p class="notice notice-error">
              <a href={`/children/${child.id}/leave`}>{i18n.t("care.leave.state.overdue")}</a>
            </p>
          )}
          <ol class="timeline" data-testid="timeline">
            {events.map((event) => (
              <li key={event.key} class={(event.current ? "current " : "") + (event.alert ? "alert " : "") + "event-" + event.kind} data-kind={event.kind}>
                <span class="tag">{i18n.t(("care.timeline.kind." + event.kind) as MessageKey)}</span> <strong>{event.title}</strong>
                {event.alert && (
                  <>
                    {" "}
                    <span class="tag tag-alert">{i18n.t("care.timeline.attention")}</span>
                  </>
                )}
                <br />
                <span class="muted">{event.detail}</span>
              </li>
            ))}
          </ol>

          <h2>{i18n.t("child.parents")}</h2>
          {parents.length === 0 ? (
            <p class="muted">{i18n.t("child.noParents")}</p>
          ) : (
            <ul class="cards">
              {parents.map(({ link, parent }) => (
                <li key={link.id} class="card">
                  <strong>{parent ? fullName(parent) : "#" + String(link.parent_id)}</strong>{" "}
                  <span class="tag">{i18n.t(("relation." + link.relation) as MessageKey)}</span>
                  {parent && (
                    <>
                      <br />
                      {i18n.t("child.heldIn", { facility: nameOf(facilities, parent.facility_id) })}
                      {(() => {
                        const parentPoint = pointOf(facilities.find((row) => row.id === parent.facility_id));
                        if (!childPoint || !parentPoint) return null;
                        const km = kmBetween(childPoint, parentPoint);
                        return (
                          <>
                            <br />
                            <span class={km > 160 ? "offence" : "muted"} data-testid="parent-distance">
                              {inside && parent.facility_id === child.facility_id
                                ? i18n.t("care.distance.same")
                                : i18n.t("care.distance.km", { km: i18n.number(Math.round(km)) })}
                              {km > 160 ? " · " + i18n.t("care.distance.far") : ""}
                            </span>
                          </>
                        );
                      })()}
                      {parent.expected_release_date ? (
                        <>
                          <br />
                          <span class="muted">{i18n.t("child.release", { date: i18n.date(parent.expected_release_date as string) })}</span>
                        </>
                      ) : null}
                      {me.sees_restricted_fields && parent.offence_category ? (
                        <>
                          <br />
                          <span class="offence">
                            {i18n.t("child.offence")}: {i18n.t(("offence." + parent.offence_category) as MessageKey)}
                          </span>
                        </>
                      ) : null}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {siblings.length > 0 && (
            <>
              <h2>{i18n.t("child.siblings")}</h2>
              <ul>
                {siblings.map((sibling) => (
                  <li key={sibling.id}>
                    <a href={"/children/" + sibling.id}>{fullName(sibling)}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
        );
      }}
    </Loaded>
  );
}
