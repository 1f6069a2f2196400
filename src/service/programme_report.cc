#include "service/programme_report.h"

#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <set>

#include "common/csv.h"
#include "domain/geo.h"
#include "service/facility_rights.h"
#include "service/figures.h"
#include "service/nursery_service.h"
#include "service/reunification_service.h"
#include "service/visit_service.h"
#include "service/workshop_internal.h"
#include "store/nursery_store.h"
#include "store/report_store.h"
#include "store/workshop_store.h"

namespace vinculo {
namespace {

// The charts cover the report's month and the five before it.
constexpr int kTrendMonths = 6;

struct CountLabels {
  const char* code;
  const char* es;
  const char* en;
  bool amount;
  // A facility's own public figure (capacity, population, sessions), not a
  // count of people one could single out: never withheld.
  bool public_figure = false;
};
// The activity table, in report order.
constexpr CountLabels kActivity[] = {
    {"children_with_parent_to_visit", "Niñas y niños con madre o padre a visitar",
     "Children with a parent to visit", false},
    {"pairs_to_visit", "Vínculos niña/niño-madre/padre a visitar", "Child-parent pairs to visit",
     false},
    {"visits_planned", "Visitas en planes publicados", "Visits in published plans", false},
    {"visits_attended", "Visitas realizadas", "Visits attended", false},
    {"visits_missed", "Visitas no realizadas", "Visits missed", false},
    {"visits_not_recorded", "Visitas sin registrar", "Visits not yet recorded", false},
    {"trips", "Viajes", "Trips", false},
    {"kilometres", "Kilómetros recorridos (ida y vuelta)", "Kilometres travelled (there and back)",
     true},
    {"travel_cost", "Costo de viaje", "Travel cost", true},
    {"workshop_places", "Plazas en talleres que terminan", "Places in workshops ending", false},
    {"age_outs", "Egresos por edad", "Age-outs", false},
    {"leaves_due", "Salidas con regreso previsto", "Leaves due back", false},
};

// The facility report's activity table, in report order.
constexpr CountLabels kFacilityActivity[] = {
    {"official_capacity", "Capacidad oficial", "Official capacity", false, true},
    {"current_population", "Población actual", "Current population", false, true},
    {"occupancy_percent", "Ocupación (% de la capacidad)", "Occupancy (% of capacity)", true, true},
    {"parents_on_record", "Madres y padres registrados aquí", "Parents on record held here", false},
    {"children_inside", "Niñas y niños que viven dentro", "Children living inside", false},
    {"visits_received", "Visitas recibidas (realizadas)", "Visits received (attended)", false},
    {"visits_missed", "Visitas no realizadas", "Visits missed", false},
    {"children_visiting", "Niñas y niños que visitaron", "Children who visited", false},
    {"workshop_sessions", "Sesiones de taller realizadas", "Workshop sessions held", false, true},
    {"workshop_places", "Plazas en talleres en curso", "Places in running workshops", false},
};

std::string MonthText(const Date& first) {
  char text[8];
  std::snprintf(text, sizeof text, "%04d-%02d", first.year, first.month);
  return text;
}

// A leave's due time is a UTC timestamp: the month's range as timestamps.
std::string MonthStartTimestamp(const Date& first) { return FormatDate(first) + "T00:00:00Z"; }

// The month (not after the current one), language and threshold of a
// request: the month's first and last days.
Result<std::pair<Date, Date>> CheckRequest(const ReportRequest& request, const Date& today) {
  VINCULO_ASSIGN_OR_RETURN(auto range, ParseMonth(request.month, "month"));
  if (range.first > today) {
    return InvalidArgument("month",
                           "is after the current month: a report covers a month that has begun")
        .Because(Refusal::kDateInFuture);
  }
  if (request.language != "es" && request.language != "en") {
    return InvalidArgument("lang", "must be es or en");
  }
  if (request.small_cell_threshold < 1) {
    return InvalidArgument("small_cell_threshold",
                           "must be 1 or more (1 withholds nothing; 5 is the usual rule)");
  }
  return range;
}

// What every report carries: month, language, when, and the threshold
// (auditors never get cells below the usual rule, whatever they ask).
ProgrammeReport ReportFrame(const Actor& actor, const ReportRequest& request,
                            const std::pair<Date, Date>& range, const ServiceContext& context) {
  ProgrammeReport report;
  report.month = MonthText(range.first);
  report.language = request.language;
  report.generated_at = context.Now();
  report.month_in_progress = range.second >= context.Today();
  report.small_cell_threshold = actor.role == Role::kAuditor
                                    ? std::max(request.small_cell_threshold, kSmallCellThreshold)
                                    : request.small_cell_threshold;
  return report;
}

// Attended visits and the mean moods of each of the trend's months.
std::vector<ReportTrendPoint> Trend(const std::vector<report_store::VisitRow>& visits,
                                    const Date& trend_first, long long threshold) {
  std::vector<ReportTrendPoint> trend;
  for (int month_idx = 0; month_idx < kTrendMonths; ++month_idx) {
    const std::string month = MonthText(AddMonths(trend_first, month_idx));
    long long month_attended = 0, scored = 0;
    double before = 0, after = 0;
    for (const auto& visit : visits) {
      if (visit.session_date.compare(0, 7, month) != 0 || !visit.attended || *visit.attended == 0) {
        continue;
      }
      ++month_attended;
      if (visit.mood_before && visit.mood_after) {
        ++scored;
        before += static_cast<double>(*visit.mood_before);
        after += static_cast<double>(*visit.mood_after);
      }
    }
    ReportTrendPoint point;
    point.month = month;
    point.visits_attended = SmallCellBelow(month_attended, threshold);
    point.visits_scored = SmallCellBelow(scored, threshold);
    if (point.visits_scored && scored > 0) {
      point.mood_before = before / static_cast<double>(scored);
      point.mood_after = after / static_cast<double>(scored);
    }
    trend.push_back(point);
  }
  return trend;
}

}  // namespace

Result<ReportFormat> ParseReportFormat(const std::string& text) {
  if (text == "pdf") return ReportFormat::kPdf;
  if (text == "xlsx") return ReportFormat::kXlsx;
  if (text == "csv") return ReportFormat::kCsv;
  return InvalidArgument("format", "must be pdf, xlsx or csv");
}

Result<ProgrammeReport> ReportService::Monthly(const Actor& actor, const ReportRequest& request) {
  if (!Allows(actor.role, Permission::kReadProgrammeReport)) {
    return Forbidden(
        "programme reports are for administrators, programme coordinators and "
        "auditors");
  }
  VINCULO_ASSIGN_OR_RETURN(auto range, CheckRequest(request, context_.Today()));
  // An organisation-bound user sees her own; a facility-bound one none; an
  // installation-wide administrator or auditor every organisation.
  const long long organisation_id = request.organisation_id;
  const bool may_see = actor.facility_id       ? false
                       : actor.organisation_id ? *actor.organisation_id == organisation_id
                                               : true;
  const Status not_found(StatusCode::kNotFound,
                         "no organisation " + std::to_string(organisation_id) + " that you can see",
                         "organisation_id");
  if (!may_see) return not_found;

  ProgrammeReport report = ReportFrame(actor, request, range, context_);
  report.organisation_id = organisation_id;
  const long long threshold = report.small_cell_threshold;
  const auto cell = [threshold](long long count) -> std::optional<long long> {
    return SmallCellBelow(count, threshold);
  };

  const Date trend_first = AddMonths(range.first, -(kTrendMonths - 1));
  MonthFacts facts;
  std::vector<report_store::VisitRow> trend_visits;
  long long visits_planned = 0, visits_missed = 0, visits_not_recorded = 0;
  std::vector<long long> nursery_facilities;
  std::map<long long, std::string> approvals;
  std::set<long long> children_left;
  // The day a child's transition plan was approved, if it was.
  const auto approved_on = [&approvals](long long child_id) -> std::optional<Date> {
    auto found = approvals.find(child_id);
    if (found == approvals.end()) return std::nullopt;
    auto approved = ParseDate(found->second);
    return approved.ok() ? std::optional<Date>(*approved) : std::nullopt;
  };
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    auto organisation = txn.Get(OrganisationKind(), organisation_id, Actor::System());
    if (!organisation.ok()) {
      return organisation.status().code() == StatusCode::kNotFound ? not_found
                                                                   : organisation.status();
    }
    report.organisation = organisation->Text("name").value_or("");
    VINCULO_ASSIGN_OR_RETURN(auto pairs, report_store::ContactPairs(txn, organisation_id));
    for (const auto& pair : pairs) facts.pairs.push_back({pair.child_id, pair.parent_id});
    VINCULO_ASSIGN_OR_RETURN(trend_visits,
                             report_store::Visits(txn, organisation_id, FormatDate(trend_first),
                                                  FormatDate(range.second)));
    const std::string first_day = FormatDate(range.first);
    for (const auto& visit : trend_visits) {
      if (visit.session_date < first_day) continue;
      VisitFact fact{visit.child_id, visit.parent_id, std::nullopt, std::nullopt, std::nullopt};
      if (visit.attended) fact.attended = *visit.attended != 0;
      if (visit.mood_before) fact.mood_before = static_cast<int>(*visit.mood_before);
      if (visit.mood_after) fact.mood_after = static_cast<int>(*visit.mood_after);
      facts.visits.push_back(fact);
      ++visits_planned;
      if (!visit.attended) {
        ++visits_not_recorded;
      } else if (*visit.attended == 0) {
        ++visits_missed;
      }
    }
    VINCULO_ASSIGN_OR_RETURN(
        auto trips, report_store::Trips(txn, organisation_id, first_day, FormatDate(range.second)));
    for (const auto& trip : trips) {
      TripFact fact;
      fact.cost = trip.cost;
      if (trip.home_latitude && trip.home_longitude && trip.facility_latitude &&
          trip.facility_longitude) {
        fact.kilometres = 2 * GreatCircleKm(*trip.home_latitude, *trip.home_longitude,
                                            *trip.facility_latitude, *trip.facility_longitude);
      }
      facts.trips.push_back(fact);
    }
    // Workshop places in the organisation's cohorts whose last session falls
    // in the month; completion is the cohort's own rule (ProgressOf).
    CohortFilter cohorts_filter;
    cohorts_filter.organisation_id = organisation_id;
    VINCULO_ASSIGN_OR_RETURN(std::vector<CohortRow> cohorts,
                             workshop_store::Cohorts(txn, cohorts_filter));
    for (const CohortRow& cohort : cohorts) {
      WorkshopSessionFilter sessions_filter;
      sessions_filter.cohort_id = cohort.id;
      VINCULO_ASSIGN_OR_RETURN(std::vector<WorkshopSessionRow> sessions,
                               workshop_store::WorkshopSessions(txn, sessions_filter));
      if (sessions.empty()) continue;
      const std::string& last = sessions.back().session_date;
      if (last < first_day || last > FormatDate(range.second)) continue;
      VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentProgress> progress,
                               workshop_internal::ProgressOf(txn, cohort));
      for (const EnrolmentProgress& place : progress) {
        if (place.enrolment.status == EnrolmentStatus::kWaiting) continue;
        facts.places.push_back({place.completed});
      }
    }
    VINCULO_ASSIGN_OR_RETURN(nursery_facilities, report_store::FacilitiesRun(txn, organisation_id));
    VINCULO_ASSIGN_OR_RETURN(
        auto leaves, report_store::LeavesDue(txn, organisation_id, MonthStartTimestamp(range.first),
                                             MonthStartTimestamp(AddMonths(range.first, 1))));
    for (const auto& leave : leaves) facts.leaves.push_back({leave.due_back_at, leave.returned_at});
    // Release and reunification (issue 15): the month's releases, and those
    // within the organisation's follow-up period before it.
    facts.first_day = range.first;
    facts.last_day = range.second;
    VINCULO_ASSIGN_OR_RETURN(facts.follow_up_days, FollowUpDaysOf(txn, organisation_id));
    const std::string released_since = FormatDate(AddDays(range.first, -facts.follow_up_days));
    const std::string last_day = FormatDate(range.second);
    VINCULO_ASSIGN_OR_RETURN(
        auto releases, report_store::Releases(txn, organisation_id, released_since, last_day));
    VINCULO_ASSIGN_OR_RETURN(auto contacts, report_store::ReleaseContacts(
                                                txn, organisation_id, released_since, last_day));
    std::map<long long, std::vector<Date>> contacts_of;
    for (const auto& [parent_id, day] : contacts) {
      if (auto contacted = ParseDate(day); contacted.ok())
        contacts_of[parent_id].push_back(*contacted);
    }
    for (const auto& release : releases) {
      auto released_on = ParseDate(release.released_on);
      if (!released_on.ok()) continue;
      ReleaseFact fact;
      fact.released_on = *released_on;
      if (release.plan_opened_at) {
        auto opened = ParseDate(release.plan_opened_at->substr(0, 10));
        if (opened.ok()) fact.plan_opened_on = *opened;
      }
      fact.contacts = contacts_of[release.parent_id];
      facts.releases.push_back(std::move(fact));
    }
    VINCULO_ASSIGN_OR_RETURN(
        auto released_children,
        report_store::ReleasedChildren(txn, organisation_id, first_day, last_day, last_day));
    for (const auto& child : released_children) {
      facts.released_children.push_back({child.child_id, child.with_released_parent});
    }
    VINCULO_ASSIGN_OR_RETURN(auto plan_approvals, report_store::PlanApprovals(txn));
    for (auto& [child_id, approved_text] : plan_approvals) {
      approvals[child_id] = approved_text.substr(0, 10);
    }
    VINCULO_ASSIGN_OR_RETURN(
        auto leavings,
        report_store::NurseryLeavings(txn, organisation_id, first_day, FormatDate(range.second)));
    for (const auto& leaving : leavings) {
      if (!children_left.insert(leaving.child_id).second) continue;
      auto left_on = ParseDate(leaving.left_on.substr(0, 10));
      if (!left_on.ok()) continue;
      facts.age_outs.push_back({*left_on, approved_on(leaving.child_id)});
    }
    return Status::Ok();
  }));
  // Children still inside whose age-out date falls in the month: the nursery
  // board's own computation, read without a read event of its own (the
  // report records one).
  ServiceContext quiet = context_;
  quiet.audit = nullptr;
  NurseryService nursery(quiet);
  for (long long facility_id : nursery_facilities) {
    AgeOutQuery query;
    query.facility_id = facility_id;
    VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutRow> board,
                             nursery.AgeOutBoard(Actor::System(), query));
    for (const AgeOutRow& row : board) {
      if (!row.age_out || children_left.count(row.child_id)) continue;
      if (row.age_out->age_out_date < range.first || row.age_out->age_out_date > range.second) {
        continue;
      }
      facts.age_outs.push_back({row.age_out->age_out_date, approved_on(row.child_id)});
    }
  }

  // The measures, with every share or mean built on a withheld count withheld.
  for (const MeasureValue& value : ComputeOutcomes(facts)) {
    ReportMeasure measure;
    measure.definition = &DefinitionOf(value.measure);
    measure.denominator = cell(value.denominator);
    if (measure.definition->numerator_is_count) {
      const auto numerator = cell(std::llround(value.numerator));
      if (numerator) measure.numerator = static_cast<double>(*numerator);
    } else {
      measure.numerator = value.numerator;
    }
    if (measure.numerator && measure.denominator) measure.value = value.value;
    if (!measure.denominator) measure.numerator.reset();
    report.measures.push_back(measure);
  }

  std::set<long long> children_to_visit;
  for (const ContactPair& pair : facts.pairs) children_to_visit.insert(pair.child_id);
  long long attended = 0;
  for (const VisitFact& visit : facts.visits) attended += visit.attended.value_or(false) ? 1 : 0;
  double kilometres = 0, cost = 0;
  for (const TripFact& trip : facts.trips) {
    kilometres += trip.kilometres;
    cost += trip.cost;
  }
  const std::vector<double> counts = {static_cast<double>(children_to_visit.size()),
                                      static_cast<double>(facts.pairs.size()),
                                      static_cast<double>(visits_planned),
                                      static_cast<double>(attended),
                                      static_cast<double>(visits_missed),
                                      static_cast<double>(visits_not_recorded),
                                      static_cast<double>(facts.trips.size()),
                                      kilometres,
                                      cost,
                                      static_cast<double>(facts.places.size()),
                                      static_cast<double>(facts.age_outs.size()),
                                      static_cast<double>(facts.leaves.size())};
  for (size_t row_idx = 0; row_idx < counts.size(); ++row_idx) {
    const CountLabels& labels = kActivity[row_idx];
    ReportCount count{labels.code, request.language == "en" ? labels.en : labels.es, std::nullopt,
                      labels.amount};
    if (labels.amount) {
      count.value = std::round(counts[row_idx] * 100) / 100;
    } else if (auto shown = cell(std::llround(counts[row_idx]))) {
      count.value = static_cast<double>(*shown);
    }
    report.activity.push_back(count);
  }

  report.trend = Trend(trend_visits, trend_first, threshold);

  if (context_.audit) {
    context_.audit->RecordRead(AuditEventFor(actor, context_.Now(), "report", "organisations",
                                             organisation_id, "monthly " + report.month));
  }
  return report;
}

