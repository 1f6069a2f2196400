#include "service/visit_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/icalendar.h"
#include "domain/session_capacity.h"
#include "domain/visit_rules.h"
#include "service/calendar_zones.h"
#include "service/visit_calendar.h"
#include "service/visit_settings.h"
#include "store/row_lock.h"
#include "store/visit_store.h"
#include "store/workshop_store.h"

namespace vinculo {
namespace vs = visit_store;
using visit_internal::CheckOrganisation;
using visit_internal::OrganisationVisitSettings;

namespace visit_internal {

Status CheckOrganisation(const Actor& actor, long long organisation_id, bool write) {
  if (actor.IsGlobal()) return Status::Ok();
  if (!actor.organisation_id || *actor.organisation_id != organisation_id) {
    if (!Allows(actor.role, Permission::kSeeCaseRecords)) {
      return Forbidden("auditors see figures only");
    }
    return NotFound("no organisation " + std::to_string(organisation_id));
  }
  if (Allows(actor.role, write ? Permission::kPlanVisits : Permission::kReadVisits)) {
    return Status::Ok();
  }
  if (Allows(actor.role, Permission::kReadVisits)) {
    return Forbidden(std::string("a ") + RoleName(actor.role) +
                     " reads the visit programme; its coordinators change it");
  }
  return Forbidden(std::string("a ") + RoleName(actor.role) +
                   " has no access to an organisation's visit programme");
}

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// Whether a trip's escort is the actor's own staff record. A caregiver sees
// and records only her own trips; one linked to no staff record has none.
Result<bool> IsOwnTrip(Txn& txn, const Actor& actor, long long escort_id,
                       std::map<long long, bool>& known) {
  auto it = known.find(escort_id);
  if (it != known.end()) return it->second;
  bool own = false;
  if (actor.staff_id) {
    VINCULO_ASSIGN_OR_RETURN(EscortRow escort, vs::GetEscort(txn, escort_id));
    own = escort.staff_id == *actor.staff_id;
  }
  known[escort_id] = own;
  return own;
}

// Requirements for the linked pairs that have none yet.
Status InsertMissingRequirements(Txn& txn, long long organisation_id,
                                 const std::vector<PairSourceRow>& sources, const std::string& now,
                                 long long& created) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<RequirementRow> existing,
                           vs::Requirements(txn, organisation_id));
  // A child who left a prison nursery keeps the frequency its transition plan set.
  VINCULO_ASSIGN_OR_RETURN(auto transition_frequencies,
                           vs::TransitionVisitFrequencies(txn, organisation_id));
  std::set<std::pair<long long, long long>> have;
  for (const RequirementRow& row : existing) have.emplace(row.child_id, row.parent_id);
  for (const PairSourceRow& source : sources) {
    if (have.count({source.child_id, source.parent_id})) continue;
    RequirementRow row;
    row.organisation_id = organisation_id;
    row.child_id = source.child_id;
    row.parent_id = source.parent_id;
    auto transition = transition_frequencies.find({source.child_id, source.parent_id});
    if (transition != transition_frequencies.end()) row.frequency = transition->second;
    VINCULO_RETURN_IF_ERROR(vs::InsertRequirement(txn, row, now).status());
    have.emplace(source.child_id, source.parent_id);
    ++created;
  }
  return Status::Ok();
}

std::map<long long, SessionPlaces> SessionLoads(const std::vector<PlanVisitRow>& visits,
                                                long long except_visit) {
  std::map<long long, std::vector<SessionVisit>> by_session;
  for (const PlanVisitRow& visit : visits) {
    if (visit.status != PlannedVisitStatus::kPlanned ||
        (except_visit != 0 && visit.id == except_visit))
      continue;
    by_session[visit.session_id].push_back({visit.child_id, visit.parent_id, visit.trip_id});
  }
  std::map<long long, SessionPlaces> loads;
  for (const auto& [session_id, session_visits] : by_session) {
    const SessionLoad load = LoadOf(session_visits);
    loads[session_id] = {load.families, load.pairs, load.People()};
  }
  return loads;
}

CapacityUnit CapacityUnitOf(const std::string& unit) {
  if (unit == "pairs") return CapacityUnit::kPairs;
  if (unit == "people") return CapacityUnit::kPeople;
  return CapacityUnit::kFamilies;
}

}  // namespace visit_internal

using visit_internal::InsertMissingRequirements;
using visit_internal::Trimmed;

