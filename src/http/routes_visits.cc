// The operations of the visit programme (issue 4): a facility's session
// templates, exclusions, sessions, blocks and visitor lists; an
// organisation's visit requirements, escorts, routes and monthly plans;
// publishing, manual bookings, moves, cancellations and the visit record.
#include "http/operation.h"
#include "json/record_json.h"
#include "json/visit_json.h"
#include "service/visit_service.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

VisitService Visits(const Call& call) { return VisitService(call.services.context); }

Reply Calendar(std::string calendar) {
  return RawReply(std::move(calendar), "text/calendar; charset=utf-8");
}

Result<Reply> CreateTemplate(Call& call) {
  const Body& body = call.body;
  TemplateRequest request;
  request.facility_id = call.id();
  request.space_id = body.OptionalInteger("space_id");
  request.pattern = body.Text("pattern");
  request.interval = body.IntOr("interval", 1);
  request.weekday = body.IntOr("weekday", 1);
  request.nth = body.IntOr("nth", 1);
  request.month_day = body.IntOr("month_day", 1);
  request.anchor_date = body.OptionalText("anchor_date");
  request.valid_from = body.Text("valid_from");
  request.valid_to = body.OptionalText("valid_to");
  request.start_time = body.Text("start_time");
  request.end_time = body.Text("end_time");
  request.capacity_families = body.Integer("capacity_families");
  request.capacity_people = body.Integer("capacity_people");
  request.capacity_unit = body.OptionalText("capacity_unit").value_or("families");
  request.wing = body.OptionalText("wing").value_or("any");
  request.exclusion_dates = body.Texts("exclusion_dates");
  VINCULO_ASSIGN_OR_RETURN(SessionTemplateRow stored,
                           Visits(call).CreateTemplate(call.user(), request));
  return JsonReply(SessionTemplateToJson(stored), 201);
}

Result<Reply> AddExclusion(Call& call) {
  ExclusionRequest exclusion;
  exclusion.template_id = call.body.OptionalInteger("template_id");
  exclusion.date = call.body.Text("date");
  exclusion.reason = call.body.Text("reason");
  VINCULO_ASSIGN_OR_RETURN(VisitExclusionRow stored,
                           Visits(call).AddExclusion(call.user(), call.id(), exclusion));
  return JsonReply(ExclusionToJson(stored), 201);
}

Result<Reply> BlockDate(Call& call) {
  BlockRequest block{call.body.Text("date"), call.body.Text("reason")};
  VINCULO_ASSIGN_OR_RETURN(BlockResult result,
                           Visits(call).BlockDate(call.user(), call.id(), block));
  return JsonReply(BlockResultToJson(result));
}

Result<Reply> ChangeRequirement(Call& call) {
  RequirementChange change;
  change.frequency = call.body.OptionalText("frequency");
  change.weight = call.body.OptionalNumber("weight");
  if (call.body.Has("banned_until")) change.banned_until = call.body.Text("banned_until");
  change.no_contact = call.body.OptionalBool("no_contact");
  VINCULO_ASSIGN_OR_RETURN(
      RequirementRow stored,
      Visits(call).ChangeRequirement(call.user(), call.id(), change, call.version));
  return VersionedReply(stored, RequirementToJson);
}

Result<Reply> SplitSiblings(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(
      SiblingSplitRow stored,
      Visits(call).SplitSiblings(call.user(), call.id(), call.body.Text("month"),
                                 call.body.Text("reason")));
  return JsonReply(SiblingSplitToJson(stored), 201);
}

Result<Reply> AddUnavailableDates(Call& call) {
  VINCULO_RETURN_IF_ERROR(Visits(call).AddUnavailableDates(
      call.user(), call.id(), call.body.Texts("dates"), call.body.Text("reason")));
  return NoContent();
}

Result<Reply> SetEscort(Call& call) {
  EscortRequest escort;
  escort.staff_id = call.body.Integer("staff_id");
  escort.max_children = call.body.OptionalInteger("max_children");
  escort.available_dates = call.body.Texts("available_dates");
  VINCULO_ASSIGN_OR_RETURN(EscortRow stored,
                           Visits(call).SetEscort(call.user(), call.id(), escort));
  return JsonReply(EscortToJson(stored));
}

