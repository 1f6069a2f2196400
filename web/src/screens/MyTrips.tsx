// A caregiver's own trips: the published plans of her organisation as the
// server shows them to her (only the trips her staff record escorts, and
// their visits), this month first, with the visit record on the day of the
// visit or after. A caregiver linked to no staff record has no trips.
// Offline (issue 16) the trips come from the device, with the time they were
// read, and her records wait in the device's queue (src/offline.ts), shown
// here with what to do about a conflict or a visit cancelled meanwhile.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { useI18n, type I18n, type MessageKey } from "../i18n";
import type { Me } from "../api";
import { discard, isNetworkError, keepMine, kRecordWaitMs, kRetryMs, saveTrips, savedTrips, sendQueue, useQueue, type QueuedRecord, type RecordBody, type SavedTrips } from "../offline";
import { can, useSession } from "../session";
import { Trips } from "./visits/PlanView";
import { VisitControls, type VisitAction } from "./visits/VisitActions";
import { currentMonth, loadNames, personName, type Plan, type PlanVisit, type VisitRecord } from "./visits/types";

// The escorts' screen: those who record their visits but do not plan them.
export const tripsOf = (me: Me): boolean => can(me, "recordVisit") && !can(me, "buildPlan");

async function loadTrips(organisationId: number | null): Promise<Plan[]> {
  if (!organisationId) return [];
  const summaries = (await api<{ items: Plan[] }>(`/organisations/${organisationId}/plans`, { timeoutMs: kRecordWaitMs })).items;
  // This month first, then the months ahead, then the months gone (latest first).
  const now = currentMonth();
  const rank = (month: string) => (month >= now ? month : "~" + String(9999 - Number(month.slice(0, 4))) + String(12 - Number(month.slice(5))).padStart(2, "0"));
  const published = summaries.filter((plan) => plan.status === "published").sort((a, b) => rank(a.month).localeCompare(rank(b.month)));
  return Promise.all(published.map((plan) => api<Plan>(`/plans/${plan.id}`, { timeoutMs: kRecordWaitMs })));
}

// From the network, kept on the device; without a network, the device's copy
// (savedAt says when it was read).
async function loadMine(me: Me): Promise<SavedTrips & { offline: boolean }> {
  try {
    const [plans, names] = await Promise.all([loadTrips(me.organisation_id), loadNames()]);
    saveTrips(me.user_id, plans, names);
    return { plans, names, savedAt: new Date().toISOString(), offline: false };
  } catch (error) {
    const saved = isNetworkError(error) ? savedTrips(me.user_id) : null;
    if (saved) return { ...saved, offline: true };
    throw error;
  }
}