namespace {

constexpr long long kMaxCapacity = 10000;
// The feeds' word for a visit flagged for review (issue 15).
constexpr char kReviewLabel[] = "Revisar";
// A ban or an unavailable date more than this far ahead is a typing error.
constexpr int kMaxMonthsAhead = 36;

// Facility staff: a global administrator, or an administrator or visits
// officer of this facility. A visits officer of another facility is told the
// facility does not exist for her.
Status CheckFacilityManager(const Actor& actor, long long facility_id) {
  if (actor.IsGlobal()) return Status::Ok();
  const bool facility_role = Allows(actor.role, Permission::kManageVisitSessions);
  if (facility_role && actor.facility_id && *actor.facility_id == facility_id) {
    return Status::Ok();
  }
  if (facility_role && actor.facility_id) {
    return NotFound("no facility " + std::to_string(facility_id) + " that you manage");
  }
  return Forbidden(std::string("a ") + RoleName(actor.role) +
                   " cannot manage a facility's visiting sessions; its visits officers can");
}

// Sessions are read by the facility's staff and by the staff of care
// organisations, who plan visits to every facility.
Status CheckSessionReader(const Actor& actor, long long facility_id) {
  if (CheckFacilityManager(actor, facility_id).ok()) return Status::Ok();
  // Care organisations' staff: those who read their visit programme.
  if (Allows(actor.role, Permission::kReadVisits) && actor.organisation_id) return Status::Ok();
  return CheckFacilityManager(actor, facility_id);
}

Result<Date> ParseDateField(const std::string& text, const char* field) {
  return ParseDate(text, field);
}

// A space cannot host a workshop and a visiting session at once: a template
// whose sessions would fall on a scheduled workshop session of its space
// (same day, overlapping times) is refused, naming the first such session.
Status CheckWorkshopsInSpace(Txn& txn, long long facility_id, long long space_id,
                             const Recurrence& recurrence, const std::vector<Date>& exclusions,
                             int start_minute, int end_minute) {
  // The space's row first: a workshop booked into it meanwhile waits for us.
  VINCULO_RETURN_IF_ERROR(LockRow(txn, "spaces", space_id));
  WorkshopSessionFilter filter;
  filter.facility_id = facility_id;
  filter.from = FormatDate(recurrence.valid_from);
  if (recurrence.valid_to) filter.to = FormatDate(*recurrence.valid_to);
  VINCULO_ASSIGN_OR_RETURN(std::vector<WorkshopSessionRow> workshops,
                           workshop_store::WorkshopSessions(txn, filter));
  // The facility's own exclusions (for every template) apply too.
  std::vector<Date> excluded = exclusions;
  VINCULO_ASSIGN_OR_RETURN(
      std::vector<VisitExclusionRow> stored,
      vs::Exclusions(txn, facility_id, filter.from, filter.to.empty() ? "9999-12-31" : filter.to));
  for (const VisitExclusionRow& exclusion : stored) {
    if (exclusion.template_id) continue;
    if (auto date = ParseDate(exclusion.excluded_on); date.ok()) excluded.push_back(*date);
  }
  for (const WorkshopSessionRow& workshop : workshops) {
    if (workshop.status != WorkshopSessionStatus::kScheduled || workshop.space_id != space_id) {
      continue;
    }
    if (workshop.start_minute >= end_minute || start_minute >= workshop.end_minute) continue;
    auto date = ParseDate(workshop.session_date);
    if (!date.ok() || Occurrences(recurrence, *date, *date, excluded).empty()) continue;
    return Conflict("the space hosts workshop session " + std::to_string(workshop.id) + " on " +
                        workshop.session_date + " from " + FormatClock(workshop.start_minute) +
                        " to " + FormatClock(workshop.end_minute) +
                        "; choose another space or time, or exclude that date",
                    "space_id");
  }
  return Status::Ok();
}

}  // namespace

Result<std::pair<Date, Date>> ParseMonth(const std::string& month, const std::string& field) {
  if (month.size() != 7 || month[4] != '-') {
    return InvalidArgument(field, "must be a month, YYYY-MM");
  }
  auto first = ParseDate(month + "-01", field);
  if (!first.ok()) return InvalidArgument(field, "must be a month, YYYY-MM");
  return std::make_pair(*first,
                        Date{first->year, first->month, DaysInMonth(first->year, first->month)});
}

AuditEvent VisitService::Event(const Actor& actor, const char* action, const char* kind,
                               long long id, std::string detail) const {
  return AuditEventFor(actor, context_.Now(), action, kind, id, std::move(detail));
}

// --- Templates and sessions ---

