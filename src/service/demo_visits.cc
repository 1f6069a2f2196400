#include "service/demo_visits.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "domain/visit_rules.h"
#include "service/visit_service.h"
#include "store/visit_store.h"

namespace vinculo {
namespace {

// Months of visits already made before today, so that the monthly report
// has a trend to draw.
constexpr int kHistoryMonths = 3;
// The planner's time for each past month (the demo is created in tests too).
constexpr double kHistoryPlanSeconds = 1.0;

// The previous kHistoryMonths months planned as they would have been (the
// planner run with a clock set to the day before each month), published, and
// every visit recorded by its caregiver: nine in ten attended, each scored
// before and after (1 to 5) from a fixed rule of the visit's id, so one
// seed gives one history.
Status SeedVisitHistory(ServiceContext context, long long organisation_id, const Date& first) {
  const Actor system = Actor::System();
  VisitService today_visits(context);
  for (int month_idx = kHistoryMonths; month_idx >= 1; --month_idx) {
    const Date month_first = AddMonths(first, -month_idx);
    FixedClock then(StartOfDayUtc(AddDays(month_first, -1)));
    ServiceContext then_context = context;
    then_context.clock = &then;
    VisitOptions options;
    options.time_limit_seconds = kHistoryPlanSeconds;
    VisitService planner(then_context, options);
    char month[8];
    std::snprintf(month, sizeof month, "%04d-%02d", month_first.year, month_first.month);
    VINCULO_ASSIGN_OR_RETURN(PlanView plan, planner.BuildPlan(system, organisation_id, month));
    VINCULO_ASSIGN_OR_RETURN(PlanView published, planner.PublishPlan(system, plan.plan.id));
    for (const PlanVisitRow& visit : published.visits) {
      const long long spin = visit.id * 7919 + month_idx * 31;
      VisitRecordRequest record;
      record.attended = spin % 10 != 0;
      if (!record.attended) {
        record.absence_reason = "La niña o el niño estaba enfermo (demo)";
      } else {
        // Calmer after most visits, and a little more so each month.
        record.mood_before = 2 + spin % 2;
        record.mood_after = std::min<long long>(5, *record.mood_before + (spin % 3 != 0 ? 1 : 0) +
                                                       (month_idx == 1 && spin % 4 == 0 ? 1 : 0));
        record.brought = {"photos"};
      }
      VINCULO_RETURN_IF_ERROR(today_visits.RecordVisit(system, visit.id, record).status());
    }
  }
  return Status::Ok();
}

}  // namespace

Status SeedVisitDemo(ServiceContext context, long long organisation_id) {
  const Actor system = Actor::System();
  std::set<long long> facilities;
  std::vector<long long> caregivers;
  VINCULO_RETURN_IF_ERROR(context.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(std::vector<PairSourceRow> pairs,
                             visit_store::PairSources(txn, organisation_id));
    for (const PairSourceRow& pair : pairs) {
      if (pair.custody_status != CustodyStatus::kReleased) facilities.insert(pair.facility_id);
    }
    ListQuery query;
    query.limit = 200;
    VINCULO_ASSIGN_OR_RETURN(Page staff, txn.List(StaffKind(), query, system));
    for (const Record& member : staff.items) {
      if (member.Integer("organisation_id").value_or(0) == organisation_id &&
          member.Text("staff_role").value_or("") == "caregiver") {
        caregivers.push_back(member.id);
      }
    }
    return Status::Ok();
  }));

  VisitService visits(context);
  const Date today = context.Today();
  const Date first{today.year, today.month, 1};
  // Sessions and escorts from kHistoryMonths back, for the visits already made.
  const Date history_first = AddMonths(first, -kHistoryMonths);
  bool first_facility = true;
  for (long long facility_id : facilities) {
    TemplateRequest request;
    request.facility_id = facility_id;
    request.valid_from = FormatDate(history_first);
    request.start_time = "09:00";
    request.end_time = "11:00";
    request.capacity_families = 10;
    request.capacity_people = 40;
    if (first_facility) {
      request.pattern = "weekly";
      request.weekday = 6;  // Saturday
    } else {
      request.pattern = "every_n_days";
      request.interval = 15;
    }
    first_facility = false;
    VINCULO_RETURN_IF_ERROR(visits.CreateTemplate(system, request).status());
  }

  std::vector<std::string> weekends;
  for (Date day = history_first; day < AddMonths(first, 3); day = AddDays(day, 1)) {
    if (IsoWeekday(day) >= 6) weekends.push_back(FormatDate(day));
  }
  for (long long staff_id : caregivers) {
    EscortRequest escort;
    escort.staff_id = staff_id;
    escort.available_dates = weekends;
    VINCULO_RETURN_IF_ERROR(visits.SetEscort(system, organisation_id, escort).status());
  }
  VINCULO_RETURN_IF_ERROR(visits.GenerateRequirements(system, organisation_id).status());
  return SeedVisitHistory(context, organisation_id, first);
}

}  // namespace vinculo