namespace {

// A facility's figures for a month, in kFacilityActivity order, before any
// cell is withheld; `visits` gets its published visits from `trend_first_day`.
// `parents` is the count of parents per facility id (CountBy).
Result<std::vector<double>> FacilityFigures(
    Txn& txn, const Record& facility, const std::vector<std::pair<std::string, long long>>& parents,
    const std::string& trend_first_day, const std::string& first_day, const std::string& last_day,
    const std::string& today, std::vector<report_store::VisitRow>* visits) {
  const long long facility_id = facility.id;
  const long long capacity = facility.Integer("official_capacity").value_or(0);
  const long long population = facility.Integer("current_population").value_or(0);
  VINCULO_ASSIGN_OR_RETURN(
      *visits, report_store::VisitsAtFacility(txn, facility_id, trend_first_day, last_day));
  long long received = 0, missed = 0;
  std::set<long long> children_visiting;
  for (const auto& visit : *visits) {
    if (visit.session_date < first_day || !visit.attended) continue;
    if (*visit.attended == 0) {
      ++missed;
      continue;
    }
    ++received;
    children_visiting.insert(visit.child_id);
  }
  long long parents_here = 0;
  for (const auto& [facility_key, count] : parents) {
    if (facility_key == std::to_string(facility_id)) parents_here = count;
  }
  ChildrenInsideFilter inside_filter;
  inside_filter.facility_id = facility_id;
  VINCULO_ASSIGN_OR_RETURN(long long inside,
                           nursery_store::CountChildrenInside(txn, inside_filter, Actor::System()));
  WorkshopSessionFilter sessions_filter;
  sessions_filter.facility_id = facility_id;
  sessions_filter.from = first_day;
  sessions_filter.to = std::min(last_day, today);
  VINCULO_ASSIGN_OR_RETURN(std::vector<WorkshopSessionRow> sessions,
                           workshop_store::WorkshopSessions(txn, sessions_filter));
  long long sessions_held = 0;
  std::set<long long> cohorts_running;
  for (const WorkshopSessionRow& session : sessions) {
    if (session.status == WorkshopSessionStatus::kCancelled) continue;
    ++sessions_held;
    cohorts_running.insert(session.cohort_id);
  }
  long long places = 0;
  CohortFilter cohorts_filter;
  cohorts_filter.facility_id = facility_id;
  VINCULO_ASSIGN_OR_RETURN(std::vector<CohortRow> cohorts,
                           workshop_store::Cohorts(txn, cohorts_filter));
  for (const CohortRow& cohort : cohorts) {
    if (!cohorts_running.count(cohort.id)) continue;
    VINCULO_ASSIGN_OR_RETURN(std::vector<EnrolmentProgress> progress,
                             workshop_internal::ProgressOf(txn, cohort));
    for (const EnrolmentProgress& place : progress) {
      places += place.enrolment.status == EnrolmentStatus::kWaiting ? 0 : 1;
    }
  }
  const double occupancy =
      capacity > 0
          ? std::round(1000.0 * static_cast<double>(population) / static_cast<double>(capacity)) /
                10.0
          : 0;
  return std::vector<double>{static_cast<double>(capacity),
                             static_cast<double>(population),
                             occupancy,
                             static_cast<double>(parents_here),
                             static_cast<double>(inside),
                             static_cast<double>(received),
                             static_cast<double>(missed),
                             static_cast<double>(children_visiting.size()),
                             static_cast<double>(sessions_held),
                             static_cast<double>(places)};
}

}  // namespace