Result<Reply> SetRoute(Call& call) {
  RouteRequest route;
  route.home_id = call.body.Integer("home_id");
  route.facility_id = call.body.Integer("facility_id");
  route.travel_minutes = call.body.Integer("travel_minutes");
  route.cost = call.body.OptionalNumber("cost").value_or(0);
  VINCULO_ASSIGN_OR_RETURN(RouteOverrideRow stored,
                           Visits(call).SetRoute(call.user(), call.id(), route));
  return JsonReply(RouteToJson(stored));
}

// A whole replacement: both rates are required. The defaults are version 1.
Result<Reply> ChangeSettings(Call& call) {
  VisitSettingsChange change;
  change.travel_speed_kmh = call.body.OptionalNumber("travel_speed_kmh").value_or(0);
  change.cost_per_km = call.body.OptionalNumber("cost_per_km").value_or(0);
  change.notice_hours = call.body.OptionalInteger("notice_hours");
  change.longest_child_day_hours = call.body.OptionalNumber("longest_child_day_hours");
  VINCULO_ASSIGN_OR_RETURN(
      VisitSettingsRow stored,
      Visits(call).ChangeSettings(call.user(), call.id(), change, call.version));
  return VersionedReply(stored, VisitSettingsToJson);
}

Result<Reply> BuildPlan(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(PlanView plan,
                           Visits(call).BuildPlan(call.user(), call.id(), call.body.Text("month")));
  Reply reply = JsonReply(PlanToJson(plan), 201);
  reply.location = "/api/v1/plans/" + std::to_string(plan.plan.id);
  return reply;
}

Result<Reply> BookVisit(Call& call) {
  ManualBooking booking{call.body.Integer("requirement_id"), call.body.Integer("session_id"),
                        call.body.Integer("escort_id")};
  VINCULO_ASSIGN_OR_RETURN(PlanVisitRow visit,
                           Visits(call).BookVisit(call.user(), call.id(), booking));
  return JsonReply(PlanVisitToJson(visit), 201);
}

Result<Reply> RecordVisit(Call& call) {
  const Body& body = call.body;
  VisitRecordRequest record;
  record.attended = body.OptionalBool("attended").value_or(false);
  record.absence_reason = body.Text("absence_reason");
  record.actual_start = body.OptionalText("actual_start");
  record.actual_end = body.OptionalText("actual_end");
  record.brought = body.Texts("brought");
  record.note = body.Text("note");
  record.mood_before = body.OptionalInteger("mood_before");
  record.mood_after = body.OptionalInteger("mood_after");
  // If-Match is optional here (clients written before issue 16 send none);
  // when sent, a record written against an older version is refused with 412.
  if (call.request.has_header("If-Match")) {
    VINCULO_ASSIGN_OR_RETURN(record.expected_version, IfMatchVersion(call.request));
  }
  VINCULO_ASSIGN_OR_RETURN(PlanVisitRow visit,
                           Visits(call).RecordVisit(call.user(), call.id(), record));
  return JsonReply(PlanVisitToJson(visit));
}

const Field kMonthQuery = Required("month", V::kMonth, "The month, YYYY-MM.");