Result<SessionTemplateRow> VisitService::CreateTemplate(const Actor& actor,
                                                        const TemplateRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckFacilityManager(actor, request.facility_id));
  VINCULO_ASSIGN_OR_RETURN(RecurrenceKind kind, ParseRecurrenceKind(request.pattern));
  VINCULO_ASSIGN_OR_RETURN(int start_minute, ParseClock(request.start_time, "start_time"));
  VINCULO_ASSIGN_OR_RETURN(int end_minute, ParseClock(request.end_time, "end_time"));
  VINCULO_RETURN_IF_ERROR(ValidateSessionTimes(start_minute, end_minute));
  if (request.capacity_families < 1 || request.capacity_families > kMaxCapacity) {
    return InvalidArgument("capacity_families", "must be a whole number from 1 to 10000");
  }
  if (request.capacity_people < 1 || request.capacity_people > kMaxCapacity) {
    return InvalidArgument("capacity_people", "must be a whole number from 1 to 10000");
  }
  if (request.wing != "women" && request.wing != "men" && request.wing != "any") {
    return InvalidArgument("wing", "must be women, men or any");
  }
  if (request.capacity_unit != "families" && request.capacity_unit != "pairs" &&
      request.capacity_unit != "people") {
    return InvalidArgument("capacity_unit", "must be families, pairs or people");
  }
  Recurrence recurrence;
  recurrence.kind = kind;
  recurrence.interval = request.interval;
  recurrence.weekday = request.weekday;
  recurrence.nth = request.nth;
  recurrence.month_day = request.month_day;
  VINCULO_ASSIGN_OR_RETURN(recurrence.valid_from, ParseDateField(request.valid_from, "valid_from"));
  recurrence.anchor = recurrence.valid_from;
  if (request.anchor_date) {
    VINCULO_ASSIGN_OR_RETURN(recurrence.anchor,
                             ParseDateField(*request.anchor_date, "anchor_date"));
  }
  if (request.valid_to) {
    VINCULO_ASSIGN_OR_RETURN(Date valid_to, ParseDateField(*request.valid_to, "valid_to"));
    recurrence.valid_to = valid_to;
  }
  VINCULO_RETURN_IF_ERROR(ValidateRecurrence(recurrence));
  std::vector<Date> exclusions;
  for (const std::string& text : request.exclusion_dates) {
    VINCULO_ASSIGN_OR_RETURN(Date date, ParseDateField(text, "exclusion_dates"));
    exclusions.push_back(date);
  }
  SessionTemplateRow row;
  row.facility_id = request.facility_id;
  row.space_id = request.space_id;
  row.pattern = RecurrenceKindName(kind);
  row.interval = recurrence.interval;
  row.weekday = recurrence.weekday;
  row.nth = recurrence.nth;
  row.month_day = recurrence.month_day;
  row.anchor_date = FormatDate(recurrence.anchor);
  row.valid_from = FormatDate(recurrence.valid_from);
  if (recurrence.valid_to) row.valid_to = FormatDate(*recurrence.valid_to);
  row.start_minute = start_minute;
  row.end_minute = end_minute;
  row.capacity_families = request.capacity_families;
  row.capacity_people = request.capacity_people;
  row.capacity_unit = request.capacity_unit;
  row.wing = request.wing;
  row.created_by = actor.user_id;
  row.created_at = context_.Now();
  SessionTemplateRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(FacilityKind(), request.facility_id, actor).status());
    if (request.space_id) {
      auto space = txn.Get(SpaceKind(), *request.space_id, actor);
      if (!space.ok() || space->Integer("facility_id").value_or(0) != request.facility_id) {
        return InvalidArgument("space_id", "no space of this facility");
      }
    }
    if (request.space_id) {
      VINCULO_RETURN_IF_ERROR(CheckWorkshopsInSpace(txn, request.facility_id, *request.space_id,
                                                    recurrence, exclusions, start_minute,
                                                    end_minute));
    }
    VINCULO_ASSIGN_OR_RETURN(stored, vs::InsertTemplate(txn, row));
    for (const Date& date : exclusions) {
      VisitExclusionRow exclusion;
      exclusion.facility_id = request.facility_id;
      exclusion.template_id = stored.id;
      exclusion.excluded_on = FormatDate(date);
      exclusion.created_by = actor.user_id;
      exclusion.created_at = row.created_at;
      VINCULO_RETURN_IF_ERROR(vs::InsertExclusion(txn, exclusion).status());
    }
    return txn.AppendAudit({Event(actor, "create", "visit_session_templates", stored.id,
                                  "facility " + std::to_string(request.facility_id))});
  }));
  return stored;
}

Result<std::vector<SessionTemplateRow>> VisitService::Templates(const Actor& actor,
                                                                long long facility_id) {
  VINCULO_RETURN_IF_ERROR(CheckSessionReader(actor, facility_id));
  std::vector<SessionTemplateRow> templates;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(FacilityKind(), facility_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(templates, vs::Templates(txn, facility_id));
    return Status::Ok();
  }));
  return templates;
}

