#include "json/workshop_json.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "json/reply_shape.h"

namespace vinculo {
std::string ClockText(int minute) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
  return text;
}

namespace {

namespace rs = reply_schema;

nlohmann::json Int() { return {{"type", "integer"}}; }
nlohmann::json GroupKind() { return rs::Choice({"women", "men", "mixed"}); }

// A session row's properties, read from the row `session` gives for a Row:
// shared by WorkshopSessionRow and WorkshopSession (a row plus its course).
template <typename Row, typename Session>
std::vector<typename ReplyShape<Row>::Property> SessionRowProperties(Session session) {
  using S = WorkshopSessionRow;
  const auto field = [session](auto member) {
    return [session, member](const Row& row) { return nlohmann::json(session(row).*member); };
  };
  return {
      {"id", rs::Id(), field(&S::id)},
      {"version", rs::Integer(), field(&S::version)},
      {"cohort_id", rs::Id(), field(&S::cohort_id)},
      {"position", Int(), field(&S::position)},
      {"facility_id", rs::Id(), field(&S::facility_id)},
      {"space_id", rs::Id(), field(&S::space_id)},
      {"facilitator_user_id", rs::Id(), field(&S::facilitator_user_id)},
      {"session_date", rs::Day(), field(&S::session_date)},
      {"start_time", rs::Clock(),
       [session](const Row& row) { return nlohmann::json(ClockText(session(row).start_minute)); }},
      {"end_time", rs::Clock(),
       [session](const Row& row) { return nlohmann::json(ClockText(session(row).end_minute)); }},
      {"status", rs::Choice({"scheduled", "cancelled"}),
       [session](const Row& row) {
         return nlohmann::json(WorkshopSessionStatusName(session(row).status));
       }},
  };
}

// A course's topic: the session at `position` is about it.
const ReplyShape<CourseTopicRow>& CourseTopicShape() {
  static const ReplyShape<CourseTopicRow> shape({
      {"position", Int(), MemberOf(&CourseTopicRow::position)},
      {"topic_es", rs::Text(), MemberOf(&CourseTopicRow::topic_es)},
      {"topic_en", rs::Text(), MemberOf(&CourseTopicRow::topic_en)},
  });
  return shape;
}

// The replies whose document schema comes from their shape (issue 17).
const ReplyShape<CourseRow>& CourseShape() {
  static const ReplyShape<CourseRow> shape({
      {"id", rs::Id(), MemberOf(&CourseRow::id)},
      {"version", rs::Integer(), MemberOf(&CourseRow::version)},
      {"code", rs::Text(), MemberOf(&CourseRow::code)},
      {"title_es", rs::Text(), MemberOf(&CourseRow::title_es)},
      {"title_en", rs::Text(), MemberOf(&CourseRow::title_en)},
      {"topics", rs::ListOf(CourseTopicShape().Schema()),
       [](const CourseRow& course) {
         nlohmann::json topics = nlohmann::json::array();
         for (const CourseTopicRow& topic : course.topics) {
           topics.push_back(CourseTopicShape().ToJson(topic));
         }
         return topics;
       }},
  });
  return shape;
}

const ReplyShape<WorkshopSessionRow>& SessionRowShape() {
  static const ReplyShape<WorkshopSessionRow> shape(SessionRowProperties<WorkshopSessionRow>(
      [](const WorkshopSessionRow& row) -> const WorkshopSessionRow& { return row; }));
  return shape;
}

const ReplyShape<SessionView>& SessionShape() {
  static const ReplyShape<SessionView> shape([] {
    auto properties = SessionRowProperties<SessionView>(
        [](const SessionView& view) -> const WorkshopSessionRow& { return view.session; });
    properties.push_back({"group_kind", GroupKind(), MemberOf(&SessionView::group_kind)});
    properties.push_back({"course_title_es", rs::Text(), MemberOf(&SessionView::course_title_es)});
    properties.push_back({"course_title_en", rs::Text(), MemberOf(&SessionView::course_title_en)});
    properties.push_back({"topic_es", rs::Text(), MemberOf(&SessionView::topic_es)});
    properties.push_back({"topic_en", rs::Text(), MemberOf(&SessionView::topic_en)});
    return properties;
  }());
  return shape;
}

const ReplyShape<CohortView>& CohortShape() {
  using C = CohortRow;
  const auto cohort = [](auto member) {
    return [member](const CohortView& view) { return nlohmann::json(view.cohort.*member); };
  };
  static const ReplyShape<CohortView> shape({
      {"id", rs::Id(), cohort(&C::id)},
      {"course_id", rs::Id(), cohort(&C::course_id)},
      {"course_title_es", rs::Text(), MemberOf(&CohortView::course_title_es)},
      {"course_title_en", rs::Text(), MemberOf(&CohortView::course_title_en)},
      {"facility_id", rs::Id(), cohort(&C::facility_id)},
      {"organisation_id", rs::Id(), cohort(&C::organisation_id)},
      {"group_kind", GroupKind(), cohort(&C::group_kind)},
      {"facilitator_user_id", rs::Id(), cohort(&C::facilitator_user_id)},
      {"space_id", rs::Id(), cohort(&C::space_id)},
      {"capacity", rs::Integer(), cohort(&C::capacity)},
      {"start_date", rs::Day(), cohort(&C::start_date)},
      {"recurrence_days", Int(), cohort(&C::recurrence_days)},
      {"start_time", rs::Clock(),
       [](const CohortView& view) { return nlohmann::json(ClockText(view.cohort.start_minute)); }},
      {"end_time", rs::Clock(),
       [](const CohortView& view) { return nlohmann::json(ClockText(view.cohort.end_minute)); }},
      {"completion_percent", Int(), cohort(&C::completion_percent)},
      {"status", rs::Choice({"running", "closed"}),
       [](const CohortView& view) { return nlohmann::json(CohortStatusName(view.cohort.status)); }},
      {"enrolled", rs::Integer(), MemberOf(&CohortView::enrolled)},
      {"waiting", rs::Integer(), MemberOf(&CohortView::waiting)},
      {"sessions", rs::ListOf(rs::Ref("WorkshopSessionRow")),
       [](const CohortView& view) {
         nlohmann::json sessions = nlohmann::json::array();
         for (const WorkshopSessionRow& session : view.sessions) {
           sessions.push_back(SessionRowShape().ToJson(session));
         }
         return sessions;
       }},
  });
  return shape;
}

// A closure's clash names no other booking: its other_* are left out.
std::function<nlohmann::json(const WorkshopClash&)> UnlessClosure(
    std::function<nlohmann::json(const WorkshopClash&)> read) {
  return [read](const WorkshopClash& clash) {
    return clash.kind == "closure" ? Absent() : read(clash);
  };
}

const ReplyShape<WorkshopClash>& ClashShape() {
  static const ReplyShape<WorkshopClash> shape({
      {"kind", rs::Choice({"closure", "space", "facilitator"}), MemberOf(&WorkshopClash::kind)},
      {"session_date", rs::Day(), MemberOf(&WorkshopClash::session_date)},
      {"message", rs::Text(), MemberOf(&WorkshopClash::message)},
      {"other_id", rs::Id(), UnlessClosure(MemberOf(&WorkshopClash::other_id)), false},
      {"other_source", rs::Text(), UnlessClosure(MemberOf(&WorkshopClash::other_source)), false},
      {"other_facility_id", rs::Id(), UnlessClosure(MemberOf(&WorkshopClash::other_facility_id)),
       false},
      {"other_start_time", rs::Clock(), UnlessClosure([](const WorkshopClash& clash) {
         return nlohmann::json(ClockText(clash.other_start_minute));
       }),
       false},
      {"other_end_time", rs::Clock(), UnlessClosure([](const WorkshopClash& clash) {
         return nlohmann::json(ClockText(clash.other_end_minute));
       }),
       false},
      {"travel_minutes", Int(), UnlessClosure(MemberOf(&WorkshopClash::travel_minutes)), false},
  });
  return shape;
}

const ReplyShape<MoveOutcome>& MoveOutcomeShape() {
  static const ReplyShape<MoveOutcome> shape({
      {"session", rs::Ref("WorkshopSessionRow"),
       [](const MoveOutcome& outcome) { return SessionRowShape().ToJson(outcome.session); }},
      {"clashes", rs::ListOf(rs::Ref("WorkshopClash")),
       [](const MoveOutcome& outcome) {
         nlohmann::json clashes = nlohmann::json::array();
         for (const WorkshopClash& clash : outcome.clashes) {
           clashes.push_back(ClashShape().ToJson(clash));
         }
         return clashes;
       }},
      {"saved", rs::Boolean(), MemberOf(&MoveOutcome::saved)},
  });
  return shape;
}

const ReplyShape<EnrolmentProgress>& EnrolmentShape() {
  static const ReplyShape<EnrolmentProgress> shape({
      {"id", rs::Id(),
       [](const EnrolmentProgress& row) { return nlohmann::json(row.enrolment.id); }},
      {"cohort_id", rs::Id(),
       [](const EnrolmentProgress& row) { return nlohmann::json(row.enrolment.cohort_id); }},
      {"parent_id", rs::Id(),
       [](const EnrolmentProgress& row) { return nlohmann::json(row.enrolment.parent_id); }},
      {"status", rs::Choice({"enrolled", "waiting", "withdrawn", "released", "transferred"}),
       [](const EnrolmentProgress& row) {
         return nlohmann::json(EnrolmentStatusName(row.enrolment.status));
       }},
      {"waiting_position", rs::Nullable(Int()),
       [](const EnrolmentProgress& row) {
         return row.waiting_position ? nlohmann::json(row.waiting_position)
                                     : nlohmann::json(nullptr);
       }},
      {"enrolled_on", rs::Nullable(rs::Day()),
       [](const EnrolmentProgress& row) { return OrNull(row.enrolment.enrolled_on); }},
      {"ended_on", rs::Nullable(rs::Day()),
       [](const EnrolmentProgress& row) { return OrNull(row.enrolment.ended_on); }},
      {"end_reason", rs::Text(),
       [](const EnrolmentProgress& row) { return nlohmann::json(row.enrolment.end_reason); }},
      {"present", Int(), MemberOf(&EnrolmentProgress::present)},
      {"absent", Int(), MemberOf(&EnrolmentProgress::absent)},
      {"excused", Int(), MemberOf(&EnrolmentProgress::excused)},
      {"sessions_total", Int(), MemberOf(&EnrolmentProgress::sessions_total)},
      {"completed", rs::Boolean(), MemberOf(&EnrolmentProgress::completed)},
  });
  return shape;
}

const ReplyShape<ParentWorkshops>& ParentWorkshopsShape() {
  static const ReplyShape<ParentWorkshops> shape({
      {"enrolments", rs::ListOf(rs::Ref("WorkshopEnrolment")),
       [](const ParentWorkshops& workshops) {
         nlohmann::json enrolments = nlohmann::json::array();
         for (const EnrolmentProgress& row : workshops.enrolments) {
           enrolments.push_back(EnrolmentShape().ToJson(row));
         }
         return enrolments;
       }},
      {"offers", rs::ListOf(rs::Ref("WorkshopCohort")),
       [](const ParentWorkshops& workshops) {
         nlohmann::json offers = nlohmann::json::array();
         for (const CohortView& cohort : workshops.offers) {
           offers.push_back(CohortShape().ToJson(cohort));
         }
         return offers;
       }},
  });
  return shape;
}

// A facility's row (cohort_id 0) names no cohort: cohort_id and group_kind
// are left out.
std::function<nlohmann::json(const WorkshopFigureRow&)> OfCohort(
    std::function<nlohmann::json(const WorkshopFigureRow&)> read) {
  return [read](const WorkshopFigureRow& row) { return row.cohort_id ? read(row) : Absent(); };
}

const ReplyShape<WorkshopFigureRow>& FigureRowShape() {
  static const ReplyShape<WorkshopFigureRow> shape({
      {"cohort_id", rs::Id(), OfCohort(MemberOf(&WorkshopFigureRow::cohort_id)), false},
      {"group_kind", rs::Text(), OfCohort(MemberOf(&WorkshopFigureRow::group_kind)), false},
      {"facility_id", rs::Id(), MemberOf(&WorkshopFigureRow::facility_id)},
      {"enrolled", rs::Nullable(rs::Integer()),
       [](const WorkshopFigureRow& row) { return OrNull(row.enrolled); }},
      {"waiting", rs::Nullable(rs::Integer()),
       [](const WorkshopFigureRow& row) { return OrNull(row.waiting); }},
      {"completions", rs::Nullable(rs::Integer()),
       [](const WorkshopFigureRow& row) { return OrNull(row.completions); }},
      {"sessions_held", rs::Integer(), MemberOf(&WorkshopFigureRow::sessions_held)},
      {"attendance_rate", rs::Nullable(rs::Number()),
       [](const WorkshopFigureRow& row) { return OrNull(row.attendance_rate); }},
  });
  return shape;
}

nlohmann::json FigureRows(const std::vector<WorkshopFigureRow>& rows) {
  nlohmann::json list = nlohmann::json::array();
  for (const WorkshopFigureRow& row : rows) list.push_back(FigureRowShape().ToJson(row));
  return list;
}

const ReplyShape<WorkshopFigures>& FiguresShape() {
  static const ReplyShape<WorkshopFigures> shape({
      {"suppressed_small_cells", rs::Boolean(), MemberOf(&WorkshopFigures::suppressed_small_cells)},
      {"cohorts", rs::ListOf(rs::Ref("WorkshopFigureRow")),
       [](const WorkshopFigures& figures) { return FigureRows(figures.cohorts); }},
      {"facilities", rs::ListOf(rs::Ref("WorkshopFigureRow")),
       [](const WorkshopFigures& figures) { return FigureRows(figures.facilities); }},
  });
  return shape;
}

const ReplyShape<FacilityClosureReply>& FacilityClosureShape() {
  static const ReplyShape<FacilityClosureReply> shape({
      {"facility_id", rs::Id(), MemberOf(&FacilityClosureReply::facility_id)},
      {"closed_on", rs::Day(), MemberOf(&FacilityClosureReply::closed_on)},
      {"reason", rs::Text(), MemberOf(&FacilityClosureReply::reason)},
  });
  return shape;
}

const ReplyShape<FacilityWorkshopSettingsReply>& FacilityWorkshopSettingsShape() {
  static const ReplyShape<FacilityWorkshopSettingsReply> shape({
      {"facility_id",
       {{"type", "integer"}, {"format", "int64"}, {"readOnly", true}},
       MemberOf(&FacilityWorkshopSettingsReply::facility_id)},
      {"mixed_groups_allowed", rs::Boolean(),
       MemberOf(&FacilityWorkshopSettingsReply::mixed_groups_allowed)},
  });
  return shape;
}

}  // namespace