// The facility side: session templates, exclusions, sessions, blocks, visitors.
std::vector<Operation> FacilityOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/facilities/{id}/session-templates",
       .operation_id = "listSessionTemplates",
       .tag = "Visits",
       .summary = "A facility's visiting-session templates",
       .description =
           "Active templates. Read by the facility's staff and by the staff of care organisations.",
       .roles = RolesWith(Permission::kReadVisitSessions),
       .reply = "items:SessionTemplate",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Visits(call).Templates(call.user(), call.id()));
         return ItemsReply(rows, SessionTemplateToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/facilities/{id}/session-templates",
       .operation_id = "createSessionTemplate",
       .tag = "Visits",
       .summary = "Add a visiting-session template",
       .description =
           "Weekly (every interval weeks on weekday, counted from anchor_date), monthly on the nth "
           "weekday or on month_day, or every interval days from anchor_date (default valid_from). "
           "End before start, a capacity of zero or less, or an unknown pattern is 422 naming the "
           "field and stores nothing. exclusion_dates are template-level exclusions. A template "
           "whose sessions would overlap a scheduled workshop session in space_id is 409 naming "
           "space_id and that session, and stores nothing. Visits officers and administrators of "
           "the facility (a visits officer of another facility gets 404; other roles 403). Written "
           "to the audit log.",
       .request = "NewSessionTemplate",
       .roles = RolesWith(Permission::kManageVisitSessions),
       .body = BodyKind::kFields,
       .fields = {Optional("space_id", V::kId), Required("pattern", V::kText),
                  Optional("interval", V::kInt32), Optional("weekday", V::kInt32),
                  Optional("nth", V::kInt32), Optional("month_day", V::kInt32),
                  Optional("anchor_date", V::kDate), Required("valid_from", V::kDate),
                  Optional("valid_to", V::kDate), Required("start_time", V::kText),
                  Required("end_time", V::kText), Required("capacity_families", V::kInteger),
                  Required("capacity_people", V::kInteger),
                  Optional("capacity_unit", V::kText,
                           "What capacity_families counts: families (default: a parent with all "
                           "her children visiting her is one place), pairs (one child-parent "
                           "visit each) or people (children and escorts)")
                      .OneOf({"families", "pairs", "people"}),
                  Optional("wing", V::kText), Optional("exclusion_dates", V::kTexts)},
       .status = 201,
       .reply = "SessionTemplate",
       .errors = {409},
       .handler = CreateTemplate},
      {.method = "POST",
       .path = "/api/v1/facilities/{id}/visit-exclusions",
       .operation_id = "createVisitExclusion",
       .tag = "Visits",
       .summary = "Exclude a date from a facility's or a template's sessions",
       .description = "With template_id the exclusion is the template's; without, the whole "
                      "facility's. Sessions already materialised are not removed: block the date "
                      "instead. Visits officers and administrators of the facility (a visits "
                      "officer of another facility gets 404; other roles 403).",
       .request = "NewVisitExclusion",
       .roles = RolesWith(Permission::kManageVisitSessions),
       .body = BodyKind::kFields,
       .fields = {Optional("template_id", V::kId), Required("date", V::kDate),
                  Optional("reason", V::kText)},
       .status = 201,
       .reply = "VisitExclusion",
       .handler = AddExclusion},
      {.method = "GET",
       .path = "/api/v1/facilities/{id}/visit-sessions",
       .operation_id = "listVisitSessions",
       .tag = "Visits",
       .summary = "A facility's visiting sessions of a month",
       .description = "Materialises the month's sessions from the templates (minus exclusions) the "
                      "first time, then lists them with their booked counters. Read by the "
                      "facility's staff and by the staff of care organisations; auditors get 403.",
       .roles = RolesWith(Permission::kReadVisitSessions),
       .query = {kMonthQuery},
       .reply = "items:VisitSession",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             auto rows, Visits(call).Sessions(call.user(), call.id(), call.QueryText("month")));
         return ItemsReply(rows, VisitSessionToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/facilities/{id}/visit-blocks",
       .operation_id = "blockVisitDate",
       .tag = "Visits",
       .summary = "Block a date at a facility",
       .description =
           "Every open session of the date becomes blocked (no new bookings, no plan uses it) and "
           "its planned visits are flagged needs_review with the reason; nothing is dropped. "
           "Visits officers and administrators of the facility (a visits officer of another "
           "facility gets 404; other roles 403). Written to the audit log.",
       .request = "VisitBlock",
       .roles = RolesWith(Permission::kManageVisitSessions),
       .body = BodyKind::kFields,
       .fields = {Required("date", V::kDate), Required("reason", V::kText)},
       .reply = "VisitBlockResult",
       .handler = BlockDate},
      {.method = "GET",
       .path = "/api/v1/visit-sessions/{id}/visitors",
       .operation_id = "listSessionVisitors",
       .tag = "Visits",
       .summary = "Who is coming to a session",
       .description = "The planned visits of published plans in the session: the list at the "
                      "special entrance. Children appear by pseudonym, with names for roles that "
                      "see case records; a visit flagged for review (its parent transferred or "
                      "released, its session blocked) carries needs_review and the reason; each "
                      "with the escort's name. The facility's visits officers and administrators "
                      "see every family; a programme coordinator sees her organisation's "
                      "families only (issue 15); others 403 or 404. One read event in the audit "
                      "log.",
       .roles = RolesWith(Permission::kReadEntranceList),
       .reply = "items:Visitor",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Visits(call).SessionVisitors(call.user(), call.id()));
         return ItemsReply(rows, VisitorToJson);
       }},
      {.method = "GET",
       .path = "/api/v1/facilities/{id}/visit-calendar",
       .operation_id = "facilityVisitCalendar",
       .tag = "Visits",
       .summary = "A facility's visiting sessions (iCalendar)",
       .description = "The facility's sessions of this month and the next two, with families "
                      "booked or the reason of a block; a session with visits flagged for review "
                      "is STATUS:TENTATIVE, with \"Revisar\" and each reason in its summary and "
                      "description. Visits officers and administrators of the "
                      "facility (a visits officer of another facility gets 404; other roles 403).",
       .roles = RolesWith(Permission::kManageVisitSessions),
       .reply_type = "text/calendar",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(std::string ics,
                                  Visits(call).FacilityCalendar(call.user(), call.id()));
         return Calendar(std::move(ics));
       }},
  };
}