const locale = (i18n: I18n) => (i18n.lang === "es" ? "es-PE" : "en-GB");
const timeText = (i18n: I18n, iso: string) => new Intl.DateTimeFormat(locale(i18n), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

// "3 registros esperando para enviarse", by the language's plural rules.
function waitingText(i18n: I18n, n: number): string {
  const form = new Intl.PluralRules(locale(i18n)).select(n) === "one" ? "one" : "other";
  return i18n.t(`offline.waiting.${form}` as MessageKey, { n });
}

// A record as one line: attended or not, times, what the child brought, the
// observation before and after, the note.
function recordText(i18n: I18n, record: RecordBody | VisitRecord | undefined): string {
  if (!record || record.attended === null) return i18n.t("offline.noRecord");
  if (!record.attended) return `${i18n.t("vv.didNotAttend")}: ${record.absence_reason ?? ""}${record.note ? " · " + record.note : ""}`;
  const parts: string[] = [i18n.t("vv.didAttend")];
  if (record.actual_start || record.actual_end) parts.push(`${record.actual_start ?? "?"}–${record.actual_end ?? "?"}`);
  if (record.brought.length) parts.push(record.brought.map((item) => i18n.t(("vv.item." + item) as MessageKey)).join(", "));
  if (record.mood_before && record.mood_after)
    parts.push(`${i18n.t(("vv.mood." + record.mood_before) as MessageKey)} → ${i18n.t(("vv.mood." + record.mood_after) as MessageKey)}`);
  if (record.note) parts.push(record.note);
  return parts.join(" · ");
}

function QueueItem({ item, userId }: { item: QueuedRecord; userId: number }) {
  const i18n = useI18n();
  const mine = recordText(i18n, item.body);
  return (
    <li class="card" data-testid="queued-record" data-state={item.state} data-visit-id-queued={item.visitId}>
      <strong>{item.label}</strong>
      <span class="muted small"> · {i18n.t("offline.madeAt", { time: timeText(i18n, item.queuedAt) })}</span>
      {item.state === "waiting" && <p class="small">{mine}</p>}
      {item.state === "conflict" && (
        <div role="group" aria-label={i18n.t("offline.conflictTitle")}>
          <p class="notice notice-error">{i18n.t("offline.conflict")}</p>
          <dl class="versions">
            <dt>{i18n.t("offline.mine")}</dt>
            <dd data-testid="mine">{mine}</dd>
            <dt>{i18n.t("offline.theirs")}</dt>
            <dd data-testid="theirs">{recordText(i18n, item.theirs)}</dd>
          </dl>
          <div class="actions">
            <button
              type="button"
              class="primary"
              onClick={() => {
                keepMine(item.id);
                void sendQueue(userId);
              }}
            >
              {i18n.t("offline.keepMine")}
            </button>
            <button type="button" onClick={() => discard(item.id)}>
              {i18n.t("offline.takeTheirs")}
            </button>
          </div>
        </div>
      )}
      {(item.state === "cancelled" || item.state === "refused") && (
        <div>
          <p class="notice notice-error">
            {item.state === "cancelled" ? i18n.t("offline.cancelled") : i18n.error(new ApiError(item.problem ?? { status: 422 }))}
          </p>
          <p class="small">
            {i18n.t("offline.youWrote")} <span data-testid="mine">{mine}</span>
          </p>
          <div class="actions">
            <button type="button" onClick={() => discard(item.id)}>
              {i18n.t("offline.discard")}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

function Queue({ items, userId }: { items: QueuedRecord[]; userId: number }) {
  const i18n = useI18n();
  if (items.length === 0) return null;
  const waiting = items.filter((item) => item.state === "waiting").length;
  const held = items.length - waiting;
  return (
    <section aria-labelledby="queue-title" data-testid="queue">
      <h2 id="queue-title">{i18n.t("offline.queueTitle")}</h2>
      <p role="status" data-testid="queue-count">
        {waitingText(i18n, waiting)}
        {held > 0 ? " · " + i18n.t("offline.held", { n: held }) : ""}
      </p>
      <ul class="plain-list">
        {items.map((item) => (
          <QueueItem key={item.id} item={item} userId={userId} />
        ))}
      </ul>
    </section>
  );
}

export function MyTrips() {
  const i18n = useI18n();
  const { me } = useSession();
  const trips = useAsync(() => loadMine(me), [me.user_id]);
  const queue = useQueue(me.user_id);
  const [open, setOpen] = useState<{ visit: number; action: VisitAction } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // A record left the queue (sent, or dropped by her), the network is said
  // to be back, or her trips come from the device: read them again (kept on
  // screen while read; without a network the device's copy stays). Never
  // gated on navigator.onLine, which can be wrong either way.
  const queued = useRef(queue.length);
  useEffect(() => {
    if (queue.length < queued.current) trips.reload();
    queued.current = queue.length;
  }, [queue.length]);
  useEffect(() => {
    window.addEventListener("online", trips.reload);
    return () => window.removeEventListener("online", trips.reload);
  }, [trips.reload]);
  const fromDevice = trips.data?.offline === true;
  useEffect(() => {
    if (!fromDevice) return;
    const timer = window.setInterval(trips.reload, kRetryMs);
    return () => window.clearInterval(timer);
  }, [fromDevice, trips.reload]);
  return (
    <section aria-labelledby="trips-title" class="printable">
      <div class="title-row">
        <h1 id="trips-title">{i18n.t("vv.myTrips")}</h1>
        <button type="button" class="no-print" onClick={() => window.print()}>
          {i18n.t("ent.print")}
        </button>
      </div>
      <p class="muted no-print">{i18n.t("vv.myTripsIntro")}</p>
      {trips.data?.offline && (
        <p class="notice no-print" role="status" data-testid="offline-notice">
          {i18n.t("offline.showingSaved", { time: timeText(i18n, trips.data.savedAt) })}{" "}
          <button type="button" class="link" onClick={trips.reload}>
            {i18n.t("app.retry")}
          </button>
        </p>
      )}
      {message && (
        <p class="notice" role="status" data-testid="trips-message">
          {message}
        </p>
      )}
      <div class="no-print">
        <Queue items={queue} userId={me.user_id} />
      </div>
      <Loaded state={trips}>
        {({ plans: list, names: people }) => {
          const withTrips = list.filter((plan) => plan.trips.some((trip) => trip.status === "planned"));
          if (withTrips.length === 0) return <p class="muted">{i18n.t("vv.noTrips")}</p>;
          return withTrips.map((plan) => {
            const controls = (visit: PlanVisit, date: string | undefined) => {
              const label = `${personName(people.children, visit.child_id)} → ${personName(people.parents, visit.parent_id)}`;
              const pending = queue.find((item) => item.visitId === visit.id && item.state === "waiting");
              return (
                <>
                  {pending && (
                    <span class="tag" data-testid="visit-waiting">
                      {i18n.t("offline.visitWaiting")}
                    </span>
                  )}
                  <VisitControls
                    visit={visit}
                    date={date}
                    sessions={[]}
                    canPlan={false}
                    canRecord
                    open={open?.visit === visit.id ? open.action : null}
                    setOpen={(action) => {
                      setMessage(null);
                      setOpen(action ? { visit: visit.id, action } : null);
                    }}
                    onChanged={(text) => {
                      setMessage(text);
                      trips.reload();
                    }}
                    label={label}
                    offline={{ userId: me.user_id, planId: plan.id, label, pending: pending?.body }}
                  />
                </>
              );
            };
            return (
              <div key={plan.id} data-testid="my-plan">
                <h2>{i18n.month(plan.month)}</h2>
                <Trips
                  plan={plan}
                  names={people}
                  trips={plan.trips.filter((trip) => trip.status === "planned")}
                  sessions={[]}
                  controls={controls}
                  nameEscort={() => i18n.t("vv.myTripsHeading")}
                />
              </div>
            );
          });
        }}
      </Loaded>
    </section>
  );
}
