// A caregiver without signal (issue 16). Kept on the device, in localStorage:
// - who signed in last (so the app opens offline as her; the server still
//   decides everything when the network returns);
// - her trips as last read, per user, with the time they were read;
// - the queue of visit records she made offline, per user: each with its own
//   Idempotency-Key, the same on every retry (the server answers a retry of a
//   request it already wrote with its first answer, so nothing is written
//   twice), and If-Match with the visit's version she recorded against (a
//   visit changed meanwhile is 412, never overwritten: she chooses). Sent in
//   order when the network returns and when she signs in again; never as
//   another user. A cancelled visit or a refused record stays in the queue
//   with what she typed until she discards it.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, type Me, type Problem } from "./api";
import type { Names, Plan, VisitRecord } from "./screens/visits/types";

const kMeKey = "vinculo.me";
const kQueueKey = "vinculo.queue";
const tripsKey = (userId: number) => `vinculo.trips.${userId}`;
// While records wait (or her trips come from the device), the network is
// tried again this often; the "online" event is only a hint, as the browser
// cannot tell a network that reaches the server from one that does not.
export const kRetryMs = 15_000;
// A record, or her trips, with no answer in this long: as if offline.
export const kRecordWaitMs = 20_000;

function read<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export const rememberMe = (me: Me): void => localStorage.setItem(kMeKey, JSON.stringify(me));
export const rememberedMe = (): Me | null => read<Me>(kMeKey);

// Signing out forgets who she is and her trips; records still waiting stay
// hers, sent when she signs in again.
export function forgetMe(me: Me): void {
  localStorage.removeItem(kMeKey);
  localStorage.removeItem(tripsKey(me.user_id));
}

export const isNetworkError = (error: unknown): boolean => error instanceof ApiError && error.status === 0;

export interface SavedTrips {
  plans: Plan[];
  names: Names;
  savedAt: string; // ISO time of the read
}

// Only the names her trips use are kept on the device.
export function saveTrips(userId: number, plans: Plan[], names: Names): void {
  const children = new Set(plans.flatMap((plan) => plan.visits.map((visit) => visit.child_id)));
  const parents = new Set(plans.flatMap((plan) => plan.visits.map((visit) => visit.parent_id)));
  const facilities = new Set(plans.flatMap((plan) => plan.trips.map((trip) => trip.facility_id)));
  const kept: Names = {
    children: names.children.filter((row) => children.has(row.id)),
    parents: names.parents.filter((row) => parents.has(row.id)),
    staff: [],
    facilities: names.facilities.filter((row) => facilities.has(row.id)),
  };
  const saved: SavedTrips = { plans, names: kept, savedAt: new Date().toISOString() };
  try {
    localStorage.setItem(tripsKey(userId), JSON.stringify(saved));
  } catch {
    // A full device keeps the previous copy.
  }
}

export const savedTrips = (userId: number): SavedTrips | null => read<SavedTrips>(tripsKey(userId));

// The body of POST /plan-visits/{id}/record.
export interface RecordBody {
  attended: boolean;
  absence_reason?: string;
  actual_start?: string;
  actual_end?: string;
  brought: string[];
  note: string;
  mood_before?: number;
  mood_after?: number;
}

export type QueueState = "waiting" | "conflict" | "cancelled" | "refused";

export interface QueuedRecord {
  id: string;
  key: string; // Idempotency-Key, the same on every retry
  userId: number;
  planId: number;
  visitId: number;
  version: number; // If-Match: the visit's version she recorded against
  body: RecordBody;
  label: string; // the child and parent, as she saw them
  queuedAt: string;
  state: QueueState;
  theirs?: VisitRecord; // the record on the server, for a conflict
  theirsVersion?: number;
  problem?: Problem; // why the server refused it
}

const listeners = new Set<() => void>();
const allItems = (): QueuedRecord[] => read<QueuedRecord[]>(kQueueKey) ?? [];