// The organisation side: visit requirements and a child's visits.
std::vector<Operation> OrganisationOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/organisations/{id}/visit-requirements",
       .operation_id = "listVisitRequirements",
       .tag = "Visits",
       .summary = "An organisation's visit requirements",
       .description = "One per child and imprisoned parent (parent-child link). The organisation's "
                      "coordinators, administrators, social workers and caregivers; users of "
                      "another organisation get 404.",
       .roles = RolesWith(Permission::kReadVisits),
       .reply = "items:VisitRequirement",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Visits(call).Requirements(call.user(), call.id()));
         return ItemsReply(rows, RequirementToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/organisations/{id}/visit-requirements/generate",
       .operation_id = "generateVisitRequirements",
       .tag = "Visits",
       .summary = "Create the missing visit requirements",
       .description =
           "For every linked pair of the organisation's children without one: monthly, weight 1. "
           "Idempotent. Coordinators and administrators of the organisation; its caregivers and "
           "social workers get 403; users of another organisation get 404.",
       .roles = RolesWith(Permission::kPlanVisits),
       .reply = "items:VisitRequirement",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows,
                                  Visits(call).GenerateRequirements(call.user(), call.id()));
         return ItemsReply(rows, RequirementToJson);
       }},
      {.method = "PATCH",
       .path = "/api/v1/visit-requirements/{id}",
       .operation_id = "updateVisitRequirement",
       .tag = "Visits",
       .summary = "Change a visit requirement",
       .description =
           "Frequency, weight, a ban until a date (null or empty clears it) or a no-contact order "
           "(such a pair is never scheduled). Needs If-Match with the requirement's version. "
           "Coordinators and administrators of the organisation; its caregivers and social workers "
           "get 403; users of another organisation get 404.",
       .request = "VisitRequirementChange",
       .roles = RolesWith(Permission::kPlanVisits),
       .if_match = true,
       .body = BodyKind::kFields,
       .fields = {Optional("frequency", V::kText), Optional("weight", V::kNumber),
                  Optional("banned_until", V::kDate).Nullable(),
                  Optional("no_contact", V::kBoolean)},
       .reply = "VisitRequirement",
       .handler = ChangeRequirement},
      {.method = "POST",
       .path = "/api/v1/visit-requirements/{id}/sibling-splits",
       .operation_id = "splitSiblings",
       .tag = "Visits",
       .summary = "Let a child visit apart from her siblings in a month",
       .description =
           "Siblings visiting one parent from one home go together or not at all; this records, "
           "with a reason, that the requirement's child goes (or not) on her own in that month's "
           "plans, which say so in their notes. A second split of the same requirement and month "
           "is 409. Coordinators and administrators of the organisation; its caregivers and "
           "social workers get 403; users of another organisation get 404. Written to the audit "
           "log.",
       .request = "NewSiblingSplit",
       .roles = RolesWith(Permission::kPlanVisits),
       .body = BodyKind::kFields,
       .fields = {Required("month", V::kMonth), Required("reason", V::kText)},
       .status = 201,
       .reply = "SiblingSplit",
       .errors = {409},
       .handler = SplitSiblings},
      {.method = "POST",
       .path = "/api/v1/children/{id}/unavailable-dates",
       .operation_id = "addChildUnavailableDates",
       .tag = "Visits",
       .summary = "Dates a child cannot visit",
       .description = "School exams, health, court: no visit is planned or booked on them. "
                      "Coordinators of the child's organisation.",
       .request = "UnavailableDates",
       .roles = RolesWith(Permission::kPlanVisits),
       .body = BodyKind::kFields,
       .fields = {Optional("dates", V::kTexts), Optional("reason", V::kText)},
       .status = 204,
       .handler = AddUnavailableDates},
      {.method = "GET",
       .path = "/api/v1/children/{id}/visits",
       .operation_id = "listChildVisits",
       .tag = "Visits",
       .summary = "A child's visits",
       .description =
           "The child's visits in published plans (planned by the planner or booked by hand), "
           "newest session first: date, session times, facility, parent, status (planned, "
           "cancelled, or recorded once the visit record is written; a moved visit stays planned "
           "at its new session) and the record. Readers of the child's organisation's visit "
           "programme (coordinators, administrators, social workers, caregivers) who can read the "
           "child; a caregiver sees only the visits on her own trips. Another organisation's staff "
           "get 404; auditors 403 (figures only). One read event in the audit log.",
       .roles = RolesWith(Permission::kReadVisits),
       .reply = "items:ChildVisit",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Visits(call).ChildVisits(call.user(), call.id()));
         return ItemsReply(rows, ChildVisitToJson);
       }},
  };
}