Result<VisitExclusionRow> VisitService::AddExclusion(const Actor& actor, long long facility_id,
                                                     const ExclusionRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckFacilityManager(actor, facility_id));
  VINCULO_ASSIGN_OR_RETURN(Date date, ParseDateField(request.date, "date"));
  VisitExclusionRow row;
  row.facility_id = facility_id;
  row.template_id = request.template_id;
  row.excluded_on = FormatDate(date);
  row.reason = Trimmed(request.reason);
  row.created_by = actor.user_id;
  row.created_at = context_.Now();
  VisitExclusionRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(FacilityKind(), facility_id, actor).status());
    if (request.template_id) {
      VINCULO_ASSIGN_OR_RETURN(std::vector<SessionTemplateRow> templates,
                               vs::Templates(txn, facility_id));
      const bool known = std::any_of(templates.begin(), templates.end(),
                                     [&](const auto& t) { return t.id == *request.template_id; });
      if (!known) return InvalidArgument("template_id", "no session template of this facility");
    }
    VINCULO_ASSIGN_OR_RETURN(stored, vs::InsertExclusion(txn, row));
    return txn.AppendAudit(
        {Event(actor, "create", "visit_exclusions", stored.id,
               "facility " + std::to_string(facility_id) + " " + row.excluded_on)});
  }));
  return stored;
}

Result<std::vector<VisitSessionRow>> VisitService::Sessions(const Actor& actor,
                                                            long long facility_id,
                                                            const std::string& month) {
  VINCULO_RETURN_IF_ERROR(CheckSessionReader(actor, facility_id));
  VINCULO_ASSIGN_OR_RETURN(auto range, ParseMonth(month, "month"));
  std::vector<VisitSessionRow> sessions;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(FacilityKind(), facility_id, actor).status());
    VINCULO_RETURN_IF_ERROR(
        MaterialiseVisitSessions(txn, facility_id, range.first, range.second, context_.Now()));
    VINCULO_ASSIGN_OR_RETURN(sessions, vs::Sessions(txn, {facility_id}, FormatDate(range.first),
                                                    FormatDate(range.second)));
    return Status::Ok();
  }));
  return sessions;
}

Result<BlockResult> VisitService::BlockDate(const Actor& actor, long long facility_id,
                                            const BlockRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckFacilityManager(actor, facility_id));
  VINCULO_ASSIGN_OR_RETURN(Date date, ParseDateField(request.date, "date"));
  const std::string reason = Trimmed(request.reason);
  if (reason.empty())
    return InvalidArgument("reason", "a block needs a reason families can read")
        .Because(Refusal::kReasonRequired);
  BlockResult result;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(FacilityKind(), facility_id, actor).status());
    // Sessions of that day that were never materialised are created first, so
    // that the block also stops future plans.
    VINCULO_RETURN_IF_ERROR(MaterialiseVisitSessions(txn, facility_id, date, date, context_.Now()));
    VINCULO_ASSIGN_OR_RETURN(
        result.session_ids,
        vs::BlockSessions(txn, facility_id, FormatDate(date), reason, context_.Now()));
    VINCULO_ASSIGN_OR_RETURN(
        result.flagged_visits,
        vs::FlagSessionVisits(txn, result.session_ids, "session blocked by the facility: " + reason,
                              context_.Now()));
    VisitExclusionRow exclusion;
    exclusion.facility_id = facility_id;
    exclusion.excluded_on = FormatDate(date);
    exclusion.reason = reason;
    exclusion.created_by = actor.user_id;
    exclusion.created_at = context_.Now();
    VINCULO_RETURN_IF_ERROR(vs::InsertExclusion(txn, exclusion).status());
    return txn.AppendAudit(
        {Event(actor, "block", "facilities", facility_id,
               FormatDate(date) + ": " + std::to_string(result.session_ids.size()) + " sessions, " +
                   std::to_string(result.flagged_visits) + " visits flagged")});
  }));
  return result;
}

Result<std::vector<Visitor>> VisitService::SessionVisitors(const Actor& actor,
                                                           long long session_id) {
  std::vector<Visitor> visitors;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    auto session = vs::GetSession(txn, session_id);
    if (!session.ok()) return session.status();
    // The list at the entrance is the facility's: its staff see every family.
    // A programme coordinator sees her own organisation's families there
    // (issue 15); anyone else is told what a missing session tells (issue 13:
    // not the facility behind it).
    const bool facility_staff = CheckFacilityManager(actor, session->facility_id).ok();
    const bool coordinator = actor.role == Role::kProgrammeCoordinator && actor.organisation_id;
    if (!facility_staff && !coordinator) {
      return NotFound("no visiting session " + std::to_string(session_id));
    }
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlanVisitRow> visits, vs::SessionVisits(txn, session_id));
    const Actor system = Actor::System();
    std::map<long long, long long> plan_organisation;
    std::map<long long, std::string> escort_name;
    for (const PlanVisitRow& visit : visits) {
      if (!facility_staff) {
        auto known = plan_organisation.find(visit.plan_id);
        if (known == plan_organisation.end()) {
          VINCULO_ASSIGN_OR_RETURN(PlanRow plan, vs::GetPlan(txn, visit.plan_id));
          known = plan_organisation.emplace(visit.plan_id, plan.organisation_id).first;
        }
        if (known->second != *actor.organisation_id) continue;
      }
      Visitor visitor;
      visitor.visit_id = visit.id;
      visitor.child_id = visit.child_id;
      visitor.parent_id = visit.parent_id;
      visitor.needs_review = visit.needs_review;
      visitor.review_reason = visit.review_reason;
      if (auto child = txn.Get(ChildKind(), visit.child_id, system); child.ok()) {
        visitor.pseudonym = child->Text("pseudonym").value_or("");
        if (SeesCaseRecords(actor.role)) {
          visitor.child_name = child->Text("given_names").value_or("") + " " +
                               child->Text("family_names").value_or("");
        }
      }
      if (auto parent = txn.Get(ParentKind(), visit.parent_id, system); parent.ok()) {
        visitor.parent_name = parent->Text("given_names").value_or("") + " " +
                              parent->Text("family_names").value_or("");
      }
      if (auto trip = vs::GetTrip(txn, visit.trip_id); trip.ok()) {
        visitor.escort_id = trip->escort_id;
        auto named = escort_name.find(trip->escort_id);
        if (named == escort_name.end()) {
          auto escort = vs::GetEscort(txn, trip->escort_id);
          named = escort_name.emplace(trip->escort_id, escort.ok() ? escort->name : "").first;
        }
        visitor.escort_name = named->second;
      }
      visitors.push_back(std::move(visitor));
    }
    return Status::Ok();
  }));
  if (context_.audit) {
    context_.audit->RecordRead(Event(actor, "visitors", "visit_sessions", session_id,
                                     std::to_string(visitors.size()) + " visitors"));
  }
  return visitors;
}