Result<ProgrammeReport> ReportService::FacilityMonthly(const Actor& actor,
                                                       const ReportRequest& request) {
  if (!Allows(actor.role, Permission::kReadFacilityReport)) {
    return Forbidden(
        "facility reports are for administrators, programme coordinators, visits and nursery "
        "officers and auditors");
  }
  VINCULO_ASSIGN_OR_RETURN(auto range, CheckRequest(request, context_.Today()));
  const long long facility_id = request.facility_id;
  const Status not_found(StatusCode::kNotFound,
                         "no facility " + std::to_string(facility_id) + " that you can see",
                         "facility_id");
  ProgrammeReport report = ReportFrame(actor, request, range, context_);
  report.subject = ReportSubject::kFacility;
  report.organisation_id = facility_id;
  const long long threshold = report.small_cell_threshold;
  const Date trend_first = AddMonths(range.first, -(kTrendMonths - 1));
  const std::string first_day = FormatDate(range.first);
  const std::string last_day = FormatDate(range.second);
  std::vector<report_store::VisitRow> visits;
  std::vector<double> figures;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    auto facility = txn.Get(FacilityKind(), facility_id, Actor::System());
    if (!facility.ok()) {
      return facility.status().code() == StatusCode::kNotFound ? not_found : facility.status();
    }
    if (!MayActForFacility(actor, *facility).ok()) return not_found;
    report.organisation = facility->Text("name").value_or("");
    VINCULO_ASSIGN_OR_RETURN(auto parents,
                             txn.CountBy(ParentKind(), "facility_id", Actor::System()));
    VINCULO_ASSIGN_OR_RETURN(
        figures, FacilityFigures(txn, *facility, parents, FormatDate(trend_first), first_day,
                                 last_day, FormatDate(context_.Today()), &visits));
    return Status::Ok();
  }));
  for (size_t row_idx = 0; row_idx < figures.size(); ++row_idx) {
    const CountLabels& labels = kFacilityActivity[row_idx];
    ReportCount count{labels.code, request.language == "en" ? labels.en : labels.es, std::nullopt,
                      labels.amount};
    if (labels.public_figure) {
      count.value = figures[row_idx];
    } else if (auto shown = SmallCellBelow(std::llround(figures[row_idx]), threshold)) {
      count.value = static_cast<double>(*shown);
    }
    report.activity.push_back(count);
  }
  report.trend = Trend(visits, trend_first, threshold);
  if (context_.audit) {
    context_.audit->RecordRead(AuditEventFor(actor, context_.Now(), "report", "facilities",
                                             facility_id, "monthly " + report.month));
  }
  return report;
}