// Escorts and routes.
std::vector<Operation> TravelOperations() {
  return {
      {.method = "POST",
       .path = "/api/v1/organisations/{id}/escorts",
       .operation_id = "setEscort",
       .tag = "Visits",
       .summary = "Make a staff member an escort, with available dates",
       .description = "max_children defaults to 4; dates are added to those already known. "
                      "Coordinators and administrators of the organisation; its caregivers and "
                      "social workers get 403; users of another organisation get 404.",
       .request = "EscortRequest",
       .roles = RolesWith(Permission::kPlanVisits),
       .body = BodyKind::kFields,
       .fields = {Required("staff_id", V::kId), Optional("max_children", V::kInteger),
                  Optional("available_dates", V::kTexts)},
       .reply = "Escort",
       .handler = SetEscort},
      {.method = "GET",
       .path = "/api/v1/organisations/{id}/escorts",
       .operation_id = "listEscorts",
       .tag = "Visits",
       .summary = "An organisation's escorts with their available dates in a month",
       .description =
           "Each escort's staff record, home base and maximum of children, with the dates of the "
           "month she is available. Coordinators, administrators and social workers of the "
           "organisation read every escort; a caregiver reads only her own (none when her user is "
           "linked to no staff record); users of another organisation get 404; auditors get 403.",
       .roles = RolesWith(Permission::kReadVisits),
       .query = {kMonthQuery},
       .reply = "items:Escort",
       .errors = {400},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             auto rows, Visits(call).Escorts(call.user(), call.id(), call.QueryText("month")));
         return ItemsReply(rows, EscortToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/organisations/{id}/routes",
       .operation_id = "setRouteOverride",
       .tag = "Visits",
       .summary = "Override travel between a home and a facility",
       .description = "Replaces the great-circle estimate (60 km/h, cost per km) for this route. "
                      "Coordinators and administrators of the organisation; its caregivers and "
                      "social workers get 403; users of another organisation get 404.",
       .request = "RouteOverrideRequest",
       .roles = RolesWith(Permission::kPlanVisits),
       .body = BodyKind::kFields,
       .fields = {Required("home_id", V::kId), Required("facility_id", V::kId),
                  Required("travel_minutes", V::kInteger), Required("cost", V::kNumber)},
       .reply = "RouteOverride",
       .handler = SetRoute},
      {.method = "GET",
       .path = "/api/v1/organisations/{id}/routes",
       .operation_id = "listRouteOverrides",
       .tag = "Visits",
       .summary = "An organisation's route overrides",
       .description = "Every travel override between one of the organisation's homes and a "
                      "facility (set with POST), oldest first: the planner, hand bookings and the "
                      "distance analytics use these minutes and cost instead of the great-circle "
                      "estimate. The organisation's coordinators, administrators, social workers "
                      "and caregivers; auditors get 403; users of another organisation get 404.",
       .roles = RolesWith(Permission::kReadVisits),
       .reply = "items:RouteOverride",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Visits(call).RouteOverrides(call.user(), call.id()));
         return ItemsReply(rows, RouteToJson);
       }},
  };
}