// --- Requirements, escorts, routes ---

Result<std::vector<RequirementRow>> VisitService::GenerateRequirements(const Actor& actor,
                                                                       long long organisation_id) {
  VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, organisation_id, true));
  std::vector<RequirementRow> requirements;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(OrganisationKind(), organisation_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(std::vector<PairSourceRow> sources,
                             vs::PairSources(txn, organisation_id));
    long long created = 0;
    VINCULO_RETURN_IF_ERROR(
        InsertMissingRequirements(txn, organisation_id, sources, context_.Now(), created));
    VINCULO_ASSIGN_OR_RETURN(requirements, vs::Requirements(txn, organisation_id));
    return txn.AppendAudit({Event(actor, "generate", "visit_requirements", organisation_id,
                                  std::to_string(created) + " created")});
  }));
  return requirements;
}

Result<std::vector<RequirementRow>> VisitService::Requirements(const Actor& actor,
                                                               long long organisation_id) {
  VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, organisation_id, false));
  std::vector<RequirementRow> requirements;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(requirements, vs::Requirements(txn, organisation_id));
    return Status::Ok();
  }));
  return requirements;
}

Result<RequirementRow> VisitService::ChangeRequirement(const Actor& actor, long long requirement_id,
                                                       const RequirementChange& change,
                                                       long long expected_version) {
  if (change.frequency && *change.frequency != "weekly" && *change.frequency != "monthly" &&
      *change.frequency != "fortnightly" && *change.frequency != "every_two_months") {
    return InvalidArgument("frequency", "must be weekly, fortnightly, monthly or every_two_months");
  }
  if (change.weight && (*change.weight < 0.1 || *change.weight > 100)) {
    return InvalidArgument("weight", "must be from 0.1 to 100");
  }
  if (change.banned_until && !change.banned_until->empty()) {
    VINCULO_RETURN_IF_ERROR(ParseDateField(*change.banned_until, "banned_until").status());
  }
  RequirementRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    auto found = vs::GetRequirement(txn, requirement_id);
    if (!found.ok()) return found.status();
    if (!CheckOrganisation(actor, found->organisation_id, false).ok()) {
      return NotFound("no visit requirement " + std::to_string(requirement_id));
    }
    VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, found->organisation_id, true));
    RequirementRow row = *found;
    if (change.frequency) row.frequency = *change.frequency;
    if (change.weight) row.weight = *change.weight;
    if (change.banned_until) {
      if (change.banned_until->empty()) {
        row.banned_until.reset();
      } else {
        row.banned_until = *change.banned_until;
      }
    }
    if (change.no_contact) row.no_contact = *change.no_contact;
    VINCULO_ASSIGN_OR_RETURN(stored,
                             vs::UpdateRequirement(txn, row, expected_version, context_.Now()));
    return txn.AppendAudit({Event(actor, "update", "visit_requirements", requirement_id)});
  }));
  return stored;
}

Result<SiblingSplitRow> VisitService::SplitSiblings(const Actor& actor, long long requirement_id,
                                                    const std::string& month,
                                                    const std::string& reason) {
  VINCULO_RETURN_IF_ERROR(ParseMonth(month, "month").status());
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("reason", "say why the siblings are split");
  }
  SiblingSplitRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    auto found = vs::GetRequirement(txn, requirement_id);
    if (!found.ok()) return found.status();
    if (!CheckOrganisation(actor, found->organisation_id, false).ok()) {
      return NotFound("no visit requirement " + std::to_string(requirement_id));
    }
    VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, found->organisation_id, true));
    SiblingSplitRow row;
    row.organisation_id = found->organisation_id;
    row.requirement_id = requirement_id;
    row.child_id = found->child_id;
    row.parent_id = found->parent_id;
    row.month = month;
    row.reason = reason;
    row.created_by = actor.user_id;
    row.created_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(stored, vs::InsertSiblingSplit(txn, row));
    return txn.AppendAudit(
        {Event(actor, "split_siblings", "visit_requirements", requirement_id, month)});
  }));
  return stored;
}

