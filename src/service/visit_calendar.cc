#include "service/visit_calendar.h"

#include <set>
#include <utility>
#include <vector>

#include "domain/visit_rules.h"
#include "store/row_lock.h"
#include "store/visit_store.h"

namespace vinculo {
namespace vs = visit_store;

namespace {

Recurrence RecurrenceOf(const SessionTemplateRow& row) {
  Recurrence recurrence;
  recurrence.kind = ParseRecurrenceKind(row.pattern).ok() ? *ParseRecurrenceKind(row.pattern)
                                                          : RecurrenceKind::kWeekly;
  recurrence.interval = static_cast<int>(row.interval);
  recurrence.weekday = static_cast<int>(row.weekday);
  recurrence.nth = static_cast<int>(row.nth);
  recurrence.month_day = static_cast<int>(row.month_day);
  recurrence.anchor = ParseDate(row.anchor_date).ok() ? *ParseDate(row.anchor_date) : Date{};
  recurrence.valid_from = ParseDate(row.valid_from).ok() ? *ParseDate(row.valid_from) : Date{};
  if (row.valid_to && ParseDate(*row.valid_to).ok())
    recurrence.valid_to = *ParseDate(*row.valid_to);
  return recurrence;
}

}  // namespace

Status MaterialiseVisitSessions(Txn& txn, long long facility_id, const Date& first,
                                const Date& last, const std::string& now) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<SessionTemplateRow> templates,
                           vs::Templates(txn, facility_id));
  if (templates.empty()) return Status::Ok();
  VINCULO_ASSIGN_OR_RETURN(std::vector<VisitExclusionRow> exclusions,
                           vs::Exclusions(txn, facility_id, FormatDate(first), FormatDate(last)));
  VINCULO_ASSIGN_OR_RETURN(std::vector<VisitSessionRow> existing,
                           vs::Sessions(txn, {facility_id}, FormatDate(first), FormatDate(last)));
  std::set<std::pair<long long, std::string>> have;
  for (const VisitSessionRow& session : existing)
    have.emplace(session.template_id, session.session_date);
  bool locked = false;
  for (const SessionTemplateRow& row : templates) {
    std::vector<Date> excluded;
    for (const VisitExclusionRow& exclusion : exclusions) {
      if (exclusion.template_id && *exclusion.template_id != row.id) continue;
      if (auto date = ParseDate(exclusion.excluded_on); date.ok()) excluded.push_back(*date);
    }
    for (const Date& date : Occurrences(RecurrenceOf(row), first, last, excluded)) {
      const std::string day = FormatDate(date);
      if (have.count({row.id, day})) continue;
      if (!locked) {
        // Something to write: lock the facility's row, then read again, so
        // that two requests materialising the same dates take turns instead
        // of both inserting (the UNIQUE (template_id, session_date) would
        // refuse the second).
        VINCULO_RETURN_IF_ERROR(LockRow(txn, "facilities", facility_id));
        locked = true;
        VINCULO_ASSIGN_OR_RETURN(
            existing, vs::Sessions(txn, {facility_id}, FormatDate(first), FormatDate(last)));
        for (const VisitSessionRow& session : existing)
          have.emplace(session.template_id, session.session_date);
        if (have.count({row.id, day})) continue;
      }
      VisitSessionRow session;
      session.facility_id = facility_id;
      session.space_id = row.space_id;
      session.template_id = row.id;
      session.session_date = day;
      session.start_minute = row.start_minute;
      session.end_minute = row.end_minute;
      session.capacity_families = row.capacity_families;
      session.capacity_people = row.capacity_people;
      session.capacity_unit = row.capacity_unit;
      session.wing = row.wing;
      session.status = VisitSessionStatus::kOpen;
      VINCULO_RETURN_IF_ERROR(vs::InsertSession(txn, session, now).status());
    }
  }
  return Status::Ok();
}

}  // namespace vinculo