// The organisation's travel settings, distances and an escort's calendar.
std::vector<Operation> TravelSettingsOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/organisations/{id}/visit-settings",
       .operation_id = "getVisitSettings",
       .tag = "Visits",
       .summary = "An organisation's travel speed and cost per km",
       .description = "The speed and cost per km of the great-circle travel estimates (plan build, "
                      "hand bookings and moves, distance analytics) where no route override "
                      "exists. Without settings of its own an organisation has the defaults, 60 "
                      "km/h and 0.5 per km (`defaults` true, version 1). The ETag is the version, "
                      "for PUT. The organisation's coordinators, administrators, social workers "
                      "and caregivers; auditors get 403; users of another organisation get 404.",
       .roles = RolesWith(Permission::kReadVisits),
       .reply = "VisitSettings",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(VisitSettingsRow settings,
                                  Visits(call).Settings(call.user(), call.id()));
         return VersionedReply(settings, VisitSettingsToJson);
       }},
      {.method = "PUT",
       .path = "/api/v1/organisations/{id}/visit-settings",
       .operation_id = "putVisitSettings",
       .tag = "Visits",
       .summary = "Set an organisation's travel speed and cost per km",
       .description =
           "Replaces both rates (both are required). Needs If-Match with the version read (the "
           "defaults are version 1); 412 when someone else changed them meanwhile. "
           "travel_speed_kmh must be more than 0 and at most 200; cost_per_km from 0 to 1000; "
           "notice_hours (the notice before a planned visit, default 24) from 0 to 672 (a "
           "notice longer than the month plans nothing); longest_child_day_hours (a child's "
           "longest day door to door, default 10) more than 0 and at most 24; the last two "
           "keep their value when absent; otherwise 422 naming the field and nothing changes. "
           "Plans built and distances read "
           "afterwards use the new rates (route overrides still win); stored plans keep the costs "
           "they were built with. Coordinators and administrators of the organisation; its social "
           "workers and caregivers get 403; users of another organisation get 404.",
       .request = "VisitSettingsChange",
       .roles = RolesWith(Permission::kPlanVisits),
       .if_match = true,
       .body = BodyKind::kFields,
       .fields = {Required("travel_speed_kmh", V::kNumber, "km/h"),
                  Required("cost_per_km", V::kNumber),
                  Optional("notice_hours", V::kInteger,
                           "no planned visit starts sooner after the plan is built; 0 to 672 "
                           "(absent: unchanged)"),
                  Optional("longest_child_day_hours", V::kNumber,
                           "a child's longest day, door to door; more than 0, at most 24 "
                           "(absent: unchanged)")},
       .reply = "VisitSettings",
       .handler = ChangeSettings},
      {.method = "GET",
       .path = "/api/v1/organisations/{id}/visit-distances",
       .operation_id = "visitDistances",
       .tag = "Visits",
       .summary = "Distance analytics of an organisation's pairs",
       .description = "Each pair's great-circle distance, travel time and round-trip cost at the "
                      "organisation's visit settings (route overrides win), pairs over 160 km "
                      "flagged, the average, and the month's travel cost from its published plan "
                      "(else its latest draft). The organisation's coordinators, administrators, "
                      "social workers and caregivers; users of another organisation get 404.",
       .roles = RolesWith(Permission::kReadVisits),
       .query = {kMonthQuery},
       .reply = "DistanceReport",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             DistanceReport report,
             Visits(call).Distances(call.user(), call.id(), call.QueryText("month")));
         return JsonReply(DistanceReportToJson(report));
       }},
      {.method = "GET",
       .path = "/api/v1/escorts/{id}/calendar",
       .operation_id = "escortCalendar",
       .tag = "Visits",
       .summary = "An escort's visit calendar (iCalendar)",
       .description =
           "The escort's trips in published plans, one event per trip from departure to return, "
           "with the children's pseudonyms; a trip with a visit flagged for review (its parent "
           "transferred or released) is STATUS:TENTATIVE, its summary begins \"Revisar:\" and "
           "its description gives each reason. The organisation's coordinators, administrators, "
           "social workers and caregivers; users of another organisation get 404; a caregiver "
           "reads only her own escort's feed (another escort's is 404).",
       .roles = RolesWith(Permission::kReadVisits),
       .reply_type = "text/calendar",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(std::string ics,
                                  Visits(call).EscortCalendar(call.user(), call.id()));
         return Calendar(std::move(ics));
       }},
  };
}