Status VisitService::AddUnavailableDates(const Actor& actor, long long child_id,
                                         const std::vector<std::string>& dates,
                                         const std::string& reason) {
  std::vector<Date> parsed;
  for (const std::string& text : dates) {
    VINCULO_ASSIGN_OR_RETURN(Date date, ParseDateField(text, "dates"));
    parsed.push_back(date);
  }
  if (parsed.empty()) return InvalidArgument("dates", "give at least one date");
  return context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_RETURN_IF_ERROR(
        CheckOrganisation(actor, child.Integer("organisation_id").value_or(0), true));
    for (const Date& date : parsed) {
      VINCULO_RETURN_IF_ERROR(vs::AddUnavailableDate(txn, child_id, FormatDate(date), reason));
    }
    return txn.AppendAudit({Event(actor, "unavailable", "children", child_id,
                                  std::to_string(parsed.size()) + " dates")});
  });
}

Result<std::vector<EscortRow>> VisitService::Escorts(const Actor& actor, long long organisation_id,
                                                     const std::string& month) {
  VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, organisation_id, false));
  VINCULO_ASSIGN_OR_RETURN(auto range, ParseMonth(month, "month"));
  std::vector<EscortRow> escorts;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(OrganisationKind(), organisation_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(escorts, vs::Escorts(txn, organisation_id, FormatDate(range.first),
                                                  FormatDate(range.second)));
    return Status::Ok();
  }));
  if (actor.role == Role::kCaregiver) {
    std::erase_if(escorts, [&](const EscortRow& escort) {
      return !actor.staff_id || escort.staff_id != *actor.staff_id;
    });
  }
  return escorts;
}

Result<EscortRow> VisitService::SetEscort(const Actor& actor, long long organisation_id,
                                          const EscortRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, organisation_id, true));
  const long long max_children = request.max_children.value_or(options_.default_max_children);
  if (max_children < 1 || max_children > 20) {
    return InvalidArgument("max_children", "must be a whole number from 1 to 20");
  }
  std::vector<Date> dates;
  for (const std::string& text : request.available_dates) {
    VINCULO_ASSIGN_OR_RETURN(Date date, ParseDateField(text, "available_dates"));
    dates.push_back(date);
  }
  EscortRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    auto staff = txn.Get(StaffKind(), request.staff_id, actor);
    if (!staff.ok() || staff->Integer("organisation_id").value_or(0) != organisation_id) {
      return InvalidArgument("staff_id", "no staff member of this organisation");
    }
    VINCULO_ASSIGN_OR_RETURN(stored, vs::UpsertEscort(txn, organisation_id, request.staff_id,
                                                      max_children, context_.Now()));
    for (const Date& date : dates) {
      VINCULO_RETURN_IF_ERROR(vs::AddEscortDate(txn, stored.id, FormatDate(date)));
      stored.available_dates.push_back(FormatDate(date));
    }
    return txn.AppendAudit(
        {Event(actor, "update", "escorts", stored.id, std::to_string(dates.size()) + " dates")});
  }));
  return stored;
}

Result<RouteOverrideRow> VisitService::SetRoute(const Actor& actor, long long organisation_id,
                                                const RouteRequest& request) {
  VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, organisation_id, true));
  Status refused;  // both fields at fault at once
  if (request.travel_minutes < 1 || request.travel_minutes > 24 * 60) {
    refused.Collect(InvalidArgument("travel_minutes", "must be a whole number from 1 to 1440"));
  }
  if (request.cost < 0) refused.Collect(InvalidArgument("cost", "cannot be negative"));
  VINCULO_RETURN_IF_ERROR(refused);
  RouteOverrideRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    auto home = txn.Get(HomeKind(), request.home_id, actor);
    if (!home.ok() || home->Integer("organisation_id").value_or(0) != organisation_id) {
      return InvalidArgument("home_id", "no home of this organisation");
    }
    if (!txn.Get(FacilityKind(), request.facility_id, actor).ok()) {
      return InvalidArgument("facility_id", "no such facility");
    }
    RouteOverrideRow row;
    row.home_id = request.home_id;
    row.facility_id = request.facility_id;
    row.travel_minutes = request.travel_minutes;
    row.cost = request.cost;
    VINCULO_ASSIGN_OR_RETURN(stored, vs::UpsertRoute(txn, row, context_.Now()));
    return txn.AppendAudit({Event(actor, "update", "route_overrides", stored.id)});
  }));
  return stored;
}

