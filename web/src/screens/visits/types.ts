// Shapes of the visit programme's API (routes_visits.cc, visit_json.cc) and
// the helpers the planner and the caregiver's trips share: names of people
// and the server's explanations of a refused change, in the user's language.
import { ApiError, api, listAll, type RecordRow } from "../../api";
import { fullName, lookup } from "../../lookups";

export interface VisitRecord {
  attended: boolean | null;
  absence_reason: string;
  actual_start: string | null;
  actual_end: string | null;
  brought: string[];
  note: string;
  mood_before: number | null;
  mood_after: number | null;
}
export interface PlanVisit {
  id: number;
  version: number;
  requirement_id: number;
  child_id: number;
  parent_id: number;
  session_id: number;
  trip_id: number;
  status: "planned" | "cancelled" | string;
  needs_review: boolean;
  review_reason: string | null;
  record?: VisitRecord;
}
export interface PlanTrip {
  id: number;
  escort_id: number;
  home_id: number;
  facility_id: number;
  date: string;
  depart: string;
  return: string;
  cost?: number;
  status: string;
}
export interface Plan {
  id: number;
  month: string;
  status: "draft" | "published";
  coverage: number;
  bound: number;
  gap: number;
  proven_optimal: boolean;
  travel_cost: number;
  baseline: { coverage: number; visits: number; trips: number; travel_cost: number };
  visits: PlanVisit[];
  trips: PlanTrip[];
  unscheduled: PlanShortfall[];
  // Pairs given some visits but fewer than their frequency wants (issue 19).
  short_of_frequency?: PlanShortfall[];
}
export interface PlanShortfall {
  requirement_id: number;
  child_id: number;
  parent_id: number;
  reason: string;
  visits_planned?: number;
  visits_wanted?: number;
  detail?: string;
}
export interface VisitSession {
  id: number;
  facility_id: number;
  space_id?: number | null;
  template_id?: number;
  date: string;
  start_time: string;
  end_time: string;
  capacity_families: number;
  capacity_people: number;
  capacity_unit?: "families" | "pairs" | "people";
  booked_families: number;
  booked_people: number;
  wing: string;
  status: string;
  blocked_reason?: string | null;
}

export interface Escort {
  id: number;
  staff_id: number;
  max_children: number;
  home_id: number | null;
  available_dates: string[];
}

export interface Names {
  children: RecordRow[];
  parents: RecordRow[];
  staff: RecordRow[];
  facilities: RecordRow[];
  escorts?: Escort[]; // of the plan's month: an escort is named by her staff record
}

export async function loadNames(): Promise<Names> {
  const [children, parents, staff, facilities] = await Promise.all([
    listAll<RecordRow>("/children").catch(() => []),
    listAll<RecordRow>("/parents").catch(() => []),
    listAll<RecordRow>("/staff").catch(() => []),
    lookup("facilities"),
  ]);
  return { children, parents, staff, facilities };
}

export const personName = (rows: RecordRow[], id: number): string => {
  const row = rows.find((one) => one.id === id);
  return row ? fullName(row) : "#" + id;
};

// An escort's name from her staff record; "fallback" when the escorts of the
// month cannot be read (a visits officer reads the plan, not the organisation).
export const escortName = (names: Names, escortId: number, fallback: string): string => {
  const escort = names.escorts?.find((one) => one.id === escortId);
  return escort ? personName(names.staff, escort.staff_id) : fallback;
};

export async function loadEscorts(organisationId: number, month: string): Promise<Escort[]> {
  return api<{ items: Escort[] }>(`/organisations/${organisationId}/escorts`, { query: { month } })
    .then((r) => r.items)
    .catch(() => []);
}

// The visiting sessions of the month at each facility, for the plan's
// calendar and the move form.
export async function loadSessions(facilityIds: number[], month: string): Promise<VisitSession[]> {
  const lists = await Promise.all(
    [...new Set(facilityIds)].map((id) =>
      api<{ items: VisitSession[] }>(`/facilities/${id}/visit-sessions`, { query: { month } })
        .then((r) => r.items)
        .catch(() => [] as VisitSession[]),
    ),
  );
  return lists.flat();
}

export const todayIso = (): string => new Date().toISOString().slice(0, 10);
export const currentMonth = (): string => todayIso().slice(0, 7);

export const fieldOf = (failure: unknown): string => (failure instanceof ApiError && failure.field ? failure.field : "form");