// Plans and the visits in them.
std::vector<Operation> PlanOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/organisations/{id}/plans",
       .operation_id = "listPlans",
       .tag = "Visits",
       .summary = "An organisation's visit plans",
       .description =
           "Drafts and published plans, oldest first. The organisation's coordinators, "
           "administrators, social workers and caregivers; users of another organisation get 404.",
       .roles = RolesWith(Permission::kReadVisits),
       .reply = "items:PlanSummary",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Visits(call).Plans(call.user(), call.id()));
         return ItemsReply(rows, PlanSummaryToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/organisations/{id}/plans",
       .operation_id = "buildPlan",
       .tag = "Visits",
       .summary = "Build the month's visit plan",
       .description = "Materialises the month's sessions, creates missing requirements, builds the "
                      "planner's instance (pairs with the parents' current facilities, escorts and "
                      "their dates, routes, sibling groups) and solves it beside the first-come "
                      "baseline; stores a draft. A month without sessions is a 201 with an empty "
                      "plan whose unscheduled pairs say no_session_this_month. Coordinators and "
                      "administrators of the organisation; its caregivers and social workers get "
                      "403; users of another organisation get 404. Written to the audit log.",
       .request = "NewPlan",
       .roles = RolesWith(Permission::kPlanVisits),
       .body = BodyKind::kFields,
       .fields = {Required("month", V::kMonth)},
       .status = 201,
       .reply = "Plan",
       .handler = BuildPlan},
      {.method = "GET",
       .path = "/api/v1/plans/{id}",
       .operation_id = "getPlan",
       .tag = "Visits",
       .summary = "A visit plan",
       .description =
           "With visits, trips, unscheduled pairs and notes. Visits whose parent was "
           "transferred or released since are flagged needs_review (a transfer or release "
           "also stores the flag on the visits, so the child's visits, the entrance "
           "list and the feeds show it). The organisation's "
           "coordinators, administrators, social workers and caregivers; users of "
           "another organisation get 404 A caregiver sees only the trips whose escort "
           "is her own staff record (the user's staff_id) and the visits on them, no "
           "unscheduled pairs; a caregiver linked to no staff record sees no trips.",
       .roles = RolesWith(Permission::kReadVisits),
       .reply = "Plan",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(PlanView plan, Visits(call).GetPlan(call.user(), call.id()));
         return JsonReply(PlanToJson(plan));
       }},
      {.method = "POST",
       .path = "/api/v1/plans/{id}/publish",
       .operation_id = "publishPlan",
       .tag = "Visits",
       .summary = "Publish a draft plan",
       .description =
           "Reserves each session's families and people with one conditional update per session in "
           "one transaction: if any session has no room left (or was blocked), or an escort "
           "already travels that day in another published plan, nothing is reserved and the answer "
           "is 409. Publishing twice, or a second plan for a month already published, is 409. "
           "Coordinators and administrators of the organisation; its caregivers and social workers "
           "get 403; users of another organisation get 404.",
       .roles = RolesWith(Permission::kPlanVisits),
       .reply = "Plan",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(PlanView plan, Visits(call).PublishPlan(call.user(), call.id()));
         return JsonReply(PlanToJson(plan));
       }},
  };
}