Result<Sheet> ReportService::OpenDataSheet(const Actor& actor, long long jurisdiction_id,
                                           const ReportRequest& request) {
  if (!Allows(actor.role, Permission::kExportOpenData)) {
    return Forbidden("open data exports are for administrators and auditors");
  }
  VINCULO_ASSIGN_OR_RETURN(auto range, CheckRequest(request, context_.Today()));
  // Open data is public: never a threshold below the usual rule.
  const long long threshold = std::max(request.small_cell_threshold, kSmallCellThreshold);
  const std::string first_day = FormatDate(range.first);
  const std::string last_day = FormatDate(range.second);
  const std::string month = MonthText(range.first);
  Sheet out;
  out.name = "open data " + month;
  out.columns = {{"jurisdiction_id", ColumnType::kPlain},
                 {"jurisdiction", ColumnType::kText},
                 {"month", ColumnType::kPlain},
                 {"facility_id", ColumnType::kPlain},
                 {"facility", ColumnType::kText}};
  for (const CountLabels& labels : kFacilityActivity) {
    out.columns.push_back({labels.code, ColumnType::kNumber});
  }
  out.columns.push_back({"small_cell_threshold", ColumnType::kNumber});
  const auto number = [](double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return std::string(text);
  };
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    auto jurisdiction = txn.Get(JurisdictionKind(), jurisdiction_id, Actor::System());
    if (!jurisdiction.ok()) {
      return jurisdiction.status().code() == StatusCode::kNotFound
                 ? Status(StatusCode::kNotFound,
                          "no jurisdiction " + std::to_string(jurisdiction_id), "jurisdiction_id")
                 : jurisdiction.status();
    }
    const std::string jurisdiction_name = jurisdiction->Text("name").value_or("");
    VINCULO_ASSIGN_OR_RETURN(auto parents,
                             txn.CountBy(ParentKind(), "facility_id", Actor::System()));
    ListQuery query;
    query.filters["jurisdiction_id"] = jurisdiction_id;
    query.limit = 500;
    std::vector<double> totals(std::size(kFacilityActivity), 0);
    // One row per facility, then the jurisdiction's total (summed before
    // any cell is withheld, its occupancy from the summed figures).
    const auto row_of = [&](const std::string& facility_id, const std::string& name,
                            const std::vector<double>& figures) {
      std::vector<std::string> cells = {std::to_string(jurisdiction_id), jurisdiction_name, month,
                                        facility_id, name};
      for (size_t column_idx = 0; column_idx < figures.size(); ++column_idx) {
        const CountLabels& labels = kFacilityActivity[column_idx];
        if (labels.public_figure) {
          cells.push_back(number(figures[column_idx]));
        } else if (auto shown = SmallCellBelow(std::llround(figures[column_idx]), threshold)) {
          cells.push_back(std::to_string(*shown));
        } else {
          cells.push_back("");
        }
      }
      cells.push_back(std::to_string(threshold));
      out.rows.push_back(std::move(cells));
    };
    while (true) {
      VINCULO_ASSIGN_OR_RETURN(Page page, txn.List(FacilityKind(), query, Actor::System()));
      for (const Record& facility : page.items) {
        std::vector<report_store::VisitRow> visits;
        VINCULO_ASSIGN_OR_RETURN(std::vector<double> figures,
                                 FacilityFigures(txn, facility, parents, first_day, first_day,
                                                 last_day, FormatDate(context_.Today()), &visits));
        for (size_t column_idx = 0; column_idx < figures.size(); ++column_idx) {
          totals[column_idx] += figures[column_idx];
        }
        row_of(std::to_string(facility.id), facility.Text("name").value_or(""), figures);
      }
      if (!page.next_after_id) break;
      query.after_id = *page.next_after_id;
    }
    // kFacilityActivity: capacity, population, then occupancy.
    totals[2] = totals[0] > 0 ? std::round(1000.0 * totals[1] / totals[0]) / 10.0 : 0;
    row_of("", "total", totals);
    return Status::Ok();
  }));
  if (context_.audit) {
    context_.audit->RecordRead(AuditEventFor(actor, context_.Now(), "open_data", "jurisdictions",
                                             jurisdiction_id, "monthly " + month));
  }
  return out;
}