function writeItems(items: QueuedRecord[]): void {
  localStorage.setItem(kQueueKey, JSON.stringify(items));
  for (const listener of listeners) listener();
}

function update(id: string, change: (item: QueuedRecord) => QueuedRecord | null): void {
  const items: QueuedRecord[] = [];
  for (const item of allItems()) {
    const next = item.id === id ? change(item) : item;
    if (next) items.push(next);
  }
  writeItems(items);
}

export const queueOf = (userId: number): QueuedRecord[] => allItems().filter((item) => item.userId === userId);

const newId = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

// A record of a visit that already has one waiting replaces it: she edited
// her own record before it left.
export function enqueue(item: Omit<QueuedRecord, "id" | "queuedAt" | "state">): void {
  const others = allItems().filter((one) => !(one.userId === item.userId && one.visitId === item.visitId && one.state === "waiting"));
  writeItems([...others, { ...item, id: newId(), queuedAt: new Date().toISOString(), state: "waiting" }]);
}

export const discard = (id: string): void => update(id, () => null);

// Keep mine: sent again over the version on the server now, as a new request.
export const keepMine = (id: string): void =>
  update(id, (item) => ({ ...item, state: "waiting", key: newId(), version: item.theirsVersion ?? item.version, theirs: undefined, problem: undefined }));

const recordPath = (visitId: number) => `/plan-visits/${visitId}/record`;

// Sends her waiting records in the order she made them; stops at the first
// that gets no answer (still offline, or the session ended: she signs in and
// it goes on). One run at a time.
let running = false;
let again: number | null = null; // a user's run asked for while another was under way
export async function sendQueue(userId: number): Promise<void> {
  if (running) {
    again = userId;
    return;
  }
  running = true;
  again = null;
  try {
    for (const item of queueOf(userId)) {
      if (item.state !== "waiting") continue;
      // A later record of a visit waits while an earlier one is unresolved.
      if (queueOf(userId).some((other) => other.visitId === item.visitId && other.state !== "waiting" && other.queuedAt < item.queuedAt)) continue;
      try {
        await api(recordPath(item.visitId), { body: item.body, ifMatch: item.version, idempotencyKey: item.key, timeoutMs: kRecordWaitMs });
        discard(item.id);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status === 0 || error.status === 401 || error.status >= 500) return;
        if (error.status === 412) {
          const plan = await api<Plan>(`/plans/${item.planId}`).catch(() => null);
          const visit = plan?.visits.find((one) => one.id === item.visitId);
          if (!visit) return;
          if (visit.status !== "planned") {
            update(item.id, (it) => ({ ...it, state: "cancelled", problem: error.problem }));
            continue;
          }
          update(item.id, (it) => ({ ...it, state: "conflict", theirs: visit.record, theirsVersion: visit.version }));
        } else if (error.status === 404 || error.problem.code === "visit_cancelled") {
          update(item.id, (it) => ({ ...it, state: "cancelled", problem: error.problem }));
        } else {
          update(item.id, (it) => ({ ...it, state: "refused", problem: error.problem }));
        }
      }
    }
  } finally {
    running = false;
    if (again !== null) void sendQueue(again);
  }
}

// Her queue, kept current, and sent whenever the network returns, every
// kRetryMs while records wait, and once on sign-in.
export function useQueue(userId: number): QueuedRecord[] {
  const [items, setItems] = useState(() => queueOf(userId));
  useEffect(() => {
    const refresh = () => setItems(queueOf(userId));
    const send = () => void sendQueue(userId);
    const onStorage = (event: StorageEvent) => event.key === kQueueKey && refresh();
    listeners.add(refresh);
    window.addEventListener("online", send);
    window.addEventListener("storage", onStorage);
    const timer = window.setInterval(() => queueOf(userId).some((item) => item.state === "waiting") && send(), kRetryMs);
    refresh();
    send();
    return () => {
      listeners.delete(refresh);
      window.removeEventListener("online", send);
      window.removeEventListener("storage", onStorage);
      window.clearInterval(timer);
    };
  }, [userId]);
  return items;
}