// Hand edits of a published plan and the visit record.
std::vector<Operation> PlanVisitOperations() {
  return {
      {.method = "POST",
       .path = "/api/v1/plans/{id}/visits",
       .operation_id = "bookVisit",
       .tag = "Visits",
       .summary = "Add a visit to a published plan by hand",
       .description =
           "Same hard rules as the planner: the session has room (409 naming session_id) and is "
           "open, the escort is available and has no other trip that day and room on the trip (409 "
           "naming escort_id), no restriction and no unavailable date (422). Coordinators and "
           "administrators of the organisation; its caregivers and social workers get 403; users "
           "of another organisation get 404.",
       .request = "ManualBooking",
       .roles = RolesWith(Permission::kPlanVisits),
       .body = BodyKind::kFields,
       .fields = {Required("requirement_id", V::kId), Required("session_id", V::kId),
                  Required("escort_id", V::kId)},
       .status = 201,
       .reply = "PlanVisit",
       .errors = {409},
       .handler = BookVisit},
      {.method = "POST",
       .path = "/api/v1/plan-visits/{id}/move",
       .operation_id = "moveVisit",
       .tag = "Visits",
       .summary = "Move a published visit to another session",
       .description =
           "Gives back the old seat and takes the new one in one transaction; the escort's trip "
           "follows the visit. Into a full session is 409 naming session_id, a move that would "
           "give the escort a second trip that day 409 naming escort_id, a session outside the "
           "plan's month (or the same session, or none) 422 naming session_id; nothing changes on "
           "any refusal. Coordinators and administrators of the organisation; its caregivers and "
           "social workers get 403; users of another organisation get 404.",
       .request = "VisitMove",
       .roles = RolesWith(Permission::kPlanVisits),
       .body = BodyKind::kFields,
       .fields = {Required("session_id", V::kId)},
       .reply = "PlanVisit",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             PlanVisitRow visit,
             Visits(call).MoveVisit(call.user(), call.id(), call.body.Integer("session_id")));
         return JsonReply(PlanVisitToJson(visit));
       }},
      {.method = "POST",
       .path = "/api/v1/plan-visits/{id}/cancel",
       .operation_id = "cancelVisit",
       .tag = "Visits",
       .summary = "Cancel a published visit",
       .description = "Gives the seat back; a reason is required. Coordinators and administrators "
                      "of the organisation; its caregivers and social workers get 403; users of "
                      "another organisation get 404.",
       .request = "VisitCancel",
       .roles = RolesWith(Permission::kPlanVisits),
       .body = BodyKind::kFields,
       .fields = {Required("reason", V::kText)},
       .reply = "PlanVisit",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             PlanVisitRow visit,
             Visits(call).CancelVisit(call.user(), call.id(), call.body.Text("reason")));
         return JsonReply(PlanVisitToJson(visit));
       }},
      {.method = "POST",
       .path = "/api/v1/plan-visits/{id}/record",
       .operation_id = "recordVisit",
       .tag = "Visits",
       .summary = "Record what happened at a visit",
       .description = "Attended or not (with a reason), actual times, what the child brought, a "
                      "note, and the caregiver's observation of the child before and after (1-5). "
                      "On the day or after. Coordinators and caregivers of the organisation; a "
                      "caregiver only on her own trips (404 otherwise). If-Match is optional: "
                      "when sent with the visit's version and the visit changed since, 412 "
                      "and nothing is written (an offline record never overwrites a newer one); "
                      "a cancelled visit is 409 naming status.",
       .request = "VisitRecord",
       .roles = RolesWith(Permission::kRecordVisits),
       .body = BodyKind::kFields,
       .fields = {Required("attended", V::kBoolean), Optional("absence_reason", V::kText),
                  Optional("actual_start", V::kText), Optional("actual_end", V::kText),
                  Optional("brought", V::kTexts), Optional("note", V::kText),
                  Optional("mood_before", V::kInteger), Optional("mood_after", V::kInteger)},
       .reply = "PlanVisit",
       .errors = {409, 412},
       .handler = RecordVisit},
  };
}

}  // namespace

std::vector<Operation> VisitOperations() {
  return Concatenated({FacilityOperations, OrganisationOperations, TravelOperations,
                       TravelSettingsOperations, PlanOperations, PlanVisitOperations});
}

}  // namespace vinculo::http_internal