// --- Distances and calendars ---

Result<std::vector<RouteOverrideRow>> VisitService::RouteOverrides(const Actor& actor,
                                                                   long long organisation_id) {
  VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, organisation_id, false));
  std::vector<RouteOverrideRow> routes;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(OrganisationKind(), organisation_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(routes, vs::Routes(txn, organisation_id));
    return Status::Ok();
  }));
  return routes;
}

Result<DistanceReport> VisitService::Distances(const Actor& actor, long long organisation_id,
                                               const std::string& month) {
  VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, organisation_id, false));
  VINCULO_RETURN_IF_ERROR(ParseMonth(month, "month").status());
  DistanceReport report;
  report.organisation_id = organisation_id;
  report.month = month;
  report.cost_basis = "none";
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(OrganisationKind(), organisation_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(std::vector<PairSourceRow> sources,
                             vs::PairSources(txn, organisation_id));
    VINCULO_ASSIGN_OR_RETURN(std::vector<RequirementRow> requirements,
                             vs::Requirements(txn, organisation_id));
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlacePoint> facilities, vs::Facilities(txn));
    VINCULO_ASSIGN_OR_RETURN(std::vector<RouteOverrideRow> overrides,
                             vs::Routes(txn, organisation_id));
    VINCULO_ASSIGN_OR_RETURN(VisitSettingsRow rates,
                             OrganisationVisitSettings(txn, organisation_id, options_));
    report.travel_speed_kmh = rates.travel_speed_kmh;
    report.cost_per_km = rates.cost_per_km;
    std::map<long long, const PlacePoint*> facility_point;
    for (const PlacePoint& facility : facilities) facility_point[facility.id] = &facility;
    std::map<std::pair<long long, long long>, long long> requirement_of;
    for (const RequirementRow& row : requirements) {
      requirement_of[{row.child_id, row.parent_id}] = row.id;
    }
    double total_km = 0;
    long long measured = 0;
    for (const PairSourceRow& source : sources) {
      if (source.custody_status == CustodyStatus::kReleased) continue;
      PairDistance pair;
      pair.child_id = source.child_id;
      pair.parent_id = source.parent_id;
      pair.home_id = source.home_id;
      pair.facility_id = source.facility_id;
      if (auto found = requirement_of.find({source.child_id, source.parent_id});
          found != requirement_of.end()) {
        pair.requirement_id = found->second;
      }
      const PlacePoint* facility = facility_point[source.facility_id];
      if (facility && facility->latitude && facility->longitude && source.home_latitude &&
          source.home_longitude) {
        const Travel travel = TravelFor(GreatCircleKm(*source.home_latitude, *source.home_longitude,
                                                      *facility->latitude, *facility->longitude),
                                        rates.travel_speed_kmh, rates.cost_per_km);
        pair.km = travel.km;
        pair.travel_minutes = travel.minutes;
        pair.travel_cost = travel.cost;
        pair.far = travel.km > kFarKm;
        total_km += travel.km;
        ++measured;
      }
      for (const RouteOverrideRow& route : overrides) {
        if (source.home_id && route.home_id == *source.home_id &&
            route.facility_id == source.facility_id) {
          pair.travel_minutes = static_cast<int>(route.travel_minutes);
          pair.travel_cost = route.cost;
        }
      }
      if (pair.far) ++report.far_pairs;
      report.pairs.push_back(pair);
    }
    report.average_km = measured ? total_km / static_cast<double>(measured) : 0;
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlanRow> plans, vs::Plans(txn, organisation_id));
    const PlanRow* chosen = nullptr;
    for (const PlanRow& plan : plans) {
      if (plan.month != month) continue;
      if (plan.status == VisitPlanStatus::kPublished) {
        chosen = &plan;
        break;
      }
      chosen = &plan;  // the latest draft, unless a published one is found
    }
    if (chosen) {
      report.cost_basis = VisitPlanStatusName(chosen->status);
      VINCULO_ASSIGN_OR_RETURN(std::vector<PlanTripRow> trips, vs::PlanTrips(txn, chosen->id));
      for (const PlanTripRow& trip : trips) {
        if (trip.status != TripStatus::kPlanned) continue;
        report.monthly_travel_cost += trip.cost;
        ++report.trips;
      }
    }
    return Status::Ok();
  }));
  return report;
}