Result<std::string> ReportService::OpenDataCsv(const Actor& actor, long long jurisdiction_id,
                                               const ReportRequest& request) {
  VINCULO_ASSIGN_OR_RETURN(Sheet sheet, OpenDataSheet(actor, jurisdiction_id, request));
  CsvDialect dialect;
  dialect.byte_order_mark = true;
  return SheetToCsv(sheet, dialect);
}

Result<ReportFile> ReportService::MonthlyFile(const Actor& actor, const ReportRequest& request,
                                              ReportFormat format) {
  const bool facility = request.facility_id != 0;
  VINCULO_ASSIGN_OR_RETURN(ProgrammeReport report,
                           facility ? FacilityMonthly(actor, request) : Monthly(actor, request));
  ReportFile file;
  const std::string stem = std::string(request.language == "en" ? "report-" : "informe-") +
                           report.month + (facility ? "-facility-" : "-org-") +
                           std::to_string(report.organisation_id);
  switch (format) {
    case ReportFormat::kPdf: {
      VINCULO_ASSIGN_OR_RETURN(file.bytes, RenderReportPdf(report));
      file.content_type = "application/pdf";
      file.file_name = stem + ".pdf";
      break;
    }
    case ReportFormat::kXlsx: {
      VINCULO_ASSIGN_OR_RETURN(file.bytes, RenderReportXlsx(report));
      file.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      file.file_name = stem + ".xlsx";
      break;
    }
    case ReportFormat::kCsv: {
      file.bytes = RenderReportCsv(report);
      file.content_type = "text/csv; charset=utf-8";
      file.file_name = stem + ".csv";
      break;
    }
  }
  return file;
}

}  // namespace vinculo