std::vector<std::pair<std::string, nlohmann::json>> WorkshopReplySchemas() {
  return {{"WorkshopCourse", CourseShape().Schema()},
          {"WorkshopSessionRow", SessionRowShape().Schema()},
          {"WorkshopSession", SessionShape().Schema()},
          {"WorkshopCohort", CohortShape().Schema()},
          {"WorkshopClash", ClashShape().Schema()},
          {"WorkshopMoveOutcome", MoveOutcomeShape().Schema()},
          {"WorkshopEnrolment", EnrolmentShape().Schema()},
          {"ParentWorkshops", ParentWorkshopsShape().Schema()},
          {"WorkshopFigureRow", FigureRowShape().Schema()},
          {"WorkshopFigures", FiguresShape().Schema()},
          {"FacilityClosure", FacilityClosureShape().Schema()},
          {"FacilityWorkshopSettings", FacilityWorkshopSettingsShape().Schema()}};
}

nlohmann::json CourseToJson(const CourseRow& course) { return CourseShape().ToJson(course); }

nlohmann::json SessionRowToJson(const WorkshopSessionRow& session) {
  return SessionRowShape().ToJson(session);
}

nlohmann::json CohortToJson(const CohortView& view) { return CohortShape().ToJson(view); }

nlohmann::json SessionToJson(const SessionView& view) { return SessionShape().ToJson(view); }

nlohmann::json ClashToJson(const WorkshopClash& clash) { return ClashShape().ToJson(clash); }

nlohmann::json MoveOutcomeToJson(const MoveOutcome& outcome) {
  return MoveOutcomeShape().ToJson(outcome);
}

nlohmann::json EnrolmentToJson(const EnrolmentProgress& row) {
  return EnrolmentShape().ToJson(row);
}

nlohmann::json ParentWorkshopsToJson(const ParentWorkshops& workshops) {
  return ParentWorkshopsShape().ToJson(workshops);
}

nlohmann::json FiguresToJson(const WorkshopFigures& figures) {
  return FiguresShape().ToJson(figures);
}

nlohmann::json FacilityClosureToJson(const FacilityClosureReply& closure) {
  return FacilityClosureShape().ToJson(closure);
}

nlohmann::json FacilityWorkshopSettingsToJson(const FacilityWorkshopSettingsReply& settings) {
  return FacilityWorkshopSettingsShape().ToJson(settings);
}

}  // namespace vinculo