Result<std::string> VisitService::EscortCalendar(const Actor& actor, long long escort_id) {
  std::vector<CalendarEvent> events;
  std::vector<CalendarZone> zones;
  std::string name;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(EscortRow escort, vs::GetEscort(txn, escort_id));
    if (!CheckOrganisation(actor, escort.organisation_id, false).ok() ||
        (actor.role == Role::kCaregiver && actor.staff_id != escort.staff_id)) {
      return NotFound("no escort " + std::to_string(escort_id));
    }
    name = "Visitas: " + escort.name;
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlanTripRow> trips, vs::EscortTrips(txn, escort_id));
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlacePoint> facilities, vs::Facilities(txn));
    std::map<long long, std::string> facility_name;
    for (const PlacePoint& facility : facilities) facility_name[facility.id] = facility.name;
    const Actor system = Actor::System();
    for (const PlanTripRow& trip : trips) {
      auto date = ParseDate(trip.trip_date);
      if (!date.ok()) continue;
      VINCULO_ASSIGN_OR_RETURN(std::vector<PlanVisitRow> visits, vs::PlanVisits(txn, trip.plan_id));
      std::string children;
      std::string review;  // the visits flagged for review, with their reasons (issue 15)
      for (const PlanVisitRow& visit : visits) {
        if (visit.trip_id != trip.id || visit.status != PlannedVisitStatus::kPlanned) continue;
        auto child = txn.Get(ChildKind(), visit.child_id, system);
        const std::string pseudonym =
            child.ok() ? child->Text("pseudonym").value_or("") : std::string("?");
        children += (children.empty() ? "" : ", ") + pseudonym;
        if (visit.needs_review) {
          review += "\n" + std::string(kReviewLabel) + " " + pseudonym + ": " + visit.review_reason;
        }
      }
      VINCULO_ASSIGN_OR_RETURN(CalendarZone zone, FacilityCalendarZone(txn, trip.facility_id));
      CalendarEvent event;
      event.tzid = zone.tzid;
      zones.push_back(std::move(zone));
      event.uid = "trip-" + std::to_string(trip.id) + "@vinculo";
      event.date = *date;
      event.start_minute = static_cast<int>(trip.depart_minute);
      event.end_minute = static_cast<int>(trip.return_minute);
      event.summary = "Visita a " + facility_name[trip.facility_id];
      event.location = facility_name[trip.facility_id];
      event.description = "Niñas y niños: " + children + review;
      if (!review.empty()) {
        event.tentative = true;
        event.summary = std::string(kReviewLabel) + ": " + event.summary;
      }
      events.push_back(std::move(event));
    }
    return Status::Ok();
  }));
  return FormatICalendar(name, zones, events, context_.Now());
}

Result<std::string> VisitService::FacilityCalendar(const Actor& actor, long long facility_id) {
  VINCULO_RETURN_IF_ERROR(CheckFacilityManager(actor, facility_id));
  const Date today = context_.Today();
  const Date first{today.year, today.month, 1};
  const Date last = AddDays(AddMonths(first, 3), -1);
  std::vector<CalendarEvent> events;
  std::vector<CalendarZone> zones;
  std::string name;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record facility, txn.Get(FacilityKind(), facility_id, actor));
    name = "Visitas: " + facility.Text("name").value_or("");
    VINCULO_ASSIGN_OR_RETURN(CalendarZone zone, FacilityCalendarZone(txn, facility_id));
    zones.push_back(std::move(zone));
    VINCULO_RETURN_IF_ERROR(
        MaterialiseVisitSessions(txn, facility_id, first, last, context_.Now()));
    VINCULO_ASSIGN_OR_RETURN(std::vector<VisitSessionRow> sessions,
                             vs::Sessions(txn, {facility_id}, FormatDate(first), FormatDate(last)));
    for (const VisitSessionRow& session : sessions) {
      auto date = ParseDate(session.session_date);
      if (!date.ok()) continue;
      CalendarEvent event;
      event.uid = "session-" + std::to_string(session.id) + "@vinculo";
      event.date = *date;
      event.start_minute = static_cast<int>(session.start_minute);
      event.end_minute = static_cast<int>(session.end_minute);
      event.summary = session.status == VisitSessionStatus::kBlocked
                          ? "Visitas suspendidas: " + session.blocked_reason
                          : "Visitas: " + std::to_string(session.booked_families) + " de " +
                                std::to_string(session.capacity_families) + " familias";
      event.location = name;
      if (session.booked_families > 0) {
        // Visits flagged for review make the session tentative (issue 15).
        VINCULO_ASSIGN_OR_RETURN(std::vector<PlanVisitRow> visits,
                                 vs::SessionVisits(txn, session.id));
        long long flagged = 0;
        for (const PlanVisitRow& visit : visits) {
          if (!visit.needs_review) continue;
          ++flagged;
          event.description += (event.description.empty() ? "" : "\n") + std::string(kReviewLabel) +
                               " visita " + std::to_string(visit.id) + ": " + visit.review_reason;
        }
        if (flagged > 0) {
          event.tentative = true;
          event.summary = std::string(kReviewLabel) + ": " + event.summary + " (" +
                          std::to_string(flagged) + " por revisar)";
        }
      }
      events.push_back(std::move(event));
    }
    return Status::Ok();
  }));
  return FormatICalendar(name, zones, events, context_.Now());
}

}  // namespace vinculo
