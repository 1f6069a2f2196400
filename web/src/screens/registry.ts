// Every signed-in screen, in menu order. Adding a screen is one file under
// screens/, one entry here and its i18n keys in es.ts and en.ts.
import type { FunctionComponent } from "preact";
import type { Me } from "../api";
import type { MessageKey } from "../i18n";
import { can, canRead } from "../session";
import { Account } from "./Account";
import { Admin } from "./Admin";
import { Child } from "./Child";
import { Children } from "./Children";
import { Dashboard } from "./Dashboard";
import { Home } from "./Home";
import { Facilities } from "./Facilities";
import { NurseryBoard } from "./NurseryBoard";
import { seesPlanner, VisitPlanner } from "./VisitPlanner";
import { Supplies } from "./Supplies";
import { WorkshopCohort, Workshops } from "./Workshops";
// nursery care screens (web-nursery)
import { ChildHealth } from "./ChildHealth";
import { ChildLeave, LeaveBook } from "./ChildLeave";
import { ChildPlan } from "./ChildPlan";
// the family view (issue 15)
import { ChildFamily } from "./ChildFamily";
import { Releases } from "./Releases";
import { FollowUps, ReunificationPlan } from "./Reunification";
import { FollowUpContacts } from "./FollowUpContacts";
import { ChildPlacement } from "./ChildPlacement";
import { ChildEdit, NewParent } from "./ChildEdit";
import { Entrance } from "./Entrance";
// visit planner and workshop screens (web-visits)
import { MyTrips, tripsOf } from "./MyTrips";
// the coordinator's programme screens (issue 16)
import { Escorts } from "./visits/Escorts";
import { Requirements } from "./visits/Requirements";
import { Routes } from "./visits/Routes";
import { Reports } from "./Reports";
import { reportKinds } from "../components/MonthlyReport";

export interface ScreenProps {
  params: Record<string, string>;
}

export interface Screen {
  path: string; // "/children/:id"
  component: FunctionComponent<ScreenProps>;
  nav?: MessageKey; // shown in the menu under this label
  allowed: (me: Me) => boolean; // what a role may not see is not shown
}

const seesChildren = (me: Me) => me.sees_case_records && canRead(me, "children");

export const screens: Screen[] = [
  { path: "/", component: Home, nav: "nav.dashboard", allowed: () => true },
  { path: "/figures", component: Dashboard, allowed: () => true },
  { path: "/children", component: Children, nav: "nav.children", allowed: seesChildren },
  { path: "/children/:id", component: Child, allowed: seesChildren },
  { path: "/nursery", component: NurseryBoard, nav: "nav.nursery", allowed: seesChildren },
  // nursery care screens (web-nursery)
  { path: "/children/:id/plan", component: ChildPlan, allowed: seesChildren },
  { path: "/children/:id/leave", component: ChildLeave, allowed: seesChildren },
  { path: "/children/:id/health", component: ChildHealth, allowed: seesChildren },
  { path: "/children/:id/placement", component: ChildPlacement, allowed: (me) => seesChildren(me) && can(me, "changeChildPlacement") },
  { path: "/children/:id/edit", component: ChildEdit, allowed: (me) => seesChildren(me) && can(me, "updateChild") },
  { path: "/children/:id/parents/new", component: NewParent, allowed: (me) => seesChildren(me) && can(me, "createParent") && can(me, "createParentChildLink") },
  { path: "/children/:id/family", component: ChildFamily, allowed: (me) => seesChildren(me) && can(me, "getFamily") },
  { path: "/leaves", component: LeaveBook, nav: "care.book.nav", allowed: (me) => seesChildren(me) && can(me, "startLeave") },
  { path: "/releases", component: Releases, nav: "release.nav", allowed: (me) => me.sees_case_records && can(me, "releaseCountdown") },
  { path: "/parents/:id/reunification", component: ReunificationPlan, allowed: (me) => me.sees_case_records && can(me, "getReunificationPlan") },
  { path: "/parents/:id/follow-ups", component: FollowUpContacts, allowed: (me) => me.sees_case_records && can(me, "listFollowUpContacts") },
  { path: "/follow-ups", component: FollowUps, nav: "followUp.nav", allowed: (me) => me.sees_case_records && can(me, "recordFollowUpContact") },
  { path: "/entrance", component: Entrance, nav: "ent.nav", allowed: (me) => can(me, "listSessionVisitors") },
  { path: "/plan", component: VisitPlanner, nav: "nav.plan", allowed: seesPlanner },
  { path: "/plan/escorts", component: Escorts, allowed: (me) => can(me, "setEscort") },
  { path: "/plan/requirements", component: Requirements, allowed: (me) => can(me, "updateVisitRequirement") },
  { path: "/plan/routes", component: Routes, allowed: (me) => can(me, "setRouteOverride") },
  { path: "/supplies", component: Supplies, nav: "nav.supplies", allowed: (me) => can(me, "facilityNeeds") && me.nursery_facility_ids.length > 0 },
  { path: "/workshops", component: Workshops, nav: "nav.workshops", allowed: (me) => can(me, "createWorkshopCohort") },
  { path: "/workshops/:id", component: WorkshopCohort, allowed: (me) => can(me, "createWorkshopCohort") },
  // visit planner and workshop screens (web-visits)
  { path: "/trips", component: MyTrips, nav: "nav.trips", allowed: tripsOf },
  { path: "/reports", component: Reports, nav: "nav.reports", allowed: (me) => reportKinds(me).length > 0 },
  { path: "/facilities", component: Facilities, nav: "nav.facilities", allowed: (me) => canRead(me, "facilities") },
  { path: "/account", component: Account, allowed: (me) => can(me, "changeOwnPassword") },
  { path: "/admin", component: Admin, nav: "nav.admin", allowed: (me) => can(me, "listUsers") },
];
