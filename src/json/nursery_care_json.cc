#include "json/nursery_care_json.h"

#include <nlohmann/json.hpp>

#include "json/reply_shape.h"

namespace vinculo {

namespace {
namespace rs = reply_schema;

// The replies whose document schema comes from their shape (issue 17).
// A visit requirement an approved transition plan created: the child sees
// her parent at this frequency from the day of the move (the visits module
// plans them).
const ReplyShape<VisitRequirementRow>& TransitionVisitShape() {
  static const ReplyShape<VisitRequirementRow> shape({
      {"id", rs::Id(), MemberOf(&VisitRequirementRow::id)},
      {"plan_id", rs::Id(), MemberOf(&VisitRequirementRow::plan_id)},
      {"child_id", rs::Id(), MemberOf(&VisitRequirementRow::child_id)},
      {"parent_id", rs::Id(), MemberOf(&VisitRequirementRow::parent_id)},
      {"frequency", rs::Choice({"weekly", "fortnightly", "monthly"}),
       MemberOf(&VisitRequirementRow::frequency)},
      {"starts_on", rs::Day(), MemberOf(&VisitRequirementRow::starts_on)},
  });
  return shape;
}

const ReplyShape<TransitionStepRow>& TransitionStepShape() {
  static const ReplyShape<TransitionStepRow> shape({
      {"on", rs::Day(), MemberOf(&TransitionStepRow::step_on)},
      {"description", rs::Text(), MemberOf(&TransitionStepRow::description)},
  });
  return shape;
}

// The visits a transition plan asks for after the move: whom the child sees
// and how often.
struct VisitsAfterMove {
  long long parent_id = 0;
  std::string frequency;
};

const ReplyShape<VisitsAfterMove>& VisitsAfterMoveShape() {
  static const ReplyShape<VisitsAfterMove> shape({
      {"parent_id", rs::Id(), MemberOf(&VisitsAfterMove::parent_id)},
      {"frequency", rs::Choice({"weekly", "fortnightly", "monthly"}),
       MemberOf(&VisitsAfterMove::frequency)},
  });
  return shape;
}

const ReplyShape<TransitionPlanView>& TransitionPlanShape() {
  static const ReplyShape<TransitionPlanView> shape({
      {"id", rs::Id(), [](const TransitionPlanView& view) { return nlohmann::json(view.plan.id); }},
      {"child_id", rs::Id(),
       [](const TransitionPlanView& view) { return nlohmann::json(view.plan.child_id); }},
      {"destination", rs::Choice({"relatives", "care_organisation", "state_care"}),
       [](const TransitionPlanView& view) { return nlohmann::json(view.plan.destination); }},
      {"receiving_party", rs::Text(),
       [](const TransitionPlanView& view) { return nlohmann::json(view.plan.receiving_party); }},
      {"consulted", rs::Text(),
       [](const TransitionPlanView& view) { return nlohmann::json(view.plan.consulted); }},
      {"steps", rs::ListOf(TransitionStepShape().Schema()),
       [](const TransitionPlanView& view) {
         nlohmann::json steps = nlohmann::json::array();
         for (const TransitionStepRow& step : view.plan.steps) {
           steps.push_back(TransitionStepShape().ToJson(step));
         }
         return steps;
       }},
      {"visits", rs::Nullable(VisitsAfterMoveShape().Schema()),
       [](const TransitionPlanView& view) {
         const TransitionPlanRow& plan = view.plan;
         if (!plan.visit_parent_id) return nlohmann::json(nullptr);
         return VisitsAfterMoveShape().ToJson(
             {*plan.visit_parent_id, plan.visit_frequency.value_or("")});
       }},
      {"status", rs::Choice({"draft", "approved"}),
       [](const TransitionPlanView& view) {
         return nlohmann::json(TransitionPlanStatusName(view.plan.status));
       }},
      {"approved_by_user_id", rs::Nullable(rs::Id()),
       [](const TransitionPlanView& view) { return OrNull(view.plan.approved_by_user_id); }},
      {"approved_on", rs::Nullable(rs::Day()),
       [](const TransitionPlanView& view) { return OrNull(view.plan.approved_on); }},
      {"visit_requirements",
       rs::Described(rs::ListOf(TransitionVisitShape().Schema()),
                     "The visits after the move, created when the plan with visits is approved."),
       [](const TransitionPlanView& view) {
         nlohmann::json requirements = nlohmann::json::array();
         for (const VisitRequirementRow& requirement : view.visit_requirements) {
           requirements.push_back(TransitionVisitShape().ToJson(requirement));
         }
         return requirements;
       }},
      {"created_at", rs::Instant(),
       [](const TransitionPlanView& view) { return nlohmann::json(view.plan.created_at); }},
      {"updated_at", rs::Instant(),
       [](const TransitionPlanView& view) { return nlohmann::json(view.plan.updated_at); }},
  });
  return shape;
}

const ReplyShape<AuthorisedAdultRow>& AuthorisedAdultShape() {
  static const ReplyShape<AuthorisedAdultRow> shape({
      {"id", rs::Id(), MemberOf(&AuthorisedAdultRow::id)},
      {"child_id", rs::Id(), MemberOf(&AuthorisedAdultRow::child_id)},
      {"full_name", rs::Text(), MemberOf(&AuthorisedAdultRow::full_name)},
      {"relationship", rs::Text(), MemberOf(&AuthorisedAdultRow::relationship)},
      {"document_id",
       rs::Described(rs::Nullable(rs::Text()), "Null for roles that do not manage the list."),
       [](const AuthorisedAdultRow& adult) {
         return adult.document_id.empty() ? nlohmann::json(nullptr)
                                          : nlohmann::json(adult.document_id);
       }},
      {"active", rs::Boolean(), MemberOf(&AuthorisedAdultRow::active)},
      {"created_at", rs::Instant(), MemberOf(&AuthorisedAdultRow::created_at)},
  });
  return shape;
}

// A leave's properties, read from the leave `leave_of` finds in a row: the
// leave itself (Leave) or a line of the leave book (LeaveBookEntry).
template <typename Row>
std::vector<typename ReplyShape<Row>::Property> LeaveProperties(
    const LeaveRow& (*leave_of)(const Row&)) {
  const auto read = [leave_of](auto member) {
    return [leave_of, member](const Row& row) { return nlohmann::json(leave_of(row).*member); };
  };
  return {
      {"id", rs::Id(), read(&LeaveRow::id)},
      {"child_id", rs::Id(), read(&LeaveRow::child_id)},
      {"facility_id", rs::Id(), read(&LeaveRow::facility_id)},
      {"adult_id", rs::Id(), read(&LeaveRow::adult_id)},
      {"adult_name", rs::Text(), read(&LeaveRow::adult_name)},
      {"reason", rs::Choice({"weekend_with_relatives", "hospital", "court", "other"}),
       read(&LeaveRow::reason)},
      {"left_at", rs::Instant(), read(&LeaveRow::left_at)},
      {"due_back_at", rs::Instant(), read(&LeaveRow::due_back_at)},
      {"returned_at", rs::Nullable(rs::Instant()),
       [leave_of](const Row& row) { return OrNull(leave_of(row).returned_at); }},
      {"note", rs::Text(), read(&LeaveRow::note)},
      {"created_at", rs::Instant(), read(&LeaveRow::created_at)},
  };
}

const LeaveRow& TheLeave(const LeaveRow& leave) { return leave; }
const LeaveRow& LeaveOfView(const LeaveView& view) { return view.leave; }

const ReplyShape<LeaveRow>& LeaveShape() {
  static const ReplyShape<LeaveRow> shape(LeaveProperties<LeaveRow>(&TheLeave));
  return shape;
}

const ReplyShape<LeaveView>& LeaveBookEntryShape() {
  static const ReplyShape<LeaveView> shape([] {
    auto properties = LeaveProperties<LeaveView>(&LeaveOfView);
    properties.push_back({"state", rs::Choice({"booked", "out", "overdue", "returned"}),
                          MemberOf(&LeaveView::state)});
    return properties;
  }());
  return shape;
}

const ReplyShape<HealthScheduleRow>& HealthScheduleEntryShape() {
  static const ReplyShape<HealthScheduleRow> shape({
      {"id", rs::Id(), MemberOf(&HealthScheduleRow::id)},
      {"kind", rs::Choice({"checkup", "vaccine"}), MemberOf(&HealthScheduleRow::kind)},
      {"name", rs::Text(), MemberOf(&HealthScheduleRow::name)},
      {"age_months", {{"type", "integer"}}, MemberOf(&HealthScheduleRow::age_months)},
      {"active", rs::Boolean(), MemberOf(&HealthScheduleRow::active)},
  });
  return shape;
}

const ReplyShape<AppointmentRow>& AppointmentShape() {
  static const ReplyShape<AppointmentRow> shape({
      {"id", rs::Id(), MemberOf(&AppointmentRow::id)},
      {"child_id", rs::Id(), MemberOf(&AppointmentRow::child_id)},
      {"schedule_id", rs::Nullable(rs::Id()),
       [](const AppointmentRow& row) { return OrNull(row.schedule_id); }},
      {"kind", rs::Choice({"checkup", "vaccine", "other"}), MemberOf(&AppointmentRow::kind)},
      {"name", rs::Text(), MemberOf(&AppointmentRow::name)},
      {"due_on", rs::Day(), MemberOf(&AppointmentRow::due_on)},
      {"done_on", rs::Nullable(rs::Day()),
       [](const AppointmentRow& row) { return OrNull(row.done_on); }},
      {"note", rs::Text(), MemberOf(&AppointmentRow::note)},
      {"created_at", rs::Instant(), MemberOf(&AppointmentRow::created_at)},
  });
  return shape;
}

const ReplyShape<HealthItem>& HealthItemShape() {
  static const ReplyShape<HealthItem> shape({
      {"schedule_id", rs::Nullable(rs::Id()),
       [](const HealthItem& item) { return OrNull(item.schedule_id); }},
      {"appointment_id", rs::Nullable(rs::Id()),
       [](const HealthItem& item) { return OrNull(item.appointment_id); }},
      {"kind", rs::Choice({"checkup", "vaccine", "other"}), MemberOf(&HealthItem::kind)},
      {"name", rs::Text(), MemberOf(&HealthItem::name)},
      {"due_on", rs::Day(), MemberOf(&HealthItem::due_on)},
      {"done_on", rs::Nullable(rs::Day()),
       [](const HealthItem& item) { return OrNull(item.done_on); }},
      {"status",
       rs::Described(rs::Choice({"done", "overdue", "due", "upcoming", "before_registration"}),
                     "done; overdue (due before as_of); due (within 30 days); upcoming; "
                     "before_registration (due before the child was registered, with no "
                     "appointment entered for it: never overdue)."),
       MemberOf(&HealthItem::status)},
  });
  return shape;
}

const ReplyShape<SchoolEnrolmentRow>& EnrolmentShape() {
  static const ReplyShape<SchoolEnrolmentRow> shape({
      {"id", rs::Id(), MemberOf(&SchoolEnrolmentRow::id)},
      {"child_id", rs::Id(), MemberOf(&SchoolEnrolmentRow::child_id)},
      {"setting", rs::Choice({"daycare", "school"}), MemberOf(&SchoolEnrolmentRow::setting)},
      {"institution", rs::Text(), MemberOf(&SchoolEnrolmentRow::institution)},
      {"level", rs::Text(), MemberOf(&SchoolEnrolmentRow::level)},
      {"started_on", rs::Day(), MemberOf(&SchoolEnrolmentRow::started_on)},
      {"created_at", rs::Instant(), MemberOf(&SchoolEnrolmentRow::created_at)},
  });
  return shape;
}

}  // namespace

std::vector<std::pair<std::string, nlohmann::json>> NurseryCareReplySchemas() {
  return {{"TransitionPlan", TransitionPlanShape().Schema()},
          {"AuthorisedAdult", AuthorisedAdultShape().Schema()},
          {"Leave", LeaveShape().Schema()},
          {"LeaveBookEntry", LeaveBookEntryShape().Schema()},
          {"HealthScheduleEntry", HealthScheduleEntryShape().Schema()},
          {"Appointment", AppointmentShape().Schema()},
          {"HealthItem", HealthItemShape().Schema()},
          {"Enrolment", EnrolmentShape().Schema()}};
}

nlohmann::json TransitionPlanToJson(const TransitionPlanView& view) {
  return TransitionPlanShape().ToJson(view);
}

nlohmann::json AuthorisedAdultToJson(const AuthorisedAdultRow& adult) {
  return AuthorisedAdultShape().ToJson(adult);
}

nlohmann::json LeaveToJson(const LeaveRow& leave) { return LeaveShape().ToJson(leave); }

nlohmann::json LeaveViewToJson(const LeaveView& view) { return LeaveBookEntryShape().ToJson(view); }

nlohmann::json ScheduleEntryToJson(const HealthScheduleRow& entry) {
  return HealthScheduleEntryShape().ToJson(entry);
}

nlohmann::json AppointmentToJson(const AppointmentRow& appointment) {
  return AppointmentShape().ToJson(appointment);
}

nlohmann::json HealthItemToJson(const HealthItem& item) { return HealthItemShape().ToJson(item); }

nlohmann::json SchoolEnrolmentToJson(const SchoolEnrolmentRow& enrolment) {
  return EnrolmentShape().ToJson(enrolment);
}

}  // namespace vinculo
